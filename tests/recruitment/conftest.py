import datetime as dt

import pytest
from django.core import mail
from django.core.cache import cache
from django.utils import timezone

from samskab.recruitment import services
from samskab.taskcommittees import services as task_services
from samskab.taskcommittees.lifecycle import State

COMPETENCES = ["Unge under 30 år", "Erfaring fra foreningslivet", "Viden om klimatilpasning"]


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    cache.clear()
    yield
    cache.clear()


def approved_task(world, name="Grønne tage"):
    """A task committee whose terms of reference the council has approved."""
    today = timezone.localdate()
    task = task_services.propose(
        world.secretariat_user,
        name=name,
        proposers=[world.standing],
        proposed_on=today - dt.timedelta(days=60),
    )
    actor = world.secretariat_user
    task_services.transition(
        actor,
        task,
        State.DRAFTING,
        date=today - dt.timedelta(days=50),
        reference="KB 1",
        drafters=[world.mayor, world.councillor],
    )
    task_services.save_terms(
        actor,
        task,
        {
            "title": f"Kommissorium for {name}",
            "assignment": "Udvalget skal udvikle en politik for grønne tage.",
            "purpose": "Flere grønne tage.",
            "deliverables": "En rapport.",
            "start_date": today + dt.timedelta(days=60),
            "end_date": today + dt.timedelta(days=400),
            "expected_meetings": 6,
            "council_members": 5,
            "citizens": 10,
            "competences": "\n".join(COMPETENCES),
            "receiving_committee": world.standing,
        },
        base_version=0,
    )
    task_services.transition(
        actor, task, State.DRAFT_AT_JOINT_MEETING, date=today - dt.timedelta(days=40)
    )
    task_services.transition(
        actor, task, State.APPROVED, date=today - dt.timedelta(days=30), reference="KB 2"
    )
    task.refresh_from_db()
    # The council heard at once that the draft terms were open for their input
    # (follows.notification): recruitment's tests count only recruitment's own emails.
    if hasattr(mail, "outbox"):
        mail.outbox.clear()
    return task


def application_data(districts=None, **overrides):
    data = {
        "name": "Karen Jensen",
        "email": "karen@example.org",
        "phone": "+45 20 30 40 50",
        "birth_year": 1990,
        "gender": "woman",
        "district": districts["Hellerup"] if districts else None,
        "background": "public",
        "occupation": "Landskabsarkitekt",
        "competences": [COMPETENCES[2]],
        "motivation": "Jeg vil gerne bidrage med viden om regnvand.",
        "heard_via": "local_paper",
        "future_calls": False,
    }
    data.update(overrides)
    return data


def applied(call, districts=None, confirmed=True, **overrides):
    """An application made through the service (and confirmed, as by the emailed link)."""
    application = services.apply(call, application_data(districts, **overrides), consent=True)
    if confirmed:
        application = services.confirm(application)
    return application
