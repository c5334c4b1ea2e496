"""Demo: the standard questionnaire, the 2015–18 evaluation, and a round open for the visitor.

The 23 task committees of 2015–18 each had a round after their delivery. Their answers are
dealt so that the council-wide figures are the seed's evaluation exactly:

- 77 % of the politicians agree that the work in task committees makes citizens contribute
  more actively to carrying out new initiatives;
- 87 % of the citizens agree that the committee developed good and useful solutions;
- 65 % of the politicians agree that recruitment was broad;
- 79 % of the citizens disagree that it was hard to follow the discussions for lack of
  knowledge;
- 89 % of the citizens found the politicians very responsive to the citizens' ideas.

Every answer goes in through the service with the member's own link, as a visitor's would.
A running committee (Klimatilpasning) has a round open now; the demo citizen's link is on
their "My surveys" page, and ``samskab demo`` prints it. Idempotent.
"""

import datetime as dt
import random

from django.contrib.auth import get_user_model
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from samskab.core.email import site_url
from samskab.meetings.models import Meeting, MeetingStatus
from samskab.organisation.demo import CITIZEN_EMAIL, SECRETARIAT_EMAIL, TASK_COMMITTEES_2015_18
from samskab.organisation.models import Body, Person
from samskab.taskcommittees.lifecycle import State

from . import services, tokens
from .models import (
    DONT_KNOW,
    FULLY_AGREE,
    FULLY_DISAGREE,
    NEITHER,
    PARTLY_AGREE,
    PARTLY_DISAGREE,
    AskedOf,
    Audience,
    Headline,
    Invitation,
    Kind,
    QuestionSet,
    Round,
    RoundKind,
)

ALL, POL, CIT = AskedOf.ALL, AskedOf.POLITICIANS, AskedOf.CITIZENS
WORKING_FORMS = (
    "Udvalgsmøder\nWorkshops\nArbejdsgrupper\nBesøg og ekskursioner\nOplæg fra eksperter"
)
HEARD_OF = (
    "Kommunens hjemmeside\nLokalavisen\nSociale medier\nForening eller netværk\n"
    "En politiker eller en medarbejder\nAndet"
)

STANDARD = {
    "family": "standard",
    "name": "Evaluering af opgaveudvalg",
    "description": "Spørgsmålene er de samme for alle opgaveudvalg, så resultaterne kan "
    "sammenlignes på tværs af udvalg og år.",
}
# (key, question, kind, asked of, options, headline)
STANDARD_QUESTIONS = [
    (
        "aktive-borgere",
        "Alt andet lige betyder arbejdet i opgaveudvalg, at borgerne i højere grad vil bidrage "
        "aktivt til at gennemføre nye initiativer.",
        Kind.AGREEMENT,
        POL,
        "",
        Headline.AGREE,
    ),
    (
        "bred-rekruttering",
        "Rekrutteringen af borgere til opgaveudvalget var bred.",
        Kind.AGREEMENT,
        POL,
        "",
        Headline.AGREE,
    ),
    (
        "gode-loesninger",
        "Opgaveudvalget udviklede gode og brugbare løsninger.",
        Kind.AGREEMENT,
        ALL,
        "",
        Headline.AGREE,
    ),
    (
        "svaert-at-foelge",
        "Det var svært at følge diskussionerne, fordi jeg manglede viden.",
        Kind.AGREEMENT,
        CIT,
        "",
        Headline.DISAGREE,
    ),
    (
        "lydhoere-politikere",
        "Politikerne var meget lydhøre over for borgernes ideer.",
        Kind.AGREEMENT,
        CIT,
        "",
        Headline.AGREE,
    ),
    (
        "godt-samarbejde",
        "Samarbejdet mellem politikere og borgere i udvalget var godt.",
        Kind.AGREEMENT,
        ALL,
        "",
        Headline.AGREE,
    ),
    (
        "samlet-tilfredshed",
        "Hvor tilfreds er du alt i alt med arbejdet i opgaveudvalget?",
        Kind.SCALE,
        ALL,
        "",
        Headline.AGREE,
    ),
    (
        "hoerte-om",
        "Hvordan hørte du om muligheden for at blive medlem?",
        Kind.SINGLE,
        CIT,
        HEARD_OF,
        Headline.AGREE,
    ),
    (
        "arbejdsformer",
        "Hvilke arbejdsformer fungerede godt?",
        Kind.MULTIPLE,
        ALL,
        WORKING_FORMS,
        Headline.AGREE,
    ),
    (
        "forbedringer",
        "Hvad bør vi gøre anderledes næste gang?",
        Kind.TEXT,
        ALL,
        "",
        Headline.AGREE,
    ),
]
PULSE = {
    "family": "puls",
    "name": "Puls efter et møde",
    "description": "Tre hurtige spørgsmål om mødet, I lige har holdt.",
}
PULSE_QUESTIONS = [
    ("moedet", "Hvordan gik mødet alt i alt?", Kind.SCALE, ALL, "", Headline.AGREE),
    ("forberedt", "Mødet var godt forberedt.", Kind.AGREEMENT, ALL, "", Headline.AGREE),
    ("fik-sagt", "Jeg fik sagt det, jeg ville.", Kind.AGREEMENT, ALL, "", Headline.AGREE),
    ("bedre", "Hvad kan gøres bedre til næste møde?", Kind.TEXT, ALL, "", Headline.AGREE),
]

# The seed's figures as answer counts over all respondents of 2015–18: 5 politicians and 8
# citizens per committee answered (115 and 184). Each list is (value, how many).
POLITICIANS, CITIZENS = 23 * 5, 23 * 8
SEEDED = {
    # 89/115 = 77.4 %
    ("aktive-borgere", Audience.POLITICIANS): [
        (FULLY_AGREE, 38),
        (PARTLY_AGREE, 51),
        (NEITHER, 12),
        (PARTLY_DISAGREE, 8),
        (FULLY_DISAGREE, 3),
        (DONT_KNOW, 3),
    ],
    # 75/115 = 65.2 %
    ("bred-rekruttering", Audience.POLITICIANS): [
        (FULLY_AGREE, 24),
        (PARTLY_AGREE, 51),
        (NEITHER, 17),
        (PARTLY_DISAGREE, 15),
        (FULLY_DISAGREE, 5),
        (DONT_KNOW, 3),
    ],
    # 160/184 = 87.0 %
    ("gode-loesninger", Audience.CITIZENS): [
        (FULLY_AGREE, 88),
        (PARTLY_AGREE, 72),
        (NEITHER, 12),
        (PARTLY_DISAGREE, 7),
        (FULLY_DISAGREE, 2),
        (DONT_KNOW, 3),
    ],
    ("gode-loesninger", Audience.POLITICIANS): [
        (FULLY_AGREE, 52),
        (PARTLY_AGREE, 47),
        (NEITHER, 10),
        (PARTLY_DISAGREE, 5),
        (FULLY_DISAGREE, 1),
    ],
    # 145/184 disagree = 78.8 %
    ("svaert-at-foelge", Audience.CITIZENS): [
        (FULLY_DISAGREE, 86),
        (PARTLY_DISAGREE, 59),
        (NEITHER, 12),
        (PARTLY_AGREE, 19),
        (FULLY_AGREE, 6),
        (DONT_KNOW, 2),
    ],
    # 164/184 = 89.1 %
    ("lydhoere-politikere", Audience.CITIZENS): [
        (FULLY_AGREE, 101),
        (PARTLY_AGREE, 63),
        (NEITHER, 11),
        (PARTLY_DISAGREE, 6),
        (FULLY_DISAGREE, 2),
        (DONT_KNOW, 1),
    ],
}
FREE_TEXT = [
    "Flere workshops med borgere uden for udvalget.",
    "Materialet til møderne skulle komme tidligere, så vi kunne nå at læse det.",
    "Klarere rammer fra starten om, hvad udvalget kunne påvirke.",
    "Mere tid til at tale sammen i mindre grupper.",
    "Fortæl os, hvad der skete med anbefalingerne bagefter.",
    "Jeg savnede unge i udvalget.",
    "Møderne kunne med fordel ligge om aftenen.",
]
# Distributions for the questions that carry no seed figure: (value, weight).
AGREEMENT_WEIGHTS = [
    (FULLY_AGREE, 40),
    (PARTLY_AGREE, 35),
    (NEITHER, 12),
    (PARTLY_DISAGREE, 8),
    (FULLY_DISAGREE, 3),
    (DONT_KNOW, 2),
]
SCALE_WEIGHTS = [(5, 2), (6, 4), (7, 10), (8, 16), (9, 10), (10, 6), (4, 2)]


def already_loaded():
    return QuestionSet.objects.exists()


def _question_set(actor, spec, questions):
    question_set = services.create_set(actor, **spec)
    for key, text, kind, asked_of, options, headline in questions:
        services.add_question(
            actor,
            question_set,
            key=key,
            text=text,
            kind=kind,
            asked_of=asked_of,
            options=options,
            headline=headline,
        )
    return question_set


def _deck(rng, spec, size):
    values = [value for value, k in spec for _ in range(k)]
    assert len(values) == size, (spec, size)
    rng.shuffle(values)
    return values


def _weighted(rng, weights):
    values, w = zip(*weights, strict=True)
    return rng.choices(values, weights=w)[0]


def _raw(rng, question_set, audience, decks, texts):
    """One member's answers, as the answer form would send them."""
    raw: dict[int, str | list[str]] = {}
    for q in question_set.questions.all():
        if not q.is_asked_of(audience):
            continue
        deck = decks.get((q.key, audience))
        if deck is not None:
            raw[q.pk] = str(deck.pop())
        elif q.kind == Kind.AGREEMENT:
            raw[q.pk] = str(_weighted(rng, AGREEMENT_WEIGHTS))
        elif q.kind == Kind.SCALE:
            raw[q.pk] = str(_weighted(rng, SCALE_WEIGHTS))
        elif q.kind == Kind.SINGLE:
            raw[q.pk] = str(rng.randrange(len(q.option_list())))
        elif q.kind == Kind.MULTIPLE:
            count = len(q.option_list())
            raw[q.pk] = [str(i) for i in sorted(rng.sample(range(count), rng.randint(1, 3)))]
        elif q.kind == Kind.TEXT and rng.random() < 0.3:
            raw[q.pk] = texts[rng.randrange(len(texts))]
    return raw


def _answer(invitation, raw, now):
    services.submit(tokens.make(invitation), raw, now=now)


@transaction.atomic
def load(stdout=None):
    if already_loaded():
        return False
    secretariat = get_user_model().objects.get(email=SECRETARIAT_EMAIL)
    rng = random.Random(2018)
    standard = _question_set(secretariat, STANDARD, STANDARD_QUESTIONS)
    pulse = _question_set(secretariat, PULSE, PULSE_QUESTIONS)
    # From now on, every committee whose result is delivered is asked by itself.
    services.set_automatic(
        secretariat, state=State.DELIVERED, question_set=standard, days_open=21, active=True
    )

    # 1. The 2015–18 evaluation: a round after each delivery, published.
    decks = {
        key: _deck(rng, spec, POLITICIANS if key[1] == Audience.POLITICIANS else CITIZENS)
        for key, spec in SEEDED.items()
    }
    for slug, _name, _parent, _start, end in TASK_COMMITTEES_2015_18:
        body = Body.objects.get(slug=slug)
        opened = timezone.make_aware(dt.datetime.combine(end + dt.timedelta(days=2), dt.time(9)))
        round_ = services.open_round(
            secretariat,
            body,
            standard,
            closes_at=services.closing_time(end + dt.timedelta(days=23)),
            now=opened,
            notify=False,
        )
        invitations = list(round_.invitations.order_by("person__name", "pk"))
        citizens = [i for i in invitations if i.audience == Audience.CITIZENS]
        answering = [i for i in invitations if i.audience == Audience.POLITICIANS]
        answering += rng.sample(citizens, 8)
        for n, invitation in enumerate(answering):
            raw = _raw(rng, standard, invitation.audience, decks, FREE_TEXT)
            _answer(invitation, raw, opened + dt.timedelta(days=1 + n % 10, hours=n))
        services.publish(secretariat, round_, now=round_.closes_at + dt.timedelta(days=10))
        _publish_some_texts(secretariat, round_, rng)
    assert all(not deck for deck in decks.values())

    today = timezone.now()
    # 2. A pulse after a meeting of Fremtidens seniorliv: too few politicians answered, so only
    # the citizens' results show.
    # It asks about the committee's latest meeting held at least a week ago (the meetings'
    # demo holds them), so that it has closed by now; without one, about "a meeting".
    seniors = Body.objects.get(slug="fremtidens-seniorliv")
    held = (
        Meeting.objects.filter(
            body=seniors, status=MeetingStatus.HELD, end__lte=today - dt.timedelta(days=7)
        )
        .order_by("-start")
        .first()
    )
    opened = held.end + dt.timedelta(hours=1) if held else today - dt.timedelta(days=12)
    closes_at = services.closing_time((timezone.localtime(opened) + dt.timedelta(days=5)).date())
    if held is not None:
        round_ = services.open_pulse(
            secretariat, held, pulse, closes_at=closes_at, remind_days=0, now=opened, notify=False
        )
    else:
        round_ = services.open_round(
            secretariat,
            seniors,
            pulse,
            kind=RoundKind.PULSE,
            closes_at=closes_at,
            remind_days=0,
            now=opened,
            notify=False,
        )
    invitations = list(round_.invitations.order_by("person__name", "pk"))
    answering = [i for i in invitations if i.audience == Audience.POLITICIANS][:2]
    answering += [i for i in invitations if i.audience == Audience.CITIZENS][:7]
    for n, invitation in enumerate(answering):
        raw = _raw(rng, pulse, invitation.audience, {}, ["Kortere dagsorden.", "Mere pause."])
        _answer(invitation, raw, opened + dt.timedelta(hours=2 + n))
    services.publish(secretariat, round_, now=min(round_.end() + dt.timedelta(days=1), today))

    # 3. Open now, for the visitor: Klimatilpasning's evaluation, some members have answered.
    klima = Body.objects.get(slug="klimatilpasning")
    opened = today - dt.timedelta(days=4)
    round_ = services.open_round(
        secretariat,
        klima,
        standard,
        title="Midtvejsevaluering af Klimatilpasning og byens vand",
        closes_at=services.closing_time((today + dt.timedelta(days=17)).date()),
        remind_days=3,
        now=opened,
        notify=True,
    )
    visitor = Person.objects.filter(user__email=CITIZEN_EMAIL).first()
    others = [i for i in round_.invitations.order_by("pk") if i.person != visitor]
    for n, invitation in enumerate(others[:5]):
        raw = _raw(rng, standard, invitation.audience, {}, FREE_TEXT)
        _answer(invitation, raw, opened + dt.timedelta(hours=5 + n))
    if stdout:
        stdout.write(
            f"Surveys: {Round.objects.count()} rounds; the 2015–18 evaluation reproduces the "
            f"seed's figures."
        )
        mine = Invitation.objects.filter(round=round_, person=visitor).first()
        if mine is not None:
            stdout.write(
                f"Surveys: the demo citizen ({CITIZEN_EMAIL}) can answer an open round at "
                f"{site_url(reverse('surveys:answer', args=[tokens.make(mine)]))}"
            )
    return True


def _publish_some_texts(actor, round_, rng):
    for answer in round_.answers.filter(question__kind=Kind.TEXT).order_by("text", "id")[:2]:
        services.moderate_text(actor, answer, text=answer.text, published=True)
