"""`export-annotations` attacked: JSON may carry lone surrogates ('\\ud800'), which the other
commands print escaped. The export made its ids and text fragments by encoding them as UTF-8 and
died with a traceback; now it writes valid JSON, to stdout or a file, that loads to the same
texts."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from timeline_app.cli import main

DATA = {
    "title": "Lone \ud800 title",
    "sources": {"s": {"title": "S \udfff", "url": "https://example.org/a\ud800"}},
    "events": [
        {
            "id": "a",
            "title": "Ev \ud800 x",
            "start": "2020",
            "category": "c",
            "excerpts": [{"source": "s", "quote": "q \udc00 r", "prefix": "p \ud800"}],
        }
    ],
}


@pytest.mark.parametrize("to_file", [False, True])
def test_lone_surrogates_are_exported_as_valid_json(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], to_file: bool
) -> None:
    path = tmp_path / "lone.json"
    path.write_text(json.dumps(DATA), encoding="ascii")
    out = tmp_path / "a.jsonld"
    status = main(["export-annotations", str(path), *(["-o", str(out)] if to_file else [])])
    assert status == 0
    text = out.read_text(encoding="utf-8") if to_file else capsys.readouterr().out
    text.encode("utf-8")  # strict: nothing unencodable was written
    document = json.loads(text)
    [item] = document["first"]["items"]
    assert item["target"]["selector"]["exact"] == "q \udc00 r"
    assert item["target"]["selector"]["prefix"] == "p \ud800"
    assert item["body"][0]["value"] == "Ev \ud800 x"
    assert item["target"]["id"].startswith("https://example.org/a\ud800#:~:text=p%20%ED%A0%80-,q%20")
