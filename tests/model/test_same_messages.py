"""One builder checks every format: the same bad value gives the same message in YAML, JSON and
CSV, and each message points at the line (and column) where that format holds the value."""

from __future__ import annotations

import copy
import csv
import io
import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from timeline_app.model import LoadError, Problem, load_path

BASE: dict[str, Any] = {
    "title": "Same messages",
    "sources": {"s": {"title": "Doc", "url": "https://example.org/doc", "published": "2020"}},
    "events": [
        {
            "id": "a",
            "title": "A",
            "start": "2020",
            "end": "",
            "category": "x",
            "inferred": "",
            "excerpts": [{"source": "s", "quote": "first words", "claims_date": ""}],
        },
        {
            "id": "b",
            "title": "B",
            "start": "2021",
            "end": "",
            "category": "x",
            "inferred": "",
            "excerpts": [{"source": "s", "quote": "more words", "claims_date": ""}],
        },
    ],
}
SOURCE_COLUMNS = ["title", "url", "published", "derived_from", "file_sha256"]
Where = tuple[Any, ...]  # ("field", row, key) | ("event", row) | ("excerpt", row, k, key) | ("source", key)


def event_b(key: str, value: str) -> Callable[[dict[str, Any]], None]:
    def mutate(doc: dict[str, Any]) -> None:
        doc["events"][1][key] = value

    return mutate


def excerpt_b(key: str, value: str) -> Callable[[dict[str, Any]], None]:
    def mutate(doc: dict[str, Any]) -> None:
        doc["events"][1]["excerpts"][0][key] = value

    return mutate


def source_s(key: str, value: str) -> Callable[[dict[str, Any]], None]:
    def mutate(doc: dict[str, Any]) -> None:
        doc["sources"]["s"][key] = value

    return mutate


CASES: dict[str, tuple[Callable[[dict[str, Any]], None], Where, str]] = {
    "bad date": (
        event_b("start", "2021-13"),
        ("field", 1, "start"),
        "the date of event 'b' '2021-13': month 13 does not exist",
    ),
    "empty title": (event_b("title", ""), ("field", 1, "title"), "event 'b' has no 'title'"),
    "blank title": (event_b("title", "  \t "), ("field", 1, "title"), "event 'b' has no 'title'"),
    "blank category": (event_b("category", " "), ("field", 1, "category"), "event 'b' has no 'category'"),
    "whitespace id": (event_b("id", "   "), ("field", 1, "id"), "the event on line N has no 'id'"),
    "id syntax": (event_b("id", "b c"), ("field", 1, "id"), "event id 'b c' may hold only"),
    "duplicate id": (event_b("id", "a"), ("event", 1), "duplicate event id 'a' (first used on line N)"),
    "end before start": (
        event_b("end", "2019"),
        ("field", 1, "end"),
        "event 'b': the end (2019) is before the start (2021)",
    ),
    "bad flag": (
        event_b("inferred", "maybe"),
        ("field", 1, "inferred"),
        "'inferred' of event 'b' must be true or false, not 'maybe'",
    ),
    "unknown source": (
        excerpt_b("source", "t"),
        ("excerpt", 1, 0, "source"),
        "an excerpt of event 'b' cites source 't', which is not among the sources",
    ),
    "empty quote": (
        excerpt_b("quote", " "),
        ("excerpt", 1, 0, "quote"),
        "an excerpt of event 'b' has an empty quote",
    ),
    "bad claims_date": (
        excerpt_b("claims_date", "2020-02-30"),
        ("excerpt", 1, 0, "claims_date"),
        "the claims_date of an excerpt of event 'b' '2020-02-30': February 2020 has 29 days",
    ),
    "bad url": (
        source_s("url", "ftp://example.org"),
        ("source", "url"),
        "the url of source 's' must start with http:// or https://",
    ),
    "bad published": (
        source_s("published", "sometime"),
        ("source", "published"),
        "the publication date of source 's' 'sometime': cannot read 'sometime'",
    ),
    "empty source title": (source_s("title", ""), ("source", "title"), "source 's' has no 'title'"),
    "bad status": (
        event_b("status", "plan"),
        ("field", 1, "status"),
        "'status' of event 'b' must be one of happened, planned, expected, reported, alleged, "
        "disputed; got 'plan'; did you mean 'planned'?",
    ),
    "unknown derived_from": (
        source_s("derived_from", "t"),
        ("source", "derived_from"),
        "source 's' derives from 't', which is not among the sources; the sources are s",
    ),
    "derived from itself": (
        source_s("derived_from", "s"),
        ("source", "derived_from"),
        "source 's' says it derives from itself",
    ),
    "bad file_sha256": (
        source_s("file_sha256", "abc"),
        ("source", "file_sha256"),
        "'file_sha256' of source 's' must be the 64 hexadecimal digits of a SHA-256, not 'abc'",
    ),
    "prefix too long": (
        excerpt_b("prefix", "x" * 1001),
        ("excerpt", 1, 0, "prefix"),
        "the prefix of an excerpt of event 'b' is 1,001 characters long; keep it under 1,000",
    ),
}


def as_yaml(doc: dict[str, Any]) -> str:
    return yaml.safe_dump(doc, sort_keys=False, allow_unicode=True)


def as_json(doc: dict[str, Any]) -> str:
    return json.dumps(doc, indent=2)


def as_csv(doc: dict[str, Any]) -> tuple[str, str]:
    events = io.StringIO()
    keys = ["id", "title", "start", "end", "category", "inferred", "status"]
    excerpt_keys = ["source", "quote", "claims_date", "prefix"]
    writer = csv.writer(events)
    writer.writerow(keys + excerpt_keys)
    for event in doc["events"]:
        writer.writerow(
            [event.get(k, "") for k in keys] + [event["excerpts"][0].get(k, "") for k in excerpt_keys]
        )
    sources = io.StringIO()
    writer = csv.writer(sources)
    fields = SOURCE_COLUMNS
    writer.writerow(["id", *fields])
    for source_id, source in doc["sources"].items():
        writer.writerow([source_id, *(source.get(k, "") for k in fields)])
    return events.getvalue(), sources.getvalue()


def node_place(text: str, where: Where) -> tuple[int, int]:
    """Line and column by PyYAML's composer (JSON is YAML), independent of the loader."""
    node = yaml.compose(text)

    def get(node: yaml.Node, key: str | int) -> yaml.Node:
        if isinstance(key, int):
            return node.value[key]
        return next(v for k, v in node.value if k.value == key)

    kind, *path = where
    if kind == "source":
        node = get(get(get(node, "sources"), "s"), path[0])
    else:
        node = get(get(node, "events"), path[0])
        if kind == "field":
            node = get(node, path[1])
        elif kind == "excerpt":
            node = get(get(get(node, "excerpts"), path[1]), path[2])
    return node.start_mark.line + 1, node.start_mark.column + 1


def csv_place(where: Where, header: list[str]) -> tuple[int, int]:
    kind, *path = where
    if kind == "source":
        return 2, ["id", *SOURCE_COLUMNS].index(path[0]) + 1
    line = path[0] + 2  # the header, then one row per event
    return (line, 1) if kind == "event" else (line, header.index(path[-1]) + 1)


def problems(path: Path) -> list[Problem]:
    with pytest.raises(LoadError) as info:
        load_path(path)
    return info.value.problems


@pytest.mark.parametrize("case", sorted(CASES))
def test_the_same_bad_value_gives_the_same_message_in_every_format(case: str, tmp_path: Path) -> None:
    mutate, where, words = CASES[case]
    doc = copy.deepcopy(BASE)
    mutate(doc)
    found: dict[str, Problem] = {}
    expected: dict[str, tuple[str, int, int]] = {}
    for fmt, text in (("yaml", as_yaml(doc)), ("json", as_json(doc))):
        path = tmp_path / f"t.{fmt}"
        path.write_text(text, encoding="utf-8")
        [found[fmt]] = problems(path)
        expected[fmt] = (str(path), *node_place(text, where))
    events, sources = as_csv(doc)
    path = tmp_path / "t.csv"
    path.write_text(events, encoding="utf-8")
    (tmp_path / "t.sources.csv").write_text(sources, encoding="utf-8")
    [found["csv"]] = problems(path)
    sidecar = where[0] == "source"
    expected["csv"] = (
        str(tmp_path / "t.sources.csv") if sidecar else str(path),
        *csv_place(where, next(csv.reader(io.StringIO(events)))),
    )

    messages = {fmt: re.sub(r"line \d+", "line N", p.message) for fmt, p in found.items()}
    assert len(set(messages.values())) == 1, messages
    assert words in messages["yaml"]
    for fmt, problem in found.items():
        assert (problem.file, problem.line, problem.column) == expected[fmt], (fmt, problem)


@pytest.mark.parametrize("case", ["whitespace id", "duplicate id"])
def test_a_line_named_in_a_message_is_where_that_event_starts(case: str, tmp_path: Path) -> None:
    """ "the event on line N" names event b's own line; "first used on line N" names event a's."""
    mutate, _, _ = CASES[case]
    doc = copy.deepcopy(BASE)
    mutate(doc)
    row = 1 if case == "whitespace id" else 0
    for fmt, text in (("yaml", as_yaml(doc)), ("json", as_json(doc))):
        path = tmp_path / f"t.{fmt}"
        path.write_text(text, encoding="utf-8")
        [problem] = problems(path)
        assert f"line {node_place(text, ('event', row))[0]}" in problem.message, (fmt, problem)
    path = tmp_path / "t.csv"
    path.write_text(as_csv(doc)[0], encoding="utf-8")
    [problem] = problems(path)
    assert f"line {row + 2}" in problem.message
