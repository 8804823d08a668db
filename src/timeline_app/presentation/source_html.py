"""The source panel's content as HTML, built from escaped text only (no Qt here).

Every string from a data file goes through `html.escape`, so `<b>` or `<img src=...>` in a
title or quote shows literally. The only links are ones we make: the source's http(s) URL and
"excerpt:N" for "Show in document".
"""

from __future__ import annotations

from collections.abc import Callable
from html import escape

from timeline_app.model.calendar import civil
from timeline_app.model.dates import DateRange, era_year
from timeline_app.model.events import Event, Excerpt, Source, Timeline
from timeline_app.model.evidence import citation_numbers, states_event_date

_STYLE = """<style>
h2 { margin: 0 0 4px 0; font-size: 15pt; }
p.meta { color: #555; margin: 0 0 8px 0; }
p.note { color: #6b4e00; background: #fff6d6; padding: 4px; }
p.conflict { color: #8a1c1c; background: #fde8e8; padding: 4px; }
blockquote { margin: 6px 0 2px 12px; font-size: 11pt; }
p.cite { color: #444; margin: 0 0 10px 12px; }
</style>"""


def _date_basis(event: Event) -> str:
    """Which passages state the date, or that it is inferred."""
    stating = [x.source for x in event.excerpts if states_event_date(x, event)]
    if event.inferred:
        return "Date inferred from context."
    if stating:
        return f"Date stated by {', '.join(dict.fromkeys(stating))}."
    return "No quoted passage gives this date itself."


def ordered_excerpts(event: Event, numbers: dict[str, int]) -> list[tuple[int, Excerpt]]:
    """Excerpts with their index in the event, sources in citation (= publication) order."""
    return sorted(
        enumerate(event.excerpts), key=lambda pair: (numbers.get(pair[1].source, len(numbers) + 1), pair[0])
    )


def event_html(
    event: Event,
    timeline: Timeline,
    has_document: Callable[[Source], bool] = lambda s: False,
    era: str = "BC",
) -> str:
    """The panel for one event; `era` writes years before AD 1 as BC ("BC") or BCE ("BCE")."""
    sources = timeline.sources
    n_sources = len(event.source_ids)
    meta = [
        escape(event.when.text(era)),
        escape(event.category),
        f"{n_sources} source{'s' * (n_sources != 1)}",
    ]
    parts = [_STYLE, f"<h2>{escape(event.title)}</h2>", f"<p class='meta'>{' · '.join(meta)}</p>"]
    if event.summary:
        parts.append(f"<p>{escape(event.summary)}</p>")
    note = _date_basis(event)
    if event.approximate:
        note += " The date is approximate."
    note += _how_known(event.when)
    if event.date_note:
        note += f" {event.date_note}"
    parts.append(f"<p class='note'>{escape(note)}</p>")
    conflicts = event.conflicting_excerpts()
    if conflicts:
        claims = "; ".join(
            f"{c.source} says {c.claims_date.text(era) if c.claims_date else ''}" for c in conflicts
        )
        parts.append(
            f"<p class='conflict'>Sources disagree on the date: "
            f"{escape(claims)} (shown here as {escape(event.when.text(era))}).</p>"
        )
    parts.append(f"<h3>Sources ({len(event.excerpts)} excerpt{'s' * (len(event.excerpts) != 1)})</h3>")
    numbers = citation_numbers(timeline)
    for index, excerpt in ordered_excerpts(event, numbers):
        parts.append(
            _excerpt_html(
                index,
                excerpt,
                sources.get(excerpt.source),
                has_document,
                numbers.get(excerpt.source),
                states_event_date(excerpt, event),
                era,
            )
        )
    return "\n".join(parts)


def _excerpt_html(
    index: int,
    excerpt: Excerpt,
    source: Source | None,
    has_document: Callable[[Source], bool],
    number: int | None = None,
    states_date: bool = False,
    era: str = "BC",
) -> str:
    quote = f"<blockquote>\u201c{escape(excerpt.quote)}\u201d</blockquote>"
    if source is None:
        return quote + f"<p class='cite'>— unknown source {escape(excerpt.source)}</p>"
    cite = f"— [{number}] " if number else "— "
    cite += escape(source.citation())
    if states_date:
        cite += " <b>(states the date)</b>"
    if excerpt.claims_date is not None:
        cite += f" <i>(this passage dates it {escape(excerpt.claims_date.text(era))})</i>"
    links = []
    if source.url:
        links.append(f"<a href='{escape(source.url, quote=True)}'>Open source</a>")
    if has_document(source):
        links.append(f"<a href='excerpt:{index}'>Show in document</a>")
    if links:
        cite += " &nbsp; " + " &nbsp; ".join(links)
    return quote + f"<p class='cite'>{cite}</p>"


def _how_known(when: DateRange) -> str:
    """What the date's own marks say: uncertain, unspecified digits, an open or unknown end."""
    dates = [when.start] + ([when.end] if when.end else [])
    notes = []
    if any(d.uncertain for d in dates):
        notes.append("The source is uncertain of the date (?).")
    if any(d.unspecified or d.year_span > 1 for d in dates):
        notes.append("Part of the date is unspecified (X): it lies somewhere in the period shown.")
    if when.open_end:
        notes.append("It has not ended (an open end).")
    if when.unknown_end or when.unknown_start:
        notes.append(f"Its {'end' if when.unknown_end else 'start'} is unknown.")
    if when.open_start:
        notes.append("Its start is open (earlier than any date given).")
    return "".join(" " + n for n in notes)


def overview_html(timeline: Timeline, era: str = "BC") -> str:
    events = timeline.events
    parts = [_STYLE, f"<h2>{escape(timeline.title)}</h2>"]
    if timeline.description:
        parts.append(f"<p>{escape(timeline.description)}</p>")
    if events:
        last_year = civil(max(e.when.last_day() for e in events))[0]
        span = f"{events[0].when.start.text(era)} to {era_year(last_year, era)}"
        parts.append(
            f"<p class='meta'>{len(events)} events · {len(timeline.sources)} sources · {escape(span)}</p>"
        )
    parts.append(
        "<p>Click an event (or use ← → and Enter) to read the passages that support it. "
        "Scroll to zoom, drag to pan, F or a double-click to fit everything.</p>"
    )
    return "\n".join(parts)
