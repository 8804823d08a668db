"""The `<stem>.links.csv` sidecar (and the CSV reader it shares) attacked: a quote left open
at the end of the file, a FIFO or a folder where the links file should be. Each is a problem
with its place, not a silently shortened or missing set of links."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from timeline_app.model import LoadError, load_path

EVENTS = "id,title,start,category\na,A,2020,x\nb,B,2021,x\n"
HEADER = "event,type,to,inferred,note\n"


def _problem(path: Path) -> tuple[str, int, str]:
    with pytest.raises(LoadError) as info:
        load_path(path, use_cache=False)
    [problem] = info.value.problems
    return problem.file, problem.line, problem.message


@pytest.mark.parametrize(
    ("name", "text", "line"),
    [
        ("t.csv", 'id,title,start,category\na,A,2020,x\nb,B,2021,"x\n', 3),
        ("t.links.csv", HEADER + 'a,leads_to,b,true,n\nb,leads_to,a,true,"why\nmore\n', 3),
    ],
)
def test_a_quote_left_open_at_the_end_of_a_csv_file_is_refused(
    tmp_path: Path, name: str, text: str, line: int
) -> None:
    """A file cut off inside a quoted value: the value ran to the end of the file unseen."""
    (tmp_path / "t.csv").write_text(EVENTS, encoding="utf-8")
    (tmp_path / name).write_text(text, encoding="utf-8")
    file, where, message = _problem(tmp_path / "t.csv")
    assert (file, where) == (str(tmp_path / name), line)
    assert "never closed" in message and "closing double quote" in message


@pytest.mark.parametrize("kind", ["fifo", "folder"])
def test_a_links_file_that_is_not_a_regular_file_is_named(tmp_path: Path, kind: str) -> None:
    (tmp_path / "t.csv").write_text(EVENTS, encoding="utf-8")
    links = tmp_path / "t.links.csv"
    if kind == "fifo":
        os.mkfifo(links)
    else:
        links.mkdir()
    file, _, message = _problem(tmp_path / "t.csv")
    assert file == str(links)
    assert "not a regular file" in message
