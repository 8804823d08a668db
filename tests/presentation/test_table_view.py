"""A table opened through DuckDB is drawn from the same answers as the loaded timeline: the
same markers per strip column and in view, the same events one by one, the same spans counted."""

from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from timeline_app.bench import synthetic
from timeline_app.model import Timeline, load_path
from timeline_app.model.datasource import DuckDBSource, write_events_parquet
from timeline_app.model.view_rows import detail
from timeline_app.presentation.table_view import TableView
from timeline_app.scene.aggregation import detailed
from timeline_app.scene.arrays import Visibility, build_arrays


@pytest.fixture(scope="module")
def both(tmp_path_factory: pytest.TempPathFactory) -> tuple[Timeline, Visibility, DuckDBSource]:
    folder = tmp_path_factory.mktemp("table")
    path = folder / "t.csv"
    synthetic.write_csv(synthetic.generate(20_000, seed=3), path)
    timeline = load_path(path)
    write_events_parquet(timeline, folder / "t.parquet", row_group_size=2_000)
    return timeline, Visibility(build_arrays(timeline)), DuckDBSource(folder / "t.parquet", threads=1)


VIEWS = st.tuples(
    st.floats(min_value=4.7e8, max_value=1.8e9),  # 1985-2027 in seconds
    st.floats(min_value=3.0, max_value=9.2),  # width: 10^3 s to 10^9.2 s (a quarter hour to 50 years)
    st.integers(min_value=1, max_value=600),  # strip columns
    st.integers(min_value=1, max_value=2_500),  # capacity
)


@settings(max_examples=150, deadline=None)
@given(VIEWS)
def test_the_table_answers_what_the_loaded_view_draws(both, view) -> None:
    timeline, visibility, duck = both
    lo, power, bins, capacity = view
    hi = lo + 10**power
    assert duck.markers.density(lo, hi, bins).tolist() == visibility.density(lo, hi, bins).tolist()
    assert duck.markers.count(lo, hi) == visibility.count(lo, hi)
    drawn, through = detailed(visibility, -1, lo, hi, capacity)
    found = detail(duck, lo, hi, capacity)
    assert (found is None) == (drawn is None)
    if found is not None and drawn is not None:
        assert found.rows.row.tolist() == drawn.tolist()
        assert found.through == through
        assert found.rows.ids == [timeline.columns.ids[i] for i in drawn.tolist()]


def test_the_table_has_the_loaded_timeline_s_categories_counts_and_extent(both) -> None:
    """Colours follow the order of the categories, so the table lists them as a load does."""
    timeline, visibility, duck = both
    assert duck.categories == timeline.categories
    assert duck.category_counts == np.bincount(timeline.columns.category).tolist()
    assert duck.extent == visibility.arrays.extent
    assert len(duck) == len(timeline.events)


def test_the_panel_shows_the_selected_row_as_text_never_as_markup(both, tmp_path: Path) -> None:
    timeline, _, _ = both
    columns = timeline.columns
    path = tmp_path / "t.parquet"
    write_events_parquet(timeline, path)
    view = TableView(DuckDBSource(path, threads=1), "<b>t</b>")
    assert "&lt;b&gt;t&lt;/b&gt;" in view.panel_html()
    assert "Excerpts and sources are not in it" in view.panel_html()
    day = float(columns.first_day[100]) * 86_400
    answer = view.ask((day, day + 86_400, 2_000))
    view.keep(answer)
    assert answer.rows is not None and answer.state is not None
    view.select(answer, 0)
    row = int(answer.rows.row[0])
    assert view.selected_row == row
    assert columns.titles[row] in view.panel_html() and columns.ids[row] in view.panel_html()
    assert answer.state.selected == 0
