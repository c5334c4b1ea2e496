"""The task committee API: writes only on their documented method; uploads by content."""

import json

import pytest
from django.test.client import BOUNDARY, MULTIPART_CONTENT, encode_multipart

from ..access_matrix import UNPUBLISHED_DELIVERY, task_processes

pytestmark = pytest.mark.django_db


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
