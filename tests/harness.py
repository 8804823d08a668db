"""Run `timeline-app list/check/export` on one file in a child process, bounded in time and memory.

A segfault in a C extension (PyYAML's composer on deep nesting) would kill pytest itself; in a
child it is a failed test. Peak memory is read from the child's own /proc/self/status (VmHWM),
written to a file at exit: `ru_maxrss` of RUSAGE_CHILDREN is the largest of every child so far.
"""

from __future__ import annotations

import os
import resource
import signal
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

EXITS = (0, 1, 2)  # ok, problems in the check, bad input
_RUN = """
import atexit, sys
def _peak():
    with open("/proc/self/status") as f, open(sys.argv[1], "w") as out:
        out.write(next(line.split()[1] for line in f if line.startswith("VmHWM:")))
atexit.register(_peak)
from timeline_app.cli import main
sys.exit(main(sys.argv[2:]))
"""


@dataclass
class Outcome:
    status: int
    stdout: str
    stderr: str
    seconds: float
    peak_mb: float  # VmHWM of the child; 0 if it did not exit normally


def memory_limit(path: Path) -> int:
    """Bytes of address space allowed: twice the file, and 300 MB for Python, numpy and Qt."""
    return 2 * path.stat().st_size + 300 * 2**20


def run(
    command: str,
    path: Path,
    *extra: str,
    seconds: float = 60,
    memory: int | None = None,
    tmp: Path | None = None,
) -> Outcome:
    """`timeline-app COMMAND PATH EXTRA...` in a child process limited to `memory` bytes."""
    limit = memory_limit(path) if memory is None else memory
    peak_file = (tmp or path.parent) / f".peak-{os.getpid()}-{time.monotonic_ns()}"

    def limit_memory() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))

    env = {**os.environ, "PYTHONFAULTHANDLER": "1", "QT_QPA_PLATFORM": "offscreen"}
    start = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-c", _RUN, str(peak_file), command, str(path), *extra],
        capture_output=True,
        text=True,
        timeout=seconds,
        preexec_fn=limit_memory,
        env=env,
    )
    elapsed = time.perf_counter() - start
    peak = 0.0
    if peak_file.exists():
        peak = int(peak_file.read_text() or 0) / 1024
        peak_file.unlink()
    return Outcome(result.returncode, result.stdout, result.stderr, elapsed, peak)


def assert_clean(outcome: Outcome, allowed: tuple[int, ...] = EXITS) -> None:
    """Exit 0, 1 or 2; no signal (a negative status), no traceback, no fatal error."""
    if outcome.status < 0:
        name = signal.Signals(-outcome.status).name
        raise AssertionError(f"killed by {name}: {outcome.stderr[-800:]}")
    assert outcome.status in allowed, f"exit {outcome.status}: {outcome.stderr[-800:]}"
    assert "Traceback" not in outcome.stderr, outcome.stderr[-2000:]
    assert "Fatal Python error" not in outcome.stderr, outcome.stderr[-2000:]
