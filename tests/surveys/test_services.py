import datetime as dt

import pytest
from django.core import mail
from django.utils import timezone, translation

from samskab.core.errors import DomainError
from samskab.organisation.models import Body, BodyKind
from samskab.surveys import services, tokens
from samskab.surveys.models import Answer, AutomaticRound, Kind, Question
from samskab.taskcommittees import services as task_services
from samskab.taskcommittees.lifecycle import State
from samskab.taskcommittees.models import Delivery, TaskCommittee

from .conftest import CITIZENS, POLITICIANS

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def in_english():
    # The refusals are read in English here; Danish is the default.
    with translation.override("en"):
        yield


def test_open_round_asks_council_members_as_politicians_and_the_rest_as_citizens(survey):
    round_ = survey.open()
    asked = {i.person: i.audience for i in round_.invitations.select_related("person")}
    assert asked == {
        **dict.fromkeys(survey.politicians, POLITICIANS),
        **dict.fromkeys(survey.citizens, CITIZENS),
    }
    # The secretary and the invited expert are not members; each member got their link.
    assert sorted(m.to[0] for m in mail.outbox) == sorted(
        p.email for p in survey.politicians + survey.citizens
    )


def test_open_round_refuses_a_committee_without_members(survey):
    empty = Body.objects.create(kind=BodyKind.TASK_COMMITTEE, name="Tomt", slug="tomt")
    with pytest.raises(DomainError) as refused:
        services.open_round(
            survey.actor,
            empty,
            survey.set,
            closes_at=timezone.now() + dt.timedelta(days=7),
        )
    assert refused.value.field == "body"
    assert "no members" in str(refused.value.message)


def test_open_round_refuses_a_closing_date_in_the_past(survey):
    with pytest.raises(DomainError) as refused:
        survey.open(days=-1)
    assert refused.value.field == "closes_on"


def test_open_round_refuses_a_reminder_before_it_opens(survey):
    with pytest.raises(DomainError) as refused:
        survey.open(days=2, remind_days=3)
    assert refused.value.field == "remind_days"


def test_open_round_is_the_secretariats(survey, world):
    with pytest.raises(DomainError) as refused:
        services.open_round(
            world.mayor_user,
            survey.body,
            survey.set,
            closes_at=timezone.now() + dt.timedelta(days=7),
        )
    assert refused.value.code == "forbidden"


def test_submit_stores_answers_with_the_group_and_no_person(survey):
    round_ = survey.open()
    invitation = survey.invitations(round_, CITIZENS)[0]
    services.submit(
        tokens.make(invitation),
        {
            survey.solutions.pk: "5",
            survey.heard.pk: "1",
            survey.forms.pk: ["0", "2"],
            survey.better.pk: "  Mere kaffe.  ",
        },
    )
    invitation.refresh_from_db()
    assert invitation.answered is True
    stored = {
        a.question_id: (a.audience, a.value, a.text) for a in Answer.objects.filter(round=round_)
    }
    assert stored == {
        survey.solutions.pk: (CITIZENS, 5, ""),
        survey.heard.pk: (CITIZENS, 1, ""),
        survey.forms.pk: (CITIZENS, 0b101, ""),
        survey.better.pk: (CITIZENS, None, "Mere kaffe."),
    }


def test_link_works_once(survey):
    round_ = survey.open()
    token = tokens.make(survey.invitations(round_, CITIZENS)[0])
    services.submit(token, {survey.solutions.pk: "4"})
    with pytest.raises(services.BadLink) as used:
        services.submit(token, {survey.solutions.pk: "1"})
    assert used.value.status == 410
    assert "has been used" in str(used.value.message)
    assert Answer.objects.filter(round=round_).count() == 1


def test_link_forged_or_altered_is_refused(survey):
    round_ = survey.open()
    token = tokens.make(survey.invitations(round_, CITIZENS)[0])
    key, _sep, signature = token.partition(":")

    def other(text):
        # The last character replaced by one it is not (a fixed "A" would leave a token that
        # happens to end in "A" unchanged: a test that fails by chance).
        return text[:-1] + ("B" if text[-1] == "A" else "A")

    for bad in ("", "nonsense", f"{key}:{other(signature)}", f"{other(key)}:{signature}"):
        with pytest.raises(services.BadLink) as refused:
            services.invitation_for(bad)
        assert refused.value.status == 400
        assert "not valid" in str(refused.value.message)


def test_link_after_the_round_closed_is_refused(survey):
    round_ = survey.open(days=3, remind_days=0)
    token = tokens.make(survey.invitations(round_, CITIZENS)[0])
    later = timezone.now() + dt.timedelta(days=4)
    with pytest.raises(services.BadLink) as closed:
        services.submit(token, {survey.solutions.pk: "4"}, now=later)
    assert closed.value.status == 410
    assert "closed" in str(closed.value.message)
    assert not Answer.objects.exists()


def test_link_after_the_round_was_closed_early_is_refused(survey):
    round_ = survey.open()
    token = tokens.make(survey.invitations(round_, CITIZENS)[0])
    services.close_round(survey.actor, round_)
    with pytest.raises(services.BadLink):
        services.submit(token, {survey.solutions.pk: "4"})


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("solutions", "7"),
        ("solutions", "x"),
        ("heard", "3"),
        ("forms", ["0", "9"]),
        ("scale", "11"),
    ],
)
def test_submit_refuses_an_answer_that_was_not_offered(survey, field, value):
    round_ = survey.open()
    token = tokens.make(survey.invitations(round_, CITIZENS)[0])
    question = getattr(survey, field)
    with pytest.raises(DomainError) as refused:
        services.submit(token, {question.pk: value})
    assert refused.value.field == f"q{question.pk}"
    # Refused answers do not use up the link.
    services.submit(token, {survey.solutions.pk: "3"})


def test_submit_refuses_nothing_answered(survey):
    round_ = survey.open()
    token = tokens.make(survey.invitations(round_, CITIZENS)[0])
    with pytest.raises(DomainError):
        services.submit(token, {survey.solutions.pk: ""})
    assert survey.invitations(round_, CITIZENS)[0].answered is False


def test_submit_ignores_questions_asked_of_the_other_group(survey):
    round_ = survey.open()
    token = tokens.make(survey.invitations(round_, POLITICIANS)[0])
    services.submit(token, {survey.solutions.pk: "5", survey.hard.pk: "1"})
    assert list(Answer.objects.values_list("question_id", flat=True)) == [survey.solutions.pk]


def test_reminders_go_once_when_due_to_those_who_have_not_answered(survey):
    now = timezone.now()
    round_ = survey.open(days=10, remind_days=3, now=now)
    survey.answer(round_, CITIZENS, 2, {survey.solutions: "5"})
    mail.outbox.clear()
    assert services.send_reminders(round_, now=now + dt.timedelta(days=6)) == 0
    due = now + dt.timedelta(days=7, minutes=1)
    assert services.send_reminders(round_, now=due) == 9
    assert len(mail.outbox) == 9
    answered = {i.person.email for i in round_.invitations.filter(answered=True)}
    assert answered.isdisjoint(m.to[0] for m in mail.outbox)
    assert services.send_reminders(round_, now=due + dt.timedelta(hours=1)) == 0


def test_question_set_is_frozen_once_a_round_used_it(survey):
    survey.open()
    with pytest.raises(DomainError) as frozen:
        services.add_question(survey.actor, survey.set, key="ny", text="Ny?", kind=Kind.TEXT)
    assert frozen.value.code == "frozen"
    with pytest.raises(DomainError):
        services.update_question(survey.actor, survey.solutions, text="Omformuleret.")


def test_new_version_copies_the_questions_and_can_be_changed(survey):
    survey.open()
    copy = services.new_version(survey.actor, survey.set)
    assert (copy.family, copy.version) == ("standard", 2)
    assert [q.key for q in copy.questions.all()] == [q.key for q in survey.set.questions.all()]
    question = copy.questions.get(key="loesninger")
    services.update_question(survey.actor, question, text="Udvalget fandt brugbare løsninger.")
    assert Question.objects.get(pk=survey.solutions.pk).text == "Udvalget fandt gode løsninger."


def test_add_question_refuses_choices_without_options(survey):
    with pytest.raises(DomainError) as refused:
        services.add_question(survey.actor, survey.set, key="valg", text="Valg?", kind=Kind.SINGLE)
    assert refused.value.field == "options"


def _delivered_ready(world, body):
    task = TaskCommittee.objects.create(body=body, state=State.RESULT_PRESENTED)
    Delivery.objects.create(task=task, summary="Resultatet.")
    return task


def test_automatic_round_opens_when_a_committee_reaches_the_step(survey, world):
    services.set_automatic(survey.actor, state=State.DELIVERED, question_set=survey.set)
    task = _delivered_ready(world, survey.body)
    mail.outbox.clear()
    task_services.transition(survey.actor, task, State.DELIVERED, reference="KB 1.3.2026, pkt. 4")
    [round_] = survey.body.survey_rounds.all()
    assert round_.invitations.count() == 11
    assert round_.question_set == survey.set
    # The council also hears at once that decisions are due (follows.notification).
    from samskab.follows.models import Notification

    at_once = set(
        Notification.objects.filter(emailed_at__isnull=False).values_list("title", flat=True)
    )
    assert len([m for m in mail.outbox if m.subject not in at_once]) == 11


def test_automatic_round_without_members_never_blocks_the_step(survey, world):
    services.set_automatic(survey.actor, state=State.DELIVERED, question_set=survey.set)
    body = Body.objects.create(kind=BodyKind.TASK_COMMITTEE, name="Uden medlemmer", slug="uden")
    task = _delivered_ready(world, body)
    task_services.transition(survey.actor, task, State.DELIVERED, reference="KB 1.3.2026, pkt. 4")
    task.refresh_from_db()
    assert task.state == State.DELIVERED
    assert not body.survey_rounds.exists()


def test_automatic_round_inactive_opens_nothing(survey, world):
    services.set_automatic(
        survey.actor, state=State.DELIVERED, question_set=survey.set, active=False
    )
    task = _delivered_ready(world, survey.body)
    task_services.transition(survey.actor, task, State.DELIVERED, reference="KB 1.3.2026, pkt. 4")
    assert not survey.body.survey_rounds.exists()
    assert AutomaticRound.objects.count() == 1


def test_moderate_text_waits_for_the_round_to_close(survey):
    round_ = survey.open()
    survey.answer(round_, CITIZENS, 1, {survey.better: "Mette var god."})
    answer = Answer.objects.get(question=survey.better)
    with pytest.raises(DomainError) as refused:
        services.moderate_text(survey.actor, answer, text="X var god.", published=True)
    assert refused.value.code == "state"
    services.close_round(survey.actor, round_)
    answer.round.refresh_from_db()
    services.moderate_text(survey.actor, answer, text="X var god.", published=True)
    answer.refresh_from_db()
    assert (answer.text, answer.published_text, answer.is_published) == (
        "Mette var god.",
        "X var god.",
        True,
    )
