"""One builder for every format: raw text columns in, checked and sorted `Timeline` out.

Every check runs here, on whole columns, whatever the file's size: a whitespace-only title is
refused in a 10-row YAML file and in a 10^6-row CSV alike, with the same message. Work is per
column, not per row: C-level passes (`map`, `str.isspace`, `str.translate` over the joined ids)
find out whether a column has a problem at all, and only then are rows walked to locate it;
columns with few distinct texts (dates, categories) are checked once per distinct text.
"""

from __future__ import annotations

from collections.abc import Sequence
from operator import itemgetter

import numpy as np

from timeline_app.model.build_dates import Coded, build_dates, text_codes
from timeline_app.model.build_links import build_links, build_status
from timeline_app.model.build_sources import build_excerpts, build_sources, flag_value
from timeline_app.model.column_checks import (
    all_distinct,
    all_ids,
    any_text,
    arrow_array,
    as_list,
    has_blank,
    longest,
)
from timeline_app.model.columns import CodedText, EventColumns, ExcerptColumns, take
from timeline_app.model.derivation import Origins, independent_ids
from timeline_app.model.events import Timeline
from timeline_app.model.raw import MAX_PROBLEMS, RawTable, Reporter
from timeline_app.model.records import Source
from timeline_app.model.schema import (
    EVENT_FIELDS,
    ID,
    ID_CHARS,
    ID_FIRST,
    ID_RULE,
    PLAIN_FLAGS,
    PLAIN_TEXT,
    TIMELINE_FIELDS,
    Field,
    Kind,
    too_long,
)

_WITHOUT_ID_CHARS = str.maketrans(dict.fromkeys(ID_CHARS))  # deletes them
_WITHOUT_ID_FIRST = str.maketrans(dict.fromkeys(ID_FIRST))
CODED = ("start", "end", "category")  # columns with few distinct texts
_MISSING = {
    "id": "has no 'id'; add a short unique one, e.g. nss-2013",
    "start": "has no date; give one such as 2013-12 (or a start and an end)",
}


def build_timeline(raw: RawTable) -> Timeline:
    """Check every column and make the timeline; raises `LoadError` with every problem."""
    report = Reporter(raw)
    problems = raw.problems
    n = len(raw)
    if n == 0:
        if not problems.items:
            problems.add((1, 1), "the file holds no events; add at least one")
        problems.raise_if_any()
    columns = raw.columns
    for spec in TIMELINE_FIELDS:
        value = raw.title if spec.key == "title" else raw.description
        if len(value) > spec.max_length:
            problems.add(
                raw.places.top_level(spec.key),
                too_long(f"the timeline's '{spec.key}'", len(value), spec.max_length),
            )
    coded = {key: text_codes(columns[key]) for key in CODED}
    ids_valid = _check_ids(columns["id"], report)
    for spec in EVENT_FIELDS:
        if spec.kind is not Kind.FLAG:
            _check_text(
                columns[spec.key],
                spec,
                report,
                coded.get(spec.key),
                raw.longest,
                spec.key == "id" and ids_valid,
            )
    flags = {
        spec.key: _flags(columns[spec.key], spec.key, report)
        for spec in EVENT_FIELDS
        if spec.kind is Kind.FLAG and spec.key in raw.given
    }
    dates = build_dates(columns, coded["start"], coded["end"], flags.get("approximate"), report)
    _check_duplicates(columns["id"], raw, report)
    status = build_status(columns["status"], report)
    defined = build_sources(raw, report)
    built = build_excerpts(raw, defined, report)
    links = build_links(raw, None if defined is None else defined.keys(), report)
    problems.raise_if_any()
    if defined is None and links is not None:  # a source known only by its id, cited by a link
        for source_id in dict.fromkeys(x.source for row in links for x in row if x.source):
            built.sources.setdefault(source_id, Source(source_id, source_id))

    order = np.lexsort((dates.last, dates.first))
    in_order = bool(np.all(order[1:] > order[:-1]))
    pick = None if in_order or n < 2 else order

    def arrange(values: Sequence[str]) -> Sequence[str]:
        """A text column in date order, held as it was (a list, or Arrow strings)."""
        if pick is None:
            return values if arrow_array(values) is not None else list(values)
        return take(values, pick)

    def array(values: np.ndarray) -> np.ndarray:
        return values if pick is None else values[order]

    def sorted_codes(values: CodedText) -> CodedText:
        return CodedText(array(values.codes), values.distinct)

    def text(values: Sequence[str]) -> Sequence[str]:
        if isinstance(values, CodedText):
            return sorted_codes(values)
        return CodedText.repeat("", n) if not any_text(values) else arrange(values)

    category_code, names_in_file = coded["category"]
    category_code = array(category_code)
    names = tuple(names_in_file[c] for c in dict.fromkeys(category_code.tolist()))
    position = {name: i for i, name in enumerate(names)}  # names.index was quadratic: 150k
    renumber = np.array([position.get(name, 0) for name in names_in_file], np.int32)  # took minutes
    excerpts = built.excerpts
    n_sources = _n_sources(excerpts)
    independent = _independent(n_sources, excerpts, built.sources)
    conflict = np.zeros(n, bool)
    for row in built.claims_rows:
        first, last = int(dates.first[row]), int(dates.last[row])
        conflict[row] = any(x.claims_outside(first, last) for x in excerpts[row])
    result = EventColumns(
        ids=arrange(columns["id"]),
        titles=arrange(columns["title"]),
        category=renumber[category_code],
        categories=names,
        first_day=array(dates.first),
        last_day=array(dates.last),
        is_span=array(dates.has_end),
        precision=array(dates.precision),
        approximate=array(dates.approximate),
        marks=array(dates.marks),
        n_sources=array(n_sources),
        independent=array(independent),
        conflict=array(conflict),
        starts=sorted_codes(dates.starts),
        ends=sorted_codes(dates.ends),
        excerpts=excerpts if pick is None else excerpts.take(order),
        lines=array(raw.places.lines()),
        texts={key: text(columns[key]) for key in PLAIN_TEXT},
        flags={key: array(flags[key]) if key in flags else np.zeros(n, bool) for key in PLAIN_FLAGS},
        status=sorted_codes(status),
        links=None if links is None else (list(links) if pick is None else [links[i] for i in pick.tolist()]),
    )
    return Timeline(raw.title, result, built.sources, raw.description)


def _n_sources(excerpts: ExcerptColumns) -> np.ndarray:
    """Distinct sources cited per row, from the source column: only rows with two or more
    excerpts are walked."""
    n_sources = excerpts.counts.astype(np.int32)
    several = np.flatnonzero(n_sources > 1).tolist()
    if several:
        cited = excerpts.texts["source"]
        bounds = excerpts.offsets
        for row in several:
            n_sources[row] = len(set(cited[int(bounds[row]) : int(bounds[row + 1])]))
    return n_sources


def _independent(n_sources: np.ndarray, excerpts: ExcerptColumns, sources: dict[str, Source]) -> np.ndarray:
    """Independent sources per row: the source count, less the sources that derive from
    another the row cites (only rows citing a derived source are walked)."""
    derived = {source_id for source_id, source in sources.items() if source.derived_from}
    if not derived:
        return n_sources
    independent = n_sources.copy()
    origins_of = Origins(sources)  # each source walked once for all rows
    cited = excerpts.texts["source"]
    citing = np.fromiter(map(derived.__contains__, cited), bool, len(cited))
    bounds = excerpts.offsets
    for row in np.unique(excerpts.rows()[citing]).tolist():
        items = cited[int(bounds[row]) : int(bounds[row + 1])]
        independent[row] = len(independent_ids(list(items), sources, origins_of))
    return independent


def _check_text(
    column: Sequence[str],
    spec: Field,
    report: Reporter,
    coded: Coded | None,
    longest_text: int | None,
    known_present: bool,
) -> None:
    """Required values present, every value within its length; a coded column is checked on
    its distinct texts, and its rows are walked only when one of them has a problem."""
    values = coded[1] if coded else column
    too_long_somewhere = (longest_text is None or longest_text > spec.max_length) and longest(
        values
    ) > spec.max_length
    blank_somewhere = spec.required and not known_present and has_blank(values)
    if not (too_long_somewhere or blank_somewhere):
        return
    column = list(column) if isinstance(column, CodedText) else as_list(column)
    if blank_somewhere:
        missing = _MISSING.get(spec.key, f"has no '{spec.key}'; add one")
        blank = [row for row, value in enumerate(column) if not value or value.isspace()]
        for row in blank[:MAX_PROBLEMS]:
            report.field(row, spec.key, f"{report.what(row)} {missing}")
    if too_long_somewhere:
        for row, value in enumerate(column):
            if len(value) > spec.max_length and not report.problems.full:
                report.field(
                    row,
                    spec.key,
                    too_long(f"'{spec.key}' of {report.what(row)}", len(value), spec.max_length),
                )


def _check_ids(ids: Sequence[str], report: Reporter) -> bool:
    """Every id matches the id rule (so none is blank). C-level passes answer for all of them:
    none is empty, the joined ids hold no character outside the rule, the joined first
    characters none but letters and digits (0.06 s for 10^6 ids; a regex over the joined ids
    took 0.18 s; an Arrow column answers with one regex pass). Rows are walked only when they
    say no."""
    valid = all_ids(ids)
    if valid:
        return True
    if valid is None and (
        all(ids)
        and not "".join(ids).translate(_WITHOUT_ID_CHARS)
        and not "".join(map(itemgetter(0), ids)).translate(_WITHOUT_ID_FIRST)
    ):
        return True
    for row, event_id in enumerate(as_list(ids)):
        if event_id.strip() and not ID.fullmatch(event_id) and not report.problems.full:
            report.field(row, "id", f"event id {event_id!r} {ID_RULE}")
    return False


def _flags(column: Sequence[str], key: str, report: Reporter) -> np.ndarray:
    """True/false texts as a bool column; each distinct text is looked at once."""
    truth = {text: flag_value(text) for text in set(column)}
    if None in truth.values():
        for row in [r for r, text in enumerate(column) if truth[text] is None][:MAX_PROBLEMS]:
            report.field(
                row, key, f"'{key}' of {report.what(row)} must be true or false, not {column[row]!r}"
            )
    as_bool = {text: bool(value) for text, value in truth.items()}
    return np.fromiter(map(as_bool.__getitem__, column), bool, len(column))


def _check_duplicates(ids: Sequence[str], raw: RawTable, report: Reporter) -> None:
    if all_distinct(ids):
        return
    first: dict[str, int] = {}
    for row, event_id in enumerate(as_list(ids)):
        if event_id in first and event_id.strip() and not report.problems.full:
            line = raw.places.event(first[event_id])[0]
            report.event(
                row,
                f"duplicate event id {event_id!r} (first used on line {line}); give each event its own id",
            )
        first.setdefault(event_id, row)
