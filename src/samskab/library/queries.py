"""The library's read side: what a person may see, and search, bounded whatever the data size.

Every list starts from ``visible_documents``: the access filter is part of the query that
counts and pages, so a document a person may not open never shows up, not as a title, a
snippet or in a count.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from datetime import date as date_type

from django.db import connection
from django.db.models import Count, F, Q
from django.utils.safestring import SafeString, mark_safe
from modelsearch.backends import get_search_backend

from samskab.organisation.access import access_q

from .models import (
    BodyTopic,
    Document,
    DocumentKind,
    DocumentVersion,
    Extraction,
    SimilarBody,
    Tag,
    UploadBatch,
)

MAX_QUERY = 200
# A search counts and ranks at most this many hits of each kind, the newest (``SearchHits``).
CAP = 1000
SNIPPET = 110


def visible_documents(user):
    return Document.objects.filter(access_q(user)).select_related("body")


def document_or_none(user, pk):
    return visible_documents(user).filter(pk=pk).first()


def versions(document):
    return DocumentVersion.objects.filter(document=document).select_related("uploaded_by")


def version_of(document, number):
    return DocumentVersion.objects.filter(document=document, number=number).first()


def documents_for_items(user, items):
    """The documents each agenda item has, as the user may see them: {item pk: [documents]}."""
    by_item: dict[int, list[Document]] = {}
    for document in visible_documents(user).filter(agenda_item__in=items).order_by("title"):
        by_item.setdefault(document.agenda_item_id, []).append(document)  # type: ignore[arg-type]
    return by_item


def states():
    """The task committee states the search filter offers, in the order of the lifecycle."""
    from samskab.taskcommittees import lifecycle

    return [(state.value, state.label) for state in lifecycle.ALL]


def state_values() -> list[str]:
    return [value for value, _label in states()]


def bodies_in_state(state):
    """The bodies whose task committee is in ``state``: the committee itself and its working
    groups (their papers belong to the committee's work). A subquery, never a list."""
    from samskab.organisation.models import Body, BodyKind

    return Body.objects.filter(
        Q(task__state=state) | Q(kind=BodyKind.WORKING_GROUP, parent__task__state=state)
    ).values("pk")


def list_queryset(user, *, body=None, kind=None, year=None, tag=None, state=None):
    documents = visible_documents(user)
    if body is not None:
        documents = documents.filter(body=body)
    if state:
        documents = documents.filter(body__in=bodies_in_state(state))
    if kind:
        documents = documents.filter(kind=kind)
    if year:
        documents = documents.filter(date__year=year)
    if tag is not None:
        documents = documents.filter(tags=tag)
    # A list never shows the extracted text, which can be a whole report per row.
    return documents.defer("text").order_by("-date", "-id")


def years():
    """The years the year filter offers: from the newest document's back to the oldest's (at
    most 40). The first and last date come from the date index; listing the distinct years
    would read every document on every search page."""
    from django.db.models import Max, Min

    span = Document.objects.aggregate(first=Min("date"), last=Max("date"))
    if span["first"] is None:
        return []
    return list(range(span["last"].year, max(span["first"].year, span["last"].year - 39) - 1, -1))


def bodies_with_documents():
    """The bodies the body filter offers (pk, slug, name): those with a document (a look-up
    per body in the documents' body index, not a join over every document)."""
    from django.db.models import Exists, OuterRef

    from samskab.organisation.models import Body

    # Plain rows: the list holds every body of twenty years, and a model instance per option
    # cost more than the rest of the page.
    return (
        Body.objects.filter(Exists(Document.objects.filter(body=OuterRef("pk"))))
        .order_by("name")
        .values("pk", "slug", "name")
    )


def clean_query(q: str) -> str:
    return " ".join(q.split())[:MAX_QUERY]


def search(user, q, *, body=None, kind=None, year=None, since=None, state=None):
    """Documents that match ``q`` (Danish stemming on PostgreSQL), best first, among those
    the user may open. The filters run inside the search query, so counts are exact."""
    documents = Document.objects.filter(access_q(user))
    if body is not None:
        documents = documents.filter(body=body)
    if state:
        documents = documents.filter(body__in=bodies_in_state(state))
    if kind:
        documents = documents.filter(kind=kind)
    if year:
        documents = documents.filter(date__gte=f"{year}-01-01", date__lte=f"{year}-12-31")
    if since is not None:
        documents = documents.filter(created__gt=since)
    return documents.select_related("body").search(clean_query(q), operator="and")


def new_hits(user, q, since, limit=5):
    """A saved search's new documents since the last digest (follows.digest)."""
    return [(d.title, d.get_absolute_url()) for d in search(user, q, since=since)[:limit]]


_WORD = re.compile(r"\w+", re.UNICODE)


def _stems(q: str) -> list[str]:
    # A crude stem for highlighting only (the search itself stems properly): Danish endings
    # such as -en, -et, -ene, -ets, -erne make "lokalplanen" show where "lokalplan" stands.
    stems = []
    for word in _WORD.findall(q.casefold()):
        if len(word) > 5:
            word = word[: max(4, len(word) - 3)]
        stems.append(word)
    return stems


def snippet(text: str, q: str, length: int = SNIPPET) -> SafeString:
    """A short, escaped excerpt of ``text`` around the first word of ``q``, the words marked."""
    stems = _stems(q)
    if not text:
        return mark_safe("")  # noqa: S308 (empty)
    lowered = text.casefold()
    first = min(
        (i for i in (lowered.find(s) for s in stems) if i >= 0),
        default=0,
    )
    start = max(0, first - length // 2)
    end = min(len(text), start + length * 2)
    excerpt = text[start:end].replace("\n", " ")
    escaped = html.escape(excerpt)
    if stems:
        pattern = re.compile(
            r"\b(" + "|".join(re.escape(html.escape(s)) for s in stems) + r")(\w*)",
            re.IGNORECASE | re.UNICODE,
        )
        escaped = pattern.sub(r"<mark>\1\2</mark>", escaped)
    prefix = "… " if start > 0 else ""
    suffix = " …" if end < len(text) else ""
    return mark_safe(prefix + escaped + suffix)  # noqa: S308 (escaped above)


def batch_progress(batch: UploadBatch) -> dict:
    counts = dict(
        batch.documents.values_list("extraction").annotate(n=Count("id")).order_by()  # type: ignore[arg-type]
    )
    total = sum(counts.values())
    waiting = counts.get(Extraction.PENDING, 0)
    return {
        "total": total,
        "done": total - waiting,
        "failed": counts.get(Extraction.FAILED, 0),
        "waiting": waiting,
        "percent": round(100 * (total - waiting) / total) if total else 100,
        "refused": batch.refused,
    }


def batch_documents(user, batch):
    return visible_documents(user).filter(batch=batch).order_by("title")


def tag_or_none(slug):
    return Tag.objects.filter(slug=slug).first()


def topic_documents(user, tag):
    return list_queryset(user, tag=tag)


def topic_bodies(user, tag):
    """The bodies with documents on the topic that the user may see, most documents first."""
    from samskab.organisation.models import Body

    visible = visible_documents(user).filter(tags=tag)
    return (
        Body.objects.filter(documents__in=visible)
        .annotate(n=Count("documents", filter=Q(documents__in=visible)))
        .order_by("-n", "name")
        .distinct()[:30]
    )


def visible_recommendations(user):
    """The recommendations whose result the user may read: the task committees' own rule
    (``can_view_result``: the council and the secretariat always, others once the result is
    public), as a filter."""
    from samskab.taskcommittees import rules as task_rules
    from samskab.taskcommittees.models import Recommendation
    from samskab.taskcommittees.queries import public_recommendations

    # Asked without a committee, the predicate says whether the user may read every result
    # (the "who" part); everyone else reads the public ones.
    if task_rules.can_view_result(user, None):
        return Recommendation.objects.all()
    return public_recommendations()


def _topic_committees(user, tag):
    """The bodies whose visible documents carry the topic, and the committees above their
    working groups (a subquery)."""
    from samskab.organisation.models import Body

    bodies = visible_documents(user).filter(tags=tag).values("body_id")
    return Body.objects.filter(Q(pk__in=bodies) | Q(children__in=bodies)).values("pk")


def topic_recommendations(user, tag, limit=20):
    """Recommendations of the committees that worked on the topic, newest committees first."""
    return list(
        visible_recommendations(user)
        .filter(task__body__in=_topic_committees(user, tag))
        .select_related("task__body", "referred_to")
        .order_by("-task__body__start_date", "task__body__name", "number")[:limit]
    )


def topic_decisions(user, tag, limit=20):
    """The council's decisions on those recommendations, newest first."""
    from samskab.taskcommittees.models import Decision

    return list(
        visible_recommendations(user)
        .filter(task__body__in=_topic_committees(user, tag))
        .exclude(decision=Decision.PENDING)
        .select_related("task__body", "referred_to")
        .order_by(F("decided_on").desc(nulls_last=True), "task__body__name", "number")[:limit]
    )


def recent_decisions(user, limit=8):
    """The council's latest decisions on recommendations, across all committees."""
    from samskab.taskcommittees.models import Decision

    return list(
        visible_recommendations(user)
        .exclude(decision=Decision.PENDING)
        .select_related("task__body")
        .order_by(F("decided_on").desc(nulls_last=True), "-id")[:limit]
    )


def recent(user, limit=8):
    # Newest first along the (created, id) index; lists never show the extracted text.
    return list(visible_documents(user).defer("text").order_by("-created", "-id")[:limit])


SHARED_TOPIC = "topic"
SAME_COMMITTEE = "committee"
SIMILAR_TEXT = "text"


def _relation_labels():
    from django.utils.translation import gettext_lazy as _

    return {
        SHARED_TOPIC: _("shared topic"),
        SAME_COMMITTEE: _("same standing committee"),
        SIMILAR_TEXT: _("similar text"),
    }


@dataclass
class Related:
    """Another committee and the relations that link it to this one."""

    body: object
    relations: list[str]

    @property
    def labels(self) -> list[str]:
        labels = _relation_labels()
        return [str(labels[r]) for r in self.relations]


def related_bodies(user, body, limit=6) -> list[Related]:
    """Other bodies linked to this one, each with what links them: a topic shared with this
    body's documents (among the documents the user may see), the same standing
    committee, or similar text (the committees' own public words, worked out by the task
    worker: ``similar.py``). One query.
    The committees linked in most ways come first."""
    from django.db.models import Exists, OuterRef

    from samskab.organisation.models import Body

    # The topics are read from BodyTopic (``topics.py``): one row per body, tag and access
    # level, filtered by the same access rule as the documents themselves.
    visible = BodyTopic.objects.filter(access_q(user))
    tags = visible.filter(body=body).values("tag_id")
    topic = visible.filter(tag_id__in=tags, body=OuterRef("pk"))
    related = Q(Exists(topic))
    if body.parent_id:
        related |= Q(parent_id=body.parent_id, kind=body.kind)
    similar = SimilarBody.objects.filter(body=body).values("other_id")
    related |= Q(pk__in=similar)
    rows = []
    for other in (
        Body.objects.exclude(pk=body.pk)
        .filter(related)
        .annotate(
            shares_topic=Exists(topic), similar=Exists(similar.filter(other_id=OuterRef("pk")))
        )
        .order_by("name")[: limit * 5]
    ):
        relations = []
        if other.shares_topic:
            relations.append(SHARED_TOPIC)
        if body.parent_id and other.parent_id == body.parent_id and other.kind == body.kind:
            relations.append(SAME_COMMITTEE)
        if other.similar:
            relations.append(SIMILAR_TEXT)
        rows.append(Related(other, relations))
    rows.sort(key=lambda r: -len(r.relations))
    return rows[:limit]


def body_tags(user, body, limit=12):
    visible = visible_documents(user).filter(body=body)
    return (
        Tag.objects.filter(documents__in=visible)
        .annotate(n=Count("documents"))
        .order_by("-n", "name")
        .distinct()[:limit]
    )


# --- One search over every kind ---------------------------------------------------------------
#
# The documents keep their own access filter (above); each other kind brings its own "who may
# see it" from its app (bodies are public, terms of reference public once approved). Each kind
# is its own search query and the hits are merged by score. Only as many hits of each kind as
# the requested page reaches are fetched. The count is exact up to ``CAP`` hits of a kind;
# beyond that the kind's newest ``CAP`` hits are ranked, and the page says there are more
# (counting and ranking every match of a common word took a second at 100,000 documents).

BODY_KIND = "body"
TERMS_KIND = "terms"
RESULT_KIND = "result"
RECOMMENDATION_KIND = "recommendation"
MEETING_KIND = "meeting"
AGENDA_ITEM_KIND = "agenda_item"


def _other_kinds():
    from django.utils.translation import gettext_lazy as _

    return [
        (BODY_KIND, _("Body")),
        (TERMS_KIND, _("Terms of reference")),
        (RESULT_KIND, _("Result")),
        (RECOMMENDATION_KIND, _("Recommendation")),
        (MEETING_KIND, _("Meeting")),
        (AGENDA_ITEM_KIND, _("Agenda item and minutes")),
    ]


def kinds():
    """The kinds the search filter offers: the document kinds and the other things found. A
    value both name ("terms": filed terms of reference, and the approved terms themselves) is
    offered once and finds both."""
    documents = DocumentKind.choices
    return [
        *documents,
        *((v, label) for v, label in _other_kinds() if v not in DocumentKind.values),
    ]


def kind_values() -> list[str]:
    return [value for value, _label in kinds()]


def other_kind_values() -> list[str]:
    return [value for value, _label in _other_kinds()]


@dataclass
class Hit:
    kind: str
    kind_label: str
    title: str
    url: str
    snippet: SafeString
    score: float
    date: date_type | None = None
    body: object = None
    obj: object = None


def _better_first() -> int:
    # PostgreSQL's ts_rank grows with relevance; SQLite FTS5's bm25 is negative and shrinks.
    return -1 if connection.vendor == "postgresql" else 1


def _search(queryset, q):
    # The data apps' managers stay plain (typed); the search goes to the backend directly.
    return get_search_backend().search(q, queryset, operator="and")


def search_bodies(q, *, body=None, state=None):
    from samskab.organisation.models import Body

    bodies = Body.objects.all()
    if body is not None:
        bodies = bodies.filter(pk=body.pk)
    if state:
        bodies = bodies.filter(pk__in=bodies_in_state(state))
    return _search(bodies, clean_query(q))


def search_terms(q, *, body=None, state=None):
    from samskab.taskcommittees.queries import approved_terms

    terms = _in_state(_in_task(approved_terms(), body), state)
    return _search(terms.select_related("task__body"), clean_query(q))


def _in_task(queryset, body):
    from samskab.taskcommittees.models import TaskCommittee

    if body is None:
        return queryset
    return queryset.filter(task__in=TaskCommittee.objects.filter(body=body).values("pk"))


def _in_state(queryset, state):
    """Rows of the task committees in ``state`` (a filter on the indexed ``task`` field)."""
    from samskab.taskcommittees.models import TaskCommittee

    if not state:
        return queryset
    return queryset.filter(task__in=TaskCommittee.objects.filter(state=state).values("pk"))


def search_results(q, *, body=None, state=None):
    from samskab.taskcommittees.queries import public_deliveries

    deliveries = _in_state(_in_task(public_deliveries(), body), state).select_related("task__body")
    return _search(deliveries, clean_query(q))


def search_recommendations(q, *, body=None, state=None):
    from samskab.taskcommittees.queries import public_recommendations

    recommendations = _in_state(_in_task(public_recommendations(), body), state).select_related(
        "task__body"
    )
    return _search(recommendations, clean_query(q))


def search_meetings(user, q, *, body=None, year=None, state=None):
    from samskab.meetings.models import Meeting
    from samskab.meetings.queries import visible_meetings

    visible = visible_meetings(user)
    if body is not None:
        visible = visible.filter(body=body)
    if state:
        visible = visible.filter(body__in=bodies_in_state(state))
    if year:
        visible = visible.filter(start__year=year)
    meetings = Meeting.objects.filter(pk__in=visible.values("pk")).select_related("body")
    return _search(meetings, clean_query(q))


def search_items(user, q, *, body=None, year=None, state=None):
    from samskab.meetings.models import AgendaItem
    from samskab.meetings.queries import searchable_items

    visible = searchable_items(user)
    if body is not None:
        visible = visible.filter(meeting__body=body)
    if state:
        visible = visible.filter(meeting__body__in=bodies_in_state(state))
    if year:
        visible = visible.filter(meeting__start__year=year)
    items = AgendaItem.objects.filter(pk__in=visible.values("pk")).select_related("meeting__body")
    return _search(items, clean_query(q))


def _label(kind):
    return str(dict(_other_kinds())[kind])


def _document_hit(d, q):
    return Hit(
        kind=d.kind,
        kind_label=d.get_kind_display(),
        title=d.title,
        url=d.get_absolute_url(),
        snippet=snippet(d.text or d.description, q),
        score=d._score or 0.0,
        date=d.date,
        body=d.body,
        obj=d,
    )


def _body_hit(b, q):
    return Hit(
        kind=BODY_KIND,
        kind_label=_label(BODY_KIND),
        title=b.name,
        url=b.get_absolute_url(),
        snippet=snippet(b.remit or b.description, q),
        score=b._score or 0.0,
        obj=b,
    )


def _terms_hit(t, q):
    from django.urls import reverse

    return Hit(
        kind=TERMS_KIND,
        kind_label=_label(TERMS_KIND),
        title=t.title,
        url=reverse("taskcommittees:version", args=[t.task.body.slug, t.number]),
        snippet=snippet(t.purpose or t.assignment or t.background, q),
        score=t._score or 0.0,
        body=t.task.body,
        obj=t,
    )


def _result_hit(d, q):
    return Hit(
        kind=RESULT_KIND,
        kind_label=_label(RESULT_KIND),
        title=d.task.body.name,
        url=d.task.get_absolute_url() + "#result",
        snippet=snippet(d.summary, q),
        score=d._score or 0.0,
        date=d.presented_on,
        body=d.task.body,
        obj=d,
    )


def _recommendation_hit(r, q):
    from django.utils.translation import gettext

    return Hit(
        kind=RECOMMENDATION_KIND,
        kind_label=_label(RECOMMENDATION_KIND),
        title=gettext("Recommendation %(n)s: %(body)s") % {"n": r.number, "body": r.task.body.name},
        url=f"{r.task.get_absolute_url()}#recommendation-{r.pk}",
        snippet=snippet(r.text, q),
        score=r._score or 0.0,
        date=r.decided_on,
        body=r.task.body,
        obj=r,
    )


def _meeting_hit(m, q):
    from django.utils import timezone

    return Hit(
        kind=MEETING_KIND,
        kind_label=_label(MEETING_KIND),
        title=m.title,
        url=m.get_absolute_url(),
        snippet=snippet(m.description, q),
        score=m._score or 0.0,
        date=timezone.localdate(m.start),
        body=m.body,
        obj=m,
    )


def _item_hit(item, q):
    from django.utils import timezone

    return Hit(
        kind=AGENDA_ITEM_KIND,
        kind_label=_label(AGENDA_ITEM_KIND),
        title=f"{item.meeting.title}: {item.number}. {item.title}",
        url=item.get_absolute_url(),
        snippet=snippet(item.minutes or item.text, q),
        score=item._score or 0.0,
        date=timezone.localdate(item.meeting.start),
        body=item.meeting.body,
        obj=item,
    )


class SearchHits:
    """Everything that matches and the user may see, one list best first, sliced lazily for a
    paginator. ``kind`` is a document kind or one of the other kinds; empty: all of them."""

    def __init__(self, user, q, *, body=None, kind=None, year=None, state=None):
        self.q = clean_query(q)
        others = other_kind_values()
        self.sources = []
        # ``state``: only what belongs to a task committee in that state of its life. Each
        # source filters inside its own (access-filtered) query, so counts stay exact.
        where = {"body": body, "state": state or None}
        if not kind or kind in DocumentKind.values or kind not in others:
            self.sources.append(
                (search(user, self.q, kind=kind or None, year=year, **where), _document_hit)
            )
        if not kind or kind == MEETING_KIND:
            self.sources.append((search_meetings(user, self.q, year=year, **where), _meeting_hit))
        if not kind or kind == AGENDA_ITEM_KIND:
            self.sources.append((search_items(user, self.q, year=year, **where), _item_hit))
        if not year:
            # Bodies, terms and results have no date to filter on: a year means documents
            # and meetings only.
            if not kind or kind == BODY_KIND:
                self.sources.append((search_bodies(self.q, **where), _body_hit))
            if not kind or kind == TERMS_KIND:
                self.sources.append((search_terms(self.q, **where), _terms_hit))
            if not kind or kind == RESULT_KIND:
                self.sources.append((search_results(self.q, **where), _result_hit))
            if not kind or kind == RECOMMENDATION_KIND:
                self.sources.append((search_recommendations(self.q, **where), _recommendation_hit))
        self._count: int | None = None
        self.capped = False
        self.cap = CAP

    def _bound(self) -> None:
        """Count each kind's hits up to ``CAP`` (the newest first, a LIMIT instead of a count
        of every match), and where a kind has more, rank only its newest ``CAP``: the work of
        a search stays bounded however common its words are in twenty years of papers."""
        bounded = []
        total = 0
        for results, hit in self.sources:
            newest = list(
                results.get_queryset().order_by("-pk").values_list("pk", flat=True)[: CAP + 1]
            )
            if not newest:
                continue  # nothing of this kind: no ranked query for it either
            if len(newest) > CAP:
                self.capped = True
                newest = newest[:CAP]
                results = _search(results.query_compiler.queryset.filter(pk__in=newest), self.q)
            total += len(newest)
            bounded.append((results, hit))
        self.sources = bounded
        self._count = total

    def count(self) -> int:
        """How many hits there are, each kind counted up to ``CAP`` (``capped`` says whether
        some kind had more)."""
        if self._count is None:
            self._bound()
        return self._count or 0

    def __len__(self) -> int:
        return self.count()

    def _hits(self, stop: int) -> list[Hit]:
        self.count()
        hits = [
            hit(obj, self.q)
            for results, hit in self.sources
            for obj in results.annotate_score("_score")[:stop]
        ]
        sign = _better_first()
        hits.sort(key=lambda h: sign * h.score)
        return hits[:stop]

    def __getitem__(self, index):
        if isinstance(index, slice):
            start, stop, _step = index.indices(self.count())
            return self._hits(stop)[start:stop]
        return self._hits(index + 1)[index]
