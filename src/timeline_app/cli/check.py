"""`timeline-app check`: how much the evidence is worth, against the source documents.

Every quote must stand word for word in its document (NOT FOUND otherwise); a prefix or suffix
must match the text around it (ANCHOR); a quote that stands more than once with nothing to say
which is reported (AMBIGUOUS: a warning, the passage is there); a document whose SHA-256 differs
from the one stored was edited since its quotes were checked (CHANGED). Dates the passages
contradict are listed (CONFLICT), and events whose sources are not all independent (SOURCES).
The exit status is 1 when a quote is not found, an anchor does not match or a document changed.

`check` never rewrites the timeline file: it prints the hash to store instead.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TextIO

from timeline_app.cli.commands import EXIT_BAD_INPUT, load_or_report, output_stream, say
from timeline_app.model.events import Timeline
from timeline_app.model.evidence import source_count_text
from timeline_app.model.quotes import DocumentHash, Occurrence, QuoteChecker, QuoteResult

SHOWN = 5  # occurrences listed per ambiguous quote


def _what(result: QuoteResult) -> str:
    """The event, the link if it is a link's passage, and the source: "ev [src]"."""
    link = f" link {result.link.type} {result.link.to}" if result.link else ""
    return f"{result.event.id}{link} [{result.excerpt.source}]"


def _quote(result: QuoteResult) -> str:
    return repr(result.excerpt.quote[:80] + ("..." if len(result.excerpt.quote) > 80 else ""))


def _lines(places: tuple[Occurrence, ...], count: int) -> str:
    lines = ", ".join(str(p.line) for p in places[:SHOWN])
    return lines + (f" and {count - SHOWN:,} more" if count > SHOWN else "")


def ambiguous_text(result: QuoteResult) -> str:
    places, picked = result.occurrences, result.picked
    where = f"stands {result.count:,} times in {result.document} (lines {_lines(places, result.count)})"
    if result.anchored:
        return (
            f"AMBIGUOUS {_what(result)}: {_quote(result)} {where}, and its prefix/suffix fit "
            f"{result.picked_count:,} of them (lines {_lines(picked, result.picked_count)}); "
            "lengthen them to pick one"
        )
    hints = "; ".join(f"line {p.line}: prefix {p.before!r}" for p in places[:SHOWN])
    return (
        f"AMBIGUOUS {_what(result)}: {_quote(result)} {where}; add a 'prefix' (the words just "
        f"before the quote) or a 'suffix' to the excerpt to say which ({hints})"
    )


def misanchored_text(result: QuoteResult) -> str:
    excerpt = result.excerpt
    given = " and ".join(
        f"{key} {value!r}" for key, value in (("prefix", excerpt.prefix), ("suffix", excerpt.suffix)) if value
    )
    found = "; ".join(
        f"line {p.line}: before {p.before!r}, after {p.after!r}" for p in result.occurrences[:SHOWN]
    )
    return (
        f"ANCHOR {_what(result)}: {given} does not match the text around {_quote(result)} in "
        f"{result.document} ({found}); copy the words just before and after the quote from the document"
    )


def changed_text(found: DocumentHash) -> str:
    return (
        f"CHANGED {found.source.id}: {found.document} changed since its quotes were checked "
        f"(stored sha256 {found.source.file_sha256}, now {found.sha256}); re-read its quotes, "
        f"then set file_sha256: {found.sha256}"
    )


def _report_sources(timeline: Timeline, out: TextIO) -> list[str]:
    """SOURCES lines for events whose sources are not all independent, and the summary."""
    columns = timeline.columns
    n, independent = columns.n_sources.tolist(), columns.independent.tolist()
    for row in (r for r in range(len(n)) if independent[r] < n[r]):
        event = timeline.events[row]
        derived = "; ".join(
            f"{s} derives from {', '.join(timeline.sources[s].derived_from)}"
            for s in event.source_ids
            if s in timeline.sources and timeline.sources[s].derived_from
        )
        say(f"SOURCES {event.id}: {source_count_text(n[row], independent[row])} ({derived})", out)
    fewer = sum(i < k for i, k in zip(independent, n, strict=True))
    single = sum(i == 1 for i in independent)
    unsourced = sum(k == 0 for k in n)
    return [
        f"{fewer} events cite sources that are not independent; {single} rest on one independent "
        f"source, {len(n) - single - unsourced} on two or more, {unsourced} on none."
    ]


def cmd_check(args: argparse.Namespace) -> int:
    timeline = load_or_report(args.file)
    if timeline is None:
        return EXIT_BAD_INPUT
    out = output_stream(sys.stdout)
    folder = Path(args.sources)
    if not folder.is_dir():
        say(f"{folder}: not a folder of source documents", sys.stderr)
        return EXIT_BAD_INPUT
    checker = QuoteChecker(timeline, folder)
    results = checker.quotes()
    missing = [r for r in results if not r.found]
    for r in missing:
        say(f"NOT FOUND {_what(r)} ({r.reason}): {r.excerpt.quote[:120]!r}", out)
    misanchored = [r for r in results if r.misanchored]
    for r in misanchored:
        say(misanchored_text(r), out)
    ambiguous = [r for r in results if r.ambiguous]
    for r in ambiguous:
        say(ambiguous_text(r), out)
    hashes = checker.hashes()
    changed = [h for h in hashes if h.changed]
    for found in changed:
        say(changed_text(found), out)
    for event in timeline.events:
        for excerpt in event.conflicting_excerpts():
            say(
                f"CONFLICT {event.id}: dated {event.when.text()}, but [{excerpt.source}] "
                f"claims {excerpt.claims_date}",
                out,
            )
    summary = _report_sources(timeline, out)
    for found in (h for h in hashes if h.source.file_sha256 is None):
        say(
            f"note: no file_sha256 stored for {found.source.id} ({found.document}); to record "
            f"this version of the document, add to the source: file_sha256: {found.sha256}",
            out,
        )
    say(
        f"{len(results) - len(missing)} of {len(results)} quotes found verbatim in "
        f"their sources; {len(missing)} not found.",
        out,
    )
    say(
        f"{len(ambiguous)} stand more than once with nothing to pick one; {len(misanchored)} "
        f"prefix/suffix do not match; {len(changed)} documents changed since checked.",
        out,
    )
    for line in summary:
        say(line, out)
    return 1 if missing or misanchored or changed else 0
