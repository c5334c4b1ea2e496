"""The collaboration room of a body: threads and posts, ideas, drafts of recommendations and
the invitations that let people without an account into a working group.

A room belongs to an organisation ``Body`` (a task committee, or a working group under one: a
``Body`` of kind ``working_group`` whose parent is the committee). Business rules live in
``services.py``.
"""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from samskab.core.access import AccessLevel
from samskab.library.models import Document
from samskab.organisation.models import Body, Person
from samskab.taskcommittees.models import Recommendation

# The levels a thread or an idea can have (the secretariat-only level is for back-office
# content, not for a room shared with citizens).
ROOM_LEVELS = [
    (AccessLevel.BODY.value, AccessLevel.BODY.label),
    (AccessLevel.COUNCIL.value, AccessLevel.COUNCIL.label),
    (AccessLevel.PUBLIC.value, AccessLevel.PUBLIC.label),
]


class Thread(models.Model):
    body = models.ForeignKey(
        Body, on_delete=models.PROTECT, related_name="threads", verbose_name=_("room")
    )
    title = models.CharField(_("title"), max_length=200)
    access_level = models.CharField(
        _("who may read it"), max_length=20, choices=ROOM_LEVELS, default=AccessLevel.BODY
    )
    author = models.ForeignKey(
        Person, on_delete=models.PROTECT, related_name="+", verbose_name=_("started by")
    )
    created = models.DateTimeField(_("started"), auto_now_add=True)
    last_activity = models.DateTimeField(_("last activity"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("thread")
        verbose_name_plural = _("threads")
        ordering = ["-last_activity", "-id"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("workspace:thread", args=[self.pk])


class Post(models.Model):
    """A post in a thread. Its text is never overwritten: every edit adds a ``PostVersion``."""

    thread = models.ForeignKey(
        Thread, on_delete=models.CASCADE, related_name="posts", verbose_name=_("thread")
    )
    author = models.ForeignKey(
        Person, on_delete=models.PROTECT, related_name="+", verbose_name=_("author")
    )
    text = models.TextField(_("text"))
    version = models.PositiveIntegerField(_("version"), default=1)
    created = models.DateTimeField(_("written"), auto_now_add=True)
    edited = models.DateTimeField(_("edited"), null=True, blank=True)
    hidden_reason = models.CharField(_("why it is hidden"), max_length=300, blank=True)
    hidden_at = models.DateTimeField(_("hidden"), null=True, blank=True)

    class Meta:
        verbose_name = _("post")
        verbose_name_plural = _("posts")
        ordering = ["created", "id"]

    def __str__(self):
        return f"{self.author} – {self.thread}"

    @property
    def is_hidden(self):
        return self.hidden_at is not None


class Attachment(models.Model):
    """A document from the library attached to a post. Attaching needs that the poster may
    open it; each reader sees only the attachments they may open themselves."""

    post = models.ForeignKey(
        Post, on_delete=models.CASCADE, related_name="attachments", verbose_name=_("post")
    )
    document = models.ForeignKey(
        Document, on_delete=models.CASCADE, related_name="+", verbose_name=_("document")
    )

    class Meta:
        verbose_name = _("attached document")
        verbose_name_plural = _("attached documents")
        ordering = ["post", "id"]
        constraints = [
            models.UniqueConstraint(fields=["post", "document"], name="attachment_once_per_post")
        ]

    def __str__(self):
        return f"{self.post} – {self.document}"


class PostVersion(models.Model):
    post = models.ForeignKey(
        Post, on_delete=models.CASCADE, related_name="versions", verbose_name=_("post")
    )
    number = models.PositiveIntegerField(_("version"))
    text = models.TextField(_("text"))
    created = models.DateTimeField(_("saved"), auto_now_add=True)

    class Meta:
        verbose_name = _("post version")
        verbose_name_plural = _("post versions")
        ordering = ["post", "number"]
        constraints = [
            models.UniqueConstraint(fields=["post", "number"], name="post_version_unique_number")
        ]

    def __str__(self):
        return f"{self.post} (v{self.number})"


class Report(models.Model):
    """Somebody's report of a post to the moderators (the secretariat and the chair)."""

    post = models.ForeignKey(
        Post, on_delete=models.CASCADE, related_name="reports", verbose_name=_("post")
    )
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("reported by"),
    )
    reason = models.CharField(_("why"), max_length=500)
    created = models.DateTimeField(_("reported"), auto_now_add=True)

    class Meta:
        verbose_name = _("report")
        verbose_name_plural = _("reports")
        ordering = ["created", "id"]

    def __str__(self):
        return f"{self.post}: {self.reason[:60]}"


class Draft(models.Model):
    """A draft recommendation the committee writes together, paragraph by paragraph. Once it
    is handed over as one of the committee's recommendations, ``recommendation`` keeps the
    link to the council's decision and its follow-up."""

    body = models.ForeignKey(
        Body, on_delete=models.PROTECT, related_name="drafts", verbose_name=_("room")
    )
    title = models.CharField(_("title"), max_length=200)
    created_by = models.ForeignKey(
        Person, on_delete=models.PROTECT, related_name="+", verbose_name=_("started by")
    )
    created = models.DateTimeField(_("started"), auto_now_add=True)
    recommendation = models.OneToOneField(
        Recommendation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="draft",
        verbose_name=_("recommendation"),
    )

    class Meta:
        verbose_name = _("draft recommendation")
        verbose_name_plural = _("draft recommendations")
        ordering = ["-created", "-id"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("workspace:draft", args=[self.pk])


class Paragraph(models.Model):
    draft = models.ForeignKey(
        Draft, on_delete=models.CASCADE, related_name="paragraphs", verbose_name=_("draft")
    )
    number = models.PositiveSmallIntegerField(_("number"))
    text = models.TextField(_("text"))
    version = models.PositiveIntegerField(_("version"), default=1)
    changed_by = models.ForeignKey(
        Person, on_delete=models.PROTECT, related_name="+", verbose_name=_("changed by")
    )
    changed = models.DateTimeField(_("changed"), auto_now=True)

    class Meta:
        verbose_name = _("paragraph")
        verbose_name_plural = _("paragraphs")
        ordering = ["draft", "number"]
        constraints = [
            models.UniqueConstraint(fields=["draft", "number"], name="paragraph_unique_number")
        ]

    def __str__(self):
        return f"{self.draft} §{self.number}"


class ParagraphVersion(models.Model):
    """Who changed a paragraph to what, and when."""

    paragraph = models.ForeignKey(
        Paragraph, on_delete=models.CASCADE, related_name="versions", verbose_name=_("paragraph")
    )
    number = models.PositiveIntegerField(_("version"))
    text = models.TextField(_("text"))
    author = models.ForeignKey(
        Person, on_delete=models.PROTECT, related_name="+", verbose_name=_("changed by")
    )
    created = models.DateTimeField(_("saved"), auto_now_add=True)

    class Meta:
        verbose_name = _("paragraph version")
        verbose_name_plural = _("paragraph versions")
        ordering = ["paragraph", "-number"]

    def __str__(self):
        return f"{self.paragraph} (v{self.number})"


class Idea(models.Model):
    body = models.ForeignKey(
        Body, on_delete=models.PROTECT, related_name="ideas", verbose_name=_("room")
    )
    title = models.CharField(_("title"), max_length=200)
    text = models.TextField(_("the idea"))
    access_level = models.CharField(
        _("who may read it"), max_length=20, choices=ROOM_LEVELS, default=AccessLevel.BODY
    )
    author = models.ForeignKey(
        Person, on_delete=models.PROTECT, related_name="+", verbose_name=_("proposed by")
    )
    created = models.DateTimeField(_("proposed"), auto_now_add=True)
    # Whether the author agreed to be named on the public "what became of it" page; off
    # unless they choose it, and they may change it later.
    name_publicly = models.BooleanField(
        _("name me as the idea's author on the public follow-up page"), default=False
    )
    draft = models.ForeignKey(
        Draft,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="ideas",
        verbose_name=_("became part of the draft"),
    )

    class Meta:
        verbose_name = _("idea")
        verbose_name_plural = _("ideas")
        ordering = ["-created", "-id"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("workspace:idea", args=[self.pk])


class Support(models.Model):
    idea = models.ForeignKey(
        Idea, on_delete=models.CASCADE, related_name="supports", verbose_name=_("idea")
    )
    person = models.ForeignKey(
        Person, on_delete=models.CASCADE, related_name="+", verbose_name=_("person")
    )
    created = models.DateTimeField(_("given"), auto_now_add=True)

    class Meta:
        verbose_name = _("support")
        verbose_name_plural = _("supports")
        constraints = [
            models.UniqueConstraint(fields=["idea", "person"], name="support_once_per_person")
        ]

    def __str__(self):
        return f"{self.person} → {self.idea}"


class IdeaComment(models.Model):
    idea = models.ForeignKey(
        Idea, on_delete=models.CASCADE, related_name="comments", verbose_name=_("idea")
    )
    author = models.ForeignKey(
        Person, on_delete=models.PROTECT, related_name="+", verbose_name=_("author")
    )
    text = models.TextField(_("comment"))
    created = models.DateTimeField(_("written"), auto_now_add=True)

    class Meta:
        verbose_name = _("comment on an idea")
        verbose_name_plural = _("comments on ideas")
        ordering = ["created", "id"]

    def __str__(self):
        return f"{self.author} – {self.idea}"


class Invitation(models.Model):
    """An invitation by email to a working group, for a limited time: the person gets a signed
    link and needs no account. Access ends after ``expires_on``."""

    body = models.ForeignKey(
        Body, on_delete=models.PROTECT, related_name="room_invitations", verbose_name=_("room")
    )
    person = models.ForeignKey(
        Person, on_delete=models.PROTECT, related_name="room_invitations", verbose_name=_("person")
    )
    key = models.CharField(max_length=64, unique=True, editable=False)
    expires_on = models.DateField(_("access until"))
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("invited by"),
    )
    created = models.DateTimeField(_("invited"), auto_now_add=True)

    class Meta:
        verbose_name = _("invitation to a working group")
        verbose_name_plural = _("invitations to working groups")
        ordering = ["-created", "-id"]

    def __str__(self):
        return f"{self.person} – {self.body}"


class FollowUpOptOut(models.Model):
    """A former member who no longer wants the follow-up news of a committee by email."""

    person = models.ForeignKey(
        Person, on_delete=models.CASCADE, related_name="+", verbose_name=_("person")
    )
    body = models.ForeignKey(
        Body, on_delete=models.CASCADE, related_name="+", verbose_name=_("committee")
    )
    created = models.DateTimeField(_("opted out"), auto_now_add=True)

    class Meta:
        verbose_name = _("opt-out of follow-up news")
        verbose_name_plural = _("opt-outs of follow-up news")
        constraints = [
            models.UniqueConstraint(fields=["person", "body"], name="follow_up_opt_out_once")
        ]

    def __str__(self):
        return f"{self.person} – {self.body}"


class ParagraphComment(models.Model):
    """A comment on one paragraph of a draft recommendation."""

    paragraph = models.ForeignKey(
        Paragraph, on_delete=models.CASCADE, related_name="comments", verbose_name=_("paragraph")
    )
    author = models.ForeignKey(
        Person, on_delete=models.PROTECT, related_name="+", verbose_name=_("author")
    )
    text = models.TextField(_("comment"))
    created = models.DateTimeField(_("written"), auto_now_add=True)

    class Meta:
        verbose_name = _("comment on a paragraph")
        verbose_name_plural = _("comments on paragraphs")
        ordering = ["created", "id"]

    def __str__(self):
        return f"{self.author} – {self.paragraph}"
