"""What the panel says about the weight of an event's evidence: status in words, independent
sources and who rewrites whom, links both ways. Pure HTML, no Qt."""

import re

import pytest

from tests.conftest import FIXTURES
from timeline_app.model import load_path, load_text
from timeline_app.presentation.source_html import event_html
from timeline_app.presentation.view_state import ViewState

EVIDENCE = FIXTURES / "evidence.yaml"


@pytest.fixture(scope="module")
def state():
    return ViewState(load_path(EVIDENCE))


def panel(state, event_id):
    """The panel's HTML for an event, and the same as a reader sees it (tags and style gone)."""
    timeline = state.timeline
    index = timeline.index_of(event_id)
    html = event_html(timeline.events[index], timeline, links=state.link_rows(index))
    text = re.sub(r"<style>.*?</style>|<[^>]+>", "", html, flags=re.S)
    text = re.sub(r"\s+", " ", text.replace("&#x27;", "'").replace("&quot;", '"'))
    return html, text.replace("\u201d \u2014", "\u201d\u2014")


def test_a_source_that_rewrites_another_is_not_counted_as_a_second_witness(state):
    """Courier, its rewrite in the Digest and the council minutes: three reports, two independent;
    the panel says which rewrites which and how we know."""
    _, text = panel(state, "wall-proposed")
    assert "3 reports, 2 independent" in text
    assert "Rewriter (2021) rewrites Reporter (2021) (it repeats the Courier's figures" in text
    _, storm = panel(state, "storm")
    assert "2 reports, 1 independent" in storm
    _, single = panel(state, "wall-vote")
    assert "1 source" in single and "independent" not in single and "rewrites" not in single


def test_the_marker_and_the_tooltip_count_independent_sources(state):
    storm = state.timeline.index_of("storm")
    assert int(state.arrays.n_sources[storm]) == 1  # the marker's size and number
    assert "2 reports, 1 independent" in state.tooltip(storm)


@pytest.mark.parametrize(
    ("event_id", "words"),
    [
        ("wall-vote", "Planned: drawn as an outline."),
        ("construction", "Expected: drawn as an outline."),
        ("cost-overrun", "Reported (marked \u201c): known from reports only."),
        ("payments", "Alleged (marked *): claimed, not established."),
        ("wall-finished", "Disputed (marked \u2260): whether it happened is disputed."),
    ],
)
def test_the_panel_says_the_status_in_words_and_how_it_is_drawn(state, event_id, words):
    _, text = panel(state, event_id)
    assert words in text


def test_an_event_that_happened_has_no_status_line(state):
    html, _ = panel(state, "storm")
    assert "class='status'" not in html


def test_links_are_listed_both_ways_with_their_quote_or_the_editors_note(state):
    html, text = panel(state, "wall-proposed")
    timeline = state.timeline
    assert "Links (3)" in text
    assert (
        "Responds to A storm floods the quay (14 November 2020) \u201cin response to the November storm\u201d"
        in text
    )
    assert "Leads to Council vote on the wall (15 March 2021) The editor's inference: the minutes put" in text
    assert "Revised by A revised plan moves the wall inland (January 2022)" in text
    assert "\u201cthe revised plan revises the proposal of February 2021\u201d\u2014 [4] E. Auditor" in text
    targets = re.findall(r"<a href='event:(\d+)'>([^<]+)</a>", html)
    assert {timeline.events[int(i)].title for i, _ in targets} == {title for _, title in targets}
    assert {timeline.events[int(i)].id for i, _ in targets} == {"storm", "wall-vote", "revised-plan"}


def test_an_incoming_link_reads_from_the_other_side(state):
    _, text = panel(state, "construction")
    assert "Includes Pile driving begins (May 2022)" in text
    _, text = panel(state, "revised-plan")
    assert (
        "Revises Engineers propose a flood wall" in text and "Replaced by Steel gate design adopted" in text
    )


def test_an_event_without_links_lists_none(state):
    html, _ = panel(state, "payments")
    assert "Links (" not in html and "event:" not in html


def test_markup_in_a_linked_title_or_note_shows_literally(write_yaml):
    path = write_yaml(
        """
title: t
events:
  - id: a
    title: "<b>bold</b> A"
    date: "2020"
    category: x
  - id: b
    title: B
    date: "2021"
    category: x
    links:
      - {type: revises, to: a, inferred: true, note: "<img src=x>"}
"""
    )
    state = ViewState(load_path(path))
    html, _ = panel(state, "b")
    assert "<img" not in html and "&lt;img src=x&gt;" in html
    assert "<b>bold</b>" not in html and "&lt;b&gt;bold&lt;/b&gt; A" in html


def test_the_legend_keys_follow_the_events_shown(state):
    """Every status, links and independent counts in the whole fixture; only what a range shows
    in an export of it."""
    assert state.legend_marks() == {"planned", "reported", "alleged", "disputed", "link", "independent"}
    storm = state.shown_indices()[:1]  # the storm: two reports, one independent; a link
    assert state.legend_marks(storm) == {"independent", "link"}
    payments = state.shown_indices()[[state.timeline.index_of("payments")]]
    assert state.legend_marks(payments) == {"alleged"}


def test_the_window_counts_support_in_the_words_of_the_command_line(state):
    """The panel, the tooltip and `list`/`check` share one wording: an event without a source
    has 'no source' (the window said '0 sources'), derived sources '2 reports, 1 independent'."""
    bare = ViewState(load_text("title: T\nevents:\n  - {id: a, title: A, date: 2001, category: c}\n"))
    assert "no source" in panel(bare, "a")[1]
    assert "no source" in bare.tooltip(0)
    timeline = state.timeline
    derived = next(e for e in timeline.events if len(timeline.independent_sources(e)) < len(e.source_ids))
    assert "reports," in state.tooltip(timeline.index_of(derived.id))
