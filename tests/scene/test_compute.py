"""The scene, computed headless: what a picture draws where, with a fixed-width text measure."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.conftest import FIXTURE
from timeline_app.model import load_path
from timeline_app.model.calendar import day_number
from timeline_app.presentation.view_state import ViewState
from timeline_app.scene import compute
from timeline_app.scene.arrays import DAY, Visibility, arrays_from_columns, date_seconds
from timeline_app.scene.compute import SceneInput, compute_scene
from timeline_app.scene.label_text import LabelText
from timeline_app.scene.measure import Measures
from timeline_app.scene.model import Badge, Rect, Viewport

MEASURES = Measures.mono()
PLOT = Rect(0.0, 0.0, 1600.0, 600.0)


def random_input(seed: int, n: int, selected: int = -1) -> SceneInput:
    rng = np.random.default_rng(seed)
    x0 = np.sort(rng.uniform(0, 40 * 365 * DAY, n))
    is_span = rng.random(n) < 0.1
    length = np.where(is_span, rng.uniform(DAY, 3 * 365 * DAY, n), DAY)
    category = rng.integers(0, 3, n).astype(np.int32)
    arrays = arrays_from_columns(
        x0,
        x0 + length,
        is_span,
        category,
        np.zeros(n, np.int8),
        rng.integers(0, 4, n).astype(np.int32),
        np.zeros(n, bool),
        ("a", "b", "c"),
    )
    titles = [f"Event {i} " + "x" * int(rng.integers(0, 40)) for i in range(n)]
    return SceneInput(arrays, LabelText(titles, MEASURES.label), selected=selected)


def fixture_input(selected_id: str | None = None, lane: bool = False) -> tuple[ViewState, SceneInput]:
    state = ViewState(load_path(FIXTURE))
    if selected_id:
        state.set_selected(state.timeline.index_of(selected_id))
    state.set_sources_lane(lane)
    given = SceneInput(
        state.arrays,
        LabelText(state.titles(), MEASURES.label),
        Visibility(state.arrays),
        state.selected,
        state.alternatives,
        state.event_sources,
        state.source_marks() if lane else None,
    )
    return state, given


def whole(given: SceneInput, plot: Rect = PLOT) -> Viewport:
    lo, hi = given.arrays.extent
    pad = (hi - lo) * 0.05
    return Viewport(lo - pad, hi + pad, plot)


ranges = st.tuples(st.floats(0, 38 * 365 * DAY), st.floats(10 * DAY, 45 * 365 * DAY))
sizes = st.sampled_from([(640.0, 400.0), (1280.0, 720.0), (1600.0, 900.0), (3840.0, 1080.0)])


@given(seed=st.integers(0, 1000), rng=ranges, size=sizes, selected=st.integers(-1, 299))
@settings(max_examples=60, deadline=None)
def test_labels_never_overlap_each_other_the_markers_or_the_plot_edge(seed, rng, size, selected):
    given_ = random_input(seed, 300, selected)
    scene = compute_scene(given_, Viewport(rng[0], rng[0] + rng[1], Rect(0, 0, *size)), MEASURES)
    rects = [label.rect for label in scene.labels if not label.overlay]  # overlay: the selection on top
    marker_row = Rect(scene.plot.x, scene.baseline - 6, scene.plot.w, 12)
    for k, a in enumerate(rects):
        assert scene.plot.x <= a.x and a.right <= scene.plot.right
        assert scene.plot.y <= a.y and a.bottom <= scene.plot.bottom
        assert not a.intersects(marker_row)
        for b in rects[k + 1 :]:
            assert not a.intersects(b)


@given(seed=st.integers(0, 1000), rng=ranges, size=sizes)
@settings(max_examples=60, deadline=None)
def test_every_visible_event_is_labelled_or_counted_in_exactly_one_badge(seed, rng, size):
    given_ = random_input(seed, 300)
    scene = compute_scene(given_, Viewport(rng[0], rng[0] + rng[1], Rect(0, 0, *size)), MEASURES)
    assert not scene.aggregated
    labelled = scene.labelled()
    assert len(set(labelled)) == len(labelled)
    assert len(labelled) + sum(b.count for b in scene.badges) == len(scene.visible)


def test_the_selected_event_keeps_its_label_and_selection_moves_no_other_label():
    given_ = random_input(5, 300)
    lo = float(given_.arrays.x[150]) - 365 * DAY
    viewport = Viewport(lo, lo + 8 * 365 * DAY, Rect(0, 0, 640, 300))
    before = {label.index: label.rect for label in compute_scene(given_, viewport, MEASURES).labels}
    for selected in (150, *list(before)[:3]):
        given_.selected = selected
        scene = compute_scene(given_, viewport, MEASURES)
        label = scene.label_of(selected)
        assert label is not None and label.selected
        others = {x.index: x.rect for x in scene.labels if x.index != selected}
        assert others == {k: r for k, r in before.items() if k != selected}


def test_hit_testing_finds_each_label_marker_and_badge_and_nothing_in_empty_space():
    _, given_ = fixture_input()
    scene = compute_scene(given_, whole(given_, Rect(0, 0, 700, 260)), MEASURES)
    for label in scene.labels:
        r = label.rect
        assert scene.hit_test(r.x + r.w / 2, r.y + r.h / 2) == label.index
    for x in scene.markers.x.tolist():  # the nearest marker answers (labels sit above the row)
        hit = scene.hit_test(x, scene.baseline)
        assert isinstance(hit, int)
        assert abs(float(scene.markers.x[scene.markers.idx.tolist().index(hit)]) - x) <= 9
    for badge in scene.badges:
        assert scene.hit_test(badge.rect.x + 2, badge.rect.y + 2) == badge
    assert scene.hit_test(scene.plot.x + 2, scene.plot.y + 2) is None


def test_a_span_is_hit_on_its_bar_under_the_baseline():
    state, given_ = fixture_input()
    scene = compute_scene(given_, whole(given_), MEASURES)
    contest = state.timeline.index_of("design-contest")
    k = scene.spans.idx.tolist().index(contest)
    middle = (scene.spans.left[k] + scene.spans.right[k]) / 2
    assert scene.hit_test(middle, scene.spans.top + 1) == contest


def test_a_conflict_is_marked_with_the_date_the_other_passage_claims():
    state, given_ = fixture_input()
    scene = compute_scene(given_, whole(given_), MEASURES)
    approved = state.timeline.index_of("plan-approved")
    marker_x = scene.markers.x[scene.markers.idx.tolist().index(approved)]
    (conflict,) = scene.conflicts
    assert conflict.x == marker_x
    ((a, b),) = conflict.intervals
    claimed = Viewport(scene.viewport.lo, scene.viewport.hi, scene.plot)
    assert a == pytest.approx(claimed.to_px(date_seconds(day_number(2018, 1, 1))))
    assert b == pytest.approx(claimed.to_px(date_seconds(day_number(2019, 1, 1))))


def test_the_sources_lane_links_the_selected_event_to_the_documents_it_cites():
    _, given_ = fixture_input("plan-approved", lane=True)
    scene = compute_scene(given_, whole(given_), MEASURES)
    assert scene.lane is not None
    assert {m.source_id for m in scene.lane.marks if m.strong} == {"gazette", "review"}
    assert len(scene.lane.links) == 2
    assert all(label.rect.y >= scene.lane.band.bottom for label in scene.labels)


def test_aggregated_and_detailed_scenes_account_for_the_same_events(monkeypatch):
    given_ = random_input(11, 3000)
    lo, hi = np.percentile(given_.arrays.x, [40, 55])
    viewport = Viewport(float(lo), float(hi), PLOT)
    monkeypatch.setattr(compute, "AGGREGATE_AT", 10**9)
    plain = compute_scene(given_, viewport, MEASURES)
    monkeypatch.setattr(compute, "AGGREGATE_AT", 0)
    aggregated = compute_scene(given_, viewport, MEASURES)
    assert not plain.aggregated and aggregated.aggregated
    arrays = given_.arrays
    points = ~arrays.is_span & (arrays.x >= lo) & (arrays.x <= hi)
    spans = arrays.is_span & (arrays.x0 <= hi) & (arrays.x1 >= lo)
    assert set(plain.visible.tolist()) == set(np.flatnonzero(points | spans).tolist())
    assert len(plain.labelled()) + sum(b.count for b in plain.badges) == len(plain.visible)
    markers = int((arrays.x >= lo).sum() - (arrays.x > hi).sum())
    assert sum(b.count for b in aggregated.badges) == aggregated.n_visible == markers
    assert aggregated.density is not None and len(aggregated.density.left) == int(PLOT.w / 3)


def test_a_filter_applies_to_aggregated_counts(monkeypatch):
    given_ = random_input(12, 3000)
    shown = given_.arrays.category == 1
    given_.visibility = Visibility(given_.arrays, shown)
    monkeypatch.setattr(compute, "AGGREGATE_AT", 0)
    lo, hi = given_.arrays.extent
    scene = compute_scene(given_, Viewport(lo, hi, PLOT), MEASURES)
    assert scene.n_visible == int(shown.sum())
    assert all(isinstance(b, Badge) for b in scene.badges)


@given(seed=st.integers(0, 500), n=st.integers(150, 600))
@settings(max_examples=25, deadline=None)
def test_no_stretch_of_the_axis_with_events_is_left_without_a_title(seed, n):
    """Labels claim rows in turns across the axis: with a few hundred events over decades, every
    tenth of the picture that has events gets titles, however dense another decade is."""
    rng = np.random.default_rng(seed)
    x0 = np.sort(
        np.concatenate(
            [
                rng.uniform(0, 80 * 365 * DAY, n // 4),  # sparse decades
                rng.normal(60 * 365 * DAY, 365 * DAY, n - n // 4),
            ]
        )
    )  # one dense
    x0 = np.clip(x0, 0, 80 * 365 * DAY)
    zeros = np.zeros(len(x0), np.int32)
    arrays = arrays_from_columns(
        x0,
        x0 + DAY,
        np.zeros(len(x0), bool),
        zeros,
        zeros.astype(np.int8),
        zeros + 1,
        np.zeros(len(x0), bool),
        ("x",),
    )
    titles = [f"Event number {i} of the test" for i in range(len(x0))]
    given_ = SceneInput(arrays, LabelText(titles, MEASURES.label))
    viewport = Viewport(-365 * DAY, 81 * 365 * DAY, Rect(0, 0, 1600, 500))
    scene = compute_scene(given_, viewport, MEASURES)
    tenth = viewport.plot.w / 10
    for k in range(10):
        a, b = viewport.plot.x + k * tenth, viewport.plot.x + (k + 1) * tenth
        has_events = bool(((scene.markers.x >= a) & (scene.markers.x < b)).any())
        titled = any(
            a <= scene.markers.x[scene.markers.idx.tolist().index(label.index)] < b for label in scene.labels
        )
        assert titled or not has_events, f"no title in the tenth {k} of the axis"
