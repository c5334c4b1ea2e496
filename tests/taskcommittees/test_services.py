import datetime as dt

import pytest
from auditlog.models import LogEntry

from samskab.core.errors import Conflict, DomainError
from samskab.taskcommittees import services
from samskab.taskcommittees.lifecycle import State
from samskab.taskcommittees.models import Decision, FollowUpItem, FollowUpStatus, StateChange

from .conftest import seat, terms_data

# Refusals are checked in the source language; the pages' tests check the Danish.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


def refused(call, text):
    with pytest.raises(DomainError) as error:
        call()
    assert text in str(error.value.message)


def test_task_committee_walks_every_state_with_refusals(world, task, drafters):
    sec = world.secretariat_user
    d0 = world.today - dt.timedelta(days=50)

    def step(target, **kw):
        return services.transition(sec, task, target, **kw)

    # proposed → drafting: two council members, at a council meeting.
    refused(lambda: step(State.DRAFTING, date=d0, drafters=drafters), "council meeting")
    refused(
        lambda: step(State.DRAFTING, date=d0, reference="KB 1", drafters=[world.mayor]),
        "exactly two",
    )
    refused(
        lambda: step(
            State.DRAFTING, date=d0, reference="KB 1", drafters=[world.mayor, world.citizen]
        ),
        "council members",
    )
    refused(lambda: step(State.APPROVED, date=d0, reference="KB 1"), "cannot go from")
    step(State.DRAFTING, date=d0, reference="KB 1", drafters=drafters)
    task.refresh_from_db()
    assert task.state == State.DRAFTING
    assert set(task.drafters.all()) == set(drafters)

    # drafting → joint meeting needs a draft.
    refused(lambda: step(State.DRAFT_AT_JOINT_MEETING, date=d0), "no draft")
    services.save_terms(
        world.mayor_user, task, terms_data(world, receiving_committee=None), base_version=0
    )
    step(State.DRAFT_AT_JOINT_MEETING, date=d0 + dt.timedelta(days=1))

    # Approval needs a receiving committee; then the version is frozen.
    refused(
        lambda: step(State.APPROVED, date=d0 + dt.timedelta(days=2), reference="KB 2"),
        "Cannot approve: the terms of reference name no receiving standing committee.",
    )
    # The draft discussed at the joint meeting is the one approved: revising it goes back.
    refused(
        lambda: services.save_terms(sec, task, terms_data(world), base_version=1),
        "return it for revision",
    )
    refused(
        lambda: step(State.DRAFTING, date=d0 + dt.timedelta(days=2), drafters=[world.mayor]),
        "Drafters are appointed when the drafting starts",
    )
    step(State.DRAFTING, date=d0 + dt.timedelta(days=2))
    assert set(task.drafters.all()) == set(drafters)
    services.save_terms(sec, task, terms_data(world), base_version=1)
    step(State.DRAFT_AT_JOINT_MEETING, date=d0 + dt.timedelta(days=2))
    refused(
        lambda: step(State.APPROVED, date=d0 - dt.timedelta(days=5), reference="KB 2"),
        "before the previous step",
    )
    step(State.APPROVED, date=d0 + dt.timedelta(days=2), reference="KB 2")
    task.refresh_from_db()
    assert task.approved_version.number == 2
    assert task.body.parent == world.standing
    refused(lambda: services.save_terms(sec, task, terms_data(world), base_version=2), "frozen")

    step(State.RECRUITING, date=d0 + dt.timedelta(days=3))
    refused(
        lambda: step(State.APPOINTED, date=d0 + dt.timedelta(days=4), reference="KB 3"),
        "no members",
    )
    seat(world, task, d0 + dt.timedelta(days=4))
    step(State.APPOINTED, date=d0 + dt.timedelta(days=4), reference="KB 3")
    step(State.WORKING, date=d0 + dt.timedelta(days=5))

    refused(
        lambda: step(State.RESULT_PRESENTED, date=d0 + dt.timedelta(days=6)), "no recommendations"
    )
    r1 = services.add_recommendation(sec, task, text="Grønne tage på alle skoler.")
    r2 = services.add_recommendation(sec, task, text="En pulje til private tage.")
    assert (r1.number, r2.number) == (1, 2)
    step(State.RESULT_PRESENTED, date=d0 + dt.timedelta(days=6))
    refused(
        lambda: step(State.DELIVERED, date=d0 + dt.timedelta(days=7), reference="KB 4"),
        "no summary",
    )
    services.save_delivery(sec, task, summary="Udvalget anbefaler grønne tage.")
    step(State.DELIVERED, date=d0 + dt.timedelta(days=7), reference="KB 4")
    task.refresh_from_db()
    assert task.body.memberships.current(world.today).count() == 0  # their work has ended
    refused(lambda: step(State.CANCELLED, note="for sent"), "cannot go from")

    refused(lambda: step(State.FOLLOWING_UP, date=d0 + dt.timedelta(days=8)), "every")
    refused(
        lambda: services.decide(sec, r1, decision=Decision.ADOPTED, reference=""), "council meeting"
    )
    refused(
        lambda: services.decide(sec, r2, decision=Decision.REJECTED, reference="KB 5"), "reason"
    )
    services.decide(
        sec, r1, decision=Decision.ADOPTED, reference="KB 5", decided_on=d0 + dt.timedelta(days=8)
    )
    refused(
        lambda: services.decide(sec, r1, decision=Decision.REJECTED, reason="x", reference="KB 5"),
        "already decided",
    )
    services.decide(
        sec,
        r2,
        decision=Decision.REJECTED,
        reason="For dyrt.",
        reference="KB 5",
        decided_on=d0 + dt.timedelta(days=8),
    )
    step(State.FOLLOWING_UP, date=d0 + dt.timedelta(days=9))
    items = list(FollowUpItem.objects.filter(recommendation__task=task))
    assert [i.recommendation.number for i in items] == [1]
    assert items[0].owner == world.standing
    assert items[0].due_date == d0 + dt.timedelta(days=8 + 365)

    refused(lambda: step(State.CLOSED, date=d0 + dt.timedelta(days=10)), "neither done")
    services.update_follow_up(sec, items[0], status=FollowUpStatus.DONE, note="Anlagt.")
    step(State.CLOSED, date=d0 + dt.timedelta(days=10))
    task.refresh_from_db()
    assert task.state == State.CLOSED
    assert [c.target for c in StateChange.objects.filter(task=task)] == [
        State.PROPOSED,
        State.DRAFTING,
        State.DRAFT_AT_JOINT_MEETING,
        State.DRAFTING,
        State.DRAFT_AT_JOINT_MEETING,
        State.APPROVED,
        State.RECRUITING,
        State.APPOINTED,
        State.WORKING,
        State.RESULT_PRESENTED,
        State.DELIVERED,
        State.FOLLOWING_UP,
        State.CLOSED,
    ]
    transitions = LogEntry.objects.get_for_object(task).filter(additional_data__action="transition")
    assert transitions.count() == 12
    assert transitions.first().actor == sec


def test_refused_transition_leaves_state_unchanged(world, task):
    with pytest.raises(DomainError):
        services.transition(world.secretariat_user, task, State.WORKING)
    task.refresh_from_db()
    assert task.state == State.PROPOSED
    assert task.state_changes.count() == 1


def test_only_the_secretariat_moves_a_committee(world, task, drafters):
    for user in (world.mayor_user, world.citizen_user, world.plain_user):
        with pytest.raises(DomainError) as error:
            services.transition(user, task, State.DRAFTING, reference="KB", drafters=drafters)
        assert error.value.code == "forbidden"


def test_cancel_needs_a_reason(world, task):
    with pytest.raises(DomainError):
        services.transition(world.secretariat_user, task, State.CANCELLED)
    services.transition(world.secretariat_user, task, State.CANCELLED, note="Droppet.")
    task.refresh_from_db()
    assert task.state == State.CANCELLED


def test_stale_state_is_refused(world, task, drafters):
    services.transition(
        world.secretariat_user, task, State.DRAFTING, reference="KB", drafters=drafters
    )
    with pytest.raises(Conflict):
        services.transition(
            world.secretariat_user, task, State.CANCELLED, note="x", expected_state=State.PROPOSED
        )
    task.refresh_from_db()
    assert task.state == State.DRAFTING


def test_second_editor_of_a_draft_gets_a_conflict_and_nothing_is_overwritten(world, task):
    services.save_terms(world.secretariat_user, task, terms_data(world), base_version=0)
    # Both start from version 1; the first saves, the second is told.
    services.save_terms(
        world.secretariat_user,
        task,
        terms_data(world, purpose="Første redaktørs formål."),
        base_version=1,
    )
    with pytest.raises(Conflict) as error:
        services.save_terms(
            world.secretariat_user,
            task,
            terms_data(world, purpose="Anden redaktørs formål."),
            base_version=1,
        )
    assert error.value.current.number == 2
    assert error.value.current.purpose == "Første redaktørs formål."
    assert list(task.versions.values_list("number", "purpose")) == [
        (1, "Formål."),
        (2, "Første redaktørs formål."),
    ]


def test_terms_validation_refuses_end_before_start(world, task):
    with pytest.raises(DomainError) as error:
        services.save_terms(
            world.secretariat_user,
            task,
            terms_data(world, end_date=world.today - dt.timedelta(days=1)),
            base_version=0,
        )
    assert error.value.field == "end_date"


def test_only_drafters_and_secretariat_edit_terms(world, task, drafters):
    with pytest.raises(DomainError):
        services.save_terms(world.mayor_user, task, terms_data(world), base_version=0)
    services.transition(
        world.secretariat_user, task, State.DRAFTING, reference="KB", drafters=drafters
    )
    assert services.save_terms(world.mayor_user, task, terms_data(world), base_version=0)
    with pytest.raises(DomainError):
        services.save_terms(world.citizen_user, task, terms_data(world), base_version=1)


def test_input_is_for_council_members_and_seen_by_drafters(world, task):
    sec = world.secretariat_user
    services.transition(
        sec, task, State.DRAFTING, reference="KB", drafters=[world.mayor, world.councillor]
    )
    services.save_terms(sec, task, terms_data(world), base_version=0)
    with pytest.raises(DomainError):
        services.add_input(world.citizen_user, task, text="Borger-input")
    # A council member who is not a drafter: sees only their own input.
    outsider = world.councillor.user
    assert outsider is None
    entry = services.add_input(world.mayor_user, task, text="Husk skolerne.")
    assert entry.version.number == 1
    reply = services.add_input(world.mayor_user, task, text="Og børnehaverne.", parent=entry)
    assert reply.parent == entry
    assert list(services.visible_inputs(sec, task)) == [entry, reply]
    assert list(services.visible_inputs(world.citizen_user, task)) == []
    with pytest.raises(DomainError):
        services.add_input(world.mayor_user, task, text="   ")


def test_propose_needs_a_standing_committee(world):
    with pytest.raises(DomainError) as error:
        services.propose(world.secretariat_user, name="X", proposers=[world.task])
    assert error.value.field == "proposers"
    with pytest.raises(DomainError):
        services.propose(world.secretariat_user, name="X", proposers=[])
    task = services.propose(world.secretariat_user, name="Grøn by", proposers=[world.standing])
    assert task.body.slug == "groen-by"
    again = services.propose(world.secretariat_user, name="Grøn by", proposers=[world.standing])
    assert again.body.slug == "groen-by-2"
