"""Calendar ticks for the date axis, chosen from the calendar rather than even seconds."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from timeline_app.scene.arrays import DAY, date_seconds, seconds_date


@dataclass(frozen=True)
class Tick:
    seconds: float
    label: str
    major: bool  # a year boundary (or a month boundary when ticks are days)


_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_YEAR_STEPS = (1, 2, 5, 10, 20, 50, 100, 200, 500, 1000)
_MONTH_STEPS = (1, 2, 3, 6)
_DAY_SETS = (
    (
        1,
        2,
        3,
        4,
        5,
        6,
        7,
        8,
        9,
        10,
        11,
        12,
        13,
        14,
        15,
        16,
        17,
        18,
        19,
        20,
        21,
        22,
        23,
        24,
        25,
        26,
        27,
        28,
        29,
        30,
        31,
    ),
    tuple(range(1, 31, 2)),
    (1, 8, 15, 22),
    (1, 15),
)
_DAY_SPACING = (1, 2, 7, 15)  # typical days between ticks of each set


def date_ticks(lo: float, hi: float, width_px: float, min_px: float = 64.0) -> list[Tick]:
    """Calendar ticks for [lo, hi] seconds at least `min_px` apart: days, months or years.

    Chosen from the calendar (1st and 15th, quarters, decades) rather than even seconds, so
    labels read "15 Mar", "Apr", "2013".
    """
    if hi <= lo or width_px <= 0:
        return []
    px_per_day = width_px / ((hi - lo) / DAY)
    first, last = seconds_date(lo), seconds_date(hi)
    for days, chosen in zip(_DAY_SPACING, _DAY_SETS, strict=True):
        if days * px_per_day >= min_px * 1.25:  # "15 Mar" needs more room than "Mar"
            return _day_ticks(first, last, set(chosen))
    for months in _MONTH_STEPS:
        if months * 30.4 * px_per_day >= min_px:
            return _month_ticks(first, last, months)
    for years in _YEAR_STEPS:
        if years * 365.25 * px_per_day >= min_px:
            return _year_ticks(first.year, last.year, years)
    return _year_ticks(first.year, last.year, 2000)


def _day_ticks(first: dt.date, last: dt.date, days: set[int]) -> list[Tick]:
    ticks = []
    day = first
    while day <= last:
        if day.day in days:
            label = f"{day.day} {_MONTHS[day.month - 1]}"
            if day.day == 1 and day.month == 1:
                label += f" {day.year}"
            ticks.append(Tick(date_seconds(day), label, day.day == 1))
        day += dt.timedelta(days=1)
    return ticks


def _month_ticks(first: dt.date, last: dt.date, step: int) -> list[Tick]:
    ticks = []
    year, month = first.year, first.month
    while (year, month) <= (last.year, last.month):
        if (month - 1) % step == 0 and dt.date(year, month, 1) >= first:
            label = str(year) if month == 1 else _MONTHS[month - 1]
            ticks.append(Tick(date_seconds(dt.date(year, month, 1)), label, month == 1))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return ticks


def _year_ticks(first_year: int, last_year: int, step: int) -> list[Tick]:
    start = max(1, -(-first_year // step) * step)
    return [
        Tick(date_seconds(dt.date(y, 1, 1)), str(y), True)
        for y in range(start, min(last_year, 9999) + 1, step)
    ]
