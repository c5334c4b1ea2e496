"""Recruitment: a task committee's public call, the citizens' applications, the standing
register of interested citizens, and what survives of a pool once its personal data is gone.

Personal data (name, contact details, birth year, motivation) lives in ``Application`` and
``Interest`` only, for the purpose and period the applicant consented to; ``Call.statistics``
keeps the pool's anonymous aggregates after the applications are erased.
"""

import secrets

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from samskab.organisation.models import District, Municipality
from samskab.taskcommittees.models import TaskCommittee, TermsVersion


def new_secret():
    return secrets.token_urlsafe(16)


class ChannelKind(models.TextChoices):
    WEBSITE = "website", _("the municipality's website")
    LOCAL_PAPER = "local_paper", _("the local paper")
    MAGAZINE = "magazine", _("the municipal magazine")
    NETWORKS = "networks", _("networks and associations")
    SOCIAL_MEDIA = "social_media", _("social media")
    OTHER = "other", _("other")


class Gender(models.TextChoices):
    WOMAN = "woman", _("woman")
    MAN = "man", _("man")
    OTHER = "other", _("other")
    UNSAID = "unsaid", _("prefer not to say")


class Background(models.TextChoices):
    PRIVATE = "private", _("employed in a private company")
    PUBLIC = "public", _("employed in the public sector")
    SELF_EMPLOYED = "self_employed", _("self-employed")
    EDUCATION = "education", _("in education")
    RETIRED = "retired", _("retired")
    OTHER = "other", _("other")


class Outcome(models.TextChoices):
    PENDING = "", _("not decided yet")
    APPOINTED = "appointed", _("appointed")
    NOT_APPOINTED = "not_appointed", _("not appointed")


class Call(models.Model):
    """A public call for citizens to apply for a seat on a task committee."""

    task = models.ForeignKey(
        TaskCommittee,
        on_delete=models.PROTECT,
        related_name="calls",
        verbose_name=_("task committee"),
    )
    terms = models.ForeignKey(
        TermsVersion,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("approved terms of reference"),
    )
    slug = models.SlugField(_("address"), max_length=100, unique=True)
    code = models.CharField(_("short link code"), max_length=12, unique=True)
    intro = models.TextField(_("introduction"), blank=True)
    deadline = models.DateTimeField(_("deadline"))
    opened_at = models.DateTimeField(_("opened"), default=timezone.now)
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("opened by"),
    )
    appointed_on = models.DateField(_("appointment registered on"), null=True, blank=True)
    retain_until = models.DateField(_("personal data kept until"), null=True, blank=True)
    anonymised_at = models.DateTimeField(_("personal data erased"), null=True, blank=True)
    statistics = models.JSONField(_("anonymous statistics"), default=dict, blank=True)

    class Meta:
        verbose_name = _("call")
        verbose_name_plural = _("calls")
        ordering = ["-deadline", "id"]

    def __str__(self):
        return self.terms.title

    def get_absolute_url(self):
        return reverse("recruitment:call", args=[self.slug])

    def is_open(self, now=None):
        """Open until the deadline; closed from that moment, whoever looks and whenever."""
        return (now or timezone.now()) < self.deadline and self.appointed_on is None


class Channel(models.Model):
    """Where the call was published, and when."""

    call = models.ForeignKey(
        Call, on_delete=models.CASCADE, related_name="channels", verbose_name=_("call")
    )
    kind = models.CharField(_("channel"), max_length=20, choices=ChannelKind.choices)
    name = models.CharField(
        _("name"), max_length=200, blank=True, help_text=_("E.g. the paper or the network.")
    )
    date = models.DateField(_("date"))

    class Meta:
        verbose_name = _("channel")
        verbose_name_plural = _("channels")
        ordering = ["call", "date", "id"]

    def __str__(self):
        return f"{self.get_kind_display()} {self.name}".strip()


class ApplicationQuerySet(models.QuerySet):
    def in_pool(self):
        """The applications that count: confirmed by email and not withdrawn."""
        return self.filter(confirmed_at__isnull=False, withdrawn_at__isnull=True)


class Application(models.Model):
    call = models.ForeignKey(
        Call, on_delete=models.CASCADE, related_name="applications", verbose_name=_("call")
    )
    email = models.EmailField(_("email"))
    name = models.CharField(_("name"), max_length=200)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    birth_year = models.PositiveSmallIntegerField(_("year of birth"))
    gender = models.CharField(_("gender"), max_length=10, choices=Gender.choices, blank=True)
    district = models.ForeignKey(
        District,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("district"),
    )
    background = models.CharField(_("background"), max_length=20, choices=Background.choices)
    occupation = models.CharField(_("occupation"), max_length=200, blank=True)
    competences = models.JSONField(_("competences"), default=list, blank=True)
    motivation = models.TextField(_("motivation"))
    heard_via = models.CharField(
        _("heard of the call through"), max_length=20, choices=ChannelKind.choices, blank=True
    )
    future_calls = models.BooleanField(_("wants to hear about future calls"), default=False)
    language = models.CharField(_("language"), max_length=10, default="da")
    consent_at = models.DateTimeField(_("consent given"))
    secret = models.CharField(max_length=40, default=new_secret, editable=False)
    # A later application from the same address, kept aside until the address is confirmed.
    pending = models.JSONField(null=True, blank=True, editable=False)
    confirmed_at = models.DateTimeField(_("email confirmed"), null=True, blank=True)
    withdrawn_at = models.DateTimeField(_("withdrawn"), null=True, blank=True)
    outcome = models.CharField(
        _("outcome"), max_length=20, choices=Outcome.choices, blank=True, default=""
    )
    shortlisted = models.BooleanField(_("shortlisted"), default=False)
    note = models.TextField(_("the secretariat's note"), blank=True)
    created = models.DateTimeField(_("applied"), auto_now_add=True)
    updated = models.DateTimeField(_("updated"), auto_now=True)

    objects = ApplicationQuerySet.as_manager()

    class Meta:
        verbose_name = _("application")
        verbose_name_plural = _("applications")
        ordering = ["call", "name", "id"]
        constraints = [
            models.UniqueConstraint(fields=["call", "email"], name="application_one_per_email")
        ]
        indexes = [models.Index(fields=["call", "confirmed_at", "withdrawn_at"])]

    def __str__(self):
        return self.name

    def age_on(self, year):
        return year - self.birth_year


class Interest(models.Model):
    """The standing register: a citizen who wants to hear when a new call opens."""

    email = models.EmailField(_("email"), unique=True)
    name = models.CharField(_("name"), max_length=200)
    district = models.ForeignKey(
        District,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("district"),
    )
    topics = models.CharField(
        _("topics of interest"), max_length=500, blank=True, help_text=_("Optional.")
    )
    language = models.CharField(_("language"), max_length=10, default="da")
    consent_at = models.DateTimeField(_("consent given"))
    secret = models.CharField(max_length=40, default=new_secret, editable=False)
    confirmed_at = models.DateTimeField(_("email confirmed"), null=True, blank=True)
    created = models.DateTimeField(_("signed up"), auto_now_add=True)

    class Meta:
        verbose_name = _("interested citizen")
        verbose_name_plural = _("interested citizens")
        ordering = ["name", "id"]

    def __str__(self):
        return self.name


class AgeGroup(models.Model):
    """The municipality's population in an age group, to compare a pool with (from the
    municipality's profile, e.g. 0–17, 18–66 and 67 and over)."""

    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.CASCADE,
        related_name="age_groups",
        verbose_name=_("municipality"),
    )
    min_age = models.PositiveSmallIntegerField(_("from age"))
    max_age = models.PositiveSmallIntegerField(_("to age"), null=True, blank=True)
    population = models.PositiveIntegerField(_("population"))

    class Meta:
        verbose_name = _("population by age")
        verbose_name_plural = _("population by age")
        ordering = ["municipality", "min_age"]

    def __str__(self):
        if self.max_age is None:
            return _("%(age)s and over") % {"age": self.min_age}
        return f"{self.min_age}–{self.max_age}"
