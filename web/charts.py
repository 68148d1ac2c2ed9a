"""Geometry for the server-rendered SVG charts on /beheer (no JavaScript, no CDN).

A value of None is a cell below the k-threshold: no bar, and the label "< 5".
The templates draw the shapes (templates/beheer_grafieken.html) and a table behind each chart.
"""
from __future__ import annotations

from besliswijzer.maintainers.insight import HIDDEN
from besliswijzer.text.dutch import getal

WIDTH = 640
ROW = 26          # height of one bar in a horizontal chart
LABEL_W = 210     # room for the labels left of horizontal bars
PLOT_H = 180      # height of the plot area of a vertical chart


def shown(value, suffix: str = "") -> str:
    return HIDDEN if value is None else f"{getal(value, 1, kort=True)}{suffix}"


def horizontal(items: list[tuple[str, float | None]], suffix: str = "") -> dict:
    """Bars from the left, one per row: [(label, value)]."""
    top = max([v for _, v in items if v is not None] or [1]) or 1
    room = WIDTH - LABEL_W - 60
    bars = [{"label": label, "text": shown(value, suffix), "y": i * ROW,
             "w": 0 if value is None else max(2, round(room * value / top))}
            for i, (label, value) in enumerate(items)]
    return {"kind": "h", "bars": bars, "height": max(ROW, len(items) * ROW) + 4, "width": WIDTH,
            "label_w": LABEL_W}


def vertical(items: list[tuple[str, float | None]], suffix: str = "") -> dict:
    """Columns side by side, one per week: [(label, value)]."""
    top = max([v for _, v in items if v is not None] or [1]) or 1
    step = (WIDTH - 40) / max(1, len(items))
    bars = []
    for i, (label, value) in enumerate(items):
        h = 0 if value is None else max(2, round(PLOT_H * value / top))
        bars.append({"label": label, "text": shown(value, suffix), "x": round(20 + i * step, 1),
                     "w": round(max(4, step * 0.7), 1), "h": h, "y": 20 + PLOT_H - h})
    return {"kind": "v", "bars": bars, "height": PLOT_H + 60, "width": WIDTH, "base": 20 + PLOT_H,
            "every": max(1, len(items) // 8)}
