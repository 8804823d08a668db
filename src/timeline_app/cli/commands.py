"""`timeline-app list` and `check`: read a timeline and report on it, no window needed.

Everything printed that comes from a data file or a file name goes through `say`, which shows
control characters escaped (`model.terminal.safe_text`): a title cannot retitle or clear the
terminal, forge a line of output or reorder it with bidi controls. `list --json` escapes the
same characters as JSON `\\uXXXX` escapes (`json_safe`): valid JSON that reads back to the data.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import TextIO

from timeline_app.model import LoadError, Timeline, load_path
from timeline_app.model.quotes import check_quotes
from timeline_app.model.serialize import timeline_to_dict
from timeline_app.model.terminal import json_safe, safe_text
from timeline_app.resources import default_dataset

EXIT_BAD_INPUT = 2


def output_stream(stream: TextIO | None) -> TextIO:
    """GUI launchers on Windows give no stdout/stderr; write into the void rather than crash."""
    if stream is None:
        import io

        return io.StringIO()
    return stream


def say(text: str, stream: TextIO | None) -> None:
    """Print one line that may hold data or file names, its control characters escaped."""
    print(safe_text(text), file=output_stream(stream))


def load_or_report(path: str | None) -> Timeline | None:
    """Load a file, or print every problem to stderr and return None."""
    try:
        return load_path(path or default_dataset())
    except LoadError as exc:
        for problem in exc.problems:  # the message quotes the file: escaped here, where it is printed
            say(problem.format(), sys.stderr)
        say(f"{len(exc.problems)} problem(s); nothing was loaded.", sys.stderr)
        return None


def cmd_list(args: argparse.Namespace) -> int:
    timeline = load_or_report(args.file)
    if timeline is None:
        return EXIT_BAD_INPUT
    out = output_stream(sys.stdout)
    if args.json:
        # Whole before written: an error half-way must not leave half a document on stdout.
        text = json.dumps(timeline_to_dict(timeline), ensure_ascii=False, indent=2)
        out.write(json_safe(text) + "\n")
        return 0
    say(f"{timeline.title} ({len(timeline.events)} events, {len(timeline.sources)} sources)", out)
    width = max((len(e.when.text()) for e in timeline.events), default=0)
    for event in timeline.events:
        marks = ("~" if event.approximate else " ") + ("?" if event.inferred else " ")
        say(
            f"{event.when.text():<{width}} {marks} [{event.category}] {event.title}  "
            f"({', '.join(event.source_ids) or 'no source'})",
            out,
        )
    say("~ approximate date   ? date inferred from context", out)
    return 0


def cmd_check(args: argparse.Namespace) -> int:
    timeline = load_or_report(args.file)
    if timeline is None:
        return EXIT_BAD_INPUT
    out = output_stream(sys.stdout)
    folder = Path(args.sources)
    if not folder.is_dir():
        say(f"{folder}: not a folder of source documents", sys.stderr)
        return EXIT_BAD_INPUT
    results = check_quotes(timeline, folder)
    missing = [r for r in results if not r.found]
    for r in missing:
        say(f"NOT FOUND {r.event.id} [{r.excerpt.source}] ({r.reason}): {r.excerpt.quote[:120]!r}", out)
    conflicts = [(e, e.conflicting_excerpts()) for e in timeline.events]
    for event, excerpts in conflicts:
        for excerpt in excerpts:
            say(
                f"CONFLICT {event.id}: dated {event.when.text()}, but [{excerpt.source}] "
                f"claims {excerpt.claims_date}",
                out,
            )
    say(
        f"{len(results) - len(missing)} of {len(results)} quotes found verbatim in "
        f"their sources; {len(missing)} not found.",
        out,
    )
    return 1 if missing else 0
