"""The CSV format: one event a row, more excerpts on the rows after it, sources in a sidecar."""

from __future__ import annotations

from pathlib import Path

import pytest

from timeline_app.model import LoadError, Problem, load_path
from timeline_app.model.dates import parse_range
from timeline_app.model.records import Excerpt, Source

EVENTS = (
    "id,title,start,end,category,summary,source,quote,claims_date\n"
    'nss,First strategy,2013-12,,strategy,"A summary, with a comma",nikkei,"He said ""2013""",\n'
    "nss,,,,,,jt,another passage,2012\n"
    "talks,Talks,2022-01-26,,meeting,,nikkei,third,\n"
)
SOURCES = """\
id,title,author,publisher,published,published_inferred,published_note,url,file
nikkei,Japan to align,Rieko Miki,Nikkei Asia,2022-01-27,false,stated,https://asia.nikkei.com/x,001.txt
jt,"Editorial, early 2022",,,2022-01,yes,,,
"""


def write(tmp_path: Path, events: str, sources: str | None = None) -> Path:
    path = tmp_path / "t.csv"
    path.write_text(events, encoding="utf-8")
    if sources is not None:
        (tmp_path / "t.sources.csv").write_text(sources, encoding="utf-8")
    return path


def problems(path: Path) -> list[Problem]:
    with pytest.raises(LoadError) as info:
        load_path(path)
    return info.value.problems


def test_rows_that_repeat_an_id_add_excerpts_and_the_sidecar_names_the_sources(tmp_path):
    timeline = load_path(write(tmp_path, EVENTS, SOURCES))
    nss = timeline.event("nss")
    assert nss is not None and nss.line == 2
    assert nss.excerpts == (
        Excerpt("nikkei", 'He said "2013"'),
        Excerpt("jt", "another passage", parse_range("2012")),
    )
    assert nss.summary == "A summary, with a comma"
    assert nss.conflicting_excerpts() == nss.excerpts[1:]
    row = timeline.index_of("nss")
    assert timeline.columns.conflict[row] and timeline.columns.n_sources[row] == 2
    assert timeline.event("talks").line == 4  # type: ignore[union-attr]
    assert timeline.sources["jt"] == Source(
        "jt", "Editorial, early 2022", published=parse_range("2022-01").start, published_inferred=True
    )
    assert timeline.sources["nikkei"].citation() == (
        "Rieko Miki, \u201cJapan to align\u201d, Nikkei Asia, 27 January 2022."
    )


def test_a_repeated_id_with_other_event_columns_is_a_duplicate(tmp_path):
    path = write(tmp_path, EVENTS.replace("nss,,,,,,jt", "nss,Other title,,,,,jt"), SOURCES)
    p = problems(path)[0]  # then its missing date and category
    assert (p.line, p.column) == (3, 1)
    assert p.message.startswith("duplicate event id 'nss' (first used on line 2)")


def test_problems_in_the_sidecar_name_the_sidecar(tmp_path):
    path = write(tmp_path, EVENTS, SOURCES.replace("https://asia", "ftp://asia"))
    [p] = problems(path)
    assert (p.file, p.line, p.column) == (str(tmp_path / "t.sources.csv"), 2, 8)
    path = write(tmp_path, EVENTS, SOURCES.replace("id,title,author", "id,name,author"))
    found = problems(path)
    assert found[0].file.endswith("t.sources.csv")
    assert "no 'title' column" in found[0].message and "unknown column 'name'" in found[1].message


def test_a_source_column_needs_a_quote_column(tmp_path):
    [p] = problems(write(tmp_path, "id,title,start,category,source\na,A,2020,x,s\n"))
    assert (p.line, p.column) == (1, 5) and "no 'quote' column" in p.message


def test_the_header_may_not_repeat_a_column(tmp_path):
    [p] = problems(write(tmp_path, "id,title,start,category,title\na,A,2020,x,B\n"))
    assert (p.line, p.column) == (1, 5) and "'title' appears twice" in p.message


@pytest.mark.parametrize("newline", ["\n", "\r\n", "\r"])
def test_lines_end_at_cr_lf_or_crlf_and_nowhere_else(tmp_path, newline):
    """A form feed or U+2028 inside a field is text, not a line break (str.splitlines would
    split there)."""
    text = newline.join(["id,title,start,category", "a,A\x0cB\u2028C,2020,x", "b,B,2021-13,x", ""])
    path = tmp_path / "t.csv"
    path.write_bytes(text.encode("utf-8"))
    [p] = problems(path)
    assert (p.line, p.column) == (3, 3) and "month 13" in p.message
    path.write_bytes(text.replace("2021-13", "2021").encode("utf-8"))
    assert load_path(path).events[0].title == "A\x0cB\u2028C"
