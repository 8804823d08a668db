"""Text from a data file or a file name, made safe to print to a terminal.

A title is data, and a terminal acts on some characters instead of showing them: ESC starts a
sequence that can retitle the window (`ESC ] 0 ; text BEL`), clear the screen (`ESC [ 2 J`) or
recolour what follows; CR and a bare LF let a title forge a line of output; the bidi controls
(U+202E and friends, "Trojan Source", CVE-2021-42574) reorder what is shown so that the text on
screen is not the text in the file. A lone surrogate (valid in a Python str, from JSON's
"\\ud800") cannot be encoded at all and makes `print` raise `UnicodeEncodeError`.

`safe_text` shows each such character as a visible escape (`\\x1b`, `\\u202e`, `\\ud800`), so
nothing is hidden and nothing acts; every other character, Japanese or emoji included, is kept.
A backslash is left as it is (Windows paths stay readable), so the text `\\x1b` typed into a
file looks the same as an escaped ESC: the output is safe and complete, not reversible.

`json_safe` does the same to a JSON document, in JSON's own `\\uXXXX` form. JSON's structure is
ASCII, so these characters can only stand inside strings, where the escape reads back as the same
character: the output stays valid JSON that loads to the same data. We keep readable non-ASCII
text rather than `ensure_ascii=True`, which would turn every Japanese title into escapes.
"""

from __future__ import annotations

import re

# C0 controls (TAB, LF and CR included), DEL and the C1 controls; ALM, LRM/RLM, the line and
# paragraph separators, the bidi embeddings/overrides (U+202A-U+202E) and isolates
# (U+2066-U+2069); and the surrogate code points, which are only ever lone in a str.
_UNSAFE = re.compile(r"[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069\ud800-\udfff]")
# In JSON from `json.dumps` every C0 control inside a string is escaped already, and the raw LF
# and spaces left are the document's own indentation: those stay.
_JSON_UNSAFE = re.compile(r"[\x7f-\x9f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069\ud800-\udfff]")
_NAMED = {"\t": "\\t", "\n": "\\n", "\r": "\\r"}


def _escape(match: re.Match[str]) -> str:
    ch = match.group()
    named = _NAMED.get(ch)
    if named is not None:
        return named
    code = ord(ch)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def safe_text(text: str) -> str:
    """`text` with every control, bidi-control, line-separator and lone-surrogate character
    shown as a visible escape; the result holds none of them and always encodes as UTF-8."""
    return _UNSAFE.sub(_escape, text)


def safe_lines(text: str) -> str:
    """Like `safe_text`, but the line breaks (LF) of a multi-line message are kept."""
    return "\n".join(safe_text(line) for line in text.split("\n"))


def json_safe(document: str) -> str:
    """A JSON text from `json.dumps` (which escapes C0 controls itself) with the other
    characters `safe_text` escapes written as `\\uXXXX`; still valid JSON, loading to the same
    data. Its line breaks and indentation are JSON's own and stay."""
    return _JSON_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", document)
