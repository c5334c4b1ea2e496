"""The council's organisation: municipality, terms of office, groups, people, bodies, memberships.

Modelled after Popolo/OParl: one Person for everybody (council members, staff, citizens,
experts), one Body for every kind of committee or board, and Memberships that tie them
together with a role and dates. History is kept: a membership ends, it is never deleted.
"""

from typing import TYPE_CHECKING

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelsearch import index

if TYPE_CHECKING:
    from django_stubs_ext import StrPromise

from samskab.core import dates


def _check_dates(start, end, end_field="end_date"):
    errors = {
        field: problem
        for field, value in (("start_date", start), (end_field, end))
        if (problem := dates.problem(value))
    }
    if errors:
        raise ValidationError(errors)
    if start and end and end < start:
        raise ValidationError({end_field: _("The end date cannot be before the start date.")})


class Municipality(models.Model):
    """The municipality's profile: one row, used for comparisons and the site's name."""

    name = models.CharField(_("name"), max_length=200)
    code = models.CharField(_("municipality code"), max_length=3, blank=True)
    population = models.PositiveIntegerField(_("population"), null=True, blank=True)
    area_km2 = models.DecimalField(
        _("area (km²)"), max_digits=7, decimal_places=1, null=True, blank=True
    )
    website = models.URLField(_("website"), blank=True)

    class Meta:
        verbose_name = _("municipality")
        verbose_name_plural = _("municipalities")

    def __str__(self):
        return self.name


class District(models.Model):
    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.CASCADE,
        related_name="districts",
        verbose_name=_("municipality"),
    )
    name = models.CharField(_("name"), max_length=200)
    population = models.PositiveIntegerField(_("population"), null=True, blank=True)

    class Meta:
        verbose_name = _("district")
        verbose_name_plural = _("districts")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["municipality", "name"], name="district_unique_name")
        ]

    def __str__(self):
        return self.name


class TermOfOffice(models.Model):
    """A council's term (valgperiode), e.g. 1 January 2022 – 31 December 2025."""

    name = models.CharField(_("name"), max_length=100, unique=True)
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"))

    class Meta:
        verbose_name = _("term of office")
        verbose_name_plural = _("terms of office")
        ordering = ["-start_date"]

    def __str__(self):
        return self.name

    def clean(self):
        _check_dates(self.start_date, self.end_date)

    @classmethod
    def current(cls, on=None):
        on = on or timezone.localdate()
        return cls.objects.filter(start_date__lte=on, end_date__gte=on).first()


class Party(models.Model):
    """A party list (kandidatliste) with its letter, e.g. C – Det Konservative Folkeparti."""

    letter = models.CharField(_("letter"), max_length=3, unique=True)
    name = models.CharField(_("name"), max_length=200)

    class Meta:
        verbose_name = _("party list")
        verbose_name_plural = _("party lists")
        ordering = ["letter"]

    def __str__(self):
        return f"{self.letter} – {self.name}"


class Group(models.Model):
    """A group (valggruppe) for committee elections in one term: one or more party lists."""

    term = models.ForeignKey(
        TermOfOffice,
        on_delete=models.PROTECT,
        related_name="groups",
        verbose_name=_("term of office"),
    )
    name = models.CharField(_("name"), max_length=200)
    short_name = models.CharField(_("short name"), max_length=20)
    parties = models.ManyToManyField(
        Party, blank=True, related_name="groups", verbose_name=_("party lists")
    )

    class Meta:
        verbose_name = _("group")
        verbose_name_plural = _("groups")
        ordering = ["term", "short_name"]
        constraints = [
            models.UniqueConstraint(fields=["term", "short_name"], name="group_unique_short_name")
        ]

    def __str__(self):
        return f"{self.short_name} – {self.name}"

    @property
    def label(self):
        """The group as people know it: its name, with the list letter beside it."""
        if not self.name or self.name == self.short_name:
            return self.short_name
        return f"{self.name} ({self.short_name})"


class Person(models.Model):
    """Anybody: council member, staff, citizen, expert. An account is optional.

    Only ``name``, ``title`` and ``bio`` are public; the rest is personal data that reaches
    the secretariat and the person only.
    """

    name = models.CharField(_("name"), max_length=200)
    title = models.CharField(
        _("title"),
        max_length=200,
        blank=True,
        help_text=_("Public, e.g. profession or the association the person comes from."),
    )
    bio = models.TextField(_("public description"), blank=True)
    email = models.EmailField(
        _("email"),
        blank=True,
        help_text=_(
            "For people without an account. A person with an account is written to at the "
            "account's email, which its owner changes."
        ),
    )
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    birth_year = models.PositiveSmallIntegerField(_("birth year"), null=True, blank=True)
    district = models.ForeignKey(
        District,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="people",
        verbose_name=_("district"),
    )
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="person",
        verbose_name=_("account"),
    )
    created = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("people")
        ordering = ["name", "id"]
        constraints = [
            # One source of truth for a person's email: the account's, once there is one.
            models.CheckConstraint(
                condition=models.Q(user__isnull=True) | models.Q(email=""),
                name="person_email_only_without_account",
            )
        ]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        # Linking an account makes the account's email the person's: the old contact address
        # is dropped rather than kept as a second, drifting copy.
        if self.user_id is not None and self.email:
            self.email = ""
            if (fields := kwargs.get("update_fields")) is not None:
                kwargs["update_fields"] = {*fields, "email"}
        super().save(*args, **kwargs)

    @property
    def contact_email(self) -> str:
        """Where to write to this person: the account's email, or the one kept for people
        without an account."""
        return self.user.email if self.user is not None else self.email

    def get_absolute_url(self):
        return reverse("organisation:person", args=[self.pk])


class BodyKind(models.TextChoices):
    COUNCIL = "council", _("municipal council")
    FINANCE_COMMITTEE = "finance_committee", _("finance committee")
    STANDING_COMMITTEE = "standing_committee", _("standing committee")
    TASK_COMMITTEE = "task_committee", _("task committee")
    ADVISORY_BOARD = "advisory_board", _("advisory board")
    THINK_TANK = "think_tank", _("think tank")
    AMBASSADOR_CORPS = "ambassador_corps", _("ambassador corps")
    WORKING_GROUP = "working_group", _("working group")


# Keyed by str: the views look plurals up by a stored value or by BodyKind.values.
BODY_KIND_PLURALS: dict[str, "StrPromise"] = {
    BodyKind.COUNCIL: _("Municipal council"),
    BodyKind.FINANCE_COMMITTEE: _("Finance Committee"),
    BodyKind.STANDING_COMMITTEE: _("Standing committees"),
    BodyKind.TASK_COMMITTEE: _("Task committees"),
    BodyKind.ADVISORY_BOARD: _("Advisory boards"),
    BodyKind.THINK_TANK: _("Think tanks"),
    BodyKind.AMBASSADOR_CORPS: _("Ambassador corps"),
    BodyKind.WORKING_GROUP: _("Working groups"),
}


class BodyQuerySet(models.QuerySet):
    def active(self, on=None):
        on = on or timezone.localdate()
        return self.filter(Q(start_date__isnull=True) | Q(start_date__lte=on)).filter(
            Q(end_date__isnull=True) | Q(end_date__gte=on)
        )


class Body(index.Indexed, models.Model):
    kind = models.CharField(_("kind"), max_length=30, choices=BodyKind.choices, db_index=True)
    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("short address"), max_length=100, unique=True)
    short_name = models.CharField(_("short name"), max_length=20, blank=True)
    remit = models.TextField(_("remit"), blank=True)
    description = models.TextField(_("description"), blank=True)
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("parent body"),
    )
    term = models.ForeignKey(
        TermOfOffice,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="bodies",
        verbose_name=_("term of office"),
    )
    start_date = models.DateField(_("start date"), null=True, blank=True)
    end_date = models.DateField(_("end date"), null=True, blank=True)
    seats = models.PositiveSmallIntegerField(
        _("number of seats"),
        null=True,
        blank=True,
        help_text=_("For committees constituted by d'Hondt: how many seats the groups share."),
    )

    objects = BodyQuerySet.as_manager()

    # Bodies are public: the site-wide search finds them by name, remit and description.
    search_fields = [
        index.SearchField("name", boost=4),
        index.SearchField("short_name", boost=4),
        index.SearchField("remit", boost=2),
        index.SearchField("description"),
        index.FilterField("id"),
        index.FilterField("kind"),
    ]

    class Meta:
        verbose_name = _("body")
        verbose_name_plural = _("bodies")
        ordering = ["kind", "name"]
        indexes = [models.Index(fields=["kind", "start_date"])]

    def __str__(self):
        return self.name

    def clean(self):
        _check_dates(self.start_date, self.end_date)
        if self.parent_id and self.parent_id == self.pk:
            raise ValidationError({"parent": _("A body cannot be its own parent.")})

    def get_absolute_url(self):
        return reverse("organisation:body", args=[self.slug])


class Role(models.TextChoices):
    CHAIR = "chair", _("chair")
    VICE_CHAIR = "vice_chair", _("vice-chair")
    MEMBER = "member", _("member")
    SECRETARY = "secretary", _("secretary")
    EXPERT = "expert", _("expert / guest")


class Basis(models.TextChoices):
    ELECTED = "elected", _("elected")
    APPOINTED = "appointed", _("appointed")
    EX_OFFICIO = "ex_officio", _("ex officio")


ROLE_ORDER = {Role.CHAIR: 0, Role.VICE_CHAIR: 1, Role.MEMBER: 2, Role.EXPERT: 3, Role.SECRETARY: 4}


class MembershipQuerySet(models.QuerySet):
    def current(self, on=None):
        on = on or timezone.localdate()
        return self.filter(start_date__lte=on).filter(
            Q(end_date__isnull=True) | Q(end_date__gte=on)
        )

    def former(self, on=None):
        on = on or timezone.localdate()
        return self.filter(end_date__lt=on)


class Membership(models.Model):
    person = models.ForeignKey(
        Person, on_delete=models.PROTECT, related_name="memberships", verbose_name=_("person")
    )
    body = models.ForeignKey(
        Body, on_delete=models.PROTECT, related_name="memberships", verbose_name=_("body")
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices, default=Role.MEMBER)
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"), null=True, blank=True)
    group = models.ForeignKey(
        Group,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="memberships",
        verbose_name=_("named by group"),
        help_text=_("In the council: the member's group. Elsewhere: the group that named them."),
    )
    basis = models.CharField(
        _("how it came about"), max_length=20, choices=Basis.choices, default=Basis.APPOINTED
    )
    is_council_member = models.BooleanField(
        _("sits as council member"),
        default=False,
        help_text=_("True for council members; false for citizens, experts and staff."),
    )
    note = models.CharField(_("note"), max_length=300, blank=True)

    objects = MembershipQuerySet.as_manager()

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        ordering = ["body", "start_date", "id"]
        indexes = [
            models.Index(fields=["body", "end_date"]),
            models.Index(fields=["person", "end_date"]),
        ]

    def __str__(self):
        return f"{self.person} – {self.body} ({self.get_role_display()})"

    def clean(self):
        _check_dates(self.start_date, self.end_date)

    def is_current(self, on=None):
        on = on or timezone.localdate()
        return self.start_date <= on and (self.end_date is None or self.end_date >= on)
