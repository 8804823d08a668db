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


def test_a_fifo_in_place_of_the_error_log_does_not_block(tmp_path):
    """The log was opened for appending: on a FIFO that waits for a reader, forever, inside the
    exception hook, so the dialog never came. Now it is refused and the dialog still shows."""
    import os
    import threading

    from timeline_app.window.crash import write_log

    folder = tmp_path / "logs"
    folder.mkdir()
    fifo = folder / "errors.log"
    os.mkfifo(fifo)
    outcome = {}

    def run():
        try:
            outcome["path"] = write_log("details", folder)
        except Exception as exc:
            outcome["error"] = exc

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    thread.join(10)
    if thread.is_alive():  # let the blocked writer go before failing
        os.close(os.open(fifo, os.O_RDONLY | os.O_NONBLOCK))
        raise AssertionError("writing the error log blocked on a FIFO")
    assert "FIFO" in str(outcome["error"])


def test_an_exception_with_control_characters_and_a_lone_surrogate_is_logged_and_shown(
    qapp, tmp_path, capsys
):
    """Its message comes from data: a lone surrogate made the log write raise inside the hook
    (no dialog); an escape sequence reached the terminal raw."""
    from timeline_app.window.crash import CrashHandler

    shown = []
    handler = CrashHandler(tmp_path / "logs", show=shown.append)
    try:
        raise ValueError("bad title \x1b]0;pwned\x07 \ud800")
    except ValueError as exc:
        handler(type(exc), exc, exc.__traceback__)
    err = capsys.readouterr().err
    assert "\x1b" not in err and "\x07" not in err and "\\x1b]0;pwned\\x07 \\ud800" in err
    log = (tmp_path / "logs" / "errors.log").read_text(encoding="utf-8")
    assert "ValueError: bad title \\x1b]0;pwned\\x07 \\ud800" in log
    assert len(shown) == 1


def test_the_error_log_keeps_its_newest_megabyte(tmp_path):
    from timeline_app.window.crash import MAX_LOG_BYTES, write_log

    folder = tmp_path / "logs"
    folder.mkdir()
    (folder / "errors.log").write_text(("--- old entry\n" + "x" * 80 + "\n") * 30_000, encoding="utf-8")
    path = write_log("the newest details", folder)
    text = path.read_text(encoding="utf-8")
    assert len(text.encode()) <= MAX_LOG_BYTES
    assert text.startswith("--- ") and text.rstrip().endswith("the newest details")
