"""`safe_text` and `json_safe` (model/terminal.py), the one escaping step for terminal output.

They live in the model (pure Python); their tests sit here, beside the command line that
prints through them, because tests/model belongs to the loader's rewrite.
"""

import json
import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from timeline_app.model.terminal import json_safe, safe_lines, safe_text

BIDI = "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"


def acts_on_a_terminal(ch: str) -> bool:
    """Controls, surrogates, line/paragraph separators and the bidi controls."""
    return unicodedata.category(ch) in ("Cc", "Cs", "Zl", "Zp") or ch in BIDI


def test_each_kind_is_shown_as_a_visible_escape():
    assert safe_text("a\x1b]0;pwned\x07b") == "a\\x1b]0;pwned\\x07b"
    assert safe_text("\t\n\r") == "\\t\\n\\r"
    assert safe_text("\x00\x7f\x85\x9b") == "\\x00\\x7f\\x85\\x9b"
    assert safe_text("\u202e\u2066\u200f\u061c") == "\\u202e\\u2066\\u200f\\u061c"
    assert safe_text("\u2028\u2029") == "\\u2028\\u2029"
    assert safe_text("lone \ud800 \udfff") == "lone \\ud800 \\udfff"


def test_ordinary_text_is_kept_as_it_is():
    text = "Café 東京 — “quoted” C:\\path\\file ✓ 👩‍👩‍👧 zero\u200bwidth"
    assert safe_text(text) == text


def test_safe_lines_keeps_the_line_breaks_only():
    assert safe_lines("one\x1b[2J\ntwo\rthree") == "one\\x1b[2J\ntwo\\rthree"


@given(st.text())
def test_nothing_that_acts_survives_and_the_result_encodes(text):
    out = safe_text(text)
    assert not [ch for ch in out if acts_on_a_terminal(ch)]
    out.encode("utf-8")  # no lone surrogate left
    if not any(acts_on_a_terminal(ch) for ch in text):
        assert out == text


@given(
    st.recursive(
        st.text() | st.integers() | st.none(), lambda kids: st.lists(kids) | st.dictionaries(st.text(), kids)
    )
)
def test_json_safe_output_is_valid_json_that_loads_to_the_same_data(data):
    text = json_safe(json.dumps(data, ensure_ascii=False, indent=2))
    assert json.loads(text) == data
    assert not [ch for ch in text if acts_on_a_terminal(ch) and ch != "\n"]
