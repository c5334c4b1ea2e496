"""Documents for ``samskab generate``: 100,000 at scale 1, with Danish text, searchable.

Spread over the task committees (terms, memos, minutes, annexes) and the standing committees
over the twenty years; each text is put together from the demo's paragraphs on the body's
subject. Every version points at one shared small file (a download works; the data set is
about search and lists, not storage). Written with bulk_create and indexed in batches.
"""

from __future__ import annotations

import datetime as dt

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from modelsearch.backends import get_search_backend

from samskab.core.access import AccessLevel
from samskab.core.generate import BATCH, Plan, chunks
from samskab.core.text import danish_slugify
from samskab.organisation.generate import world

from .demo import GENERAL, SUBJECTS, _subject, docx_file
from .models import Document, DocumentKind, DocumentVersion, Extraction, Tag

TOTAL = 100_000
SHARED_FILE = "documents/generated/eksempel.docx"
KINDS = [
    (DocumentKind.MINUTES, AccessLevel.BODY, "Referat af møde i {name}"),
    (DocumentKind.ANNEX, AccessLevel.PUBLIC, "Bilag: {topic} i {name}"),
    (DocumentKind.MEMO, AccessLevel.PUBLIC, "Notat om {topic}"),
    (DocumentKind.REPORT, AccessLevel.COUNCIL, "Afrapportering fra {name}"),
    (DocumentKind.CONSULTATION, AccessLevel.PUBLIC, "Høringssvar om {topic}"),
]
PARAGRAPHS = [p for _keys, _topics, p in SUBJECTS] + [GENERAL]


def _shared_file() -> tuple[str, int]:
    if not default_storage.exists(SHARED_FILE):
        upload = docx_file("eksempel.docx", ["Eksempel på et dokument fra arkivet."])
        default_storage.save(SHARED_FILE, ContentFile(upload.read()))
    return SHARED_FILE, default_storage.size(SHARED_FILE)


def documents(plan: Plan) -> None:
    if Document.objects.exists():
        return
    rng = plan.rng
    w = world(plan)
    bodies = [(t.body, t.start, t.end) for t in w.task_committees]
    for term in w.terms:
        for body in w.standing.get(term.pk, []):
            bodies.append((body, term.start_date, min(term.end_date, plan.today)))
    if not bodies:
        return
    total = plan.scaled(TOTAL, 50)
    path, size = _shared_file()
    subjects = {body.pk: _subject(body) for body, _s, _e in bodies}
    # Each document carries its subject's first topic, so topic pages gather across the years.
    names = sorted({topics[0] for topics, _p in subjects.values()})
    tags = {}
    for name in names:
        tags[name] = Tag.objects.get_or_create(
            slug=danish_slugify(name)[:60], defaults={"name": name}
        )[0]
    rows = []
    for n in range(total):
        body, start, end = bodies[n % len(bodies)]
        end = min(end, plan.today)
        days = max(0, (end - start).days)
        day = start + dt.timedelta(days=rng.randint(0, days)) if days else start
        kind, level, title = KINDS[rng.randrange(len(KINDS))]
        topics, paragraph = subjects[body.pk]
        extra = rng.sample(PARAGRAPHS, 2)
        rows.append(
            Document(
                body=body,
                title=title.format(name=body.name, topic=topics[0].lower())[:300],
                kind=kind,
                date=day,
                access_level=level,
                text="\n\n".join([paragraph, *extra]),
                extraction=Extraction.DONE,
            )
        )
    backend = get_search_backend()
    plan.progress.update("documents", 0, total)
    done = 0
    for batch in chunks(rows, BATCH):
        Document.objects.bulk_create(batch, batch_size=BATCH)
        DocumentVersion.objects.bulk_create(
            [
                DocumentVersion(
                    document=d,
                    number=1,
                    file=path,
                    filename="eksempel.docx",
                    mime="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                    size=size,
                )
                for d in batch
            ],
            batch_size=BATCH,
        )
        Document.tags.through.objects.bulk_create(
            [
                Document.tags.through(document_id=d.pk, tag_id=tags[subjects[d.body_id][0][0]].pk)
                for d in batch
            ],
            batch_size=BATCH,
        )
        backend.add_bulk(Document, batch)
        done += len(batch)
        plan.progress.update("documents", done, total)
    plan.counts["documents"] = plan.counts.get("documents", 0) + total
    # bulk_create sends no signals: the bodies' topics (related committees) are built here.
    from .topics import refresh_all

    refresh_all()


def search_index(plan: Plan) -> None:
    """The generate steps write with bulk_create, which sends no signals: index the other kinds
    the search finds (bodies, terms, results, recommendations, meetings, agenda items) here,
    in batches, after every step that writes them."""
    from samskab.meetings.models import AgendaItem, Meeting
    from samskab.organisation.models import Body
    from samskab.taskcommittees.models import Delivery, Recommendation, TermsVersion

    backend = get_search_backend()
    for model in (Body, TermsVersion, Delivery, Recommendation, Meeting, AgendaItem):
        last = 0
        while True:
            batch = list(model.objects.filter(pk__gt=last).order_by("pk")[:BATCH])  # type: ignore[attr-defined]
            if not batch:
                break
            backend.add_bulk(model, batch)
            last = batch[-1].pk
    # Committees with similar text (related committees), as the task worker works it out after
    # each committee's save: the bulk-written committees queued no such task.
    from . import similar

    similar.refresh_all(lambda done, total: plan.progress.update("similar committees", done, total))
