"""One error format for the whole API: {"detail": reason, "field": name or null, "errors": …}."""

from drf_spectacular.utils import inline_serializer
from rest_framework import serializers
from rest_framework.exceptions import ValidationError
from rest_framework.views import exception_handler as drf_exception_handler

ERROR = inline_serializer(
    "Error",
    {
        "detail": serializers.CharField(),
        "field": serializers.CharField(allow_null=True),
        "errors": serializers.DictField(required=False),
    },
)


def _first(errors):
    """The first (field, message) in DRF's nested error structure."""
    if isinstance(errors, dict):
        for key, value in errors.items():
            field, message = _first(value)
            return (
                key if field is None or key == "non_field_errors" else f"{key}.{field}"
            ), message
    if isinstance(errors, list) and errors:
        return _first(errors[0])
    return None, str(errors)


def exception_handler(exc, context):
    response = drf_exception_handler(exc, context)
    if response is None:
        return None
    data = response.data
    if isinstance(exc, ValidationError):
        field, message = _first(data)
        if field in ("non_field_errors", None):
            field = None
        response.data = {
            "detail": f"{field}: {message}" if field else message,
            "field": field,
            "errors": data if isinstance(data, dict) else {"non_field_errors": data},
        }
    elif isinstance(data, dict) and "detail" in data:
        response.data = {"detail": str(data["detail"]), "field": data.get("field")}
    return response
