import datetime as dt

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from samskab.surveys import queries, services, tokens

from .conftest import CITIZENS, POLITICIANS

pytestmark = pytest.mark.django_db


def closed_round(survey, politicians, citizens, raw_p, raw_c):
    """A round in the past in which ``politicians`` and ``citizens`` members answered."""
    past = timezone.now() - dt.timedelta(days=20)
    round_ = survey.open(days=10, now=past, remind_days=0)
    survey.answer(round_, POLITICIANS, politicians, raw_p, now=past + dt.timedelta(days=1))
    survey.answer(round_, CITIZENS, citizens, raw_c, now=past + dt.timedelta(days=1))
    return round_


def test_round_results_count_each_group_apart(survey):
    round_ = closed_round(
        survey,
        5,
        6,
        {survey.solutions: "5", survey.scale: "8", survey.forms: ["0", "1"]},
        {survey.solutions: "2", survey.hard: "1", survey.heard: "2", survey.forms: ["1"]},
    )
    results = queries.round_results(round_)
    assert [(g.audience, g.invited, g.answered) for g in results.groups] == [
        (POLITICIANS, 5, 5),
        (CITIZENS, 6, 6),
    ]
    by_key = {qr.question.key: {c.audience: c for c in qr.cells} for qr in results.questions}
    solutions = by_key["loesninger"]
    assert (solutions[POLITICIANS].n, solutions[POLITICIANS].agree) == (5, 100.0)
    assert (solutions[CITIZENS].n, solutions[CITIZENS].agree) == (6, 0.0)
    assert solutions[CITIZENS].disagree == 100.0
    assert set(by_key["svaert"]) == {CITIZENS}  # asked of citizens only
    assert by_key["tilfreds"][POLITICIANS].mean == 8.0
    assert by_key["former"][POLITICIANS].counts == {0: 5, 1: 5}
    assert by_key["former"][CITIZENS].counts == {1: 6}
    assert by_key["hoerte"][CITIZENS].pct(2) == 100.0


def test_round_results_show_no_number_for_a_group_below_the_threshold(survey):
    round_ = closed_round(
        survey, 4, 6, {survey.solutions: "1", survey.scale: "0"}, {survey.solutions: "5"}
    )
    results = queries.round_results(round_)
    politicians = results.groups[0]
    assert (politicians.shown, politicians.answered) == (False, None)
    for qr in results.questions:
        for cell in qr.cells:
            if cell.audience == POLITICIANS:
                assert (cell.shown, cell.n, cell.counts, cell.agree, cell.mean) == (
                    False,
                    None,
                    {},
                    None,
                    None,
                )


def test_round_results_hide_a_question_fewer_answered(survey):
    # Six citizens answered the round, but only four of them the scale question.
    round_ = closed_round(survey, 0, 4, {}, {survey.solutions: "5", survey.scale: "7"})
    day_after = round_.opened_at + dt.timedelta(days=1)
    for invitation in survey.invitations(round_, CITIZENS)[4:]:
        services.submit(tokens.make(invitation), {survey.solutions.pk: "5"}, now=day_after)
    results = queries.round_results(round_)
    cells = {
        qr.question.key: c for qr in results.questions for c in qr.cells if c.audience == CITIZENS
    }
    assert (cells["loesninger"].shown, cells["loesninger"].n) == (True, 6)
    assert (cells["tilfreds"].shown, cells["tilfreds"].n) == (False, None)


def test_threshold_follows_the_setting(survey, settings):
    round_ = closed_round(survey, 4, 0, {survey.solutions: "5"}, {})
    settings.SURVEYS_MIN_ANSWERS = 4
    assert queries.round_results(round_).groups[0].answered == 4


def test_comparison_totals_leave_out_hidden_groups(survey, world):
    first = closed_round(survey, 5, 6, {survey.solutions: "5"}, {survey.solutions: "4"})
    second = closed_round(survey, 3, 6, {survey.solutions: "1"}, {survey.solutions: "1"})
    for round_ in (first, second):
        services.publish(survey.actor, round_)
    comp = queries.comparison(AnonymousUser(), survey.solutions)
    # The three politicians of the second round who disagreed are hidden, also from the total:
    # otherwise the total minus the first round would give them away.
    total = comp.total.cells
    assert (total[POLITICIANS].n, total[POLITICIANS].agree) == (5, 100.0)
    assert (total[CITIZENS].n, total[CITIZENS].agree) == (12, 50.0)
    rows = {row.round.pk: row.cells for row in comp.committees}
    assert rows[second.pk][POLITICIANS].shown is False


def test_comparison_for_the_public_counts_published_rounds_only(survey):
    published = closed_round(survey, 5, 6, {survey.solutions: "5"}, {survey.solutions: "5"})
    closed_round(survey, 5, 6, {survey.solutions: "1"}, {survey.solutions: "1"})
    services.publish(survey.actor, published)
    public = queries.comparison(AnonymousUser(), survey.solutions)
    assert public.total.cells[POLITICIANS].n == 5
    secretariat = queries.comparison(survey.actor, survey.solutions)
    assert secretariat.total.cells[POLITICIANS].n == 10


def _queries(fn):
    with CaptureQueriesContext(connection) as captured:
        fn()
    return len(captured.captured_queries)


def test_results_run_the_same_number_of_queries_at_two_sizes(survey):
    small = closed_round(survey, 5, 5, {survey.solutions: "5"}, {survey.solutions: "4"})
    large = closed_round(
        survey,
        5,
        6,
        {q: "5" if q.kind == "agreement" else "1" for q in (survey.solutions, survey.scale)},
        {survey.solutions: "3", survey.better: "Tekst", survey.forms: ["0", "1", "2"]},
    )
    for _ in range(8):
        extra = closed_round(survey, 5, 6, {survey.solutions: "5"}, {survey.solutions: "2"})
        services.publish(survey.actor, extra)
    services.publish(survey.actor, small)

    def results(r):
        return lambda: queries.round_results(r)

    assert _queries(results(small)) == _queries(results(large)) == 4

    def compare():
        queries.comparison(survey.actor, survey.solutions)

    few = _queries(compare)
    for _ in range(5):
        closed_round(survey, 5, 6, {survey.solutions: "5"}, {survey.solutions: "2"})
    assert _queries(compare) == few == 3
