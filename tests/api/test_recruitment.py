import datetime as dt
import json
import re

import pytest
from django.core import mail
from django.core.cache import cache
from django.utils import timezone

from samskab.recruitment import services
from samskab.recruitment.models import Application, Call, Interest

from ..recruitment.conftest import COMPETENCES, applied, approved_task

pytestmark = pytest.mark.django_db


def post(client, url, data, method="post"):
    return getattr(client, method)(url, json.dumps(data), content_type="application/json")


def token_in(message, prefix):
    return re.search(rf"/{prefix}/([^/\s]+)/", message.body).group(1)


# tests/api/conftest.py gives ``task`` as a proposed committee (the task committee API's
# tests): recruitment needs one whose terms are approved.
@pytest.fixture
def approved(world):
    return approved_task(world)


@pytest.fixture
def call(world, approved):
    return services.open_call(
        world.secretariat_user, approved, deadline=timezone.now() + dt.timedelta(days=20)
    )


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    cache.clear()
    yield
    cache.clear()


def test_api_secretariat_opens_a_call_and_the_public_reads_it(client, world, approved):
    task = approved
    client.force_login(world.secretariat_user)
    deadline = (timezone.now() + dt.timedelta(days=14)).isoformat()
    response = post(
        client, "/api/v1/calls/", {"task_committee": task.body.slug, "deadline": deadline}
    )
    assert response.status_code == 201, response.json()
    slug = response.json()["slug"]
    client.logout()
    data = client.get(f"/api/v1/calls/{slug}/").json()
    assert data["is_open"] is True
    assert data["competences"] == COMPETENCES
    assert data["short_url"].startswith("/k/")
    assert [c["slug"] for c in client.get("/api/v1/calls/?open=true").json()["results"]] == [slug]


def test_api_applicant_applies_confirms_edits_withdraws_and_erases(client, call, districts):
    data = {
        "name": "Karen Jensen",
        "email": "karen@example.org",
        "birth_year": 1990,
        "district": districts["Vangede"].pk,
        "background": "public",
        "competences": [COMPETENCES[1]],
        "motivation": "Jeg vil gerne hjælpe.",
        "consent": True,
    }
    response = post(client, f"/api/v1/calls/{call.slug}/applications/", data)
    assert response.status_code == 202
    confirm = token_in(mail.outbox[0], "ansoegning/bekraeft")
    assert post(client, f"/api/v1/application-confirmations/{confirm}/", {}).status_code == 200
    private = token_in(mail.outbox[1], "ansoegning")
    mine = client.get(f"/api/v1/applications/{private}/").json()
    assert mine["application"]["district"] == "Vangede"
    response = post(
        client,
        f"/api/v1/applications/{private}/",
        {**data, "name": "Karen Holm"},
        method="put",
    )
    assert response.status_code == 200
    assert response.json()["application"]["name"] == "Karen Holm"
    assert post(client, f"/api/v1/applications/{private}/withdrawal/", {}).status_code == 200
    assert Application.objects.in_pool().count() == 0
    response = post(client, f"/api/v1/applications/{private}/withdrawal/", {})
    assert (response.status_code, response.json()["detail"]) == (
        400,
        "Du har trukket denne ansøgning tilbage.",
    )
    assert client.delete(f"/api/v1/applications/{private}/").status_code == 204
    response = client.get(f"/api/v1/applications/{private}/")
    assert response.status_code == 410


def test_api_refuses_bad_input_with_its_field(client, call):
    response = post(
        client,
        f"/api/v1/calls/{call.slug}/applications/",
        {
            "name": "Bo",
            "email": "bo@example.org",
            "birth_year": 1800,
            "background": "private",
            "motivation": "Ja.",
            "consent": True,
        },
    )
    assert response.status_code == 400
    assert response.json()["field"] == "birth_year"
    response = post(
        client,
        f"/api/v1/calls/{call.slug}/applications/",
        {
            "name": "Bo",
            "email": "bo@example.org",
            "birth_year": 1980,
            "background": "private",
            "motivation": "Ja.",
            "consent": False,
        },
    )
    assert (response.status_code, response.json()["field"]) == (400, "consent")
    assert Application.objects.count() == 0


def test_api_closed_call_answers_410(client, call):
    Call.objects.filter(pk=call.pk).update(deadline=timezone.now() - dt.timedelta(seconds=1))
    response = post(client, f"/api/v1/calls/{call.slug}/applications/", {})
    assert response.status_code == 410


def test_api_pool_hides_contact_details_from_council_members(client, world, call, districts):
    applied(call, districts, phone="+45 99 88 77 66")
    client.force_login(world.mayor_user)
    [entry] = client.get(f"/api/v1/calls/{call.slug}/applications/").json()["results"]
    assert entry["name"] == "Karen Jensen"
    assert (entry["email"], entry["phone"], entry["birth_year"], entry["note"]) == (
        None,
        None,
        None,
        None,
    )
    assert entry["age_band"] is not None
    client.force_login(world.secretariat_user)
    [entry] = client.get(f"/api/v1/calls/{call.slug}/applications/").json()["results"]
    assert entry["email"] == "karen@example.org"
    response = post(
        client,
        f"/api/v1/calls/{call.slug}/applications/{entry['id']}/",
        {"shortlisted": True, "note": "God."},
        method="patch",
    )
    assert (response.json()["shortlisted"], response.json()["note"]) == (True, "God.")
    shortlisted = client.get(f"/api/v1/calls/{call.slug}/applications/?shortlist=true").json()
    assert shortlisted["count"] == 1


def test_api_statistics_for_the_council(client, world, call, districts):
    applied(call, districts)
    client.force_login(world.mayor_user)
    data = client.get(f"/api/v1/calls/{call.slug}/statistics/").json()
    assert data["total"] == 1
    district = next(d for d in data["dimensions"] if d["key"] == "district")
    assert [(r["key"], r["count"]) for r in district["rows"]][:3] == [
        ("Hellerup", 1),
        ("Ordrup", 0),
        ("Vangede", 0),
    ]
    assert "Vangede: ingen ansøgere." in data["gaps"]
    client.logout()
    assert client.get(f"/api/v1/calls/{call.slug}/statistics/").status_code == 403


def test_api_conclusion_by_hand_is_refused_while_the_council_is_to_appoint(
    client, world, call, districts
):
    # The committee waits for its appointment meeting: the decision record registers who was
    # appointed, so the API refuses outcomes set by hand and says where they come from.
    chosen = applied(call, districts)
    Call.objects.filter(pk=call.pk).update(deadline=timezone.now() - dt.timedelta(seconds=1))
    client.force_login(world.secretariat_user)
    response = post(client, f"/api/v1/calls/{call.slug}/conclusion/", {"appointed": [chosen.pk]})
    assert response.status_code == 400
    assert response.json()["field"] == "appointed"
    assert "udpegningsmøde" in response.json()["detail"]
    chosen.refresh_from_db()
    assert chosen.outcome == ""


def test_api_register_signup(client):
    response = post(
        client, "/api/v1/interested/", {"name": "Ib", "email": "ib@example.org", "consent": True}
    )
    assert response.status_code == 202
    token = token_in(mail.outbox[0], "deltag/interesserede")
    assert post(client, f"/api/v1/interested/{token}/", {}).status_code == 200
    assert Interest.objects.get().confirmed_at is not None
    assert client.delete(f"/api/v1/interested/{token}/").status_code == 204
    assert Interest.objects.count() == 0


def test_api_pool_runs_a_bounded_number_of_queries(
    client,
    world,
    call,
    districts,
    django_assert_max_num_queries,
):
    for n in range(30):
        applied(call, districts, email=f"n{n}@example.org")
    client.force_login(world.secretariat_user)
    with django_assert_max_num_queries(12):
        response = client.get(f"/api/v1/calls/{call.slug}/applications/")
    assert response.json()["count"] == 30
