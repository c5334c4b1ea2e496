"""The meetings' emails: who gets them and what they say, looked up when the task sends them
(core/email.py), so no address waits in the task queue. Each carries the meeting's .ics."""

import datetime as dt

from django.urls import reverse
from django.utils import timezone, translation
from django_tasks import task

from samskab.core import email

from . import ics
from .models import Invitation, Meeting, MeetingStatus, Response


def start_key(meeting):
    """The meeting's start as the reminder remembers it (UTC, so any loaded copy compares)."""
    return meeting.start.astimezone(dt.UTC).isoformat()


VARIABLES = ("name", "meeting", "when", "place", "url", "accept_url", "decline_url")
CANCELLATION_VARIABLES = ("name", "meeting", "when", "place", "url", "reason")


def _context(invitation):
    meeting = invitation.meeting
    start, end = timezone.localtime(meeting.start), timezone.localtime(meeting.end)
    from .services import response_token

    token = response_token(invitation)
    answer = reverse("meetings:respond", args=[token])
    return {
        "name": invitation.display_name,
        "meeting": meeting.title,
        "when": f"{start:%d.%m.%Y} {start:%H.%M}–{end:%H.%M}",
        "place": meeting.place or meeting.video_link,
        "url": email.site_url(meeting.get_absolute_url()),
        "accept_url": email.site_url(f"{answer}?svar=ja"),
        "decline_url": email.site_url(f"{answer}?svar=nej"),
        "reason": meeting.cancel_reason,
    }


def _message(pk):
    invitation = (
        Invitation.objects.select_related("meeting", "meeting__body", "person", "person__user")
        .filter(pk=pk)
        .first()
    )
    if invitation is None or not invitation.address:
        return None
    meeting = invitation.meeting
    # In the invitee's language: the email, and the calendar entry's own words.
    from .services import email_language

    language = email_language(invitation.language)
    with translation.override(language):
        calendar = ics.calendar_for(
            None, Meeting.objects.filter(pk=meeting.pk).select_related("body"), name=meeting.title
        )
    return invitation, email.Message(
        to=invitation.address,
        language=language,
        context=_context(invitation),
        attachments=(("moede.ics", calendar, "text/calendar"),),
    )


def invitation(pk):
    found = _message(pk)
    if found is None or found[0].meeting.status != MeetingStatus.PLANNED:
        return None
    return found[1]


def registration(pk):
    found = _message(pk)
    return None if found is None else found[1]


def cancellation(pk):
    """The meeting is cancelled: told to everybody invited who had not declined, with the
    calendar entry marked CANCELLED so their calendar drops it."""
    found = _message(pk)
    if found is None or found[0].meeting.status != MeetingStatus.CANCELLED:
        return None
    if found[0].response == Response.DECLINED:
        return None
    return found[1]


def reminder(pk, *, start=""):
    found = _message(pk)
    if found is None:
        return None
    invitation, message = found
    meeting = invitation.meeting
    # Moved or cancelled since the reminder was planned: the new time has its own reminder.
    if meeting.status != MeetingStatus.PLANNED or start_key(meeting) != start:
        return None
    if invitation.response == Response.DECLINED:
        return None
    return message


@task()
def send_reminders(meeting_pk: int, start: str) -> int:
    """Queue a reminder to everybody invited who has not declined (run by the worker before
    the meeting; a meeting moved since then is left to its new reminder)."""
    meeting = Meeting.objects.filter(pk=meeting_pk).first()
    if meeting is None or meeting.status != MeetingStatus.PLANNED:
        return 0
    if start_key(meeting) != start:
        return 0
    invited = meeting.invitations.exclude(response=Response.DECLINED).values_list("pk", flat=True)
    for pk in invited:
        email.queue("meetings.reminder", pk, start=start)
    return len(invited)
