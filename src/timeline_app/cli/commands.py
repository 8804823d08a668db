"""`timeline-app list`, and what the other commands share: read a timeline and report on it,
no window needed.

Everything printed that comes from a data file or a file name goes through `say`, which shows
control characters escaped (`model.terminal.safe_text`): a title cannot retitle or clear the
terminal, forge a line of output or reorder it with bidi controls. `list --json` escapes the
same characters as JSON `\\uXXXX` escapes (`json_safe`): valid JSON that reads back to the data.
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import TextIO

from timeline_app.model import LoadError, Timeline, load_path
from timeline_app.model.build_links import DEFAULT_STATUS
from timeline_app.model.derivation import independent_ids
from timeline_app.model.evidence import source_count_text
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
    independent = len(independent_ids(timeline.sources, timeline.sources))
    say(
        f"{timeline.title} ({len(timeline.events)} events, "
        f"{source_count_text(len(timeline.sources), independent)})",
        out,
    )
    width = max((len(e.when.text()) for e in timeline.events), default=0)
    columns = timeline.columns
    for row, event in enumerate(timeline.events):
        marks = ("~" if event.approximate else " ") + ("?" if event.inferred else " ")
        status = "" if event.status == DEFAULT_STATUS else f" ({event.status})"
        support = source_count_text(int(columns.n_sources[row]), int(columns.independent[row]))
        cited = f"{', '.join(event.source_ids)}: {support}" if event.source_ids else support
        say(f"{event.when.text():<{width}} {marks} [{event.category}] {event.title}{status}  ({cited})", out)
    say("~ approximate date   ? date inferred from context", out)
    return 0
