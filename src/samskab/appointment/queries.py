"""The read side of appointments: the meeting's state as every screen shows it, the pool
with each applicant's competences against the terms, the committee's history."""

import datetime as dt
from collections import Counter

from django.db.models import Count
from django.utils import timezone

from samskab.organisation.models import BodyKind, Membership
from samskab.recruitment.models import Application

from . import services
from .models import Appointment, SeatKind, Status, Vacancy


def appointments():
    """Every appointment, newest first (bounded: paginate)."""
    return (
        Appointment.objects.select_related("body", "term")
        .annotate(named=Count("picks"))
        .order_by("-date", "-id")
    )


def seats_per_group(appointment):
    counts: dict[str, int] = {g["name"]: 0 for g in appointment.groups}
    for entry in appointment.order:
        counts[entry["group"]] += 1
    return [
        {"name": g["name"], "size": g["size"], "seats": counts[g["name"]]}
        for g in appointment.groups
    ]


def state(appointment):
    """Everything a screen of the meeting shows, in a bounded number of queries."""
    picks = list(appointment.picks.select_related("seat_group", "named_by", "person", "membership"))
    by_number = {p.number: p for p in picks}
    rows = []
    for number, entry in enumerate(appointment.order, start=1):
        rows.append({"number": number, **entry, "pick": by_number.get(number)})
    council = sum(1 for p in picks if p.is_council_member)
    due = len(picks) + 1 if len(picks) < len(appointment.order) else None
    return {
        "appointment": appointment,
        "rows": rows,
        "picks": picks,
        "due": due,
        "due_entry": appointment.order[due - 1] if due else None,
        "council_named": council,
        "citizens_named": len(picks) - council,
        "seats_per_group": seats_per_group(appointment),
        "lots": appointment.ties,
        "council_picks": [p for p in picks if p.is_council_member],
        "is_completed": appointment.status == Status.COMPLETED,
        "choosing_chairs": appointment.status == Status.CHAIRS,
        "SeatKind": SeatKind,
    }


def council_candidates(appointment, again=False):
    """The council members on the date, with their groups, not yet named (``again``: also
    those named, who may sit on several standing committees)."""
    qs = Membership.objects.current(appointment.date).filter(body__kind=BodyKind.COUNCIL)
    if not again:
        qs = qs.exclude(
            person__in=appointment.picks.filter(person__isnull=False).values("person_id")
        )
    return qs.select_related("person", "group").order_by("group__short_name", "person__name")


def free_committees(appointment):
    """In a constitution: the standing committees with the seats still free."""
    taken = Counter(appointment.picks.values_list("committee_id", flat=True))
    rows = []
    for body in services.standing_committees(appointment.body):
        free = (body.seats or 0) - taken.get(body.pk, 0)
        if free > 0:
            body.free = free
            rows.append(body)
    return rows


def pool(appointment, competences=()):
    """The call's pool not yet named, the shortlist first; each applicant's competences
    marked against those the terms seek."""
    if appointment.call_id is None:
        return []
    named = appointment.picks.filter(application__isnull=False).values("application_id")
    sought = set(competences)
    rows = []
    for a in (
        Application.objects.in_pool()
        .filter(call=appointment.call_id)
        .exclude(pk__in=named)
        .select_related("district")
        .order_by("-shortlisted", "name", "id")
    ):
        a.matched = [c for c in a.competences if c in sought]
        a.other = [c for c in a.competences if c not in sought]
        # Shown beside the name, so that the groups see before naming whom the service refuses.
        a.choice = f"a{a.pk}"
        a.unqualified = services.qualification_problem(appointment, application=a)
        rows.append(a)
    return rows


def vacancies(body):
    return Vacancy.objects.filter(body=body).select_related(
        "left__person", "replacement__person", "group"
    )


def open_seats_for(body, on=None):
    """The body's current members who can be replaced (for the vacancy form)."""
    return (
        Membership.objects.current(on)
        .filter(body=body, group__isnull=False)
        .exclude(role__in=["secretary", "expert"])
        .select_related("person", "group")
        .order_by("-is_council_member", "person__name")
    )


def council_meetings():
    """The council's meetings a decision may refer to: not cancelled, from the last year up
    to today (a decision is never dated in the future), newest first."""
    # The meeting model is reached through the record's foreign key (declared by app label):
    # the task committees' demo imports this app, and their life must not import meetings.
    meeting_model = Appointment._meta.get_field("meeting").related_model
    today = timezone.localdate()
    return (
        meeting_model._default_manager.filter(body__kind=BodyKind.COUNCIL)
        .exclude(status="cancelled")
        .filter(
            start__date__gte=today - dt.timedelta(days=366),
            start__date__lte=today + dt.timedelta(days=1),
        )
        .select_related("body")
        .order_by("-start", "-id")
    )


def terms_competences(appointment):
    task = appointment.task
    terms = task.approved_version if task is not None else None
    return terms.competence_list if terms is not None else []


def record_of(body):
    return (
        Appointment.objects.filter(body=body, status=Status.COMPLETED)
        .order_by("-date", "-id")
        .first()
    )
