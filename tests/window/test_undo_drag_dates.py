"""Dates made by mouse gestures keep the event's precision; a new event gets the zoom's."""

import pytest

from timeline_app.model.calendar import day_number
from timeline_app.model.dates import PartialDate, parse_range
from timeline_app.scene.arrays import DAY
from timeline_app.window.edit_gestures import date_at, moved_texts, shift_date


def test_a_double_click_date_is_a_day_at_day_zoom_and_a_month_or_year_wider():
    seconds = day_number(2021, 5, 20) * DAY + 3600
    assert date_at(seconds, view_days=30) == PartialDate(2021, 5, 20)
    assert date_at(seconds, view_days=3 * 365) == PartialDate(2021, 5)
    assert date_at(seconds, view_days=50 * 365) == PartialDate(2021)


def test_a_date_before_1970_and_bc_reads_the_calendar():
    assert date_at(day_number(-43, 3, 15) * DAY, view_days=10) == PartialDate(-43, 3, 15)


@pytest.mark.parametrize(
    ("text", "days", "moved"),
    [
        ("2021-05-20", 12.4, "2021-06-01"),  # a day moves by days
        ("2021-05", 40, "2021-06"),  # a month by whole months
        ("2021-12", 31, "2022-01"),
        ("2021", 400, "2022"),  # a year by years
        ("2021-21", 365, "2022-21"),  # spring 2021 to spring 2022
        ("199X", 3650 * 2, "201X"),  # a decade by decades
        ("2021~", 365, "2022~"),  # the approximate mark stays
    ],
)
def test_a_dragged_date_snaps_to_its_own_precision(text, days, moved):
    assert shift_date(parse_range(text).start, days).edtf() == moved


def test_a_drag_shorter_than_the_precision_moves_nothing():
    assert moved_texts(parse_range("2021"), 100 * DAY) is None


def test_a_span_moves_both_ends_each_at_its_precision():
    assert moved_texts(parse_range("2016/2017-03"), 366 * DAY) == ("2017", "2018-03")
