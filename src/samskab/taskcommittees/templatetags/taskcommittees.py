"""How a task committee's states, decisions and follow-up read on a page: DKFDS badges."""

from django import template
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from samskab.core import charts
from samskab.core.templatetags.core import number
from samskab.taskcommittees.lifecycle import RUNNING, State
from samskab.taskcommittees.models import Decision, FollowUpStatus

register = template.Library()

_FINISHED_STATES = {State.DELIVERED, State.FOLLOWING_UP, State.CLOSED}
_DECISION = {
    Decision.PENDING: "badge-warning",
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
    """The committee's state: amber while it is prepared, blue while it works, green once
    delivered, red if cancelled (the same colours as the portfolio's timeline)."""
    state = task.state
    if state in RUNNING:
        kind = "badge-info"
    elif state in _FINISHED_STATES:
        kind = "badge-success"
    elif state == State.CANCELLED:
        kind = "badge-error"
    else:
        kind = "badge-warning"
    return _badge(kind, task.get_state_display().capitalize())


@register.filter
def decision_badge(recommendation):
    kind = _DECISION.get(recommendation.decision, "")
    return _badge(kind, recommendation.get_decision_display().capitalize())


@register.filter
def follow_up_badge(item):
    kind = _FOLLOW_UP.get(item.status, "")
    return _badge(kind, item.get_status_display().capitalize())


_STATUS_COLOURS = {
    FollowUpStatus.DONE: charts.GREEN,
    FollowUpStatus.IN_PROGRESS: charts.BLUE,
    FollowUpStatus.NOT_STARTED: charts.GREY,
    FollowUpStatus.DROPPED: charts.AMBER,
}


@register.simple_tag
def follow_up_chart(summary):
    """Follow-up items by status: one bar split by status, beside a table of the counts."""
    caption = _("%(done)s of %(total)s follow-up items done") % {
        "done": number(summary["done"]),
        "total": number(summary["total"]),
    }
    if summary["overdue"]:
        caption += " · " + ngettext("%(n)s overdue", "%(n)s overdue", summary["overdue"]) % {
            "n": number(summary["overdue"])
        }
    segments = [
        charts.Segment(
            label=status.label.capitalize(),
            value=count,
            shown=number(count),
            colour=_STATUS_COLOURS.get(status, charts.GREY),
        )
        for status, count in summary["rows"]
    ]
    return charts.stacked_bar(segments, caption=caption, columns=[_("Status"), _("Items")])


def _state_colour(state):
    if state in RUNNING:
        return charts.BLUE
    if state in _FINISHED_STATES:
        return charts.GREEN
    if state == State.CANCELLED:
        return charts.RED
    return charts.AMBER


@register.simple_tag
def state_chart(counts):
    """How many task committees are in each state, each state linking to its list."""
    bars = [
        charts.Bar(
            label=state.label.capitalize(),
            value=count,
            shown=number(count),
            colour=_state_colour(state),
            header=format_html('<a href="?state={}">{}</a>', state.value, state.label.capitalize()),
        )
        for state, count in counts
    ]
    return charts.bar_chart(
        bars, caption=_("Task committees by state"), columns=[_("State"), _("Task committees")]
    )


@register.simple_tag
def timeline_chart(timeline, today=None):
    """The portfolio's timeline: each committee from its first step to its close (or today)."""
    today = today or timezone.localdate()
    spans = []
    for bar in timeline["bars"]:
        task = bar["task"]
        spans.append(
            charts.Span(
                label=task.body.name,
                start=bar["start"],
                end=bar["end"] if bar["ended"] else None,
                colour=_state_colour(task.state),
                cells=[
                    format_html('<a href="{}">{}</a>', task.get_absolute_url(), task.body.name),
                    task.body.parent.name if task.body.parent else "–",
                    state_badge(task),
                    date_format(bar["start"]),
                    date_format(bar["end"]) if bar["ended"] else _("ongoing"),
                ],
            )
        )
    return charts.timeline(
        spans,
        caption=_("Task committees on this page"),
        columns=[_("Task committee"), _("Standing committee"), _("State"), _("From"), _("To")],
        today=today,
        note=_(
            "Each bar runs from the committee's first step to its close (or today): blue while "
            "it works, green once delivered, brown while it is prepared, red if cancelled."
        ),
    )
