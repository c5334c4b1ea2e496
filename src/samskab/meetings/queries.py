"""Read side: which meetings and items a person may see, calendars, and what a joint meeting
should take up. Every function runs a fixed number of queries whatever the data size."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db.models import Exists, OuterRef, Prefetch, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from samskab.core.access import AccessLevel
from samskab.organisation.access import access_q
from samskab.organisation.models import Body, BodyKind, Membership, Person
from samskab.organisation.rules import current_body_ids, is_secretariat, person_of
from samskab.taskcommittees import lifecycle
from samskab.taskcommittees.lifecycle import State
from samskab.taskcommittees.models import Recommendation, TaskCommittee

from . import rules as perms
from .models import AgendaItem, Invitation, Meeting, MeetingKind, MeetingStatus, Purpose, Topic

LOCAL = ZoneInfo(settings.TIME_ZONE)
# How long a status briefing at a joint meeting counts: the seed's "every quarter".
BRIEFING_INTERVAL = dt.timedelta(days=80)


def visible_q(user, prefix=""):
    """Meetings the user may see: by the meeting's access level, and always the meetings of
    the bodies they sit in."""
    q = access_q(user, f"{prefix}access_level", f"{prefix}body")
    if is_secretariat(user):
        return q
    bodies = current_body_ids(user)
    if bodies:
        q |= Q(**{f"{prefix}body__in": bodies})
    person = person_of(user)
    if person is not None:
        invited = Invitation.objects.filter(person=person).values("meeting_id")
        q |= Q(**{f"{prefix}pk__in": invited})
    return q


def visible_meetings(user):
    return Meeting.objects.filter(visible_q(user)).select_related("body")


def items_q(user, meeting_prefix="meeting__"):
    """Agenda items the user may see (closed items: the body's members and the secretariat)."""
    if is_secretariat(user):
        return Q()
    bodies = current_body_ids(user)
    return Q(is_closed=False) | Q(**{f"{meeting_prefix}body__in": bodies})


def visible_items(user, meeting):
    qs = meeting.items.select_related("concerns", "minutes_approved_by")
    if not perms.can_view_closed_items(user, meeting):
        qs = qs.filter(is_closed=False)
    return qs.order_by("number")


def meeting_or_none(user, pk):
    meeting = Meeting.objects.select_related("body", "series").filter(pk=pk).first()
    if meeting is None or not perms.can_view_meeting(user, meeting):
        return None
    return meeting


def upcoming(user, *, limit=10, now=None):
    now = now or timezone.now()
    return list(visible_meetings(user).upcoming(now).order_by("start", "id")[:limit])


def public_upcoming(*, limit=5, now=None):
    now = now or timezone.now()
    return list(
        Meeting.objects.filter(access_level=AccessLevel.PUBLIC)
        .upcoming(now)
        .select_related("body")
        .order_by("start", "id")[:limit]
    )


def my_upcoming(user, *, limit=5, now=None):
    """The next meetings of the bodies the person sits in (their own meetings, not every
    public one)."""
    if person_of(user) is None:
        return []
    bodies = current_body_ids(user)
    if not bodies:
        return []
    now = now or timezone.now()
    return list(
        Meeting.objects.filter(body__in=bodies)
        .upcoming(now)
        .select_related("body")
        .order_by("start", "id")[:limit]
    )


def my_meetings(user):
    """Every meeting of the person's bodies, and the meetings they are invited to, for their
    private feed."""
    person = person_of(user)
    if person is None:
        return Meeting.objects.none()
    bodies = current_body_ids(user)
    invited = Invitation.objects.filter(person=person).values("meeting_id")
    return Meeting.objects.filter(Q(body__in=bodies) | Q(pk__in=invited)).select_related("body")


def month_bounds(year, month):
    """The first moment of the month and of the next, in local time."""
    first = dt.datetime(year, month, 1, tzinfo=LOCAL)
    following = dt.datetime(year + (month == 12), month % 12 + 1, 1, tzinfo=LOCAL)
    return first, following


def in_month(user, year, month, *, body=None):
    first, following = month_bounds(year, month)
    qs = visible_meetings(user).filter(start__lt=following, end__gte=first)
    if body is not None:
        qs = qs.filter(body=body)
    return list(qs.order_by("start", "id")[:500])


def month_grid(year, month, meetings):
    """Weeks (Monday first) of days, each day with its meetings, for the month view."""
    first = dt.date(year, month, 1)
    last = month_bounds(year, month)[1].date() - dt.timedelta(days=1)
    start = first - dt.timedelta(days=first.weekday())
    stop = last + dt.timedelta(days=6 - last.weekday())
    by_day: dict[dt.date, list] = {}
    for meeting in meetings:
        by_day.setdefault(timezone.localtime(meeting.start, LOCAL).date(), []).append(meeting)
    days = [start + dt.timedelta(days=n) for n in range((stop - start).days + 1)]
    cells = [{"date": d, "in_month": d.month == month, "meetings": by_day.get(d, [])} for d in days]
    return [cells[i : i + 7] for i in range(0, len(cells), 7)]


def list_queryset(user, *, body=None, past=False, now=None):
    now = now or timezone.now()
    qs = visible_meetings(user)
    if body is not None:
        qs = qs.filter(body=body)
    if past:
        return qs.filter(end__lt=now).order_by("-start", "-id")
    return qs.filter(end__gte=now).order_by("start", "id")


def body_meetings(user, body, *, limit=6, now=None):
    """A body's next meetings and its latest ones (for the body's own page)."""
    now = now or timezone.now()
    qs = visible_meetings(user).filter(body=body)
    return {
        "upcoming": list(qs.filter(end__gte=now).order_by("start", "id")[:limit]),
        "past": list(qs.filter(end__lt=now).order_by("-start", "-id")[:limit]),
    }


def items_concerning(user, body, *, limit=10):
    """Agenda items about a body at meetings the user may see, with the steps taken there."""
    return list(
        AgendaItem.objects.filter(concerns=body)
        .filter(items_q(user))
        .filter(meeting__in=visible_meetings(user))
        .select_related("meeting")
        .prefetch_related("steps__state_change")
        .order_by("-meeting__start", "number")[:limit]
    )


def attendance(meeting):
    return list(meeting.attendance.select_related("person", "substitute_for"))


def detail_items(user, meeting):
    return list(visible_items(user, meeting).prefetch_related(Prefetch("steps")))


# --- Joint meetings: what the task committees' life asks of them ---------------------------


@dataclass(frozen=True)
class Proposal:
    task: TaskCommittee
    topic: str
    title: str
    purpose: str
    text: str


def _sources(target):
    """The states from which the lifecycle table leads to ``target``."""
    return {t.source for t in lifecycle.TRANSITIONS if t.target == target}


def joint_agenda_proposals(meeting):
    """What a joint meeting should take up, read from the lifecycle:

    - every draft of terms of reference awaiting discussion: a committee sent to the joint
      meeting, or one still drafting that has a draft;
    - every result awaiting presentation before delivery: a committee that can go on to
      "result presented" and has recommendations;
    - a status briefing from every other running committee that has not briefed a joint
      meeting within the quarter.
    Items already on the meeting's agenda are left out."""
    on_agenda = set(meeting.items.exclude(topic="").values_list("concerns_id", "topic"))
    briefed = AgendaItem.objects.filter(
        concerns=OuterRef("body"),
        topic=Topic.BRIEFING,
        meeting__kind=MeetingKind.JOINT,
        meeting__start__gte=meeting.start - BRIEFING_INTERVAL,
        meeting__start__lt=meeting.start,
    ).exclude(meeting__status=MeetingStatus.CANCELLED)
    tasks = (
        TaskCommittee.objects.filter(
            Q(state=State.DRAFT_AT_JOINT_MEETING)
            | Q(state__in=_sources(State.DRAFT_AT_JOINT_MEETING), versions__isnull=False)
            | Q(state__in=lifecycle.RUNNING)
        )
        .annotate(
            has_recommendations=Exists(Recommendation.objects.filter(task=OuterRef("pk"))),
            briefed_lately=Exists(briefed),
        )
        .select_related("body")
        .distinct()
        .order_by("body__name")
    )
    presenting = _sources(State.RESULT_PRESENTED)
    drafts, results, briefings = [], [], []
    for task in tasks:
        name = task.body.name
        if task.state not in lifecycle.RUNNING:
            drafts.append(
                Proposal(
                    task,
                    Topic.DRAFT,
                    _("Draft terms of reference: %(name)s") % {"name": name},
                    Purpose.DISCUSSION,
                    _("The council members give their input on the draft terms of reference."),
                )
            )
        elif task.state in presenting and task.has_recommendations:
            results.append(
                Proposal(
                    task,
                    Topic.RESULT,
                    _("Result before delivery: %(name)s") % {"name": name},
                    Purpose.DISCUSSION,
                    _(
                        "The task committee presents its result and recommendations before "
                        "they are delivered to the council."
                    ),
                )
            )
        elif not task.briefed_lately:
            briefings.append(
                Proposal(
                    task,
                    Topic.BRIEFING,
                    _("Status briefing: %(name)s") % {"name": name},
                    Purpose.ORIENTATION,
                    _("The task committee's chair tells how the work is going."),
                )
            )
    return [p for p in drafts + results + briefings if (p.task.body_id, p.topic) not in on_agenda]


def task_of(item):
    if item.concerns_id is None:
        return None
    return TaskCommittee.objects.filter(body_id=item.concerns_id).select_related("body").first()


def tasks_by_body(items):
    """The task committee processes the items concern, by body id (one query)."""
    ids = {item.concerns_id for item in items if item.concerns_id}
    if not ids:
        return {}
    return {
        task.body_id: task
        for task in TaskCommittee.objects.filter(body_id__in=ids).select_related("body")
    }


def lifecycle_steps(task):
    """The steps the lifecycle table allows the committee now."""
    return lifecycle.allowed_from(task.state)


def substitute_candidates(meeting):
    """Who may stand in: the council's current members (committees' substitutes are council
    members), and anybody already recorded as a substitute."""
    day = timezone.localtime(meeting.start, LOCAL).date()
    council = Membership.objects.current(day).filter(body__kind=BodyKind.COUNCIL)
    return (
        Person.objects.filter(
            Q(memberships__in=council) | Q(pk__in=meeting.attendance.values("person"))
        )
        .distinct()
        .order_by("name")
    )


# --- Feeds ---------------------------------------------------------------------------------

# A feed holds the recent past and the next year and a half: what a calendar program needs
# (and a bounded answer: calendar programs poll it every few minutes).
FEED_PAST = dt.timedelta(days=180)
FEED_FUTURE = dt.timedelta(days=550)
FEED_MAX = 1000


def _feed(qs):
    now = timezone.now()
    return (
        qs.filter(end__gte=now - FEED_PAST, start__lte=now + FEED_FUTURE)
        .select_related("body")
        .order_by("start", "id")[:FEED_MAX]
    )


def public_feed():
    return _feed(Meeting.objects.filter(access_level=AccessLevel.PUBLIC))


def body_feed(body):
    return _feed(Meeting.objects.filter(body=body, access_level=AccessLevel.PUBLIC))


def personal_feed(user):
    """The meetings of the bodies the person sits in, and the others they are invited to
    (an invitation lets them see the meeting, not its closed items)."""
    return _feed(my_meetings(user))


def bodies_with_meetings():
    return Body.objects.filter(Exists(Meeting.objects.filter(body=OuterRef("pk")))).order_by(
        "kind", "name"
    )


def invitations(meeting):
    return list(meeting.invitations.select_related("person").order_by("kind", "id"))


def searchable_items(user):
    """Agenda items the user may find in the search: at a meeting they may see, and a closed
    item only for the body's members and the secretariat (as on the meeting page)."""
    return AgendaItem.objects.filter(items_q(user)).filter(
        meeting__in=visible_meetings(user).values("pk")
    )
