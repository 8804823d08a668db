"""The panel's HTML without Qt: readable colours in both themes, names not ids, marked matches."""

import re

import pytest

from tests.conftest import FIXTURE
from timeline_app.model import load_path
from timeline_app.presentation.source_html import (
    DARK_PANEL,
    LIGHT_PANEL,
    contrast_ratio,
    event_html,
    quote_with_citation,
    source_name,
    style_sheet,
)


@pytest.fixture(scope="module")
def timeline():
    return load_path(FIXTURE)


def test_contrast_ratio_matches_wcag():
    assert contrast_ratio("#000000", "#ffffff") == pytest.approx(21.0)
    assert contrast_ratio("#777777", "#ffffff") == pytest.approx(4.48, abs=0.01)


@pytest.mark.parametrize("colors", [LIGHT_PANEL, DARK_PANEL], ids=["light", "dark"])
def test_every_foreground_reads_at_4_5_to_1_against_its_background(colors):
    for fg in (colors.text, colors.muted, colors.cite, colors.link):
        assert contrast_ratio(fg, colors.base) >= 4.5, fg
    assert contrast_ratio(colors.note, colors.note_bg) >= 4.5
    assert contrast_ratio(colors.conflict, colors.conflict_bg) >= 4.5
    assert contrast_ratio(colors.mark, colors.mark_bg) >= 4.5


def test_the_style_sheet_uses_the_colours_given_and_no_others():
    sheet = style_sheet(DARK_PANEL)
    used = set(re.findall(r"#[0-9a-fA-F]{6}", sheet))
    assert used <= {v for v in vars(DARK_PANEL).values()}
    assert f"p.cite {{ color: {DARK_PANEL.cite}" in sheet


def test_sources_are_named_as_a_reader_would(timeline):
    assert source_name(timeline.sources["review"]) == "Critic (2021)"
    assert source_name(None, "lost-id") == "lost-id"
    html = event_html(timeline.events[timeline.index_of("plan-approved")], timeline)
    assert "Critic (2021) says 2018" in html and "review says" not in html


def test_search_words_are_marked_in_title_and_quotes(timeline):
    event = timeline.events[timeline.index_of("opening")]
    html = event_html(event, timeline, highlight="bridge")
    marked = re.findall(r"<span style='background-color: [^']+'>([^<]*)</span>", html)
    assert marked and all(m.casefold() == "bridge" for m in marked)
    assert len(marked) >= 2  # the title and the quote


def test_copy_gives_the_quote_in_curly_quotes_then_the_citation_and_url(timeline):
    event = timeline.events[timeline.index_of("opening")]
    excerpt = event.excerpts[0]
    source = timeline.sources[excerpt.source]
    plain, rich = quote_with_citation(excerpt, source)
    lines = plain.split("\n")
    assert lines[0] == f"\u201c{excerpt.quote}\u201d"
    assert lines[1].startswith("\u2014 ") and f"\u201c{source.title}\u201d" in lines[1]
    if source.url:
        assert lines[2] == source.url and source.url in rich
    assert "<blockquote>" in rich


def test_the_overview_spans_from_the_first_date_to_the_year_of_the_last_day_covered(write_yaml):
    """The last year is that of the latest day any event covers (a span's end, not its start),
    read from the columns."""
    from timeline_app.model import load_path
    from timeline_app.presentation.source_html import overview_html

    path = write_yaml(
        "events:\n"
        "  - {id: a, title: A, date: '1990s', category: x}\n"
        "  - {id: b, title: B, start: '2001', end: '2019-05', category: x}\n"
        "  - {id: c, title: C, date: '2010', category: x}\n"
    )
    assert "3 events · 0 sources · the 1990s to 2019" in overview_html(load_path(path))


def test_the_overview_counts_in_words_a_reader_would_write(write_yaml):
    from timeline_app.model import load_path
    from timeline_app.presentation.source_html import overview_html

    one = write_yaml("events:\n  - {id: a, title: A, date: '2013-12', category: x}\n", "one.yaml")
    assert "1 event · 0 sources · December 2013</p>" in overview_html(load_path(one))
    same_year = write_yaml(
        "events:\n  - {id: a, title: A, date: '2013-03', category: x}\n"
        "  - {id: b, title: B, date: '2013-12', category: x}\n",
        "two.yaml",
    )
    assert "2 events · 0 sources · in 2013</p>" in overview_html(load_path(same_year))
