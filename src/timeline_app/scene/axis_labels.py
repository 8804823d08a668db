"""The date axis of a picture: which tick labels fit, and the year named at the left edge."""

from __future__ import annotations

import math

from timeline_app.model.calendar import civil
from timeline_app.model.dates import era_year
from timeline_app.scene.geometry import AXIS_HEIGHT
from timeline_app.scene.measure import Measures
from timeline_app.scene.model import AxisTick, Rect, Viewport
from timeline_app.scene.ticks import MONTHS, date_ticks

__all__ = ["axis_context", "axis_ticks"]


def axis_ticks(viewport: Viewport, measures: Measures, era: str = "BC") -> list[AxisTick]:
    """Calendar ticks; each label is centred on its own tick and drawn only when it fits there.

    A label may slide to stay inside the plot only while it still covers its tick, so a label
    can never stand on another tick's gridline.
    """
    plot = viewport.plot
    top = plot.bottom - AXIS_HEIGHT
    ticks = []
    last_right = -math.inf
    for tick in date_ticks(viewport.lo, viewport.hi, plot.w, era=era):
        x = math.floor(float(viewport.to_px(tick.seconds)))
        width = measures.axis.width(tick.label) + 2
        left = min(max(x - width / 2, plot.x + 2), plot.right - 2 - width)
        fits = plot.x <= x <= plot.right and left <= x <= left + width and left >= last_right + 6
        rect = Rect(left, top + 5, width, AXIS_HEIGHT - 5) if fits else None
        if rect is not None:
            last_right = rect.right
        ticks.append(AxisTick(float(x), tick.label, tick.major, rect))
    return ticks


def axis_context(viewport: Viewport, ticks: list[AxisTick], measures: Measures, era: str) -> AxisTick | None:
    """When the ticks are months, days or hours, the year (and month) that contains the left edge,
    written at the edge itself ("‹ Jan 2022"), never on a tick: otherwise a view inside one year
    would not say which year it is. None when the first label already names it."""
    drawn = [t for t in ticks if t.label_rect is not None]
    if not drawn or all(_names_year(t.label) for t in drawn[:1]):
        return None
    year, month, _ = civil(int(viewport.lo // 86_400))
    days_or_hours = any(
        ":" in t.label or (t.label[:1].isdigit() and t.label.split(" ")[1:2] in [[m] for m in MONTHS])
        for t in drawn
    )
    text = f"‹ {MONTHS[month - 1] + ' ' if days_or_hours else ''}{era_year(year, era)}"
    plot, top = viewport.plot, viewport.plot.bottom - AXIS_HEIGHT
    width = measures.axis.width(text) + 2
    rect = Rect(plot.x + 2, top + 5, width, AXIS_HEIGHT - 5)
    if drawn[0].label_rect is not None and drawn[0].label_rect.x < rect.right + 6:
        return None  # no room beside the first label
    return AxisTick(plot.x, text, True, rect)


def _names_year(label: str) -> bool:
    """A year label ("2013", "44 BC", "AD 1", "12,000") rather than a month, day or hour."""
    return (
        label[:1].isdigit() and ":" not in label and not any(m in label for m in MONTHS)
    ) or label.startswith("AD")
