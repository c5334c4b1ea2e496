"""What needs a person (``follows.services.notify``) is emailed at once, through the one email
kind ``follows.notification``, unless they chose to wait for the digest; the digest does not
repeat what was emailed. The choice is made on the digest page and in the API."""

import re

import pytest
from django.core import mail
from django.test import Client

from samskab.core.access import AccessLevel
from samskab.follows import services
from samskab.follows.models import DigestSettings, Frequency, Notification

pytestmark = pytest.mark.django_db


def _needs_input(world, person=None):
    return services.notify(
        person or world.mayor,
        "taskcommittees.input_open",
        title="Udkastet til kommissorium for Bynatur er åbent for dit input",
        url="/opgaveudvalg/bynatur/kommissorium/",
        access_level=AccessLevel.COUNCIL,
        context="Fællesmødet er den 3. marts.",
    )


def _run_daily():
    from samskab.follows.tasks import queue_digests

    queue_digests.enqueue(Frequency.DAILY)


def test_notify_emails_at_once_and_the_digest_does_not_repeat_it(world, settings):
    settings.SITE_URL = "https://samskab.gentofte.dk"
    services.set_frequency(world.mayor_user, Frequency.DAILY)
    notification = _needs_input(world)
    (message,) = mail.outbox
    assert message.to == ["mayor@example.org"]
    assert message.subject == "Udkastet til kommissorium for Bynatur er åbent for dit input"
    assert "https://samskab.gentofte.dk/opgaveudvalg/bynatur/kommissorium/" in message.body
    assert "Fællesmødet er den 3. marts." in message.body
    assert "Birgitte Borgmester" in message.body
    assert "https://samskab.gentofte.dk/konto/foelger/" in message.body
    notification.refresh_from_db()
    assert notification.emailed_at is not None
    _run_daily()
    assert len(mail.outbox) == 1  # no digest repeats it


def test_the_immediate_email_goes_over_smtp(world, smtp_server):
    _needs_input(world)
    ((to, message),) = smtp_server.messages
    assert to == ["mayor@example.org"]
    assert message["Subject"].strip() == (
        "Udkastet til kommissorium for Bynatur er åbent for dit input"
    )
    assert "/opgaveudvalg/bynatur/kommissorium/" in message.get_content()


def test_who_chose_to_wait_gets_it_in_the_digest_instead(world):
    services.set_digest(world.mayor_user, frequency=Frequency.DAILY, immediate=False)
    notification = _needs_input(world)
    assert mail.outbox == []
    assert notification.emailed_at is None
    _run_daily()
    (digest,) = mail.outbox
    assert "Bynatur er åbent for dit input" in digest.body


def test_turned_off_after_queueing_it_waits_for_the_digest(world, settings):
    # The worker may send later than the notification was written: it asks the choice then.
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    notification = _needs_input(world)
    services.set_digest(world.mayor_user, frequency=Frequency.DAILY, immediate=False)
    from samskab.follows.digest import notification_message

    assert notification_message(notification.pk) is None
    notification.refresh_from_db()
    assert notification.emailed_at is None


def test_no_email_at_once_about_what_the_person_may_no_longer_open(world):
    from samskab.follows.digest import notification_message

    notification = _needs_input(world, person=world.citizen)  # not a council member
    assert notification_message(notification.pk) is None
    assert mail.outbox == []


def test_the_digest_page_turns_immediate_emails_off_and_on(world):
    client = Client()
    client.force_login(world.mayor_user)
    page = client.get("/konto/foelger/").content.decode()
    assert re.search(r'<input type="checkbox" name="immediate"[^>]* checked', page)
    assert client.post("/konto/foelger/", {"frequency": "weekly"}).status_code == 302
    assert DigestSettings.objects.get(user=world.mayor_user).immediate is False
    _needs_input(world)
    assert mail.outbox == []
    refused = client.post("/konto/foelger/", {"frequency": "hourly", "immediate": "on"})
    assert refused.status_code == 400
    assert 'name="immediate"' in refused.content.decode()
    assert DigestSettings.objects.get(user=world.mayor_user).immediate is False
    client.post("/konto/foelger/", {"frequency": "weekly", "immediate": "on"})
    assert DigestSettings.objects.get(user=world.mayor_user).immediate is True
    _needs_input(world)
    assert len(mail.outbox) == 1


def test_digest_settings_in_the_api(world):
    client = Client()
    assert client.get("/api/v1/digest-settings/").status_code in (401, 403)
    client.force_login(world.mayor_user)
    fresh = client.get("/api/v1/digest-settings/")
    assert fresh.json() == {"frequency": "weekly", "immediate": True, "last_sent": None}
    assert not DigestSettings.objects.exists()  # GET writes nothing
    changed = client.put(
        "/api/v1/digest-settings/",
        {"frequency": "daily", "immediate": False},
        content_type="application/json",
    )
    assert changed.status_code == 200
    assert changed.json()["immediate"] is False
    found = DigestSettings.objects.get(user=world.mayor_user)
    assert (found.frequency, found.immediate) == ("daily", False)
    bad = client.put(
        "/api/v1/digest-settings/",
        {"frequency": "hourly", "immediate": True},
        content_type="application/json",
    )
    assert bad.status_code == 400
    assert bad.json()["field"] == "frequency"


def test_a_person_without_account_gets_no_notification(world):
    assert _needs_input(world, person=world.former) is None
    assert Notification.objects.count() == 0
    assert mail.outbox == []


def test_the_stop_link_of_a_notification_is_in_its_email(world, settings):
    settings.SITE_URL = "https://samskab.gentofte.dk"
    services.notify(
        world.mayor,
        "follow_up",
        title="Nyt om opfølgningen",
        url="/opgaveudvalg/klima/opfoelgning/",
        stop_url="/rum/opfoelgning/afmeld/abc/",
    )
    (message,) = mail.outbox
    assert re.search(r"https://samskab\.gentofte\.dk/rum/opfoelgning/afmeld/abc/", message.body)


def test_the_link_in_the_immediate_email_stops_them_without_login(world, settings):
    settings.SITE_URL = "https://samskab.gentofte.dk"
    _needs_input(world)
    (message,) = mail.outbox
    link = re.search(r"https://samskab\.gentofte\.dk(/foelg/straks/afmeld/[^\s]+/)", message.body)
    stop = link[1]
    client = Client()
    assert client.get(stop).status_code == 200
    assert not DigestSettings.objects.filter(user=world.mayor_user).exists()  # GET writes nothing
    assert client.post(stop).status_code == 200
    found = DigestSettings.objects.get(user=world.mayor_user)
    assert found.immediate is False
    _needs_input(world)
    assert len(mail.outbox) == 1  # nothing more at once: it waits for the digest
    assert client.get(stop[:-2] + "x/").status_code == 404
    assert client.post("/foelg/straks/afmeld/1:forfalsket/").status_code == 404
