"""A large file's columnar copy is written after the window shows the timeline: the next
opening reads the copy and shows the same timeline; a changed file is read again; a copy that
cannot be written changes nothing the user sees."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.model.formats import assert_same_timeline
from timeline_app.model import cache, loader
from timeline_app.window import main_window

HEADER = "id,title,start,end,category,source,quote\n"
ROWS = "".join(f"e{i},Event {i},20{10 + i}-01-01,,decision,s{i % 2},quote {i}\n" for i in range(6))


@pytest.fixture
def large(monkeypatch, tmp_path):
    """Every file counts as large (it gets a copy, in a cache folder of this test's own) and
    loads on the worker thread; `reads` counts the times a file is read from its text."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.setattr(loader, "CACHE_BYTES", 1)
    monkeypatch.setattr(main_window, "BACKGROUND_BYTES", -1)
    reads: list[Path] = []
    real = loader._load_path

    def counted(path: Path):
        reads.append(path)
        return real(path)

    monkeypatch.setattr(loader, "_load_path", counted)
    path = tmp_path / "t.csv"
    path.write_text(HEADER + ROWS, encoding="utf-8")
    return path, reads, tmp_path / "cache"


def stamps(folder: Path) -> dict[Path, int]:
    return {p: p.stat().st_mtime_ns for p in folder.rglob("*.arrow")}


def open_and_wait_for_copy(window, qtbot, path: Path, folder: Path) -> bool:
    """Open `path`; True if its copy was written, which happens only after it is shown."""
    before = stamps(folder)
    with qtbot.waitSignal(window.background.sigDone, timeout=60_000):
        window.open_file(path)
    with qtbot.waitSignal(window.background.sigCopyKept, timeout=60_000) as kept:
        assert window.path == path and stamps(folder) == before, "shown first, then copied"
    return bool(kept.args[1])


def test_a_file_opened_again_comes_from_the_copy_written_after_it_was_shown(window, qtbot, large) -> None:
    path, reads, folder = large
    assert open_and_wait_for_copy(window, qtbot, path, folder)
    first = window.state.timeline
    assert len(stamps(folder)) == 1 and reads == [path]
    with qtbot.waitSignal(window.background.sigDone, timeout=60_000):
        window.open_file(path)
    assert reads == [path], "the second opening read the copy, not the file"
    assert_same_timeline(window.state.timeline, first)


def test_a_changed_file_is_read_again_and_its_copy_replaced(window, qtbot, large) -> None:
    path, reads, folder = large
    assert open_and_wait_for_copy(window, qtbot, path, folder)
    with path.open("a", encoding="utf-8") as f:
        f.write("newer,Only in the newer version,2030-01-01,,decision,s1,newer quote\n")
    assert open_and_wait_for_copy(window, qtbot, path, folder)
    assert reads == [path, path]
    assert window.state.timeline.index_of("newer") is not None
    assert len(stamps(folder)) == 1, "the old copy is replaced, not kept beside the new one"


def test_a_copy_that_cannot_be_written_leaves_the_window_working(window, qtbot, large, monkeypatch) -> None:
    path, reads, folder = large

    def broken(*args: object) -> bool:
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(cache, "write_cached", broken)
    assert not open_and_wait_for_copy(window, qtbot, path, folder)
    assert stamps(folder) == {}
    assert window.state.timeline.index_of("e3") is not None
    assert not window.errors.isVisible()
    with qtbot.waitSignal(window.background.sigDone, timeout=60_000):
        window.open_file(path)  # read from the file again, as if there had never been a cache
    assert len(reads) == 2 and window.state.timeline.index_of("e3") is not None
