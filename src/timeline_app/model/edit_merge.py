"""Apply an edit to the user's own lines where ruamel.yaml would have written them differently.

ruamel.yaml keeps most of a file, but rewrites some layouts: two spaces after a colon, a second
indentation style in one file, a comment in an odd column. `merge` takes three texts: the file
as read (`original`), ruamel's writing of it unchanged (`base`) and of it edited (`new`). Lines the
edit did not touch are copied from the original; only a stretch of lines that the edit changed is
taken from `new`. The caller checks that the result reads back as the edited tree.
"""

from __future__ import annotations

import re
from difflib import SequenceMatcher

_SPACE = re.compile(r"\s+")


def _matching(a: list[str], b: list[str], layout: bool = False) -> dict[int, int]:
    """Line of `a` -> its line in `b`, for the lines the two have in common (in order).

    `layout`: lines that differ only in spaces count as the same line (ruamel's writing of a
    line against the user's).
    """
    if layout:
        a, b = [_SPACE.sub("", x) for x in a], [_SPACE.sub("", x) for x in b]
    pairs: dict[int, int] = {}
    for i, j, size in SequenceMatcher(None, a, b, autojunk=False).get_matching_blocks():
        for k in range(size):
            pairs[i + k] = j + k
    return pairs


def merge(original: list[str], base: list[str], new: list[str], within_lines: bool = True) -> list[str]:
    """`original` with the change from `base` to `new` applied (lists of lines).

    `within_lines`: a line that was changed is merged character by character too, so its own
    odd spacing stays (`[a, b,  c]`); without it, the changed line takes ruamel's writing, moved
    to the original's indentation.
    """
    if original == base:
        return list(new)
    to_original = _matching(base, original, layout=True)
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
        if untouched:
            out.extend(original[o1:o2])
        elif o2 - o1 == len(between):  # the same lines in another layout: change only the edited ones
            out.extend(_line_by_line(original[o1:o2], base[previous + 1 : line], new[n1:n2], within_lines))
        else:
            out.extend(new[n1:n2])
        if end:
            out.append(original[to_original[line]])
        previous = line
    return out


def _line_by_line(original: list[str], base: list[str], new: list[str], within_lines: bool) -> list[str]:
    """`original` and `base` line up one to one: lines the edit kept are the original's."""
    out: list[str] = []
    for tag, i1, i2, j1, j2 in SequenceMatcher(None, base, new, autojunk=False).get_opcodes():
        if tag == "equal":
            out.extend(original[i1:i2])
        elif tag == "replace" and i2 - i1 == j2 - j1:
            lines = zip(new[j1:j2], base[i1:i2], original[i1:i2], strict=True)
            if within_lines:
                out.extend("".join(merge(list(o), list(b), list(n), False)) for n, b, o in lines)
            else:
                out.extend(_reindent(n, b, o) for n, b, o in lines)
        else:
            out.extend(new[j1:j2])
    return out


def _reindent(line: str, base: str, original: str) -> str:
    """`line` moved by as many spaces as `original` stands right of `base`."""
    shift = _indent(original) - _indent(base)
    if shift > 0:
        return " " * shift + line
    return line[min(-shift, _indent(line)) :]


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))
