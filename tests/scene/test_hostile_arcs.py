"""An event with a hundred thousand links, selected: its arcs are laid out without trying each
label against every other (16,000 links took 5.7 s a frame, 10^5 would freeze the window). The
arcs drawn are the nearest ones, up to a bound; the panel still lists every link."""

from tests.scene.test_arcs import MEASURES, timeline_input, view
from timeline_app.scene.arcs import MAX_ARCS, LinkEnd
from timeline_app.scene.compute import compute_scene


def test_an_event_with_a_hundred_thousand_links_draws_the_nearest_arcs() -> None:
    links = {0: tuple(LinkEnd(1 + i % 9, "leads_to", i % 2 == 0, True) for i in range(100_000))}
    scene = compute_scene(timeline_input(links, selected=0), view(-1, 11), MEASURES)
    assert len(scene.arcs) == MAX_ARCS
    assert {arc.other for arc in scene.arcs} == {1}  # event 1 is the nearest: each of its links


def test_a_few_links_are_all_drawn() -> None:
    links = {0: tuple(LinkEnd(1 + i % 9, "leads_to", True, True) for i in range(9))}
    scene = compute_scene(timeline_input(links, selected=0), view(-1, 11), MEASURES)
    assert sorted(arc.other for arc in scene.arcs) == list(range(1, 10))
