import datetime as dt

import pytest
from auditlog.models import LogEntry

from samskab.core.errors import Conflict, DomainError
from samskab.organisation.models import Membership
from samskab.taskcommittees import services
from samskab.taskcommittees.lifecycle import State
from samskab.taskcommittees.models import (
    Decision,
    Delivery,
    FollowUpItem,
    FollowUpStatus,
    StateChange,
)

from .. import factories as f
from .conftest import seat, terms_data, to_delivered, to_following_up, to_working

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
        "decision record",
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


def refusals(call):
    """Every field's reason from a refused call, as {field: message}."""
    with pytest.raises(DomainError) as error:
        call()
    return {field: str(message) for field, message in error.value.errors.items()}


def test_drafter_who_left_the_council_no_longer_edits(world, task):
    services.transition(
        world.secretariat_user,
        task,
        State.DRAFTING,
        reference="KB",
        drafters=[world.mayor, world.councillor],
    )
    Membership.objects.filter(person=world.mayor, body=world.council).update(
        end_date=world.today - dt.timedelta(days=1)
    )
    with pytest.raises(DomainError) as error:
        services.save_terms(world.mayor_user, task, terms_data(world), base_version=0)
    assert error.value.code == "forbidden"


def test_terms_at_the_joint_meeting_are_refused_with_the_reason(world, task, drafters):
    sec = world.secretariat_user
    services.transition(sec, task, State.DRAFTING, reference="KB", drafters=drafters)
    services.save_terms(sec, task, terms_data(world), base_version=0)
    services.transition(sec, task, State.DRAFT_AT_JOINT_MEETING)
    with pytest.raises(DomainError) as error:
        services.save_terms(world.mayor_user, task, terms_data(world), base_version=1)
    assert error.value.code == "state"
    assert "return it for revision" in str(error.value.message)


def test_result_presented_is_dated_even_without_a_saved_summary(world, task):
    task = to_working(world, task)
    services.add_recommendation(world.secretariat_user, task, text="En anbefaling.")
    services.transition(world.secretariat_user, task, State.RESULT_PRESENTED)
    assert Delivery.objects.get(task=task).presented_on == world.today


def test_result_is_refused_with_a_reason_before_the_committee_works(world, task):
    with pytest.raises(DomainError) as error:
        services.save_delivery(world.secretariat_user, task, summary="For tidligt.")
    assert error.value.code == "state"
    assert "while the committee is working" in str(error.value.message)
    with pytest.raises(DomainError) as error:
        services.save_delivery(world.mayor_user, task, summary="Ikke min.")
    assert error.value.code == "forbidden"


def test_follow_up_is_frozen_once_the_committee_is_closed(world, task):
    task = to_following_up(world, task)
    item = FollowUpItem.objects.get(recommendation__task=task)
    services.update_follow_up(world.secretariat_user, item, status="done", note="Færdig.")
    services.transition(world.secretariat_user, task, State.CLOSED)
    with pytest.raises(DomainError):
        services.update_follow_up(world.secretariat_user, item, status="in_progress", note="x")
    item.refresh_from_db()
    assert item.status == "done"


def test_author_sees_replies_to_their_input(world, task):
    sec = world.secretariat_user
    services.transition(
        sec, task, State.DRAFTING, reference="KB", drafters=[world.councillor, world.mayor]
    )
    services.save_terms(sec, task, terms_data(world), base_version=0)
    other = f.PersonFactory(name="Tredje Medlem", user=f.UserFactory())
    f.MembershipFactory(
        person=other,
        body=world.council,
        is_council_member=True,
        group=world.group_a,
        start_date=world.term.start_date,
    )
    mine = services.add_input(other.user, task, text="Mit input.")
    reply = services.add_input(world.mayor_user, task, text="Tak!", parent=mine)
    assert list(services.visible_inputs(other.user, task)) == [mine, reply]


def test_proposal_cannot_be_dated_in_the_future(world):
    with pytest.raises(DomainError) as error:
        services.propose(
            world.secretariat_user,
            name="X",
            proposers=[world.standing],
            proposed_on=world.today + dt.timedelta(days=1),
        )
    assert error.value.field == "proposed_on"


def test_proposal_is_filed_under_the_first_proposer_named(world):
    finance = f.BodyFactory(kind="finance_committee", name="Økonomiudvalget", slug="oeu")
    task = services.propose(
        world.secretariat_user, name="Fælles", proposers=[world.standing, finance]
    )
    assert task.body.parent == world.standing
    task = services.propose(
        world.secretariat_user, name="Fælles 2", proposers=[finance, world.standing]
    )
    assert task.body.parent == finance


def test_decision_sends_on_only_to_a_standing_committee(world, task):
    task, (rec,) = to_delivered(world, task, "A.")
    with pytest.raises(DomainError) as error:
        services.decide(
            world.secretariat_user,
            rec,
            decision=Decision.REFERRED,
            reason="r",
            referred_to=world.other_task,
            reference="KB",
        )
    assert error.value.field == "referred_to"
    with pytest.raises(DomainError):
        services.decide(
            world.secretariat_user,
            rec,
            decision=Decision.ADOPTED,
            reference="KB",
            decided_on=world.today + dt.timedelta(days=3),
        )


def test_transition_refuses_every_problem_at_once(world, task):
    errors = refusals(
        lambda: services.transition(
            world.secretariat_user,
            task,
            State.DRAFTING,
            date=world.today + dt.timedelta(days=2),
            drafters=[world.mayor],
        )
    )
    assert set(errors) == {"reference", "date"}
    assert "council meeting" in errors["reference"]
    assert "future" in errors["date"]
    # With a sensible date the precondition is checked too, beside the missing meeting.
    errors = refusals(
        lambda: services.transition(
            world.secretariat_user, task, State.DRAFTING, drafters=[world.mayor]
        )
    )
    assert set(errors) == {"reference", "drafters"}
    assert "exactly two" in errors["drafters"]


def test_decision_refuses_every_problem_at_once(world, task):
    task, (rec,) = to_delivered(world, task)
    errors = refusals(
        lambda: services.decide(world.secretariat_user, rec, decision=Decision.REFERRED)
    )
    assert set(errors) == {"reason", "referred_to", "reference"}


@pytest.mark.parametrize("year", [1, 202, 9999])
def test_absurd_years_are_refused_wherever_a_date_is_entered(world, task, drafters, year):
    sec = world.secretariat_user
    absurd = dt.date(year, 2, 24)
    assert set(
        refusals(
            lambda: services.propose(sec, name="X", proposers=[world.standing], proposed_on=absurd)
        )
    ) == {"proposed_on"}
    assert "date" in refusals(
        lambda: services.transition(
            sec, task, State.DRAFTING, reference="KB", drafters=drafters, date=absurd
        )
    )
    services.transition(sec, task, State.DRAFTING, reference="KB", drafters=drafters)
    assert "start_date" in refusals(
        lambda: services.save_terms(sec, task, terms_data(world, start_date=absurd), base_version=0)
    )
    assert "end_date" in refusals(
        lambda: services.save_terms(sec, task, terms_data(world, end_date=absurd), base_version=0)
    )


def test_absurd_years_are_refused_for_decisions_and_due_dates(world, task):
    task, (rec,) = to_delivered(world, task)
    sec = world.secretariat_user
    for absurd in (dt.date(1, 1, 1), dt.date(9999, 1, 1)):
        with pytest.raises(DomainError) as error:
            services.decide(sec, rec, decision=Decision.ADOPTED, reference="KB", decided_on=absurd)
        assert "decided_on" in error.value.errors
    services.decide(sec, rec, decision=Decision.ADOPTED, reference="KB")
    services.transition(sec, task, State.FOLLOWING_UP)
    item = FollowUpItem.objects.get(recommendation=rec)
    assert "due_date" in refusals(
        lambda: services.update_follow_up(sec, item, due_date=dt.date(1, 1, 1))
    )


def test_follow_up_due_date_before_the_decision_is_refused(world, task):
    task = to_following_up(world, task)
    item = FollowUpItem.objects.get(recommendation__task=task)
    decided = item.recommendation.decided_on
    errors = refusals(
        lambda: services.update_follow_up(
            world.secretariat_user, item, due_date=decided - dt.timedelta(days=1)
        )
    )
    assert "before the council's decision" in errors["due_date"]
    services.update_follow_up(world.secretariat_user, item, due_date=decided)
    item.refresh_from_db()
    assert item.due_date == decided


def test_referred_recommendation_is_followed_up_at_the_committee_it_was_sent_to(world, task):
    other = f.BodyFactory(kind="standing_committee", name="Kultur", slug="kultur")
    task, (adopted, referred, rejected) = to_delivered(world, task, "A.", "B.", "C.")
    sec = world.secretariat_user
    services.decide(sec, adopted, decision=Decision.ADOPTED, reference="KB")
    services.decide(
        sec,
        referred,
        decision=Decision.REFERRED,
        reason="Hører under kultur.",
        referred_to=other,
        reference="KB",
    )
    services.decide(sec, rejected, decision=Decision.REJECTED, reason="Nej.", reference="KB")
    services.transition(sec, task, State.FOLLOWING_UP)
    owners = {
        item.recommendation.number: item.owner
        for item in FollowUpItem.objects.filter(recommendation__task=task)
    }
    assert owners == {1: world.standing, 2: other}


def test_committee_cancelled_before_its_planned_start_shows_no_start_after_its_end(world, task):
    sec = world.secretariat_user
    start = world.today + dt.timedelta(days=30)
    services.transition(
        sec, task, State.DRAFTING, reference="KB", drafters=[world.mayor, world.councillor]
    )
    services.save_terms(sec, task, terms_data(world, start_date=start), base_version=0)
    services.transition(sec, task, State.DRAFT_AT_JOINT_MEETING)
    services.transition(sec, task, State.APPROVED, reference="KB")
    task.body.refresh_from_db()
    assert task.body.start_date == start
    services.transition(sec, task, State.CANCELLED, note="Droppet.")
    task.body.refresh_from_db()
    assert task.body.end_date == world.today
    assert task.body.start_date is None


def test_work_started_before_the_planned_start_starts_the_committee(world, task):
    sec = world.secretariat_user
    services.transition(
        sec, task, State.DRAFTING, reference="KB", drafters=[world.mayor, world.councillor]
    )
    services.save_terms(
        sec, task, terms_data(world, start_date=world.today + dt.timedelta(days=30)), base_version=0
    )
    services.transition(sec, task, State.DRAFT_AT_JOINT_MEETING)
    services.transition(sec, task, State.APPROVED, reference="KB")
    services.transition(sec, task, State.RECRUITING)
    seat(world, task, world.today)
    services.transition(sec, task, State.APPOINTED, reference="KB")
    services.transition(sec, task, State.WORKING)
    services.add_recommendation(sec, task, text="Tidligt færdige.")
    services.save_delivery(sec, task, summary="R.")
    services.transition(sec, task, State.RESULT_PRESENTED)
    services.transition(sec, task, State.DELIVERED, reference="KB")
    task.body.refresh_from_db()
    assert task.body.start_date == world.today
    assert task.body.end_date == world.today


@pytest.mark.parametrize(("members", "accepted"), [(55, True), (56, False)])
def test_terms_allow_as_many_council_members_as_the_largest_council(world, task, members, accepted):
    data = terms_data(world, council_members=members, citizens=0)
    if accepted:
        assert services.save_terms(world.secretariat_user, task, data, base_version=0)
    else:
        errors = refusals(
            lambda: services.save_terms(world.secretariat_user, task, data, base_version=0)
        )
        assert errors == {"council_members": "No council has more than 55 members."}
