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
    assert counts["nss-revision-talks-begin"] == 2  # Walker, Nikkei (the editorial's date rests on it)
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
    assert [states_event_date(x, nss) for x in nss.excerpts] == [True, False, True, False]


@pytest.mark.parametrize(
    ("text", "date", "stated"),
    [
        ("Caesar died on 15 March 44 BC.", "15 March 44 BC", True),
        ("in 144 BC", "44 BC", False),
        ("in 12,000 BC", "12000 BC", True),
        ("by the end of 2022", "end of 2022", True),
        ("in 2022", "end of 2022", False),  # the year alone does not state the part of it
        ("in the first half of 2021", "first half of 2021", True),
        ("20133 things", "2013", False),
        ("the 1990s", "199X", False),
    ],
)
def test_a_passage_states_years_before_the_era_and_parts_of_years_only_as_written(text, date, stated):
    """ "States the date" must never be said of a passage that does not: BC years are written
    "44 BC", not "-43", and "end of 2022" needs its "end" as well as its year."""
    from timeline_app.model.dates import parse_date

    assert mentions_date(text, parse_date(date)) is stated


@pytest.mark.parametrize("text", ["In 2012, the US government", "revised in 2018.", "2017-2018 talks"])
def test_a_year_followed_or_preceded_by_punctuation_is_stated(text):
    from timeline_app.model.dates import parse_date

    year = "2012" if "2012" in text else "2018"
    assert mentions_date(text, parse_date(year))
