"""What an exported picture says in words besides the timeline: a title that names the range
shown, a note when a filter hides events, and the numbered list of the sources that the events
shown cite. Plain functions of a view state and a range (no Qt), used by `render`.
"""

from __future__ import annotations

import numpy as np

from timeline_app.model.calendar import civil, year_name
from timeline_app.presentation.view_state import ViewState
from timeline_app.scene.arrays import seconds_day

MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
DAYS_SHOWN_BELOW = 45  # a range shorter than this is named by its days, else by months or years
YEARS_ONLY_ABOVE = 40  # a range of more years than this is named by its years


def range_text(lo: float, hi: float, era: str = "BC") -> str:
    """[lo, hi) in seconds as a reader would name it: '2022', 'January 2022 to March 2023',
    '3 to 17 March 2023', '2005 to 2023'. Whole years when the range is whole years."""
    first = seconds_day(lo)
    last = max(first, seconds_day(hi - 1e-3))
    (y0, m0, d0), (y1, m1, d1) = civil(first), civil(last)
    n0, n1 = year_name(y0, era), year_name(y1, era)
    if last - first + 1 < DAYS_SHOWN_BELOW:
        if (y0, m0) == (y1, m1):
            return f"{d0} {MONTHS[m0 - 1]} {n0}" if d0 == d1 else f"{d0} to {d1} {MONTHS[m0 - 1]} {n0}"
        if y0 == y1:
            return f"{d0} {MONTHS[m0 - 1]} to {d1} {MONTHS[m1 - 1]} {n0}"
        return f"{d0} {MONTHS[m0 - 1]} {n0} to {d1} {MONTHS[m1 - 1]} {n1}"
    whole_years = (m0, d0) == (1, 1) and (m1, d1) == (12, 31)
    if whole_years or y1 - y0 > YEARS_ONLY_ABOVE:
        return n0 if y0 == y1 else f"{n0} to {n1}"
    if y0 == y1:
        return MONTHS[m0 - 1] + f" {n0}" if m0 == m1 else f"{MONTHS[m0 - 1]} to {MONTHS[m1 - 1]} {n0}"
    return f"{MONTHS[m0 - 1]} {n0} to {MONTHS[m1 - 1]} {n1}"


def ranged_title(title: str, x_range: tuple[float, float] | None, era: str = "BC") -> str:
    """The timeline's title, followed by the range when the picture shows a part of it."""
    if x_range is None:
        return title
    return f"{title} — {range_text(*x_range, era)}"


def in_range(state: ViewState, x_range: tuple[float, float] | None) -> np.ndarray:
    """Which events a picture of `x_range` (None: the whole timeline) includes, filters aside."""
    arrays = state.arrays
    if x_range is None:
        return np.ones(len(arrays), bool)
    lo, hi = x_range
    return np.asarray((arrays.x1 > lo) & (arrays.x0 < hi), bool)


def shown_in_range(state: ViewState, x_range: tuple[float, float] | None) -> np.ndarray:
    """Indices of the events a picture of `x_range` shows: in the range and passing the filters."""
    mask = in_range(state, x_range)
    if state.shown is not None:
        mask = mask & state.shown
    return np.flatnonzero(mask)


def filter_note(state: ViewState, x_range: tuple[float, float] | None) -> str:
    """'Showing 12 of 41 events: category decision; search "Aegis"', or '' with no filter."""
    if state.shown is None or not (state.hidden_categories or state.search_text):
        return ""
    total = int(in_range(state, x_range).sum())
    shown = len(shown_in_range(state, x_range))
    where = " in this range" if x_range is not None else ""
    parts = []
    hidden = [c for c in state.timeline.categories if c in state.hidden_categories]
    kept = [c for c in state.timeline.categories if c not in state.hidden_categories]
    if hidden:
        if len(kept) <= len(hidden):
            parts.append(f"categor{'y' if len(kept) == 1 else 'ies'} {', '.join(kept) or '(none)'}")
        else:
            parts.append(f"hiding categor{'y' if len(hidden) == 1 else 'ies'} {', '.join(hidden)}")
    if state.search_text:
        parts.append(f"search '{state.search_text}'")
    return f"Showing {shown} of {total} event{'s' * (total != 1)}{where}: {'; '.join(parts)}"


def cited_lines(state: ViewState, x_range: tuple[float, float] | None) -> list[str]:
    """The numbered source list for the events shown: only the sources they cite, each with the
    number it has in the whole timeline, so that a label's '[3]' finds its line."""
    numbers = state.citation_numbers
    lines = state.citation_lines()
    cited: set[int] = set()
    for index in shown_in_range(state, x_range).tolist():
        cited.update(numbers[s] for s in state.event_sources(index) if s in numbers)
    return [lines[n - 1] for n in sorted(cited) if 0 < n <= len(lines)]
