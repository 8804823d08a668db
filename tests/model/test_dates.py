"""Dates keep the precision the source gives them; no day or month is ever invented."""

import pytest

from timeline_app.model.calendar import day_number
from timeline_app.model.dates import DateError, DateRange, PartialDate, Precision, parse_date, parse_range

D = day_number  # dates are whole day numbers (0 = 1970-01-01)


@pytest.mark.parametrize(
    "text, iso, precision, printed",
    [
        ("2013-12", "2013-12", Precision.MONTH, "December 2013"),
        ("2022-12-16", "2022-12-16", Precision.DAY, "16 December 2022"),
        ("2019", "2019", Precision.YEAR, "2019"),
        ("January 26, 2022", "2022-01-26", Precision.DAY, "26 January 2022"),
        ("Aug. 16, 2017", "2017-08-16", Precision.DAY, "16 August 2017"),
        ("June 2020", "2020-06", Precision.MONTH, "June 2020"),
        ("December 2013", "2013-12", Precision.MONTH, "December 2013"),
        ("spring of 2023", "2023-21", Precision.SEASON, "spring 2023"),
        ("fall 2022", "2022-23", Precision.SEASON, "autumn 2022"),
        ("end of 2022", "2022-39", Precision.PART, "end of 2022"),
        ("the start of 2022", "2022-37", Precision.PART, "start of 2022"),
        ("2023-21", "2023-21", Precision.SEASON, "spring 2023"),
        ("Wednesday, January 26, 2022", "2022-01-26", Precision.DAY, "26 January 2022"),
    ],
)
def test_parses_at_the_precision_the_text_gives(text, iso, precision, printed):
    date = parse_date(text)
    assert date.iso() == iso
    assert date.precision is precision
    assert date.text() == printed
    assert not date.approximate


def test_month_name_without_day_does_not_get_todays_day():
    """dateutil fills missing parts from today; December 2013 must stay a month."""
    date = parse_date("December 2013")
    assert date.day is None
    assert date.interval() == (D(2013, 12, 1), D(2013, 12, 31))


def test_year_alone_covers_the_whole_year():
    assert parse_date("2013").interval() == (D(2013, 1, 1), D(2013, 12, 31))


@pytest.mark.parametrize(
    "text, first, last",
    [
        ("2024-02", D(2024, 2, 1), D(2024, 2, 29)),
        ("spring 2023", D(2023, 3, 1), D(2023, 5, 31)),
        ("winter 2022", D(2022, 12, 1), D(2023, 2, 28)),
        ("end of 2022", D(2022, 9, 1), D(2022, 12, 31)),
        ("mid-2021", D(2021, 5, 1), D(2021, 8, 31)),
        ("2022-12-16", D(2022, 12, 16), D(2022, 12, 16)),
    ],
)
def test_interval_covers_exactly_the_period_meant(text, first, last):
    assert parse_date(text).interval() == (first, last)


@pytest.mark.parametrize("text", ["c. January 2022", "circa 2014", "2020~", "about 2014"])
def test_approximate_dates_print_with_circa(text):
    date = parse_date(text)
    assert date.approximate
    assert date.text().startswith("c. ")
    assert date.edtf().endswith("~")


def test_day_without_year_needs_a_reference_year():
    with pytest.raises(DateError, match="no year"):
        parse_date("Jan. 26")
    assert parse_date("Jan. 26", reference_year=2022) == PartialDate(2022, 1, 26)


@pytest.mark.parametrize(
    "text, message",
    [
        ("2023-02-30", "has 28 days"),
        ("2013-13", "month 13 does not exist"),
        ("February 30, 2023", "has 28 days, not 30"),
        ("next Tuesday-ish", "cannot read"),
        ("", "empty"),
        ("20133", "cannot read"),
    ],
)
def test_impossible_or_unreadable_dates_are_refused_with_a_reason(text, message):
    with pytest.raises(DateError, match=message):
        parse_date(text)


def test_iso_interval_is_a_span_of_two_dates():
    span = parse_range("2016/2017")
    assert span.is_span
    assert span.first_day() == D(2016, 1, 1) and span.last_day() == D(2017, 12, 31)
    assert span.text() == "2016 – 2017"


def test_span_may_not_end_before_it_starts():
    with pytest.raises(DateError, match="before the start"):
        DateRange(parse_date("2020"), parse_date("2019"))


def test_span_with_coarse_end_may_overlap_its_start():
    """'2022-01-26 to autumn 2022' is fine; '2022 to 2022-03' too (the end lies inside)."""
    assert DateRange(parse_date("2022"), parse_date("2022-03")).last_day() == D(2022, 3, 31)
