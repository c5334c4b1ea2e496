import re

from django.utils import translation

from samskab.surveys import charts
from samskab.surveys.models import FULLY_AGREE, NEITHER, PARTLY_DISAGREE, Audience


def _numbers_in_attributes(svg):
    return re.findall(r'(?:x|y|x1|x2|y1|y2|width|height|viewBox)="([^"]*)"', svg)


def test_charts_write_coordinates_the_machine_way_in_danish():
    with translation.override("da"):
        svg = str(
            charts.diverging(
                [
                    charts.DivergingBar(
                        "Borgere", {FULLY_AGREE: 1, NEITHER: 1, PARTLY_DISAGREE: 1}, 3
                    )
                ]
            )
        ) + str(
            charts.grouped_bars(
                [charts.BarGroup("Workshops", [(charts.AUDIENCE_COLOURS[Audience.CITIZENS], 33.3)])]
            )
        )
    values = _numbers_in_attributes(svg)
    assert values
    for value in values:
        assert "," not in value, value
        assert re.fullmatch(r"[-0-9. ]+", value), value


def test_diverging_bar_puts_disagreement_left_and_agreement_right_of_the_middle():
    svg = str(charts.diverging([charts.DivergingBar("A", {FULLY_AGREE: 1, PARTLY_DISAGREE: 1}, 2)]))
    rects = {
        fill: float(x)
        for x, fill in re.findall(r'<rect x="([-0-9.]+)"[^>]*fill="(#[0-9a-f]+)"', svg)
    }
    middle = 110 + 230
    assert rects[charts.AGREEMENT_COLOURS[PARTLY_DISAGREE]] < middle
    assert rects[charts.AGREEMENT_COLOURS[FULLY_AGREE]] == middle
