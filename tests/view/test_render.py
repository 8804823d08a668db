"""The painting item: it draws the scene it computed, caches it, and clicks use the same scene."""

import sys

import numpy as np
import pytest
from PySide6.QtGui import QColor, QImage

from tests.conftest import FIXTURE
from timeline_app.model import load_path
from timeline_app.presentation.view_state import ViewState
from timeline_app.render import make_canvas, paint_canvas
from timeline_app.scene import compute
from timeline_app.view import style


@pytest.fixture
def state():
    return ViewState(load_path(FIXTURE))


def pixels(image: QImage) -> np.ndarray:
    image = image.convertToFormat(QImage.Format.Format_RGBA8888)
    raw = np.frombuffer(image.constBits(), np.uint8, image.sizeInBytes())
    rows = raw.reshape(image.height(), image.bytesPerLine())[:, : image.width() * 4]
    return rows.reshape(image.height(), image.width(), 4).copy()  # the QImage's memory goes away


def test_each_label_box_is_painted_where_the_scene_put_it_in_its_category_colour(qapp, state):
    canvas = make_canvas(state, 900, 420)
    image = pixels(paint_canvas(canvas))
    scene = canvas.item.current_scene()
    assert len(scene.labels) == len(state.timeline.events)  # room for every title here
    for label in scene.labels:
        if label.is_span:
            continue
        colour = QColor(style.category_color(int(state.arrays.category[label.index])))
        x, y = int(np.floor(label.rect.x)), int(np.floor(label.rect.y + label.rect.h / 2))
        assert tuple(image[y, x, :3]) == (colour.red(), colour.green(), colour.blue())
    canvas.close()


def test_a_repaint_with_nothing_changed_reuses_the_scene(qapp, state, monkeypatch):
    canvas = make_canvas(state, 900, 420)
    paint_canvas(canvas)
    calls = []
    real = compute.compute_scene
    monkeypatch.setattr(
        "timeline_app.view.timeline_item.compute_scene", lambda *a: calls.append(1) or real(*a)
    )
    paint_canvas(canvas)
    paint_canvas(canvas)
    assert calls == []
    state.set_selected(2)  # any change of the state makes a new scene
    paint_canvas(canvas)
    assert calls == [1]
    canvas.close()


def test_hit_testing_works_before_anything_is_painted(qapp, state):
    canvas = make_canvas(state, 900, 420)
    scene = canvas.item.current_scene()
    label = scene.labels[0]
    centre = (label.rect.x + label.rect.w / 2, label.rect.y + label.rect.h / 2)
    assert canvas.item.hit_test(*centre) == label.index
    canvas.close()


def test_clicking_a_badge_zooms_into_its_events(qapp, state):
    canvas = make_canvas(state, 420, 200)  # too small for every label: some go into a badge
    scene = canvas.item.current_scene()
    assert scene.badges, "expected a +N badge at this size"
    badge = scene.badges[0]
    before = canvas.x_range()
    canvas.item.sigClusterClicked.emit(badge.lo, badge.hi)
    lo, hi = canvas.x_range()
    assert hi - lo < before[1] - before[0]
    assert lo <= badge.lo and badge.hi <= hi
    canvas.close()


def test_painting_does_not_release_none(qapp, state):
    """PySide6 6.12.0 drops a reference to None per QPainter call: fatal on Python 3.11."""
    canvas = make_canvas(state, 800, 400)
    paint_canvas(canvas)
    before = sys.getrefcount(None)
    for k in range(30):
        state.set_selected(k % 6)  # a new scene each time: every painting call runs
        paint_canvas(canvas)
    assert sys.getrefcount(None) >= before - 50
    canvas.close()


def test_the_scene_before_a_paint_is_the_scene_that_paint_draws(qapp, state):
    """A click right after a zoom must find what the next frame shows (the item's transform
    follows the range only when it paints, so the scene may not be mapped through it)."""
    canvas = make_canvas(state, 900, 420)
    paint_canvas(canvas)
    lo, hi = canvas.x_range()
    canvas.set_x_range(lo + (hi - lo) * 0.3, hi - (hi - lo) * 0.3)
    before = canvas.item.current_scene()
    paint_canvas(canvas)
    after = canvas.item.current_scene()
    assert before.viewport == after.viewport
    assert [(t.label, t.x) for t in before.ticks] == [(t.label, t.x) for t in after.ticks]
    assert [(label.index, label.rect) for label in before.labels] == [
        (label.index, label.rect) for label in after.labels
    ]
    canvas.close()


@pytest.mark.parametrize(
    ("start", "end"),
    [
        ((2004, 8, 1), (2024, 1, 1)),
        ((2005, 1, 1), (2035, 6, 1)),
        ((1950, 7, 1), (2150, 1, 1)),
        ((2013, 12, 16), (2014, 2, 3)),
        ((-44, 3, 15), (2023, 3, 20)),
    ],
)
def test_every_axis_label_of_the_embedded_data_stands_on_its_own_tick(qapp, start, end):
    """The picture of the shipped chronology, at ranges that start mid-year, mid-decade and
    mid-century: each label drawn is read back against the calendar date of its gridline."""
    from tests.scene.test_axis import names
    from timeline_app.model.calendar import day_number
    from timeline_app.resources import default_dataset
    from timeline_app.scene.arrays import date_seconds

    canvas = make_canvas(ViewState(load_path(default_dataset())), 1600, 900)
    canvas.set_x_range(date_seconds(day_number(*start)), date_seconds(day_number(*end)))
    paint_canvas(canvas)
    scene = canvas.item.current_scene()
    drawn = [t for t in scene.ticks if t.label_rect is not None]
    assert len(drawn) >= 4
    for tick in drawn:
        assert scene.plot.x <= tick.x <= scene.plot.right
        assert tick.label_rect.x <= tick.x <= tick.label_rect.right
        lo, hi = scene.viewport.to_seconds(tick.x - 0.01), scene.viewport.to_seconds(tick.x + 1.01)
        assert names(tick.label, lo, hi), tick.label
    canvas.close()


def test_in_the_dark_theme_the_sources_lane_and_its_links_are_dark_too(qapp, state):
    """The band of source documents was a fixed near-white: a bright bar across a dark canvas."""
    from timeline_app.view import style

    state.set_sources_lane(True)
    state.set_selected(state.timeline.index_of("plan-approved"))
    with style.themed(style.DARK):
        canvas = make_canvas(state, 900, 420)
        canvas.setBackground(style.BACKGROUND)
        image = pixels(paint_canvas(canvas))
        band = canvas.item.current_scene().lane.band
        canvas.close()
    r, g, b, _ = image[int(band.y + 4), int(band.x + band.w / 2)].tolist()
    assert max(r, g, b) < 80, (r, g, b)


def test_a_state_outlives_the_exports_drawn_from_it(qapp, tmp_path):
    """A script (or the command line) exports a state, changes it and exports again: the first
    export's canvas, deleted meanwhile, must not be told of the change (it raised 'Internal C++
    object (CitationsBar) already deleted')."""
    from PySide6.QtWidgets import QApplication

    from timeline_app.render import export_image

    state = ViewState(load_path(FIXTURE))
    export_image(state, tmp_path / "one.png", 800, 400)
    QApplication.processEvents()  # the canvas is deleted
    own = {state._bump}  # the state's own version counter
    assert set(state.options_changed.handlers()) == own == set(state.filter_changed.handlers())
    state.set_swimlanes("category")
    state.set_citations(True)
    state.set_category_shown("decision", False)
    export_image(state, tmp_path / "two.png", 800, 400)
    assert (tmp_path / "two.png").stat().st_size > 0


def test_a_frame_that_is_hit_tested_then_painted_is_laid_out_once(qapp, state, monkeypatch):
    """The paint finds the plot through the painter's transform and hit-testing through the
    view box: the same rectangle give or take 1e-13 px, which must not lay the scene out twice."""
    canvas = make_canvas(state, 1600, 600)
    paint_canvas(canvas)
    lo, hi = canvas.x_range()
    calls = []
    real = compute.compute_scene
    monkeypatch.setattr(
        "timeline_app.view.timeline_item.compute_scene", lambda *a: calls.append(1) or real(*a)
    )
    ranges = set()
    for step in range(1, 41):  # down to the closest zoom, where the range stops changing
        width = (hi - lo) * 0.8**step
        canvas.set_x_range((lo + hi) / 2 - width / 2, (lo + hi) / 2 + width / 2)
        ranges.add(canvas.x_range())
        assert canvas.item.current_scene() is not None
        paint_canvas(canvas)
        assert len(calls) == len(ranges)
    assert len(ranges) > 20
    canvas.close()


def test_every_leader_runs_from_its_label_down_to_its_marker(qapp, state):
    """(Another title may cross a leader on its way down: most of its pixels are its own.)"""
    canvas = make_canvas(state, 900, 420)
    image = pixels(paint_canvas(canvas))
    scene = canvas.item.current_scene()
    assert scene.leaders
    colour = QColor(style.BASELINE)
    for leader in scene.leaders:
        column = image[int(np.ceil(leader.top)) : int(leader.bottom), int(leader.x), :3]
        drawn = (column == (colour.red(), colour.green(), colour.blue())).all(axis=1)
        assert drawn.mean() > 0.6
    canvas.close()
