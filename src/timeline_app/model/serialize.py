"""A timeline written out in every format it can be read from.

`timeline_to_dict` is the shape `timeline-app list --json` prints (and the JSON reader reads
back); `timeline_to_yaml_text` and `timeline_to_csv_texts` write the other two formats. Dates
are written in their EDTF form ("2014~" for an approximate year), so what is read back is the
same timeline, field for field.
"""

from __future__ import annotations

import csv
import io
from typing import Any

import yaml

from timeline_app.model.dates import DateRange, PartialDate, range_to_texts
from timeline_app.model.events import Timeline
from timeline_app.model.records import Event, Excerpt, Link, Source
from timeline_app.model.schema import EXCERPT_KEYS, LINK_KEYS, PLAIN_FLAGS, PLAIN_TEXT, SOURCE_KEYS, STATUSES

try:  # the C emitter is several times faster
    from yaml import CSafeDumper as _BaseDumper
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeDumper as _BaseDumper  # type: ignore[assignment]

_YAML_BREAKS = ("\x85", "\u2028", "\u2029")


class _Dumper(_BaseDumper):
    """Text with a YAML line break other than \\n (NEL, U+2028/9) goes in double quotes, where
    it is escaped: PyYAML's Python emitter writes NEL raw into single quotes, and reading that
    back folds it into a space."""


def _represent_str(dumper: _Dumper, text: str) -> yaml.Node:
    style = '"' if any(ch in text for ch in _YAML_BREAKS) else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", text, style=style)


_Dumper.add_representer(str, _represent_str)


def range_text(when: DateRange) -> str:
    """A date or START/END, in EDTF ("2016/2017", "2022/..", "/2023")."""
    return when.edtf()


def _excerpt_dict(excerpt: Excerpt) -> dict[str, Any]:
    item: dict[str, Any] = {"source": excerpt.source, "quote": excerpt.quote}
    if excerpt.claims_date is not None:
        item["claims_date"] = range_text(excerpt.claims_date)
    if excerpt.prefix:
        item["prefix"] = excerpt.prefix
    if excerpt.suffix:
        item["suffix"] = excerpt.suffix
    return item


def link_to_dict(link: Link) -> dict[str, Any]:
    """A link as the file writes it: what it cites (or that it is inferred), given fields only."""
    item: dict[str, Any] = {"type": link.type, "to": link.to}
    for key in ("source", "quote", "prefix", "suffix"):
        if getattr(link, key):
            item[key] = getattr(link, key)
    if link.inferred:
        item["inferred"] = True
    if link.note:
        item["note"] = link.note
    return item


def event_to_dict(event: Event) -> dict[str, Any]:
    start, end = event.when.start, event.when.end
    start_text, end_text = range_to_texts(event.when)
    data = {
        "id": event.id,
        "title": event.title,
        "category": event.category,
        "summary": event.summary,
        "start": start_text,
        "end": end_text or None,
        "precision": start.precision.value,
        "end_precision": end.precision.value if end else None,
        "approximate": event.approximate,
        "inferred": event.inferred,
        "date_text": event.when.text(),
        "date_note": event.date_note,
        "status": event.status,
        "excerpts": [_excerpt_dict(x) for x in event.excerpts],
        "links": [link_to_dict(x) for x in event.links],
    }
    for key in (*PLAIN_TEXT, *PLAIN_FLAGS):
        data.setdefault(key, getattr(event, key))
    return data


def _source_value(source: Source, key: str) -> Any:
    value = getattr(source, key)
    if isinstance(value, tuple):
        return list(value)
    return value.edtf() if isinstance(value, PartialDate) else value


def source_to_dict(source: Source) -> dict[str, Any]:
    data = {key: _source_value(source, key) for key in SOURCE_KEYS}
    data["citation"] = source.citation()
    return data


def timeline_to_dict(timeline: Timeline) -> dict[str, Any]:
    return {
        "title": timeline.title,
        "description": timeline.description,
        "events": [event_to_dict(e) for e in timeline.events],
        "sources": {sid: source_to_dict(s) for sid, s in timeline.sources.items()},
    }


def _yaml_event(event: Event) -> dict[str, Any]:
    data: dict[str, Any] = {"id": event.id, "title": event.title}
    if event.when.end is None:
        data["date"] = event.when.edtf()
    else:
        data["start"], data["end"] = event.when.start.edtf(), event.when.end.edtf()
    data["category"] = event.category
    for key in (*PLAIN_TEXT, *PLAIN_FLAGS):
        value = getattr(event, key)
        if value:
            data[key] = value
    if event.status != STATUSES[0]:
        data["status"] = event.status
    if event.excerpts:
        data["excerpts"] = [_excerpt_dict(x) for x in event.excerpts]
    if event.links:
        data["links"] = [link_to_dict(x) for x in event.links]
    return data


def _yaml_source(source: Source) -> dict[str, Any]:
    values = {key: _source_value(source, key) for key in SOURCE_KEYS}
    return {key: value for key, value in values.items() if value not in (None, "", False, [])}


def timeline_to_yaml_text(timeline: Timeline) -> str:
    """The timeline as a YAML file (defaults such as `inferred: false` are left out)."""
    data: dict[str, Any] = {"title": timeline.title}
    if timeline.description:
        data["description"] = timeline.description
    if timeline.sources:
        data["sources"] = {sid: _yaml_source(s) for sid, s in timeline.sources.items()}
    data["events"] = [_yaml_event(e) for e in timeline.events]
    return yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=1 << 30)


CSV_EVENT_COLUMNS = (
    "id",
    "title",
    "start",
    "end",
    "category",
    *PLAIN_TEXT,
    *PLAIN_FLAGS,
    "status",
    *EXCERPT_KEYS,
)
CSV_LINK_COLUMNS = ("event", *LINK_KEYS)
CSV_SOURCE_COLUMNS = ("id", *SOURCE_KEYS)


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, tuple):
        return " ".join(value)  # ids hold no spaces
    return value.edtf() if isinstance(value, PartialDate) else str(value)


def timeline_to_csv_texts(timeline: Timeline) -> tuple[str, str]:
    """The events table and its `<stem>.sources.csv` sidecar.

    An event with several excerpts takes one row per excerpt: the first row carries the event,
    the rows after it only its id and one more excerpt each.
    """
    events = io.StringIO(newline="")
    writer = csv.writer(events)
    writer.writerow(CSV_EVENT_COLUMNS)
    blank = [""] * (len(CSV_EVENT_COLUMNS) - 1 - len(EXCERPT_KEYS))
    for event in timeline.events:
        when = event.when
        row = [
            event.id,
            event.title,
            *range_to_texts(when),
            event.category,
            *(_cell(getattr(event, k)) for k in (*PLAIN_TEXT, *PLAIN_FLAGS)),
            event.status,
        ]
        excerpts = [_excerpt_dict(x) for x in event.excerpts] or [{}]
        for k, excerpt in enumerate(excerpts):
            cells = [excerpt.get(key, "") for key in EXCERPT_KEYS]
            writer.writerow(row + cells if k == 0 else [event.id, *blank, *cells])
    sources = io.StringIO(newline="")
    writer = csv.writer(sources)
    writer.writerow(CSV_SOURCE_COLUMNS)
    for source in timeline.sources.values():
        writer.writerow([source.id, *(_cell(getattr(source, k)) for k in SOURCE_KEYS)])
    return events.getvalue(), sources.getvalue()


def timeline_to_csv_links_text(timeline: Timeline, *, empty: bool = False) -> str | None:
    """The `<stem>.links.csv` sidecar: one link a row, after the id of the event it starts
    from; None when no event has a link (or, with `empty`, the header alone)."""
    links = timeline.columns.links
    if (links is None or not any(links)) and not empty:
        return None
    text = io.StringIO(newline="")
    writer = csv.writer(text)
    writer.writerow(CSV_LINK_COLUMNS)
    for event_id, items in zip(timeline.columns.ids, links or (), strict=bool(links)):
        for link in items:
            writer.writerow([event_id, *(_cell(getattr(link, key)) for key in LINK_KEYS)])
    return text.getvalue()
