"""The editor's round-trip reading attacked: merge keys, a number of 5,000 digits, a Parquet
table, YAML tags, duplicate keys, tabs, deep nesting, bad UTF-8. Each gives one clear problem
with its place and a fix, the same as the viewer's reading, never a traceback."""

from __future__ import annotations

from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from timeline_app.model import LoadError, load_path
from timeline_app.model.editing import Chronology

EVENT = "  - id: a\n    title: A\n    start: 2020\n    category: x\n"


def _problems(path: Path) -> list[tuple[int, int, str]]:
    with pytest.raises(LoadError) as info:
        Chronology.load(path)
    return [(p.line, p.column, p.message) for p in info.value.problems]


def _edit_problems(path: Path) -> list[tuple[int, int, str]]:
    """Problems the editor shows for a file it opens (a tree it cannot check yet)."""
    try:
        chronology = Chronology.load(path)
    except LoadError as exc:
        return [(p.line, p.column, p.message) for p in exc.problems]
    timeline, problems = chronology.timeline()
    assert timeline is None
    return [(p.line, p.column, p.message) for p in problems]


def test_a_merge_key_is_named_once_with_the_fix(tmp_path: Path) -> None:
    path = tmp_path / "t.yaml"
    path.write_text(
        "title: T\nevents:\n  - id: a\n    title: A\n    start: 2020\n    category: x\n"
        "    <<: {summary: shared}\n",
        encoding="utf-8",
    )
    expected = [
        (
            7,
            5,
            "'<<' (a YAML merge key) is not supported in timeline files; write the fields out in an event",
        ),
    ]
    assert _edit_problems(path) == expected
    with pytest.raises(LoadError) as info:
        load_path(path)
    assert [(p.line, p.column, p.message) for p in info.value.problems] == expected


def test_a_number_of_five_thousand_digits_is_placed_and_the_fix_given(tmp_path: Path) -> None:
    path = tmp_path / "t.yaml"
    path.write_text("title: T\nevents:\n" + EVENT + "    summary: " + "9" * 5000 + "\n", encoding="utf-8")
    [(line, column, message)] = _problems(path)
    assert (line, column) == (7, 14)
    assert message == "a number of 5,000 digits; put it in quotes to keep it as text"


@pytest.mark.parametrize("suffix", [".parquet", ".feather"])
def test_a_table_file_is_said_to_be_read_only_not_bad_utf8(tmp_path: Path, suffix: str) -> None:
    path = tmp_path / f"t{suffix}"
    table = pa.table({"id": ["a"], "title": ["A"], "start": ["2020"], "category": ["x"]})
    if suffix == ".parquet":
        pq.write_table(table, path)
    else:
        import pyarrow.feather as feather

        feather.write_feather(table, path)
    [(_, _, message)] = _problems(path)
    assert "cannot be edited" in message and "UTF-8" not in message


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("title: !!python/object/apply:os.system [echo]\nevents:\n" + EVENT, "is not allowed; remove it"),
        ("title: T\ntitle: U\nevents:\n" + EVENT, "duplicate key 'title'"),
        ("title: T\nevents:\n\t- id: a\n", "Indent with spaces, not tabs"),
        ("title: T\nevents:\n" + EVENT + "x: " + "[" * 100_000 + "]" * 100_000 + "\n", "nest more than"),
        (
            "title: &t T\ndescription: *t\nevents:\n"
            "  - &e {id: a, title: A, start: 2020, category: x}\n  - *e\n",
            "aliases are not supported",
        ),
    ],
)
def test_hostile_yaml_gets_a_located_problem_in_the_editor(tmp_path: Path, text: str, words: str) -> None:
    path = tmp_path / "t.yaml"
    path.write_text(text, encoding="utf-8")
    problems = _edit_problems(path)
    assert any(words in message and line > 0 for line, _, message in problems), problems


def test_invalid_utf8_is_placed_in_the_editor(tmp_path: Path) -> None:
    path = tmp_path / "t.yaml"
    path.write_bytes(b"title: T\xff\nevents:\n" + EVENT.encode())
    assert _problems(path) == [
        (1, 9, "byte 0xFF is not UTF-8 text; save the file as UTF-8 (it may be Latin-1 or binary data)")
    ]
