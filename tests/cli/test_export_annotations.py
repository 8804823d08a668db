"""`export-annotations` writes the JSON-LD to a file or prints it; a bad target is refused."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from timeline_app.cli import main
from timeline_app.model import load_path
from timeline_app.resources import default_dataset


def test_the_embedded_dataset_exports_one_annotation_per_quoted_passage(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out.jsonld"
    assert main(["export-annotations", "-o", str(out)]) == 0
    written = json.loads(out.read_text(encoding="utf-8"))
    events = load_path(default_dataset()).events
    passages = sum(len(e.excerpts) + sum(x.quote is not None for x in e.links) for e in events)
    assert written["total"] == len(written["first"]["items"]) == passages
    assert capsys.readouterr().out == ""
    assert main(["export-annotations"]) == 0  # no -o: printed
    assert json.loads(capsys.readouterr().out) == written


def test_a_folder_that_does_not_exist_is_reported(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["export-annotations", "-o", str(tmp_path / "missing" / "out.jsonld")]) == 2
    assert "does not exist" in capsys.readouterr().err
