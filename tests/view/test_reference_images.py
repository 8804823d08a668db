"""Reference images: the picture as a reader sees it, compared with an approved PNG.

A small tolerance absorbs antialiasing noise; anything a person would notice (a moved label, a
missing badge, another colour) fails. After a deliberate change of the picture, run
`make approve-images`, look at the new PNGs in tests/view/reference/ and commit them.
"""

import os
from pathlib import Path

import numpy as np
import pytest
from PySide6.QtGui import QImage

from tests.conftest import FIXTURE
from tests.view.test_render import pixels
from timeline_app.bench import synthetic
from timeline_app.model import load_path
from timeline_app.model.calendar import day_number
from timeline_app.presentation.view_state import ViewState
from timeline_app.render import make_canvas, paint_canvas, render_image
from timeline_app.scene.arrays import date_seconds

REFERENCE = Path(__file__).parent / "reference"
APPROVE = os.environ.get("TIMELINE_APPROVE_IMAGES") == "1"
CHANNEL_TOLERANCE = 48  # per colour channel, out of 255
MAX_DIFFERENT = 0.003  # share of pixels allowed to differ by more than that


def fixture_whole() -> QImage:
    state = ViewState(load_path(FIXTURE))
    state.set_citations(True)
    return render_image(state, 900, 460)


def fixture_detail_selected_with_sources_lane() -> QImage:
    state = ViewState(load_path(FIXTURE))
    state.set_selected(state.timeline.index_of("plan-approved"))
    state.set_sources_lane(True)
    rng = (date_seconds(day_number(2018, 7, 1)), date_seconds(day_number(2020, 1, 1)))
    return render_image(state, 800, 380, x_range=rng)


def dense_aggregated(tmp_path: Path) -> QImage:
    path = tmp_path / "dense.csv"
    synthetic.write_csv(synthetic.generate(6000, seed=5), path)
    return render_image(ViewState(load_path(path)), 800, 320)


def embedded_preset(name: str) -> QImage:
    """The shipped chronology at a preset, as `timeline-app export --preset NAME` draws it."""
    from timeline_app.render import PRESETS
    from timeline_app.resources import default_dataset

    preset = PRESETS[name]
    state = ViewState(load_path(default_dataset()))
    state.set_citations(True)
    return render_image(state, preset.width, preset.height, font_scale=preset.font_scale)


def fixture_dark() -> QImage:
    """The window's canvas under a dark palette (exports are always light)."""
    from timeline_app.view import style

    state = ViewState(load_path(FIXTURE))
    state.set_selected(state.timeline.index_of("plan-approved"))
    with style.themed(style.DARK):
        canvas = make_canvas(state, 900, 460)
        canvas.setBackground(style.BACKGROUND)
        image = paint_canvas(canvas)
        canvas.close()
    return image


def embedded_swimlanes() -> QImage:
    """The shipped chronology in one lane per category, two lanes folded."""
    from timeline_app.resources import default_dataset

    state = ViewState(load_path(default_dataset()))
    state.set_swimlanes("category")
    for name in ("appointment", "exercise"):
        state.set_lane_collapsed(name, True)
    return render_image(state, 1600, 900)


CASES = {
    "fixture-whole-900x460": lambda tmp: fixture_whole(),
    "fixture-detail-selected-lane-800x380": lambda tmp: fixture_detail_selected_with_sources_lane(),
    "dense-aggregated-800x320": dense_aggregated,
    "fixture-dark-theme-900x460": lambda tmp: fixture_dark(),
    "preset-report": lambda tmp: embedded_preset("report"),
    "preset-slide": lambda tmp: embedded_preset("slide"),
    "preset-square": lambda tmp: embedded_preset("square"),
    "preset-column": lambda tmp: embedded_preset("column"),
    "swimlanes-category-1600x900": lambda tmp: embedded_swimlanes(),
}


@pytest.mark.parametrize("name", list(CASES))
def test_picture_matches_the_approved_reference(qapp, tmp_path, name):
    image = CASES[name](tmp_path)
    path = REFERENCE / f"{name}.png"
    if APPROVE:
        assert image.save(str(path)), f"cannot write {path}"
        return
    assert path.exists(), f"no reference image {path.name}: run `make approve-images` and review it"
    got, want = pixels(image), pixels(QImage(str(path)))
    assert got.shape == want.shape, (
        f"size {got.shape[1]}x{got.shape[0]}, reference {want.shape[1]}x{want.shape[0]}"
    )
    differs = np.abs(got.astype(int) - want.astype(int)).max(axis=2) > CHANNEL_TOLERANCE
    if differs.mean() > MAX_DIFFERENT:
        diff = tmp_path / f"{name}-diff.png"
        image.save(str(tmp_path / f"{name}-got.png"))
        mask = np.where(differs[..., None], [255, 0, 0, 255], want // 3 + 160).astype(np.uint8)
        QImage(mask.tobytes(), mask.shape[1], mask.shape[0], QImage.Format.Format_RGBA8888).save(str(diff))
        pytest.fail(f"{differs.mean():.2%} of the pixels differ from {path.name}; see {diff}")
