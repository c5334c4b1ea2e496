"""Regression tests for defects a review found (each named after the rule it protects)."""

import datetime as dt
import json

import pytest
from django.core.files.base import ContentFile

from samskab.core.errors import DomainError
from samskab.organisation.models import Membership
from samskab.taskcommittees import services
from samskab.taskcommittees.lifecycle import State
from samskab.taskcommittees.models import Decision, Delivery, FollowUpItem

from .. import factories as f
from .conftest import seat, terms_data

# Refusals are checked in the source language; the pages' tests check the Danish.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


def to_working(world, task):
    sec = world.secretariat_user
    services.transition(
        sec, task, State.DRAFTING, reference="KB", drafters=[world.mayor, world.councillor]
    )
    services.save_terms(sec, task, terms_data(world), base_version=0)
    services.transition(sec, task, State.DRAFT_AT_JOINT_MEETING)
    services.transition(sec, task, State.APPROVED, reference="KB")
    services.transition(sec, task, State.RECRUITING)
    seat(world, task, world.today)
    services.transition(sec, task, State.APPOINTED, reference="KB")
    return services.transition(sec, task, State.WORKING)


def to_following_up(world, task):
    sec = world.secretariat_user
    task = to_working(world, task)
    rec = services.add_recommendation(sec, task, text="Grønne tage.")
    services.save_delivery(sec, task, summary="Resultat.")
    services.transition(sec, task, State.RESULT_PRESENTED)
    services.transition(sec, task, State.DELIVERED, reference="KB")
    services.decide(sec, rec, decision=Decision.ADOPTED, reference="KB")
    return services.transition(sec, task, State.FOLLOWING_UP)


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


def test_result_presented_is_dated_even_without_a_saved_summary(world, task):
    task = to_working(world, task)
    services.add_recommendation(world.secretariat_user, task, text="En anbefaling.")
    services.transition(world.secretariat_user, task, State.RESULT_PRESENTED)
    assert Delivery.objects.get(task=task).presented_on == world.today


def test_follow_up_is_frozen_once_the_committee_is_closed(world, task):
    task = to_following_up(world, task)
    item = FollowUpItem.objects.get(recommendation__task=task)
    services.update_follow_up(world.secretariat_user, item, status="done", note="Færdig.")
    services.transition(world.secretariat_user, task, State.CLOSED)
    with pytest.raises(DomainError):
        services.update_follow_up(world.secretariat_user, item, status="in_progress", note="x")
    item.refresh_from_db()
    assert item.status == "done"


def test_accountability_record_shows_only_presented_results(client, world, task):
    task = to_working(world, task)
    services.add_recommendation(world.secretariat_user, task, text="Hemmelig endnu.")
    assert "Grønne tage" not in client.get("/opfoelgning/").content.decode()
    services.transition(world.secretariat_user, task, State.RESULT_PRESENTED)
    assert "Grønne tage" in client.get("/opfoelgning/").content.decode()


def test_a_presented_result_stays_public_after_cancelling(client, world, task):
    task = to_working(world, task)
    services.add_recommendation(world.secretariat_user, task, text="Offentlig anbefaling.")
    services.transition(world.secretariat_user, task, State.RESULT_PRESENTED)
    services.transition(world.secretariat_user, task, State.CANCELLED, note="Stoppet.")
    page = client.get(f"/opgaveudvalg/{task.body.slug}/").content.decode()
    assert "Offentlig anbefaling." in page


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


def test_approval_needs_chair_and_vice_chair_among_council_members(world, task):
    sec = world.secretariat_user
    services.transition(
        sec, task, State.DRAFTING, reference="KB", drafters=[world.mayor, world.councillor]
    )
    services.save_terms(sec, task, terms_data(world, council_members=1), base_version=0)
    services.transition(sec, task, State.DRAFT_AT_JOINT_MEETING)
    with pytest.raises(DomainError) as error:
        services.transition(sec, task, State.APPROVED, reference="KB")
    assert "at least two council members" in str(error.value.message)


def test_decision_sends_on_only_to_a_standing_committee(world, task):
    task = to_working(world, task)
    rec = services.add_recommendation(world.secretariat_user, task, text="A.")
    services.save_delivery(world.secretariat_user, task, summary="R.")
    services.transition(world.secretariat_user, task, State.RESULT_PRESENTED)
    services.transition(world.secretariat_user, task, State.DELIVERED, reference="KB")
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


def test_api_refuses_huge_ids_and_keeps_unsent_fields(client, world, task):
    client.force_login(world.secretariat_user)
    url = f"/api/v1/task-committees/{task.body.slug}/"
    response = client.post(
        url + "transitions/",
        json.dumps({"target": "drafting", "reference": "KB", "drafters": [10**25]}),
        content_type="application/json",
    )
    assert response.status_code == 400
    services.save_terms(world.secretariat_user, task, terms_data(world), base_version=0)
    response = client.post(
        url + "terms/",
        json.dumps({"base_version": 1, "purpose": "Kun formålet er nyt."}),
        content_type="application/json",
    )
    assert response.status_code == 201
    data = response.json()
    assert data["purpose"] == "Kun formålet er nyt."
    assert data["assignment"] == terms_data(world)["assignment"]
    assert data["title"] == terms_data(world)["title"]


def test_report_is_always_downloaded_never_shown_as_a_page(client, world, task):
    task = to_working(world, task)
    services.save_delivery(
        world.secretariat_user,
        task,
        summary="R.",
        report=ContentFile(b"%PDF-1.7\n<script>alert(1)</script>", name="r.html"),
    )
    client.force_login(world.mayor_user)
    response = client.get(f"/opgaveudvalg/{task.body.slug}/resultat/rapport/")
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    assert response["X-Content-Type-Options"] == "nosniff"


@pytest.mark.parametrize("size", [2, 20])
def test_delivery_page_runs_bounded_queries(
    client, world, task, django_assert_max_num_queries, size
):
    task = to_working(world, task)
    for i in range(size):
        services.add_recommendation(world.secretariat_user, task, text=f"Anbefaling {i}.")
    services.save_delivery(world.secretariat_user, task, summary="R.")
    services.transition(world.secretariat_user, task, State.RESULT_PRESENTED)
    services.transition(world.secretariat_user, task, State.DELIVERED, reference="KB")
    client.force_login(world.secretariat_user)
    with django_assert_max_num_queries(14):
        assert client.get(f"/opgaveudvalg/{task.body.slug}/resultat/").status_code == 200
