"""Min side's "what awaits me", for each role."""

import datetime as dt
import re

import pytest
from django.utils import timezone

from samskab.meetings import services as meetings
from samskab.taskcommittees.lifecycle import State
from samskab.taskcommittees.models import TaskCommittee
from tests.library.files import broken_docx_bytes, upload

from .. import factories as f

pytestmark = pytest.mark.django_db


def awaits(client, user):
    client.force_login(user)
    page = client.get("/konto/").content.decode()
    match = re.search(r'<section aria-labelledby="awaits-heading"[^>]*>(.*?)</section>', page, re.S)
    assert match
    return " ".join(match.group(1).split())


def task(world, name, state):
    body = f.BodyFactory(name=name, parent=world.standing, start_date=world.today)
    return TaskCommittee.objects.create(body=body, state=state)


@pytest.fixture
def processes(world):
    world.drafting = task(world, "Fremtidens skolevej", State.DRAFTING)
    world.proposed = task(world, "Bynatur", State.PROPOSED)
    world.proposed.drafters.add(world.mayor)
    world.delivered = task(world, "Sundhed i hverdagen", State.DELIVERED)
    return world


def test_council_member_awaits_input_drafting_and_decisions(client, processes):
    text = awaits(client, processes.mayor_user)
    assert "Udkast, der er åbne for dit input" in text
    assert "Fremtidens skolevej</a> – Åbent for dit input" in text
    assert "Kommissorier, du skriver" in text
    assert "Bynatur</a> – Du skriver kommissoriet" in text
    assert (
        "Sundhed i hverdagen</a> – Anbefalinger, som kommunalbestyrelsen skal tage stilling til"
        in text
    )
    assert "Sekretariatets arbejdsliste" not in text


def test_secretariat_awaits_its_work_queue(client, processes):
    from samskab.library import services as library

    library.upload(
        processes.secretariat_user,
        body=processes.task,
        file=upload("referat.docx", broken_docx_bytes()),
        title="Gammelt referat",
    )
    text = awaits(client, processes.secretariat_user)
    assert "Sekretariatets arbejdsliste" in text
    assert "Bynatur</a> – Udpeg tovholderne og begynd kommissoriet" in text
    assert "Sundhed i hverdagen</a> – Registrér kommunalbestyrelsens beslutninger" in text
    assert "Gammelt referat</a> – Filens tekst kunne ikke læses" in text
    assert "Udkast, der er åbne for dit input" not in text


def test_citizen_member_awaits_an_invitation_only(client, processes):
    start = timezone.now() + dt.timedelta(days=4)
    meetings.plan_meeting(
        processes.secretariat_user,
        body=processes.task,
        title="Workshop om skybrud",
        start=start,
        end=start + dt.timedelta(hours=2),
    )
    text = awaits(client, processes.citizen_user)
    assert "Workshop om skybrud</a> – Svar på invitationen" in text
    assert "Fremtidens skolevej" not in text
    assert "Sundhed i hverdagen" not in text


def test_someone_without_a_seat_has_nothing_waiting(client, processes):
    assert "Intet venter på dig lige nu." in awaits(client, processes.plain_user)
