import datetime as dt
import re

from django.utils import translation

from samskab.core import charts

NUMBER = re.compile(r"-?\d+(\.\d+)?")
COORDINATES = re.compile(r'\s(x|y|x1|x2|y1|y2|width|height|viewBox)="([^"]*)"')


def svg_numbers(svg):
    """Every coordinate attribute of an SVG, split into its numbers."""
    return [part for _name, value in COORDINATES.findall(str(svg)) for part in value.split()]


def test_bar_chart_writes_machine_numbers_in_danish():
    bars = [charts.Bar("Konservative (C)", 985.4, "985,4"), charts.Bar("A", 1.5, "1,5")]
    with translation.override("da"):
        chart = charts.bar_chart(bars, caption="Pladser", columns=["Gruppe", "Pladser"])
    numbers = svg_numbers(chart.svg)
    assert numbers and all(NUMBER.fullmatch(n) for n in numbers), numbers
    assert "985,4" in str(chart.svg)  # the value people read stays Danish
    assert [[c.content for c in row] for row in chart.rows] == [
        ["Konservative (C)", "985,4"],
        ["A", "1,5"],
    ]


def test_timeline_spans_the_years_and_writes_machine_numbers():
    today = dt.date(2026, 3, 1)
    spans = [
        charts.Span("Klima", dt.date(2024, 5, 3), None, charts.BLUE, ["Klima"]),
        charts.Span("Skole", dt.date(2016, 9, 1), dt.date(2017, 6, 30), charts.GREEN, ["Skole"]),
    ]
    with translation.override("da"):
        chart = charts.timeline(spans, caption="T", columns=["Udvalg"], today=today)
    svg = str(chart.svg)
    assert all(NUMBER.fullmatch(n) for n in svg_numbers(svg))
    assert ">2016<" in svg and ">2026<" in svg
    assert chart.wide


def test_stacked_bar_with_nothing_draws_only_the_background():
    chart = charts.stacked_bar(
        [charts.Segment("Done", 0, "0", charts.GREEN)], caption="C", columns=["S", "N"]
    )
    assert str(chart.svg).count("<rect") == 1
