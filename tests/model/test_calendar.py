"""Day numbers of the proleptic Gregorian calendar, for any year."""

import datetime as dt

import numpy as np
from hypothesis import given
from hypothesis import strategies as st

from timeline_app.model.calendar import civil, civil_array, day_number, month_length, year_name

EPOCH = dt.date(1970, 1, 1)


@given(st.dates())
def test_day_numbers_agree_with_datetime_where_it_reaches(day):
    assert day_number(day.year, day.month, day.day) == (day - EPOCH).days
    assert civil((day - EPOCH).days) == (day.year, day.month, day.day)


@given(st.integers(-(10**13), 10**13))
def test_civil_and_day_number_are_inverse_far_beyond_datetime(days):
    year, month, day = civil(days)
    assert 1 <= month <= 12 and 1 <= day <= month_length(year, month)
    assert day_number(year, month, day) == days


@given(st.lists(st.integers(-(10**12), 10**12), max_size=50))
def test_the_column_version_matches_the_scalar_one(days):
    years, months, dd = civil_array(np.array(days, np.int64))
    assert list(zip(years.tolist(), months.tolist(), dd.tolist(), strict=True)) == [civil(d) for d in days]


def test_year_zero_is_1_bc_and_leap_years_follow_the_gregorian_rule():
    assert year_name(0) == "1 BC" and year_name(-43) == "44 BC" and year_name(-43, "BCE") == "44 BCE"
    assert day_number(0, 3, 1) - day_number(0, 2, 28) == 2  # year 0 is a leap year (divisible by 400)
    assert day_number(-100, 3, 1) - day_number(-100, 2, 28) == 1  # 101 BC is not
    assert day_number(1, 1, 1) - day_number(0, 1, 1) == 366
