"""`check` attacked with a large document and careless anchors: a one-word quote that stands
hundreds of thousands of times, a prefix that matches nowhere and is full of regex characters,
a prefix that picks the last of them. Each place was counted by re-counting lines from the top
and each prefix compared against all the text before it, so a 50 MB document with a common
word did not finish in two minutes."""

from __future__ import annotations

from pathlib import Path

import pytest

from timeline_app.cli import main

LINE = "the council voted to build the wall near the harbour\n"  # 'the' three times a line
LINES = 150_000


def _timeline(quote: str, prefix: str = "") -> str:
    anchor = f", prefix: {prefix!r}" if prefix else ""
    return (
        "sources:\n  doc: {title: Doc, file: doc.txt}\n"
        "events:\n  - id: a\n    title: A\n    date: 2020\n    category: x\n"
        f"    excerpts: [{{source: doc, quote: {quote!r}{anchor}}}]\n"
    )


def _check(tmp_path: Path, capsys: pytest.CaptureFixture[str], text: str) -> tuple[int, list[str]]:
    (tmp_path / "doc.txt").write_text(LINE * LINES + "at last the end\n", encoding="utf-8")
    (tmp_path / "t.yaml").write_text(text, encoding="utf-8")
    status = main(["check", str(tmp_path / "t.yaml"), "--sources", str(tmp_path)])
    return status, capsys.readouterr().out.splitlines()


def test_a_word_that_stands_half_a_million_times_is_counted_and_placed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status, out = _check(tmp_path, capsys, _timeline("the"))
    assert status == 0
    [line] = [x for x in out if x.startswith("AMBIGUOUS")]
    assert f"stands {3 * LINES + 1:,} times in doc.txt (lines 1, 1, 1, 2, 2 and " in line


def test_a_prefix_that_matches_nowhere_and_holds_regex_characters_is_reported(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status, out = _check(tmp_path, capsys, _timeline("the", "(.*)+[ nowhere $^"))
    assert status == 1
    [line] = [x for x in out if x.startswith("ANCHOR")]
    assert "prefix '(.*)+[ nowhere $^' does not match the text around 'the'" in line


def test_a_prefix_that_picks_the_last_place_settles_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status, out = _check(tmp_path, capsys, _timeline("the end", "at last"))
    assert status == 0
    assert not any(x.startswith(("AMBIGUOUS", "ANCHOR")) for x in out)
    status, out = _check(tmp_path, capsys, _timeline("the", "at last"))
    assert status == 0
    assert not any(x.startswith(("AMBIGUOUS", "ANCHOR")) for x in out), out
