"""Appointments by d'Hondt: the appointment meeting, its picks, the decision record, vacancies.

One ``Appointment`` is one council decision appointing a committee's members "as one" (or
politicians and citizens separately): the seats per group and the pick order come from the
seat engine (``samskab.seats.dhondt``) with a recorded lot; each ``Pick`` is one seat named by
a group. Once the chair and vice-chair are chosen the appointment is complete: it is the
decision record, and the memberships are created from it. A ``Vacancy`` records a member who
left and the replacement named by the same group (no new allocation).
"""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from samskab.organisation.models import Body, Group, Membership, Person, TermOfOffice
from samskab.recruitment.models import Application, Call
from samskab.taskcommittees.models import TaskCommittee


class Method(models.TextChoices):
    AS_ONE = "as_one", _("council members and citizens as one")
    SEPARATELY = "separately", _("council members and citizens separately")
    # Not d'Hondt: the council decided each group's seats unanimously (recorded with the
    # decision in ``departure_note``); the picks keep the caps as "as one" does.
    UNANIMOUS = "unanimous", _("seats decided unanimously, departing from d'Hondt")


class Kind(models.TextChoices):
    TASK_COMMITTEE = "task_committee", _("members of a task committee")
    CONSTITUTION = "constitution", _("the standing committees, as one")


class Status(models.TextChoices):
    PICKING = "picking", _("the groups name members")
    CHAIRS = "chairs", _("choosing the chair and vice-chair")
    COMPLETED = "completed", _("completed")


class SeatKind(models.TextChoices):
    ANY = "any", _("council member or citizen")
    COUNCIL = "council", _("council member")
    CITIZEN = "citizen", _("citizen")


class Appointment(models.Model):
    kind = models.CharField(
        _("kind"), max_length=20, choices=Kind.choices, default=Kind.TASK_COMMITTEE
    )
    # A task committee; for a constitution, the council whose standing committees it fills.
    body = models.ForeignKey(
        Body, on_delete=models.PROTECT, related_name="appointments", verbose_name=_("committee")
    )
    task = models.ForeignKey(
        TaskCommittee,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="appointments",
        verbose_name=_("task committee"),
    )
    call = models.ForeignKey(
        Call,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("call for applicants"),
    )
    term = models.ForeignKey(
        TermOfOffice, on_delete=models.PROTECT, related_name="+", verbose_name=_("term of office")
    )
    date = models.DateField(_("date of the decision"))
    reference = models.CharField(
        _("meeting"),
        max_length=300,
        help_text=_("The council meeting that decides, e.g. 'KB 24.2.2026, item 7'."),
    )
    method = models.CharField(_("method"), max_length=20, choices=Method.choices)
    council_seats = models.PositiveSmallIntegerField(_("council members"))
    citizen_seats = models.PositiveSmallIntegerField(_("citizens"))
    require_pool = models.BooleanField(
        _("citizens from the applicant list"),
        default=True,
        help_text=_("A qualification the council set: citizens are named from the call's pool."),
    )
    # Further qualifications the council set for citizen members; the service checks each
    # citizen named against them, and the decision record states them.
    residents_only = models.BooleanField(
        _("citizens living in the municipality"),
        default=False,
        help_text=_("Citizens must live in the municipality (a district of it in their data)."),
    )
    min_age = models.PositiveSmallIntegerField(
        _("minimum age of citizens"),
        null=True,
        blank=True,
        help_text=_("In the year of the decision, counted from the year of birth."),
    )
    # Competences from the terms' list; a citizen must have at least one of them.
    competences = models.JSONField(_("competences required of citizens"), default=list, blank=True)
    # The council meeting in the meetings app that decides, when it is there; ``reference``
    # still names it in words (and is all there is for meetings held elsewhere).
    meeting = models.ForeignKey(
        "meetings.Meeting",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("council meeting"),
    )
    # [{"group": id, "name": short name, "size": n}] as the council used them.
    groups = models.JSONField(_("groups and their sizes"), default=list)
    sizes_note = models.CharField(
        _("why the sizes differ from the council's groups"), max_length=300, blank=True
    )
    departure_note = models.CharField(
        _("the unanimous decision to depart from d'Hondt"), max_length=300, blank=True
    )
    seed = models.CharField(_("seed of the lot"), max_length=200)
    # [{"group", "quotient", "by_lot", "kind"}]: the seats, in pick order.
    order = models.JSONField(_("pick order"), default=list)
    # [{"quotient", "groups", "winners", "at_boundary", "kind"}]: every lot drawn.
    ties = models.JSONField(_("lots"), default=list)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.PICKING
    )
    chair = models.ForeignKey(
        Person,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("chair"),
    )
    vice_chair = models.ForeignKey(
        Person,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("vice-chair"),
    )
    # Every step adds one: two screens acting on the same version, only the first wins.
    version = models.PositiveIntegerField(_("version"), default=1)
    created = models.DateTimeField(_("started"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("run by"),
    )
    completed_at = models.DateTimeField(_("completed"), null=True, blank=True)

    class Meta:
        verbose_name = _("appointment")
        verbose_name_plural = _("appointments")
        ordering = ["-date", "-id"]

    def __str__(self):
        return f"{self.body} ({self.date:%d.%m.%Y})"

    def get_absolute_url(self):
        return reverse("appointment:meeting", args=[self.pk])

    @property
    def seats(self):
        return len(self.order)

    @property
    def has_qualifications(self):
        return bool(self.require_pool or self.residents_only or self.min_age or self.competences)

    @property
    def is_completed(self):
        return self.status == Status.COMPLETED


class Pick(models.Model):
    """One seat: the group whose turn it was, the group that named the member (another group
    when the seat was given to it), and the person named."""

    appointment = models.ForeignKey(
        Appointment, on_delete=models.CASCADE, related_name="picks", verbose_name=_("appointment")
    )
    number = models.PositiveSmallIntegerField(_("pick"))
    seat_group = models.ForeignKey(
        Group, on_delete=models.PROTECT, related_name="+", verbose_name=_("seat of group")
    )
    named_by = models.ForeignKey(
        Group, on_delete=models.PROTECT, related_name="+", verbose_name=_("named by group")
    )
    person = models.ForeignKey(
        Person,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("council member"),
    )
    application = models.ForeignKey(
        Application,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("applicant"),
    )
    committee = models.ForeignKey(
        Body,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("standing committee chosen"),
        help_text=_("In a constitution: the committee the group chose for this seat."),
    )
    # The name as decided: the record keeps it when the application is erased.
    name = models.CharField(_("name"), max_length=200)
    is_council_member = models.BooleanField(_("council member"), default=False)
    note = models.CharField(_("note"), max_length=300, blank=True)
    membership = models.ForeignKey(
        Membership,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("membership"),
    )
    created = models.DateTimeField(_("named"), auto_now_add=True)

    class Meta:
        verbose_name = _("pick")
        verbose_name_plural = _("picks")
        ordering = ["appointment", "number"]
        constraints = [
            models.UniqueConstraint(fields=["appointment", "number"], name="pick_unique_number")
        ]

    def __str__(self):
        return f"{self.number}. {self.name}"


class Vacancy(models.Model):
    """A member left; the group that named them named the replacement."""

    body = models.ForeignKey(
        Body, on_delete=models.PROTECT, related_name="vacancies", verbose_name=_("committee")
    )
    left = models.OneToOneField(
        Membership,
        on_delete=models.PROTECT,
        related_name="vacancy",
        verbose_name=_("membership that ended"),
    )
    group = models.ForeignKey(
        Group, on_delete=models.PROTECT, related_name="+", verbose_name=_("named by group")
    )
    replacement = models.OneToOneField(
        Membership,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("replacement"),
    )
    date = models.DateField(_("date of the decision"))
    reference = models.CharField(_("meeting"), max_length=300)
    note = models.CharField(_("note"), max_length=300, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("registered by"),
    )
    created = models.DateTimeField(_("registered"), auto_now_add=True)

    class Meta:
        verbose_name = _("vacancy")
        verbose_name_plural = _("vacancies")
        ordering = ["body", "date", "id"]

    def __str__(self):
        return f"{self.body}: {self.left.person} → {self.replacement.person}"
