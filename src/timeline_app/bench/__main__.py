"""Print the benchmark tables: `python -m timeline_app.bench [--sizes 1000,10000]`.

Each measurement runs in a fresh process, so peak memory (`VmHWM`, read by the worker itself)
is that of one load. Synthetic data from a fixed seed, one excerpt per event, is written once
per size and format into the system's temporary folder and kept for the next run. The machine
is shared, so every figure is a median with its range, and repeated measurements of different
formats are interleaved (a busy minute slows all of them, not one format).

What runs where (to stay under ten minutes on a quiet machine once the data files exist):
loads of every format (read and built, no columnar copy) up to 100k three times each, at 1M
twice (YAML up to 10k, JSON up to 1M); the first paint of a 1M CSV never seen before (three
times); a Parquet file's first paint at 1M and 10M, first opened and then from its columnar
copy, with the app's peak memory; the window thread's longest wait during a background CSV load
at 100k (twice) and 1M (once); frames at every size, loaded from the Parquet copies where they
exist; 10M only when the memory it needs is free. The run keeps its copies in a cache folder of
its own, removed at its end.
`--full` adds the first paint of a 10M CSV (minutes: its load, then the window's own work).
`--table-rows` (10^8 by default, 0: none) is the size of the table opened through DuckDB
(`bench/duckdb_bench.py`; its file is written once, about 3 minutes, and kept).
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from timeline_app.bench import duckdb_bench, synthetic
from timeline_app.bench.child import mb, one_day_cell, percentile_cell, print_head, run_measurement

DATA_VERSION = 3  # bump when the synthetic data changes: old files are then not reused
LOAD_REPEATS_UP_TO = 1_000_000  # larger: the load time comes from the frames worker
FIRST_PAINT = {1_000_000: 3}  # size -> runs of a first-seen CSV's first paint
FIRST_PAINT_FULL = {1_000_000: 3, 10_000_000: 1}
REPEATS_AT_1M = 2
PARQUET_PAINTS = {1_000_000: 3, 10_000_000: 1}  # size -> first paints from the cache, after one first open
WAIT_RUNS = {100_000: 2, 1_000_000: 1}  # the window thread's longest wait during a background load
BYTES_PER_EVENT_NEEDED = 1_300  # a CSV load's peak at 1M, with room; 10M is skipped without it
LIMITS = {
    "yaml": 10_000,
    "json": 1_000_000,
}  # YAML files may be at most 16 MB: 100k events with excerpts are 21 MB


def worker(args: list[str], env: dict[str, str] | None = None) -> dict[str, Any]:
    return run_measurement("timeline_app.bench.worker", args, env)


def first_paint_seconds(path: Path | None, first_seen: bool = False) -> float:
    """Process launch to the first painted window that shows the file (offscreen): the app
    prints the wall-clock time of that paint (`TIMELINE_EXIT_AFTER_FIRST_PAINT`); Qt's teardown
    at exit is not counted. `first_seen`: with an empty cache folder, as a file never opened."""
    env = {**os.environ, "TIMELINE_EXIT_AFTER_FIRST_PAINT": "1", "QT_QPA_PLATFORM": "offscreen"}
    # Compiled modules are kept, as an installed app's are (pip compiles them): with
    # PYTHONDONTWRITEBYTECODE set, every start compiled all of ours again (0.1-0.2 s).
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    start = time.time()
    out = subprocess.run(
        [sys.executable, "-m", "timeline_app", *([str(path)] if path else [])],
        env=with_empty_cache(env) if first_seen else env,
        check=True,
        capture_output=True,
        text=True,
        timeout=1800,
    ).stdout
    painted = float(next(line.split()[1] for line in out.splitlines() if line.startswith("first-paint")))
    return painted - start


def first_paint_and_peak(path: Path, cache_home: Path) -> tuple[float, int]:
    """`first_paint_seconds` with the app's cache folder under `cache_home`, and the app's peak
    resident memory: `ru_maxrss` of that one child (`wait4`). Linux carries the parent's peak
    across fork+exec, so it is the larger of the app's and this process's (a few tens of MB)."""
    env = {
        **os.environ,
        "TIMELINE_EXIT_AFTER_FIRST_PAINT": "1",
        "QT_QPA_PLATFORM": "offscreen",
        "XDG_CACHE_HOME": str(cache_home),
    }
    start = time.time()
    with tempfile.TemporaryFile("w+") as out:
        child = subprocess.Popen(
            [sys.executable, "-m", "timeline_app", str(path)], env=env, stdout=out, stderr=subprocess.DEVNULL
        )
        began = time.monotonic()
        while not (done := os.wait4(child.pid, os.WNOHANG))[0]:
            if time.monotonic() - began > 1800:
                child.kill()
            time.sleep(0.02)
        _, status, usage = done
        child.returncode = os.waitstatus_to_exitcode(status)
        if child.returncode != 0:
            raise RuntimeError(f"the app exited with {child.returncode} on {path}")
        out.seek(0)
        lines = out.read().splitlines()
    painted = float(next(line.split()[1] for line in lines if line.startswith("first-paint")))
    return painted - start, usage.ru_maxrss * 1024


_REFUSED = """
import sys
from pathlib import Path
from timeline_app.model import LoadError
from timeline_app.model.read_arrow import check_decoded_size, decoded_bytes
from timeline_app.model.read_parquet import open_table
try:
    table = open_table(Path(sys.argv[1]))
    check_decoded_size(sum(decoded_bytes(column) for column in table.columns), sys.argv[1])
except LoadError as exc:
    print(exc.problems[0].message)
"""


def parquet_refused(path: Path) -> str:
    """Why the app would refuse the Parquet file as too large (it then shows the problem, not
    the events); asked in a process of its own, whose memory the app's `ru_maxrss` does not
    inherit."""
    result = subprocess.run(
        [sys.executable, "-c", _REFUSED, str(path)], capture_output=True, text=True, timeout=1800, check=True
    )
    return result.stdout.strip()


def print_parquet_paints(folder: Path, n: int, runs: int, cache_home: Path) -> bool:
    """A Parquet file's first paint: its first open (columns built; the cache folder holds no
    copy of it yet) and then from its copy in `cache_home` (`runs` times), which stays there for
    the frames. False if the app refuses the file."""
    path = data_file(folder, n, "parquet")
    refused = parquet_refused(path)
    if refused:
        print(f"| {n:,} | refused: {refused} |", flush=True)
        return False
    first, first_peak = first_paint_and_peak(path, cache_home)
    # The window writes the copy after its first paint, which the measured run quits at.
    write_copy = "import sys; from timeline_app.model import load_path; load_path(sys.argv[1])"
    env = {**os.environ, "XDG_CACHE_HOME": str(cache_home)}
    subprocess.run([sys.executable, "-c", write_copy, str(path)], env=env, check=True)
    cached = [first_paint_and_peak(path, cache_home) for _ in range(runs)]
    peak = max((p for _, p in cached), default=0)
    cells = [
        f"{n:,}",
        f"{first:.2f} s",
        mb(first_peak),
        f"{first_peak / n:,.0f}",
        spread([s for s, _ in cached]),
        mb(peak),
        f"{peak / n:,.0f}",
    ]
    print("| " + " | ".join(cells) + " |", flush=True)
    return True


def spread(values: list[float], unit: str = "s", digits: int = 2) -> str:
    """Median and range: '1.23 s (1.10-1.40)'."""
    if not values:
        return "—"
    med = statistics.median(values)
    if len(values) == 1:
        return f"{med:.{digits}f} {unit} (1 run)"
    return f"{med:.{digits}f} {unit} ({min(values):.{digits}f}-{max(values):.{digits}f})"


def formats() -> list[str]:
    """YAML, CSV, JSON, and Parquet once the loader reads it (pyarrow installed)."""
    found = ["yaml", "csv", "json"]
    try:
        from timeline_app.model import LoadError, load_path

        with tempfile.TemporaryDirectory(prefix="timeline-bench-probe-") as folder:
            synthetic.write(10, "parquet", Path(folder) / "probe.parquet")
            load_path(Path(folder) / "probe.parquet", use_cache=False)
        found.append("parquet")
    except (ImportError, LoadError, OSError):
        pass
    return found


def data_file(folder: Path, n: int, fmt: str) -> Path:
    path = folder / f"{n}.{fmt}"
    if not path.exists():
        partial = folder / f"{n}.partial.{fmt}"
        # Written by a child process: Linux carries a parent's peak memory into its children's
        # ru_maxrss, and 10^6 rows made here raised the app's measured peak from 391 to 941 MB.
        child = [sys.executable, "-m", "timeline_app.bench.synthetic", str(n), fmt, str(partial)]
        subprocess.run(child, check=True)
        if fmt in ("csv", "parquet"):
            synthetic.sources_path(partial).replace(synthetic.sources_path(path))
        partial.replace(path)
    return path


def memory_available() -> int:
    try:
        with open("/proc/meminfo", encoding="ascii") as f:
            for line in f:
                if line.startswith("MemAvailable:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 1 << 62


def measure_loads(folder: Path, n: int, fmts: list[str], repeats: int) -> dict[str, list[dict[str, Any]]]:
    """Each format `repeats` times, interleaved: yaml, csv, json, yaml, csv, json, ..."""
    wanted = [f for f in fmts if n <= LIMITS.get(f, n)]
    paths = {f: data_file(folder, n, f) for f in wanted}
    runs: dict[str, list[dict[str, Any]]] = {f: [] for f in wanted}
    for _ in range(repeats):
        for fmt in wanted:
            runs[fmt].append(worker(["load", str(paths[fmt])]))
    return runs


def print_loads(n: int, fmts: list[str], runs: dict[str, list[dict[str, Any]]]) -> None:
    cells = [f"{n:,}"]
    for fmt in fmts:
        cells.append(spread([r["seconds"] for r in runs.get(fmt, [])]))
    csv_peaks = [r["peak"] for r in runs.get("csv", [])]
    peak = max(csv_peaks, default=0)
    cells += [mb(peak), f"{peak / n:,.0f}" if peak else "—"]
    print("| " + " | ".join(cells) + " |", flush=True)


def print_frames(n: int, source: str, frames: dict[str, Any], waits: list[float]) -> None:
    passes = frames["passes"]

    def ms(key: str) -> str:
        return percentile_cell([p[key] for p in passes])

    shown = one_day_cell(passes[-1]["day"])
    cells = [
        f"{n:,}",
        source,
        f"{frames['load']:.2f} s",
        ms("zoom"),
        ms("zoom_cpu"),
        ms("layout"),
        ms("pan"),
        ms("pan_cpu"),
        shown,
        f"{frames['gc_max_ms']:.0f} ms ({frames['gc_count']})",
        spread([w * 1e3 for w in waits], "ms", 0),
        f"{frames['export']:.2f} s",
        mb(frames["peak"]),
        f"{frames['peak'] / n:,.0f}",
    ]
    print("| " + " | ".join(cells) + " |", flush=True)


def with_empty_cache(env: dict[str, str]) -> dict[str, str]:
    """`env` with a new, empty cache folder (under the run's own, removed at its end): the app
    opens every file as never seen before."""
    return {**env, "XDG_CACHE_HOME": tempfile.mkdtemp(dir=os.environ["TIMELINE_BENCH_CACHES"])}


def elapsed(began: float) -> str:
    return f"[{time.time() - began:.0f} s into the run]"


def print_first_seen(folder: Path, fitting: list[int], full: bool) -> None:
    """First paint of a CSV file never opened before (an empty cache folder): the columnar copy
    is written after that paint, so it is not counted."""
    plan = FIRST_PAINT_FULL if full else FIRST_PAINT
    for n in fitting:
        paints = [
            first_paint_seconds(data_file(folder, n, "csv"), first_seen=True) for _ in range(plan.get(n, 0))
        ]
        if paints:
            print(f"first paint of a first-seen {n:,}-event CSV: {spread(paints)}", flush=True)


def main() -> int:
    parser = argparse.ArgumentParser(prog="python -m timeline_app.bench")
    parser.add_argument("--sizes", default="1000,10000,100000,1000000,10000000")
    parser.add_argument("--repeats", type=int, default=3, help="runs of each load up to 100k")
    parser.add_argument("--full", action="store_true", help="also the first paint of a 10M CSV")
    parser.add_argument(
        "--table-rows", type=int, default=100_000_000, help="events of the DuckDB table (0: none)"
    )
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    folder = Path(tempfile.gettempdir()) / f"timeline-bench-data-{DATA_VERSION}"
    folder.mkdir(exist_ok=True)
    # The run's own cache folders: the user's copies are neither used nor touched, and every
    # copy the run makes (1.6 GB at 10M) is removed at its end.
    caches = Path(tempfile.mkdtemp(prefix="timeline-bench-cache-"))
    os.environ["TIMELINE_BENCH_CACHES"] = str(caches)
    os.environ["XDG_CACHE_HOME"] = str(caches / "any")
    try:
        run(args, sizes, folder, caches)
    finally:
        shutil.rmtree(caches, ignore_errors=True)
    return 0


def run(args: argparse.Namespace, sizes: list[int], folder: Path, caches: Path) -> None:
    began = time.time()
    print(f"load average at start: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    first_paint_seconds(None)  # compiles the modules once; not counted
    startup = [first_paint_seconds(None) for _ in range(5)]
    print(f"start-up to first painted window (embedded dataset): {spread(startup)}", flush=True)
    fmts = formats()
    print(
        "\nLoad (read and built from the file, no columnar copy, to the view arrays), median (range)"
        f" of the interleaved runs; peak of the CSV load {elapsed(began)}\n"
    )
    head = ("events", *(f.upper() for f in fmts), "peak RSS (CSV)", "bytes/event")
    print_head(head)
    fitting = []
    for n in sizes:
        need = n * BYTES_PER_EVENT_NEEDED
        if need > memory_available():
            print(f"| {n:,} | skipped: needs ~{mb(need)}, {mb(memory_available())} free |", flush=True)
            continue
        fitting.append(n)
        if n <= LOAD_REPEATS_UP_TO:
            repeats = args.repeats if n < 1_000_000 else min(args.repeats, REPEATS_AT_1M)
            print_loads(n, fmts, measure_loads(folder, n, fmts, repeats))
    print()
    print_first_seen(folder, fitting, args.full)
    copies = caches / "copies"  # Parquet files' copies, kept for the frames
    framed = {n: data_file(folder, n, "csv") for n in fitting}
    if "parquet" in fmts and any(n in PARQUET_PAINTS for n in fitting):
        print(
            "\nFirst paint of a Parquet file (process start to the first painted window): its first "
            "open (columns built,\nno copy yet) once, then from its columnar copy; the app process's "
            f"peak RSS {elapsed(began)}\n"
        )
        head = (
            "events",
            "first open",
            "peak RSS",
            "bytes/event",
            "from the copy",
            "peak RSS",
            "bytes/event",
        )
        print_head(head)
        for n in fitting:
            if n in PARQUET_PAINTS and print_parquet_paints(folder, n, PARQUET_PAINTS[n], copies):
                framed[n] = data_file(folder, n, "parquet")
    print(
        "\nFrames at 1600x600, zoom from the whole timeline to one day (41 steps) and pan at one day "
        "(30 steps),\n3 passes: median / p95 (range of the passes' p95), ms; wall clock, and the "
        "window thread's CPU time\n(what a frame costs when no other process competes for the cores). "
        "Loaded from the\nParquet file's columnar copy where the table above made one, else from "
        f"the CSV {elapsed(began)}\n"
    )
    head = (
        "events",
        "loaded from",
        "load",
        "zoom",
        "zoom, CPU",
        "of which layout",
        "pan (one day)",
        "pan, CPU",
        "one-day view",
        "gc max (count)",
        "window's longest wait while loading (CSV)",
        "export 3840x1080",
        "peak RSS",
        "bytes/event",
    )
    print_head(head)
    for n in fitting:
        csv = data_file(folder, n, "csv")
        waits = [
            worker(["wait", str(csv)], with_empty_cache(dict(os.environ)))["longest_wait"]
            for _ in range(WAIT_RUNS.get(n, 0))
        ]
        source = "copy" if framed[n].suffix == ".parquet" else "CSV"
        env = {**os.environ, "XDG_CACHE_HOME": str(copies)}
        print_frames(n, source, worker(["frames", str(framed[n])], env), waits)
    if args.table_rows:
        print(f"\n{elapsed(began)}", end="")
        duckdb_bench.report(folder, args.table_rows, first_paint_seconds, spread)
    print(
        f"\nload average at end: {' '.join(f'{x:.2f}' for x in os.getloadavg())}; {time.time() - began:.0f} s"
    )


if __name__ == "__main__":
    sys.exit(main())
