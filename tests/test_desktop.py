"""Desktop integration in a temporary XDG home: install, validate, uninstall to nothing."""

import shutil
import subprocess
import sys

from timeline_app import desktop


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
