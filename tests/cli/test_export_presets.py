"""Export presets: a size for each use, with text scaled so that it stays legible."""

import pytest
from PySide6.QtGui import QImage

from tests.test_render import run_export, svg_texts
from timeline_app.cli.export import PRESET_NAMES
from timeline_app.render import PRESETS, export_canvas
from timeline_app.resources import default_dataset


def test_the_cli_knows_the_same_presets_as_the_render():
    assert {name: (p.width, p.height) for name, p in PRESETS.items()} == PRESET_NAMES


@pytest.mark.parametrize("name", list(PRESET_NAMES))
def test_a_preset_gives_its_pixel_size(tmp_path, name):
    out = tmp_path / f"{name}.png"
    result = run_export("--preset", name, "-o", str(out))
    assert result.returncode == 0, result.stderr
    image = QImage(str(out))
    assert (image.width(), image.height()) == PRESET_NAMES[name]


def test_width_and_scale_still_apply_to_a_preset(tmp_path):
    out = tmp_path / "slide.png"
    assert run_export("--preset", "slide", "--scale", "2", "-o", str(out)).returncode == 0
    assert (QImage(str(out)).width(), QImage(str(out)).height()) == (3840, 2160)


@pytest.mark.parametrize("name", list(PRESET_NAMES))
def test_text_stays_at_least_11_pixels_high_in_every_preset(qapp, name):
    """The labels and citations are drawn at 11 px on the canvas; a preset scales the canvas up
    by its font scale, never down, so printed text is never smaller than on screen; slides and
    report pages get larger text (a 1920 px slide at 1x had 11 px labels: 1% of its height)."""
    from timeline_app.model import load_path
    from timeline_app.presentation.view_state import ViewState

    preset = PRESETS[name]
    assert preset.font_scale >= 1.0
    if preset.width >= 1500:
        assert preset.font_scale >= 1.25
    state = ViewState(load_path(default_dataset()))
    with export_canvas(state, preset.width, preset.height, font_scale=preset.font_scale) as canvas:
        assert abs(canvas.width() * preset.font_scale - preset.width) <= 1
        scene = canvas.item.current_scene()
        assert scene is not None and scene.labels, "no label fits"


def test_at_column_width_the_full_title_and_citations_are_readable(tmp_path):
    """At 640 px the title of a range wraps at a space instead of being cut, and each citation
    wraps onto further lines: every word is in the picture."""
    out = tmp_path / "column.svg"
    args = ["--preset", "column", "--from", "2022-01", "--to", "2023-03", "-o", str(out)]
    assert run_export(*args).returncode == 0
    texts = svg_texts(out)
    title = "Japan's national security strategy, 2005-2023 \u2014 January 2022 to March 2023"
    assert " ".join(texts[:2]) == title or texts[0] == title
    joined = " ".join(texts)
    assert "\u2026" not in " ".join(texts[:2])
    for words in ("Japan to align with U.S. on space, cyber in security strategy revamp",):
        assert all(word in joined for word in words.split())


def test_an_unknown_preset_is_refused(tmp_path):
    result = run_export("--preset", "poster", "-o", str(tmp_path / "t.png"))
    assert result.returncode == 2 and "poster" in result.stderr
