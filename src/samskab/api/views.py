from django.db.models import Count, Prefetch, Q
from django.utils import timezone
from django_filters import rest_framework as filters
from drf_spectacular.utils import OpenApiExample, extend_schema, inline_serializer
from rest_framework import serializers, status, viewsets
from rest_framework.parsers import JSONParser
from rest_framework.response import Response
from rest_framework.views import APIView

from samskab.appointment import dhondt
from samskab.appointment import services as appointment_services
from samskab.organisation import queries
from samskab.organisation.models import Body, BodyKind, Group, Membership

from . import serializers as s


class BodyFilter(filters.FilterSet):
    kind = filters.ChoiceFilter(choices=BodyKind.choices)

    class Meta:
        model = Body
        fields = ["kind"]


class BodyViewSet(viewsets.ReadOnlyModelViewSet):
    """Bodies of every kind with their current members. Filter with ``?kind=``."""

    serializer_class = s.BodySerializer
    filterset_class = BodyFilter
    lookup_field = "slug"

    def get_queryset(self):
        return (
            Body.objects.select_related("parent")
            .prefetch_related(queries.membership_prefetch())
            .order_by("kind", "-start_date", "name", "id")
        )


class GroupViewSet(viewsets.ReadOnlyModelViewSet):
    """The groups (valggrupper) of every term, with their current council members."""

    serializer_class = s.GroupSerializer

    def get_queryset(self):
        today = timezone.localdate()
        council_current = Membership.objects.current(today).filter(body__kind=BodyKind.COUNCIL)
        current = Q(memberships__in=council_current)
        return (
            Group.objects.select_related("term")
            .prefetch_related(
                "parties",
                Prefetch(
                    "memberships",
                    queryset=council_current.select_related("person"),
                    to_attr="council_memberships",
                ),
            )
            .annotate(size=Count("memberships", filter=current, distinct=True))
            .order_by("-term__start_date", "short_name", "id")
        )


class PersonViewSet(viewsets.ReadOnlyModelViewSet):
    """People who hold or held a seat in a body: public fields only."""

    serializer_class = s.PersonSerializer

    def get_queryset(self):
        return queries.public_people().order_by("name", "id")


DHONDT_REQUEST = inline_serializer(
    "DhondtRequest",
    {
        "seats": serializers.IntegerField(min_value=1),
        "groups": inline_serializer(
            "DhondtGroup",
            {"name": serializers.CharField(), "size": serializers.IntegerField(min_value=1)},
            many=True,
        ),
        "seed": serializers.CharField(required=False, allow_null=True),
    },
)
DHONDT_RESPONSE = inline_serializer(
    "DhondtResult",
    {
        "seats": serializers.DictField(child=serializers.IntegerField()),
        "order": inline_serializer(
            "DhondtPick",
            {
                "group": serializers.CharField(),
                "quotient": serializers.CharField(help_text='"p" or "p/q" in lowest terms'),
                "by_lot": serializers.BooleanField(),
            },
            many=True,
        ),
        "seed": serializers.CharField(),
    },
)
from .errors import ERROR  # noqa: E402


class DhondtView(APIView):
    """Share seats among groups by d'Hondt; equal quotients are decided by a seeded lot."""

    parser_classes = [JSONParser]
    authentication_classes: list = []

    @extend_schema(
        operation_id="dhondt",
        request=DHONDT_REQUEST,
        responses={200: DHONDT_RESPONSE, 400: ERROR},
        examples=[
            OpenApiExample(
                "Gentofte 2021, 15 seats as one",
                request_only=True,
                value={
                    "seats": 15,
                    "groups": [
                        {"name": "C", "size": 12},
                        {"name": "A", "size": 2},
                        {"name": "B", "size": 2},
                        {"name": "V", "size": 1},
                        {"name": "F", "size": 1},
                        {"name": "Ø", "size": 1},
                    ],
                    "seed": "gentofte-2021",
                },
            )
        ],
    )
    def post(self, request):
        try:
            seats, groups, seed = dhondt.parse_request(request.data)
            result = dhondt.allocate(seats, groups, seed)
        except dhondt.DhondtInputError as error:
            return Response(
                {
                    "detail": appointment_services.error_message(error),
                    "field": error.params.get("field") or None,
                },
                status=status.HTTP_400_BAD_REQUEST,
            )
        return Response(dhondt.result_to_json(result))
