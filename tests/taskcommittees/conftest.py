import datetime as dt

import pytest
from django.utils import translation

from samskab.taskcommittees import services
from samskab.taskcommittees.lifecycle import State
from samskab.taskcommittees.models import Decision


def terms_data(world, **overrides):
    data = {
        "title": "Kommissorium for Grønne tage",
        "background": "Baggrund.",
        "purpose": "Formål.",
        "assignment": "Udvalget skal udvikle en politik for grønne tage.",
        "deliverables": "En rapport med anbefalinger.",
        "start_date": world.today,
        "end_date": world.today + dt.timedelta(days=300),
        "expected_meetings": 6,
        "council_members": 2,
        "citizens": 3,
        "competences": "Arkitekter\nGrundejere",
        "receiving_committee": world.standing,
        "budget_ore": 12345600,
    }
    data.update(overrides)
    return data


@pytest.fixture
def task(world):
    return services.propose(
        world.secretariat_user,
        name="Grønne tage",
        proposers=[world.standing],
        rationale="Klimaet kalder.",
        proposed_on=world.today - dt.timedelta(days=60),
    )


@pytest.fixture
def drafters(world):
    """Two council members (the world has the mayor and one more)."""
    return [world.mayor, world.councillor]


def seat(world, task, on):
    """A completed appointment (decision record) on ``on``, as the appointment meeting makes
    it: the step "appointed" requires one."""
    from tests.appointment.helpers import appoint_without_pool

    return appoint_without_pool(world, task, on)


@pytest.fixture
def english():
    with translation.override("en"):
        yield


def to_working(world, task):
    """Walk ``task`` through the service to WORKING, with today's dates."""
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


def to_delivered(world, task, *texts):
    """On to DELIVERED with the given recommendations (one if none is given)."""
    sec = world.secretariat_user
    task = to_working(world, task)
    recs = [services.add_recommendation(sec, task, text=t) for t in texts or ("Grønne tage.",)]
    services.save_delivery(sec, task, summary="Resultat.")
    services.transition(sec, task, State.RESULT_PRESENTED)
    services.transition(sec, task, State.DELIVERED, reference="KB")
    return task, recs


def to_following_up(world, task):
    sec = world.secretariat_user
    task, (rec,) = to_delivered(world, task)
    services.decide(sec, rec, decision=Decision.ADOPTED, reference="KB")
    return services.transition(sec, task, State.FOLLOWING_UP)
