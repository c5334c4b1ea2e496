"""Email: texts the secretariat can edit, sent over SMTP by a background task.

An app registers each kind of email it sends (``registry.email_kinds``) and queues one with
``queue(key, pk, **params)``. The task finds the recipient when it runs (the kind's
``message`` function), so the task queue holds ids, never addresses. With the database task
backend the queued task is a row written in the caller's transaction: a service that fails
and rolls back sends nothing.
"""

from __future__ import annotations

import logging
import smtplib
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.db import IntegrityError, transaction
from django.template import Context, Engine
from django.utils import translation
from django_tasks import task

from .models import EmailTemplate
from .registry import email_kinds

# Editable texts are rendered by an engine of their own: Django's built-in tags and filters,
# no template loaders (an edited text cannot include files), no HTML escaping (plain text).
_ENGINE = Engine(autoescape=False)
logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Message:
    """What a kind's ``message`` function returns: who gets it, in which language, and the
    names its text may use."""

    to: str
    language: str
    context: dict[str, Any] = field(default_factory=dict)
    # Files sent along, e.g. a meeting's .ics: (filename, content, MIME type).
    attachments: tuple[tuple[str, Any, str], ...] = ()


def default_text(key: str, language: str) -> tuple[str, str]:
    """The shipped text of a kind of email: (subject, body)."""
    kind = email_kinds.get(key)
    source = Engine.get_default().get_template(f"{kind.template}.{language}.txt").source
    subject, _blank, body = source.partition("\n\n")
    return subject.strip(), body.strip() + "\n"


def text(key: str, language: str) -> tuple[str, str]:
    """The text to send: the secretariat's edited version, else the shipped one."""
    row = EmailTemplate.objects.filter(key=key, language=language).first()
    if row is not None:
        return row.subject, row.body
    return default_text(key, language)


def render(key: str, language: str, context: dict[str, Any]) -> tuple[str, str]:
    return _render(text(key, language), language, context)


def _render(texts: tuple[str, str], language: str, context: dict[str, Any]) -> tuple[str, str]:
    subject, body = texts
    with translation.override(language):
        ctx = Context(context, autoescape=False)
        rendered_subject = _ENGINE.from_string(subject).render(ctx)
        rendered_body = _ENGINE.from_string(body).render(ctx)
    # A header cannot hold a line break (and one in an edited subject must not split it).
    return " ".join(rendered_subject.split()), rendered_body


def site_url(path: str) -> str:
    return settings.SITE_URL.rstrip("/") + path


def _email(message: Message, texts: tuple[str, str], connection=None) -> EmailMessage:
    subject, body = _render(texts, message.language, message.context)
    email = EmailMessage(
        subject, body, settings.DEFAULT_FROM_EMAIL, [message.to], connection=connection
    )
    for filename, content, mimetype in message.attachments:
        email.attach(filename, content, mimetype)
    return email


@task()
def send_email(key: str, pk: int, params: dict[str, Any]) -> bool:
    """Send one email of a registered kind. False when there is nobody to send it to any more
    (the application was withdrawn or erased meanwhile)."""
    message = email_kinds.get(key).load()(pk, **params)
    if message is None:
        return False
    _email(message, text(key, message.language)).send()
    return True


@task()
def send_emails(key: str, batch: list[list[Any]]) -> int:
    """Send many emails of one kind, ``[[pk, params], ...]``, over one SMTP connection, the
    text read once per language: a digest run's batch is one task, not one per person (a
    queue of 50,000 single emails slowed the worker's every pick). An address the server
    refuses is logged and the rest go on; answers how many were sent."""
    build = email_kinds.get(key).load()
    texts: dict[str, tuple[str, str]] = {}
    sent = 0
    with get_connection() as connection:
        for pk, params in batch:
            message = build(pk, **params)
            if message is None:
                continue
            if message.language not in texts:
                texts[message.language] = text(key, message.language)
            try:
                _email(message, texts[message.language], connection).send()
            except smtplib.SMTPRecipientsRefused:
                logger.warning("email %s %s: the address was refused", key, pk)
                continue
            sent += 1
    return sent


def queue(key: str, pk: int, *, run_after: Any = None, **params: Any) -> bool:
    """Queue an email of a registered kind (sent by the task worker), at once or not before
    ``run_after``. A backend that cannot wait (the immediate one in tests) skips a later email
    and answers False."""
    email_kinds.get(key)  # an unknown kind fails here, in the caller, not later in the worker
    if run_after is None:
        send_email.enqueue(key, pk, params)
        return True
    if not send_email.get_backend().supports_defer:
        return False
    send_email.using(run_after=run_after).enqueue(key, pk, params)
    return True


def queue_batch(key: str, batch: list[tuple[int, dict[str, Any]]]) -> bool:
    """Queue many emails of a registered kind as one task (``send_emails``); nothing when the
    batch is empty."""
    email_kinds.get(key)
    if not batch:
        return False
    send_emails.enqueue(key, [[pk, params] for pk, params in batch])
    return True


def sync_texts(**kwargs: Any) -> None:
    """Copy the shipped text of every kind and language into the table, where the secretariat
    can edit it. Rows that exist are left as they are (they may have been edited)."""
    existing = set(EmailTemplate.objects.values_list("key", "language"))
    for kind in email_kinds:
        for language, _name in settings.LANGUAGES:
            if (kind.key, language) in existing:
                continue
            subject, body = default_text(kind.key, language)
            try:
                with transaction.atomic():
                    EmailTemplate.objects.create(
                        key=kind.key, language=language, subject=subject, body=body
                    )
            except IntegrityError:  # another process made it meanwhile
                pass
