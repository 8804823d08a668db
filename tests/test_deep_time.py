"""Timelines far from today load, draw, export and round-trip: 3000 BCE to AD 2150, deep time in
millions of years, and the years 9999 and 12,000 (beyond Python's datetime)."""

import json
import subprocess
import sys

import numpy as np
import pytest
from PySide6.QtGui import QImage

from tests.conftest import FIXTURES
from tests.model.formats import column_values
from timeline_app.model import load_path
from timeline_app.presentation.view_state import ViewState
from timeline_app.render import make_canvas, paint_canvas

CASES = ["ancient.yaml", "deep.yaml", "far.yaml"]


def cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "timeline_app", *args], capture_output=True, text=True, timeout=120
    )


@pytest.mark.parametrize("name", CASES)
def test_every_event_is_drawn_and_labelled(qapp, name):
    state = ViewState(load_path(FIXTURES / name))
    canvas = make_canvas(state, 1400, 500)
    paint_canvas(canvas)
    scene = canvas.item.current_scene()
    assert sorted(scene.labelled()) == list(range(len(state.timeline.events)))
    assert len(scene.markers.idx) + len(scene.spans.idx) == len(state.timeline.events)
    assert sum(t.label_rect is not None for t in scene.ticks) >= 4
    canvas.close()


@pytest.mark.parametrize("name", CASES)
def test_export_draws_the_events_not_a_blank_picture(tmp_path, name):
    out = tmp_path / "t.png"
    result = cli("export", str(FIXTURES / name), "-o", str(out), "--width", "900", "--height", "400")
    assert result.returncode == 0, result.stderr
    image = QImage(str(out)).convertToFormat(QImage.Format.Format_RGB32)
    colours = {image.pixel(x, y) for x in range(0, 900, 3) for y in range(60, 330, 3)}
    assert len(colours) > 20, "the plot is (nearly) empty"


@pytest.mark.parametrize("name", CASES)
def test_list_json_loads_back_to_the_same_columns(tmp_path, name):
    result = cli("list", str(FIXTURES / name), "--json")
    assert result.returncode == 0, result.stderr
    written = tmp_path / "again.json"
    written.write_text(result.stdout, encoding="utf-8")
    again, original = load_path(written), load_path(FIXTURES / name)
    assert column_values(again.columns) == column_values(original.columns)
    dates = {e["id"]: (e["start"], e["end"]) for e in json.loads(result.stdout)["events"]}
    if name == "ancient.yaml":
        assert dates["c"] == ("-0043-03-15", None) and dates["g"] == ("2022", "..")
        assert dates["h"] == ("2100", "unknown") and dates["f"] == ("199X", None)
    if name == "deep.yaml":
        assert dates["impact"] == ("Y-66000000", None)


def test_an_export_range_accepts_the_same_date_forms(tmp_path):
    out = tmp_path / "t.png"
    result = cli(
        "export", str(FIXTURES / "ancient.yaml"), "-o", str(out), "--from", "44 BC", "--to", "AD 100"
    )
    assert result.returncode == 0, result.stderr
    assert QImage(str(out)).width() == 1600


def test_years_before_the_era_can_be_written_bce(qapp):
    state = ViewState(load_path(FIXTURES / "ancient.yaml"))
    state.set_era("BCE")
    canvas = make_canvas(state, 1400, 500)
    labels = [t.label for t in canvas.item.current_scene().ticks if t.label_rect is not None]
    assert "3000 BCE" in labels and not any(label.endswith(" BC") for label in labels)
    assert "c. 3000 BCE" in state.tooltip(0)
    canvas.close()
    assert np.all(state.arrays.x0[:-1] <= state.arrays.x0[1:])
