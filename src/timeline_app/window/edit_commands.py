"""Every change to the chronology as one undoable step.

`EditCommand` applies one or more edits through `Chronology.apply`, which returns each edit's
inverse; undo applies the inverses in reverse order, and the inverse of an inverse is the redo.
So a command never stores a copy of the chronology, and what undo restores is exactly what
the edit changed (a category renamed across 40 events is one command of 40 edits).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, Protocol

from PySide6.QtGui import QUndoCommand


class Applies(Protocol):
    def apply(self, edit: Any) -> Any: ...


class EditCommand(QUndoCommand):
    """One undo step: `edits` applied in order; `after` runs after every redo and undo with
    the id of the event the step concerns (to select it), or None."""

    def __init__(
        self,
        target: Applies,
        edits: Sequence[Any],
        text: str,
        after: Callable[[str | None], None],
        focus: str | None = None,
        undo_focus: str | None = None,
    ) -> None:
        super().__init__(text)
        self.target = target
        self.edits = list(edits)
        self.inverses: list[Any] = []
        self.after = after
        self.focus = focus
        self.undo_focus = undo_focus if undo_focus is not None else focus
        self.error: Exception | None = None

    def redo(self) -> None:
        inverses: list[Any] = []
        try:
            for edit in self.edits:
                inverses.append(self.target.apply(edit))
        except (KeyError, IndexError, ValueError) as exc:
            # an edit the chronology refuses: take back those already applied; the stack
            # then drops this command (obsolete), so undo never replays half a step
            for inverse in reversed(inverses):
                self.target.apply(inverse)
            self.error = exc
            self.setObsolete(True)
            return
        self.inverses = inverses
        self.after(self.focus)

    def undo(self) -> None:
        redo = [self.target.apply(inverse) for inverse in reversed(self.inverses)]
        self.edits = list(reversed(redo))
        self.after(self.undo_focus)
