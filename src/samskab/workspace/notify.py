"""Every notification the room sends goes through ``notify``.

Today it queues an email of a kind registered in ``apps.py`` (core/email.py: ids only, the
address is found when it is sent). When the portal's follow-and-digest machinery exists, this
one function is where the room's notifications are handed to it instead.
"""

from samskab.core import email


def notify(person, kind: str, obj) -> None:
    """Tell ``person`` about ``obj`` (``kind``: "mention" for a post, "invitation" for an
    invitation to a working group)."""
    email.queue(f"workspace.{kind}", obj.pk, person=person.pk)
