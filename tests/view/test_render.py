"""The render path: what is painted, and that labels never collide."""

import datetime as dt
import sys

import pytest

from timeline_app.scene.arrays import date_seconds
from timeline_app.scene.model import Rect
from timeline_app.model import load_path
from timeline_app.presentation.view_state import ViewState
from timeline_app.render import make_canvas, paint_canvas
from timeline_app.resources import default_dataset

RANGES = {
    "all years": None,
    "one year": (dt.date(2022, 1, 1), dt.date(2022, 12, 31)),
    "one month": (dt.date(2022, 1, 1), dt.date(2022, 1, 31)),
}


@pytest.fixture(scope="module")
def picture():
    return ViewState(load_path(default_dataset()))


def frame_at(canvas, rng):
    if rng is not None:
        canvas.set_x_range(date_seconds(rng[0]), date_seconds(rng[1]))
    paint_canvas(canvas)
    return canvas.item.current_scene()


@pytest.mark.parametrize("zoom", list(RANGES))
@pytest.mark.parametrize("size", [(1600, 700), (900, 500)])
def test_labels_never_overlap_each_other_or_the_markers(qapp, picture, zoom, size):
    canvas = make_canvas(picture, *size)
    frame = frame_at(canvas, RANGES[zoom])
    rects = [label.rect for label in frame.labels]
    assert rects, "nothing labelled"
    plot = frame.plot
    for i, a in enumerate(rects):
        assert plot.contains(a.x, a.y) and plot.contains(a.right, a.bottom), f"label outside the plot at {zoom}"
        for b in rects[i + 1:]:
            assert not a.intersects(b), f"labels overlap at {zoom}"
    marker_row = Rect(plot.x, frame.baseline - 6, plot.w, 12)
    assert not any(r.intersects(marker_row) for r in rects)
    canvas.close()


@pytest.mark.parametrize("zoom", list(RANGES))
def test_every_visible_event_is_labelled_or_counted_in_a_cluster(qapp, picture, zoom):
    canvas = make_canvas(picture, 1600, 700)
    frame = frame_at(canvas, RANGES[zoom])
    labelled = set(frame.labelled())
    clustered = sum(badge.count for badge in frame.badges)
    assert len(labelled) + clustered == len(frame.visible)
    canvas.close()


def test_clicking_a_cluster_zooms_into_its_events(qapp, picture):
    canvas = make_canvas(picture, 700, 400)
    frame = frame_at(canvas, None)
    assert frame.badges, "expected a +N cluster at this size"
    cluster = frame.badges[0]
    before = canvas.x_range()
    canvas.item.sigClusterClicked.emit(cluster.lo, cluster.hi)
    lo, hi = canvas.x_range()
    assert hi - lo < before[1] - before[0]
    assert lo <= cluster.lo and cluster.hi <= hi
    canvas.close()


def test_painting_does_not_release_none(qapp, picture):
    """PySide6 6.12.0 drops a reference to None per QPainter call: fatal on Python 3.11."""
    canvas = make_canvas(picture, 800, 400)
    paint_canvas(canvas)
    before = sys.getrefcount(None)
    for _ in range(30):
        paint_canvas(canvas)
    assert sys.getrefcount(None) >= before - 50
    canvas.close()
