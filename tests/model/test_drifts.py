"""Regressions for the ways the YAML path and the CSV/JSON path had drifted apart (issue "house
plan", part 2): each test states the behaviour every format now shares."""

from __future__ import annotations

import ast
import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.model.formats import FORMATS, write
from timeline_app.model import LoadError, load_path, load_text
from timeline_app.model.loader import load_csv_text, load_json_text
from timeline_app.model.records import Source
from timeline_app.resources import default_dataset

MODEL = Path(__file__).resolve().parents[2] / "src" / "timeline_app" / "model"


def messages(load: Callable[[], object]) -> list[str]:
    with pytest.raises(LoadError) as info:
        load()
    return [p.message for p in info.value.problems]


def test_list_json_output_keeps_the_sources_disagree_mark(tmp_path: Path) -> None:
    """`timeline-app list --json` printed claims_date, but the table path set no conflicts."""
    result = subprocess.run(
        [sys.executable, "-m", "timeline_app", "list", "--json"], capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    path = tmp_path / "listed.json"
    path.write_text(result.stdout, encoding="utf-8")
    again, original = load_path(path), load_path(default_dataset())
    conflicts = [i for i, c in zip(again.columns.ids, again.columns.conflict.tolist(), strict=True) if c]
    assert conflicts == [
        i for i, c in zip(original.columns.ids, original.columns.conflict.tolist(), strict=True) if c
    ]
    assert "nss-2013" in conflicts
    assert again.event("nss-2013") == original.event("nss-2013")


def big_csv(n: int, row: int, id_text: str, title: str) -> str:
    lines = ["id,title,start,category"]
    lines += [f"e{i},Event {i},{2000 + i % 20},x" for i in range(n)]
    lines[row + 1] = f"{id_text},{title},2001,x"
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize("n", [10, 100_001])
def test_whitespace_only_ids_and_titles_are_refused_at_every_size(n: int) -> None:
    """Below 100,000 rows they were refused, above it accepted."""
    text = big_csv(n, n - 1, "e-last", "   ")
    assert messages(lambda: load_csv_text(text, "t.csv", "t")) == ["event 'e-last' has no 'title'; add one"]
    text = big_csv(n, n - 1, "  ", "Title")
    [message] = messages(lambda: load_csv_text(text, "t.csv", "t"))
    assert message.startswith(f"the event on line {n + 1} has no 'id'")
    events = [{"id": f"e{i}", "title": "T", "start": "2020", "category": "x"} for i in range(n)]
    events[-1]["title"] = " \t"
    assert messages(lambda: load_json_text(json.dumps({"events": events}), "t.json")) == [
        f"event 'e{n - 1}' has no 'title'; add one"
    ]


def test_json_reports_a_bad_url_and_publication_date_as_yaml_does() -> None:
    """JSON silently dropped a bad `url` or `published`; YAML reported them."""
    document = {
        "sources": {"s": {"title": "Doc", "url": "javascript:alert(1)", "published": "sometime"}},
        "events": [{"id": "a", "title": "A", "start": "2020", "category": "x"}],
    }
    from_json = messages(lambda: load_json_text(json.dumps(document), "t.json"))
    from_yaml = messages(lambda: load_text(json.dumps(document), "t.yaml"))
    assert from_json == from_yaml
    assert any("the url of source 's' must start with http://" in m for m in from_json)
    assert any("the publication date of source 's' 'sometime'" in m for m in from_json)


YAML_WITH_LINES = """\
# comment lines and blank lines move events down
title: Lines

events:
  - id: late
    title: Late
    date: '2021'
    category: x

  - id: early
    title: Early
    date: '2019'
    category: x
"""


def test_event_line_is_the_line_where_the_event_starts_in_every_format(tmp_path: Path) -> None:
    """`Event.line` was the sorted row plus 2 on the table path, not the file's line."""
    timeline = load_text(YAML_WITH_LINES, "t.yaml")
    assert [(e.id, e.line) for e in timeline.events] == [("early", 10), ("late", 5)]
    csv_text = 'id,title,start,category\nlate,"two\nlines",2021,x\nearly,Early,2019,x\n'
    timeline = load_csv_text(csv_text, "t.csv", "t")
    assert [(e.id, e.line) for e in timeline.events] == [("early", 4), ("late", 2)]
    json_text = json.dumps(
        {
            "events": [
                {"id": "late", "title": "Late", "start": "2021", "category": "x"},
                {"id": "early", "title": "Early", "start": "2019", "category": "x"},
            ]
        },
        indent=2,
    )
    timeline = load_json_text(json_text, "t.json")
    assert [(e.id, e.line) for e in timeline.events] == [("early", 9), ("late", 3)]
    one_line = load_json_text(json.dumps(json.loads(json_text)), "t.json")
    assert [e.line for e in one_line.events] == [1, 1]


def test_every_format_requires_defined_sources_when_it_defines_any() -> None:
    """YAML required excerpts to cite a defined source; JSON and CSV accepted anything."""
    document = {
        "sources": {"nikkei": {"title": "Doc"}},
        "events": [
            {
                "id": "a",
                "title": "A",
                "start": "2020",
                "category": "x",
                "excerpts": [{"source": "nikei", "quote": "words"}],
            }
        ],
    }
    expected = [
        "an excerpt of event 'a' cites source 'nikei', which is not among the sources; did you mean 'nikkei'?"
    ]
    assert messages(lambda: load_text(json.dumps(document), "t.yaml")) == expected
    assert messages(lambda: load_json_text(json.dumps(document), "t.json")) == expected
    csv_text = "id,title,start,category,source,quote\na,A,2020,x,nikei,words\n"
    sources = "id,title\nnikkei,Doc\n"
    assert messages(lambda: load_csv_text(csv_text, "t.csv", "t", sources, "t.sources.csv")) == expected


def test_a_file_that_defines_no_sources_cites_sources_known_by_their_ids(tmp_path: Path) -> None:
    """Big tables with a bare `source` column keep working, now in every format."""
    csv_text = "id,title,start,category,source,quote\na,A,2020,x,nikkei,words\nb,B,2021,x,jt,more\n"
    timeline = load_csv_text(csv_text, "t.csv", "t")
    assert timeline.sources == {"nikkei": Source("nikkei", "nikkei"), "jt": Source("jt", "jt")}
    for fmt in FORMATS:
        assert load_path(write(timeline, tmp_path, fmt)).sources == timeline.sources
    yaml_text = (
        "events:\n  - {id: a, title: A, date: '2020', category: x,\n"
        "     excerpts: [{source: nikkei, quote: words}]}\n"
    )
    assert load_text(yaml_text).sources == {"nikkei": Source("nikkei", "nikkei")}
    assert messages(lambda: load_csv_text(csv_text.replace("jt", "j t"), "t.csv", "t")) == [
        "an excerpt of event 'b' cites source 'j t'; a source id may hold only letters, digits, "
        "'.', '_', ':' and '-' (and start with a letter or digit)"
    ]


def test_inferred_and_approximate_flags_mean_the_same_in_every_format() -> None:
    """CSV took "yes"/"1" and JSON any truthy value; YAML only true/false."""
    for text in ("yes", "1", "TRUE", "on"):
        yaml_text = f"events:\n  - {{id: a, title: A, date: '2020', category: x, inferred: {text}}}\n"
        assert load_text(yaml_text).events[0].inferred, text
    assert messages(
        lambda: load_json_text(
            json.dumps(
                {"events": [{"id": "a", "title": "A", "start": "2020", "category": "x", "inferred": 2}]}
            ),
            "t.json",
        )
    ) == ["'inferred' of event 'a' must be true or false, not '2'"]


def _imports(path: Path) -> set[str]:
    """Every model module `path` imports, at module level or inside functions."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module:
            names = [node.module, *(f"{node.module}.{a.name}" for a in node.names)]
        elif isinstance(node, ast.Import):
            names = [a.name for a in node.names]
        else:
            continue
        found.update(n.rsplit(".", 1)[-1] for n in names if n.startswith("timeline_app.model."))
    return found


def test_no_model_module_imports_another_that_imports_it_back() -> None:
    """columns.py and events.py imported each other (one of them inside a function)."""
    modules = {p.stem: p for p in MODEL.glob("*.py") if p.stem != "__init__"}
    graph = {name: _imports(path) & set(modules) for name, path in modules.items()}

    def reaches(start: str, goal: str, seen: set[str]) -> bool:
        return any(n == goal or (n not in seen and reaches(n, goal, seen | {n})) for n in graph[start])

    assert not [name for name in graph if reaches(name, name, {name})]


def test_a_plain_event_field_is_described_once_and_is_an_event_attribute() -> None:
    """Adding a field (a later `status`) is one `Field` in schema.py plus the `Event` attribute:
    readers, checks, columns, writers and the round-trip test all follow the schema."""
    from dataclasses import fields

    from timeline_app.model.records import Event
    from timeline_app.model.schema import PLAIN_FLAGS, PLAIN_TEXT

    assert set(PLAIN_TEXT) | set(PLAIN_FLAGS) <= {f.name for f in fields(Event)}


@pytest.mark.parametrize("bad_id", ["-a", "é", "a b", "a/b", ".x", "a\n", "ａ", "a\u200b"])
def test_every_id_is_checked_against_the_id_rule_in_every_format(bad_id: str) -> None:
    """The table path did not check id syntax at all."""
    events = [
        {"id": "ok", "title": "T", "start": "2020", "category": "x"},
        {"id": bad_id, "title": "T", "start": "2020", "category": "x"},
    ]
    expected = [
        f"event id {bad_id!r} may hold only letters, digits, '.', '_', ':' and '-' "
        "(and start with a letter or digit)"
    ]
    assert messages(lambda: load_json_text(json.dumps({"events": events}), "t.json")) == expected
    assert messages(lambda: load_text(json.dumps({"events": events}), "t.yaml")) == expected
