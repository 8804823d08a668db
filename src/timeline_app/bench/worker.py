"""One benchmark measurement in its own process; prints one JSON line.

Peak memory is this process's own high-water mark (`VmHWM`): Linux carries `ru_maxrss` across
fork+exec, so a child's `ru_maxrss` reports its parent's peak when that was higher.
"""

from __future__ import annotations

import datetime as dt
import gc
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import numpy as np

DAY = 86_400.0
PASSES = 3  # the zoom-and-pan sequence is repeated; each pass gives its own median and p95
ZOOM_STEPS = 40  # geometric steps from the whole timeline down to one day
PAN_STEPS = 30  # steps of a tenth of the one-day view


def peak_bytes() -> int:
    """This process's peak resident memory, from /proc (0 where there is no /proc)."""
    try:
        with open("/proc/self/status", encoding="ascii") as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 0


class GcPauses:
    """Times every collection of the cyclic collector while installed."""

    def __init__(self) -> None:
        self.pauses: list[float] = []
        self._start = 0.0

    def __call__(self, phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            self._start = time.perf_counter()
        else:
            self.pauses.append(time.perf_counter() - self._start)

    def __enter__(self) -> GcPauses:
        gc.callbacks.append(self)
        return self

    def __exit__(self, *exc: object) -> None:
        gc.callbacks.remove(self)


def measure_load(path: str) -> dict[str, Any]:
    from timeline_app.model import load_path
    from timeline_app.scene.arrays import build_arrays

    start = time.perf_counter()
    timeline = load_path(path, use_cache=False)  # read and built: a copy's read is timed apart
    build_arrays(timeline)  # what the window needs before its first frame
    return {"seconds": time.perf_counter() - start, "events": len(timeline.events), "peak": peak_bytes()}


def percentiles(times: list[float]) -> list[float]:
    return [statistics.median(times) * 1e3, float(np.percentile(times, 95)) * 1e3]


def one_day_centre(lo: float, hi: float) -> float:
    """Noon of the 10th of the month nearest the middle: an ordinary day (a month's events sit
    at mid-month, a year's at mid-year, which a one-day view there would show all at once)."""
    middle = dt.date(1970, 1, 1) + dt.timedelta(seconds=(lo + hi) / 2)
    day = dt.date(middle.year, middle.month, 10)
    return (day - dt.date(1970, 1, 1)).days * DAY + DAY / 2


def measure_frames(path: str) -> dict[str, Any]:
    from timeline_app.model import load_path
    from timeline_app.presentation.view_state import ViewState
    from timeline_app.render import export_image, make_canvas, paint_canvas
    from timeline_app.view.application import ensure_app

    app = ensure_app()
    start = time.perf_counter()
    picture = ViewState(load_path(path))
    loaded = time.perf_counter() - start
    canvas = make_canvas(picture, 1600, 600)
    paint_canvas(canvas)
    lo, hi = canvas.x_range()
    centre = one_day_centre(lo, hi)
    factor = (DAY / (hi - lo)) ** (1 / ZOOM_STEPS)
    passes: list[dict[str, Any]] = []
    with GcPauses() as collections:
        for _ in range(PASSES):
            zoom, layout, pan, zoom_cpu, pan_cpu = [], [], [], [], []
            for step in range(ZOOM_STEPS + 1):
                width = (hi - lo) * factor**step
                t0, c0 = time.perf_counter(), time.thread_time()
                canvas.set_x_range(centre - width / 2, centre + width / 2)
                t1 = time.perf_counter()
                scene = canvas.item.current_scene()  # the frame's layout (labels, badges, ticks), cached
                layout.append(time.perf_counter() - t1)
                paint_canvas(canvas)  # ... and the paint that draws it
                zoom.append(time.perf_counter() - t0)
                zoom_cpu.append(time.thread_time() - c0)
            assert scene is not None
            day = {
                "labels": len(scene.labels),
                "markers": len(scene.markers.idx),
                "aggregated": scene.aggregated,
            }
            for _ in range(PAN_STEPS):
                a, b = canvas.x_range()
                t0, c0 = time.perf_counter(), time.thread_time()
                canvas.set_x_range(a + (b - a) * 0.1, b + (b - a) * 0.1)
                paint_canvas(canvas)
                pan.append(time.perf_counter() - t0)
                pan_cpu.append(time.thread_time() - c0)
            passes.append(
                {
                    "zoom": percentiles(zoom),
                    "layout": percentiles(layout),
                    "pan": percentiles(pan),
                    "zoom_cpu": percentiles(zoom_cpu),  # the window thread's own CPU time: what a
                    "pan_cpu": percentiles(pan_cpu),  # frame costs when no other process competes
                    "day": day,
                }
            )
    canvas.close()
    with tempfile.TemporaryDirectory() as folder:
        t0 = time.perf_counter()
        export_image(picture, Path(folder) / "export.png", 3840, 1080)
        export = time.perf_counter() - t0
    app.processEvents()
    return {
        "load": loaded,
        "passes": passes,
        "gc_max_ms": max(collections.pauses, default=0.0) * 1e3,
        "gc_count": len(collections.pauses),
        "export": export,
        "peak": peak_bytes(),
        "events": len(picture.timeline.events),
    }


def measure_window_wait(path: str) -> dict[str, Any]:
    """The window's background load of `path`, with the probe that times the window thread's
    longest wait: how long the worker's single C calls kept it from answering."""
    from PySide6.QtWidgets import QStatusBar

    from timeline_app.model.loader import CACHE_BYTES
    from timeline_app.view.application import ensure_app
    from timeline_app.window.loading import BackgroundLoad

    app = ensure_app()
    status = QStatusBar()
    background = BackgroundLoad(status)
    done: list[object] = []
    background.sigDone.connect(lambda p, result: done.append(result))
    copied: list[bool] = []
    background.sigCopyKept.connect(lambda p, kept: copied.append(kept))
    start = time.perf_counter()
    background.start(Path(path))
    while not done:
        app.processEvents()
        time.sleep(0.001)
    seconds = time.perf_counter() - start
    copy_due = Path(path).stat().st_size >= CACHE_BYTES  # the columnar copy, after the load
    while copy_due and not copied and time.perf_counter() - start < 600:
        app.processEvents()
        time.sleep(0.001)
    background.shutdown()
    return {
        "seconds": seconds,
        "longest_wait": background.longest_wait,
        "copy_wait": background.copy_wait if copied else None,
        "peak": peak_bytes(),
    }


def main() -> int:
    mode, path = sys.argv[1], sys.argv[2]
    measure = {"load": measure_load, "frames": measure_frames, "wait": measure_window_wait}[mode]
    result = measure(path)
    print(json.dumps(result), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
