"""The document library: files that belong to a body, with versions, metadata and their text.

A document belongs to one body (the body decides who reaches a "members of the body" level)
and may also belong to a meeting, an agenda item, a version of the terms of reference or a
delivery. Its text is read from the newest version by the task worker (``tasks.py``); until
then, and when the file cannot be read, the document is still there with its file. Business
rules live in ``services.py``.
"""

import uuid
from pathlib import PurePath

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelsearch import index
from modelsearch.queryset import SearchableQuerySetMixin

from samskab.core.access import AccessLevel
from samskab.meetings.models import AgendaItem, Meeting
from samskab.organisation.models import Body
from samskab.taskcommittees.models import Delivery, TermsVersion


class DocumentKind(models.TextChoices):
    AGENDA = "agenda", _("agenda")
    ANNEX = "annex", _("annex")
    MINUTES = "minutes", _("minutes")
    TERMS = "terms", _("terms of reference")
    REPORT = "report", _("report")
    MEMO = "memo", _("memo")
    CONSULTATION = "consultation", _("consultation response")
    OTHER = "other", _("other")


class Extraction(models.TextChoices):
    PENDING = "pending", _("text is being read")
    DONE = "done", _("text read")
    FAILED = "failed", _("text could not be read")
    NONE = "none", _("no text to read")


class Tag(models.Model):
    """A topic ("trafik", "klima") that gathers documents across committees and years."""

    name = models.CharField(_("name"), max_length=60, unique=True)
    slug = models.SlugField(_("short address"), max_length=60, unique=True)

    class Meta:
        verbose_name = _("topic")
        verbose_name_plural = _("topics")
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("library:topic", args=[self.slug])


class UploadBatch(models.Model):
    """Files uploaded together (an existing archive): the page shows how far reading them is."""

    body = models.ForeignKey(
        Body, on_delete=models.PROTECT, related_name="+", verbose_name=_("body")
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("uploaded by"),
    )
    created = models.DateTimeField(_("uploaded"), auto_now_add=True)
    refused = models.JSONField(_("refused files"), default=list, blank=True)

    class Meta:
        verbose_name = _("upload")
        verbose_name_plural = _("uploads")

    def __str__(self):
        return f"{self.body} {self.created:%Y-%m-%d %H:%M}"

    def get_absolute_url(self):
        return reverse("library:batch", args=[self.pk])


class DocumentQuerySet(SearchableQuerySetMixin, models.QuerySet):
    pass


class Document(index.Indexed, models.Model):
    body = models.ForeignKey(
        Body, on_delete=models.PROTECT, related_name="documents", verbose_name=_("body")
    )
    title = models.CharField(_("title"), max_length=300)
    kind = models.CharField(
        _("kind"), max_length=20, choices=DocumentKind.choices, default=DocumentKind.OTHER
    )
    date = models.DateField(_("date"), default=timezone.localdate, db_index=True)
    description = models.TextField(_("description"), blank=True)
    access_level = models.CharField(
        _("who may see it"),
        max_length=20,
        choices=AccessLevel.choices,
        default=AccessLevel.BODY,
    )
    meeting = models.ForeignKey(
        Meeting,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="documents",
        verbose_name=_("meeting"),
    )
    agenda_item = models.ForeignKey(
        AgendaItem,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="documents",
        verbose_name=_("agenda item"),
    )
    terms = models.ForeignKey(
        TermsVersion,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="documents",
        verbose_name=_("terms of reference"),
    )
    delivery = models.ForeignKey(
        Delivery,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="documents",
        verbose_name=_("delivery"),
    )
    tags = models.ManyToManyField(
        Tag, blank=True, related_name="documents", verbose_name=_("topics")
    )
    text = models.TextField(_("text"), blank=True, editable=False)
    extraction = models.CharField(
        _("text"), max_length=20, choices=Extraction.choices, default=Extraction.PENDING
    )
    extraction_error = models.CharField(
        _("why the text could not be read"), max_length=300, blank=True
    )
    batch = models.ForeignKey(
        UploadBatch,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="documents",
        verbose_name=_("upload"),
    )
    # The newest version's number; also the optimistic lock for metadata edits.
    current = models.PositiveIntegerField(_("current version"), default=1)
    version = models.PositiveIntegerField(_("revision"), default=1)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("uploaded by"),
    )
    created = models.DateTimeField(_("created"), auto_now_add=True)
    updated = models.DateTimeField(_("updated"), auto_now=True)

    objects = DocumentQuerySet.as_manager()

    search_fields = [
        index.SearchField("title", boost=4),
        index.SearchField("description", boost=2),
        index.SearchField("text"),
        index.FilterField("id"),
        index.FilterField("access_level"),
        index.FilterField("body"),
        index.FilterField("kind"),
        index.FilterField("date"),
        index.FilterField("created"),
    ]

    class Meta:
        verbose_name = _("document")
        verbose_name_plural = _("documents")
        ordering = ["-date", "-id"]
        indexes = [
            models.Index(fields=["body", "-date"]),
            models.Index(fields=["access_level", "-date"]),
            models.Index(fields=["extraction"]),
            models.Index(fields=["-created", "-id"], name="library_document_newest"),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("library:detail", args=[self.pk])

    def get_download_url(self):
        return reverse("library:download", args=[self.pk])


def _stored_name(version, filename):
    # A random name: the stored path says nothing about the document, and never clashes.
    suffix = PurePath(filename).suffix.lower()
    return f"documents/{timezone.now():%Y}/{uuid.uuid4().hex}{suffix}"


class DocumentVersion(models.Model):
    document = models.ForeignKey(
        Document, on_delete=models.CASCADE, related_name="versions", verbose_name=_("document")
    )
    number = models.PositiveIntegerField(_("version"))
    file = models.FileField(_("file"), upload_to=_stored_name, max_length=200)
    filename = models.CharField(_("file name"), max_length=200)
    mime = models.CharField(_("file type"), max_length=120)
    size = models.PositiveBigIntegerField(_("size"))
    note = models.CharField(_("what changed"), max_length=300, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("uploaded by"),
    )
    uploaded = models.DateTimeField(_("uploaded"), auto_now_add=True)

    class Meta:
        verbose_name = _("document version")
        verbose_name_plural = _("document versions")
        ordering = ["document", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["document", "number"], name="document_version_unique")
        ]

    def __str__(self):
        return f"{self.document} v{self.number}"

    def get_download_url(self):
        return reverse("library:download_version", args=[self.document_id, self.number])


class SimilarBody(models.Model):
    """A task committee whose own words are like another's (``similar.py``), worked out by the
    task worker when a committee's text changes, so a committee's page reads it in the query
    that finds its related committees."""

    body = models.ForeignKey(Body, on_delete=models.CASCADE, related_name="+")
    other = models.ForeignKey(Body, on_delete=models.CASCADE, related_name="+")
    shared = models.PositiveSmallIntegerField(_("shared words"), default=1)

    class Meta:
        verbose_name = _("similar committee")
        verbose_name_plural = _("similar committees")
        constraints = [
            models.UniqueConstraint(fields=["body", "other"], name="similar_body_unique")
        ]

    def __str__(self):
        return f"{self.body_id} ~ {self.other_id}"


class BodyTopic(models.Model):
    """A topic that a body's documents carry, at one access level: one row per body, tag and
    level (a few thousand rows where the documents are a hundred thousand). ``topics.py`` keeps
    them whenever a document or its tags change, so the related committees of a page are found
    among these rows, not among every document of every body."""

    body = models.ForeignKey(Body, on_delete=models.CASCADE, related_name="+")
    tag = models.ForeignKey(Tag, on_delete=models.CASCADE, related_name="+")
    access_level = models.CharField(_("who may see it"), max_length=20, choices=AccessLevel.choices)

    class Meta:
        verbose_name = _("topic of a body")
        verbose_name_plural = _("topics of bodies")
        constraints = [
            models.UniqueConstraint(
                fields=["body", "tag", "access_level"], name="body_topic_unique"
            )
        ]
        indexes = [models.Index(fields=["tag", "access_level"])]

    def __str__(self):
        return f"{self.body_id}: {self.tag_id} ({self.access_level})"
