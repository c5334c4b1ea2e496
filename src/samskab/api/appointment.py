"""The seat engine in the API: d'Hondt with a recorded lot."""

from drf_spectacular.utils import OpenApiExample, extend_schema, inline_serializer
from rest_framework import serializers, status
from rest_framework.response import Response
from rest_framework.views import APIView

from samskab.appointment import services as appointment_services
from samskab.seats import dhondt

from .errors import ERROR
from .parsers import JSONParser

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
