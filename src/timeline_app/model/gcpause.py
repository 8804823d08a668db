"""Pause the cyclic garbage collector while building millions of objects that form no cycles."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def gc_paused() -> Iterator[None]:
    """Without this the collector re-scans the growing heap again and again: composing 100k
    YAML events took 7.2 s with it and 2.7 s without."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
