"""What the panel says about how much an event's evidence is worth: its status, its independent
sources and which source rewrites which, and its links to other events (both ways, each one a
link that selects the other event). Escaped text only; no Qt.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from html import escape

from timeline_app.model.dates import era_year
from timeline_app.model.events import Event, Link, Source, Timeline
from timeline_app.scene.arcs import link_words
from timeline_app.scene.arrays import STATUS_ALLEGED, STATUS_DISPUTED, STATUS_GLYPHS, STATUS_REPORTED

STATUS_TEXT = {
    "planned": "Planned: drawn as an outline. A plan, not something that has happened.",
    "expected": "Expected: drawn as an outline. A forecast, not something that has happened.",
    "reported": f"Reported (marked {STATUS_GLYPHS[STATUS_REPORTED]}): known from reports only.",
    "alleged": f"Alleged (marked {STATUS_GLYPHS[STATUS_ALLEGED]}): claimed, not established.",
    "disputed": f"Disputed (marked {STATUS_GLYPHS[STATUS_DISPUTED]}): whether it happened is disputed.",
}


@dataclass(frozen=True)
class LinkRow:
    """One of an event's links as the panel lists it: the event at the other end (its index),
    the link itself, and whether the event shown is the link's source."""

    other: int
    link: Link
    outgoing: bool


def status_html(status: str) -> str:
    """A paragraph saying what the status means and how it is drawn; '' for happened."""
    text = STATUS_TEXT.get(status)
    if not text:
        return ""
    head, rest = text.split(":", 1)
    return f"<p class='status'><b>{escape(head)}:</b>{escape(rest)}</p>"


def source_name(source: Source | None, source_id: str = "") -> str:
    """How a reader names a source: "Tokuchi (2020)", the author's surname (or the publisher, or
    the title) and the year; the id only when the source is unknown."""
    if source is None:
        return source_id
    if source.author:
        first = source.author.split(";")[0].split(" and ")[0].split(",")[0].strip()
        name = first.split()[-1] if first.split() else source.author
    else:
        name = source.publisher or (source.title if len(source.title) <= 40 else source.title[:39] + "…")
    if source.published is not None:
        name += f" ({era_year(source.published.year, 'BC')})"
    return name


def derivation_text(event: Event, sources: Mapping[str, Source]) -> list[str]:
    """'Walker (2022) rewrites Nikkei Asia (2022)' for each cited source that derives from
    another, with how we know when the file says."""
    lines = []
    for source_id in event.source_ids:
        source = sources.get(source_id)
        if source is None or not source.derived_from:
            continue
        originals = ", ".join(source_name(sources.get(d), d) for d in source.derived_from)
        line = f"{source_name(source, source_id)} rewrites {originals}"
        if source.derived_note:
            line += f" ({source.derived_note})"
        lines.append(line + ".")
    return lines


# Links listed in the panel: Qt lays out 10^5 paragraphs in about 6 s on every selection.
MAX_LISTED_LINKS = 500


def links_html(
    rows: Sequence[LinkRow],
    timeline: Timeline,
    numbers: Mapping[str, int],
    era: str = "BC",
    has_document: Callable[[Source], bool] = lambda s: False,
) -> str:
    """The event's links, outgoing then incoming: the type in words, the other event as a link
    ('event:N' selects it), its date, and the quote that states the link ('linkdoc:K', K its
    place in `rows`, shows it in the source's document) or the editor's note."""
    if not rows:
        return ""
    parts = [f"<h3>Links ({len(rows)})</h3>"]
    listed = sorted(enumerate(rows), key=lambda kr: (not kr[1].outgoing, kr[1].other))
    for k, row in listed[:MAX_LISTED_LINKS]:
        other = timeline.events[row.other]
        words = link_words(row.link.type, row.outgoing)
        parts.append(
            f"<p class='link'><b>{escape(words[:1].upper() + words[1:])}</b> "
            f"<a href='event:{row.other}'>{escape(other.title)}</a> "
            f"<span class='when'>({escape(other.when.text(era))})</span></p>"
        )
        link = row.link
        if link.inferred or not link.quote:
            note = link.note or "no note given"
            parts.append(f"<p class='cite'><i>The editor's inference:</i> {escape(note)}</p>")
            continue
        source_id = link.source or ""
        source = timeline.sources.get(source_id)
        number = numbers.get(source_id)
        cite = f"— [{number}] " if number else "— "
        cite += escape(source.citation() if source else f"unknown source {source_id}")
        if link.note:
            cite += f" <i>({escape(link.note)})</i>"
        if source is not None and has_document(source):
            cite += f" &nbsp; <a href='linkdoc:{k}'>Show in document</a>"
        parts.append(f"<blockquote>\u201c{escape(link.quote)}\u201d</blockquote><p class='cite'>{cite}</p>")
    if len(listed) > MAX_LISTED_LINKS:
        more = len(listed) - MAX_LISTED_LINKS
        parts.append(
            f"<p><i>{more:,} more links are not listed here (the first {MAX_LISTED_LINKS} are).</i></p>"
        )
    return "\n".join(parts)
