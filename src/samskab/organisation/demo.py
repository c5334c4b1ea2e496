"""Gentofte's story as demo data: the council, its groups and committees, 23 task committees.

Deterministic (Faker ``da_DK`` with a fixed seed; names are invented, never a real person's)
and idempotent: a second run finds the council and changes nothing. Current committees are
dated relative to the day the demo is loaded, so the front page always shows work going on.
"""

import datetime as dt
from collections import defaultdict
from typing import cast

from django.db import transaction
from django.utils import timezone
from faker import Faker

from samskab.seats import dhondt

from .models import (
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

D = dt.date
DEMO_PASSWORD = "samskab-demo"  # noqa: S105 - documented demo accounts, never production
SECRETARIAT_EMAIL = "sekretariat@example.org"
COUNCIL_MEMBER_EMAIL = "borgmester@example.org"
CITIZEN_EMAIL = "borger@example.org"

DISTRICTS = [
    ("Hellerup", 19_400),
    ("Charlottenlund", 13_900),
    ("Ordrup", 9_600),
    ("Gentofte", 11_800),
    ("Jægersborg", 6_100),
    ("Vangede", 8_200),
    ("Dyssegård", 6_800),
]
PARTIES = {
    "A": "Socialdemokratiet",
    "B": "Radikale Venstre",
    "C": "Det Konservative Folkeparti",
    "F": "SF – Socialistisk Folkeparti",
    "O": "Dansk Folkeparti",
    "V": "Venstre",
    "Ø": "Enhedslisten",
}
TERMS = [
    (
        "2014–2017",
        D(2014, 1, 1),
        D(2017, 12, 31),
        {"C": 11, "A": 3, "V": 2, "B": 1, "Ø": 1, "O": 1},
    ),
    (
        "2018–2021",
        D(2018, 1, 1),
        D(2021, 12, 31),
        {"C": 13, "A": 2, "V": 1, "B": 1, "Ø": 1, "F": 1},
    ),
    (
        "2022–2025",
        D(2022, 1, 1),
        D(2025, 12, 31),
        {"C": 12, "A": 2, "B": 2, "V": 1, "F": 1, "Ø": 1},
    ),
    (
        "2026–2029",
        D(2026, 1, 1),
        D(2029, 12, 31),
        {"C": 12, "A": 2, "B": 2, "V": 1, "F": 1, "Ø": 1},
    ),
]
# (slug, name, short name, seats, remit)
STANDING = [
    (
        "oekonomiudvalget",
        "Økonomiudvalget",
        "ØU",
        7,
        "Kommunens økonomi, personale, digitalisering og den samlede planlægning.",
    ),
    (
        "teknik-og-miljoe",
        "Teknik- og Miljøudvalget",
        "TM",
        5,
        "Veje, trafik, natur, miljø, klima og forsyning.",
    ),
    (
        "skoleudvalget",
        "Skoleudvalget",
        "SKU",
        5,
        "Folkeskoler, specialundervisning, dagtilbud og børn og unges læring.",
    ),
    (
        "bygning-og-arkitektur",
        "Bygnings- og Arkitekturudvalget",
        "BAU",
        5,
        "Kommunens bygninger, byggesager, arkitektur og byens rum.",
    ),
    (
        "kultur-unge-og-fritid",
        "Kultur-, Unge- og Fritidsudvalget",
        "KUF",
        5,
        "Kultur, biblioteker, idræt, foreningsliv og unge.",
    ),
    (
        "erhverv-beskaeftigelse-integration",
        "Erhvervs-, Beskæftigelses- og Integrationsudvalget",
        "EBI",
        5,
        "Erhverv, beskæftigelse, integration og detailhandel.",
    ),
    (
        "aeldre-social-sundhed",
        "Ældre-, Social- og Sundhedsudvalget",
        "ÆSS",
        5,
        "Ældre, sociale indsatser, sundhed, forebyggelse og borgere med handicap.",
    ),
]
# The 23 task committees of 1 September 2015 – August 2018, named as in the seed.
# (slug, name, standing committee slug, start, end)
TASK_COMMITTEES_2015_18 = [
    ("innovation", "Innovation", "oekonomiudvalget", D(2015, 9, 1), D(2016, 6, 30)),
    (
        "integration",
        "Integration",
        "erhverv-beskaeftigelse-integration",
        D(2015, 9, 1),
        D(2016, 5, 31),
    ),
    (
        "integration-2",
        "Integration 2",
        "erhverv-beskaeftigelse-integration",
        D(2016, 9, 1),
        D(2017, 6, 30),
    ),
    ("anbringelse", "Anbringelse", "aeldre-social-sundhed", D(2015, 10, 1), D(2016, 8, 31)),
    ("specialundervisning", "Specialundervisning", "skoleudvalget", D(2015, 9, 1), D(2016, 6, 30)),
    ("arkitektur", "Arkitektur", "bygning-og-arkitektur", D(2015, 11, 1), D(2016, 10, 31)),
    ("udskoling", "Udskoling", "skoleudvalget", D(2016, 1, 1), D(2016, 12, 31)),
    ("digitalisering", "Digitalisering", "oekonomiudvalget", D(2016, 2, 1), D(2017, 1, 31)),
    ("ungepolitik", "Ungepolitik", "kultur-unge-og-fritid", D(2016, 3, 1), D(2017, 2, 28)),
    (
        "boligsocial-indsats",
        "Boligsocial indsats",
        "aeldre-social-sundhed",
        D(2016, 4, 1),
        D(2017, 3, 31),
    ),
    ("sundhedspolitik", "Sundhedspolitik", "aeldre-social-sundhed", D(2016, 5, 1), D(2017, 4, 30)),
    (
        "borgerrettet-behandling",
        "Borgerrettet behandling",
        "aeldre-social-sundhed",
        D(2016, 8, 1),
        D(2017, 6, 30),
    ),
    ("foraeldre-i-gentofte", "Forældre i Gentofte", "skoleudvalget", D(2016, 9, 1), D(2017, 6, 30)),
    (
        "idraets-og-bevaegelsespolitik",
        "Idræts- og bevægelsespolitik",
        "kultur-unge-og-fritid",
        D(2016, 10, 1),
        D(2017, 9, 30),
    ),
    (
        "erhvervspolitik",
        "Erhvervspolitik",
        "erhverv-beskaeftigelse-integration",
        D(2017, 1, 1),
        D(2017, 12, 31),
    ),
    (
        "baeredygtig-gentofte",
        "Bæredygtig Gentofte",
        "teknik-og-miljoe",
        D(2017, 1, 1),
        D(2018, 2, 28),
    ),
    (
        "trafik-sikker-i-byen",
        "Trafik – Sikker i byen",
        "teknik-og-miljoe",
        D(2017, 2, 1),
        D(2018, 1, 31),
    ),
    (
        "vaerdighedspolitik",
        "Værdighedspolitik",
        "aeldre-social-sundhed",
        D(2017, 3, 1),
        D(2017, 11, 30),
    ),
    (
        "boern-og-unge-i-faellesskaber",
        "Børn og unge i fællesskaber",
        "skoleudvalget",
        D(2017, 4, 1),
        D(2018, 3, 31),
    ),
    (
        "detailhandel",
        "Detailhandel",
        "erhverv-beskaeftigelse-integration",
        D(2017, 5, 1),
        D(2018, 4, 30),
    ),
    ("kulturpolitik", "Kulturpolitik", "kultur-unge-og-fritid", D(2017, 6, 1), D(2018, 5, 31)),
    ("skolereform", "Skolereform", "skoleudvalget", D(2017, 8, 1), D(2018, 6, 30)),
    (
        "boern-kvalitet-og-struktur",
        "Børn – kvalitet og struktur",
        "skoleudvalget",
        D(2017, 9, 1),
        D(2018, 8, 31),
    ),
]
# Current committees, dated in months relative to the day the demo is loaded.
# (slug, name, standing committee slug, start offset, end offset, has members)
CURRENT_TASK_COMMITTEES = [
    ("klimatilpasning", "Klimatilpasning og byens vand", "teknik-og-miljoe", -8, 4, True),
    ("fremtidens-seniorliv", "Fremtidens seniorliv", "aeldre-social-sundhed", -6, 5, True),
    ("unges-trivsel", "Unges trivsel og fællesskaber", "kultur-unge-og-fritid", -4, 7, True),
    ("hellerup-havn", "Hellerup Havn og byens rum", "bygning-og-arkitektur", -2, 9, True),
    (
        "fritidsliv-handicap",
        "Fritidsliv for børn med handicap",
        "aeldre-social-sundhed",
        2,
        12,
        False,
    ),
    ("laering-i-udskolingen", "Læring i udskolingen", "skoleudvalget", 3, 13, False),
]
OTHER_BODIES = [
    (
        "advisory-board-oekonomi",
        "Rådet for økonomisk styring",
        BodyKind.ADVISORY_BOARD,
        "oekonomiudvalget",
        "Borgere med erfaring som administrerende direktør eller "
        "økonomidirektør rådgiver om kommunens økonomiske styring.",
    ),
    (
        "taenketank-ungdomsuddannelser",
        "Tænketank om nye ungdomsuddannelser",
        BodyKind.THINK_TANK,
        "skoleudvalget",
        "Eksisterende institutioner og andre aktører tænker nye ungdomsuddannelser.",
    ),
    (
        "ambassadoerkorps-bevaegelse",
        "Ambassadørkorps – en times bevægelse",
        BodyKind.AMBASSADOR_CORPS,
        "kultur-unge-og-fritid",
        "Kendte og interesserede borgere er ambassadører for en times bevægelse om dagen.",
    ),
]
PROFESSIONS = [
    "arkitekt",
    "skoleleder",
    "sygeplejerske",
    "pensioneret direktør",
    "gymnasieelev",
    "ingeniør",
    "erhvervsdrivende",
    "formand for grundejerforening",
    "pædagog",
    "læge",
    "studerende",
    "frivillig i idrætsforening",
    "forælder",
    "socialrådgiver",
    "økonom",
    "kunstner",
    "butiksindehaver",
    "psykolog",
    "jurist",
    "lærer",
]


def _months(day, months):
    month = day.month - 1 + months
    year = day.year + month // 12
    return D(year, month % 12 + 1, 1)


class _Names:
    """Unique invented Danish names from a seeded Faker."""

    def __init__(self, seed=2015):
        self.faker = Faker("da_DK")
        self.faker.seed_instance(seed)
        self.used = set()

    def __call__(self):
        while True:
            name = f"{self.faker.first_name()} {self.faker.last_name()}"
            if name not in self.used:
                self.used.add(name)
                return name


def already_loaded():
    return Body.objects.filter(kind=BodyKind.COUNCIL, slug="kommunalbestyrelsen-2026-2029").exists()


@transaction.atomic
def load(stdout=None):
    if already_loaded():
        return False
    from django.contrib.auth import get_user_model

    User = get_user_model()
    today = timezone.localdate()
    names = _Names()
    faker = names.faker

    gentofte = Municipality.objects.create(
        name="Gentofte Kommune",
        code="157",
        population=75_800,
        area_km2=26,
        website="https://www.gentofte.dk",
    )
    districts = [
        District.objects.create(municipality=gentofte, name=n, population=p) for n, p in DISTRICTS
    ]
    parties = {
        letter: Party.objects.create(letter=letter, name=name) for letter, name in PARTIES.items()
    }

    standing = {}
    for slug, name, short, seats, remit in STANDING:
        kind = (
            BodyKind.FINANCE_COMMITTEE
            if slug == "oekonomiudvalget"
            else BodyKind.STANDING_COMMITTEE
        )
        standing[slug] = Body(
            kind=kind,
            slug=slug,
            name=name,
            short_name=short,
            seats=seats,
            remit=remit,
            start_date=D(2014, 1, 1),
        )

    people_counter = [0]

    def person(name=None, citizen=False):
        people_counter[0] += 1
        p = Person(name=name or names())
        if citizen:
            p.title = faker.random_element(PROFESSIONS).capitalize()
            p.birth_year = faker.random_int(1945, 2006)
            p.district = faker.random_element(districts)
            p.email = f"person{people_counter[0]}@example.org"
            p.phone = (
                f"+45 {faker.random_int(20, 99)} {faker.random_int(10, 99)} "
                f"{faker.random_int(10, 99)} {faker.random_int(10, 99)}"
            )
        return p

    # The council, term by term; most members are re-elected.
    memberships = []
    council_by_term = {}
    members_by_term = {}
    previous: defaultdict[str, list[Person]] = defaultdict(list)
    for term_name, start, end, sizes in TERMS:
        term = TermOfOffice.objects.create(name=term_name, start_date=start, end_date=end)
        council_body = Body.objects.create(
            kind=BodyKind.COUNCIL,
            slug=f"kommunalbestyrelsen-{term_name.replace('–', '-')}",
            name=f"Kommunalbestyrelsen {term_name}",
            short_name="KB",
            term=term,
            seats=sum(sizes.values()),
            start_date=start,
            end_date=end,
            remit="Kommunens øverste politiske myndighed.",
        )
        council_by_term[term_name] = (term, council_body)
        term_members = {}
        current = defaultdict(list)
        for letter, size in sizes.items():
            group = Group.objects.create(term=term, name=PARTIES[letter], short_name=letter)
            group.parties.add(parties[letter])
            keep = previous[letter][: max(size - 1, 0) if size > 2 else size // 2 + 1]
            members = keep[:size]
            while len(members) < size:
                new = person()
                new.save()
                members.append(new)
            term_members[letter] = (group, members)
            current[letter] = members
        for letter, (group, members) in term_members.items():
            for i, member in enumerate(members):
                role = Role.MEMBER
                if letter == "C" and i == 0:
                    role = Role.CHAIR  # the mayor chairs the council
                elif letter == "C" and i == 1:
                    role = Role.VICE_CHAIR
                memberships.append(
                    Membership(
                        person=member,
                        body=council_body,
                        role=role,
                        start_date=start,
                        end_date=end if end < today else None,
                        group=group,
                        basis=Basis.ELECTED,
                        is_council_member=True,
                    )
                )
        members_by_term[term_name] = term_members
        previous = current

    for body in standing.values():
        body.save()

    # Standing committees constituted "as one" by d'Hondt in the earlier terms. The current
    # council constitutes itself through the appointment service (samskab.appointment.demo).
    for term_name, start, end, sizes in TERMS[:-1]:
        term_members = members_by_term[term_name]
        total = sum(cast(int, b.seats) for b in standing.values())
        result = dhondt.allocate(
            total,
            [dhondt.Group(letter, size) for letter, size in sizes.items()],
            seed=f"constitution {term_name}",
        )
        free = {slug: cast(int, body.seats) for slug, body in standing.items()}
        rotation: defaultdict[str, int] = defaultdict(int)
        seated: defaultdict[str, set[int]] = defaultdict(set)
        for pick in result.order:
            group, members = term_members[pick.group]
            for slug in sorted(free, key=lambda s: -free[s]):
                if free[slug] == 0:
                    continue
                candidates = [m for m in members if m.pk not in seated[slug]]
                if not candidates:
                    continue
                member = candidates[rotation[pick.group] % len(candidates)]
                rotation[pick.group] += 1
                seated[slug].add(member.pk)
                chair = slug == "oekonomiudvalget" and member == term_members["C"][1][0]
                memberships.append(
                    Membership(
                        person=member,
                        body=standing[slug],
                        role=Role.CHAIR if chair else Role.MEMBER,
                        start_date=start,
                        end_date=end if end < today else None,
                        group=group,
                        basis=Basis.ELECTED,
                        is_council_member=True,
                    )
                )
                free[slug] -= 1
                break

    def staff(name):
        p = person(name)
        p.save()
        return p

    # The secretary's email is the account's, made with the demo accounts below.
    secretary = staff(names())

    def task_committee(
        slug,
        name,
        parent,
        start,
        end,
        term_name,
        with_members=True,
        kind=BodyKind.TASK_COMMITTEE,
        remit="",
    ):
        body = Body.objects.create(
            kind=kind,
            slug=slug,
            name=name,
            parent=standing[parent] if parent else None,
            start_date=start,
            end_date=end,
            seats=15 if kind == BodyKind.TASK_COMMITTEE else None,
            remit=remit
            or f"Opgaveudvalget skal sammen med borgere og andre interessenter "
            f"udvikle idéer, forslag til politikker og nye strategier inden for temaet "
            f"»{name}« til kommunalbestyrelsen.",
            term=council_by_term[term_name][0],
        )
        if not with_members:
            return body
        # The members are appointed through the appointment service when the committee's
        # life reaches "appointed" (samskab.appointment.demo); the secretary sits ex officio.
        ended = end if end and end < today else None
        memberships.append(
            Membership(
                person=secretary,
                body=body,
                role=Role.SECRETARY,
                start_date=start,
                end_date=ended,
                basis=Basis.EX_OFFICIO,
            )
        )
        return body

    for slug, name, parent, start, end in TASK_COMMITTEES_2015_18:
        task_committee(slug, name, parent, start, end, "2014–2017")

    first_of_month = today.replace(day=1)
    current_bodies = {}
    for slug, name, parent, start_m, end_m, with_members in CURRENT_TASK_COMMITTEES:
        current_bodies[slug] = task_committee(
            slug,
            name,
            parent,
            _months(first_of_month, start_m),
            _months(first_of_month, end_m) - dt.timedelta(days=1),
            "2026–2029",
            with_members,
        )
    for slug, name, kind, parent, remit in OTHER_BODIES:
        task_committee(slug, name, parent, D(2026, 3, 1), None, "2026–2029", kind=kind, remit=remit)
    Body.objects.create(
        kind=BodyKind.WORKING_GROUP,
        slug="klimatilpasning-arbejdsgruppe-regnvand",
        name="Arbejdsgruppe om regnvand i haver",
        parent=current_bodies["klimatilpasning"],
        start_date=_months(first_of_month, -5),
        remit="Forslag til lokal afledning af regnvand.",
    )

    Membership.objects.bulk_create(memberships)

    # Demo accounts: the secretariat and the mayor (the citizen member's account is made once
    # the committees are appointed, in the task committees' demo).
    sec_user = User.objects.create_superuser(SECRETARIAT_EMAIL, DEMO_PASSWORD)
    secretary.user = sec_user
    secretary.save(update_fields=["user"])
    mayor = members_by_term["2026–2029"]["C"][1][0]
    mayor.user = User.objects.create_user(COUNCIL_MEMBER_EMAIL, DEMO_PASSWORD)
    mayor.save(update_fields=["user"])
    if stdout:
        stdout.write(
            f"Organisation: {Person.objects.count()} people, {Body.objects.count()} bodies, "
            f"{Membership.objects.count()} memberships."
        )
    return True
