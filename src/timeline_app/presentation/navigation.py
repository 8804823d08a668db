"""Which event the arrow keys select next. Pure: indices and positions in, an index out."""

from __future__ import annotations

import numpy as np


def step_target(
    shown: np.ndarray, x: np.ndarray, selected: int, direction: int, view: tuple[float, float]
) -> int | None:
    """The shown event before (-1) or after (+1) `selected`, or None at either end.

    With nothing selected, the first (or last) shown event inside the view is chosen, else the
    first (or last) of all. `shown` holds sorted event indices; `x` is each event's marker.
    """
    if not len(shown):
        return None
    if selected < 0:
        lo, hi = view
        inside = shown[(x[shown] >= lo) & (x[shown] <= hi)]
        pool = inside if len(inside) else shown
        return int(pool[0] if direction > 0 else pool[-1])
    pos = int(np.searchsorted(shown, selected))
    if direction > 0:
        pos = pos + 1 if pos < len(shown) and shown[pos] == selected else pos
    else:
        pos -= 1
    if pos < 0 or pos >= len(shown):
        return None
    return int(shown[pos])
