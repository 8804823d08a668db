"""Large-table formats: CSV and JSON load to the same timeline as YAML, with located errors."""

import json

import numpy as np
import pytest

from timeline_app.bench import synthetic
from timeline_app.model import LoadError, load_path
from timeline_app.model.serialize import timeline_to_dict


@pytest.fixture(scope="module")
def three_formats(tmp_path_factory):
    folder = tmp_path_factory.mktemp("formats")
    rows = synthetic.generate(400, seed=7)
    paths = {ext: folder / f"t.{ext}" for ext in ("csv", "json", "yaml")}
    synthetic.write_csv(rows, paths["csv"])
    synthetic.write_json(rows, paths["json"])
    synthetic.write_yaml(rows, paths["yaml"])
    return paths


def essentials(timeline):
    keys = ("id", "title", "category", "start", "end", "precision", "approximate")
    return [{k: e[k] for k in keys} for e in timeline_to_dict(timeline)["events"]]


def test_csv_json_and_yaml_of_the_same_events_load_to_equal_timelines(three_formats):
    loaded = {fmt: load_path(path) for fmt, path in three_formats.items()}
    reference = essentials(loaded["yaml"])
    assert len(reference) == 400
    assert essentials(loaded["csv"]) == reference
    assert essentials(loaded["json"]) == reference
    for fmt in ("csv", "json"):
        a, b = loaded[fmt].columns, loaded["yaml"].columns
        assert np.array_equal(a.first_day, b.first_day) and np.array_equal(a.last_day, b.last_day)
        assert a.ids == b.ids


def test_list_json_output_loads_back_as_json(tmp_path):
    from timeline_app.resources import default_dataset

    original = load_path(default_dataset())
    path = tmp_path / "round.json"
    path.write_text(json.dumps(timeline_to_dict(original)), encoding="utf-8")
    again = load_path(path)
    assert essentials(again) == essentials(original)
    assert again.events[0].excerpts == original.events[0].excerpts
    assert set(again.sources) == set(original.sources)


def load_problems(path):
    with pytest.raises(LoadError) as info:
        load_path(path)
    return info.value.problems


def test_csv_bad_date_names_its_line_and_column(tmp_path):
    path = tmp_path / "t.csv"
    path.write_text("id,title,start,end,category,summary\na,A,2020,,x,\nb,B,2021-13,,x,\n")
    [p] = load_problems(path)
    assert (p.line, p.column) == (3, 3) and "month 13" in p.message


def test_csv_quoted_multiline_field_keeps_line_numbers_right(tmp_path):
    path = tmp_path / "t.csv"
    path.write_text('id,title,start,category\na,"two\nlines",2020,x\nb,B,2020-02-30,x\n')
    [p] = load_problems(path)
    assert (p.line, p.column) == (4, 3) and "has 29 days" in p.message


def test_csv_row_with_wrong_field_count_and_duplicate_ids(tmp_path):
    path = tmp_path / "t.csv"
    path.write_text("id,title,start,category\na,A,2020,x\nb,B,2020\n")
    [p] = load_problems(path)
    assert p.line == 3 and "3 fields" in p.message
    path.write_text("id,title,start,category\na,A,2020,x\na,B,2021,x\n")
    [p] = load_problems(path)
    assert p.line == 3 and "duplicate event id 'a'" in p.message


def test_csv_missing_column_and_end_before_start(tmp_path):
    path = tmp_path / "t.csv"
    path.write_text("id,title,start\na,A,2020\n")
    assert "no 'category' column" in load_problems(path)[0].message
    path.write_text("id,title,start,end,category\na,A,2020,2019,x\n")
    [p] = load_problems(path)
    assert (p.line, p.column) == (2, 4) and "before the start" in p.message


def test_json_syntax_and_schema_errors_are_located(tmp_path):
    path = tmp_path / "t.json"
    path.write_text(
        '{"events": [\n  {"id": "a", "title": "A", "start": "2020", "category": "x"},\n  {"id": "b",, }\n]}'
    )
    [p] = load_problems(path)
    assert p.line == 3 and "JSON syntax error" in p.message
    path.write_text('{"events": [\n  {"id": "a", "title": 5, "start": "2020", "category": "x"}\n]}')
    [p] = load_problems(path)
    assert (p.line, p.column) == (2, 24) and "'title' of event 'a' must be text" in p.message
