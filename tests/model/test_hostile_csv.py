"""Hostile CSV and encodings: long fields, stray line breaks, UTF-16 without a mark, Latin-1 documents."""

import csv
from pathlib import Path

import pytest

from timeline_app.model.loader import load_csv_text, load_path
from timeline_app.model.problems import LoadError
from timeline_app.model.quotes import check_quotes

HEADER = "id,title,start,category\n"


def first_problem(path: Path) -> str:
    with pytest.raises(LoadError) as caught:
        load_path(path)
    p = caught.value.problems[0]
    return f"{p.line}:{p.column}: {p.message}"


@pytest.mark.parametrize("quoted", [True, False])
def test_a_field_over_128_kib_gets_our_length_message_and_the_limit_is_put_back(tmp_path, quoted) -> None:
    """The csv module's 'field larger than field limit (131072)' named neither field nor fix."""
    title = "x" * 200_000
    path = tmp_path / "t.csv"
    path.write_text(HEADER + f"a,{title!r},2020,x\n".replace("'", '"' if quoted else ""))
    before = csv.field_size_limit()
    problem = first_problem(path)
    assert problem.startswith("2:2: 'title' of event 'a' is 200,00"), problem
    assert "characters long; keep it under" in problem
    assert csv.field_size_limit() == before


@pytest.mark.parametrize("brk", ["\f", "\v", "\u2028", "\u2029", "\x85", "\x1c"])
def test_a_stray_line_break_inside_a_field_does_not_split_the_row(brk: str) -> None:
    """Only \\r and \\n end a CSV row; the problem on the next row keeps its line."""
    text = HEADER + f'a,"T{brk}x",2020,x\nb,T{brk}y,2021-13,x\n'
    with pytest.raises(LoadError) as caught:
        load_csv_text(text, "t.csv", "t")
    [problem] = caught.value.problems
    assert (problem.line, problem.column) == (3, 3) and "month 13" in problem.message


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
@pytest.mark.parametrize("suffix", [".csv", ".json", ".yaml"])
def test_utf16_without_a_byte_order_mark_is_named(tmp_path: Path, codec: str, suffix: str) -> None:
    text = {".csv": HEADER + "a,T,2020,x\n", ".json": '{"events": []}', ".yaml": "events:\n  - id: a\n"}
    path = tmp_path / f"t{suffix}"
    path.write_bytes(text[suffix].encode(codec))
    assert first_problem(path) == (
        "1:1: the file looks like UTF-16 without a byte-order mark; save it as UTF-8"
    )


def test_a_latin1_source_document_is_not_utf8_rather_than_not_found(tmp_path: Path) -> None:
    """A document in Latin-1 was read with replacement characters and every quote with an
    accent came out 'not in the source text'; a missing one is still 'not found'."""
    from timeline_app.model.loader import load_text

    (tmp_path / "s.txt").write_bytes("Le café est ouvert.\n".encode("latin-1"))
    yaml_text = (
        "events:\n  - id: a\n    title: T\n    date: '2020'\n    category: x\n"
        "    excerpts:\n      - source: s\n        quote: café\n"
        "      - source: m\n        quote: word\n"
        "sources:\n  s:\n    title: S\n    file: s.txt\n  m:\n    title: M\n    file: missing.txt\n"
    )
    latin, missing = check_quotes(load_text(yaml_text), tmp_path)
    assert not latin.found
    assert latin.reason == (
        "the source document s.txt is not UTF-8 text (byte 0xE9 on line 1; it may be Latin-1); "
        "save it as UTF-8"
    )
    assert (missing.found, missing.reason) == (False, "source document not found")
