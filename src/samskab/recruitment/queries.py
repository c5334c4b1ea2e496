"""Recruitment's read side: the lists and the pool, bounded whatever the data size."""

from django.db.models import Count, Q
from django.utils import timezone

from . import breadth
from .models import Application, Call

POOL_ORDER = ["-shortlisted", "name", "id"]


def open_calls(now=None):
    now = now or timezone.now()
    return (
        Call.objects.filter(deadline__gt=now, appointed_on__isnull=True)
        .select_related("task__body", "terms")
        .order_by("deadline", "id")
    )


def all_calls():
    """Every call with its pool's size (one query for the list)."""
    return Call.objects.select_related("task__body", "terms").annotate(
        applicants=Count(
            "applications",
            filter=Q(
                applications__confirmed_at__isnull=False,
                applications__withdrawn_at__isnull=True,
            ),
        ),
        unconfirmed=Count("applications", filter=Q(applications__confirmed_at__isnull=True)),
    )


def call_for_task(task):
    """The committee's newest call, if any (shown on its page)."""
    return task.calls.select_related("terms").order_by("-opened_at", "-id").first()


def pool(call, filters, *, with_gender):
    """The confirmed applications of a call that match the filters (a dict of cleaned
    values from ``PoolFilterForm``)."""
    qs = (
        Application.objects.in_pool()
        .filter(call=call)
        .select_related("district", "call")
        .order_by(*POOL_ORDER)
    )
    q = (filters.get("q") or "").strip()
    if q:
        qs = qs.filter(
            Q(name__icontains=q)
            | Q(occupation__icontains=q)
            | Q(motivation__icontains=q)
            | Q(district__name__icontains=q)
        )
    if competence := filters.get("competence"):
        # JSON containment has no lookup on SQLite: the ids are picked from one narrow query.
        chosen = Application.objects.in_pool().filter(call=call).values_list("pk", "competences")
        qs = qs.filter(pk__in=[pk for pk, cs in chosen if competence in (cs or [])])
    if district := filters.get("district"):
        if district == breadth.OUTSIDE:
            qs = qs.filter(district__isnull=True)
        elif district.isdigit():
            qs = qs.filter(district_id=int(district))
    if band := breadth.BAND_BY_KEY.get(filters.get("age") or ""):
        earliest, latest = breadth.birth_years(band, breadth.reference_year(call))
        if earliest is not None:
            qs = qs.filter(birth_year__gte=earliest)
        if latest is not None:
            qs = qs.filter(birth_year__lte=latest)
    if with_gender and filters.get("gender"):
        qs = qs.filter(gender=filters["gender"])
    if filters.get("channel"):
        qs = qs.filter(heard_via=filters["channel"])
    if filters.get("shortlist"):
        qs = qs.filter(shortlisted=True)
    return qs


def age_band(application):
    age = breadth.reference_year(application.call) - application.birth_year
    return next((band for band in breadth.AGE_BANDS if band.contains(age)), None)
