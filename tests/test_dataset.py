"""The embedded chronology, asserted in one place: its milestones, its recorded disagreement,
and every quote verbatim in its source document. Other tests use the small fixture timeline."""

import subprocess
import sys

import pytest

from tests.conftest import SEEDS
from timeline_app.model import load_path
from timeline_app.resources import default_dataset


def run(*args):
    return subprocess.run(
        [sys.executable, "-m", "timeline_app", *args], capture_output=True, text=True, timeout=60
    )


def test_embedded_dataset_loads_with_its_milestones():
    timeline = load_path(default_dataset())
    by_id = {e.id: e for e in timeline.events}
    assert len(timeline.events) >= 30
    assert by_id["nss-2013"].when.start.text() == "December 2013"
    assert by_id["ndpg-2018"].when.start.text() == "December 2018"
    assert by_id["aegis-ashore-cancelled"].when.start.text() == "June 2020"
    assert by_id["aegis-ashore-cancelled"].inferred
    for doc in ("nss-2022", "nds-2022", "dbp-2022"):
        assert by_id[doc].when.start.iso() == "2022-12-16"
    assert by_id["kishida-foip-speech"].when.start.iso() == "2023-03-20"
    assert all(e.excerpts for e in timeline.events)


def test_embedded_dataset_records_the_2012_vs_2013_disagreement():
    timeline = load_path(default_dataset())
    conflicts = timeline.event("nss-2013").conflicting_excerpts()
    assert [c.claims_date.text() for c in conflicts] == ["2012"]


@pytest.mark.skipif(not SEEDS.is_dir(), reason="the seed documents (../shared/seeds) are not here")
def test_every_quote_of_the_embedded_dataset_is_verbatim_in_its_seed():
    result = run("check", "--sources", str(SEEDS))
    assert result.returncode == 0, result.stdout
    assert "0 not found" in result.stdout
    assert "CONFLICT nss-2013" in result.stdout
    # the twice-printed photo caption is anchored, and every document is the version checked
    assert "0 stand more than once with nothing to pick one" in result.stdout
    assert "0 prefix/suffix do not match; 0 documents changed since checked" in result.stdout
    assert "no file_sha256 stored" not in result.stdout
    assert "SOURCES cyberattacks-increase: 2 reports, 1 independent" in result.stdout


@pytest.mark.parametrize(("size", "at_least"), [((1600, 900), 43), ((1920, 1080), 43), ((1280, 720), 34)])
def test_the_export_of_the_chronology_shows_whole_titles(qapp, size, at_least):
    """At 1600x900 every title of the embedded data is shown whole; at 1280x720 at least 34 of
    43 (the others are counted in a badge, their titles in tooltips and the numbered list). A
    dozen events crowd early 2022; drawing the plans and the independent counts there cost a label
    or two at this size (36 before)."""
    from timeline_app.presentation.view_state import ViewState
    from timeline_app.render import make_canvas, paint_canvas

    state = ViewState(load_path(default_dataset()))
    state.set_citations(True)
    canvas = make_canvas(state, *size)
    paint_canvas(canvas)
    scene = canvas.item.current_scene()
    whole = [label for label in scene.labels if label.whole]
    assert len(whole) >= at_least
    for label in whole:  # whole: the title itself, not a cut of it
        title = state.timeline.columns.titles[label.index]
        assert label.text.startswith(title) or " ".join(label.lines).startswith(title)
    canvas.close()


@pytest.mark.parametrize("preset", ["report", "slide", "square", "column", (1200, 500), (900, 420)])
@pytest.mark.parametrize("rng", [None, ("2022-01", "2023-03"), ("2022-03", "2022-11")])
def test_every_preset_has_room_for_the_timeline_its_axis_legend_and_sources(qapp, preset, rng):
    """Nothing falls off the bottom of the picture, and the timeline keeps a third of it."""
    from timeline_app.model.dates import parse_date
    from timeline_app.presentation.view_state import ViewState
    from timeline_app.render import PRESETS, Preset, export_canvas, paint_canvas
    from timeline_app.scene.arrays import DAY, date_seconds

    chosen = PRESETS[preset] if isinstance(preset, str) else Preset("custom", *preset, 1.0, "custom")
    state = ViewState(load_path(default_dataset()))
    state.set_citations(True)
    x_range = None
    if rng is not None:
        lo, hi = parse_date(rng[0]).first_day(), parse_date(rng[1]).last_day()
        x_range = (date_seconds(lo), date_seconds(hi) + DAY)
    with export_canvas(
        state, chosen.width, chosen.height, font_scale=chosen.font_scale, x_range=x_range
    ) as canvas:
        paint_canvas(canvas)
        bottom = canvas.citations.mapRectToScene(canvas.citations.boundingRect()).bottom()
        assert bottom <= canvas.height() + 1
        assert canvas.item.current_scene().plot.h >= canvas.height() / 3


# Corrections of issue #17's fact-check: each guard fails if the old wording comes back.


@pytest.fixture(scope="module")
def embedded():
    return load_path(default_dataset())


def test_the_nss_2022_summary_says_the_taiwan_expressions_are_new_to_the_document(embedded):
    """The commentary says the *expressions* about Taiwan are not new but appear in this
    document for the first time; it does not say the NSS names Taiwan for the first time."""
    nss = embedded.event("nss-2022")
    assert "names Taiwan" not in nss.summary
    assert "expressions on Taiwan are not new" in nss.summary
    assert any(x.quote.startswith("These expressions are not new") for x in nss.excerpts)
    assert all("Taiwan for the first time" not in e.summary for e in embedded.events)


def test_no_event_claims_what_no_source_says(embedded):
    """'successor' (NDS to NDPG), 'New Delhi' (the FOIP speech) and 'new weapons' (the pact) are
    in no source document."""
    texts = [f"{e.title} {e.summary}" for e in embedded.events]
    for word in ("successor", "New Delhi", "new weapons"):
        assert not [t for t in texts if word in t], word
    pact = embedded.event("joint-operation-plan-meeting")
    assert "how to deal with the latest weapons" in pact.summary
    assert any("how to deal with the latest weapons" in x.quote for x in pact.excerpts)


def test_the_editorials_month_is_said_to_come_from_matching_its_this_week(embedded):
    editorial = embedded.sources["editorial-2022"]
    assert editorial.published_inferred
    assert editorial.published is not None and editorial.published.text() == "January 2022"
    assert "early 2022" in editorial.published_note
    assert "matching" in editorial.published_note and '"Wednesday"' in editorial.published_note


def test_the_start_of_the_revision_talks_is_not_supported_by_the_editorial_dated_from_it(embedded):
    """The editorial's month is worked out from this event, so it cannot support its date."""
    talks = embedded.event("nss-revision-talks-begin")
    assert talks.source_ids == ("walker-2022", "miki-2022")
    assert "not cited" in talks.date_note


def test_the_us_rebalance_year_is_marked_as_resting_on_the_commentarys_2012(embedded):
    """Its '2012' is the commentary's time 'when the present National Security Strategy was
    established', a year the dataset itself records as contradicted (December 2013)."""
    rebalance = embedded.event("us-rebalance-2012")
    assert rebalance.when.start.text() == "c. 2012"
    assert "when the present National Security Strategy was established" in rebalance.date_note


def test_the_japan_philippines_2plus2_cites_a_passage_naming_the_countries(embedded):
    meeting = embedded.event("japan-philippines-2plus2")
    assert meeting.when.start.text() == "April 2022"
    assert any("Philippines" in x.quote and "2+2" in x.quote for x in meeting.excerpts)


def test_the_expert_panel_hearings_end_is_a_plan_and_their_start_rests_on_nikkei_alone(embedded):
    """'will last until fall' is January's schedule; the start is Nikkei's 'Wednesday' read
    against its own date (the Walker report rewrites Nikkei's and is no check on it)."""
    hearings = embedded.event("expert-panel-hearings")
    assert hearings.when.start.iso() == "2022-01-26"
    assert hearings.when.end is not None and hearings.when.end.text() == "autumn 2022"
    assert "not a reported end" in hearings.date_note
    assert "January 27, 2022" in hearings.date_note
    assert hearings.source_ids == ("miki-2022",)


def test_the_two_events_the_fact_check_found_missing_are_dated_as_their_texts_state(embedded):
    """Seed 002 (2020) reports that the government will also deliberate acquiring strike
    capability; seed 003 (early 2022) that an assembly of foreign-affairs and economic cabinet
    officials 'has been established'. Neither text gives a date of its own: each takes its
    document's (inferred) date, and the assembly may be older than that."""
    assert len(embedded.events) == 43
    deliberation = embedded.event("strike-capability-deliberation")
    assert deliberation.when.start.text() == "2020"
    assert deliberation.inferred
    assert [(x.source, x.quote) for x in deliberation.excerpts] == [
        (
            "tokuchi-2020",
            "Reportedly, the government will also deliberate whether to acquire the capability to "
            "strike the missile launching sites of its adversaries.",
        )
    ]
    assembly = embedded.event("economic-cabinet-assembly")
    assert assembly.when.start.text() == "c. start of 2022"
    assert assembly.inferred and assembly.approximate
    assert [x.source for x in assembly.excerpts] == ["editorial-2022"]
    assert (
        "an assembly of cabinet officials in charge of foreign affairs and economics has been "
        "established" in assembly.excerpts[0].quote
    )


def test_the_walker_report_derives_from_the_nikkei_report_it_rewrites(embedded):
    """Seed 000 rewrites seed 001 sentence by sentence: the three events both report rest on
    one independent source, not two."""
    walker = embedded.sources["walker-2022"]
    assert walker.derived_from == ("miki-2022",)
    for parallel in ("8.5 times", "forms the basis of", "entirely dependent on the U.S."):
        assert parallel in walker.derived_note
    for event_id in ("cyberattacks-increase", "nss-revision-talks-begin", "strategy-revision-deadline"):
        event = embedded.event(event_id)
        assert event.source_ids == ("walker-2022", "miki-2022")
        assert embedded.independent_sources(event) == ("miki-2022",)


def test_plans_and_forecasts_are_not_drawn_as_what_happened(embedded):
    """'will last until fall', 'expected to be completed', 'agreed to hold ... this spring' and
    'will also deliberate' are plans; Aegis Ashore was announced to be abandoned."""
    planned = {e.id for e in embedded.events if e.status != "happened"}
    assert planned == {
        "expert-panel-hearings",
        "strategy-revision-deadline",
        "quad-summit-planned",
        "strike-capability-deliberation",
    }
    assert all(embedded.event(i).status == "planned" for i in planned)
    assert embedded.event("aegis-ashore-cancelled").title == "Japan to abandon Aegis Ashore"


LINEAGE = {
    # (from, type, to): the passage that states it, or None for the editor's inference
    ("ndpg-2018", "replaces", "ndpg-2013"): "The NDPG of 2013 had already been replaced by a new one",
    ("japan-australia-jdsc-2022", "revises", "japan-australia-jdsc-2007"): "was revised in October 2022",
    ("japan-india-acsa-signed", "leads_to", "japan-india-acsa-in-force"): "came into force in July 2021",
    ("nss-2022", "revises", "nss-2013"): None,
    ("nds-2022", "revises", "ndpg-2018"): None,
    ("nss-revision-talks-begin", "leads_to", "nss-2022"): None,
    ("expert-panel-hearings", "part_of", "nss-revision-talks-begin"): None,
}


def test_the_documents_lineage_is_linked_citing_a_passage_or_marked_inferred(embedded):
    """A link cites the passage that states it; where no source states it (the NDS as the
    revised NDPG, the talks leading to the NSS of 2022), it is marked inferred with a note."""
    links = {(e.id, link.type, link.to): link for e in embedded.events for link in e.links}
    assert set(links) == set(LINEAGE)
    for key, passage in LINEAGE.items():
        link = links[key]
        if passage is None:
            assert link.inferred and link.quote is None and "No source" in link.note
        else:
            assert not link.inferred and link.source and link.quote and passage in link.quote
