"""The selected event's links as arcs: plain numbers for the view to stroke in bulk. No Qt.

Each link is a half-ellipse from one marker up and over to the other, its height growing with the
distance, so that nested links stay apart; the arrowhead sits on the event the link points to
("A revises B": on B). A link to an event outside the view is a quarter-ellipse that leaves the
selected marker and ends at the plot's edge on the side where the other event lies, with a
chevron pointing out and the other event named beside it.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from functools import partial

import numpy as np

from timeline_app.scene.arrays import EventArrays
from timeline_app.scene.geometry import MARKER
from timeline_app.scene.measure import TextMeasure
from timeline_app.scene.model import Arc, Rect, Viewport

LINK_WORDS = {  # a link's type as the arc and the panel write it, forwards and backwards
    "revises": ("revises", "revised by"),
    "replaces": ("replaces", "replaced by"),
    "leads_to": ("leads to", "follows from"),
    "part_of": ("part of", "includes"),
    "responds_to": ("responds to", "answered by"),
}
ARC_POINTS = 33  # points along each arc: smooth at the 600 px an arc may span
EDGE_INSET = 6.0  # px between the plot's edge and the chevron of a link that leaves the view
MIN_HEIGHT = 16.0
ARC_LIFT = MARKER / 2 + 5  # px above the baseline where arcs end: over the selection ring's top
HEAD = 6.0  # px from an arrowhead's tip to its base
LABEL_H = 15.0
MAX_NAME = 180.0  # px of the other event's title beside a link that leaves the view
# Arcs drawn for one selected event, nearest first: each label is tried against every label
# before it, so 16,000 arcs took 5.7 s a frame; more than this many are a tangle, not a picture
# (the panel lists every link).
MAX_ARCS = 200
_T = np.linspace(0.0, 1.0, ARC_POINTS)
_HALF = (np.cos(_T * math.pi), np.sin(_T * math.pi))  # a half-ellipse, computed once
_QUARTER = (np.cos(_T * math.pi / 2), np.sin(_T * math.pi / 2))


def link_words(kind: str, outgoing: bool) -> str:
    """ "revises" from the event that revises, "revised by" from the one revised."""
    forwards, backwards = LINK_WORDS.get(kind, (kind.replace("_", " "), f"{kind.replace('_', ' ')} (from)"))
    return forwards if outgoing else backwards


@dataclass(frozen=True)
class LinkEnd:
    """One link of the selected event: the event at its other end and which way it points."""

    other: int  # event index
    kind: str  # revises | replaces | leads_to | part_of | responds_to
    inferred: bool  # the editor's inference, not a quoted passage
    outgoing: bool  # the selected event is the link's source ("selected revises other")


def attach_x(viewport: Viewport, x0: float, x1: float, x: float, is_span: bool) -> float | None:
    """Where a link meets an event, in px: its marker; a span's start, or the middle of its part
    in view when it started earlier (never its middle when whole: an event inside the span, the
    usual "part of", would sit right there); None when the event lies outside the view."""
    plot = viewport.plot
    if not is_span:
        px = float(viewport.to_px(x))
        return px if plot.x <= px <= plot.right else None
    a, b = float(viewport.to_px(x0)), float(viewport.to_px(x1))
    if plot.x <= a <= plot.right:
        return a
    a, b = max(a, plot.x), min(b, plot.right)
    return (a + b) / 2 if a <= b else None


def selected_arcs(
    viewport: Viewport,
    baseline: float,
    top: float,
    arrays: EventArrays,
    selected: int,
    links: tuple[LinkEnd, ...],
    titles: Sequence[str],
    measure: TextMeasure,
    avoid: Sequence[Rect] = (),
    shown: np.ndarray | None = None,
) -> list[Arc]:
    """The arcs of the selected event's links; none while the selected event is out of view.
    A link to an event that a filter hides (`shown` false) says so in its label."""
    if not links:
        return []

    def attach(index: int) -> float | None:
        x0, x1, x = (float(a[index]) for a in (arrays.x0, arrays.x1, arrays.x))
        return attach_x(viewport, x0, x1, x, bool(arrays.is_span[index]))

    start = attach(selected)
    if start is None:
        return []
    ends = [
        (
            end,
            attach(end.other),
            float(viewport.to_px(float(arrays.x[end.other]))),
            titles[end.other],
            shown is not None and not shown[end.other],
        )
        for end in links
        if 0 <= end.other < len(arrays)
    ]
    return layout_arcs(viewport, baseline, top, start, ends, measure, avoid)


def layout_arcs(
    viewport: Viewport,
    baseline: float,
    top: float,
    selected_x: float,
    ends: list[tuple[LinkEnd, float | None, float, str, bool]],
    measure: TextMeasure,
    avoid: Sequence[Rect] = (),
) -> list[Arc]:
    """Arcs from the selected event (at `selected_x`) to each linked one.

    `ends` holds each link with the other event's px (None: outside the view), its marker
    position in px (which side it lies on), its title and whether a filter hides it. Arcs stay
    below `top`; each is raised (from its natural height, in steps of a label) until its label
    covers neither an event's label in `avoid` nor another arc's. At most `MAX_ARCS`, the nearest."""
    plot = viewport.plot
    y0 = baseline - ARC_LIFT  # clear of the selection's ring, so that an arrowhead shows there
    room = max(MIN_HEIGHT, y0 - top - LABEL_H - 4)
    arcs: list[Arc] = []
    taken = np.empty((len(avoid) + len(ends), 4))  # label boxes as x0, y0, x1, y1
    taken[: len(avoid)] = [(r.x, r.y, r.right, r.bottom) for r in avoid] if avoid else np.empty((0, 4))
    n_taken = len(avoid)
    order = sorted(ends, key=lambda e: abs((e[1] if e[1] is not None else e[2]) - selected_x))[:MAX_ARCS]
    for end, other_x, where, title, hidden in order:
        words = link_words(end.kind, end.outgoing)
        hint = " (hidden by a filter)" if hidden else ""
        make: Callable[[float], Arc]
        if other_x is not None and abs(other_x - selected_x) >= 1.0:
            distance = abs(other_x - selected_x)
            text = words + hint
            make = partial(_full_arc, end, selected_x, other_x, y0, text, measure.width(text) + 8)
        elif other_x is None:
            side = -1 if where < plot.x else 1
            edge = plot.x + EDGE_INSET if side < 0 else plot.right - EDGE_INSET
            text = f"{words} {measure.elide(title, MAX_NAME)}{hint}"
            distance = abs(edge - selected_x)
            make = partial(_leaving_arc, end, selected_x, edge, side, y0, text, measure.width(text) + 8)
        else:
            continue  # both ends at one spot (a span and an event at its middle): no arc to draw
        arc = _first_clear(make, _height(distance, room), room, plot, taken[:n_taken])
        arcs.append(arc)
        r = arc.label_rect
        taken[n_taken] = (r.x, r.y, r.right, r.bottom)
        n_taken += 1
    return arcs


def _height(distance: float, room: float) -> float:
    return min(room, max(MIN_HEIGHT, 0.35 * distance + 8.0))


def _first_clear(
    make: Callable[[float], Arc], height: float, room: float, plot: Rect, taken: np.ndarray
) -> Arc:
    """The lowest arc from `height` up to `room` whose label is clear of the `taken` boxes (rows
    of x0, y0, x1, y1), else the lowest. A label keeps its x at any height and rises with the
    arc, so the boxes beside it are found once and only their y is tried against each height
    (trying every box at every height took 30 ms for 32 links among 200 labels)."""
    first = _inside(make(height), plot)
    label = first.label_rect
    beside = taken[(taken[:, 0] < label.right) & (label.x < taken[:, 2])]
    lifts = np.append(np.arange(0.0, max(0.0, room - height), LABEL_H + 2), max(0.0, room - height))
    tops = label.y - lifts[:, None]
    clear = ~((beside[:, 1] < tops + label.h) & (tops < beside[:, 3])).any(axis=1)
    if not clear.any():
        return first
    lift = float(lifts[int(np.argmax(clear))])
    return first if lift == 0 else _inside(make(height + lift), plot)


def _full_arc(end: LinkEnd, sx: float, ox: float, y0: float, text: str, width: float, height: float) -> Arc:
    centre = (sx + ox) / 2
    xs = centre + (sx - ox) / 2 * _HALF[0]  # from the selected marker over to the other
    ys = y0 - height * _HALF[1]
    tip = ox if end.outgoing else sx  # the arrow points at the link's target
    head = _head(tip, y0, 0.0, 1.0)
    label = Rect(centre - width / 2, y0 - height - LABEL_H - 1, width, LABEL_H)
    return Arc(end.other, end.kind, text, end.inferred, xs, ys, head, label, 0)


def _leaving_arc(
    end: LinkEnd,
    sx: float,
    edge: float,
    side: int,
    y0: float,
    text: str,
    width: float,
    height: float,
) -> Arc:
    xs = edge + (sx - edge) * _QUARTER[0]  # from the selected marker out to the edge
    ys = y0 - height * _QUARTER[1]
    head = _head(edge, y0 - height, float(side), 0.0)
    x = edge - HEAD - 2 - width if side > 0 else edge + HEAD + 2
    label = Rect(x, y0 - height - LABEL_H / 2, width, LABEL_H)  # on the line, before the chevron
    return Arc(end.other, end.kind, text, end.inferred, xs, ys, head, label, side)


def _head(x: float, y: float, dx: float, dy: float) -> tuple[float, ...]:
    """A filled triangle with its tip at (x, y), pointing along (dx, dy): six numbers."""
    bx, by = x - dx * HEAD, y - dy * HEAD
    nx, ny = -dy * HEAD * 0.55, dx * HEAD * 0.55
    return (x, y, bx + nx, by + ny, bx - nx, by - ny)


def _inside(arc: Arc, plot: Rect) -> Arc:
    """The arc with its label slid inside the plot, left and right."""
    rect = arc.label_rect
    x = min(max(rect.x, plot.x + 2), plot.right - 2 - rect.w)
    return arc if x == rect.x else replace(arc, label_rect=Rect(x, rect.y, rect.w, rect.h))
