"""Reading dates: EDTF (ISO 8601-2, levels 0 and 1 and the level-2 parts chronologies need)
and the human forms of news and history texts.

EDTF: 2013, 2013-12, 2022-12-16, -0043 (44 BC), Y-66000000, Y12000, 199X, 19XX, 2022-XX,
2022-12-XX, 2020~ (approximate), 2020? (uncertain), 2020% (both), seasons 2023-21..24 and the
sub-year groups 33-41 (quarters, thirds, halves), intervals 2016/2017, 2022/.. (open end),
2022/ (unknown end), ../2023 and /2023. Words: see `model.date_words`.

The `edtf` package parses the same syntax (tests use it as an oracle), but at about 4 ms a
date through pyparsing, against microseconds here: a table of 10^5 distinct dates would wait
minutes (docs/design/dates.md).
"""

from __future__ import annotations

import re
from dataclasses import replace

from timeline_app.model.date_words import parse_words
from timeline_app.model.partial_date import (
    GROUPS,
    MAX_YEAR,
    DateError,
    DateRange,
    PartialDate,
    Precision,
    era_year,
)

__all__ = [
    "LOOSE",
    "OPEN",
    "UNKNOWN",
    "DateError",
    "DateRange",
    "PartialDate",
    "Precision",
    "era_year",
    "parse_date",
    "parse_range",
    "range_from_texts",
    "range_marks",
    "range_to_texts",
]

_EDTF = re.compile(r"^(?P<y>-?\d{4}|Y-?\d{5,})(?:-(?P<m>\d{2}|XX)(?:-(?P<d>\d{2}|XX))?)?$")
# 199X, 19XX, 1XXX, -19XX; with more than four digits, after a Y as long years are (Y1200X)
_UNSPECIFIED_YEAR = re.compile(r"^(?P<long>Y)?(?P<sign>-?)(?P<y>\d+)(?P<x>X{1,3})$")
_CIRCA = re.compile(r"^(?:c\.|ca\.|c(?=\s*\d)|circa|about|around|approx\.|approximately)\s*", re.I)
_QUALIFIER = re.compile(r"[~?%]$")
# The longest date a source writes ("c. Wednesday, the first half of 10,000,000,000 BCE") is far
# shorter; a longer text is refused before any pattern or int() sees it (Python refuses int()
# of more than 4,300 digits, and an error message should not quote a whole paragraph).
MAX_TEXT = 100


def parse_date(text: str, *, reference_year: int | None = None) -> PartialDate:
    """Read one date as a source writes it, keeping only the parts it states.

    "Jan. 26" (no year) needs `reference_year`; anything ambiguous is refused with a message
    that says what to write instead.
    """
    if not isinstance(text, str):
        raise DateError(f"a date must be text, not {type(text).__name__}")
    raw = " ".join(text.split())
    if not raw:
        raise DateError("the date is empty")
    if len(raw) > MAX_TEXT:
        raise DateError(f"a date of {len(raw):,} characters is too long: {raw[:40]!r}...")
    approximate = uncertain = False
    mark = _QUALIFIER.search(raw)
    if mark:
        approximate, uncertain = mark.group() in "~%", mark.group() in "?%"
        raw = raw[:-1].rstrip()
    circa = _CIRCA.match(raw)
    if circa:
        approximate, raw = True, raw[circa.end() :]
    if not raw:
        raise DateError("the date is empty")
    date = _parse_edtf(raw) or parse_words(raw, reference_year)
    if approximate or uncertain:
        date = replace(
            date, approximate=date.approximate or approximate, uncertain=date.uncertain or uncertain
        )
    return date


def _parse_edtf(raw: str) -> PartialDate | None:
    match = _EDTF.match(raw)
    if match:
        return _from_edtf(match)
    match = _UNSPECIFIED_YEAR.match(raw)
    if match and (len(match["y"]) + len(match["x"]) > 4) == bool(match["long"]):
        span = 10 ** len(match["x"])
        round_number = int(match["y"]) * span
        if match["sign"]:  # -19XX is -1999 to -1900: the X digits count away from year 0
            return PartialDate(-round_number - span + 1, year_span=span, unspecified=True)
        return PartialDate(round_number, year_span=span, unspecified=True)
    return None


def _from_edtf(match: re.Match[str]) -> PartialDate:
    year = int(match["y"].removeprefix("Y"))
    if abs(year) > MAX_YEAR:
        raise DateError(f"year {year:,} is beyond {MAX_YEAR:,} years either way")
    month_text, day_text = match["m"], match["d"]
    if month_text is None:
        return PartialDate(year)
    if month_text == "XX":
        if day_text is not None:
            raise DateError("with the month unspecified (XX) the day must be left out")
        return PartialDate(year, unspecified=True)
    month = int(month_text)
    if day_text is None:
        if month in GROUPS:
            return PartialDate(year, group=month)
        if not 1 <= month <= 12:
            raise DateError(
                f"month {month:02d} does not exist; months run from 01 to 12 (21-24 mean "
                "spring-winter, 33-36 the quarters, 37-39 the start, middle and end of a year, "
                "40-41 its halves)"
            )
        return PartialDate(year, month)
    if day_text == "XX":
        return PartialDate(year, month, unspecified=True)
    return PartialDate(year, month, int(day_text))


def parse_range(text: str, *, reference_year: int | None = None) -> DateRange:
    """A date, or an interval START/END: "2016/2017", "2022/.." (still going), "2022/"
    (end unknown), "../2023" and "/2023" (start open or unknown)."""
    if not isinstance(text, str) or "/" not in text:
        return DateRange(parse_date(text, reference_year=reference_year))
    left, _, right = (part.strip() for part in text.partition("/"))
    if "/" in right:
        raise DateError(f"{text!r} has more than one '/'; an interval is START/END")
    if left in ("", "..") and right in ("", ".."):
        raise DateError(f"{text!r} gives neither a start nor an end")
    if left in ("", ".."):
        end = parse_date(right, reference_year=reference_year)
        return DateRange(end, open_start=left == "..", unknown_start=left == "")
    start = parse_date(left, reference_year=reference_year)
    if right in ("", ".."):
        return DateRange(start, open_end=right == "..", unknown_end=right == "")
    return DateRange(start, parse_date(right, reference_year=reference_year))


# How a start/end pair of columns (CSV, JSON, the view's columns) holds a loose end: EDTF's ".."
# for an open end (still going), and the word "unknown" where EDTF leaves the side empty (an empty
# end column already means "no end": a single date).
OPEN = ".."
UNKNOWN = "unknown"
LOOSE = (OPEN, UNKNOWN)

# Bits of a row's date marks (columns and scene): how the date is known and drawn.
MARK_APPROXIMATE = 1
MARK_UNCERTAIN = 2
MARK_UNSPECIFIED = 4
MARK_OPEN_END = 8
MARK_UNKNOWN_END = 16
MARK_OPEN_START = 32
MARK_UNKNOWN_START = 64
MARK_LOOSE_START = MARK_OPEN_START | MARK_UNKNOWN_START
MARK_LOOSE_END = MARK_OPEN_END | MARK_UNKNOWN_END


def range_from_texts(start: str, end: str) -> DateRange:
    """The DateRange a start column and an end column hold (see OPEN and UNKNOWN)."""
    start, end = start.strip(), end.strip()
    if start in LOOSE:
        return DateRange(parse_date(end), open_start=start == OPEN, unknown_start=start == UNKNOWN)
    if end in LOOSE:
        return DateRange(parse_date(start), open_end=end == OPEN, unknown_end=end == UNKNOWN)
    return DateRange(parse_date(start), parse_date(end) if end else None)


def range_to_texts(when: DateRange) -> tuple[str, str]:
    """The start and end column texts of a DateRange (the inverse of `range_from_texts`)."""
    if when.open_start or when.unknown_start:
        return (OPEN if when.open_start else UNKNOWN), when.start.edtf()
    if when.open_end or when.unknown_end:
        return when.start.edtf(), (OPEN if when.open_end else UNKNOWN)
    return when.start.edtf(), when.end.edtf() if when.end else ""


def range_marks(when: DateRange) -> int:
    """The MARK_* bits of a date."""
    dates = [when.start] + ([when.end] if when.end else [])
    marks = 0
    if any(d.approximate for d in dates):
        marks |= MARK_APPROXIMATE
    if any(d.uncertain for d in dates):
        marks |= MARK_UNCERTAIN
    if any(d.unspecified or d.year_span > 1 for d in dates):
        marks |= MARK_UNSPECIFIED
    for flag, bit in (
        (when.open_end, MARK_OPEN_END),
        (when.unknown_end, MARK_UNKNOWN_END),
        (when.open_start, MARK_OPEN_START),
        (when.unknown_start, MARK_UNKNOWN_START),
    ):
        if flag:
            marks |= bit
    return marks
