"""An event's status and its links to other events, checked the same way for every format.

Status is a column with few distinct texts: each is checked once, and rows are walked only to
locate one that is not a status. Links are few (an editor writes each by hand), so they are
checked one by one: the type, the event they go to, and what they rest on: a passage of a
source (`source` + `quote`) or the editor's inference (`inferred: true` + a `note` saying why).
"""

from __future__ import annotations

import difflib
from collections.abc import Container, Sequence

import numpy as np

from timeline_app.model.build_dates import text_codes
from timeline_app.model.build_sources import flag_value
from timeline_app.model.columns import CodedText
from timeline_app.model.raw import MAX_PROBLEMS, RawLink, RawTable, Reporter
from timeline_app.model.records import Link
from timeline_app.model.schema import ID, ID_RULE, LINK_FIELDS, LINK_TYPES, STATUSES, not_a_choice, too_long

DEFAULT_STATUS = STATUSES[0]
_LENGTHS = tuple((spec.key, spec.max_length) for spec in LINK_FIELDS)


def build_status(column: Sequence[str], report: Reporter) -> CodedText:
    """The status of each row ("happened" where none is given); others are reported."""
    codes, distinct = text_codes(column)
    bad = [i for i, text in enumerate(distinct) if text and text not in STATUSES]
    if bad:
        rows = np.flatnonzero(np.isin(codes, bad))[:MAX_PROBLEMS].tolist()
        for row in rows:
            text = distinct[int(codes[row])]
            report.field(row, "status", not_a_choice(f"'status' of {report.what(row)}", text, STATUSES))
    return CodedText(np.asarray(codes, np.int32), [text or DEFAULT_STATUS for text in distinct])


def build_links(
    raw: RawTable, sources: Container[str] | None, report: Reporter
) -> list[tuple[Link, ...]] | None:
    """Links per row (None when no event has one). `sources` are the ids a link may cite, or
    None when the file defines no sources (then any well-formed id stands for one)."""
    if raw.links is None or not any(raw.links):
        return None
    ids = raw.columns["id"]
    known = set(ids)
    found: list[tuple[Link, ...]] = []
    for row, items in enumerate(raw.links):
        made = (_link(row, k, item, ids[row], known, sources, report) for k, item in enumerate(items))
        found.append(tuple(link for link in made if link is not None))
    return found


def _link(
    row: int,
    k: int,
    item: RawLink,
    own_id: str,
    events: set[str],
    sources: Container[str] | None,
    report: Reporter,
) -> Link | None:
    kind, to, source, quote, prefix, suffix, inferred_text, note = item
    what = f"a link of {report.what(row)}"
    problems: list[tuple[str, str]] = []
    for (key, limit), value in zip(_LENGTHS, item, strict=True):
        if len(value) > limit:
            problems.append((key, too_long(f"'{key}' of {what}", len(value), limit)))
    if not kind.strip():
        problems.append(("type", f"{what} has no 'type'; give one of {', '.join(LINK_TYPES)}"))
    elif kind not in LINK_TYPES:
        problems.append(("type", not_a_choice(f"'type' of {what}", kind, LINK_TYPES)))
    if not to.strip():
        problems.append(("to", f"{what} has no 'to'; give the id of the event it links to"))
    elif to == own_id:
        problems.append(("to", f"{what} goes to the event itself; give the id of another event"))
    elif to not in events:
        close = difflib.get_close_matches(to, list(events), n=1)
        hint = f"; did you mean {close[0]!r}?" if close else ""
        problems.append(("to", f"{what} goes to {to!r}, which is no event's id{hint}"))
    inferred = flag_value(inferred_text)
    if inferred is None:
        problems.append(("inferred", f"'inferred' of {what} must be true or false, not {inferred_text!r}"))
    problems.extend(_grounds(what, source, quote, bool(inferred), note, sources))
    for key, message in problems:
        report.link(row, k, key, message)
    if problems:
        return None
    return Link(kind, to, source or None, quote or None, prefix, suffix, bool(inferred), note)


def _grounds(
    what: str, source: str, quote: str, inferred: bool, note: str, sources: Container[str] | None
) -> list[tuple[str, str]]:
    """What a link rests on: a cited passage, or an inference the note explains; not both."""
    if source.strip():
        problems = []
        if not ID.fullmatch(source):
            problems.append(("source", f"{what} cites source {source!r}; a source id {ID_RULE}"))
        elif sources is not None and source not in sources:
            problems.append(("source", f"{what} cites source {source!r}, which is not among the sources"))
        if not quote.strip():
            problems.append(("quote", f"{what} cites {source!r} but has no 'quote'; paste the passage"))
        if inferred:
            problems.append(
                (
                    "inferred",
                    f"{what} cites a passage and is marked inferred; a link is one or the "
                    "other: remove 'inferred' or the 'source' and 'quote'",
                )
            )
        return problems
    if quote.strip():
        return [("source", f"{what} has a quote but no 'source'; add the id of the source it quotes")]
    if not inferred:
        return [
            (
                "",
                f"{what} neither cites a passage nor is marked inferred; give 'source' and "
                "'quote', or 'inferred: true' and a 'note' saying why you infer it",
            )
        ]
    if not note.strip():
        return [("note", f"{what} is inferred but has no 'note'; say why you infer it")]
    return []
