"""A YAML file as a round-trip tree (ruamel.yaml), and back to the same text.

ruamel.yaml's round-trip mode keeps comments, key order, quoting and flow lists, but not
everything a person may type: it writes LF line ends, no byte-order mark, always a final newline,
and one indentation for the whole file. `TextForm` records those four things from the text as
read, and `to_file_text` puts them back, so a file loaded and written unchanged keeps its bytes.
What ruamel rewrites beyond that (odd spacing, a second indentation style) is kept by the line
merge in `edit_merge.py`.
"""

from __future__ import annotations

import copy
import datetime
import io
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import yaml
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedBase, CommentedMap, CommentedSeq
from ruamel.yaml.error import MarkedYAMLError, YAMLError
from ruamel.yaml.scalarstring import DoubleQuotedScalarString, ScalarString, SingleQuotedScalarString

from timeline_app.model.edit_ops import EditError
from timeline_app.model.problems import Problem

WIDTH = 1 << 30  # never fold a long line: the user's lines stay whole
_KEY_LINE = re.compile(r"^( *)(?:- +)?[^\s#-][^#]*:\s*(?:#.*)?$")
_INDENT = re.compile(r"^( *)(- +)?")
# Characters only double quotes keep: controls, NEL and U+2028/9 (which other styles fold into a
# space or a line break on reading), and a BOM.
_ESCAPE_ONLY = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\ufeff]")
_YAML11 = yaml.resolver.Resolver()
_LONG_NUMBER = re.compile(r"(?<![\w.'\"])[-+]?\d{4301,}")  # past Python's 4,300-digit int limit
_STR = "tag:yaml.org,2002:str"


@dataclass(frozen=True)
class TextForm:
    """How a file is written, beyond what a YAML tree holds."""

    bom: bool = False
    newline: str = "\n"
    final_newline: bool = True
    mapping: int = 2
    sequence: int = 4  # where an item's keys start, counted from its parent key
    offset: int = 2  # where the dash stands within that
    quote: str = '"'  # the quote the file uses most, for new text that needs one


def text_form(raw_text: str) -> TextForm:
    """The form of `raw_text` (a BOM, if any, still at its start)."""
    bom = raw_text.startswith("\ufeff")
    crlf = raw_text.find("\r\n")
    cr = raw_text.find("\r")
    newline = "\r\n" if crlf >= 0 and crlf == cr else ("\r" if cr >= 0 else "\n")
    text = to_lf(raw_text)
    mapping, sequence, offset = _guess_indent(text.split("\n"))
    quote = "'" if text.count(": '") > text.count(': "') else '"'
    return TextForm(bom, newline, text.endswith("\n") or not text, mapping, sequence, offset, quote)


def to_lf(raw_text: str) -> str:
    """The text without a BOM and with LF line ends (as ruamel reads and writes it)."""
    text = raw_text.removeprefix("\ufeff")
    return text.replace("\r\n", "\n").replace("\r", "\n") if "\r" in text else text


def to_file_text(text: str, form: TextForm) -> str:
    """LF text as the file had it: its line ends, its BOM, its last newline or none."""
    if not form.final_newline and text.endswith("\n"):
        text = text[:-1]
    if form.newline != "\n":
        text = text.replace("\n", form.newline)
    return "\ufeff" + text if form.bom else text


def _guess_indent(lines: list[str]) -> tuple[int, int, int]:
    """(mapping, sequence, offset) from the first nested mapping and the first nested list."""
    mapping: int | None = None
    seq: tuple[int, int] | None = None
    for i, line in enumerate(lines[:-1]):
        if not _KEY_LINE.match(line):
            continue
        following = next((x for x in lines[i + 1 :] if x.strip() and not x.lstrip().startswith("#")), "")
        here = _INDENT.match(line)
        there = _INDENT.match(following)
        if here is None or there is None:
            continue
        key_column = len(here.group(1)) + len(here.group(2) or "")
        step = len(there.group(1)) - key_column
        if there.group(2) and seq is None and step >= 0:
            seq = (step + len(there.group(2)), step)
        elif not there.group(2) and mapping is None and step > 0:
            mapping = step
        if mapping is not None and seq is not None:
            break
    sequence, offset = seq or (4, 2)
    return mapping or 2, max(sequence, offset + 2), offset


def yaml_for(form: TextForm) -> YAML:
    yaml = YAML(typ="rt")
    yaml.preserve_quotes = True
    yaml.width = WIDTH
    yaml.indent(mapping=form.mapping, sequence=form.sequence, offset=form.offset)
    return yaml


def parse(text: str, file: str, form: TextForm) -> tuple[Any, list[Problem]]:
    """The tree of LF `text`, or the syntax error with its place."""
    try:
        return yaml_for(form).load(text), []
    except MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (0, 0)
        return None, [Problem(file, line, column, f"YAML error: {exc.problem or exc}")]
    except YAMLError as exc:
        return None, [Problem(file, 0, 0, f"YAML error: {exc}")]
    except (ValueError, OverflowError, RecursionError) as exc:  # 2013-02-30 unquoted; 5,000 digits
        digits = _LONG_NUMBER.search(text)
        if digits is not None and "digits" in str(exc):  # Python's int limit: a number too long
            line = text.count("\n", 0, digits.start()) + 1
            column = digits.start() - text.rfind("\n", 0, digits.start())
            message = f"a number of {len(digits.group()):,} digits; put it in quotes to keep it as text"
            return None, [Problem(file, line, column, message)]
        return None, [Problem(file, 0, 0, f"cannot read the file: {exc}")]


def emit(tree: Any, form: TextForm) -> str:
    """The tree as LF text."""
    out = io.StringIO()
    yaml_for(form).dump(tree, out)
    return out.getvalue()


def to_node(value: Any, old: Any = None, quote: str = '"') -> Any:
    """A value as a tree node; text keeps the quoting style of the value it replaces.

    A node (the inverse of an edit carries the node it took out) is copied whole, with its
    comments and quoting, so undoing restores the bytes. Text is read back by PyYAML (YAML 1.1)
    while ruamel.yaml writes YAML 1.2, so text that YAML 1.1 reads as something else (yes, 012,
    2013-02-30) is quoted with the file's usual `quote`, and text with a control character or a
    line break other than \\n goes in double quotes, the one style that escapes it.
    """
    if isinstance(value, CommentedBase):
        return copy.deepcopy(value)
    if isinstance(value, str):
        return _text_node(value, old, quote)
    if isinstance(value, Mapping):
        node = CommentedMap()
        old_map = old if isinstance(old, Mapping) else {}
        for key, item in value.items():
            node[key] = to_node(item, old_map.get(key), quote)
        return node
    if isinstance(value, (list, tuple)):
        return CommentedSeq(to_node(item, None, quote) for item in value)
    return value


def _text_node(value: str, old: Any, quote: str) -> Any:
    if isinstance(value, ScalarString):
        return value
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise EditError("the text holds a lone surrogate (half of a character); type it again") from None
    if _ESCAPE_ONLY.search(value):
        return DoubleQuotedScalarString(value)
    if isinstance(old, ScalarString):
        return type(old)(value)  # a block scalar starts afresh: its old fold points do not apply
    if _YAML11.resolve(yaml.ScalarNode, value, (True, False)) != _STR:  # type: ignore[no-untyped-call]
        return DoubleQuotedScalarString(value) if quote == '"' else SingleQuotedScalarString(value)
    return value


def plain(node: Any) -> Any:
    """A tree node as plain Python values: dict, list, str, bool, int, float, None."""
    if isinstance(node, Mapping):
        return {str(key): plain(value) for key, value in node.items()}
    if isinstance(node, list):
        return [plain(value) for value in node]
    if isinstance(node, str):
        return str(node)
    if isinstance(node, bool) or node is None:
        return node
    if isinstance(node, int):
        return int(node)
    if isinstance(node, float):
        return float(node)
    if isinstance(node, (datetime.date, datetime.datetime)):
        return node.isoformat()
    return str(node)
