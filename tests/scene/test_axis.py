"""The date axis: every label stands on its own tick and says the date of that tick."""

import calendar
import datetime as dt
import itertools

from hypothesis import given, settings
from hypothesis import strategies as st

from timeline_app.scene.arrays import DAY, date_seconds, seconds_date
from timeline_app.scene.compute import axis_ticks
from timeline_app.scene.measure import Measures
from timeline_app.scene.model import Rect, Viewport

MEASURES = Measures.mono(6.5)
MONTHS = {name: k for k, name in enumerate(calendar.month_abbr) if name}


def says(label: str, day: dt.date) -> bool:
    """Does an axis label name exactly this calendar day's period ("2005", "Feb", "15 Mar")?"""
    parts = label.split()
    if len(parts) == 1 and parts[0].isdigit():
        return day == dt.date(int(parts[0]), 1, 1)
    if len(parts) == 1:
        return day.day == 1 and day.month == MONTHS[parts[0]]
    if len(parts) == 3:
        return day == dt.date(int(parts[2]), MONTHS[parts[1]], int(parts[0]))
    return day.day == int(parts[0]) and day.month == MONTHS[parts[1]]


@given(
    start=st.floats(date_seconds(dt.date(1900, 1, 1)), date_seconds(dt.date(2090, 1, 1))),
    days=st.floats(2, 200 * 365),
    width=st.floats(200, 4000),
)
@settings(max_examples=300, deadline=None)
def test_each_label_is_drawn_on_its_own_tick_and_names_that_date(start, days, width):
    viewport = Viewport(start, start + days * DAY, Rect(10, 0, width, 300))
    ticks = axis_ticks(viewport, MEASURES)
    drawn = [t for t in ticks if t.label_rect is not None]
    for tick in drawn:
        rect = tick.label_rect
        assert viewport.plot.x <= tick.x <= viewport.plot.right, "a label for an off-screen tick"
        assert rect.x <= tick.x <= rect.right, "a label that does not cover its own tick"
        assert viewport.plot.x <= rect.x and rect.right <= viewport.plot.right
        # the gridline is the tick's instant floored to a whole pixel: the day is under [x, x + 1)
        first = seconds_date(viewport.to_seconds(tick.x))
        last = seconds_date(viewport.to_seconds(tick.x + 1.01))
        days_under = [first + dt.timedelta(days=k) for k in range((last - first).days + 1)]
        assert any(says(tick.label, day) for day in days_under), (tick.label, first, last)
    for a, b in itertools.pairwise(drawn):
        assert a.label_rect.right < b.label_rect.x, "labels overlap"


def test_a_range_that_starts_mid_year_never_labels_a_gridline_with_the_year_before():
    """The default export once read "2004" on the 2005 gridline: the off-screen tick's label was
    pulled in to the edge and pushed out the label of the first visible tick."""
    lo = date_seconds(dt.date(2004, 8, 1))
    viewport = Viewport(lo, date_seconds(dt.date(2024, 1, 1)), Rect(0, 0, 1600, 300))
    labels = [t.label for t in axis_ticks(viewport, MEASURES) if t.label_rect is not None]
    assert labels[0] == "2005" and "2004" not in labels
