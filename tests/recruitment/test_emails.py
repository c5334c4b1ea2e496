"""Every kind of recruitment email, sent through a real SMTP server on loopback."""

import datetime as dt
import re

import pytest
from django.utils import timezone

from samskab.core import email
from samskab.core.models import EmailTemplate
from samskab.recruitment import services

from .conftest import application_data, applied

pytestmark = pytest.mark.django_db


def only(smtp_server):
    [(recipients, message)] = smtp_server.messages
    # Django folds a long encoded subject onto a new line; readers drop the fold.
    return recipients, str(message["Subject"]).strip(), message.get_content()


def test_confirm_email_over_smtp(call, districts, smtp_server):
    services.apply(call, application_data(districts), consent=True)
    recipients, subject, body = only(smtp_server)
    assert recipients == ["karen@example.org"]
    assert subject == f"Bekræft din ansøgning til {call.task.body.name}"
    assert re.search(r"http://127\.0\.0\.1:8000/ansoegning/bekraeft/\S+/", body)


def test_receipt_email_over_smtp(call, districts, smtp_server):
    application = services.apply(call, application_data(districts), consent=True)
    smtp_server.messages.clear()
    services.confirm(application)
    recipients, subject, body = only(smtp_server)
    assert subject.startswith("Kvittering")
    assert re.search(r"http://127\.0\.0\.1:8000/ansoegning/\S+/", body)
    assert services.format_deadline(call) in body


def test_reminder_email_over_smtp_only_while_unconfirmed(call, districts, smtp_server):
    application = services.apply(call, application_data(districts), consent=True)
    smtp_server.messages.clear()
    email.queue("recruitment.reminder", application.pk)
    recipients, subject, body = only(smtp_server)
    assert subject == f"Husk at bekræfte din ansøgning til {call.task.body.name}"
    assert re.search(r"http://127\.0\.0\.1:8000/ansoegning/bekraeft/\S+/", body)
    services.confirm(application)
    smtp_server.messages.clear()
    email.queue("recruitment.reminder", application.pk)
    assert smtp_server.messages == []


def test_apply_schedules_the_reminder_on_the_database_backend(call, districts, settings):
    from django_tasks_db.models import DBTaskResult

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    before = timezone.now()
    services.apply(call, application_data(districts), consent=True)
    queued = {
        row.args_kwargs["args"][0]: row.run_after
        for row in DBTaskResult.objects.filter(task_path="samskab.core.email.send_email")
    }
    assert set(queued) == {"recruitment.confirm", "recruitment.reminder"}
    assert queued["recruitment.reminder"] >= before + dt.timedelta(days=2)
    # No address waits in the queue: only the application's id.
    assert "karen@example.org" not in str(
        list(DBTaskResult.objects.values_list("args_kwargs", flat=True))
    )


def test_thanks_email_over_smtp(world, call, districts, smtp_server):
    applied(call, districts, name="Ole Ikkevalgt")
    call.deadline = timezone.now()
    call.save()
    smtp_server.messages.clear()
    services.conclude(world.secretariat_user, call, appointed=[], by_decision_record=True)
    recipients, subject, body = only(smtp_server)
    assert subject == f"Tak for din ansøgning til {call.task.body.name}"
    assert "Kære Ole Ikkevalgt" in body
    assert "http://127.0.0.1:8000/deltag/interesserede/" in body


def test_register_email_over_smtp(smtp_server):
    services.join_register({"name": "Ib", "email": "ib@example.org"}, consent=True, language="en")
    recipients, subject, body = only(smtp_server)
    assert (recipients, subject) == (
        ["ib@example.org"],
        "Confirm that you want to hear about new task committees",
    )
    assert "http://127.0.0.1:8000/deltag/interesserede/" in body


def test_invitation_email_over_smtp(world, call, smtp_server):
    interest = services.join_register({"name": "Ib", "email": "ib@example.org"}, consent=True)
    services.confirm_interest(interest)
    smtp_server.messages.clear()
    services.invite_register(world.secretariat_user, call)
    recipients, subject, body = only(smtp_server)
    assert subject == f"Nyt opgaveudvalg søger borgere: {call.task.body.name}"
    assert f"http://127.0.0.1:8000/deltag/{call.slug}/" in body


def test_secretariats_edited_text_is_sent(call, districts, mailoutbox):
    EmailTemplate.objects.update_or_create(
        key="recruitment.confirm",
        language="da",
        defaults={"subject": "Ny tekst til {{ name }}", "body": "Link: {{ confirm_url }}"},
    )
    services.apply(call, application_data(districts), consent=True)
    assert mailoutbox[0].subject == "Ny tekst til Karen Jensen"
    assert mailoutbox[0].body.startswith("Link: http://127.0.0.1:8000/ansoegning/bekraeft/")


def test_every_kind_has_its_texts_in_both_languages_and_renders():
    from samskab.core.registry import email_kinds

    keys = [kind.key for kind in email_kinds if kind.key.startswith("recruitment.")]
    assert keys == [
        "recruitment.confirm",
        "recruitment.invitation",
        "recruitment.receipt",
        "recruitment.register",
        "recruitment.reminder",
        "recruitment.thanks",
    ]
    for key in keys:
        for language in ("da", "en"):
            subject, body = email.default_text(key, language)
            names = set(re.findall(r"{{ (\w+) }}", subject + body))
            assert names <= set(email_kinds.get(key).variables), (key, language)


def test_sync_texts_copies_the_shipped_texts_once_and_keeps_edits():
    EmailTemplate.objects.filter(key__startswith="recruitment.").delete()
    email.sync_texts()
    row = EmailTemplate.objects.get(key="recruitment.receipt", language="en")
    assert row.subject.startswith("Receipt")
    row.subject = "Edited"
    row.save()
    email.sync_texts()
    row.refresh_from_db()
    assert row.subject == "Edited"
    assert EmailTemplate.objects.filter(key__startswith="recruitment.").count() == 12
