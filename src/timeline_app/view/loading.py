"""Loading on a worker thread: the file is read and prepared for the view off the window thread."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from timeline_app.model import LoadError, load_path
from timeline_app.render import Picture

BACKGROUND_BYTES = 4 * 1024 * 1024  # larger files load on a worker thread


def load_prepared(path: Path) -> Prepared | LoadError:
    """Runs on the worker thread: loads and prepares everything the view needs, touching no
    Qt object, so the window thread only has to swap it in."""
    try:
        timeline = load_path(path)
    except LoadError as exc:
        return exc
    return Prepared(Picture.of(timeline), timeline.columns.search_texts())


@dataclass
class Prepared:
    """A loaded timeline with its view arrays and search index already built."""

    picture: Picture
    haystacks: list[str]
