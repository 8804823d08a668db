"""Loading gives a timeline, or every problem in the file with its line and column."""

import textwrap

import pytest

from timeline_app.model import LoadError, load_path, load_text

GOOD = textwrap.dedent(
    """\
    title: Test
    sources:
      a:
        title: Doc A
        author: Ann
        published: "2022-01-27"
    events:
      - id: e1
        title: First
        date: "2013-12"
        category: decision
        excerpts:
          - source: a
            quote: some words
      - id: e2
        title: Second
        start: 2016
        end: 2017
        category: incident
    """
)


def problems(text: str) -> list:
    with pytest.raises(LoadError) as info:
        load_text(text, "f.yaml")
    return info.value.problems


def only(text: str):
    found = problems(text)
    assert len(found) == 1, [p.format() for p in found]
    return found[0]


def test_good_file_loads_in_date_order():
    timeline = load_text(GOOD, "f.yaml")
    assert [e.id for e in timeline.events] == ["e1", "e2"]
    assert timeline.events[0].when.start.iso() == "2013-12"
    assert timeline.events[1].when.is_span
    assert (
        timeline.sources["a"].citation() == "Ann, \u201cDoc A\u201d, publisher not stated, 27 January 2022."
    )


def test_yaml_syntax_error_has_line_and_column():
    p = only("events:\n  - id: a\n    title: 'unclosed\n")
    assert p.file == "f.yaml" and p.line >= 3 and p.column >= 1
    assert "YAML syntax error" in p.message


def test_tab_indentation_says_use_spaces():
    p = only("events:\n\t- id: a\n")
    assert (p.line, "spaces") == (2, "spaces") and "spaces" in p.message


def test_missing_required_fields_are_all_reported():
    found = problems("events:\n  - id: a\n  - title: B\n    date: 2020\n    category: x\n")
    text = "\n".join(p.format() for p in found)
    assert "f.yaml:2:5: event 'a' has no 'title'" in text
    assert "f.yaml:2:5: event 'a' has no 'category'" in text
    assert "f.yaml:3:5: the event on line 3 has no 'id'" in text


def test_number_as_title_is_refused_with_a_fix():
    p = only("events:\n  - id: a\n    title: 42\n    date: 2020\n    category: x\n")
    assert (p.line, p.column) == (3, 12)
    assert "must be text" in p.message and 'put it in quotes: "42"' in p.message


def test_mapping_as_date_is_refused():
    p = only("events:\n  - id: a\n    title: A\n    date: {year: 2020}\n    category: x\n")
    assert p.line == 4 and "must be text" in p.message


@pytest.mark.parametrize("date, message", [("2023-02-30", "has 28 days"), ("2013-13", "month 13")])
def test_impossible_dates_point_at_the_date(date, message):
    p = only(f"events:\n  - id: a\n    title: A\n    date: {date}\n    category: x\n")
    assert (p.line, p.column) == (4, 11) and message in p.message


def test_end_before_start():
    p = only("events:\n  - id: a\n    title: A\n    start: 2020\n    end: 2019\n    category: x\n")
    assert p.line == 5 and "before the start" in p.message


def test_duplicate_event_ids_name_the_first_line():
    p = only(
        "events:\n  - {id: a, title: A, date: '2020', category: x}\n"
        "  - {id: a, title: B, date: '2021', category: x}\n"
    )
    assert p.line == 3 and "duplicate event id 'a'" in p.message and "line 2" in p.message


def test_duplicate_mapping_keys_are_detected():
    """PyYAML silently keeps the last of two equal keys; we say so instead."""
    p = only("events:\n  - id: a\n    title: A\n    title: B\n    date: 2020\n    category: x\n")
    assert (p.line, p.column) == (4, 5) and "duplicate key 'title'" in p.message


def test_excerpt_citing_unknown_source_suggests_the_close_one():
    text = GOOD.replace("- source: a", "- source: b")
    p = only(text)
    assert p.line == 13 and "cites source 'b'" in p.message


def test_empty_quote_is_refused():
    p = only(GOOD.replace("quote: some words", "quote: '   '"))
    assert p.line == 14 and "empty quote" in p.message


def test_unknown_key_suggests_the_right_one():
    p = only(GOOD.replace("category: decision", "catgory: decision\n    category: decision"))
    assert "unknown key 'catgory'" in p.message and "did you mean 'category'" in p.message


def test_python_object_tags_are_refused_not_executed():
    p = only("events: !!python/object/apply:os.system ['echo hacked']\n")
    assert "tag" in p.message and "not allowed" in p.message


def test_aliases_are_refused():
    text = "events:\n  - &e {id: a, title: A, date: '2020', category: x}\n  - *e\n"
    assert any("alias" in p.message for p in problems(text))


@pytest.mark.parametrize(
    "text, message",
    [("", "empty"), ("- a\n- b\n", "must be a mapping"), ("just text\n", "must be a mapping")],
)
def test_files_that_are_not_timelines(text, message):
    assert message in only(text).message


def test_latin1_file_names_the_byte_and_line(tmp_path):
    path = tmp_path / "latin.yaml"
    path.write_bytes("events:\n  - id: a\n    title: Caf\u00e9\n".encode("latin-1"))
    with pytest.raises(LoadError) as info:
        load_path(path)
    p = info.value.problems[0]
    assert (p.line, p.column) == (3, 15) and "0xE9" in p.message and "UTF-8" in p.message


def test_missing_file_is_a_problem_not_a_crash(tmp_path):
    with pytest.raises(LoadError, match="cannot read the file"):
        load_path(tmp_path / "nope.yaml")


@pytest.mark.parametrize("suffix", [".yaml", ".csv", ".json"])
def test_a_fifo_is_refused_without_blocking(tmp_path, suffix):
    """`Path.read_bytes()` on a FIFO waits for a writer forever; only regular files are read."""
    import os
    import signal

    path = tmp_path / f"pipe{suffix}"
    os.mkfifo(path)
    signal.alarm(10)  # a blocked read fails the test instead of hanging it
    try:
        with pytest.raises(LoadError, match="cannot read the file: it is a FIFO"):
            load_path(path)
    finally:
        signal.alarm(0)


def test_open_path_leaves_the_copy_to_its_caller_and_load_path_writes_it(tmp_path):
    """The window shows a large file before its columnar copy is written; the command line
    writes it before it goes on. A file changed in between gets no copy of the older version."""
    from timeline_app.model.loader import open_path

    path = tmp_path / "t.yaml"
    path.write_text(GOOD, encoding="utf-8")
    folder = tmp_path / "cache"
    opened = open_path(path, folder, cache_from_bytes=0)
    assert opened.keep_copy is not None and not list(folder.glob("*.arrow"))
    path.write_text(GOOD.replace("First", "Changed"), encoding="utf-8")
    assert opened.keep_copy() is False and not list(folder.glob("*.arrow"))
    timeline = load_path(path, folder, cache_from_bytes=0)
    assert len(list(folder.glob("*.arrow"))) == 1
    assert open_path(path, folder, cache_from_bytes=0).keep_copy is None, "read from the copy"
    assert timeline.events[0].title == "Changed"
