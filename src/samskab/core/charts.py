"""Charts as SVG, drawn on the server, each with the table that carries the same data.

Every chart on the site comes from here, for two reasons:

- The picture is decoration for sighted readers (``aria-hidden``); the table beside it is what
  everybody, screen readers included, can rely on. A chart is therefore always a figure with
  both (``core/_chart.html``, ``{% chart %}``).
- Coordinates are machine values and must never be localised. A template that writes
  ``{{ bar.x }}`` with Danish active produces ``x="985,4"``, which the browser ignores: the
  Danish timeline once drew nothing at all. Here every number in the SVG is written by
  :func:`coordinate`, which knows no locale; text people read is formatted with the active
  locale by the caller.
"""

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field

from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe

# Colours with at least 3:1 contrast against white (WCAG 2.1 non-text contrast).
BLUE = "#0059b3"
GREEN = "#1b7a3a"
AMBER = "#8a4d00"
GREY = "#6b6b6b"
RED = "#a00000"
GRID = "#bfbfbf"
INK = "#1a1a1a"


def coordinate(value: float) -> str:
    """A coordinate as SVG wants it: a dot for decimals, no grouping, whatever the locale."""
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def clip(text: str, length: int) -> str:
    return text if len(text) <= length else text[: length - 1].rstrip() + "…"


@dataclass
class Cell:
    """One cell of a chart's table: text (or safe HTML such as a link)."""

    content: str | SafeString
    header: bool = False


@dataclass
class Chart:
    """A figure: the SVG picture and the table with the same data."""

    svg: SafeString
    caption: str
    columns: Sequence[str]
    rows: list[list[Cell]] = field(default_factory=list)
    # "wide" charts scroll sideways on narrow screens instead of shrinking their text.
    wide: bool = False
    # Why the picture looks as it does, for sighted readers (shown under it), optional.
    note: str = ""


def _swatch(colour: str, label: str) -> SafeString:
    """A table's legend: the colour the picture uses, then the label."""
    return format_html(
        '<svg class="chart-swatch" viewBox="0 0 12 12" width="12" height="12" aria-hidden="true" '
        'focusable="false"><rect width="12" height="12" fill="{}"></rect></svg>{}',
        colour,
        label,
    )


def svg_element(width: float, height: float, body: SafeString, css_class: str) -> SafeString:
    """The picture's ``<svg>``, hidden from screen readers (the table carries the data)."""
    return format_html(
        '<svg class="chart-svg {}" viewBox="0 0 {} {}" width="{}" height="{}" '
        'aria-hidden="true" focusable="false" role="presentation">{}</svg>',
        css_class,
        coordinate(width),
        coordinate(height),
        coordinate(width),
        coordinate(height),
        body,
    )


@dataclass
class Bar:
    """One row of a bar chart: its label, its value, and how it reads in the table."""

    label: str
    value: float
    shown: str  # the value as people read it (localised by the caller)
    colour: str = BLUE
    header: str | SafeString | None = None  # the row's header cell, if not the label (a link)
    extra: Sequence[str | SafeString] = ()  # further table cells


def bar_chart(
    bars: Sequence[Bar],
    *,
    caption: str,
    columns: Sequence[str],
    maximum: float | None = None,
    note: str = "",
) -> Chart:
    """Horizontal bars, one per row, labelled on the left, value on the right."""
    label_width, bar_width, row, gap = 230.0, 240.0, 26.0, 6.0
    width = label_width + bar_width + 50
    height = max(len(bars), 1) * row
    top = max([maximum or 0.0] + [b.value for b in bars]) or 1.0
    parts = []
    for index, bar in enumerate(bars):
        y = index * row
        length = max(bar_width * bar.value / top, 2.0 if bar.value else 0.0)
        parts.append(
            format_html(
                '<text x="{}" y="{}" text-anchor="end" class="chart-label">{}</text>'
                '<rect x="{}" y="{}" width="{}" height="{}" fill="{}"></rect>'
                '<text x="{}" y="{}" class="chart-value">{}</text>',
                coordinate(label_width - 8),
                coordinate(y + row / 2 + 5),
                clip(bar.label, 28),
                coordinate(label_width),
                coordinate(y + gap / 2),
                coordinate(length),
                coordinate(row - gap),
                bar.colour,
                coordinate(label_width + length + 6),
                coordinate(y + row / 2 + 5),
                bar.shown,
            )
        )
    rows = [
        [Cell(bar.header if bar.header is not None else bar.label, header=True), Cell(bar.shown)]
        + [Cell(extra) for extra in bar.extra]
        for bar in bars
    ]
    svg = svg_element(width, height, mark_safe("".join(parts)), "chart-bars")  # noqa: S308 - built by format_html
    return Chart(svg=svg, caption=caption, columns=columns, rows=rows, note=note)


@dataclass
class Segment:
    label: str
    value: int
    shown: str
    colour: str


def stacked_bar(segments: Sequence[Segment], *, caption: str, columns: Sequence[str]) -> Chart:
    """One bar split into parts (e.g. follow-up items by status), with a legend in the table."""
    width, height = 400.0, 24.0
    total = sum(s.value for s in segments)
    parts = [
        format_html(
            '<rect x="0" y="0" width="{}" height="{}" fill="#e0e0e0"></rect>',
            coordinate(width),
            coordinate(height),
        )
    ]
    x = 0.0
    for segment in segments:
        if not segment.value or not total:
            continue
        length = width * segment.value / total
        parts.append(
            format_html(
                '<rect x="{}" y="0" width="{}" height="{}" fill="{}"></rect>',
                coordinate(x),
                coordinate(length),
                coordinate(height),
                segment.colour,
            )
        )
        x += length
    rows = [[Cell(_swatch(s.colour, s.label), header=True), Cell(s.shown)] for s in segments]
    svg = svg_element(width, height, mark_safe("".join(parts)), "chart-stacked")  # noqa: S308 - built by format_html
    return Chart(svg=svg, caption=caption, columns=columns, rows=rows)


@dataclass
class Span:
    """One bar of a timeline: from ``start`` to ``end`` (``end`` None = still going)."""

    label: str
    start: dt.date
    end: dt.date | None
    colour: str
    cells: Sequence[str | SafeString]  # the table row (its first cell is the row header)


def timeline(
    spans: Sequence[Span], *, caption: str, columns: Sequence[str], today: dt.date, note: str = ""
) -> Chart:
    """A Gantt-style chart: one bar per row on a shared time axis marked by years."""
    label_width, plot_width, row, gap, axis = 250.0, 760.0, 26.0, 6.0, 24.0
    width = label_width + plot_width + 10
    if not spans:
        return Chart(svg=SafeString(""), caption=caption, columns=columns, wide=True, note=note)
    first = min(s.start for s in spans)
    last = max([today] + [s.end or today for s in spans])
    lo = dt.date(first.year, 1, 1)
    hi = dt.date(last.year + 1, 1, 1)
    days = (hi - lo).days or 1

    def x_of(day: dt.date) -> float:
        return label_width + plot_width * (day - lo).days / days

    height = axis + len(spans) * row
    parts = []
    # Label every year while they fit, then every second, fifth... year.
    years = list(range(lo.year, hi.year))
    step = next(s for s in (1, 2, 5, 10, 20, 50) if len(years) / s <= 16)
    for year in years:
        x = x_of(dt.date(year, 1, 1))
        parts.append(
            format_html(
                '<line x1="{}" x2="{}" y1="{}" y2="{}" stroke="{}"></line>',
                coordinate(x),
                coordinate(x),
                coordinate(axis - 6),
                coordinate(height),
                GRID,
            )
        )
        if (year - lo.year) % step == 0:
            parts.append(
                format_html(
                    '<text x="{}" y="{}" class="chart-axis">{}</text>',
                    coordinate(x + 3),
                    coordinate(axis - 10),
                    str(year),
                )
            )
    for index, span in enumerate(spans):
        y = axis + index * row
        start = x_of(span.start)
        end = x_of(span.end or today)
        parts.append(
            format_html(
                '<text x="{}" y="{}" text-anchor="end" class="chart-label">{}</text>'
                '<rect x="{}" y="{}" width="{}" height="{}" fill="{}"></rect>',
                coordinate(label_width - 8),
                coordinate(y + row / 2 + 5),
                clip(span.label, 34),
                coordinate(start),
                coordinate(y + gap / 2),
                coordinate(max(end - start, 3.0)),
                coordinate(row - gap),
                span.colour,
            )
        )
    rows = [
        [Cell(span.cells[0], header=True)] + [Cell(c) for c in span.cells[1:]] for span in spans
    ]
    svg = svg_element(width, height, mark_safe("".join(parts)), "chart-timeline")  # noqa: S308 - built by format_html
    return Chart(svg=svg, caption=caption, columns=columns, rows=rows, wide=True, note=note)
