"""Colours, fonts and sizes, built once and shared by every paint."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from functools import lru_cache

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFont, QPalette, QPen

from timeline_app.presentation.source_html import contrast_ratio
from timeline_app.scene.geometry import (  # shared with the painting code (re-exported)
    AXIS_HEIGHT,
    LABEL_PAD,
    MARKER,
    MAX_MARKER,
    marker_diameter,
)

# Okabe & Ito's colour-blind-safe set (2008), its yellow darkened and last, its black left out (lost
# on a dark background), then five of Paul Tol's "muted" colours: told apart with every common
# colour-vision deficiency, and each clear of the light and the dark backgrounds.
PALETTE = (
    "#0072b2",
    "#d55e00",
    "#009e73",
    "#e69f00",
    "#cc79a7",
    "#56b4e9",
    "#882255",
    "#44aa99",
    "#332288",
    "#999933",
    "#aa4499",
    "#c9b200",
)


@dataclass(frozen=True)
class Theme:
    """The painting colours, as hex strings; `apply_theme` turns them into the module's names."""

    background: str
    text: str
    muted: str
    baseline: str
    selection: str
    badge_fill: str
    badge_text: str
    density: str
    axis_line: str
    grid: str
    grid_major: str
    lane_fill: str = "#f6f7fa"  # the band of source documents
    link: str = "#3c5a9696"  # lines from an event to its documents (#RRGGBBAA)
    conflict: str = "#c62828"  # sources disagree
    dark: bool = False


LIGHT = Theme(
    background="#ffffff",
    text="#1d1d1f",
    muted="#6e6e73",
    baseline="#9a9aa0",
    selection="#111111",
    badge_fill="#e8e8ed",
    badge_text="#3a3a3c",
    density="#4e79a7",
    axis_line="#8e8e93",
    grid="#f2f2f4",
    grid_major="#e3e3e8",
)
DARK = Theme(
    background="#1e1e20",
    text="#ececf0",
    muted="#a1a1a8",
    baseline="#6c6c72",
    selection="#f5f5f7",
    badge_fill="#3a3a3e",
    badge_text="#e0e0e5",
    density="#7aa6d6",
    axis_line="#85858b",
    grid="#29292c",
    grid_major="#37373b",
    lane_fill="#26262a",
    link="#8fb0e6b4",
    conflict="#ef5350",
    dark=True,
)

# Read at paint time by every painting function (never copied at import): `apply_theme` and
# `apply_palette` reassign them, and the next paint uses the new colours.
BACKGROUND = QColor(LIGHT.background)
TEXT = QColor(LIGHT.text)
MUTED = QColor(LIGHT.muted)
BASELINE = QColor(LIGHT.baseline)
SELECTION = QColor(LIGHT.selection)
BADGE_FILL = QColor(LIGHT.badge_fill)
BADGE_TEXT = QColor(LIGHT.badge_text)
DENSITY = QColor(LIGHT.density)
AXIS_LINE = QColor(LIGHT.axis_line)
GRID = QColor(LIGHT.grid)
GRID_MAJOR = QColor(LIGHT.grid_major)
LANE_FILL = QColor(LIGHT.lane_fill)
LINK = QColor.fromString(LIGHT.link[:1] + LIGHT.link[7:] + LIGHT.link[1:7])  # Qt reads #AARRGGBB
CONFLICT = QColor(LIGHT.conflict)
_current = LIGHT


def apply_theme(theme: Theme) -> None:
    """Reassign the module's colour names from `theme` (the next paint uses them)."""
    global BACKGROUND, TEXT, MUTED, BASELINE, SELECTION, BADGE_FILL, BADGE_TEXT, DENSITY
    global AXIS_LINE, GRID, GRID_MAJOR, LANE_FILL, LINK, CONFLICT, _current
    _current = theme
    BACKGROUND, TEXT, MUTED = QColor(theme.background), QColor(theme.text), QColor(theme.muted)
    BASELINE, SELECTION = QColor(theme.baseline), QColor(theme.selection)
    BADGE_FILL, BADGE_TEXT = QColor(theme.badge_fill), QColor(theme.badge_text)
    DENSITY, AXIS_LINE = QColor(theme.density), QColor(theme.axis_line)
    GRID, GRID_MAJOR = QColor(theme.grid), QColor(theme.grid_major)
    LANE_FILL, CONFLICT = QColor(theme.lane_fill), QColor(theme.conflict)
    LINK = QColor.fromString(theme.link[:1] + theme.link[7:] + theme.link[1:7])


def current_theme() -> Theme:
    return _current


@contextmanager
def themed(theme: Theme) -> Iterator[None]:
    """Paint with `theme` inside the block (an export in the light theme from a dark window)."""
    before = _current
    apply_theme(theme)
    try:
        yield
    finally:
        apply_theme(before)


def is_dark(palette: QPalette) -> bool:
    return palette.color(QPalette.ColorRole.Base).lightness() < 128


def _mix(a: QColor, b: QColor, t: float) -> str:
    """`a` moved a fraction `t` of the way to `b`, as hex."""
    return QColor(
        round(a.red() + (b.red() - a.red()) * t),
        round(a.green() + (b.green() - a.green()) * t),
        round(a.blue() + (b.blue() - a.blue()) * t),
    ).name()


def theme_from_palette(palette: QPalette) -> Theme:
    """LIGHT for a light palette (pictures stay as approved); for a dark one, its own base and text
    with the other colours mixed between them."""
    if not is_dark(palette):
        return LIGHT
    base = palette.color(QPalette.ColorRole.Base)
    text = palette.color(QPalette.ColorRole.Text)
    if text.lightness() < 160:  # a dark base with dark text is unreadable: use ours
        text = QColor(DARK.text)
    return replace(
        DARK,
        background=base.name(),
        text=text.name(),
        muted=_mix(base, text, 0.66),
        baseline=_mix(base, text, 0.4),
        selection=text.name(),
        badge_fill=_mix(base, text, 0.14),
        badge_text=_mix(base, text, 0.85),
        axis_line=_mix(base, text, 0.5),
        grid=_mix(base, text, 0.05),
        grid_major=_mix(base, text, 0.11),
        lane_fill=_mix(base, text, 0.05),
    )


def apply_palette(palette: QPalette) -> Theme:
    """Follow the system palette: reassign the colour names (dark background, light text on a
    dark palette) and return the theme applied."""
    theme = theme_from_palette(palette)
    apply_theme(theme)
    return theme


def dark_palette() -> QPalette:
    """A dark palette for Qt's Fusion style (the `TIMELINE_THEME=dark` override and the tests)."""
    p = QPalette()
    roles = QPalette.ColorRole
    for role, hex_color in (
        (roles.Window, "#2b2b2e"),
        (roles.WindowText, "#ececf0"),
        (roles.Base, "#1e1e20"),
        (roles.AlternateBase, "#2b2b2e"),
        (roles.Text, "#ececf0"),
        (roles.Button, "#323236"),
        (roles.ButtonText, "#ececf0"),
        (roles.ToolTipBase, "#2b2b2e"),
        (roles.ToolTipText, "#ececf0"),
        (roles.PlaceholderText, "#8e8e93"),
        (roles.Highlight, "#3d7bd9"),
        (roles.HighlightedText, "#ffffff"),
        (roles.Link, "#8ab4f8"),
        (roles.LinkVisited, "#c58af9"),
        (roles.BrightText, "#ff6b6b"),
    ):
        p.setColor(role, QColor(hex_color))
    for role in (roles.WindowText, roles.Text, roles.ButtonText):
        p.setColor(QPalette.ColorGroup.Disabled, role, QColor("#7a7a80"))
    return p


def category_color(index: int) -> QColor:
    """The category's colour; on a dark theme a deep one (indigo, wine) is mixed towards white
    until it stands 3:1 off the background, WCAG's bar for graphics (indigo was 1.4:1)."""
    color = PALETTE[index % len(PALETTE)]
    if _current.dark:
        white = QColor("#ffffff")
        for _ in range(8):
            if contrast_ratio(color, BACKGROUND.name()) >= 3.0:
                break
            color = _mix(QColor(color), white, 0.15)
    return QColor(color)


def mix(a: QColor, b: QColor, t: float) -> QColor:
    """`a` moved a fraction `t` of the way to `b`: an opaque colour between them."""
    return QColor(_mix(a, b, t))


def tint(color: QColor, strength: float = 0.24) -> QColor:
    """The colour mixed into the background: an opaque stand-in for a translucent fill."""
    return QColor(_mix(BACKGROUND, color, strength))


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
    "DARK",
    "LABEL_PAD",
    "LIGHT",
    "MARKER",
    "MAX_MARKER",
    "PALETTE",
    "Theme",
    "apply_palette",
    "apply_theme",
    "category_color",
    "current_theme",
    "dark_palette",
    "is_dark",
    "label_font",
    "marker_diameter",
    "pen",
    "theme_from_palette",
    "themed",
    "tint",
]
