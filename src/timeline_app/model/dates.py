"""Dates as sources give them: a year, a month, a season, part of a year, or a day.

A `PartialDate` never holds a part the text did not state. "December 2013" is a month: it
covers 1-31 December 2013 and prints as "December 2013", never as 1 December.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass
from enum import StrEnum
from functools import cached_property


class DateError(ValueError):
    """A date text that cannot be read; the message says what to write instead."""


class Precision(StrEnum):
    DAY = "day"
    MONTH = "month"
    SEASON = "season"
    PART = "part"  # start / middle / end of a year
    YEAR = "year"


# Northern-hemisphere meteorological seasons, as EDTF codes 21-24 define them.
SEASONS: dict[str, tuple[int, int]] = {  # name -> (EDTF code, first month)
    "spring": (21, 3),
    "summer": (22, 6),
    "autumn": (23, 9),
    "winter": (24, 12),
}
_SEASON_ALIASES = {"fall": "autumn"}

# Thirds of a year (EDTF quadrimesters 37-39): "start of 2022", "mid-2022", "end of 2022".
PARTS: dict[str, tuple[int, int]] = {  # name -> (EDTF code, first month)
    "start": (37, 1),
    "mid": (38, 5),
    "end": (39, 9),
}
_PART_ALIASES = {
    "start": "start",
    "beginning": "start",
    "early": "start",
    "mid": "mid",
    "middle": "mid",
    "end": "end",
    "late": "end",
}
_PART_WORDS = {"start": "start of", "mid": "mid", "end": "end of"}

_ISO = re.compile(r"^(?P<y>-?\d{4})(?:-(?P<m>\d{2})(?:-(?P<d>\d{2}))?)?$")
_CIRCA = re.compile(r"^(?:c\.|ca\.|circa|about|around|approx\.|approximately)\s*", re.I)
_SEASON_TEXT = re.compile(
    r"^(?:the\s+)?(?P<s>spring|summer|autumn|fall|winter)(?:\s+of)?,?\s+(?P<y>\d{4})$", re.I
)
_PART_TEXT = re.compile(
    r"^(?:the\s+)?(?:(?P<p>start|beginning|end|middle)\s+of|(?P<q>early|mid|late))"
    r"[\s-]+(?:the\s+year\s+)?(?P<y>\d{4})$",
    re.I,
)
_YEAR_ONLY = re.compile(r"^\d{4}$")
_HAS_MONTH_NAME = re.compile(r"\b(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\b", re.I)
_WEEKDAY = re.compile(r"\b(mon|tue|tues|wed|wednes|thu|thur|thurs|fri|sat|satur|sun)(day)?\b\.?,?\s*", re.I)


@dataclass(frozen=True, order=True)
class PartialDate:
    """A calendar date known to a precision; `approximate` marks "c." dates."""

    year: int
    month: int | None = None
    day: int | None = None
    season: str | None = None
    part: str | None = None
    approximate: bool = False

    def __post_init__(self) -> None:
        if not 1 <= self.year <= 9999:
            raise DateError(f"year {self.year} is outside 1-9999")
        if self.month is not None and not 1 <= self.month <= 12:
            raise DateError(f"month {self.month} does not exist; months run from 01 to 12")
        if self.day is not None:
            if self.month is None:
                raise DateError("a day needs a month")
            last = calendar.monthrange(self.year, self.month)[1]
            if not 1 <= self.day <= last:
                raise DateError(
                    f"{calendar.month_name[self.month]} {self.year} has {last} days, not {self.day}"
                )
        if self.season is not None and self.season not in SEASONS:
            raise DateError(f"unknown season {self.season!r}")
        if self.season == "winter" and self.year == 9999:  # it would end in February 10000
            raise DateError("winter 9999 ends in the year 10000; dates run from 1 to 9999")
        if self.part is not None and self.part not in PARTS:
            raise DateError(f"unknown part of year {self.part!r}")

    @property
    def precision(self) -> Precision:
        if self.day is not None:
            return Precision.DAY
        if self.month is not None:
            return Precision.MONTH
        if self.season is not None:
            return Precision.SEASON
        if self.part is not None:
            return Precision.PART
        return Precision.YEAR

    def first_day(self) -> dt.date:
        """The first day this date may mean."""
        return self._first

    def last_day(self) -> dt.date:
        """The last day this date may mean (inclusive)."""
        return self._last

    @cached_property
    def _first(self) -> dt.date:
        if self.day is not None:
            return dt.date(self.year, self.month, self.day)  # type: ignore[arg-type]
        if self.month is not None:
            return dt.date(self.year, self.month, 1)
        if self.season is not None:
            return dt.date(self.year, SEASONS[self.season][1], 1)
        if self.part is not None:
            return dt.date(self.year, PARTS[self.part][1], 1)
        return dt.date(self.year, 1, 1)

    @cached_property
    def _last(self) -> dt.date:
        if self.day is not None:
            return self.first_day()
        if self.month is not None:
            return dt.date(self.year, self.month, calendar.monthrange(self.year, self.month)[1])
        if self.season is not None:
            start = SEASONS[self.season][1]
            end_year, end_month = (self.year + 1, 2) if start == 12 else (self.year, start + 2)
            return dt.date(end_year, end_month, calendar.monthrange(end_year, end_month)[1])
        if self.part is not None:
            end_month = PARTS[self.part][1] + 3
            return dt.date(self.year, end_month, calendar.monthrange(self.year, end_month)[1])
        return dt.date(self.year, 12, 31)

    def interval(self) -> tuple[dt.date, dt.date]:
        """First and last day covered, both inclusive."""
        return self.first_day(), self.last_day()

    def iso(self) -> str:
        """ISO 8601 truncated to the precision; seasons and parts use ISO 8601-2 codes."""
        y = f"{self.year:04d}"
        if self.day is not None:
            return f"{y}-{self.month:02d}-{self.day:02d}"
        if self.month is not None:
            return f"{y}-{self.month:02d}"
        if self.season is not None:
            return f"{y}-{SEASONS[self.season][0]}"
        if self.part is not None:
            return f"{y}-{PARTS[self.part][0]}"
        return y

    def edtf(self) -> str:
        """The ISO form with EDTF's "~" for approximate dates."""
        return self.iso() + ("~" if self.approximate else "")

    def text(self) -> str:
        """Human form at the date's own precision: "December 2013", "c. spring 2023"."""
        if self.day is not None:
            core = f"{self.day} {calendar.month_name[self.month]} {self.year}"  # type: ignore[index]
        elif self.month is not None:
            core = f"{calendar.month_name[self.month]} {self.year}"
        elif self.season is not None:
            core = f"{self.season} {self.year}"
        elif self.part is not None:
            core = f"{_PART_WORDS[self.part]} {self.year}"
            if self.part == "mid":
                core = f"mid-{self.year}"
        else:
            core = str(self.year)
        return f"c. {core}" if self.approximate else core

    def __str__(self) -> str:
        return self.text()


def parse_date(text: str, *, reference_year: int | None = None) -> PartialDate:
    """Read one date as a source writes it, keeping only the parts it states.

    Accepts ISO forms ("2013", "2013-12", "2022-12-16"), EDTF seasons/parts ("2023-21"),
    "~" or "c." for approximate dates, and the human forms of news text ("January 26, 2022",
    "June 2020", "spring of 2023", "end of 2022"). "Jan. 26" needs `reference_year`.
    """
    if not isinstance(text, str):
        raise DateError(f"a date must be text, not {type(text).__name__}")
    raw = " ".join(text.split())
    if not raw:
        raise DateError("the date is empty")
    approximate = False
    if raw.endswith("~"):
        approximate, raw = True, raw[:-1].rstrip()
    circa = _CIRCA.match(raw)
    if circa:
        approximate, raw = True, raw[circa.end() :]
    if not raw:
        raise DateError("the date is empty")
    date = _parse_exact(raw, reference_year)
    if approximate:
        date = PartialDate(date.year, date.month, date.day, date.season, date.part, True)
    return date


def _parse_exact(raw: str, reference_year: int | None) -> PartialDate:
    iso = _ISO.match(raw)
    if iso:
        return _from_iso(iso)
    season = _SEASON_TEXT.match(raw)
    if season:
        name = season["s"].lower()
        return PartialDate(int(season["y"]), season=_SEASON_ALIASES.get(name, name))
    part = _PART_TEXT.match(raw)
    if part:
        word = (part["p"] or part["q"]).lower()
        return PartialDate(int(part["y"]), part=_PART_ALIASES[word])
    if _HAS_MONTH_NAME.search(raw):
        return _parse_human(raw, reference_year)
    raise DateError(
        f"cannot read {raw!r} as a date; write it as 2013, 2013-12, 2022-12-16, "
        "'June 2020', 'January 26, 2022', 'spring 2023' or 'end of 2022'"
    )


def _from_iso(match: re.Match[str]) -> PartialDate:
    year = int(match["y"])
    month_text, day_text = match["m"], match["d"]
    if month_text is None:
        return PartialDate(year)
    month = int(month_text)
    if day_text is None:
        for name, (code, _) in SEASONS.items():
            if month == code:
                return PartialDate(year, season=name)
        for name, (code, _) in PARTS.items():
            if month == code:
                return PartialDate(year, part=name)
        if not 1 <= month <= 12:
            raise DateError(
                f"month {month:02d} does not exist; months run from 01 to 12 "
                "(21-24 mean spring-winter, 37-39 the start, middle and end of a year)"
            )
        return PartialDate(year, month)
    return PartialDate(year, month, int(day_text))


def _parse_human(raw: str, reference_year: int | None) -> PartialDate:
    """Month names via dateutil, parsed twice with different defaults.

    dateutil fills every part the text lacks from its `default`; a part that differs between
    two parses with different defaults was not in the text, so it is dropped, not invented.
    """
    from dateutil import parser as dateutil_parser  # only human forms need it (47 ms import)

    cleaned = _WEEKDAY.sub("", raw).strip()
    first_default = dt.datetime(2000, 1, 1)
    second_default = dt.datetime(2004, 2, 2)
    try:
        a = dateutil_parser.parse(cleaned, default=first_default)
        b = dateutil_parser.parse(cleaned, default=second_default)
    except (ValueError, OverflowError) as exc:
        raise DateError(f"cannot read {raw!r} as a date: {exc}") from None
    if (a.hour, a.minute, a.second) != (0, 0, 0):
        raise DateError(f"cannot read {raw!r} as a date: it has a time of day or a stray number")
    has_year = a.year == b.year
    has_month = a.month == b.month
    has_day = a.day == b.day
    if not has_month:
        raise DateError(f"cannot read {raw!r} as a date: no month found")
    year = a.year if has_year else reference_year
    if year is None:
        raise DateError(f"{raw!r} has no year; write the year too (for example 'January 26, 2022')")
    return PartialDate(year, a.month, a.day if has_day else None)


@dataclass(frozen=True)
class DateRange:
    """An event's date: a single `start`, or a span from `start` to `end`."""

    start: PartialDate
    end: PartialDate | None = None

    def __post_init__(self) -> None:
        if self.end is not None and self.end.last_day() < self.start.first_day():
            raise DateError(f"the end ({self.end}) is before the start ({self.start})")

    @property
    def is_span(self) -> bool:
        return self.end is not None

    def first_day(self) -> dt.date:
        return self.start.first_day()

    def last_day(self) -> dt.date:
        return (self.end or self.start).last_day()

    def text(self) -> str:
        if self.end is None:
            return self.start.text()
        return f"{self.start.text()} – {self.end.text()}"

    def __str__(self) -> str:
        return self.text()


def parse_range(text: str, *, reference_year: int | None = None) -> DateRange:
    """A date or an ISO interval "2016/2017" (also "2016-01/2016-03")."""
    if isinstance(text, str) and "/" in text:
        left, _, right = text.partition("/")
        if "/" in right:
            raise DateError(f"{text!r} has more than one '/'; an interval is START/END")
        start = parse_date(left, reference_year=reference_year)
        end = parse_date(right, reference_year=reference_year)
        return DateRange(start, end)
    return DateRange(parse_date(text, reference_year=reference_year))
