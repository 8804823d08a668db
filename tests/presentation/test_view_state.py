"""The view state, without Qt: filters, selection, options, and who is told about each change."""

import gc

import numpy as np

from tests.conftest import FIXTURE
from timeline_app.model import load_path
from timeline_app.presentation.navigation import step_target
from timeline_app.presentation.signals import Signal
from timeline_app.presentation.view_state import ViewState


def state() -> ViewState:
    return ViewState(load_path(FIXTURE))


class Listener:
    def __init__(self) -> None:
        self.calls = 0

    def on_changed(self) -> None:
        self.calls += 1


def test_each_change_is_announced_on_its_own_signal_and_bumps_the_version():
    s = state()
    seen = {name: Listener() for name in ("selection", "filter", "options")}
    s.selection_changed.connect(seen["selection"].on_changed)
    s.filter_changed.connect(seen["filter"].on_changed)
    s.options_changed.connect(seen["options"].on_changed)
    version = s.version
    s.set_selected(1)
    s.set_selected(1)  # no change, no announcement
    s.set_search("bridge")
    s.set_category_shown("works", False)
    s.set_sources_lane(True)
    assert [seen[k].calls for k in ("selection", "filter", "options")] == [1, 2, 1]
    assert s.version == version + 4


def test_search_and_category_filters_combine():
    s = state()
    s.set_search("bridge")  # titles, summaries and quotes
    by_search = set(np.flatnonzero(s.shown).tolist())
    s.set_category_shown("works", False)
    works = {i for i, e in enumerate(s.timeline.events) if e.category == "works"}
    assert set(np.flatnonzero(s.shown).tolist()) == by_search - works
    s.set_search("")
    s.show_only_categories(None)
    assert s.shown is None and s.n_shown() == len(s.timeline.events)


def test_a_copy_for_export_does_not_notify_the_window():
    s = state()
    listener = Listener()
    s.selection_changed.connect(listener.on_changed)
    twin = s.copy()
    twin.set_selected(3)
    assert listener.calls == 0 and s.selected == -1


def test_a_listener_that_is_gone_stops_listening():
    signal = Signal()
    listener = Listener()
    signal.connect(listener.on_changed)
    signal.emit()
    del listener
    gc.collect()
    assert signal.handlers() == []


def test_arrow_keys_step_through_shown_events_and_stop_at_the_ends():
    x = np.array([1.0, 2.0, 3.0, 4.0, 5.0])
    shown = np.array([0, 2, 4])
    assert step_target(shown, x, -1, +1, (2.5, 10)) == 2  # first shown event in view
    assert step_target(shown, x, 2, +1, (0, 10)) == 4
    assert step_target(shown, x, 2, -1, (0, 10)) == 0
    assert step_target(shown, x, 4, +1, (0, 10)) is None
    assert step_target(shown, x, 1, +1, (0, 10)) == 2  # from a hidden event to the next shown
    assert step_target(np.array([], int), x, -1, +1, (0, 10)) is None
