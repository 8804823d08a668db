"""Dates as sources give them: a day, a month, a season or other part of a year, a year, a
decade or century, from deep time to the far future, with EDTF's approximate (~), uncertain (?)
and unspecified (X) marks.

A `PartialDate` never holds a part the text did not state. "December 2013" is a month: it
covers 1-31 December 2013 and prints as "December 2013", never as 1 December. Days are whole
day numbers of the proleptic Gregorian calendar (`model.calendar`), so any year works; years
are astronomical, as in ISO 8601 and EDTF (year 0 is 1 BC, -43 is 44 BC).
"""

from __future__ import annotations

import calendar as stdlib_calendar
from dataclasses import dataclass
from enum import StrEnum

from timeline_app.model.calendar import day_number, month_length

MAX_YEAR = 10**10  # years either way; far beyond any chronology, well inside int64 day numbers


class DateError(ValueError):
    """A date text that cannot be read; the message says what to write instead."""


class Precision(StrEnum):
    DAY = "day"
    MONTH = "month"
    SEASON = "season"
    PART = "part"  # a quarter, third or half of a year
    YEAR = "year"
    DECADE = "decade"  # 199X
    CENTURY = "century"  # 19XX
    MILLENNIUM = "millennium"  # 1XXX


@dataclass(frozen=True)
class Group:
    """A part of a year that EDTF numbers (ISO 8601-2 sub-year groupings)."""

    code: int
    first_month: int
    months: int
    name: str  # as printed before the year: "spring", "first quarter of", "mid-"


# Northern-hemisphere meteorological seasons (21-24), quarters (33-36), thirds (37-39, printed as
# the start, middle and end of a year) and halves (40-41).
GROUPS: dict[int, Group] = {
    g.code: g
    for g in (
        Group(21, 3, 3, "spring"),
        Group(22, 6, 3, "summer"),
        Group(23, 9, 3, "autumn"),
        Group(24, 12, 3, "winter"),
        Group(33, 1, 3, "first quarter of"),
        Group(34, 4, 3, "second quarter of"),
        Group(35, 7, 3, "third quarter of"),
        Group(36, 10, 3, "fourth quarter of"),
        Group(37, 1, 4, "start of"),
        Group(38, 5, 4, "mid-"),
        Group(39, 9, 4, "end of"),
        Group(40, 1, 6, "first half of"),
        Group(41, 7, 6, "second half of"),
    )
}
SEASON_CODES = {"spring": 21, "summer": 22, "autumn": 23, "fall": 23, "winter": 24}
_SPAN_PRECISION = {
    1: Precision.YEAR,
    10: Precision.DECADE,
    100: Precision.CENTURY,
    1000: Precision.MILLENNIUM,
}


def era_year(year: int, era: str = "BC", ago: bool = True) -> str:
    """A year as a reader writes it: 2013, AD 476 (476 CE), 44 BC (44 BCE), 12,000 BC,
    66 million years ago."""
    if year > 9999:
        return f"{year:,}"
    if year >= 1000:
        return str(year)
    if year > 0:
        return f"{year} CE" if era == "BCE" else f"AD {year}"
    if ago and year <= -1_000_000 and year % 1_000_000 == 0:
        return f"{-year // 1_000_000:,} million years ago"
    suffix = "BCE" if era == "BCE" else "BC"
    n = 1 - year
    return f"{n:,} {suffix}" if n >= 10_000 else f"{n} {suffix}"


def _ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def edtf_year(year: int) -> str:
    """EDTF's year: four digits, '-' before the era, 'Y' for more than four digits."""
    if abs(year) > 9999:
        return f"Y{year}"
    return f"-{-year:04d}" if year < 0 else f"{year:04d}"


@dataclass(frozen=True, order=True)
class PartialDate:
    """A calendar date known to a precision.

    `group` is an EDTF sub-year code (21-24 seasons, 33-36 quarters, 37-39 thirds, 40-41
    halves); `year_span` is 10, 100 or 1000 for a decade, century or millennium written with X
    digits (`year` is then its first year); `unspecified` marks any X in the text (always set
    for such a span).

    EDTF's X stands for digits of the year as written, so before year 0 a span runs back from
    its round number: -19XX is -1999 to -1900 and -000X is -9 to 0. `year` is still the first
    year (-1999): a span starts on a multiple of itself from year 0 on, and ends on one before.
    """

    year: int
    month: int | None = None
    day: int | None = None
    group: int | None = None
    approximate: bool = False  # ~ or "c."
    uncertain: bool = False  # ?
    year_span: int = 1
    unspecified: bool = False

    def __post_init__(self) -> None:
        if not -MAX_YEAR <= self.year <= MAX_YEAR:
            raise DateError(f"year {self.year:,} is beyond {MAX_YEAR:,} years either way")
        if self.month is not None and not 1 <= self.month <= 12:
            raise DateError(f"month {self.month} does not exist; months run from 01 to 12")
        if self.day is not None:
            if self.month is None:
                raise DateError("a day needs a month")
            last = month_length(self.year, self.month)
            if not 1 <= self.day <= last:
                name = stdlib_calendar.month_name[self.month]
                raise DateError(f"{name} {era_year(self.year)} has {last} days, not {self.day}")
        if self.group is not None and (self.group not in GROUPS or self.month is not None):
            raise DateError(f"unknown part of a year: {self.group}")
        if self.year_span not in _SPAN_PRECISION or (self.year - (self.year < 0)) % self.year_span:
            raise DateError(
                f"a span of {self.year_span} years must start on a multiple of it "
                "(before year 0, end on one: -19XX is -1999 to -1900)"
            )
        if self.year_span > 1:
            object.__setattr__(self, "unspecified", True)  # "the 1990s" is 199X
        elif self.unspecified and (self.day is not None or self.group is not None):
            raise DateError("only a month (2022-XX) or a day (2022-12-XX) can be unspecified")

    @property
    def precision(self) -> Precision:
        if self.day is not None:
            return Precision.DAY
        if self.month is not None:
            return Precision.MONTH
        if self.group is not None:
            return Precision.SEASON if self.group <= 24 else Precision.PART
        return _SPAN_PRECISION[self.year_span]

    @property
    def season(self) -> str | None:
        """The season's name for codes 21-24 (for code that asks "which season?")."""
        return GROUPS[self.group].name if self.group is not None and self.group <= 24 else None

    def first_day(self) -> int:
        """The first day this date may mean, as a day number (0 = 1970-01-01)."""
        if self.month is not None:
            return day_number(self.year, self.month, self.day or 1)
        if self.group is not None:
            return day_number(self.year, GROUPS[self.group].first_month, 1)
        return day_number(self.year, 1, 1)

    def last_day(self) -> int:
        """The last day this date may mean (inclusive), as a day number."""
        if self.day is not None:
            return self.first_day()
        if self.month is not None:
            return day_number(self.year, self.month, month_length(self.year, self.month))
        if self.group is not None:
            g = GROUPS[self.group]
            first_month = self.year * 12 + g.first_month - 1 + g.months  # the month after
            year, month = divmod(first_month, 12)
            return day_number(year, month + 1, 1) - 1
        return day_number(self.year + self.year_span, 1, 1) - 1

    def interval(self) -> tuple[int, int]:
        """First and last day covered, both inclusive."""
        return self.first_day(), self.last_day()

    def iso(self) -> str:
        """EDTF without qualifiers: 2013-12, 2022-21, -0043, Y-66000000, 199X, 2022-XX."""
        if self.year_span > 1:
            digits = {10: 1, 100: 2, 1000: 3}[self.year_span]
            written = self.year + self.year_span - 1 if self.year < 0 else self.year  # -1999: -19XX
            number = f"{abs(written):04d}"
            sign = "-" if self.year < 0 else ""
            return ("Y" if len(number) > 4 else "") + sign + number[:-digits] + "X" * digits
        y = edtf_year(self.year)
        if self.day is not None:
            return f"{y}-{self.month:02d}-{self.day:02d}"
        if self.month is not None:
            return f"{y}-{self.month:02d}" + ("-XX" if self.unspecified else "")
        if self.group is not None:
            return f"{y}-{self.group}"
        return y + ("-XX" if self.unspecified else "")

    def edtf(self) -> str:
        """The full EDTF form, with ~ (approximate), ? (uncertain) or % (both)."""
        mark = {(True, True): "%", (True, False): "~", (False, True): "?"}.get(
            (self.approximate, self.uncertain), ""
        )
        return self.iso() + mark

    def text(self, era: str = "BC") -> str:
        """Human form at the date's own precision: "December 2013", "c. spring 2023", "44 BC"."""
        year = era_year(self.year, era, ago=self.precision is Precision.YEAR)
        if self.day is not None:
            core = f"{self.day} {stdlib_calendar.month_name[self.month or 1]} {year}"
        elif self.month is not None:
            core = f"{stdlib_calendar.month_name[self.month]} {year}"
        elif self.group is not None:
            name = GROUPS[self.group].name
            core = f"{name}{year}" if name.endswith("-") else f"{name} {year}"
        elif self.year_span == 10 and 1000 <= self.year <= 9999 and self.year % 100:
            core = f"the {self.year}s"  # not "the 1900s": that may be the century
        elif self.year_span > 10 and self.year >= 0:
            n = self.year // self.year_span + 1
            core = f"the {_ordinal(n)} {'century' if self.year_span == 100 else 'millennium'}"
        elif self.year_span > 1:
            core = self.iso()  # "019X", "-019X": no plainer words say it without doubt
        else:
            core = year
        if self.unspecified and self.year_span == 1:
            core += " (month unspecified)" if self.month is None else " (day unspecified)"
        if self.approximate:
            core = f"c. {core}"
        return core + ("?" if self.uncertain else "")

    def __str__(self) -> str:
        return self.text()


@dataclass(frozen=True)
class DateRange:
    """An event's date: a single `start`, or a span from `start` to `end`.

    An end may be open (`open_end`: still going, EDTF "2022/..") or unknown (`unknown_end`:
    "2022/"); likewise the start ("../2023", "/2023"). Then `end` (or `start`) is None for the
    missing side and the other side carries the date.
    """

    start: PartialDate
    end: PartialDate | None = None
    open_end: bool = False
    unknown_end: bool = False
    open_start: bool = False
    unknown_start: bool = False

    def __post_init__(self) -> None:
        if self.end is not None and self.end.last_day() < self.start.first_day():
            raise DateError(f"the end ({self.end}) is before the start ({self.start})")

    @property
    def is_span(self) -> bool:
        return self.end is not None or self.has_loose_end

    @property
    def has_loose_end(self) -> bool:
        return self.open_end or self.unknown_end or self.open_start or self.unknown_start

    def first_day(self) -> int:
        return self.start.first_day()

    def last_day(self) -> int:
        return (self.end or self.start).last_day()

    def text(self, era: str = "BC") -> str:
        start = "?" if self.unknown_start else "…" if self.open_start else ""
        end = "?" if self.unknown_end else "…" if self.open_end else ""
        if self.open_start or self.unknown_start:
            return f"{start} – {self.start.text(era)}"
        if self.end is None and not end:
            return self.start.text(era)
        return f"{self.start.text(era)} – {self.end.text(era) if self.end else end}"

    def edtf(self) -> str:
        if self.open_start or self.unknown_start:
            return (".." if self.open_start else "") + "/" + self.start.edtf()
        if self.end is None and not (self.open_end or self.unknown_end):
            return self.start.edtf()
        return f"{self.start.edtf()}/{self.end.edtf() if self.end else '..' if self.open_end else ''}"

    def __str__(self) -> str:
        return self.text()
