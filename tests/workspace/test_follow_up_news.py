"""Former members: read access to the room, and the follow-up news by email until the
follow-up closes, which they may stop. The room's emails go over a real SMTP server."""

import datetime as dt
import re

import pytest
from django.test import Client

from samskab.taskcommittees import services as task_services
from samskab.taskcommittees.lifecycle import State
from samskab.taskcommittees.models import (
    Decision,
    Delivery,
    FollowUpItem,
    FollowUpStatus,
    Recommendation,
)
from samskab.workspace.models import FollowUpOptOut

pytestmark = pytest.mark.django_db


@pytest.fixture
def followed_up(world, room):
    """Klimatilpasning delivered and decided: its seats ended, its follow-up open."""
    Delivery.objects.create(task=room.task, summary="Resultat.")
    rec = Recommendation.objects.create(
        task=room.task, number=1, text="Regnbede ved alle skoler.", decision=Decision.ADOPTED
    )
    item = FollowUpItem.objects.create(recommendation=rec, owner=world.standing)
    world.task.memberships.filter(end_date__isnull=True).update(
        end_date=world.today - dt.timedelta(days=1)
    )
    room.task.state = State.FOLLOWING_UP
    room.task.save()
    world.former.email = "frida@example.org"
    world.former.save()
    return item


def _note(world, item, text):
    return task_services.update_follow_up(
        world.secretariat_user, item, status=FollowUpStatus.IN_PROGRESS, note=text
    )


def test_former_members_keep_reading_the_room_but_cannot_write(world, room, followed_up):
    citizen = Client()
    citizen.force_login(world.citizen_user)
    assert citizen.get(room.body_thread.get_absolute_url()).status_code == 200
    assert "tidligere medlem" in citizen.get("/rum/klima/").content.decode()
    refused = citizen.post(
        f"/api/v1/threads/{room.body_thread.pk}/posts/",
        {"text": "Hvad sker der nu?"},
        content_type="application/json",
    )
    assert refused.status_code == 409
    assert refused.json()["detail"] == (
        "Rummet kan kun læses: opgaveudvalget har afsluttet sit arbejde."
    )


def test_follow_up_news_reaches_former_members_over_smtp_and_they_can_stop_it(
    world, room, followed_up, smtp_server
):
    _note(world, followed_up, "Tre skoler har anlagt regnbede.")
    recipients = sorted(to for to_list, _message in smtp_server.messages for to in to_list)
    assert recipients == sorted(
        ["cecilie@private.example.org", "frida@example.org", "mayor@example.org"]
    )
    message = next(m for to, m in smtp_server.messages if to == ["frida@example.org"])
    assert message["Subject"] == "Nyt om opfølgningen på Klimatilpasning"
    body = message.get_content()
    assert "Tre skoler har anlagt regnbede." in body
    stop = re.search(r"https?://[^\s/]+(/rum/opfoelgning/afmeld/[^\s]+/)", body)[1]
    guest = Client()
    assert guest.get(stop).status_code == 200
    assert not FollowUpOptOut.objects.exists()  # a GET changes nothing
    assert guest.post(stop).status_code == 200
    assert FollowUpOptOut.objects.get().person == world.former
    smtp_server.messages.clear()
    _note(world, followed_up, "Alle skoler er i gang.")
    recipients = sorted(to for to_list, _message in smtp_server.messages for to in to_list)
    assert recipients == ["cecilie@private.example.org", "mayor@example.org"]


def test_follow_up_news_ends_when_the_follow_up_closes(world, room, followed_up, mailoutbox):
    _note(world, followed_up, "Færdig.")
    assert len(mailoutbox) == 3
    task_services.update_follow_up(world.secretariat_user, followed_up, status="done")
    task_services.transition(world.secretariat_user, room.task, State.CLOSED)
    from samskab.workspace import services

    assert services.on_progress_note(followed_up.notes.first()) == 0


def test_opt_out_link_that_was_not_ours_is_refused(world, client):
    assert client.post("/rum/opfoelgning/afmeld/1.2:forfalsket/").status_code == 400
    assert client.delete("/api/v1/follow-up-news/1.2:forfalsket/").status_code == 400


def test_opt_out_through_the_api(world, room, followed_up):
    from samskab.workspace import tokens

    token = tokens.make_opt_out(world.citizen, world.task)
    assert Client().delete(f"/api/v1/follow-up-news/{token}/").status_code == 204
    assert Client().delete(f"/api/v1/follow-up-news/{token}/").status_code == 204
    assert FollowUpOptOut.objects.filter(person=world.citizen).count() == 1


def test_mention_and_invitation_emails_go_over_smtp(world, room, smtp_server):
    client = Client()
    client.force_login(world.citizen_user)
    client.post(
        f"/rum/traade/{room.body_thread.pk}/svar/", {"text": "Se her, @Birgitte Borgmester."}
    )
    ((to, message),) = smtp_server.messages
    assert to == ["mayor@example.org"]
    # A person with an account hears through follows: its email at once, titled by the room.
    subject = message["Subject"].strip()
    assert subject.startswith("Cecilie Borger ") and subject.endswith(" »Tråd (body)«")
    path = re.search(r"https?://[^\s/]+(/rum/traade/\d+/)", message.get_content())[1]
    mayor = Client()
    mayor.force_login(world.mayor_user)
    assert mayor.get(path).status_code == 200


def test_follow_up_news_of_a_member_with_an_account_goes_through_follows(
    world, room, followed_up, mailoutbox
):
    from samskab.follows import services as follows
    from samskab.follows.models import Notification

    follows.set_digest(world.mayor_user, frequency="weekly", immediate=False)
    _note(world, followed_up, "Tre skoler har anlagt regnbede.")
    # Cecilie (an account) hears through follows at once, with the no-login opt-out link.
    cecilie = Notification.objects.get(user=world.citizen_user)
    assert cecilie.kind == "workspace.follow_up"
    assert cecilie.emailed_at is not None
    assert "Tre skoler har anlagt regnbede." in cecilie.context
    # The mayor chose to wait: it waits for her digest, and no email went to her now.
    waiting = Notification.objects.get(user=world.mayor_user)
    assert waiting.emailed_at is None
    assert sorted(m.to[0] for m in mailoutbox) == [
        "cecilie@private.example.org",
        "frida@example.org",
    ]
    message = next(m for m in mailoutbox if m.to == ["cecilie@private.example.org"])
    stop = re.search(r"https?://[^\s/]+(/rum/opfoelgning/afmeld/[^\s]+/)", message.body)[1]
    assert Client().post(stop).status_code == 200
    assert FollowUpOptOut.objects.get().person == world.citizen
    mailoutbox.clear()
    _note(world, followed_up, "Alle skoler er i gang.")
    later = Notification.objects.filter(user=world.citizen_user, context__contains="Alle")
    assert not later.exists()
    assert [m.to for m in mailoutbox] == [["frida@example.org"]]
