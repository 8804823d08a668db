"""The columnar cache attacked: a sidecar added or changed after the copy was made, a copy
swapped for another file's or for garbage, a folder that is a file. Each must give the file's
own timeline (or its problems), never a stale or a foreign one."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

from timeline_app.model import LoadError, load_path
from timeline_app.model.cache_key import cache_file, cache_key

EVENTS = "id,title,start,category\na,A,2020,x\nb,B,2021,x\n"


def _csv(folder: Path, name: str = "t") -> Path:
    path = folder / f"{name}.csv"
    path.write_text(EVENTS, encoding="utf-8")
    return path


def _load(path: Path, cache: Path) -> object:
    return load_path(path, cache, cache_from_bytes=0)


def test_a_links_file_added_after_the_copy_was_made_is_read(tmp_path: Path) -> None:
    """The copy was made without links; the links file written next must show, not the copy."""
    path, cache = _csv(tmp_path), tmp_path / "cache"
    assert _load(path, cache).event("a").links == ()  # type: ignore[attr-defined]
    assert list(cache.iterdir())  # the copy was made
    (tmp_path / "t.links.csv").write_text("event,type,to,inferred,note\na,leads_to,b,true,why\n")
    links = _load(path, cache).event("a").links  # type: ignore[attr-defined]
    assert [(link.type, link.to) for link in links] == [("leads_to", "b")]


def test_a_bad_links_file_added_after_the_copy_was_made_is_reported(tmp_path: Path) -> None:
    path, cache = _csv(tmp_path), tmp_path / "cache"
    _load(path, cache)
    (tmp_path / "t.links.csv").write_text("event,type,to,inferred,note\na,leads_to,nowhere,true,w\n")
    with pytest.raises(LoadError) as info:
        _load(path, cache)
    assert "'nowhere', which is no event's id" in str(info.value)


def test_another_files_copy_put_in_place_of_this_ones_is_not_used(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    one, two = _csv(tmp_path, "one"), _csv(tmp_path, "two")
    two.write_text(EVENTS.replace("A,2020", "Other,1999"), encoding="utf-8")
    _load(one, cache)
    key_one = cache_key(one, None)
    assert key_one is not None
    [copy_one] = list(cache.iterdir())
    _load(two, cache)
    [copy_two] = [p for p in cache.iterdir() if p != copy_one]
    shutil.copyfile(copy_two, copy_one)  # one's copy is now a valid copy of two
    assert _load(one, cache).event("a").title == "A"  # type: ignore[attr-defined]


@pytest.mark.parametrize("garbage", [b"", b"\0" * 100, os.urandom(4096), b"ARROW1" * 100])
def test_a_copy_swapped_for_garbage_is_ignored(tmp_path: Path, garbage: bytes) -> None:
    path, cache = _csv(tmp_path), tmp_path / "cache"
    _load(path, cache)
    [copy] = list(cache.iterdir())
    copy.write_bytes(garbage)
    assert _load(path, cache).event("b").title == "B"  # type: ignore[attr-defined]


def test_a_cache_folder_that_is_a_file_still_opens_the_timeline(tmp_path: Path) -> None:
    path, cache = _csv(tmp_path), tmp_path / "cache"
    cache.write_text("not a folder")
    assert _load(path, cache).event("a").title == "A"  # type: ignore[attr-defined]
    assert cache.read_text() == "not a folder"


@pytest.mark.parametrize("kind", ["fifo", "device", "folder"])
def test_a_copy_that_is_not_a_regular_file_is_passed_over_without_blocking(tmp_path: Path, kind: str) -> None:
    """A FIFO where the copy should be blocked the opening forever (mapping opens it to read)."""
    path, cache = _csv(tmp_path), tmp_path / "cache"
    key = cache_key(path, tmp_path / "t.sources.csv", tmp_path / "t.links.csv")
    assert key is not None
    copy = cache_file(cache, key)
    cache.mkdir()
    if kind == "fifo":
        os.mkfifo(copy)
    elif kind == "device":
        copy.symlink_to("/dev/zero")
    else:
        copy.mkdir()
    assert _load(path, cache).event("a").title == "A"  # type: ignore[attr-defined]


def test_a_file_with_a_lone_surrogate_opens_though_it_cannot_be_cached(tmp_path: Path) -> None:
    """JSON may hold '\\ud800'; Arrow text is UTF-8, so the copy failed and so did the opening."""
    path, cache = tmp_path / "t.json", tmp_path / "cache"
    data = {"title": "T", "events": [{"id": "a", "title": "A \ud800", "start": "2020", "category": "x"}]}
    path.write_text(json.dumps(data), encoding="ascii")
    assert _load(path, cache).event("a").title == "A \ud800"  # type: ignore[attr-defined]
    assert _load(path, cache).event("a").title == "A \ud800"  # type: ignore[attr-defined]
