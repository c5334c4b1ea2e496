"""Read side: the portfolio, the timeline and the accountability record."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, NotRequired, TypedDict

from django.db.models import Count, Exists, Min, OuterRef, Q, QuerySet
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
    Delivery,
    FollowUpItem,
    FollowUpStatus,
    Recommendation,
    StateChange,
    TaskCommittee,
    TermsVersion,
)

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise


def portfolio_queryset() -> QuerySet[TaskCommittee]:
    return TaskCommittee.objects.select_related("body", "body__parent")


@dataclass(frozen=True)
class DatedTask:
    """A committee on the portfolio's page with the date of its first registered step."""

    task: TaskCommittee
    first_step: dt.date | None


def with_first_step(tasks: Iterable[TaskCommittee]) -> list[DatedTask]:
    """The committees (one page) as a list, each with ``first_step``: the date of its first
    registered step. Grouped over these committees only, after the page is cut out."""
    tasks = list(tasks)
    firsts: dict[int, dt.date] = dict(
        StateChange.objects.filter(task__in=tasks)
        .values_list("task")
        .annotate(first=Min("date"))
        .values_list("task", "first")
    )
    return [DatedTask(task, firsts.get(task.pk)) for task in tasks]


def state_counts() -> list[tuple[State, int]]:
    counts = dict(
        TaskCommittee.objects.values_list("state").annotate(n=Count("id")).values_list("state", "n")
    )
    return [(State(s), counts.get(s, 0)) for s in lifecycle.ALL]


def running_count() -> int:
    return TaskCommittee.objects.filter(state__in=lifecycle.RUNNING).count()


class CommitteeCounts(TypedDict):
    """One row of the portfolio table: a standing committee and its task committees."""

    body__parent__name: str | None
    body__parent__slug: str | None
    total: int
    preparing: int
    running: int
    done: int
    cancelled: int


def by_committee() -> list[CommitteeCounts]:
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
    return [
        CommitteeCounts(
            body__parent__name=row["body__parent__name"],
            body__parent__slug=row["body__parent__slug"],
            total=row["total"],
            preparing=row["preparing"],
            running=row["running"],
            done=row["done"],
            cancelled=row["cancelled"],
        )
        for row in rows
    ]


class Bar(TypedDict):
    """One committee on the timeline, with its place on a 1000-unit-wide drawing."""

    task: TaskCommittee
    start: dt.date
    end: dt.date
    ended: bool
    x: float
    width: float
    y: int


class YearMark(TypedDict):
    year: int
    x: float


class Timeline(TypedDict):
    bars: list[Bar]
    years: list[YearMark]
    height: NotRequired[int]


def timeline(tasks: Sequence[DatedTask], today: dt.date | None = None) -> Timeline:
    """Bars for a Gantt-style timeline: each committee from its first step to its close (or
    today), with its start and end as fractions of the whole span, for drawing in SVG."""
    today = today or timezone.localdate()
    spans = []
    for row in tasks:
        task = row.task
        start = row.first_step or task.proposed_on
        ended = task.state in lifecycle.ENDED
        end = (task.body.end_date if ended else None) or today
        if end < start:
            end = start
        spans.append((task, start, end, ended))
    if not spans:
        return {"bars": [], "years": []}
    lo = min(start for _t, start, _e, _d in spans)
    hi = max(max(end for _t, _s, end, _d in spans), today)
    lo = dt.date(lo.year, 1, 1)
    hi = dt.date(hi.year + 1, 1, 1)
    span = (hi - lo).days or 1
    bars: list[Bar] = [
        {
            "task": task,
            "start": start,
            "end": end,
            "ended": ended,
            "x": round(1000 * (start - lo).days / span, 1),
            "width": max(round(1000 * (end - start).days / span, 1), 4),
            "y": i * 28,
        }
        for i, (task, start, end, ended) in enumerate(spans)
    ]
    years: list[YearMark] = [
        {"year": y, "x": round(1000 * (dt.date(y, 1, 1) - lo).days / span, 1)}
        for y in range(lo.year, hi.year)
    ]
    return {"bars": bars, "years": years, "height": len(bars) * 28 + 30}


class FollowUpSummary(TypedDict):
    rows: list[tuple[FollowUpStatus, int]]
    total: int
    overdue: int
    done: int
    done_width: int


def follow_up_summary(items: QuerySet[FollowUpItem]) -> FollowUpSummary:
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


def follow_up_items() -> QuerySet[FollowUpItem]:
    return FollowUpItem.objects.select_related(
        "recommendation", "recommendation__task", "recommendation__task__body", "owner"
    ).order_by("recommendation__task__body__name", "recommendation__number")


def accountability_rows() -> QuerySet[TaskCommittee]:
    """The task committees whose result is public and that have recommendations, newest
    first. Their figures come from :func:`with_recommendation_counts`, per page."""
    return (
        TaskCommittee.objects.filter(lifecycle.result_public_q())
        .filter(Exists(Recommendation.objects.filter(task=OuterRef("pk"))))
        .select_related("body")
        .order_by("-body__end_date", "body__name")
    )


@dataclass(frozen=True)
class RecommendationFigures:
    """A committee on the "what became of it" page with its recommendations' figures."""

    task: TaskCommittee
    recommendation_count: int = 0
    adopted: int = 0
    items_done: int = 0
    items_total: int = 0


def with_recommendation_counts(tasks: Iterable[TaskCommittee]) -> list[RecommendationFigures]:
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
    figures = {
        row["task"]: (
            row["recommendation_count"],
            row["adopted"],
            row["items_done"],
            row["items_total"],
        )
        for row in rows
    }
    return [
        RecommendationFigures(task, *figures[task.pk])
        if task.pk in figures
        else RecommendationFigures(task)
        for task in tasks
    ]


def state_history(task: TaskCommittee) -> QuerySet[StateChange]:
    return StateChange.objects.filter(task=task).select_related("actor").order_by("date", "id")


def standing_committees() -> QuerySet[Body]:
    return Body.objects.filter(
        kind__in=[BodyKind.STANDING_COMMITTEE, BodyKind.FINANCE_COMMITTEE]
    ).order_by("kind", "name")


class SeatPart(TypedDict):
    label: StrOrPromise | None
    seats: int
    result: dhondt.Result


class SeatDistribution(TypedDict):
    labels: dict[str, str]
    as_one: bool
    parts: list[SeatPart]


def seat_distribution(
    task: TaskCommittee, version: TermsVersion | None, on: dt.date | None = None
) -> SeatDistribution | None:
    """The seats the terms' composition implies among the council's current groups, by
    d'Hondt: politicians and citizens as one, or separately, as the terms say.

    The seed is fixed by committee and version so the page is reproducible; the council's
    own draw is recorded when it appoints the members."""
    if version is None or version.appointment_method == AppointmentMethod.UNANIMOUS:
        return None
    term = org_queries.current_term()
    groups = list(org_queries.groups_with_sizes(term, on)) if term else []
    # The engine works on the groups' letters; pages show each group's name beside its letter.
    labels: dict[str, str] = {g.short_name: g.label for g in groups}
    sizes = [dhondt.Group(g.short_name, g.size) for g in groups if g.size > 0]
    if not sizes:
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
                    "result": dhondt.allocate(version.seats, sizes, seed=seed),
                },
            ],
        }
    parts: list[SeatPart] = []
    for label, seats, suffix in (
        (_("Council members"), version.council_members, "politicians"),
        (_("Citizens"), version.citizens, "citizens"),
    ):
        if seats:
            parts.append(
                {
                    "label": label,
                    "seats": seats,
                    "result": dhondt.allocate(seats, sizes, seed=f"{seed} {suffix}"),
                }
            )
    return {"labels": labels, "as_one": False, "parts": parts} if parts else None


def approved_terms() -> QuerySet[TermsVersion]:
    """The terms of reference anyone may read: each committee's approved version (drafts are
    for those who may see drafts, as the version page says)."""
    approved = TaskCommittee.objects.filter(approved_version__isnull=False)
    return TermsVersion.objects.filter(pk__in=approved.values("approved_version_id"))


def public_deliveries() -> QuerySet[Delivery]:
    """The results anyone may read: presented, or cancelled after the presentation."""
    public = TaskCommittee.objects.filter(lifecycle.result_public_q())
    return Delivery.objects.filter(task__in=public.values("pk"))


def public_recommendations() -> QuerySet[Recommendation]:
    """The recommendations of the results anyone may read (``lifecycle.result_public_q``)."""
    public = TaskCommittee.objects.filter(lifecycle.result_public_q())
    return Recommendation.objects.filter(task__in=public.values("pk"))
