"""Aggregation and culling show the events a plain render would."""

import numpy as np
import pytest

from timeline_app.bench import synthetic
from timeline_app.model import load_path
from timeline_app.presentation.view_state import ViewState
from timeline_app.render import make_canvas, paint_canvas
from timeline_app.scene import compute


@pytest.fixture(scope="module")
def picture(tmp_path_factory):
    path = tmp_path_factory.mktemp("scale") / "t.csv"
    synthetic.write_csv(synthetic.generate(3000, seed=3), path)
    return ViewState(load_path(path))


def frame_for(picture, lo, hi, aggregate_at, monkeypatch):
    monkeypatch.setattr(compute, "AGGREGATE_AT", aggregate_at)
    canvas = make_canvas(picture, 1600, 600)
    canvas.set_x_range(lo, hi)
    paint_canvas(canvas)
    frame = canvas.item.current_scene()
    canvas.close()
    return frame


def test_aggregated_and_plain_render_account_for_the_same_events(picture, monkeypatch):
    arrays = picture.arrays
    lo, hi = np.percentile(arrays.x, [40, 55])
    plain = frame_for(picture, lo, hi, 10**9, monkeypatch)
    aggregated = frame_for(picture, lo, hi, 0, monkeypatch)
    assert not plain.aggregated and aggregated.aggregated
    markers_in_range = np.flatnonzero((arrays.x >= lo) & (arrays.x <= hi))
    expected = set(markers_in_range) | set(np.flatnonzero(arrays.is_span & (arrays.x0 <= hi) & (arrays.x1 >= lo)))
    assert set(plain.visible.tolist()) == expected
    labelled = set(plain.labelled())
    assert len(labelled) + sum(c.count for c in plain.badges) == len(plain.visible)
    assert sum(c.count for c in aggregated.badges) == aggregated.n_visible == len(markers_in_range)


def test_filter_applies_to_aggregated_counts(picture, monkeypatch):
    picture.show_only_categories(["meeting"])
    try:
        arrays = picture.arrays
        lo, hi = arrays.extent
        frame = frame_for(picture, lo, hi, 0, monkeypatch)
        meeting = arrays.categories.index("meeting")
        assert frame.n_visible == int((arrays.category == meeting).sum())
    finally:
        picture.show_only_categories(None)
