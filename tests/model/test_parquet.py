"""Parquet and Arrow IPC (Feather) tables open through the one reading path: the same timeline
as the YAML they were made from, the same checks and messages, placed by row and column."""

from __future__ import annotations

import copy
import io
import os
import re
import subprocess
import sys
from pathlib import Path

import pyarrow as pa
import pyarrow.csv as pcsv
import pyarrow.feather as feather
import pyarrow.parquet as pq
import pytest

from tests.model.test_same_messages import BASE, CASES, as_csv
from timeline_app.cli import main
from timeline_app.model import LoadError, Problem, load_path
from timeline_app.model.serialize import timeline_to_csv_texts

FIXTURE = Path(__file__).parents[1] / "fixtures" / "small.yaml"


def table_of(csv_text: str) -> pa.Table:
    """A CSV text as a table of strings (empty cells stay empty strings)."""
    header = csv_text.splitlines()[0].split(",")
    return pcsv.read_csv(
        io.BytesIO(csv_text.encode()),
        parse_options=pcsv.ParseOptions(newlines_in_values=True),
        convert_options=pcsv.ConvertOptions(
            column_types=dict.fromkeys(header, pa.string()),
            strings_can_be_null=False,
            quoted_strings_can_be_null=False,
        ),
    )


def write(table: pa.Table, path: Path) -> Path:
    if path.suffix == ".parquet":
        pq.write_table(table, path)
    else:
        feather.write_feather(table, path)
    return path


def problems(path: Path) -> list[Problem]:
    with pytest.raises(LoadError) as caught:
        load_path(path)
    return caught.value.problems


def list_json(path: Path, capsys: pytest.CaptureFixture[str]) -> str:
    assert main(["list", str(path), "--json"]) == 0
    return capsys.readouterr().out


@pytest.mark.parametrize("suffix", [".parquet", ".feather"])
def test_a_table_made_from_the_yaml_fixture_lists_the_same_timeline(
    tmp_path: Path, suffix: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """Every field, excerpt (several per event, as continuation rows) and source comes through."""
    timeline = load_path(FIXTURE)
    events, sources = timeline_to_csv_texts(timeline)
    metadata = {"title": timeline.title, "description": timeline.description}
    path = write(table_of(events).replace_schema_metadata(metadata), tmp_path / f"small{suffix}")
    write(table_of(sources), tmp_path / f"small.sources{suffix}")
    assert list_json(path, capsys) == list_json(FIXTURE, capsys)


def test_typed_columns_are_taken_as_their_text(tmp_path: Path) -> None:
    """Dates, numbers for ids, booleans for flags, categorical columns and nulls in optional
    columns are what a table writer naturally produces."""
    import datetime as dt

    table = pa.table(
        {
            "id": pa.array([7, 8]),
            "title": ["A", "B"],
            "start": pa.array([dt.date(2020, 1, 2), dt.date(2021, 3, 4)]),
            "end": pa.array([None, dt.datetime(2021, 5, 6)], pa.timestamp("s")),
            "category": pa.array(["x", "y"]).dictionary_encode(),
            "inferred": pa.array([True, None]),
            "summary": pa.array([None, "two"], pa.large_string()),
        }
    )
    timeline = load_path(write(table, tmp_path / "t.parquet"))
    [a, b] = timeline.events
    assert (a.id, a.when.edtf(), a.category, a.inferred, a.summary) == ("7", "2020-01-02", "x", True, "")
    assert (b.id, b.when.edtf(), b.category, b.inferred, b.summary) == (
        "8",
        "2021-03-04/2021-05-06",
        "y",
        False,
        "two",
    )
    assert timeline.title == "t" and not timeline.sources


@pytest.mark.parametrize(
    ("column", "values", "says"),
    [
        ("title", pa.array([1, 2]), "the column 'title' holds numbers (int64); it must hold text"),
        ("quote", pa.array([["a"], ["b"]]), "the column 'quote' holds nested values (list<"),
        ("inferred", pa.array([1.5, 2.5]), None),  # a number is a flag's text: '1.5' is refused later
        ("summary", pa.array([b"x", b"y"]), "the column 'summary' holds binary data; it must hold text"),
        (
            "start",
            pa.array([0, 3600], pa.timestamp("s")),
            "the column 'start' holds times of day; a timeline date is a day",
        ),
    ],
)
def test_a_column_of_the_wrong_type_is_named_once(
    tmp_path: Path, column: str, values: pa.Array, says
) -> None:
    data = {"id": ["a", "b"], "title": ["A", "B"], "start": ["2020", "2021"], "category": ["x", "x"]}
    if column == "quote":
        data["source"] = ["s", "s"]
    data[column] = values
    found = problems(write(pa.table(data), tmp_path / "t.parquet"))
    if says is None:
        assert (
            found[0]
            .format()
            .endswith("row 1, column 'inferred': 'inferred' of event 'a' must be true or false, not '1.5'")
        )
        return
    [problem] = found
    assert problem.format() == f"{tmp_path / 't.parquet'}: column '{column}': " + problem.message
    assert problem.message.startswith(says)


def test_nulls_in_required_columns_are_missing_values_at_their_row(tmp_path: Path) -> None:
    table = pa.table(
        {
            "id": ["a", "b", None],
            "title": ["A", None, "C"],
            "start": ["2020", "2021", "2022"],
            "category": ["x", "x", None],
        }
    )
    found = [p.format().split(": ", 1)[1] for p in problems(write(table, tmp_path / "t.feather"))]
    assert found == [
        "row 2, column 'title': event 'b' has no 'title'; add one",
        "row 3, column 'id': the event on row 3 has no 'id'; add a short unique one, e.g. nss-2013",
        "row 3, column 'category': the event on row 3 has no 'category'; add one",
    ]


@pytest.mark.parametrize("case", sorted(CASES))
def test_the_same_bad_value_gives_the_csv_message_at_its_row_and_column(tmp_path: Path, case: str) -> None:
    mutate, where, _ = CASES[case]
    doc = copy.deepcopy(BASE)
    mutate(doc)
    events, sources = as_csv(doc)
    (tmp_path / "t.csv").write_text(events, encoding="utf-8")
    (tmp_path / "t.sources.csv").write_text(sources, encoding="utf-8")
    [in_csv] = problems(tmp_path / "t.csv")
    path = write(table_of(events), tmp_path / "t.parquet")
    write(table_of(sources), tmp_path / "t.sources.parquet")
    [in_table] = problems(path)
    assert re.sub(r"row \d+", "line N", in_table.message) == re.sub(r"line \d+", "line N", in_csv.message)
    kind, *at = where
    header = (sources if kind == "source" else events).splitlines()[0].split(",")
    key = "id" if kind == "event" else at[-1]
    row = 1 if kind == "source" else at[0] + 1
    expected = f"row {row}" if kind == "event" else f"row {row}, column {key!r}"
    assert in_table.where == expected
    assert in_table.file == str(tmp_path / ("t.sources.parquet" if kind == "source" else "t.parquet"))
    assert header  # the sidecar's own header places its problems


def test_a_duplicate_id_names_the_row_it_was_first_used_on(tmp_path: Path) -> None:
    table = pa.table(
        {"id": ["a", "b", "a"], "title": ["A"] * 3, "start": ["2020"] * 3, "category": ["x"] * 3}
    )
    [problem] = problems(write(table, tmp_path / "t.parquet"))
    assert problem.format().endswith(
        "t.parquet: row 3: duplicate event id 'a' (first used on row 1); give each event its own id"
    )


@pytest.mark.parametrize("suffix", [".parquet", ".feather"])
def test_a_million_bad_rows_give_a_capped_list(tmp_path: Path, suffix: str) -> None:
    n = 1_000_000
    ids = pa.array([f"e{i}" for i in range(n)])
    table = pa.table(
        {"id": ids, "title": pa.array(["T"] * n), "start": pa.array(["2020-13"] * n), "category": ["x"] * n}
    )
    found = problems(write(table, tmp_path / f"t{suffix}"))
    assert len(found) == 200  # the builder's cap, as for every format
    assert [p.where for p in found] == [f"row {r}, column 'start'" for r in range(1, 201)]
    assert found[0].message.startswith("the date of event 'e0' '2020-13': ")


def damaged_files(tmp_path: Path) -> dict[str, Path]:
    ids = [f"e{i}" for i in range(50)]
    table = pa.table({"id": ids, "title": ["A"] * 50, "start": ["2020"] * 50, "category": ["x"] * 50})
    paths = {}
    for suffix in (".parquet", ".feather"):
        data = write(table, tmp_path / f"good{suffix}").read_bytes()
        files = {
            "empty": b"",
            "random bytes": os.urandom(4096),
            "csv text": b"id,title,start,category\na,A,2020,x\n",
            "truncated": data[: len(data) // 2],
            "footer cut": data[:-6],
            "magic only": b"PAR1" + b"\0" * 64 + b"PAR1",
        }
        for name, content in files.items():
            path = tmp_path / f"{name.replace(' ', '_')}{suffix}"
            path.write_bytes(content)
            paths[f"{name}{suffix}"] = path
    return paths


def test_a_damaged_or_foreign_file_is_one_clear_problem_never_a_crash(tmp_path: Path) -> None:
    for name, path in damaged_files(tmp_path).items():
        found = problems(path)
        assert len(found) == 1, name
        assert found[0].message.startswith("cannot read the file: it is not "), (name, found[0])
        assert "damaged or truncated" in found[0].message


@pytest.mark.parametrize("suffix", [".parquet", ".feather"])
def test_bytes_changed_anywhere_load_or_give_problems_never_a_crash(tmp_path: Path, suffix: str) -> None:
    """300 copies with a few random bytes changed: each loads (the change hit a value or
    padding) or is a `LoadError`; pyarrow's own errors never escape, nor does a bad UTF-8 text."""
    import random

    rng = random.Random(15)
    ids = [f"e{i}" for i in range(40)]
    table = pa.table({"id": ids, "title": ids, "start": ["2020-01"] * 40, "category": ["x", "y"] * 20})
    data = bytearray(write(table, tmp_path / f"good{suffix}").read_bytes())
    path = tmp_path / f"t{suffix}"
    for _ in range(300):
        changed = bytearray(data)
        for _ in range(rng.randint(1, 4)):
            changed[rng.randrange(len(changed))] = rng.randrange(256)
        path.write_bytes(bytes(changed))
        try:
            load_path(path)
        except LoadError as exc:
            assert exc.problems


def test_a_fifo_named_like_a_table_is_refused_without_blocking(tmp_path: Path) -> None:
    path = tmp_path / "t.parquet"
    os.mkfifo(path)
    [problem] = problems(path)
    assert problem.message == "cannot read the file: it is a FIFO (named pipe), not a regular file"


def test_unknown_and_missing_columns_are_named(tmp_path: Path) -> None:
    table = pa.table({"id": ["a"], "title": ["A"], "date": ["2020"], "category": ["x"]})
    found = [p.format().split(": ", 1)[1] for p in problems(write(table, tmp_path / "t.parquet"))]
    assert found == [
        "the table has no 'start' column (events need one)",
        "column 'date': unknown column 'date'; known: id, title, start, end, category, summary, "
        "inferred, approximate, date_note, status, source, quote, claims_date, prefix, suffix",
    ]


def test_an_empty_table_holds_no_events(tmp_path: Path) -> None:
    table = pa.table({k: pa.array([], pa.string()) for k in ("id", "title", "start", "category")})
    [problem] = problems(write(table, tmp_path / "t.parquet"))
    assert problem.message == "the file holds no events; add at least one"


def test_starting_the_app_and_loading_the_embedded_data_import_no_pyarrow() -> None:
    """pyarrow costs 0.2-0.3 s to import: only a table file brings it in."""
    code = (
        "import sys, timeline_app, timeline_app.cli, timeline_app.model\n"
        "from timeline_app.resources import default_dataset\n"
        "from timeline_app.model import load_path\n"
        "load_path(default_dataset())\n"
        "print(sorted(m for m in sys.modules if m.startswith(('pyarrow', 'duckdb'))))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"
