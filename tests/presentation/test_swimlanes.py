"""Which events go in which swimlane (pure: no Qt)."""

import numpy as np
import pyarrow as pa
import pytest

from tests.conftest import FIXTURE
from timeline_app.model import load_path
from timeline_app.model.arrow_texts import ArrowTexts
from timeline_app.model.columns import CodedText
from timeline_app.presentation.swimlanes import MAX_LANES, NO_SOURCE, lane_codes, lane_groups
from timeline_app.presentation.view_state import ViewState


def test_lanes_by_category_follow_the_legend_and_hold_every_event_once():
    timeline = load_path(FIXTURE)
    groups = lane_groups(timeline, "category")
    assert [g.name for g in groups] == list(timeline.categories)
    total = np.sum([g.members for g in groups], axis=0)
    assert (total == 1).all()


def test_an_event_cited_by_two_sources_sits_in_both_lanes():
    timeline = load_path(FIXTURE)
    groups = {g.name: g.members for g in lane_groups(timeline, "source")}
    plan = timeline.index_of("plan-approved")
    assert groups["Example Gazette"][plan] and groups["Example Review"][plan]
    assert list(groups)[:2] == ["Example Gazette", "Example Review"]  # by publication date


def test_events_without_a_source_get_their_own_lane(write_yaml):
    path = write_yaml(
        "events:\n"
        "  - {id: a, title: A, date: '2020', category: x}\n"
        "  - {id: b, title: B, date: '2021', category: x, excerpts: [{source: s, quote: q}]}\n"
        "sources:\n  s: {title: S}\n"
    )
    groups = lane_groups(load_path(path), "source")
    assert [g.name for g in groups] == ["S", NO_SOURCE]
    assert groups[1].members.tolist() == [True, False]


def test_each_source_lane_holds_exactly_the_events_that_cite_it(tmp_path):
    """A CSV out of date order, with events citing several sources (one of them twice) and
    events citing none: lanes read from the excerpt columns agree with the events' sources."""
    rows = ["id,title,start,category,source,quote"]
    for i in range(60):
        cites = [f"s{(i * k) % 7}" for k in range(i % 4)]
        first, *rest = cites or [""]
        rows.append(f"e{i},E{i},{2000 + (i * 37) % 23},x,{first},{'q' if first else ''}")
        rows += [f"e{i},,,,{s},q{k}" for k, s in enumerate(rest)]
    (tmp_path / "t.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    sidecar = "id,title\n" + "".join(f"s{k},Source {k}\n" for k in range(7))
    (tmp_path / "t.sources.csv").write_text(sidecar, encoding="utf-8")
    timeline = load_path(tmp_path / "t.csv")
    for group in lane_groups(timeline, "source"):
        if group.name == NO_SOURCE:
            want = [not e.excerpts for e in timeline.events]
        else:
            source = "s" + group.name.removeprefix("Source ")
            want = [source in e.source_ids for e in timeline.events]
        assert group.members.tolist() == want, group.name
    assert any(len(e.source_ids) > 1 for e in timeline.events)


def test_thousands_of_categories_fold_into_an_other_lane(write_yaml):
    line = "  - {{id: e{0}, title: E{0}, date: '2000', category: c{1}}}\n"
    events = "".join(line.format(i, i % 40) for i in range(400))
    groups = lane_groups(load_path(write_yaml("events:\n" + events)), "category")
    assert len(groups) == MAX_LANES and groups[-1].name == f"Other ({40 - MAX_LANES + 1})"
    assert int(np.sum([g.members for g in groups], axis=0).sum()) == 400


def test_view_state_groups_copies_and_refuses_an_unknown_field():
    state = ViewState(load_path(FIXTURE))
    assert state.lane_groups() == []
    seen = []
    state.options_changed.connect(lambda: seen.append(1))
    state.set_swimlanes("category")
    state.set_lane_collapsed("decision", True)
    assert len(seen) == 2 and state.collapsed_lanes == {"decision"}
    twin = state.copy()
    assert twin.swimlanes_by == "category" and twin.collapsed_lanes == {"decision"}
    state.set_swimlanes("source")
    assert state.collapsed_lanes == set() and twin.collapsed_lanes == {"decision"}
    with pytest.raises(ValueError, match="actor"):
        state.set_swimlanes("actor")


def test_lanes_by_status_put_what_happened_first_and_plans_apart(write_yaml):
    path = write_yaml(
        "events:\n"
        "  - {id: a, title: A, date: '2020', category: x, status: planned}\n"
        "  - {id: b, title: B, date: '2021', category: x}\n"
        "  - {id: c, title: C, date: '2022', category: x, status: planned}\n"
    )
    groups = lane_groups(load_path(path), "status")
    assert [(g.name, g.members.tolist()) for g in groups] == [
        ("Happened", [False, True, False]),
        ("Planned", [True, False, True]),
    ]


def test_sources_beyond_the_lanes_fold_into_other_and_each_lane_holds_its_citing_events(write_yaml):
    """Forty sources, the first cited most: eleven lanes, then one "Other" with the rest's events."""
    sources = "".join(f"  s{k}: {{title: S{k}, published: '{2000 + k}'}}\n" for k in range(40))
    events = "".join(
        f"  - {{id: e{i}, title: E{i}, date: '2000', category: x, "
        f"excerpts: [{{source: s{i % 40}, quote: q}}, {{source: s0, quote: q}}]}}\n"
        for i in range(120)
    )
    timeline = load_path(write_yaml(f"sources:\n{sources}events:\n{events}"))
    groups = lane_groups(timeline, "source")
    assert len(groups) == MAX_LANES and groups[-1].name == f"Other ({40 - MAX_LANES + 1})"
    assert groups[0].name == "S0" and groups[0].members.all()  # every event cites s0
    for group in groups[1:-1]:
        k = int(group.name[1:])
        assert group.members.tolist() == [i % 40 == k for i in range(120)]
    kept = {int(g.name[1:]) for g in groups[:-1]}
    assert groups[-1].members.tolist() == [i % 40 not in kept for i in range(120)]


def test_source_codes_agree_whether_the_column_is_a_list_coded_or_arrow() -> None:
    """A cached file holds its excerpts' sources in Arrow, a CSV in a list or codes: each row
    gets the same lane (-1 for a source not drawn), including an empty source."""
    rows = ["b", "a", "", "zz", "b", "c"]
    names = ["a", "b", "c"]
    coded = CodedText(np.array([0, 1, 2, 3, 0, 4], np.int32), ["b", "a", "", "zz", "c"])
    expected = [1, 0, -1, -1, 1, 2]
    assert lane_codes(rows, names).tolist() == expected
    assert lane_codes(coded, names).tolist() == expected
    assert lane_codes(ArrowTexts(pa.array(rows)), names).tolist() == expected
