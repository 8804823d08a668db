"""Calendar ticks for the date axis, from hours to hundreds of millions of years.

Ticks are chosen from the calendar ("15 Mar", "Apr", "2013", "1900", "44 BC", "66 million BC"),
not at even numbers of seconds, and are computed from whole day numbers (`model.calendar`), so
they work for any year, not only datetime's 1-9999. Each label names the instant of its own tick.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from timeline_app.model.calendar import civil, day_number, year_name

DAY = 86_400.0
HOUR = 3_600.0
YEAR_DAYS = 365.2425


@dataclass(frozen=True)
class Tick:
    seconds: float
    label: str
    major: bool  # a year boundary (a month boundary when ticks are days; midnight for hours)


MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_HOUR_STEPS = (1, 2, 3, 6, 12)
_DAY_SETS = (tuple(range(1, 32)), tuple(range(1, 31, 2)), (1, 8, 15, 22), (1, 15))
_DAY_SPACING = (1, 2, 7, 15)  # typical days between ticks of each set
_MONTH_STEPS = (1, 2, 3, 6)
MAX_TICKS = 400  # a safety bound; a 4000-px axis at 64 px a tick needs about 60


def year_steps() -> list[int]:
    """1, 2, 5, 10, 20, 50, ... up to 10^12 years."""
    return [m * 10**e for e in range(13) for m in (1, 2, 5)]


def date_ticks(lo: float, hi: float, width_px: float, min_px: float = 64.0, era: str = "BC") -> list[Tick]:
    """Ticks for [lo, hi] seconds at least about `min_px` apart on a `width_px` axis."""
    if not (hi > lo and width_px > 0 and math.isfinite(lo) and math.isfinite(hi)):
        return []
    px_per_day = width_px / ((hi - lo) / DAY)
    for hours in _HOUR_STEPS:
        if hours / 24 * px_per_day >= min_px:
            return _hour_ticks(lo, hi, hours)
    first, last = math.floor(lo / DAY), math.floor(hi / DAY)
    for days, chosen in zip(_DAY_SPACING, _DAY_SETS, strict=True):
        if days * px_per_day >= min_px * 1.25:  # "15 Mar" needs more room than "Mar"
            return _day_ticks(first, last, set(chosen), era)
    for months in _MONTH_STEPS:
        if months * 30.4 * px_per_day >= min_px:
            return _month_ticks(first, last, months, era)
    first_year, last_year = civil(first)[0], civil(last)[0]
    for years in year_steps():
        # "12,000 BC" and "250 million years ago" are longer labels than "2013"
        wide = min_px * (2.4 if years >= 1_000_000 else 1.6 if years >= 10_000 else 1.0)
        if years * YEAR_DAYS * px_per_day >= wide:
            return _year_ticks(first_year, last_year, years, era)
    return []


def _hour_ticks(lo: float, hi: float, step: int) -> list[Tick]:
    ticks: list[Tick] = []
    start = math.ceil(lo / (step * HOUR)) * step * HOUR
    t = start
    while t <= hi and len(ticks) < MAX_TICKS:
        days = math.floor(t / DAY)
        hour = round((t - days * DAY) / HOUR) % 24
        if hour == 0:
            _, month, day = civil(days)
            ticks.append(Tick(t, f"{day} {MONTHS[month - 1]}", True))
        else:
            ticks.append(Tick(t, f"{hour:02d}:00", False))
        t += step * HOUR
    return ticks


def _day_ticks(first: int, last: int, days: set[int], era: str = "BC") -> list[Tick]:
    ticks: list[Tick] = []
    for number in range(first, last + 1):
        year, month, day = civil(number)
        if day in days:
            label = f"{day} {MONTHS[month - 1]}"
            if day == 1 and month == 1:
                label += f" {year_label(year, 1, era)}"
            ticks.append(Tick(number * DAY, label, day == 1))
        if len(ticks) >= MAX_TICKS:
            break
    return ticks


def _month_ticks(first: int, last: int, step: int, era: str = "BC") -> list[Tick]:
    ticks: list[Tick] = []
    year, month, _ = civil(first)
    end_year, end_month, _ = civil(last)
    while (year, month) <= (end_year, end_month) and len(ticks) < MAX_TICKS:
        number = day_number(year, month, 1)
        if (month - 1) % step == 0 and number >= first:
            label = year_label(year, 1, era) if month == 1 else MONTHS[month - 1]
            ticks.append(Tick(number * DAY, label, month == 1))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return ticks


def year_label(year: int, step: int, era: str = "BC") -> str:
    """A year tick's label at the axis's step, as the dates are written and read back by
    `parse_date`: "2013", "AD 50", "44 BC", "12,000 BC", "65 million BC", "1.5 billion", and
    "66 million years ago" for the year -66,000,000 on a deep-time axis."""
    if year < 0 and step >= 1_000_000 and year % 1_000_000 == 0:  # as a date of deep time is written
        n = -year
        if n >= 1_000_000_000 and n % 100_000_000 == 0:
            return f"{_billions(n)} billion years ago"
        return f"{n // 1_000_000:,} million years ago"
    before = year <= 0
    n = 1 - year if before else year
    suffix = (" BCE" if era == "BCE" else " BC") if before else ""
    if n >= 1_000_000_000 and n % 100_000_000 == 0:
        return f"{_billions(n)} billion{suffix}"
    if step >= 1_000_000 and n % 1_000_000 == 0:
        return f"{n // 1_000_000:,} million{suffix}"
    if n >= 10_000:
        return f"{n:,}{suffix}"
    if not before and year < 100:
        # "50" alone reads like a count (and a two-digit year is refused as ambiguous)
        return f"{year} CE" if era == "BCE" else f"AD {year}"
    return year_name(year, era)


def _billions(n: int) -> str:
    """n / 10^9 to a tenth, exactly ("1.5", "4.6", "12,000"): no float rounding of long years."""
    whole, tenth = divmod(n // 100_000_000, 10)
    return f"{whole:,}" + (f".{tenth}" if tenth else "")


def _year_ticks(first_year: int, last_year: int, step: int, era: str) -> list[Tick]:
    """Ticks on multiples of `step` counted back from 1 BC before the era, from 0 after it, so
    that BC labels read round ("100 BC", not "99 BC")."""
    ticks: list[Tick] = []
    start = -(-first_year // step) * step
    for year in range(start, last_year + 1, step):
        label_year = year
        if year < 0 and step >= 1_000_000:
            pass  # "66 million years ago" is the year -66,000,000 itself, as the dates read it
        elif year <= 0 and step > 1:
            label_year = year + 1  # -99 is 100 BC: the round BC number sits on year 1 - 100k
        ticks.append(Tick(day_number(label_year, 1, 1) * DAY, year_label(label_year, step, era), True))
        if len(ticks) >= MAX_TICKS:
            break
    return ticks
