"""The editable chronology: every edit changes the file as asked, and its inverse undoes it exactly."""

import json

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from timeline_app.model.edit_ops import (
    EditError,
    InsertEvent,
    InsertExcerpt,
    RemoveEvent,
    RemoveExcerpt,
    SetEventField,
    SetExcerpt,
    SetSource,
    SetTimelineField,
)
from timeline_app.model.editing import Chronology, DumpError
from timeline_app.model.loader import load_path

SMALL = """\
# a small chronology
title: Small
sources:
  src-a:
    title: Source A
events:
  - id: e1
    title: "First"   # the first one
    date: "2001-02"
    category: agreement
    excerpts:
      - source: src-a
        quote: 'a quote'
  - id: e2
    title: Second
    date: "2002"
    category: policy
"""


def chronology(text=SMALL):
    return Chronology.from_text(text, "small.yaml")


def test_a_new_chronology_is_untitled_and_empty_until_an_event_is_added():
    doc = Chronology.new()
    assert doc.timeline_field("title") == "Untitled"
    assert doc.event_ids() == []
    assert not doc.dirty
    doc.apply(InsertEvent(0, {"id": "a", "title": "A", "date": "2020", "category": "c"}))
    timeline, problems = doc.timeline()
    assert problems == []
    assert [e.title for e in timeline.events] == ["A"]
    assert doc.dirty


def test_the_timeline_is_read_by_the_loader_and_problems_name_the_line_to_be_saved():
    doc = chronology()
    doc.apply(SetEventField("e2", "date", "the day after"))
    timeline, problems = doc.timeline()
    assert timeline is None
    assert len(problems) == 1
    assert problems[0].file == "small.yaml"
    assert problems[0].line == doc.text().split("\n").index('    date: "the day after"') + 1


def test_setting_a_field_keeps_its_quoting_and_its_comment():
    doc = chronology()
    doc.apply(SetEventField("e1", "title", "Premier"))
    assert '    title: "Premier" # the first one' in doc.text()  # the comment keeps its column where it can


def test_none_removes_a_key_and_the_inverse_puts_it_back_in_its_place():
    doc = chronology()
    undo = doc.apply(SetEventField("e1", "date", None))
    assert "2001-02" not in doc.text()
    doc.apply(undo)
    assert doc.text() == SMALL
    assert not doc.dirty


@pytest.mark.parametrize(
    "edit",
    [
        SetEventField("e2", "summary", "New summary"),
        SetEventField("e1", "id", "e1-renamed"),
        InsertEvent(1, {"id": "e3", "title": "Third", "date": "2003", "category": "policy"}),
        RemoveEvent("e1"),
        SetExcerpt("e1", 0, {"source": "src-a", "quote": "another quote"}),
        InsertExcerpt("e1", 1, {"source": "src-a", "quote": "more"}),
        InsertExcerpt("e2", 0, {"source": "src-a", "quote": "the first of e2"}),
        RemoveExcerpt("e1", 0),
        SetSource("src-b", {"title": "Source B"}),
        SetSource("src-a", {"title": "Source A, renamed", "author": "Someone"}),
        SetSource("src-a", None),
        SetTimelineField("title", "Renamed"),
        SetTimelineField("description", "Now described"),
    ],
)
def test_every_edit_changes_the_file_and_its_inverse_restores_every_byte(edit):
    doc = chronology()
    undo = doc.apply(edit)
    assert doc.text() != SMALL
    assert doc.dirty
    redo = doc.apply(undo)
    assert doc.dump() == SMALL.encode()
    assert not doc.dirty
    doc.apply(redo)
    assert doc.dirty


def test_edits_show_in_the_timeline():
    doc = chronology()
    doc.apply(SetEventField("e2", "title", "Second, retitled"))
    doc.apply(InsertExcerpt("e2", 0, {"source": "src-a", "quote": "q"}))
    doc.apply(RemoveEvent("e1"))
    timeline, problems = doc.timeline()
    assert problems == []
    assert [(e.id, e.title, len(e.excerpts)) for e in timeline.events] == [("e2", "Second, retitled", 1)]


def test_the_first_source_of_a_file_without_sources_goes_before_the_events():
    doc = Chronology.new()
    undo = doc.apply(SetSource("s", {"title": "S"}))
    assert doc.text().index("sources:") < doc.text().index("events:")
    doc.apply(undo)
    assert "sources" not in doc.text()


@pytest.mark.parametrize(
    "edit",
    [
        SetEventField("nope", "title", "x"),
        RemoveEvent("nope"),
        SetExcerpt("e1", 5, {"source": "src-a", "quote": "x"}),
        RemoveExcerpt("e2", 0),
        SetSource("nope", None),
        InsertEvent(2, {"id": "e1", "title": "x"}),
        InsertEvent(0, {"title": "no id"}),
        SetEventField("e2", "id", "e1"),
        SetEventField("e2", "id", None),
        InsertEvent(9, {"id": "e9"}),
    ],
)
def test_an_edit_naming_what_is_not_there_says_so_and_changes_nothing(edit):
    doc = chronology()
    with pytest.raises(EditError):
        doc.apply(edit)
    assert doc.revision == 0
    assert doc.text() == SMALL


def test_an_unknown_event_id_is_named_in_the_error():
    with pytest.raises(EditError, match="no event with id 'nope'"):
        chronology().apply(RemoveEvent("nope"))


def test_reading_gives_plain_values():
    doc = chronology()
    assert doc.event_ids() == ["e1", "e2"]
    assert doc.event("e1")["excerpts"] == [{"source": "src-a", "quote": "a quote"}]
    assert doc.sources() == {"src-a": {"title": "Source A"}}


def test_json_and_csv_are_read_back_as_the_same_timeline(tmp_path):
    doc = chronology()
    expected = [(e.id, e.title, e.when.edtf(), len(e.excerpts)) for e in doc.timeline()[0].events]
    for fmt in ("json", "csv"):
        path = tmp_path / f"t.{fmt}"
        for target, data in doc.files_for(path):
            target.write_bytes(data)
        loaded = load_path(path)
        assert [(e.id, e.title, e.when.edtf(), len(e.excerpts)) for e in loaded.events] == expected
        again = Chronology.load(path)
        assert again.format == fmt
        assert [(e.id, e.title) for e in again.timeline()[0].events] == [(i, t) for i, t, _, _ in expected]
    assert json.loads(doc.dump("json"))["events"][0]["title"] == "First"


def test_an_invalid_chronology_saves_as_yaml_but_not_as_csv():
    doc = chronology()
    doc.apply(SetEventField("e2", "date", "someday"))
    assert b"someday" in doc.dump("yaml")
    with pytest.raises(DumpError) as caught:
        doc.dump("csv")
    assert caught.value.problems


def test_a_file_that_is_not_a_mapping_is_refused_with_the_loaders_words(tmp_path):
    from timeline_app.model.problems import LoadError

    path = tmp_path / "list.yaml"
    path.write_text("- a\n- b\n")
    with pytest.raises(LoadError):
        Chronology.load(path)


def test_mark_saved_makes_it_clean_and_sets_the_path(tmp_path):
    doc = chronology()
    doc.apply(SetTimelineField("title", "Saved"))
    doc.mark_saved(tmp_path / "saved.yaml")
    assert not doc.dirty
    assert doc.path == tmp_path / "saved.yaml"
    assert doc.format == "yaml"


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ("events:\n  - id: a\n    date: 2013-02-30\n", "2013-02-30"),
        ("title: " + "9" * 5000 + "\nevents: []\n", "must be text, not a number"),
        ("events: " + "[" * 30000 + "]" * 30000 + "\n", "nest"),
        ("title: T\ntitle: U\nevents: []\n", "duplicate key 'title'"),
        ("just text\n", "must be a mapping"),
    ],
)
def test_a_file_that_cannot_become_a_tree_is_refused_with_a_problem_not_a_crash(text, said):
    from timeline_app.model.problems import LoadError

    with pytest.raises(LoadError) as caught:
        Chronology.from_text(text, "bad.yaml")
    assert said in str(caught.value)


def test_a_damaged_recovery_text_is_refused_and_the_document_stays_as_it_was():
    from timeline_app.model.problems import LoadError

    doc = chronology()
    with pytest.raises(LoadError):
        doc.restore("[" * 30000 + "]" * 30000)
    assert doc.text() == SMALL
    assert not doc.dirty


@given(st.text(alphabet=st.characters(exclude_categories=("Cs",)), min_size=1, max_size=40))
@settings(max_examples=150, deadline=None)
@example("NEL\x85line")
@example("a\u2028b")
@example("yes")
@example("012")
@example("2013-02-30")
def test_any_text_set_in_the_window_is_read_back_as_that_text_or_reported(text):
    """ruamel.yaml writes YAML 1.2 and the loader reads YAML 1.1: no text may change on the way
    ('yes' read as true, NEL folded into a space)."""
    doc = chronology()
    doc.apply(SetEventField("e2", "summary", text))
    timeline, problems = doc.timeline()
    assert problems == []
    assert timeline.event("e2").summary in (text, text.strip())


def test_a_lone_surrogate_is_refused_before_it_reaches_the_file():
    with pytest.raises(EditError, match="lone surrogate"):
        chronology().apply(SetEventField("e1", "title", "a\ud800b"))


def test_problems_of_a_csv_document_name_the_event_but_no_yaml_line(tmp_path):
    doc = chronology()
    for target, data in doc.files_for(tmp_path / "t.csv"):
        target.write_bytes(data)
    doc = Chronology.load(tmp_path / "t.csv")
    doc.apply(SetEventField("e2", "date", "someday"))
    _, problems = doc.timeline()
    assert [(p.file, p.line, p.column) for p in problems] == [(str(tmp_path / "t.csv"), 0, 0)]
    assert "'e2'" in problems[0].message


def test_saving_under_another_name_renames_the_problems_file():
    doc = chronology()
    doc.apply(SetEventField("e2", "date", "someday"))
    assert doc.timeline()[1][0].file == "small.yaml"
    doc.mark_saved("elsewhere.yaml")
    assert doc.timeline()[1][0].file == "elsewhere.yaml"


def test_saving_as_csv_keeps_the_links_in_their_sidecar(tmp_path):
    """A CSV table holds no links: they go to `<stem>.links.csv`, or Save As CSV loses them;
    a stale links file at the target is emptied, so what is read back is what was saved."""
    linked = SMALL + "    links:\n      - {type: responds_to, to: e1, inferred: true, note: a guess}\n"
    doc = Chronology.from_text(linked, "linked.yaml")
    for target, data in doc.files_for(tmp_path / "t.csv"):
        target.write_bytes(data)
    [link] = load_path(tmp_path / "t.csv").event("e2").links
    assert (link.type, link.to, link.note) == ("responds_to", "e1", "a guess")
    for target, data in chronology().files_for(tmp_path / "t.csv"):  # no links now
        target.write_bytes(data)
    assert load_path(tmp_path / "t.csv").event("e2").links == ()
