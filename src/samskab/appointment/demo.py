"""Demo: every task committee is appointed through the appointment service, and one
appointment meeting is in progress for the visitor to finish.

``appoint`` is what the task committees' demo calls when a committee reaches "appointed" (the
one rule for who is named lives in the service; the demo only chooses, pick by pick, whom each
group names). ``load`` opens "Byens træer"'s meeting after the recruitment demo: a closed call
with its pool, the seats computed with the lot shown, the first picks made.
"""

import datetime as dt

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from samskab.organisation.demo import SECRETARIAT_EMAIL
from samskab.organisation.models import (
    Body,
    BodyKind,
    District,
    Membership,
    Role,
    TermOfOffice,
)
from samskab.recruitment.models import Application, Call, Channel
from samskab.taskcommittees.lifecycle import State
from samskab.taskcommittees.models import TaskCommittee

from . import queries, services
from .models import Appointment, Kind

# The demo's "Klimatilpasning": Gentofte's groups (C12, A2, B2, V1, F1, Ø1), 15 seats as one;
# C11, A1, B1 are determined, the last two seats a six-way tie at quotient 1 that this seed's
# lot gave to B and V (C 11, A 1, B 2, V 1).
SEEDS = {"klimatilpasning": "KB klimatilpasning 8"}

IN_PROGRESS = "byens-traeer"
PICKS_MADE = 4
# The qualifications the council set for "Byens træer"'s citizens: they live in the
# municipality, are at least 18, and bring local knowledge, association life or expertise
# (indexes in the terms' list of competences sought).
MIN_AGE = 18
REQUIRED_COMPETENCES = (0, 2, 3)
OUTSIDE = {"Peter Vestergaard"}


def appoint(actor, task, on, *, reference, citizen, take_step=False, picks=None):
    """Appoint ``task``'s members through the service on ``on``: each group names one of its
    own council members while council seats are left (rotating, so that committees differ),
    otherwise a citizen (``citizen()`` makes one; the council set no pool qualification for
    the demo's earlier committees). The first two council members named are chair and
    vice-chair. ``picks`` stops after that many picks and leaves the meeting open."""
    appointment = services.start(
        actor,
        task,
        date=on,
        reference=reference,
        seed=SEEDS.get(task.body.slug, f"KB {task.body.slug}"),
        require_pool=False,
    )
    # Each group's own council members, rotated so that committees differ.
    by_group: dict[str, list] = {}
    for m in queries.council_candidates(appointment):
        if m.group is not None:
            by_group.setdefault(m.group.short_name, []).append(m.person)
    for name, people in by_group.items():
        shift = task.pk % len(people)
        by_group[name] = people[shift:] + people[:shift]
    plan = services.seat_plan(
        appointment.order, appointment.council_seats, appointment.citizen_seats, by_group
    )
    for number, member in enumerate(plan, start=1):
        if picks is not None and number > picks:
            return appointment
        group = appointment.order[number - 1]["group"]
        own = member is None or member in by_group.get(group, [])
        services.pick(
            actor,
            appointment,
            number=number,
            version=appointment.version,
            person=member if member is not None else citizen(),
            note="" if own else "Et villigt medlem af en anden gruppe.",
        )
        appointment.refresh_from_db()
    council = [p.person for p in appointment.picks.filter(is_council_member=True)]
    return services.choose_chairs(
        actor,
        appointment,
        chair=council[0],
        vice_chair=council[1],
        version=appointment.version,
        take_step=take_step,
    )


def _closed_call(task, now):
    """The call for "Byens træer": closed a week ago, with its pool (a few shortlisted)."""
    deadline = now - dt.timedelta(days=7)
    call = Call.objects.create(
        task=task,
        terms=task.approved_version,
        slug=task.body.slug,
        code="traeer26",
        deadline=deadline,
        opened_at=deadline - dt.timedelta(days=28),
    )
    Channel.objects.create(
        call=call, kind="website", name="gentofte.dk", date=timezone.localdate(call.opened_at)
    )
    competences = task.approved_version.competence_list
    districts = list(District.objects.order_by("name"))
    # Emil is 17 this year: below the minimum age the council sets for this committee.
    young = timezone.localdate(now).year - 17
    names = [
        ("Mette Skovgaard", "Landskabsarkitekt", 1978),
        ("Jonas Brink Holm", "Skovrider", 1965),
        ("Aisha Rahimi", "Biologistuderende", 2003),
        ("Lars Kjærgaard", "Pensioneret anlægsgartner", 1951),
        ("Sofie Lund Madsen", "Folkeskolelærer", 1986),
        ("Peter Vestergaard", "Ejendomsmægler", 1972),
        ("Camilla Friis", "Formand for grundejerforening", 1969),
        ("Emil Thorsen", "Gymnasieelev", young),
        ("Hanne Bech", "Sygeplejerske", 1974),
        ("Rasmus Nørgaard", "Klimarådgiver", 1990),
        ("Birgit Mølgaard", "Pensioneret bibliotekar", 1949),
        ("Yusuf Demir", "Selvstændig tømrer", 1983),
        ("Ida Kragh", "Arkitektstuderende", 2001),
        ("Morten Due", "Ingeniør i forsyningen", 1977),
    ]
    rows = []
    for n, (name, occupation, year) in enumerate(names):
        rows.append(
            Application(
                call=call,
                email=f"traeer.{n}@example.org",
                name=name,
                birth_year=year,
                # Peter lives in Lyngby, outside the municipality; the others in a district.
                district=None
                if name in OUTSIDE or not districts
                else districts[n % len(districts)],
                background="retired" if year < 1958 else "education" if year > 2000 else "public",
                occupation=occupation,
                # Two of the competences sought each, so that most meet the council's
                # requirement and the visitor can finish the meeting with qualified citizens.
                competences=sorted(
                    {competences[n % len(competences)], competences[(n + 2) % len(competences)]}
                )
                if competences
                else [],
                motivation="Jeg vil gerne være med til at give byen flere træer.",
                consent_at=deadline - dt.timedelta(days=20 - n),
                confirmed_at=deadline - dt.timedelta(days=20 - n),
                shortlisted=n % 3 == 0,
            )
        )
    Application.objects.bulk_create(rows)
    return call


def constitute(actor, council):
    """The current council constitutes its standing committees at its first meeting: in pick
    order each group chooses the committee with the most free seats on which it still has a
    member to seat, and names the member (rotating). The mayor, whose group picks first,
    takes the Finance Committee, which the mayor chairs by law."""
    on = council.start_date
    appointment = services.start_constitution(
        actor,
        council,
        date=on,
        reference=f"KB {on:%d.%m.%Y}, konstituerende møde",
        seed=f"konstituering {council.slug}",
    )
    by_group: dict[str, list] = {}
    for m in queries.council_candidates(appointment, again=True):
        if m.group is not None:
            by_group.setdefault(m.group.short_name, []).append(m.person)
    mayor = council.memberships.filter(role=Role.CHAIR).select_related("person").first()
    rotation: dict[str, int] = {}
    seated: dict[int, set[int]] = {}
    while (due := services.next_number(appointment)) is not None:
        group = appointment.order[due - 1]["group"]
        people = by_group[group]
        choice = None
        for committee in sorted(
            queries.free_committees(appointment), key=lambda c: (-c.free, c.name)
        ):
            if due == 1 and mayor is not None and committee.kind == BodyKind.FINANCE_COMMITTEE:
                choice = (committee, mayor.person)
                break
            free = [p for p in people if p.pk not in seated.get(committee.pk, set())]
            if free:
                n = rotation.get(group, 0)
                rotation[group] = n + 1
                choice = (committee, free[n % len(free)])
                break
        if choice is None:
            break
        committee, person = choice
        seated.setdefault(committee.pk, set()).add(person.pk)
        services.pick_committee_seat(
            actor,
            appointment,
            number=due,
            version=appointment.version,
            person=person,
            committee=committee,
        )
        appointment.refresh_from_db()
    if mayor is not None:
        # The mayor chairs the Finance Committee by law (the other committees elect theirs).
        Membership.objects.filter(
            body__kind=BodyKind.FINANCE_COMMITTEE, person=mayor.person, start_date=on
        ).update(role=Role.CHAIR)
    return appointment


@transaction.atomic
def load(stdout=None):
    actor = get_user_model().objects.filter(email=SECRETARIAT_EMAIL).first()
    if actor is None:
        return False
    done = False
    term = TermOfOffice.current()
    council = Body.objects.filter(kind=BodyKind.COUNCIL, term=term).first() if term else None
    if council is not None and not council.appointments.filter(kind=Kind.CONSTITUTION).exists():
        constitute(actor, council)
        done = True
    return _meeting_in_progress(actor, stdout) or done


def _meeting_in_progress(actor, stdout):
    task = TaskCommittee.objects.filter(body__slug=IN_PROGRESS).first()
    if task is None or Appointment.objects.filter(body=task.body).exists():
        return False
    if task.state != State.RECRUITING or task.approved_version is None:
        return False
    now = timezone.now()
    call = task.calls.first() or _closed_call(task, now)
    sought = task.approved_version.competence_list
    appointment = services.start(
        actor,
        task,
        date=timezone.localdate(now),
        reference=f"KB {timezone.localdate(now):%d.%m.%Y}, pkt. 6",
        seed=f"KB {IN_PROGRESS}",
        residents_only=True,
        min_age=MIN_AGE,
        competences=[sought[i] for i in REQUIRED_COMPETENCES if i < len(sought)],
    )
    # The groups name applicants who meet the council's qualifications; the others stay
    # marked in the pool on the meeting page.
    pool = [a for a in queries.pool(appointment) if not a.unqualified]
    while (due := services.next_number(appointment)) is not None and due <= PICKS_MADE:
        group = appointment.order[due - 1]["group"]
        own = [
            m.person
            for m in queries.council_candidates(appointment)
            if m.group is not None and m.group.short_name == group
        ]
        if due <= 2 and own:
            services.pick(
                actor, appointment, number=due, version=appointment.version, person=own[0]
            )
        else:
            services.pick(
                actor,
                appointment,
                number=due,
                version=appointment.version,
                application=pool.pop(0),
            )
        appointment.refresh_from_db()
    if stdout:
        stdout.write(
            f"Appointment: {Appointment.objects.filter(status='completed').count()} decision "
            f"records; the meeting for {task.body.name} is open at pick {due} ({call.slug})."
        )
    return True
