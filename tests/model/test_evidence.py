"""Evidence from the model outward: corroboration, inference, conflicts, publication order."""

import pytest

from timeline_app.model import load_path
from timeline_app.model.dates import parse_date
from timeline_app.model.evidence import (
    citation_numbers,
    mentions_date,
    sources_by_publication,
    states_event_date,
)
from timeline_app.resources import default_dataset


@pytest.fixture(scope="module")
def timeline():
    return load_path(default_dataset())


def test_corroboration_counts_distinct_sources(timeline):
    columns = timeline.columns
    counts = dict(zip(columns.ids, columns.n_sources.tolist(), strict=True))
    assert counts["nss-revision-talks-begin"] == 3  # Walker, Nikkei, editorial
    assert counts["cyberattacks-increase"] == 2
    assert counts["nss-2013"] == 2  # two passages of one commentary count once
    assert counts["kishida-foip-speech"] == 1


def test_inferred_and_conflicting_events_come_from_the_data(timeline):
    columns = timeline.columns
    inferred = {i for i, flag in zip(columns.ids, columns.inferred.tolist(), strict=True) if flag}
    assert {"aegis-ashore-cancelled", "kishida-biden-video-summit", "quad-summit-planned"} <= inferred
    assert "kishida-foip-speech" not in inferred
    conflicts = [i for i, flag in zip(columns.ids, columns.conflict.tolist(), strict=True) if flag]
    assert conflicts == ["nss-2013"]


def test_sources_in_publication_order_with_citation_numbers(timeline):
    order = [s.id for s in sources_by_publication(timeline)]
    assert order == ["tokuchi-2020", "editorial-2022", "miki-2022", "walker-2022", "tokuchi-2023"]
    assert citation_numbers(timeline)["tokuchi-2023"] == 5


@pytest.mark.parametrize(
    "text, date, stated",
    [
        ("established its first strategy in December 2013.", "2013-12", True),
        ("announced in June that it will abandon", "2020-06", False),
        ("in a speech on March 20, 2023.", "2023-03-20", True),
        ("in a speech on March 2, 2023.", "2023-03-20", False),
        ("in the spring of 2023", "spring 2023", True),
        ("Between 2016 and 2017", "2016", True),
    ],
)
def test_a_passage_states_a_date_only_when_it_gives_every_part(text, date, stated):
    assert mentions_date(text, parse_date(date)) is stated


def test_which_excerpt_states_the_date(timeline):
    aegis = timeline.event("aegis-ashore-cancelled")
    assert not any(states_event_date(x, aegis) for x in aegis.excerpts)
    foip = timeline.event("kishida-foip-speech")
    assert states_event_date(foip.excerpts[0], foip)
    nss = timeline.event("nss-2013")
    assert [states_event_date(x, nss) for x in nss.excerpts] == [True, False, True]
