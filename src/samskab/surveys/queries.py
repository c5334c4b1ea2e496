"""The read side: a round's results, the comparison across committees and years, CSV rows.

The threshold lives here, once, for the pages, the API and the exports alike. A group (the
politicians or the citizens of one round) shows only when at least ``threshold()`` of its
members answered, and a question only when at least that many of them answered it. Below it,
a cell carries no number at all: not a share, not a count (``Cell.shown`` is False and every
number is None). Sums across rounds add up shown cells only, so that a total minus the shown
parts never reveals a hidden group.

Every function runs a fixed number of queries whatever the number of rounds and answers:
answers are counted by the database, grouped by (round, group, question, value).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import cast

from django.db.models import Count, Q

from . import services
from .models import (
    AGREEMENT_CHOICES,
    AUDIENCE_PLURAL,
    DONT_KNOW,
    FULLY_AGREE,
    FULLY_DISAGREE,
    PARTLY_AGREE,
    PARTLY_DISAGREE,
    SCALE_VALUES,
    Answer,
    Audience,
    Headline,
    Invitation,
    Kind,
    Question,
    Round,
)
from .rules import is_secretariat

AUDIENCES: list[str] = [Audience.POLITICIANS, Audience.CITIZENS]
AGREE = {FULLY_AGREE, PARTLY_AGREE}
DISAGREE = {FULLY_DISAGREE, PARTLY_DISAGREE}


def share(part, whole):
    return 100 * part / whole if whole else None


@dataclass
class Cell:
    """One group's answers to one question; every number is None unless ``shown``."""

    audience: str
    shown: bool
    n: int | None = None
    counts: dict[int, int] = field(default_factory=dict)  # value or option index -> answers

    @property
    def label(self):
        return AUDIENCE_PLURAL[self.audience]

    def pct(self, key):
        return share(self.counts.get(key, 0), self.n) if self.shown else None

    @property
    def agree(self):
        if not self.shown:
            return None
        return share(sum(self.counts.get(v, 0) for v in AGREE), self.n)

    @property
    def disagree(self):
        if not self.shown:
            return None
        return share(sum(self.counts.get(v, 0) for v in DISAGREE), self.n)

    def headline(self, question):
        return self.disagree if question.headline == Headline.DISAGREE else self.agree

    @property
    def mean(self):
        """The mean of a 0–10 scale."""
        if not self.shown or not self.n:
            return None
        return sum(value * k for value, k in self.counts.items()) / self.n


@dataclass
class QuestionResult:
    question: Question
    cells: list[Cell]
    texts: list[str] = field(default_factory=list)  # published free text (names removed)

    @property
    def any_shown(self):
        return any(c.shown for c in self.cells)


@dataclass
class Group:
    audience: str
    invited: int
    shown: bool
    answered: int | None  # None below the threshold

    @property
    def label(self):
        return AUDIENCE_PLURAL[self.audience]


@dataclass
class RoundResults:
    round: Round
    threshold: int
    groups: list[Group]
    questions: list[QuestionResult]

    @property
    def any_shown(self):
        return any(g.shown for g in self.groups)


def _split_bits(counts):
    """Multiple choice is stored as a bit mask per answer: count each option."""
    options: dict[int, int] = defaultdict(int)
    for mask, k in counts.items():
        bit = 0
        while mask:
            if mask & 1:
                options[bit] += k
            mask >>= 1
            bit += 1
    return dict(options)


def group_counts(round_ids):
    """{(round id, group): (invited, answered)} from the invitations (who, never what)."""
    rows = (
        Invitation.objects.filter(round_id__in=round_ids)
        .values("round_id", "audience")
        .annotate(invited=Count("id"), answered=Count("id", filter=Q(answered=True)))
    )
    return {(r["round_id"], r["audience"]): (r["invited"], r["answered"]) for r in rows}


def round_results(round_, *, with_texts=True):
    """The results of one round, the threshold applied. Four queries."""
    limit = services.threshold()
    questions = list(round_.question_set.questions.all())
    counts = group_counts([round_.pk])
    groups = []
    for audience in AUDIENCES:
        invited, answered = counts.get((round_.pk, audience), (0, 0))
        if not invited:
            continue
        shown = answered >= limit
        groups.append(Group(audience, invited, shown, answered if shown else None))
    shown_groups = {g.audience for g in groups if g.shown}
    values: dict[tuple[int, str], dict[int, int]] = defaultdict(dict)
    answered_q: dict[tuple[int, str], int] = defaultdict(int)
    for row in (
        Answer.objects.filter(round=round_)
        .values("question_id", "audience", "value")
        .annotate(n=Count("id"))
    ):
        key = (row["question_id"], row["audience"])
        answered_q[key] += row["n"]
        if row["value"] is not None:
            values[key][row["value"]] = row["n"]
    texts: dict[int, list[str]] = defaultdict(list)
    if with_texts:
        for question_id, audience, text in (
            Answer.objects.filter(round=round_, is_published=True)
            .order_by("published_text")
            .values_list("question_id", "audience", "published_text")
        ):
            # Published texts of a hidden group stay hidden with it.
            if audience in shown_groups:
                texts[question_id].append(text)
    results = []
    for q in questions:
        cells = []
        for g in groups:
            if not q.is_asked_of(g.audience):
                continue
            n = answered_q.get((q.pk, g.audience), 0)
            if g.shown and n >= limit:
                raw = values.get((q.pk, g.audience), {})
                cells.append(
                    Cell(g.audience, True, n, _split_bits(raw) if q.kind == Kind.MULTIPLE else raw)
                )
            else:
                cells.append(Cell(g.audience, False))
        results.append(QuestionResult(q, cells, texts.get(q.pk, [])))
    return RoundResults(round_, limit, groups, results)


def texts_to_moderate(round_):
    """Free-text answers for the secretariat, question by question, in an order that says
    nothing about who answered when; only for groups at or above the threshold."""
    limit = services.threshold()
    counts = group_counts([round_.pk])
    shown = [a for a in AUDIENCES if counts.get((round_.pk, a), (0, 0))[1] >= limit]
    return (
        Answer.objects.filter(round=round_, question__kind=Kind.TEXT, audience__in=shown)
        .exclude(text="")
        .select_related("question")
        .order_by("question__position", "question_id", "audience", "text")
    )


def visible_rounds(user, now=None):
    """Rounds whose page the user may open: the secretariat all, everybody else published."""
    qs = Round.objects.select_related("body", "question_set")
    if not is_secretariat(user):
        qs = qs.filter(published_at__isnull=False)
    return qs.order_by("-closes_at", "-id")


def result_rounds(user, now=None):
    """Closed rounds whose results the user may see."""
    return visible_rounds(user).filter(pk__in=services.closed_rounds(now).values("pk"))


def comparable_questions(user):
    """Agreement questions that some round the user may see has asked."""
    seen = result_rounds(user)
    # The questionnaire most rounds used comes first: it is what most comparisons are about.
    return (
        Question.objects.filter(kind=Kind.AGREEMENT, question_set__rounds__in=seen)
        .annotate(rounds=Count("question_set__rounds", filter=Q(question_set__rounds__in=seen)))
        .select_related("question_set")
        .order_by("-rounds", "question_set__family", "-question_set__version", "position")
    )


@dataclass
class ComparisonRow:
    label: str
    year: int | None
    round: Round | None
    cells: dict[str, Cell]


@dataclass
class Comparison:
    question: Question
    threshold: int
    total: ComparisonRow
    years: list[ComparisonRow]
    committees: list[ComparisonRow]


def _sum(cells):
    shown = [c for c in cells if c.shown]
    if not shown:
        return None
    counts: dict[int, int] = defaultdict(int)
    for c in shown:
        for value, k in c.counts.items():
            counts[value] += k
    return sum(c.n for c in shown), dict(counts)


def comparison(
    user, question, *, first_year=None, last_year=None, label_all="", label_year="%(year)s"
):
    """One agreement question (in one version) across every round the user may see, with
    totals per year and overall. Three queries."""
    limit = services.threshold()
    rounds = [
        r
        for r in result_rounds(user).filter(question_set=question.question_set_id)
        if (first_year is None or r.year >= first_year)
        and (last_year is None or r.year <= last_year)
    ]
    rounds.sort(key=lambda r: (r.year, r.body.name, r.pk))
    ids = [r.pk for r in rounds]
    counts = group_counts(ids)
    values: dict[tuple[int, str], dict[int, int]] = defaultdict(dict)
    for row in (
        Answer.objects.filter(round_id__in=ids, question=question)
        .values("round_id", "audience", "value")
        .annotate(n=Count("id"))
    ):
        # An agreement question: every answer has a value.
        values[(row["round_id"], row["audience"])][cast(int, row["value"])] = row["n"]
    committees = []
    for r in rounds:
        cells = {}
        for audience in AUDIENCES:
            if not question.is_asked_of(audience) or (r.pk, audience) not in counts:
                continue
            answered = counts[(r.pk, audience)][1]
            raw = values.get((r.pk, audience), {})
            n = sum(raw.values())
            cells[audience] = (
                Cell(audience, True, n, raw)
                if answered >= limit and n >= limit
                else Cell(audience, False)
            )
        committees.append(ComparisonRow(r.body.name, r.year, r, cells))

    def total(label, rows, year=None):
        cells = {}
        for audience in AUDIENCES:
            summed = _sum(row.cells[audience] for row in rows if audience in row.cells)
            if summed is not None:
                cells[audience] = Cell(audience, True, summed[0], summed[1])
            elif any(audience in row.cells for row in rows):
                cells[audience] = Cell(audience, False)
        return ComparisonRow(label, year, None, cells)

    by_year: dict[int, list[ComparisonRow]] = defaultdict(list)
    for committee in committees:
        by_year[cast(int, committee.year)].append(committee)
    years = [total(label_year % {"year": y}, by_year[y], y) for y in sorted(by_year)]
    return Comparison(question, limit, total(label_all, committees), years, committees)


# --- CSV ---------------------------------------------------------------------------------------


def _pct(value):
    return "" if value is None else f"{value:.1f}"


def round_csv_rows(results: RoundResults):
    """Aggregates only, one row per (question, group, answer option); a hidden group's row says
    so and carries no number."""
    r = results.round
    head = [
        "committee",
        "round",
        "year",
        "question_set",
        "version",
        "question",
        "question_text",
        "group",
        "answer",
        "count",
        "percent",
        "answers_to_question",
    ]
    yield head
    base = [r.body.name, r.title, r.year, r.question_set.family, r.question_set.version]
    for qr in results.questions:
        q = qr.question
        for cell in qr.cells:
            prefix = [*base, q.key, q.text, cell.audience]
            if not cell.shown:
                yield [*prefix, f"fewer than {results.threshold} answers", "", "", ""]
                continue
            for value, label in _options(q):
                yield [
                    *prefix,
                    label,
                    cell.counts.get(value, 0),
                    _pct(cell.pct(value)),
                    cell.n,
                ]
            if q.kind == Kind.TEXT:
                yield [*prefix, "(free text)", "", "", cell.n]


def _options(question):
    if question.kind == Kind.AGREEMENT:
        return [(value, str(label)) for value, label in AGREEMENT_CHOICES]
    if question.kind == Kind.SCALE:
        return [(value, str(value)) for value in SCALE_VALUES]
    if question.kind in (Kind.SINGLE, Kind.MULTIPLE):
        return list(enumerate(question.option_list()))
    return []


def comparison_csv_rows(comp: Comparison):
    yield [
        "row",
        "year",
        "question_set",
        "version",
        "question",
        "group",
        "answers",
        "agree_percent",
        "disagree_percent",
        "dont_know_percent",
    ]
    q = comp.question
    for row in [comp.total, *comp.years, *comp.committees]:
        for audience, cell in row.cells.items():
            yield [
                row.label,
                row.year or "",
                q.question_set.family,
                q.question_set.version,
                q.key,
                audience,
                cell.n if cell.shown else f"fewer than {comp.threshold} answers",
                _pct(cell.agree),
                _pct(cell.disagree),
                _pct(cell.pct(DONT_KNOW)),
            ]
