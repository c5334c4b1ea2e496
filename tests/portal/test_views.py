import datetime as dt
import re

import pytest

from samskab.taskcommittees.lifecycle import State
from samskab.taskcommittees.models import TaskCommittee

from .. import factories as f

pytestmark = pytest.mark.django_db


def section(page, heading_id):
    match = re.search(rf'<section aria-labelledby="{heading_id}">(.*?)</section>', page, re.S)
    assert match, heading_id
    return match.group(1)


def committee(world, name, state, days_ago_ended=None):
    today = world.today
    body = f.BodyFactory(
        name=name,
        parent=world.standing,
        start_date=today - dt.timedelta(days=400),
        end_date=today - dt.timedelta(days=days_ago_ended) if days_ago_ended else None,
    )
    return TaskCommittee.objects.create(body=body, state=state)


def test_front_page_lists_as_completed_only_committees_the_council_has_decided_on(client, world):
    committee(world, "Aflyst udvalg", State.CANCELLED, days_ago_ended=30)
    committee(world, "Afventer beslutning", State.DELIVERED, days_ago_ended=20)
    committee(world, "Følges op", State.FOLLOWING_UP, days_ago_ended=200)
    committee(world, "Afsluttet", State.CLOSED, days_ago_ended=300)
    committee(world, "Arbejder", State.WORKING)
    page = client.get("/").content.decode()
    completed = section(page, "completed-heading")
    assert "Følges op" in completed
    assert "Afsluttet" in completed
    assert "Aflyst udvalg" not in completed
    assert "Afventer beslutning" not in completed
    assert 'Afsluttede opgaveudvalg <span class="weight-normal">(2)</span>' in completed
    running = section(page, "running-heading")
    assert "Arbejder" in running
    # A body registered without a process goes by its dates.
    assert "Klimatilpasning" in running
    assert "Aflyst udvalg" not in running


def test_front_page_does_not_list_a_cancelled_committee_as_running(client, world):
    committee(world, "Aflyst i dag", State.CANCELLED, days_ago_ended=None)
    running = section(client.get("/").content.decode(), "running-heading")
    assert "Aflyst i dag" not in running
