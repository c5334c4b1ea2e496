"""Related committees on a committee's page: a shared topic, the same standing committee or
similar text, each link saying which relation produced it."""

import pytest

from samskab.core.access import AccessLevel
from samskab.library import similar
from samskab.library.models import BodyTopic, SimilarBody, Tag
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
    # What the task worker does after the committees' text is saved.
    similar.refresh(world.task)
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


def test_similar_text_is_worked_out_again_when_a_committees_text_changes(
    committees, client, django_capture_on_commit_callbacks
):
    assert similar.similar(committees.task) == [(committees.similar.pk, 3)]
    # Kept both ways round: the other committee's page links back.
    assert SimilarBody.objects.filter(body=committees.similar, other=committees.task).exists()
    assert "Fritidsliv" not in _related(client.get("/udvalg/klima/").content.decode())
    with django_capture_on_commit_callbacks(execute=True):
        committees.unrelated.description = "Skybrud og regnvand ved hallerne, grønne tage"
        committees.unrelated.save()
    assert _related(client.get("/udvalg/klima/").content.decode())["Fritidsliv"] == "text"


def test_related_committees_take_one_query_however_many(committees, django_assert_num_queries):
    from django.contrib.auth.models import AnonymousUser

    from samskab.library import queries

    with django_assert_num_queries(1):
        related = queries.related_bodies(AnonymousUser(), committees.task)
    assert {r.body.name for r in related} >= {"Vand i byen", "Kystsikring", "Seniorliv"}


def test_command_works_out_every_committee_again(committees):
    import io

    from django.core.management import call_command

    SimilarBody.objects.all().delete()
    out = io.StringIO()
    call_command("similar_committees", stdout=out)
    assert "task committees" in out.getvalue()
    assert SimilarBody.objects.filter(body=committees.task, other=committees.similar).exists()


def _topical(client):
    return _related(client.get("/udvalg/klima/").content.decode()).get("Kystsikring")


def _refile(user, document, level, tags):
    from samskab.library import services

    return services.update_document(
        user,
        document,
        version=document.version,
        title=document.title,
        kind=document.kind,
        date=document.date,
        access_level=level,
        tags=tags,
    )


def test_shared_topics_follow_a_documents_level_tags_and_deletion(committees, client):
    diger = committees.topical.documents.get()
    assert _topical(client) == "topic"
    # Made secretariat-only: the anonymous visitor no longer sees what links them.
    diger = _refile(committees.secretariat_user, diger, AccessLevel.SECRETARIAT, ["Klima"])
    assert _topical(client) is None
    diger = _refile(committees.secretariat_user, diger, AccessLevel.PUBLIC, ["Kyst"])
    assert _topical(client) is None
    diger.tags.add(Tag.objects.get(name="Klima"))
    assert _topical(client) == "topic"
    diger.delete()
    assert _topical(client) is None


def test_a_save_of_other_fields_leaves_the_topics_alone(committees):
    """Text extraction saves the text and its state by name: no body or level changes, so no
    query of the topics (it refreshed them for every document extracted)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    diger = committees.topical.documents.get()
    diger.text = "Diger og højvandssikring langs Strandvejen"
    with CaptureQueriesContext(connection) as saved:
        diger.save(update_fields=["text"])
    assert not [q for q in saved.captured_queries if "library_bodytopic" in q["sql"]]
    with CaptureQueriesContext(connection) as moved:
        diger.body = committees.unrelated
        diger.save(update_fields=["body"])
    assert [q for q in moved.captured_queries if "library_bodytopic" in q["sql"]]


def test_a_document_moved_to_another_body_takes_its_topic_along(committees, client):
    diger = committees.topical.documents.get()
    diger.body = committees.unrelated
    diger.save()
    related = _related(client.get("/udvalg/klima/").content.decode())
    assert related.get("Fritidsliv") == "topic"
    assert "Kystsikring" not in related


def test_topics_are_rebuilt_after_a_load_that_sends_no_signals(committees, client):
    from samskab.library import topics

    BodyTopic.objects.all().delete()
    assert _topical(client) is None
    topics.refresh_all()
    assert _topical(client) == "topic"


def test_shared_topics_follow_a_tag_given_to_or_taken_from_documents(committees, client):
    klima = Tag.objects.get(name="Klima")
    klima.documents.clear()
    assert _topical(client) is None
    klima.documents.add(*committees.topical.documents.all(), *committees.task.documents.all())
    assert _topical(client) == "topic"
