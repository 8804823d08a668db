"""Evidence you can weigh, in the file: an event's status, typed links between events, quotes
anchored by the text around them, and sources that derive from others (so two reports that are
one count once)."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.model.formats import FORMATS, assert_same_timeline, round_trip
from timeline_app.model import LoadError, Problem, load_path, load_text
from timeline_app.model.derivation import find_cycle, independent_ids
from timeline_app.model.records import Excerpt, Link, Source

DOC: dict[str, Any] = {
    "title": "Weighing",
    "sources": {
        "nikkei": {"title": "Nikkei report", "file": "nikkei.txt", "file_sha256": "ab" * 32},
        "walker": {
            "title": "Walker report",
            "derived_from": "nikkei",
            "derived_note": "rewrites the Nikkei report sentence by sentence",
        },
        "digest": {"title": "Digest", "derived_from": ["walker", "jt"]},
        "jt": {"title": "Japan Times", "url": "https://example.org/jt"},
    },
    "events": [
        {
            "id": "talks",
            "title": "Talks begin",
            "date": "2022-01",
            "category": "policy",
            "excerpts": [
                {"source": "walker", "quote": "talks began", "prefix": "On Jan. 26 ", "suffix": "."},
                {"source": "nikkei", "quote": "talks began"},
            ],
        },
        {
            "id": "hearings",
            "title": "Hearings",
            "start": "2022-01",
            "end": "2022-21",
            "category": "policy",
            "status": "planned",
            "excerpts": [{"source": "jt", "quote": "will last until fall"}],
            "links": [
                {"type": "part_of", "to": "talks", "source": "jt", "quote": "as part of the talks"},
                {"type": "leads_to", "to": "nss", "inferred": True, "note": "the hearings fed the text"},
            ],
        },
        {
            "id": "nss",
            "title": "NSS adopted",
            "date": "2022-12-16",
            "category": "document",
            "excerpts": [
                {"source": "digest", "quote": "adopted"},
                {"source": "walker", "quote": "adopted"},
                {"source": "jt", "quote": "adopted"},
            ],
        },
    ],
}


def load(doc: dict[str, Any]) -> Any:
    return load_text(yaml.safe_dump(doc, sort_keys=False), "t.yaml")


def problems_of(doc: dict[str, Any]) -> list[Problem]:
    with pytest.raises(LoadError) as info:
        load(doc)
    return info.value.problems


def test_the_new_fields_reach_events_excerpts_sources_and_links() -> None:
    timeline = load(DOC)
    talks, hearings = timeline.event("talks"), timeline.event("hearings")
    assert talks.status == "happened" and hearings.status == "planned"
    assert talks.excerpts[0] == Excerpt("walker", "talks began", None, "On Jan. 26 ", ".")
    assert hearings.links == (
        Link("part_of", "talks", "jt", "as part of the talks"),
        Link("leads_to", "nss", inferred=True, note="the hearings fed the text"),
    )
    assert timeline.sources["walker"].derived_from == ("nikkei",)
    assert timeline.sources["digest"].derived_from == ("walker", "jt")
    assert timeline.sources["nikkei"].file_sha256 == "ab" * 32
    assert list(timeline.columns.status) == ["happened", "planned", "happened"]


def test_a_derived_source_is_folded_into_the_one_it_derives_from() -> None:
    """Walker rewrites Nikkei: citing both is one independent source, as is citing Walker alone."""
    timeline = load(DOC)
    talks, hearings, nss = (timeline.event(i) for i in ("talks", "hearings", "nss"))
    assert timeline.independent_sources(talks) == ("nikkei",)
    assert timeline.independent_sources(hearings) == ("jt",)
    # the digest combines Walker (so Nikkei) and the Japan Times: all three cited are one
    assert timeline.independent_sources(nss) == ("nikkei",)
    columns = timeline.columns
    assert columns.n_sources.tolist() == [2, 1, 3]
    assert columns.independent.tolist() == [1, 1, 1]


def test_independent_sources_stay_apart() -> None:
    sources = {
        "a": Source("a", "A"),
        "b": Source("b", "B"),
        "c": Source("c", "C", derived_from=("a",)),
        "d": Source("d", "D", derived_from=("c",)),
    }
    assert independent_ids(["d", "b"], sources) == ("a", "b")
    assert independent_ids(["b", "d", "c", "a"], sources) == ("b", "a")
    assert independent_ids(["unknown"], sources) == ("unknown",)


def test_a_file_without_derivation_counts_every_source() -> None:
    doc = copy.deepcopy(DOC)
    for source in doc["sources"].values():
        source.pop("derived_from", None)
    columns = load(doc).columns
    assert columns.independent.tolist() == columns.n_sources.tolist() == [2, 1, 3]


def test_find_cycle_names_the_sources_along_it() -> None:
    assert find_cycle({"a": ("b",), "b": ("c",), "c": ("a",)}) == ["a", "b", "c", "a"]
    assert find_cycle({"a": ("b",), "b": ("c",), "d": ("a", "c")}) is None
    assert find_cycle({"x": ("y",), "y": ("y",)}) == ["y", "y"]


@pytest.mark.parametrize("fmt", FORMATS)
def test_every_format_carries_status_links_anchors_and_derivation(fmt: str, tmp_path: Path) -> None:
    original = load(DOC)
    again = round_trip(original, tmp_path, fmt)
    assert_same_timeline(again, original)
    assert again.event("hearings").links == original.event("hearings").links != ()
    if fmt == "csv":
        assert (tmp_path / "t.links.csv").read_text(encoding="utf-8").startswith("event,type,to,")


def test_a_cycle_of_derivation_is_refused() -> None:
    doc = copy.deepcopy(DOC)
    doc["sources"]["nikkei"]["derived_from"] = "digest"
    [problem] = problems_of(doc)
    assert "derive from each other in a circle" in problem.message
    assert "nikkei -> digest -> walker -> nikkei" in problem.message
    text = yaml.safe_dump(doc, sort_keys=False)
    assert (problem.line, problem.column) == _yaml_place(text, ["sources", "nikkei", "derived_from"])


def _yaml_place(text: str, path: list[str | int]) -> tuple[int, int]:
    node = yaml.compose(text)
    for step in path:
        node = (
            node.value[step] if isinstance(step, int) else next(v for k, v in node.value if k.value == step)
        )
    return node.start_mark.line + 1, node.start_mark.column + 1


LINK_CASES: dict[str, tuple[dict[str, Any], str, str]] = {
    "unknown event": (
        {"type": "part_of", "to": "talk", "inferred": True, "note": "n"},
        "to",
        "a link of event 'hearings' goes to 'talk', which is no event's id; did you mean 'talks'?",
    ),
    "itself": (
        {"type": "part_of", "to": "hearings", "inferred": True, "note": "n"},
        "to",
        "a link of event 'hearings' goes to the event itself",
    ),
    "bad type": (
        {"type": "leads to", "to": "nss", "inferred": True, "note": "n"},
        "type",
        "'type' of a link of event 'hearings' must be one of revises, replaces, leads_to, part_of, "
        "responds_to; got 'leads to'; did you mean 'leads_to'?",
    ),
    "neither cited nor inferred": (
        {"type": "leads_to", "to": "nss"},
        "",
        "a link of event 'hearings' neither cites a passage nor is marked inferred",
    ),
    "inferred without a note": (
        {"type": "leads_to", "to": "nss", "inferred": True},
        "",
        "a link of event 'hearings' is inferred but has no 'note'",
    ),
    "cited and inferred": (
        {"type": "leads_to", "to": "nss", "source": "jt", "quote": "q", "inferred": True},
        "inferred",
        "cites a passage and is marked inferred",
    ),
    "unknown source": (
        {"type": "leads_to", "to": "nss", "source": "jtt", "quote": "q"},
        "source",
        "a link of event 'hearings' cites source 'jtt', which is not among the sources",
    ),
    "source without quote": (
        {"type": "leads_to", "to": "nss", "source": "jt"},
        "",  # a missing key is reported where the link starts
        "a link of event 'hearings' cites 'jt' but has no 'quote'",
    ),
}


@pytest.mark.parametrize("case", sorted(LINK_CASES))
def test_a_bad_link_is_reported_where_it_stands_in_yaml_and_json(case: str, tmp_path: Path) -> None:
    link, key, words = LINK_CASES[case]
    doc = copy.deepcopy(DOC)
    doc["events"][1]["links"] = [link]
    for fmt, text in (("yaml", yaml.safe_dump(doc, sort_keys=False)), ("json", json.dumps(doc, indent=2))):
        path = tmp_path / f"t.{fmt}"
        path.write_text(text, encoding="utf-8")
        with pytest.raises(LoadError) as info:
            load_path(path)
        [problem] = info.value.problems
        assert words in problem.message, (fmt, problem)
        where: list[str | int] = ["events", 1, "links", 0] + ([key] if key else [])
        assert (problem.file, problem.line, problem.column) == (str(path), *_yaml_place(text, where)), fmt


def test_a_bad_link_in_a_csv_links_file_is_reported_at_its_row(tmp_path: Path) -> None:
    (tmp_path / "t.csv").write_text("id,title,start,category\na,A,2020,x\nb,B,2021,x\n", encoding="utf-8")
    links = tmp_path / "t.links.csv"
    links.write_text(
        "event,type,to,inferred,note\na,leads_to,b,true,why\nb,leads_to,c,true,why\nz,part_of,a,true,n\n",
        encoding="utf-8",
    )
    with pytest.raises(LoadError) as info:
        load_path(tmp_path / "t.csv")
    found = sorted((p.file, p.line, p.column, p.message) for p in info.value.problems)
    assert found == [
        (str(links), 3, 3, "a link of event 'b' goes to 'c', which is no event's id"),
        (
            str(links),
            4,
            1,
            "this link belongs to event 'z', which is not in the events file; give the id of the "
            "event the link starts from",
        ),
    ]


def test_a_list_where_one_id_is_expected_is_refused_but_derived_from_takes_one() -> None:
    doc = copy.deepcopy(DOC)
    doc["events"][0]["status"] = ["planned"]
    [problem] = problems_of(doc)
    assert problem.message == "'status' of event 'talks' must be text, not a list"
    doc = copy.deepcopy(DOC)
    doc["sources"]["digest"]["derived_from"] = ["walker", {"id": "jt"}]
    [problem] = problems_of(doc)
    assert "an id in 'derived_from' of source 'digest' must be text" in problem.message


def test_a_file_without_sources_may_cite_them_by_id_in_links_too() -> None:
    timeline = load_text(
        "events:\n"
        "  - {id: a, title: A, date: '2020', category: x, excerpts: [{source: s1, quote: q}]}\n"
        "  - {id: b, title: B, date: '2021', category: x,\n"
        "     links: [{type: responds_to, to: a, source: s2, quote: in reply}]}\n"
    )
    assert sorted(timeline.sources) == ["s1", "s2"]
    assert timeline.event("b").links == (Link("responds_to", "a", "s2", "in reply"),)


def test_json_takes_derived_from_as_one_id_or_a_list_of_them() -> None:
    from timeline_app.model.loader import load_json_text

    doc = copy.deepcopy(DOC)
    doc["sources"]["2001"] = {"title": "Numbered"}
    doc["sources"]["digest"]["derived_from"] = ["walker", 2001]
    timeline = load_json_text(json.dumps(doc), "t.json")
    assert timeline.sources["digest"].derived_from == ("walker", "2001")
    doc["sources"]["digest"]["derived_from"] = ["walker", True]
    with pytest.raises(LoadError) as info:
        load_json_text(json.dumps(doc), "t.json")
    [problem] = info.value.problems
    assert "an id in 'derived_from' of source 'digest' must be text, not true/false" in problem.message


def test_support_is_said_in_the_panels_words() -> None:
    from timeline_app.model.evidence import source_count_text

    assert [source_count_text(n, k) for n, k in [(0, 0), (1, 1), (3, 3), (2, 1)]] == [
        "no source",
        "1 source",
        "3 sources",
        "2 reports, 1 independent",
    ]
