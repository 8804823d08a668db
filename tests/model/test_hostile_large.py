"""Large hostile tables in a child process: exit 2 with problems in seconds, memory bounded."""

from pathlib import Path

import pytest

from tests.harness import assert_clean, run
from timeline_app.model import loader
from timeline_app.model.problems import LoadError

HEADER = "id,title,start,category,inferred\n"


@pytest.mark.parametrize(
    ("name", "row", "rows", "status"),
    [
        ("categories", "e{i},T,2020,cat{i},\n", 150_000, 0),  # names.index: minutes before
        ("flags", "e{i},T,2020,x,maybe{i}\n", 100_000, 2),
        ("short_rows", "e{i},T\n", 1_000_000, 2),  # every row was kept: a MemoryError traceback
        ("duplicate_ids", "e,T,2020,x,\n", 1_000_000, 2),
    ],
)
def test_large_hostile_csv_reports_in_seconds(tmp_path: Path, name: str, row: str, rows: int, status: int):
    path = tmp_path / f"{name}.csv"
    path.write_text(HEADER + "".join(row.format(i=i) for i in range(rows)))
    outcome = run("list", path, seconds=30, tmp=tmp_path)
    assert_clean(outcome, (status,))
    assert outcome.seconds < 20


def test_an_error_no_reader_expected_becomes_a_problem_about_the_file(tmp_path: Path, monkeypatch):
    """MemoryError, RecursionError, csv.Error or UnicodeError never escape `load_path`."""
    path = tmp_path / "t.csv"
    path.write_text(HEADER + "a,T,2020,x,\n")
    for error in (MemoryError(), RecursionError(), UnicodeError("bad"), ValueError("odd")):

        def fail(*args, error=error, **kwargs):
            raise error

        monkeypatch.setattr(loader, "read_csv", fail)
        with pytest.raises(LoadError) as caught:
            loader.load_path(path)
        [problem] = caught.value.problems
        assert (problem.file, problem.line, problem.column) == (str(path), 0, 0)
