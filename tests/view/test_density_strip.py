"""The density strip: drawn as an image on screen and in PNG exports, as a polygon in vector
exports; both must cover the same pixels, at any export scale."""

import numpy as np
import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QImage, QPainter, QTransform

from timeline_app.bench import synthetic
from timeline_app.model import load_path
from timeline_app.presentation.view_state import ViewState
from timeline_app.render import make_canvas


@pytest.fixture(scope="module")
def dense_state(tmp_path_factory) -> ViewState:
    path = tmp_path_factory.mktemp("dense") / "dense.csv"
    synthetic.write_csv(synthetic.generate(8000, seed=3), path)
    return ViewState(load_path(path))


def strip_mask(canvas, scale: float, as_image: bool) -> np.ndarray:
    """Which pixels the strip covers, painted alone into a transparent image."""
    item = canvas.item
    scene = item.current_scene()
    assert scene is not None and scene.density is not None
    image = QImage(round(canvas.width() * scale), round(canvas.height() * scale), QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setWorldTransform(QTransform.fromScale(scale, scale))
    item.render_scale = scale
    try:
        if as_image:
            item._density.paint(painter, scene, scale)
        else:
            item._density.paint_polygon(painter, scene)
    finally:
        painter.end()
        item.render_scale = 1.0
    ptr = image.constBits()
    argb = np.frombuffer(ptr, np.uint32, image.width() * image.height()).reshape(
        image.height(), image.width()
    )
    return (argb >> 24) > 0


@pytest.mark.parametrize("scale", [1.0, 2.0])
def test_the_image_covers_the_pixels_the_polygon_covers(qtbot, dense_state: ViewState, scale: float) -> None:
    """A jagged histogram (8,000 events over 40 years) drawn both ways fills the same pixels,
    within a pixel row of rounding at a few bin tops."""
    canvas = make_canvas(dense_state, 800, 320)
    try:
        scene = canvas.item.current_scene()
        assert scene is not None and scene.aggregated, "8,000 events over 40 years should aggregate"
        image, polygon = strip_mask(canvas, scale, True), strip_mask(canvas, scale, False)
        assert polygon.sum() > 1000, "the strip should cover a visible area"
        assert (image != polygon).sum() <= 0.02 * polygon.sum()
        heights_image, heights_polygon = image.sum(axis=0), polygon.sum(axis=0)
        assert np.abs(heights_image - heights_polygon).max() <= 1, "every column as tall, within a pixel"
    finally:
        canvas.close()
