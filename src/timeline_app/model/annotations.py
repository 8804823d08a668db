"""Excerpts as W3C Web Annotations (JSON-LD), and "open at the quote" links (Text Fragments).

Each excerpt becomes one annotation, and so does each passage a link between events cites (with
a `linking` body that names the link), so no quoted evidence is left out. The target is the
source document with a TextQuoteSelector (exact, and the prefix/suffix that say which
occurrence is meant); the body the event the passage is evidence for (title, id, date) and
tags with the event's category and its status (when it is not 'happened').
The annotations come in one AnnotationCollection, its first page holding them all, so the file
is one JSON-LD document that annotation stores (the Web Annotation Protocol) can import.
Terms outside the annotation vocabulary use prefixes the anno.jsonld context already defines
(dcterms:), so no context of our own is needed.

Ids are `urn:uuid:` v5 UUIDs of the timeline's title, the event's id and the excerpt's place:
writing the annotations twice gives the same ids, so a store updates rather than duplicates.
"""

from __future__ import annotations

import uuid
from typing import Any
from urllib.parse import quote

from timeline_app.model.build_links import DEFAULT_STATUS
from timeline_app.model.events import Timeline
from timeline_app.model.records import Event, Excerpt, Source

CONTEXT = "http://www.w3.org/ns/anno.jsonld"
_SOURCE_URN = "urn:x-timeline:source:"  # a source known by its id only (it has no url)


def fragment_term(text: str) -> str:
    """One term of a text directive, its whitespace runs folded to one space and
    percent-encoded: everything but letters, digits and `_.~` (Python's `quote` keeps '-' too,
    but in a directive '-' marks a prefix or suffix, as ',' separates terms and '&'
    directives, so all three must be encoded). Quote marks stay as written: the page holds
    the ones the quote copied, and browsers match them as they are. A lone surrogate (JSON
    can hold one) is encoded as the bytes it stands for."""
    return quote(" ".join(text.split()), safe="", errors="surrogatepass").replace("-", "%2D")


def text_fragment(url: str, exact: str, prefix: str = "", suffix: str = "") -> str:
    """`url` opened at the passage: `url#:~:text=prefix-,exact,-suffix` (Text Fragments).

    An existing fragment stays (`#part:~:text=...`); browsers without Text Fragments ignore
    the directive and open the page."""
    terms = [fragment_term(exact)]
    if prefix.strip():
        terms.insert(0, fragment_term(prefix) + "-")
    if suffix.strip():
        terms.append("-" + fragment_term(suffix))
    separator = ":~:" if "#" in url else "#:~:"
    return f"{url}{separator}text={','.join(terms)}"


def _uuid(*parts: str) -> str:
    """A stable id from texts; JSON may hold lone surrogates, which strict UTF-8 cannot encode."""
    name = "/".join(parts).encode("utf-8", "surrogatepass").decode("utf-8", "replace")
    return f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, name)}"


def _target(source: Source, excerpt: Excerpt) -> dict[str, Any]:
    selector: dict[str, Any] = {"type": "TextQuoteSelector", "exact": excerpt.quote}
    if excerpt.prefix:
        selector["prefix"] = excerpt.prefix
    if excerpt.suffix:
        selector["suffix"] = excerpt.suffix
    target: dict[str, Any] = {"type": "SpecificResource"}
    if source.url:
        target["id"] = text_fragment(source.url, excerpt.quote, excerpt.prefix, excerpt.suffix)
        target["source"] = source.url
    else:
        target["source"] = {
            "id": _SOURCE_URN + source.id,
            "type": "Text",
            "dcterms:title": source.title,
        }
    target["selector"] = selector
    return target


def _body(event: Event) -> list[dict[str, Any]]:
    """The event (title, id, EDTF date) the passage describes, its category as a tag, and its
    status as a tag unless it happened: without it a plan or an allegation would read as done."""
    body: list[dict[str, Any]] = [
        {
            "type": "TextualBody",
            "purpose": "describing",
            "value": event.title,
            "format": "text/plain",
            "dcterms:identifier": event.id,
            "dcterms:date": event.when.edtf(),
        },
        {"type": "TextualBody", "purpose": "tagging", "value": event.category},
    ]
    if event.status != DEFAULT_STATUS:
        body.append({"type": "TextualBody", "purpose": "tagging", "value": f"status: {event.status}"})
    return body


def excerpt_annotation(timeline: Timeline, event: Event, index: int) -> dict[str, Any]:
    """The annotation for excerpt `index` of `event`."""
    excerpt = event.excerpts[index]
    source = timeline.sources.get(excerpt.source, Source(excerpt.source, excerpt.source))
    return {
        "id": _uuid(timeline.title, event.id, "excerpt", str(index)),
        "type": "Annotation",
        "motivation": "describing",
        "body": _body(event),
        "target": _target(source, excerpt),
    }


def link_annotation(timeline: Timeline, event: Event, index: int) -> dict[str, Any] | None:
    """The annotation for the passage link `index` of `event` cites (None for an inferred link):
    the event, and a `linking` body naming the link's type and the event at its other end."""
    link = event.links[index]
    if link.source is None or link.quote is None:
        return None
    source = timeline.sources.get(link.source, Source(link.source, link.source))
    other = timeline.event(link.to)
    linking = {
        "type": "TextualBody",
        "purpose": "linking",
        "value": f"{link.type.replace('_', ' ')}: {other.title if other is not None else link.to}",
        "dcterms:relation": link.to,
    }
    return {
        "id": _uuid(timeline.title, event.id, "link", str(index)),
        "type": "Annotation",
        "motivation": "describing",
        "body": [*_body(event), linking],
        "target": _target(source, Excerpt(link.source, link.quote, None, link.prefix, link.suffix)),
    }


def timeline_annotations(timeline: Timeline) -> dict[str, Any]:
    """Every excerpt of the timeline, and every passage a link cites, as annotations in one
    AnnotationCollection."""
    items = [
        excerpt_annotation(timeline, event, k)
        for event in timeline.events
        for k in range(len(event.excerpts))
    ]
    for event in timeline.events:
        for k in range(len(event.links)):
            found = link_annotation(timeline, event, k)
            if found is not None:
                items.append(found)
    return {
        "@context": CONTEXT,
        "id": _uuid(timeline.title, "annotations"),
        "type": "AnnotationCollection",
        "label": timeline.title,
        "total": len(items),
        "first": {"type": "AnnotationPage", "startIndex": 0, "items": items},
    }
