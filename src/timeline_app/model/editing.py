"""An editable chronology: the user's file as a round-trip tree, changed by small edits.

The tree is the file (ruamel.yaml round-trip: comments, key order and quoting stay), so saving
writes back what the user wrote plus the edits, and nothing else. CSV and JSON files are read by
the loader and turned into the same tree. `timeline()` reads the YAML text that would be saved
through the one reading path (`load_text`), so its problems carry the line and column of that
text and nothing is checked twice in two ways; it is worked out once per revision.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from ruamel.yaml.comments import CommentedMap, CommentedSeq

from timeline_app.model import edit_tree
from timeline_app.model.edit_apply import TreeEdits
from timeline_app.model.edit_empty import NEW_TITLE
from timeline_app.model.edit_merge import merge
from timeline_app.model.edit_ops import (
    Edit,
)
from timeline_app.model.edit_tree import TextForm
from timeline_app.model.events import Timeline
from timeline_app.model.loader import (
    MAX_YAML_BYTES,
    TABLE_SUFFIXES,
    decode,
    links_sidecar_path,
    load_path,
    load_text,
    sidecar_path,
)
from timeline_app.model.problems import LoadError, Problem
from timeline_app.model.safe_io import SafeIOError, read_regular_file
from timeline_app.model.serialize import (
    timeline_to_csv_links_text,
    timeline_to_csv_texts,
    timeline_to_yaml_text,
)
from timeline_app.model.yaml_nodes import too_deep

FORMATS = ("yaml", "csv", "json")


def format_of(path: str | Path) -> str:
    """The format a file name asks for: csv, json, or yaml for anything else."""
    suffix = Path(path).suffix.lower()
    return {".csv": "csv", ".json": "json"}.get(suffix, "yaml")


class DumpError(ValueError):
    """The chronology cannot be written in the format asked (CSV needs a valid chronology)."""

    def __init__(self, message: str, problems: list[Problem]) -> None:
        super().__init__(message)
        self.problems = problems


class Chronology:
    """One document being edited. Not thread-safe: use it from one thread."""

    def __init__(
        self,
        tree: CommentedMap,
        form: TextForm,
        text: str,
        path: Path | None,
        fmt: str,
        label: str = NEW_TITLE,
    ) -> None:
        self._edits = TreeEdits(tree, form.quote, lambda: self.name)
        self._label = label  # how problems name a document that has no file yet
        self._form = form
        self.path = path
        self.format = fmt  # the format of the file it was loaded from or last saved to
        self.revision = 0
        self._saved_revision = 0
        self._saved_text = text
        self._original = text.split("\n")  # the user's lines, for the merge
        self._base = edit_tree.emit(tree, form).split("\n")  # ruamel's writing of them
        self._text: tuple[int, str] = (0, text)
        self._timeline: tuple[tuple[int, Path | None, str], Timeline | None, list[Problem]] | None = None

    @property
    def _tree(self) -> CommentedMap:
        return self._edits.tree

    # -- making one ---------------------------------------------------------------------------

    @classmethod
    def new(cls, title: str = NEW_TITLE) -> Chronology:
        tree = CommentedMap()
        tree["title"] = title
        tree["events"] = CommentedSeq()
        form = TextForm()
        return cls(tree, form, edit_tree.emit(tree, form), None, "yaml")

    @classmethod
    def from_text(cls, raw_text: str, file: str = "<data>", path: Path | None = None) -> Chronology:
        """A YAML document; raises `LoadError` when it is not YAML or not a mapping."""
        form = edit_tree.text_form(raw_text)
        text = edit_tree.to_lf(raw_text)
        deep = too_deep(text, file)
        tree, problems = (None, [deep]) if deep else edit_tree.parse(text, file, form)
        if not isinstance(tree, CommentedMap):
            try:  # the loader's own words for what is wrong, where it finds something
                load_text(text, file)
            except LoadError as exc:
                problems = exc.problems
            raise LoadError(problems or [Problem(file, 1, 1, "a timeline file is a mapping with 'events:'")])
        return cls(tree, form, text, path, "yaml", file)

    @classmethod
    def load(cls, path: str | Path) -> Chronology:
        """The file at `path`; raises `LoadError` (with every problem's place) if it cannot be read."""
        path = Path(path)
        fmt = format_of(path)
        if path.suffix.lower() in TABLE_SUFFIXES:  # not text: never read as YAML ("byte 0x84...")
            message = (
                "a Parquet or Arrow (Feather) table cannot be edited here; change it with the "
                "program that made it, or open a CSV, JSON or YAML copy"
            )
            raise LoadError([Problem(str(path), 0, 0, message)])
        if fmt != "yaml":  # the loader reads it; its tree is the YAML writing of what it read
            chronology = cls.from_text(timeline_to_yaml_text(load_path(path)), str(path), path)
            chronology.format = fmt
            return chronology
        try:
            data = read_regular_file(path, MAX_YAML_BYTES)
        except SafeIOError as exc:
            raise LoadError([Problem(str(path), 0, 0, f"cannot read the file: {exc.reason}")]) from None
        raw_text = decode(data, str(path))
        return cls.from_text(
            "\ufeff" + raw_text if data.startswith(b"\xef\xbb\xbf") else raw_text, str(path), path
        )

    # -- reading ------------------------------------------------------------------------------

    @property
    def name(self) -> str:
        return str(self.path) if self.path else self._label

    @property
    def dirty(self) -> bool:
        """Whether the document differs from what was last loaded or saved."""
        return self.revision != self._saved_revision and self.text() != self._saved_text

    def text(self) -> str:
        """The YAML text (LF line ends) that saving as YAML writes, worked out once per revision."""
        if self._text[0] != self.revision:
            self._text = (self.revision, self._merged_text())
        return self._text[1]

    def _merged_text(self) -> str:
        """ruamel's writing of the tree, with the user's own lines wherever the edits left them.

        Each merge is read back and kept only if it reads as the tree (a merge that lined up the
        wrong lines must not be saved); ruamel's writing of the whole file is the last resort.
        """
        new = edit_tree.emit(self._tree, self._form)
        if self._original == self._base:
            return new
        lines = new.split("\n")
        expected = edit_tree.plain(self._tree)
        for within_lines in (True, False):
            merged = "\n".join(merge(self._original, self._base, lines, within_lines))
            if merged == new:
                return new
            check, problems = edit_tree.parse(merged, self.name, self._form)
            if not problems and edit_tree.plain(check) == expected:
                return merged
        return new

    def timeline(self) -> tuple[Timeline | None, list[Problem]]:
        """The chronology as the loader reads it, or `None` and every problem found.

        The lines and columns are those of the YAML text; a document kept as CSV or JSON has no
        such lines, so its problems name the file and the event, not a place.
        """
        key = (self.revision, self.path, self.format)
        if self._timeline is None or self._timeline[0] != key:
            title = self.path.stem if self.path else NEW_TITLE
            try:
                built: Timeline | None = load_text(self.text(), self.name, title)
                problems: list[Problem] = []
            except LoadError as exc:
                built, problems = None, exc.problems
            except (ValueError, OverflowError, RecursionError) as exc:  # as load_path, at the boundary
                built, problems = None, [Problem(self.name, 0, 0, f"cannot read the chronology: {exc}")]
            if built is not None and self.path is not None:
                built = built.with_path(self.path)
            if self.format != "yaml":
                problems = [Problem(p.file, 0, 0, p.message) for p in problems]
            self._timeline = (key, built, problems)
        return self._timeline[1], self._timeline[2]

    def event_ids(self) -> list[str]:
        return [str(event.get("id", "")) for event in self._edits.events(create=False)]

    def event(self, event_id: str) -> dict[str, Any]:
        """The event's fields as plain values (a copy)."""
        plain: dict[str, Any] = edit_tree.plain(self._edits.event(event_id)[1])
        return plain

    def sources(self) -> dict[str, dict[str, Any]]:
        found = self._tree.get("sources")
        return edit_tree.plain(found) if isinstance(found, Mapping) else {}

    def timeline_field(self, key: str) -> Any:
        return edit_tree.plain(self._tree.get(key))

    # -- writing ------------------------------------------------------------------------------

    def dump(self, fmt: str = "yaml") -> bytes:
        """The file's bytes in `fmt` (yaml, csv, json); CSV holds the events (`csv_sources`)."""
        if fmt == "yaml":
            return edit_tree.to_file_text(self.text(), self._form).encode("utf-8")
        if fmt == "json":
            return (json.dumps(edit_tree.plain(self._tree), ensure_ascii=False, indent=2) + "\n").encode()
        if fmt == "csv":
            return self._csv_texts()[0].encode("utf-8")
        raise ValueError(f"unknown format {fmt!r}; use one of {', '.join(FORMATS)}")

    def files_for(self, path: str | Path, fmt: str | None = None) -> list[tuple[Path, bytes]]:
        """Every file that saving to `path` writes: a CSV table has its sources beside it, and
        its links when it has any, or when a links file there would otherwise add stale ones."""
        path = Path(path)
        fmt = fmt or format_of(path)
        if fmt != "csv":
            return [(path, self.dump(fmt))]
        built = self._valid_timeline()
        events, sources = timeline_to_csv_texts(built)
        files = [(path, events.encode("utf-8")), (sidecar_path(path), sources.encode("utf-8"))]
        links_path = links_sidecar_path(path)
        links = timeline_to_csv_links_text(built, empty=links_path.exists())
        if links is not None:
            files.append((links_path, links.encode("utf-8")))
        return files

    def _csv_texts(self) -> tuple[str, str]:
        return timeline_to_csv_texts(self._valid_timeline())

    def _valid_timeline(self) -> Timeline:
        built, problems = self.timeline()
        if built is None:
            raise DumpError(
                f"a CSV table can only hold a valid chronology; fix {len(problems)} problem(s) "
                "first, or save as YAML, which keeps everything as it is",
                problems,
            )
        return built

    def mark_saved(self, path: str | Path | None = None, fmt: str | None = None) -> None:
        """Record a successful save (to `path` in `fmt`, when they are new)."""
        if path is not None:
            self.path = Path(path)
            self.format = fmt or format_of(self.path)
        self._saved_revision = self.revision
        self._saved_text = self.text()
        if self.format == "yaml":
            self._original = self._saved_text.split("\n")
            self._base = edit_tree.emit(self._tree, self._form).split("\n")

    def restore(self, text: str) -> None:
        """Take the content of YAML `text` (a recovery file's) as an edit: what was saved stays
        what it was, so the document is dirty until it is saved."""
        text = edit_tree.to_lf(text)
        deep = too_deep(text, self.name)
        tree, problems = (None, [deep]) if deep else edit_tree.parse(text, self.name, self._form)
        if not isinstance(tree, CommentedMap):
            raise LoadError(problems or [Problem(self.name, 1, 1, "the recovered text is not a timeline")])
        self._edits.tree = tree
        self.revision += 1

    # -- editing ------------------------------------------------------------------------------

    def apply(self, edit: Edit) -> Edit:
        """Make one edit; returns the edit that undoes it. Raises `EditError` and changes
        nothing when the edit names an event, excerpt or source that is not there."""
        inverse = self._edits.apply(edit)
        self.revision += 1
        return inverse
