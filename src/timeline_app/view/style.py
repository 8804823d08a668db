"""Colours, fonts and sizes, built once and shared by every paint."""

from __future__ import annotations

from functools import lru_cache

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFont, QPen

from timeline_app.scene.geometry import (  # shared with the painting code (re-exported)
    AXIS_HEIGHT,
    LABEL_PAD,
    MARKER,
    MAX_MARKER,
    marker_diameter,
)

# Tableau 10 with darker yellow/grey (legible as outlines on white), then two more.
PALETTE = (
    "#1f77b4",
    "#ff7f0e",
    "#2ca02c",
    "#d62728",
    "#9467bd",
    "#8c564b",
    "#e377c2",
    "#6f6f6f",
    "#a5a61a",
    "#17a2b8",
    "#393b79",
    "#ad494a",
)
BACKGROUND = QColor("#ffffff")
TEXT = QColor("#1d1d1f")
MUTED = QColor("#6e6e73")
BASELINE = QColor("#9a9aa0")
SELECTION = QColor("#111111")
BADGE_FILL = QColor("#e8e8ed")
BADGE_TEXT = QColor("#3a3a3c")
DENSITY = QColor("#4e79a7")
AXIS_LINE = QColor("#8e8e93")
GRID = QColor("#f2f2f4")
GRID_MAJOR = QColor("#e3e3e8")


def category_color(index: int) -> QColor:
    return QColor(PALETTE[index % len(PALETTE)])


def tint(color: QColor, strength: float = 0.24) -> QColor:
    """The colour mixed into white: an opaque stand-in for a translucent fill."""
    return QColor(
        round(255 - (255 - color.red()) * strength),
        round(255 - (255 - color.green()) * strength),
        round(255 - (255 - color.blue()) * strength),
    )


@lru_cache(maxsize=8)
def label_font(pixel_size: int = 12, bold: bool = False) -> QFont:
    font = QFont()
    font.setFamilies(["DejaVu Sans", "Noto Sans", "Segoe UI", "Helvetica", "Arial"])
    font.setPixelSize(pixel_size)
    font.setBold(bold)
    font.setHintingPreference(QFont.HintingPreference.PreferNoHinting)
    return font


def pen(
    color: QColor,
    width: float = 1.0,
    style: Qt.PenStyle = Qt.PenStyle.SolidLine,
    cap: Qt.PenCapStyle = Qt.PenCapStyle.FlatCap,
) -> QPen:
    result = QPen(color, width, style, cap)
    result.setCosmetic(False)
    return result


__all__ = [
    "AXIS_HEIGHT",
    "LABEL_PAD",
    "MARKER",
    "MAX_MARKER",
    "PALETTE",
    "category_color",
    "label_font",
    "marker_diameter",
    "pen",
    "tint",
]
