"""Pure layout: culling, lane packing and clustering, checked against brute force."""

import numpy as np
import pyarrow as pa
from hypothesis import given, settings
from hypothesis import strategies as st

from timeline_app.model.arrow_texts import ArrowTexts
from timeline_app.model.calendar import civil, day_number
from timeline_app.model.columns import CodedText
from timeline_app.scene import arrays as layout_arrays
from timeline_app.scene import labels as layout_labels_mod
from timeline_app.scene import ticks as layout_ticks
from timeline_app.scene.arrays import DAY, arrays_from_columns


def random_arrays(seed: int, n: int):
    rng = np.random.default_rng(seed)
    x0 = np.sort(rng.uniform(0, 40 * 365 * DAY, n))
    is_span = rng.random(n) < 0.1
    length = np.where(is_span, rng.uniform(DAY, 3 * 365 * DAY, n), DAY)
    zeros = np.zeros(n, np.int32)
    return arrays_from_columns(
        x0, x0 + length, is_span, zeros, zeros.astype(np.int8), zeros + 1, np.zeros(n, bool), ("x",)
    )


@given(seed=st.integers(0, 10_000), lo=st.floats(0, 40 * 365 * DAY), width=st.floats(DAY, 5e9))
@settings(max_examples=60, deadline=None)
def test_culling_by_binary_search_equals_brute_force(seed, lo, width):
    """A point shows where its marker is in view; a span wherever it overlaps the view."""
    arrays = random_arrays(seed, 500)
    hi = lo + width
    points = ~arrays.is_span & (arrays.x >= lo) & (arrays.x <= hi)
    spans = arrays.is_span & (arrays.x0 <= hi) & (arrays.x1 >= lo)
    assert np.array_equal(layout_arrays.visible_indices(arrays, lo, hi), np.flatnonzero(points | spans))


@given(seed=st.integers(0, 10_000), lo=st.floats(0, 40 * 365 * DAY), width=st.floats(DAY, 5e9))
@settings(max_examples=40, deadline=None)
def test_counts_and_density_agree_with_a_filtered_brute_force(seed, lo, width):
    arrays = random_arrays(seed, 400)
    shown = np.random.default_rng(seed).random(400) < 0.6
    hi = lo + width
    in_range = shown & (arrays.x >= lo) & (arrays.x <= hi)
    visibility = layout_arrays.Visibility(arrays, shown)
    assert visibility.count(lo, hi) == in_range.sum()
    density = visibility.density(lo, hi, 37)
    expected, _ = np.histogram(arrays.x[shown], bins=np.linspace(lo, hi, 38))
    assert density.sum() == in_range.sum() - ((arrays.x[shown] == hi).sum())
    assert np.abs(density - expected).sum() <= 2 * ((arrays.x[shown] == hi).sum())


@given(seed=st.integers(0, 10_000), lo=st.floats(0, 40 * 365 * DAY), width=st.floats(DAY, 5e9))
@settings(max_examples=40, deadline=None)
def test_no_filter_counts_as_a_filter_that_shows_everything(seed, lo, width):
    """Without a filter nothing is counted ahead (a count up to k is k): the answers are those of
    a filter that lets every event through."""
    arrays = random_arrays(seed, 400)
    hi = lo + width
    unfiltered, everything = (
        layout_arrays.Visibility(arrays),
        layout_arrays.Visibility(arrays, np.ones(400, bool)),
    )
    assert unfiltered.count(lo, hi) == everything.count(lo, hi)
    assert unfiltered.through_count(lo, hi) == everything.through_count(lo, hi)
    assert unfiltered.density(lo, hi, 37).tolist() == everything.density(lo, hi, 37).tolist()
    assert unfiltered.through_count(lo, hi) == len(unfiltered.through(lo, hi))


@given(st.lists(st.tuples(st.floats(0, 2000), st.floats(10, 300)), max_size=200), st.integers(1, 12))
@settings(max_examples=80, deadline=None)
def test_lane_packing_never_overlaps_within_a_lane(boxes, n_lanes):
    left = np.array([b[0] for b in boxes], float)
    right = left + np.array([b[1] for b in boxes], float)
    first = 0 if boxes else None
    lanes = layout_labels_mod.layout_labels(left, right, n_lanes, gap=6.0, first=first)
    if boxes:
        assert lanes[0] == 0
    for lane in range(n_lanes):
        members = np.flatnonzero(lanes == lane)
        for a in members:
            for b in members:
                if a < b:
                    assert right[a] + 6 <= left[b] or right[b] + 6 <= left[a]


def test_a_box_only_goes_unplaced_when_every_lane_is_busy_there():
    left = np.array([0.0, 10.0, 20.0, 500.0])
    right = left + 100
    lanes = layout_labels_mod.layout_labels(left, right, n_lanes=2)
    assert lanes.tolist() == [0, 1, -1, 0]


def test_clusters_count_every_hidden_event_once():
    px = np.array([0.0, 5, 10, 100, 104, 400])
    clusters = layout_labels_mod.cluster_hidden(px, px, px + 1, radius=24)
    assert [c.count for c in clusters] == [3, 2, 1]
    merged = layout_labels_mod.merge_badges(clusters, width=lambda n: 400.0)
    assert sum(c.count for c in merged) == 6 and len(merged) == 1


def test_month_is_placed_mid_month_and_covers_it():
    from timeline_app.model import load_text

    timeline = load_text("events:\n  - {id: a, title: A, date: '2013-12', category: x}\n")
    arrays = layout_arrays.build_arrays(timeline)
    assert civil(layout_arrays.seconds_day(arrays.x0[0])) == (2013, 12, 1)
    assert civil(layout_arrays.seconds_day(arrays.x1[0] - 1)) == (2013, 12, 31)
    assert civil(layout_arrays.seconds_day(arrays.x[0])) == (2013, 12, 16)


def _labels(lo, hi, width=1600):
    from timeline_app.scene.arrays import date_seconds

    return [t.label for t in layout_ticks.date_ticks(date_seconds(lo), date_seconds(hi), width)]


def test_axis_ticks_adapt_from_decades_to_days():

    decades = _labels(day_number(1900, 1, 1), day_number(2020, 1, 1), width=1000)
    assert decades[:3] == ["1900", "1910", "1920"]
    years = _labels(day_number(2005, 1, 1), day_number(2024, 1, 1))
    assert years[:3] == ["2005", "2006", "2007"]
    months = _labels(day_number(2022, 1, 1), day_number(2022, 12, 31))
    assert months[:3] == ["2022", "Feb", "Mar"]
    days = _labels(day_number(2022, 1, 1), day_number(2022, 1, 20))
    assert days[:3] == ["1 Jan 2022", "2 Jan", "3 Jan"]


def test_axis_ticks_never_crowd():

    from timeline_app.scene.arrays import date_seconds

    for days in (3, 10, 45, 200, 800, 5000, 40000):
        lo = date_seconds(day_number(2000, 1, 1))
        hi = lo + days * DAY
        ticks = layout_ticks.date_ticks(lo, hi, 1000)
        gaps = np.diff([t.seconds for t in ticks]) * 1000 / (hi - lo)
        assert len(ticks) >= 2 and gaps.min() >= 64 * 0.45, days


def test_status_codes_agree_for_list_coded_and_arrow_columns():
    """A status column read from a cached or Arrow file gives the codes a list gives."""
    words = ["happened", "planned", "disputed", "alleged", "happened", "reported", "expected"]
    expected = layout_arrays.status_codes(words).tolist()
    assert expected == [layout_arrays.STATUSES.index(w) for w in words]
    distinct = sorted(set(words))
    coded = CodedText(np.array([distinct.index(w) for w in words], np.int32), distinct)
    assert layout_arrays.status_codes(coded).tolist() == expected
    assert layout_arrays.status_codes(ArrowTexts(pa.array(words))).tolist() == expected
