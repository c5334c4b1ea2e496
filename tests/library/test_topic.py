"""The topic page ("what do we know about …"): committees, recommendations, the council's
decisions and documents across the years, only as far as the visitor may see them."""

import datetime as dt

import pytest

from samskab.core.access import AccessLevel
from samskab.taskcommittees.lifecycle import State
from samskab.taskcommittees.models import Decision, Recommendation, TaskCommittee

pytestmark = pytest.mark.django_db

ROLES = {
    "anonymous": None,
    "plain": "plain_user",
    "other": "other_citizen_user",
    "member": "citizen_user",
    "council": "mayor_user",
    "secretariat": "secretariat_user",
}
# The closed committee's recommendations are public; the working committee's are the
# council's and the secretariat's until its result is presented.
SEES_UNPUBLISHED = {"council", "secretariat"}


@pytest.fixture
def topic(world, file_document):
    closed = TaskCommittee.objects.create(body=world.other_task, state=State.CLOSED)
    working = TaskCommittee.objects.create(body=world.task, state=State.WORKING)
    file_document(world.other_task, "Skybrud for seniorer", "Tekst", tags="Skybrud")
    file_document(world.task, "Skybrud i Klimatilpasning", "Tekst", tags="Skybrud")
    Recommendation.objects.create(
        task=closed,
        number=1,
        text="Sikr plejehjemmenes kældre mod skybrud",
        decision=Decision.ADOPTED,
        decided_on=dt.date(2018, 6, 25),
        reference="Kommunalbestyrelsens møde 25. juni 2018, punkt 7",
    )
    Recommendation.objects.create(
        task=closed, number=2, text="Regnbede ved ældreboligerne", decision=Decision.PENDING
    )
    Recommendation.objects.create(task=working, number=1, text="Kladde om grønne tage")
    # A committee without a document on the topic brings none of its recommendations.
    return world


def _page(client, world, role):
    if ROLES[role]:
        client.force_login(getattr(world, ROLES[role]))
    response = client.get("/emne/skybrud/")
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.parametrize("role", list(ROLES))
def test_topic_page_gathers_recommendations_and_decisions_the_role_may_see(topic, client, role):
    page = _page(client, topic, role)
    assert "Sikr plejehjemmenes kældre mod skybrud" in page
    assert "Regnbede ved ældreboligerne" in page
    assert "Kommunalbestyrelsens møde 25. juni 2018, punkt 7" in page
    assert ("Kladde om grønne tage" in page) == (role in SEES_UNPUBLISHED)


def test_topic_page_lists_only_decided_recommendations_as_decisions(topic, client):
    page = _page(client, topic, "secretariat")
    decisions = page.split('id="decisions-heading"', 1)[1].split("</section>", 1)[0]
    assert "Sikr plejehjemmenes kældre mod skybrud" not in decisions  # texts stay above
    assert "Kommunalbestyrelsens møde 25. juni 2018, punkt 7" in decisions
    assert decisions.count("<li") == 1


def test_topic_page_leaves_out_committees_whose_documents_are_hidden(world, client, file_document):
    closed = TaskCommittee.objects.create(body=world.other_task, state=State.CLOSED)
    file_document(world.other_task, "Lukket notat", "Tekst", AccessLevel.BODY, tags="Skybrud")
    Recommendation.objects.create(task=closed, number=1, text="Anbefaling om seniorboliger")
    assert "Anbefaling om seniorboliger" not in _page(client, world, "anonymous")
    assert "Anbefaling om seniorboliger" in _page(client, world, "secretariat")


def test_topic_page_runs_the_same_queries_however_many_recommendations(
    topic, client, django_assert_max_num_queries
):
    client.force_login(topic.mayor_user)
    client.get("/emne/skybrud/")
    closed = TaskCommittee.objects.get(body=topic.other_task)
    Recommendation.objects.bulk_create(
        Recommendation(task=closed, number=n, text=f"Anbefaling {n}", decision=Decision.REJECTED)
        for n in range(3, 60)
    )
    with django_assert_max_num_queries(20):
        client.get("/emne/skybrud/")
