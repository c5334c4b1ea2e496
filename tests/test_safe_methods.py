"""Safe methods never write: GET, HEAD and OPTIONS, with and without a body, to every URL
pattern and every API operation, as every role (but one, below), change no row anywhere in the
database.

HEAD and OPTIONS skip the CSRF check, so a view that sends "everything but GET" to its write
branch could be made to write by any page that a logged-in person visits. The routes, roles
and concrete URLs come from the access matrix (tests/access_matrix.py); the bodies are the
payloads its rows write with, sent as JSON, as a form and as multipart.
"""

import json
import re
from http.cookies import SimpleCookie
from urllib.parse import urlencode

import pytest
from django.apps import apps
from django.db import connection
from django.test import Client
from django.test.client import BOUNDARY, MULTIPART_CONTENT, encode_multipart
from django.test.utils import CaptureQueriesContext

from . import access_matrix as m
from .test_access_matrix import CASES, _visits, openapi_operations

SAFE_METHODS = ("GET", "HEAD", "OPTIONS")
# Every role but the member of another committee, whose requests reach the same branches as
# the plain citizen's (refused) or the member's (her own committee's pages).
ROLES = tuple(role for role in m.ROLES if role != m.OTHER)
# A body that names the fields our writes take, for routes whose row has no payload of its own.
GENERIC = {
    "name": "Skrevet af en sikker metode",
    "text": "Skrevet af en sikker metode",
    "summary": "Skrevet af en sikker metode",
    "title": "Skrevet af en sikker metode",
    "base_version": 1,
    "target": "closed",
    "proposers": ["tm"],
    "reference": "KB 1.1.2027",
    "decision": "adopted",
    "status": "done",
}
# Every statement a request runs passes through the captured connection, so a write shows by
# its SQL, whichever table it touches.
WRITE = re.compile(r'^\s*(?:INSERT\s+INTO|UPDATE|DELETE\s+FROM|REPLACE\s+INTO)\s+"?(\w+)"?', re.I)
# Who is logged in is per visitor, not data: a session row may be touched on any request.
NOT_DATA = {"django_session"}


def _tables():
    models = [
        model
        for model in apps.get_models(include_auto_created=True)
        if model._meta.managed and not model._meta.proxy
    ]
    return {model._meta.db_table: model for model in models if model._meta.db_table not in NOT_DATA}


def _bodies(visits, world, api):
    """(content type, bytes) pairs: the payloads the route's own writes take (or the generic
    payload), then none; JSON and multipart only where a parser would read them (the API)."""
    payloads = [v.data(world) for v in visits if v.data is not None] or [GENERIC]
    bodies: list[tuple[str | None, bytes]] = []
    for data in payloads:
        if api:
            bodies.append(("application/json", json.dumps(data).encode()))
        bodies.append(("application/x-www-form-urlencoded", urlencode(data, doseq=True).encode()))
        if api:
            flat = {k: v for k, v in data.items() if not isinstance(v, list | dict)}
            bodies.append((MULTIPART_CONTENT, encode_multipart(BOUNDARY, flat)))
    bodies.append((None, b""))
    return bodies


def _login_cookies(world):
    """Each role's session cookie, made before the requests (logging in writes last_login)."""
    cookies = {}
    for role in ROLES:
        user = m.user_for(role, world)
        client = Client()
        if user is not None:
            client.force_login(user)
        cookies[role] = client.cookies
    return cookies


@pytest.mark.django_db
def test_safe_methods_cover_every_api_operation(client):
    """Every operation of the OpenAPI document is claimed by a row, so its URL is visited."""
    claimed = {op for row in m.ROWS for op in row.operations}
    assert sorted(openapi_operations(client) - claimed) == []


@pytest.mark.parametrize(("kind", "key", "route"), CASES)
def test_safe_methods_change_no_row_for_any_role(world, plain_person, kind, key, route):
    visits = _visits(kind, key, route, world)
    paths = sorted({visit.path(world) for visit in visits})
    bodies = {path: _bodies(visits, world, path.startswith("/api/")) for path in paths}
    cookies = _login_cookies(world)
    tables = _tables()
    client = Client(raise_request_exception=False)
    failures = []
    for role in ROLES:
        for path in paths:
            for method in SAFE_METHODS:
                for content_type, body in bodies[path]:
                    client.cookies = SimpleCookie()
                    client.cookies.update(cookies[role])
                    kwargs = {"data": body, "content_type": content_type} if content_type else {}
                    with CaptureQueriesContext(connection) as queries:
                        response = client.generic(method, path, **kwargs)
                    if response.streaming:
                        # Read to the end: the test client then closes the file without
                        # firing close_old_connections, which would drop the test's
                        # PostgreSQL connection in the middle of its transaction.
                        b"".join(response.streaming_content)
                    written = {
                        match[1]
                        for q in queries.captured_queries
                        if (match := WRITE.match(q["sql"])) and match[1] in tables
                    }
                    if written:
                        failures.append(
                            f"{method} {path} as {role} ({content_type or 'no body'}): "
                            f"{response.status_code}, wrote {sorted(written)}"
                        )
                    if content_type and not response.wsgi_request._read_started:
                        # Nothing read this body, so no other body (and no body at all) can
                        # change what happens: the rest would only repeat the same request.
                        break
    assert failures == [], "\n" + "\n".join(failures)
