"""Structure-aware fuzzing of CSV and JSON timelines: make a valid one, then break its structure.

Whatever the mutation, loading raises nothing but `LoadError`, every problem is at a line >= 1
or about the whole file (0, 0), and loading the same text twice gives the same outcome.
"""

from __future__ import annotations

import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from timeline_app.model.loader import load_csv_text, load_json_text
from timeline_app.model.problems import LoadError

KEYS = ["id", "title", "start", "category", "end", "summary", "inferred", "approximate"]
CONTROL = ["\x00", "\f", "\v", "\x1b", "\u2028", "\x85", "\r", "\n", '"', ",", "\ufeff"]

texts = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=12)
events = st.lists(
    st.fixed_dictionaries(
        {
            "id": st.from_regex(r"[a-z][a-z0-9]{0,4}", fullmatch=True),
            "title": texts.filter(str.strip),
            "start": st.sampled_from(["2020", "2020-05", "1999-12-31", "44 BC", "2022~"]),
            "category": st.sampled_from(["war", "law", "x"]),
        }
    ),
    min_size=1,
    max_size=6,
)
values = st.one_of(
    texts, st.integers(), st.floats(), st.booleans(), st.none(), st.lists(st.integers(), max_size=2)
)


def outcome(load, *args):
    try:
        timeline = load(*args)
    except LoadError as exc:
        for p in exc.problems:
            assert p.line >= 1 or (p.line, p.column) == (0, 0), p
            assert p.column >= 0
        return [str(p) for p in exc.problems]
    return [(e.id, e.title) for e in timeline.events]


def check(load, *args) -> None:
    assert outcome(load, *args) == outcome(load, *args)


@st.composite
def csv_texts(draw) -> str:
    rows = draw(events)
    header = list(KEYS[:4])
    table = [[row[k] for k in header] for row in rows]
    op = draw(st.sampled_from(["drop", "duplicate", "control", "truncate", "swap", "quote"]))
    if op == "drop":
        i = draw(st.integers(0, len(header) - 1))
        header.pop(i)
        table = [r[:i] + r[i + 1 :] for r in table] if draw(st.booleans()) else table
    elif op == "duplicate":
        i = draw(st.integers(0, len(header) - 1))
        header.append(header[i])
        table = [[*r, r[i]] for r in table]
    elif op == "swap":
        i, j = draw(st.integers(0, 3)), draw(st.integers(0, 3))
        header[i], header[j] = header[j], header[i]
    lines = [",".join(header), *(",".join(f'"{v}"' if draw(st.booleans()) else v for v in r) for r in table)]
    text = "\n".join(lines) + "\n"
    if op in ("control", "quote"):
        at = draw(st.integers(0, len(text)))
        text = text[:at] + draw(st.sampled_from(CONTROL)) + text[at:]
    if op == "truncate":
        text = text[: draw(st.integers(0, len(text)))]
    return text


@st.composite
def json_texts(draw) -> str:
    rows: list[dict] = draw(events)
    op = draw(st.sampled_from(["drop", "duplicate", "type", "control", "truncate", "nest"]))
    row = draw(st.integers(0, len(rows) - 1))
    key = draw(st.sampled_from(KEYS))
    if op == "drop":
        rows[row].pop(key, None)
    elif op == "type":
        rows[row][key] = draw(values)
    elif op == "nest":
        rows[row][key] = {"a": [draw(values)]}
    text = json.dumps({"title": "T", "events": rows}, indent=draw(st.sampled_from([None, 2])))
    if op == "duplicate":
        text = text.replace('"id":', f'"{key}": {json.dumps(draw(values))}, "id":', 1)
    if op == "control":
        at = draw(st.integers(0, len(text)))
        text = text[:at] + draw(st.sampled_from(CONTROL)) + text[at:]
    if op == "truncate":
        text = text[: draw(st.integers(0, len(text)))]
    return text


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(csv_texts())
def test_mutated_csv_gives_load_errors_with_places_and_the_same_outcome_twice(text: str) -> None:
    check(load_csv_text, text, "t.csv", "t")


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(json_texts())
def test_mutated_json_gives_load_errors_with_places_and_the_same_outcome_twice(text: str) -> None:
    check(load_json_text, text, "t.json")
