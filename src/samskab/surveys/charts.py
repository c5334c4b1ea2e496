"""The survey's pictures, drawn as SVG on the server; the table beside each carries the numbers.

Every number written into the SVG goes through ``_n``, which ignores the locale: with Danish
active a template would write ``x="98,5"``, which browsers drop. Percentages people read are
whole numbers, formatted here too. The pictures are ``aria-hidden``: the table next to each is
what screen readers (and everybody else) can rely on.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from .models import (
    DONT_KNOW,
    FULLY_AGREE,
    FULLY_DISAGREE,
    NEITHER,
    PARTLY_AGREE,
    PARTLY_DISAGREE,
    Audience,
)

if TYPE_CHECKING:
    from django_stubs_ext import StrPromise

# At least 3:1 against white (WCAG 2.1 non-text contrast); the two ends darkest.
AGREEMENT_COLOURS = {
    FULLY_DISAGREE: "#8b0000",
    PARTLY_DISAGREE: "#c0504d",
    NEITHER: "#767676",
    PARTLY_AGREE: "#3f7fbf",
    FULLY_AGREE: "#0b3d91",
    DONT_KNOW: "#ffffff",
}
AUDIENCE_COLOURS: dict[str, str] = {Audience.POLITICIANS: "#0059b3", Audience.CITIZENS: "#8a4d00"}
INK = "#1a1a1a"
GRID = "#bfbfbf"


def _n(value: float) -> str:
    text = f"{value:.1f}".rstrip("0").rstrip(".")
    return "0" if text in ("", "-0") else text


def percent(value: float | None) -> str:
    """A share as people read it: a whole number and the percent sign, in the language's way."""
    if value is None:
        return ""
    return _("%(value)s %%") % {"value": round(value)}


def _clip(text: str, length: int) -> str:
    text = str(text)
    return text if len(text) <= length else text[: length - 1].rstrip() + "…"


def _svg(width: float, height: float, body: SafeString) -> SafeString:
    return format_html(
        '<svg class="survey-chart" viewBox="0 0 {} {}" width="{}" height="{}" '
        'aria-hidden="true" focusable="false">{}</svg>',
        _n(width),
        _n(height),
        _n(width),
        _n(height),
        body,
    )


def swatch(colour: str) -> SafeString:
    return format_html(
        '<svg class="survey-swatch" viewBox="0 0 12 12" width="12" height="12" '
        'aria-hidden="true" focusable="false"><rect width="12" height="12" fill="{}" '
        'stroke="{}"></rect></svg>',
        colour,
        INK,
    )


@dataclass
class DivergingBar:
    label: str
    counts: dict[int, int]
    n: int


def diverging(bars: Sequence[DivergingBar]) -> SafeString:
    """A diverging stacked bar per group: disagreement to the left of the middle line,
    agreement to the right, "neither" split across it. "Don't know" is left out of the bar
    (the table shows it), so a bar is shorter when people did not know."""
    label_w, half, row, bar_h, top = 110.0, 230.0, 40.0, 26.0, 22.0
    mid = label_w + half
    width = label_w + 2 * half + 10
    height = top + max(len(bars), 1) * row + 6
    parts = [_axis(mid, half, top, height)]
    for index, bar in enumerate(bars):
        y = top + index * row + (row - bar_h) / 2
        parts.append(
            format_html(
                '<text x="{}" y="{}" text-anchor="end" class="survey-chart-label">{}</text>',
                _n(label_w - 8),
                _n(y + bar_h / 2 + 5),
                _clip(bar.label, 16),
            )
        )
        if not bar.n:
            continue

        def width_of(value, n=bar.n, counts=bar.counts):
            return half * counts.get(value, 0) / n

        neither = width_of(NEITHER)
        # Leftwards from the middle: half of "neither", partly, fully disagree.
        x = mid - neither / 2
        segments = [(NEITHER, x, neither)]
        for value in (PARTLY_DISAGREE, FULLY_DISAGREE):
            w = width_of(value)
            x -= w
            segments.append((value, x, w))
        x = mid + neither / 2
        for value in (PARTLY_AGREE, FULLY_AGREE):
            w = width_of(value)
            segments.append((value, x, w))
            x += w
        for value, sx, w in segments:
            if w <= 0:
                continue
            parts.append(
                format_html(
                    '<rect x="{}" y="{}" width="{}" height="{}" fill="{}"></rect>',
                    _n(sx),
                    _n(y),
                    _n(w),
                    _n(bar_h),
                    AGREEMENT_COLOURS[value],
                )
            )
            if w >= 30:
                parts.append(
                    format_html(
                        '<text x="{}" y="{}" text-anchor="middle" '
                        'class="survey-chart-inverse">{}</text>',
                        _n(sx + w / 2),
                        _n(y + bar_h / 2 + 5),
                        percent(100 * bar.counts.get(value, 0) / bar.n),
                    )
                )
    return _svg(width, height, mark_safe("".join(parts)))  # noqa: S308 - built by format_html


def _axis(mid, half, top, height):
    ticks = []
    for fraction in (-1, -0.5, 0, 0.5, 1):
        x = mid + fraction * half
        ticks.append(
            format_html(
                '<line x1="{}" y1="{}" x2="{}" y2="{}" stroke="{}" stroke-width="{}"></line>'
                '<text x="{}" y="{}" text-anchor="middle" class="survey-chart-axis">{}</text>',
                _n(x),
                _n(top - 4),
                _n(x),
                _n(height - 4),
                INK if fraction == 0 else GRID,
                "1.5" if fraction == 0 else "1",
                _n(x),
                _n(top - 8),
                percent(abs(fraction) * 100),
            )
        )
    return mark_safe("".join(ticks))  # noqa: S308 - built by format_html


@dataclass
class BarGroup:
    """One row label with a bar per group: (colour, value in percent or None, shown text)."""

    label: str
    bars: Sequence[tuple[str, float | None]]


def grouped_bars(groups: Sequence[BarGroup], *, label_width: float = 220.0) -> SafeString:
    """Horizontal bars from 0 to 100 %, one bar per group under each row's label."""
    bar_w, bar_h, gap, pad = 300.0, 16.0, 3.0, 12.0
    width = label_width + bar_w + 60
    parts = []
    y = 4.0
    for group in groups:
        height = max(len(group.bars), 1) * (bar_h + gap)
        parts.append(
            format_html(
                '<text x="{}" y="{}" text-anchor="end" class="survey-chart-label">{}</text>',
                _n(label_width - 8),
                _n(y + height / 2 + 4),
                _clip(group.label, int(label_width / 7)),
            )
        )
        for index, (colour, value) in enumerate(group.bars):
            by = y + index * (bar_h + gap)
            if value is None:
                continue
            w = bar_w * value / 100
            parts.append(
                format_html(
                    '<rect x="{}" y="{}" width="{}" height="{}" fill="{}"></rect>'
                    '<text x="{}" y="{}" class="survey-chart-value">{}</text>',
                    _n(label_width),
                    _n(by),
                    _n(max(w, 1.5)),
                    _n(bar_h),
                    colour,
                    _n(label_width + max(w, 1.5) + 4),
                    _n(by + bar_h - 3),
                    percent(value),
                )
            )
        y += height + pad
    parts.append(
        format_html(
            '<line x1="{}" y1="0" x2="{}" y2="{}" stroke="{}"></line>',
            _n(label_width),
            _n(label_width),
            _n(y),
            INK,
        )
    )
    return _svg(width, y, mark_safe("".join(parts)))  # noqa: S308 - built by format_html


def legend(items: Sequence[tuple[str, str | StrPromise]]) -> SafeString:
    """Colour swatches with their labels, for sighted readers of the picture."""
    return format_html(
        '<ul class="survey-legend">{}</ul>',
        format_html_join("", "<li>{} {}</li>", ((swatch(c), label) for c, label in items)),
    )
