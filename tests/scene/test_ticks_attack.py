"""Every year label on the axis is a date that `parse_date` reads back as the year of its own
tick, in BC and BCE, from a few years to billions of years, and the era setting reaches the
labels of day and month ticks too."""

import math

from hypothesis import given, settings
from hypothesis import strategies as st

from timeline_app.model.calendar import civil, day_number
from timeline_app.model.dates import parse_date
from timeline_app.scene.ticks import DAY, date_ticks, year_label

YEARS = st.integers(-(10**10), 10**10)


@given(
    YEARS, st.integers(1, 10**10), st.sampled_from([300.0, 1000.0, 4000.0]), st.sampled_from(["BC", "BCE"])
)
@settings(max_examples=400, deadline=None)
def test_every_year_label_reads_back_as_its_ticks_year(first, length, width, era):
    lo = day_number(first, 1, 1) * DAY
    hi = day_number(min(first + length, 10**10), 1, 1) * DAY
    ticks = date_ticks(lo, hi, width, era=era)
    years = [t for t in ticks if t.major and civil(math.floor(t.seconds / DAY))[1:] == (1, 1)]
    for tick in years:
        label = tick.label.removeprefix("1 Jan ")
        year = civil(math.floor(tick.seconds / DAY))[0]
        assert parse_date(label).year == year, (label, year)


def test_deep_time_ticks_sit_on_the_year_their_label_names():
    ticks = date_ticks(day_number(-66_000_000) * DAY, day_number(0) * DAY, 1000.0)
    for tick in ticks:
        year = civil(math.floor(tick.seconds / DAY))[0]
        assert parse_date(tick.label).year == year, tick.label


def test_billions_are_written_exactly():
    assert year_label(-123_456_700_000_000, 10**12) == "123,456.7 billion years ago"
    assert year_label(1 - 4_600_000_000, 100) == "4.6 billion BC"


def test_day_and_month_ticks_follow_the_era_setting():
    jan1 = day_number(-43, 1, 1) * DAY
    day_labels = [t.label for t in date_ticks(jan1 - 10 * DAY, jan1 + 10 * DAY, 2000.0, era="BCE")]
    assert "1 Jan 44 BCE" in day_labels
    month_labels = [t.label for t in date_ticks(jan1 - 100 * DAY, jan1 + 200 * DAY, 1200.0, era="BCE")]
    assert "44 BCE" in month_labels


def test_two_digit_years_on_the_axis_say_their_era():
    labels = [t.label for t in date_ticks(day_number(10) * DAY, day_number(90) * DAY, 1000.0)]
    assert labels and all(label.startswith("AD ") for label in labels)
    for label in labels:
        parse_date(label)
