"""Swimlanes, laid out headless: each lane's events in its own band above one shared axis."""

import itertools

import numpy as np

from tests.conftest import FIXTURE
from tests.scene.test_compute import MEASURES, PLOT, random_input, whole
from timeline_app.model import load_path
from timeline_app.presentation.view_state import ViewState
from timeline_app.scene.arrays import Visibility
from timeline_app.scene.compute import SceneInput, compute_scene
from timeline_app.scene.label_text import LabelText
from timeline_app.scene.lanes import COLLAPSED_HEIGHT, LaneInput, lane_bands


def lanes_of(given: SceneInput, collapsed: set[int] = frozenset()) -> list[LaneInput]:
    codes = given.arrays.category
    return [
        LaneInput(name, Visibility(given.arrays, codes == k), int((codes == k).sum()), k in collapsed)
        for k, name in enumerate(given.arrays.categories)
    ]


def test_bands_fill_the_height_without_gaps_and_a_collapsed_lane_keeps_one_row():
    given = random_input(1, 300)
    lanes = lanes_of(given, collapsed={1})
    bands = lane_bands(10.0, 510.0, 0.0, 800.0, lanes)
    assert bands[0].y == 10.0 and bands[-1].bottom == 510.0
    assert all(a.bottom == b.y for a, b in itertools.pairwise(bands))
    assert bands[1].h == COLLAPSED_HEIGHT
    assert bands[0].h > COLLAPSED_HEIGHT and bands[2].h > COLLAPSED_HEIGHT


def test_a_busier_lane_gets_more_height():
    given = random_input(2, 50)
    lanes = [
        LaneInput("busy", Visibility(given.arrays), 400),
        LaneInput("quiet", Visibility(given.arrays), 4),
    ]
    busy, quiet = lane_bands(0.0, 600.0, 0.0, 800.0, lanes)
    assert busy.h > quiet.h >= 52.0


def test_each_lane_draws_only_its_own_events_inside_its_band():
    given = random_input(3, 120)
    given.lanes = lanes_of(given)
    scene = compute_scene(given, whole(given), MEASURES)
    assert [lane.name for lane in scene.swimlanes] == ["a", "b", "c"]
    for k, lane in enumerate(scene.swimlanes):
        part = lane.scene
        drawn = np.concatenate([part.markers.idx, part.spans.idx])
        assert len(drawn) and (given.arrays.category[drawn] == k).all()
        inside = [
            lane.band.y <= label.rect.y and label.rect.bottom <= lane.band.bottom for label in part.labels
        ]
        assert all(inside)
        assert lane.band.y < part.baseline < lane.band.bottom
    # one shared axis, below every lane
    assert scene.ticks and scene.swimlanes[-1].band.bottom <= scene.axis_top


def test_badges_in_a_lane_never_cover_a_title():
    given = random_input(4, 900)
    given.lanes = lanes_of(given)
    scene = compute_scene(given, whole(given), MEASURES)
    for lane in scene.swimlanes:
        for badge in lane.scene.badges:
            assert not any(badge.rect.intersects(label.rect) for label in lane.scene.labels)
            assert lane.band.y <= badge.rect.y


def test_a_collapsed_lane_shows_its_markers_but_no_titles():
    given = random_input(5, 200)
    given.lanes = lanes_of(given, collapsed={0})
    scene = compute_scene(given, whole(given), MEASURES)
    folded = scene.swimlanes[0]
    assert folded.collapsed and folded.band.h == COLLAPSED_HEIGHT
    assert not folded.scene.labels and not folded.scene.badges
    assert len(folded.scene.markers.idx) + len(folded.scene.spans.idx) > 0
    assert scene.swimlanes[1].scene.labels  # the open lanes keep theirs


def test_a_click_finds_the_event_in_the_lane_under_the_pointer():
    state = ViewState(load_path(FIXTURE))
    state.set_swimlanes("category")
    groups = state.lane_groups()
    given = SceneInput(state.arrays, LabelText(state.titles(), MEASURES.label))
    given.lanes = [
        LaneInput(g.name, Visibility(state.arrays, g.members), int(g.members.sum())) for g in groups
    ]
    scene = compute_scene(given, whole(given, PLOT), MEASURES)
    for lane in scene.swimlanes:
        for label in lane.scene.labels:
            rect = label.rect
            assert scene.hit_test(rect.x + 2, rect.y + rect.h / 2) == label.index
    assert sorted(scene.labelled()) == list(range(len(state.arrays)))  # room for every title
