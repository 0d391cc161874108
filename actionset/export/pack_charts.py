"""The sponsor's pack's charts, drawn as SVG by pygal and made fit to sit inline in a page
that loads nothing: no script, no comment, no external address, the same ids every time.

pygal is imported here only, on the report's path (never on the way to the app's first frame).
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from typing import Any

COLOURS = ("#1f5f8b", "#e39b2d", "#5a9e4b", "#b8474d", "#7d5ba6", "#6b7b8c")
"""Blue, amber, green, red, purple, slate: told apart in print and by most colour-blind eyes."""
WIDTH, HEIGHT = 720, 300
LEGEND_ROW = 22
"""The height a series' line in the legend takes, below the plot."""

_SCRIPT = re.compile(r"<script\b.*?</script>", re.S)
_COMMENT = re.compile(r"<!--.*?-->", re.S)
_UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")


def _style() -> Any:
    from pygal.style import Style

    return Style(
        background="white",
        plot_background="white",
        foreground="#222",
        foreground_strong="#111",
        foreground_subtle="#ddd",
        opacity="0.9",
        opacity_hover="0.9",
        colors=COLOURS,
        font_family="system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif",
        label_font_size=13,
        major_label_font_size=13,
        legend_font_size=13,
        value_font_size=12,
        title_font_size=15,
    )


def _config(chart: type[Any], title: str, **options: Any) -> Any:
    settings: dict[str, Any] = {
        "title": title,
        "style": _style(),
        "width": WIDTH,
        "height": HEIGHT,
        "js": [],  # no script from anywhere: the page prints and loads alone
        "disable_xml_declaration": True,
        "legend_at_bottom": True,
        "legend_at_bottom_columns": 1,
        "truncate_legend": -1,
        "truncate_label": -1,
        "print_values": True,
    }
    return chart(**{**settings, **options})


def inline(svg: str, name: str) -> str:
    """pygal's SVG for a page that runs no script and loads nothing: its config script and
    comments (which date it) taken out, its random id replaced by `name`, so that the same
    pack is the same file."""
    svg = _SCRIPT.sub("", svg)
    svg = _COMMENT.sub("", svg)
    return _UUID.sub(name, svg)


def _render(chart: Any, name: str) -> str:
    return inline(str(chart.render(is_unicode=True)), name)


def percent_bars(
    name: str,
    title: str,
    labels: Sequence[str],
    series: Sequence[tuple[str, Sequence[float | None]]],
) -> str:
    """Bars of shares (0 to 1) shown as whole percentages: a group a label, a bar a series
    (the series, sets' long names, in the legend, one a line)."""
    import pygal

    chart = _config(
        pygal.Bar,
        title,
        range=(0, 100),
        value_formatter=lambda v: f"{round(v)}%",
        y_labels=[0, 25, 50, 75, 100],
        height=HEIGHT + LEGEND_ROW * len(series),
    )
    chart.x_labels = list(labels)
    for series_name, values in series:
        chart.add(series_name, [None if v is None else v * 100 for v in values])
    return _render(chart, name)


def count_bars(
    name: str,
    title: str,
    labels: Sequence[str],
    series: Sequence[tuple[str, Sequence[int]]],
) -> str:
    """Bars of counts, their number printed on them, the axis in whole numbers; a single
    series has no legend."""
    import pygal

    top = max((v for _, values in series for v in values), default=0)
    step = max(1, math.ceil(top / 5))
    chart = _config(
        pygal.Bar,
        title,
        show_legend=len(series) > 1,
        height=HEIGHT + LEGEND_ROW * len(series) * (len(series) > 1),
        y_labels=list(range(0, top + step, step)),
        value_formatter=lambda v: f"{v:g}",
    )
    chart.x_labels = list(labels)
    for series_name, values in series:
        chart.add(series_name, list(values))
    return _render(chart, name)


def percent_lines(
    name: str, title: str, series: Sequence[tuple[str, Sequence[float | None]]]
) -> str:
    """One line of shares a series, meeting by meeting (1, 2, 3 …)."""
    import pygal

    longest = max((len(values) for _, values in series), default=0)
    chart = _config(
        pygal.Line,
        title,
        range=(0, 100),
        y_labels=[0, 25, 50, 75, 100],
        print_values=False,
        value_formatter=lambda v: f"{round(v)}%",
        x_title="meeting",
        height=HEIGHT + LEGEND_ROW * len(series),
    )
    chart.x_labels = [str(n) for n in range(1, longest + 1)]
    for series_name, values in series:
        chart.add(series_name, [None if v is None else v * 100 for v in values])
    return _render(chart, name)
