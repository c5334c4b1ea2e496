"""The task committee's life: its states, every set of states the rest of the code asks about,
and the allowed transitions with their preconditions, in one table.

The states follow the 2017 process of the seed: proposal, terms of reference drafted by two
council members and discussed at a joint meeting, approval by the council, recruitment,
appointment, the committee's work, the result presented at a joint meeting, delivery to the
council, follow-up by the receiving standing committee, close. A committee can be cancelled
in any state before delivery.

Nothing outside this module spells out its own list of states: services, queries, views, the
API and templates (through the predicates in ``rules.py``) ask the sets and functions here.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from samskab.organisation.models import BodyKind, Person

if TYPE_CHECKING:
    from .models import TaskCommittee


class State(models.TextChoices):
    PROPOSED = "proposed", gettext_lazy("proposed")
    DRAFTING = "drafting", gettext_lazy("drafting terms of reference")
    DRAFT_AT_JOINT_MEETING = "draft_at_joint_meeting", gettext_lazy("draft at joint meeting")
    APPROVED = "approved", gettext_lazy("terms of reference approved")
    RECRUITING = "recruiting", gettext_lazy("recruiting")
    APPOINTED = "appointed", gettext_lazy("appointed")
    WORKING = "working", gettext_lazy("working")
    RESULT_PRESENTED = "result_presented", gettext_lazy("result presented")
    DELIVERED = "delivered", gettext_lazy("delivered")
    FOLLOWING_UP = "following_up", gettext_lazy("following up")
    CLOSED = "closed", gettext_lazy("closed")
    CANCELLED = "cancelled", gettext_lazy("cancelled")


# --- The sets of states -------------------------------------------------------------------

# The main path, in order (cancelled is off the path).
PATH = [
    State.PROPOSED,
    State.DRAFTING,
    State.DRAFT_AT_JOINT_MEETING,
    State.APPROVED,
    State.RECRUITING,
    State.APPOINTED,
    State.WORKING,
    State.RESULT_PRESENTED,
    State.DELIVERED,
    State.FOLLOWING_UP,
    State.CLOSED,
]
# Every state, the path first and cancelled last (for counts and filters).
ALL = [*PATH, State.CANCELLED]
# A committee can be cancelled until it delivers.
BEFORE_DELIVERY = frozenset(PATH[: PATH.index(State.DELIVERED)])
# Proposed up to recruiting: the committee is being prepared and has no members yet.
PREPARING = frozenset(PATH[: PATH.index(State.APPOINTED)])
# States in which the committee itself is at work (the seed's "about 8 at a time").
RUNNING = frozenset({State.APPOINTED, State.WORKING, State.RESULT_PRESENTED})
# The committee writes its result and recommendations while it works, until it delivers.
RESULT_EDITABLE = RUNNING
# Delivered: the council decides on each recommendation.
AWAITING_DECISIONS = frozenset({State.DELIVERED})
# The receiving committee follows up the decisions; the follow-up is frozen once closed.
FOLLOW_UP_OPEN = frozenset({State.FOLLOWING_UP})
# The committee delivered its result (whatever the council decides).
DELIVERED = frozenset(PATH[PATH.index(State.DELIVERED) :])
# The council has decided on the result: the committee's work is completed.
COMPLETED = frozenset(PATH[PATH.index(State.FOLLOWING_UP) :])
# The committee no longer works: delivered or cancelled.
ENDED = DELIVERED | {State.CANCELLED}
# Arriving in these states ends the members' seats (history is kept).
ENDS_MEMBERSHIPS = frozenset({State.DELIVERED, State.CANCELLED})
# The result was presented at a joint meeting (or later). A committee cancelled after its
# presentation keeps its result public too: see ``result_is_public``.
RESULT_PRESENTED = frozenset(PATH[PATH.index(State.RESULT_PRESENTED) :])
# States in which the terms of reference may still be edited. Not at the joint meeting: the
# council approves the draft that was discussed there; a revision goes back to drafting.
TERMS_EDITABLE = frozenset({State.PROPOSED, State.DRAFTING})
# Council members give input while the terms are a draft, at the joint meeting too.
OPEN_FOR_INPUT = frozenset({State.DRAFTING, State.DRAFT_AT_JOINT_MEETING})


def result_public_q(prefix: str = "") -> Q:
    """The one answer to "is this committee's result public?", as a filter. ``prefix`` is the
    path to the task committee (e.g. ``"recommendation__task__"``)."""
    return Q(**{f"{prefix}state__in": RESULT_PRESENTED}) | Q(
        **{
            f"{prefix}state": State.CANCELLED,
            f"{prefix}delivery__presented_on__isnull": False,
        }
    )


def result_is_public(task: TaskCommittee) -> bool:
    """The same answer for one committee: presented, or cancelled after its presentation."""
    if task.state in RESULT_PRESENTED:
        return True
    if task.state != State.CANCELLED:
        return False
    return type(task).objects.filter(result_public_q(), pk=task.pk).exists()


def terms_frozen_reason(task: TaskCommittee) -> str | None:
    """Why the terms of reference cannot be edited now (None: they can)."""
    if task.state in TERMS_EDITABLE:
        return None
    if task.approved_version is not None:
        return _("The terms of reference are frozen: they were approved as version %(n)s.") % {
            "n": task.approved_version.number
        }
    if task.state == State.CANCELLED:
        return _("The task committee was cancelled.")
    return _(
        "The draft is at the joint meeting as it was discussed there: return it for revision "
        "to change it."
    )


# --- Preconditions ------------------------------------------------------------------------


@dataclass(frozen=True)
class StepInput:
    """What the secretariat registers with a step (the preconditions may look at it)."""

    on: dt.date
    drafters: Sequence[Person] | None = None
    note: str = ""


# A precondition returns the reason the step cannot be taken, or None when it can.
Check = Callable[["TaskCommittee", StepInput], "str | None"]


def _is_council_member(person: Person, on: dt.date) -> bool:
    return person.memberships.current(on).filter(body__kind=BodyKind.COUNCIL).exists()


def two_council_members_draft(task: TaskCommittee, step: StepInput) -> str | None:
    people = list(step.drafters) if step.drafters is not None else list(task.drafters.all())
    if len(people) != 2:
        return _("Cannot appoint drafters: the council appoints exactly two council members.")
    if any(not _is_council_member(p, step.on) for p in people):
        return _("Cannot appoint drafters: both drafters must be council members.")
    return None


def has_draft(task: TaskCommittee, step: StepInput) -> str | None:
    if not task.versions.exists():
        return _("Cannot send to a joint meeting: there is no draft of the terms of reference.")
    return None


def terms_complete(task: TaskCommittee, step: StepInput) -> str | None:
    terms = task.versions.order_by("-number").first()
    if terms is None:
        return _("Cannot approve: there are no terms of reference.")
    if terms.receiving_committee_id is None:
        return _("Cannot approve: the terms of reference name no receiving standing committee.")
    if not terms.assignment.strip():
        return _("Cannot approve: the terms of reference do not describe the task.")
    if not terms.deliverables.strip():
        return _("Cannot approve: the terms of reference name no deliverables.")
    if terms.council_members < 2:
        return _(
            "Cannot approve: the committee needs at least two council members "
            "(the chair and the vice-chair)."
        )
    if not (terms.start_date and terms.end_date):
        return _("Cannot approve: the terms of reference give no time frame.")
    return None


# The appointment app builds on this one (its decision record refers to the committee), so
# this module cannot ask it directly without a cycle. It registers, when it loads, the function
# that answers "is there a completed decision record?" (appointment/apps.py).
_decision_record_checks: list[Callable[[TaskCommittee, dt.date], str | None]] = []


def register_decision_record_check(check: Callable[[TaskCommittee, dt.date], str | None]) -> None:
    if check not in _decision_record_checks:
        _decision_record_checks.append(check)


def decision_record_completed(task: TaskCommittee, step: StepInput) -> str | None:
    """The members are appointed by the council at an appointment meeting (d'Hondt): a
    hand-made set of memberships is no appointment."""
    if not _decision_record_checks:
        return _("Cannot register the appointment: there is no decision record.")
    for check in _decision_record_checks:
        reason = check(task, step.on)
        if reason:
            return reason
    return None


def has_recommendations(task: TaskCommittee, step: StepInput) -> str | None:
    if not task.recommendations.exists():
        return _("Cannot register the result: the committee has no recommendations yet.")
    return None


def delivery_complete(task: TaskCommittee, step: StepInput) -> str | None:
    from .models import Delivery  # models imports this module for State

    delivery = Delivery.objects.filter(task=task).first()
    if delivery is None or not delivery.summary.strip():
        return _("Cannot register the delivery: the result has no summary.")
    return None


def recommendations_decided(task: TaskCommittee, step: StepInput) -> str | None:
    from .models import Decision  # models imports this module for State

    if task.recommendations.filter(decision=Decision.PENDING).exists():
        return _("Cannot start the follow-up: the council has not decided every recommendation.")
    return None


def follow_up_finished(task: TaskCommittee, step: StepInput) -> str | None:
    from .models import FINISHED  # models imports this module for State

    open_items = task.recommendations.filter(follow_up__isnull=False).exclude(
        follow_up__status__in=FINISHED
    )
    if open_items.exists():
        return _("Cannot close: some follow-up items are neither done nor dropped.")
    return None


def reason_given(task: TaskCommittee, step: StepInput) -> str | None:
    if not (step.note or "").strip():
        return _("Cannot cancel: give the reason in the note.")
    return None


# --- The transitions ----------------------------------------------------------------------


@dataclass(frozen=True)
class Transition:
    source: State
    target: State
    label: Any  # a lazy translation
    # A council decision must cite the council meeting (or joint meeting) it was taken at.
    council_decision: bool = False
    # The precondition, the function itself (None: no precondition).
    check: Check | None = None
    # The council appoints the two drafters with this step.
    appoints_drafters: bool = False
    # The field the precondition's reason belongs to (None: the step as a whole).
    check_field: str | None = field(default=None)

    def __post_init__(self) -> None:
        if self.check is not None and not callable(self.check):
            raise TypeError(f"The check of {self.source} → {self.target} is not a function.")


TRANSITIONS = [
    Transition(
        State.PROPOSED,
        State.DRAFTING,
        gettext_lazy("Appoint the drafters"),
        council_decision=True,
        check=two_council_members_draft,
        appoints_drafters=True,
        check_field="drafters",
    ),
    Transition(
        State.DRAFTING,
        State.DRAFT_AT_JOINT_MEETING,
        gettext_lazy("Send the draft to a joint meeting"),
        check=has_draft,
    ),
    Transition(
        State.DRAFT_AT_JOINT_MEETING, State.DRAFTING, gettext_lazy("Return the draft for revision")
    ),
    Transition(
        State.DRAFT_AT_JOINT_MEETING,
        State.APPROVED,
        gettext_lazy("Approve the terms of reference"),
        council_decision=True,
        check=terms_complete,
    ),
    Transition(State.APPROVED, State.RECRUITING, gettext_lazy("Open recruitment")),
    Transition(
        State.RECRUITING,
        State.APPOINTED,
        gettext_lazy("Register the appointment"),
        council_decision=True,
        check=decision_record_completed,
    ),
    Transition(State.APPOINTED, State.WORKING, gettext_lazy("Start the work")),
    Transition(
        State.WORKING,
        State.RESULT_PRESENTED,
        gettext_lazy("Register the result as presented"),
        check=has_recommendations,
    ),
    Transition(
        State.RESULT_PRESENTED,
        State.DELIVERED,
        gettext_lazy("Register the delivery to the council"),
        council_decision=True,
        check=delivery_complete,
    ),
    Transition(
        State.DELIVERED,
        State.FOLLOWING_UP,
        gettext_lazy("Start the follow-up"),
        check=recommendations_decided,
    ),
    Transition(State.FOLLOWING_UP, State.CLOSED, gettext_lazy("Close"), check=follow_up_finished),
] + [
    Transition(
        state, State.CANCELLED, gettext_lazy("Cancel"), check=reason_given, check_field="note"
    )
    for state in PATH
    if state in BEFORE_DELIVERY
]

_BY_PAIR = {(t.source, t.target): t for t in TRANSITIONS}


def find(source: str, target: str) -> Transition | None:
    return _BY_PAIR.get((source, target))  # type: ignore[arg-type]


def allowed_from(state: str) -> list[Transition]:
    """The steps possible from ``state``: the way forward first, then back, cancel last."""

    def order(t: Transition) -> int:
        if t.target == State.CANCELLED:
            return 2
        return 0 if PATH.index(t.target) > PATH.index(t.source) else 1

    return sorted((t for t in TRANSITIONS if t.source == state), key=order)


def path_position(state: str) -> tuple[list[State], str, list[State]]:
    """(done states, current, next states) for drawing the path."""
    if state == State.CANCELLED:
        return [], state, []
    index = PATH.index(State(state))
    return PATH[:index], state, PATH[index + 1 :]
