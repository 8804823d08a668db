"""Apply an edit to the user's own lines where ruamel.yaml would have written them differently.

ruamel.yaml keeps most of a file, but rewrites some layouts: two spaces after a colon, a second
indentation style in one file, a comment in an odd column. `merge` takes three texts: the file
as read (`original`), ruamel's writing of it unchanged (`base`) and of it edited (`new`). Lines the
edit did not touch are copied from the original; only a stretch of lines that the edit changed is
taken from `new`. The caller checks that the result reads back as the edited tree.
"""

from __future__ import annotations

from difflib import SequenceMatcher


def _matching(a: list[str], b: list[str]) -> dict[int, int]:
    """Line of `a` -> its line in `b`, for the lines the two have in common (in order)."""
    pairs: dict[int, int] = {}
    for i, j, size in SequenceMatcher(None, a, b, autojunk=False).get_matching_blocks():
        for k in range(size):
            pairs[i + k] = j + k
    return pairs


def merge(original: list[str], base: list[str], new: list[str]) -> list[str]:
    """`original` with the change from `base` to `new` applied (lists of lines)."""
    if original == base:
        return list(new)
    to_original = _matching(base, original)
    to_new = _matching(base, new)
    stable = [i for i in range(len(base)) if i in to_original and i in to_new]
    out: list[str] = []
    previous = -1
    for line in [*stable, len(base)]:
        end = line < len(base)
        o1 = to_original[previous] + 1 if previous >= 0 else 0
        o2 = to_original[line] if end else len(original)
        n1 = to_new[previous] + 1 if previous >= 0 else 0
        n2 = to_new[line] if end else len(new)
        between = range(previous + 1, line)
        untouched = n2 - n1 == len(between) and all(i in to_new for i in between)
        out.extend(original[o1:o2] if untouched else new[n1:n2])
        if end:
            out.append(original[to_original[line]])
        previous = line
    return out
