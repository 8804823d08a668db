"""The pure model: dates with precision, events, sources, loading. Imports no Qt."""

from timeline_app.model.dates import DateError, DateRange, PartialDate, Precision, parse_date, parse_range
from timeline_app.model.events import Event, Excerpt, Source, Timeline
from timeline_app.model.loader import load_bytes, load_path, load_text
from timeline_app.model.problems import LoadError, Problem

__all__ = [
    "DateError",
    "DateRange",
    "Event",
    "Excerpt",
    "LoadError",
    "PartialDate",
    "Precision",
    "Problem",
    "Source",
    "Timeline",
    "load_bytes",
    "load_path",
    "load_text",
    "parse_date",
    "parse_range",
]
