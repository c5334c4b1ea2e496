import pytest

from samskab.taskcommittees import services
from samskab.taskcommittees.lifecycle import State

from .conftest import terms_data, to_working

pytestmark = pytest.mark.django_db


def test_only_the_secretariat_may_propose(world):
    assert world.secretariat_user.has_perm("taskcommittees.propose")
    assert not world.mayor_user.has_perm("taskcommittees.propose")
    assert not world.plain_user.has_perm("taskcommittees.propose")


def test_a_superuser_secretariat_is_no_exception_to_when(world, task, drafters):
    sec = world.secretariat_user
    assert sec.is_superuser
    assert sec.has_perm("taskcommittees.edit_terms", task)
    task = services.transition(sec, task, State.DRAFTING, reference="KB", drafters=drafters)
    services.save_terms(sec, task, terms_data(world), base_version=0)
    task = services.transition(sec, task, State.DRAFT_AT_JOINT_MEETING)
    assert not sec.has_perm("taskcommittees.edit_terms", task)
    # Django's own model permissions are still the superuser's.
    assert sec.has_perm("taskcommittees.change_termsversion")


def test_a_drafter_edits_terms_only_while_they_are_editable(world, task, drafters):
    assert not world.mayor_user.has_perm("taskcommittees.edit_terms", task)
    task = services.transition(
        world.secretariat_user, task, State.DRAFTING, reference="KB", drafters=drafters
    )
    assert world.mayor_user.has_perm("taskcommittees.edit_terms", task)
    assert not world.citizen_user.has_perm("taskcommittees.edit_terms", task)


def test_input_is_open_to_council_members_while_the_terms_are_a_draft(world, task, drafters):
    assert not world.mayor_user.has_perm("taskcommittees.give_input", task)
    task = services.transition(
        world.secretariat_user, task, State.DRAFTING, reference="KB", drafters=drafters
    )
    assert world.mayor_user.has_perm("taskcommittees.give_input", task)
    assert not world.secretariat_user.has_perm("taskcommittees.give_input", task)


def test_result_page_is_offered_while_the_committee_works_or_the_council_decides(world, task):
    sec = world.secretariat_user
    assert not sec.has_perm("taskcommittees.open_result", task)
    task = to_working(world, task)
    assert sec.has_perm("taskcommittees.open_result", task)
    assert sec.has_perm("taskcommittees.edit_result", task)
    assert not sec.has_perm("taskcommittees.decide", task)
    assert not world.mayor_user.has_perm("taskcommittees.open_result", task)


def test_the_result_is_public_once_presented(world, task):
    task = to_working(world, task)
    assert not world.plain_user.has_perm("taskcommittees.view_result", task)
    assert world.mayor_user.has_perm("taskcommittees.view_result", task)
    services.add_recommendation(world.secretariat_user, task, text="A.")
    task = services.transition(world.secretariat_user, task, State.RESULT_PRESENTED)
    assert world.plain_user.has_perm("taskcommittees.view_result", task)
    task = services.transition(world.secretariat_user, task, State.CANCELLED, note="Stoppet.")
    assert world.plain_user.has_perm("taskcommittees.view_result", task)


def test_no_step_is_offered_once_the_committee_is_cancelled(world, task):
    sec = world.secretariat_user
    assert sec.has_perm("taskcommittees.register_step", task)
    task = services.transition(sec, task, State.CANCELLED, note="Droppet.")
    assert not sec.has_perm("taskcommittees.register_step", task)
