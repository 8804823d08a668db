"""Date columns from date texts: each distinct text is parsed once and rows refer to it by code.

A million rows of a table hold a few tens of thousands of distinct dates; parsing those and
indexing numpy arrays by the codes is what keeps a 10^6-row load in seconds.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import lru_cache

import numpy as np

from timeline_app.model.columns import EPOCH_ORDINAL, PRECISIONS, CodedText
from timeline_app.model.dates import DateError, PartialDate, parse_date
from timeline_app.model.raw import MAX_PROBLEMS, Reporter

_PRECISION_CODE = {p: i for i, p in enumerate(PRECISIONS)}
cached_date = lru_cache(maxsize=1 << 16)(parse_date)


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
    errors: dict[int, str]

    @classmethod
    def parse(cls, texts: list[str]) -> _Distinct:
        k = len(texts)
        first, last = np.zeros(k, np.int64), np.zeros(k, np.int64)
        precision, approximate = np.zeros(k, np.int8), np.zeros(k, bool)
        dates: list[PartialDate | None] = [None] * k
        errors: dict[int, str] = {}
        for i, text in enumerate(texts):
            if not text.strip():
                continue
            try:
                date = cached_date(text)
            except DateError as exc:
                errors[i] = str(exc)
                continue
            dates[i] = date
            first[i] = date.first_day().toordinal() - EPOCH_ORDINAL
            last[i] = date.last_day().toordinal() - EPOCH_ORDINAL
            precision[i] = _PRECISION_CODE[date.precision]
            approximate[i] = date.approximate
        return cls(texts, dates, first, last, precision, approximate, errors)

    def edtf(self, *, approximate: bool = False) -> list[str]:
        """The canonical text of each date ("" where there is none)."""
        if approximate:
            return [replace(d, approximate=True).edtf() if d else "" for d in self.dates]
        return [d.edtf() if d else "" for d in self.dates]

    def bad(self) -> np.ndarray:
        """True for texts that are blank or could not be read."""
        return np.fromiter((d is None for d in self.dates), bool, len(self.dates))


@dataclass
class DateColumns:
    """Per row, in file order."""

    first: np.ndarray
    last: np.ndarray
    has_end: np.ndarray
    precision: np.ndarray
    approximate: np.ndarray
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
        starts[row], ends[row] = left, right
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
    e_given = np.fromiter((bool(t.strip()) for t in e_texts), bool, len(e_texts))
    has_end = e_given[e_code]
    for dates, codes, key in ((s, s_code, "start"), (e, e_code, "end")):
        if not dates.errors:
            continue
        bad = np.zeros(len(dates.texts), bool)
        bad[list(dates.errors)] = True
        for row in np.flatnonzero(bad[codes])[:MAX_PROBLEMS].tolist():
            label = key if key == "end" or has_end[row] else "date"
            text = dates.texts[codes[row]]
            report.field(
                row, key, f"the {label} of {report.what(row)} {text!r}: {dates.errors[int(codes[row])]}"
            )
    first = s.first[s_code]
    last = np.where(has_end, e.last[e_code], s.last[s_code])
    readable = ~s.bad()[s_code] & ~(has_end & e.bad()[e_code])
    for row in np.flatnonzero(readable & has_end & (last < first))[:MAX_PROBLEMS].tolist():
        start, end = s.dates[s_code[row]], e.dates[e_code[row]]
        report.field(
            row,
            "end",
            f"{report.what(row)}: the end ({end}) is before the start "
            f"({start}); swap 'start' and 'end' or fix the year",
        )
    precision = s.precision[s_code]
    approx_dates = s.approximate[s_code] | (has_end & e.approximate[e_code])
    start_texts, end_texts = s.edtf(), e.edtf()
    if flag is not None and (flag & ~approx_dates).any():
        mark = flag & ~approx_dates
        s_code = s_code + len(s_texts) * mark
        e_code = e_code + len(e_texts) * (mark & has_end)
        start_texts += s.edtf(approximate=True)
        end_texts += e.edtf(approximate=True)
        approx_dates = approx_dates | mark
    return DateColumns(
        first,
        last,
        has_end,
        precision,
        approx_dates,
        CodedText(s_code, start_texts),
        CodedText(e_code, end_texts),
    )
