"""Date columns from date texts: each distinct text is parsed once and rows refer to it by code.

A million rows of a table hold a few tens of thousands of distinct dates; parsing those and
indexing numpy arrays by the codes is what keeps a 10^6-row load in seconds.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import lru_cache

import numpy as np

from timeline_app.model.calendar import day_number, month_length
from timeline_app.model.columns import PRECISIONS, CodedText
from timeline_app.model.dates import (
    LOOSE,
    MARK_APPROXIMATE,
    MARK_OPEN_END,
    MARK_OPEN_START,
    MARK_UNCERTAIN,
    MARK_UNKNOWN_END,
    MARK_UNKNOWN_START,
    MARK_UNSPECIFIED,
    OPEN,
    DateError,
    PartialDate,
    Precision,
    parse_date,
)
from timeline_app.model.raw import MAX_PROBLEMS, Reporter

_PRECISION_CODE = {p: i for i, p in enumerate(PRECISIONS)}
cached_date = lru_cache(maxsize=1 << 16)(parse_date)
_ISO_DAY = re.compile(r"([1-9][0-9]{3})-([0-9]{2})-([0-9]{2})")  # 2013-12-01, exactly
_DAY = _PRECISION_CODE[Precision.DAY]


def iso_day(text: str) -> PartialDate | None:
    """The date of a plain YYYY-MM-DD text (years 1000-9999), or None for any other text: the
    commonest date in large tables, read without the general parser (a third of its time)."""
    match = _ISO_DAY.fullmatch(text)
    if match is None:
        return None
    year, month, day = int(match[1]), int(match[2]), int(match[3])
    if not (1 <= month <= 12 and 1 <= day <= month_length(year, month)):
        return None  # the parser says what is wrong
    return PartialDate(year, month, day)


def text_codes(texts: Sequence[str]) -> tuple[np.ndarray, list[str]]:
    """Rows -> code of their distinct text, and the distinct texts in order of first use."""
    if isinstance(texts, CodedText):
        return texts.codes, list(texts.distinct)
    index = {text: i for i, text in enumerate(dict.fromkeys(texts))}  # C-level passes: 3x
    codes = np.fromiter(map(index.__getitem__, texts), np.int64, len(texts))  # a generator
    return codes, list(index)


@dataclass
class _Distinct:
    """Distinct date texts parsed: days, precision and approximation per text."""

    texts: list[str]
    dates: list[PartialDate | None]
    first: np.ndarray
    last: np.ndarray
    precision: np.ndarray
    approximate: np.ndarray
    marks: np.ndarray  # MARK_UNCERTAIN | MARK_UNSPECIFIED of each date
    errors: dict[int, str]
    canonical: list[str | None]  # the EDTF text of each date read as a plain day, else None

    @classmethod
    def parse(cls, texts: list[str]) -> _Distinct:
        k = len(texts)
        first, last = np.zeros(k, np.int64), np.zeros(k, np.int64)
        precision, approximate = np.zeros(k, np.int8), np.zeros(k, bool)
        marks = np.zeros(k, np.int8)
        dates: list[PartialDate | None] = [None] * k
        errors: dict[int, str] = {}
        canonical: list[str | None] = [None] * k
        for i, text in enumerate(texts):
            plain = iso_day(text)
            if plain is not None:  # a day: no approximation, no marks, its text is its EDTF
                dates[i], canonical[i] = plain, text
                first[i] = last[i] = day_number(plain.year, plain.month or 1, plain.day or 1)
                precision[i] = _DAY
                continue
            if not text.strip() or text.strip() in LOOSE:
                continue
            try:
                date = cached_date(text)
            except DateError as exc:
                errors[i] = str(exc)
                continue
            dates[i] = date
            first[i] = date.first_day()
            last[i] = date.last_day()
            precision[i] = _PRECISION_CODE[date.precision]
            approximate[i] = date.approximate
            marks[i] = (MARK_UNCERTAIN if date.uncertain else 0) | (
                MARK_UNSPECIFIED if date.unspecified or date.year_span > 1 else 0
            )
        return cls(texts, dates, first, last, precision, approximate, marks, errors, canonical)

    def token(self, word: str) -> np.ndarray:
        """True for texts that are the loose-end word `word` (".." or "unknown")."""
        return np.fromiter((t.strip() == word for t in self.texts), bool, len(self.texts))

    def edtf(self, *, approximate: bool = False) -> list[str]:
        """The canonical text of each date ("" where there is none)."""
        if approximate:
            return [
                replace(d, approximate=True).edtf() if d else self._word(i) for i, d in enumerate(self.dates)
            ]
        return [
            c if c is not None else d.edtf() if d else self._word(i)
            for i, (d, c) in enumerate(zip(self.dates, self.canonical, strict=True))
        ]

    def _word(self, i: int) -> str:
        text = self.texts[i].strip()
        return text if text in LOOSE else ""

    def bad(self) -> np.ndarray:
        """True for texts that are blank or could not be read."""
        return np.fromiter((d is None for d in self.dates), bool, len(self.dates))


@dataclass
class DateColumns:
    """Per row, in file order."""

    first: np.ndarray
    last: np.ndarray
    has_end: np.ndarray  # a span: an end date, or a loose (open or unknown) side
    precision: np.ndarray
    approximate: np.ndarray
    marks: np.ndarray  # int8 MARK_* bits
    starts: CodedText
    ends: CodedText


Coded = tuple[np.ndarray, list[str]]  # a code per row, the distinct texts


def _split_intervals(
    starts: Sequence[str], ends: Sequence[str], start_codes: Coded, end_codes: Coded, report: Reporter
) -> tuple[Coded, Coded]:
    """A start written START/END (YAML's `date: 2016/2017`) with no end becomes a span."""
    codes, distinct = start_codes
    slash = np.fromiter(("/" in t for t in distinct), bool, len(distinct))
    if not slash.any():
        return start_codes, end_codes
    starts, ends = list(starts), list(ends)
    for row in np.flatnonzero(slash[codes]).tolist():
        text = starts[row]
        if ends[row].strip():
            report.field(
                row,
                "start",
                f"{report.what(row)} has the interval {text!r} and also "
                "an end; give one date, or a start and an end",
            )
            continue
        left, _, right = text.partition("/")
        if "/" in right:
            report.field(
                row,
                "start",
                f"the date of {report.what(row)} {text!r} has more than one '/'; an interval is START/END",
            )
            continue
        left, right = left.strip(), right.strip()
        if not left and not right:
            report.field(
                row, "start", f"the date of {report.what(row)} {text!r} gives neither a start nor an end"
            )
            continue
        starts[row], ends[row] = left or "unknown", right or "unknown"
    return text_codes(starts), text_codes(ends)


def build_dates(
    columns: dict[str, Sequence[str]],
    start_codes: Coded,
    end_codes: Coded,
    flag: np.ndarray | None,
    report: Reporter,
) -> DateColumns:
    """Parse start and end; report unreadable dates and ends before starts at their place.

    `flag` is the `approximate: true` column: it marks both dates approximate unless the date
    texts already say which one is ("2014~", "c. 2014").
    """
    (s_code, s_texts), (e_code, e_texts) = _split_intervals(
        columns["start"], columns["end"], start_codes, end_codes, report
    )
    s, e = _Distinct.parse(s_texts), _Distinct.parse(e_texts)
    open_start, unknown_start = s.token(OPEN)[s_code], s.token("unknown")[s_code]
    open_end, unknown_end = e.token(OPEN)[e_code], e.token("unknown")[e_code]
    loose_start = open_start | unknown_start
    loose_end = open_end | unknown_end
    e_given = np.fromiter((bool(t.strip()) for t in e_texts), bool, len(e_texts))
    end_date = e_given[e_code] & ~loose_end  # an end that is a date
    for row in np.flatnonzero(loose_start & ~end_date)[:MAX_PROBLEMS].tolist():
        report.field(
            row,
            "start",
            f"{report.what(row)} has an open or unknown start, so it needs an "
            "end date (for example start: .., end: 2023)",
        )
    for row in np.flatnonzero(loose_start & loose_end)[:MAX_PROBLEMS].tolist():
        report.field(row, "end", f"{report.what(row)} has neither a start nor an end date")
    for dates, codes, key, skip in ((s, s_code, "start", loose_start), (e, e_code, "end", loose_end)):
        if not dates.errors:
            continue
        bad = np.zeros(len(dates.texts), bool)
        bad[list(dates.errors)] = True
        for row in np.flatnonzero(bad[codes] & ~skip)[:MAX_PROBLEMS].tolist():
            label = key if key == "end" or end_date[row] else "date"
            text = dates.texts[codes[row]]
            report.field(
                row, key, f"the {label} of {report.what(row)} {text!r}: {dates.errors[int(codes[row])]}"
            )
    # an open or unknown start: the date given is the end, and the span ends there
    first = np.where(loose_start, e.first[e_code], s.first[s_code])
    last = np.where(end_date, e.last[e_code], s.last[s_code])
    readable = ~s.bad()[s_code] & ~(end_date & e.bad()[e_code])
    for row in np.flatnonzero(readable & end_date & ~loose_start & (last < first))[:MAX_PROBLEMS].tolist():
        start, end = s.dates[s_code[row]], e.dates[e_code[row]]
        report.field(
            row,
            "end",
            f"{report.what(row)}: the end ({end}) is before the start "
            f"({start}); swap 'start' and 'end' or fix the year",
        )
    precision = np.where(loose_start, e.precision[e_code], s.precision[s_code])
    approx_dates = s.approximate[s_code] | (end_date & e.approximate[e_code])
    marks = s.marks[s_code] | np.where(end_date, e.marks[e_code], 0)
    for flags, bit in (
        (open_end, MARK_OPEN_END),
        (unknown_end, MARK_UNKNOWN_END),
        (open_start, MARK_OPEN_START),
        (unknown_start, MARK_UNKNOWN_START),
    ):
        marks = marks | np.where(flags, bit, 0)
    has_end = end_date | loose_start | loose_end
    start_texts, end_texts = s.edtf(), e.edtf()
    if flag is not None and (flag & ~approx_dates).any():
        mark = flag & ~approx_dates
        s_code = s_code + len(s_texts) * mark
        e_code = e_code + len(e_texts) * (mark & end_date)
        start_texts += s.edtf(approximate=True)
        end_texts += e.edtf(approximate=True)
        approx_dates = approx_dates | mark
    marks = (marks | np.where(approx_dates, MARK_APPROXIMATE, 0)).astype(np.int8)
    return DateColumns(
        first,
        last,
        has_end,
        precision,
        approx_dates,
        marks,
        CodedText(s_code, start_texts),
        CodedText(e_code, end_texts),
    )
