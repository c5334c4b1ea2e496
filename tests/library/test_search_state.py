"""The search's "state" filter: the lifecycle state of the task committee a hit belongs to, on
the page and in the API, inside each role's access (no count of hidden hits leaks)."""

import pytest
from django.utils.translation import gettext

from samskab.core.access import AccessLevel
from samskab.library import queries
from samskab.organisation.models import BodyKind
from samskab.taskcommittees.lifecycle import State
from samskab.taskcommittees.models import Delivery, Recommendation, TaskCommittee

from .. import factories as f

pytestmark = pytest.mark.django_db

ROLES = {
    "anonymous": None,
    "plain": "plain_user",
    "other": "other_citizen_user",
    "member": "citizen_user",
    "council": "mayor_user",
    "secretariat": "secretariat_user",
}
# What each role finds among the working committee's "skybrud" documents (Klimatilpasning:
# one public, one for its members, one for the council).
WORKING = {
    "anonymous": ["Skybrud offentligt"],
    "plain": ["Skybrud offentligt"],
    "other": ["Skybrud offentligt"],
    "member": ["Skybrud for medlemmer", "Skybrud offentligt"],
    "council": ["Skybrud for byrådet", "Skybrud for medlemmer", "Skybrud offentligt"],
    "secretariat": ["Skybrud for byrådet", "Skybrud for medlemmer", "Skybrud offentligt"],
}


@pytest.fixture
def states(world, file_document):
    TaskCommittee.objects.create(body=world.task, state=State.WORKING)
    closed = TaskCommittee.objects.create(body=world.other_task, state=State.CLOSED)
    file_document(world.task, "Skybrud offentligt", "Skybrud ved Gentofte Sø")
    file_document(world.task, "Skybrud for medlemmer", "Skybrud og grundkøb", AccessLevel.BODY)
    file_document(world.task, "Skybrud for byrådet", "Skybrud og økonomi", AccessLevel.COUNCIL)
    # A working group's papers belong to its task committee's work.
    group = f.BodyFactory(
        kind=BodyKind.WORKING_GROUP, name="Arbejdsgruppe om regnvand", parent=world.other_task
    )
    file_document(group, "Skybrud i arbejdsgruppen", "Skybrud og regnvand")
    file_document(world.other_task, "Skybrud for seniorer", "Skybrud og ældreboliger")
    file_document(world.standing, "Skybrud i fagudvalget", "Skybrud og kloakker")
    Delivery.objects.create(task=closed, summary="Skybrud ramte seniorboligerne")
    Recommendation.objects.create(task=closed, number=1, text="Sikr kældrene mod skybrud")
    return world


def _login(client, world, role):
    if ROLES[role]:
        client.force_login(getattr(world, ROLES[role]))


def _user(world, role):
    from django.contrib.auth.models import AnonymousUser

    return getattr(world, ROLES[role]) if ROLES[role] else AnonymousUser()


@pytest.mark.parametrize("role", list(ROLES))
def test_search_state_filter_counts_only_what_the_role_may_see(states, client, role):
    hits = queries.SearchHits(_user(states, role), "skybrud", state=State.WORKING)
    assert sorted(h.title for h in hits) == WORKING[role]
    assert hits.count() == len(WORKING[role])
    _login(client, states, role)
    page = client.get("/soeg/", {"q": "skybrud", "state": "working"})
    assert page.status_code == 200
    html = page.content.decode()
    assert f'data-count="{len(WORKING[role])}"' in html
    assert '<option value="working" selected>' in html
    assert "Skybrud for seniorer" not in html
    assert "Skybrud i fagudvalget" not in html
    answer = client.get("/api/v1/search/", {"q": "skybrud", "state": "working"}).json()
    assert answer["count"] == len(WORKING[role])
    assert sorted(h["title"] for h in answer["results"]) == WORKING[role]


def test_search_state_filter_covers_working_groups_results_and_recommendations(states, client):
    hits = queries.SearchHits(states.plain_user, "skybrud", state=State.CLOSED)
    assert sorted((h.kind, h.title) for h in hits) == [
        ("memo", "Skybrud for seniorer"),
        ("memo", "Skybrud i arbejdsgruppen"),
        ("recommendation", "Anbefaling 1: Seniorliv"),
        ("result", "Seniorliv"),
    ]
    # No committee in that state: nothing, and no hit of a standing committee.
    assert (
        queries.SearchHits(states.secretariat_user, "skybrud", state=State.RECRUITING).count() == 0
    )
    # The page says so when nothing is found.
    page = client.get("/soeg/", {"q": "skybrud", "state": "recruiting"}).content.decode()
    assert 'data-count="0"' in page
    answer = client.get(
        "/api/v1/search/", {"q": "skybrud", "state": "closed", "kind": "recommendation"}
    ).json()
    assert [h["title"] for h in answer["results"]] == ["Anbefaling 1: Seniorliv"]


def test_search_state_filter_hides_results_not_yet_public(world, client):
    working = TaskCommittee.objects.create(body=world.task, state=State.WORKING)
    Recommendation.objects.create(task=working, number=1, text="Hemmelig anbefaling om skybrud")
    client.force_login(world.mayor_user)
    answer = client.get("/api/v1/search/", {"q": "skybrud", "state": "working"}).json()
    assert answer["count"] == 0


def test_search_state_filter_refuses_an_unknown_state(world, client):
    page = client.get("/soeg/", {"q": "skybrud", "state": "sovende"})
    assert page.status_code == 400
    # The Danish text is whatever the catalogue says (compared through gettext).
    assert gettext("Unknown state: choose one from the list.") in page.content.decode()
    answer = client.get("/api/v1/search/", {"q": "skybrud", "state": "sovende"})
    assert answer.status_code == 400
    assert answer.json()["field"] == "state"


def test_document_list_and_api_filter_by_state(states, client):
    page = client.get("/dokumenter/", {"state": "closed"}).content.decode()
    assert "Skybrud for seniorer" in page and "Skybrud i arbejdsgruppen" in page
    assert "Skybrud offentligt" not in page
    answer = client.get("/api/v1/documents/", {"state": "working"}).json()
    assert [d["title"] for d in answer["results"]] == ["Skybrud offentligt"]
    assert client.get("/api/v1/documents/", {"state": "sovende"}).status_code == 400


def test_search_schema_documents_the_state_filter(client):
    schema = client.get("/api/v1/schema/", {"format": "json"}).json()
    parameters = schema["paths"]["/api/v1/search/"]["get"]["parameters"]
    state = next(p for p in parameters if p["name"] == "state")
    assert "working" in state["schema"]["enum"]
