"""A task committee's process: terms of reference, transitions, delivery and follow-up.

The committee itself is an organisation ``Body`` (kind ``task_committee``) with its members;
``TaskCommittee`` adds its life. Business rules live in ``services.py``.
"""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelsearch import index

from samskab.organisation.models import Body, Person

from .lifecycle import State


class TaskCommittee(models.Model):
    body = models.OneToOneField(
        Body, on_delete=models.PROTECT, related_name="task", verbose_name=_("body")
    )
    state = models.CharField(
        _("state"), max_length=30, choices=State.choices, default=State.PROPOSED, db_index=True
    )
    proposed_by = models.ManyToManyField(
        Body,
        related_name="proposed_task_committees",
        blank=True,
        verbose_name=_("proposed by"),
        help_text=_("One or more standing committees and/or the Finance Committee."),
    )
    rationale = models.TextField(_("rationale"), blank=True)
    proposed_on = models.DateField(_("proposed on"), default=timezone.localdate)
    drafters = models.ManyToManyField(
        Person,
        related_name="drafted_task_committees",
        blank=True,
        verbose_name=_("drafters"),
        help_text=_("The two council members appointed to draft the terms of reference."),
    )
    approved_version = models.OneToOneField(
        "TermsVersion",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("approved version"),
    )
    state_changed_on = models.DateField(_("state changed on"), default=timezone.localdate)

    class Meta:
        verbose_name = _("task committee process")
        verbose_name_plural = _("task committee processes")

    def __str__(self):
        return self.body.name

    def get_absolute_url(self):
        return reverse("taskcommittees:detail", args=[self.body.slug])


class StateChange(models.Model):
    """One step of the committee's life: when, at which meeting, by whom."""

    task = models.ForeignKey(
        TaskCommittee,
        on_delete=models.CASCADE,
        related_name="state_changes",
        verbose_name=_("task committee"),
    )
    source = models.CharField(_("from"), max_length=30, choices=State.choices, blank=True)
    target = models.CharField(_("to"), max_length=30, choices=State.choices)
    date = models.DateField(_("date"))
    reference = models.CharField(
        _("meeting or decision"),
        max_length=300,
        blank=True,
        help_text=_("The council or joint meeting it happened at, e.g. 'KB 24.2.2026, item 7'."),
    )
    note = models.TextField(_("note"), blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("registered by"),
    )
    created = models.DateTimeField(_("registered"), auto_now_add=True)

    class Meta:
        verbose_name = _("state change")
        verbose_name_plural = _("state changes")
        ordering = ["task", "date", "id"]

    def __str__(self):
        return f"{self.task} → {self.target} ({self.date})"


class AppointmentMethod(models.TextChoices):
    DHONDT_AS_ONE = "dhondt_as_one", _("d'Hondt, council members and citizens as one")
    DHONDT_SEPARATELY = "dhondt_separately", _("d'Hondt, council members and citizens separately")
    UNANIMOUS = "unanimous", _("unanimous designation by the council")


class TermsVersion(index.Indexed, models.Model):
    """One saved version of the terms of reference (kommissorium). Versions are never edited:
    every save adds one, and the approved one is frozen and cited by its number."""

    task = models.ForeignKey(
        TaskCommittee,
        on_delete=models.CASCADE,
        related_name="versions",
        verbose_name=_("task committee"),
    )
    number = models.PositiveIntegerField(_("version"))
    title = models.CharField(_("title"), max_length=200)
    background = models.TextField(_("background"), blank=True)
    purpose = models.TextField(_("purpose"), blank=True)
    assignment = models.TextField(_("the task"), blank=True)
    deliverables = models.TextField(_("deliverables"), blank=True)
    start_date = models.DateField(_("start"), null=True, blank=True)
    end_date = models.DateField(_("end"), null=True, blank=True)
    expected_meetings = models.PositiveSmallIntegerField(
        _("expected number of meetings"), null=True, blank=True
    )
    council_members = models.PositiveSmallIntegerField(_("number of council members"), default=5)
    citizens = models.PositiveSmallIntegerField(_("number of citizens"), default=10)
    competences = models.TextField(
        _("competences and backgrounds sought"),
        blank=True,
        help_text=_("One per line. Recruitment and appointment use this list."),
    )
    appointment_method = models.CharField(
        _("how members are appointed"),
        max_length=30,
        choices=AppointmentMethod.choices,
        default=AppointmentMethod.DHONDT_AS_ONE,
    )
    working_form = models.TextField(_("working form"), blank=True)
    budget_ore = models.PositiveBigIntegerField(_("budget (øre)"), null=True, blank=True)
    receiving_committee = models.ForeignKey(
        Body,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("receiving and follow-up committee"),
    )
    contact = models.CharField(_("contact in the administration"), max_length=200, blank=True)
    change_note = models.CharField(_("what changed"), max_length=300, blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("saved by"),
    )
    created = models.DateTimeField(_("saved"), auto_now_add=True)

    # The fields that make up the document (compared, printed, copied into a new version).
    CONTENT_FIELDS = [
        "title",
        "background",
        "purpose",
        "assignment",
        "deliverables",
        "start_date",
        "end_date",
        "expected_meetings",
        "council_members",
        "citizens",
        "competences",
        "appointment_method",
        "working_form",
        "budget_ore",
        "receiving_committee",
        "contact",
    ]

    # Only the approved version is public: the search filters on it (queries.approved_terms).
    search_fields = [
        index.SearchField("title", boost=4),
        index.SearchField("purpose", boost=2),
        index.SearchField("assignment", boost=2),
        index.SearchField("background"),
        index.SearchField("deliverables"),
        index.SearchField("working_form"),
        index.FilterField("id"),
        index.FilterField("task"),
    ]

    class Meta:
        verbose_name = _("terms of reference version")
        verbose_name_plural = _("terms of reference versions")
        ordering = ["task", "number"]
        constraints = [
            models.UniqueConstraint(fields=["task", "number"], name="terms_version_unique_number")
        ]

    def __str__(self):
        return f"{self.title} (v{self.number})"

    @property
    def competence_list(self):
        return [line.strip() for line in self.competences.splitlines() if line.strip()]

    @property
    def seats(self):
        return self.council_members + self.citizens

    @property
    def budget_kroner(self):
        return None if self.budget_ore is None else self.budget_ore / 100


class Input(models.Model):
    """A council member's written input on a draft, threaded, citing the version it read."""

    task = models.ForeignKey(
        TaskCommittee,
        on_delete=models.CASCADE,
        related_name="inputs",
        verbose_name=_("task committee"),
    )
    version = models.ForeignKey(
        TermsVersion, on_delete=models.PROTECT, related_name="inputs", verbose_name=_("version")
    )
    parent = models.ForeignKey(
        "self",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="replies",
        verbose_name=_("reply to"),
    )
    author = models.ForeignKey(
        Person, on_delete=models.PROTECT, related_name="+", verbose_name=_("author")
    )
    text = models.TextField(_("input"))
    created = models.DateTimeField(_("written"), auto_now_add=True)

    class Meta:
        verbose_name = _("input")
        verbose_name_plural = _("inputs")
        ordering = ["created", "id"]

    def __str__(self):
        return f"{self.author} – {self.task}"


class Delivery(index.Indexed, models.Model):
    """The committee's result: a report and its recommendations."""

    task = models.OneToOneField(
        TaskCommittee,
        on_delete=models.CASCADE,
        related_name="delivery",
        verbose_name=_("task committee"),
    )
    summary = models.TextField(_("summary"), blank=True)
    report = models.FileField(_("report"), upload_to="reports/%Y/", blank=True)
    presented_on = models.DateField(_("presented on"), null=True, blank=True)
    delivered_on = models.DateField(_("delivered on"), null=True, blank=True)
    updated = models.DateTimeField(_("updated"), auto_now=True)

    # Public once the result is (lifecycle.result_public_q): see queries.public_deliveries.
    search_fields = [
        index.SearchField("summary"),
        index.FilterField("id"),
        index.FilterField("task"),
    ]

    class Meta:
        verbose_name = _("delivery")
        verbose_name_plural = _("deliveries")

    def __str__(self):
        return str(self.task)


class Decision(models.TextChoices):
    PENDING = "pending", _("awaiting the council's decision")
    ADOPTED = "adopted", _("adopted")
    ADOPTED_WITH_CHANGES = "adopted_with_changes", _("adopted with changes")
    REJECTED = "rejected", _("rejected")
    REFERRED = "referred", _("sent on to a committee")


ADOPTING = {Decision.ADOPTED, Decision.ADOPTED_WITH_CHANGES}
# Decisions that are followed up: an adopted recommendation by the receiving committee, a
# referred one by the committee it was sent on to.
FOLLOWED_UP = ADOPTING | {Decision.REFERRED}


class Recommendation(index.Indexed, models.Model):
    task = models.ForeignKey(
        TaskCommittee,
        on_delete=models.CASCADE,
        related_name="recommendations",
        verbose_name=_("task committee"),
    )
    number = models.PositiveSmallIntegerField(_("number"))
    text = models.TextField(_("recommendation"))
    decision = models.CharField(
        _("decision"), max_length=30, choices=Decision.choices, default=Decision.PENDING
    )
    reason = models.TextField(_("reason"), blank=True)
    referred_to = models.ForeignKey(
        Body,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("sent on to"),
    )
    decided_on = models.DateField(_("decided on"), null=True, blank=True)
    reference = models.CharField(_("council meeting"), max_length=300, blank=True)

    # Public once the result is (lifecycle.result_public_q): see queries.public_recommendations.
    search_fields = [
        index.SearchField("text", boost=2),
        index.SearchField("reason"),
        index.FilterField("id"),
        index.FilterField("task"),
    ]

    class Meta:
        verbose_name = _("recommendation")
        verbose_name_plural = _("recommendations")
        ordering = ["task", "number"]
        constraints = [
            models.UniqueConstraint(fields=["task", "number"], name="recommendation_unique_number")
        ]

    def __str__(self):
        return f"{self.number}. {self.text[:60]}"


class FollowUpStatus(models.TextChoices):
    NOT_STARTED = "not_started", _("not started")
    IN_PROGRESS = "in_progress", _("in progress")
    DONE = "done", _("done")
    DROPPED = "dropped", _("dropped")


FINISHED = {FollowUpStatus.DONE, FollowUpStatus.DROPPED}


class FollowUpItem(models.Model):
    """An adopted or referred recommendation, owned until done by the committee that follows
    it up: the receiving standing committee, or the one it was sent on to."""

    recommendation = models.OneToOneField(
        Recommendation,
        on_delete=models.PROTECT,
        related_name="follow_up",
        verbose_name=_("recommendation"),
    )
    owner = models.ForeignKey(
        Body,
        on_delete=models.PROTECT,
        related_name="follow_up_items",
        verbose_name=_("owning committee"),
    )
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=FollowUpStatus.choices,
        default=FollowUpStatus.NOT_STARTED,
    )
    due_date = models.DateField(_("due date"), null=True, blank=True)
    updated = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("follow-up item")
        verbose_name_plural = _("follow-up items")
        ordering = ["due_date", "id"]

    def __str__(self):
        return str(self.recommendation)

    def is_overdue(self, on=None):
        on = on or timezone.localdate()
        return bool(self.due_date and self.due_date < on and self.status not in FINISHED)


class ProgressNote(models.Model):
    item = models.ForeignKey(
        FollowUpItem,
        on_delete=models.CASCADE,
        related_name="notes",
        verbose_name=_("follow-up item"),
    )
    date = models.DateField(_("date"), default=timezone.localdate)
    text = models.TextField(_("progress"))
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("written by"),
    )

    class Meta:
        verbose_name = _("progress note")
        verbose_name_plural = _("progress notes")
        ordering = ["item", "-date", "-id"]

    def __str__(self):
        return f"{self.item} – {self.date}"
