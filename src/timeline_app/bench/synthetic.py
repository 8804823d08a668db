"""Deterministic synthetic timelines: points plus 10% spans, 8 categories, 40 years, and one
excerpt per event quoted from one of a thousand sources (real files pay for their excerpts).

`generate` gives rows for tests; `write` streams a file of any size in chunks, so the benchmark
can write ten million rows without holding them as Python objects.
"""

from __future__ import annotations

import csv
import datetime as dt
import importlib
import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TextIO

import numpy as np

CATEGORIES = (
    "decision",
    "meeting",
    "agreement",
    "statement",
    "incident",
    "speech",
    "statistic",
    "strategy document",
)
START = dt.date(1985, 1, 1)
YEARS = 40
WORDS = (
    "defense",
    "strategy",
    "alliance",
    "summit",
    "treaty",
    "report",
    "review",
    "missile",
    "cyber",
    "maritime",
    "budget",
    "exercise",
    "partnership",
    "guidelines",
    "dialogue",
)
SOURCES = 1000
FIELDS = ("id", "title", "start", "end", "category", "summary", "source", "quote")
CHUNK = 100_000

Row = dict[str, str]


class _Columns:
    """The random draws for n events (drawn in one order, so a seed gives one timeline)."""

    def __init__(self, n: int, seed: int) -> None:
        rng = np.random.default_rng(seed)
        self.days = rng.integers(0, YEARS * 365, n)
        self.spans = rng.random(n) < 0.10
        self.lengths = rng.integers(2, 3 * 365, n)
        self.precision = rng.choice(3, n, p=[0.7, 0.2, 0.1])  # day, month, year
        self.category = rng.integers(0, len(CATEGORIES), n)
        self.words = rng.integers(0, len(WORDS), (n, 3))
        self.source = rng.integers(0, SOURCES, n)
        self.n = n

    def rows(self, a: int, b: int) -> list[Row]:
        base = START.toordinal()
        rows = []
        for i in range(a, b):
            start = dt.date.fromordinal(base + int(self.days[i]))
            if self.spans[i]:
                end = dt.date.fromordinal(base + int(self.days[i] + self.lengths[i]))
                start_text, end_text = start.isoformat(), end.isoformat()
            else:
                iso = start.isoformat()
                start_text, end_text = (iso, iso[:7], iso[:4])[self.precision[i]], ""
            w1, w2, w3 = (WORDS[k] for k in self.words[i])
            rows.append(
                {
                    "id": f"e{i}",
                    "title": f"{w1.title()} {w2} {w3} #{i}",
                    "start": start_text,
                    "end": end_text,
                    "category": CATEGORIES[self.category[i]],
                    "summary": "",
                    "source": f"s{self.source[i]}",
                    "quote": f"item {i} ({w3})",  # short: 10^7 rows stay under the 1 GB CSV limit
                }
            )
        return rows

    def chunks(self) -> Iterator[list[Row]]:
        for a in range(0, self.n, CHUNK):
            yield self.rows(a, min(a + CHUNK, self.n))


def generate(n: int, seed: int = 1, excerpts: bool = False) -> list[Row]:
    """n events as rows of text fields (the CSV columns); with an excerpt each if asked (the
    benchmark's files always have them)."""
    rows = _Columns(n, seed).rows(0, n)
    if not excerpts:
        for row in rows:
            del row["source"], row["quote"]
    return rows


def source_rows() -> list[Row]:
    return [
        {"id": f"s{k}", "title": f"Synthetic report {k}", "publisher": "Example Wire"} for k in range(SOURCES)
    ]


def sources_path(path: Path) -> Path:
    """The CSV sidecar that describes the sources (`t.csv` -> `t.sources.csv`)."""
    return path.with_name(path.stem + ".sources.csv")


def _csv_head(f: TextIO, excerpts: bool) -> None:
    f.write(",".join(FIELDS if excerpts else FIELDS[:-2]) + "\r\n")


def _csv_rows(f: TextIO, rows: list[Row], first: bool) -> None:
    """No field holds a comma, a quote or a line break, so none needs quoting."""
    f.write("".join(",".join(r.values()) + "\r\n" for r in rows))


def write_sources_csv(path: Path) -> None:
    """The sidecar `t.sources.csv` beside a table `t.csv` (or `t.parquet`)."""
    with sources_path(path).open("w", newline="", encoding="utf-8") as s:
        writer = csv.DictWriter(s, fieldnames=["id", "title", "publisher"])
        writer.writeheader()
        writer.writerows(source_rows())


def _json_event(r: Row) -> dict[str, object]:
    return {
        "id": r["id"],
        "title": r["title"],
        "category": r["category"],
        "summary": "",
        "start": r["start"],
        "end": r["end"] or None,
        "excerpts": [{"source": r["source"], "quote": r["quote"]}] if "quote" in r else [],
    }


def _json_head(f: TextIO, excerpts: bool) -> None:
    sources = {s["id"]: {"title": s["title"], "publisher": s["publisher"]} for s in source_rows() if excerpts}
    f.write('{"title": "Synthetic", "sources": ' + json.dumps(sources) + ', "events": [')


def _json_rows(f: TextIO, rows: list[Row], first: bool) -> None:
    f.write(("" if first else ", ") + ", ".join(json.dumps(_json_event(r)) for r in rows))


def _json_tail(f: TextIO) -> None:
    f.write("]}")


def _yaml_head(f: TextIO, excerpts: bool) -> None:
    f.write("title: Synthetic\nsources:\n" if excerpts else "title: Synthetic\n")
    for s in source_rows() if excerpts else ():
        f.write(f'  {s["id"]}:\n    title: "{s["title"]}"\n    publisher: {s["publisher"]}\n')
    f.write("events:\n")


def _yaml_rows(f: TextIO, rows: list[Row], first: bool) -> None:
    f.write(
        "".join(
            f'  - id: {r["id"]}\n    title: "{r["title"]}"\n    date: "{r["start"]}'
            f'{"/" + r["end"] if r["end"] else ""}"\n    category: {r["category"]}\n'
            + (
                f'    excerpts:\n      - source: {r["source"]}\n        quote: "{r["quote"]}"\n'
                if "quote" in r
                else ""
            )
            for r in rows
        )
    )


def _no_tail(f: TextIO) -> None:
    return None


Writer = tuple[
    Callable[[TextIO, bool], None], Callable[[TextIO, list[Row], bool], None], Callable[[TextIO], None]
]
WRITERS: dict[str, Writer] = {
    "csv": (_csv_head, _csv_rows, _no_tail),
    "json": (_json_head, _json_rows, _json_tail),
    "yaml": (_yaml_head, _yaml_rows, _no_tail),
}


def write(n: int, fmt: str, path: Path, seed: int = 1) -> None:
    """Stream n synthetic events into `path` as `fmt` (csv, json, yaml; parquet with pyarrow)."""
    columns = _Columns(n, seed)
    if fmt == "parquet":
        write_parquet(columns.chunks(), path)
        return
    head, body, tail = WRITERS[fmt]
    with path.open("w", newline="", encoding="utf-8") as f:
        head(f, True)
        for k, rows in enumerate(columns.chunks()):
            body(f, rows, k == 0)
        tail(f)
    if fmt == "csv":
        write_sources_csv(path)


def write_parquet(chunks: Iterator[list[Row]], path: Path) -> None:
    """The CSV columns as a Parquet file, with the sources sidecar beside it as for CSV."""
    pa = importlib.import_module("pyarrow")  # optional: only where the Parquet reader is installed
    pq = importlib.import_module("pyarrow.parquet")

    schema = pa.schema([(name, pa.string()) for name in FIELDS])
    with pq.ParquetWriter(path, schema) as out:
        for rows in chunks:
            out.write_table(pa.Table.from_pylist(rows, schema=schema))
    write_sources_csv(path)


def write_rows(rows: list[Row], fmt: str, path: Path) -> None:
    head, body, tail = WRITERS[fmt]
    excerpts = bool(rows) and "quote" in rows[0]
    with path.open("w", newline="", encoding="utf-8") as f:
        head(f, excerpts)
        body(f, rows, True)
        tail(f)
    if fmt == "csv" and excerpts:
        write_sources_csv(path)


def write_csv(rows: list[Row], path: Path) -> None:
    write_rows(rows, "csv", path)


def write_json(rows: list[Row], path: Path) -> None:
    write_rows(rows, "json", path)


def write_yaml(rows: list[Row], path: Path) -> None:
    write_rows(rows, "yaml", path)


if __name__ == "__main__":  # `python -m timeline_app.bench.synthetic N FORMAT PATH`
    import sys

    write(int(sys.argv[1]), sys.argv[2], Path(sys.argv[3]))
