"""Links attacked: an event with a hundred thousand links, a cycle of links, a link to itself.
The panel lists a bounded number of them and says how many it left out (10^5 paragraphs took
Qt about 6 s to lay out on every selection); a cycle is harmless, as nothing follows links."""

from pathlib import Path

import pytest

from timeline_app.model import LoadError, load_path
from timeline_app.presentation.evidence_html import MAX_LISTED_LINKS
from timeline_app.presentation.source_html import event_html
from timeline_app.presentation.view_state import ViewState

N = 100_000


def _write(folder: Path, links: str) -> Path:
    path = folder / "t.csv"
    with path.open("w", encoding="utf-8") as f:
        f.write("id,title,start,category\n")
        f.writelines(f"e{i},Event {i},{2000 + i % 20},x\n" for i in range(N))
    (folder / "t.links.csv").write_text("event,type,to,inferred,note\n" + links, encoding="utf-8")
    return path


def test_an_event_with_a_hundred_thousand_links_lists_a_bounded_number(tmp_path: Path) -> None:
    links = "".join(f"e0,leads_to,e{i},true,n\n" for i in range(1, N))
    state = ViewState(load_path(_write(tmp_path, links), use_cache=False))
    first = state.timeline.index_of("e0")
    rows = state.link_rows(first)
    assert len(rows) == N - 1
    html = event_html(state.timeline.events[first], state.timeline, links=rows)
    assert f"Links ({N - 1})" in html
    assert html.count("<p class='link'>") == MAX_LISTED_LINKS
    assert f"{N - 1 - MAX_LISTED_LINKS:,} more links are not listed" in html
    fifth = state.timeline.index_of("e5")
    incoming = event_html(state.timeline.events[fifth], state.timeline, links=state.link_rows(fifth))
    assert "Follows from" in incoming


def test_a_cycle_of_links_is_allowed_and_each_event_lists_both_ends(tmp_path: Path) -> None:
    state = ViewState(load_path(_write(tmp_path, "e0,leads_to,e1,true,n\ne1,leads_to,e0,true,n\n")))
    timeline = state.timeline
    rows = state.link_rows(timeline.index_of("e0"))
    assert [(timeline.events[r.other].id, r.outgoing) for r in rows] == [("e1", True), ("e1", False)]


def test_a_link_to_its_own_event_is_refused_at_its_row(tmp_path: Path) -> None:
    with pytest.raises(LoadError) as info:
        load_path(_write(tmp_path, "e0,leads_to,e1,true,n\ne3,part_of,e3,true,n\n"))
    [problem] = info.value.problems
    assert (problem.line, problem.column) == (3, 3)
    assert "goes to the event itself" in problem.message
