"""The two questions a view asks (counts per column, the first k rows of a range) get the same
answers from the loaded columns and from DuckDB over Parquet, and the right ones (brute force)."""

from __future__ import annotations

import itertools
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from timeline_app.bench import synthetic
from timeline_app.model import Timeline, load_path
from timeline_app.model.datasource import DAY, ColumnsSource, DuckDBSource, write_events_parquet

FIXTURES = Path(__file__).parents[1] / "fixtures"


@pytest.fixture(scope="module")
def sources(tmp_path_factory: pytest.TempPathFactory) -> tuple[Timeline, ColumnsSource, DuckDBSource]:
    folder = tmp_path_factory.mktemp("source")
    path = folder / "t.csv"
    synthetic.write_csv(synthetic.generate(20_000, seed=3), path)
    timeline = load_path(path)
    write_events_parquet(timeline, folder / "t.parquet")
    return timeline, ColumnsSource(timeline), DuckDBSource(folder / "t.parquet", threads=1)


def brute_counts(timeline: Timeline, lo: float, hi: float, bins: int) -> np.ndarray:
    """Each column against every event, as the definition says: starts before the column's
    right edge, ends after its left edge."""
    x0 = timeline.columns.first_day * DAY
    x1 = (timeline.columns.last_day + 1) * DAY
    edges = np.linspace(lo, hi, bins + 1)
    return np.array([np.count_nonzero((x0 < b) & (x1 > a)) for a, b in itertools.pairwise(edges)])


def brute_rows(timeline: Timeline, lo: float, hi: float, k: int) -> list[int]:
    x0 = timeline.columns.first_day * DAY
    x1 = (timeline.columns.last_day + 1) * DAY
    return np.flatnonzero((x0 < hi) & (x1 > lo))[:k].tolist()


RANGES = st.tuples(
    st.floats(min_value=4.7e8, max_value=1.8e9),  # 1985-2027 in seconds
    st.floats(min_value=1.0, max_value=1.5e9),  # from a second to the whole timeline
    st.integers(min_value=1, max_value=400),
    st.integers(min_value=0, max_value=60),
)


@settings(max_examples=150, deadline=None)
@given(RANGES)
def test_both_sources_count_and_list_what_brute_force_finds(sources, case) -> None:
    timeline, columns, duck = sources
    lo, width, bins, k = case
    hi = lo + width
    expected = brute_counts(timeline, lo, hi, bins)
    assert columns.counts(lo, hi, bins).tolist() == expected.tolist()
    assert duck.counts(lo, hi, bins).tolist() == expected.tolist()
    rows = brute_rows(timeline, lo, hi, k)
    in_memory, from_parquet = columns.rows(lo, hi, k), duck.rows(lo, hi, k)
    assert in_memory.row.tolist() == rows
    assert from_parquet.row.tolist() == rows
    assert from_parquet.ids == in_memory.ids == [timeline.columns.ids[r] for r in rows]
    assert from_parquet.titles == in_memory.titles
    assert from_parquet.categories == in_memory.categories
    assert from_parquet.first_day.tolist() == in_memory.first_day.tolist()
    assert from_parquet.last_day.tolist() == in_memory.last_day.tolist()


def test_a_column_edge_on_a_day_boundary_counts_an_event_on_one_side_only(tmp_path: Path) -> None:
    """A one-day event is in the column that holds its day, not in the one that ends at its start."""
    timeline = load_path(FIXTURES / "small.yaml")
    write_events_parquet(timeline, tmp_path / "t.parquet")
    duck = DuckDBSource(tmp_path / "t.parquet", threads=1)
    columns = ColumnsSource(timeline)
    day = int(timeline.columns.first_day[0])
    lo = (day - 1) * DAY
    expected = brute_counts(timeline, lo, lo + 2 * DAY, 2)
    assert expected.tolist()[1] >= 1
    assert columns.counts(lo, lo + 2 * DAY, 2).tolist() == expected.tolist()
    assert duck.counts(lo, lo + 2 * DAY, 2).tolist() == expected.tolist()
    assert len(duck) == len(columns) == len(timeline.events)


def test_a_path_with_a_quote_opens(tmp_path: Path) -> None:
    timeline = load_path(FIXTURES / "small.yaml")
    path = tmp_path / "it's here.parquet"
    write_events_parquet(timeline, path)
    assert len(DuckDBSource(path, threads=1)) == len(timeline.events)


GOOD = {
    "row": [0, 1, 2],
    "id": ["a", "b", "c"],
    "title": ["A", "B", "C"],
    "category": ["x", "y", "x"],
    "first_day": [100, 200, 300],
    "last_day": [100, 250, 300],
}


@pytest.mark.parametrize(
    ("change", "says"),
    [
        ({"first_day": ["100", "200", "300"]}, "column 'first_day' holds VARCHAR"),
        ({"last_day": [100.5, 250.0, 300.0]}, "column 'last_day' holds DOUBLE"),
        ({"first_day": [100, None, 300]}, "row 2 has no row, id, first_day or last_day"),
        ({"id": ["a", "b", None]}, "row 3 has no row, id, first_day or last_day"),
        ({"last_day": [100, 150, 300]}, "row 2 ends before it starts"),
        ({"first_day": [-(2**62), 200, 300]}, "row 1 has a day beyond"),
        ({key: [] for key in GOOD}, "the table has no rows"),
    ],
)
def test_a_table_whose_days_cannot_be_drawn_is_refused_with_the_row(tmp_path: Path, change, says) -> None:
    """A text or fractional day stopped every query with DuckDB's own error; a missing day left
    its event out of every view without a word; a huge one overflowed the index; an empty table
    raised an IndexError."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    from timeline_app.model import LoadError

    columns = {**GOOD, **change}
    types = {"row": pa.int64(), "first_day": pa.int64(), "last_day": pa.int64()}
    table = pa.table(
        {
            k: pa.array(v, None if (v and not isinstance(v[0], int)) else types.get(k, pa.string()))
            for k, v in columns.items()
        }
    )
    path = tmp_path / "t.parquet"
    pq.write_table(table, path)
    with pytest.raises(LoadError) as raised:
        DuckDBSource(path)
    assert says in str(raised.value)
    assert "whole days since 1970-01-01" in str(raised.value)  # how to fix it


def test_a_good_small_table_opens(tmp_path: Path) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    path = tmp_path / "t.parquet"
    pq.write_table(pa.table(GOOD), path)
    source = DuckDBSource(path)
    assert len(source) == 3
    assert list(source.rows(0, 400 * DAY, 10).ids) == ["a", "b", "c"]
