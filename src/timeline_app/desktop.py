"""Linux desktop integration: an application-menu entry, icons and a MIME type, in the user's
XDG data folder; uninstalling removes exactly what installing wrote (a manifest lists it).

Every file goes through the one writer (`model.safe_io.write_atomic`): whole or not at all, and
a FIFO or device where a file should go is refused rather than blocked on or replaced. An
install that fails part-way removes what it wrote, and raises `SafeIOError` saying why.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

from timeline_app import APP_NAME, __version__
from timeline_app.model.safe_io import SafeIOError, read_regular_file, write_atomic
from timeline_app.resources import resource_dir

APP_ID = "timeline-app"
MIME_TYPE = "application/x-timeline+yaml"
ICON_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
MAX_MANIFEST_BYTES = 1024 * 1024  # a few dozen lines; anything larger is not ours


def data_home() -> Path:
    return Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")


def manifest_path(home: Path) -> Path:
    return home / APP_ID / "installed-files.txt"


def launcher() -> str:
    """The command the menu entry runs: the GUI launcher next to this Python, or this program."""
    here = Path(sys.argv[0]).resolve()
    for name in ("timeline-app-gui", "timeline-app"):
        candidate = here.with_name(name)
        if candidate.exists():
            return str(candidate)
    found = shutil.which("timeline-app-gui") or shutil.which("timeline-app")
    return found or f"{sys.executable} -m timeline_app"


def desktop_entry(command: str) -> str:
    quoted = command if " " not in command else f'"{command}"' if os.path.exists(command) else command
    return (
        "[Desktop Entry]\n"
        "Type=Application\n"
        f"Name={APP_NAME}\n"
        "GenericName=Chronology viewer\n"
        "Comment=Zoomable timelines where every event opens its quoted sources\n"
        f"Exec={quoted} %f\n"
        f"Icon={APP_ID}\n"
        "Terminal=false\n"
        "Categories=Office;Viewer;\n"
        f"MimeType={MIME_TYPE};\n"
        "Keywords=timeline;chronology;evidence;sources;\n"
        f"X-Timeline-Version={__version__}\n"
    )


def mime_xml() -> str:
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<mime-info xmlns="http://www.freedesktop.org/standards/shared-mime-info">\n'
        f'  <mime-type type="{MIME_TYPE}">\n'
        "    <comment>Timeline of dated, sourced events</comment>\n"
        '    <sub-class-of type="application/x-yaml"/>\n'
        '    <glob pattern="*.timeline.yaml" weight="60"/>\n'
        '    <glob pattern="*.timeline.yml" weight="60"/>\n'
        "  </mime-type>\n"
        "</mime-info>\n"
    )


def _write(path: Path, data: bytes, written: list[Path]) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise SafeIOError(
            "write", str(path), f"cannot create the folder {path.parent}: {exc.strerror or exc}"
        ) from None
    write_atomic(path, data)
    written.append(path)


def _refresh_caches(home: Path) -> None:
    """Let the desktop notice (best effort: the tools are optional)."""
    for command, folder in (
        (["update-desktop-database"], home / "applications"),
        (["update-mime-database"], home / "mime"),
    ):
        if shutil.which(command[0]) and folder.is_dir():
            subprocess.run([*command, str(folder)], capture_output=True, timeout=60)


def install(home: Path | None = None, command: str | None = None) -> list[Path]:
    home = home or data_home()
    uninstall(home)  # a reinstall replaces, never duplicates
    created = [
        d for d in (home / "applications", home / "icons", home / "mime", home / APP_ID) if not d.exists()
    ]
    written: list[Path] = []
    try:
        _write_files(home, command or launcher(), written)
        lines = [str(p) for p in written] + [f"dir:{d}" for d in created]
        _write(manifest_path(home), ("\n".join(lines) + "\n").encode("utf-8"), [])
    except SafeIOError:
        for path in written:  # no half install that no manifest lists
            with contextlib.suppress(OSError):  # the reason to report is the first failure
                path.unlink(missing_ok=True)
                _prune_empty(path.parent, home)
        raise
    _refresh_caches(home)
    return written


def _write_files(home: Path, command: str, written: list[Path]) -> None:
    icons = resource_dir()
    _write(home / "applications" / f"{APP_ID}.desktop", desktop_entry(command).encode(), written)
    for size in ICON_SIZES:
        _write(
            home / "icons" / "hicolor" / f"{size}x{size}" / "apps" / f"{APP_ID}.png",
            (icons / f"timeline-{size}.png").read_bytes(),
            written,
        )
    _write(
        home / "icons" / "hicolor" / "scalable" / "apps" / f"{APP_ID}.svg",
        (icons / "timeline.svg").read_bytes(),
        written,
    )
    _write(home / "mime" / "packages" / f"{APP_ID}.xml", mime_xml().encode(), written)


def uninstall(home: Path | None = None) -> list[Path]:
    """Remove the files the manifest lists; folders that install created go too, with the
    caches the desktop tools generated in them; other folders are left as they were."""
    home = home or data_home()
    manifest = manifest_path(home)
    if not manifest.exists():
        return []
    removed, created = [], []
    text = read_regular_file(manifest, MAX_MANIFEST_BYTES).decode("utf-8", errors="replace")
    for line in text.split("\n"):
        if line.startswith("dir:"):
            created.append(Path(line[4:]))
            continue
        path = Path(line)
        if line and path.is_relative_to(home) and path.is_file():
            path.unlink()
            removed.append(path)
            _prune_empty(path.parent, home)
    manifest.unlink()
    _prune_empty(manifest.parent, home)
    mime = home / "mime"
    if mime in created and mime.is_dir() and not any((mime / "packages").glob("*")):
        shutil.rmtree(mime)  # everything left there was generated from our package
    cache = home / "applications" / "mimeinfo.cache"
    if home / "applications" in created and cache.exists() and len(list(cache.parent.iterdir())) == 1:
        cache.unlink()
        _prune_empty(cache.parent, home)
    _refresh_caches(home)
    return removed


def _prune_empty(folder: Path, home: Path) -> None:
    while folder != home and folder.is_relative_to(home) and folder.is_dir() and not any(folder.iterdir()):
        folder.rmdir()
        folder = folder.parent
