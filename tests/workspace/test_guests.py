"""Working groups with an expert invited by email: no account, access until a day."""

import datetime as dt

import pytest
from django.test import Client

from samskab.core.access import AccessLevel
from samskab.organisation.models import Body, BodyKind
from samskab.workspace import services
from samskab.workspace.models import Invitation

pytestmark = pytest.mark.django_db


def _client(user):
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def group(world, room):
    response = _client(world.mayor_user).post(
        "/rum/klima/ny-arbejdsgruppe/", {"name": "Skybrud", "description": "Regnvand."}
    )
    assert response.status_code == 302
    return Body.objects.get(kind=BodyKind.WORKING_GROUP, parent=world.task)


def _invite(world, group, days=30):
    client = _client(world.secretariat_user)
    response = client.post(
        f"/rum/{group.slug}/inviter/",
        {
            "name": "Karen Hydrolog",
            "email": "karen@universitet.example.dk",
            "expires_on": (dt.date.today() + dt.timedelta(days=days)).strftime("%d.%m.%Y"),
        },
    )
    assert response.status_code == 302, response.content.decode()
    return Invitation.objects.get(body=group)


def test_invited_expert_without_account_reads_and_posts_until_access_ends(
    world, room, group, mailoutbox
):
    thread = services.start_thread(
        world.mayor_user,
        group,
        title="Data om skybrud",
        text="Hvem har tal?",
        access_level=AccessLevel.BODY,
        accept_code=True,
    )
    invitation = _invite(world, group)
    assert [m.to for m in mailoutbox] == [["karen@universitet.example.dk"]]
    link = services.guest_link(invitation)
    assert link in mailoutbox[0].body
    assert invitation.person.user is None
    guest = Client()
    assert "Data om skybrud" in guest.get(link).content.decode()
    thread_link = f"{link}traade/{thread.pk}/"
    assert "Hvem har tal?" in guest.get(thread_link).content.decode()
    refused = guest.post(thread_link, {"text": "Jeg har tal."})
    assert refused.status_code == 400  # the code of conduct comes with the first post
    posted = guest.post(thread_link, {"text": "Jeg har tal.", "accept_code": "on"})
    assert posted.status_code == 302
    assert thread.posts.last().author == invitation.person
    token = link.split("/")[3]
    api = guest.get(f"/api/v1/guest/{token}/threads/{thread.pk}/")
    assert [p["text"] for p in api.json()["posts"]] == ["Hvem har tal?", "Jeg har tal."]
    # The mayor mentions her: she may be mentioned, since she is invited to the group.
    _client(world.mayor_user).post(
        f"/rum/traade/{thread.pk}/svar/", {"text": "Tak, @Karen Hydrolog!"}
    )
    assert mailoutbox[-1].to == ["karen@universitet.example.dk"]
    assert link in mailoutbox[-1].body
    # Access ends after the day.
    Invitation.objects.filter(pk=invitation.pk).update(
        expires_on=dt.date.today() - dt.timedelta(days=1)
    )
    expired = guest.get(link)
    assert expired.status_code == 410
    assert "expired" in expired.content.decode() or "udløb" in expired.content.decode()
    late = guest.post(thread_link, {"text": "Et sidste ord."})
    assert late.status_code == 410
    assert (
        guest.post(
            f"/api/v1/guest/{token}/threads/{thread.pk}/posts/",
            {"text": "Et sidste ord."},
            content_type="application/json",
        ).status_code
        == 410
    )
    assert thread.posts.count() == 3
    assert Client().get("/rum/gaest/forfalsket:link/").status_code == 400


def test_guest_does_not_see_council_threads_or_other_rooms(world, room, group):
    council = services.start_thread(
        world.mayor_user,
        group,
        title="Kun for byrådet",
        text="Fortroligt.",
        access_level=AccessLevel.COUNCIL,
        accept_code=True,
    )
    link = services.guest_link(_invite(world, group))
    guest = Client()
    assert "Kun for byrådet" not in guest.get(link).content.decode()
    assert guest.get(f"{link}traade/{council.pk}/").status_code == 404
    assert guest.get(f"{link}traade/{room.body_thread.pk}/").status_code == 404


def test_invitation_is_for_a_limited_time_and_only_moderators_invite(world, room, group):
    client = _client(world.secretariat_user)
    too_long = client.post(
        f"/api/v1/rooms/{group.slug}/invitations/",
        {
            "name": "Karen",
            "email": "karen@example.dk",
            "expires_on": (dt.date.today() + dt.timedelta(days=800)).isoformat(),
        },
        content_type="application/json",
    )
    assert too_long.status_code == 400
    assert too_long.json()["field"] == "expires_on"
    assert (
        _client(world.citizen_user)
        .post(
            f"/api/v1/rooms/{group.slug}/invitations/",
            {
                "name": "Karen",
                "email": "karen@example.dk",
                "expires_on": dt.date.today().isoformat(),
            },
            content_type="application/json",
        )
        .status_code
        == 403
    )
    # Committee members take part in their working groups.
    assert (
        _client(world.citizen_user)
        .post(
            f"/api/v1/rooms/{group.slug}/threads/",
            {"title": "Idé", "text": "Tekst", "accept_code_of_conduct": True},
            content_type="application/json",
        )
        .status_code
        == 201
    )
