"""The label rows' grid: which rows are free over a stretch of pixels, as bits per column."""

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from timeline_app.scene.labels import RowGrid


class BruteGrid:
    """A boolean rows x columns grid: the plain statement of what RowGrid answers."""

    def __init__(self, rows: int, left: float, width: float, gap: float = 6.0) -> None:
        self.rows, self.left, self.gap = rows, left, gap
        self.width = math.ceil(width) + 1
        self.taken = np.zeros((rows, self.width), bool)

    def columns(self, a: float, b: float) -> tuple[int, int]:
        c0 = max(0, math.floor(a - self.left - self.gap / 2))
        return c0, max(min(self.width, math.ceil(b - self.left + self.gap / 2)), c0 + 1)

    def lowest(self, a: float, b: float, rows: int) -> int:
        c0, c1 = self.columns(a, b)
        for row in range(self.rows - rows + 1):
            if not self.taken[row : row + rows, c0:c1].any():
                return row
        return -1

    def take(self, a: float, b: float, row: int, rows: int) -> None:
        c0, c1 = self.columns(a, b)
        self.taken[row : row + rows, c0:c1] = True

    def column_full(self, x: float) -> bool:
        return bool(self.taken[:, min(self.width - 1, max(0, int(x - self.left)))].all())


boxes = st.lists(
    st.tuples(st.floats(-20, 420), st.floats(1, 160), st.sampled_from([1, 2])), min_size=1, max_size=120
)


@pytest.mark.parametrize("rows", [0, 1, 2, 7, 63, 64, 65, 130])
@settings(max_examples=30, deadline=None)
@given(boxes=boxes)
def test_the_grid_finds_the_same_rows_as_a_brute_force_search(rows, boxes):
    """Each box takes the lowest free row, as the labels do, with more rows than one word of
    bits holds as well as fewer."""
    grid, brute = RowGrid(rows, 10.0, 400.0), BruteGrid(rows, 10.0, 400.0)
    for a, width, n in boxes:
        row = grid.lowest(a, a + width, n)
        assert row == brute.lowest(a, a + width, n)
        assert grid.column_full(a) == brute.column_full(a)
        if row >= 0:
            grid.take(a, a + width, row, n)
            brute.take(a, a + width, row, n)
