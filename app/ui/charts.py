"""Charts for the outlet pages: small SVG drawn here, inline in the page, styled by the
dashboard's stylesheet.

Hand-written rather than a charting library's: pygal (the maintained server-side SVG library)
puts a <style> element and scripts in its SVG, which the pages' Content-Security-Policy
(default-src 'self') refuses, and every other choice needs a JavaScript build or a bundle. Each
chart has a <title> and <desc>, and the page puts a table of the same figures beside it.
The drawings use a viewBox only, so they scale to the width they are given (1280 or 390 px).
Every text goes through :class:`markupsafe.Markup`'s ``format``, which escapes it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from markupsafe import Markup

__all__ = ["Bar", "Stack", "horizontal_bars", "stacked_columns"]

#: viewBox widths: near the width a phone gives a chart (about 360 px), so that its text keeps
#: its size there; the stylesheet caps how far they grow on a wide screen.
BARS_WIDTH = 400
COLUMNS_WIDTH = 480
ROW = 34  # a horizontal bar's row, label above the bar
LABEL = 15


@dataclass(frozen=True, slots=True)
class Bar:
    label: str
    value: float
    shown: str  # the value as the reader sees it, e.g. "8" or "40%"


@dataclass(frozen=True, slots=True)
class Stack:
    """One column of shares that add up to 1 or less, e.g. a week's kept, reworded, dropped."""

    label: str
    parts: Sequence[tuple[str, float]]  # (series, share)


def _frame(chart_id: str, kind: str, title: str, desc: str, size: tuple[int, int], body: Markup) -> Markup:
    return Markup(
        '<svg class="chart chart-{6}" id="{0}" viewBox="0 0 {1} {2}" role="img"'
        ' aria-labelledby="{0}-title {0}-desc" preserveAspectRatio="xMinYMin meet">'
        '<title id="{0}-title">{3}</title><desc id="{0}-desc">{4}</desc>{5}</svg>'
    ).format(chart_id, size[0], size[1], title, desc, body, kind)


def _f(value: float) -> str:
    return f"{value:.1f}"


def horizontal_bars(chart_id: str, title: str, desc: str, bars: Sequence[Bar]) -> Markup:
    """A bar per row, its label above it and its value at its end: long labels stay readable on a
    phone, where a column chart's would collide."""
    top = max((bar.value for bar in bars), default=0) or 1
    reach = BARS_WIDTH - 60
    rows = Markup()
    for index, bar in enumerate(bars):
        y = index * ROW
        length = max(0.0, bar.value / top * reach)
        rows += Markup(
            '<text class="chart-label" x="0" y="{0}">{1}</text>'
            '<rect class="chart-bar" x="0" y="{2}" width="{3}" height="14"/>'
            '<text class="chart-value" x="{4}" y="{5}">{6}</text>'
        ).format(
            y + LABEL - 2, bar.label, y + LABEL + 1, _f(length), _f(length + 6), y + LABEL + 13, bar.shown
        )
    return _frame(chart_id, "bars", title, desc, (BARS_WIDTH, max(ROW, len(bars) * ROW)), rows)


def stacked_columns(
    chart_id: str, title: str, desc: str, stacks: Sequence[Stack], series: Sequence[str]
) -> Markup:
    """A column per stack (e.g. per week), its parts stacked from the bottom, in ``series`` order
    (each series a CSS class ``series-<name>``), with a legend in words."""
    height, legend, axis = 220, 26, 22
    plot = height - legend - axis
    width = (COLUMNS_WIDTH - 40) / max(1, len(stacks))
    gap = min(6.0, width / 5)
    shapes = Markup(
        '<line class="chart-axis" x1="36" y1="{0}" x2="{1}" y2="{0}"/>'
        '<text class="chart-tick" x="0" y="{2}">100%</text>'
        '<line class="chart-axis" x1="36" y1="{3}" x2="{1}" y2="{3}"/>'
        '<text class="chart-tick" x="0" y="{4}">0%</text>'
    ).format(legend, COLUMNS_WIDTH, legend + 5, legend + plot, legend + plot + 5)
    for number, name in enumerate(series):
        shapes += Markup(
            '<rect class="series-{0}" x="{1}" y="4" width="14" height="14"/>'
            '<text class="chart-label" x="{2}" y="16">{0}</text>'
        ).format(name, number * 130, number * 130 + 20)
    every = max(1, round(len(stacks) / 4))  # at most about four labels under the columns
    for index, stack in enumerate(stacks):
        x = 40 + index * width
        bottom = float(legend + plot)
        for name, share in stack.parts:
            tall = max(0.0, min(1.0, share)) * plot
            bottom -= tall
            shapes += Markup(
                '<rect class="series-{0}" x="{1}" y="{2}" width="{3}" height="{4}">'
                "<title>{5}: {0} {6}</title></rect>"
            ).format(
                name, _f(x + gap / 2), _f(bottom), _f(width - gap), _f(tall), stack.label, f"{share:.0%}"
            )
        if index % every == 0:
            shapes += Markup('<text class="chart-tick" x="{0}" y="{1}">{2}</text>').format(
                _f(x + gap / 2), height - 4, stack.label
            )
    return _frame(chart_id, "columns", title, desc, (COLUMNS_WIDTH, height), shapes)
