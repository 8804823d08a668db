"""Turn a timeline file into a `Timeline`, or into the list of every problem in it.

One reading path: a reader per format (YAML, CSV, JSON; Parquet and Arrow IPC tables) turns the
file into the same raw table, and `build_timeline` checks it and makes the timeline, the same way
for every format.
"""

from __future__ import annotations

import csv
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import Any

from timeline_app.model.build import build_timeline
from timeline_app.model.cache_key import cache_file, cache_key, default_folder
from timeline_app.model.events import Timeline
from timeline_app.model.gcpause import gc_paused
from timeline_app.model.problems import LoadError, Problem
from timeline_app.model.read_csv import read_csv
from timeline_app.model.read_json import read_json
from timeline_app.model.read_yaml import read_yaml
from timeline_app.model.safe_io import SafeIOError, read_regular_file

MAX_FILE_BYTES = 1024 * 1024 * 1024  # CSV/JSON tables of 10^6 rows run to a few hundred MB
MAX_YAML_BYTES = 16 * 1024 * 1024  # ~150k events; larger tables belong in CSV or JSON
SOURCES_SUFFIX = ".sources.csv"  # beside `t.csv`: `t.sources.csv` describes its sources
LINKS_SUFFIX = ".links.csv"  # and `t.links.csv` holds the links between its events
TABLE_SUFFIXES = (".parquet", ".pq", ".feather", ".arrow", ".ipc")  # read through pyarrow
CACHE_BYTES = 16 * 1024 * 1024  # a table this large loads in ~1.5 s; its cached copy in ~0.5 s
CACHE_YAML_BYTES = 1024 * 1024  # ~10k YAML events take 0.5 s to read
COLUMNAR_CSV_BYTES = 16 * 1024 * 1024  # ~120k rows; below it pyarrow's import costs more than it saves


@dataclass
class Opened:
    """A loaded timeline, and the keeping of its columnar copy when one is to be made: left to
    the caller, who may show the timeline first (`keep_copy()` says whether a copy was made;
    it never raises)."""

    timeline: Timeline
    keep_copy: Callable[[], bool] | None = None


def load_path(
    path: str | Path,
    cache_folder: Path | None = None,
    *,
    use_cache: bool = True,
    cache_from_bytes: int | None = None,
) -> Timeline:
    """Load a timeline file; raises `LoadError` listing every problem found, and nothing else.

    A large file (`cache_from_bytes`; by default `CACHE_BYTES`, `CACHE_YAML_BYTES` for YAML) is
    kept as a columnar copy in `cache_folder` (the user cache folder by default; `model/cache.py`)
    once it has loaded without a problem, and opened from that copy while it is unchanged. The
    copy is written before this returns; `open_path` leaves it to the caller.
    """
    opened = open_path(path, cache_folder, use_cache=use_cache, cache_from_bytes=cache_from_bytes)
    if opened.keep_copy is not None:
        opened.keep_copy()
    return opened.timeline


def open_path(
    path: str | Path,
    cache_folder: Path | None = None,
    *,
    use_cache: bool = True,
    cache_from_bytes: int | None = None,
) -> Opened:
    """`load_path`, with the columnar copy of a large file not yet written: the window shows
    the timeline first (writing the copy of 10^6 events took 1.4 s of a 6.6 s first paint).

    The readers turn what they know into located problems; anything that still escapes them
    (a MemoryError on a file too large for this machine, a RecursionError, a codec's or the
    csv module's own error) becomes a problem about the whole file here, at the boundary, so
    that neither the command line nor the window ever shows a traceback for a data file.
    """
    try:
        with gc_paused():
            if use_cache:
                return _load_cached(Path(path), cache_folder, cache_from_bytes)
            return Opened(_load_path(Path(path)))
    except LoadError:
        raise
    except MemoryError:
        raise LoadError(
            [Problem(str(path), 0, 0, "the file is too large to read in the memory available")]
        ) from None
    except RecursionError:
        raise LoadError(
            [Problem(str(path), 0, 0, "the file nests too deep to read; a timeline needs about 5 levels")]
        ) from None
    except (csv.Error, UnicodeError, ValueError, OverflowError) as exc:
        raise LoadError([Problem(str(path), 0, 0, f"cannot read the file: {exc}")]) from None


def _load_cached(path: Path, folder: Path | None, from_bytes: int | None) -> Opened:
    suffix = path.suffix.lower()
    if from_bytes is None:
        from_bytes = CACHE_YAML_BYTES if suffix in (".yaml", ".yml") else CACHE_BYTES
    try:
        if not path.is_file() or path.stat().st_size < from_bytes:
            return Opened(_load_path(path))  # which says what is wrong, if anything
    except OSError:
        return Opened(_load_path(path))
    # every file beside it that the reader would read: one that appears or changes is a change
    sidecars: tuple[Path, ...] = ()
    if suffix == ".csv":
        sidecars = (sidecar_path(path), links_sidecar_path(path))
    elif suffix in TABLE_SUFFIXES:
        sidecars = tuple(path.with_name(f"{path.stem}.sources{s}") for s in dict.fromkeys((suffix, ".csv")))
    key = cache_key(path, *sidecars)
    if key is None:
        return Opened(_load_path(path))
    folder = folder or default_folder()
    if cache_file(folder, key).is_file() and (cache := _cache_module()) is not None:
        cached: Timeline | None = cache.read_cached(folder, key)
        if cached is not None:
            return Opened(cached.with_path(path))
    # read and checked before pyarrow is imported to keep a copy: a file with problems says so
    # even in a process with too little memory for pyarrow
    timeline = _load_path(path)
    return Opened(timeline, lambda: _keep_copy(path, sidecars, key, folder, timeline))


def _keep_copy(
    path: Path, sidecars: tuple[Path, ...], key: dict[str, Any], folder: Path, timeline: Timeline
) -> bool:
    """Write the columnar copy of `timeline`, read from `path` when it had the key `key`; not
    if the file changed since (the copy would stand for a version never read)."""
    if cache_key(path, *sidecars) != key or (cache := _cache_module()) is None:
        return False
    try:
        with gc_paused():
            return bool(cache.write_cached(folder, key, timeline))
    except Exception:  # a copy only saves time: one that cannot be made is simply not made
        return False


def _cache_module() -> ModuleType | None:
    """`model.cache` (it imports pyarrow), or None where pyarrow cannot be imported: the copy only
    saves time, and without it the file is read as always."""
    try:
        from timeline_app.model import cache
    except (ImportError, MemoryError):
        return None
    return cache


def sidecar_path(path: Path) -> Path:
    """Where the sources of the CSV file `path` are described."""
    return path.with_name(path.stem + SOURCES_SUFFIX)


def links_sidecar_path(path: Path) -> Path:
    """Where the links between the events of the CSV file `path` are."""
    return path.with_name(path.stem + LINKS_SUFFIX)


def _read(path: Path, limit: int) -> str:
    """The file's text; only a regular file is read (a FIFO would block, /dev/zero never end)."""
    return decode(_read_bytes(path, limit), str(path))


def _read_bytes(path: Path, limit: int) -> bytes:
    name = str(path)
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise LoadError([Problem(name, 0, 0, f"cannot read the file: {exc.strerror or exc}")]) from None
    if size > limit:
        raise LoadError(
            [
                Problem(
                    name,
                    0,
                    0,
                    f"the file is {size / 2**20:.0f} MB; files of this type may be at most "
                    f"{limit // 2**20} MB (use CSV or JSON for large tables)",
                )
            ]
        )
    try:
        data = read_regular_file(path, limit)
    except SafeIOError as exc:
        raise LoadError([Problem(name, 0, 0, f"cannot read the file: {exc.reason}")]) from None
    return data


def _load_path(path: Path) -> Timeline:
    suffix = path.suffix.lower()
    if suffix in TABLE_SUFFIXES:
        from timeline_app.model.read_parquet import read_table_file  # imports pyarrow: only here

        return build_timeline(read_table_file(path, _read_text)).with_path(path)
    if suffix == ".csv":
        data = _read_bytes(path, MAX_FILE_BYTES)
        sidecar = sidecar_path(path)
        # exists(), not is_file(): a FIFO or a folder by that name is named in a problem, not
        # passed over as if the timeline had no sources or links
        sources = _read(sidecar, MAX_FILE_BYTES) if sidecar.exists() else None
        links_path = links_sidecar_path(path)
        links = _read(links_path, MAX_FILE_BYTES) if links_path.exists() else None
        columnar = len(data) >= COLUMNAR_CSV_BYTES
        return load_csv_bytes(
            data, str(path), path.stem, sources, str(sidecar), columnar, links, str(links_path)
        ).with_path(path)
    if suffix == ".json":
        return load_json_text(_read(path, MAX_FILE_BYTES), str(path), path.stem).with_path(path)
    return load_text(_read(path, MAX_YAML_BYTES), str(path), path.stem).with_path(path)


def _read_text(path: Path) -> str:
    return _read(path, MAX_FILE_BYTES)


def load_bytes(data: bytes, file: str = "<data>") -> Timeline:
    return load_text(decode(data, file), file)


def decode(data: bytes, file: str) -> str:
    """UTF-8 text, or a problem that says where the first byte of another encoding sits."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise LoadError([Problem(file, 1, 1, "the file is UTF-16 text; save it as UTF-8")])
    if _looks_like_utf16(data):
        raise LoadError(
            [
                Problem(
                    file,
                    1,
                    1,
                    "the file looks like UTF-16 without a byte-order mark; save it as UTF-8",
                )
            ]
        )
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        before = data[: exc.start]
        line = before.count(b"\n") + 1
        column = exc.start - (before.rfind(b"\n") + 1) + 1
        raise LoadError(
            [
                Problem(
                    file,
                    line,
                    column,
                    f"byte 0x{data[exc.start]:02X} is not UTF-8 text; save the file "
                    "as UTF-8 (it may be Latin-1 or binary data)",
                )
            ]
        ) from None


def _looks_like_utf16(data: bytes) -> bool:
    """Text in UTF-16 has a zero byte beside nearly every ASCII character, all on one side:
    UTF-8 text has no zero bytes at all. The first 4 KB decide."""
    head = data[:4096]
    if len(head) < 4 or b"\x00" not in head:
        return False
    even, odd = head[0::2].count(0), head[1::2].count(0)
    return max(even, odd) >= len(head) // 4 and min(even, odd) <= max(even, odd) // 8


def load_text(text: str, file: str = "<data>", title: str = "Timeline") -> Timeline:
    """A YAML timeline; `title` is used when the file gives none."""
    return build_timeline(read_yaml(text, file, title))


def load_csv_text(
    text: str,
    file: str,
    title: str,
    sources_text: str | None = None,
    sources_file: str = "",
    links_text: str | None = None,
    links_file: str = "",
) -> Timeline:
    """A CSV table of events, with the texts of its `<stem>.sources.csv` and `<stem>.links.csv`
    sidecars where there are any."""
    return build_timeline(read_csv(text, file, title, sources_text, sources_file, links_text, links_file))


def load_csv_bytes(
    data: bytes,
    file: str,
    title: str,
    sources_text: str | None = None,
    sources_file: str = "",
    columnar: bool = False,
    links_text: str | None = None,
    links_file: str = "",
) -> Timeline:
    """A CSV table of events from its bytes. `columnar`: parse with pyarrow first (3-4x faster
    for large files); the csv reader reads every file pyarrow's parser cannot vouch for, and every
    file with a problem, so the messages and their lines are always the csv reader's."""
    if columnar and links_text is None:  # a links sidecar: the csv reader reads both
        from timeline_app.model.columnar_csv import read_csv_columnar  # imports pyarrow: only here

        raw = read_csv_columnar(data, file, title, sources_text, sources_file)
        if raw is not None:
            try:
                return build_timeline(raw)
            except LoadError:
                pass  # read again below, for the csv reader's messages
    return load_csv_text(decode(data, file), file, title, sources_text, sources_file, links_text, links_file)


def load_json_text(text: str, file: str, title: str = "Timeline") -> Timeline:
    """The shape `timeline-app list --json` prints."""
    return build_timeline(read_json(text, file, title))
