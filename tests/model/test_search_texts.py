"""Search and id lookup answer the same whether a timeline's text is held in Python lists or in
Arrow columns (as a cached or Parquet file's is): Arrow folds ASCII rows itself and leaves the
rest to `str.casefold`, so "Straße" is found by "STRASSE" either way."""

from __future__ import annotations

import dataclasses
import io

import numpy as np
import pyarrow as pa
import pyarrow.csv as pacsv
from hypothesis import given, settings
from hypothesis import strategies as st

from timeline_app.model.arrow_texts import ArrowIds, ArrowTexts
from timeline_app.model.columns import EventColumns, ExcerptColumns
from timeline_app.model.events import Timeline
from timeline_app.model.loader import load_csv_text

# Letters whose case folding is not their lower case, and some whose lower case is not ASCII.
TRICKY = "aAbZ ßẞﬁﬀΣσςİıKkÅåÉéŉǰΐ\u0345ꭰᏸ"
_text = st.text(alphabet=TRICKY + "xy", max_size=8)


def _quoted(text: str) -> str:
    return '"' + text.replace('"', '""') + '"'


def _timeline(rows: list[tuple[str, str, list[str]]]) -> Timeline:
    """A CSV timeline: each row a title, a summary and its quotes (one excerpt each)."""
    lines = ["id,title,start,category,summary,source,quote"]
    for i, (title, summary, quotes) in enumerate(rows):
        first, *rest = quotes or [""]
        source = "s" if first else ""
        lines.append(
            ",".join(
                [
                    f"e{i}",
                    _quoted(title if title.strip() else "t"),
                    "2000",
                    "Cat",
                    _quoted(summary),
                    source,
                    _quoted(first),
                ]
            )
        )
        lines += [",".join([f"e{i}", "", "", "", "", "s", _quoted(q)]) for q in rest]
    return load_csv_text("\n".join(lines) + "\n", "t.csv", "T", "id,title\ns,S\n", "t.sources.csv")


def _arrow(texts: list[str]) -> ArrowTexts:
    return ArrowTexts(pa.array(texts, pa.string()))


def _in_arrow(columns: EventColumns) -> EventColumns:
    """The same columns with ids, titles, summaries and every excerpt text held by Arrow."""
    excerpts = columns.excerpts
    arrow_excerpts = ExcerptColumns(
        excerpts.offsets,
        {name: _arrow(list(column)) for name, column in excerpts.texts.items()},
        excerpts.claims_start,
        excerpts.claims_end,
    )
    texts = {**columns.texts, "summary": _arrow(list(columns.summaries))}
    return dataclasses.replace(
        columns,
        ids=_arrow(list(columns.ids)),
        titles=_arrow(list(columns.titles)),
        texts=texts,
        excerpts=arrow_excerpts,
    )


@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.tuples(_text, _text, st.lists(_text.filter(str.strip), max_size=3)), min_size=1, max_size=6),
    _text,
)
def test_search_over_arrow_columns_finds_what_search_over_lists_finds(
    rows: list[tuple[str, str, list[str]]], needle: str
) -> None:
    columns = _timeline(rows).columns
    lists, arrow = columns.search_texts(), _in_arrow(columns).search_texts()
    assert arrow.folded() == lists.folded()
    assert arrow.matches(needle).tolist() == lists.matches(needle).tolist()
    assert lists.matches(needle).tolist() == [
        bool(needle.strip()) and needle.strip().casefold() in h for h in lists.folded()
    ]


def test_case_folding_finds_what_lower_casing_would_miss() -> None:
    """Arrow's utf8_lower keeps "ß" (so "strasse" would miss "Straße"), and keeps the final
    sigma apart from σ; the search folds them as `str.casefold` does."""
    columns = _in_arrow(_timeline([("Straße", "ΟΔΟΣ", []), ("plain", "", ["ﬁnal ὈΔΥΣΣΕΎΣ"])]).columns)
    search = columns.search_texts()
    assert search.matches("STRASSE").tolist() == [True, False]
    assert search.matches("οδοσ").tolist() == [True, False]
    assert search.matches("final").tolist() == [False, True]
    assert search.matches("  ").tolist() == [False, False]


def test_events_with_many_excerpts_are_found_by_any_of_their_quotes() -> None:
    columns = _in_arrow(
        _timeline([("a", "", ["first", "second"]), ("b", "", []), ("c", "", ["third"])]).columns
    )
    search = columns.search_texts()
    assert search.matches("second").tolist() == [True, False, False]
    assert search.matches("first second").tolist() == [True, False, False]
    assert search.matches("cat").tolist() == [True, True, True]  # the category is searched too


def test_arrow_ids_give_the_rows_a_dict_of_ids_gives() -> None:
    columns = _timeline([(f"t{i}", "", []) for i in range(50)]).columns
    arrow = _in_arrow(columns)
    assert isinstance(arrow.row_of, ArrowIds)
    expected = dict(columns.row_of)
    assert {event_id: arrow.row_of[event_id] for event_id in expected} == expected
    assert arrow.row_of.get("nope") is None
    assert "e7" in arrow.row_of and "e77" not in arrow.row_of
    assert len(arrow.row_of) == len(expected)
    wanted = ["e3", "nope", "e49", "e3", ""]  # repeats and ids not in the timeline
    assert arrow.rows_of(wanted).tolist() == columns.rows_of(wanted).tolist() == [3, -1, 49, 3, -1]


def test_a_parquet_timeline_searches_as_its_csv_does() -> None:
    """Read through pyarrow's CSV reader into Arrow columns, the same file finds the same rows."""
    text = "id,title,start,category\na,Große Straße,2001,x\nb,GROSSE,2002,y\n"
    table = pacsv.read_csv(io.BytesIO(text.encode()))
    titles = ArrowTexts(table.column("title"))
    columns = _timeline([("Große Straße", "", []), ("GROSSE", "", [])]).columns
    arrow = dataclasses.replace(columns, titles=titles)
    assert (
        arrow.search_texts().matches("grosse").tolist() == columns.search_texts().matches("grosse").tolist()
    )
    assert arrow.search_texts().matches("grosse").tolist() == [True, True]


def test_excerpts_rearranged_from_arrow_columns_are_those_rearranged_from_lists() -> None:
    """Sorting events by date moves their excerpts; Arrow columns move without a str per row."""
    columns = _timeline([("a", "", ["q1", "q2"]), ("b", "", []), ("c", "", ["q3"])]).columns
    order = np.array([2, 0, 1])
    from_lists = columns.excerpts.take(order)
    from_arrow = _in_arrow(columns).excerpts.take(order)
    assert isinstance(from_arrow.texts["quote"], ArrowTexts)
    assert list(from_arrow) == list(from_lists)
    assert [q for row in from_lists for q in (x.quote for x in row)] == ["q3", "q1", "q2"]
