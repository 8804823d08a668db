"""Dates attacked as a careless user and as an attacker would write them: each text is read as
what it says, refused with a DateError, or (for what we write ourselves) read back unchanged."""

import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from timeline_app.model.calendar import month_length
from timeline_app.model.dates import DateError, parse_date, parse_range
from timeline_app.model.partial_date import GROUPS, MAX_YEAR, PartialDate

years = st.one_of(
    st.integers(-MAX_YEAR, MAX_YEAR),
    st.integers(-10_000, 10_000),
    st.integers(-100, 100),
    st.sampled_from([-(10**9), -66_000_000, -1_000_000, -999_999, 0, 1, 9999, 10_000, MAX_YEAR, -MAX_YEAR]),
)


def _span_start(year: int, span: int) -> int:
    """The first year of the span written with X that holds `year` (-1999 for -19XX)."""
    if year >= 0:
        return year - year % span
    last = year + (-year) % span  # the round number at or after year, counting towards 0
    return last - span + 1


@st.composite
def any_date(draw: st.DrawFn) -> PartialDate:
    year = draw(years)
    marks = {"approximate": draw(st.booleans()), "uncertain": draw(st.booleans())}
    kind = draw(st.sampled_from(["year", "month", "day", "group", "span", "unspecified", "unspecified_day"]))
    if kind == "month":
        return PartialDate(year, draw(st.integers(1, 12)), **marks)
    if kind == "day":
        month = draw(st.integers(1, 12))
        return PartialDate(year, month, draw(st.integers(1, month_length(year, month))), **marks)
    if kind == "group":
        return PartialDate(year, group=draw(st.sampled_from(sorted(GROUPS))), **marks)
    if kind == "span":
        span = draw(st.sampled_from([10, 100, 1000]))
        first = _span_start(year, span)
        if abs(first) > MAX_YEAR or abs(first + span - 1) > MAX_YEAR:
            first = 0
        return PartialDate(first, year_span=span, **marks)
    if kind == "unspecified":
        return PartialDate(year, unspecified=True, **marks)
    if kind == "unspecified_day":
        return PartialDate(year, draw(st.integers(1, 12)), unspecified=True, **marks)
    return PartialDate(year, **marks)


@given(any_date())
@settings(max_examples=1500, deadline=None)
def test_every_date_reads_back_from_its_edtf_and_its_words(date):
    assert parse_date(date.edtf()) == date, date.edtf()
    assert parse_date(date.text()) == date, date.text()
    assert parse_date(date.text("BCE")) == date, date.text("BCE")


@pytest.mark.parametrize(
    ("text", "first_year", "last_year"),
    [
        ("-19XX", -1999, -1900),  # EDTF's X are digits of the year as written (the edtf package agrees)
        ("-001X", -19, -10),
        ("-0XXX", -999, 0),
        ("-000X", -9, 0),
        ("000X", 0, 9),
        ("Y1200X", 12_000, 12_009),
        ("Y-1200X", -12_009, -12_000),
        ("the 1990s", 1990, 1999),
    ],
)
def test_unspecified_digits_before_year_0_count_away_from_it(text, first_year, last_year):
    date = parse_date(text)
    assert (date.year, date.year + date.year_span - 1) == (first_year, last_year)
    assert date.edtf() == text if text[0] != "t" else date.edtf() == "199X"


def test_the_decade_in_words_is_the_decade_in_edtf():
    assert parse_date("the 1990s") == parse_date("199X")


@pytest.mark.parametrize(
    "text",
    [
        "Y" + "9" * 5000,
        "-" + "9" * 400,
        "1," * 5000,
        "9" * 400 + " years ago",
        "9" * 5000 + " years ago",
        "the " + "9" * 5000 + "th century",
        "June " + "9" * 5000,
        "1" * 5000 + " BC",
        "AD " + "1" * 5000,
        "spring " + "1" * 5000,
        "2020" + " " * 10_000 + "x",
        "x" * 10_000,
        "(" * 5000,
        "x (month unspecified)" * 500,
        "mid-" * 3000 + "2020",
        "c. " * 3000 + "2020",
    ],
)
def test_long_and_huge_inputs_are_refused_quickly(text):
    began = time.perf_counter()
    with pytest.raises(DateError) as refused:
        parse_range(text)
    assert time.perf_counter() - began < 0.5
    assert len(str(refused.value)) < 300  # the message does not quote the whole paragraph


@pytest.mark.parametrize(
    "text",
    [
        "5 years ago",  # not 6 BC
        "2000 years ago",  # not 2001 BC: about AD 26
        "10 thousand years ago",
        "0 years ago",
        "1.5 years ago",  # no half years
        "0.4 years ago",
        "1.23456789123 billion years ago",  # 1,234,567,891.23 years: not a whole year
        "2.5 BC",
        "AD 44 BC",  # two eras
        "A.D. 44 BCE",
        "12345,000",  # digits grouped wrongly
        "1,2345",
        "Monday, January 26, 2022",  # 26 January 2022 was a Wednesday
        "Monday, January 2022",  # a weekday needs a day
        "the 1900s",  # the decade 1900-1909 or the century?
        "the 2000s",
        "the 1990s (month unspecified)",
        "spring 2022 (month unspecified)",
    ],
)
def test_texts_that_would_be_read_falsely_are_refused(text):
    with pytest.raises(DateError):
        parse_date(text)


def test_a_month_after_the_era_is_not_read_as_the_reference_year():
    with pytest.raises(DateError):
        parse_date("5 BC March", reference_year=2020)


@pytest.mark.parametrize(
    ("text", "year"),
    [
        ("66 million years ago", -66_000_000),
        ("1.5 billion years ago", -1_500_000_000),
        ("300,000 years ago", -300_000),
        ("66 million BC", 1 - 66_000_000),
        ("1.5 billion", 1_500_000_000),
        ("4.6 billion BCE", 1 - 4_600_000_000),
        ("Wednesday, January 26, 2022", 2022),
    ],
)
def test_deep_time_and_weekdays_that_are_right_are_read(text, year):
    assert parse_date(text).year == year


def test_unspecified_is_only_where_edtf_can_write_it():
    with pytest.raises(DateError):
        PartialDate(2022, 5, 3, unspecified=True)
    with pytest.raises(DateError):
        PartialDate(2022, group=21, unspecified=True)
    assert PartialDate(1990, year_span=10) == PartialDate(1990, year_span=10, unspecified=True)
