"""Demo: recruitment in Gentofte.

- "Fritidsliv for børn med handicap" is recruiting: an open call, published in the usual
  channels, with about 60 applications whose spread shows a real gap (nobody under 30, nobody
  from Vangede, nobody with the competence "Unge under 30 år"), a shortlist and notes.
- The committees appointed earlier had calls too: those older than the retention period keep
  only their anonymous statistics (erased by the real retention service); the newest keeps its
  applicants, its appointment registered.
- The municipality's population by age (the seed's figures) and a register of interested
  citizens.

Deterministic (seeded) and idempotent: a second run changes nothing.
"""

import datetime as dt
import random

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone
from faker import Faker

from samskab.organisation.demo import PROFESSIONS, SECRETARIAT_EMAIL
from samskab.organisation.models import District, Municipality
from samskab.taskcommittees.lifecycle import State
from samskab.taskcommittees.models import TaskCommittee

from . import services
from .models import AgeGroup, Application, Call, Channel, Interest, Outcome

# The seed: 75,800 citizens, of whom 18,200 children and young people, 43,700 of working age
# and 14,000 over 66.
AGE_GROUPS = [(0, 17, 18_200), (18, 66, 43_700), (67, None, 14_000)]

OPEN_CALL = "fritidsliv-handicap"
# Earlier calls: (committee, applicants, district weights, youngest age, oldest age)
EARLIER_CALLS = [
    ("klimatilpasning", 41, None, 24, 79),
    ("fremtidens-seniorliv", 35, None, 52, 88),
    ("unges-trivsel", 38, None, 17, 66),
]

# Where the open call's applicants live: many from Hellerup and Charlottenlund, few from
# Dyssegård, none from Vangede (the gap the breadth page shows).
OPEN_DISTRICTS = {
    "Hellerup": 18,
    "Charlottenlund": 13,
    "Gentofte": 11,
    "Ordrup": 9,
    "Jægersborg": 5,
    "Dyssegård": 2,
    "Vangede": 0,
}
CHANNELS = [
    ("website", "gentofte.dk", 0),
    ("networks", "Handicaprådet og forældreforeningerne", 2),
    ("local_paper", "Villabyerne", 4),
    ("magazine", "Gentofte Lige Nu", 9),
    ("social_media", "Kommunens Facebook-side", 10),
]
HEARD_VIA = ["website"] * 16 + ["networks"] * 18 + ["local_paper"] * 12 + ["magazine"] * 7
HEARD_VIA += ["social_media"] * 3 + ["other"] * 2 + [""] * 2

OPENINGS = [
    "Jeg er mor til en dreng på 11 med cerebral parese.",
    "Jeg er far til en pige med autisme, som elsker at svømme.",
    "Som træner i en lokal idrætsforening har jeg flere børn med handicap på holdet.",
    "Jeg har arbejdet som specialpædagog i mange år.",
    "Vores datter har Downs syndrom og går til rytmik i Ordrup.",
    "Jeg er ergoterapeut og møder familierne i min hverdag.",
    "Jeg sidder i bestyrelsen for en spejdergruppe, der gerne vil tage imod alle børn.",
    "Som pensioneret skolelærer har jeg tid og lyst til at give noget tilbage.",
    "Jeg er selv vokset op med en bror med udviklingshæmning.",
    "Jeg driver en lille musikskole og vil gerne gøre den mere tilgængelig.",
]
REASONS = [
    "Det er svært at finde fritidstilbud, hvor børnene bliver mødt af voksne, der har tid.",
    "Mange tilbud er ikke fysisk tilgængelige, og transporten er en stor hindring.",
    "Jeg oplever, at familierne skal bruge meget energi på at finde rundt i tilbuddene.",
    "Foreningerne vil gerne, men mangler viden og hjælpere.",
    "Børn med handicap skal kunne være med på lige fod med deres søskende.",
    "Der mangler overblik over, hvad der findes i kommunen.",
]
OFFERS = [
    "Jeg kan bidrage med erfaringer fra hverdagen som forælder.",
    "Jeg kan bidrage med faglig viden og et netværk blandt fagfolk.",
    "Jeg kender foreningslivet indefra og ved, hvad der skal til.",
    "Jeg vil gerne være med til at samle forældrene og høre deres ideer.",
    "Jeg kan hjælpe med at afprøve nye ideer i praksis.",
]
NOTES = [
    "Stærk forældreprofil; har selv startet et netværk.",
    "Faglig viden om tilgængelighed. Kan være god i en arbejdsgruppe.",
    "Har været med i Handicaprådets høringssvar.",
]


def already_loaded():
    return Call.objects.exists()


def _age_groups():
    municipality = Municipality.objects.order_by("pk").first()
    if municipality is None or municipality.age_groups.exists():
        return
    AgeGroup.objects.bulk_create(
        AgeGroup(municipality=municipality, min_age=lo, max_age=hi, population=n)
        for lo, hi, n in AGE_GROUPS
    )


class _People:
    def __init__(self, seed):
        self.random = random.Random(seed)
        self.faker = Faker("da_DK")
        self.faker.seed_instance(seed)
        self.names = set()
        self.districts = {d.name: d for d in District.objects.all()}

    def name(self):
        while True:
            name = f"{self.faker.first_name()} {self.faker.last_name()}"
            if name not in self.names:
                self.names.add(name)
                return name

    def district(self, weights):
        names = [n for n in weights if weights[n] and n in self.districts]
        chosen = self.random.choices(names, [weights[n] for n in names])[0]
        return self.districts[chosen]

    def motivation(self):
        r = self.random
        return " ".join((r.choice(OPENINGS), r.choice(REASONS), r.choice(OFFERS)))

    def application(self, call, n, *, year, youngest, oldest, weights, competences, now):
        r = self.random
        age = r.randint(youngest, oldest)
        # Parents and professionals: most between 35 and 70.
        if youngest < 35 < oldest and r.random() < 0.7:
            age = r.randint(35, min(oldest, 72))
        name = self.name()
        background = (
            "retired"
            if age >= 67
            else r.choice(["public", "public", "private", "private", "self_employed", "other"])
        )
        if age < 25:
            background = "education"
        application = Application(
            call=call,
            email=f"ansoeger.{call.pk}.{n}@example.org",
            name=name,
            phone=f"+45 {r.randint(20, 99)} {r.randint(10, 99)} {r.randint(10, 99)} "
            f"{r.randint(10, 99)}",
            birth_year=year - age,
            gender=r.choices(["woman", "man", "unsaid", ""], [62, 33, 3, 2])[0],
            district=self.district(weights) if r.random() > 0.03 else None,
            background=background,
            occupation=r.choice(PROFESSIONS).capitalize() if background != "retired" else "",
            competences=[c for c in competences if r.random() < 0.45],
            motivation=self.motivation(),
            heard_via=r.choice(HEARD_VIA),
            future_calls=r.random() < 0.3,
            language="da",
            consent_at=now,
            confirmed_at=now,
        )
        errors = services.validate_application(
            call, vars(application) | {"district": application.district}
        )
        assert not errors, errors  # the demo's data passes the same checks as a citizen's
        return application


def _open_call(story_now, secretariat):
    task = TaskCommittee.objects.select_related("body").filter(body__slug=OPEN_CALL).first()
    if task is None or task.state not in (State.APPROVED, State.RECRUITING):
        return None
    today = timezone.localdate(story_now)
    opened = story_now - dt.timedelta(days=16)
    call = services.open_call(
        secretariat,
        task,
        deadline=services.deadline_at(today + dt.timedelta(days=12)),
        intro="Vi søger især forældre, unge og folk fra foreningslivet, der kender hverdagen "
        "for børn med handicap, og gerne fra alle kommunens bydele.",
        now=opened,
    )
    for kind, name, offset in CHANNELS:
        Channel.objects.create(
            call=call,
            kind=kind,
            name=name,
            date=timezone.localdate(opened) + dt.timedelta(days=offset),
        )
    people = _People(2026)
    # Nobody ticks "Unge under 30 år": the gap in competences.
    competences = [c for c in call.terms.competence_list if "under 30" not in c]
    year = timezone.localtime(call.deadline).year
    rows = [
        people.application(
            call,
            n,
            year=year,
            youngest=31,
            oldest=81,
            weights=OPEN_DISTRICTS,
            competences=competences,
            now=opened + dt.timedelta(hours=5 * n + 3),
        )
        for n in range(58)
    ]
    Application.objects.bulk_create(rows)
    pool = list(Application.objects.filter(call=call).order_by("pk"))
    for application in pool[::5][:12]:
        application.shortlisted = True
    for application, note in zip(pool[::7], NOTES, strict=False):
        application.note = note
    pool[-1].withdrawn_at = story_now - dt.timedelta(days=2)
    pool[-1].shortlisted = False
    Application.objects.bulk_update(pool, ["shortlisted", "note", "withdrawn_at"])
    # Two who have not confirmed their address yet.
    for n in (58, 59):
        row = people.application(
            call,
            n,
            year=year,
            youngest=31,
            oldest=70,
            weights=OPEN_DISTRICTS,
            competences=competences,
            now=story_now,
        )
        row.confirmed_at = None
        row.save()
    return call


def _earlier_call(slug, size, youngest, oldest, now, secretariat):
    task = (
        TaskCommittee.objects.select_related("body", "approved_version")
        .filter(body__slug=slug)
        .first()
    )
    if task is None or task.approved_version is None:
        return None
    appointed = task.state_changes.filter(target=State.APPOINTED).order_by("date").first()
    if appointed is None:
        return None
    deadline = services.deadline_at(appointed.date - dt.timedelta(days=21))
    call = Call.objects.create(
        task=task,
        terms=task.approved_version,
        slug=services._unique(Call, "slug", task.body.slug),
        code=services._new_code(),
        deadline=deadline,
        opened_at=deadline - dt.timedelta(days=28),
        opened_by=secretariat,
    )
    Channel.objects.bulk_create(
        Channel(
            call=call,
            kind=kind,
            name=name,
            date=timezone.localdate(call.opened_at) + dt.timedelta(days=offset),
        )
        for kind, name, offset in CHANNELS[:4]
    )
    people = _People(slug)
    weights = {name: district.population or 1 for name, district in people.districts.items()}
    rows = [
        people.application(
            call,
            n,
            year=deadline.year,
            youngest=youngest,
            oldest=oldest,
            weights=weights,
            competences=call.terms.competence_list,
            now=call.opened_at + dt.timedelta(days=n % 20),
        )
        for n in range(size)
    ]
    Application.objects.bulk_create(rows)
    pool = list(Application.objects.filter(call=call).order_by("pk"))
    appointed_rows = pool[:10]
    Application.objects.filter(pk__in=[a.pk for a in appointed_rows]).update(
        outcome=Outcome.APPOINTED
    )
    Application.objects.filter(call=call).exclude(pk__in=[a.pk for a in appointed_rows]).update(
        outcome=Outcome.NOT_APPOINTED
    )
    call.appointed_on = appointed.date
    call.retain_until = services.add_months(appointed.date, services.retention_months())
    call.save(update_fields=["appointed_on", "retain_until"])
    return call


def _register(now):
    people = _People("register")
    topics = ["Klima og natur", "Skoler og unge", "Kultur og idræt", "Ældre", "Trafik", ""]
    Interest.objects.bulk_create(
        Interest(
            email=f"interesseret.{n}@example.org",
            name=people.name(),
            district=people.district(dict.fromkeys(people.districts, 1)),
            topics=people.random.choice(topics),
            consent_at=now - dt.timedelta(days=n * 9),
            confirmed_at=now - dt.timedelta(days=n * 9),
        )
        for n in range(24)
    )


@transaction.atomic
def load(stdout=None):
    if already_loaded():
        return False
    secretariat = get_user_model().objects.filter(email=SECRETARIAT_EMAIL).first()
    if secretariat is None:
        return False
    now = timezone.now()
    _age_groups()
    for slug, size, _weights, youngest, oldest in EARLIER_CALLS:
        _earlier_call(slug, size, youngest, oldest, now, secretariat)
    # The retention service erases what is older than the retention period, as it would have.
    services.erase_expired(now)
    _open_call(now, secretariat)
    _register(now)
    if stdout:
        stdout.write(
            f"Recruitment: {Call.objects.count()} calls, "
            f"{Application.objects.count()} applications held."
        )
    return True
