"""Turn a timeline file into a `Timeline`, or into the list of every problem in it."""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable
from functools import lru_cache
from typing import TypeVar
from pathlib import Path

import yaml

from timeline_app.model.dates import DateError, DateRange, PartialDate, parse_date, parse_range
from timeline_app.model.events import Event, Excerpt, Source, Timeline, sort_events
from timeline_app.model.gcpause import gc_paused
from timeline_app.model.problems import LoadError, Problem
from timeline_app.model.yaml_nodes import NodeReader, compose

MAX_FILE_BYTES = 1024 * 1024 * 1024  # CSV/JSON tables of 10^6 rows run to a few hundred MB
MAX_YAML_BYTES = 16 * 1024 * 1024  # ~150k events; larger tables belong in CSV or JSON
MAX_TITLE = 1_000
MAX_TEXT = 100_000
_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._:-]*$")

TOP_KEYS = ("title", "description", "sources", "events")
SOURCE_KEYS = ("title", "author", "publisher", "published", "published_inferred",
               "published_note", "url", "file")
EVENT_KEYS = ("id", "title", "date", "start", "end", "category", "summary", "excerpts",
              "inferred", "approximate", "date_note")
EXCERPT_KEYS = ("source", "quote", "claims_date")


T = TypeVar("T")
_cached_date = lru_cache(maxsize=1 << 16)(parse_date)
_cached_range = lru_cache(maxsize=1 << 16)(parse_range)


def load_path(path: str | Path) -> Timeline:
    """Load a timeline file; raises `LoadError` listing every problem found."""
    with gc_paused():
        return _load_path(Path(path))


def _load_path(path: Path) -> Timeline:
    name = str(path)
    try:
        size = path.stat().st_size
        limit = MAX_FILE_BYTES if path.suffix.lower() in (".csv", ".json") else MAX_YAML_BYTES
        if size > limit:
            raise LoadError([Problem(name, 0, 0, f"the file is {size / 2**20:.0f} MB; files "
                                                 f"of this type may be at most "
                                                 f"{limit // 2**20} MB (use CSV or JSON for "
                                                 "large tables)")])
        data = path.read_bytes()
    except OSError as exc:
        raise LoadError([Problem(name, 0, 0, f"cannot read the file: {exc.strerror or exc}")])
    suffix = path.suffix.lower()
    if suffix in (".csv", ".json"):
        from timeline_app.model.tables import load_csv_text, load_json_text

        reader = load_csv_text if suffix == ".csv" else load_json_text
        return reader(decode(data, name), name, path.stem).with_path(path)
    return load_bytes(data, name).with_path(path)


def load_bytes(data: bytes, file: str = "<data>") -> Timeline:
    return load_text(decode(data, file), file)


def decode(data: bytes, file: str) -> str:
    """UTF-8 text, or a problem that says where the first byte of another encoding sits."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise LoadError([Problem(file, 1, 1, "the file is UTF-16 text; save it as UTF-8")])
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        before = data[: exc.start]
        line = before.count(b"\n") + 1
        column = exc.start - (before.rfind(b"\n") + 1) + 1
        raise LoadError([Problem(file, line, column,
                                 f"byte 0x{data[exc.start]:02X} is not UTF-8 text; save the file "
                                 "as UTF-8 (it may be Latin-1 or binary data)")]) from None


def load_text(text: str, file: str = "<data>") -> Timeline:
    if "\x00" in text:
        line = text[: text.index("\x00")].count("\n") + 1
        raise LoadError([Problem(file, line, 1, "the file holds a NUL byte: it is binary data, "
                                                "not a YAML timeline")])
    root, problems = compose(text, file)
    if problems:
        raise LoadError(problems)
    if root is None:
        raise LoadError([Problem(file, 1, 1, "the file is empty; a timeline needs 'events:' "
                                             "(and usually 'sources:')")])
    reader = NodeReader(file, [])
    timeline = _read_timeline(reader, root)
    if reader.problems or timeline is None:
        raise LoadError(reader.problems)
    return timeline


def _unknown_keys(reader: NodeReader, entries: dict, allowed: tuple[str, ...], what: str) -> None:
    for key, (key_node, _) in entries.items():
        if key not in allowed:
            close = difflib.get_close_matches(key, allowed, n=1)
            hint = f"did you mean {close[0]!r}?" if close else f"allowed: {', '.join(allowed)}"
            reader.report(key_node, f"unknown key {key!r} in {what}; {hint}")


def _read_timeline(reader: NodeReader, root: yaml.Node) -> Timeline | None:
    entries = reader.mapping(root, "the file")
    if entries is None:
        return None
    _unknown_keys(reader, entries, TOP_KEYS, "the file")
    title = "Timeline"
    if "title" in entries:
        title = reader.text(entries["title"][1], "the timeline's 'title'", max_length=MAX_TITLE) or title
    description = ""
    if "description" in entries:
        description = reader.text(entries["description"][1], "'description'", max_length=MAX_TEXT) or ""
    sources: dict[str, Source] = {}
    if "sources" in entries:
        sources = _read_sources(reader, entries["sources"][1])
    if "events" not in entries:
        reader.report(root, "the file has no 'events:' list; add one with at least one event")
        return None
    events = _read_events(reader, entries["events"][1], sources, "sources" in entries)
    return Timeline(title, sort_events(events), sources, description)


def _read_sources(reader: NodeReader, node: yaml.Node) -> dict[str, Source]:
    entries = reader.mapping(node, "'sources'")
    sources: dict[str, Source] = {}
    for source_id, (key_node, value_node) in (entries or {}).items():
        if not _ID.match(source_id):
            reader.report(key_node, f"source id {source_id!r} may hold only letters, digits, "
                                    "'.', '_', ':' and '-'")
            continue
        source = _read_source(reader, source_id, value_node)
        if source is not None:
            sources[source_id] = source
    return sources


def _optional_text(reader: NodeReader, fields: dict, key: str, what: str,
                   max_length: int = MAX_TEXT) -> str | None:
    if key not in fields:
        return None
    return reader.text(fields[key][1], what, max_length=max_length, allow_numbers=True)


def _read_source(reader: NodeReader, source_id: str, node: yaml.Node) -> Source | None:
    what = f"source {source_id!r}"
    fields = reader.mapping(node, what)
    if fields is None:
        return None
    _unknown_keys(reader, fields, SOURCE_KEYS, what)
    if "title" not in fields:
        reader.report(node, f"{what} has no 'title'; add the document's title")
        return None
    title = reader.text(fields["title"][1], f"the title of {what}", max_length=MAX_TITLE)
    published: PartialDate | None = None
    if "published" in fields:
        published = _date(reader, fields["published"][1], f"the publication date of {what}")
    inferred = False
    if "published_inferred" in fields:
        inferred = bool(reader.flag(fields["published_inferred"][1], "'published_inferred'"))
    url = _optional_text(reader, fields, "url", f"the url of {what}", 2_000)
    if url is not None and not re.match(r"^https?://", url, re.I):
        reader.report(fields["url"][1], f"the url of {what} must start with http:// or https://")
        url = None
    if title is None:
        return None
    return Source(
        id=source_id,
        title=title,
        author=_optional_text(reader, fields, "author", f"the author of {what}", MAX_TITLE),
        publisher=_optional_text(reader, fields, "publisher", f"the publisher of {what}", MAX_TITLE),
        published=published,
        published_inferred=inferred,
        published_note=_optional_text(reader, fields, "published_note", "'published_note'") or "",
        url=url,
        file=_optional_text(reader, fields, "file", f"the file of {what}", 1_000),
    )


def _parsed(reader: NodeReader, node: yaml.Node, what: str,
            parse: Callable[[str], T]) -> T | None:
    """A date field read with `parse`, or None after reporting why it cannot be read."""
    text = reader.text(node, what, max_length=200, allow_numbers=True)
    if text is None:
        return None
    try:
        return parse(text)
    except DateError as exc:
        reader.report(node, f"{what} {text!r}: {exc}")
        return None


def _date(reader: NodeReader, node: yaml.Node, what: str) -> PartialDate | None:
    return _parsed(reader, node, what, _cached_date)


def _range(reader: NodeReader, node: yaml.Node, what: str) -> DateRange | None:
    return _parsed(reader, node, what, _cached_range)


def _read_events(reader: NodeReader, node: yaml.Node, sources: dict[str, Source],
                 has_sources: bool) -> list[Event]:
    items = reader.sequence(node, "'events'")
    events: list[Event] = []
    first_line: dict[str, int] = {}
    for item in items or []:
        event = _read_event(reader, item, sources, has_sources)
        if event is None:
            continue
        if event.id in first_line:
            reader.report(item, f"duplicate event id {event.id!r} (first used on line "
                                f"{first_line[event.id]}); give each event its own id")
            continue
        first_line[event.id] = event.line
        events.append(event)
    if items is not None and not items:
        reader.report(node, "'events' is empty; add at least one event")
    return events


def _read_event(reader: NodeReader, node: yaml.Node, sources: dict[str, Source],
                has_sources: bool) -> Event | None:
    fields = reader.mapping(node, "an event")
    if fields is None:
        return None
    line = reader.where(node)[0]
    event_id = reader.text(fields["id"][1], "the event 'id'", max_length=200,
                           allow_numbers=True) if "id" in fields else None
    what = f"event {event_id!r}" if event_id else f"the event on line {line}"
    _unknown_keys(reader, fields, EVENT_KEYS, what)
    ok = event_id is not None
    if "id" not in fields:
        reader.report(node, f"{what} has no 'id'; add a short unique one, e.g. id: nss-2013")
    elif event_id is not None and not _ID.match(event_id):
        reader.report(fields["id"][1], f"event id {event_id!r} may hold only letters, digits, "
                                       "'.', '_', ':' and '-'")
        ok = False
    for required in ("title", "category"):
        if required not in fields:
            reader.report(node, f"{what} has no '{required}'; add one")
            ok = False
    title = reader.text(fields["title"][1], f"the title of {what}",
                        max_length=MAX_TITLE) if "title" in fields else None
    category = reader.text(fields["category"][1], f"the category of {what}",
                           max_length=200) if "category" in fields else None
    summary = _optional_text(reader, fields, "summary", f"the summary of {what}") or ""
    when = _read_when(reader, node, fields, what)
    excerpts = _read_excerpts(reader, fields, what, sources, has_sources)
    inferred = reader.flag(fields["inferred"][1], "'inferred'") if "inferred" in fields else False
    approximate = (reader.flag(fields["approximate"][1], "'approximate'")
                   if "approximate" in fields else False)
    date_note = _optional_text(reader, fields, "date_note", "'date_note'") or ""
    if not ok or title is None or category is None or when is None or excerpts is None:
        return None
    if approximate:
        when = _as_approximate(when)
    return Event(event_id, title, when, category, summary, tuple(excerpts), bool(inferred),
                 date_note, line)


def _as_approximate(when: DateRange) -> DateRange:
    def approx(d: PartialDate) -> PartialDate:
        return PartialDate(d.year, d.month, d.day, d.season, d.part, True)
    return DateRange(approx(when.start), approx(when.end) if when.end else None)


def _read_when(reader: NodeReader, node: yaml.Node, fields: dict, what: str) -> DateRange | None:
    if "date" in fields:
        if "start" in fields or "end" in fields:
            reader.report(fields["date"][0], f"{what} has both 'date' and 'start'/'end'; "
                                             "use 'date' for one date or 'start' and 'end' "
                                             "for a span")
            return None
        return _range(reader, fields["date"][1], f"the date of {what}")
    if "start" not in fields:
        reader.report(node, f"{what} has no date; add 'date: 2013-12' (or 'start:' and 'end:')")
        return None
    start = _date(reader, fields["start"][1], f"the start of {what}")
    end = _date(reader, fields["end"][1], f"the end of {what}") if "end" in fields else None
    if start is None or ("end" in fields and end is None):
        return None
    try:
        return DateRange(start, end)
    except DateError as exc:
        reader.report(fields["end"][1], f"{what}: {exc}; swap 'start' and 'end' or fix the year")
        return None


def _read_excerpts(reader: NodeReader, fields: dict, what: str, sources: dict[str, Source],
                   has_sources: bool) -> list[Excerpt] | None:
    if "excerpts" not in fields:
        return []
    items = reader.sequence(fields["excerpts"][1], f"the excerpts of {what}")
    if items is None:
        return None
    excerpts: list[Excerpt] = []
    for item in items:
        excerpt = _read_excerpt(reader, item, what, sources, has_sources)
        if excerpt is None:
            return None
        excerpts.append(excerpt)
    return excerpts


def _read_excerpt(reader: NodeReader, node: yaml.Node, what: str, sources: dict[str, Source],
                  has_sources: bool) -> Excerpt | None:
    fields = reader.mapping(node, f"an excerpt of {what}")
    if fields is None:
        return None
    _unknown_keys(reader, fields, EXCERPT_KEYS, f"an excerpt of {what}")
    for required in ("source", "quote"):
        if required not in fields:
            reader.report(node, f"an excerpt of {what} has no '{required}'; add one")
            return None
    source = reader.text(fields["source"][1], "the excerpt's 'source'", max_length=200,
                         allow_numbers=True)
    quote = reader.text(fields["quote"][1], "the excerpt's 'quote'")
    claims = (_range(reader, fields["claims_date"][1], "the excerpt's 'claims_date'")
              if "claims_date" in fields else None)
    if source is None or quote is None:
        return None
    if not quote.strip():
        reader.report(fields["quote"][1], f"an excerpt of {what} has an empty quote; paste the "
                                          "passage from the source, word for word")
        return None
    if source not in sources:
        known = ", ".join(sorted(sources)) or "none: add a 'sources:' section"
        if has_sources or not sources:
            close = difflib.get_close_matches(source, list(sources), n=1)
            hint = f"did you mean {close[0]!r}?" if close else f"known sources: {known}"
            reader.report(fields["source"][1], f"an excerpt of {what} cites source {source!r}, "
                                               f"which is not under 'sources'; {hint}")
        return None
    if "claims_date" in fields and claims is None:
        return None
    return Excerpt(source, quote, claims, reader.where(node)[0])
