"""The benchmark of a table too large to load: 10^8 rows of event columns through DuckDB.

`write_table` has DuckDB itself write the Parquet file from a `range()` (streamed in row groups:
no 10^8 rows in memory, here or in DuckDB), deterministic, in date order: 8 categories over 300
years (about 900 events a day, so a one-day view shows its events one by one), one in ten a span
of up to three years. The file is kept in the bench's data folder and reused.

Measured, each in a fresh process: process start to the first painted window on the file (the
app opens it in big-file mode, `TIMELINE_EXIT_AFTER_FIRST_PAINT`), and, in a worker, the open
(the one pass that builds the marker index), then frames of a 1600x600 canvas zoomed from the
whole table to one day and panned at one day. A frame never waits for DuckDB: each step is
painted at once (from the strip, or the last answer), then again when the answer for the new
view arrives; both paints count as frames. How long the answers took is reported apart.
"""

from __future__ import annotations

import json
import os
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np

from timeline_app.bench.child import mb, one_day_cell, percentile_cell, print_head, run_measurement

CATEGORIES = ("decision", "statement", "meeting", "incident", "agreement", "speech", "statistic", "report")
FIRST_DAY = -89_000  # 1726-04-04
YEARS = 300
DAY = 86_400.0
ROW_GROUP = 1 << 17  # 131,072 rows: at 10^8 rows a group holds 20 weeks, the unit a query skips


def write_table(n: int, path: Path) -> None:
    """n events as the event columns `DuckDBSource` reads, written by DuckDB in row groups."""
    import duckdb

    days = int(YEARS * 365.2425)
    names = ", ".join(f"'{c}'" for c in CATEGORIES)
    partial = path.with_suffix(".partial.parquet")
    literal = str(partial).replace("'", "''")
    db = duckdb.connect(":memory:")
    db.execute("SET preserve_insertion_order = true")
    db.execute(
        f"""COPY (
          SELECT i AS row, 'e' || i AS id,
            'Event ' || i || ' ' || ([{names}])[1 + (hash(i) % 8)::INTEGER] AS title,
            ([{names}])[1 + (hash(i) % 8)::INTEGER] AS category,
            first_day,
            first_day + CASE WHEN span THEN 1 + (hash(i * 13) % 1095)::BIGINT ELSE 0 END AS last_day,
            span AS is_span, (1 + hash(i * 7) % 3)::INTEGER AS sources
          FROM (
            SELECT i, {FIRST_DAY} + (i * {days} // {n})::BIGINT AS first_day, hash(i * 31) % 10 = 0 AS span
            FROM range({n}) t(i)
          )
        ) TO '{literal}' (FORMAT parquet, ROW_GROUP_SIZE {ROW_GROUP}, COMPRESSION zstd)"""
    )
    db.close()
    partial.replace(path)


def table_file(folder: Path, n: int) -> Path:
    path = folder / f"{n}.events.parquet"
    if not path.exists():
        write_table(n, path)
    return path


def percentiles(times: list[float]) -> list[float]:
    return [statistics.median(times) * 1e3, float(np.percentile(times, 95)) * 1e3]


def measure_table(path: str, zoom_steps: int = 40, pan_steps: int = 30) -> dict[str, Any]:
    """Runs in the bench worker: open, then frames and answers (see the module docstring)."""
    from PySide6.QtWidgets import QApplication, QLabel, QStatusBar, QTextBrowser

    from timeline_app.bench.worker import one_day_centre, peak_bytes
    from timeline_app.view.application import ensure_app
    from timeline_app.view.canvas import TimelineCanvas
    from timeline_app.window.error_panel import ErrorPanel
    from timeline_app.window.large_table import LargeTable, Parts

    app = ensure_app()
    canvas = TimelineCanvas()
    canvas.resize(1600, 600)
    canvas.show()
    large = LargeTable(Parts(canvas, QTextBrowser(), ErrorPanel(), QStatusBar(), QLabel(), []))
    start = time.perf_counter()
    large.open(Path(path))
    while large.view is None:
        app.processEvents()
        time.sleep(0.001)
    opened = time.perf_counter() - start
    item = large.item
    assert item is not None

    def paint() -> None:
        canvas.viewport().repaint()
        QApplication.processEvents()

    frames: list[float] = []
    frames_cpu: list[float] = []
    answers: list[float] = []

    def frame(lo: float, hi: float) -> None:
        t0, c0 = time.perf_counter(), time.thread_time()
        canvas.set_x_range(lo, hi)
        item.current_scene()  # the frame's layout (or the strip), and the request for its events
        paint()
        frames.append(time.perf_counter() - t0)
        frames_cpu.append(time.thread_time() - c0)
        if large.busy():  # the answer for this view: waited for here, never by a frame
            t1 = time.perf_counter()
            while large.busy():
                app.processEvents()
                time.sleep(0.0005)
            answers.append(time.perf_counter() - t1)
            t0, c0 = time.perf_counter(), time.thread_time()
            paint()
            frames.append(time.perf_counter() - t0)
            frames_cpu.append(time.thread_time() - c0)

    paint()
    lo, hi = canvas.x_range()
    centre = one_day_centre(lo, hi)
    factor = (DAY / (hi - lo)) ** (1 / zoom_steps)
    for step in range(zoom_steps + 1):
        width = (hi - lo) * factor**step
        frame(centre - width / 2, centre + width / 2)
    scene = item.current_scene()
    assert scene is not None
    day = {"markers": len(scene.markers.idx), "labels": len(scene.labels), "aggregated": scene.aggregated}
    for _ in range(pan_steps):
        a, b = canvas.x_range()
        frame(a + (b - a) * 0.1, b + (b - a) * 0.1)
    n = len(large.view.source) if large.view is not None else 0
    large.shutdown()
    large.close()  # the canvas lets go of the table's item before either is deleted
    canvas.close()
    app.processEvents()
    return {
        "open": opened,
        "frames": percentiles(frames),
        "frames_cpu": percentiles(frames_cpu),
        "answers": percentiles(answers) if answers else [0.0, 0.0],
        "n_answers": len(answers),
        "day": day,
        "peak": peak_bytes(),
        "events": n,
    }


def run_worker(path: Path) -> dict[str, Any]:
    """`measure_table` in a fresh process (its peak memory is its own)."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    return run_measurement("timeline_app.bench.duckdb_bench", [str(path)], env)


def report(
    folder: Path,
    n: int,
    first_paint_seconds: Callable[[Path], float],
    spread: Callable[[list[float]], str],
    runs: int = 2,
) -> None:
    """Print the table's section of the benchmark: `runs` first paints (`first_paint_seconds`,
    the bench's) and `runs` workers, interleaved; `spread` writes a median and its range."""
    began = time.perf_counter()
    path = table_file(folder, n)
    written = time.perf_counter() - began
    print(
        f"\n{n:,} events through DuckDB (a {mb(path.stat().st_size)} Parquet table of event columns"
        + (f", written in {written:.0f} s" if written > 1 else ", kept from an earlier run")
        + f"), {runs} runs each, interleaved:\n",
        flush=True,
    )
    paints: list[float] = []
    measured: list[dict[str, Any]] = []
    for _ in range(runs):
        paints.append(first_paint_seconds(path))
        measured.append(run_worker(path))

    def ms(key: str) -> str:
        return percentile_cell([m[key] for m in measured])

    shown = one_day_cell(measured[-1]["day"])
    peak = max(m["peak"] for m in measured)
    head = (
        "first paint (process start)",
        "open (one pass)",
        "frames p50 / p95 (range), ms",
        "frames, CPU",
        "answers p50 / p95 (range), ms",
        "answers a pass",
        "one-day view",
        "peak RSS",
    )
    cells = (
        spread(paints),
        spread([m["open"] for m in measured]),
        ms("frames"),
        ms("frames_cpu"),
        ms("answers"),
        str(measured[-1]["n_answers"]),
        shown,
        mb(peak),
    )
    print_head(head)
    print("| " + " | ".join(cells) + " |", flush=True)


def main() -> int:
    print(json.dumps(measure_table(sys.argv[1])), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
