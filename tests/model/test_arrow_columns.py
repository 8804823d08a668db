"""A table read by pyarrow keeps its free text as Arrow strings through the builder: the same
timeline, and the same problems at the same places, as from Python lists of the same texts."""

from __future__ import annotations

import dataclasses

import numpy as np
import pyarrow as pa
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.model.formats import assert_same_timeline
from timeline_app.model import LoadError, Timeline
from timeline_app.model import column_checks as tc
from timeline_app.model.arrow_texts import ArrowTexts
from timeline_app.model.build import build_timeline
from timeline_app.model.columns import CodedText, take
from timeline_app.model.read_csv import (
    COLUMNS,
    REQUIRED,
    SOURCE_COLUMNS,
    SOURCE_REQUIRED,
    Table,
    raw_from_tables,
    read_table,
)
from timeline_app.model.schema import ID

SOURCES = "id,title\ns1,First source\ns2,Second source\n"
# texts that test each check: blank in Python's sense (U+2028, U+001C, NBSP), a bad id, an id
# used twice, a text one past its limit, a date that is no date, a source nobody defined
TEXTS = ["a", "", " ", "\u2028", "\x1c", "\xa0x", "Été", "x" * 1001, "e 1", "e0", "🙂"]


def as_arrow(column: list[str]) -> ArrowTexts:
    return ArrowTexts(pa.array(column, pa.string()))


def as_coded(column: list[str]) -> CodedText:
    distinct = list(dict.fromkeys(column))
    return CodedText(np.array([distinct.index(t) for t in column], np.int32), distinct)


def test_the_blank_class_is_pythons_whitespace() -> None:
    """A value is blank for an Arrow column exactly when `str.isspace` says so for a list."""
    assert set(tc.PY_SPACES) == {chr(c) for c in range(0x110000) if chr(c).isspace()}


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from([*TEXTS, "ab", "a\u3000", "s1", "s2", "x" * 200]), max_size=8))
def test_every_whole_column_answer_is_the_same_for_a_list_arrow_and_coded_column(texts: list[str]) -> None:
    index = np.arange(len(texts))[::-1].copy()
    for column in (as_arrow(texts), as_coded(texts)):
        assert tc.has_blank(column) == (not all(texts) or any(t.isspace() for t in texts))
        assert tc.blank_mask(column).tolist() == [not t or t.isspace() for t in texts]
        assert tc.any_text(column) == any(texts)
        assert tc.longest(column) == max(map(len, texts), default=0)
        assert tc.distinct_in_order(column) == dict.fromkeys(texts)
        assert tc.same_as_previous(column).tolist() == list(map(str.__eq__, texts[1:], texts[:-1]))
        assert list(take(column, index)) == texts[::-1]
    arrow = as_arrow(texts)
    assert tc.all_distinct(arrow) == (len(set(texts)) == len(texts))
    assert tc.all_ids(arrow) == all(ID.fullmatch(t) for t in texts)


def arrow_table(table: Table) -> Table:
    """The same table with every text column as Arrow strings, as pyarrow's reader gives it
    (and no longest line: the builder measures every text)."""
    columns = {k: as_arrow(list(v)) for k, v in table.columns.items()}
    return dataclasses.replace(table, columns=columns, longest=None)


def outcome(text: str, arrow: bool) -> Timeline | list[str]:
    try:
        table = read_table(text, "t.csv", REQUIRED, COLUMNS, "events")
        sources = read_table(SOURCES, "t.sources.csv", SOURCE_REQUIRED, SOURCE_COLUMNS, "sources")
        if arrow:
            table = arrow_table(table)
        return build_timeline(raw_from_tables(table, "t", sources, "t.sources.csv"))
    except LoadError as exc:
        return [p.format() for p in exc.problems]


ROW = st.tuples(
    st.sampled_from(["ok"] * 8 + ["", " ", "e 1", "e0", "same"]),  # "ok": a unique id
    st.sampled_from(["A title"] * 6 + TEXTS),
    st.sampled_from(["2020", "2021-05", "2019-02-28", "2021-13", "", "..", "2020~"]),
    st.sampled_from(["", "", "2022", "2018"]),
    st.sampled_from(["s1", "s2", "s1", "", "s9", "bad id"]),
    st.sampled_from(["a quote", "a quote", "", "\u2028", "x" * 1001]),
    st.sampled_from(["", "", "A summary", "\x1c"]),
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(ROW, min_size=1, max_size=7), st.booleans())
def test_arrow_columns_give_the_same_timeline_and_problems_as_lists(rows, repeat_last) -> None:
    """Good and bad rows alike (blank, bad and doubled ids, blank or long titles and quotes,
    bad dates, unknown sources, rows that continue the event above with another excerpt)."""
    lines = ["id,title,start,end,category,source,quote,summary"]
    for row, (event_id, title, start, end, source, quote, summary) in enumerate(rows):
        event_id = f"e{row}" if event_id == "ok" else event_id
        lines.append(",".join([event_id, title, start, end, "decision", source, quote, summary]))
    if repeat_last:  # the last event's second excerpt
        lines.append(lines[-1].split(",")[0] + ",,,,,s2,another quote,")
    text = "\n".join(lines) + "\n"
    by_list, by_arrow = outcome(text, False), outcome(text, True)
    if isinstance(by_list, list) or isinstance(by_arrow, list):
        assert by_arrow == by_list
    else:
        assert_same_timeline(by_arrow, by_list)
        assert by_arrow.columns.lines.tolist() == by_list.columns.lines.tolist()


def test_an_arrow_built_timeline_keeps_its_text_as_arrow_strings() -> None:
    """Built in date order without a Python string per row: titles stay Arrow-backed."""
    text = "id,title,start,category\nb,Second,2021,x\na,First,2020,x\n"
    timeline = outcome(text, True)
    assert isinstance(timeline, Timeline)
    assert isinstance(timeline.columns.titles, ArrowTexts)
    assert list(timeline.columns.titles) == ["First", "Second"]


@pytest.mark.parametrize("ids", [["a", "b", "a"], ["a", "", "a"]])
def test_a_duplicate_id_in_an_arrow_column_names_its_first_line(ids: list[str]) -> None:
    text = "id,title,start,category\n" + "".join(f"{i},T,2020,x\n" for i in ids)
    problems = outcome(text, True)
    assert problems == outcome(text, False)
    assert any("first used on line 2" in p for p in problems)
