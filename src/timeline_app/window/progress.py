"""Progress of a background load: a bar with a percentage and Cancel, and a probe of how long
the window thread waited while the worker ran.

The readers report no fraction done, so the percentage is an estimate: the file's size times
the seconds a megabyte of that format took to load (from the benchmark at first, then from
this session's own loads). Linear up to 90% at the expected time, then creeping towards 99%
until the load is done: an underestimate never shows 100% early, and the bar never stalls.
"""

from __future__ import annotations

import math
import time

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QPushButton, QSizePolicy, QWidget

# Seconds per MB, file to view, measured by `python -m timeline_app.bench` at 10^6 events with
# one excerpt each (CSV 134 MB in ~10 s, JSON 250 MB in ~12 s; YAML 2 MB of 10k in ~0.6 s).
SECONDS_PER_MB = {".csv": 0.075, ".json": 0.05, ".yaml": 0.3, ".yml": 0.3}
DEFAULT_SECONDS_PER_MB = 0.075


class LoadEstimate:
    """Expected load time of a file from its size and format, learned from the loads seen."""

    def __init__(self) -> None:
        self.seconds_per_mb = dict(SECONDS_PER_MB)

    def expected(self, suffix: str, size: int) -> float:
        rate = self.seconds_per_mb.get(suffix.lower(), DEFAULT_SECONDS_PER_MB)
        return max(0.2, rate * size / 2**20)

    def learn(self, suffix: str, size: int, seconds: float) -> None:
        if size >= 2**20:  # a small file's time is mostly fixed costs
            self.seconds_per_mb[suffix.lower()] = seconds / (size / 2**20)


def shown_fraction(elapsed: float, expected: float) -> float:
    """What the bar shows after `elapsed` of an `expected` load: 90% at the expected time, then
    ever closer to 99%."""
    f = elapsed / expected if expected > 0 else 1.0
    if f <= 1.0:
        return 0.9 * f
    return 0.9 + 0.09 * (1.0 - math.exp(-(f - 1.0)))


class ProgressPanel(QWidget):
    """For the status bar: what is loading, a bar with its percentage, and Cancel."""

    sigCancel = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.label = QLabel()
        self.label.setTextFormat(Qt.TextFormat.PlainText)  # it shows file names
        self.bar = QProgressBar()
        self.bar.setRange(0, 1000)
        self.bar.setFormat("%p%")
        self.bar.setTextVisible(True)
        self.bar.setMaximumWidth(160)
        self.cancel = QPushButton("Cancel")
        self.cancel.setToolTip("Stop waiting for this file; the window keeps what it shows")
        self.cancel.clicked.connect(self._on_cancel_clicked)
        self.cancel.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)  # not the bar's width
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for widget in (self.label, self.bar, self.cancel):
            layout.addWidget(widget)

    def _on_cancel_clicked(self) -> None:
        self.sigCancel.emit()

    def set_fraction(self, fraction: float) -> None:
        self.bar.setValue(round(1000 * min(max(fraction, 0.0), 1.0)))


class WaitProbe(QObject):
    """Ticks every few milliseconds on the window thread; the longest gap between two ticks,
    less the interval, is the longest the window could not answer (a C call on the worker
    thread that holds the GIL, or work on the window thread itself)."""

    INTERVAL_MS = 5

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.longest = 0.0  # seconds
        self._last = 0.0
        self._timer = QTimer(self)
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._timer.setInterval(self.INTERVAL_MS)
        self._timer.timeout.connect(self._tick)

    def start(self) -> None:
        self.longest = 0.0
        self._last = time.perf_counter()
        self._timer.start()

    def stop(self) -> float:
        """Stops; returns the longest wait in seconds."""
        self._timer.stop()
        return self.longest

    def _tick(self) -> None:
        now = time.perf_counter()
        self.longest = max(self.longest, now - self._last - self.INTERVAL_MS / 1000)
        self._last = now
