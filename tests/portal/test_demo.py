"""The demo shows the portal's knowledge with real content: search by state, topic pages with
recommendations and decisions, related committees by similar text, papers with the terms and
the results, and Min side for the council member and the citizen member.

The demo is loaded once for the module, inside a transaction rolled back at its end (as
tests/test_demo.py does)."""

import io
import re

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings
from django.utils import translation
from django.utils.translation import gettext

from samskab.library import similar
from samskab.library.models import Document
from samskab.organisation.demo import CITIZEN_EMAIL, COUNCIL_MEMBER_EMAIL

pytestmark = [pytest.mark.django_db, pytest.mark.slow, pytest.mark.xdist_group("demo")]

FAST_HASHER = ["django.contrib.auth.hashers.MD5PasswordHasher"]
AT_ONCE = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture(scope="module")
def demo_media(tmp_path_factory):
    return tmp_path_factory.mktemp("portal-demo-media")


@pytest.fixture(scope="module", autouse=True)
def demo(django_db_setup, django_db_blocker, demo_media):
    with (
        django_db_blocker.unblock(),
        override_settings(MEDIA_ROOT=demo_media, PASSWORD_HASHERS=FAST_HASHER, TASKS=AT_ONCE),
        transaction.atomic(),
    ):
        translation.activate(settings.LANGUAGE_CODE)
        call_command("demo", stdout=io.StringIO())
        # What the task worker does once the committees are in the search index.
        similar.refresh_all()
        yield
        transaction.set_rollback(True)


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, demo_media):
    settings.MEDIA_ROOT = demo_media


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
