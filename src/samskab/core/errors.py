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
