import datetime as dt

import pytest
from django.utils import timezone

from samskab.organisation.models import Body, BodyKind, Role
from samskab.surveys import services, tokens
from samskab.surveys.models import AskedOf, Audience, Headline, Kind

from .. import factories as f


class Survey:
    """A task committee with five politicians and six citizens (plus a secretary and an
    expert, who are not members), and the standard question set."""

    def __init__(self, world):
        self.world = world
        self.actor = world.secretariat_user
        self.body = Body.objects.create(
            kind=BodyKind.TASK_COMMITTEE,
            name="Grønne tage",
            slug="groenne-tage",
            parent=world.standing,
            start_date=world.today - dt.timedelta(days=200),
        )
        self.politicians = [f.PersonFactory(name=f"Politiker {i}") for i in range(5)]
        self.citizens = [f.PersonFactory(name=f"Borger {i}") for i in range(6)]
        for person in self.politicians:
            f.MembershipFactory(
                person=person,
                body=self.body,
                is_council_member=True,
                start_date=self.body.start_date,
            )
        for person in self.citizens:
            f.MembershipFactory(person=person, body=self.body, start_date=self.body.start_date)
        self.secretary = f.PersonFactory(name="Sekretær Sørensen")
        f.MembershipFactory(
            person=self.secretary,
            body=self.body,
            role=Role.SECRETARY,
            start_date=self.body.start_date,
        )
        self.expert = f.PersonFactory(name="Ekspert Eriksen")
        f.MembershipFactory(
            person=self.expert, body=self.body, role=Role.EXPERT, start_date=self.body.start_date
        )
        s = services.create_set(self.actor, family="standard", name="Standard")
        self.set = s
        add = services.add_question
        self.solutions = add(
            self.actor,
            s,
            key="loesninger",
            text="Udvalget fandt gode løsninger.",
            kind=Kind.AGREEMENT,
        )
        self.hard = add(
            self.actor,
            s,
            key="svaert",
            text="Det var svært at følge med.",
            kind=Kind.AGREEMENT,
            asked_of=AskedOf.CITIZENS,
            headline=Headline.DISAGREE,
        )
        self.scale = add(self.actor, s, key="tilfreds", text="Hvor tilfreds?", kind=Kind.SCALE)
        self.heard = add(
            self.actor,
            s,
            key="hoerte",
            text="Hvor hørte du om det?",
            kind=Kind.SINGLE,
            asked_of=AskedOf.CITIZENS,
            options="Avisen\nNettet\nVenner",
        )
        self.forms = add(
            self.actor,
            s,
            key="former",
            text="Hvad virkede?",
            kind=Kind.MULTIPLE,
            options="Møder\nWorkshops\nBesøg",
        )
        self.better = add(self.actor, s, key="bedre", text="Hvad kan gøres bedre?", kind=Kind.TEXT)

    def open(self, *, days=14, now=None, **kwargs):
        now = now or timezone.now()
        return services.open_round(
            self.actor,
            self.body,
            self.set,
            closes_at=now + dt.timedelta(days=days),
            now=now,
            **kwargs,
        )

    def invitations(self, round_, audience):
        return list(round_.invitations.filter(audience=audience).order_by("pk"))

    def answer(self, round_, audience, count, raw, now=None):
        """``count`` members of ``audience`` answer ``raw`` (question → value)."""
        for invitation in self.invitations(round_, audience)[:count]:
            services.submit(tokens.make(invitation), {q.pk: v for q, v in raw.items()}, now=now)


@pytest.fixture
def survey(world):
    return Survey(world)


POLITICIANS, CITIZENS = Audience.POLITICIANS, Audience.CITIZENS
