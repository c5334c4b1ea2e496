"""The task committee API: the same rules as the pages; writes only on their documented
method; uploads by content."""

import json

import pytest
from django.test.client import BOUNDARY, MULTIPART_CONTENT, encode_multipart

from samskab.taskcommittees import services
from samskab.taskcommittees.lifecycle import State

from .. import factories as f
from ..access_matrix import UNPUBLISHED_DELIVERY, task_processes
from ..taskcommittees.conftest import terms_data, to_working

pytestmark = pytest.mark.django_db


def post(client, url, data):
    return client.post(url, json.dumps(data), content_type="application/json")


def test_api_refuses_huge_ids_and_keeps_unsent_fields(client, world, task):
    client.force_login(world.secretariat_user)
    url = f"/api/v1/task-committees/{task.body.slug}/"
    response = post(
        client,
        url + "transitions/",
        {"target": "drafting", "reference": "KB", "drafters": [10**25]},
    )
    assert response.status_code == 400
    services.save_terms(world.secretariat_user, task, terms_data(world), base_version=0)
    response = post(client, url + "terms/", {"base_version": 1, "purpose": "Kun formålet er nyt."})
    assert response.status_code == 201
    data = response.json()
    assert data["purpose"] == "Kun formålet er nyt."
    assert data["assignment"] == terms_data(world)["assignment"]
    assert data["title"] == terms_data(world)["title"]


def test_api_files_a_proposal_under_the_first_proposer_named(client, world):
    # "Økonomiudvalget" sorts before "Teknik- og Miljøudvalget": the order given must win.
    finance = f.BodyFactory(kind="finance_committee", name="Økonomiudvalget", slug="oeu")
    client.force_login(world.secretariat_user)
    for proposers, home in ((["tm", "oeu"], "tm"), (["oeu", "tm"], "oeu")):
        response = post(
            client,
            "/api/v1/task-committees/",
            {"name": f"Fælles {home}", "proposers": proposers},
        )
        assert response.status_code == 201
        assert response.json()["standing_committee"] == home
    assert finance.slug == "oeu"


def test_api_returns_every_refusal_in_errors(client, world, task):
    client.force_login(world.secretariat_user)
    response = post(
        client,
        f"/api/v1/task-committees/{task.body.slug}/transitions/",
        {"target": "drafting", "drafters": [world.mayor.pk]},
    )
    assert response.status_code == 400
    body = response.json()
    assert set(body["errors"]) == {"reference", "drafters"}
    assert body["field"] == "reference"
    assert body["detail"] == body["errors"]["reference"][0]


def test_api_shows_a_result_presented_before_cancelling(client, world, task):
    task = to_working(world, task)
    services.add_recommendation(world.secretariat_user, task, text="Offentlig anbefaling.")
    url = f"/api/v1/task-committees/{task.body.slug}/recommendations/"
    assert client.get(url).status_code == 403
    services.transition(world.secretariat_user, task, State.RESULT_PRESENTED)
    services.transition(world.secretariat_user, task, State.CANCELLED, note="Stoppet.")
    response = client.get(url)
    assert response.status_code == 200
    assert [r["text"] for r in response.json()["results"]] == ["Offentlig anbefaling."]


@pytest.fixture
def secretariat(client, world):
    task_processes(world)
    client.force_login(world.secretariat_user)
    return client


@pytest.mark.parametrize("method", ["HEAD", "OPTIONS", "GET"])
def test_safe_method_on_delivery_never_saves(secretariat, world, method):
    """A bare HEAD with a session cookie wiped the summary (HEAD skips the CSRF check)."""
    for body in ("", json.dumps({"summary": ""})):
        secretariat.generic(
            method,
            "/api/v1/task-committees/klima/delivery/",
            data=body,
            content_type="application/json",
        )
    world.klima_process.delivery.refresh_from_db()
    assert world.klima_process.delivery.summary == UNPUBLISHED_DELIVERY


def test_delivery_put_refuses_an_svg_report_on_its_field(secretariat, world):
    svg = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'
    from django.core.files.uploadedfile import SimpleUploadedFile

    body = encode_multipart(
        BOUNDARY, {"summary": "Nyt.", "report": SimpleUploadedFile("rapport.png", svg)}
    )
    response = secretariat.put(
        "/api/v1/task-committees/klima/delivery/", data=body, content_type=MULTIPART_CONTENT
    )
    assert response.status_code == 400
    assert response.json()["field"] == "report"
    assert response.json()["detail"].startswith("rapport.png er ikke en filtype, vi tager imod.")
    world.klima_process.delivery.refresh_from_db()
    assert world.klima_process.delivery.summary == UNPUBLISHED_DELIVERY


def test_delivery_put_stores_an_allowed_report(secretariat, world):
    from django.core.files.uploadedfile import SimpleUploadedFile

    body = encode_multipart(
        BOUNDARY,
        {"summary": "Nyt.", "report": SimpleUploadedFile("rapport", b"%PDF-1.4\n%%EOF\n")},
    )
    response = secretariat.put(
        "/api/v1/task-committees/klima/delivery/", data=body, content_type=MULTIPART_CONTENT
    )
    assert response.status_code == 200
    assert response.json()["report"].endswith("/rapport.pdf")
