"""Follows in the API: the caller's own, made and removed through the same services."""

from django.apps import apps
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from samskab.core.errors import DomainError
from samskab.follows import services
from samskab.follows.models import DigestSettings, Follow, Frequency

from .errors import ERROR, domain_error


class FollowSerializer(serializers.ModelSerializer):
    kind = serializers.SerializerMethodField()
    target = serializers.SerializerMethodField()

    class Meta:
        model = Follow
        fields = ["id", "kind", "target", "query", "created"]
        read_only_fields = fields

    def get_kind(self, follow) -> str:
        if follow.query:
            return "search"
        model = follow.content_type.model_class() if follow.content_type_id else None
        return next(
            (
                k
                for k, (app, name) in services.FOLLOWABLE.items()
                if model is not None
                and (model._meta.app_label, model._meta.model_name) == (app, name)
            ),
            "",
        )

    def get_target(self, follow) -> str | None:
        target = follow.target if follow.content_type_id else None
        return getattr(target, "slug", None)


FOLLOW_KINDS = [("body", "body"), ("topic", "topic"), ("search", "search")]


class FollowWriteSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=FOLLOW_KINDS)
    target = serializers.CharField(max_length=100, required=False, allow_blank=True, default="")
    query = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")


class FollowViewSet(mixins.ListModelMixin, mixins.DestroyModelMixin, viewsets.GenericViewSet):
    """What the caller follows (bodies, topics, saved searches); news comes in the digest."""

    serializer_class = FollowSerializer
    permission_classes = [IsAuthenticated]
    lookup_value_regex = "[0-9]{1,10}"

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Follow.objects.none()
        return (
            # IsAuthenticated has let only a logged-in user this far.
            Follow.objects.filter(user_id=self.request.user.pk or 0)
            .select_related("content_type")
            .order_by("-created", "-id")
        )

    @extend_schema(
        request=FollowWriteSerializer, responses={201: FollowSerializer, 400: ERROR, 403: ERROR}
    )
    def create(self, request):
        data = FollowWriteSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        v = data.validated_data
        target = None
        if v["kind"] != "search":
            app_label, model = services.FOLLOWABLE[v["kind"]]
            target = apps.get_model(app_label, model).objects.filter(slug=v["target"]).first()
            if target is None:
                return Response(
                    {"detail": _("Unknown target: choose one from the list."), "field": "target"},
                    status=status.HTTP_400_BAD_REQUEST,
                )
        try:
            follow = services.follow(
                request.user, target, query=v["query"] if target is None else ""
            )
        except DomainError as error:
            return domain_error(error)
        return Response(FollowSerializer(follow).data, status=status.HTTP_201_CREATED)

    @extend_schema(responses={204: None, 404: ERROR})
    def destroy(self, request, pk=None):
        follow = self.get_object()
        services.unfollow(request.user, follow)
        return Response(status=status.HTTP_204_NO_CONTENT)


class DigestSettingsSerializer(serializers.ModelSerializer):
    class Meta:
        model = DigestSettings
        fields = ["frequency", "immediate", "last_sent"]
        read_only_fields = ["last_sent"]


class DigestSettingsWriteSerializer(serializers.Serializer):
    frequency = serializers.ChoiceField(choices=Frequency.choices)
    immediate = serializers.BooleanField(
        help_text="Email at once what needs the caller (a draft open for their input, an "
        "invitation, a decision due, a mention); false: it comes in the digest."
    )


class DigestSettingsView(APIView):
    """The caller's digest: how often it comes, and whether what needs them comes at once."""

    permission_classes = [IsAuthenticated]

    @extend_schema(
        operation_id="digest_settings_retrieve", responses={200: DigestSettingsSerializer}
    )
    def get(self, request):
        found = DigestSettings.objects.filter(user_id=request.user.pk).first()
        if found is None:
            # Not stored until the person chooses: the defaults, without a write on GET.
            found = DigestSettings(user=request.user)
        return Response(DigestSettingsSerializer(found).data)

    @extend_schema(
        operation_id="digest_settings_update",
        request=DigestSettingsWriteSerializer,
        responses={200: DigestSettingsSerializer, 400: ERROR, 403: ERROR},
    )
    def put(self, request):
        data = DigestSettingsWriteSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        try:
            found = services.set_digest(request.user, **data.validated_data)
        except DomainError as error:
            return domain_error(error)
        return Response(DigestSettingsSerializer(found).data)
