"""What the benchmark's measurements share: a measurement in a fresh process (its peak memory is
its own), and how sizes are printed."""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
from typing import Any


def run_measurement(module: str, args: list[str], env: dict[str, str] | None = None) -> dict[str, Any]:
    """Run `python -m module args...` and read the JSON object on its last line of output."""
    result = subprocess.run(
        [sys.executable, "-m", module, *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=1800,
    )
    if result.returncode != 0:
        raise RuntimeError(result.stderr[-2000:])
    measured: dict[str, Any] = json.loads(result.stdout.strip().splitlines()[-1])
    return measured


def mb(n_bytes: float) -> str:
    return f"{n_bytes / 2**20:,.0f} MB"


def print_head(head: tuple[str, ...] | list[str]) -> None:
    """A Markdown table's header row and rule."""
    print("| " + " | ".join(head) + " |\n|" + "---|" * len(head), flush=True)


def percentile_cell(runs: list[list[float]]) -> str:
    """Runs of [p50, p95] as 'median p50 / median p95 (range of the p95s)', ms."""
    p50, p95 = [r[0] for r in runs], [r[1] for r in runs]
    return f"{statistics.median(p50):.1f} / {statistics.median(p95):.1f} ({min(p95):.1f}-{max(p95):.1f})"


def one_day_cell(day: dict[str, Any]) -> str:
    """What the one-day view showed."""
    return "density only" if day["aggregated"] else f"{day['markers']} markers, {day['labels']} labels"
