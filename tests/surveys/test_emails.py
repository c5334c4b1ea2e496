import datetime as dt
import re

import pytest
from django.core import mail
from django.test import Client
from django.utils import timezone

from samskab.surveys import services, tasks

from .conftest import CITIZENS

pytestmark = pytest.mark.django_db


def test_reminder_goes_over_smtp_with_a_link_that_works(survey, smtp_server):
    now = timezone.now()
    round_ = survey.open(days=10, remind_days=2, now=now, notify=False)
    survey.answer(round_, CITIZENS, 6, {survey.solutions: "4"})
    assert services.send_reminders(round_, now=now + dt.timedelta(days=8, hours=1)) == 5
    recipients = sorted(to for to_list, _message in smtp_server.messages for to in to_list)
    assert recipients == sorted(p.email for p in survey.politicians)
    _to, message = smtp_server.messages[0]
    assert message["Subject"] == "Påmindelse: evaluering af Grønne tage"
    path = re.search(r"https?://[^\s/]+(/evaluering/svar/[^/\s]+/)", message.get_content())[1]
    assert Client().get(path).status_code == 200


def test_reminder_task_sends_nothing_before_it_is_due(survey):
    round_ = survey.open(days=10, remind_days=2, notify=False)
    assert tasks.send_reminders.call(round_.pk) == 0
    assert mail.outbox == []


def test_invitation_email_is_dropped_when_the_member_answered_before_it_was_sent(survey):
    from samskab.surveys import emails, tokens

    round_ = survey.open(notify=False)
    invitation = survey.invitations(round_, CITIZENS)[0]
    assert emails.invitation(invitation.pk).to == invitation.person.email
    services.submit(tokens.make(invitation), {survey.solutions.pk: "5"})
    assert emails.invitation(invitation.pk) is None
    assert emails.reminder(invitation.pk) is None


def test_opening_a_round_queues_the_links_and_schedules_the_reminder_for_the_worker(
    survey, settings
):
    from django_tasks_db.models import DBTaskResult

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    round_ = survey.open(days=10, remind_days=3)
    queued = list(DBTaskResult.objects.order_by("run_after"))
    emails = [t for t in queued if t.task_path == "samskab.core.email.send_email"]
    [reminder] = [t for t in queued if t.task_path == "samskab.surveys.tasks.send_reminders"]
    assert len(emails) == 11
    assert mail.outbox == []  # nothing is sent until the worker runs
    # The queue holds the invitation's id, never an address or a link.
    assert all("@" not in str(t.args_kwargs) for t in emails)
    assert reminder.run_after == round_.reminder_due()
    assert reminder.args_kwargs["args"] == [round_.pk]
