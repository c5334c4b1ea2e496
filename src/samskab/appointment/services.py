"""The seat engine as the pages and the API use it, and the appointment by d'Hondt: the
appointment meeting, the decision record, vacancies."""

import datetime as dt
import secrets
from fractions import Fraction

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from samskab.core import audit, dates
from samskab.core import email as mail
from samskab.core.errors import Conflict, DomainError, Errors
from samskab.organisation import queries as org_queries
from samskab.organisation.models import (
    Basis,
    Body,
    BodyKind,
    Membership,
    Person,
    Role,
    TermOfOffice,
)
from samskab.recruitment import services as recruitment
from samskab.recruitment.models import Application, Outcome
from samskab.seats import dhondt
from samskab.taskcommittees import services as taskcommittees
from samskab.taskcommittees.lifecycle import State
from samskab.taskcommittees.models import AppointmentMethod

from . import rules as perms
from .models import Appointment, Kind, Method, Pick, SeatKind, Status, Vacancy


def error_message(error: dhondt.DhondtInputError) -> str:
    """The reason for a refused request, in the user's language."""
    params = error.params
    n = params.get("index", 0) + 1
    code = error.code
    if code == "not_integer":
        if params.get("field") == "seats":
            return _("The number of seats must be a whole number.")
        return _("The size of group %(n)s must be a whole number.") % {"n": n}
    if code == "not_json":
        return _("The request is not valid JSON.")
    if code == "not_object":
        return _("The request must be a JSON object.")
    if code == "missing_field":
        return _("The field %(field)s is missing.") % {"field": params.get("field", "")}
    if code == "not_list":
        return _("The groups must be a list.")
    if code == "group_not_object":
        return _("Group %(n)s must be an object with a name and a size.") % {"n": n}
    if code == "no_groups":
        return _("Enter at least one group.")
    if code == "too_many_groups":
        return _("Enter at most %(max)s groups.") % {"max": params.get("max", dhondt.MAX_GROUPS)}
    if code == "seats_too_small":
        return _("The number of seats must be at least 1.")
    if code == "seats_too_large":
        return _("The number of seats must be at most %(max)s.") % {
            "max": params.get("max", dhondt.MAX_SEATS)
        }
    if code == "bad_seed":
        return _("The seed must be text.")
    if code == "not_string":
        return _("The name of group %(n)s must be text.") % {"n": n}
    if code == "empty_name":
        return _("Group %(n)s needs a name.") % {"n": n}
    if code == "duplicate_name":
        return _("Group %(n)s has the same name as group %(m)s.") % {
            "n": n,
            "m": params.get("first_index", 0) + 1,
        }
    if code == "size_too_small":
        return _("The size of group %(n)s must be at least 1.") % {"n": n}
    return str(error)


def quotient_table(result: dhondt.Result, groups: list[dhondt.Group], columns: int | None = None):
    """Rows of (group, cells) for drawing the quotient table: each cell knows whether it won a
    seat, its pick number, and whether a lot decided it. Divisors run to one past the largest
    number of seats any group won (the first quotient that did not win), at most 20 columns."""
    picks = {(p.group, p.divisor): (n, p.by_lot) for n, p in enumerate(result.order, start=1)}
    tied = {(name, t.quotient) for t in result.ties for name in t.groups}
    if columns is None:
        columns = min(max(result.seats.values(), default=0) + 1, 20)
    rows = []
    for group in groups:
        cells = []
        for divisor in range(1, columns + 1):
            q = Fraction(group.size, divisor)
            pick = picks.get((group.name, divisor))
            cells.append(
                {
                    "quotient": dhondt.format_quotient(q),
                    "decimal": float(q),
                    "pick": pick[0] if pick else None,
                    "lot": (group.name, q) in tied,
                }
            )
        rows.append({"group": group, "seats": result.seats[group.name], "cells": cells})
    return {"divisors": list(range(1, columns + 1)), "rows": rows}


# --- The appointment meeting --------------------------------------------------------------
#
# Every function takes the acting user first, runs in a transaction, asks the predicate in
# rules.py, writes the audit entry and raises DomainError (Conflict) with a translated reason.
# The appointment row is locked for every step, and every step names the version it saw:
# two screens picking at the same moment, the first wins and the second gets a Conflict.


# The lifecycle states in which the council appoints a task committee's members.
APPOINTABLE = {State.APPROVED, State.RECRUITING}


def _require(predicate, user, obj=None, reason=None, field=None):
    if predicate.test(user, obj):
        return
    if reason is not None and perms.can_manage.test(user):
        raise DomainError(reason(), field=field, code="state")
    raise DomainError(_("You do not have permission to do this."), code="forbidden")


def _user(actor):
    return actor if getattr(actor, "is_authenticated", False) else None


def council_membership(person, on):
    """The person's seat on the council on ``on`` (None: not a council member that day)."""
    return (
        Membership.objects.current(on)
        .filter(person=person, body__kind=BodyKind.COUNCIL)
        .select_related("group")
        .first()
    )


def council_groups(term, on):
    """The council's groups on a day with their sizes (council members), largest first."""
    return [g for g in org_queries.groups_with_sizes(term, on) if g.size > 0]


def latest_call(task):
    return task.calls.order_by("-opened_at", "-id").first() if task is not None else None


def compute(method, council_seats, citizen_seats, groups, seed):
    """The seats in pick order and the lots, from the seat engine (as one, or separately)."""
    engine_groups = [dhondt.Group(name, size) for name, size in groups]
    parts = (
        [(SeatKind.ANY, council_seats + citizen_seats)]
        if method == Method.AS_ONE
        else [(SeatKind.COUNCIL, council_seats), (SeatKind.CITIZEN, citizen_seats)]
    )
    order: list[dict] = []
    ties: list[dict] = []
    for kind, seats in parts:
        if seats < 1:
            continue
        result = dhondt.allocate(seats, engine_groups, seed=seed)
        offset = len(order)
        order += [
            {
                "group": p.group,
                "quotient": dhondt.format_quotient(p.quotient),
                "by_lot": p.by_lot,
                "kind": kind,
            }
            for p in result.order
        ]
        ties += [
            {
                "quotient": dhondt.format_quotient(t.quotient),
                "groups": list(t.groups),
                "winners": list(t.winners),
                "places": [offset + n for n in t.places],
                "at_boundary": t.at_boundary,
                "kind": kind,
            }
            for t in result.ties
        ]
    return order, ties


def departure_order(seats: dict[str, int]) -> list[dict]:
    """The pick order when the council departs from d'Hondt: the groups name in turn, one
    seat a round, the group with most seats first (then by name), until each has its seats."""
    left = dict(sorted(seats.items(), key=lambda item: (-item[1], item[0])))
    order: list[dict] = []
    while any(left.values()):
        for name in left:
            if left[name]:
                order.append(
                    {"group": name, "quotient": None, "by_lot": False, "kind": SeatKind.ANY}
                )
                left[name] -= 1
    return order


def _departure(departure, departure_note, unanimous, groups, seats):
    """Check a departure from d'Hondt: each group's seats, adding up to the committee's, and
    the council's unanimous decision recorded. Returns the seats per group."""
    errors = Errors()
    chosen: dict[str, int] = {}
    for name, count in departure.items():
        if name not in groups:
            errors.add(
                "departure",
                _("%(name)s is not one of the groups in this appointment.") % {"name": name},
            )
        elif not isinstance(count, int) or isinstance(count, bool) or not 0 <= count <= seats:
            errors.add(
                "departure",
                _("Group %(name)s's seats must be a whole number from 0 to %(seats)s.")
                % {"name": name, "seats": seats},
            )
        elif count:
            chosen[name] = count
    if "departure" not in errors and sum(chosen.values()) != seats:
        errors.add(
            "departure",
            _("The groups' seats add up to %(given)s; the committee has %(seats)s.")
            % {"given": sum(chosen.values()), "seats": seats},
        )
    if not (departure_note or "").strip():
        errors.add(
            "departure_note",
            _("A departure from d'Hondt needs the council's decision: give the meeting and item."),
        )
    if unanimous is not True:
        errors.add(
            "unanimous",
            _("A departure from d'Hondt needs a unanimous decision of the council: confirm it."),
        )
    errors.raise_if_any()
    return chosen


def seat_plan(order, council_seats, citizen_seats, council_by_group):
    """Who each seat goes to when every group names its own council members while council
    seats are left and citizens otherwise: for each seat in pick order, a council member
    (taken in turn from ``council_by_group[group]``) or None for a citizen. The one place the
    demo and the generated data set take "5 council members + 10 citizens in pick order" from;
    the meeting itself lets each group choose freely within the same caps."""
    remaining = {name: list(people) for name, people in council_by_group.items()}
    council = citizens = 0
    plan = []
    for entry in order:
        own = remaining.get(entry["group"]) or []
        wants_council = entry["kind"] != SeatKind.CITIZEN and council < council_seats
        if wants_council and own:
            plan.append(own.pop(0))
            council += 1
        elif entry["kind"] != SeatKind.COUNCIL and citizens < citizen_seats:
            plan.append(None)
            citizens += 1
        else:
            # The group has no council member left for a council seat: a willing member of
            # another group takes it (the meeting asks for a note; so does the plan's user).
            others = [people for people in remaining.values() if people]
            if not others:
                raise ValueError("not enough council members for the council seats")
            plan.append(others[0].pop(0))
            council += 1
    return plan


def apply_physical_lot(order, ties, drawn):
    """The chair entered the result of a physical draw: ``drawn`` lists the groups of the tie
    that decided who got a seat (the one at the boundary), in the order they were drawn.
    The first ones drawn take the tie's places, in that order."""
    boundary = [t for t in ties if t["at_boundary"]]
    if not boundary:
        raise DomainError(
            _("No lot decides a seat here: there is no physical draw to enter."),
            field="physical_lot",
        )
    tie = boundary[-1]
    if sorted(drawn) != sorted(tie["groups"]):
        raise DomainError(
            _("The physical draw must list each of the tied groups once: %(groups)s.")
            % {"groups": ", ".join(tie["groups"])},
            field="physical_lot",
        )
    winners = drawn[: len(tie["places"])]
    order = [dict(entry) for entry in order]
    for place, group in zip(tie["places"], winners, strict=True):
        order[place - 1]["group"] = group
    ties = [dict(t) for t in ties]
    for t in ties:
        if t is not None and t["places"] == tie["places"]:
            t["winners"] = winners
            t["drawn"] = drawn
            t["physical"] = True
    return order, ties


@transaction.atomic
def start(
    actor,
    task,
    *,
    date=None,
    reference="",
    sizes=None,
    sizes_note="",
    seed=None,
    require_pool=True,
    physical_lot=None,
    departure=None,
    departure_note="",
    unanimous=False,
    residents_only=False,
    min_age=None,
    competences=None,
    meeting=None,
):
    """Open the appointment meeting for a task committee: its approved terms fix the seats,
    the caps and the method; the council's groups on ``date`` their sizes (``sizes`` maps a
    group's short name to another size, with the reason in ``sizes_note``). The seats and the
    pick order are computed at once, with the lot recorded by its seed; or, when the chair
    held a physical draw, ``physical_lot`` lists the tied groups in the order they were
    drawn, and decides the places the lot was about.

    The council may depart from d'Hondt only by a unanimous decision (and must, when the
    terms say it designates the members unanimously): ``departure`` maps each group's short
    name to its seats, ``departure_note`` records the decision and ``unanimous`` confirms it.

    The qualifications the council set for citizen members, besides the applicant list:
    ``residents_only`` (they live in the municipality), ``min_age`` and ``competences`` (at
    least one of these, from the terms' list). Every citizen named is checked against them.
    ``meeting`` is the council meeting in the meetings app that decides, when there is one;
    without a date, the decision is dated on its day."""
    _require(perms.can_manage, actor)
    task = type(task).objects.select_for_update(of=("self",)).select_related("body").get(pk=task.pk)
    errors = Errors()
    if meeting is not None and date is None:
        date = timezone.localtime(meeting.start).date()
    date = date or timezone.localdate()
    problem = dates.problem(date)
    if problem:
        errors.add("date", problem)
    elif date > timezone.localdate():
        errors.add("date", _("The date cannot be in the future."))
    elif date < task.state_changed_on:
        errors.add(
            "date",
            _("The date cannot be before the committee's last step (%(date)s).")
            % {"date": task.state_changed_on.strftime("%d.%m.%Y")},
        )
    reference = (reference or "").strip()
    if not reference:
        errors.add("reference", _("This is a council decision: give the council meeting."))
    if meeting is not None:
        problem = meeting_problem(meeting, date)
        if problem:
            errors.add("meeting", problem)
    errors.raise_if_any()
    terms = task.approved_version
    if task.state not in APPOINTABLE or terms is None:
        raise DomainError(
            _("The council appoints the members once the terms of reference are approved."),
            code="state",
        )
    if terms.appointment_method == AppointmentMethod.UNANIMOUS and not departure:
        raise DomainError(
            _(
                "The terms of reference say the council designates the members unanimously: "
                "give each group's seats and record the unanimous decision."
            ),
            field="departure",
        )
    if task.body.appointments.exists():
        raise DomainError(
            _(
                "This committee already has an appointment. A member who leaves is replaced "
                "by the same group (a vacancy), with no new allocation."
            ),
            code="state",
        )
    term = TermOfOffice.current(date)
    if term is None:
        raise DomainError(_("No council term of office covers that date."), field="date")
    call = latest_call(task)
    if require_pool and terms.citizens:
        if call is None:
            raise DomainError(
                _("The citizens are to come from the applicant list, but there was no call."),
                field="require_pool",
            )
        if call.is_open():
            raise DomainError(
                _("The call is still open: the pool is complete once the deadline has passed."),
                code="state",
            )
    competences = _qualifications(
        terms, require_pool=require_pool, min_age=min_age, competences=competences
    )
    groups = council_groups(term, date)
    actual = {g.short_name: g.size for g in groups}
    by_name = {g.short_name: g for g in org_queries.groups_with_sizes(term, date)}
    used = dict(actual)
    for name, size in (sizes or {}).items():
        if name not in by_name:
            raise DomainError(
                _("%(name)s is not one of the council's groups.") % {"name": name},
                field="sizes",
            )
        if not isinstance(size, int) or isinstance(size, bool) or size < 0 or size > 100:
            raise DomainError(
                _("The size of group %(name)s must be a whole number from 0 to 100.")
                % {"name": name},
                field="sizes",
            )
        used[name] = size
    used = {name: size for name, size in used.items() if size > 0}
    sizes_note = (sizes_note or "").strip()
    if used != {n: s for n, s in actual.items() if s > 0} and not sizes_note:
        raise DomainError(
            _("The groups' sizes differ from the council's: give the reason."),
            field="sizes_note",
        )
    if not used:
        raise DomainError(_("The council has no groups on that date."), field="sizes")
    method = (
        Method.SEPARATELY
        if (terms.appointment_method == AppointmentMethod.DHONDT_SEPARATELY)
        else Method.AS_ONE
    )
    if seed is not None and not isinstance(seed, str):
        raise DomainError(_("The seed must be text."), field="seed")
    seed = (seed or "").strip()[:200] or secrets.token_hex(16)
    ordered = sorted(used.items(), key=lambda item: (-item[1], item[0]))
    if departure:
        if physical_lot:
            raise DomainError(
                _("Seats decided unanimously need no lot: leave the physical draw empty."),
                field="physical_lot",
            )
        chosen = _departure(
            departure, departure_note, unanimous, used, terms.council_members + terms.citizens
        )
        method = Method.UNANIMOUS
        order, ties = departure_order(chosen), []
    else:
        departure_note = ""
        order, ties = compute(method, terms.council_members, terms.citizens, ordered, seed)
    if physical_lot:
        order, ties = apply_physical_lot(order, ties, list(physical_lot))
    appointment = Appointment.objects.create(
        body=task.body,
        task=task,
        call=call,
        term=term,
        date=date,
        reference=reference[:300],
        method=method,
        council_seats=terms.council_members,
        citizen_seats=terms.citizens,
        require_pool=bool(require_pool),
        residents_only=bool(residents_only),
        min_age=min_age or None,
        competences=competences,
        meeting=meeting,
        groups=[{"group": by_name[n].pk, "name": n, "size": s} for n, s in ordered],
        sizes_note=sizes_note[:300],
        departure_note=departure_note.strip()[:300],
        seed=seed,
        order=order,
        ties=ties,
        created_by=_user(actor),
    )
    audit.record(
        actor,
        appointment,
        "start_appointment",
        committee=task.body.slug,
        seed=seed,
        seats=len(order),
        lots=len(ties),
        method=method,
        require_pool=bool(require_pool),
        residents_only=bool(residents_only),
        min_age=min_age or None,
        competences="; ".join(competences),
        meeting=meeting.pk if meeting is not None else None,
    )
    return appointment


# The youngest a council can require is the youngest who may apply; the oldest, a plain bound.
MIN_AGE_RANGE = (recruitment.MIN_AGE, 100)


def _qualifications(terms, *, require_pool, min_age, competences):
    """Check the qualifications the council set; returns the competences as stored."""
    errors = Errors()
    low, high = MIN_AGE_RANGE
    if min_age is not None and (
        not isinstance(min_age, int) or isinstance(min_age, bool) or not low <= min_age <= high
    ):
        errors.add(
            "min_age",
            _("The minimum age must be a whole number from %(low)s to %(high)s.")
            % {"low": low, "high": high},
        )
    chosen = list(dict.fromkeys(competences or []))
    sought = terms.competence_list
    unknown = [c for c in chosen if not isinstance(c, str) or c not in sought]
    if unknown:
        errors.add(
            "competences",
            _("Choose among the competences the terms of reference seek: %(list)s.")
            % {"list": "; ".join(sought) or "–"},
        )
    elif chosen and not require_pool:
        errors.add(
            "competences",
            _(
                "Competences are known from the applications only: a required competence "
                "needs citizens from the applicant list."
            ),
        )
    errors.raise_if_any()
    return chosen


def meeting_problem(meeting, date):
    """Why ``meeting`` cannot be the council meeting that decides on ``date`` (None: it can)."""
    if meeting.body.kind != BodyKind.COUNCIL:
        return _("Choose a meeting of the council: %(title)s is not one.") % {
            "title": meeting.title
        }
    if meeting.status == "cancelled":
        return _("The meeting %(title)s is cancelled.") % {"title": meeting.title}
    day = timezone.localtime(meeting.start).date()
    if day != date:
        return _("The meeting %(title)s is on %(day)s, not on the date of the decision.") % {
            "title": meeting.title,
            "day": day.strftime("%d.%m.%Y"),
        }
    return None


def qualification_problem(appointment, *, application=None, person=None, name=None):
    """Why the citizen (an application, or a person named directly) does not meet the
    qualifications the council set in ``appointment`` (None: they do)."""
    if person is not None:
        name = name or person.name
        district_id, birth_year, competences = person.district_id, person.birth_year, None
    else:
        assert application is not None
        name = name or application.name
        district_id = application.district_id
        birth_year = application.birth_year
        competences = application.competences
    if appointment.residents_only and district_id is None:
        if person is not None:
            return _(
                "No district of the municipality is recorded for %(name)s, and the council "
                "requires citizens who live in the municipality."
            ) % {"name": name}
        return _(
            "%(name)s does not live in the municipality, and the council requires citizens who do."
        ) % {"name": name}
    if appointment.min_age:
        year = appointment.date.year
        if birth_year is None:
            return _(
                "No year of birth is recorded for %(name)s, and the council requires citizens "
                "of at least %(min)s."
            ) % {"name": name, "min": appointment.min_age}
        if year - birth_year < appointment.min_age:
            return _(
                "%(name)s turns %(age)s in %(year)s, and the council requires citizens of at "
                "least %(min)s."
            ) % {"name": name, "age": year - birth_year, "year": year, "min": appointment.min_age}
    if appointment.competences and not set(competences or []) & set(appointment.competences):
        return _(
            "%(name)s has none of the competences the council requires of citizens: %(list)s."
        ) % {"name": name, "list": "; ".join(appointment.competences)}
    return None


@transaction.atomic
def start_constitution(actor, council, *, date=None, reference="", seed=None):
    """A new council constitutes itself: all seats of all its standing committees (and the
    Finance Committee) are shared "as one" by d'Hondt; the groups then choose, in pick order,
    a committee and a member for it."""
    _require(perms.can_manage, actor)
    errors = Errors()
    date = date or timezone.localdate()
    problem = dates.problem(date)
    if problem:
        errors.add("date", problem)
    elif date > timezone.localdate():
        errors.add("date", _("The date cannot be in the future."))
    reference = (reference or "").strip()
    if not reference:
        errors.add("reference", _("This is a council decision: give the council meeting."))
    errors.raise_if_any()
    if council.kind != BodyKind.COUNCIL or council.term_id is None:
        raise DomainError(_("Only a council constitutes its committees."), field="council")
    if Appointment.objects.filter(body=council, kind=Kind.CONSTITUTION).exists():
        raise DomainError(_("This council has already constituted its committees."), code="state")
    committees = list(standing_committees(council))
    seats = sum(c.seats or 0 for c in committees)
    if not seats:
        raise DomainError(_("The standing committees have no seats to fill."), field="council")
    groups = council_groups(council.term, date)
    if not groups:
        raise DomainError(_("The council has no groups on that date."), field="date")
    ordered = [(g.short_name, g.size) for g in groups]
    seed = (seed or "").strip()[:200] or secrets.token_hex(16)
    order, ties = compute(Method.AS_ONE, seats, 0, ordered, seed)
    for entry in [*order, *ties]:
        entry["kind"] = SeatKind.COUNCIL
    appointment = Appointment.objects.create(
        kind=Kind.CONSTITUTION,
        body=council,
        term=council.term,
        date=date,
        reference=reference[:300],
        method=Method.AS_ONE,
        council_seats=seats,
        citizen_seats=0,
        require_pool=False,
        groups=[{"group": g.pk, "name": g.short_name, "size": g.size} for g in groups],
        seed=seed,
        order=order,
        ties=ties,
        created_by=_user(actor),
    )
    audit.record(actor, appointment, "start_constitution", seed=seed, seats=seats)
    return appointment


def standing_committees(council):
    """The committees a council constitutes: its term's standing committees and the Finance
    Committee, with seats."""
    return (
        Body.objects.filter(
            kind__in=[BodyKind.STANDING_COMMITTEE, BodyKind.FINANCE_COMMITTEE],
            seats__gt=0,
        )
        .filter(Q(term=council.term) | Q(term__isnull=True))
        .order_by("name")
    )


@transaction.atomic
def pick_committee_seat(
    actor, appointment, *, number, version, person, committee, named_by=None, note=""
):
    """In a constitution: the group whose turn it is chooses a committee with a free seat and
    one of the council's members for it."""
    appointment = _locked(appointment, version)
    _require(
        perms.can_pick,
        actor,
        appointment,
        reason=lambda: _("Every seat is named."),
    )
    if appointment.kind != Kind.CONSTITUTION:
        raise DomainError(_("This appointment is not a constitution."), field="committee")
    due = next_number(appointment)
    seat_group = appointment.order[due - 1]["group"]
    if number != due:
        raise DomainError(
            _("Out of turn: pick %(due)s is next, and it is group %(group)s's to name.")
            % {"due": due, "group": seat_group},
            field="number",
        )
    note = (note or "").strip()[:300]
    named_by = (named_by or seat_group).strip()
    if group_of(appointment, named_by) is None:
        raise DomainError(
            _("%(name)s is not one of the groups in this appointment.") % {"name": named_by},
            field="named_by",
        )
    if named_by != seat_group and not note:
        raise DomainError(
            _("Group %(from)s gives its seat to group %(to)s: note that %(to)s accepts it.")
            % {"from": seat_group, "to": named_by},
            field="note",
        )
    council = appointment.body
    if committee is None or not standing_committees(council).filter(pk=committee.pk).exists():
        raise DomainError(_("Choose one of the council's standing committees."), field="committee")
    taken = appointment.picks.filter(committee=committee)
    if taken.count() >= (committee.seats or 0):
        raise DomainError(
            _("Every seat of %(name)s is taken: choose another committee.")
            % {"name": committee.name},
            field="committee",
        )
    if person is None:
        raise DomainError(_("Name a member of the council."), field="person")
    seat_on_council = council_membership(person, appointment.date)
    if seat_on_council is None:
        raise DomainError(
            _("%(name)s is not a member of the council on %(date)s.")
            % {"name": person.name, "date": appointment.date.strftime("%d.%m.%Y")},
            field="person",
        )
    if taken.filter(person=person).exists():
        raise DomainError(
            _("%(name)s already has a seat on %(committee)s.")
            % {"name": person.name, "committee": committee.name},
            field="person",
        )
    own = seat_on_council.group.short_name if seat_on_council.group else ""
    if own != named_by and not note:
        raise DomainError(
            _(
                "%(name)s sits for group %(own)s: a member of another group may be named "
                "when willing; note it."
            )
            % {"name": person.name, "own": own or "–"},
            field="note",
        )
    made = Pick.objects.create(
        appointment=appointment,
        number=number,
        seat_group_id=group_of(appointment, seat_group),
        named_by_id=group_of(appointment, named_by),
        person=person,
        committee=committee,
        name=person.name,
        is_council_member=True,
        note=note,
    )
    appointment.version += 1
    fields = ["version"]
    if due == len(appointment.order):
        # The chairs of standing committees are elected by each committee: the record is
        # complete when every seat is named, and the seats are taken at once.
        appointment.status = Status.COMPLETED
        appointment.completed_at = timezone.now()
        fields += ["status", "completed_at"]
        for p in appointment.picks.select_related("named_by"):
            p.membership = Membership.objects.create(
                person_id=p.person_id,
                body_id=p.committee_id,
                role=Role.MEMBER,
                start_date=appointment.date,
                group=p.named_by,
                basis=Basis.ELECTED,
                is_council_member=True,
                note=p.note,
            )
            p.save(update_fields=["membership"])
    appointment.save(update_fields=fields)
    audit.record(
        actor,
        appointment,
        "pick",
        number=number,
        group=seat_group,
        named_by=named_by,
        name=person.name,
        committee=committee.slug,
    )
    return made


def _locked(appointment, version):
    current = Appointment.objects.select_for_update().get(pk=appointment.pk)
    if version is not None and version != current.version:
        raise Conflict(
            _(
                "Another screen took a step meanwhile: the meeting is now at step %(n)s. "
                "Nothing was changed; look at the meeting as it is now."
            )
            % {"n": current.version},
            current=current,
        )
    return current


def next_number(appointment):
    """The pick that is due (1-based), or None when every seat is named."""
    taken = appointment.picks.count()
    return taken + 1 if taken < len(appointment.order) else None


def group_of(appointment, name):
    for entry in appointment.groups:
        if entry["name"] == name:
            return entry["group"]
    return None


@transaction.atomic
def pick(
    actor,
    appointment,
    *,
    number,
    version,
    person=None,
    application=None,
    named_by=None,
    note="",
):
    """The group whose turn it is names a member for seat ``number``: a council member
    (``person``) or an applicant from the call's pool (``application``). ``named_by`` is the
    group's short name when the seat was given to another group that accepted it."""
    appointment = _locked(appointment, version)
    _require(
        perms.can_pick,
        actor,
        appointment,
        reason=lambda: _("Every seat is named: the chair and vice-chair are next."),
    )
    if appointment.kind == Kind.CONSTITUTION:
        raise DomainError(
            _("In a constitution, each pick names a committee too."), field="committee"
        )
    due = next_number(appointment)
    seat = appointment.order[due - 1]
    seat_group = seat["group"]
    if number != due:
        raise DomainError(
            _("Out of turn: pick %(due)s is next, and it is group %(group)s's to name.")
            % {"due": due, "group": seat_group},
            field="number",
        )
    note = (note or "").strip()[:300]
    named_by = (named_by or seat_group).strip()
    if group_of(appointment, named_by) is None:
        raise DomainError(
            _("%(name)s is not one of the groups in this appointment.") % {"name": named_by},
            field="named_by",
        )
    if named_by != seat_group and not note:
        raise DomainError(
            _("Group %(from)s gives its seat to group %(to)s: note that %(to)s accepts it.")
            % {"from": seat_group, "to": named_by},
            field="note",
        )
    if (person is None) == (application is None):
        raise DomainError(
            _("Name either a council member or an applicant from the pool."), field="person"
        )
    picks = list(appointment.picks.all())
    council = sum(1 for p in picks if p.is_council_member)
    citizens = len(picks) - council
    seat_on_council = council_membership(person, appointment.date) if person is not None else None
    if person is not None and seat_on_council is None and appointment.require_pool:
        raise DomainError(
            _(
                "%(name)s is not a member of the council on %(date)s, and the council "
                "requires citizens from the applicant pool."
            )
            % {"name": person.name, "date": appointment.date.strftime("%d.%m.%Y")},
            field="person",
        )
    if person is not None and seat_on_council is None:
        # The council set no pool qualification: a citizen named directly.
        if any(p.person_id == person.pk for p in picks):
            raise DomainError(
                _("%(name)s is already named.") % {"name": person.name}, field="person"
            )
        if seat["kind"] == SeatKind.COUNCIL:
            raise DomainError(_("This seat is a council member's seat."), field="person")
        if citizens >= appointment.citizen_seats:
            raise DomainError(
                _("The %(n)s citizen seats are filled: name a council member.")
                % {"n": appointment.citizen_seats},
                field="person",
            )
        problem = qualification_problem(appointment, person=person)
        if problem:
            raise DomainError(problem, field="person", code="qualification")
        name, is_council = person.name, False
    elif person is not None:
        if any(p.person_id == person.pk for p in picks):
            raise DomainError(
                _("%(name)s is already named.") % {"name": person.name}, field="person"
            )
        if seat["kind"] == SeatKind.CITIZEN:
            raise DomainError(_("This seat is a citizen's seat."), field="person")
        if council >= appointment.council_seats:
            raise DomainError(
                _("The %(n)s council-member seats are filled: name a citizen.")
                % {"n": appointment.council_seats},
                field="person",
            )
        assert seat_on_council is not None
        own = seat_on_council.group.short_name if seat_on_council.group else ""
        if own != named_by and not note:
            raise DomainError(
                _(
                    "%(name)s sits for group %(own)s: a member of another group may be named "
                    "when willing; note it."
                )
                % {"name": person.name, "own": own or "–"},
                field="note",
            )
        name, is_council = person.name, True
    else:
        assert application is not None
        pool = Application.objects.in_pool().filter(call=appointment.call_id)
        if appointment.call_id is None or not pool.filter(pk=application.pk).exists():
            raise DomainError(
                _("The citizen is not in the applicant pool, which the council required."),
                field="application",
            )
        if any(p.application_id == application.pk for p in picks):
            raise DomainError(
                _("%(name)s is already named.") % {"name": application.name},
                field="application",
            )
        if seat["kind"] == SeatKind.COUNCIL:
            raise DomainError(_("This seat is a council member's seat."), field="application")
        if citizens >= appointment.citizen_seats:
            raise DomainError(
                _("The %(n)s citizen seats are filled: name a council member.")
                % {"n": appointment.citizen_seats},
                field="application",
            )
        problem = qualification_problem(appointment, application=application)
        if problem:
            raise DomainError(problem, field="application", code="qualification")
        name, is_council = application.name, False
    made = Pick.objects.create(
        appointment=appointment,
        number=number,
        seat_group_id=group_of(appointment, seat_group),
        named_by_id=group_of(appointment, named_by),
        person=person,
        application=application,
        name=name,
        is_council_member=is_council,
        note=note,
    )
    appointment.version += 1
    fields = ["version"]
    if len(picks) + 1 == len(appointment.order):
        appointment.status = Status.CHAIRS
        fields.append("status")
    appointment.save(update_fields=fields)
    audit.record(
        actor, appointment, "pick", number=number, group=seat_group, named_by=named_by, name=name
    )
    return made


def _person_for(application):
    """The applicant as a Person (the one already known by that address, else a new one)."""
    address = application.email
    existing = Person.objects.filter(Q(email__iexact=address) | Q(user__email__iexact=address))
    person = existing.order_by("id").first()
    if person is not None:
        return person
    return Person.objects.create(
        name=application.name,
        title=application.occupation[:200],
        email=address,
        phone=application.phone,
        birth_year=application.birth_year,
        district=application.district,
    )


@transaction.atomic
def choose_chairs(actor, appointment, *, chair, vice_chair, version, take_step=True):
    """The chair and vice-chair, among the council members named; this completes the
    decision record: the memberships are created from it, the applicants are told, and a
    task committee takes its lifecycle step "appointed" (unless ``take_step`` is False: the
    secretariat then registers the step on the committee's page)."""
    appointment = _locked(appointment, version)
    _require(
        perms.can_choose_chairs,
        actor,
        appointment,
        reason=lambda: (
            _("The decision record is completed.")
            if appointment.status == Status.COMPLETED
            else _("The chair and vice-chair are chosen once every seat is named.")
        ),
    )
    picks = list(appointment.picks.select_related("person", "application", "named_by"))
    council = {p.person_id for p in picks if p.is_council_member}
    errors = Errors()
    if chair is None or chair.pk not in council:
        errors.add("chair", _("The chair must be one of the council members named."))
    if vice_chair is None or vice_chair.pk not in council:
        errors.add("vice_chair", _("The vice-chair must be one of the council members named."))
    elif chair is not None and chair.pk == vice_chair.pk:
        errors.add("vice_chair", _("The chair cannot also be the vice-chair."))
    errors.raise_if_any()
    appointment.chair, appointment.vice_chair = chair, vice_chair
    appointment.status = Status.COMPLETED
    appointment.completed_at = timezone.now()
    appointment.version += 1
    appointment.save(update_fields=["chair", "vice_chair", "status", "completed_at", "version"])
    roles = {chair.pk: Role.CHAIR, vice_chair.pk: Role.VICE_CHAIR}
    for p in picks:
        person = p.person if p.person_id else _person_for(p.application)
        p.membership = Membership.objects.create(
            person=person,
            body=appointment.body,
            role=roles.get(person.pk, Role.MEMBER),
            start_date=appointment.date,
            group=p.named_by,
            is_council_member=p.is_council_member,
            note=p.note,
        )
        p.save(update_fields=["membership"])
    appointed = [p.application for p in picks if p.application_id]
    call = appointment.call
    if call is not None and call.appointed_on is None:
        recruitment.conclude(
            actor, call, appointed=appointed, on=appointment.date, by_decision_record=True
        )
    elif appointed:
        Application.objects.filter(pk__in=[a.pk for a in appointed]).update(
            outcome=Outcome.APPOINTED
        )
    for application in appointed:
        mail.queue("appointment.appointed", application.pk, appointment=appointment.pk)
    audit.record(
        actor,
        appointment,
        "complete_appointment",
        chair=chair.name,
        vice_chair=vice_chair.name,
        members=len(picks),
    )
    task = appointment.task
    if take_step and task is not None and task.state == State.RECRUITING:
        taskcommittees.transition(
            actor,
            task,
            State.APPOINTED,
            date=appointment.date,
            reference=appointment.reference,
            expected_state=State.RECRUITING,
        )
    return appointment


def outcome_reason(call):
    """Registered with recruitment (apps.py): why a call's outcome is not registered by hand.
    Where the council appoints through the appointment meeting, who was appointed comes from
    its decision record. The manual path stays for a committee that never reaches an
    appointment meeting: cancelled before it (everybody is thanked), or appointed before this
    platform kept decision records."""
    task = call.task
    if Appointment.objects.filter(body_id=task.body_id, kind=Kind.TASK_COMMITTEE).exists():
        return _(
            "The council's appointment meeting for this committee decides who is appointed: "
            "the outcomes are registered from its decision record when it is completed."
        )
    if task.state in APPOINTABLE:
        return _(
            "The council appoints this committee's members at an appointment meeting: open it "
            "under Appointments, and the outcomes are registered from its decision record."
        )
    return None


def record_of_body(body):
    """The body's completed decision record (the qualifications hold for replacements too)."""
    return (
        Appointment.objects.filter(body=body, kind=Kind.TASK_COMMITTEE, status=Status.COMPLETED)
        .order_by("-date", "-id")
        .first()
    )


def record_reason(task, on):
    """The lifecycle's precondition for "appointed" (registered in apps.py): None when the
    committee has a completed decision record."""
    if Appointment.objects.filter(task=task, status=Status.COMPLETED).exists():
        return None
    return _(
        "Cannot register the appointment: the council appoints the members at an appointment "
        "meeting, and its decision record is not completed."
    )


# --- Vacancies ----------------------------------------------------------------------------


@transaction.atomic
def fill_vacancy(
    actor, membership, *, date=None, reference="", person=None, application=None, note=""
):
    """A member left: the group that named them names the replacement, with no new
    allocation. A council member is replaced by a council member, a citizen by a citizen."""
    _require(perms.can_fill_vacancy, actor)
    left = (
        Membership.objects.select_for_update(of=("self",))
        .select_related("body", "group")
        .get(pk=membership.pk)
    )
    errors = Errors()
    date = date or timezone.localdate()
    problem = dates.problem(date)
    if problem:
        errors.add("date", problem)
    elif date > timezone.localdate():
        errors.add("date", _("The date cannot be in the future."))
    reference = (reference or "").strip()
    if not reference:
        errors.add("reference", _("This is a council decision: give the council meeting."))
    errors.raise_if_any()
    if not left.is_current(date) or left.role in (Role.SECRETARY, Role.EXPERT):
        raise DomainError(_("Only a current member's seat can be filled."), field="membership")
    if left.group_id is None:
        raise DomainError(
            _(
                "No group is recorded as having named this member, so no group can name the "
                "replacement."
            ),
            field="membership",
        )
    if (person is None) == (application is None):
        raise DomainError(
            _("Name either a council member or an applicant from the pool."), field="person"
        )
    body, group = left.body, left.group
    assert group is not None  # refused above
    note = (note or "").strip()[:300]
    if person is not None:
        seat_on_council = council_membership(person, date)
        if left.is_council_member and seat_on_council is None:
            raise DomainError(
                _("%(name)s is not a member of the council on %(date)s.")
                % {"name": person.name, "date": date.strftime("%d.%m.%Y")},
                field="person",
            )
        if not left.is_council_member and seat_on_council is not None:
            raise DomainError(_("A citizen's seat is filled by a citizen."), field="person")
        record = record_of_body(body) if seat_on_council is None else None
        problem = record and qualification_problem(record, person=person)
        if problem:
            raise DomainError(problem, field="person", code="qualification")
        if seat_on_council is not None and seat_on_council.group_id != left.group_id and not note:
            raise DomainError(
                _("%(name)s sits for another group: note that the member is willing.")
                % {"name": person.name},
                field="note",
            )
        replacement_person = person
    else:
        if left.is_council_member:
            raise DomainError(
                _("A council member's seat is filled by a council member."),
                field="application",
            )
        task = getattr(body, "task", None)
        call = latest_call(task) if task is not None else None
        pool = Application.objects.in_pool().filter(call=call).exclude(outcome=Outcome.APPOINTED)
        if call is None or not pool.filter(pk=application.pk).exists():
            raise DomainError(_("The citizen is not in the applicant pool."), field="application")
        record = record_of_body(body)
        problem = record and qualification_problem(record, application=application)
        if problem:
            raise DomainError(problem, field="application", code="qualification")
        replacement_person = _person_for(application)
    if Membership.objects.current(date).filter(body=body, person=replacement_person).exists():
        raise DomainError(
            _("%(name)s already sits on the committee.") % {"name": replacement_person.name},
            field="person",
        )
    left.end_date = max(date - dt.timedelta(days=1), left.start_date)
    left.save(update_fields=["end_date"])
    new = Membership.objects.create(
        person=replacement_person,
        body=body,
        role=Role.MEMBER,
        start_date=date,
        group=left.group,
        is_council_member=left.is_council_member,
        note=note,
    )
    vacancy = Vacancy.objects.create(
        body=body,
        left=left,
        group=group,
        replacement=new,
        date=date,
        reference=reference[:300],
        note=note,
        created_by=_user(actor),
    )
    if application is not None:
        Application.objects.filter(pk=application.pk).update(outcome=Outcome.APPOINTED)
        mail.queue("appointment.appointed", application.pk, vacancy=vacancy.pk)
    audit.record(
        actor,
        vacancy,
        "fill_vacancy",
        committee=body.slug,
        left=left.person.name,
        replacement=replacement_person.name,
        group=group.short_name,
    )
    return vacancy
