"""Turn a timeline file into a `Timeline`, or into the list of every problem in it.

One reading path: a reader per format (YAML, CSV, JSON) turns the text into the same raw table,
and `build_timeline` checks it and makes the timeline, the same way for every format.
"""

from __future__ import annotations

import csv
from pathlib import Path

from timeline_app.model.build import build_timeline
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


def load_path(path: str | Path) -> Timeline:
    """Load a timeline file; raises `LoadError` listing every problem found, and nothing else.

    The readers turn what they know into located problems; anything that still escapes them
    (a MemoryError on a file too large for this machine, a RecursionError, a codec's or the
    csv module's own error) becomes a problem about the whole file here, at the boundary, so
    that neither the command line nor the window ever shows a traceback for a data file.
    """
    try:
        with gc_paused():
            return _load_path(Path(path))
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


def sidecar_path(path: Path) -> Path:
    """Where the sources of the CSV file `path` are described."""
    return path.with_name(path.stem + SOURCES_SUFFIX)


def links_sidecar_path(path: Path) -> Path:
    """Where the links between the events of the CSV file `path` are."""
    return path.with_name(path.stem + LINKS_SUFFIX)


def _read(path: Path, limit: int) -> str:
    """The file's text; only a regular file is read (a FIFO would block, /dev/zero never end)."""
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
    return decode(data, name)


def _load_path(path: Path) -> Timeline:
    suffix = path.suffix.lower()
    if suffix == ".csv":
        text = _read(path, MAX_FILE_BYTES)
        sidecar = sidecar_path(path)
        sources = _read(sidecar, MAX_FILE_BYTES) if sidecar.is_file() else None
        links_path = links_sidecar_path(path)
        links = _read(links_path, MAX_FILE_BYTES) if links_path.is_file() else None
        return load_csv_text(
            text, str(path), path.stem, sources, str(sidecar), links, str(links_path)
        ).with_path(path)
    if suffix == ".json":
        return load_json_text(_read(path, MAX_FILE_BYTES), str(path), path.stem).with_path(path)
    return load_text(_read(path, MAX_YAML_BYTES), str(path), path.stem).with_path(path)


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


def load_json_text(text: str, file: str, title: str = "Timeline") -> Timeline:
    """The shape `timeline-app list --json` prints."""
    return build_timeline(read_json(text, file, title))
