"""Fuzzing the loaders: whatever the text, the answer is a timeline or a LoadError, quickly."""

import json

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from timeline_app.model import LoadError, load_text
from timeline_app.model.loader import load_csv_text, load_json_text
from timeline_app.resources import default_dataset

DATASET = default_dataset().read_text(encoding="utf-8")
LINES = DATASET.splitlines(keepends=True)
NASTY = [
    *":-'\"\t\n&*![]{}#|>%@`,? x0",
    "\u2019",
    "\u00e9",
    "\x00",
    "---\n",
    "<<: *a\n",
    "!!python/name:os.system ",
]
FUZZ = settings(max_examples=120, deadline=5000, suppress_health_check=[HealthCheck.too_slow])


def load_or_error(text: str) -> None:
    try:
        load_text(text, "fuzz.yaml")
    except LoadError as exc:
        assert exc.problems and all(p.file == "fuzz.yaml" for p in exc.problems)


edit = st.one_of(
    st.tuples(st.just("insert"), st.integers(0, len(DATASET)), st.sampled_from(NASTY)),
    st.tuples(st.just("delete"), st.integers(0, len(DATASET)), st.integers(1, 40)),
    st.tuples(st.just("dup_line"), st.integers(0, len(LINES) - 1), st.just(0)),
    st.tuples(st.just("drop_line"), st.integers(0, len(LINES) - 1), st.just(0)),
)


def apply(text: str, edits) -> str:  # type: ignore[no-untyped-def]
    for kind, at, arg in edits:
        at = min(at, len(text))
        if kind == "insert":
            text = text[:at] + arg + text[at:]
        elif kind == "delete":
            text = text[:at] + text[at + arg :]
        else:
            lines = text.splitlines(keepends=True)
            if not lines:
                continue
            i = at % len(lines)
            lines[i : i + 1] = [lines[i], lines[i]] if kind == "dup_line" else []
            text = "".join(lines)
    return text


@FUZZ
@given(st.lists(edit, min_size=1, max_size=6))
def test_mutated_dataset_loads_or_reports(edits):
    load_or_error(apply(DATASET, edits))


scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=False),
    st.text(max_size=20),
    st.sampled_from(["2020", "2013-12", "spring 2023", "2023-02-30"]),
)
values = st.recursive(
    scalars,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
    max_leaves=20,
)
keys = st.sampled_from(
    [
        "id",
        "title",
        "date",
        "start",
        "end",
        "category",
        "summary",
        "excerpts",
        "inferred",
        "approximate",
        "date_note",
        "source",
        "quote",
        "claims_date",
        "x",
    ]
)
event = st.dictionaries(keys, values, max_size=8)


@FUZZ
@given(
    st.dictionaries(
        st.sampled_from(["title", "sources", "events", "description", "other"]),
        st.one_of(values, st.lists(event, max_size=5)),
        max_size=4,
    )
)
def test_generated_documents_load_or_report(document):
    load_or_error(yaml.safe_dump(document, allow_unicode=True))


@FUZZ
@given(
    st.lists(
        st.lists(
            st.text(alphabet=st.characters(blacklist_categories=["Cs"]), max_size=12), min_size=0, max_size=8
        ),
        max_size=10,
    )
)
def test_generated_csv_loads_or_reports(rows):
    import csv
    import io

    out = io.StringIO()
    csv.writer(out).writerows([["id", "title", "start", "end", "category", "summary"], *rows])
    try:
        load_csv_text(out.getvalue(), "fuzz.csv", "t")
    except LoadError as exc:
        assert exc.problems


@FUZZ
@given(st.lists(event, max_size=6), st.one_of(st.none(), values), st.sampled_from([None, 1]))
def test_generated_json_loads_or_reports(events, sources, indent):
    """Problems are located by walking the JSON text, on one line or many."""
    text = json.dumps({"events": events, "sources": sources}, default=str, indent=indent)
    try:
        load_json_text(text, "fuzz.json", "t")
    except LoadError as exc:
        assert exc.problems and all(p.line >= 1 or p.message.startswith("...") for p in exc.problems)


@FUZZ
@given(
    st.lists(
        st.lists(
            st.text(alphabet=st.characters(blacklist_categories=["Cs"]), max_size=12), min_size=0, max_size=9
        ),
        max_size=10,
    ),
    st.lists(st.lists(st.text(max_size=8), min_size=2, max_size=4), max_size=4),
)
def test_generated_csv_with_excerpts_and_sources_loads_or_reports(rows, sources):
    import csv
    import io

    out, side = io.StringIO(), io.StringIO()
    csv.writer(out).writerows(
        [["id", "title", "start", "end", "category", "summary", "source", "quote", "claims_date"], *rows]
    )
    csv.writer(side).writerows([["id", "title", "url", "published"], *sources])
    try:
        load_csv_text(out.getvalue(), "fuzz.csv", "t", side.getvalue(), "fuzz.sources.csv")
    except LoadError as exc:
        assert exc.problems
