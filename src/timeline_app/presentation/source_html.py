"""The source panel's content as HTML, built from escaped text only (no Qt here).

Every string from a data file goes through `html.escape`, so `<b>` or `<img src=...>` in a
title or quote shows literally. The only links are ones we make: the source's http(s) URL and
"excerpt:N" for "Show in document".
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from html import escape

from timeline_app.model.calendar import civil
from timeline_app.model.dates import DateRange, era_year
from timeline_app.model.events import Event, Excerpt, Source, Timeline
from timeline_app.model.evidence import citation_numbers, source_count_text, states_event_date
from timeline_app.presentation.evidence_html import (
    LinkRow,
    derivation_text,
    links_html,
    source_name,
    status_html,
)
from timeline_app.presentation.search import counted, mark_html


@dataclass(frozen=True)
class PanelColors:
    """The panel's colours (hex), chosen by the window from the system palette.

    `base` is the panel's own background; every foreground here is checked against it (or its
    own background) for a WCAG contrast of at least 4.5:1 in the tests."""

    base: str = "#ffffff"
    text: str = "#1d1d1f"
    muted: str = "#555555"
    cite: str = "#444444"
    link: str = "#0b57d0"
    note: str = "#5c4300"
    note_bg: str = "#fff6d6"
    conflict: str = "#8a1c1c"
    conflict_bg: str = "#fde8e8"
    mark: str = "#1d1d1f"
    mark_bg: str = "#ffe066"


LIGHT_PANEL = PanelColors()
DARK_PANEL = PanelColors(
    base="#1e1e20",
    text="#ececf0",
    muted="#b4b4bb",
    cite="#c8c8ce",
    link="#8ab4f8",
    note="#ffe08a",
    note_bg="#3a3000",
    conflict="#ffb4b4",
    conflict_bg="#4a1c1c",
    mark="#1d1d1f",
    mark_bg="#ffd54f",
)


def style_sheet(c: PanelColors) -> str:
    return f"""<style>
body {{ color: {c.text}; }}
h2 {{ margin: 0 0 4px 0; font-size: 15pt; }}
p.meta {{ color: {c.muted}; margin: 0 0 8px 0; }}
p.note {{ color: {c.note}; background: {c.note_bg}; padding: 4px; }}
p.conflict {{ color: {c.conflict}; background: {c.conflict_bg}; padding: 4px; }}
p.status {{ margin: 0 0 8px 0; }}
p.link {{ margin: 6px 0 0 0; }}
span.when {{ color: {c.muted}; }}
blockquote {{ margin: 6px 0 2px 12px; font-size: 11pt; }}
p.cite {{ color: {c.cite}; margin: 0 0 10px 12px; }}
a {{ color: {c.link}; }}
</style>"""


def _mark(c: PanelColors) -> tuple[str, str]:
    return f"<span style='background-color: {c.mark_bg}; color: {c.mark};'>", "</span>"


def relative_luminance(hex_color: str) -> float:
    """WCAG 2 relative luminance of "#rrggbb"."""
    value = hex_color.lstrip("#")
    channels = [int(value[i : i + 2], 16) / 255 for i in (0, 2, 4)]
    r, g, b = (ch / 12.92 if ch <= 0.04045 else ((ch + 0.055) / 1.055) ** 2.4 for ch in channels)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast_ratio(a: str, b: str) -> float:
    """WCAG 2 contrast ratio of two "#rrggbb" colours, 1 to 21 (4.5 is the bar for body text)."""
    la, lb = sorted((relative_luminance(a), relative_luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def _date_basis(event: Event, sources: Mapping[str, Source]) -> str:
    """Which passages state the date, or that it is inferred."""
    stating = [
        source_name(sources.get(x.source), x.source) for x in event.excerpts if states_event_date(x, event)
    ]
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
    colors: PanelColors = LIGHT_PANEL,
    highlight: str = "",
    links: Sequence[LinkRow] = (),
) -> str:
    """The panel for one event; `era` writes years before AD 1 as BC ("BC") or BCE ("BCE").

    Every occurrence of `highlight` (the search text) in the title, summary and quotes is marked.
    `links` are the event's links both ways, listed before the sources."""
    sources = timeline.sources
    marks = _mark(colors)
    n_independent = len(timeline.independent_sources(event))
    meta = [
        escape(event.when.text(era)),
        escape(event.category),
        source_count_text(len(event.source_ids), n_independent),
    ]
    parts = [
        style_sheet(colors),
        f"<h2>{mark_html(event.title, highlight, *marks)}</h2>",
        f"<p class='meta'>{' · '.join(meta)}</p>",
        status_html(event.status),
    ]
    parts += [f"<p class='meta'>{escape(line)}</p>" for line in derivation_text(event, sources)]
    if event.summary:
        parts.append(f"<p>{mark_html(event.summary, highlight, *marks)}</p>")
    note = _date_basis(event, sources)
    if event.approximate:
        note += " The date is approximate."
    note += _how_known(event.when)
    if event.date_note:
        note += f" {event.date_note}"
    parts.append(f"<p class='note'>{escape(note)}</p>")
    conflicts = event.conflicting_excerpts()
    if conflicts:
        claims = "; ".join(
            f"{source_name(sources.get(c.source), c.source)} says "
            f"{c.claims_date.text(era) if c.claims_date else ''}"
            for c in conflicts
        )
        parts.append(
            f"<p class='conflict'>Sources disagree on the date: "
            f"{escape(claims)} (shown here as {escape(event.when.text(era))}).</p>"
        )
    numbers = citation_numbers(timeline)
    parts.append(links_html(links, timeline, numbers, era, has_document))
    parts.append(f"<h3>Sources ({len(event.excerpts)} excerpt{'s' * (len(event.excerpts) != 1)})</h3>")
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
                marks if highlight else None,
                highlight,
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
    marks: tuple[str, str] | None = None,
    highlight: str = "",
) -> str:
    body = mark_html(excerpt.quote, highlight, *marks) if marks else escape(excerpt.quote)
    quote = f"<blockquote>\u201c{body}\u201d</blockquote>"
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
    links.append(f"<a href='copy:{index}'>Copy quote with citation</a>")
    if links:
        cite += " &nbsp; " + " &nbsp; ".join(links)
    return quote + f"<p class='cite'>{cite}</p>"


def quote_with_citation(excerpt: Excerpt, source: Source | None) -> tuple[str, str]:
    """The excerpt for the clipboard, as (plain text, HTML): the quote in curly quotes, then
    "— Author, “Title”, Publisher, date", then the URL if there is one."""
    if source is None:
        cite = f"\u2014 unknown source {excerpt.source}"
        url = None
    else:
        cite = "\u2014 " + source.citation().rstrip(".")
        url = source.url
    plain = f"\u201c{excerpt.quote}\u201d\n{cite}" + (f"\n{url}" if url else "")
    rich = f"<blockquote>\u201c{escape(excerpt.quote)}\u201d</blockquote><p>{escape(cite)}"
    if url:
        rich += f"<br><a href='{escape(url, quote=True)}'>{escape(url)}</a>"
    return plain, rich + "</p>"


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


def overview_html(timeline: Timeline, era: str = "BC", colors: PanelColors = LIGHT_PANEL) -> str:
    events = timeline.events
    parts = [style_sheet(colors), f"<h2>{escape(timeline.title)}</h2>"]
    if timeline.description:
        parts.append(f"<p>{escape(timeline.description)}</p>")
    if events:
        # from the columns: an Event per row took 38 s on the window thread after a 10^6 load
        last_year = civil(int(timeline.columns.last_day.max()))[0]
        first = events[0].when.start
        if len(events) == 1:
            span = events[0].when.text(era)
        elif civil(int(timeline.columns.first_day.min()))[0] == last_year:
            span = f"in {era_year(last_year, era)}"  # not "December 2013 to 2013"
        else:
            span = f"{first.text(era)} to {era_year(last_year, era)}"
        count = f"{counted(len(events), 'event')} · {counted(len(timeline.sources), 'source')}"
        parts.append(f"<p class='meta'>{count} · {escape(span)}</p>")
    parts.append(
        "<p>Click an event (or use ← → and Enter) to read the passages that support it. "
        "Scroll to zoom, drag to pan, F or a double-click to fit everything.</p>"
    )
    return "\n".join(parts)
