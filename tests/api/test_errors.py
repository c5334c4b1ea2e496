"""The API's one error format, in the request's language, whatever went wrong."""

import json

import pytest
from django.conf import settings
from django.utils import translation
from rest_framework import exceptions, fields, relations

from samskab.taskcommittees.models import TermsVersion

from .. import access_matrix as m
from ..access_matrix import task_processes
from ..test_access_matrix import openapi_operations

pytestmark = pytest.mark.django_db


def _in_english(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"


def test_not_found_detail_is_danish_by_default(client, world):
    response = client.get("/api/v1/bodies/findes-ikke/")
    assert (response.status_code, response.json()) == (
        404,
        {"detail": "Ikke fundet.", "field": None},
    )


def test_not_found_detail_follows_the_language_cookie(client, world):
    _in_english(client)
    response = client.get("/api/v1/task-committees/findes-ikke/")
    assert response.json() == {"detail": "Not found.", "field": None}


def test_unknown_api_address_is_json_not_a_page(client):
    response = client.get("/api/v1/findes-ikke/")
    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"
    assert response.json() == {
        "detail": "Ikke fundet: der er ingen sådan adresse i API'et.",
        "field": None,
    }


def test_nul_byte_in_api_address_is_json_in_the_visitors_language(client):
    _in_english(client)
    response = client.get("/api/v1/bodies/bad%00/")
    assert response.status_code == 400
    assert response.json() == {
        "detail": "The request contains a NUL character, which is not allowed.",
        "field": None,
    }


def test_nul_byte_in_page_address_is_the_sites_page(client):
    response = client.get("/udvalg/bad%00/")
    assert response.status_code == 400
    assert response["Content-Type"].startswith("text/html")
    assert "Forespørgslen indeholder et NUL-tegn" in response.content.decode()


def test_conflict_message_fits_json(client, world):
    """The page says "compare it with the current version below"; JSON has no "below"."""
    task_processes(world)
    client.force_login(world.secretariat_user)
    senior = world.senior_process
    TermsVersion.objects.create(task=senior, number=2, title="Andet udkast")
    response = client.post(
        "/api/v1/task-committees/senior/terms/",
        {"title": "Mit udkast", "base_version": 1},
        content_type="application/json",
    )
    body = response.json()
    assert response.status_code == 409
    assert body["current"]["number"] == 2
    assert "nedenfor" not in body["detail"]
    assert body["detail"] == (
        "Nogen gemte version 2, mens du redigerede, så intet blev gemt. Den nuværende version "
        'står i "current": flet dine ændringer ind i den, og send dem igen med base_version 2.'
    )


def test_csrf_refusal_says_what_to_send(world):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(world.secretariat_user)
    response = client.post("/api/v1/tokens/", {"name": "x"}, content_type="application/json")
    assert response.status_code == 403
    assert "X-CSRFToken" in response.json()["detail"]


def _drf_messages():
    """Every message DRF's fields, relations and exceptions may answer with."""
    messages = []
    for module in (fields, relations):
        for cls in vars(module).values():
            if isinstance(cls, type) and issubclass(cls, fields.Field):
                messages += [m for m in cls.default_error_messages.values() if m is not None]
    for cls in vars(exceptions).values():
        if isinstance(cls, type) and issubclass(cls, exceptions.APIException):
            messages.append(cls.default_detail)
    return messages


def test_every_drf_message_has_danish():
    with translation.override("en"):
        english = {str(m) for m in _drf_messages()}
    with translation.override("da"):
        untranslated = sorted({str(m) for m in _drf_messages()} & english)
    assert untranslated == []


# -- every operation that takes a body -------------------------------------------------------

WRITE_METHODS = {"post", "put", "patch"}
# Each operation that reads a body, with the access matrix's concrete address for it.
WRITES = sorted(
    {
        op: (op, visit.path)
        for row in m.ROWS
        for op in row.operations
        for visit in row.visits
        if op.split()[0].lower() in WRITE_METHODS and visit.method == op.split()[0].lower()
    }.values(),
    key=lambda pair: pair[0],
)
BODIES = {
    "nested 5000 deep": "[" * 5000,
    "nested 33 deep": "[" * 33 + "]" * 33,
    "malformed": '{"name": ',
    "not JSON at all": "<html>",
    "NaN": '{"seats": NaN}',
    "not UTF-8": b'{"name": "\xff"}',
}


def test_every_write_operation_is_covered():
    from django.test import Client

    operations = {
        op for op in openapi_operations(Client()) if op.split()[0].lower() in WRITE_METHODS
    }
    assert operations == {op for op, _path in WRITES}


def _as(role, client, world):
    task_processes(world)
    if role == "secretariat":
        client.force_login(world.secretariat_user)
    return client


def _assert_error_format(response, statuses, case=""):
    assert response.status_code in statuses, (case, response.content[:300])
    assert response["Content-Type"] == "application/json"
    body = json.loads(response.content)
    assert set(body) >= {"detail", "field"} and body["detail"]


@pytest.mark.parametrize(("operation", "path"), WRITES, ids=[op for op, _p in WRITES])
def test_bad_body_gets_400_in_the_error_format(client, world, operation, path):
    """Every bad body, as anonymous and as the secretariat (one test per operation: the
    council that the bodies are sent to is built once)."""
    task_processes(world)
    method = operation.split()[0].lower()
    for role in ("anonymous", "secretariat"):
        if role == "secretariat":
            client.force_login(world.secretariat_user)
        for name, body in BODIES.items():
            response = getattr(client, method)(
                path(world), data=body, content_type="application/json"
            )
            # Anonymous: a view may refuse (403/404) before it reads the body; never a 500 or
            # HTML.
            statuses = {400} if role == "secretariat" else {400, 403, 404}
            _assert_error_format(response, statuses, f"{role}, {name}")


@pytest.mark.parametrize(("operation", "path"), WRITES, ids=[op for op, _p in WRITES])
def test_too_large_body_gets_413_in_the_error_format(client, world, settings, operation, path):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    settings.UPLOAD_MAX_SIZE = 1000
    client = _as("secretariat", client, world)
    method = operation.split()[0].lower()
    big = json.dumps({"name": "x" * 1500})
    response = getattr(client, method)(path(world), data=big, content_type="application/json")
    _assert_error_format(response, {413})
    # Larger than any upload plus its form: refused before anything reads it.
    huge = json.dumps({"name": "x" * 2500})
    response = getattr(client, method)(path(world), data=huge, content_type="application/json")
    _assert_error_format(response, {413})


def test_deeply_nested_json_to_dhondt_is_400_not_500(client):
    """Sent anonymously, as the attacker did."""
    response = client.post("/api/v1/dhondt", data="[" * 5000, content_type="application/json")
    assert (response.status_code, response.json()) == (
        400,
        {"detail": "JSON-data er indlejret for dybt: højst 32 niveauer.", "field": None},
    )


def test_malformed_json_says_where(client):
    _in_english(client)
    response = client.post(
        "/api/v1/dhondt", data='{"seats": 3,\n "groups": }', content_type="application/json"
    )
    assert response.json() == {
        "detail": "The request body is not valid JSON (line 2, column 12).",
        "field": None,
    }


def test_too_large_page_upload_is_413_page(client, world, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    settings.UPLOAD_MAX_SIZE = 1000
    response = client.post("/i18n/setlang/", {"language": "en", "next": "x" * 3000})
    assert response.status_code == 413
    assert response["Content-Type"].startswith("text/html")
