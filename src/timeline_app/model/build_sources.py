"""Sources and excerpts from their texts, checked the same way for every format.

The rule for citations: a file that defines any source must define every source its excerpts
cite; a file that defines none (a large CSV with a bare `source` column) cites sources known
only by their ids, and each becomes `Source(id, title=id)`.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Sequence
from dataclasses import MISSING, dataclass, fields
from functools import lru_cache
from typing import Any

import numpy as np

from timeline_app.model.build_dates import cached_date
from timeline_app.model.column_checks import any_text, as_list, distinct_in_order, has_blank, longest
from timeline_app.model.columns import CodedText, ExcerptColumns
from timeline_app.model.dates import DateError, DateRange, parse_range, range_to_texts
from timeline_app.model.derivation import find_cycle
from timeline_app.model.raw import RawExcerptColumns, RawTable, Reporter
from timeline_app.model.records import Source
from timeline_app.model.schema import (
    FALSE_WORDS,
    ID,
    ID_RULE,
    MAX_ID,
    MAX_TEXT,
    MAX_TITLE,
    SHA256,
    SOURCE_FIELDS,
    TRUE_WORDS,
    Kind,
    too_long,
)

_URL = re.compile(r"https?://", re.I)
_ID_SEPARATORS = re.compile(r"[\s,;]+")
_SOURCE_DEFAULTS = {f.name: f.default for f in fields(Source) if f.default is not MISSING}
cached_range = lru_cache(maxsize=1 << 16)(parse_range)


def flag_value(text: str) -> bool | None:
    """The truth of a true/false text ("yes", "0", "" ...), or None when it is neither."""
    lowered = text.strip().lower()
    if lowered in TRUE_WORDS:
        return True
    return False if lowered in FALSE_WORDS else None


def build_sources(raw: RawTable, report: Reporter) -> dict[str, Source | None] | None:
    """The sources the file defines (None for one with a problem, which stays defined so that
    its citations are not reported too), or None when the file defines none."""
    if raw.sources is None:
        return None
    sources: dict[str, Source | None] = {}
    first: dict[str, int] = {}
    for index, item in enumerate(raw.sources):
        if not ID.fullmatch(item.id) or len(item.id) > MAX_ID:
            report.source(index, "", f"source id {item.id!r} {ID_RULE}")
            continue
        if item.id in first:
            line = raw.places.source(first[item.id], "")[0]
            report.source(
                index,
                "",
                f"duplicate source id {item.id!r} (first given on line {line}); give each source its own id",
            )
            continue
        first[item.id] = index
        sources[item.id] = _source(index, item.id, item.fields, report)
    _check_derivation(sources, first, report)
    return sources


def split_ids(text: str) -> tuple[str, ...]:
    """Ids written in one text, separated by spaces, commas or semicolons."""
    return tuple(part for part in _ID_SEPARATORS.split(text) if part)


def _check_derivation(sources: dict[str, Source | None], index: dict[str, int], report: Reporter) -> None:
    """Every `derived_from` names another defined source, and no chain of them comes back."""
    parents: dict[str, tuple[str, ...]] = {}
    for source_id, source in sources.items():
        if source is None or not source.derived_from:
            continue
        what = f"source {source_id!r}"
        ok = True
        for parent in source.derived_from:
            if parent == source_id:
                report.source(
                    index[source_id],
                    "derived_from",
                    f"{what} says it derives from itself; name the source it rewrites, or remove "
                    "'derived_from'",
                )
                ok = False
            elif parent not in sources:
                close = difflib.get_close_matches(parent, list(sources), n=1)
                hint = f"did you mean {close[0]!r}?" if close else f"the sources are {', '.join(sources)}"
                report.source(
                    index[source_id],
                    "derived_from",
                    f"{what} derives from {parent!r}, which is not among the sources; {hint}",
                )
                ok = False
        if ok:
            parents[source_id] = source.derived_from
    cycle = find_cycle(parents)
    if cycle is not None:
        report.source(
            index[cycle[0]],
            "derived_from",
            f"sources derive from each other in a circle ({' -> '.join(cycle)}); one of them "
            "must be the original: remove its 'derived_from'",
        )


def _source(index: int, source_id: str, given: dict[str, str], report: Reporter) -> Source | None:
    what = f"source {source_id!r}"
    values: dict[str, Any] = {}
    ok = True
    for spec in SOURCE_FIELDS:
        text = given.get(spec.key, "")
        if len(text) > spec.max_length:
            report.source(index, spec.key, too_long(f"'{spec.key}' of {what}", len(text), spec.max_length))
            ok = False
        elif spec.required and not text.strip():
            report.source(index, spec.key, f"{what} has no '{spec.key}'; add the document's {spec.key}")
            ok = False
        elif not text:
            values[spec.key] = _SOURCE_DEFAULTS.get(spec.key, "")
        elif spec.kind is Kind.DATE:
            try:
                values[spec.key] = cached_date(text)
            except DateError as exc:
                report.source(index, spec.key, f"the publication date of {what} {text!r}: {exc}")
                ok = False
        elif spec.kind is Kind.FLAG:
            values[spec.key] = flag_value(text)
            if values[spec.key] is None:
                report.source(index, spec.key, f"'{spec.key}' of {what} must be true or false, not {text!r}")
                ok = False
        elif spec.kind is Kind.URL and not _URL.match(text):
            report.source(index, spec.key, f"the url of {what} must start with http:// or https://")
            ok = False
        elif spec.kind is Kind.IDS:
            ids = split_ids(text)
            bad = [i for i in ids if not ID.fullmatch(i) or len(i) > MAX_ID]
            if bad:
                report.source(
                    index, spec.key, f"'{spec.key}' of {what} names {bad[0]!r}; a source id {ID_RULE}"
                )
                ok = False
            values[spec.key] = ids
        elif spec.key == "file_sha256" and not SHA256.fullmatch(text):
            report.source(
                index,
                spec.key,
                f"'file_sha256' of {what} must be the 64 hexadecimal digits of a SHA-256, not "
                f"{text!r}; 'timeline-app check' prints the hash of each source document",
            )
            ok = False
        elif spec.key == "file_sha256":
            values[spec.key] = text.lower()
        else:
            values[spec.key] = text
    return Source(source_id, **values) if ok else None


@dataclass
class BuiltExcerpts:
    excerpts: ExcerptColumns  # per row, file order
    sources: dict[str, Source]  # the defined sources, or one per cited id
    claims_rows: list[int]  # rows with an excerpt that states a date


def build_excerpts(
    raw: RawTable, defined: dict[str, Source | None] | None, report: Reporter
) -> BuiltExcerpts:
    """Excerpts per row, as columns, and the timeline's sources: the defined ones, or one per
    cited id. No `Excerpt` is made: an event's are made when it is shown."""
    sources = {k: v for k, v in (defined or {}).items() if v is not None}
    n = len(raw)
    if isinstance(raw.excerpts, RawExcerptColumns):
        whole = _whole_columns(raw.excerpts, defined)
        if whole is not None:
            excerpts, cited = whole
            if defined is None:
                sources = {source_id: Source(source_id, source_id) for source_id in cited}
            return BuiltExcerpts(excerpts, sources, [])
    rows = raw.excerpts
    if isinstance(rows, RawExcerptColumns):  # walked row by row below
        rows = RawExcerptColumns(rows.offsets, tuple(map(as_list, rows.columns)))
    if not any(map(len, rows)):
        return BuiltExcerpts(ExcerptColumns.empty(n), sources, [])
    known: dict[str, Any] = dict(defined) if defined is not None else {}
    columns: tuple[list[str], ...] = ([], [], [], [], [], [])  # _ROW_KEYS
    source_of, quote_of = columns[0].append, columns[1].append
    offsets = np.zeros(n + 1, np.int64)
    claims_rows: list[int] = []
    for row, items in enumerate(rows):
        for k, item in enumerate(items):
            source, quote, claims, prefix, suffix = item
            if (
                not (claims or prefix or suffix)
                and source in known
                and quote
                and len(quote) <= MAX_TEXT
                and not quote.isspace()
            ):  # the common case, checked first
                source_of(source)
                quote_of(quote)
                for column in columns[2:]:
                    column.append("")
                continue
            values = _excerpt(row, k, item, known, defined is None, report)
            if values is not None:
                for column, value in zip(columns, values, strict=True):
                    column.append(value)
                if values[2] and (not claims_rows or claims_rows[-1] != row):
                    claims_rows.append(row)
        offsets[row + 1] = len(columns[0])
    if defined is None:
        sources = {source_id: Source(source_id, source_id) for source_id in known}
    texts = dict(zip(_ROW_KEYS, map(_compact, columns), strict=True))
    claims_start, claims_end = texts.pop("claims_start"), texts.pop("claims_end")
    return BuiltExcerpts(ExcerptColumns(offsets, texts, claims_start, claims_end), sources, claims_rows)


_ROW_KEYS = ("source", "quote", "claims_start", "claims_end", "prefix", "suffix")


def _compact(column: list[str]) -> Sequence[str]:
    """A column with no text at all as one code per row (most files give no prefix)."""
    return column if any(column) else CodedText.repeat("", len(column))


def _whole_columns(
    raw: RawExcerptColumns, defined: dict[str, Source | None] | None
) -> tuple[ExcerptColumns, dict[str, None]] | None:
    """A table's excerpts taken whole, when C-level passes over its columns find nothing to
    report: every source known (or, where the file defines none, a valid id), every quote
    present and within its length, no claimed date, every prefix and suffix within its
    length. Else None, and the rows are walked to say where each problem is."""
    source, quote, claims, prefix, suffix = raw.columns
    if any_text(claims) or longest(prefix) > MAX_TITLE or longest(suffix) > MAX_TITLE:
        return None
    if has_blank(quote) or longest(quote) > MAX_TEXT:
        return None
    cited = distinct_in_order(source)  # in the order first cited, as the rows would add them
    if defined is not None:
        if not cited.keys() <= defined.keys():
            return None
    elif not all(ID.fullmatch(s) and len(s) <= MAX_ID for s in cited):
        return None
    blank = CodedText.repeat("", len(quote))
    texts: dict[str, Sequence[str]] = {"source": source, "quote": quote, "prefix": prefix, "suffix": suffix}
    return ExcerptColumns(raw.offsets, texts, blank, blank), cited


def _excerpt(
    row: int,
    k: int,
    item: tuple[str, ...],
    known: dict[str, Any],
    implicit: bool,
    report: Reporter,
) -> tuple[str, ...] | None:
    """An excerpt's texts in `_ROW_KEYS` order (its claimed date as the start and end texts of
    the date it parses to), or None when it has a problem, reported here."""
    source, quote, claims, prefix, suffix = item
    what = report.what(row)
    ok = True
    for key, text in (("prefix", prefix), ("suffix", suffix)):
        if len(text) > MAX_TITLE:
            report.excerpt(row, k, key, too_long(f"the {key} of an excerpt of {what}", len(text), MAX_TITLE))
            ok = False
    if not source.strip():
        report.excerpt(
            row, k, "source", f"an excerpt of {what} has no 'source'; add the id of the source it quotes"
        )
        ok = False
    elif source not in known:
        if not implicit:
            close = difflib.get_close_matches(source, list(known), n=1)
            hint = (
                f"did you mean {close[0]!r}?"
                if close
                else f"the sources are {', '.join(sorted(known))}"
                if known
                else "the file defines none"
            )
            report.excerpt(
                row,
                k,
                "source",
                f"an excerpt of {what} cites source {source!r}, which is not among the sources; {hint}",
            )
            ok = False
        elif not ID.fullmatch(source) or len(source) > MAX_ID:
            report.excerpt(
                row, k, "source", f"an excerpt of {what} cites source {source!r}; a source id {ID_RULE}"
            )
            ok = False
        else:
            known[source] = None
    if not quote.strip():
        report.excerpt(
            row,
            k,
            "quote",
            f"an excerpt of {what} has an empty quote; paste the passage from the source, word for word",
        )
        ok = False
    elif len(quote) > MAX_TEXT:
        report.excerpt(row, k, "quote", too_long(f"the quote of an excerpt of {what}", len(quote), MAX_TEXT))
        ok = False
    claims_date: DateRange | None = None
    if claims.strip():
        try:
            claims_date = cached_range(claims)
        except DateError as exc:
            report.excerpt(
                row, k, "claims_date", f"the claims_date of an excerpt of {what} {claims!r}: {exc}"
            )
            ok = False
    if not ok:
        return None
    claims_start, claims_end = range_to_texts(claims_date) if claims_date else ("", "")
    return source, quote, claims_start, claims_end, prefix, suffix
