"""How well each date is known: sources in publication order, citation numbers, and which
passages state an event's date themselves."""

from __future__ import annotations

import calendar
import re

from timeline_app.model.dates import PartialDate, Precision
from timeline_app.model.events import Event, Excerpt, Source, Timeline


def _published_key(source: Source) -> tuple[int, str]:
    return (source.published.first_day() if source.published else 1 << 62, source.id)


def sources_by_publication(timeline: Timeline) -> list[Source]:
    """Every source, earliest publication first (undated ones last)."""
    return sorted(timeline.sources.values(), key=_published_key)


def citation_numbers(timeline: Timeline) -> dict[str, int]:
    """Source id -> its number in the citation list (1-based, publication order)."""
    return {s.id: n for n, s in enumerate(sources_by_publication(timeline), start=1)}


def _month_pattern(month: int) -> str:
    full, short = calendar.month_name[month], calendar.month_abbr[month]
    return rf"\b(?:{full}|{short}\.?)"


_PART_WORDS = {  # words that state a part of a year (EDTF codes 33-41)
    33: r"first quarter|Q1",
    34: r"second quarter|Q2",
    35: r"third quarter|Q3",
    36: r"fourth quarter|Q4",
    37: r"start|beginning|early",
    38: r"mid|middle",
    39: r"end|late",
    40: r"first half",
    41: r"second half",
}


def _year_pattern(year: int) -> str:
    """The year as a text writes it: 2013; 44 BC / 44 BCE / 44 B.C.; 12,000 or 12000."""
    n = 1 - year if year <= 0 else year
    digits = f"{n:,}".replace(",", ",?") if n >= 10_000 else str(n)
    number = rf"(?<!\d)(?<!\d,){digits}(?!\d|,\d)"
    return number + r"\s*(?:BCE?|B\.C\.)" if year <= 0 else number


def mentions_date(text: str, date: PartialDate) -> bool:
    """Does `text` itself give `date` at its precision (year, month and day as needed)?

    "December 2013" states a month; "in June" does not state June 2020, it leaves the year to
    context, which is what makes a date inferred. A part of a year needs its words ("end of",
    "first half") as well as the year; a decade or century written with X digits is never
    counted as stated here (its words vary too much to be sure).
    """
    if date.year_span > 1 or not re.search(_year_pattern(date.year), text):
        return False
    if date.precision is Precision.YEAR:
        return True
    if date.precision is Precision.PART:
        return bool(re.search(rf"\b(?:{_PART_WORDS[date.group or 0]})", text, re.I))
    if date.precision is Precision.SEASON:
        return bool(re.search(rf"\b{date.season}\b", text, re.I))
    if not re.search(_month_pattern(date.month or 0), text):
        return False
    if date.precision is Precision.MONTH:
        return True
    return bool(re.search(rf"(?<!\d){date.day}(?!\d)", text))


def states_event_date(excerpt: Excerpt, event: Event) -> bool:
    """The passage gives the event's own date (a `claims_date` agreeing with it, or the text)."""
    if excerpt.claims_date is not None:
        return excerpt not in event.conflicting_excerpts()
    return mentions_date(excerpt.quote, event.when.start)


def source_count_text(sources: int, independent: int) -> str:
    """How much support an event has, in the panel's words: "1 source", "3 sources", or
    "2 reports, 1 independent" when some rewrite others; "no source" for none."""
    if sources == 0:
        return "no source"
    if independent < sources:
        return f"{sources} reports, {independent} independent"
    return f"{sources} source" + ("s" if sources != 1 else "")
