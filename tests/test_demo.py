"""The demo tells Gentofte's story with every feature alive (`make run` shows it).

Loading the demo is the slowest thing the suite does, so this module loads it once, inside a
transaction that is rolled back when the module ends; each test runs in a savepoint of its
own on top of it. The group keeps the module on one test worker, so it is loaded once per run.
"""

import datetime as dt
import io
import json
import re

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AnonymousUser
from django.core.management import call_command
from django.db import transaction
from django.test import Client, override_settings
from django.utils import timezone, translation
from django.utils.translation import gettext

from samskab.core.access import AccessLevel
from samskab.library import queries as library_queries
from samskab.library.models import Document, Extraction
from samskab.meetings.models import AgendaItem, Meeting, MeetingKind, MeetingStatus
from samskab.organisation.demo import CITIZEN_EMAIL, COUNCIL_MEMBER_EMAIL
from samskab.organisation.models import Body, BodyKind, Group, Membership, Person
from samskab.recruitment import breadth
from samskab.recruitment.models import AgeGroup, Application, Call
from samskab.surveys import queries as survey_queries
from samskab.surveys.models import Question, Round
from samskab.taskcommittees.lifecycle import FOLLOW_UP_OPEN, RUNNING, State
from samskab.taskcommittees.models import Decision, FollowUpItem, Input, TaskCommittee
from samskab.workspace.models import Idea, Invitation, Support, Thread

pytestmark = [pytest.mark.django_db, pytest.mark.slow, pytest.mark.xdist_group("demo")]

FAST_HASHER = ["django.contrib.auth.hashers.MD5PasswordHasher"]
AT_ONCE = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture(scope="module")
def demo_media(tmp_path_factory):
    return tmp_path_factory.mktemp("demo-media")


@pytest.fixture(scope="module", autouse=True)
def demo(django_db_setup, django_db_blocker, demo_media):
    """The demo, loaded once, as the per-test fixtures of conftest.py would load it."""
    with (
        django_db_blocker.unblock(),
        override_settings(MEDIA_ROOT=demo_media, PASSWORD_HASHERS=FAST_HASHER, TASKS=AT_ONCE),
        transaction.atomic(),
    ):
        translation.activate(settings.LANGUAGE_CODE)
        call_command("demo", stdout=io.StringIO())
        yield
        transaction.set_rollback(True)


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, demo_media):
    # The demo's files stay where it filed them (this replaces conftest.py's fixture).
    settings.MEDIA_ROOT = demo_media


def _counts():
    return {
        "people": Person.objects.count(),
        "bodies": Body.objects.count(),
        "memberships": Membership.objects.count(),
        "groups": Group.objects.count(),
        "meetings": Meeting.objects.count(),
        "documents": Document.objects.count(),
        "calls": Call.objects.count(),
        "applications": Application.objects.count(),
        "threads": Thread.objects.count(),
        "ideas": Idea.objects.count(),
        "supports": Support.objects.count(),
        "rounds": Round.objects.count(),
    }


def test_demo_loads_twice_without_change():
    first = _counts()
    call_command("demo", stdout=io.StringIO())
    assert _counts() == first


# The organisation and the task committees' life.

SEED_TASK_COMMITTEES = [
    "Innovation",
    "Integration",
    "Anbringelse",
    "Specialundervisning",
    "Arkitektur",
    "Udskoling",
    "Digitalisering",
    "Ungepolitik",
    "Boligsocial indsats",
    "Sundhedspolitik",
    "Borgerrettet behandling",
    "Forældre i Gentofte",
    "Idræts- og bevægelsespolitik",
    "Erhvervspolitik",
    "Bæredygtig Gentofte",
    "Trafik – Sikker i byen",
    "Værdighedspolitik",
    "Børn og unge i fællesskaber",
    "Detailhandel",
    "Kulturpolitik",
    "Skolereform",
    "Børn – kvalitet og struktur",
]


def test_demo_tells_gentofte_story(client):
    old = Body.objects.filter(
        kind=BodyKind.TASK_COMMITTEE, start_date__gte="2015-09-01", end_date__lte="2018-08-31"
    )
    assert old.count() == 23
    names = set(old.values_list("name", flat=True))
    for name in SEED_TASK_COMMITTEES:
        assert name in names
    for body in old:
        members = body.memberships.exclude(role="secretary")
        assert members.filter(is_council_member=True).count() == 5
        assert members.filter(is_council_member=False).count() == 10
        assert body.parent.kind in (BodyKind.STANDING_COMMITTEE, BodyKind.FINANCE_COMMITTEE)
    assert Body.objects.filter(kind=BodyKind.FINANCE_COMMITTEE).count() == 1
    assert Body.objects.filter(kind=BodyKind.STANDING_COMMITTEE).count() == 6
    response = client.get("/kommunalbestyrelsen/")
    sizes = {g.short_name: g.size for g in response.context["groups"]}
    assert sizes == {"C": 12, "A": 2, "B": 2, "V": 1, "F": 1, "Ø": 1}
    page = client.get("/").content.decode()
    for name in ("Innovation", "Skolereform", "Klimatilpasning og byens vand"):
        assert name in page
    for kind in BodyKind.values:
        assert Body.objects.filter(kind=kind).exists(), kind


def test_demo_shows_gentofte_2021_fifteen_seats_as_one_with_a_lot(client):
    response = client.get("/opgaveudvalg/klimatilpasning/kommissorium/")
    part = response.context["seats"]["parts"][0]
    result = part["result"]
    assert part["seats"] == 15
    assert result.seats["C"] >= 11 and result.seats["A"] >= 1 and result.seats["B"] >= 1
    boundary = [t for t in result.ties if t.at_boundary]
    assert len(boundary) == 1
    assert sorted(boundary[0].groups) == sorted(["C", "A", "B", "V", "F", "Ø"])
    assert len(boundary[0].winners) == 2


def test_demo_has_task_committees_in_every_state():
    states = set(TaskCommittee.objects.values_list("state", flat=True))
    assert states == set(State.values)
    assert Input.objects.exists()
    assert FollowUpItem.objects.filter(status="in_progress").exists()
    assert TaskCommittee.objects.filter(approved_version__isnull=False).count() >= 25


def test_demo_api_lists_23_old_task_committees_with_members(client):
    data = client.get("/api/v1/bodies/?kind=task_committee").json()
    assert data["count"] >= 23
    innovation = client.get("/api/v1/bodies/innovation/").json()
    assert innovation["members"] == []  # ended: former members are not current
    running = next(b for b in data["results"] if b["slug"] == "klimatilpasning")
    assert len([m for m in running["members"] if m["role"] != "secretary"]) == 15


def test_my_page_of_the_demo_citizen_shows_the_address_she_logs_in_with(client):
    """She logged in as borger@example.org and was shown person257@example.org."""
    assert client.login(email="borger@example.org", password="samskab-demo")
    page = client.get("/konto/").content.decode()
    assert "borger@example.org" in page
    assert "person" not in page.split("E-mail", 1)[1].split("</dd>", 1)[0]


# Recruitment.


def test_demo_has_an_open_call_with_a_gap_and_closed_calls_with_statistics(client):
    call = Call.objects.get(slug="fritidsliv-handicap")
    assert call.is_open()
    assert 55 <= Application.objects.in_pool().filter(call=call).count() <= 62
    report = breadth.report_for(call)
    assert "Ingen ansøgere under 30 år." in report.gaps
    assert "Vangede: ingen ansøgere." in report.gaps
    assert sum(g.population for g in AgeGroup.objects.all()) == 75_900  # the seed's figures
    erased = Call.objects.filter(anonymised_at__isnull=False)
    assert erased.count() >= 1
    for old in erased:
        assert old.applications.count() == 0
        assert old.statistics["total"] > 20
        assert breadth.report_for(old).total == old.statistics["total"]
    page = client.get("/deltag/").content.decode()
    assert "Fritidsliv for børn med handicap" in page


# Meetings.


def test_demo_has_the_councils_meeting_plan_for_a_year(client):
    now = timezone.now()
    meetings = Meeting.objects.all()
    council = meetings.filter(kind=MeetingKind.COUNCIL)
    assert 10 <= council.count() <= 13
    # No council meeting in July; every one on a Monday at 17.00 Danish time.
    starts = [timezone.localtime(m.start) for m in council]
    assert {s.month for s in starts} <= set(range(1, 13)) - {7}
    assert {(s.weekday(), s.hour) for s in starts} == {(0, 17)}
    # Joint meetings right after the council meeting of the same evening.
    for joint in meetings.filter(kind=MeetingKind.JOINT):
        same_day = council.get(start__date=joint.start.date())
        assert dt.timedelta(0) < joint.start - same_day.end <= dt.timedelta(minutes=30)
    assert meetings.filter(kind=MeetingKind.JOINT).count() == 5
    assert meetings.filter(kind=MeetingKind.STANDING_COMMITTEE).count() >= 4 * 7 - 7
    for task in TaskCommittee.objects.filter(state__in=RUNNING):
        assert meetings.filter(body=task.body).exists(), task
    workshop = meetings.get(kind=MeetingKind.WORKSHOP)
    assert workshop.capacity == 60
    assert "eksperter" in workshop.description
    # The past has minutes, approved; the future has none.
    past = meetings.filter(end__lt=now)
    assert past.exists()
    assert set(past.values_list("status", flat=True)) == {MeetingStatus.HELD}
    assert not AgendaItem.objects.filter(
        meeting__in=past, minutes_approved_at__isnull=True
    ).exists()
    assert not AgendaItem.objects.filter(meeting__start__gt=now).exclude(minutes="").exists()
    # The front page shows the public meetings to come.
    assert "Kommunalbestyrelsens møde" in client.get("/").content.decode()


# Documents and search.


def test_demo_files_documents_with_text_in_every_committee():
    for body in Body.objects.filter(kind=BodyKind.TASK_COMMITTEE):
        documents = Document.objects.filter(body=body)
        assert documents.count() >= 3, body
        assert set(documents.values_list("extraction", flat=True)) == {Extraction.DONE}, body
        assert all(len(text) > 100 for text in documents.values_list("text", flat=True)), body
    assert Document.objects.filter(agenda_item__isnull=False).exists()
    # Search finds the public documents for anybody, never the members' minutes.
    found = list(library_queries.search(AnonymousUser(), "skybrud"))
    assert found
    assert {d.access_level for d in found} == {"public"}


# Surveys: the 2015–18 evaluation reproduces the seed's figures, computed from its answers.

SEED_FIGURES = [
    # (question, group, the seed's figure)
    ("aktive-borgere", "politicians", 77),
    ("gode-loesninger", "citizens", 87),
    ("bred-rekruttering", "politicians", 65),
    ("svaert-at-foelge", "citizens", 79),
    ("lydhoere-politikere", "citizens", 89),
]


def test_demo_evaluation_reproduces_the_seeds_figures_and_leaves_a_round_open():
    client = Client()
    for key, group, figure in SEED_FIGURES:
        question = Question.objects.get(key=key, question_set__family="standard")
        comparison = survey_queries.comparison(
            AnonymousUser(), question, first_year=2015, last_year=2018
        )
        cell = comparison.total.cells[group]
        assert round(cell.headline(question)) == figure, key
        # Every one of the 23 committees shows, so the figure leaves nobody out.
        assert len(comparison.committees) == 23
        # The public API says the same.
        response = client.get(
            f"/api/v1/surveys/comparison/?question={question.pk}&first_year=2015&last_year=2018"
        )
        rows = json.loads(response.content)["rows"]
        [total] = [r for r in rows if r["label"] == "all" and r["group"] == group]
        assert round(total["headline_percent"]) == figure, key
    # A running committee has a round open, and the demo citizen finds the link on their page.
    client.force_login(get_user_model().objects.get(email=CITIZEN_EMAIL))
    page = client.get("/evaluering/mine/").content.decode()
    [link] = [part.split('"')[0] for part in page.split('href="')[1:] if "/svar/" in part]
    assert client.get(link).status_code == 200
    assert Round.objects.filter(body__slug="klimatilpasning").get().is_open()
    # The pulse asks about a meeting Fremtidens seniorliv held, and is published.
    pulse = Round.objects.get(kind="pulse")
    assert pulse.meeting is not None
    assert (pulse.meeting.body.slug, pulse.meeting.status) == ("fremtidens-seniorliv", "held")
    assert pulse.opened_at > pulse.meeting.end
    assert pulse.published


# The collaboration room.


def test_demo_has_a_live_room_for_each_running_committee_and_an_idea_decided():
    for task in TaskCommittee.objects.filter(state__in=RUNNING):
        assert Thread.objects.filter(body=task.body).exists(), task
    levels = set(Thread.objects.values_list("access_level", flat=True))
    assert levels == {AccessLevel.BODY, AccessLevel.COUNCIL, AccessLevel.PUBLIC}
    assert Support.objects.count() >= 10
    invitation = Invitation.objects.get()
    assert invitation.body.kind == BodyKind.WORKING_GROUP
    assert invitation.person.user is None
    decided = Idea.objects.get(draft__recommendation__isnull=False)
    assert decided.draft.recommendation.decision != Decision.PENDING
    assert decided.body.task.state in FOLLOW_UP_OPEN
    page = Client().get(f"/rum/{decided.body.slug}/")
    assert page.status_code == 200
    assert "Opfølgning" in page.content.decode()


# The portal: search by state, topics, similar text, papers with terms and results, Min side.


def _count(page):
    return int(re.search(r'data-count="(\d+)"', page).group(1))


def test_demo_search_by_state_finds_the_working_committees_papers(client):
    working = client.get("/soeg/", {"q": "klima", "state": "working"}).content.decode()
    everything = client.get("/soeg/", {"q": "klima"}).content.decode()
    assert 0 < _count(working) < _count(everything)


def test_demo_topic_page_gathers_recommendations_and_decisions(client):
    page = client.get("/emne/klima/").content.decode()
    assert 'id="recommendations-heading"' in page
    assert 'id="decisions-heading"' in page
    assert "Grøn mobilitet" in page


def test_demo_committee_pages_link_committees_with_similar_text(client):
    page = client.get("/opgaveudvalg/udskoling/").content.decode()
    assert re.search(
        r'data-relations="[a-z ]*text[a-z ]*"><a href="[^"]*">Læring i udskolingen', page
    )


def test_demo_files_papers_with_terms_and_results(client):
    assert Document.objects.filter(terms__isnull=False).exists()
    terms = client.get("/opgaveudvalg/klimatilpasning/kommissorium/").content.decode()
    assert "Bilag til kommissoriet" in terms
    result = client.get("/opgaveudvalg/groen-mobilitet/").content.decode()
    assert "Præsentation af anbefalingerne fra Grøn mobilitet" in result


def test_demo_min_side_of_the_council_member_and_the_citizen(client):
    from samskab.accounts.models import User

    client.force_login(User.objects.get(email=COUNCIL_MEMBER_EMAIL))
    mayor = client.get("/konto/").content.decode()
    assert gettext("Follow-up is overdue") in mayor
    assert 'id="recent-decisions-heading"' in mayor
    client.force_login(User.objects.get(email=CITIZEN_EMAIL))
    citizen = client.get("/konto/").content.decode()
    assert 'href="/rum/klimatilpasning/"' in citizen
    assert "Referat af arbejdsmøde i Klimatilpasning" in citizen
