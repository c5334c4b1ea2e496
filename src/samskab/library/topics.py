"""The topics each body's documents carry (``BodyTopic``), kept in step with the documents.

A document saved, moved to another body, deleted or tagged anew refreshes the topics of the
bodies concerned (signals, connected in ``apps.py``): one query over those bodies' documents
and a replacement of their few rows, in the same transaction. ``refresh_all`` rebuilds every
body's rows after a bulk load that sends no signals (``samskab generate``)."""

from __future__ import annotations

from collections.abc import Iterable

from django.db import transaction

from .models import BodyTopic, Document

BATCH = 1000


def refresh(body_ids: Iterable[int | None]) -> None:
    ids = {pk for pk in body_ids if pk}
    if not ids:
        return
    rows = (
        Document.tags.through.objects.filter(document__body_id__in=ids)
        .values_list("document__body_id", "tag_id", "document__access_level")
        .distinct()
    )
    with transaction.atomic():
        BodyTopic.objects.filter(body_id__in=ids).delete()
        # Two documents of one body saved at once both write its rows: the second to commit
        # skips the rows the first wrote instead of failing the upload.
        BodyTopic.objects.bulk_create(
            [BodyTopic(body_id=b, tag_id=t, access_level=level) for b, t, level in rows],
            batch_size=BATCH,
            ignore_conflicts=True,
        )


def refresh_all() -> None:
    from samskab.organisation.models import Body

    last = 0
    while True:
        ids = list(
            Body.objects.filter(pk__gt=last).order_by("pk").values_list("pk", flat=True)[:200]
        )
        if not ids:
            return
        refresh(ids)
        last = ids[-1]


# --- Signals (connected in apps.py) ---------------------------------------------------------


# A save that names its fields and none of these (text extraction's, a download count's)
# cannot change the topics.
TOPIC_FIELDS = frozenset({"body", "body_id", "access_level"})


def _touches_topics(update_fields) -> bool:
    return update_fields is None or not TOPIC_FIELDS.isdisjoint(update_fields)


def document_saving(sender, instance, raw=False, update_fields=None, **kwargs):
    # A document moved to another body leaves its old body's topics behind: remember it.
    if not raw and instance.pk and _touches_topics(update_fields):
        instance._topic_body_was = (
            Document.objects.filter(pk=instance.pk).values_list("body_id", flat=True).first()
        )


def document_saved(sender, instance, raw=False, update_fields=None, **kwargs):
    if not raw and _touches_topics(update_fields):
        refresh([instance.body_id, getattr(instance, "_topic_body_was", None)])


def document_deleted(sender, instance, **kwargs):
    refresh([instance.body_id])


def tags_changed(sender, instance, action, reverse, pk_set, **kwargs):
    if not action.startswith("post_"):
        return
    if reverse:
        # Documents added to or taken from a tag (``tag.documents``): their bodies.
        if action == "post_clear":
            refresh(list(BodyTopic.objects.filter(tag=instance).values_list("body_id", flat=True)))
        else:
            refresh(list(Document.objects.filter(pk__in=pk_set).values_list("body_id", flat=True)))
    else:
        refresh([instance.body_id])
