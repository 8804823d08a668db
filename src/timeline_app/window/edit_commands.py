"""Every change to the chronology as one undoable step.

`EditCommand` applies its edits through `Chronology.apply`, which returns each edit's inverse;
undo applies the inverses in reverse order, and the inverses of those are the redo. So a command
never keeps a copy of the chronology, and undo restores exactly what the step changed (a category
renamed across 40 events is one command of 40 edits, read and shown once).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtGui import QUndoCommand

from timeline_app.model.edit_ops import EditError

# Applies edits in order and returns their inverses; applies none if one fails (and raises).
ApplyAll = Callable[[Sequence[Any]], list[Any]]


class EditCommand(QUndoCommand):
    """One undo step. `after(event_id)` runs after every redo and undo with the id of the event
    the step concerns (to select it), or None."""

    def __init__(
        self,
        apply_all: ApplyAll,
        edits: Sequence[Any],
        text: str,
        after: Callable[[str | None], None],
        focus: str | None = None,
        undo_focus: str | None = None,
    ) -> None:
        super().__init__(text)
        self.apply_all = apply_all
        self.edits = list(edits)
        self.inverses: list[Any] = []
        self.after = after
        self.focus = focus
        self.undo_focus = undo_focus if undo_focus is not None else focus
        self.error: Exception | None = None

    def redo(self) -> None:
        try:
            self.inverses = self.apply_all(self.edits)
        except (EditError, ValueError) as exc:
            # refused (nothing was applied): the stack drops an obsolete command at once, so
            # undo never replays a step that did not happen
            self.error = exc
            self.setObsolete(True)
            return
        self.after(self.focus)

    def undo(self) -> None:
        redo = self.apply_all(list(reversed(self.inverses)))
        self.edits = list(reversed(redo))
        self.after(self.undo_focus)
