"""The breadth pictures: horizontal bars as SVG drawn on the server.

The picture is for sighted readers (``aria-hidden``); the table beside it carries the same
numbers for everybody. Coordinates are machine values and are written by ``_n``, which knows
no locale (with Danish active a template would write "985,4", which a browser ignores).
"""

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

POOL = "#0059b3"
POPULATION = "#6b6b6b"


def _n(value):
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def _clip(text, length=21):
    return text if len(text) <= length else text[: length - 1].rstrip() + "…"


def bars(dimension) -> SafeString:
    """One bar per row for the pool's share, and a thinner one under it for the population's
    share when the dimension has one."""
    label_width, bar_width, right = 150.0, 220.0, 52.0
    compared = any(row.population_share is not None for row in dimension.rows)
    row_height = 34.0 if compared else 24.0
    top = max(
        [row.share for row in dimension.rows]
        + [row.population_share or 0 for row in dimension.rows]
        + [0.01]
    )
    parts = []
    for index, row in enumerate(dimension.rows):
        y = index * row_height
        length = bar_width * row.share / top
        parts.append(
            (
                _n(label_width - 8),
                _n(y + 15),
                _clip(row.label),
                _n(label_width),
                _n(y + 4),
                _n(max(length, 1.5 if row.count else 0)),
                POOL,
                _n(label_width + length + 6),
                _n(y + 15),
                f"{round(100 * row.share)} %",
            )
        )
    body = format_html_join(
        "",
        '<text x="{}" y="{}" text-anchor="end" class="chart-label">{}</text>'
        '<rect x="{}" y="{}" width="{}" height="14" fill="{}"></rect>'
        '<text x="{}" y="{}" class="chart-value">{}</text>',
        parts,
    )
    if compared:
        people = []
        for index, row in enumerate(dimension.rows):
            if row.population_share is None:
                continue
            length = bar_width * row.population_share / top
            people.append(
                (
                    _n(label_width),
                    _n(index * row_height + 20),
                    _n(max(length, 1.5)),
                    POPULATION,
                    _n(label_width + length + 6),
                    _n(index * row_height + 28),
                    f"{round(100 * row.population_share)} %",
                )
            )
        body += format_html_join(
            "",
            '<rect x="{}" y="{}" width="{}" height="8" fill="{}"></rect>'
            '<text x="{}" y="{}" class="chart-value chart-population">{}</text>',
            people,
        )
    width = label_width + bar_width + right
    height = max(len(dimension.rows), 1) * row_height
    return format_html(
        '<svg class="breadth-chart" viewBox="0 0 {} {}" width="{}" height="{}" '
        'aria-hidden="true" focusable="false">{}</svg>',
        _n(width),
        _n(height),
        _n(width),
        _n(height),
        body,
    )
