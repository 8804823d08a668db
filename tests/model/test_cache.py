"""The cache: a large file opened again comes from its columnar copy, which gives the same
timeline as the file; a changed file, a damaged copy or an unwritable folder never give a wrong
or a missing timeline."""

from __future__ import annotations

import csv
import os
import shutil
import stat
import time
from pathlib import Path
from typing import TextIO

import pyarrow as pa
import pyarrow.csv as pacsv
import pyarrow.parquet as pq
import pytest
import yaml

from tests.model.formats import assert_same_timeline, write
from timeline_app.model import LoadError, Timeline, load_path
from timeline_app.model import cache as cache_module
from timeline_app.model.cache_key import cache_file, cache_key
from timeline_app.model.columns import is_arrow
from timeline_app.model.loader import CACHE_YAML_BYTES, sidecar_path
from timeline_app.model.serialize import CSV_EVENT_COLUMNS
from timeline_app.presentation.source_html import overview_html

FIXTURES = Path(__file__).parents[1] / "fixtures"


def padded(timeline_path: Path, folder: Path, fmt: str, events: int) -> Path:
    """A file in `fmt`: the fixture's events and sources, then `events` more events that cite
    its sources."""
    original = load_path(timeline_path, use_cache=False)
    folder.mkdir()
    path = write(original, folder, fmt, stem="big")
    source = next(iter(original.sources), "implicit")  # a file without sources cites ids
    if fmt == "csv":
        with path.open("a", encoding="utf-8", newline="") as f:
            for i in range(events):
                csv_row(
                    f,
                    id=f"x{i}",
                    title=f"Filler, event {i}",
                    start=f"{1900 + i % 100}-0{1 + i % 9}",
                    category="filler",
                    source=source,
                    quote=f"quote {i}",
                )
    elif fmt == "yaml":
        doc = yaml.safe_load(path.read_text(encoding="utf-8"))
        doc["events"] += [
            {
                "id": f"x{i}",
                "title": f"Filler {i}",
                "date": f"{1900 + i % 100}",
                "category": "filler",
                "excerpts": [{"source": source, "quote": f"quote {i}", "claims_date": f"{1900 + i % 100}"}],
            }
            for i in range(events)
        ]
        path.write_text(yaml.safe_dump(doc, allow_unicode=True), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def big_files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("big")
    files = {
        "csv": padded(FIXTURES / "small.yaml", folder / "csv", "csv", 3_000),
        "yaml": padded(FIXTURES / "small.yaml", folder / "yaml", "yaml", 1_000),
        "far": padded(FIXTURES / "far.yaml", folder / "far", "yaml", 1_000),
        "ancient": padded(FIXTURES / "ancient.yaml", folder / "ancient", "yaml", 1_000),
    }
    files["parquet"] = as_parquet(files["csv"], folder / "parquet")
    return files


def as_parquet(csv_path: Path, folder: Path) -> Path:
    """The CSV's events as a Parquet table (every column text), its sources CSV beside it."""
    folder.mkdir()
    with csv_path.open(encoding="utf-8") as f:
        names = next(csv.reader(f))
    options = pacsv.ConvertOptions(column_types=dict.fromkeys(names, pa.string()), strings_can_be_null=False)
    path = folder / "big.parquet"
    pq.write_table(pacsv.read_csv(csv_path, convert_options=options), path)
    shutil.copy2(sidecar_path(csv_path), sidecar_path(path))
    return path


def load(path: Path, folder: Path) -> Timeline:
    """Through the cache, whatever the file's size."""
    return load_path(path, folder, cache_from_bytes=0)


def csv_row(f: TextIO, **cells: str) -> None:
    csv.writer(f).writerow([cells.get(key, "") for key in CSV_EVENT_COLUMNS])


def copy_of(path: Path, tmp_path: Path) -> Path:
    target = tmp_path / path.name
    shutil.copy2(path, target)
    if sidecar_path(path).exists():
        shutil.copy2(sidecar_path(path), sidecar_path(target))
    return target


def key_of(path: Path) -> dict[str, object] | None:
    """The key the loader gives a CSV file: its sources and links sidecars are part of it."""
    return cache_key(path, sidecar_path(path), path.with_name(path.stem + ".links.csv"))


def cache_files(folder: Path) -> list[Path]:
    return sorted(folder.glob("*.arrow")) if folder.exists() else []


@pytest.mark.parametrize("fmt", ["csv", "yaml", "far", "ancient", "parquet"])
def test_a_cached_file_gives_the_same_timeline_as_its_source(
    big_files: dict[str, Path], tmp_path: Path, fmt: str
) -> None:
    path, folder = copy_of(big_files[fmt], tmp_path), tmp_path / "cache"
    first = load(path, folder)
    [copy] = cache_files(folder)
    again = load(path, folder)
    assert not isinstance(again.columns.excerpts.texts["quote"], list), "read from the copy"
    assert is_arrow(again.columns.ids) and is_arrow(again.columns.titles), "no str per event"
    assert_same_timeline(again, first)
    assert (again.title, again.description, again.path) == (first.title, first.description, path)
    assert [e.excerpts for e in again.events] == [e.excerpts for e in first.events]
    assert again.columns.search_texts().folded() == first.columns.search_texts().folded()
    for needle in ("filler", "QUOTE 12", "1999", "no such words"):
        found = again.columns.search_texts().matches(needle)
        assert found.tolist() == first.columns.search_texts().matches(needle).tolist()
    assert overview_html(again) == overview_html(first)
    assert [again.index_of(e.id) for e in first.events] == list(range(len(first.events)))
    assert cache_files(folder) == [copy]


def changes(path: Path) -> dict[str, object]:
    def content(p: Path) -> None:  # same size; modified a nanosecond after the copy was made
        st = p.stat()
        data = bytearray(p.read_bytes())
        at = data.index(b"Filler") if b"Filler" in data else len(data) // 2
        data[at : at + 6] = b"Fuller"
        p.write_bytes(bytes(data))
        os.utime(p, ns=(st.st_atime_ns, st.st_mtime_ns + 1))

    def size(p: Path) -> None:
        st = p.stat()
        with p.open("ab") as f:
            f.write(b"\n")
        os.utime(p, ns=(st.st_atime_ns, st.st_mtime_ns))

    def mtime(p: Path) -> None:
        st = p.stat()
        os.utime(p, ns=(st.st_atime_ns, st.st_mtime_ns + 1_000))

    def sidecar(p: Path) -> None:
        side = sidecar_path(p)
        side.write_text(side.read_text(encoding="utf-8").replace("\r\n", "\n"), encoding="utf-8")

    return {"content": content, "size": size, "mtime": mtime, "sidecar": sidecar}


@pytest.mark.parametrize("change", ["content", "size", "mtime", "sidecar"])
def test_a_changed_file_is_read_again(big_files: dict[str, Path], tmp_path: Path, change: str) -> None:
    path, folder = copy_of(big_files["csv"], tmp_path), tmp_path / "cache"
    load(path, folder)
    [before] = cache_files(folder)
    key_before = before.stat().st_mtime_ns
    changes(path)[change](path)  # type: ignore[operator]
    again = load(path, folder)
    fresh = load_path(path, use_cache=False)
    assert_same_timeline(again, fresh)
    if change == "content":
        assert any(t.startswith("Fuller") for t in again.columns.titles)
    [after] = cache_files(folder)  # the copy of a changed file replaces the old one
    assert after.stat().st_mtime_ns != key_before


def test_a_sidecar_that_appears_after_caching_is_a_change(big_files: dict[str, Path], tmp_path: Path) -> None:
    """A links file put beside a cached CSV must be read: the copy made without it is not used."""
    path, folder = copy_of(big_files["csv"], tmp_path), tmp_path / "cache"
    load(path, folder)
    key = key_of(path)
    assert key is not None and cache_module.read_cached(folder, key) is not None
    path.with_name(path.stem + ".links.csv").write_text("event,type,to\n", encoding="utf-8")
    assert key_of(path) != key
    assert cache_module.read_cached(folder, key_of(path)) is None


@pytest.mark.parametrize("damage", ["truncated", "garbage", "empty", "other key", "flipped"])
def test_a_damaged_cache_is_ignored_and_rebuilt(
    big_files: dict[str, Path], tmp_path: Path, damage: str
) -> None:
    path, folder = copy_of(big_files["csv"], tmp_path), tmp_path / "cache"
    expected = load(path, folder)
    [copy] = cache_files(folder)
    data = copy.read_bytes()
    if damage == "truncated":
        copy.write_bytes(data[: len(data) // 2])
    elif damage == "garbage":
        copy.write_bytes(os.urandom(4096))
    elif damage == "empty":
        copy.write_bytes(b"")
    elif damage == "flipped":  # inside the values: the text is no longer UTF-8, offsets go astray
        changed = bytearray(data)
        for at in range(len(data) // 3, len(data) // 3 + 4000, 97):
            changed[at] ^= 0xFF
        copy.write_bytes(bytes(changed))
    else:  # a copy whose key names another version of the file
        other = tmp_path / "other.csv"
        other.write_bytes(path.read_bytes())
        load(other, folder)
        [other_copy] = [p for p in cache_files(folder) if p != copy]
        os.replace(other_copy, copy)
    again = load(path, folder)
    assert_same_timeline(again, expected)
    rebuilt = cache_module.read_cached(folder, key_of(path))
    assert rebuilt is not None
    assert_same_timeline(rebuilt, expected)


def test_an_unwritable_cache_folder_still_opens_the_file(big_files: dict[str, Path], tmp_path: Path) -> None:
    path = copy_of(big_files["csv"], tmp_path)
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("a file where the cache folder would be")
    assert_same_timeline(load(path, blocked / "cache"), load_path(path, use_cache=False))
    readonly = tmp_path / "readonly"
    readonly.mkdir()
    readonly.chmod(stat.S_IRUSR | stat.S_IXUSR)
    try:
        assert len(load(path, readonly).events) == len(load_path(path, use_cache=False).events)
        assert os.geteuid() == 0 or not cache_files(readonly)
    finally:
        readonly.chmod(stat.S_IRWXU)


def test_a_file_with_problems_is_never_cached(big_files: dict[str, Path], tmp_path: Path) -> None:
    path, folder = copy_of(big_files["csv"], tmp_path), tmp_path / "cache"
    with path.open("a", encoding="utf-8", newline="") as f:
        csv_row(f, id="bad", title="Bad date", start="2020-13", category="filler")
    for _ in range(2):
        with pytest.raises(LoadError) as caught:
            load(path, folder)
        assert "month 13" in str(caught.value)
    assert cache_files(folder) == []


def test_a_file_below_the_size_threshold_is_not_cached(tmp_path: Path) -> None:
    """Reading the copy needs pyarrow (0.2-0.3 s to import): a small file is read directly."""
    folder = tmp_path / "cache"
    path = FIXTURES / "small.yaml"
    assert path.stat().st_size < CACHE_YAML_BYTES
    assert load_path(path, folder).events and cache_files(folder) == []


def test_the_least_recently_used_copies_go_beyond_the_size_limit(
    big_files: dict[str, Path], tmp_path: Path
) -> None:
    folder = tmp_path / "cache"
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    old, recent = copy_of(big_files["csv"], tmp_path / "a"), copy_of(big_files["csv"], tmp_path / "b")
    load(old, folder)
    load(recent, folder)
    copies = cache_files(folder)
    assert len(copies) == 2
    os.utime(min(copies, key=lambda p: p.stat().st_mtime_ns), ns=(0, 0))  # the least recently used
    load(recent, folder)  # a hit marks its copy as used
    cache_module._prune(folder, max(p.stat().st_size for p in copies) + 1)
    [kept] = cache_files(folder)
    assert kept == cache_file(folder, key_of(recent))


def test_what_a_killed_write_left_is_removed_once_it_is_a_day_old(tmp_path: Path) -> None:
    """A killed process leaves its temporary file; a write under way (minutes old) is kept."""
    folder = tmp_path / "cache"
    folder.mkdir()
    stale, running = folder / "a.tmp", folder / "b.tmp"
    stale.write_bytes(b"half a copy")
    running.write_bytes(b"being written")
    day_ago = time.time() - cache_module.STALE_TEMP_SECONDS - 60
    os.utime(stale, (day_ago, day_ago))
    cache_module._prune(folder, 1 << 30)
    assert not stale.exists()
    assert running.exists()


def evidence_file(tmp_path: Path, links: bool) -> Path:
    """Statuses, an anchored quote and a derived source (and, if asked, a link) among fillers."""
    doc = {
        "sources": {
            "nikkei": {"title": "N"},
            "walker": {"title": "W", "derived_from": "nikkei", "derived_note": "rewrites it"},
        },
        "events": [
            {
                "id": f"e{i}",
                "title": f"E{i}",
                "date": f"{1900 + i % 100}",
                "category": "c",
                "status": "planned" if i % 3 == 0 else "happened",
                "excerpts": [
                    {"source": "walker", "quote": f"q{i}", "prefix": "said ", "suffix": "."},
                    {"source": "nikkei", "quote": f"q{i}"},
                ],
            }
            for i in range(1_000)
        ],
    }
    if links:
        doc["events"][1]["links"] = [{"type": "leads_to", "to": "e2", "inferred": True, "note": "n"}]
    path = tmp_path / "evidence.yaml"
    path.write_text(yaml.safe_dump(doc), encoding="utf-8")
    return path


def test_a_cached_file_keeps_status_anchors_and_derivation(tmp_path: Path) -> None:
    path, folder = evidence_file(tmp_path, links=False), tmp_path / "cache"
    first = load(path, folder)
    assert cache_files(folder)
    again = load(path, folder)
    assert not isinstance(again.columns.excerpts.texts["quote"], list), "read from the copy"
    assert is_arrow(again.columns.ids) and is_arrow(again.columns.titles), "no str per event"
    assert list(again.columns.status) == list(first.columns.status)
    assert again.columns.status[0] == "planned"
    assert again.columns.independent.tolist() == first.columns.independent.tolist() == [1] * 1_000
    assert again.events[5].excerpts[0].prefix == "said "
    assert again.sources["walker"].derived_from == ("nikkei",)


def test_a_file_with_links_is_read_from_its_text_not_cached(tmp_path: Path) -> None:
    path, folder = evidence_file(tmp_path, links=True), tmp_path / "cache"
    first = load(path, folder)
    assert not cache_files(folder)
    assert first.event("e1").links[0].to == "e2"


def test_a_large_file_with_a_problem_says_so_in_a_process_too_small_for_pyarrow(tmp_path: Path) -> None:
    """The file is read and checked before pyarrow is imported to keep a copy: in a process whose
    address space pyarrow would exhaust, a deep YAML file still gets its located problem (it got
    'too large to read in the memory available' at 0:0)."""
    from tests.harness import run

    path = tmp_path / "deep.yaml"
    path.write_text("events:\n" + "".join(" " * i + "a:\n" for i in range(5_000)), encoding="utf-8")
    outcome = run("list", path, tmp=tmp_path)
    assert outcome.status == 2
    assert outcome.stderr.startswith(f"{path}:52:51: lists and mappings nest more than 50 deep")
