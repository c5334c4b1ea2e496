"""One place to record decisions: who did what, to which object, when (django-auditlog)."""

from auditlog.models import LogEntry


def record(actor, instance, action: str, changes: dict | None = None, **data):
    """Write an audit entry for a decision taken through a service.

    ``action`` is a short machine name (e.g. ``"transition"``); ``changes`` maps a field to
    ``[old, new]`` as auditlog shows it; ``data`` holds the rest (reference, date, note).
    """
    user = actor if getattr(actor, "is_authenticated", False) else None
    return LogEntry.objects.log_create(
        instance,
        force_log=True,
        action=LogEntry.Action.UPDATE,
        actor=user,
        changes=changes or {},
        additional_data={"action": action, **{k: str(v) for k, v in data.items()}},
    )
