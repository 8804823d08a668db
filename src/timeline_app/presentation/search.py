"""Search: which events match, which match comes next, and the matched words marked in HTML.

Pure Python (no Qt). Event indices are in date order, so "next" is "later on the timeline".
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from html import escape

import numpy as np


def find_matches(haystacks: Sequence[str], needle: str) -> np.ndarray:
    """Indices of the haystacks (already case-folded) that contain `needle`, in order."""
    folded = needle.strip().casefold()
    if not folded:
        return np.arange(0)
    return np.fromiter((i for i, h in enumerate(haystacks) if folded in h), dtype=np.int64)


def step_match(matches: Sequence[int] | np.ndarray, current: int, direction: int) -> int | None:
    """The match after (+1) or before (-1) event `current`, wrapping around; None if no match.

    `current` need not be a match itself (nothing selected is -1): the next match is the first
    one later than it, the previous the last one earlier."""
    found = np.asarray(matches, dtype=np.int64)
    if not len(found):
        return None
    if direction > 0:
        pos = int(np.searchsorted(found, current, side="right"))
        return int(found[pos % len(found)])
    pos = int(np.searchsorted(found, current, side="left")) - 1
    return int(found[pos % len(found)])


def count_text(matches: Sequence[int] | np.ndarray, current: int) -> str:
    """ "3 of 12 matches" when the selected event is a match, else "12 matches" (or "No matches")."""
    found = np.asarray(matches, dtype=np.int64)
    n = len(found)
    if n == 0:
        return "No matches"
    noun = "match" if n == 1 else "matches"
    pos = int(np.searchsorted(found, current))
    if current >= 0 and pos < n and found[pos] == current:
        return f"{pos + 1} of {n} {noun}"
    return f"{n} {noun}"


def mark_html(text: str, needle: str, open_tag: str = "<mark>", close_tag: str = "</mark>") -> str:
    """`text` escaped for HTML, every case-insensitive occurrence of `needle` wrapped in the tags.

    The text is split around the matches first and each piece escaped on its own, so a needle
    such as "&" or "<b" never marks (or breaks) an entity or a tag."""
    folded = needle.strip()
    if not folded:
        return escape(text)
    pieces: list[str] = []
    last = 0
    for found in re.finditer(re.escape(folded), text, flags=re.IGNORECASE):
        if found.end() == found.start():
            continue
        pieces.append(escape(text[last : found.start()]))
        pieces.append(open_tag + escape(found.group()) + close_tag)
        last = found.end()
    pieces.append(escape(text[last:]))
    return "".join(pieces)


def counted(n: int, noun: str) -> str:
    """ "1 event", "2 events", "1,200 sources"."""
    return f"{n:,} {noun}{'' if n == 1 else 's'}"


def shown_summary(shown: int, total: int, search: str, hidden: Sequence[str]) -> str:
    """The status bar's count: "12 of 41 events shown — search 'Aegis'; 2 categories hidden"."""
    if shown == total and not search and not hidden:
        return counted(total, "event")
    why = []
    if search:
        why.append(f"search \u2018{search}\u2019")
    if hidden:
        names = ", ".join(hidden) if len(hidden) <= 2 else f"{len(hidden)} categories"
        why.append(f"hidden: {names}")
    return f"{shown:,} of {total:,} events shown \u2014 {'; '.join(why)}"
