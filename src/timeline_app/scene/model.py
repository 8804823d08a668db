"""A `Scene`: everything one picture of the timeline draws, in logical pixels, as plain numbers.

The painting item only draws a Scene, and clicks, hover and tooltips ask the same Scene what is
under the pointer, so both work (and are tested) without painting anything.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from timeline_app.scene.geometry import MARKER, ROW0_ABOVE_BASELINE


@dataclass(frozen=True)
class Rect:
    x: float
    y: float
    w: float
    h: float

    @property
    def right(self) -> float:
        return self.x + self.w

    @property
    def bottom(self) -> float:
        return self.y + self.h

    def contains(self, px: float, py: float) -> bool:
        return self.x <= px <= self.right and self.y <= py <= self.bottom

    def intersects(self, other: Rect) -> bool:
        return (
            self.x < other.right and other.x < self.right and self.y < other.bottom and other.y < self.bottom
        )


@dataclass(frozen=True)
class Viewport:
    """The visible time range [lo, hi] (seconds) drawn into `plot` (logical pixels)."""

    lo: float
    hi: float
    plot: Rect

    @property
    def scale(self) -> float:
        """Pixels per second."""
        return self.plot.w / (self.hi - self.lo) if self.hi > self.lo else 1.0

    def to_px(self, seconds: np.ndarray | float) -> np.ndarray | float:
        return (seconds - self.lo) * self.scale + self.plot.x

    def to_seconds(self, px: float) -> float:
        return self.lo + (px - self.plot.x) / self.scale


@dataclass(frozen=True)
class AxisTick:
    x: float  # px of the tick (its gridline)
    label: str
    major: bool
    label_rect: Rect | None  # None: the gridline only (no room, or the tick is out of view)


def _empty_int() -> np.ndarray:
    return np.empty(0, np.int64)


def _empty() -> np.ndarray:
    return np.empty(0)


SHAPE_CIRCLE = 0  # a date as stated (hollow when approximate or inferred)
SHAPE_DIAMOND = 1  # uncertain: the source itself doubts it ("2020?")
SHAPE_SQUARE = 2  # unspecified digits: somewhere in a decade, a year, a month ("199X", "2022-XX")
FADE_PX = 60.0  # how far an open or unknown end fades out beyond the date that is known


@dataclass
class Markers:
    """Point events in view: index, marker x and the px extent of the date's interval."""

    idx: np.ndarray = field(default_factory=_empty_int)
    x: np.ndarray = field(default_factory=_empty)
    x0: np.ndarray = field(default_factory=_empty)
    x1: np.ndarray = field(default_factory=_empty)
    category: np.ndarray = field(default_factory=_empty_int)
    hollow: np.ndarray = field(default_factory=lambda: np.empty(0, bool))
    sources: np.ndarray = field(default_factory=_empty_int)  # distinct sources, at most 10
    shape: np.ndarray = field(default_factory=_empty_int)  # SHAPE_*: how well the date is known
    status: np.ndarray = field(default_factory=_empty_int)  # arrays.STATUS_*: happened, planned...

    @property
    def whisker(self) -> np.ndarray:
        """A coarse date spans its whole interval: a whisker where that is at least 4 px."""
        wide: np.ndarray = (self.x1 - self.x0) >= 4.0  # numpy types ops on dtype[Any] arrays as Any
        return wide


@dataclass
class SpanBars:
    """Every span in view as a thin bar just under the baseline."""

    idx: np.ndarray = field(default_factory=_empty_int)
    left: np.ndarray = field(default_factory=_empty)
    right: np.ndarray = field(default_factory=_empty)
    category: np.ndarray = field(default_factory=_empty_int)
    fade_left: np.ndarray = field(default_factory=lambda: np.empty(0, bool))  # open/unknown start
    fade_right: np.ndarray = field(default_factory=lambda: np.empty(0, bool))  # open/unknown end
    status: np.ndarray = field(default_factory=_empty_int)  # arrays.STATUS_*
    top: float = 0.0
    bottom: float = 0.0


@dataclass(frozen=True)
class Label:
    """An event's title in its box: one line or two; a span's title inside its bar or beside it."""

    index: int  # the event
    rect: Rect  # the whole box: what it covers and where a click finds it
    lines: tuple[str, ...]
    is_span: bool
    bar_right: float  # a span's tinted bar runs from bar_left to here (no bar: rect.x)
    selected: bool
    text_x: float = 0.0  # where the text starts
    whole: bool = True  # the whole title is shown (else the tooltip and citation list have it)
    overlay: bool = False  # the selected event's label drawn over the others (it had no room)
    bar_left: float = 0.0
    outline: bool = False  # planned or expected: a span's bar is drawn as an outline

    @property
    def text(self) -> str:
        return " ".join(self.lines)


@dataclass(frozen=True)
class Leader:
    """A 1-px line from a label down to its marker."""

    x: float
    top: float
    bottom: float


@dataclass(frozen=True)
class Badge:
    """A "+N" badge: events that did not get a label; a click zooms to [lo, hi] (seconds)."""

    rect: Rect
    count: int
    lo: float
    hi: float
    text: str


@dataclass(frozen=True)
class Density:
    """The density strip drawn when too many events are in view to tell apart."""

    left: np.ndarray  # px of each bin
    top: np.ndarray  # px of each bin's top (== baseline where empty)
    bin_px: float


@dataclass(frozen=True)
class Conflict:
    """Sources disagree on this event's date: the sign at its marker and the claimed dates."""

    x: float
    intervals: tuple[tuple[float, float], ...]  # px


@dataclass(frozen=True)
class LaneMark:
    source_id: str
    x: float
    glyph: Rect
    period: tuple[float, float] | None  # px of the publication date's interval, if wide
    label: str
    label_rect: Rect | None
    strong: bool  # cited by the selected event
    inferred: bool


@dataclass(frozen=True)
class SourcesLane:
    band: Rect
    marks: tuple[LaneMark, ...]
    links: tuple[tuple[float, float, float, float], ...]  # x0, y0, x1, y1


@dataclass(frozen=True, eq=False)
class Arc:
    """A link of the selected event, drawn as a curve through `xs`, `ys` (px) with an arrowhead.

    `off_screen` is 0 when both events are in view, else -1 or +1: the curve ends at that edge
    of the plot, its head a chevron pointing out towards the other event."""

    other: int  # the linked event
    kind: str  # the link's type: revises, replaces, leads_to, part_of, responds_to
    text: str  # what the label says ("revised by", or "leads to <title>" at an edge)
    inferred: bool  # the editor's inference: drawn dashed
    xs: np.ndarray
    ys: np.ndarray
    head: tuple[float, ...]  # the arrowhead's three corners, tip first: x0, y0, x1, y1, x2, y2
    label_rect: Rect
    off_screen: int = 0


@dataclass
class Swimlane:
    """One band of a picture cut into swimlanes: its name and its own scene (no axis)."""

    name: str
    band: Rect
    count: int  # events in the lane that pass the filters
    collapsed: bool
    scene: Scene


@dataclass
class Scene:
    viewport: Viewport
    baseline: float  # y of the marker row
    axis_top: float
    rows_top: float = 0.0  # y above which no label row starts (the sources lane, a lane's top)
    row0_gap: float = ROW0_ABOVE_BASELINE  # px from the marker row up to the lowest title row
    share: float = 1.0  # of the events a picture lays out in detail: a swimlane gets its part
    ticks: list[AxisTick] = field(default_factory=list)
    axis_context: AxisTick | None = None  # the year (or month) at the left edge, when no label says it
    aggregated: bool = False
    n_visible: int = 0  # markers in range (also when aggregated, where `visible` stays empty)
    visible: np.ndarray = field(default_factory=_empty_int)
    markers: Markers = field(default_factory=Markers)
    spans: SpanBars = field(default_factory=SpanBars)
    labels: list[Label] = field(default_factory=list)
    leaders: list[Leader] = field(default_factory=list)
    badges: list[Badge] = field(default_factory=list)
    selected_x: float | None = None  # the selected marker's x, when it is in view
    conflicts: list[Conflict] = field(default_factory=list)
    density: Density | None = None
    lane: SourcesLane | None = None
    swimlanes: list[Swimlane] = field(default_factory=list)  # empty: one flat timeline
    arcs: list[Arc] = field(default_factory=list)  # the selected event's links

    @property
    def plot(self) -> Rect:
        return self.viewport.plot

    def parts(self) -> list[Scene]:
        """The scenes that draw events: this one, or each swimlane's."""
        return [lane.scene for lane in self.swimlanes] if self.swimlanes else [self]

    def all_labels(self) -> list[Label]:
        return [label for part in self.parts() for label in part.labels]

    def labelled(self) -> list[int]:
        """Events that have a label, in drawing order (an event may sit in several lanes)."""
        return [label.index for label in self.all_labels()]

    def label_of(self, index: int) -> Label | None:
        return next((label for label in self.all_labels() if label.index == index), None)

    def lane_at(self, y: float) -> Swimlane | None:
        return next((lane for lane in self.swimlanes if lane.band.y <= y < lane.band.bottom), None)

    def hit_test(self, x: float, y: float) -> Arc | Badge | int | None:
        """What is under a point: a link's label (an Arc), a Badge, an event index, or None for
        empty space. The arcs' labels are drawn over everything else, so they answer first."""
        for arc in self.arcs:
            if arc.label_rect.contains(x, y):
                return arc
        if self.swimlanes:
            lane = self.lane_at(y)
            return lane.scene.hit_test(x, y) if lane is not None else None
        for badge in self.badges:
            if badge.rect.contains(x, y):
                return badge
        for label in reversed(self.labels):
            if label.rect.contains(x, y):
                return label.index
        markers = self.markers
        if len(markers.x):
            distance = np.abs(markers.x - x)
            nearest = int(np.argmin(distance))
            if distance[nearest] <= MARKER and abs(y - self.baseline) <= MARKER + 4:
                return int(markers.idx[nearest])
        spans = self.spans
        if len(spans.idx) and self.baseline + 1 <= y <= self.baseline + 11:
            inside = np.flatnonzero((spans.left <= x) & (x <= spans.right))
            if len(inside):  # the shortest span under the pointer is the one meant
                widths = spans.right[inside] - spans.left[inside]
                return int(spans.idx[inside[np.argmin(widths)]])
        return None
