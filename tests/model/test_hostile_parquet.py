"""Parquet and Feather files attacked column by column and byte by byte: every one gives a
problem that names the file (and the row and column where there is one), never a traceback.
These passed when written; they hold the behaviour as the readers change."""

from __future__ import annotations

import os
import random
from pathlib import Path

import pyarrow as pa
import pyarrow.feather as feather
import pyarrow.parquet as pq
import pytest

from timeline_app.model import LoadError, load_path

BASE = {"id": ["a", "b"], "title": ["A", "B"], "start": ["2020", "2021"], "category": ["x", "y"]}


def _write(path: Path, columns: dict[str, pa.Array | list[object]]) -> Path:
    table = pa.table(columns)
    pq.write_table(table, path) if path.suffix == ".parquet" else feather.write_feather(table, path)
    return path


def _messages(path: Path) -> list[str]:
    with pytest.raises(LoadError) as info:
        load_path(path, use_cache=False)
    assert all(p.file == str(path) for p in info.value.problems)
    return [p.format() for p in info.value.problems]


@pytest.mark.parametrize(
    ("columns", "words"),
    [
        ({"id": ["a", None]}, "row 2, column 'id'"),
        ({"title": [1, 2]}, "column 'title': the column 'title' holds numbers (int64); it must hold text"),
        ({"title": pa.array([b"\xff", b"B"])}, "holds binary data"),
        ({"start": pa.array([{"a": 1}, {"a": 2}])}, "holds nested values"),
        ({"category": pa.array([[1], [2]])}, "holds nested values (list<"),
        ({"start": pa.array([1, 2], pa.decimal128(10, 0))}, "holds numbers (decimal128(10, 0))"),
        ({"inferred": pa.array([5, -1])}, "must be true or false, not '5'"),
        ({"start": [2020.5, float("nan")]}, "'2020.5' is not a whole number of years"),
        ({"status": ["weird", None]}, "'status' of event 'a' must be one of happened"),
        ({"links": ["x", "y"]}, "unknown column 'links'"),
    ],
)
@pytest.mark.parametrize("suffix", [".parquet", ".feather"])
def test_a_column_of_the_wrong_kind_is_named(tmp_path: Path, columns: dict, words: str, suffix: str) -> None:
    messages = _messages(_write(tmp_path / f"t{suffix}", {**BASE, **columns}))
    assert any(words in m for m in messages), messages


def test_dictionary_and_large_string_columns_are_text(tmp_path: Path) -> None:
    columns = {k: pa.array(v, pa.large_string()) for k, v in BASE.items()}
    columns["category"] = pa.array(BASE["category"]).dictionary_encode()
    timeline = load_path(_write(tmp_path / "t.parquet", columns), use_cache=False)
    assert [e.category for e in timeline.events] == ["x", "y"]


@pytest.mark.parametrize("suffix", [".parquet", ".feather"])
def test_damaged_bytes_are_a_problem_about_the_file(tmp_path: Path, suffix: str) -> None:
    good = _write(tmp_path / f"good{suffix}", BASE).read_bytes()
    rng = random.Random(1)
    damaged = [b"", good[: len(good) // 2], good[:-10], os.urandom(5000)]
    for _ in range(30):
        flipped = bytearray(good)
        for _ in range(5):
            flipped[rng.randrange(len(flipped))] = rng.randrange(256)
        damaged.append(bytes(flipped))
    for k, data in enumerate(damaged):
        path = tmp_path / f"bad{k}{suffix}"
        path.write_bytes(data)
        try:
            load_path(path, use_cache=False)
        except LoadError as exc:
            assert all(p.file == str(path) for p in exc.problems)


@pytest.mark.parametrize("kind", ["fifo", "folder", "device"])
def test_what_is_not_a_regular_file_is_refused_without_reading(tmp_path: Path, kind: str) -> None:
    path = tmp_path / "t.parquet"
    if kind == "fifo":
        os.mkfifo(path)
    elif kind == "folder":
        path.mkdir()
    else:
        path.symlink_to("/dev/zero")
    [message] = _messages(path)
    assert "not a regular file" in message


def test_a_sources_table_that_is_a_fifo_is_named(tmp_path: Path) -> None:
    path = _write(tmp_path / "t.parquet", BASE)
    os.mkfifo(tmp_path / "t.sources.parquet")
    with pytest.raises(LoadError) as info:
        load_path(path, use_cache=False)
    [problem] = info.value.problems
    assert problem.file == str(tmp_path / "t.sources.parquet")
    assert "FIFO" in problem.message


def _bomb(path: Path, dictionary: bool, rows: int = 300, size: int = 1 << 20) -> Path:
    """A few KB on disk that decode to `rows` x `size` characters of title."""
    big = "x" * size
    schema = pa.schema([(k, pa.string()) for k in BASE])
    if dictionary:
        title = pa.DictionaryArray.from_arrays(pa.array([0] * rows, pa.int32()), pa.array([big]))
        table = pa.table(
            {
                "id": [f"e{i}" for i in range(rows)],
                "title": title,
                "start": ["2020"] * rows,
                "category": ["x"] * rows,
            }
        )
        if path.suffix == ".parquet":
            pq.write_table(table, path, compression="zstd")
        else:
            feather.write_feather(table, path, compression="zstd")
        return path
    with pq.ParquetWriter(path, schema, compression="zstd", use_dictionary=False) as writer:
        for group in range(rows // 50):
            ids = [f"e{group}_{i}" for i in range(50)]
            writer.write_table(
                pa.table(
                    {"id": ids, "title": [big] * 50, "start": ["2020"] * 50, "category": ["x"] * 50},
                    schema=schema,
                )
            )
    return path


@pytest.mark.parametrize(
    ("name", "dictionary"), [("plain.parquet", False), ("dict.parquet", True), ("dict.feather", True)]
)
def test_a_table_that_decodes_to_more_text_than_a_file_may_hold_is_refused_first(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str, dictionary: bool
) -> None:
    """A 5 KB Parquet file of 2,000 one-megabyte titles took 4 GB of memory to refuse title by
    title; ten times that would have the system kill the app. The bound is checked before the
    text is decoded (lowered here to 100 MB to keep the test small)."""
    from timeline_app.model import read_arrow

    monkeypatch.setattr(read_arrow, "MAX_TABLE_BYTES", 100 * 1024 * 1024)
    path = _bomb(tmp_path / name, dictionary)
    assert path.stat().st_size < 1024 * 1024
    [message] = _messages(path)
    held = "more than 300 MB" if name.endswith(".feather") else "300 MB"  # Feather: read batch by batch
    assert f"the table holds {held} of text once decoded; at most 100 MB can be read" in message


def test_a_compressed_feather_file_is_refused_before_it_is_all_decompressed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from timeline_app.model import read_arrow

    monkeypatch.setattr(read_arrow, "MAX_TABLE_BYTES", 100 * 1024 * 1024)
    path, big = tmp_path / "t.feather", "x" * (1 << 20)
    schema = pa.schema([(k, pa.string()) for k in BASE])
    options = pa.ipc.IpcWriteOptions(compression="zstd")
    with pa.OSFile(str(path), "wb") as sink, pa.ipc.new_file(sink, schema, options=options) as writer:
        for group in range(6):
            columns = {"id": [f"e{group}_{i}" for i in range(50)], "title": [big] * 50}
            writer.write_table(pa.table({**columns, "start": ["2020"] * 50, "category": ["x"] * 50}, schema))
    assert path.stat().st_size < 1024 * 1024
    [message] = _messages(path)
    assert "the table holds more than 100 MB of text once decoded; at most 100 MB can be read" in message
