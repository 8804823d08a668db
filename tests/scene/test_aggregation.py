"""Every event reachable: what a view aggregates depends on what fits the picture, not on how
many long spans overlap an instant; counts and drawn events agree wherever both are shown."""

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from timeline_app.scene.arrays import DAY, Visibility, arrays_from_columns
from timeline_app.scene.compute import SceneInput, compute_scene
from timeline_app.scene.label_text import LabelText
from timeline_app.scene.measure import Measures
from timeline_app.scene.model import Rect, Viewport

MEASURES = Measures.mono()
WIDE = Rect(0.0, 0.0, 1600.0, 600.0)
NARROW = Rect(0.0, 0.0, 60.0, 600.0)  # holds 90 events one by one


def timeline_arrays(seed: int, n: int, years: float = 40, longest_years: float = 3):
    """n events over `years`, 10% of them spans of up to `longest_years`, sorted by start."""
    rng = np.random.default_rng(seed)
    x0 = np.sort(rng.uniform(0, years * 365 * DAY, n))
    is_span = rng.random(n) < 0.1
    length = np.where(is_span, rng.uniform(DAY, longest_years * 365 * DAY, n), DAY)
    zeros = np.zeros(n, np.int32)
    return arrays_from_columns(
        x0, x0 + length, is_span, zeros, zeros.astype(np.int8), zeros + 1, np.zeros(n, bool), ("x",)
    )


def scene_input(arrays, shown=None) -> SceneInput:
    titles = [f"Event {i}" for i in range(len(arrays))]
    return SceneInput(arrays, LabelText(titles, MEASURES.label), Visibility(arrays, shown))


@given(
    seed=st.integers(0, 10_000),
    lo=st.floats(-5 * 365 * DAY, 45 * 365 * DAY),
    width=st.floats(60.0, 20 * 365 * DAY),
    longest=st.sampled_from([0.01, 3.0, 100.0]),
)
@settings(max_examples=80, deadline=None)
def test_spans_near_and_through_a_view_equal_brute_force(seed, lo, width, longest):
    """A span either starts in view, ends in it having started before, or runs through it:
    the three are found (and the last counted) without walking over the spans."""
    arrays = timeline_arrays(seed, 600, longest_years=longest)
    shown = np.random.default_rng(seed).random(600) < 0.7
    visibility = Visibility(arrays, shown)
    hi = lo + width
    x0, x1, span = arrays.x0, arrays.x1, arrays.is_span
    points = shown & ~span & (arrays.x >= lo) & (arrays.x <= hi)
    starting = shown & span & (x0 >= lo) & (x0 <= hi)
    ending = shown & span & (x0 < lo) & (x1 >= lo) & (x1 <= hi)
    through = shown & span & (x0 < lo) & (x1 > hi)
    assert np.array_equal(visibility.near(lo, hi), np.flatnonzero(points | starting | ending))
    assert np.array_equal(visibility.through(lo, hi), np.flatnonzero(through))
    assert visibility.through_count(lo, hi) == through.sum()
    overlapping = shown & span & (x0 <= hi) & (x1 >= lo)
    assert np.array_equal(visibility.indices(lo, hi), np.flatnonzero(points | overlapping))


@given(seed=st.integers(0, 1_000), start=st.floats(0.05, 0.9), days=st.floats(1.0, 60.0))
@settings(max_examples=25, deadline=None)
def test_aggregated_counts_equal_the_events_drawn_when_the_same_range_fits(seed, start, days):
    """The same range in a picture too narrow to show its events one by one, and in one wide
    enough: the counted clusters add up to the events drawn whose marker is in view."""
    arrays = timeline_arrays(seed, 20_000)
    given_ = scene_input(arrays)
    lo = float(arrays.x0[0] + start * (arrays.x1.max() - arrays.x0[0]))
    hi = lo + days * DAY
    detailed = compute_scene(given_, Viewport(lo, hi, WIDE), MEASURES)
    counted = compute_scene(given_, Viewport(lo, hi, NARROW), MEASURES)
    assert not detailed.aggregated
    drawn = np.concatenate([detailed.markers.idx, detailed.spans.idx])
    drawn_in_view = drawn[(arrays.x[drawn] >= lo) & (arrays.x[drawn] <= hi)]
    if counted.aggregated:
        assert sum(b.count for b in counted.badges) == len(drawn_in_view) == counted.n_visible
    else:  # few enough for the narrow picture too: it draws the same, or counts what runs through
        missing = np.setdiff1d(detailed.visible, counted.visible)
        assert set(counted.visible.tolist()) <= set(detailed.visible.tolist())
        assert ((arrays.x0[missing] < lo) & (arrays.x1[missing] > hi)).all()
        assert sum(b.count for b in counted.badges if b.text.endswith("spans")) == len(missing)


def test_a_one_day_view_of_a_million_events_shows_that_days_events_with_labels():
    """At 10^6 events about 3,700 long spans overlap any instant: the day's own events are
    drawn and labelled anyway, and the spans running through the day are counted in a badge."""
    arrays = timeline_arrays(1, 1_000_000)
    given_ = scene_input(arrays)
    lo = float(np.median(arrays.x0))
    hi = lo + DAY
    scene = compute_scene(given_, Viewport(lo, hi, WIDE), MEASURES)
    points = ~arrays.is_span & (arrays.x >= lo) & (arrays.x <= hi)
    starting = arrays.is_span & (arrays.x0 >= lo) & (arrays.x0 <= hi)
    ending = arrays.is_span & (arrays.x0 < lo) & (arrays.x1 >= lo) & (arrays.x1 <= hi)
    through = arrays.is_span & (arrays.x0 < lo) & (arrays.x1 > hi)
    assert through.sum() > 2_500, "the case this test is about: more spans overlap than fit"
    assert not scene.aggregated
    assert set(scene.markers.idx.tolist()) == set(np.flatnonzero(points).tolist())
    assert set(np.flatnonzero(starting).tolist()) <= set(scene.spans.idx.tolist())
    assert scene.labels, "the day's events should have titles"
    labelled = {label.index for label in scene.labels}
    assert labelled <= set(np.flatnonzero(points | starting | ending).tolist())
    assert labelled & set(np.flatnonzero(points).tolist()), "the day's own points get titles"
    spans_badges = [b for b in scene.badges if b.text.endswith("spans")]
    assert [b.count for b in spans_badges] == [int(through.sum())]
    assert spans_badges[0].hi - spans_badges[0].lo > hi - lo, "its click zooms out"


def test_spans_running_through_a_view_are_drawn_when_they_fit():
    """A few long spans over a quiet day are drawn one by one, not counted."""
    arrays = timeline_arrays(2, 3_000)
    given_ = scene_input(arrays)
    lo = float(np.median(arrays.x0))
    scene = compute_scene(given_, Viewport(lo, lo + DAY, WIDE), MEASURES)
    through = arrays.is_span & (arrays.x0 < lo) & (arrays.x1 > lo + DAY)
    assert through.any()
    assert set(np.flatnonzero(through).tolist()) <= set(scene.spans.idx.tolist())
    assert not [b for b in scene.badges if b.text.endswith("spans")]
