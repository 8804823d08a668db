"""One benchmark measurement in its own process; prints one JSON line."""

from __future__ import annotations

import json
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

import numpy as np


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux: KiB


def measure_load(path: str) -> dict[str, object]:
    from timeline_app.model import load_path
    from timeline_app.scene.arrays import build_arrays

    start = time.perf_counter()
    timeline = load_path(path)
    build_arrays(timeline)  # what the window needs before its first frame
    return {"seconds": time.perf_counter() - start, "events": len(timeline.events), "peak_mb": peak_mb()}


def percentiles(times: list[float]) -> list[float]:
    return [statistics.median(times) * 1e3, float(np.percentile(times, 95)) * 1e3]


def measure_frames(path: str) -> dict[str, object]:
    from timeline_app.model import load_path
    from timeline_app.presentation.view_state import ViewState
    from timeline_app.render import export_image, make_canvas, paint_canvas
    from timeline_app.view.application import ensure_app

    app = ensure_app()
    picture = ViewState(load_path(path))
    canvas = make_canvas(picture, 1600, 600)
    paint_canvas(canvas)
    lo, hi = canvas.x_range()
    centre = (lo + hi) / 2
    zoom, layout = [], []
    for step in range(1, 31):  # 30 zoom steps in, 20% each
        width = (hi - lo) * 0.8**step
        start = time.perf_counter()
        canvas.set_x_range(centre - width / 2, centre + width / 2)
        scene_start = time.perf_counter()
        canvas.item.current_scene()  # the layout of the frame (labels, badges, ticks), cached
        layout.append(time.perf_counter() - scene_start)
        paint_canvas(canvas)  # ... and the paint that draws it
        zoom.append(time.perf_counter() - start)
    pan = []
    for _ in range(30):  # 30 pan steps of 10% of the view at the deepest zoom
        a, b = canvas.x_range()
        shift = (b - a) * 0.1
        start = time.perf_counter()
        canvas.set_x_range(a + shift, b + shift)
        paint_canvas(canvas)
        pan.append(time.perf_counter() - start)
    canvas.close()
    out = Path(tempfile.mkdtemp()) / "export.png"
    start = time.perf_counter()
    export_image(picture, out, 3840, 1080)
    export = time.perf_counter() - start
    app.processEvents()
    return {
        "zoom": percentiles(zoom),
        "layout": percentiles(layout),
        "pan": percentiles(pan),
        "export": export,
        "peak_mb": peak_mb(),
    }


def main() -> int:
    mode, path = sys.argv[1], sys.argv[2]
    result = measure_load(path) if mode == "load" else measure_frames(path)
    print(json.dumps(result), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
