"""The breadth pictures: horizontal bars as SVG drawn on the server.

The picture is for sighted readers (``aria-hidden``); the table beside it carries the same
numbers for everybody. Coordinates, labels and the ``<svg>`` element come from
``core.charts`` like every other chart's; what is the recruitment's own is the comparison: a
bar for the pool's share with a thinner one under it for the population's.
"""

from django.utils.html import format_html_join
from django.utils.safestring import SafeString

from samskab.core.charts import BLUE, GREY, clip, coordinate, svg_element

POOL = BLUE
POPULATION = GREY
# Labels are clipped to fit the narrow label column.
LABEL_LENGTH = 21


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
                coordinate(label_width - 8),
                coordinate(y + 15),
                clip(row.label, LABEL_LENGTH),
                coordinate(label_width),
                coordinate(y + 4),
                coordinate(max(length, 1.5 if row.count else 0)),
                POOL,
                coordinate(label_width + length + 6),
                coordinate(y + 15),
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
                    coordinate(label_width),
                    coordinate(index * row_height + 20),
                    coordinate(max(length, 1.5)),
                    POPULATION,
                    coordinate(label_width + length + 6),
                    coordinate(index * row_height + 28),
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
    return svg_element(width, height, body, "breadth-chart")
