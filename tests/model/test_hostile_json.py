"""Hostile JSON: nesting 100,000 deep, duplicate keys, numbers that are not what they say."""

import json
from pathlib import Path

import pytest

from tests.harness import assert_clean, run
from timeline_app.model.json_duplicates import may_have_duplicates
from timeline_app.model.loader import load_json_text
from timeline_app.model.problems import LoadError

DEEP = 100_000


def problems(text: str) -> list[str]:
    with pytest.raises(LoadError) as caught:
        load_json_text(text, "t.json")
    return [f"{p.line}:{p.column}: {p.message}" for p in caught.value.problems]


@pytest.mark.parametrize(
    ("name", "text", "place"),
    [
        ("arrays", "[" * DEEP + "]" * DEEP, "1:101"),
        ("objects", '{"a":' * DEEP + "1" + "}" * DEEP, "1:501"),
        ("under_events", '{"events": [' + "[" * DEEP + "]" * DEEP + "]}", "1:111"),
        ("strings_skipped", '{"t": "[[[[", "events": ' + "[" * DEEP + "]" * DEEP + "}", "1:124"),
    ],
)
def test_json_nested_100000_deep_is_located_in_a_child_process(tmp_path: Path, name, text, place) -> None:
    """Exit 2 at the place the nesting passes 100 levels; no traceback, no crash."""
    path = tmp_path / f"{name}.json"
    path.write_text(text)
    outcome = run("list", path, tmp=tmp_path)
    assert_clean(outcome, (2,))
    assert outcome.stderr.startswith(f"{path}:{place}: the JSON nests lists or objects thousands deep")


EVENT = '{"id": "a", "title": "T", "start": "2020", "category": "x"}'


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            '{"events": [{"id": "a", "title": "T", "title": "U", "start": "2020", "category": "x"}]}',
            "1:39: duplicate key 'title' in event 'a' (first given on line 1); keep one of them",
        ),
        (
            '{"events": [{"id": "a", "title": "T", "start": "10:30", "category": "x", "category" : "y"}]}',
            "duplicate key 'category' in event 'a'",
        ),
        (
            '{"title": "A",\n "title": "B", "events": [' + EVENT + "]}",
            "2:2: duplicate key 'title' in the file (first given on line 1)",
        ),
        (
            '{"events": [{"id": "a", "title": "T", "start": "2020", "category": "x", "excerpts": '
            '[{"source": "s", "quote": "q", "quote": "r"}]}], "sources": {"s": {"title": "S"}}}',
            "duplicate key 'quote' in excerpt 1 of event 'a'",
        ),
        (
            '{"events": ['
            + EVENT
            + '], "sources": {"s": {"title": "S", "url": "http://a", "url": "http://b"}}}',
            "duplicate key 'url' in source 's'",
        ),
        (
            '{"events": [' + EVENT + '], "sources": {"s": {"title": "S"}, "s": {"title": "T"}}}',
            "duplicate key 's' in the sources",
        ),
    ],
)
def test_duplicate_keys_are_reported_with_their_place(text: str, expected: str) -> None:
    """JSON keeps the last of two equal keys silently; we say where the second one is, as YAML does."""
    assert any(expected in p for p in problems(text)), problems(text)


def test_a_file_without_duplicates_is_not_walked() -> None:
    """The count of ':' settles it when no text holds a colon; colons in text need the finer count."""
    data = {"events": [{"id": f"e{i}", "title": "T", "start": "2020", "category": "x"} for i in range(100)]}
    text = json.dumps(data)
    assert not may_have_duplicates(text, data)
    data["events"][0]["title"] = "at 10:30: a meeting"
    assert not may_have_duplicates(json.dumps(data), data)
    assert not may_have_duplicates(json.dumps(data, indent=2), data)


@pytest.mark.parametrize(
    ("written", "where"),
    [("1e400", "1:30"), ("-1E999", "1:30"), ("NaN", "1:30"), ("Infinity", "1:30"), ("1.50", "1:30")],
)
def test_a_number_as_title_is_quoted_as_written(written: str, where: str) -> None:
    """1e400 is read as infinity; the message quotes the file, as YAML's does."""
    text = '{"events":[{"id":"a","title":' + written + ',"start":"2020","category":"x"}]}'
    assert problems(text) == [
        f"{where}: 'title' of event 'a' must be text, not a number ({written}); "
        f'put it in quotes: "{written}"'
    ]
