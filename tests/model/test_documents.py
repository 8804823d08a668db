"""One way to find a source's document, inside its folder only; `check` uses it too."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from timeline_app.model import quotes
from timeline_app.model.documents import QUOTE_MARKS, FoldedText, find_quote, resolve_document
from timeline_app.model.loader import load_text
from timeline_app.model.quotes import check_quotes
from timeline_app.model.records import Source


def timeline_citing(file: str) -> str:
    return (
        "sources:\n  s: {title: Doc, file: '" + file + "'}\nevents:\n"
        "  - {id: a, title: A, date: '2020', category: x,\n"
        "     excerpts: [{source: s, quote: 'the words'}]}\n"
    )


@pytest.fixture
def folders(tmp_path: Path) -> tuple[Path, Path]:
    data = tmp_path / "data"
    data.mkdir()
    (data / "doc.txt").write_text("Here are the words, inside.", encoding="utf-8")
    secret = tmp_path / "secret.txt"
    secret.write_text("the words, outside", encoding="utf-8")
    (data / "link.txt").symlink_to(secret)
    return data, secret


def test_check_finds_documents_only_inside_the_folder(folders: tuple[Path, Path]) -> None:
    """`quotes.document_path` joined paths without containment: ../, absolute paths and symlinks
    read files outside the folder."""
    data, secret = folders
    assert not hasattr(quotes, "document_path")
    [inside] = check_quotes(load_text(timeline_citing("doc.txt")), data)
    assert inside.found
    for file in ("../secret.txt", str(secret), "link.txt", "."):
        [result] = check_quotes(load_text(timeline_citing(file)), data)
        assert (result.found, result.reason) == (False, "source document not found"), file


def test_a_source_without_a_file_is_looked_for_as_its_id_dot_txt(tmp_path: Path) -> None:
    (tmp_path / "s.txt").write_text("the words", encoding="utf-8")
    assert resolve_document(Source("s", "Doc"), [tmp_path]) == (tmp_path / "s.txt").resolve()


def test_a_fifo_is_not_a_document(tmp_path: Path) -> None:
    """Reading a FIFO blocks forever; only regular files are documents."""
    os.mkfifo(tmp_path / "pipe.txt")
    assert resolve_document(Source("s", "Doc", file="pipe.txt"), [tmp_path]) is None
    [result] = check_quotes(load_text(timeline_citing("pipe.txt")), tmp_path)
    assert not result.found


def test_a_quote_is_whole_words_not_a_substring(tmp_path: Path) -> None:
    (tmp_path / "doc.txt").write_text("It was unconstitutional. It was \u201cnot\u201d lawful.")
    text = timeline_citing("doc.txt").replace("the words", "constitutional")
    [result] = check_quotes(load_text(text), tmp_path)
    assert not result.found
    assert find_quote("It was unconstitutional.", "constitutional") is None
    assert find_quote("It was \u201cnot\u201d  lawful.", 'was "not" lawful') == (3, 20)


def test_a_quote_found_twice_says_where(tmp_path: Path) -> None:
    (tmp_path / "doc.txt").write_text("the words,\nand again\n\nthe words.")
    [result] = check_quotes(load_text(timeline_citing("doc.txt")), tmp_path)
    assert result.found and result.ambiguous and not result.misanchored
    assert [(p.line, p.before) for p in result.occurrences] == [(1, ""), (4, "words, and again")]


def test_a_prefix_or_suffix_picks_one_occurrence(tmp_path: Path) -> None:
    (tmp_path / "doc.txt").write_text("First the words, and\nagain  \u201cthe words\u201d.")
    for prefix, suffix, lines in [
        ('again "', "", [2]),
        ("", ",", [1]),
        ("and again", '".', []),  # the prefix must end right before the quote
        ("First", ",", [1]),
        ("x", "", []),
    ]:
        text = timeline_citing("doc.txt").replace(
            "quote: 'the words'", f"quote: the words, prefix: '{prefix}', suffix: '{suffix}'"
        )
        [result] = check_quotes(load_text(text), tmp_path)
        assert [p.line for p in result.picked] == lines, (prefix, suffix)
        assert result.misanchored == (not lines) and not result.ambiguous


def test_find_quote_highlights_the_occurrence_the_anchor_picks() -> None:
    text = "the words here; then\n the  words there."
    assert find_quote(text, "the words") == (0, 9)
    start, end = find_quote(text, "the words", suffix="there")  # type: ignore[misc]
    assert text[start:end] == "the  words" and start == 22
    assert find_quote(text, "the words", prefix="nothing like it") == (0, 9)  # falls back to the first


def test_the_context_offered_for_each_place_tells_the_places_apart(tmp_path: Path) -> None:
    """The words before each place are as many as it takes to differ, so each works as a prefix."""
    (tmp_path / "doc.txt").write_text("Alpha said that it is the words. Beta said that it is the words.")
    [result] = check_quotes(load_text(timeline_citing("doc.txt")), tmp_path)
    assert [p.before for p in result.occurrences] == ["Alpha said that it is", "Beta said that it is"]
    for index, place in enumerate(result.occurrences):
        text = timeline_citing("doc.txt").replace("'the words'", f"the words, prefix: {place.before}")
        [anchored] = check_quotes(load_text(text), tmp_path)
        assert anchored.picked == (result.occurrences[index],)


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.sampled_from(["a", "b", " ", "  ", "\n", "\r\n", "\t", "\u2028", "\u201c", "'", "\x0c"])).map(
        "".join
    )
)
def test_every_folded_character_maps_back_to_its_own_in_the_original(raw: str) -> None:
    """A quote found in the folded text is highlighted where it stands in the original."""
    folded = FoldedText(raw)
    for i, ch in enumerate(folded.text):
        original = raw[folded.raw_offset(i)]
        assert original.isspace() if ch == " " else original.translate(QUOTE_MARKS) == ch
        assert folded.line(i) == raw.count("\n", 0, folded.raw_offset(i)) + 1


def test_locate_quote_says_how_sure_the_place_is() -> None:
    """The place lit up comes with how often the quote stands and how many places its anchor
    fits, so the view can say when it lights up a place the excerpt does not name for sure."""
    from timeline_app.model.documents import locate_quote

    text = "the words here; then\n the  words there."

    def sureness(prefix: str = "", suffix: str = "") -> tuple[int, int] | None:
        place = locate_quote(text, "the words", prefix, suffix)
        return None if place is None else (place.occurrences, place.fitting)

    assert sureness() == (2, 2)
    assert sureness(suffix="there") == (2, 1)
    place = locate_quote(text, "the words", prefix="nothing like it")
    assert place is not None and (place.start, place.occurrences, place.fitting) == (0, 2, 0)
    common = "x " * 20_000 + "end"  # 20,000 places: the anchor is tried at each one
    assert locate_quote(common, "x", suffix="end").fitting == 1  # type: ignore[union-attr]
