"""`check` and `list` weigh the evidence: independent sources counted, quotes anchored to one
place in their documents, documents that changed since their quotes were checked, statuses."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from timeline_app.cli import main

DOCUMENT = (
    "Tokyo, Jan. 26. The government said talks began.\n"
    "Officials met for hours.\n"
    "Later the government said talks began again.\n"
)


def timeline(sha256: str = "", prefix: str = "", link_quote: str = "Officials met") -> str:
    anchor = f", prefix: '{prefix}'" if prefix else ""
    stored = f", file_sha256: {sha256}" if sha256 else ""
    return (
        "sources:\n"
        f"  nikkei: {{title: Nikkei, file: doc.txt{stored}}}\n"
        "  walker: {title: Walker, file: doc.txt, derived_from: nikkei}\n"
        "  jt: {title: JT, file: doc.txt}\n"
        "events:\n"
        "  - id: talks\n    title: Talks begin\n    date: 2022-01\n    category: policy\n"
        "    excerpts:\n"
        f"      - {{source: nikkei, quote: 'government said talks began'{anchor}}}\n"
        "      - {source: walker, quote: Officials met for hours}\n"
        "  - id: hearings\n    title: Hearings\n    date: 2022\n    category: policy\n"
        "    status: planned\n"
        "    excerpts: [{source: jt, quote: Officials met}, {source: walker, quote: hours}]\n"
        f"    links: [{{type: part_of, to: talks, source: jt, quote: '{link_quote}'}}]\n"
    )


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, list[str]]:
    status = main(list(args))
    return status, capsys.readouterr().out.splitlines()


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    (tmp_path / "doc.txt").write_text(DOCUMENT, encoding="utf-8")
    return tmp_path


def test_check_names_every_place_an_unanchored_quote_stands_and_how_to_pick_one(
    folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = folder / "t.yaml"
    path.write_text(timeline(), encoding="utf-8")
    status, out = run(capsys, "check", str(path), "--sources", str(folder))
    assert status == 0, out  # the passage is there: a warning, not a failure
    [line] = [x for x in out if x.startswith("AMBIGUOUS")]
    assert line == (
        "AMBIGUOUS talks [nikkei]: 'government said talks began' stands 2 times in doc.txt "
        "(lines 1, 3); add a 'prefix' (the words just before the quote) or a 'suffix' to the "
        "excerpt to say which (line 1: prefix 'Jan. 26. The'; line 3: prefix 'hours. Later the')"
    )
    assert "1 stand more than once with nothing to pick one; 0 prefix/suffix do not match" in out[-2]


def test_a_prefix_that_picks_one_place_settles_it_and_one_that_fits_none_fails(
    folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = folder / "t.yaml"
    path.write_text(timeline(prefix="Later the"), encoding="utf-8")
    status, out = run(capsys, "check", str(path), "--sources", str(folder))
    assert status == 0 and not any(x.startswith(("AMBIGUOUS", "ANCHOR")) for x in out)
    path.write_text(timeline(prefix="Earlier the"), encoding="utf-8")
    status, out = run(capsys, "check", str(path), "--sources", str(folder))
    assert status == 1
    [line] = [x for x in out if x.startswith("ANCHOR")]
    assert line.startswith(
        "ANCHOR talks [nikkei]: prefix 'Earlier the' does not match the text around 'government said "
        "talks began' in doc.txt (line 1: before 'Jan. 26. The', after '. Officials met'; "
        "line 3: before 'hours. Later the', after 'again.')"
    )
    assert line.endswith("copy the words just before and after the quote from the document")


def test_a_document_changed_since_its_hash_fails_and_the_new_hash_is_printed(
    folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    now = hashlib.sha256(DOCUMENT.encode()).hexdigest()
    path = folder / "t.yaml"
    path.write_text(timeline(sha256=now, prefix="Later the"), encoding="utf-8")
    status, out = run(capsys, "check", str(path), "--sources", str(folder))
    assert status == 0 and not any(x.startswith("CHANGED") for x in out)
    notes = [x for x in out if x.startswith("note: no file_sha256")]
    assert len(notes) == 2 and all(x.endswith(f"file_sha256: {now}") for x in notes)  # walker, jt
    (folder / "doc.txt").write_text(DOCUMENT + "Corrected.\n", encoding="utf-8")
    status, out = run(capsys, "check", str(path), "--sources", str(folder))
    later = hashlib.sha256((DOCUMENT + "Corrected.\n").encode()).hexdigest()
    assert status == 1
    assert (
        f"CHANGED nikkei: doc.txt changed since its quotes were checked (stored sha256 {now}, "
        f"now {later}); re-read its quotes, then set file_sha256: {later}"
    ) in out
    assert path.read_text(encoding="utf-8") == timeline(sha256=now, prefix="Later the")  # not rewritten


def test_check_counts_independent_sources(folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = folder / "t.yaml"
    path.write_text(timeline(prefix="Later the"), encoding="utf-8")
    _, out = run(capsys, "check", str(path), "--sources", str(folder))
    assert "SOURCES talks: 2 reports, 1 independent (walker derives from nikkei)" in out
    assert not any(x.startswith("SOURCES hearings") for x in out)  # jt and walker (nikkei): two
    assert out[-1] == (
        "1 events cite sources that are not independent; 1 rest on one independent source, "
        "1 on two or more, 0 on none."
    )


def test_check_finds_the_passages_links_cite(folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = folder / "t.yaml"
    path.write_text(timeline(prefix="Later the", link_quote="Officials left"), encoding="utf-8")
    status, out = run(capsys, "check", str(path), "--sources", str(folder))
    assert status == 1
    assert "NOT FOUND hearings link part_of talks [jt] (not in the source text): 'Officials left'" in out
    assert "4 of 5 quotes found verbatim in their sources; 1 not found." in out


def test_list_shows_status_and_independent_counts(folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = folder / "t.yaml"
    path.write_text(timeline(), encoding="utf-8")
    status, out = run(capsys, "list", str(path))
    assert status == 0
    assert out[0] == "t (2 events, 3 reports, 2 independent)"
    assert out[1].endswith("[policy] Talks begin  (nikkei, walker: 2 reports, 1 independent)")
    assert out[2].endswith("[policy] Hearings (planned)  (jt, walker: 2 sources)")
