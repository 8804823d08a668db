"""Read a YAML text as a tree of nodes with their positions, refusing what a data file must not hold.

We compose rather than construct: nothing is turned into Python objects by the YAML library, so
no tag can run code, "2013-02-30" cannot raise a bare ValueError, duplicate keys are seen (PyYAML
silently keeps the last), and every value keeps its line and column for error messages.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np
import yaml

try:  # the C composer is several times faster on large files
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

from timeline_app.model.problems import Problem
from timeline_app.model.schema import Field, Kind, wrong_type

_TAG = "tag:yaml.org,2002:"
_STR = _TAG + "str"
_NULL = _TAG + "null"
_BOOL = _TAG + "bool"
_TIMESTAMP = _TAG + "timestamp"
_NUMBERS = (_TAG + "int", _TAG + "float")
ALLOWED_TAGS = {_TAG + t for t in ("str", "int", "float", "bool", "null", "timestamp", "map", "seq")}
MERGE_TAG = _TAG + "merge"
_KIND_NAMES = {
    _TAG + "int": "a number",
    _TAG + "float": "a number",
    _TAG + "bool": "true/false",
    _TAG + "null": "empty",
    _TAG + "map": "a mapping (key: value lines)",
    _TAG + "seq": "a list",
}


MAX_DEPTH = 50  # a timeline file nests 5 deep; PyYAML's C composer crashes past ~20,000
_OTHER_BREAKS = ("\r", "\x85", "\u2028", "\u2029")  # line breaks to YAML besides \n
_DASH, _QUESTION, _COLON, _SPACE, _TAB, _NEWLINE = b"-?: \t\n"


def _depth_bound(text: str) -> int:
    """A sound upper bound on how deep `text` nests, from C-speed counts.

    A block collection starts only where the scanner "rolls" its indentation stack, which holds
    strictly increasing columns; at a token in column c every entry left on it is at most c.
    So on a line indented L, the entries from earlier lines are at most L + 2, and each roll on
    the line itself needs an indicator '- ', '? ' or ': ' there (a simple key rolls at its ':').
    Each entry may carry one indentless sequence besides; flow collections need a '[' or '{'.
    Lines are split at \n only: a text with another YAML line break is walked instead.
    """
    if any(ch in text for ch in _OTHER_BREAKS):
        return MAX_DEPTH + 1
    if not text:
        return 0
    data = np.frombuffer(text.encode("utf-8", "surrogatepass"), np.uint8)
    follows = np.empty_like(data)
    follows[:-1] = data[1:]
    follows[-1:] = _NEWLINE
    marks = (follows == _SPACE) | (follows == _NEWLINE) | (follows == _TAB)
    del follows  # a 16 MB file: each of these arrays is 16 MB, the running count 64 MB
    marks &= (data == _DASH) | (data == _QUESTION) | (data == _COLON)
    indicators = int(np.count_nonzero(marks))
    if indicators > MAX_DEPTH // 2:  # then count per line
        seen = np.cumsum(marks, dtype=np.int32)
        ends = np.r_[np.flatnonzero(data == _NEWLINE), len(data) - 1]
        indicators = int(np.diff(seen[ends], prepend=0).max(initial=0))
    flow = text.count("[") + text.count("{")
    # the deepest indentation matters only up to where the bound would pass the limit
    allowed = max(0, (MAX_DEPTH - flow) // 2 - indicators - 3)
    deeper = re.compile(rf"[ \t]{{{allowed + 1}}}")  # `^` with re.M is 30x slower than "\n"
    indent = allowed + 1 if deeper.match(text) or re.search("\n" + deeper.pattern, text) else allowed
    return 2 * (indent + indicators + 3) + flow


def too_deep(text: str, file: str) -> Problem | None:
    """Refuse absurd nesting before composing, which recurses on the C stack.

    A sound upper bound first (data/events.yaml: 0.2 ms; a 10 MB file: 80 ms, where composing
    it takes seconds); only a file that could be deep has its parser events walked (the C
    parser keeps its own stack, so any
    depth is safe there), to find the first place that is.
    """
    if _depth_bound(text) <= MAX_DEPTH:
        return None
    depth = 0
    try:
        for event in yaml.parse(text, Loader=_Loader):
            if isinstance(event, (yaml.SequenceStartEvent, yaml.MappingStartEvent)):
                depth += 1
                if depth > MAX_DEPTH:
                    mark = event.start_mark
                    line, column = (mark.line + 1, mark.column + 1) if mark else (0, 0)
                    return Problem(
                        file,
                        line,
                        column,
                        f"lists and mappings nest more than {MAX_DEPTH} deep here; "
                        "a timeline file needs about 5 levels",
                    )
            elif isinstance(event, (yaml.SequenceEndEvent, yaml.MappingEndEvent)):
                depth -= 1
    except yaml.YAMLError:
        return None  # compose will report the syntax error with its place
    return None


def compose(text: str, file: str) -> tuple[yaml.Node | None, list[Problem]]:
    """Parse `text` into its root node, or give the syntax error with its place."""
    deep = too_deep(text, file)
    if deep is not None:
        return None, [deep]
    try:
        return yaml.compose(text, Loader=_Loader), []
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (0, 0)
        what = exc.problem or "invalid YAML"
        context = f" ({exc.context})" if exc.context else ""
        hint = _syntax_hint(what, _char_at(text, mark))
        return None, [Problem(file, line, column, f"YAML syntax error: {what}{context}. {hint}")]
    except yaml.YAMLError as exc:
        return None, [Problem(file, 0, 0, f"YAML error: {exc}")]


def _char_at(text: str, mark: yaml.Mark | None) -> str:
    if mark is None:
        return ""
    lines = text.splitlines()
    if mark.line >= len(lines) or mark.column >= len(lines[mark.line]):
        return ""
    return lines[mark.line][mark.column]


def _syntax_hint(what: str, char: str) -> str:
    if char == "\t" or "\\t" in what or "tab" in what:
        return "Indent with spaces, not tabs."
    if "quoted scalar" in what or "end of stream" in what:
        return "Check that every quote that opens is closed on the value it starts."
    if "another document" in what:
        return "A timeline file holds one YAML document; remove this '---' and what follows, or merge it."
    if "mapping values are not allowed" in what:
        return "A value that contains ': ' must be put in quotes."
    if "alias" in what or "anchor" in what:
        return "Aliases (*name) are not supported; write the value out."
    return "Check the indentation and the quotes around this place."


@dataclass
class NodeReader:
    """Walks nodes once, collecting problems instead of stopping at the first."""

    file: str
    problems: list[Problem]

    def __post_init__(self) -> None:
        self._seen: set[int] = set()

    def where(self, node: yaml.Node) -> tuple[int, int]:
        return node.start_mark.line + 1, node.start_mark.column + 1

    def report(self, node: yaml.Node | None, message: str) -> None:
        line, column = self.where(node) if node is not None else (0, 0)
        self.problems.append(Problem(self.file, line, column, message))

    def visit(self, node: yaml.Node) -> bool:
        """Mark a node read once; a second visit means an alias, which data files must not use.

        Only collections are tracked: an aliased scalar costs nothing, while an aliased list or
        mapping is how "billion laughs" documents explode.
        """
        if node.__class__ is yaml.ScalarNode:
            if node.tag in ALLOWED_TAGS:
                return True
            self.report(
                node,
                f"the tag {node.tag!r} is not allowed; remove it (timeline files "
                "hold only plain text, numbers, lists and mappings)",
            )
            return False
        if id(node) in self._seen:
            self.report(
                node,
                "this value is reused through an alias (*name); aliases are "
                "not supported in timeline files: write the value out",
            )
            return False
        self._seen.add(id(node))
        if node.tag not in ALLOWED_TAGS:
            self.report(
                node,
                f"the tag {node.tag!r} is not allowed; remove it (timeline files "
                "hold only plain text, numbers, lists and mappings)",
            )
            return False
        return True

    def mapping(self, node: yaml.Node, what: str) -> dict[str, tuple[yaml.Node, yaml.Node]] | None:
        """A mapping's entries by key text; reports duplicate and non-text keys."""
        if not self.visit(node):
            return None
        if not isinstance(node, yaml.MappingNode):
            self.report(node, f"{what} must be a mapping of 'key: value' lines, not {self.kind(node)}")
            return None
        entries: dict[str, tuple[yaml.Node, yaml.Node]] = {}
        for key_node, value_node in node.value:
            if key_node.tag == MERGE_TAG:  # one message for it, not "tag not allowed" and "key not text"
                self.report(
                    key_node,
                    "'<<' (a YAML merge key) is not supported in timeline files; write the fields "
                    f"out in {what}",
                )
                continue
            if not isinstance(key_node, yaml.ScalarNode) or not self.visit(key_node):
                self.report(key_node, f"a key in {what} must be plain text")
                continue
            key = key_node.value
            if key in entries:
                first_line = entries[key][0].start_mark.line + 1
                self.report(
                    key_node,
                    f"duplicate key {key!r} in {what} (first given on line {first_line}); keep one of them",
                )
                continue
            entries[key] = (key_node, value_node)
        return entries

    def sequence(self, node: yaml.Node, what: str) -> list[yaml.Node] | None:
        if not self.visit(node):
            return None
        if not isinstance(node, yaml.SequenceNode):
            self.report(node, f"{what} must be a list of '- ' items, not {self.kind(node)}")
            return None
        return list(node.value)

    def value(self, node: yaml.Node, what: str, field: Field) -> str | None:
        """A scalar as the text `field` takes, "" for an empty value (null), or None after
        reporting a value of the wrong type (a number or true/false where text is needed)."""
        if node.__class__ is yaml.ScalarNode and node.tag == _STR:
            return str(node.value)  # the common case, checked first
        if not self.visit(node):
            return None
        if isinstance(node, yaml.SequenceNode) and field.kind is Kind.IDS:
            return self._ids(node, what)
        if not isinstance(node, yaml.ScalarNode):
            self.report(node, wrong_type(what, field.expected, self.kind(node)))
            return None
        tag = node.tag
        if tag == _NULL:
            return ""
        if (
            tag == _TIMESTAMP
            or (tag in _NUMBERS and (field.numbers_ok or field.kind is Kind.FLAG))
            or (tag == _BOOL and field.kind is Kind.FLAG)
        ):
            return str(node.value)
        self.report(node, wrong_type(what, field.expected, self.kind(node), node.value))
        return None

    def _ids(self, node: yaml.SequenceNode, what: str) -> str | None:
        """A list of ids as one text, separated by spaces (the form a CSV cell holds)."""
        texts = []
        for item in node.value:
            if not (isinstance(item, yaml.ScalarNode) and item.tag in (_STR, *_NUMBERS)):
                self.report(item, wrong_type(f"an id in {what}", "text", self.kind(item)))
                return None
            texts.append(str(item.value))
        return " ".join(texts)

    def kind(self, node: yaml.Node) -> str:
        if isinstance(node, yaml.ScalarNode) and node.tag == _TAG + "str":
            return "text"
        return _KIND_NAMES.get(node.tag, "a value of another kind")
