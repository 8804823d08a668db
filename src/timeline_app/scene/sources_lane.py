"""The lane of source documents along the top: each document at its publication date."""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from timeline_app.scene.geometry import SOURCES_LANE_HEIGHT
from timeline_app.scene.labels import layout_labels
from timeline_app.scene.measure import TextMeasure
from timeline_app.scene.model import LaneMark, Rect, SourcesLane, Viewport


@dataclass(frozen=True)
class SourceMark:
    """A source document at its publication date."""

    source_id: str
    label: str
    x0: float  # seconds: the publication date's interval
    x1: float
    inferred: bool

    @property
    def x(self) -> float:
        return (self.x0 + self.x1) / 2


def layout_lane(
    viewport: Viewport,
    marks: list[SourceMark],
    measure: TextMeasure,
    highlighted: set[str],
    link_from: tuple[float, float] | None,
) -> SourcesLane:
    """Glyphs, labels in two rows, and lines from the selected event to its documents."""
    plot = viewport.plot
    band = Rect(plot.x, plot.y, plot.w, SOURCES_LANE_HEIGHT)
    if not marks:
        return SourcesLane(band, (), ())
    xs = np.array([float(viewport.to_px(m.x)) for m in marks])
    widths = np.array([measure.width(m.label) + 8 for m in marks])
    left = xs + 7
    lanes = layout_labels(left, left + widths, n_lanes=2, gap=4)
    placed: list[LaneMark] = []
    glyph_y = band.y + 24.0
    for k, mark in enumerate(marks):
        x = float(xs[k])
        if not plot.x - 20 <= x <= plot.right + 20:
            continue
        a, b = float(viewport.to_px(mark.x0)), float(viewport.to_px(mark.x1))
        label_rect = None
        if lanes[k] >= 0:  # lane 0 beside the glyph, lane 1 on the band's top row
            top = band.y + (16.0 if lanes[k] == 0 else 1.0)
            label_rect = Rect(float(left[k]), top, float(widths[k]), 16.0)
        placed.append(
            LaneMark(
                mark.source_id,
                x,
                Rect(math.floor(x) - 4, glyph_y - 6, 8, 11),
                (a, b) if b - a > 6 else None,
                mark.label,
                label_rect,
                mark.source_id in highlighted,
                mark.inferred,
            )
        )
    links: tuple[tuple[float, float, float, float], ...] = ()
    if link_from is not None:
        links = tuple((link_from[0], link_from[1], m.x, m.glyph.bottom) for m in placed if m.strong)
    return SourcesLane(band, tuple(placed), links)
