"""Every format carries every field: a timeline written as YAML, as `list --json` JSON and as CSV
(with its sources sidecar) loads back to the same columns, sources and events."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path
from typing import Any

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.model.formats import FORMATS, assert_same_timeline, round_trip
from timeline_app.model import load_path, load_text
from timeline_app.model.calendar import month_length
from timeline_app.model.loader import load_json_text
from timeline_app.model.partial_date import GROUPS, PartialDate
from timeline_app.model.schema import ID_PATTERN, LINK_TYPES, PLAIN_FLAGS, PLAIN_TEXT, STATUSES
from timeline_app.resources import default_dataset

# Every character a file may hold except lone surrogates (not UTF-8); NUL, control characters,
# line and paragraph separators, quotes and commas included.
CHARS = st.characters(exclude_categories=["Cs"])
TRICKY = st.sampled_from(
    [
        ",",
        '"',
        "'",
        "\n",
        "\r\n",
        "\r",
        " ",
        "\t",
        "#",
        ": ",
        "- ",
        "\u2028",
        "\x85",
        "\x0c",
        "\x00",
        "é",
        "日本",
        "\u202e",
        "yes",
        "null",
        "2020",
    ]
)
texts = st.lists(st.one_of(st.text(CHARS, max_size=6), TRICKY), max_size=5).map("".join)
nonblank = texts.filter(lambda t: t.strip() != "")
ids = st.from_regex(f"{ID_PATTERN}", fullmatch=True).filter(lambda t: len(t) <= 30)


def as_yaml(document: dict[str, Any]) -> str:
    """The document as YAML text, written by PyYAML's C emitter (its Python emitter writes NEL
    raw into single quotes, and reading that back folds it into a space)."""
    return yaml.dump(document, Dumper=yaml.CSafeDumper, allow_unicode=True)


@st.composite
def dates(draw: st.DrawFn) -> PartialDate:
    """Dates at every precision and qualifier, from deep time to the far future."""
    year = draw(st.one_of(st.integers(1000, 2100), st.integers(-9999, 9999), st.integers(-(10**9), 10**9)))
    approximate, uncertain = draw(st.booleans()), draw(st.booleans())
    kind = draw(st.sampled_from(["year", "month", "day", "group", "span", "unspecified"]))
    if kind == "month":
        return PartialDate(year, draw(st.integers(1, 12)), approximate=approximate, uncertain=uncertain)
    if kind == "day":
        month = draw(st.integers(1, 12))
        day = draw(st.integers(1, month_length(year, month)))
        return PartialDate(year, month, day, approximate=approximate, uncertain=uncertain)
    if kind == "group":
        return PartialDate(year, group=draw(st.sampled_from(sorted(GROUPS))), approximate=approximate)
    if kind == "span" and 0 <= year <= 9999:
        span = draw(st.sampled_from([10, 100, 1000]))
        return PartialDate(year - year % span, year_span=span, unspecified=True)
    if kind == "unspecified" and -9999 <= year <= 9999:
        return PartialDate(year, draw(st.sampled_from([None, 6])), unspecified=True)
    return PartialDate(year, approximate=approximate, uncertain=uncertain)


def written(date: PartialDate, human: bool) -> str:
    """A date as a person (human) or a program writes it."""
    return date.text() if human else date.edtf()


@st.composite
def spans(draw: st.DrawFn) -> dict[str, str]:
    start = draw(dates())
    human = draw(st.booleans())
    if draw(st.booleans()):
        return {"date": written(start, human)}
    loose = draw(st.sampled_from(["", "", "/..", "/", "../", "/"]))
    if loose in ("/..", "/"):
        return {"date": start.edtf() + loose}
    if loose == "../":
        return {"date": "../" + start.edtf()}
    end = draw(dates().filter(lambda d: d.last_day() >= start.first_day()))
    if draw(st.booleans()):
        return {"date": f"{start.edtf()}/{end.edtf()}"}
    return {"start": written(start, human), "end": written(end, draw(st.booleans()))}


@st.composite
def sources(draw: st.DrawFn) -> dict[str, dict[str, Any]]:
    found: dict[str, dict[str, Any]] = {}
    for source_id in draw(st.lists(ids, max_size=3, unique=True)):
        item: dict[str, Any] = {"title": draw(nonblank)}
        for key in ("author", "publisher", "published_note", "file"):
            if draw(st.booleans()):
                item[key] = draw(nonblank)
        if draw(st.booleans()):
            item["published"] = draw(dates()).edtf()
            item["published_inferred"] = draw(st.booleans())
        if draw(st.booleans()):
            item["url"] = draw(st.sampled_from(["http://", "https://", "HTTPS://"])) + draw(nonblank)
        if found and draw(st.booleans()):  # from earlier sources only: no cycle
            parents = draw(st.lists(st.sampled_from(sorted(found)), min_size=1, max_size=2, unique=True))
            item["derived_from"] = parents[0] if len(parents) == 1 and draw(st.booleans()) else parents
            if draw(st.booleans()):
                item["derived_note"] = draw(nonblank)
        if draw(st.booleans()):
            item["file_sha256"] = draw(st.text("0123456789abcdefABCDEF", min_size=64, max_size=64))
        found[source_id] = item
    return found


@st.composite
def links(draw: st.DrawFn, others: list[str], cite: st.SearchStrategy[str]) -> list[dict[str, Any]]:
    """Links to other events, each citing a passage (anchored or not) or inferred with a note."""
    found: list[dict[str, Any]] = []
    for _ in range(draw(st.integers(0, 2)) if others else 0):
        link: dict[str, Any] = {
            "type": draw(st.sampled_from(LINK_TYPES)),
            "to": draw(st.sampled_from(others)),
        }
        if draw(st.booleans()):
            link.update(source=draw(cite), quote=draw(nonblank))
            for key in ("prefix", "suffix", "note"):
                if draw(st.booleans()):
                    link[key] = draw(texts)
        else:
            link.update(inferred=True, note=draw(nonblank))
        found.append(link)
    return found


@st.composite
def documents(draw: st.DrawFn) -> dict[str, Any]:
    """A YAML timeline as data: events at every precision, sources with every field, several
    excerpts per event (some claiming other dates), or no sources at all (cited by id only)."""
    defined = draw(sources())
    cite = st.sampled_from(sorted(defined)) if defined else ids
    events = []
    event_ids = draw(st.lists(ids, min_size=1, max_size=6, unique=True))
    for event_id in event_ids:
        event: dict[str, Any] = {
            "id": event_id,
            "title": draw(nonblank),
            **draw(spans()),
            "category": draw(st.sampled_from(["decision", "a, b", 'é "x"'])),
        }
        for key in PLAIN_TEXT:  # every plain field the schema defines, now and later
            if draw(st.booleans()):
                event[key] = draw(texts)
        for key in (*PLAIN_FLAGS, "approximate"):
            if draw(st.booleans()):
                event[key] = draw(st.booleans())
        excerpts = []
        for _ in range(draw(st.integers(0, 3))):
            excerpt = {"source": draw(cite), "quote": draw(nonblank)}
            if draw(st.booleans()):
                claims = draw(dates())
                excerpt["claims_date"] = claims.edtf()
            for key in ("prefix", "suffix"):
                if draw(st.booleans()):
                    excerpt[key] = draw(texts)
            excerpts.append(excerpt)
        if excerpts:
            event["excerpts"] = excerpts
        if draw(st.booleans()):
            event["status"] = draw(st.sampled_from(STATUSES))
        event_links = draw(links([i for i in event_ids if i != event_id], cite))
        if event_links:
            event["links"] = event_links
        events.append(event)
    document: dict[str, Any] = {"title": draw(nonblank), "events": events}
    if draw(st.booleans()):
        document["description"] = draw(texts)
    if defined:
        document["sources"] = defined
    return document


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents())
def test_any_timeline_loads_back_the_same_from_every_format(document: dict[str, Any]) -> None:
    original = load_text(as_yaml(document), "generated.yaml")
    with tempfile.TemporaryDirectory() as folder:
        for fmt in FORMATS:
            again = round_trip(original, Path(folder), fmt)
            assert_same_timeline(again, original)
            if fmt != "csv":  # a CSV file's title is its name; it has no description
                assert (again.title, again.description) == (original.title, original.description)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents())
def test_a_yaml_document_written_as_json_is_the_same_timeline(document: dict[str, Any]) -> None:
    """JSON takes every key YAML does ("date" for one date or START/END included)."""
    original = load_text(as_yaml(document), "generated.yaml")
    again = load_json_text(json.dumps(document, indent=1), "generated.json")
    assert_same_timeline(again, original)
    assert [e.line for e in again.events] != [0] * len(again.events)


def test_the_embedded_dataset_loads_back_the_same_from_every_format(tmp_path: Path) -> None:
    original = load_path(default_dataset())
    assert original.columns.conflict.any()
    for fmt in FORMATS:
        assert_same_timeline(round_trip(original, tmp_path, fmt), original)
