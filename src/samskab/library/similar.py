"""Committees with similar text: a task committee's most telling words (its name, remit,
description, and its approved terms' title and purpose — all public) searched among the other
committees and their approved terms through the search index.

The task worker works it out when a committee's text changes (``apps.py`` queues
``tasks.refresh_similar`` after the commit) and keeps it in ``SimilarBody``, both ways round;
a committee's page then reads it inside the one query that finds its related committees
(``queries.related_bodies``), however many committees there are.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from django.db import transaction
from modelsearch.backends import get_search_backend

from .models import SimilarBody

_WORD = re.compile(r"\w+", re.UNICODE)

# Words that say nothing about what a committee works on, among them those of the standard
# remit ("skal sammen med borgere og andre interessenter udvikle idéer, forslag til politikker
# og nye strategier inden for temaet …"), which every task committee shares.
_COMMON_WORDS = (
    "interessenter udvikle idéer ideer forslag politikker strategier inden temaet "
    "byens byen fremtidens kommissorium kommissoriet konkrete "
    "alle andre anden andet eller efter blive bliver blev både dette disse denne deres "
    "heller hvordan hvorfor hvilke hvilken hvor kommer kunne mellem meget mange måske "
    "nogle noget også over sammen samt skulle sådan under uden udvalg udvalget udvalgets "
    "opgaveudvalg opgaveudvalget opgaveudvalgets kommune kommunen kommunens gentofte "
    "borger borgere borgerne politikere kommunalbestyrelsen skal have været være"
)
_COMMON = frozenset(_COMMON_WORDS.split())
SIMILAR_WORDS = 6
SIMILAR_CANDIDATES = 12
SIMILAR_LIMIT = 4


def _significant_words(text: str, limit: int = SIMILAR_WORDS) -> list[str]:
    counts: dict[str, int] = {}
    for word in _WORD.findall(text.casefold()):
        if len(word) >= 5 and not word.isdigit() and word not in _COMMON:
            counts[word] = counts.get(word, 0) + 1
    # Frequent and long words first: a Danish compound ("klimatilpasning") says more.
    return sorted(counts, key=lambda w: (-counts[w], -len(w), w))[:limit]


def similar(body) -> list[tuple[int, int]]:
    """(committee, words shared) for the committees that share this body's most telling
    words, those sharing most first. Each word is a search of the committees and one of the
    approved terms; a word that many committees use is left out, as it tells nothing about
    this one."""
    from samskab.organisation.models import Body, BodyKind
    from samskab.taskcommittees.queries import approved_terms

    own = approved_terms().filter(task__body=body).values_list("title", "purpose").first()
    text = " ".join([body.name, body.remit, body.description, *(own or ())])
    backend = get_search_backend()
    committees = Body.objects.filter(kind=BodyKind.TASK_COMMITTEE)
    terms = approved_terms().select_related("task")
    shared: dict[int, int] = {}
    for word in _significant_words(text):
        found = {b.pk for b in backend.search(word, committees)[: SIMILAR_CANDIDATES + 1]}
        found |= {t.task.body_id for t in backend.search(word, terms)[: SIMILAR_CANDIDATES + 1]}
        if len(found) > SIMILAR_CANDIDATES:
            # A word that many committees use ("borgere", "foreninger") links nothing.
            continue
        for pk in found - {body.pk}:
            shared[pk] = shared.get(pk, 0) + 1
    best = sorted(shared, key=lambda pk: (-shared[pk], pk))
    return [(pk, shared[pk]) for pk in best[:SIMILAR_LIMIT]]


@transaction.atomic
def refresh(body) -> list[int]:
    """Work out the committees like ``body`` again and keep them (and the reverse links)."""
    found = similar(body)
    ids = [pk for pk, _n in found]
    SimilarBody.objects.filter(body=body).delete()
    SimilarBody.objects.filter(other=body).exclude(body_id__in=ids).delete()
    SimilarBody.objects.bulk_create(
        [SimilarBody(body=body, other_id=pk, shared=n) for pk, n in found]
        + [SimilarBody(body_id=pk, other=body, shared=n) for pk, n in found],
        ignore_conflicts=True,
    )
    return ids


def refresh_all(progress: Callable[[int, int], None] | None = None) -> int:
    """Every task committee (after an import, or for the demo and the generated municipality
    once the index is built); ``progress(done, total)`` is told as it goes."""
    from samskab.organisation.models import Body, BodyKind

    committees = Body.objects.filter(kind=BodyKind.TASK_COMMITTEE)
    total = committees.count()
    count = 0
    for body in committees.order_by("pk").iterator():
        refresh(body)
        count += 1
        if progress is not None:
            progress(count, total)
    return count
