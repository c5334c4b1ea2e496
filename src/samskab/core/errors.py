from django.conf import settings
from django.core.exceptions import BadRequest, RequestDataTooBig
from django.utils.translation import gettext as _

from .formatting import megabytes


class DomainError(Exception):
    """A refused action with a translated, user-facing reason (and optionally the field)."""

    def __init__(self, message, field=None, code="refused"):
        super().__init__(str(message))
        self.message = message
        self.field = field
        self.code = code


class Conflict(DomainError):
    """Somebody else changed the object meanwhile; nothing was overwritten."""

    def __init__(self, message, current=None):
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
