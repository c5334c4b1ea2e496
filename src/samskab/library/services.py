"""The library's business rules: every write goes through here, from the pages and the API.

Each function takes the acting user first, runs in a transaction, asks the predicate,
validates, writes the audit entry and raises ``DomainError`` (or ``Conflict``) with a
translated reason. The text of a new file is read by the task worker (``tasks.read_text``),
queued in the same transaction: it exists only if the upload does.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Iterable
from pathlib import PurePath

from django.conf import settings
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from samskab.core import audit, dates, uploads
from samskab.core.access import AccessLevel
from samskab.core.errors import Conflict, DomainError, Errors
from samskab.core.text import danish_slugify
from samskab.follows import services as follows

from . import extract
from . import rules as perms
from .models import Document, DocumentKind, DocumentVersion, Extraction, Tag, UploadBatch

log = logging.getLogger(__name__)

MAX_TAGS = 12
MAX_BATCH = 200


def _require(predicate, user, obj=None):
    allowed = predicate(user, obj) if obj is not None else predicate(user)
    if not allowed:
        raise DomainError(_("You do not have permission to do this."), code="forbidden")


def _user(actor):
    return actor if getattr(actor, "is_authenticated", False) else None


def parse_tags(value: str | Iterable[str]) -> list[str]:
    """Topic names from "trafik, klima" or a list; trimmed, without repeats, in order."""
    names = value.split(",") if isinstance(value, str) else list(value)
    seen: dict[str, str] = {}
    for name in names:
        name = " ".join(str(name).split())[:60]
        if name and name.casefold() not in seen:
            seen[name.casefold()] = name
    return list(seen.values())


def _set_tags(document: Document, names: list[str]) -> None:
    tags = []
    for name in names:
        slug = danish_slugify(name)[:60]
        if not slug:
            continue
        tag = Tag.objects.filter(slug=slug).first() or Tag.objects.create(name=name, slug=slug)
        tags.append(tag)
    document.tags.set(tags)


def _clean(errors: Errors, *, title, kind, date, access_level, description, tags):
    if not title.strip():
        errors.add("title", _("Give the document a title."))
    elif len(title) > 300:
        errors.add("title", _("A title has at most 300 characters."))
    if kind not in DocumentKind.values:
        errors.add("kind", _("Choose a kind from the list."))
    if access_level not in AccessLevel.values:
        errors.add("access_level", _("Choose who may see it from the list."))
    if problem := dates.problem(date):
        errors.add("date", problem)
    if len(description) > 5000:
        errors.add("description", _("A description has at most 5,000 characters."))
    if len(tags) > MAX_TAGS:
        errors.add("tags", _("At most %(n)s topics.") % {"n": MAX_TAGS})


def _check_links(errors: Errors, actor, body, meeting, agenda_item, terms, delivery):
    """What the document is attached to must belong to its body, and the uploader must be
    able to read it (a draft of the terms, a result not yet public)."""
    from samskab.taskcommittees import rules as task_rules
    from samskab.taskcommittees import services as task_services

    if (
        terms is not None
        and not task_services.visible_versions(actor, terms.task).filter(pk=terms.pk).exists()
    ):
        errors.add("terms", _("You cannot read that version of the terms of reference."))
    if delivery is not None and not task_rules.can_view_result(actor, delivery.task):
        errors.add("delivery", _("You cannot read that result yet."))
    if agenda_item is not None:
        if meeting is None:
            meeting = agenda_item.meeting
        elif agenda_item.meeting_id != meeting.pk:
            errors.add("agenda_item", _("The agenda item is not on that meeting."))
    concerns_body = agenda_item is not None and agenda_item.concerns_id == body.pk
    if meeting is not None and meeting.body_id != body.pk and not concerns_body:
        errors.add("meeting", _("The meeting is not the body's."))
    task_body = None
    if terms is not None:
        task_body = terms.task.body_id
    if delivery is not None:
        task_body = delivery.task.body_id
    if task_body is not None and task_body != body.pk:
        errors.add("body", _("The terms of reference or delivery belong to another body."))
    return meeting


def _level_of_task_paper(terms, delivery) -> str:
    """A paper for the terms of reference or the result is read as they are: by everyone once
    the terms are approved (the result public), by the council while they are a draft."""
    from samskab.taskcommittees import lifecycle

    if terms is not None:
        public = terms.task.approved_version_id == terms.pk
    else:
        public = lifecycle.result_is_public(delivery.task)
    return AccessLevel.PUBLIC if public else AccessLevel.COUNCIL


def _queue_reading(document: Document, number: int) -> None:
    from .tasks import read_text

    read_text.enqueue(document.pk, number)


@transaction.atomic
def upload(
    actor,
    *,
    body,
    file,
    title="",
    kind=DocumentKind.OTHER,
    date=None,
    access_level=None,
    description="",
    tags=(),
    meeting=None,
    agenda_item=None,
    terms=None,
    delivery=None,
    batch=None,
) -> Document:
    """File a document with its first version. Its text is read in the background."""
    if body is None:
        raise DomainError(_("Choose the body the document belongs to."), field="body")
    _require(perms.can_upload, actor, body)
    file_kind = uploads.validate_upload(file, field="file")
    title = (title or "").strip() or PurePath(getattr(file, "name", "") or "").stem[:300]
    if access_level in (None, ""):
        if agenda_item is not None and agenda_item.is_closed:
            access_level = AccessLevel.BODY
        elif meeting is not None or agenda_item is not None:
            access_level = (meeting or agenda_item.meeting).access_level
        elif terms is not None or delivery is not None:
            access_level = _level_of_task_paper(terms, delivery)
        else:
            access_level = AccessLevel.BODY
    names = parse_tags(tags)
    errors = Errors()
    _clean(
        errors,
        title=title,
        kind=kind,
        date=date,
        access_level=access_level,
        description=description,
        tags=names,
    )
    meeting = _check_links(errors, actor, body, meeting, agenda_item, terms, delivery)
    if (
        agenda_item is not None
        and agenda_item.is_closed
        and access_level not in (AccessLevel.BODY, AccessLevel.SECRETARIAT)
    ):
        # A closed item is the body's own business: so are its papers.
        errors.add(
            "access_level",
            _("A closed item's documents are for the body's members or the secretariat."),
        )
    errors.raise_if_any()
    document = Document.objects.create(
        body=body,
        title=title,
        kind=kind,
        date=date or timezone.localdate(),
        access_level=access_level,
        description=description,
        meeting=meeting,
        agenda_item=agenda_item,
        terms=terms,
        delivery=delivery,
        batch=batch,
        created_by=_user(actor),
        extraction=Extraction.PENDING,
    )
    _set_tags(document, names)
    _store_version(actor, document, file, file_kind, number=1)
    audit.record(actor, document, "upload_document", body=body.slug, kind=kind)
    _queue_reading(document, 1)
    # The digest is written in the site's language, whoever uploaded.
    with translation.override(settings.LANGUAGE_CODE):
        news = _("New document in %(body)s: %(title)s") % {"body": body.name, "title": title}
    follows.notify_followers(
        "library.document",
        targets=[body, *document.tags.all()],
        title=news,
        url=document.get_absolute_url(),
        access_level=access_level,
        body=body,
        exclude_user=_user(actor),
    )
    return document


def _store_version(actor, document, file, file_kind, *, number, note=""):
    original = PurePath(getattr(file, "name", "") or "").name[:200] or "dokument"
    return DocumentVersion.objects.create(
        document=document,
        number=number,
        file=file,
        filename=original,
        mime=file_kind.mime,
        size=file.size,
        note=note,
        uploaded_by=_user(actor),
    )


@transaction.atomic
def add_version(actor, document, *, file, note="", version=None) -> DocumentVersion:
    """A new version of the file; the text is read again from it. Earlier versions stay."""
    document = (
        Document.objects.select_for_update(of=("self",)).select_related("body").get(pk=document.pk)
    )
    _require(perms.can_edit_document, actor, document)
    if version is not None and version != document.version:
        raise Conflict(
            _("Someone else changed the document while you worked. Look at it again."),
            current=document.version,
        )
    file_kind = uploads.validate_upload(file, field="file")
    if len(note) > 300:
        raise DomainError(_("At most 300 characters."), field="note")
    number = document.current + 1
    stored = _store_version(actor, document, file, file_kind, number=number, note=note)
    Document.objects.filter(pk=document.pk).update(
        current=number,
        version=document.version + 1,
        extraction=Extraction.PENDING,
        extraction_error="",
        updated=timezone.now(),
    )
    audit.record(actor, document, "add_version", number=number)
    _queue_reading(document, number)
    return stored


@transaction.atomic
def update_document(
    actor,
    document,
    *,
    version,
    title,
    kind,
    date,
    access_level,
    description="",
    tags=(),
) -> Document:
    """Change the metadata; ``version`` is the revision the editor saw (409 if it moved)."""
    document = (
        Document.objects.select_for_update(of=("self",)).select_related("body").get(pk=document.pk)
    )
    _require(perms.can_edit_document, actor, document)
    if version != document.version:
        raise Conflict(
            _("Someone else changed the document while you worked. Look at it again."),
            current=document.version,
        )
    names = parse_tags(tags)
    errors = Errors()
    _clean(
        errors,
        title=title,
        kind=kind,
        date=date,
        access_level=access_level,
        description=description,
        tags=names,
    )
    errors.raise_if_any()
    changes = {}
    for field, value in (
        ("title", title.strip()),
        ("kind", kind),
        ("date", date or document.date),
        ("access_level", access_level),
        ("description", description),
    ):
        old = getattr(document, field)
        if old != value:
            changes[field] = [str(old), str(value)]
            setattr(document, field, value)
    document.version += 1
    document.save()
    _set_tags(document, names)
    audit.record(actor, document, "update_document", changes)
    return document


@transaction.atomic
def bulk_upload(
    actor,
    *,
    body,
    files,
    kind=DocumentKind.OTHER,
    access_level=AccessLevel.BODY,
    date=None,
    tags=(),
) -> UploadBatch:
    """File a folder of files at once (an existing archive). A file that is refused is listed
    with its reason; the others are filed. The batch's page shows how far reading them is."""
    if body is None:
        raise DomainError(_("Choose the body the documents belong to."), field="body")
    _require(perms.can_bulk_upload, actor)
    if not files:
        raise DomainError(_("Choose one or more files."), field="files")
    if len(files) > MAX_BATCH:
        raise DomainError(_("At most %(n)s files at a time.") % {"n": MAX_BATCH}, field="files")
    batch = UploadBatch.objects.create(body=body, created_by=_user(actor))
    refused = []
    for file in files:
        name = PurePath(getattr(file, "name", "") or "").name
        try:
            with transaction.atomic():
                upload(
                    actor,
                    body=body,
                    file=file,
                    kind=kind,
                    access_level=access_level,
                    date=date,
                    tags=tags,
                    batch=batch,
                )
        except DomainError as error:
            if error.code == "forbidden":
                raise
            refused.append({"name": name, "reason": str(error.message)})
    batch.refused = refused
    batch.save(update_fields=["refused"])
    audit.record(actor, batch, "bulk_upload", files=len(files), refused=len(refused))
    return batch


def read_text(document_pk: int, number: int) -> str:
    """Read the text of a document's version (the task worker's part). A newer version makes
    this one moot; a file that cannot be read marks the document, and the file stays."""
    version = (
        DocumentVersion.objects.filter(document_id=document_pk, number=number)
        .select_related("document")
        .first()
    )
    if version is None or version.document.current != number:
        return "moot"
    extension = PurePath(version.file.name or "").suffix.lstrip(".").lower()
    try:
        with version.file.open("rb") as handle:
            data = handle.read()
        text = extract.extract(extension, data)
    except (extract.Unreadable, OSError) as error:
        # The reason goes to the secretariat's log and the document page; the file is kept.
        log.warning("document %s v%s unreadable: %s", document_pk, number, error)
        _mark(document_pk, number, Extraction.FAILED, "", str(error)[:300])
        return "failed"
    if text is None:
        _mark(document_pk, number, Extraction.NONE, "", "")
        return "none"
    _mark(document_pk, number, Extraction.DONE, text, "")
    return "done"


def _mark(document_pk, number, status, text, error):
    with transaction.atomic():
        document = Document.objects.select_for_update().filter(pk=document_pk).first()
        if document is None or document.current != number:
            return
        document.text = text
        document.extraction = status
        document.extraction_error = error
        # save() (not update()) so the search index picks up the new text.
        document.save(update_fields=["text", "extraction", "extraction_error", "updated"])


def reset_stuck(older_than: dt.timedelta = dt.timedelta(hours=1)) -> int:
    """Queue reading again for documents still waiting long after their upload (a worker
    that stopped mid-way): nothing stays "being read" for ever."""
    cutoff = timezone.now() - older_than
    count = 0
    for pk, number in Document.objects.filter(
        extraction=Extraction.PENDING, updated__lt=cutoff
    ).values_list("pk", "current")[:1000]:
        from .tasks import read_text as task

        task.enqueue(pk, number)
        count += 1
    return count
