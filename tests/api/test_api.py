import json

import pytest

from .. import factories as f

pytestmark = pytest.mark.django_db


def test_bodies_filter_by_kind_with_members(client, world):
    data = client.get("/api/v1/bodies/?kind=task_committee").json()
    assert set(data) == {"count", "next", "previous", "results"}
    assert data["count"] == 2
    klima = next(b for b in data["results"] if b["slug"] == "klima")
    assert klima["name"] == "Klimatilpasning"
    assert klima["kind"] == "task_committee"
    assert {m["name"] for m in klima["members"]} == {"Birgitte Borgmester", "Cecilie Borger"}


def test_bodies_never_expose_private_fields(client, world):
    text = client.get("/api/v1/bodies/").content.decode()
    assert "private.example.org" not in text
    assert "+45" not in text
    assert "birth_year" not in text


def test_bodies_unknown_kind_is_400_with_reason(client, world):
    response = client.get("/api/v1/bodies/?kind=nonsense")
    assert response.status_code == 400
    assert response.json()["field"] == "kind"


@pytest.mark.parametrize("page", ["0", "abc", "9999", "-3"])
def test_bodies_bad_page_is_404(client, world, page):
    response = client.get(f"/api/v1/bodies/?page={page}")
    assert response.status_code == 404
    assert "detail" in response.json()


def test_body_detail_by_slug_and_unknown_is_404(client, world):
    assert client.get("/api/v1/bodies/klima/").json()["name"] == "Klimatilpasning"
    assert client.get("/api/v1/bodies/findes-ikke/").status_code == 404
    nul = client.get("/api/v1/bodies/bad%00/")
    assert nul.status_code == 400
    assert b"NUL" in nul.content


def test_groups_list_with_sizes_and_members(client, world):
    results = client.get("/api/v1/groups/").json()["results"]
    c = next(g for g in results if g["short_name"] == "C")
    assert c["size"] == 1
    assert c["members"] == [
        {"person": world.mayor.pk, "name": "Birgitte Borgmester", "role": "member"}
    ]


def test_people_are_public_fields_only(client, world):
    results = client.get("/api/v1/people/").json()["results"]
    assert set(results[0]) == {"id", "name", "title", "url"}
    names = {p["name"] for p in results}
    assert "Cecilie Borger" in names
    assert "Ane Ansøger" not in names
    assert client.get(f"/api/v1/people/{world.applicant.pk}/").status_code == 404
    assert client.get("/api/v1/people/notanumber/").status_code == 404


def test_openapi_document_validates(client, world):
    from openapi_spec_validator import validate

    response = client.get("/api/v1/schema/?format=json")
    assert response.status_code == 200
    schema = json.loads(response.content)
    validate(schema)
    assert "/api/v1/bodies/" in schema["paths"]
    assert "/api/v1/dhondt" in schema["paths"]


def test_api_docs_page_renders(client):
    response = client.get("/api/v1/docs/")
    assert response.status_code == 200
    assert b"swagger" in response.content.lower()


def test_healthz(client, db):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


@pytest.mark.parametrize("size", [2, 40])
def test_bodies_api_runs_bounded_queries(client, world, django_assert_max_num_queries, size):
    for _ in range(size):
        body = f.BodyFactory()
        for _ in range(3):
            f.MembershipFactory(body=body, group=world.group_c)
    with django_assert_max_num_queries(6):
        assert client.get("/api/v1/bodies/").status_code == 200
    with django_assert_max_num_queries(6):
        assert client.get("/api/v1/groups/").status_code == 200
    with django_assert_max_num_queries(6):
        assert client.get("/api/v1/people/").status_code == 200


def _api_lists(data):
    working, closed = data.working.body.slug, data.closed.body.slug
    urls = {
        "bodies": "/api/v1/bodies/",
        "groups": "/api/v1/groups/",
        "people": "/api/v1/people/",
        "people, page 3": "/api/v1/people/?page=3",
        "task committees": "/api/v1/task-committees/",
        "a committee": f"/api/v1/task-committees/{working}/",
        "its terms versions": f"/api/v1/task-committees/{working}/terms/",
        "recommendations": f"/api/v1/task-committees/{closed}/recommendations/",
        "follow-up": "/api/v1/follow-up/",
    }
    pages = {
        f"{who}: {name}": (who, url)
        for who in ("anonymous", "secretariat")
        for name, url in urls.items()
    }
    pages["secretariat: input on the terms"] = (
        "secretariat",
        f"/api/v1/task-committees/{working}/input/",
    )
    return pages
