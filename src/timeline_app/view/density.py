"""The density strip of an aggregated view: how many events each bin of pixels holds, drawn
as an image on raster devices and as one polygon in vector exports (SVG, PDF)."""

from __future__ import annotations

import math

import numpy as np
import pyqtgraph.functions as fn
from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QBrush, QImage, QPaintEngine, QPainter

from timeline_app.scene.model import Scene
from timeline_app.view import style


class DensityPainter:
    """Paints a scene's density strip; keeps the images of the scenes it drew last (one per
    swimlane: with one kept image, every lane's strip was made again at every paint)."""

    KEEP = 16  # images kept: more than the swimlanes of one picture

    def __init__(self) -> None:
        self._cache: dict[int, tuple[Scene, float, QImage, QRectF]] = {}

    def paint(self, painter: QPainter, scene: Scene, render_scale: float) -> None:
        """The strip as an image on raster devices (0.4 ms where a jagged polygon took 15-28 ms
        to fill, `docs/design/performance.md`); as a polygon in SVG and PDF, which stay vector."""
        density = scene.density
        assert density is not None
        if painter.paintEngine().type() != QPaintEngine.Type.Raster:
            self.paint_polygon(painter, scene)
            return
        image, target = self._image(scene, render_scale * painter.device().devicePixelRatioF())
        painter.drawImage(target, image, QRectF(image.rect()))

    def _image(self, scene: Scene, scale: float) -> tuple[QImage, QRectF]:
        """Each bin a column of pixels filled from its top down to the baseline, at device scale;
        kept for the scene it was made for (a scene is cached per range)."""
        cached = self._cache.get(id(scene))
        if cached is not None and cached[0] is scene and cached[1] == scale:
            return cached[2], cached[3]
        density = scene.density
        assert density is not None
        tops, step = density.top, density.bin_px
        height = max(1, math.ceil((scene.baseline - float(tops.min(initial=scene.baseline))) * scale))
        width = max(1, math.ceil(len(tops) * step * scale))
        top_y = scene.baseline - height / scale
        bin_of_column = np.minimum((np.arange(width) / (step * scale)).astype(np.int64), len(tops) - 1)
        first_row = (tops[bin_of_column] - top_y) * scale  # where each column's fill begins
        filled = np.arange(height)[:, None] + 0.5 >= first_row[None, :]
        c = style.DENSITY
        a = c.alpha()
        argb = (a << 24) | (c.red() * a // 255 << 16) | (c.green() * a // 255 << 8) | c.blue() * a // 255
        pixels = np.ascontiguousarray(np.where(filled, np.uint32(argb), np.uint32(0)))
        image = QImage(
            pixels.data, width, height, 4 * width, QImage.Format.Format_ARGB32_Premultiplied
        ).copy()
        target = QRectF(float(density.left[0]), top_y, width / scale, height / scale)
        if len(self._cache) >= self.KEEP:
            self._cache.clear()
        self._cache[id(scene)] = (scene, scale, image, target)  # the scene kept: its id stays its own
        return image, target

    def paint_polygon(self, painter: QPainter, scene: Scene) -> None:
        """One simple outline (tops left to right, back along the baseline) fills in one pass;
        a polygon that returns to the baseline at every bin took 110 ms to rasterise."""
        density = scene.density
        assert density is not None
        left, tops, step = density.left, density.top, density.bin_px
        xs = np.concatenate([np.column_stack([left, left + step]).ravel(), [left[-1] + step, left[0]]])
        ys = np.concatenate([np.column_stack([tops, tops]).ravel(), [scene.baseline, scene.baseline]])
        poly = fn.create_qpolygonf(len(xs))
        coords = fn.ndarray_from_qpolygonf(poly)
        coords[:, 0], coords[:, 1] = xs, ys
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QBrush(style.DENSITY))
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
        painter.drawPolygon(poly)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
