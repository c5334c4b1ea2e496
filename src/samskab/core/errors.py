from collections.abc import Mapping
from typing import Any

from django.conf import settings
from django.core.exceptions import BadRequest, RequestDataTooBig
from django.utils.translation import gettext as _

from .formatting import megabytes


class DomainError(Exception):
    """A refused action with a translated, user-facing reason (and optionally the field).

    A service that checks several fields collects every refusal into one error
    (``DomainError.collect``): ``errors`` maps each field (``None``: the action as a whole) to
    its reason, so a page shows each next to its field and the API lists them all at once.
    ``message`` and ``field`` are the first of them."""

    def __init__(
        self,
        message: Any,
        field: str | None = None,
        code: str = "refused",
        errors: Mapping[str | None, Any] | None = None,
    ) -> None:
        super().__init__(str(message))
        self.message = message
        self.field = field
        self.code = code
        self.errors: dict[str | None, Any] = dict(errors) if errors else {field: message}

    @classmethod
    def collect(cls, errors: Mapping[str | None, Any], code: str = "refused") -> "DomainError":
        field, message = next(iter(errors.items()))
        return cls(message, field=field, code=code, errors=errors)


class Errors:
    """Collects refusals field by field; ``raise_if_any`` raises them as one ``DomainError``."""

    def __init__(self) -> None:
        self.by_field: dict[str | None, Any] = {}

    def add(self, field: str | None, message: Any) -> None:
        # The first reason for a field is the one to fix first; later ones would repeat it.
        self.by_field.setdefault(field, message)

    def __contains__(self, field: str | None) -> bool:
        return field in self.by_field

    def __bool__(self) -> bool:
        return bool(self.by_field)

    def raise_if_any(self, code: str = "refused") -> None:
        if self.by_field:
            raise DomainError.collect(self.by_field, code=code)


class Conflict(DomainError):
    """Somebody else changed the object meanwhile; nothing was overwritten."""

    def __init__(self, message: Any, current: Any = None) -> None:
        super().__init__(message, code="conflict")
        self.current = current


class RequestRefused(BadRequest):
    """A request refused before any view, with a translated reason that may be shown as it
    is (unlike Django's own SuspiciousOperation messages, which stay in the log)."""


class RequestTooLarge(RequestDataTooBig):
    """A request body larger than any we accept (``limit`` bytes), refused before it is read."""

    def __init__(self, limit: int):
        super().__init__(f"Request body larger than {limit} bytes.")
        self.limit = limit


def too_large_message(exception) -> str:
    """The reason for a 413, in the active language."""
    limit = getattr(exception, "limit", None) or settings.DATA_UPLOAD_MAX_MEMORY_SIZE
    return _("The request is too large: at most %(size)s MB.") % {"size": megabytes(limit)}
