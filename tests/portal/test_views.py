import datetime as dt
import re

import pytest

from samskab.accounts.models import ApiToken
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


def test_my_page_shows_the_accounts_email(client, world):
    client.force_login(world.citizen_user)
    page = client.get("/konto/").content.decode()
    assert "cecilie@private.example.org" in page


def test_my_page_links_to_api_tokens_only_for_those_with_api_access(client, world):
    client.force_login(world.mayor_user)
    assert "/konto/api-noegler/" in client.get("/konto/").content.decode()
    client.force_login(world.citizen_user)
    assert "/konto/api-noegler/" not in client.get("/konto/").content.decode()


def test_api_tokens_page_shows_a_new_key_once_and_never_again(client, world):
    client.force_login(world.mayor_user)
    made = client.post("/konto/api-noegler/", {"name": "Månedsrapport"})
    assert made.status_code == 200
    assert "no-store" in made["Cache-Control"]
    token = ApiToken.objects.get()
    page = made.content.decode()
    key = page.split('<code class="token-key">', 1)[1].split("</code>", 1)[0]
    assert key.startswith(token.prefix)
    again = client.get("/konto/api-noegler/").content.decode()
    assert "Månedsrapport" in again and f"{token.prefix}…" in again
    assert key not in again


def test_api_tokens_page_refuses_a_missing_name_next_to_the_field(client, world):
    client.force_login(world.mayor_user)
    response = client.post("/konto/api-noegler/", {"name": ""})
    assert response.status_code == 400
    assert 'id="id_name_error"' in response.content.decode()
    assert ApiToken.objects.count() == 0


def test_revoking_on_my_page_ends_the_token(client, world):
    client.force_login(world.mayor_user)
    client.post("/konto/api-noegler/", {"name": "Rapport"})
    token = ApiToken.objects.get()
    response = client.post(f"/konto/api-noegler/{token.pk}/tilbagekald/", follow=True)
    assert "Nøglen “Rapport” er tilbagekaldt" in response.content.decode()
    assert ApiToken.objects.count() == 0
