"""Follow and digest: who follows what, what happened for them, and how often they hear.

A follow points at any object through its content type (a body, a task committee's body, a
topic), or holds a saved search. Apps report events with ``services.notify`` (one person) or
``services.notify_followers`` (everyone following the event's targets); each event remembers
its access level and body, so the digest shows it only to someone who may open it when the
digest is built. The worker builds and sends digests in batches (``tasks.py``).
"""

import secrets

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _

from samskab.core.access import AccessLevel
from samskab.organisation.models import Body


class Frequency(models.TextChoices):
    DAILY = "daily", _("every day")
    WEEKLY = "weekly", _("every week")
    NEVER = "never", _("never")


def _token():
    return secrets.token_urlsafe(24)


class DigestSettings(models.Model):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="digest_settings",
        verbose_name=_("user"),
    )
    frequency = models.CharField(
        _("email digest"), max_length=10, choices=Frequency.choices, default=Frequency.WEEKLY
    )
    # Unsubscribing needs no login: the link in every digest carries this token.
    token = models.CharField(max_length=40, unique=True, default=_token, editable=False)
    last_sent = models.DateTimeField(_("last digest"), null=True, blank=True)
    # What needs the person (a draft open for their input, a mention, a decision due) is
    # emailed at once unless they turn this off; it then waits for the digest instead.
    immediate = models.BooleanField(_("email at once when something needs me"), default=True)

    class Meta:
        verbose_name = _("digest settings")
        verbose_name_plural = _("digest settings")
        indexes = [models.Index(fields=["frequency", "id"])]

    def __str__(self):
        return f"{self.user} ({self.frequency})"


class Follow(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="follows",
        verbose_name=_("user"),
    )
    content_type = models.ForeignKey(
        ContentType, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    object_id = models.PositiveBigIntegerField(null=True, blank=True)
    target = GenericForeignKey("content_type", "object_id")
    query = models.CharField(_("saved search"), max_length=200, blank=True)
    created = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("follow")
        verbose_name_plural = _("follows")
        ordering = ["-created", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "content_type", "object_id", "query"], name="follow_unique"
            ),
            models.CheckConstraint(
                condition=(
                    models.Q(content_type__isnull=False, object_id__isnull=False, query="")
                    | models.Q(content_type__isnull=True, object_id__isnull=True)
                    & ~models.Q(query="")
                ),
                name="follow_target_or_query",
            ),
        ]
        indexes = [models.Index(fields=["content_type", "object_id"])]

    def __str__(self):
        return self.query or f"{self.content_type_id}:{self.object_id}"


class Notification(models.Model):
    """Something that happened for one person: emailed at once when it needs them (unless they
    chose otherwise), else waiting for their next digest."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="notifications",
        verbose_name=_("user"),
    )
    kind = models.CharField(_("kind"), max_length=60)
    title = models.CharField(_("title"), max_length=300)
    url = models.CharField(_("address"), max_length=500)
    access_level = models.CharField(
        max_length=20, choices=AccessLevel.choices, default=AccessLevel.PUBLIC
    )
    body = models.ForeignKey(
        Body, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    # One line saying where it happened ("In the collaboration room of Klimatilpasning").
    context = models.CharField(_("context"), max_length=300, blank=True)
    # A link that stops this kind of news without logging in, when the app that reports it
    # offers one (a former member's follow-up news); shown in the immediate email.
    stop_url = models.CharField(_("address that stops it"), max_length=500, blank=True)
    created = models.DateTimeField(_("created"), auto_now_add=True)
    digested_at = models.DateTimeField(_("sent in a digest"), null=True, blank=True)
    # Sent by email at once (``services.notify``): the digest does not repeat it.
    emailed_at = models.DateTimeField(_("emailed at once"), null=True, blank=True)

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        indexes = [models.Index(fields=["user", "digested_at", "id"])]

    def __str__(self):
        return self.title
