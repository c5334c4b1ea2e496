"""Meetings of any body: when and where, the agenda, minutes per item and attendance.

Times are stored in UTC and shown in Europe/Copenhagen. A series ("every third Tuesday 17–19")
is created as single meetings that can each be moved; the series only remembers how they
were made. Business rules live in ``services.py``.
"""

import uuid
from typing import cast

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from modelsearch import index

from samskab.core.access import AccessLevel
from samskab.organisation.models import Body, Person


class MeetingKind(models.TextChoices):
    COUNCIL = "council", _("council meeting")
    JOINT = "joint", _("joint meeting")
    STANDING_COMMITTEE = "standing_committee", _("committee meeting")
    TASK_COMMITTEE = "task_committee", _("task committee meeting")
    WORKSHOP = "workshop", _("workshop")
    WORKING_GROUP = "working_group", _("working group meeting")


class MeetingStatus(models.TextChoices):
    PLANNED = "planned", _("planned")
    HELD = "held", _("held")
    CANCELLED = "cancelled", _("cancelled")


class Series(models.Model):
    """How a set of meetings was planned: the recurrence rule and the local wall-clock times.

    The meetings are independent once made (each can be moved or cancelled)."""

    body = models.ForeignKey(
        Body, on_delete=models.PROTECT, related_name="meeting_series", verbose_name=_("body")
    )
    title = models.CharField(_("title"), max_length=200)
    rule = models.CharField(
        _("recurrence"), max_length=300, help_text=_("An iCalendar RRULE, e.g. FREQ=MONTHLY.")
    )
    created = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("meeting series")
        verbose_name_plural = _("meeting series")

    def __str__(self):
        return self.title


class MeetingQuerySet(models.QuerySet):
    def upcoming(self, now):
        return self.filter(end__gte=now).exclude(status=MeetingStatus.CANCELLED)


class Meeting(index.Indexed, models.Model):
    # The iCalendar UID: stable for the meeting's whole life, whatever moves.
    uid = models.UUIDField(_("calendar id"), default=uuid.uuid4, unique=True, editable=False)
    body = models.ForeignKey(
        Body, on_delete=models.PROTECT, related_name="meetings", verbose_name=_("body")
    )
    kind = models.CharField(_("kind"), max_length=30, choices=MeetingKind.choices)
    title = models.CharField(_("title"), max_length=200)
    start = models.DateTimeField(_("start"), db_index=True)
    end = models.DateTimeField(_("end"))
    place = models.CharField(
        _("place"), max_length=200, blank=True, help_text=_("The room and address.")
    )
    video_link = models.URLField(_("video link"), max_length=500, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=MeetingStatus.choices, default=MeetingStatus.PLANNED
    )
    access_level = models.CharField(
        _("who may see it"),
        max_length=20,
        choices=AccessLevel.choices,
        default=AccessLevel.PUBLIC,
        help_text=_("Closed agenda items are for the body's members only, whatever this says."),
    )
    description = models.TextField(_("description"), blank=True)
    capacity = models.PositiveIntegerField(
        _("places"),
        null=True,
        blank=True,
        help_text=_("For open workshops: how many can register (empty: no registration)."),
    )
    series = models.ForeignKey(
        Series,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="meetings",
        verbose_name=_("series"),
    )
    # iCalendar SEQUENCE: raised on every change a calendar should pick up.
    sequence = models.PositiveIntegerField(_("revision"), default=0)
    cancel_reason = models.CharField(_("reason for cancelling"), max_length=300, blank=True)
    created = models.DateTimeField(_("created"), auto_now_add=True)
    updated = models.DateTimeField(_("updated"), auto_now=True)

    objects = MeetingQuerySet.as_manager()

    # Who may find a meeting is queries.visible_q's answer, asked by the search.
    search_fields = [
        index.SearchField("title", boost=4),
        index.SearchField("description"),
        index.FilterField("id"),
    ]

    class Meta:
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        ordering = ["start", "id"]
        indexes = [
            models.Index(fields=["body", "start"]),
            models.Index(fields=["access_level", "start"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end__gt=models.F("start")), name="meeting_ends_after_start"
            )
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("meetings:detail", args=[self.pk])

    @property
    def is_cancelled(self):
        return self.status == MeetingStatus.CANCELLED


class Purpose(models.TextChoices):
    DECISION = "decision", _("for decision")
    DISCUSSION = "discussion", _("for discussion")
    ORIENTATION = "orientation", _("for orientation")


class Topic(models.TextChoices):
    """What a joint meeting takes up from a task committee's life (empty: anything else)."""

    DRAFT = "draft", _("draft terms of reference")
    BRIEFING = "briefing", _("status briefing")
    RESULT = "result", _("result before delivery")


class AgendaItem(index.Indexed, models.Model):
    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, related_name="items", verbose_name=_("meeting")
    )
    number = models.PositiveSmallIntegerField(_("number"))
    title = models.CharField(_("title"), max_length=300)
    text = models.TextField(_("text"), blank=True)
    concerns = models.ForeignKey(
        Body,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="agenda_items",
        verbose_name=_("concerns"),
        help_text=_("The committee or task committee the item is about."),
    )
    purpose = models.CharField(
        _("purpose"), max_length=20, choices=Purpose.choices, default=Purpose.DISCUSSION
    )
    is_closed = models.BooleanField(
        _("closed item"),
        default=False,
        help_text=_("Only the body's members and the secretariat see a closed item."),
    )
    topic = models.CharField(_("topic"), max_length=20, choices=Topic.choices, blank=True)
    minutes = models.TextField(_("minutes"), blank=True)
    minutes_approved_at = models.DateTimeField(_("minutes approved"), null=True, blank=True)
    minutes_approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("minutes approved by"),
    )

    # Closed items only for those who may see them: queries.searchable_items.
    search_fields = [
        index.SearchField("title", boost=4),
        index.SearchField("text"),
        index.SearchField("minutes", boost=2),
        index.FilterField("id"),
    ]

    class Meta:
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda items")
        ordering = ["meeting", "number"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "number"], name="agenda_item_unique_number")
        ]

    def __str__(self):
        return f"{self.number}. {self.title}"

    @property
    def minutes_frozen(self):
        return self.minutes_approved_at is not None

    def get_absolute_url(self):
        return f"{self.meeting.get_absolute_url()}#punkt-{self.number}"


class Presence(models.TextChoices):
    PRESENT = "present", _("present")
    ABSENT = "absent", _("absent")
    SUBSTITUTE = "substitute", _("substitute")


class Attendance(models.Model):
    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, related_name="attendance", verbose_name=_("meeting")
    )
    person = models.ForeignKey(
        Person, on_delete=models.PROTECT, related_name="+", verbose_name=_("person")
    )
    presence = models.CharField(_("attendance"), max_length=20, choices=Presence.choices)
    substitute_for = models.ForeignKey(
        Person,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("substitute for"),
    )

    class Meta:
        verbose_name = _("attendance")
        verbose_name_plural = _("attendance")
        ordering = ["meeting", "person__name"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "person"], name="attendance_unique_person")
        ]

    def __str__(self):
        return f"{self.person} – {self.get_presence_display()}"


class StepAtMeeting(models.Model):
    """A task committee's lifecycle step that was taken at an agenda item (the structured
    link beside the step's free-text reference)."""

    item = models.ForeignKey(
        AgendaItem, on_delete=models.PROTECT, related_name="steps", verbose_name=_("agenda item")
    )
    state_change = models.OneToOneField(
        "taskcommittees.StateChange",
        on_delete=models.CASCADE,
        related_name="agenda_item_link",
        verbose_name=_("step"),
    )

    class Meta:
        verbose_name = _("step taken at a meeting")
        verbose_name_plural = _("steps taken at meetings")

    def __str__(self):
        return f"{self.state_change} @ {self.item}"


class CalendarToken(models.Model):
    """A person's secret calendar feed address. Only a hash of the token is kept: the address
    is shown once, when it is made; revoking it stops the feed at once."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="calendar_tokens",
        verbose_name=_("account"),
    )
    digest = models.CharField(_("token hash"), max_length=64, unique=True, editable=False)
    created = models.DateTimeField(_("created"), auto_now_add=True)
    revoked = models.DateTimeField(_("revoked"), null=True, blank=True)

    class Meta:
        verbose_name = _("calendar feed address")
        verbose_name_plural = _("calendar feed addresses")
        ordering = ["-created"]

    def __str__(self):
        return f"{self.user} ({self.created:%Y-%m-%d})"


class InvitationKind(models.TextChoices):
    MEMBER = "member", _("member")
    GUEST = "guest", _("invited guest")
    REGISTRATION = "registration", _("registered participant")


class Response(models.TextChoices):
    PENDING = "pending", _("not answered")
    ACCEPTED = "accepted", _("accepted")
    DECLINED = "declined", _("declined")


class Invitation(models.Model):
    """An invitation to one meeting: a member of the body (invited automatically), a guest
    invited by email (an expert, a citizen), or somebody who registered for an open workshop.
    Guests answer from the email's links and need no account."""

    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, related_name="invitations", verbose_name=_("meeting")
    )
    kind = models.CharField(_("kind"), max_length=20, choices=InvitationKind.choices)
    person = models.ForeignKey(
        Person,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="invitations",
        verbose_name=_("person"),
    )
    # Guests without a person record: their name and address, for this meeting only.
    name = models.CharField(_("name"), max_length=200, blank=True)
    email = models.EmailField(_("email"), blank=True)
    # The language its emails are written in: the one a guest registered in, or the one the
    # secretariat chose for the guest; the site's language for members.
    language = models.CharField(_("language"), max_length=10, default=settings.LANGUAGE_CODE)
    response = models.CharField(
        _("answer"), max_length=20, choices=Response.choices, default=Response.PENDING
    )
    responded_at = models.DateTimeField(_("answered"), null=True, blank=True)
    created = models.DateTimeField(_("invited"), auto_now_add=True)

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        ordering = ["meeting", "kind", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "person"],
                condition=models.Q(person__isnull=False),
                name="invitation_unique_person",
            ),
            models.UniqueConstraint(
                fields=["meeting", "email"],
                condition=~models.Q(email=""),
                name="invitation_unique_email",
            ),
        ]

    def __str__(self):
        return f"{self.display_name} – {self.meeting}"

    @property
    def display_name(self):
        return cast(Person, self.person).name if self.person_id else self.name

    @property
    def address(self):
        return cast(Person, self.person).contact_email if self.person_id else self.email
