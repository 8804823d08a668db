"""Edit > Sources changes only what its form shows, and never drops what was typed in it."""

import pytest
from PySide6.QtWidgets import QApplication

from tests.conftest import open_window
from tests.window.editing_helpers import DiscardPrompts

pytestmark = pytest.mark.gui

CHRONOLOGY = """\
title: Sources test
sources:
  nikkei:
    title: Talks begin
    published: "2022-01-27"
    file: nikkei.txt
  walker:
    title: Tokyo overhauls strategy
    author: J. Walker
    published: "2022"
    published_inferred: true
    published_note: A day after the report it rewrites.
    file: walker.txt
    file_sha256: 8ccc7c7efdabf9c0689d32fb3f9810097462f3776cd8a9cc66ba1bbd49b69bcd
    derived_from: nikkei
    derived_note: It rewrites the Nikkei report sentence by sentence.
events:
  - id: talks
    title: Talks begin
    date: "2022-01-26"
    category: decision
    excerpts:
      - source: walker
        quote: Talks began
"""


@pytest.fixture(name="sources")
def sources_fixture(qtbot, settings, tmp_path):

    path = tmp_path / "sources.yaml"
    path.write_text(CHRONOLOGY, encoding="utf-8")
    win = open_window(qtbot, settings, path, DiscardPrompts())
    editor = win.edit_menu.open_sources()
    assert editor is not None
    rows = [editor.list.item(i).data(0x0100) for i in range(editor.list.count())]
    editor.list.setCurrentRow(rows.index("walker"))
    return win, editor


def test_apply_keeps_the_fields_the_form_does_not_show(sources):
    """Derivation, the document's hash and 'inferred' are not in the form; Apply must keep them."""
    win, editor = sources
    editor.fields["title"].setText("Tokyo overhauls its security strategy")
    editor.apply_button.click()
    walker = win.saving.document().sources()["walker"]
    assert walker["title"] == "Tokyo overhauls its security strategy"
    assert walker["derived_from"] == "nikkei"
    assert walker["derived_note"].startswith("It rewrites")
    assert walker["file_sha256"].startswith("8ccc7c7e")
    assert walker["published_inferred"] is True
    assert win.state.timeline.sources["walker"].derived_from == ("nikkei",)


def test_a_field_emptied_in_the_form_is_removed(sources):
    win, editor = sources
    editor.fields["author"].setText("")
    editor.apply_button.click()
    walker = win.saving.document().sources()["walker"]
    assert "author" not in walker
    assert walker["derived_from"] == "nikkei"


def test_closing_the_editor_keeps_what_was_typed(sources):
    """Typing a title and pressing Close (not Apply) lost the title without a word."""
    win, editor = sources
    editor.fields["title"].setText("Typed, then closed")
    editor.close()
    QApplication.processEvents()
    assert win.saving.document().sources()["walker"]["title"] == "Typed, then closed"
    assert win.edit_menu.undo.text().replace("&", "") == "Undo Change source walker"


def test_choosing_another_source_keeps_what_was_typed_in_the_first(sources):
    win, editor = sources
    editor.fields["author"].setText("Jonathan Walker")
    rows = [editor.list.item(i).data(0x0100) for i in range(editor.list.count())]
    editor.list.setCurrentRow(rows.index("nikkei"))
    QApplication.processEvents()
    assert win.saving.document().sources()["walker"]["author"] == "Jonathan Walker"
    assert editor.current_id() == "nikkei"
    assert editor.fields["title"].text() == "Talks begin"


def test_closing_without_typing_changes_nothing(sources):
    win, editor = sources
    before = win.saving.document().text()
    editor.close()
    QApplication.processEvents()
    assert win.saving.document().text() == before
    assert win.editing.stack.count() == 0
