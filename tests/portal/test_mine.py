"""Min side: recent decisions, follow-up due for council members, the person's committees with
their rooms, latest documents and news; each for the roles it concerns, in bounded queries."""

import datetime as dt
import re

import pytest
from django.utils.translation import gettext

from samskab.core.access import AccessLevel
from samskab.organisation.models import BodyKind, Role
from samskab.taskcommittees.lifecycle import State
from samskab.taskcommittees.models import (
    Decision,
    FollowUpItem,
    FollowUpStatus,
    Recommendation,
    StateChange,
    TaskCommittee,
)

from .. import factories as f

pytestmark = pytest.mark.django_db


def _mine(client, user):
    client.force_login(user)
    response = client.get("/konto/")
    assert response.status_code == 200
    return response.content.decode()


def _section(page, heading_id):
    match = re.search(rf'<section aria-labelledby="{heading_id}"[^>]*>(.*?)</section>', page, re.S)
    return match.group(1) if match else ""


@pytest.fixture
def decided(world):
    """Seniorliv has delivered and the council decided (public); Klimatilpasning is at work and
    its recommendation's decision is the council's to read only."""
    today = world.today
    world.senior = TaskCommittee.objects.create(body=world.other_task, state=State.FOLLOWING_UP)
    world.klima = TaskCommittee.objects.create(body=world.task, state=State.WORKING)
    adopted = Recommendation.objects.create(
        task=world.senior,
        number=1,
        text="Flere bænke langs Hellerupvej",
        decision=Decision.ADOPTED,
        decided_on=today - dt.timedelta(days=40),
    )
    Recommendation.objects.create(
        task=world.klima,
        number=1,
        text="Fortroligt forslag om regnvandsbassin",
        decision=Decision.REJECTED,
        decided_on=today - dt.timedelta(days=2),
    )
    FollowUpItem.objects.create(
        recommendation=adopted,
        owner=world.standing,
        due_date=today - dt.timedelta(days=5),
        status=FollowUpStatus.IN_PROGRESS,
    )
    second = Recommendation.objects.create(
        task=world.senior, number=2, text="Seniorcafé på biblioteket", decision=Decision.ADOPTED
    )
    FollowUpItem.objects.create(
        recommendation=second, owner=world.standing, due_date=today + dt.timedelta(days=10)
    )
    third = Recommendation.objects.create(
        task=world.senior, number=3, text="Gåture om søndagen", decision=Decision.ADOPTED
    )
    FollowUpItem.objects.create(
        recommendation=third, owner=world.standing, due_date=today + dt.timedelta(days=200)
    )
    return world


def test_council_member_sees_follow_up_due_and_overdue(decided, client):
    page = _mine(client, decided.mayor_user)
    awaits = _section(page, "awaits-heading")
    assert gettext("Follow-up due or overdue") in awaits
    assert gettext("Follow-up is overdue") in awaits
    assert gettext("Follow-up is due") in awaits
    assert "/opgaveudvalg/senior/opfoelgning/" in awaits
    # Due in half a year: not yet.
    assert awaits.count("/opgaveudvalg/senior/opfoelgning/") == 2


@pytest.mark.parametrize("who", ["citizen_user", "other_citizen_user", "plain_user"])
def test_others_see_no_follow_up_due(decided, client, who):
    awaits = _section(_mine(client, getattr(decided, who)), "awaits-heading")
    assert gettext("Follow-up due or overdue") not in awaits


@pytest.mark.parametrize(
    ("who", "sees_unpublished"),
    [
        ("mayor_user", True),
        ("secretariat_user", True),
        ("citizen_user", False),
        ("other_citizen_user", False),
        ("plain_user", False),
    ],
)
def test_recent_decisions_only_of_results_the_person_may_read(
    decided, client, who, sees_unpublished
):
    decisions = _section(_mine(client, getattr(decided, who)), "recent-decisions-heading")
    assert "Flere bænke langs Hellerupvej" in decisions
    assert ("Fortroligt forslag om regnvandsbassin" in decisions) == sees_unpublished


@pytest.fixture
def committee_news(world, file_document):
    TaskCommittee.objects.create(
        body=world.task, state=State.WORKING, state_changed_on=dt.date(2026, 3, 1)
    )
    file_document(world.task, "Referat fra workshop om regnbede", "Tekst", AccessLevel.BODY)
    file_document(world.task, "Notat til byrådet", "Tekst", AccessLevel.SECRETARIAT)
    return world


def test_citizen_member_sees_their_committee_its_room_documents_and_news(committee_news, client):
    mine = _section(_mine(client, committee_news.citizen_user), "committees-heading")
    assert "Klimatilpasning" in mine
    assert 'href="/rum/klima/"' in mine
    assert "Referat fra workshop om regnbede" in mine
    assert "Notat til byrådet" not in mine
    # News: where its process stands now, and since when.
    assert str(State.WORKING.label).capitalize() in mine
    assert gettext("since %(date)s") % {"date": "1. marts 2026"} in mine


def test_a_member_of_another_committee_sees_only_their_own(committee_news, client):
    mine = _section(_mine(client, committee_news.other_citizen_user), "committees-heading")
    assert 'href="/rum/senior/"' in mine
    assert "Klimatilpasning" not in mine
    assert "Referat fra workshop om regnbede" not in mine


def test_someone_without_a_seat_has_no_committees(committee_news, client):
    assert _section(_mine(client, committee_news.plain_user), "committees-heading") == ""


def test_a_working_group_member_gets_its_room_and_the_committees_news(committee_news, client):
    group = f.BodyFactory(
        kind=BodyKind.WORKING_GROUP, name="Regnbede", slug="regnbede", parent=committee_news.task
    )
    person = f.PersonFactory(name="Gitte Gruppe", user=committee_news.plain_user)
    f.MembershipFactory(
        person=person, body=group, role=Role.MEMBER, start_date=committee_news.today
    )
    mine = _section(_mine(client, committee_news.plain_user), "committees-heading")
    assert 'href="/rum/regnbede/"' in mine
    # News: where its process stands now, and since when.
    assert str(State.WORKING.label).capitalize() in mine
    assert gettext("since %(date)s") % {"date": "1. marts 2026"} in mine


def _grow(world, file_document, n):
    """n more task committees the citizen sits in, each with documents, steps and decisions."""
    for i in range(n):
        body = f.BodyFactory(name=f"Udvalg for emne {i}", parent=world.standing)
        f.MembershipFactory(
            person=world.citizen, body=body, start_date=world.today - dt.timedelta(days=10)
        )
        f.MembershipFactory(
            person=world.mayor,
            body=body,
            is_council_member=True,
            start_date=world.today - dt.timedelta(days=10),
        )
        task = TaskCommittee.objects.create(body=body, state=State.FOLLOWING_UP)
        for k in range(4):
            StateChange.objects.create(
                task=task, target=State.WORKING, date=world.today - dt.timedelta(days=k)
            )
            file_document(body, f"Dokument {i}-{k}", "Tekst", AccessLevel.BODY)
            rec = Recommendation.objects.create(
                task=task,
                number=k + 1,
                text="Anbefaling",
                decision=Decision.ADOPTED,
                decided_on=world.today,
            )
            FollowUpItem.objects.create(
                recommendation=rec, owner=world.standing, due_date=world.today
            )


@pytest.mark.parametrize("who", ["citizen_user", "mayor_user", "secretariat_user"])
def test_my_page_runs_the_same_queries_with_more_committees(world, file_document, client, who):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    user = getattr(world, who)
    _grow(world, file_document, 1)
    client.force_login(user)
    client.get("/konto/")
    with CaptureQueriesContext(connection) as small:
        client.get("/konto/")
    _grow(world, file_document, 6)
    with CaptureQueriesContext(connection) as large:
        client.get("/konto/")
    assert len(large) == len(small)


def test_citizen_member_sees_their_committees_next_meeting(committee_news, client):
    from django.utils import timezone

    from samskab.meetings import services as meetings

    start = timezone.now() + dt.timedelta(days=6)
    meetings.plan_meeting(
        committee_news.secretariat_user,
        body=committee_news.task,
        title="Workshop om regnbede",
        start=start,
        end=start + dt.timedelta(hours=2),
    )
    mine = _section(_mine(client, committee_news.citizen_user), "committees-heading")
    assert gettext("Next meeting") in mine
    assert "Workshop om regnbede" in mine
    other = _section(_mine(client, committee_news.other_citizen_user), "committees-heading")
    assert "Workshop om regnbede" not in other
