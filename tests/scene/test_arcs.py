"""The selected event's links as arcs, and each event's status, computed headless."""

import numpy as np
import pytest

from timeline_app.scene.arcs import LinkEnd, link_words
from timeline_app.scene.arrays import (
    DAY,
    STATUS_ALLEGED,
    STATUS_EXPECTED,
    STATUS_HAPPENED,
    STATUS_PLANNED,
    Visibility,
    arrays_from_columns,
)
from timeline_app.scene.compute import SceneInput, compute_scene
from timeline_app.scene.label_text import LabelText
from timeline_app.scene.measure import Measures
from timeline_app.scene.model import Arc, Rect, Viewport

MEASURES = Measures.mono()
PLOT = Rect(0.0, 0.0, 1200.0, 500.0)
YEAR = 365 * DAY


def timeline_input(links: dict[int, tuple[LinkEnd, ...]], status=None, selected=-1) -> SceneInput:
    """Ten events a year apart; event 4 is a two-year span."""
    x0 = np.arange(10) * YEAR
    is_span = np.zeros(10, bool)
    is_span[4] = True
    x1 = np.where(is_span, x0 + 2 * YEAR, x0 + DAY)
    arrays = arrays_from_columns(
        x0,
        x1,
        is_span,
        np.zeros(10, np.int32),
        np.zeros(10, np.int8),
        np.ones(10, np.int32),
        np.zeros(10, bool),
        ("a",),
        status=None if status is None else np.asarray(status, np.int8),
    )
    titles = [f"Event {i}" for i in range(10)]
    return SceneInput(
        arrays, LabelText(titles, MEASURES.label), selected=selected, links=lambda i: links.get(i, ())
    )


def view(lo_year: float, hi_year: float) -> Viewport:
    return Viewport(lo_year * YEAR, hi_year * YEAR, PLOT)


def marker_x(scene, index):
    return float(scene.markers.x[scene.markers.idx.tolist().index(index)])


def test_a_link_between_two_events_in_view_is_an_arc_from_one_marker_to_the_other():
    """The arc leaves the selected marker, rises above the baseline and comes down on the other;
    the arrowhead sits on the event the link points to."""
    given = timeline_input(
        {2: (LinkEnd(6, "revises", False, True), LinkEnd(1, "leads_to", True, False))}, selected=2
    )
    scene = compute_scene(given, view(-0.5, 9.5), MEASURES)
    assert {arc.other for arc in scene.arcs} == {6, 1}
    for arc in scene.arcs:
        ends = {round(float(arc.xs[0])), round(float(arc.xs[-1]))}
        assert ends == {round(marker_x(scene, 2)), round(marker_x(scene, arc.other))}
        assert (arc.ys < scene.baseline).all() and (arc.ys >= scene.plot.y).all()
        assert arc.off_screen == 0
    revises = next(a for a in scene.arcs if a.other == 6)
    leads = next(a for a in scene.arcs if a.other == 1)
    assert revises.head[0] == pytest.approx(marker_x(scene, 6))  # 2 revises 6: the arrow on 6
    assert leads.head[0] == pytest.approx(marker_x(scene, 2))  # 1 leads to 2: the arrow on 2
    assert revises.text == "revises" and leads.text == "follows from"
    assert not revises.inferred and leads.inferred


def test_a_link_to_an_event_out_of_view_points_to_the_edge_on_its_side_and_names_it():
    given = timeline_input(
        {5: (LinkEnd(9, "replaces", False, True), LinkEnd(0, "responds_to", False, False))}, selected=5
    )
    scene = compute_scene(given, view(3.5, 6.5), MEASURES)
    right = next(a for a in scene.arcs if a.other == 9)
    left = next(a for a in scene.arcs if a.other == 0)
    assert right.off_screen == 1 and left.off_screen == -1
    assert float(right.xs[0]) == pytest.approx(marker_x(scene, 5))
    assert float(right.xs[-1]) > scene.plot.right - 10 and float(left.xs[-1]) < scene.plot.x + 10
    assert right.head[0] > right.head[2]  # the chevron points right, out of the view
    assert left.head[0] < left.head[2]
    assert right.text == "replaces Event 9" and left.text == "answered by Event 0"
    for arc in (left, right):
        r = arc.label_rect
        assert scene.plot.x <= r.x and r.right <= scene.plot.right


def test_arc_labels_overlap_neither_each_other_nor_the_event_labels():
    links = {5: tuple(LinkEnd(k, "part_of", False, k < 5) for k in range(10) if k != 5)}
    scene = compute_scene(timeline_input(links, selected=5), view(-0.5, 9.5), MEASURES)
    assert len(scene.arcs) == 9
    rects = [a.label_rect for a in scene.arcs]
    for k, a in enumerate(rects):
        assert not any(a.intersects(b) for b in rects[k + 1 :])
        assert not any(a.intersects(label.rect) for label in scene.labels)


def test_a_span_is_linked_at_its_start_or_at_the_middle_of_its_part_in_view():
    """At its start (an event inside the span, linked "part of", gets an arc of its own), or,
    when the span began before the view, at the middle of what the view shows of it."""
    given = timeline_input({4: (LinkEnd(5, "part_of", False, False),)}, selected=4)
    scene = compute_scene(given, view(3.0, 9.5), MEASURES)
    (arc,) = scene.arcs
    assert float(arc.xs[0]) == pytest.approx(float(scene.viewport.to_px(4 * YEAR)))
    scene = compute_scene(given, view(4.5, 9.5), MEASURES)
    (arc,) = scene.arcs
    right = float(scene.viewport.to_px(6 * YEAR))
    assert float(arc.xs[0]) == pytest.approx((scene.plot.x + right) / 2)


def test_no_arcs_without_a_selection_or_with_the_selected_event_out_of_view_or_hidden():
    links = {2: (LinkEnd(6, "revises", False, True),)}
    assert compute_scene(timeline_input(links), view(-0.5, 9.5), MEASURES).arcs == []
    assert compute_scene(timeline_input(links, selected=2), view(5, 9.5), MEASURES).arcs == []
    given = timeline_input(links, selected=2)
    shown = np.ones(10, bool)
    shown[2] = False
    given.visibility = Visibility(given.arrays, shown)
    assert compute_scene(given, view(-0.5, 9.5), MEASURES).arcs == []


def test_a_click_on_an_arc_label_finds_the_link_before_what_lies_under_it():
    given = timeline_input({2: (LinkEnd(6, "revises", False, True),)}, selected=2)
    scene = compute_scene(given, view(-0.5, 9.5), MEASURES)
    (arc,) = scene.arcs
    r = arc.label_rect
    hit = scene.hit_test(r.x + r.w / 2, r.y + r.h / 2)
    assert isinstance(hit, Arc) and hit.other == 6


@pytest.mark.parametrize(
    ("kind", "forwards", "backwards"),
    [
        ("revises", "revises", "revised by"),
        ("replaces", "replaces", "replaced by"),
        ("leads_to", "leads to", "follows from"),
        ("part_of", "part of", "includes"),
        ("responds_to", "responds to", "answered by"),
    ],
)
def test_each_type_of_link_reads_both_ways(kind, forwards, backwards):
    assert link_words(kind, True) == forwards and link_words(kind, False) == backwards


def test_status_reaches_the_markers_and_a_planned_span_is_an_outline():
    status = [STATUS_HAPPENED] * 10
    status[1], status[3], status[4] = STATUS_PLANNED, STATUS_ALLEGED, STATUS_EXPECTED
    scene = compute_scene(timeline_input({}, status=status), view(-0.5, 9.5), MEASURES)
    by_index = dict(zip(scene.markers.idx.tolist(), scene.markers.status.tolist(), strict=True))
    assert by_index[1] == STATUS_PLANNED and by_index[3] == STATUS_ALLEGED and by_index[0] == STATUS_HAPPENED
    assert scene.spans.status.tolist() == [STATUS_EXPECTED]
    span_label = scene.label_of(4)
    assert span_label is not None and span_label.is_span and span_label.outline
    assert not any(label.outline for label in scene.labels if label.index != 4)


def test_a_link_to_an_event_a_filter_hides_says_so():
    given = timeline_input(
        {2: (LinkEnd(6, "revises", False, True), LinkEnd(9, "replaces", False, True))}, selected=2
    )
    shown = np.ones(10, bool)
    shown[[6, 9]] = False
    given.visibility = Visibility(given.arrays, shown)
    scene = compute_scene(given, view(-0.5, 7.5), MEASURES)
    texts = {arc.other: arc.text for arc in scene.arcs}
    assert texts == {6: "revises (hidden by a filter)", 9: "replaces Event 9 (hidden by a filter)"}
