"""The date axis: every label stands on its own tick and says the date of that tick, from an
hour to hundreds of millions of years, before and after the common era."""

import itertools
import math
import re

from hypothesis import given, settings
from hypothesis import strategies as st

from timeline_app.model.calendar import civil, day_number
from timeline_app.scene.axis_labels import axis_ticks
from timeline_app.scene.measure import Measures
from timeline_app.scene.model import Rect, Viewport
from timeline_app.scene.ticks import DAY, HOUR, MONTHS, date_ticks

MEASURES = Measures.mono(6.5)
MONTH = {name: k for k, name in enumerate(MONTHS, start=1)}
YEAR = 365.2425 * DAY


def label_year(text: str) -> int:
    """The astronomical year a year label names ("44 BC" is -43, "65 million BC" is 1 - 65e6)."""
    ago = text.endswith(" years ago")
    if ago:  # "250 million years ago": year -250,000,000 (as the dates say it)
        number, unit = text.removesuffix(" years ago").split()
        return -round(float(number.replace(",", "")) * {"million": 10**6, "billion": 10**9}[unit]) + 1
    bc = text.endswith((" BC", " BCE"))
    text = re.sub(r" BCE?$", "", text).removeprefix("AD ")
    scale = {"million": 10**6, "billion": 10**9}
    number, *unit = text.split()
    value = round(float(number.replace(",", "")) * (scale[unit[0]] if unit else 1))
    return 1 - value if bc else value


def names(label: str, seconds_lo: float, seconds_hi: float) -> bool:
    """Does the label name an instant in [seconds_lo, seconds_hi] (a pixel's worth of time)?"""
    if re.fullmatch(r"\d\d:00", label):
        hour = int(label[:2])
        first = math.ceil(seconds_lo / HOUR)
        return any(k % 24 == hour for k in range(first, math.floor(seconds_hi / HOUR) + 1))
    lo_day, hi_day = math.floor(seconds_lo / DAY), math.floor(seconds_hi / DAY)
    years = range(civil(lo_day)[0], civil(hi_day)[0] + 1)
    parts = label.split()
    if len(parts) >= 2 and parts[0].isdigit() and parts[1] in MONTH:  # "15 Mar", "1 Jan 2022"
        day, month = int(parts[0]), MONTH[parts[1]]
        if len(parts) > 2:
            years = range(label_year(" ".join(parts[2:])), label_year(" ".join(parts[2:])) + 1)
        return any(lo_day <= day_number(y, month, day) <= hi_day for y in years)
    if label in MONTH:
        return any(lo_day <= day_number(y, MONTH[label], 1) <= hi_day for y in years)
    return lo_day <= day_number(label_year(label), 1, 1) <= hi_day


def check(viewport: Viewport) -> list[str]:
    ticks = axis_ticks(viewport, MEASURES)
    drawn = [t for t in ticks if t.label_rect is not None]
    for tick in drawn:
        rect = tick.label_rect
        assert viewport.plot.x <= tick.x <= viewport.plot.right, "a label for an off-screen tick"
        assert rect.x <= tick.x <= rect.right, "a label that does not cover its own tick"
        assert viewport.plot.x <= rect.x and rect.right <= viewport.plot.right
        # the gridline is the tick's instant floored to a whole pixel
        lo, hi = viewport.to_seconds(tick.x - 0.01), viewport.to_seconds(tick.x + 1.01)
        assert names(tick.label, lo, hi), (
            tick.label,
            civil(math.floor(lo / DAY)),
            civil(math.floor(hi / DAY)),
        )
    for a, b in itertools.pairwise(drawn):
        assert a.label_rect.right < b.label_rect.x, "labels overlap"
    return [t.label for t in drawn]


widths = st.floats(200, 4000)


@given(centre=st.floats(-1e5 * YEAR, 1e5 * YEAR), span=st.floats(HOUR, 60 * DAY), width=widths)
@settings(max_examples=200, deadline=None)
def test_hours_and_days_are_labelled_on_their_own_ticks(centre, span, width):
    check(Viewport(centre - span / 2, centre + span / 2, Rect(10, 0, width, 300)))


@given(centre=st.floats(-1e4 * YEAR, 1e4 * YEAR), years=st.floats(0.1, 1e4), width=widths)
@settings(max_examples=300, deadline=None)
def test_months_years_decades_and_centuries_before_and_after_the_era(centre, years, width):
    span = years * YEAR
    check(Viewport(centre - span / 2, centre + span / 2, Rect(10, 0, width, 300)))


@given(centre=st.floats(-1e10 * YEAR, 1e10 * YEAR), years=st.floats(1e3, 1e8), width=widths)
@settings(max_examples=200, deadline=None)
def test_millennia_and_millions_of_years(centre, years, width):
    span = years * YEAR
    check(Viewport(centre - span / 2, centre + span / 2, Rect(10, 0, width, 300)))


def test_a_range_that_starts_mid_year_never_labels_a_gridline_with_the_year_before():
    """The default export once read "2004" on the 2005 gridline: the off-screen tick's label was
    pulled in to the edge and pushed out the label of the first visible tick."""
    lo = day_number(2004, 8, 1) * DAY
    labels = check(Viewport(lo, day_number(2024, 1, 1) * DAY, Rect(0, 0, 1600, 300)))
    assert labels[0] == "2005" and "2004" not in labels


def test_labels_read_as_a_historian_writes_them():
    def labels(y0: int, y1: int) -> list[str]:
        return [t.label for t in date_ticks(day_number(y0) * DAY, day_number(y1) * DAY, 1600)]

    assert labels(-3000, 2150)[:3] == ["3000 BC", "2500 BC", "2000 BC"]
    assert "AD 1" in labels(-50, 50) and "50 BC" in labels(-50, 50)
    assert re.fullmatch(r"\d+ million years ago", labels(-66_000_000, 0)[0])
    assert re.fullmatch(r"[\d.]+ billion years ago", labels(-4_600_000_000, 0)[0])
    assert "9999" in labels(9990, 10010) and "10,000" in labels(9990, 10010)
    assert [t.label for t in date_ticks(0, DAY, 1600)][:2] == ["1 Jan", "01:00"]


def test_a_view_inside_one_year_says_which_year_at_its_left_edge_not_on_a_tick():
    from timeline_app.scene.axis_labels import axis_context

    viewport = Viewport(day_number(2022, 3, 1) * DAY, day_number(2022, 11, 30) * DAY, Rect(0, 0, 1200, 300))
    ticks = check(viewport) and axis_ticks(viewport, MEASURES)
    context = axis_context(viewport, ticks, MEASURES, "BC")
    assert context is not None and context.label == "‹ 2022" and context.x == viewport.plot.x
    days = Viewport(day_number(2022, 3, 3) * DAY, day_number(2022, 3, 20) * DAY, Rect(0, 0, 1200, 300))
    context = axis_context(days, axis_ticks(days, MEASURES), MEASURES, "BCE")
    assert context is not None and context.label == "‹ Mar 2022"
    years = Viewport(day_number(2004, 8, 1) * DAY, day_number(2024, 1, 1) * DAY, Rect(0, 0, 1200, 300))
    assert axis_context(years, axis_ticks(years, MEASURES), MEASURES, "BC") is None
