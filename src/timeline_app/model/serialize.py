"""A timeline as plain JSON-ready data (the shape `timeline-app list --json` prints)."""

from __future__ import annotations

from typing import Any

from timeline_app.model.events import Event, Source, Timeline


def event_to_dict(event: Event) -> dict[str, Any]:
    start, end = event.when.start, event.when.end
    excerpts = []
    for excerpt in event.excerpts:
        item: dict[str, Any] = {"source": excerpt.source, "quote": excerpt.quote}
        if excerpt.claims_date is not None:
            item["claims_date"] = _range_iso(excerpt.claims_date)
        excerpts.append(item)
    return {
        "id": event.id,
        "title": event.title,
        "category": event.category,
        "summary": event.summary,
        "start": start.iso(),
        "end": end.iso() if end else None,
        "precision": start.precision.value,
        "end_precision": end.precision.value if end else None,
        "approximate": event.approximate,
        "inferred": event.inferred,
        "date_text": event.when.text(),
        "date_note": event.date_note,
        "excerpts": excerpts,
    }


def _range_iso(when) -> str:  # type: ignore[no-untyped-def]
    return when.start.iso() + (f"/{when.end.iso()}" if when.end else "")


def source_to_dict(source: Source) -> dict[str, Any]:
    return {
        "title": source.title,
        "author": source.author,
        "publisher": source.publisher,
        "published": source.published.iso() if source.published else None,
        "published_inferred": source.published_inferred,
        "published_note": source.published_note,
        "url": source.url,
        "file": source.file,
        "citation": source.citation(),
    }


def timeline_to_dict(timeline: Timeline) -> dict[str, Any]:
    return {
        "title": timeline.title,
        "events": [event_to_dict(e) for e in timeline.events],
        "sources": {sid: source_to_dict(s) for sid, s in timeline.sources.items()},
    }
