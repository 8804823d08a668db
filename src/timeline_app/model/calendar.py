"""The proleptic Gregorian calendar as whole day numbers, for any year (not only 1-9999).

Python's `datetime` stops at years 1 and 9999; a chronology of Rome or of the dinosaurs does
not. Day 0 is 1970-01-01; years are astronomical (year 0 is 1 BC, -43 is 44 BC), as in ISO 8601
and EDTF. The arithmetic is Howard Hinnant's `days_from_civil` / `civil_from_days`, exact on
Python integers, with numpy versions for whole columns.
"""

from __future__ import annotations

import numpy as np

DAYS_PER_ERA = 146_097  # days in 400 Gregorian years
_SHIFT = 719_468  # days from 0000-03-01 to 1970-01-01


def is_leap(year: int) -> bool:
    return year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)


def month_length(year: int, month: int) -> int:
    if month == 2:
        return 29 if is_leap(year) else 28
    return 30 if month in (4, 6, 9, 11) else 31


def day_number(year: int, month: int = 1, day: int = 1) -> int:
    """Days from 1970-01-01 to the given date (negative before it)."""
    y = year - (month <= 2)
    era = y // 400
    yoe = y - era * 400
    doy = (153 * (month + (-3 if month > 2 else 9)) + 2) // 5 + day - 1
    doe = yoe * 365 + yoe // 4 - yoe // 100 + doy
    return era * DAYS_PER_ERA + doe - _SHIFT


def civil(days: int) -> tuple[int, int, int]:
    """(year, month, day) of a day number."""
    z = days + _SHIFT
    era = z // DAYS_PER_ERA
    doe = z - era * DAYS_PER_ERA
    yoe = (doe - doe // 1460 + doe // 36524 - doe // 146096) // 365
    doy = doe - (365 * yoe + yoe // 4 - yoe // 100)
    mp = (5 * doy + 2) // 153
    day = doy - (153 * mp + 2) // 5 + 1
    month = mp + 3 if mp < 10 else mp - 9
    return yoe + era * 400 + (month <= 2), month, day


def civil_array(days: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """`civil` for a column of day numbers (int64)."""
    z = days.astype(np.int64) + _SHIFT
    era = np.floor_divide(z, DAYS_PER_ERA)
    doe = z - era * DAYS_PER_ERA
    yoe = (doe - doe // 1460 + doe // 36524 - doe // 146096) // 365
    doy = doe - (365 * yoe + yoe // 4 - yoe // 100)
    mp = (5 * doy + 2) // 153
    day = doy - (153 * mp + 2) // 5 + 1
    month = np.where(mp < 10, mp + 3, mp - 9)
    return yoe + era * 400 + (month <= 2), month, day


def year_start(year: int) -> int:
    """Day number of 1 January of `year`."""
    return day_number(year, 1, 1)


def year_name(year: int, era_style: str = "BC") -> str:
    """A year as a reader writes it: 2013, 44 BC (44 BCE with `era_style="BCE"`)."""
    if year <= 0:
        return f"{1 - year} {'BCE' if era_style == 'BCE' else 'BC'}"
    return str(year)
