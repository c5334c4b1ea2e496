"""Read side: the portfolio, the timeline and the accountability record."""

import datetime as dt
from typing import Any, cast

from django.db.models import Count, Exists, Min, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from samskab.organisation import queries as org_queries
from samskab.organisation.models import Body, BodyKind
from samskab.seats import dhondt

from . import lifecycle
from .lifecycle import State
from .models import (
    ADOPTING,
    FINISHED,
    AppointmentMethod,
    FollowUpItem,
    FollowUpStatus,
    Recommendation,
    StateChange,
    TaskCommittee,
)


def portfolio_queryset():
    return TaskCommittee.objects.select_related("body", "body__parent")


def with_first_step(tasks):
    """The committees (one page) as a list, each with ``first_step``: the date of its first
    registered step. Grouped over these committees only, after the page is cut out."""
    tasks = list(tasks)
    firsts = dict(
        StateChange.objects.filter(task__in=tasks)
        .values_list("task")
        .annotate(first=Min("date"))
        .values_list("task", "first")
    )
    for task in tasks:
        task.first_step = firsts.get(task.pk)
    return tasks


def state_counts():
    counts = dict(
        TaskCommittee.objects.values_list("state").annotate(n=Count("id")).values_list("state", "n")
    )
    return [(State(s), counts.get(s, 0)) for s in lifecycle.ALL]


def running_count():
    return TaskCommittee.objects.filter(state__in=lifecycle.RUNNING).count()


def by_committee():
    """Rows (committee, counts per group of states) for the portfolio table."""
    rows = (
        TaskCommittee.objects.values("body__parent__name", "body__parent__slug")
        .annotate(
            total=Count("id"),
            preparing=Count("id", filter=Q(state__in=lifecycle.PREPARING)),
            running=Count("id", filter=Q(state__in=lifecycle.RUNNING)),
            done=Count("id", filter=Q(state__in=lifecycle.DELIVERED)),
            cancelled=Count("id", filter=Q(state=State.CANCELLED)),
        )
        .order_by("body__parent__name")
    )
    return list(rows)


def timeline(tasks, today=None):
    """Bars for a Gantt-style timeline: each committee from its first step to its close (or
    today), with its start and end as fractions of the whole span, for drawing in SVG."""
    today = today or timezone.localdate()
    bars = []
    for task in tasks:
        start = task.first_step or task.proposed_on
        ended = task.state in lifecycle.ENDED
        end = (task.body.end_date if ended else None) or today
        if end < start:
            end = start
        bars.append({"task": task, "start": start, "end": end, "ended": ended})
    if not bars:
        return {"bars": [], "years": []}
    lo = min(b["start"] for b in bars)
    hi = max(max(b["end"] for b in bars), today)
    lo = dt.date(lo.year, 1, 1)
    hi = dt.date(hi.year + 1, 1, 1)
    span = (hi - lo).days or 1
    for i, bar in enumerate(bars):
        bar["x"] = round(1000 * (bar["start"] - lo).days / span, 1)
        bar["width"] = max(round(1000 * (bar["end"] - bar["start"]).days / span, 1), 4)
        bar["y"] = i * 28
    years = [
        {"year": y, "x": round(1000 * (dt.date(y, 1, 1) - lo).days / span, 1)}
        for y in range(lo.year, hi.year)
    ]
    return {"bars": bars, "years": years, "height": len(bars) * 28 + 30}


def follow_up_summary(items):
    """Counts per status, and how many are overdue, for a set of follow-up items."""
    today = timezone.localdate()
    # Counted by the database in one row, however many items the history holds.
    figures = items.order_by().aggregate(
        overdue=Count("id", filter=Q(due_date__lt=today) & ~Q(status__in=FINISHED)),
        **{status: Count("id", filter=Q(status=status)) for status in FollowUpStatus.values},
    )
    counts = {status: figures[status] or 0 for status in FollowUpStatus.values}
    overdue = figures["overdue"] or 0
    total = sum(counts.values())
    return {
        "rows": [(FollowUpStatus(s), counts[s]) for s in FollowUpStatus.values],
        "total": total,
        "overdue": overdue,
        "done": counts[FollowUpStatus.DONE],
        # Widths on a 400-unit bar, for the picture beside the table.
        "done_width": round(400 * counts[FollowUpStatus.DONE] / total) if total else 0,
    }


def follow_up_items():
    return FollowUpItem.objects.select_related(
        "recommendation", "recommendation__task", "recommendation__task__body", "owner"
    ).order_by("recommendation__task__body__name", "recommendation__number")


def accountability_rows():
    """The task committees whose result is public and that have recommendations, newest
    first. Their figures come from :func:`with_recommendation_counts`, per page."""
    return (
        TaskCommittee.objects.filter(lifecycle.result_public_q())
        .filter(Exists(Recommendation.objects.filter(task=OuterRef("pk"))))
        .select_related("body")
        .order_by("-body__end_date", "body__name")
    )


def with_recommendation_counts(tasks):
    """The committees (one page) as a list, each with ``recommendation_count``, ``adopted``,
    ``items_done`` and ``items_total`` (follow-up items): one grouped query over these
    committees only, after the page is cut out."""
    tasks = list(tasks)
    rows = (
        Recommendation.objects.filter(task__in=tasks)
        .values("task")
        .annotate(
            recommendation_count=Count("id"),
            adopted=Count("id", filter=Q(decision__in=ADOPTING)),
            items_done=Count("follow_up", filter=Q(follow_up__status=FollowUpStatus.DONE)),
            items_total=Count("follow_up"),
        )
    )
    figures = {row.pop("task"): row for row in cast(list[dict[str, Any]], rows)}
    empty = {"recommendation_count": 0, "adopted": 0, "items_done": 0, "items_total": 0}
    for task in tasks:
        for name, value in figures.get(task.pk, empty).items():
            setattr(task, name, value)
    return tasks


def state_history(task):
    return StateChange.objects.filter(task=task).select_related("actor").order_by("date", "id")


def standing_committees():
    return Body.objects.filter(
        kind__in=[BodyKind.STANDING_COMMITTEE, BodyKind.FINANCE_COMMITTEE]
    ).order_by("kind", "name")


def seat_distribution(task, version, on=None):
    """The seats the terms' composition implies among the council's current groups, by
    d'Hondt: politicians and citizens as one, or separately, as the terms say.

    The seed is fixed by committee and version so the page is reproducible; the council's
    own draw is recorded when it appoints the members."""
    if version is None or version.appointment_method == AppointmentMethod.UNANIMOUS:
        return None
    term = org_queries.current_term()
    groups = list(org_queries.groups_with_sizes(term, on)) if term else []
    # The engine works on the groups' letters; pages show each group's name beside its letter.
    labels = {g.short_name: g.label for g in groups}
    groups = [dhondt.Group(g.short_name, g.size) for g in groups if g.size > 0]
    if not groups:
        return None
    seed = f"{task.body.slug} v{version.number}"
    if version.appointment_method == AppointmentMethod.DHONDT_AS_ONE:
        if version.seats < 1:
            return None
        return {
            "labels": labels,
            "as_one": True,
            "parts": [
                {
                    "label": None,
                    "seats": version.seats,
                    "result": dhondt.allocate(version.seats, groups, seed=seed),
                },
            ],
        }
    parts = []
    for label, seats, suffix in (
        (_("Council members"), version.council_members, "politicians"),
        (_("Citizens"), version.citizens, "citizens"),
    ):
        if seats:
            parts.append(
                {
                    "label": label,
                    "seats": seats,
                    "result": dhondt.allocate(seats, groups, seed=f"{seed} {suffix}"),
                }
            )
    return {"labels": labels, "as_one": False, "parts": parts} if parts else None
