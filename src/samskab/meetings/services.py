"""Meetings' business rules: every write goes through here, from the pages and the API.

Each function takes the acting user first, runs in a transaction, asks the predicate, validates,
writes the audit entry and raises ``DomainError`` (or ``Conflict``) with a translated reason.
Every change a calendar should pick up raises the meeting's ``sequence`` (iCalendar SEQUENCE).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from zoneinfo import ZoneInfo

from dateutil import rrule
from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.db.models import F, Max
from django.utils import timezone
from django.utils.translation import gettext as _

from samskab.core import audit, email
from samskab.core.access import AccessLevel
from samskab.core.errors import Conflict, DomainError
from samskab.organisation.models import Body, BodyKind, Membership, Person
from samskab.taskcommittees import services as task_services

from . import queries
from . import rules as perms
from .models import (
    AgendaItem,
    Attendance,
    CalendarToken,
    Invitation,
    InvitationKind,
    Meeting,
    MeetingKind,
    MeetingStatus,
    Presence,
    Purpose,
    Response,
    Series,
    StepAtMeeting,
    Topic,
)

LOCAL = ZoneInfo(settings.TIME_ZONE)
# A series is a plan for a year or so: more dates than this is a typing error.
MAX_SERIES = 60
MAX_LENGTH = dt.timedelta(days=3)

# The access level a new meeting gets unless the secretariat chooses another.
DEFAULT_ACCESS = {
    MeetingKind.COUNCIL: AccessLevel.PUBLIC,
    MeetingKind.JOINT: AccessLevel.COUNCIL,
    MeetingKind.STANDING_COMMITTEE: AccessLevel.PUBLIC,
    MeetingKind.TASK_COMMITTEE: AccessLevel.BODY,
    MeetingKind.WORKSHOP: AccessLevel.PUBLIC,
    MeetingKind.WORKING_GROUP: AccessLevel.BODY,
}
# The kind of meeting a body holds by default.
KIND_FOR_BODY = {
    BodyKind.COUNCIL: MeetingKind.COUNCIL,
    BodyKind.FINANCE_COMMITTEE: MeetingKind.STANDING_COMMITTEE,
    BodyKind.STANDING_COMMITTEE: MeetingKind.STANDING_COMMITTEE,
    BodyKind.TASK_COMMITTEE: MeetingKind.TASK_COMMITTEE,
    BodyKind.WORKING_GROUP: MeetingKind.WORKING_GROUP,
}


def _require(predicate, user, obj=None):
    allowed = predicate(user, obj) if obj is not None else predicate(user)
    if not allowed:
        raise DomainError(_("You do not have permission to do this."), code="forbidden")


def _user(actor):
    return actor if getattr(actor, "is_authenticated", False) else None


def _locked(meeting):
    """The meeting row, locked until the transaction ends (two secretaries, one meeting)."""
    return Meeting.objects.select_for_update(of=("self",)).select_related("body").get(pk=meeting.pk)


def _bump(meeting):
    Meeting.objects.filter(pk=meeting.pk).update(sequence=F("sequence") + 1)
    meeting.refresh_from_db(fields=["sequence", "updated"])


def local(moment):
    return timezone.localtime(moment, LOCAL)


def combine(day, time):
    """A local date and wall-clock time as an aware datetime (Europe/Copenhagen)."""
    return dt.datetime.combine(day, time, tzinfo=LOCAL)


# --- Validation shared with the forms ------------------------------------------------------


def validate_times(start, end):
    """Field errors for a meeting's start and end (also used by the forms)."""
    errors = {}
    if start is None:
        errors["start"] = _("Give the start of the meeting.")
    if end is None:
        errors["end"] = _("Give the end of the meeting.")
    if start and end:
        if end <= start:
            errors["end"] = _("The meeting must end after it starts.")
        elif end - start > MAX_LENGTH:
            errors["end"] = _("A meeting lasts at most three days; plan a series instead.")
    return errors


def room_clashes(place, start, end, exclude=None):
    """Meetings not cancelled in the same place that overlap the given time."""
    place = (place or "").strip()
    if not place or start is None or end is None:
        return Meeting.objects.none()
    qs = (
        Meeting.objects.filter(place__iexact=place, start__lt=end, end__gt=start)
        .exclude(status=MeetingStatus.CANCELLED)
        .select_related("body")
    )
    if exclude is not None:
        qs = qs.exclude(pk=exclude.pk)
    return qs


def _check_room(place, start, end, exclude, allow_double_booking):
    clashes = list(room_clashes(place, start, end, exclude)[:3])
    if clashes and not allow_double_booking:
        names = ", ".join(
            f"{c.title} ({local(c.start):%d.%m.%Y %H:%M}–{local(c.end):%H:%M})" for c in clashes
        )
        raise DomainError(
            _(
                "%(place)s is already booked then: %(meetings)s. Choose another place or time, "
                "or confirm that the room is booked twice."
            )
            % {"place": place.strip(), "meetings": names},
            field="place",
            code="double_booking",
        )
    return clashes


def _clean(data):
    title = (data.get("title") or "").strip()
    if not title:
        raise DomainError(_("Give the meeting a title."), field="title")
    errors = validate_times(data.get("start"), data.get("end"))
    if errors:
        field, message = next(iter(errors.items()))
        raise DomainError(message, field=field)
    kind = data.get("kind")
    if kind not in MeetingKind.values:
        raise DomainError(_("Choose the kind of meeting."), field="kind")
    level = data.get("access_level")
    if level not in AccessLevel.values:
        raise DomainError(_("Choose who may see the meeting."), field="access_level")
    capacity = data.get("capacity")
    if capacity is not None and capacity < 1:
        raise DomainError(_("A workshop with registration needs at least one place."), "capacity")
    data["title"] = title[:200]
    data["place"] = (data.get("place") or "").strip()[:200]
    data["video_link"] = (data.get("video_link") or "").strip()
    data["description"] = (data.get("description") or "").strip()
    return data


# --- Meetings ------------------------------------------------------------------------------


@transaction.atomic
def plan_meeting(
    actor,
    *,
    body,
    title,
    start,
    end,
    kind=None,
    place="",
    video_link="",
    access_level=None,
    description="",
    capacity=None,
    allow_double_booking=False,
    series=None,
    propose_agenda=True,
    invite=True,
):
    """Plan one meeting. A joint meeting gets its agenda proposed from the task committees'
    life (``propose_joint_agenda``); the body's members are invited by email (``invite``)
    and reminded before the meeting."""
    _require(perms.can_plan, actor)
    if body is None:
        raise DomainError(_("Choose the body that meets."), field="body")
    kind = kind or KIND_FOR_BODY.get(body.kind, MeetingKind.WORKSHOP)
    data = _clean(
        {
            "title": title,
            "start": start,
            "end": end,
            "kind": kind,
            "place": place,
            "video_link": video_link,
            "access_level": access_level or DEFAULT_ACCESS.get(kind, AccessLevel.PUBLIC),
            "description": description,
            "capacity": capacity,
        }
    )
    _check_room(data["place"], start, end, None, allow_double_booking)
    meeting = Meeting.objects.create(body=body, series=series, **data)
    audit.record(actor, meeting, "plan_meeting", start=start.isoformat())
    if kind == MeetingKind.JOINT and propose_agenda:
        propose_joint_agenda(actor, meeting)
    if invite and meeting.start > timezone.now():
        invite_members(actor, meeting)
    return meeting


EDITABLE = [
    "title",
    "kind",
    "start",
    "end",
    "place",
    "video_link",
    "access_level",
    "description",
    "capacity",
]


@transaction.atomic
def update_meeting(
    actor, meeting, *, expected_sequence=None, allow_double_booking=False, **changes
):
    """Change (e.g. move) one meeting. ``expected_sequence`` is the revision the editor saw:
    if somebody changed the meeting meanwhile nothing is saved."""
    meeting = _locked(meeting)
    _require(perms.can_edit_meeting, actor, meeting)
    if expected_sequence is not None and expected_sequence != meeting.sequence:
        raise Conflict(
            _(
                "Somebody changed the meeting while you were editing. Nothing was saved: check "
                "the meeting as it is now and try again."
            ),
            current=meeting,
        )
    unknown = set(changes) - set(EDITABLE)
    if unknown:
        raise DomainError(_("These fields cannot be changed: %s") % ", ".join(sorted(unknown)))
    data = {field: changes.get(field, getattr(meeting, field)) for field in EDITABLE}
    data = _clean(data)
    _check_room(data["place"], data["start"], data["end"], meeting, allow_double_booking)
    before = {field: getattr(meeting, field) for field in EDITABLE}
    diff = {f: [str(before[f]), str(data[f])] for f in EDITABLE if before[f] != data[f]}
    if not diff:
        return meeting
    for field, value in data.items():
        setattr(meeting, field, value)
    meeting.sequence += 1
    meeting.save()
    audit.record(actor, meeting, "update_meeting", diff)
    if "start" in diff and meeting.invitations.exists():
        schedule_reminders(meeting)
    return meeting


@transaction.atomic
def cancel_meeting(actor, meeting, *, reason=""):
    meeting = _locked(meeting)
    _require(perms.can_cancel_meeting, actor, meeting)
    reason = (reason or "").strip()
    if not reason:
        raise DomainError(_("Give the reason for cancelling the meeting."), field="reason")
    meeting.status = MeetingStatus.CANCELLED
    meeting.cancel_reason = reason[:300]
    meeting.sequence += 1
    meeting.save()
    audit.record(
        actor, meeting, "cancel_meeting", {"status": ["planned", "cancelled"]}, note=reason
    )
    # Everybody who may still be coming hears of it, with the cancelled event for their
    # calendar (sent by the worker once the transaction commits).
    for pk in meeting.invitations.exclude(response=Response.DECLINED).values_list("pk", flat=True):
        email.queue("meetings.cancellation", pk)
    return meeting


@transaction.atomic
def mark_held(actor, meeting):
    meeting = _locked(meeting)
    _require(perms.can_mark_held, actor, meeting)
    if meeting.start > timezone.now():
        raise DomainError(_("A meeting can be marked as held once it has begun."), code="too_early")
    meeting.status = MeetingStatus.HELD
    meeting.sequence += 1
    meeting.save()
    audit.record(actor, meeting, "mark_held", {"status": ["planned", "held"]})
    return meeting


# --- Series --------------------------------------------------------------------------------


def series_dates(rule, first_start, first_end, *, until=None, count=None):
    """The (start, end) of every meeting of a series, as aware datetimes.

    The recurrence runs on the local wall clock, so "every third Tuesday 17–19" stays 17–19
    across the change to and from daylight saving time; each date is then placed in
    Europe/Copenhagen (and so stored in UTC with the right offset)."""
    errors = validate_times(first_start, first_end)
    if errors:
        field, message = next(iter(errors.items()))
        raise DomainError(message, field=field)
    start_local = local(first_start).replace(tzinfo=None)
    length = local(first_end).replace(tzinfo=None) - start_local
    text = (rule or "").strip().upper().removeprefix("RRULE:")
    if not text or "DTSTART" in text or "\n" in text:
        raise DomainError(_("Give the recurrence, e.g. FREQ=MONTHLY;BYDAY=+3TU."), field="rule")
    try:
        recurrence = rrule.rrulestr(text, dtstart=start_local, forceset=False)
    except (ValueError, TypeError, KeyError):
        raise DomainError(_("The recurrence cannot be read."), field="rule") from None
    if not isinstance(recurrence, rrule.rrule):
        raise DomainError(_("The recurrence cannot be read."), field="rule")
    if until is not None or count is not None:
        recurrence = recurrence.replace(
            until=dt.datetime.combine(until, dt.time.max) if until else None,
            count=count if until is None else None,
        )
    elif recurrence._count is None and recurrence._until is None:
        raise DomainError(
            _("Say when the series ends: a last date or a number of meetings."), "rule"
        )
    dates: list[tuple[dt.datetime, dt.datetime]] = []
    for occurrence in recurrence:
        if len(dates) >= MAX_SERIES:
            raise DomainError(
                _("A series has at most %(n)s meetings; end it earlier.") % {"n": MAX_SERIES},
                field="until",
            )
        dates.append(
            (occurrence.replace(tzinfo=LOCAL), (occurrence + length).replace(tzinfo=LOCAL))
        )
    if not dates:
        raise DomainError(_("The recurrence gives no dates."), field="rule")
    return dates, str(recurrence).split("\n")[-1].removeprefix("RRULE:")


@transaction.atomic
def plan_series(
    actor,
    *,
    body,
    title,
    first_start,
    first_end,
    rule,
    until=None,
    count=None,
    kind=None,
    place="",
    video_link="",
    access_level=None,
    description="",
    allow_double_booking=False,
    invite=True,
):
    """Plan a series as single meetings that can be moved one by one afterwards."""
    _require(perms.can_plan, actor)
    if body is None:
        raise DomainError(_("Choose the body that meets."), field="body")
    dates, rule_text = series_dates(rule, first_start, first_end, until=until, count=count)
    series = Series.objects.create(body=body, title=(title or "").strip()[:200], rule=rule_text)
    meetings = [
        plan_meeting(
            actor,
            body=body,
            title=title,
            start=start,
            end=end,
            kind=kind,
            place=place,
            video_link=video_link,
            access_level=access_level,
            description=description,
            allow_double_booking=allow_double_booking,
            series=series,
            invite=invite,
        )
        for start, end in dates
    ]
    audit.record(actor, series, "plan_series", rule=rule_text, meetings=len(meetings))
    return series, meetings


# --- Agenda --------------------------------------------------------------------------------


def _locked_item(item):
    # Lock the item's row only: PostgreSQL refuses FOR UPDATE on the nullable side of the
    # outer join that "concerns" needs.
    return (
        AgendaItem.objects.select_for_update(of=("self",))
        .select_related("meeting", "meeting__body", "concerns")
        .get(pk=item.pk)
    )


def _clean_item(title, purpose, topic):
    title = (title or "").strip()
    if not title:
        raise DomainError(_("Give the item a title."), field="title")
    if purpose not in Purpose.values:
        raise DomainError(_("Choose the item's purpose."), field="purpose")
    if topic and topic not in Topic.values:
        raise DomainError(_("Choose the topic from the list."), field="topic")
    return title[:300]


@transaction.atomic
def add_item(
    actor,
    meeting,
    *,
    title,
    text="",
    concerns=None,
    purpose=Purpose.DISCUSSION,
    is_closed=False,
    topic="",
):
    meeting = _locked(meeting)
    _require(perms.can_edit_agenda, actor, meeting)
    title = _clean_item(title, purpose, topic)
    number = (meeting.items.aggregate(n=Max("number"))["n"] or 0) + 1
    item = AgendaItem.objects.create(
        meeting=meeting,
        number=number,
        title=title,
        text=(text or "").strip(),
        concerns=concerns,
        purpose=purpose,
        is_closed=bool(is_closed),
        topic=topic or "",
    )
    _bump(meeting)
    audit.record(actor, item, "add_item", number=number)
    return item


@transaction.atomic
def update_item(actor, item, **changes):
    item = _locked_item(item)
    _require(perms.can_edit_agenda, actor, item.meeting)
    if item.minutes_frozen:
        raise DomainError(
            _("The minutes of this item are approved: the item can no longer change."),
            code="frozen",
        )
    allowed = {"title", "text", "concerns", "purpose", "is_closed", "topic"}
    unknown = set(changes) - allowed
    if unknown:
        raise DomainError(_("These fields cannot be changed: %s") % ", ".join(sorted(unknown)))
    data = {f: changes.get(f, getattr(item, f)) for f in allowed}
    data["title"] = _clean_item(data["title"], data["purpose"], data["topic"])
    data["text"] = (data["text"] or "").strip()
    data["is_closed"] = bool(data["is_closed"])
    data["topic"] = data["topic"] or ""
    diff = {f: [str(getattr(item, f)), str(v)] for f, v in data.items() if getattr(item, f) != v}
    for field, value in data.items():
        setattr(item, field, value)
    item.save()
    if diff:
        _bump(item.meeting)
        audit.record(actor, item, "update_item", diff)
    return item


@transaction.atomic
def move_item(actor, item, *, up):
    """Swap the item with its neighbour above (``up``) or below."""
    meeting = _locked(item.meeting)
    _require(perms.can_edit_agenda, actor, meeting)
    item = AgendaItem.objects.get(pk=item.pk)
    neighbours = meeting.items.filter(
        number__lt=item.number if up else 32767, number__gt=0 if up else item.number
    ).order_by("-number" if up else "number")
    other = neighbours.first()
    if other is None:
        raise DomainError(
            _("The item is already first.") if up else _("The item is already last."),
            code="edge",
        )
    a, b = item.number, other.number
    # Through 0, which no item has, so the unique (meeting, number) holds at every step.
    AgendaItem.objects.filter(pk=item.pk).update(number=0)
    AgendaItem.objects.filter(pk=other.pk).update(number=a)
    AgendaItem.objects.filter(pk=item.pk).update(number=b)
    item.number = b
    _bump(meeting)
    audit.record(actor, item, "move_item", {"number": [a, b]})
    return item


@transaction.atomic
def remove_item(actor, item):
    item = _locked_item(item)
    meeting = _locked(item.meeting)
    _require(perms.can_edit_agenda, actor, meeting)
    if item.minutes.strip() or item.minutes_frozen:
        raise DomainError(
            _("The item has minutes: it is part of the record and cannot be removed."),
            code="has_minutes",
        )
    if item.steps.exists():
        raise DomainError(
            _("A task committee's step was taken at this item: it cannot be removed."),
            code="has_steps",
        )
    number = item.number
    audit.record(actor, meeting, "remove_item", number=number, title=item.title)
    item.delete()
    for later in meeting.items.filter(number__gt=number).order_by("number"):
        AgendaItem.objects.filter(pk=later.pk).update(number=later.number - 1)
    _bump(meeting)


# --- Minutes -------------------------------------------------------------------------------


def _minutes_may_start(meeting):
    if meeting.status == MeetingStatus.CANCELLED:
        raise DomainError(_("The meeting was cancelled: it has no minutes."), code="cancelled")
    if meeting.start > timezone.now():
        raise DomainError(
            _("Minutes are written during or after the meeting, not before it starts."),
            code="too_early",
        )


def _frozen_error(item):
    return DomainError(
        _("The minutes of item %(n)s were approved on %(date)s and are frozen.")
        % {"n": item.number, "date": local(item.minutes_approved_at).strftime("%d.%m.%Y")},
        field="minutes",
        code="frozen",
    )


@transaction.atomic
def write_minutes(actor, item, *, text):
    item = _locked_item(item)
    if item.minutes_frozen:
        raise _frozen_error(item)
    _require(perms.can_write_minutes, actor, item)
    _minutes_may_start(item.meeting)
    text = (text or "").strip()
    if text == item.minutes:
        return item
    old = item.minutes
    item.minutes = text
    item.save(update_fields=["minutes"])
    _bump(item.meeting)
    audit.record(actor, item, "write_minutes", {"minutes": [old[:100], text[:100]]})
    return item


@transaction.atomic
def approve_minutes(actor, item):
    item = _locked_item(item)
    if item.minutes_frozen:
        raise _frozen_error(item)
    _require(perms.can_approve_minutes, actor, item)
    _minutes_may_start(item.meeting)
    if not item.minutes.strip():
        raise DomainError(_("Write the minutes before approving them."), field="minutes")
    item.minutes_approved_at = timezone.now()
    item.minutes_approved_by = _user(actor)
    item.save(update_fields=["minutes_approved_at", "minutes_approved_by"])
    _bump(item.meeting)
    audit.record(actor, item, "approve_minutes")
    return item


# --- Attendance ----------------------------------------------------------------------------


def expected_people(meeting):
    """The body's members on the meeting's day: whom attendance is taken for."""
    day = local(meeting.start).date()
    return (
        Person.objects.filter(
            memberships__in=Membership.objects.current(day).filter(body_id=meeting.body_id)
        )
        .select_related("user")
        .distinct()
        .order_by("name", "id")
    )


@transaction.atomic
def record_attendance(actor, meeting, rows):
    """Record who attended: ``rows`` is a list of (person, presence, substitute_for or None).
    People left out keep what was recorded for them."""
    meeting = _locked(meeting)
    _require(perms.can_record_attendance, actor, meeting)
    if meeting.start > timezone.now() + dt.timedelta(hours=1):
        raise DomainError(_("Attendance is taken at the meeting, not before it."), code="too_early")
    seen = set()
    members = set(expected_people(meeting).values_list("pk", flat=True))
    for person, presence, substitute_for in rows:
        if person.pk in seen:
            raise DomainError(
                _("%(name)s is listed twice.") % {"name": person.name}, field="attendance"
            )
        seen.add(person.pk)
        if presence not in Presence.values:
            raise DomainError(_("Choose present, absent or substitute."), field="attendance")
        if presence == Presence.SUBSTITUTE:
            if substitute_for is None:
                raise DomainError(
                    _("Say whom %(name)s substitutes for.") % {"name": person.name},
                    field="attendance",
                )
            if substitute_for.pk not in members:
                raise DomainError(
                    _("%(name)s is not a member of %(body)s and has no substitute.")
                    % {"name": substitute_for.name, "body": meeting.body.name},
                    field="attendance",
                )
            if substitute_for.pk == person.pk:
                raise DomainError(_("Nobody substitutes for themselves."), field="attendance")
        elif substitute_for is not None:
            raise DomainError(_("Only a substitute substitutes for somebody."), field="attendance")
    for person, presence, substitute_for in rows:
        Attendance.objects.update_or_create(
            meeting=meeting,
            person=person,
            defaults={"presence": presence, "substitute_for": substitute_for},
        )
    audit.record(actor, meeting, "attendance", rows=len(rows))
    return list(meeting.attendance.select_related("person", "substitute_for"))


# --- Joint meetings and the task committees' life ------------------------------------------


@transaction.atomic
def propose_joint_agenda(actor, meeting):
    """Add to a joint meeting's agenda what the task committees' life asks of it and that is
    not on it yet (``queries.joint_agenda_proposals``). Returns the items added."""
    _require(perms.can_edit_agenda, actor, meeting)
    if meeting.kind != MeetingKind.JOINT:
        raise DomainError(_("Only a joint meeting's agenda is proposed from the task committees."))
    return [
        add_item(
            actor,
            meeting,
            title=p.title,
            text=p.text,
            concerns=p.task.body,
            purpose=p.purpose,
            topic=p.topic,
        )
        for p in queries.joint_agenda_proposals(meeting)
    ]


@transaction.atomic
def register_step(actor, item, target, *, note=""):
    """Take a task committee's lifecycle step at an agenda item: the step is dated on the
    meeting's day, cites the item, and links to it. The lifecycle's own service decides
    whether the step is allowed."""
    item = _locked_item(item)
    task = queries.task_of(item)
    if task is None:
        raise DomainError(_("The item concerns no task committee."), field="target")
    meeting = item.meeting
    if meeting.status == MeetingStatus.CANCELLED:
        raise DomainError(_("The meeting was cancelled."), code="cancelled")
    day = local(meeting.start).date()
    reference = _("%(meeting)s %(date)s, item %(n)s") % {
        "meeting": meeting.title,
        "date": f"{day.day}.{day.month}.{day.year}",
        "n": item.number,
    }
    task = task_services.transition(
        actor, task, target, date=day, reference=reference[:300], note=note
    )
    change = task.state_changes.latest("id")
    link = StepAtMeeting.objects.create(item=item, state_change=change)
    return link


# --- Invitations, registration and reminders ---------------------------------------------

RESPONSE_SALT = "samskab.meetings.invitation"


def response_token(invitation):
    """The signed token in an invitation's answer links: no account, no guessable number."""
    return signing.dumps({"i": invitation.pk}, salt=RESPONSE_SALT, compress=True)


def invitation_for_token(token):
    """The invitation a token was signed for. Raises ``DomainError`` with code "forged" for a
    token we did not sign, "gone" when the invitation no longer exists and "expired" once the
    meeting is over or cancelled."""
    try:
        data = signing.loads(token, salt=RESPONSE_SALT, max_age=dt.timedelta(days=400))
        pk = int(data["i"])
    except (signing.BadSignature, KeyError, TypeError, ValueError):
        raise DomainError(
            _("This link is not valid. Check that you copied all of it from the email."),
            code="forged",
        ) from None
    invitation = (
        Invitation.objects.select_related("meeting", "meeting__body", "person")
        .filter(pk=pk)
        .first()
    )
    if invitation is None:
        raise DomainError(_("The invitation no longer exists."), code="gone")
    meeting = invitation.meeting
    if meeting.status == MeetingStatus.CANCELLED:
        raise DomainError(_("The meeting was cancelled."), code="expired")
    if meeting.end < timezone.now():
        raise DomainError(
            _("The meeting is over: the invitation can no longer be answered."), code="expired"
        )
    return invitation


def _reminder_at(meeting):
    return meeting.start - dt.timedelta(hours=settings.MEETING_REMINDER_HOURS)


def schedule_reminders(meeting):
    """Queue the reminder for the worker to send before the meeting (once the transaction
    commits). A backend that cannot wait (the immediate one in tests) gets no reminder."""
    from django_tasks import default_task_backend

    from .mail import send_reminders, start_key

    when = _reminder_at(meeting)
    if when <= timezone.now() or not default_task_backend.supports_defer:
        return None
    return send_reminders.using(run_after=when).enqueue(meeting.pk, start_key(meeting))


def email_language(language):
    """The language to write someone's emails in: theirs when we have its texts, else the
    site's."""
    return language if language in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE


def _invite(meeting, **fields):
    invitation = Invitation.objects.create(meeting=meeting, **fields)
    key = (
        "meetings.registration"
        if fields.get("kind") == InvitationKind.REGISTRATION
        else "meetings.invitation"
    )
    email.queue(key, invitation.pk)
    return invitation


@transaction.atomic
def invite_members(actor, meeting):
    """Invite every current member of the meeting's body not yet invited (one email each)."""
    _require(perms.can_invite, actor, meeting)
    invited = set(meeting.invitations.exclude(person=None).values_list("person_id", flat=True))
    people = [p for p in expected_people(meeting) if p.pk not in invited and p.contact_email]
    made = [_invite(meeting, kind=InvitationKind.MEMBER, person=p) for p in people]
    if made:
        schedule_reminders(meeting)
    return made


def _clean_guest(name, address):
    name = (name or "").strip()[:200]
    address = (address or "").strip()
    if not name:
        raise DomainError(_("Give the name."), field="name")
    try:
        validate_email(address)
    except ValidationError:
        raise DomainError(_("Give a valid email address."), field="email") from None
    return name, address.lower()


@transaction.atomic
def invite_guest(actor, meeting, *, name, email_address, language=None):
    """Invite an expert or a citizen to one meeting by email; they need no account. The email
    is written in ``language`` (the site's unless the secretariat chose another)."""
    meeting = _locked(meeting)
    _require(perms.can_invite, actor, meeting)
    name, address = _clean_guest(name, email_address)
    if meeting.invitations.filter(email=address).exists():
        raise DomainError(_("%(email)s is already invited.") % {"email": address}, field="email")
    invitation = _invite(
        meeting,
        kind=InvitationKind.GUEST,
        name=name,
        email=address,
        language=email_language(language),
    )
    schedule_reminders(meeting)
    audit.record(actor, invitation, "invite_guest")
    return invitation


def places_left(meeting):
    if meeting.capacity is None:
        return None
    taken = meeting.invitations.filter(
        kind=InvitationKind.REGISTRATION, response=Response.ACCEPTED
    ).count()
    return max(meeting.capacity - taken, 0)


@transaction.atomic
def register(meeting, *, name, email_address, language=None):
    """Register for an open workshop (no account): a place while there are places left. The
    confirmation and reminder are written in ``language``, the one the person registered in."""
    meeting = _locked(meeting)
    if not perms.registration_open(None, meeting):
        raise DomainError(_("Registration for this meeting is closed."), code="closed")
    name, address = _clean_guest(name, email_address)
    existing = meeting.invitations.filter(email=address).first()
    if existing is not None and existing.response != Response.DECLINED:
        raise DomainError(_("%(email)s is already registered.") % {"email": address}, field="email")
    if places_left(meeting) == 0:
        raise DomainError(_("The workshop is full."), code="full")
    if existing is not None:
        existing.response, existing.responded_at = Response.ACCEPTED, timezone.now()
        existing.language = email_language(language)
        existing.save(update_fields=["response", "responded_at", "language"])
        email.queue("meetings.registration", existing.pk)
        return existing
    invitation = _invite(
        meeting,
        kind=InvitationKind.REGISTRATION,
        name=name,
        email=address,
        language=email_language(language),
        response=Response.ACCEPTED,
        responded_at=timezone.now(),
    )
    schedule_reminders(meeting)
    return invitation


@transaction.atomic
def respond(token, *, accept):
    """Answer an invitation from the email's link (the signed token is the permission)."""
    invitation = invitation_for_token(token)
    meeting = _locked(invitation.meeting)
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    answer = Response.ACCEPTED if accept else Response.DECLINED
    if (
        accept
        and invitation.kind == InvitationKind.REGISTRATION
        and invitation.response != Response.ACCEPTED
        and places_left(meeting) == 0
    ):
        raise DomainError(_("The workshop is full."), code="full")
    invitation.response = answer
    invitation.responded_at = timezone.now()
    invitation.save(update_fields=["response", "responded_at"])
    return invitation


# --- Calendar feed addresses ---------------------------------------------------------------


def token_digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


@transaction.atomic
def create_calendar_token(actor):
    """A new secret feed address for the actor's own meetings. Earlier ones are revoked: one
    address per person is easy to reason about ("the old link stopped working")."""
    if not getattr(actor, "is_authenticated", False):
        raise DomainError(_("Log in to get your calendar address."), code="forbidden")
    revoke_calendar_tokens(actor)
    token = secrets.token_urlsafe(32)
    record = CalendarToken.objects.create(user=actor, digest=token_digest(token))
    audit.record(actor, record, "create_calendar_token")
    return token, record


@transaction.atomic
def revoke_calendar_tokens(actor):
    if not getattr(actor, "is_authenticated", False):
        raise DomainError(_("Log in to manage your calendar address."), code="forbidden")
    active = CalendarToken.objects.filter(user=actor, revoked__isnull=True)
    n = active.update(revoked=timezone.now())
    return n


def user_for_token(token: str):
    """The account behind a feed token, or None if it is unknown or revoked."""
    if not token or len(token) > 100:
        return None
    record = (
        CalendarToken.objects.filter(digest=token_digest(token), revoked__isnull=True)
        .select_related("user")
        .first()
    )
    # No "last used" stamp: reading a feed (a GET) never writes.
    if record is None or not record.user.is_active:
        return None
    return record.user


def bodies_for_meetings():
    return Body.objects.active().order_by("kind", "name")
