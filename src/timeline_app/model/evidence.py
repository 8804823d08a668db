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


def mentions_date(text: str, date: PartialDate) -> bool:
    """Does `text` itself give `date` at its precision (year, month and day as needed)?

    "December 2013" states a month; "in June" does not state June 2020, it leaves the year to
    context, which is what makes a date inferred.
    """
    if not re.search(rf"\b{date.year}\b", text):
        return False
    if date.precision is Precision.YEAR or date.precision is Precision.PART:
        return True
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
