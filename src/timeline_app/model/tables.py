"""Large timelines from CSV and JSON, read straight into columns.

CSV: a header row `id,title,start,end,category,summary` (`end` and `summary` optional) plus
optional `source`,`quote` (one excerpt), `approximate`, `inferred` and `date_note` columns.
JSON: the shape `timeline-app list --json` prints.

Work is per column, not per row: each distinct date text is parsed once and rows refer to it by
a code; lists are reordered by C-level `itemgetter`; line numbers are looked up only when there
is a problem to report.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from operator import itemgetter
from typing import Any

import numpy as np

from timeline_app.model.columns import EPOCH_ORDINAL, PRECISIONS, CodedText, EventColumns, LazyEvents
from timeline_app.model.dates import DateError, parse_date, parse_range
from timeline_app.model.events import Excerpt, Source, Timeline
from timeline_app.model.problems import LoadError, Problem

MAX_PROBLEMS = 200
TRUE = {"true", "yes", "1", "y"}
FALSE = {"false", "no", "0", "n", ""}
_PRECISION_CODE = {p: i for i, p in enumerate(PRECISIONS)}

Locate = Callable[[int, str], tuple[int, int]]  # (row, field) -> (line, column)


@dataclass
class RawColumns:
    """Text columns as read, one entry per row in file order."""

    ids: Sequence[str]
    titles: Sequence[str]
    starts: Sequence[str]
    ends: Sequence[str]  # "" for none
    categories: Sequence[str]
    summaries: Sequence[str]
    approximate: np.ndarray | None = None
    inferred: np.ndarray | None = None
    excerpts: list[tuple[Excerpt, ...]] | None = None
    notes: Sequence[str] | None = None


class _Problems:
    def __init__(self, file: str) -> None:
        self.file = file
        self.items: list[Problem] = []
        self.more = 0

    def add(self, place: tuple[int, int], message: str) -> None:
        if len(self.items) < MAX_PROBLEMS:
            self.items.append(Problem(self.file, place[0], place[1], message))
        else:
            self.more += 1

    def raise_if_any(self) -> None:
        if self.items:
            if self.more:
                self.items.append(Problem(self.file, 0, 0, f"... and {self.more} more problems"))
            raise LoadError(self.items)


def _date_codes(texts: Sequence[str]) -> tuple[np.ndarray, list[str]]:
    """Rows -> code of their distinct text, and the distinct texts."""
    code: dict[str, int] = {}
    codes = np.fromiter((code.setdefault(t, len(code)) for t in texts), np.int64, len(texts))
    return codes, list(code)


def _parse_distinct(distinct: list[str], allow_empty: bool):  # type: ignore[no-untyped-def]
    """first, last (days since 1970), precision, approximate per distinct text; errors by index."""
    k = len(distinct)
    first = np.zeros(k, np.int64)
    last = np.zeros(k, np.int64)
    precision = np.zeros(k, np.int8)
    approx = np.zeros(k, bool)
    errors: dict[int, str] = {}
    for i, text in enumerate(distinct):
        if allow_empty and not text:
            continue
        try:
            date = parse_date(text)
        except DateError as exc:
            errors[i] = str(exc)
            continue
        first[i] = date.first_day().toordinal() - EPOCH_ORDINAL
        last[i] = date.last_day().toordinal() - EPOCH_ORDINAL
        precision[i] = _PRECISION_CODE[date.precision]
        approx[i] = date.approximate
    return first, last, precision, approx, errors


def build_timeline(raw: RawColumns, title: str, sources: dict[str, Source], file: str,
                   locate: Locate) -> Timeline:
    """Validate text columns, parse dates once per distinct text, sort, and make a Timeline."""
    n = len(raw.ids)
    problems = _Problems(file)
    if n == 0:
        raise LoadError([Problem(file, 1, 1, "the file holds no events")])
    for name, column in (("id", raw.ids), ("title", raw.titles), ("category", raw.categories),
                         ("start", raw.starts)):
        if not all(column) or (len(column) < 100_000 and not all(map(str.strip, column))):
            for row in (r for r, v in enumerate(column) if not v.strip()):
                problems.add(locate(row, name), f"'{name}' is empty; every event needs one")
    start_code, start_texts = _date_codes(raw.starts)
    end_code, end_texts = _date_codes(raw.ends)
    s_first, s_last, s_prec, s_approx, s_errors = _parse_distinct(start_texts, allow_empty=True)
    e_first, e_last, _, e_approx, e_errors = _parse_distinct(end_texts, allow_empty=True)
    for errors, codes, texts, name in ((s_errors, start_code, start_texts, "start"),
                                       (e_errors, end_code, end_texts, "end")):
        if errors:
            bad = np.zeros(len(texts), bool)
            bad[list(errors)] = True
            for row in np.flatnonzero(bad[codes])[:MAX_PROBLEMS].tolist():
                text = texts[codes[row]]
                problems.add(locate(row, name), f"{name} {text!r}: {errors[int(codes[row])]}")
    has_end = np.fromiter(map(bool, end_texts), bool, len(end_texts))[end_code]
    first = s_first[start_code]
    last = np.where(has_end, e_last[end_code], s_last[start_code])
    for row in np.flatnonzero(has_end & (last < first))[:MAX_PROBLEMS].tolist():
        problems.add(locate(row, "end"), f"the end ({raw.ends[row]}) is before the start "
                                         f"({raw.starts[row]}); swap them or fix the year")
    if len(set(raw.ids)) != n:
        seen: dict[str, int] = {}
        for row, event_id in enumerate(raw.ids):
            if event_id in seen:
                problems.add(locate(row, "id"), f"duplicate event id {event_id!r} (first in "
                                                f"row {seen[event_id] + 1}); give each its own id")
            seen.setdefault(event_id, row)
    problems.raise_if_any()
    approximate = s_approx[start_code] | (has_end & e_approx[end_code])
    if raw.approximate is not None:
        approximate |= raw.approximate
    order = np.lexsort((last, first))
    in_order = bool(np.all(order[1:] > order[:-1]))
    pick = itemgetter(*order.tolist()) if not in_order and n > 1 else None

    def arrange(values: Sequence[Any]) -> list[Any]:
        return list(values) if pick is None else list(pick(values))

    def array(values: np.ndarray) -> np.ndarray:
        return values if pick is None else values[order]

    category_code, names_in_file = _date_codes(raw.categories)
    category_code = array(category_code)
    names = tuple(names_in_file[c] for c in dict.fromkeys(category_code.tolist()))
    renumber = np.array([names.index(name) for name in names_in_file], np.int32)
    excerpts = arrange(raw.excerpts) if raw.excerpts is not None else None
    n_sources = (np.fromiter((len({x.source for x in e}) for e in excerpts), np.int32, n)
                 if excerpts is not None else np.zeros(n, np.int32))

    def text(values: Sequence[str] | None) -> Sequence[str] | None:
        if values is None:
            return None
        return CodedText.repeat("", n) if not any(values) else arrange(values)

    columns = EventColumns(
        ids=arrange(raw.ids), titles=arrange(raw.titles), summaries=text(raw.summaries) or [],
        category=renumber[category_code], categories=names, first_day=array(first),
        last_day=array(last), is_span=array(has_end), precision=array(s_prec[start_code]),
        approximate=array(approximate),
        inferred=array(raw.inferred) if raw.inferred is not None else np.zeros(n, bool),
        n_sources=n_sources, conflict=np.zeros(n, bool),
        starts=CodedText(array(start_code), start_texts),
        ends=CodedText(array(end_code), end_texts), excerpts=excerpts,
        date_notes=text(raw.notes),
    )
    return Timeline(title, LazyEvents(columns), sources, given_columns=columns)


def _flags(column: Sequence[str], name: str, problems: _Problems, locate: Locate) -> np.ndarray:
    distinct = {v: v.strip().lower() for v in set(column)}
    for value, lowered in distinct.items():
        if lowered not in TRUE | FALSE:
            row = column.index(value)
            problems.add(locate(row, name), f"'{name}' must be true or false, not {value!r}")
    truth = {v: lowered in TRUE for v, lowered in distinct.items()}
    return np.fromiter(map(truth.__getitem__, column), bool, len(column))


CSV_REQUIRED = ("id", "title", "start", "category")
CSV_OPTIONAL = ("end", "summary", "source", "quote", "approximate", "inferred", "date_note")


def load_csv_text(text: str, file: str, title: str) -> Timeline:
    header, columns_or_rows = _read_csv(text, file)
    missing = [c for c in CSV_REQUIRED if c not in header]
    unknown = [c for c in header if c not in CSV_REQUIRED + CSV_OPTIONAL]
    if missing or unknown:
        problems = [Problem(file, 1, 1, f"the header has no {c!r} column") for c in missing]
        problems += [Problem(file, 1, header.index(c) + 1, f"unknown column {c!r}; known: "
                             f"{', '.join(CSV_REQUIRED + CSV_OPTIONAL)}") for c in unknown]
        raise LoadError(problems)
    width = len(header)
    problems = _Problems(file)
    lines: list[int] | None = None

    def locate(row: int, name: str) -> tuple[int, int]:
        nonlocal lines
        if lines is None:  # only on the error path: where each row starts
            lines = _csv_row_lines(text)
        return lines[row] if row < len(lines) else 0, header.index(name) + 1 if name in header else 1

    if isinstance(columns_or_rows, _Rows):
        rows = columns_or_rows.rows
        for row, fields in enumerate(rows):
            if len(fields) != width:
                problems.add(locate(row, "id"), f"this row has {len(fields)} fields, the header "
                                                f"{width}; quote fields that contain commas")
        problems.raise_if_any()
        columns = list(zip(*rows)) if rows else [()] * width
    else:
        columns = columns_or_rows
    n_rows = len(columns[0]) if columns else 0
    col = {name: columns[header.index(name)] for name in header}
    empty = CodedText.repeat("", n_rows)
    excerpts = None
    if "quote" in col:
        source = col.get("source", empty)
        excerpts = [(Excerpt(s, q),) if q.strip() else () for s, q in zip(source, col["quote"])]
    flags = {name: _flags(col[name], name, problems, locate) if name in col else None
             for name in ("approximate", "inferred")}
    problems.raise_if_any()
    raw = RawColumns(col["id"], col["title"], col["start"], col.get("end", empty), col["category"],
                     col.get("summary", empty), flags["approximate"], flags["inferred"],
                     excerpts, col.get("date_note"))
    return build_timeline(raw, title, {}, file, locate)


@dataclass
class _Rows:
    rows: list[list[str]]


def _read_csv(text: str, file: str) -> tuple[list[str], list[Sequence[str]] | _Rows]:
    """The header and the columns; quote-free files are split directly (3x faster)."""
    lines = text.splitlines()
    while lines and not lines[-1].strip():
        lines.pop()
    if not lines:
        raise LoadError([Problem(file, 1, 1, "the file is empty; the first line must be the "
                                             "header id,title,start,end,category,summary")])
    if '"' not in text:
        header = [h.strip().lower() for h in lines[0].split(",")]
        commas = len(header) - 1
        if all(line.count(",") == commas for line in lines[1:]):
            flat = ",".join(lines[1:]).split(",") if len(lines) > 1 else []
            width = len(header)
            return header, [flat[i::width] for i in range(width)]
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = [h.strip().lower() for h in next(reader)]
        rows = [row for row in reader if row]
    except csv.Error as exc:
        raise LoadError([Problem(file, reader.line_num, 1, f"CSV error: {exc}")]) from None
    return header, _Rows(rows)


def _csv_row_lines(text: str) -> list[int]:
    """The line each data row starts on (quoted fields may span lines)."""
    reader = csv.reader(io.StringIO(text, newline=""))
    next(reader, None)
    lines = []
    start = reader.line_num + 1
    for row in reader:
        if row:
            lines.append(start)
        start = reader.line_num + 1
    return lines


def load_json_text(text: str, file: str, title: str) -> Timeline:
    """The `list --json` shape; positions of problems are found only when there are some."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise LoadError([Problem(file, exc.lineno, exc.colno, f"JSON syntax error: {exc.msg}")]) from None
    if not isinstance(data, dict) or not isinstance(data.get("events"), list):
        raise LoadError([Problem(file, 1, 1, "a JSON timeline is an object with an \"events\" "
                                             "list (the shape 'timeline-app list --json' prints)")])

    def locate(row: int, name: str) -> tuple[int, int]:
        return _locate(text, ("events", row, name))

    problems = _Problems(file)
    events = data["events"]
    for row, item in enumerate(events):
        if not isinstance(item, dict):
            problems.add(_locate(text, ("events", row)), "each event must be an object")
    problems.raise_if_any()
    sources = _json_sources(data.get("sources") or {}, file, text)

    present = set(events[0]) if events else set()
    for item in events[1:]:
        if item.keys() != present:  # mixed shapes: look at every key any event has
            present = set().union(*events)
            break

    def text_column(name: str, required: bool) -> Sequence[str]:
        if name not in present and not required:
            return CodedText.repeat("", len(events))
        values = [e.get(name) for e in events]
        if all(type(v) is str for v in values):
            return values  # type: ignore[return-value]
        for row, value in enumerate(values):
            if value is None and not required:
                continue
            if type(value) is not str:
                problems.add(locate(row, name), f"'{name}' must be text"
                             + (" and is required" if value is None else ""))
        return [v if type(v) is str else "" for v in values]

    def flag_column(name: str) -> np.ndarray | None:
        if name not in present:
            return None
        return np.fromiter((bool(e.get(name)) for e in events), bool, len(events))

    ids, titles = text_column("id", True), text_column("title", True)
    starts, categories = text_column("start", True), text_column("category", True)
    ends, summaries = text_column("end", False), text_column("summary", False)
    notes = text_column("date_note", False)
    excerpts = [_json_excerpts(x, row, problems, text, sources) if x else ()
                for row, x in enumerate(e.get("excerpts") for e in events)]
    problems.raise_if_any()
    raw = RawColumns(ids, titles, starts, ends, categories, summaries,
                     flag_column("approximate"), flag_column("inferred"), excerpts, notes)
    return build_timeline(raw, str(data.get("title") or title), sources, file, locate)


def _json_excerpts(items: Any, row: int, problems: _Problems, text: str,
                   sources: dict[str, Source]) -> tuple[Excerpt, ...]:
    if not items:
        return ()
    if not isinstance(items, list):
        problems.add(_locate(text, ("events", row, "excerpts")), "'excerpts' must be a list")
        return ()
    result = []
    for k, item in enumerate(items):
        place = ("events", row, "excerpts", k)
        if (not isinstance(item, dict) or not isinstance(item.get("source"), str)
                or not isinstance(item.get("quote"), str) or not item["quote"].strip()):
            problems.add(_locate(text, place), "an excerpt needs a 'source' id and a non-empty 'quote'")
            continue
        if sources and item["source"] not in sources:
            problems.add(_locate(text, (*place, "source")),
                         f"source {item['source']!r} is not under \"sources\"")
            continue
        claims = None
        if isinstance(item.get("claims_date"), str):
            try:
                claims = parse_range(item["claims_date"])
            except DateError as exc:
                problems.add(_locate(text, (*place, "claims_date")), f"claims_date: {exc}")
        result.append(Excerpt(item["source"], item["quote"], claims))
    return tuple(result)


def _json_sources(raw: Any, file: str, text: str) -> dict[str, Source]:
    if not isinstance(raw, dict):
        raise LoadError([Problem(file, *_locate(text, ("sources",)), "\"sources\" must be an object")])
    sources = {}
    for source_id, item in raw.items():
        if not isinstance(item, dict) or not isinstance(item.get("title"), str):
            raise LoadError([Problem(file, *_locate(text, ("sources", source_id)),
                                     f"source {source_id!r} needs a \"title\"")])
        published = None
        if isinstance(item.get("published"), str):
            try:
                published = parse_date(item["published"])
            except DateError:
                published = None
        url = item.get("url") if isinstance(item.get("url"), str) else None

        def text_or_none(key: str) -> str | None:
            value = item.get(key)
            return value if isinstance(value, str) else None

        sources[source_id] = Source(
            source_id, item["title"], text_or_none("author"), text_or_none("publisher"),
            published, bool(item.get("published_inferred")), text_or_none("published_note") or "",
            url if url and url.lower().startswith(("http://", "https://")) else None,
            text_or_none("file"))
    return sources


def _locate(text: str, path: tuple[Any, ...]) -> tuple[int, int]:
    """Line and column of a JSON value, found by composing the text as YAML (errors only)."""
    import yaml

    try:
        node = yaml.compose(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except yaml.YAMLError:
        return 0, 0
    for step in path:
        if isinstance(node, yaml.MappingNode):
            match = [v for k, v in node.value if k.value == step]
            if not match:
                break
            node = match[0]
        elif isinstance(node, yaml.SequenceNode) and isinstance(step, int) and step < len(node.value):
            node = node.value[step]
        else:
            break
    return node.start_mark.line + 1, node.start_mark.column + 1
