"""How a task committee's states, decisions and follow-up read on a page: DKFDS badges."""

from django import template
from django.utils.html import format_html

from samskab.taskcommittees.lifecycle import RUNNING, State
from samskab.taskcommittees.models import Decision, FollowUpStatus

register = template.Library()

_FINISHED_STATES = {State.DELIVERED, State.FOLLOWING_UP, State.CLOSED}
_DECISION = {
    Decision.ADOPTED: "badge-success",
    Decision.ADOPTED_WITH_CHANGES: "badge-success",
    Decision.REJECTED: "badge-error",
    Decision.REFERRED: "badge-info",
}
_FOLLOW_UP = {
    FollowUpStatus.DONE: "badge-success",
    FollowUpStatus.IN_PROGRESS: "badge-info",
}


def _badge(kind, label):
    return format_html('<span class="badge{}">{}</span>', f" {kind}" if kind else "", label)


@register.filter
def state_badge(task):
    """The committee's state: blue while it works, green once delivered, plain before."""
    state = task.state
    if state in RUNNING:
        kind = "badge-info"
    elif state in _FINISHED_STATES:
        kind = "badge-success"
    elif state == State.CANCELLED:
        kind = "badge-warning"
    else:
        kind = ""
    return _badge(kind, task.get_state_display().capitalize())


@register.filter
def decision_badge(recommendation):
    kind = _DECISION.get(recommendation.decision, "")
    return _badge(kind, recommendation.get_decision_display().capitalize())


@register.filter
def follow_up_badge(item):
    kind = _FOLLOW_UP.get(item.status, "")
    return _badge(kind, item.get_status_display().capitalize())
