"""Related committees on a committee's page: a shared topic, the same standing committee or
similar text, each link saying which relation produced it."""

import pytest

from samskab.core.access import AccessLevel
from samskab.library import queries
from samskab.organisation.models import BodyKind
from samskab.taskcommittees.lifecycle import State
from samskab.taskcommittees.models import TaskCommittee

from .. import factories as f

pytestmark = pytest.mark.django_db


def _related(page):
    """{name: relations} of the related committees' list on a page."""
    import re

    part = page.split('<h3 class="h4">', 1)[1].split("</ul>", 1)[0]
    return {
        name: relations
        for relations, name in re.findall(
            r'data-relations="([^"]*)"><a href="[^"]*">([^<]*)</a>', part
        )
    }


@pytest.fixture
def committees(world, file_document):
    world.task.description = "Regnvand, skybrud og grønne tage i villavejene"
    world.task.save()
    TaskCommittee.objects.create(body=world.task, state=State.WORKING)
    other_standing = f.BodyFactory(kind=BodyKind.STANDING_COMMITTEE, name="Økonomiudvalget")
    world.similar = f.BodyFactory(
        name="Vand i byen",
        parent=other_standing,
        description="Skybrud og regnvand: lokal afledning og grønne tage",
    )
    world.unrelated = f.BodyFactory(
        name="Fritidsliv", parent=other_standing, description="Idrætshaller og foreninger"
    )
    world.topical = f.BodyFactory(name="Kystsikring", parent=other_standing)
    file_document(world.task, "Skybrudsplan", "Tekst", tags="Klima")
    file_document(world.topical, "Diger ved Øresund", "Tekst", tags="Klima")
    return world


def test_related_committees_say_which_relation_links_them(committees, client):
    page = client.get("/opgaveudvalg/klima/").content.decode()
    related = _related(page)
    assert related["Vand i byen"] == "text"
    assert related["Kystsikring"] == "topic"
    assert related["Seniorliv"] == "committee"
    assert "Fritidsliv" not in related
    assert "lignende tekst" in page or "similar text" in page
    # The body's own page shows the same list.
    assert _related(client.get("/udvalg/klima/").content.decode()) == related


def test_related_by_topic_counts_only_documents_the_visitor_may_see(world, client, file_document):
    hidden = f.BodyFactory(name="Lukket udvalg", kind=BodyKind.ADVISORY_BOARD)
    file_document(world.task, "Skybrudsplan", "Tekst", tags="Klima")
    file_document(hidden, "Fortroligt", "Tekst", AccessLevel.SECRETARIAT, tags="Klima")
    assert "Lukket udvalg" not in _related(client.get("/udvalg/klima/").content.decode())
    client.force_login(world.secretariat_user)
    assert _related(client.get("/udvalg/klima/").content.decode())["Lukket udvalg"] == "topic"


def test_similar_text_is_kept_until_the_content_changes(committees, django_assert_num_queries):
    first = queries.similar_bodies(committees.task)
    assert first == [committees.similar.pk]
    # Asked again: one read of the generation and one of the kept answer.
    with django_assert_num_queries(2):
        assert queries.similar_bodies(committees.task) == first
    committees.unrelated.description = "Skybrud og regnvand ved hallerne, grønne tage"
    committees.unrelated.save()
    assert committees.unrelated.pk in queries.similar_bodies(committees.task)
