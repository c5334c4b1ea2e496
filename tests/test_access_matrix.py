"""Who may see what: every URL pattern and API operation, visited as every role.

The table is tests/access_matrix.py; this file enumerates the URL conf and the OpenAPI
document, checks that the table covers both, and visits every row as every role.
"""

import json
from http.cookies import SimpleCookie

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

from . import access_matrix as m

HTTP_METHODS = {"get", "put", "post", "delete", "patch", "head", "options", "trace"}


def url_patterns(patterns=None, prefix="", namespace=""):
    """(route, name) of every pattern in the URL conf, includes and namespaces followed."""
    if patterns is None:
        patterns = get_resolver().url_patterns
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            ns = namespace
            if pattern.namespace:
                ns = f"{namespace}:{pattern.namespace}" if namespace else pattern.namespace
            yield from url_patterns(pattern.url_patterns, prefix + str(pattern.pattern), ns)
        elif isinstance(pattern, URLPattern):
            name = pattern.name and (f"{namespace}:{pattern.name}" if namespace else pattern.name)
            yield prefix + str(pattern.pattern), name


def coverage(route, name):
    """How the table covers a pattern: ("row", key), ("admin", key), ("allauth", key),
    ("format-suffix", key), or None when it does not."""
    key = name or route
    if route.startswith("admin/"):
        return "admin", key
    if m.FORMAT_SUFFIX in route and key in m.ROWS_BY_NAME:
        return "format-suffix", key
    if key in m.ROWS_BY_NAME:
        return "row", key
    if route.startswith("accounts/") and key in m.ALLAUTH:
        return "allauth", key
    return None


PATTERNS = list(url_patterns())


def openapi_operations(client):
    response = client.get("/api/v1/schema/?format=json")
    assert response.status_code == 200
    schema = json.loads(response.content)
    return {
        f"{method.upper()} {path}"
        for path, item in schema["paths"].items()
        for method in item
        if method in HTTP_METHODS
    }


@pytest.mark.django_db
def test_access_matrix_covers_every_url_pattern_and_api_operation(client):
    missing = [
        f"URL pattern {name or '(no name)'!s} at /{route} has no row in tests/access_matrix.py"
        for route, name in PATTERNS
        if coverage(route, name) is None
    ]
    covered_operations = {op for row in m.ROWS for op in row.operations}
    missing += [
        f"API operation {op} has no row in tests/access_matrix.py (Row.operations)"
        for op in sorted(openapi_operations(client) - covered_operations)
    ]
    assert missing == [], "\n" + "\n".join(missing)


@pytest.mark.django_db
def test_access_matrix_has_no_stale_rows(client):
    names = {name or route for route, name in PATTERNS}
    stale = [f"row {row.name} names no URL pattern" for row in m.ROWS if row.name not in names]
    stale += [f"ALLAUTH entry {key} names no URL pattern" for key in m.ALLAUTH if key not in names]
    operations = openapi_operations(client)
    stale += [
        f"row {row.name} claims {op}, which the OpenAPI document does not have"
        for row in m.ROWS
        for op in row.operations
        if op not in operations
    ]
    incomplete = [
        f"row {row.name}: a visit does not say what {sorted(set(m.ROLES) - set(v.expect))} get"
        for row in m.ROWS
        for v in row.visits
        if set(v.expect) != set(m.ROLES)
    ]
    assert stale + incomplete == []


def _visits(kind, key, route, world):
    if kind == "row":
        return list(m.ROWS_BY_NAME[key].visits)
    if kind == "allauth":
        return m.allauth_visits(key)
    if kind == "admin":
        return m.admin_visits(route, key if not key.startswith("admin/") else None, world)
    if kind == "format-suffix":
        # bodies/ -> bodies.json, bodies/klima/ -> bodies/klima.json: the same answer as the row
        visits = []
        for visit in m.ROWS_BY_NAME[key].visits:

            def suffixed(w, path=visit.path):
                base, _, query = path(w).partition("?")
                return base.rstrip("/") + ".json" + (f"?{query}" if query else "")

            visits.append(m.Visit(suffixed, visit.expect, visit.method, visit.data, visit.json))
        return visits
    raise AssertionError(kind)


CASES = [
    pytest.param(cov[0], cov[1], route, id=f"{cov[0]}:{route if cov[0] != 'row' else cov[1]}")
    for route, name in PATTERNS
    if (cov := coverage(route, name)) is not None
]


_CLIENT: list[Client] = []


def _client_as(user):
    """One test client for the whole module: a new one loads every middleware again (about
    15 ms, WhiteNoise scanning the static files), which over 1,500 visits is most of the time.
    A crash counts as a 500 in the list of failures instead of stopping the test."""
    if not _CLIENT:
        _CLIENT.append(Client(raise_request_exception=False))
    client = _CLIENT[0]
    client.cookies = SimpleCookie()
    if user is not None:
        client.force_login(user)
    return client


def _expected_location(visit, role, path):
    redirect = visit.redirect
    if isinstance(redirect, dict):
        redirect = redirect.get(role)
    return redirect.replace("{path}", path) if redirect else None


def test_the_birth_year_marker_finds_the_year_and_not_an_id_that_equals_it(world):
    """On PostgreSQL ids grow over a worker's tests: the upload form's choice of meeting number
    1984 read as world.citizen's birth year, and the matrix failed for nobody's leak."""
    (marker,) = [p for p in m.private_markers(world) if p.label.startswith("birth year")]
    year = world.citizen.birth_year
    assert not marker.pattern.search(f'<option value="{year}">Udvalgsmøde</option>')
    assert not marker.pattern.search(f'<option value="{year}" selected>Udvalgsmøde</option>')
    assert marker.pattern.search(f"<dd>{year}</dd>")
    assert marker.pattern.search(f'<input name="birth_year" value="{year}">')


@pytest.mark.parametrize(("kind", "key", "route"), CASES)
def test_access_matrix_row_holds_for_every_role(world, plain_person, kind, key, route):
    markers = m.private_markers(world)
    failures = []
    for visit in _visits(kind, key, route, world):
        path = visit.path(world)
        for role in m.ROLES:
            client = _client_as(m.user_for(role, world))
            response = getattr(client, visit.method)(path, **m.request_kwargs(visit, world))
            where = f"{visit.method.upper()} {path} as {role}"
            if response.status_code != visit.expect[role]:
                failures.append(
                    f"{where}: {response.status_code}, expected {visit.expect[role]}"
                    + (
                        f" (to {response.get('Location')})"
                        if response.has_header("Location")
                        else ""
                    )
                )
                continue
            location = response.get("Location", "").removeprefix("http://testserver")
            expected = _expected_location(visit, role, path)
            if 300 <= response.status_code < 400 and expected and not location.startswith(expected):
                failures.append(f"{where}: redirects to {location}, expected {expected}")
            if role in visit.private_ok:
                continue
            body = b"".join(response.streaming_content) if response.streaming else response.content
            text = body.decode(errors="replace")
            own = m.user_for(role, world)
            for marker in markers:
                if (own is not None and marker.owner == own) or role in marker.also:
                    continue
                if marker.pattern.search(text) or marker.pattern.search(location):
                    failures.append(f"{where}: shows {marker.label}")
    assert failures == [], "\n" + "\n".join(failures)
