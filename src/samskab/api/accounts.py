"""Personal API tokens in the API: the same services as Min side."""

from typing import cast

from django.shortcuts import get_object_or_404
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.exceptions import PermissionDenied
from rest_framework.response import Response

from samskab.accounts import rules as perms
from samskab.accounts import services
from samskab.accounts.models import ApiToken, User
from samskab.core.errors import DomainError

from .errors import ERROR, domain_error
from .parsers import JSONParser


class ApiTokenSerializer(serializers.ModelSerializer):
    class Meta:
        model = ApiToken
        fields = ["id", "name", "prefix", "created"]
        read_only_fields = ["id", "prefix", "created"]
        extra_kwargs = {"name": {"max_length": 100}}


class NewApiTokenSerializer(ApiTokenSerializer):
    key = serializers.CharField(read_only=True, help_text="Shown this once only: keep it safe.")

    class Meta(ApiTokenSerializer.Meta):
        fields = ApiTokenSerializer.Meta.fields + ["key"]


class ApiTokenViewSet(mixins.ListModelMixin, viewsets.GenericViewSet):
    """Your own API tokens (council members and the secretariat): list, create, revoke."""

    serializer_class = ApiTokenSerializer
    parser_classes = [JSONParser]
    pagination_class = None  # at most accounts.services.MAX_TOKENS
    lookup_value_regex = "[0-9]{1,18}"

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # the OpenAPI generator, no request
            return ApiToken.objects.none()
        if not perms.can_use_api(self.request.user):
            raise PermissionDenied
        return ApiToken.objects.filter(user=cast(User, self.request.user))

    @extend_schema(
        request=ApiTokenSerializer, responses={201: NewApiTokenSerializer, 400: ERROR, 403: ERROR}
    )
    def create(self, request):
        data = ApiTokenSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        try:
            token, key = services.create_token(request.user, name=data.validated_data["name"])
        except DomainError as error:
            return domain_error(error)
        # The key is shown this once only: a plain attribute for the serializer, not a field.
        token.key = key  # type: ignore[attr-defined]
        return Response(NewApiTokenSerializer(token).data, status=status.HTTP_201_CREATED)

    @extend_schema(responses={204: None, 403: ERROR, 404: ERROR})
    def destroy(self, request, pk=None):
        if not request.user.is_authenticated:
            raise PermissionDenied
        # Someone else's token is as unknown as one that never existed.
        token = get_object_or_404(ApiToken, pk=pk, user=request.user)
        services.revoke_token(request.user, token)
        return Response(status=status.HTTP_204_NO_CONTENT)
