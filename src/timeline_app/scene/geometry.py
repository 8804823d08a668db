"""Sizes in logical pixels that the scene lays out with and the view paints with."""

from __future__ import annotations

AXIS_HEIGHT = 22.0
MARKER = 9.0  # px diameter of a single-source marker
MAX_MARKER = 15.0
LANE_GAP = 1.5  # px above and below a label box within its row
LABEL_PAD = 4.0
MAX_LABEL = 340.0  # px a line of a two-line label; longer titles are cut at a word (tooltip: whole)
AGGREGATE_AT = 2_500  # more visible events than this: counted clusters and a density strip
SOURCES_LANE_HEIGHT = 40.0
BADGE_HEIGHT = 16.0
DENSITY_BIN = 3.0  # px per bin of the density strip
BINS_PER_CLUSTER = 30  # a counted badge every 90 px when aggregated
HIDDEN_RADIUS = 24.0  # hidden markers closer than this share one badge


def marker_diameter(sources: int) -> float:
    """Corroboration at a glance: 0 sources small, 1 normal, 2 larger, 3+ largest."""
    return (7.0, MARKER, 12.5, MAX_MARKER)[min(sources, 3)]


def count_text(count: int) -> str:
    """A badge's count, short: 950, 1.2k, 12k, 1.5M."""
    if count >= 1_000_000:
        return f"{count / 1_000_000:.1f}M"
    if count >= 10_000:
        return f"{count // 1000}k"
    if count >= 1_000:
        return f"{count / 1000:.1f}k"
    return str(count)


MAX_ONE_LINE = 560.0  # px; a longer title wraps to two lines of at most MAX_LABEL each
WRAP_AT = 600  # more visible events than this: one-line labels only (wrapping costs a measure a word)
ROW0_ABOVE_BASELINE = 30.0  # px from the marker row to the lowest label row: room for the "+N" badges
ROW_STRETCH = 2.2  # label rows may spread up to this many row heights apart to use free height
