"""Min side's "what awaits me": one list per role, each bounded whatever the data size.

A council member sees drafts open for their input, terms they draft, decisions coming up and
follow-up of the council's decisions that is due or overdue;
anyone with a person sees invitations to answer; the secretariat sees its work queue
(committees waiting for its next step, overdue follow-up, appointments to prepare, files
whose text could not be read). Each entry says what, where to go and why it is there.

Below it, the person's task committees and working groups (``my_committees``): each with its
collaboration room and its latest documents and steps.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, Exists, F, OuterRef, Q, Value, Window
from django.db.models.functions import RowNumber
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from samskab.library import queries as library_queries
from samskab.library.models import Document, Extraction
from samskab.meetings.models import Invitation, Response
from samskab.organisation.models import Body, BodyKind
from samskab.organisation.rules import is_council_member, is_secretariat, person_of
from samskab.recruitment.models import Call
from samskab.taskcommittees import lifecycle
from samskab.taskcommittees.lifecycle import State
from samskab.taskcommittees.models import FINISHED, FollowUpItem, TaskCommittee

LIMIT = 10


@dataclass(frozen=True)
class Waiting:
    what: str
    url: str
    why: object  # a lazy translation
    when: dt.date | dt.datetime | None = None


# The secretariat's next step in each state where the process waits for it.
NEXT_STEP: dict[str, object] = {
    State.PROPOSED: _("Appoint the drafters and start the terms of reference"),
    State.APPROVED: _("Open the call for members"),
    State.RESULT_PRESENTED: _("Register the delivery to the council"),
    State.DELIVERED: _("Record the council's decisions"),
}


def _terms_url(task):
    return reverse("taskcommittees:terms", args=[task.body.slug])


# The committees whose process is under way: prepared, at work, or awaiting the council's
# decisions. A municipality has tens of them (the history is delivered or closed), so Min side
# reads them once and every list below picks its own from them.
LIVE = lifecycle.PREPARING | lifecycle.RUNNING | lifecycle.AWAITING_DECISIONS
LIVE_LIMIT = 300


def live_processes(user) -> list[TaskCommittee]:
    """The live processes, each with ``mine`` (the user's input on it) and ``drafts`` (the
    user drafts its terms): one query for all of Min side's lists of committees."""
    person = person_of(user)
    tasks = TaskCommittee.objects.filter(state__in=LIVE).select_related("body")
    if person is not None:
        drafters = TaskCommittee.drafters.through.objects.filter(
            taskcommittee_id=OuterRef("pk"), person=person
        )
        tasks = tasks.annotate(
            mine=Count("inputs", filter=Q(inputs__author=person)), drafts=Exists(drafters)
        )
    else:
        tasks = tasks.annotate(mine=Value(0), drafts=Value(False))
    return list(tasks.order_by("state_changed_on", "pk")[:LIVE_LIMIT])


def _live(user, live):
    return live_processes(user) if live is None else live


def drafts_for_input(user, live=None) -> list[Waiting]:
    """Draft terms of reference open for a council member's input, those they have not
    commented on first."""
    if not is_council_member(user):
        return []
    open_ = [t for t in _live(user, live) if t.state in lifecycle.OPEN_FOR_INPUT]
    tasks = sorted(open_, key=lambda t: (t.mine, t.state_changed_on))[:LIMIT]
    return [
        Waiting(
            t.body.name,
            _terms_url(t),
            _("Open for your input") if not t.mine else _("Open for input (you have commented)"),
            t.state_changed_on,
        )
        for t in tasks
    ]


def drafting(user, live=None) -> list[Waiting]:
    if person_of(user) is None:
        return []
    tasks = [t for t in _live(user, live) if t.drafts and t.state in lifecycle.TERMS_EDITABLE][
        :LIMIT
    ]
    return [
        Waiting(t.body.name, _terms_url(t), _("You draft the terms of reference"), None)
        for t in tasks
    ]


def decisions_coming(user, live=None) -> list[Waiting]:
    """Results delivered to the council and waiting for its decisions."""
    if not (is_council_member(user) or is_secretariat(user)):
        return []
    tasks = [t for t in _live(user, live) if t.state in lifecycle.AWAITING_DECISIONS][:LIMIT]
    return [
        Waiting(
            t.body.name,
            reverse("taskcommittees:delivery", args=[t.body.slug]),
            _("Recommendations for the council to decide"),
            t.state_changed_on,
        )
        for t in tasks
    ]


def invitations(user, now=None) -> list[Waiting]:
    person = person_of(user)
    if person is None:
        return []
    now = now or timezone.now()
    pending = (
        Invitation.objects.filter(person=person, response=Response.PENDING, meeting__start__gte=now)
        .select_related("meeting")
        .order_by("meeting__start")[:LIMIT]
    )
    return [
        Waiting(
            i.meeting.title,
            i.meeting.get_absolute_url(),
            _("Answer the invitation"),
            i.meeting.start,
        )
        for i in pending
    ]


def work_queue(user, today=None, live=None) -> list[Waiting]:
    """The secretariat's work queue: what waits for its next step."""
    if not is_secretariat(user):
        return []
    today = today or timezone.localdate()
    waiting = [t for t in _live(user, live) if t.state in NEXT_STEP][:LIMIT]
    queue = [
        Waiting(t.body.name, t.get_absolute_url(), NEXT_STEP[t.state], t.state_changed_on)
        for t in waiting
    ]
    queue += [
        Waiting(
            str(call),
            reverse("recruitment:overview", args=[call.slug]),
            _("The call has closed: prepare the appointment"),
            call.deadline,
        )
        for call in Call.objects.filter(deadline__lt=timezone.now(), appointed_on__isnull=True)
        .select_related("terms")
        .order_by("deadline")[:LIMIT]
    ]
    overdue = (
        FollowUpItem.objects.filter(due_date__lt=today)
        .exclude(status__in=FINISHED)
        .select_related("recommendation__task__body")
        .order_by("due_date")
    )
    queue += [
        Waiting(
            str(item.recommendation.task),
            reverse("taskcommittees:follow_up", args=[item.recommendation.task.body.slug]),
            _("Follow-up is overdue"),
            item.due_date,
        )
        for item in overdue[:LIMIT]
    ]
    queue += [
        Waiting(d.title, d.get_absolute_url(), _("The file's text could not be read"), d.date)
        for d in Document.objects.filter(extraction=Extraction.FAILED).order_by("-id")[:LIMIT]
    ]
    return queue


# How far ahead a council member sees follow-up coming due.
DUE_SOON = dt.timedelta(days=30)


def follow_up_due(user, today=None) -> list[Waiting]:
    """Follow-up of the council's decisions that is overdue or due within a month: the
    council holds the receiving committees to it. Overdue first."""
    if not is_council_member(user):
        return []
    today = today or timezone.localdate()
    items = (
        FollowUpItem.objects.filter(
            recommendation__in=library_queries.visible_recommendations(user),
            due_date__lte=today + DUE_SOON,
        )
        .exclude(status__in=FINISHED)
        .select_related("recommendation__task__body")
        .order_by("due_date", "id")[:LIMIT]
    )
    return [
        Waiting(
            str(
                _("Recommendation %(n)s: %(body)s")
                % {"n": item.recommendation.number, "body": item.recommendation.task.body.name}
            ),
            reverse("taskcommittees:follow_up", args=[item.recommendation.task.body.slug]),
            _("Follow-up is overdue") if item.due_date < today else _("Follow-up is due"),
            item.due_date,
        )
        for item in items
    ]


def awaits(user, live=None) -> dict[str, list[Waiting]]:
    """Everything that waits for the user, by heading (empty lists left out)."""
    live = _live(user, live)
    sections = {
        "input": drafts_for_input(user, live),
        "drafting": drafting(user, live),
        "decisions": decisions_coming(user, live),
        "follow_up": follow_up_due(user),
        "invitations": invitations(user),
        "queue": work_queue(user, live=live),
    }
    return {key: items for key, items in sections.items() if items}


HEADINGS = {
    "input": _("Drafts open for your input"),
    "drafting": _("Terms of reference you draft"),
    "decisions": _("Decisions coming up"),
    "follow_up": _("Follow-up due or overdue"),
    "invitations": _("Invitations to answer"),
    "queue": _("The secretariat's work queue"),
}


def running_committees(limit=30, live=None):
    if live is None:
        live = live_processes(None)
    under_way = [t for t in live if t.state in lifecycle.RUNNING | lifecycle.PREPARING]
    return sorted(under_way, key=lambda t: t.body.name)[:limit]


# The bodies that have a collaboration room (``/rum/<slug>/``): task committees and their
# working groups.
ROOM_KINDS = frozenset({BodyKind.TASK_COMMITTEE, BodyKind.WORKING_GROUP})
MY_COMMITTEES = 8
PER_COMMITTEE = 3


@dataclass
class MyCommittee:
    """A committee the person sits in, with its room and what is new in it."""

    body: Body
    room_url: str
    documents: list
    news: list
    next_meeting: object = None


def _newest(field):
    return Window(RowNumber(), partition_by=F(field), order_by=[F("date").desc(), F("id").desc()])


def my_committees(user, memberships, live=None, meetings=()) -> list[MyCommittee]:
    """The task committees and working groups among the person's current seats, each with
    the link to its room, its latest documents the person may open (one query for all of
    them: the newest few of each, ranked in the database) and where its process stands now
    (from the live processes Min side has read already), and its next meeting among the
    person's next meetings (``meetings``, read already)."""
    bodies: list[Body] = []
    for membership in memberships:
        if membership.body.kind in ROOM_KINDS and membership.body not in bodies:
            bodies.append(membership.body)
    bodies = bodies[:MY_COMMITTEES]
    if not bodies:
        return []
    documents: dict[int, list] = {}
    for document in (
        library_queries.visible_documents(user)
        .filter(body__in=[b.pk for b in bodies])
        .annotate(rank=_newest("body_id"))
        .filter(rank__lte=PER_COMMITTEE)
        .order_by("-date", "-id")
    ):
        documents.setdefault(document.body_id, []).append(document)
    # A working group's news is its committee's life.
    task_body: dict[int, int] = {
        b.pk: (b.parent_id or b.pk) if b.kind == BodyKind.WORKING_GROUP else b.pk for b in bodies
    }
    wanted = set(task_body.values())
    news = {t.body_id: [t] for t in _live(user, live) if t.body_id in wanted}
    next_meeting: dict[int, object] = {}
    for meeting in meetings:
        next_meeting.setdefault(meeting.body_id, meeting)
    return [
        MyCommittee(
            body=b,
            room_url=reverse("workspace:room", args=[b.slug]),
            documents=documents.get(b.pk, []),
            news=news.get(task_body[b.pk], []),
            next_meeting=next_meeting.get(b.pk),
        )
        for b in bodies
    ]
