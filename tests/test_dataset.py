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
