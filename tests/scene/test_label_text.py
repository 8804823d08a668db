"""Label text: each title measured once, the first time a frame asks for it."""

import numpy as np

from timeline_app.scene.label_text import LabelText
from timeline_app.scene.measure import MonoMeasure


class CountingMeasure:
    """Seven pixels a character; remembers what it was asked to measure."""

    def __init__(self) -> None:
        self.mono = MonoMeasure()
        self.asked: list[str] = []

    def width(self, text: str) -> float:
        self.asked.append(text)
        return self.mono.width(text)

    def elide(self, text: str, width: float) -> str:
        return self.mono.elide(text, width)

    def height(self) -> float:
        return self.mono.height()


def test_widths_are_measured_once_each_even_an_empty_title():
    measure = CountingMeasure()
    labels = LabelText(["", "Treaty", "Summit on trade"], measure)
    assert labels.widths(np.array([0, 1]), 1).tolist() == [0.0, 42.0]
    asked = len(measure.asked)
    assert labels.widths(np.array([1, 0, 1]), 1).tolist() == [42.0, 0.0, 42.0]
    assert len(measure.asked) == asked  # nothing measured again, the empty title included
    assert labels.widths(np.array([2]), 1).tolist() == [105.0]
    assert len(measure.asked) > asked
