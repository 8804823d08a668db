"""Status and links as drawn: a plan is an outline, a claim carries its glyph, the selection's
links are arcs, in both themes; an export's legend keys only what it shows."""

import numpy as np
import pytest
from PySide6.QtGui import QColor

from tests.conftest import FIXTURES
from tests.view.test_render import pixels
from timeline_app.model import load_path
from timeline_app.model.calendar import day_number
from timeline_app.presentation.view_state import ViewState
from timeline_app.render import export_canvas, make_canvas, paint_canvas
from timeline_app.scene.arrays import date_seconds
from timeline_app.view import style
from timeline_app.view.markers import GLYPH_OFFSET
from timeline_app.view.overlays import arc_color

EVIDENCE = FIXTURES / "evidence.yaml"


def rgb(color: QColor) -> np.ndarray:
    return np.array([color.red(), color.green(), color.blue()])


def picture(state, theme):
    """The canvas painted in `theme`, its pixels and its scene."""
    with style.themed(theme):
        canvas = make_canvas(state, 1000, 500)
        canvas.setBackground(style.BACKGROUND)
        image = pixels(paint_canvas(canvas))
        scene = canvas.item.current_scene()
        colors = {"background": rgb(style.BACKGROUND), "text": rgb(style.TEXT)}
        colors["council"] = rgb(style.category_color(state.timeline.categories.index("council")))
        canvas.close()
    return image, scene, colors


def near(image, x, y, color, radius=1, tolerance=40):
    """Does any pixel within `radius` of (x, y) have `color`?"""
    x, y = round(x), round(y)
    patch = image[y - radius : y + radius + 1, x - radius : x + radius + 1, :3].astype(int)
    return bool((np.abs(patch - color).max(axis=2) <= tolerance).any())


def marker_at(scene, state, event_id):
    k = scene.markers.idx.tolist().index(state.timeline.index_of(event_id))
    return float(scene.markers.x[k]), scene.baseline


@pytest.mark.parametrize("theme", [style.LIGHT, style.DARK], ids=["light", "dark"])
def test_a_planned_event_is_an_outline_and_an_event_that_happened_is_filled(qapp, theme):
    state = ViewState(load_path(EVIDENCE))
    image, scene, colors = picture(state, theme)
    x, y = marker_at(scene, state, "wall-vote")  # planned
    assert near(image, x, y, colors["background"], radius=0)
    assert near(image, x - 4, y, colors["council"], radius=1)  # its (dashed) rim
    x, y = marker_at(scene, state, "revised-plan")  # happened, same category
    assert near(image, x, y, colors["council"], radius=0)


@pytest.mark.parametrize("theme", [style.LIGHT, style.DARK], ids=["light", "dark"])
def test_an_alleged_event_carries_its_glyph_in_the_text_colour(qapp, theme):
    state = ViewState(load_path(EVIDENCE))
    image, scene, colors = picture(state, theme)
    x, y = marker_at(scene, state, "payments")
    gx, gy = x + GLYPH_OFFSET[0], y + GLYPH_OFFSET[1]
    assert near(image, gx, gy, colors["text"], radius=2, tolerance=60)
    x, y = marker_at(scene, state, "revised-plan")  # no glyph beside an event that happened
    assert not near(image, x + GLYPH_OFFSET[0], y + GLYPH_OFFSET[1], colors["text"], radius=2, tolerance=60)


def test_the_selected_events_links_are_drawn_as_arcs(qapp):
    state = ViewState(load_path(EVIDENCE))
    state.set_selected(state.timeline.index_of("wall-proposed"))
    image, scene, colors = picture(state, style.LIGHT)
    assert len(scene.arcs) == 3
    ink = rgb(arc_color())  # a 1-px line between two pixel rows lends each about half its ink
    half = (ink + colors["background"]) / 2
    for arc in scene.arcs:  # along the curve, clear of the markers; a dashed one has gaps
        points = zip(arc.xs[4:-4], arc.ys[4:-4], strict=True)
        inked = [near(image, x, y, half, radius=1, tolerance=70) for x, y in points]
        assert np.mean(inked) > (0.5 if arc.inferred else 0.9)


def test_an_exports_legend_keys_only_the_statuses_it_shows(qapp):
    state = ViewState(load_path(EVIDENCE))
    with export_canvas(state, 1000, 500) as canvas:
        optional = canvas.legend.optional
        assert {"planned", "reported", "alleged", "disputed", "independent"} <= optional
        assert "link" not in optional  # nothing selected: no arcs in the picture
    early = (date_seconds(day_number(2020, 10, 1)), date_seconds(day_number(2021, 3, 1)))
    with export_canvas(state, 1000, 500, x_range=early) as canvas:  # the storm and the proposal
        assert not canvas.legend.optional & {"planned", "reported", "alleged", "disputed"}
        assert "independent" in canvas.legend.optional
    state.set_selected(state.timeline.index_of("wall-proposed"))
    with export_canvas(state, 1000, 500) as canvas:
        assert "link" in canvas.legend.optional


def test_a_change_of_theme_repaints_an_outline_with_the_new_background(qapp):
    """The window's canvas lives on when the palette turns dark: a planned event's marker must
    not keep the white it was first filled with."""
    state = ViewState(load_path(EVIDENCE))
    canvas = make_canvas(state, 1000, 500)
    paint_canvas(canvas)  # the light sprites are made and kept
    with style.themed(style.DARK):
        canvas.setBackground(style.BACKGROUND)
        canvas.item.set_state(state)  # as the window does on a palette change
        image = pixels(paint_canvas(canvas))
        scene = canvas.item.current_scene()
        x, y = marker_at(scene, state, "wall-vote")
        assert near(image, x, y, rgb(style.BACKGROUND), radius=0)
    canvas.close()
