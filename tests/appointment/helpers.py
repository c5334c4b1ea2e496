"""Building blocks for appointment tests: the Gentofte council of 2021 and a task committee
with a closed call, and a quick appointment through the service."""

import datetime as dt

from django.utils import timezone

from samskab.appointment import queries, services
from samskab.organisation.models import BodyKind, Membership
from samskab.recruitment.models import Application, Call
from samskab.taskcommittees.lifecycle import State
from samskab.taskcommittees.models import TaskCommittee, TermsVersion
from tests import factories as f

# Gentofte's council 2021 (DESIGN.md §1): C12, A2, B2, V1, F1, Ø1.
GENTOFTE_2021 = {"C": 12, "A": 2, "B": 2, "V": 1, "F": 1, "Ø": 1}


def gentofte_council(world):
    """Replace the world's two council members' groups with Gentofte's sizes: the world's
    mayor (C) and councillor (A) count in; the rest are made. Returns {letter: [people]}."""
    term, council = world.term, world.council
    groups = {"C": world.group_c, "A": world.group_a}
    for letter in GENTOFTE_2021:
        if letter not in groups:
            groups[letter] = f.GroupFactory(term=term, short_name=letter, name=f"Liste {letter}")
    people = {"C": [world.mayor], "A": [world.councillor]}
    for letter, size in GENTOFTE_2021.items():
        people.setdefault(letter, [])
        while len(people[letter]) < size:
            person = f.PersonFactory(name=f"Byrådsmedlem {letter}{len(people[letter]) + 1}")
            Membership.objects.create(
                person=person,
                body=council,
                group=groups[letter],
                is_council_member=True,
                start_date=term.start_date,
            )
            people[letter].append(person)
    assert Membership.objects.filter(body__kind=BodyKind.COUNCIL).count() == 19
    return groups, people


def recruited_task(world, *, applicants=12, council_members=5, citizens=10, slug="skybrud"):
    """A task committee in recruitment whose call has closed, with ``applicants`` in the
    pool (the first three shortlisted)."""
    today = timezone.localdate()
    body = f.BodyFactory(name="Skybrud og regnvand", slug=slug, parent=world.standing)
    task = TaskCommittee.objects.create(
        body=body, state=State.RECRUITING, state_changed_on=today - dt.timedelta(days=20)
    )
    terms = TermsVersion.objects.create(
        task=task,
        number=1,
        title="Kommissorium for Skybrud og regnvand",
        council_members=council_members,
        citizens=citizens,
        competences="Klimatilpasning\nLandskabsarkitektur\nLokalt foreningsliv",
    )
    task.approved_version = terms
    task.save()
    now = timezone.now()
    call = Call.objects.create(
        task=task,
        terms=terms,
        slug=slug,
        code=f"c{slug[:8]}",
        deadline=now - dt.timedelta(days=2),
        opened_at=now - dt.timedelta(days=30),
    )
    pool = [
        Application.objects.create(
            call=call,
            email=f"borger{n}@example.net",
            name=f"Borger {n:02d}",
            birth_year=1960 + n,
            background="public",
            competences=["Klimatilpasning"] if n % 2 else ["Madkundskab"],
            motivation="Jeg vil gerne bidrage.",
            consent_at=now,
            confirmed_at=now,
            shortlisted=n < 3,
        )
        for n in range(applicants)
    ]
    return task, call, pool


def appoint(world, task, *, seed="test", on=None, reference="KB 1.3.2026, pkt. 4"):
    """Appoint ``task``'s members through the service: each group names its own council
    members while council seats are left, otherwise the next applicant of the pool; the first
    two council members named become chair and vice-chair."""
    actor = world.secretariat_user
    appointment = services.start(
        actor, task, date=on or timezone.localdate(), reference=reference, seed=seed
    )
    while (due := services.next_number(appointment)) is not None:
        entry = appointment.order[due - 1]
        state = queries.state(appointment)
        candidates = [
            m.person
            for m in queries.council_candidates(appointment)
            if m.group.short_name == entry["group"]
        ]
        if state["council_named"] < appointment.council_seats and candidates:
            services.pick(
                actor, appointment, number=due, version=appointment.version, person=candidates[0]
            )
        else:
            services.pick(
                actor,
                appointment,
                number=due,
                version=appointment.version,
                application=queries.pool(appointment)[0],
            )
        appointment.refresh_from_db()
    council = [p.person for p in appointment.picks.filter(is_council_member=True)]
    return services.choose_chairs(
        actor, appointment, chair=council[0], vice_chair=council[1], version=appointment.version
    )


def appoint_without_pool(world, task, on, *, take_step=False, reference="KB"):
    """A completed decision record for ``task`` on ``on``, with citizens named directly (the
    council set no pool qualification): what the lifecycle step "appointed" requires."""
    actor = world.secretariat_user
    appointment = services.start(
        actor, task, date=on, reference=reference, seed="test", require_pool=False
    )
    citizens = 0
    while (due := services.next_number(appointment)) is not None:
        entry = appointment.order[due - 1]
        state = queries.state(appointment)
        candidates = [
            m.person
            for m in queries.council_candidates(appointment)
            if m.group.short_name == entry["group"]
        ]
        if state["council_named"] < appointment.council_seats and candidates:
            person = candidates[0]
        else:
            citizens += 1
            person = f.PersonFactory(name=f"Udpeget borger {task.pk}-{citizens}")
        services.pick(actor, appointment, number=due, version=appointment.version, person=person)
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
