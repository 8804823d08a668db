"""Dates written in words, as news and history texts write them, read strictly.

"January 26, 2022", "26 Jan. 2022", "June 2020", "spring of 2023", "end of 2022", "first half
of 2021", "the 1990s", "44 BC", "AD 476", "c. 3000 BCE", "66 million years ago". Month and
weekday names come from dateutil's vocabulary; the grammar is ours, because dateutil guesses
(a two-digit year gets a century, a stray number becomes a day, a time of day is dropped) and a
chronology must refuse what its text does not state.
"""

from __future__ import annotations

import re
from fractions import Fraction
from functools import cache
from typing import TYPE_CHECKING

from timeline_app.model.calendar import day_number
from timeline_app.model.partial_date import SEASON_CODES, DateError, PartialDate

if TYPE_CHECKING:
    from dateutil.parser import parserinfo


@cache
def _info() -> parserinfo:
    """dateutil's month and weekday names, imported when a date is first written in words (its
    parser and time zones cost 18-19 ms to import; ISO and EDTF dates never need them)."""
    from dateutil.parser import parserinfo

    return parserinfo()


_ERA = r"(?P<era>BCE|BC|B\.C\.E\.|B\.C\.|CE|AD|A\.D\.|C\.E\.)"
_BEFORE = {"BCE", "BC", "B.C.E.", "B.C."}
_YEAR = re.compile(
    rf"^(?:(?P<pre>AD|A\.D\.)\s*)?(?P<y>\d{{1,3}}(?:,\d{{3}})+|\d{{1,9}}(?:\.\d{{1,9}})?)"
    rf"(?:\s+(?P<unit>million|billion))?(?:\s*{_ERA})?$",
    re.I,
)
_SCALE = {"thousand": 10**3, "million": 10**6, "billion": 10**9}
# "N years ago" counts back from year 0, as deep time is written ("66 million years ago" is the
# year -66,000,000). For a recent past that reading is false by the 2,000 years since then
# ("2000 years ago" is not 2001 BC), so below this the year must be written as a year.
AGO_MIN = 100_000
_AGO = re.compile(
    r"^(?P<n>\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)\s*(?P<unit>million|billion|thousand)?\s+years?\s+ago$", re.I
)
_DECADE = re.compile(r"^(?:the\s+)?(?P<y>\d{3,4})0'?s$", re.I)
_SEASON = re.compile(r"^(?:the\s+)?(?P<s>spring|summer|autumn|fall|winter)(?:\s+of)?,?\s+(?P<y>.+)$", re.I)
_PART = re.compile(
    r"^(?:the\s+)?(?:(?P<p>start|beginning|end|middle)\s+of|(?P<q>early|mid|late))"
    r"[\s-]+(?:the\s+year\s+)?(?P<y>.+)$",
    re.I,
)
_PART_CODES = {"start": 37, "beginning": 37, "early": 37, "middle": 38, "mid": 38, "end": 39, "late": 39}
_HALF = re.compile(r"^(?:the\s+)?(?P<k>first|second)\s+half\s+of\s+(?P<y>.+)$", re.I)
_QUARTER = re.compile(
    r"^(?:(?:the\s+)?(?P<k>first|second|third|fourth)\s+quarter\s+of|Q(?P<n>[1-4]))\s+(?P<y>.+)$", re.I
)
_ORDINAL = {"first": 0, "second": 1, "third": 2, "fourth": 3}
_TOKEN = re.compile(r"[A-Za-z]+\.?|\d{1,3}(?:,\d{3})+|\d+(?:st|nd|rd|th)?|[,/]|\S", re.I)
_ORDINAL_SPAN = re.compile(r"^(?:the\s+)?(?P<n>\d+)(?:st|nd|rd|th)\s+(?P<unit>century|millennium)$", re.I)
_UNSPECIFIED = re.compile(r"^(?P<date>.+?)\s*\((?P<part>month|day) unspecified\)$", re.I)


def read_year(text: str) -> int:
    """A year in words: "2013", "44 BC", "AD 476", "476 CE", "12,000 BC", "66 million BC",
    "1.5 billion". Two-digit years are refused unless an era says which (a bare "22" could be
    1922, 2022 or AD 22)."""
    match = _YEAR.match(text.strip())
    if not match:
        raise DateError(f"cannot read {text!r} as a year")
    digits = match["y"]
    number = _whole_years(text, digits, match["unit"])
    if match["pre"] and match["era"]:
        raise DateError(f"{text!r} gives two eras; write AD 476 or 44 BC")
    era = (match["era"] or match["pre"] or "").upper()
    if not era and not match["unit"] and len(digits) < 3:
        raise DateError(f"the year {text!r} is ambiguous; write it in full (2022, not 22), or add AD or BC")
    if not era and not match["unit"] and "," not in digits and len(digits) > 4:
        raise DateError(
            f"cannot read {text!r} as a year: write a year of more than four digits "
            f"as {number:,} or, in EDTF, Y{number}"
        )
    if era in _BEFORE:
        if number == 0:
            raise DateError("there is no year 0 BC; 1 BC is followed by AD 1")
        return 1 - number
    if number == 0 and era:
        raise DateError("there is no year AD 0; 1 BC is followed by AD 1")
    return number


def _whole_years(text: str, digits: str, unit: str | None) -> int:
    """The whole number of years `digits` times `unit` ("1.5" "billion"), or DateError: a
    fraction of a year would be a precision the text does not state."""
    years = Fraction(digits.replace(",", "")) * _SCALE.get((unit or "").lower(), 1)
    if years.denominator != 1:
        raise DateError(f"{text!r} is not a whole number of years")
    return int(years)


def parse_words(raw: str, reference_year: int | None = None) -> PartialDate:
    """A date in words, or DateError saying what to write instead."""
    unspecified = _UNSPECIFIED.match(raw)
    if unspecified:
        date = parse_words(unspecified["date"], reference_year)
        if (
            (unspecified["part"].lower() == "month") != (date.month is None)
            or date.day is not None
            or date.group is not None
            or date.year_span > 1
        ):
            raise DateError(f"{raw!r}: say 'month unspecified' after a year, 'day unspecified' after a month")
        return PartialDate(date.year, date.month, unspecified=True)
    for reader in (_ago, _decade, _ordinal_span, _season, _part, _half, _quarter):
        found = reader(raw)
        if found is not None:
            return found
    if _YEAR.match(raw):
        return PartialDate(read_year(raw))
    return _month_form(raw, reference_year)


def _ago(raw: str) -> PartialDate | None:
    match = _AGO.match(raw)
    if not match:
        return None
    years = _whole_years(raw, match["n"], match["unit"])
    if years < AGO_MIN:
        raise DateError(
            f"{raw!r}: 'years ago' is read from year 0, as deep time is written, and only from "
            f"{AGO_MIN:,} years; write the year instead (2000 years ago is about AD 26, not 2001 BC)"
        )
    return PartialDate(-years)


def _decade(raw: str) -> PartialDate | None:
    match = _DECADE.match(raw)
    if not match:
        return None
    if match["y"].endswith("0"):
        raise DateError(
            f"{raw!r} may mean a decade or a century; write {match['y']}X for the decade "
            f"{match['y']}0-{match['y']}9, or {match['y'][:-1]}XX for the hundred years"
        )
    return PartialDate(int(match["y"] + "0"), year_span=10, unspecified=True)


def _ordinal_span(raw: str) -> PartialDate | None:
    """ "the 20th century" (1900-1999, as 19XX in EDTF), "the 2nd millennium" (1XXX)."""
    match = _ORDINAL_SPAN.match(raw)
    if not match or int(match["n"]) < 1:
        return None
    span = 100 if match["unit"].lower() == "century" else 1000
    return PartialDate((int(match["n"]) - 1) * span, year_span=span, unspecified=True)


def _season(raw: str) -> PartialDate | None:
    match = _SEASON.match(raw)
    if not match:
        return None
    return PartialDate(read_year(match["y"]), group=SEASON_CODES[match["s"].lower()])


def _part(raw: str) -> PartialDate | None:
    match = _PART.match(raw)
    if not match:
        return None
    word = (match["p"] or match["q"]).lower()
    return PartialDate(read_year(match["y"]), group=_PART_CODES[word])


def _half(raw: str) -> PartialDate | None:
    match = _HALF.match(raw)
    if not match:
        return None
    return PartialDate(read_year(match["y"]), group=40 + _ORDINAL[match["k"].lower()])


def _quarter(raw: str) -> PartialDate | None:
    match = _QUARTER.match(raw)
    if not match:
        return None
    k = _ORDINAL[match["k"].lower()] if match["k"] else int(match["n"]) - 1
    return PartialDate(read_year(match["y"]), group=33 + k)


def _month_form(raw: str, reference_year: int | None) -> PartialDate:
    """ "January 26, 2022", "26 Jan. 2022", "Wednesday, January 26, 2022", "June 2020",
    "15 March 44 BC"; "Jan. 26" with `reference_year`. Anything else is refused."""
    raw = re.sub(r"\b(AD|A\.D\.)\s+(\d[\d,]*)", r"\2 \1", raw, flags=re.I)  # "June AD 9"
    kinds: list[str] = []  # M (month), D (one or two digits), Y (three or more digits)
    month = 0
    numbers: list[int] = []
    era: list[str] = []
    weekday: int | None = None
    for token in (t for t in _TOKEN.findall(raw) if t != ","):
        word = token.rstrip(".")
        if word.isalpha() and _info().weekday(word) is not None and not kinds and weekday is None:
            weekday = _info().weekday(word)  # "Wednesday, January 26": checked against the date below
            continue
        named = _info().month(word) if word.isalpha() else None
        if named is not None and not era:
            month = named
            kinds.append("M")
        elif re.fullmatch(r"\d{1,3}(,\d{3})+|\d+(st|nd|rd|th)?", token, re.I) and not era:
            digits = re.sub(r"\D", "", token)
            numbers.append(int(digits))
            kinds.append("D" if len(digits) <= 2 else "Y")
        elif token.upper().replace(".", "") in {"BC", "BCE", "AD", "CE"} and kinds and not era:
            era.append(token)
        else:
            raise DateError(_cannot(raw, f"'{token}' is not part of a date"))
    if era and kinds[-1] == "D":
        kinds[-1] = "Y"  # "44 BC": the era makes a short number a year
    pattern = "".join(kinds)
    day: int | None = None
    year: int | None = None
    if pattern in ("MDY", "DMY"):
        day, year = (numbers[0], numbers[1])
    elif pattern == "MY":
        year = numbers[0]
    elif pattern in ("MD", "DM", "M") and reference_year is not None:
        day = numbers[0] if numbers else None
    elif pattern in ("MD", "DM", "M"):
        raise DateError(
            f"{raw!r} has no year; write the year too (for example 'January 26, 2022' or 'June 2020')"
        )
    elif "M" not in pattern:
        raise DateError(_cannot(raw, "no month found"))
    else:
        raise DateError(
            _cannot(raw, "write the day next to the month and a full year, e.g. 'January 26, 2022'")
        )
    written = f"{year:,}" if year is not None and year >= 10_000 else str(year)
    full_year = read_year(" ".join([written, *era])) if year is not None else reference_year
    assert full_year is not None
    date = PartialDate(full_year, month, day)
    if weekday is not None and (day is None or (day_number(full_year, month, day) + 3) % 7 != weekday):
        # day 0 (1970-01-01) was a Thursday (3, counting Monday as 0, as dateutil does)
        said = next(t for t in _TOKEN.findall(raw) if t.rstrip(".").isalpha())
        raise DateError(
            f"{raw!r}: {date.text()} is not a {said.rstrip('.')}; check the day or leave the weekday out"
        )
    return date


def _cannot(raw: str, why: str) -> str:
    return (
        f"cannot read {raw!r} as a date: {why}; write it as 2013, 2013-12, 2022-12-16, "
        "'June 2020', 'January 26, 2022', 'spring 2023', '44 BC' or 'the 1990s'"
    )
