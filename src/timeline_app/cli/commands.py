"""`timeline-app list` and `check`: read a timeline and report on it, no window needed."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import TextIO

from timeline_app.model import LoadError, Timeline, load_path
from timeline_app.model.quotes import check_quotes
from timeline_app.model.serialize import timeline_to_dict
from timeline_app.resources import default_dataset

EXIT_BAD_INPUT = 2


def output_stream(stream: TextIO | None) -> TextIO:
    """GUI launchers on Windows give no stdout/stderr; write into the void rather than crash."""
    if stream is None:
        import io

        return io.StringIO()
    return stream


def load_or_report(path: str | None) -> Timeline | None:
    """Load a file, or print every problem to stderr and return None."""
    try:
        return load_path(path or default_dataset())
    except LoadError as exc:
        err = output_stream(sys.stderr)
        for problem in exc.problems:
            print(problem.format(), file=err)
        print(f"{len(exc.problems)} problem(s); nothing was loaded.", file=err)
        return None


def cmd_list(args: argparse.Namespace) -> int:
    timeline = load_or_report(args.file)
    if timeline is None:
        return EXIT_BAD_INPUT
    out = output_stream(sys.stdout)
    if args.json:
        json.dump(timeline_to_dict(timeline), out, ensure_ascii=False, indent=2)
        out.write("\n")
        return 0
    print(f"{timeline.title} ({len(timeline.events)} events, {len(timeline.sources)} sources)", file=out)
    width = max((len(e.when.text()) for e in timeline.events), default=0)
    for event in timeline.events:
        marks = ("~" if event.approximate else " ") + ("?" if event.inferred else " ")
        print(
            f"{event.when.text():<{width}} {marks} [{event.category}] {event.title}  "
            f"({', '.join(event.source_ids) or 'no source'})",
            file=out,
        )
    print("~ approximate date   ? date inferred from context", file=out)
    return 0


def cmd_check(args: argparse.Namespace) -> int:
    timeline = load_or_report(args.file)
    if timeline is None:
        return EXIT_BAD_INPUT
    out = output_stream(sys.stdout)
    folder = Path(args.sources)
    if not folder.is_dir():
        print(f"{folder}: not a folder of source documents", file=output_stream(sys.stderr))
        return EXIT_BAD_INPUT
    results = check_quotes(timeline, folder)
    missing = [r for r in results if not r.found]
    for r in missing:
        print(
            f"NOT FOUND {r.event.id} [{r.excerpt.source}] ({r.reason}): {r.excerpt.quote[:120]!r}", file=out
        )
    conflicts = [(e, e.conflicting_excerpts()) for e in timeline.events]
    for event, excerpts in conflicts:
        for excerpt in excerpts:
            print(
                f"CONFLICT {event.id}: dated {event.when.text()}, but [{excerpt.source}] "
                f"claims {excerpt.claims_date}",
                file=out,
            )
    print(
        f"{len(results) - len(missing)} of {len(results)} quotes found verbatim in "
        f"their sources; {len(missing)} not found.",
        file=out,
    )
    return 1 if missing else 0
