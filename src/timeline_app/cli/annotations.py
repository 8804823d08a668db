"""`timeline-app export-annotations`: every quoted passage as a W3C Web Annotation (JSON-LD)."""

from __future__ import annotations

import argparse
import json
import sys
from typing import TypeVar

from timeline_app.cli.commands import EXIT_BAD_INPUT, load_or_report, output_stream, say
from timeline_app.model.annotations import timeline_annotations
from timeline_app.model.safe_io import SafeIOError, write_atomic
from timeline_app.model.terminal import json_safe

P = TypeVar("P", bound=argparse.ArgumentParser)


def add_annotations_parser(sub: argparse._SubParsersAction[P]) -> None:
    parser = sub.add_parser(
        "export-annotations",
        help="write every excerpt, and every passage a link cites, as a W3C Web Annotation "
        "(JSON-LD); sources with a url get links that open the page at the quote",
    )
    parser.add_argument("file", nargs="?", help="timeline file (default: the embedded dataset)")
    parser.add_argument(
        "-o", "--output", metavar="FILE", help="the JSON-LD file to write (default: print it)"
    )
    parser.set_defaults(func=cmd_export_annotations)


def cmd_export_annotations(args: argparse.Namespace) -> int:
    timeline = load_or_report(args.file)
    if timeline is None:
        return EXIT_BAD_INPUT
    # Whole before written: an error half-way must not leave half a document behind.
    # json_safe writes lone surrogates (JSON can carry them) as \uXXXX: still the same JSON
    text = json_safe(json.dumps(timeline_annotations(timeline), ensure_ascii=False, indent=2) + "\n")
    if not args.output or args.output == "-":
        output_stream(sys.stdout).write(text)
        return 0
    try:
        write_atomic(args.output, text.encode("utf-8"))
    except SafeIOError as exc:
        say(str(exc), sys.stderr)
        return EXIT_BAD_INPUT
    return 0
