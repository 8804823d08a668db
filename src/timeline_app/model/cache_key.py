"""Where the columnar copy of a file would be, and what it must agree with. No pyarrow here, so
the loader can read and check a file before it imports pyarrow to keep a copy of it."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path
from typing import Any

from timeline_app import __version__

CACHE_FORMAT = 2  # 2: status, independent-source counts, anchors and derivation


def default_folder() -> Path:
    import platformdirs

    return platformdirs.user_cache_path("timeline-app", appauthor=False) / "tables"


def cache_key(path: Path, *sidecars: Path | None) -> dict[str, Any] | None:
    """What the cached copy of `path` must agree with; None if the file cannot be stat'ed.

    `sidecars` are every file beside it that the reader would read if it were there (sources,
    links): one that appears, changes or goes away changes the key.
    """
    try:
        st = os.stat(path)
        beside = [os.stat(p) if p is not None and p.exists() else None for p in sidecars]
    except OSError:
        return None
    return {
        "format": CACHE_FORMAT,
        "app": __version__,
        "path": str(path.resolve()),
        "size": st.st_size,
        "mtime_ns": st.st_mtime_ns,
        "sidecars": [[s.st_size, s.st_mtime_ns] if s is not None else None for s in beside],
    }


def cache_file(folder: Path, key: dict[str, Any]) -> Path:
    """One cache file per source file: a changed file's copy replaces the old one."""
    return folder / (hashlib.sha256(key["path"].encode()).hexdigest()[:40] + ".arrow")
