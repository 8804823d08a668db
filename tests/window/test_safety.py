"""Safety: crashes are logged and shown, documents stay in their folder, markup stays text."""

import xml.etree.ElementTree as ET

from PySide6.QtCore import QTimer

from timeline_app.model import load_text
from timeline_app.model.documents import find_quote, resolve_document
from timeline_app.model.events import Source


def test_an_exception_in_a_slot_is_logged_and_shown_and_the_window_lives(window, qtbot, tmp_path):
    from timeline_app.window.crash import CrashHandler

    shown = []
    handler = CrashHandler(tmp_path / "logs", show=shown.append).install()
    try:
        QTimer.singleShot(0, lambda: 1 / 0)
        qtbot.waitUntil(lambda: (tmp_path / "logs" / "errors.log").exists(), timeout=3000)
    finally:
        handler.uninstall()
    assert "ZeroDivisionError" in (tmp_path / "logs" / "errors.log").read_text()
    assert len(shown) == 1 and "ZeroDivisionError" in shown[0].detailedText()
    copy = next(b for b in shown[0].buttons() if b.text() == "Copy Details")
    copy.click()
    from PySide6.QtWidgets import QApplication

    assert "ZeroDivisionError" in QApplication.clipboard().text()
    window.step(1)  # still usable
    assert window.state.selected >= 0


def source(file):
    return Source("s", "Doc", file=file)


def test_local_documents_cannot_escape_their_folder(tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    (data / "doc.txt").write_text("inside")
    (tmp_path / "secret.txt").write_text("outside")
    (data / "link.txt").symlink_to(tmp_path / "secret.txt")
    assert resolve_document(source("doc.txt"), [data]) == (data / "doc.txt").resolve()
    assert resolve_document(source("../secret.txt"), [data]) is None
    assert resolve_document(source(str(tmp_path / "secret.txt")), [data]) is None
    assert resolve_document(source("link.txt"), [data]) is None
    assert resolve_document(source("../../.ssh/id_rsa"), [data]) is None


def test_quotes_are_found_across_line_breaks_and_curly_quotes():
    text = "He said \u201cno\u201d.\nThen   he   left."
    start, end = find_quote(text, 'said "no". Then he left.')
    assert text[start:end] == "said \u201cno\u201d.\nThen   he   left."


def test_markup_in_data_is_literal_text_in_svg_exports(qapp, tmp_path):
    from timeline_app.presentation.view_state import ViewState
    from timeline_app.render import export_image

    timeline = load_text(
        "title: '<b>Bold</b> & <i>it</i>'\nevents:\n"
        "  - {id: a, title: '<img src=\"file:///etc/passwd\">', date: '2020', "
        "category: '<u>c</u>'}\n"
    )
    out = tmp_path / "t.svg"
    export_image(ViewState(timeline), out, 900, 400)
    root = ET.parse(out).getroot()
    text = " ".join("".join(el.itertext()) for el in root.iter() if el.tag.endswith("text"))
    assert "<b>Bold</b> & <i>it</i>" in text
    assert '<img src="file:///etc/passwd">' in text
    assert "<u>c</u>" in text
    assert not any(el.tag.endswith("image") for el in root.iter())
