"""Sources and excerpts from their texts, checked the same way for every format.

The rule for citations: a file that defines any source must define every source its excerpts
cite; a file that defines none (a large CSV with a bare `source` column) cites sources known
only by their ids, and each becomes `Source(id, title=id)`.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import MISSING, dataclass, fields
from functools import lru_cache
from typing import Any

from timeline_app.model.build_dates import cached_date
from timeline_app.model.dates import DateError, DateRange, parse_range
from timeline_app.model.derivation import find_cycle
from timeline_app.model.raw import RawTable, Reporter
from timeline_app.model.records import Excerpt, Source
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
    excerpts: list[tuple[Excerpt, ...]]  # per row, file order
    sources: dict[str, Source]  # the defined sources, or one per cited id
    claims_rows: list[int]  # rows with an excerpt that states a date


def build_excerpts(
    raw: RawTable, defined: dict[str, Source | None] | None, report: Reporter
) -> BuiltExcerpts:
    """Excerpts per row, and the timeline's sources: the defined ones, or one per cited id."""
    sources = {k: v for k, v in (defined or {}).items() if v is not None}
    if not any(raw.excerpts):
        return BuiltExcerpts([()] * len(raw), sources, [])
    known: dict[str, Any] = dict(defined) if defined is not None else {}
    excerpts: list[tuple[Excerpt, ...]] = []
    claims_rows: list[int] = []
    for row, items in enumerate(raw.excerpts):
        if not items:
            excerpts.append(())
            continue
        made = []
        for k, (source, quote, claims, prefix, suffix) in enumerate(items):
            if (
                not (claims or prefix or suffix)
                and source in known
                and quote
                and len(quote) <= MAX_TEXT
                and not quote.isspace()
            ):
                made.append(Excerpt(source, quote))  # the common case, checked first
                continue
            excerpt = _excerpt(
                row, k, (source, quote, claims, prefix, suffix), known, defined is None, report
            )
            if excerpt is not None:
                made.append(excerpt)
                if excerpt.claims_date is not None and (not claims_rows or claims_rows[-1] != row):
                    claims_rows.append(row)
        excerpts.append(tuple(made))
    if defined is None:
        sources = {source_id: Source(source_id, source_id) for source_id in known}
    return BuiltExcerpts(excerpts, sources, claims_rows)


def _excerpt(
    row: int,
    k: int,
    item: tuple[str, ...],
    known: dict[str, Any],
    implicit: bool,
    report: Reporter,
) -> Excerpt | None:
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
    return Excerpt(source, quote, claims_date, prefix, suffix) if ok else None
