"""Invitations by email, answers without an account, open workshops and reminders."""

import datetime as dt
import re

import pytest
from django.core import mail
from django.utils import timezone
from icalendar import Calendar

from samskab.core.access import AccessLevel
from samskab.core.errors import DomainError
from samskab.meetings import services
from samskab.meetings.mail import send_reminders, start_key
from samskab.meetings.models import Invitation, InvitationKind, MeetingKind, Response

from .conftest import ago, soon

pytestmark = pytest.mark.django_db


def _answer_path(body, answer="ja"):
    match = re.search(rf"http://[^/\s]+(/moeder/svar/[^\s?]+/)\?svar={answer}", body)
    assert match, body
    return match[1]


def _ics(attachment):
    filename, content, mimetype = attachment
    assert (filename, mimetype) == ("moede.ics", "text/calendar")
    return Calendar.from_ical(content)


def test_members_are_invited_when_a_meeting_is_planned(world, plan):
    meeting = plan(title="Klimamøde")
    invited = set(meeting.invitations.values_list("person__name", "kind", "response"))
    # The current members with an address; the former member is not invited.
    assert invited == {
        ("Birgitte Borgmester", InvitationKind.MEMBER, Response.PENDING),
        ("Cecilie Borger", InvitationKind.MEMBER, Response.PENDING),
    }
    # Written to the address of their account.
    assert sorted(m.to[0] for m in mail.outbox) == [
        "cecilie@private.example.org",
        "mayor@example.org",
    ]
    message = mail.outbox[0]
    assert "Klimamøde" in message.subject
    (event,) = _ics(message.attachments[0]).walk("VEVENT")
    assert str(event["uid"]) == f"{meeting.uid}@127.0.0.1"
    # Planning it again does not invite twice.
    assert services.invite_members(world.secretariat_user, meeting) == []


def test_past_meetings_invite_nobody(world, plan):
    meeting = plan(start=ago(days=3))
    assert meeting.invitations.count() == 0


def test_guest_accepts_from_the_email_link_without_an_account(world, plan, client):
    meeting = plan(body=world.standing, title="Workshop om skybrud", kind=MeetingKind.WORKSHOP)
    mail.outbox.clear()
    services.invite_guest(
        world.secretariat_user, meeting, name="Eva Ekspert", email_address="Eva@DTU.example"
    )
    (message,) = mail.outbox
    assert message.to == ["eva@dtu.example"]
    assert "Eva Ekspert" in message.body
    path = _answer_path(message.body, "ja")
    shown = client.get(path + "?svar=ja")
    assert shown.status_code == 200
    assert "Workshop om skybrud" in shown.content.decode()
    invitation = Invitation.objects.get(email="eva@dtu.example")
    assert invitation.response == Response.PENDING  # a GET never answers
    answered = client.post(path, {"answer": "accept"})
    assert answered.status_code == 200
    invitation.refresh_from_db()
    assert invitation.response == Response.ACCEPTED
    client.post(path, {"answer": "decline"})
    invitation.refresh_from_db()
    assert invitation.response == Response.DECLINED


def test_forged_and_expired_links_get_clear_answers(world, plan, client):
    meeting = plan(body=world.standing)
    invitation = services.invite_guest(
        world.secretariat_user, meeting, name="Gæst", email_address="gaest@example.org"
    )
    token = services.response_token(invitation)
    forged = client.post(f"/moeder/svar/{token[:-3]}abc/", {"answer": "accept"})
    assert forged.status_code == 400
    meeting.start, meeting.end = ago(days=2), ago(days=2) + dt.timedelta(hours=2)
    meeting.save()
    expired = client.post(f"/moeder/svar/{token}/", {"answer": "accept"})
    assert expired.status_code == 410
    invitation.refresh_from_db()
    assert invitation.response == Response.PENDING
    with pytest.raises(DomainError) as refused:
        services.respond("not-a-token", accept=True)
    assert refused.value.code == "forged"


def test_cancelled_meeting_cannot_be_answered(world, plan, client):
    meeting = plan(body=world.standing)
    invitation = services.invite_guest(
        world.secretariat_user, meeting, name="Gæst", email_address="gaest@example.org"
    )
    services.cancel_meeting(world.secretariat_user, meeting, reason="Aflyst")
    response = client.get(f"/moeder/svar/{services.response_token(invitation)}/")
    assert response.status_code == 410


def test_guest_invitation_refuses_a_bad_address_and_a_second_invitation(world, plan):
    meeting = plan(body=world.standing)
    with pytest.raises(DomainError) as bad:
        services.invite_guest(world.secretariat_user, meeting, name="X", email_address="nej")
    assert bad.value.field == "email"
    services.invite_guest(world.secretariat_user, meeting, name="X", email_address="x@example.org")
    with pytest.raises(DomainError) as twice:
        services.invite_guest(
            world.secretariat_user, meeting, name="X", email_address="X@example.org"
        )
    assert twice.value.field == "email"
    with pytest.raises(DomainError) as forbidden:
        services.invite_guest(world.mayor_user, meeting, name="Y", email_address="y@example.org")
    assert forbidden.value.code == "forbidden"


def test_open_workshop_takes_registrations_up_to_its_capacity(world, plan, client):
    workshop = plan(
        body=world.task,
        kind=MeetingKind.WORKSHOP,
        title="Åben workshop",
        access_level=AccessLevel.PUBLIC,
        capacity=1,
    )
    mail.outbox.clear()
    first = client.post(
        f"/moeder/{workshop.pk}/tilmelding/", {"name": "Anna", "email": "anna@example.org"}
    )
    assert first.status_code == 200
    (confirmation,) = mail.outbox
    assert confirmation.to == ["anna@example.org"]
    _ics(confirmation.attachments[0])
    full = client.post(
        f"/moeder/{workshop.pk}/tilmelding/", {"name": "Bo", "email": "bo@example.org"}
    )
    assert full.status_code == 400
    assert 'value="Bo"' in full.content.decode()
    assert services.places_left(workshop) == 0
    # Anna cancels from her email: the place is free again.
    client.post(_answer_path(confirmation.body, "nej"), {"answer": "decline"})
    assert services.places_left(workshop) == 1
    services.register(workshop, name="Bo", email_address="bo@example.org")
    assert services.places_left(workshop) == 0


def test_registration_is_closed_for_meetings_without_places(world, plan, client):
    meeting = plan(body=world.standing)
    assert client.get(f"/moeder/{meeting.pk}/tilmelding/").status_code == 410
    with pytest.raises(DomainError):
        services.register(meeting, name="Anna", email_address="anna@example.org")


def test_reminder_is_queued_for_the_worker_before_the_meeting(world, plan, settings):
    from django_tasks_db.models import DBTaskResult

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    settings.MEETING_REMINDER_HOURS = 24
    meeting = plan(start=soon(days=5, hour=17))
    reminders = DBTaskResult.objects.filter(task_path="samskab.meetings.mail.send_reminders")
    (queued,) = reminders
    assert queued.run_after == meeting.start - dt.timedelta(hours=24)
    assert queued.args_kwargs["args"] == [meeting.pk, start_key(meeting)]
    # Moved: a new reminder for the new time (the old one will find the time changed).
    services.update_meeting(
        world.secretariat_user,
        meeting,
        start=meeting.start + dt.timedelta(days=1),
        end=meeting.end + dt.timedelta(days=1),
    )
    assert reminders.all().count() == 2


def test_reminder_reaches_those_who_have_not_declined_and_only_at_the_planned_time(world, plan):
    meeting = plan(title="Klimamøde")
    declined = meeting.invitations.get(person=world.mayor)
    declined.response = Response.DECLINED
    declined.save()
    mail.outbox.clear()
    start = start_key(meeting)
    assert send_reminders.call(meeting.pk, start) == 1
    (reminder,) = mail.outbox
    assert reminder.to == ["cecilie@private.example.org"]
    assert "Klimamøde" in reminder.subject
    mail.outbox.clear()
    services.update_meeting(
        world.secretariat_user,
        meeting,
        start=meeting.start + dt.timedelta(hours=1),
        end=meeting.end + dt.timedelta(hours=1),
    )
    assert send_reminders.call(meeting.pk, start) == 0
    assert mail.outbox == []


@pytest.mark.parametrize("kind", ["invitation", "registration", "reminder", "cancellation"])
def test_meeting_emails_go_over_smtp_with_the_ics(world, plan, smtp_server, kind):
    meeting = plan(
        body=world.standing,
        title="Workshop",
        kind=MeetingKind.WORKSHOP,
        access_level=AccessLevel.PUBLIC,
        capacity=10,
    )
    if kind == "invitation":
        services.invite_guest(
            world.secretariat_user, meeting, name="Eva", email_address="eva@example.org"
        )
    elif kind == "registration":
        services.register(meeting, name="Eva", email_address="eva@example.org")
    elif kind == "reminder":
        services.register(meeting, name="Eva", email_address="eva@example.org")
        smtp_server.messages.clear()
        send_reminders.call(meeting.pk, start_key(meeting))
    else:
        services.register(meeting, name="Eva", email_address="eva@example.org")
        smtp_server.messages.clear()
        services.cancel_meeting(world.secretariat_user, meeting, reason="Oversvømmet lokale")
    ((recipients, message),) = [m for m in smtp_server.messages if m[0] == ["eva@example.org"]]
    (attachment,) = list(message.iter_attachments())
    assert attachment.get_content_type() == "text/calendar"
    (event,) = Calendar.from_ical(attachment.get_content()).walk("VEVENT")
    assert str(event["summary"]) == "Workshop"
    assert timezone.localtime(meeting.start) == event.decoded("dtstart")


def test_meeting_page_lets_the_secretariat_invite_and_see_answers(world, plan, client):
    meeting = plan(body=world.standing, title="Udvalgsmøde")
    client.force_login(world.secretariat_user)
    refused = client.post(f"/moeder/{meeting.pk}/inviter/", {"name": "Eva", "email": "nej"})
    assert refused.status_code == 400
    assert 'value="Eva"' in refused.content.decode()
    sent = client.post(
        f"/moeder/{meeting.pk}/inviter/", {"name": "Eva", "email": "eva@example.org"}
    )
    assert sent.status_code == 302
    page = client.get(f"/moeder/{meeting.pk}/").content.decode()
    assert "Eva" in page
    assert page.count('id="invitationer"') == 1
    assert "<title>Udvalgsmøde · " in page
    client.force_login(world.mayor_user)
    assert "eva@example.org" not in client.get(f"/moeder/{meeting.pk}/").content.decode()


def test_cancelling_tells_everybody_invited_who_may_still_come(world, plan):
    meeting = plan(title="Klimamøde")
    services.invite_guest(
        world.secretariat_user,
        meeting,
        name="Eva Ekspert",
        email_address="eva@example.org",
        language="en",
    )
    declined = meeting.invitations.get(person=world.mayor)
    declined.response = Response.DECLINED
    declined.save()
    mail.outbox.clear()
    services.cancel_meeting(world.secretariat_user, meeting, reason="Formanden er syg")
    sent = {m.to[0]: m for m in mail.outbox}
    # The mayor had declined: nothing to tell her.
    assert sorted(sent) == ["cecilie@private.example.org", "eva@example.org"]
    danish, english = sent["cecilie@private.example.org"], sent["eva@example.org"]
    assert danish.subject.startswith("Aflyst: Klimamøde")
    assert "Begrundelse: Formanden er syg" in danish.body
    assert english.subject.startswith("Cancelled: Klimamøde")
    assert "Dear Eva Ekspert" in english.body
    assert "Reason: Formanden er syg" in english.body
    # The attached event is the cancelled one, a newer revision, so calendars drop it.
    (event,) = _ics(danish.attachments[0]).walk("VEVENT")
    meeting.refresh_from_db()
    assert str(event["status"]) == "CANCELLED"
    assert int(event["sequence"]) == meeting.sequence
    assert str(event["uid"]) == f"{meeting.uid}@127.0.0.1"
    # Its description is in the recipient's language too.
    (english_event,) = _ics(english.attachments[0]).walk("VEVENT")
    assert "CANCELLED: Formanden er syg" in str(english_event["description"])
    assert "Formanden er syg" in str(event["description"])
    assert "CANCELLED:" not in str(event["description"])


def test_a_refused_cancellation_sends_nothing(world, plan):
    meeting = plan(title="Klimamøde")
    mail.outbox.clear()
    with pytest.raises(DomainError):
        services.cancel_meeting(world.secretariat_user, meeting, reason="  ")
    with pytest.raises(DomainError):
        services.cancel_meeting(world.mayor_user, meeting, reason="Syg")
    assert mail.outbox == []


def test_the_invitation_is_written_in_the_language_chosen_for_the_guest(world, plan, client):
    meeting = plan(body=world.standing, title="Udvalgsmøde")
    client.force_login(world.secretariat_user)
    mail.outbox.clear()
    sent = client.post(
        f"/moeder/{meeting.pk}/inviter/",
        {"name": "Eva", "email": "eva@example.org", "language": "en"},
    )
    assert sent.status_code == 302
    client.post(
        f"/moeder/{meeting.pk}/inviter/",
        {"name": "Ole", "email": "ole@example.org", "language": "da"},
    )
    sent = {m.to[0]: m for m in mail.outbox}
    assert sent["eva@example.org"].subject.startswith("Invitation: Udvalgsmøde")
    assert "Dear Eva" in sent["eva@example.org"].body
    assert "Kære Ole" in sent["ole@example.org"].body
    # A language we have no texts for is refused by the form, nothing is sent.
    mail.outbox.clear()
    refused = client.post(
        f"/moeder/{meeting.pk}/inviter/",
        {"name": "Zoë", "email": "zoe@example.org", "language": "fr"},
    )
    assert refused.status_code == 400
    assert mail.outbox == []


def test_members_are_written_to_in_the_sites_language(world, plan):
    plan(title="Klimamøde")
    assert mail.outbox
    assert all("Kære " in m.body for m in mail.outbox)


def test_a_registration_is_confirmed_in_the_language_it_was_made_in(world, plan, client, settings):
    workshop = plan(
        body=world.task,
        kind=MeetingKind.WORKSHOP,
        title="Open workshop",
        access_level=AccessLevel.PUBLIC,
        capacity=5,
    )
    mail.outbox.clear()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    done = client.post(
        f"/moeder/{workshop.pk}/tilmelding/", {"name": "Anna", "email": "anna@example.org"}
    )
    assert done.status_code == 200
    (confirmation,) = mail.outbox
    assert "Dear Anna" in confirmation.body
    # ... and the reminder and the cancellation follow it.
    mail.outbox.clear()
    send_reminders.call(workshop.pk, start_key(workshop))
    services.cancel_meeting(world.secretariat_user, workshop, reason="Too few registrations")
    to_anna = [m.subject.split(":")[0] for m in mail.outbox if m.to == ["anna@example.org"]]
    assert to_anna == ["Reminder", "Cancelled"]


def test_the_api_invites_a_guest_in_the_chosen_language(world, plan, client):
    meeting = plan(body=world.standing, title="Udvalgsmøde")
    client.force_login(world.secretariat_user)
    mail.outbox.clear()
    made = client.post(
        f"/api/v1/meetings/{meeting.pk}/invitations/",
        {"name": "Eva", "email": "eva@example.org", "language": "en"},
        content_type="application/json",
    )
    assert made.status_code == 201, made.content
    assert made.json()["language"] == "en"
    (message,) = mail.outbox
    assert "Dear Eva" in message.body
    refused = client.post(
        f"/api/v1/meetings/{meeting.pk}/invitations/",
        {"name": "Zoë", "email": "zoe@example.org", "language": "fr"},
        content_type="application/json",
    )
    assert refused.status_code == 400
    assert refused.json()["field"] == "language"
