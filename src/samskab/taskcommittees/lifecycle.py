"""The task committee's life: its states and allowed transitions, in one table.

The states follow the 2017 process of the seed: proposal, terms of reference drafted by two
council members and discussed at a joint meeting, approval by the council, recruitment,
appointment, the committee's work, the result presented at a joint meeting, delivery to the
council, follow-up by the receiving standing committee, close. A committee can be cancelled
in any state before delivery.
"""

from dataclasses import dataclass

from django.db import models
from django.utils.translation import gettext_lazy as _


class State(models.TextChoices):
    PROPOSED = "proposed", _("proposed")
    DRAFTING = "drafting", _("drafting terms of reference")
    DRAFT_AT_JOINT_MEETING = "draft_at_joint_meeting", _("draft at joint meeting")
    APPROVED = "approved", _("terms of reference approved")
    RECRUITING = "recruiting", _("recruiting")
    APPOINTED = "appointed", _("appointed")
    WORKING = "working", _("working")
    RESULT_PRESENTED = "result_presented", _("result presented")
    DELIVERED = "delivered", _("delivered")
    FOLLOWING_UP = "following_up", _("following up")
    CLOSED = "closed", _("closed")
    CANCELLED = "cancelled", _("cancelled")


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
BEFORE_DELIVERY = PATH[: PATH.index(State.DELIVERED)]
# States in which the committee itself is at work (the seed's "about 8 at a time").
RUNNING = {State.APPOINTED, State.WORKING, State.RESULT_PRESENTED}
# States in which the committee's result is public: it was presented at a joint meeting.
RESULT_PUBLIC = {State.RESULT_PRESENTED, State.DELIVERED, State.FOLLOWING_UP, State.CLOSED}
# States in which the terms of reference may still be edited. Not at the joint meeting: the
# council approves the draft that was discussed there; a revision goes back to drafting.
TERMS_EDITABLE = {State.PROPOSED, State.DRAFTING}


@dataclass(frozen=True)
class Transition:
    source: str
    target: str
    label: object
    # A council decision must cite the council meeting (or joint meeting) it was taken at.
    council_decision: bool = False
    # The name of the precondition check in services.py (None: no precondition).
    check: str | None = None


TRANSITIONS = [
    Transition(State.PROPOSED, State.DRAFTING, _("Appoint the drafters"), True, "drafters"),
    Transition(
        State.DRAFTING,
        State.DRAFT_AT_JOINT_MEETING,
        _("Send the draft to a joint meeting"),
        False,
        "has_draft",
    ),
    Transition(State.DRAFT_AT_JOINT_MEETING, State.DRAFTING, _("Return the draft for revision")),
    Transition(
        State.DRAFT_AT_JOINT_MEETING,
        State.APPROVED,
        _("Approve the terms of reference"),
        True,
        "terms_complete",
    ),
    Transition(State.APPROVED, State.RECRUITING, _("Open recruitment"), False, None),
    Transition(
        State.RECRUITING, State.APPOINTED, _("Register the appointment"), True, "members_appointed"
    ),
    Transition(State.APPOINTED, State.WORKING, _("Start the work"), False, None),
    Transition(
        State.WORKING,
        State.RESULT_PRESENTED,
        _("Register the result as presented"),
        False,
        "has_recommendations",
    ),
    Transition(
        State.RESULT_PRESENTED,
        State.DELIVERED,
        _("Register the delivery to the council"),
        True,
        "delivery_complete",
    ),
    Transition(
        State.DELIVERED,
        State.FOLLOWING_UP,
        _("Start the follow-up"),
        False,
        "recommendations_decided",
    ),
    Transition(State.FOLLOWING_UP, State.CLOSED, _("Close"), False, "follow_up_finished"),
] + [Transition(state, State.CANCELLED, _("Cancel"), False, "reason") for state in BEFORE_DELIVERY]

_BY_PAIR = {(t.source, t.target): t for t in TRANSITIONS}


def find(source, target):
    return _BY_PAIR.get((source, target))


def allowed_from(state):
    """The steps possible from ``state``: the way forward first, then back, cancel last."""

    def order(t):
        if t.target == State.CANCELLED:
            return 2
        return 0 if PATH.index(t.target) > PATH.index(t.source) else 1

    return sorted((t for t in TRANSITIONS if t.source == state), key=order)


def path_position(state):
    """(done states, current, next states) for drawing the path."""
    if state == State.CANCELLED:
        return [], state, []
    index = PATH.index(state)
    return PATH[:index], state, PATH[index + 1 :]
