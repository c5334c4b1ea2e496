"""The breadth pictures, drawn with core.charts' coordinates, labels and <svg> element."""

import re

import pytest
from django.utils import translation

from samskab.recruitment import charts
from samskab.recruitment.breadth import Dimension, Row

# The recruitment tests clear the shared (database) cache around each test.
pytestmark = pytest.mark.django_db


def _numbers(svg):
    """Every number in the picture's geometry (the view box's four included)."""
    values = re.findall(r'\s(?:x|y|width|height)="([^"]*)"', svg)
    for box in re.findall(r'\sviewBox="([^"]*)"', svg):
        values += box.split()
    return values


def test_breadth_bars_compare_the_pool_with_the_population_in_plain_coordinates():
    dimension = Dimension(
        key="age",
        title="Alder",
        rows=[
            Row("young", "18–29 år", count=3, share=0.1234, population_share=0.2),
            Row("old", "Over 70 år og bosat i Gentofte Kommune", count=27, share=0.8766),
        ],
        compared="befolkningen",
    )
    with translation.override("da"):
        svg = str(charts.bars(dimension))
    assert svg.startswith('<svg class="chart-svg breadth-chart"')
    assert 'aria-hidden="true"' in svg
    # Danish active, and still a dot: a comma would make the browser drop the coordinate.
    assert all(re.fullmatch(r"-?\d+(\.\d+)?", n) for n in _numbers(svg))
    assert "12 %" in svg and "88 %" in svg and "20 %" in svg
    # The long label is clipped to the label column; the population bar is drawn for its row.
    assert ">Over 70 år og bosat…<" in svg
    assert svg.count(f'fill="{charts.POPULATION}"') == 1
    assert svg.count(f'fill="{charts.POOL}"') == 2


def test_breadth_bars_without_a_population_draw_the_pool_only():
    dimension = Dimension(
        key="district",
        title="Bydel",
        rows=[Row("h", "Hellerup", count=0, share=0.0), Row("g", "Gentofte", count=4, share=1)],
    )
    svg = str(charts.bars(dimension))
    assert charts.POPULATION not in svg
    # An empty row draws no bar at all; the full one spans the bar's width.
    assert 'width="0"' in svg
    assert 'width="220"' in svg
