"""A minimal change signal for pure objects (no Qt): the napari pattern of a model that says
"changed" and views whose `_on_<thing>_changed` handlers re-read it."""

from __future__ import annotations

import weakref
from collections.abc import Callable
from types import MethodType

Handler = Callable[[], None]
Ref = Callable[[], Handler | None]


def _ref(handler: Handler) -> Ref:
    """Bound methods are held weakly, so a view that is gone stops listening by itself."""
    if isinstance(handler, MethodType):
        return weakref.WeakMethod(handler)
    return lambda: handler


class Signal:
    """Callbacks run in connection order on `emit`; a handler is connected at most once."""

    def __init__(self) -> None:
        self._refs: list[Ref] = []
        self._blocked = 0

    def handlers(self) -> list[Handler]:
        """The handlers still alive, in connection order."""
        return [h for h in (ref() for ref in self._refs) if h is not None]

    def connect(self, handler: Handler) -> None:
        if handler not in self.handlers():
            self._refs.append(_ref(handler))

    def disconnect(self, handler: Handler) -> None:
        self._refs = [ref for ref in self._refs if ref() not in (None, handler)]

    def emit(self) -> None:
        if self._blocked:
            return
        for handler in self.handlers():
            handler()

    def blocked(self) -> _Blocked:
        """`with signal.blocked():` changes that should not be announced (while syncing)."""
        return _Blocked(self)


class _Blocked:
    def __init__(self, signal: Signal) -> None:
        self.signal = signal

    def __enter__(self) -> None:
        self.signal._blocked += 1

    def __exit__(self, *exc: object) -> None:
        self.signal._blocked -= 1
