"""One error format for the whole API: {"detail": reason, "field": name or null, "errors": …}.

Every answer under /api/ has it, whatever went wrong: DRF's own exceptions (exception_handler),
the services' refusals (domain_error), and what Django answers before or around a view — an
unknown address, a request it refuses, a server error (json_or_page, wired in config/urls.py).
"""

from django.core.exceptions import RequestDataTooBig
from django.http import Http404, JsonResponse
from django.utils.translation import gettext as _
from drf_spectacular.utils import inline_serializer
from rest_framework import serializers, status
from rest_framework.exceptions import (
    APIException,
    NotFound,
    PermissionDenied,
    ValidationError,
)
from rest_framework.response import Response

from samskab.core.errors import Conflict, RequestRefused, RequestTooLarge, too_large_message

API_PREFIX = "/api/"

ERROR = inline_serializer(
    "Error",
    {
        "detail": serializers.CharField(),
        "field": serializers.CharField(allow_null=True),
        "errors": serializers.DictField(required=False),
    },
)


class BodyTooLarge(APIException):
    status_code = status.HTTP_413_REQUEST_ENTITY_TOO_LARGE
    default_code = "too_large"

    def __init__(self, limit: int):
        super().__init__(too_large_message(RequestTooLarge(limit)))


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
    if isinstance(exc, PermissionDenied) and str(exc.detail).startswith("CSRF Failed"):
        # DRF's message is English and names Django internals; say what to send instead.
        exc = PermissionDenied(
            _(
                "The CSRF check failed: a request with the session cookie must send the "
                "csrftoken cookie's value in the X-CSRFToken header."
            )
        )
    if isinstance(exc, Http404):
        # Django's message names the model in English ("No Body matches the given query.");
        # DRF would pass it on as it is.
        exc = NotFound()
    # Imported here: rest_framework.views loads the parsers, which use this module.
    from rest_framework.views import exception_handler as drf_exception_handler

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


def domain_error(error, **extra):
    """A service's refusal (core.errors.DomainError) as an answer: 403 when the predicate
    said no, 409 for a conflict, 400 otherwise; ``extra`` adds fields (e.g. the current
    version in a conflict)."""
    if error.code == "forbidden":
        raise PermissionDenied(str(error.message))
    body = {
        "detail": str(error.message),
        "field": error.field,
        # Every refused field at once (a service may collect several).
        "errors": {f or "non_field_errors": [str(m)] for f, m in error.errors.items()},
        **extra,
    }
    code = status.HTTP_409_CONFLICT if isinstance(error, Conflict) else status.HTTP_400_BAD_REQUEST
    return Response(body, status=code)


def _json_error(status_code: int, detail: str) -> JsonResponse:
    return JsonResponse({"detail": detail, "field": None}, status=status_code)


def json_or_page(status_code: int, page_view):
    """Django's handler for ``status_code``: the API's error format under /api/, else the
    site's page (``page_view``)."""

    def handler(request, exception=None):
        if not request.path.startswith(API_PREFIX):
            return page_view(request) if status_code == 500 else page_view(request, exception)
        if isinstance(exception, RequestDataTooBig):
            return _json_error(413, too_large_message(exception))
        if isinstance(exception, RequestRefused):
            return _json_error(status_code, str(exception))
        messages = {
            400: _("The request could not be understood."),
            403: _("You do not have permission to do this."),
            404: _("Not found: there is no such address in the API."),
            500: _("Something went wrong on our side. Try again later."),
        }
        return _json_error(status_code, messages[status_code])

    return handler
