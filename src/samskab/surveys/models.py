"""Evaluation surveys: versioned question sets, rounds sent to a committee's members, and
answers that cannot be traced back to the person who gave them.

Anonymity is a property of the tables, not of the pages:

- ``Invitation`` knows the person and whether they have answered, and nothing of what.
- ``Answer`` knows the round, the group (politicians or citizens) and the question, and
  nothing of who. Answers are not even grouped into one person's response: a free text cannot
  be joined to the same person's other answers.
- Neither table can be joined to the other by order. An answer's key is a random UUID (no
  sequence to sort by) and it has no timestamp; an invitation records *that* it was answered,
  never *when* (a time there could be matched with the order in which answers arrived). The
  answer tables are not in the audit log, which would stamp each write with a time and an
  actor.

What is left is the physical storage (SQLite's hidden rowid, PostgreSQL's ctid and xmin, the
write-ahead log), which keeps insertion order for whoever reads the database files directly.
The application shows none of it in any page, export, API or admin; the deployment guide's
database access rules cover the rest.
"""

import datetime as dt
import uuid
from typing import TYPE_CHECKING

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    from django_stubs_ext import StrPromise

from samskab.meetings.models import Meeting
from samskab.organisation.models import Body, Person
from samskab.taskcommittees.lifecycle import State


class Audience(models.TextChoices):
    """The two groups whose results are shown (and hidden below the threshold) apart."""

    POLITICIANS = "politicians", _("politicians")
    CITIZENS = "citizens", _("citizens")


# Keyed by str: rows read the audience back from the database as a plain value.
AUDIENCE_PLURAL: dict[str, "StrPromise"] = {
    Audience.POLITICIANS: _("Politicians"),
    Audience.CITIZENS: _("Citizens"),
}


class AskedOf(models.TextChoices):
    ALL = "all", _("everyone")
    POLITICIANS = "politicians", _("politicians only")
    CITIZENS = "citizens", _("citizens only")


class Kind(models.TextChoices):
    AGREEMENT = "agreement", _("agreement (five-point scale and “don't know”)")
    SINGLE = "single", _("single choice")
    MULTIPLE = "multiple", _("multiple choice")
    SCALE = "scale", _("scale from 0 to 10")
    TEXT = "text", _("free text")


class Headline(models.TextChoices):
    """Which share sums up an agreement question: most are worded so that agreeing is the
    good answer; some ("it was hard to follow …") the other way round."""

    AGREE = "agree", _("fully or partly agree")
    DISAGREE = "disagree", _("fully or partly disagree")


# The agreement scale as stored; 0 is "don't know" (it counts as an answer to the question).
DONT_KNOW = 0
FULLY_DISAGREE, PARTLY_DISAGREE, NEITHER, PARTLY_AGREE, FULLY_AGREE = 1, 2, 3, 4, 5
AGREEMENT_CHOICES = [
    (FULLY_AGREE, _("Fully agree")),
    (PARTLY_AGREE, _("Partly agree")),
    (NEITHER, _("Neither agree nor disagree")),
    (PARTLY_DISAGREE, _("Partly disagree")),
    (FULLY_DISAGREE, _("Fully disagree")),
    (DONT_KNOW, _("Don't know")),
]
SCALE_VALUES = range(0, 11)
MAX_OPTIONS = 20  # multiple choice is stored as a bit mask in one integer


class QuestionSet(models.Model):
    """One version of a questionnaire. Versions are never changed once a round has used them:
    the next change makes a new version, so that results compare the same question with the
    same wording."""

    family = models.SlugField(
        _("short name"),
        max_length=60,
        help_text=_("The same for every version of the questionnaire, e.g. 'standard'."),
    )
    version = models.PositiveIntegerField(_("version"), default=1)
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("introduction"), blank=True)
    created = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("question set")
        verbose_name_plural = _("question sets")
        ordering = ["family", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["family", "version"], name="questionset_unique_version")
        ]

    def __str__(self):
        return f"{self.name} (v{self.version})"

    def get_absolute_url(self):
        return reverse("surveys:question_set", args=[self.pk])


class Question(models.Model):
    question_set = models.ForeignKey(
        QuestionSet,
        on_delete=models.CASCADE,
        related_name="questions",
        verbose_name=_("question set"),
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    key = models.SlugField(
        _("short name"),
        max_length=60,
        help_text=_("Names the question in exports; kept from version to version."),
    )
    text = models.CharField(_("question"), max_length=500)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    asked_of = models.CharField(
        _("asked of"), max_length=20, choices=AskedOf.choices, default=AskedOf.ALL
    )
    options = models.TextField(
        _("options"), blank=True, help_text=_("For single and multiple choice: one per line.")
    )
    headline = models.CharField(
        _("headline figure"), max_length=10, choices=Headline.choices, default=Headline.AGREE
    )
    required = models.BooleanField(_("an answer is required"), default=False)

    class Meta:
        verbose_name = _("question")
        verbose_name_plural = _("questions")
        ordering = ["question_set", "position", "id"]
        constraints = [
            models.UniqueConstraint(fields=["question_set", "key"], name="question_unique_key")
        ]

    def __str__(self):
        return self.text

    def option_list(self):
        return [line.strip() for line in self.options.splitlines() if line.strip()]

    def is_asked_of(self, audience):
        return self.asked_of in (AskedOf.ALL, audience)


class RoundKind(models.TextChoices):
    EVALUATION = "evaluation", _("evaluation")
    PULSE = "pulse", _("pulse after a meeting")


class Round(models.Model):
    """A survey of one committee's members with one question set, open until ``closes_at``."""

    body = models.ForeignKey(
        Body, on_delete=models.PROTECT, related_name="survey_rounds", verbose_name=_("committee")
    )
    question_set = models.ForeignKey(
        QuestionSet, on_delete=models.PROTECT, related_name="rounds", verbose_name=_("question set")
    )
    kind = models.CharField(
        _("kind"), max_length=20, choices=RoundKind.choices, default=RoundKind.EVALUATION
    )
    title = models.CharField(_("title"), max_length=200)
    opened_at = models.DateTimeField(_("opened"))
    closes_at = models.DateTimeField(_("closes"))
    closed_at = models.DateTimeField(_("closed early"), null=True, blank=True)
    remind_days = models.PositiveSmallIntegerField(_("reminder (days before closing)"), default=3)
    reminded_at = models.DateTimeField(_("reminder sent"), null=True, blank=True)
    published_at = models.DateTimeField(_("results published"), null=True, blank=True)
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("opened by"),
    )
    note = models.CharField(_("note"), max_length=300, blank=True)
    # A pulse asks how one meeting of the committee went.
    meeting = models.ForeignKey(
        Meeting,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="pulse_rounds",
        verbose_name=_("meeting"),
    )

    class Meta:
        verbose_name = _("survey round")
        verbose_name_plural = _("survey rounds")
        ordering = ["-closes_at", "id"]
        indexes = [models.Index(fields=["body", "closes_at"])]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("surveys:round", args=[self.pk])

    def end(self):
        """When answers stopped (or will stop) being accepted."""
        return self.closed_at or self.closes_at

    def is_open(self, now=None):
        now = now or timezone.now()
        return self.opened_at <= now < self.end()

    def is_closed(self, now=None):
        return (now or timezone.now()) >= self.end()

    @property
    def published(self):
        return self.published_at is not None

    @property
    def year(self):
        return timezone.localtime(self.end()).year

    def reminder_due(self):
        return self.closes_at - dt.timedelta(days=self.remind_days)


class AutomaticRound(models.Model):
    """A round that opens by itself when a task committee reaches a step of its life."""

    state = models.CharField(
        _("when the committee reaches"), max_length=30, choices=State.choices, unique=True
    )
    question_set = models.ForeignKey(
        QuestionSet, on_delete=models.PROTECT, related_name="+", verbose_name=_("question set")
    )
    days_open = models.PositiveSmallIntegerField(_("days open"), default=21)
    active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("automatic round")
        verbose_name_plural = _("automatic rounds")

    def __str__(self):
        return f"{self.state} → {self.question_set}"


class Invitation(models.Model):
    """Who was asked, and whether they have answered. Never what, never when (see above)."""

    round = models.ForeignKey(
        Round, on_delete=models.CASCADE, related_name="invitations", verbose_name=_("round")
    )
    person = models.ForeignKey(
        Person, on_delete=models.CASCADE, related_name="+", verbose_name=_("person")
    )
    audience = models.CharField(_("group"), max_length=20, choices=Audience.choices)
    # The secret the personal link signs; a new key makes every earlier link for it invalid.
    key = models.CharField(max_length=40, unique=True)
    answered = models.BooleanField(_("has answered"), default=False)

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        constraints = [
            models.UniqueConstraint(
                fields=["round", "person"], name="survey_invitation_unique_person"
            )
        ]

    def __str__(self):
        return f"{self.round} – {self.person}"


class Answer(models.Model):
    """One answer to one question, from someone in ``audience``; nobody in particular.

    ``value`` holds the agreement step (0 = don't know), the 0–10 scale, the chosen option's
    index (single choice) or a bit mask of the chosen options (multiple choice); ``text`` holds
    a free-text answer, which only the secretariat reads. ``published_text`` is the version the
    secretariat published, names removed."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    round = models.ForeignKey(
        Round, on_delete=models.CASCADE, related_name="answers", verbose_name=_("round")
    )
    audience = models.CharField(_("group"), max_length=20, choices=Audience.choices)
    question = models.ForeignKey(
        Question, on_delete=models.PROTECT, related_name="answers", verbose_name=_("question")
    )
    value = models.IntegerField(_("value"), null=True, blank=True)
    text = models.TextField(_("text"), blank=True)
    published_text = models.TextField(_("published text"), blank=True)
    is_published = models.BooleanField(_("published"), default=False)

    class Meta:
        verbose_name = _("answer")
        verbose_name_plural = _("answers")
        # By the random key: the order says nothing about who answered first.
        ordering = ["id"]
        indexes = [models.Index(fields=["round", "question", "audience"])]

    def __str__(self):
        return str(self.id)
