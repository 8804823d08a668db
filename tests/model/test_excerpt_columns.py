"""Excerpts are kept as columns from the first load: each event still shows its own excerpts,
in order, whatever the file's row order, and the counts read from the columns agree with them."""

from __future__ import annotations

import json

from hypothesis import given, settings
from hypothesis import strategies as st

from timeline_app.model.loader import load_csv_text, load_text
from timeline_app.model.records import Excerpt

SOURCES = ("a", "b", "c", "d")
_event = st.tuples(
    st.integers(1990, 2020),  # the year: rows come out of date order
    st.lists(  # its excerpts: source, quote, prefix, suffix
        st.tuples(
            st.sampled_from(SOURCES),
            st.text("xyz ,\"'", min_size=1, max_size=6).filter(str.strip),
            st.sampled_from(["", "before"]),
            st.sampled_from(["", "after"]),
        ),
        max_size=3,
    ),
)


def _csv(events: list[tuple[int, list[tuple[str, str, str, str]]]]) -> str:
    lines = ["id,title,start,category,source,quote,prefix,suffix"]
    for i, (year, excerpts) in enumerate(events):
        first, *rest = excerpts or [("", "", "", "")]
        lines.append(",".join([f"e{i}", f"T{i}", str(year), "c", *map(_quoted, first)]))
        lines += [",".join([f"e{i}", "", "", "", *map(_quoted, x)]) for x in rest]
    return "\n".join(lines) + "\n"


def _quoted(text: str) -> str:
    return '"' + text.replace('"', '""') + '"' if any(c in text for c in ',"') else text


def _yaml(events: list[tuple[int, list[tuple[str, str, str, str]]]]) -> str:
    items = [
        {
            "id": f"e{i}",
            "title": f"T{i}",
            "date": str(year),
            "category": "c",
            "excerpts": [{"source": s, "quote": q, "prefix": p, "suffix": x} for s, q, p, x in excerpts],
        }
        for i, (year, excerpts) in enumerate(events)
    ]
    sources = {s: {"title": s.upper()} for s in SOURCES}
    return json.dumps({"title": "T", "sources": sources, "events": items})  # JSON is YAML


@settings(max_examples=60, deadline=None)
@given(st.lists(_event, min_size=1, max_size=12))
def test_each_event_keeps_its_own_excerpts_in_every_format(events):
    """Rows are sorted by date after reading; the excerpts move with their events."""
    expected = {
        f"e{i}": tuple(Excerpt(s, q, None, p, x) for s, q, p, x in excerpts)
        for i, (_, excerpts) in enumerate(events)
    }
    sources = "id,title\n" + "".join(f"{s},{s.upper()}\n" for s in SOURCES)
    for timeline in (
        load_csv_text(_csv(events), "t.csv", "T", sources, "t.sources.csv"),
        load_text(_yaml(events), "t.yaml"),
    ):
        columns = timeline.columns
        assert {e.id: e.excerpts for e in timeline.events} == expected
        assert [columns.excerpts[row] for row in range(len(columns))] == [e.excerpts for e in timeline.events]
        assert columns.n_sources.tolist() == [len(e.source_ids) for e in timeline.events]
        assert columns.search_texts().folded() == [
            " ".join(
                [e.title, "", "c", *([" ".join(x.quote for x in e.excerpts)] if e.excerpts else [])]
            ).casefold()
            for e in timeline.events
        ]


def test_sources_known_only_by_their_ids_come_in_the_order_first_cited():
    """A CSV without a sources sidecar: each cited id is a source, first citation first."""
    text = "id,title,start,category,source,quote\nb,B,2001,c,zeta,q\na,A,2000,c,alpha,q\nc,C,2002,c,zeta,r\n"
    timeline = load_csv_text(text, "t.csv", "T")
    assert list(timeline.sources) == ["zeta", "alpha"]
    assert [e.excerpts for e in timeline.events] == [
        (Excerpt("alpha", "q"),),
        (Excerpt("zeta", "q"),),
        (Excerpt("zeta", "r"),),
    ]
