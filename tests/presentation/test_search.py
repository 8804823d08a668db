"""Search without Qt: which events match, which comes next, the count, the marked words."""

from timeline_app.presentation.search import count_text, find_matches, mark_html, shown_summary, step_match


def test_find_matches_is_case_insensitive_and_in_date_order():
    haystacks = ["the aegis system", "a bridge", "aegis ashore cancelled", "nothing"]
    assert find_matches(haystacks, "  AEGIS ").tolist() == [0, 2]
    assert find_matches(haystacks, "").tolist() == []


def test_next_and_previous_wrap_around_and_start_from_the_selection():
    matches = [2, 5, 9]
    assert step_match(matches, -1, 1) == 2  # nothing selected: the first
    assert step_match(matches, -1, -1) == 9  # ... or the last
    assert step_match(matches, 2, 1) == 5
    assert step_match(matches, 9, 1) == 2  # past the last: back to the first
    assert step_match(matches, 2, -1) == 9
    assert step_match(matches, 6, 1) == 9  # a selection between matches: the next later one
    assert step_match(matches, 6, -1) == 5
    assert step_match([], 3, 1) is None


def test_the_count_says_which_match_is_selected():
    assert count_text([2, 5, 9], 5) == "2 of 3 matches"
    assert count_text([2, 5, 9], 4) == "3 matches"
    assert count_text([7], 7) == "1 of 1 match"
    assert count_text([], -1) == "No matches"


def test_marked_words_are_escaped_and_a_needle_never_breaks_markup():
    assert mark_html("Aegis <b>ashore</b>", "aegis") == "<mark>Aegis</mark> &lt;b&gt;ashore&lt;/b&gt;"
    assert mark_html("a < b & c", "&") == "a &lt; b <mark>&amp;</mark> c"
    assert mark_html("x <b y", "<b") == "x <mark>&lt;b</mark> y"
    assert mark_html("amp; &amp;", "amp") == "<mark>amp</mark>; &amp;<mark>amp</mark>;"
    assert mark_html("plain", "") == "plain"


def test_the_status_line_says_why_events_are_hidden():
    assert shown_summary(41, 41, "", []) == "41 events"
    assert shown_summary(12, 41, "Aegis", []) == "12 of 41 events shown \u2014 search \u2018Aegis\u2019"
    assert shown_summary(30, 41, "", ["works"]) == "30 of 41 events shown \u2014 hidden: works"
    assert shown_summary(186_253, 1_000_000, "summit", []).startswith("186,253 of 1,000,000 events shown")
    text = shown_summary(3, 41, "x", ["a", "b", "c"])
    assert text == "3 of 41 events shown \u2014 search \u2018x\u2019; hidden: 3 categories"
