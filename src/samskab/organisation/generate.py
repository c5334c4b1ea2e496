"""The organisation's part of ``samskab generate``: a municipality over 20 years.

At ``--scale 1``: 5 councils (terms of office) of 19 members in their groups, the Finance
Committee and six standing committees in every term, 400 task committees (about 20 a year, 9–12
months each, 5 council members and 10 citizens), 20,000 people and their memberships, current
and former. ``--scale 0.05`` gives a small run; the councils and committees keep their real
sizes, people and task committees shrink. Later apps build on the ``World`` these steps leave in
the plan.
"""

import datetime as dt
from dataclasses import dataclass, field
from typing import NamedTuple

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.core.management.base import CommandError

from samskab.core.generate import BATCH, Plan, bulk, chunks
from samskab.organisation.models import (
    Basis,
    Body,
    BodyKind,
    District,
    Group,
    Membership,
    Municipality,
    Party,
    Person,
    Role,
    TermOfOffice,
)
from samskab.seats import dhondt

GENERATED_PASSWORD = "samskab-generate"  # noqa: S105 - generated test data, documented
SECRETARIAT_EMAIL = "sekretariat@generate.example.org"
TERMS = 5
TERM_YEARS = 4
COUNCIL_SIZE = 19
TASK_COMMITTEES = 400
PEOPLE = 20_000
CITIZEN_ACCOUNTS = 500
COUNCIL_SEATS_ON_TASK_COMMITTEE = 5
CITIZEN_SEATS_ON_TASK_COMMITTEE = 10
PARTIES = {
    "A": "Socialdemokratiet",
    "B": "Radikale Venstre",
    "C": "Det Konservative Folkeparti",
    "F": "SF – Socialistisk Folkeparti",
    "O": "Dansk Folkeparti",
    "V": "Venstre",
    "Ø": "Enhedslisten",
}
STANDING = [
    ("oekonomiudvalget", "Økonomiudvalget", "ØU", BodyKind.FINANCE_COMMITTEE, 9),
    ("teknik-og-miljoe", "Teknik- og Miljøudvalget", "TM", BodyKind.STANDING_COMMITTEE, 7),
    ("skoleudvalget", "Skoleudvalget", "SKU", BodyKind.STANDING_COMMITTEE, 7),
    ("bygning", "Bygnings- og Arkitekturudvalget", "BAU", BodyKind.STANDING_COMMITTEE, 7),
    ("kultur", "Kultur-, Unge- og Fritidsudvalget", "KUF", BodyKind.STANDING_COMMITTEE, 7),
    ("erhverv", "Erhvervs- og Beskæftigelsesudvalget", "EB", BodyKind.STANDING_COMMITTEE, 7),
    ("social", "Social- og Sundhedsudvalget", "SS", BodyKind.STANDING_COMMITTEE, 7),
]
TOPICS = [
    "Klimatilpasning",
    "Seniorliv",
    "Ungepolitik",
    "Digitalisering",
    "Trafiksikkerhed",
    "Boligpolitik",
    "Sundhedspolitik",
    "Idræt og bevægelse",
    "Fremtidens skole",
    "Biodiversitet",
    "Erhvervspolitik",
    "Kulturliv",
    "Integration",
    "Frivillighed",
    "Byens rum",
    "Mental sundhed",
    "Fællesskaber",
    "Bæredygtighed",
    "Demokrati",
    "Tryghed",
]
DISTRICTS = ["Nordby", "Sydby", "Østerby", "Vesterby", "Midtby", "Strandby", "Skovby"]


class TaskCommitteeBody(NamedTuple):
    """A generated task committee with its dates (the model's own are optional)."""

    body: Body
    term: TermOfOffice
    start: dt.date
    end: dt.date


@dataclass
class World:
    """What the organisation's steps created, for the steps after them."""

    municipality: Municipality | None = None
    districts: list[District] = field(default_factory=list)
    terms: list[TermOfOffice] = field(default_factory=list)
    parties: dict[str, Party] = field(default_factory=dict)
    groups: dict[int, list[Group]] = field(default_factory=dict)  # term pk -> groups
    people: list[Person] = field(default_factory=list)
    council_people: dict[int, list[tuple[Person, Group]]] = field(default_factory=dict)
    councils: dict[int, Body] = field(default_factory=dict)  # term pk -> council
    standing: dict[int, list[Body]] = field(default_factory=dict)  # term pk -> committees
    task_committees: list[TaskCommitteeBody] = field(default_factory=list)
    citizens: list[Person] = field(default_factory=list)

    def term_on(self, day: dt.date) -> TermOfOffice:
        for term in self.terms:
            if term.start_date <= day <= term.end_date:
                return term
        return self.terms[-1] if day > self.terms[-1].end_date else self.terms[0]


def world(plan: Plan) -> World:
    return plan.of(World)


# -- the steps -------------------------------------------------------------------------------


def municipality(plan: Plan):
    if Body.objects.exists() or Person.objects.exists():
        raise CommandError(
            "The database already has bodies or people: generate into a fresh database."
        )
    world(plan).municipality = Municipality.objects.create(
        name="Storkommune", code="999", population=plan.scaled(75_000, 1000)
    )
    world(plan).districts = bulk(
        plan,
        "districts",
        District,
        [
            District(
                municipality=world(plan).municipality, name=name, population=plan.scaled(10_000)
            )
            for name in DISTRICTS
        ],
    )


def terms(plan: Plan):
    """Five four-year terms; the last one is running on ``today``. Danish municipal terms
    start on 1 January of 2022, 2026, 2030 and so on."""
    current = plan.today.year - (plan.today.year - 2) % TERM_YEARS
    first = current - (TERMS - 1) * TERM_YEARS
    world(plan).terms = bulk(
        plan,
        "terms",
        TermOfOffice,
        [
            TermOfOffice(
                name=f"{start}–{start + TERM_YEARS - 1}",
                start_date=dt.date(start, 1, 1),
                end_date=dt.date(start + TERM_YEARS - 1, 12, 31),
            )
            for start in range(first, first + TERMS * TERM_YEARS, TERM_YEARS)
        ],
    )


def parties_and_groups(plan: Plan):
    world(plan).parties = {
        p.letter: p
        for p in bulk(
            plan,
            "parties",
            Party,
            [Party(letter=letter, name=name) for letter, name in PARTIES.items()],
        )
    }
    groups = []
    for term in world(plan).terms:
        for letter, name in PARTIES.items():
            groups.append(Group(term=term, short_name=letter, name=name))
    bulk(plan, "groups", Group, groups)
    Through = Group.parties.through
    bulk(
        plan,
        "group parties",
        Through,
        [Through(group_id=g.pk, party_id=world(plan).parties[g.short_name].pk) for g in groups],
    )
    for group in groups:
        world(plan).groups.setdefault(group.term_id, []).append(group)


def people(plan: Plan):
    """Everybody: future council members first, then citizens. Private fields are filled in
    like real ones (email, phone, birth year, district) so pages that must hide them are
    tested against data that has them."""
    n = plan.scaled(PEOPLE, minimum=COUNCIL_SIZE * TERMS * 2)
    rng, fake = plan.rng, plan.faker
    objects = []
    for i in range(n):
        objects.append(
            Person(
                name=fake.name(),
                title=fake.job()[:200] if i % 5 == 0 else "",
                email=f"person{i}@private.generate.example.org",
                phone=f"+45 {rng.randint(20, 99)} {rng.randint(10, 99)} "
                f"{rng.randint(10, 99)} {rng.randint(10, 99)}",
                birth_year=rng.randint(1940, 2008),
                district=world(plan).districts[i % len(world(plan).districts)],
            )
        )
        if i % 1000 == 0:
            plan.progress.update("people (names)", i, n)
    plan.progress.update("people (names)", n, n)
    world(plan).people = bulk(plan, "people", Person, objects)
    world(plan).citizens = world(plan).people[COUNCIL_SIZE * TERMS :]


def _seat_shares(plan: Plan) -> dict[str, int]:
    """A council of 19 shared among the parties, a little different every term."""
    weights = {"C": 10, "A": 3, "V": 2, "B": 1, "F": 1, "Ø": 1, "O": 1}
    noisy = [dhondt.Group(p, max(1, w * 10 + plan.rng.randint(-5, 5))) for p, w in weights.items()]
    return dhondt.allocate(COUNCIL_SIZE, noisy, seed=f"generate {plan.seed}").seats


def councils(plan: Plan):
    """A council body per term with its 19 members; about two thirds are re-elected."""
    pool = world(plan).people[: COUNCIL_SIZE * TERMS]
    fresh = iter(pool)
    previous: list[Person] = []
    bodies, memberships = [], []
    for term in world(plan).terms:
        council = Body(
            kind=BodyKind.COUNCIL,
            name="Kommunalbestyrelsen",
            slug=f"kommunalbestyrelsen-{term.start_date.year}",
            short_name="KB",
            term=term,
            start_date=term.start_date,
            end_date=term.end_date,
            seats=COUNCIL_SIZE,
        )
        bodies.append(council)
        world(plan).councils[term.pk] = council
        kept = plan.rng.sample(previous, k=min(len(previous), COUNCIL_SIZE * 2 // 3))
        members = kept + [next(fresh) for _ in range(COUNCIL_SIZE - len(kept))]
        groups = {g.short_name: g for g in world(plan).groups[term.pk]}
        seats = _seat_shares(plan)
        letters = [letter for letter, count in seats.items() for _ in range(count)]
        world(plan).council_people[term.pk] = list(
            zip(members, (groups[x] for x in letters), strict=True)
        )
        previous = members
    bulk(plan, "councils", Body, bodies)
    for term in world(plan).terms:
        council = world(plan).councils[term.pk]
        for number, (person, group) in enumerate(world(plan).council_people[term.pk]):
            memberships.append(
                Membership(
                    person=person,
                    body=council,
                    group=group,
                    role=Role.CHAIR if number == 0 else Role.MEMBER,
                    basis=Basis.ELECTED,
                    is_council_member=True,
                    start_date=term.start_date,
                    end_date=term.end_date if term.end_date < plan.today else None,
                )
            )
    bulk(plan, "council memberships", Membership, memberships)


def standing_committees(plan: Plan):
    """The Finance Committee and six standing committees in every term, constituted from the
    council (a simple rotation: the constitution itself is the d'Hondt engine's job)."""
    bodies = []
    for term in world(plan).terms:
        council = world(plan).councils[term.pk]
        for slug, name, short, kind, seats in STANDING:
            bodies.append(
                Body(
                    kind=kind,
                    name=name,
                    slug=f"{slug}-{term.start_date.year}",
                    short_name=short,
                    parent=council,
                    term=term,
                    start_date=term.start_date,
                    end_date=term.end_date,
                    seats=seats,
                    remit=f"{name}s område.",
                )
            )
    bulk(plan, "standing committees", Body, bodies)
    memberships = []
    for term in world(plan).terms:
        committees = [b for b in bodies if b.term_id == term.pk]
        world(plan).standing[term.pk] = committees
        members = world(plan).council_people[term.pk]
        position = 0
        for committee, (*_names, seats) in zip(committees, STANDING, strict=True):
            for seat in range(seats):
                person, group = members[position % len(members)]
                position += 1
                memberships.append(
                    Membership(
                        person=person,
                        body=committee,
                        group=group,
                        role=Role.CHAIR if seat == 0 else Role.MEMBER,
                        basis=Basis.ELECTED,
                        is_council_member=True,
                        start_date=term.start_date,
                        end_date=term.end_date if term.end_date < plan.today else None,
                    )
                )
    bulk(plan, "standing memberships", Membership, memberships)


def task_committees(plan: Plan):
    """About 20 a year over the 20 years, each 9–12 months, under a standing committee."""
    n = plan.scaled(TASK_COMMITTEES, minimum=4)
    first = world(plan).terms[0].start_date
    # The last ones start a little before today, so some are running and none are far ahead.
    span = (plan.today - first).days - 60
    bodies, committees = [], []
    for i in range(n):
        start = first + dt.timedelta(days=int(span * i / max(n - 1, 1)))
        start = start.replace(day=1)
        end = start + dt.timedelta(days=plan.rng.randint(270, 365))
        term = world(plan).term_on(start)
        parent = plan.rng.choice(world(plan).standing[term.pk])
        topic = TOPICS[i % len(TOPICS)]
        body = Body(
            kind=BodyKind.TASK_COMMITTEE,
            name=f"{topic} {start.year}",
            slug=f"opgaveudvalg-{i + 1:04d}",
            parent=parent,
            term=term,
            start_date=start,
            end_date=end,
            seats=COUNCIL_SEATS_ON_TASK_COMMITTEE + CITIZEN_SEATS_ON_TASK_COMMITTEE,
            remit=f"Opgaveudvalget skal udvikle forslag om {topic.lower()}.",
        )
        bodies.append(body)
        committees.append(TaskCommitteeBody(body, term, start, end))
    bulk(plan, "task committees", Body, bodies)
    world(plan).task_committees = committees


def task_committee_members(plan: Plan):
    """A secretary from the administration sits on every committee. The members are appointed
    by the appointment's generate step (samskab.appointment.generate), from decision records."""
    memberships = []
    total = len(world(plan).task_committees)
    for number, (body, _term, start, last_day) in enumerate(world(plan).task_committees):
        end = last_day if last_day < plan.today else None
        memberships.append(
            Membership(
                person=world(plan).citizens[number % len(world(plan).citizens)],
                body=body,
                role=Role.SECRETARY,
                start_date=start,
                end_date=end,
            )
        )
    plan.progress.update("task committee secretaries", total, total)
    bulk(plan, "task committee memberships", Membership, memberships)


def accounts(plan: Plan):
    """Accounts to log in with (password ``samskab-generate``): the secretariat, the current
    council's members and some citizens (users ``citizen<N>@generate.example.org``)."""
    User = get_user_model()
    password = make_password(GENERATED_PASSWORD)  # hashed once: every account shares it
    users = [
        User(email=SECRETARIAT_EMAIL, password=password, is_staff=True, is_superuser=True),
    ]
    current = world(plan).council_people[world(plan).terms[-1].pk]
    linked = [person for person, _group in current]
    users += [
        User(email=f"council{i}@generate.example.org", password=password)
        for i in range(len(linked))
    ]
    citizens = world(plan).citizens[: plan.scaled(CITIZEN_ACCOUNTS)]
    users += [
        User(email=f"citizen{i}@generate.example.org", password=password)
        for i in range(len(citizens))
    ]
    bulk(plan, "accounts", User, users)
    # allauth's record of each login address, as the accounts' manager makes it one by one.
    bulk(
        plan,
        "email addresses",
        EmailAddress,
        [EmailAddress(user=u, email=u.email, primary=True, verified=False) for u in users],
    )
    people = linked + citizens
    for person, user in zip(people, users[1:], strict=True):
        person.user = user
        person.email = ""  # the account's email is the person's (one source of truth)
    for chunk in chunks(people, BATCH):
        Person.objects.bulk_update(chunk, ["user", "email"])
    plan.counts["accounts linked to people"] = len(people)


STEPS = [
    municipality,
    terms,
    parties_and_groups,
    people,
    councils,
    standing_committees,
    task_committees,
    task_committee_members,
    accounts,
]


def build(plan: Plan) -> None:
    for step in STEPS:
        step(plan)
