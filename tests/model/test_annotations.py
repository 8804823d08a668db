"""Excerpts as W3C Web Annotations, and links that open a source's page at the quote (Text
Fragments), checked against examples worked out by hand from the two specifications."""

from __future__ import annotations

import json

import pytest

from timeline_app.model import load_text
from timeline_app.model.annotations import CONTEXT, text_fragment, timeline_annotations

URL = "https://example.org/a"


@pytest.mark.parametrize(
    ("exact", "prefix", "suffix", "fragment"),
    [
        ("talks began", "", "", "#:~:text=talks%20began"),
        # '-', ',' and '&' mean something in a directive: encoded in every term
        (
            "a-b, c & d",
            "On Jan. 26",
            "- said",
            "#:~:text=On%20Jan.%2026-,a%2Db%2C%20c%20%26%20d,-%2D%20said",
        ),
        ("two\n  lines", " before ", "", "#:~:text=before-,two%20lines"),  # whitespace folded
        ("\u201cno\u201d 100% #1", "", "after", "#:~:text=%E2%80%9Cno%E2%80%9D%20100%25%20%231,-after"),
        ("\u65e5\u672c", "", "", "#:~:text=%E6%97%A5%E6%9C%AC"),
    ],
)
def test_a_text_fragment_encodes_each_term(exact: str, prefix: str, suffix: str, fragment: str) -> None:
    assert text_fragment(URL, exact, prefix, suffix) == URL + fragment


def test_a_url_with_a_fragment_keeps_it() -> None:
    assert text_fragment(URL + "#part", "x") == URL + "#part:~:text=x"


TIMELINE = """title: Weighing
sources:
  jt: {title: Japan Times, url: 'https://example.org/jt?id=1'}
  doc: {title: Local copy, file: doc.txt}
events:
  - id: talks
    title: Talks begin
    date: 2022-01
    category: policy
    excerpts:
      - {source: jt, quote: talks began, prefix: 'On Jan. 26, ', suffix: ', officials'}
      - {source: doc, quote: the talks}
  - id: none
    title: No evidence
    date: 2023
    category: other
  - id: plan
    title: Base to close
    date: 2030
    category: policy
    status: planned
    excerpts:
      - {source: doc, quote: will close}
    links:
      - {type: responds_to, to: talks, source: jt, quote: after the talks,
         prefix: 'closed ', suffix: ' ended'}
      - {type: part_of, to: talks, inferred: true, note: a guess}
"""


def test_every_excerpt_becomes_an_annotation_of_its_event() -> None:
    collection = timeline_annotations(load_text(TIMELINE))
    assert collection["@context"] == CONTEXT == "http://www.w3.org/ns/anno.jsonld"
    assert (collection["type"], collection["label"], collection["total"]) == (
        "AnnotationCollection",
        "Weighing",
        4,
    )
    page = collection["first"]
    assert (page["type"], page["startIndex"]) == ("AnnotationPage", 0)
    first, second, planned, linked = page["items"]
    assert first["type"] == "Annotation" and first["motivation"] == "describing"
    assert first["id"].startswith("urn:uuid:") and first["id"] != second["id"]
    assert first["body"] == [
        {
            "type": "TextualBody",
            "purpose": "describing",
            "value": "Talks begin",
            "format": "text/plain",
            "dcterms:identifier": "talks",
            "dcterms:date": "2022-01",
        },
        {"type": "TextualBody", "purpose": "tagging", "value": "policy"},
    ]
    assert first["target"] == {
        "type": "SpecificResource",
        "id": "https://example.org/jt?id=1#:~:text=On%20Jan.%2026%2C-,talks%20began,-%2C%20officials",
        "source": "https://example.org/jt?id=1",
        "selector": {
            "type": "TextQuoteSelector",
            "exact": "talks began",
            "prefix": "On Jan. 26, ",
            "suffix": ", officials",
        },
    }
    # no url: the source is named, and there is no page to open at the quote
    assert second["target"] == {
        "type": "SpecificResource",
        "source": {"id": "urn:x-timeline:source:doc", "type": "Text", "dcterms:title": "Local copy"},
        "selector": {"type": "TextQuoteSelector", "exact": "the talks"},
    }
    # a plan is tagged as one: without it the annotation reads as something that happened
    assert planned["body"][2] == {"type": "TextualBody", "purpose": "tagging", "value": "status: planned"}
    assert len(first["body"]) == 2  # 'happened' is the default and goes without a tag
    # a passage a link cites is evidence too (it was left out); an inferred link quotes nothing
    assert linked["body"][:3] == planned["body"]
    assert linked["body"][3] == {
        "type": "TextualBody",
        "purpose": "linking",
        "value": "responds to: Talks begin",
        "dcterms:relation": "talks",
    }
    assert linked["target"]["selector"] == {
        "type": "TextQuoteSelector",
        "exact": "after the talks",
        "prefix": "closed ",
        "suffix": " ended",
    }
    assert linked["id"] not in {first["id"], second["id"], planned["id"]}


def test_the_ids_are_the_same_each_time_and_the_document_is_json() -> None:
    once, again = (json.dumps(timeline_annotations(load_text(TIMELINE))) for _ in range(2))
    assert once == again
    assert json.loads(once)["first"]["items"][1]["body"][0]["dcterms:identifier"] == "talks"
