"""Print the benchmark table: `python -m timeline_app.bench [--sizes 1000,10000]`.

Each measurement runs in a fresh process (so peak memory is that of one size), on synthetic
data from a fixed seed. Frames are timed as a screen refresh costs: set the view range, then
paint the whole 1600x600 canvas into an image. Medians, since this machine is shared.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from timeline_app.bench import synthetic

YAML_UP_TO = 100_000


def worker(args: list[str]) -> dict[str, Any]:
    result = subprocess.run(
        [sys.executable, "-m", "timeline_app.bench.worker", *args],
        capture_output=True,
        text=True,
        timeout=900,
    )
    if result.returncode != 0:
        raise RuntimeError(result.stderr[-2000:])
    measured: dict[str, Any] = json.loads(result.stdout.strip().splitlines()[-1])
    return measured


def startup_seconds(runs: int = 5) -> float:
    """Process launch to the first painted window (embedded dataset, offscreen): the app
    prints the wall-clock time of its first paint; Qt's teardown at exit is not counted."""
    env = {**os.environ, "TIMELINE_EXIT_AFTER_FIRST_PAINT": "1", "QT_QPA_PLATFORM": "offscreen"}
    times = []
    for _ in range(runs):
        start = time.time()
        out = subprocess.run(
            [sys.executable, "-m", "timeline_app"],
            env=env,
            check=True,
            capture_output=True,
            text=True,
            timeout=120,
        ).stdout
        painted = float(next(line.split()[1] for line in out.splitlines() if line.startswith("first-paint")))
        times.append(painted - start)
    return statistics.median(times)


def main() -> int:
    parser = argparse.ArgumentParser(prog="python -m timeline_app.bench")
    parser.add_argument("--sizes", default="1000,10000,100000,1000000")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    folder = Path(tempfile.mkdtemp(prefix="timeline-bench-"))
    print(f"start-up to first painted window (embedded dataset): {startup_seconds():.2f} s", flush=True)
    header = (
        "events",
        "YAML load",
        "CSV load",
        "JSON load",
        "zoom med/p95",
        "of which layout",
        "pan med/p95",
        "export 3840x1080",
        "peak RSS",
    )
    print("| " + " | ".join(header) + " |")
    print("|" + "---|" * len(header), flush=True)
    for n in sizes:
        rows = synthetic.generate(n)
        paths = {"csv": folder / f"{n}.csv", "json": folder / f"{n}.json"}
        synthetic.write_csv(rows, paths["csv"])
        synthetic.write_json(rows, paths["json"])
        if n <= YAML_UP_TO:
            paths["yaml"] = folder / f"{n}.yaml"
            synthetic.write_yaml(rows, paths["yaml"])
        del rows
        loads = {fmt: worker(["load", str(path)])["seconds"] for fmt, path in paths.items()}
        frames = worker(["frames", str(paths["csv"])])
        for path in paths.values():
            path.unlink()

        def ms(pair: list[float]) -> str:
            return f"{pair[0]:.1f} / {pair[1]:.1f} ms"

        cells = [
            f"{n:,}",
            f"{loads['yaml']:.2f} s" if "yaml" in loads else "—",
            f"{loads['csv']:.2f} s",
            f"{loads['json']:.2f} s",
            ms(frames["zoom"]),
            ms(frames["layout"]),
            ms(frames["pan"]),
            f"{frames['export']:.2f} s",
            f"{frames['peak_mb']:.0f} MB",
        ]
        print("| " + " | ".join(cells) + " |", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
