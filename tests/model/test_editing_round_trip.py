"""Saving keeps the user's file: no change gives the same bytes, one change changes one line.

The embedded chronology is read at test time (so these tests follow the data when it changes),
and each layout ruamel.yaml alone would rewrite has a file of its own.
"""

import difflib

import pytest

from timeline_app.model.edit_ops import InsertEvent, RemoveEvent, SetEventField
from timeline_app.model.editing import Chronology
from timeline_app.resources import default_dataset


def changed_lines(before: bytes, after: bytes) -> list[str]:
    """The lines removed and added between two files (their line ends kept)."""
    diff = difflib.unified_diff(
        before.decode().splitlines(True), after.decode().splitlines(True), lineterm="", n=0
    )
    return [line for line in diff if line[:1] in "+-" and line[:3] not in ("+++", "---")]


def test_the_embedded_file_loaded_and_saved_unchanged_keeps_its_bytes():
    path = default_dataset()
    original = path.read_bytes()
    doc = Chronology.load(path)
    assert doc.dump() == original
    first = doc.event_ids()[0]
    undo = doc.apply(SetEventField(first, "title", "changed, then changed back"))
    doc.apply(undo)
    assert doc.dump() == original  # written afresh from the tree, not the text kept from loading


def test_changing_any_one_title_of_the_embedded_file_changes_exactly_that_line():
    path = default_dataset()
    original = path.read_bytes()
    doc = Chronology.load(path)
    for event_id in doc.event_ids():
        old = doc.event(event_id)["title"]
        undo = doc.apply(SetEventField(event_id, "title", old + " (edited)"))
        lines = changed_lines(original, doc.dump())
        assert len(lines) == 2, (event_id, lines)
        assert lines[0].startswith("-") and old in lines[0]
        assert lines[1] == lines[0].replace(old, old + " (edited)", 1).replace("-", "+", 1)
        doc.apply(undo)
    assert doc.dump() == original


BODY = """\
# a comment at the top
title: 'Odd, quoted'   # a comment after a value
events:
  # a comment before an item
  - id: e1
    title: "First"
    date: '2001-02'
    category: agreement
    note: 'it''s quoted the YAML way'
  - {id: e2, title: Second, date: "2002", category: policy, tags: [a, b,  c]}
  - id: e3
    title:    Third
    date: "2003"
    category: policy
  -   id: e4
      title: Fourth
      date: "2004"
      category: policy
      summary: a plain text
        over two lines
"""
LAYOUTS = {
    "comments, quoting, flow lists, odd spacing, a second indentation": BODY,
    "CRLF line ends": BODY.replace("\n", "\r\n"),
    "a byte-order mark": "\ufeff" + BODY,
    "no newline at the end": BODY.rstrip("\n"),
    "all of them": "\ufeff" + BODY.replace("\n", "\r\n").rstrip("\r\n"),
    "a directive and document markers": "%YAML 1.1\n---\n" + BODY + "...\n",
}


@pytest.mark.parametrize("layout", LAYOUTS)
def test_a_file_in_any_layout_keeps_its_bytes_through_an_edit_and_its_undo(tmp_path, layout):
    path = tmp_path / "odd.yaml"
    path.write_bytes(LAYOUTS[layout].encode("utf-8"))
    doc = Chronology.load(path)
    assert doc.dump() == path.read_bytes()
    for event_id in ("e1", "e2", "e3", "e4"):
        doc.apply(doc.apply(SetEventField(event_id, "title", "something else")))
        assert doc.dump() == path.read_bytes(), event_id


@pytest.mark.parametrize("layout", LAYOUTS)
@pytest.mark.parametrize(
    ("event_id", "old"),
    [("e1", '"First"'), ("e2", "title: Second,"), ("e3", "title:    Third"), ("e4", "title: Fourth")],
)
def test_a_file_in_any_layout_changes_one_line_for_one_title(tmp_path, layout, event_id, old):
    path = tmp_path / "odd.yaml"
    path.write_bytes(LAYOUTS[layout].encode("utf-8"))
    doc = Chronology.load(path)
    title = doc.event(event_id)["title"]
    doc.apply(SetEventField(event_id, "title", title + " edited"))
    removed, added = changed_lines(path.read_bytes(), doc.dump())
    assert old in removed
    assert added == "+" + removed[1:].replace(old, old.replace(title, title + " edited"), 1)


def test_mixed_line_ends_are_written_with_the_first_one_found():
    """A limit, stated: a file that mixes CRLF and LF is saved with CRLF throughout."""
    doc = Chronology.from_text("title: T\r\nevents:\n  - id: e1\r\n")
    doc.apply(SetEventField("e1", "title", "x"))
    assert doc.dump() == b"title: T\r\nevents:\r\n  - id: e1\r\n    title: x\r\n"


@pytest.mark.parametrize("layout", LAYOUTS)
def test_adding_or_removing_an_event_touches_only_its_own_lines(tmp_path, layout):
    path = tmp_path / "odd.yaml"
    path.write_bytes(LAYOUTS[layout].encode("utf-8"))
    doc = Chronology.load(path)
    doc.apply(InsertEvent(2, {"id": "new", "title": "New", "date": "2005", "category": "policy"}))
    lines = changed_lines(path.read_bytes(), doc.dump())
    assert [line[0] + line[1:].strip() for line in lines] == [
        "+- id: new",
        "+title: New",
        '+date: "2005"',  # quoted as the file quotes most: 2005 unquoted would read as a number
        "+category: policy",
    ]
    doc = Chronology.load(path)
    doc.apply(RemoveEvent("e3"))
    lines = changed_lines(path.read_bytes(), doc.dump())
    assert [line[0] + line[1:].strip() for line in lines] == [
        "-- id: e3",
        "-title:    Third",
        '-date: "2003"',
        "-category: policy",
    ]
