"""Survey rounds for ``samskab generate`` (the load data set).

Every generated task committee that has ended had an evaluation round with the standard
question set a few days after its last day; about four in five members answered. Written with
bulk_create like the other steps (the services check one round at a time), but with the same
shape the services give: invitations without times, answers without persons or times.
"""

import datetime as dt
import uuid

from django.utils import timezone

from samskab.core.generate import Plan, bulk
from samskab.organisation.generate import world
from samskab.organisation.models import Membership, Role

from . import demo, tokens
from .models import (
    AGREEMENT_CHOICES,
    SCALE_VALUES,
    Answer,
    Audience,
    Invitation,
    Kind,
    Question,
    QuestionSet,
    Round,
)


def _standard():
    question_set = QuestionSet.objects.create(
        family=demo.STANDARD["family"],
        name=demo.STANDARD["name"],
        description=demo.STANDARD["description"],
    )
    questions = [
        Question(
            question_set=question_set,
            position=n,
            key=key,
            text=text,
            kind=kind,
            asked_of=asked_of,
            options=options,
            headline=headline,
        )
        for n, (key, text, kind, asked_of, options, headline) in enumerate(
            demo.STANDARD_QUESTIONS, start=1
        )
    ]
    Question.objects.bulk_create(questions)
    return question_set, list(question_set.questions.all())


def _value(rng, question):
    if question.kind == Kind.AGREEMENT:
        return rng.choices([v for v, _label in AGREEMENT_CHOICES], weights=[40, 35, 12, 8, 3, 2])[0]
    if question.kind == Kind.SCALE:
        return rng.choice(list(SCALE_VALUES)[4:])
    if question.kind == Kind.SINGLE:
        return rng.randrange(len(question.option_list()))
    if question.kind == Kind.MULTIPLE:
        return rng.randrange(1, 1 << len(question.option_list()))
    return None


def rounds(plan: Plan):
    rng = plan.rng
    ended = [
        (body, last_day)
        for body, _term, _start, last_day in world(plan).task_committees
        if last_day < plan.today - dt.timedelta(days=30)
    ]
    if not ended:
        return
    question_set, questions = _standard()
    # A person with two seats on one committee is asked once; a council member as one.
    members: dict[int, dict[int, bool]] = {}
    for body_id, person_id, council in (
        Membership.objects.filter(body__in=[body for body, _day in ended])
        .exclude(role__in=[Role.SECRETARY, Role.EXPERT])
        .values_list("body_id", "person_id", "is_council_member")
        .order_by("body_id", "person_id")
    ):
        seats = members.setdefault(body_id, {})
        seats[person_id] = seats.get(person_id, False) or council
    made = bulk(
        plan,
        "survey rounds",
        Round,
        [
            Round(
                body=body,
                question_set=question_set,
                title=f"Evaluering af {body.name}",
                opened_at=timezone.make_aware(
                    dt.datetime.combine(last_day + dt.timedelta(days=2), dt.time(9))
                ),
                closes_at=timezone.make_aware(
                    dt.datetime.combine(last_day + dt.timedelta(days=23), dt.time(23, 59))
                ),
                published_at=timezone.make_aware(
                    dt.datetime.combine(last_day + dt.timedelta(days=30), dt.time(12))
                ),
                remind_days=3,
            )
            for body, last_day in ended
        ],
    )
    invitations, answers = [], []
    for round_, (body, _day) in zip(made, ended, strict=True):
        for person_id, council in members.get(body.pk, {}).items():
            audience = Audience.POLITICIANS if council else Audience.CITIZENS
            answered = rng.random() < 0.8
            invitations.append(
                Invitation(
                    round=round_,
                    person_id=person_id,
                    audience=audience,
                    key=tokens.new_key(),
                    answered=answered,
                )
            )
            if not answered:
                continue
            for q in questions:
                if not q.is_asked_of(audience) or q.kind == Kind.TEXT:
                    continue
                answers.append(
                    Answer(
                        id=uuid.UUID(int=rng.getrandbits(128), version=4),
                        round=round_,
                        audience=audience,
                        question=q,
                        value=_value(rng, q),
                    )
                )
    bulk(plan, "survey invitations", Invitation, invitations)
    bulk(plan, "survey answers", Answer, answers)
