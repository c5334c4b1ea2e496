"""Threads and posts over HTTP: access levels for every role, versions, the closed room,
mentions and moderation."""

import pytest
from auditlog.models import LogEntry
from django.test import Client

from samskab.core.access import AccessLevel
from samskab.organisation.models import Role
from samskab.taskcommittees.lifecycle import State
from samskab.workspace.models import Post, PostVersion, Report
from tests import factories as f

pytestmark = pytest.mark.django_db


def _client(user):
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def _roles(world):
    return {
        "anonymous": None,
        "plain": world.plain_user,
        "other_body": world.other_citizen_user,
        "member": world.citizen_user,
        "council": world.councillor_user,
        "chair": world.mayor_user,
        "secretariat": world.secretariat_user,
    }


@pytest.fixture
def councillor(world):
    """A council member who is not on the committee."""
    world.councillor_user = f.UserFactory(email="anders@example.org")
    world.councillor.user = world.councillor_user
    world.councillor.save()
    return world.councillor


# Who reads a thread at each level: body members and the secretariat (and former members)
# read "body"; council members too read "council"; everyone reads "public".
EXPECTED = {
    AccessLevel.BODY: {
        "anonymous": 302,
        "plain": 404,
        "other_body": 404,
        "member": 200,
        "council": 404,
        "chair": 200,
        "secretariat": 200,
    },
    AccessLevel.COUNCIL: {
        "anonymous": 302,
        "plain": 404,
        "other_body": 404,
        "member": 404,
        "council": 200,
        "chair": 200,
        "secretariat": 200,
    },
    AccessLevel.PUBLIC: dict.fromkeys(
        ("anonymous", "plain", "other_body", "member", "council", "chair", "secretariat"), 200
    ),
}


@pytest.mark.parametrize("level", list(EXPECTED))
def test_thread_access_level_decides_who_reads_it_for_every_role(world, room, councillor, level):
    thread = room.threads[level]
    for role, user in _roles(world).items():
        response = _client(user).get(f"/rum/traade/{thread.pk}/")
        assert response.status_code == EXPECTED[level][role], role
        api = _client(user).get(f"/api/v1/threads/{thread.pk}/")
        assert api.status_code == (200 if EXPECTED[level][role] == 200 else 404), role


def test_room_lists_only_the_threads_a_role_may_read(world, room, councillor):
    titles = {
        role: {t["title"] for t in _client(user).get("/api/v1/rooms/klima/threads/").json()}
        for role, user in _roles(world).items()
    }
    assert titles["anonymous"] == {"Tråd (public)"}
    assert titles["member"] == {"Tråd (body)", "Tråd (public)"}
    assert titles["council"] == {"Tråd (council)", "Tråd (public)"}
    assert titles["secretariat"] == {"Tråd (body)", "Tråd (council)", "Tråd (public)"}
    page = _client(world.citizen_user).get("/rum/klima/")
    assert page.status_code == 200
    assert "Tråd (body)" in page.content.decode()
    assert "Tråd (council)" not in page.content.decode()


def test_reply_adds_a_post_and_an_outsider_cannot_reply(world, room):
    client = _client(world.mayor_user)
    response = client.post(
        f"/rum/traade/{room.body_thread.pk}/svar/",
        {"text": "Godt forslag.", "accept_code": "on"},
    )
    assert response.status_code == 302
    assert room.body_thread.posts.count() == 2
    outsider = _client(world.other_citizen_user).post(
        f"/api/v1/threads/{room.threads['public'].pk}/posts/",
        {"text": "Må jeg?", "accept_code_of_conduct": True},
        content_type="application/json",
    )
    assert outsider.status_code == 403


def test_first_post_shows_the_code_of_conduct_and_needs_it_accepted(world, room):
    client = _client(world.mayor_user)
    page = client.get(f"/rum/traade/{room.body_thread.pk}/")
    assert "Code of conduct" in page.content.decode() or "Adfærdskodeks" in page.content.decode()
    refused = client.post(f"/rum/traade/{room.body_thread.pk}/svar/", {"text": "Hej."})
    assert refused.status_code == 400
    assert "Hej." in refused.content.decode()  # what was typed is kept
    assert room.body_thread.posts.count() == 1
    # Her second post needs no acceptance any more; the citizen (who posted) sees no code.
    assert (
        "accept_code"
        not in _client(world.citizen_user)
        .get(f"/rum/traade/{room.body_thread.pk}/")
        .content.decode()
    )


def test_edits_are_kept_as_versions(world, room):
    client = _client(world.citizen_user)
    response = client.patch(
        f"/api/v1/posts/{room.post.pk}/",
        {"text": "Rettet tekst.", "version": 1},
        content_type="application/json",
    )
    assert response.status_code == 200
    assert response.json()["version"] == 2
    assert list(PostVersion.objects.filter(post=room.post).values_list("number", "text")) == [
        (1, "Første indlæg (body)."),
        (2, "Rettet tekst."),
    ]
    stale = client.post(
        f"/rum/indlaeg/{room.post.pk}/rediger/", {"text": "Min nye tekst.", "version": 1}
    )
    assert stale.status_code == 409
    assert "Min nye tekst." in stale.content.decode()


def test_editing_someone_elses_post_is_refused_with_a_reason(world, room):
    client = _client(world.mayor_user)
    page = client.get(f"/rum/indlaeg/{room.post.pk}/rediger/")
    assert page.status_code == 403
    api = client.patch(
        f"/api/v1/posts/{room.post.pk}/",
        {"text": "Borgmesterens tekst.", "version": 1},
        content_type="application/json",
    )
    assert api.status_code == 403
    assert api.json()["detail"] == "Du kan kun rette dine egne indlæg."
    assert Post.objects.get(pk=room.post.pk).text == "Første indlæg (body)."


def test_closed_room_is_read_only_with_a_reason(world, room):
    room.task.state = State.CLOSED
    room.task.save()
    client = _client(world.citizen_user)
    assert client.get(f"/rum/traade/{room.body_thread.pk}/").status_code == 200
    response = client.post(f"/rum/traade/{room.body_thread.pk}/svar/", {"text": "Er der nogen?"})
    assert response.status_code == 409
    assert "Er der nogen?" in response.content.decode()
    api = client.post(
        f"/api/v1/threads/{room.body_thread.pk}/posts/",
        {"text": "Er der nogen?"},
        content_type="application/json",
    )
    assert api.status_code == 409
    assert api.json()["field"] == "text"
    new = client.post(
        "/api/v1/rooms/klima/threads/",
        {"title": "Ny", "text": "Tekst"},
        content_type="application/json",
    )
    assert new.status_code == 409
    assert room.body_thread.posts.count() == 1


def test_former_member_keeps_read_access(world, room):
    former_user = f.UserFactory(email="frida@example.org")
    world.former.user = former_user
    world.former.save()
    client = _client(former_user)
    assert client.get(f"/rum/traade/{room.body_thread.pk}/").status_code == 200
    assert client.get("/rum/klima/").status_code == 200
    refused = client.post(
        f"/api/v1/threads/{room.body_thread.pk}/posts/",
        {"text": "Jeg er her stadig.", "accept_code_of_conduct": True},
        content_type="application/json",
    )
    assert refused.status_code == 403


def test_mention_notifies_the_person_by_email(world, room, mailoutbox):
    client = _client(world.citizen_user)
    response = client.post(
        f"/rum/traade/{room.body_thread.pk}/svar/",
        {"text": "Hvad mener du, @Birgitte Borgmester?"},
    )
    assert response.status_code == 302
    assert [m.to for m in mailoutbox] == [["mayor@example.org"]]
    assert f"/rum/traade/{room.body_thread.pk}/" in mailoutbox[0].body


def test_mention_of_someone_who_cannot_see_the_thread_is_refused(world, room, mailoutbox):
    client = _client(world.citizen_user)
    response = client.post(
        f"/rum/traade/{room.body_thread.pk}/svar/",
        {"text": "Spørg @Ole Andenborger om det."},
    )
    assert response.status_code == 400
    content = response.content.decode()
    assert "Ole Andenborger" in content
    assert "Spørg @Ole Andenborger om det." in content  # kept
    api = client.post(
        f"/api/v1/threads/{room.body_thread.pk}/posts/",
        {"text": "Spørg @Ole Andenborger om det."},
        content_type="application/json",
    )
    assert api.status_code == 400
    assert api.json()["field"] == "text"
    assert "Ole Andenborger" in api.json()["detail"]
    assert room.body_thread.posts.count() == 1
    assert mailoutbox == []


def test_anyone_who_reads_can_report_and_the_chair_hides_with_a_reason(world, room):
    public = room.threads["public"].posts.get()
    reporter = _client(world.other_citizen_user)
    assert (
        reporter.post(f"/rum/indlaeg/{public.pk}/anmeld/", {"reason": "Personangreb."}).status_code
        == 302
    )
    assert Report.objects.filter(post=public).count() == 1
    # A citizen member cannot hide; the chair (a council member) can.
    assert (
        _client(world.citizen_user)
        .post(
            f"/api/v1/posts/{public.pk}/hiding/",
            {"reason": "Nej."},
            content_type="application/json",
        )
        .status_code
        == 403
    )
    empty = _client(world.mayor_user).post(f"/rum/indlaeg/{public.pk}/skjul/", {"reason": ""})
    assert empty.status_code == 400
    hidden = _client(world.mayor_user).post(
        f"/rum/indlaeg/{public.pk}/skjul/", {"reason": "Strider mod adfærdskodeks."}
    )
    assert hidden.status_code == 302
    page = Client().get(room.threads["public"].get_absolute_url()).content.decode()
    assert "Strider mod adfærdskodeks." in page
    assert "Første indlæg (public)." not in page
    api = Client().get(f"/api/v1/threads/{room.threads['public'].pk}/").json()
    assert api["posts"][0]["text"] is None
    assert api["posts"][0]["hidden_reason"] == "Strider mod adfærdskodeks."
    actions = set(
        LogEntry.objects.filter(object_pk=str(public.pk)).values_list(
            "additional_data__action", flat=True
        )
    )
    assert {"report_post", "hide_post"} <= actions


def test_secretariat_hides_and_a_vice_chair_does_not(world, room):
    vice = f.PersonFactory(name="Vera Næstformand")
    vice_user = f.UserFactory(email="vera@example.org")
    vice.user = vice_user
    vice.save()
    f.MembershipFactory(
        person=vice, body=world.task, role=Role.VICE_CHAIR, start_date=world.task.start_date
    )
    assert (
        _client(vice_user)
        .post(
            f"/api/v1/posts/{room.post.pk}/hiding/",
            {"reason": "x"},
            content_type="application/json",
        )
        .status_code
        == 403
    )
    assert (
        _client(world.secretariat_user)
        .post(
            f"/api/v1/posts/{room.post.pk}/hiding/",
            {"reason": "Personoplysninger."},
            content_type="application/json",
        )
        .status_code
        == 200
    )
    assert Post.objects.get(pk=room.post.pk).hidden_reason == "Personoplysninger."


def test_room_of_a_body_that_is_no_room_is_not_found(world, client):
    assert client.get("/rum/kb/").status_code == 404
    assert client.get("/rum/findes-ikke/").status_code == 404
