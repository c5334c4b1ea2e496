import datetime as dt
import inspect

import pytest

from samskab.core.errors import DomainError
from samskab.taskcommittees import lifecycle, services
from samskab.taskcommittees.lifecycle import State, Transition
from samskab.taskcommittees.models import Delivery, TaskCommittee

from .. import factories as f
from .conftest import terms_data

pytestmark = pytest.mark.usefixtures("english")


def test_every_transitions_check_exists_and_is_callable():
    for step in lifecycle.TRANSITIONS:
        if step.check is None:
            continue
        assert callable(step.check), step
        # The table holds this module's own function, taking the committee and the step.
        assert getattr(lifecycle, step.check.__name__) is step.check
        assert list(inspect.signature(step.check).parameters) == ["task", "step"]


def test_a_check_that_is_not_a_function_fails_loudly():
    with pytest.raises(TypeError):
        Transition(State.PROPOSED, State.DRAFTING, "x", check="two_council_members_draft")


def test_every_state_is_in_exactly_one_stage():
    stages = [lifecycle.PREPARING, lifecycle.RUNNING, lifecycle.DELIVERED, {State.CANCELLED}]
    assert sorted(s for stage in stages for s in stage) == sorted(State)
    assert [*lifecycle.PATH, State.CANCELLED] == lifecycle.ALL


def test_completed_committees_are_delivered_and_decided():
    assert {State.FOLLOWING_UP, State.CLOSED} == lifecycle.COMPLETED
    assert lifecycle.COMPLETED < lifecycle.DELIVERED
    assert lifecycle.AWAITING_DECISIONS <= lifecycle.DELIVERED - lifecycle.COMPLETED


def test_every_state_before_delivery_can_be_cancelled_and_no_later_one():
    cancellable = {t.source for t in lifecycle.TRANSITIONS if t.target == State.CANCELLED}
    assert cancellable == lifecycle.BEFORE_DELIVERY


def test_steps_offered_go_forward_first_then_back_then_cancel():
    steps = lifecycle.allowed_from(State.DRAFT_AT_JOINT_MEETING)
    assert [s.target for s in steps] == [State.APPROVED, State.DRAFTING, State.CANCELLED]
    assert lifecycle.allowed_from(State.CLOSED) == []


@pytest.mark.django_db
def test_result_is_public_gives_one_answer_for_one_committee_and_for_a_list(world):
    tasks = {}
    for state in State:
        body = f.BodyFactory(name=f"Udvalg {state}", slug=f"u-{state}".replace("_", "-"))
        tasks[state] = TaskCommittee.objects.create(body=body, state=state)
    presented = TaskCommittee.objects.create(
        body=f.BodyFactory(slug="aflyst-efter"), state=State.CANCELLED
    )
    Delivery.objects.create(task=presented, presented_on=world.today)
    listed = set(TaskCommittee.objects.filter(lifecycle.result_public_q()))
    for task in [*tasks.values(), presented]:
        assert lifecycle.result_is_public(task) == (task in listed), task.state
    assert lifecycle.result_is_public(presented)
    assert not lifecycle.result_is_public(tasks[State.CANCELLED])
    assert not lifecycle.result_is_public(tasks[State.WORKING])
    assert lifecycle.result_is_public(tasks[State.RESULT_PRESENTED])


@pytest.mark.django_db
def test_approval_needs_chair_and_vice_chair_among_council_members(world, task):
    sec = world.secretariat_user
    task = services.transition(
        sec, task, State.DRAFTING, reference="KB", drafters=[world.mayor, world.councillor]
    )
    services.save_terms(sec, task, terms_data(world, council_members=1), base_version=0)
    task = services.transition(sec, task, State.DRAFT_AT_JOINT_MEETING)
    with pytest.raises(DomainError) as error:
        services.transition(sec, task, State.APPROVED, reference="KB")
    assert "at least two council members" in str(error.value.message)


@pytest.mark.django_db
def test_drafters_must_sit_in_the_council_on_the_day_they_are_appointed(world, task):
    step = lifecycle.StepInput(on=world.today, drafters=[world.mayor, world.citizen])
    assert "council members" in lifecycle.two_council_members_draft(task, step)
    before_the_term = world.term.start_date - dt.timedelta(days=1)
    step = lifecycle.StepInput(on=before_the_term, drafters=[world.mayor, world.councillor])
    assert "council members" in lifecycle.two_council_members_draft(task, step)
    step = lifecycle.StepInput(on=world.today, drafters=[world.mayor, world.councillor])
    assert lifecycle.two_council_members_draft(task, step) is None


@pytest.mark.django_db
def test_terms_frozen_reason_names_the_stage(world, task, drafters):
    sec = world.secretariat_user
    assert lifecycle.terms_frozen_reason(task) is None
    task = services.transition(sec, task, State.DRAFTING, reference="KB", drafters=drafters)
    services.save_terms(sec, task, terms_data(world), base_version=0)
    task = services.transition(sec, task, State.DRAFT_AT_JOINT_MEETING)
    assert "return it for revision" in lifecycle.terms_frozen_reason(task)
    task = services.transition(sec, task, State.APPROVED, reference="KB")
    assert "approved as version 1" in lifecycle.terms_frozen_reason(task)
