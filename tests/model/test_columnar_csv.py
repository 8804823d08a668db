"""A large CSV is parsed by pyarrow's columnar reader: the same timeline as the csv reader's for
a good file, and the same problems, at the same lines, for a bad one."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.model.formats import assert_same_timeline
from timeline_app.model import LoadError, Timeline
from timeline_app.model.loader import load_csv_bytes, load_path, sidecar_path
from timeline_app.model.serialize import timeline_to_csv_texts

CORPUS = Path(__file__).parents[1] / "corpus"
FIXTURES = Path(__file__).parents[1] / "fixtures"


def outcome(data: bytes, columnar: bool, sources: str | None = None) -> Timeline | list[str]:
    """The timeline, or the problems as printed."""
    try:
        return load_csv_bytes(data, "t.csv", "t", sources, "t.sources.csv", columnar)
    except LoadError as exc:
        return [p.format() for p in exc.problems]


def assert_same_outcome(data: bytes, sources: str | None = None) -> None:
    by_csv, by_arrow = outcome(data, False, sources), outcome(data, True, sources)
    if isinstance(by_csv, list) or isinstance(by_arrow, list):
        assert by_arrow == by_csv
    else:
        assert_same_timeline(by_arrow, by_csv)
        assert by_arrow.columns.lines.tolist() == by_csv.columns.lines.tolist()


@pytest.mark.parametrize("path", sorted(CORPUS.glob("*.csv")), ids=lambda p: p.name)
def test_every_corpus_csv_file_reads_the_same_through_both_readers(path: Path) -> None:
    sidecar = sidecar_path(path)
    sources = sidecar.read_text(encoding="utf-8") if sidecar.is_file() else None
    assert_same_outcome(path.read_bytes(), sources)


@pytest.mark.parametrize("fixture", ["small.yaml", "far.yaml", "ancient.yaml"])
@pytest.mark.parametrize("newline", ["\r\n", "\n", "\r"])
def test_a_fixture_written_as_csv_reads_the_same_through_both_readers(fixture: str, newline: str) -> None:
    """Quoted values with commas and line breaks, continuation rows for more excerpts."""
    events, sources = timeline_to_csv_texts(load_path(FIXTURES / fixture))
    data = events.replace("\r\n", newline).encode()
    by_arrow = outcome(data, True, sources)
    assert not isinstance(by_arrow, list), by_arrow
    assert_same_outcome(data, sources)


GOOD = ["T", '"q"', '"a,b"', '"l1\nl2"', '"l1\r\nl2"', '"l1\rl2"', 'x"y', "é", '"a""b"', '"l1\n\nl2"']
TEXTS = GOOD * 3 + ["", " ", '""', "x,y"]
ROW = st.tuples(
    st.sampled_from(["ok"] * 6 + ["", "e 1", "e0"]),  # "ok": a unique id
    st.sampled_from(TEXTS),
    st.sampled_from(["2020", "2021-05", '"2019"', "2020", "2021-13", ""]),
    st.sampled_from(["x", '"y, z"', "x", ""]),
    st.sampled_from(TEXTS),
    st.sampled_from([0] * 15 + [1, -1]),  # a cell too many or too few, sometimes
    st.sampled_from(["\n", "\r\n", "\r"] * 5 + ["\n\n", "\r\n\r\n", ""]),
)


@settings(max_examples=500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(ROW, min_size=1, max_size=6), st.booleans(), st.sampled_from(["\n", "\r\n", "\r"]))
def test_any_small_csv_text_reads_the_same_through_both_readers(rows, with_quote, newline) -> None:
    """Quotes, commas, line breaks inside values, blank lines, short and long rows: the columnar
    reader never gives another answer than the csv reader (it hands what it cannot vouch for back)."""
    header = "id,title,start,category" + (",quote" if with_quote else "")
    lines = []
    for row, (event_id, *cells, extra, end) in enumerate(rows):
        cells = [f"e{row}" if event_id == "ok" else event_id, *cells][: 5 if with_quote else 4]
        cells = [*cells, "z"] if extra > 0 else cells[:-1] if extra < 0 else cells
        lines.append(",".join(cells) + end)
    assert_same_outcome((header + newline + "".join(lines)).encode())


def test_a_file_that_is_not_utf8_gets_the_csv_readers_message() -> None:
    data = "id,title,start,category\na,Café,2020,x\n".encode("latin-1")
    assert outcome(data, True) == outcome(data, False)
    assert "byte 0xE9 is not UTF-8" in outcome(data, True)[0]


def test_the_loader_takes_the_columnar_reader_for_a_large_file_only(tmp_path: Path) -> None:
    """Above the threshold the columnar reader reads the file (and the timeline is the same);
    below it, pyarrow is not even imported."""
    rows = "".join(f'e{i},"Title, {i}",{2000 + i % 20},c{i % 3}\n' for i in range(560_000))
    big, small = tmp_path / "big.csv", tmp_path / "small.csv"
    big.write_text("id,title,start,category\n" + rows, encoding="utf-8")
    small.write_text("id,title,start,category\n" + rows[:1000].rsplit("\n", 1)[0], encoding="utf-8")
    code = (
        "import sys\n"
        "from timeline_app.model import load_path\n"
        "from timeline_app.model.loader import COLUMNAR_CSV_BYTES\n"
        "assert (len(load_path(sys.argv[1]).events) > 1000) == (sys.argv[2] == 'big')\n"
        "size = __import__('os').path.getsize(sys.argv[1])\n"
        "assert (sys.argv[2] == 'big') == (size >= COLUMNAR_CSV_BYTES)\n"
        "print('timeline_app.model.columnar_csv' in sys.modules, 'pyarrow' in sys.modules)\n"
    )
    for path, expected in ((big, "True True"), (small, "False False")):
        result = subprocess.run(
            [sys.executable, "-c", code, str(path), path.stem], capture_output=True, text=True, check=False
        )
        assert result.stdout.strip() == expected, result.stderr
    assert_same_timeline(load_path(big), load_csv_bytes(big.read_bytes(), str(big), "big"))
