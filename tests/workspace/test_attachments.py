"""Posts attach documents from the library: only those the poster may open (the library's own
rule), and each reader sees only the attachments they may open, on the page and in the API."""

import re

import pytest
from django.test import Client

from samskab.core.access import AccessLevel
from samskab.workspace import services
from samskab.workspace.models import Attachment, Thread
from tests.library.files import docx_bytes, upload

pytestmark = pytest.mark.django_db


def _document(world, body, title, level):
    from samskab.library import services as library

    return library.upload(
        world.secretariat_user,
        body=body,
        file=upload("notat.docx", docx_bytes(title)),
        title=title,
        access_level=level,
    )


@pytest.fixture
def papers(world, room):
    return {
        "public": _document(world, world.task, "Skybrudsplan 2026", AccessLevel.PUBLIC),
        "body": _document(world, world.task, "Udvalgets arbejdsnotat", AccessLevel.BODY),
        "secretariat": _document(
            world, world.task, "Sekretariatets interne notat", AccessLevel.SECRETARIAT
        ),
        "other": _document(world, world.other_task, "Seniorlivs notat", AccessLevel.BODY),
    }


def _client(user=None):
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def test_a_member_attaches_documents_she_may_open_to_a_new_thread_on_the_page(world, room, papers):
    member = _client(world.citizen_user)
    form = member.get("/rum/klima/ny-traad/").content.decode()
    # The form offers the room's documents she may open, and nothing else.
    assert "Skybrudsplan 2026" in form and "Udvalgets arbejdsnotat" in form
    assert "Sekretariatets interne notat" not in form and "Seniorlivs notat" not in form
    response = member.post(
        "/rum/klima/ny-traad/",
        {
            "title": "Regnvand på skolerne",
            "access_level": AccessLevel.PUBLIC,
            "text": "Se planen og vores notat.",
            "documents": [papers["public"].pk, papers["body"].pk],
        },
    )
    assert response.status_code == 302
    thread = Thread.objects.get(title="Regnvand på skolerne")
    post = thread.posts.get()
    assert sorted(a.document.title for a in Attachment.objects.filter(post=post)) == [
        "Skybrudsplan 2026",
        "Udvalgets arbejdsnotat",
    ]
    # Each reader sees only what they may open themselves.
    seen = {
        "anonymous": _client(),
        "plain": _client(world.plain_user),
        "member": member,
        "chair": _client(world.mayor_user),
        "secretariat": _client(world.secretariat_user),
    }
    for who, client in seen.items():
        page = client.get(thread.get_absolute_url()).content.decode()
        assert "Skybrudsplan 2026" in page, who
        assert f'href="/dokumenter/{papers["public"].pk}/"' in page, who
        may_open_body = who in ("member", "chair", "secretariat")
        assert (f'href="/dokumenter/{papers["body"].pk}/"' in page) == may_open_body, who


def test_a_document_the_poster_may_not_open_is_refused_next_to_the_field(world, room, papers):
    member = _client(world.citizen_user)
    # A document of another committee is not even offered: the form refuses the choice.
    response = member.post(
        f"/rum/traade/{room.body_thread.pk}/svar/",
        {"text": "Se dette notat.", "documents": [papers["other"].pk]},
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "Se dette notat." in page  # nothing typed is lost
    assert 'id="id_documents_error"' in page or "form-error-message" in page
    assert room.body_thread.posts.count() == 1
    # The service asks the library's rule whatever the page offered.
    from samskab.core.errors import DomainError

    with pytest.raises(DomainError) as refused:
        services.reply(
            world.citizen_user,
            room.body_thread,
            text="Og dette.",
            documents=[papers["secretariat"].pk],
        )
    assert refused.value.field == "documents"


def test_attachments_in_the_api_are_filtered_per_reader(world, room, papers):
    member = _client(world.citizen_user)
    created = member.post(
        "/api/v1/rooms/klima/threads/",
        {
            "title": "Offentlig tråd med bilag",
            "text": "Bilag vedlagt.",
            "access_level": AccessLevel.PUBLIC,
            "documents": [papers["public"].pk, papers["body"].pk],
        },
        content_type="application/json",
    )
    assert created.status_code == 201
    thread_id = created.json()["id"]
    titles = [d["title"] for d in created.json()["posts"][0]["attachments"]]
    assert titles == ["Skybrudsplan 2026", "Udvalgets arbejdsnotat"]
    for client, expected in (
        (_client(), ["Skybrudsplan 2026"]),
        (_client(world.plain_user), ["Skybrudsplan 2026"]),
        (_client(world.mayor_user), ["Skybrudsplan 2026", "Udvalgets arbejdsnotat"]),
        (_client(world.secretariat_user), ["Skybrudsplan 2026", "Udvalgets arbejdsnotat"]),
    ):
        answer = client.get(f"/api/v1/threads/{thread_id}/").json()
        assert [d["title"] for d in answer["posts"][0]["attachments"]] == expected
    refused = member.post(
        f"/api/v1/threads/{thread_id}/posts/",
        {"text": "Og det interne notat.", "documents": [papers["secretariat"].pk]},
        content_type="application/json",
    )
    assert refused.status_code == 400
    assert refused.json()["field"] == "documents"
    # A document that does not exist is refused the same way: the answer tells nothing.
    unknown = member.post(
        f"/api/v1/threads/{thread_id}/posts/",
        {"text": "Og et andet.", "documents": [999999]},
        content_type="application/json",
    )
    assert unknown.json()["detail"] == refused.json()["detail"]
    reply = member.post(
        f"/api/v1/threads/{thread_id}/posts/",
        {"text": "Planen igen.", "documents": [papers["public"].pk]},
        content_type="application/json",
    )
    assert reply.status_code == 201
    assert [d["id"] for d in reply.json()["attachments"]] == [papers["public"].pk]


def test_a_hidden_post_shows_no_attachments(world, room, papers):
    post = services.reply(
        world.citizen_user, room.body_thread, text="Bilag.", documents=[papers["body"].pk]
    )
    services.hide_post(world.secretariat_user, post, reason="Forkert tråd.")
    page = _client(world.mayor_user).get(room.body_thread.get_absolute_url()).content.decode()
    assert f'href="/dokumenter/{papers["body"].pk}/"' not in page
    assert re.search(r"Forkert tråd\.", page)
