"""An invited guest (the signed link, no account) starts threads in their working group and
proposes ideas to its committee, not only replies; on the page and in the API."""

import datetime as dt

import pytest
from django.test import Client

from samskab.core.access import AccessLevel
from samskab.organisation.models import BodyKind
from samskab.taskcommittees.lifecycle import State
from samskab.workspace import services
from samskab.workspace.models import Idea, Thread

pytestmark = pytest.mark.django_db


@pytest.fixture
def guest(world, room):
    group = services.create_working_group(world.mayor_user, world.task, name="Skybrud")
    invitation = services.invite(
        world.secretariat_user,
        group,
        name="Karen Hydrolog",
        email_address="karen@universitet.example.dk",
        expires_on=dt.date.today() + dt.timedelta(days=30),
    )
    link = services.guest_link(invitation)
    return invitation, link, link.split("/")[3]


def test_a_guest_starts_a_thread_and_proposes_an_idea_on_the_page(world, room, guest):
    invitation, link, token = guest
    client = Client()
    page = client.get(link).content.decode()
    assert f'href="{link}ny-traad/"' in page and f'href="{link}ny-ide/"' in page
    form = client.get(f"{link}ny-traad/").content.decode()
    assert 'value="council"' not in form  # a guest cannot start a thread for the council
    refused = client.post(
        f"{link}ny-traad/", {"title": "Målinger", "access_level": "body", "text": "Mine tal."}
    )
    assert refused.status_code == 400  # the code of conduct comes with the first post
    assert "Mine tal." in refused.content.decode()
    started = client.post(
        f"{link}ny-traad/",
        {"title": "Målinger", "access_level": "body", "text": "Mine tal.", "accept_code": "on"},
    )
    assert started.status_code == 302
    thread = Thread.objects.get(title="Målinger")
    assert (thread.body, thread.author) == (invitation.body, invitation.person)
    assert started["Location"] == f"{link}traade/{thread.pk}/"
    # The committee's members read it in the working group's room.
    chair = Client()
    chair.force_login(world.mayor_user)
    assert "Målinger" in chair.get(f"/rum/{invitation.body.slug}/").content.decode()

    proposed = client.post(
        f"{link}ny-ide/", {"title": "Flere regnmålere", "text": "En måler ved hver skole."}
    )
    assert proposed.status_code == 302
    idea = Idea.objects.get(title="Flere regnmålere")
    assert (idea.body, idea.author, idea.access_level) == (
        world.task,
        invitation.person,
        AccessLevel.BODY,
    )
    assert idea.name_publicly is False
    assert "Flere regnmålere" in client.get(link).content.decode()  # her own ideas
    assert "Flere regnmålere" in chair.get("/rum/klima/").content.decode()


def test_a_guest_starts_a_thread_and_proposes_an_idea_in_the_api(world, room, guest):
    invitation, _link, token = guest
    client = Client()
    created = client.post(
        f"/api/v1/guest/{token}/threads/",
        {"title": "Data", "text": "Her er data.", "accept_code_of_conduct": True},
        content_type="application/json",
    )
    assert created.status_code == 201
    assert created.json()["room"] == invitation.body.slug
    council = client.post(
        f"/api/v1/guest/{token}/threads/",
        {"title": "Byråd", "text": "Hej.", "access_level": "council"},
        content_type="application/json",
    )
    assert council.status_code == 400
    assert council.json()["field"] == "access_level"
    idea = client.post(
        f"/api/v1/guest/{token}/ideas/",
        {"title": "Regnmålere", "text": "Ved skolerne.", "name_publicly": True},
        content_type="application/json",
    )
    assert idea.status_code == 201
    assert idea.json()["name_publicly"] is True
    listed = client.get(f"/api/v1/guest/{token}/ideas/").json()
    assert [i["title"] for i in listed] == ["Regnmålere"]
    forged = client.post(
        "/api/v1/guest/forfalsket:link/ideas/",
        {"title": "X", "text": "Y"},
        content_type="application/json",
    )
    assert forged.status_code == 400


def test_a_guest_cannot_write_after_access_ends_or_once_the_room_closes(world, room, guest):
    invitation, link, token = guest
    client = Client()
    room.task.state = State.DELIVERED
    room.task.save()
    closed = client.post(
        f"/api/v1/guest/{token}/threads/",
        {"title": "Sent", "text": "For sent.", "accept_code_of_conduct": True},
        content_type="application/json",
    )
    assert closed.status_code == 409
    assert client.get(f"{link}ny-ide/").status_code == 409
    room.task.state = State.WORKING
    room.task.save()
    invitation.expires_on = dt.date.today() - dt.timedelta(days=1)
    invitation.save()
    assert client.get(f"{link}ny-traad/").status_code == 410
    expired = client.post(
        f"/api/v1/guest/{token}/ideas/",
        {"title": "Sent", "text": "For sent."},
        content_type="application/json",
    )
    assert expired.status_code == 410
    assert not Thread.objects.filter(body__kind=BodyKind.WORKING_GROUP, title="Sent").exists()
    assert not Idea.objects.filter(title="Sent").exists()
