"""Plain YYYY-MM-DD dates are read without the general parser, to the same dates."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from timeline_app.model import build_dates
from timeline_app.model.dates import parse_date

DIGITS = st.text("0123456789", min_size=1, max_size=5)
ISO_LIKE = st.builds(
    lambda y, m, d: f"{y}-{m}-{d}",
    st.one_of(st.integers(0, 10_999).map(str), DIGITS),
    st.one_of(st.integers(0, 13).map(lambda m: f"{m:02d}"), DIGITS),
    st.one_of(st.integers(0, 32).map(lambda d: f"{d:02d}"), DIGITS),
)


@settings(max_examples=500, deadline=None)
@given(ISO_LIKE)
def test_a_plain_day_is_the_date_the_parser_reads(text: str) -> None:
    fast = build_dates.iso_day(text)
    if fast is None:
        return
    assert fast == parse_date(text)
    assert fast.edtf() == text


@pytest.mark.parametrize("text", ["2013-02-29", "2012-02-30", "0999-01-01", "2013-1-01", " 2013-01-01"])
def test_what_is_not_a_plain_valid_day_is_left_to_the_parser(text: str) -> None:
    assert build_dates.iso_day(text) is None


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.one_of(ISO_LIKE, st.sampled_from(["2020", "2020-05~", "..", "", "c. 1990", "2012-02-29"])))
)
def test_distinct_dates_are_the_same_with_and_without_the_shortcut(texts: list[str]) -> None:
    texts = list(dict.fromkeys(texts))
    fast = build_dates._Distinct.parse(texts)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(build_dates, "iso_day", lambda text: None)
        slow = build_dates._Distinct.parse(texts)
    for name in ("first", "last", "precision", "approximate", "marks"):
        assert np.array_equal(getattr(fast, name), getattr(slow, name)), name
    assert fast.dates == slow.dates and fast.errors == slow.errors
    assert fast.edtf() == slow.edtf() and fast.edtf(approximate=True) == slow.edtf(approximate=True)
