"""Desktop integration in a temporary XDG home: install, validate, uninstall to nothing."""

import os
import shutil
import stat
import subprocess
import sys
import threading

import pytest

from timeline_app import desktop
from timeline_app.model.safe_io import SafeIOError


def test_install_writes_entry_icons_and_mime_type_then_uninstall_leaves_nothing(tmp_path):
    home = tmp_path / "share"
    written = desktop.install(home, command="/opt/timeline/timeline-app-gui")
    entry = home / "applications" / "timeline-app.desktop"
    assert entry in written
    text = entry.read_text()
    assert "Exec=/opt/timeline/timeline-app-gui %f" in text
    assert "MimeType=application/x-timeline+yaml;" in text
    assert (home / "icons/hicolor/256x256/apps/timeline-app.png").read_bytes()[:4] == b"\x89PNG"
    assert (home / "icons/hicolor/scalable/apps/timeline-app.svg").exists()
    assert "*.timeline.yaml" in (home / "mime/packages/timeline-app.xml").read_text()
    if shutil.which("desktop-file-validate"):
        check = subprocess.run(["desktop-file-validate", str(entry)], capture_output=True, text=True)
        assert check.returncode == 0 and not check.stdout.strip(), check.stdout + check.stderr
    before = sorted(p for p in home.rglob("*"))
    desktop.install(home, command="/opt/timeline/timeline-app-gui")  # again: replaces
    assert sorted(p for p in home.rglob("*")) == before
    removed = desktop.uninstall(home)
    assert len(removed) == len(written)
    assert not home.exists() or not any(home.rglob("*"))


def test_uninstall_keeps_files_it_did_not_write(tmp_path):
    home = tmp_path / "share"
    mine = home / "applications" / "other.desktop"
    mine.parent.mkdir(parents=True)
    mine.write_text("[Desktop Entry]\n")
    desktop.install(home, command="/usr/bin/true")
    desktop.uninstall(home)
    assert mine.read_text() == "[Desktop Entry]\n"


def test_cli_flags_install_and_uninstall(tmp_path):
    env = {"XDG_DATA_HOME": str(tmp_path / "share"), "PATH": "/usr/bin:/bin", "HOME": str(tmp_path)}
    result = subprocess.run(
        [sys.executable, "-m", "timeline_app", "--install-desktop"],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0 and "Installed" in result.stdout
    assert (tmp_path / "share/applications/timeline-app.desktop").exists()
    result = subprocess.run(
        [sys.executable, "-m", "timeline_app", "--uninstall-desktop"],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0
    assert not (tmp_path / "share/applications/timeline-app.desktop").exists()


# --- every file written through the one writer (model/safe_io.write_atomic) -----------------


def tree(home):
    return sorted((str(p.relative_to(home)), stat.S_IFMT(os.lstat(p).st_mode)) for p in home.rglob("*"))


def test_a_fifo_where_a_file_goes_is_refused_and_nothing_is_left_half_installed(tmp_path):
    """The MIME file is written last: by then the entry and the icons were written; they go
    again, and the FIFO stays a FIFO (a rename used to replace it with a file)."""
    home = tmp_path / "share"
    fifo = home / "mime" / "packages" / "timeline-app.xml"
    fifo.parent.mkdir(parents=True)
    os.mkfifo(fifo)
    before = tree(home)
    with pytest.raises(SafeIOError, match="FIFO"):
        desktop.install(home, command="/usr/bin/true")
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)
    assert tree(home) == before


def test_a_fifo_at_a_temporary_name_does_not_hang_the_install(tmp_path):
    """The temporary file had a fixed name, `NAME.tmp`, opened for writing: a FIFO there made
    the install wait forever for a reader. Temporary names are now new files, never opened
    if they exist."""
    home = tmp_path / "share"
    trap = home / "applications" / "timeline-app.desktop.tmp"
    trap.parent.mkdir(parents=True)
    os.mkfifo(trap)
    env = {"XDG_DATA_HOME": str(home), "PATH": "/usr/bin:/bin", "HOME": str(tmp_path)}
    result = subprocess.run(
        [sys.executable, "-m", "timeline_app", "--install-desktop"],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert (home / "applications" / "timeline-app.desktop").is_file()
    assert stat.S_ISFIFO(os.lstat(trap).st_mode)


@pytest.mark.skipif(not os.path.isdir("/proc/self"), reason="needs Linux /proc")
def test_installing_where_no_file_can_be_written_exits_2_with_a_message(tmp_path):
    """/proc takes no new files even for root: a clear message and status 2, not a traceback."""
    env = {"XDG_DATA_HOME": "/proc/self/share", "PATH": "/usr/bin:/bin", "HOME": str(tmp_path)}
    result = subprocess.run(
        [sys.executable, "-m", "timeline_app", "--install-desktop"],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 2
    assert result.stderr.startswith("cannot write /proc/self/share/") and "Traceback" not in result.stderr


def test_a_manifest_that_is_a_fifo_is_refused_without_blocking(tmp_path):
    home = tmp_path / "share"
    manifest = desktop.manifest_path(home)
    manifest.parent.mkdir(parents=True)
    os.mkfifo(manifest)
    outcome = {}

    def run():
        try:
            outcome["removed"] = desktop.uninstall(home)
        except SafeIOError as exc:
            outcome["error"] = exc

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    thread.join(10)
    if thread.is_alive():  # let the blocked reader go before failing
        os.close(os.open(manifest, os.O_WRONLY | os.O_NONBLOCK))
        pytest.fail("uninstall blocked reading a FIFO manifest")
    assert "FIFO" in str(outcome["error"])
