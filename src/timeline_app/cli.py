"""The command line: `list`, `check` and `export` work without a window; anything else opens it."""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path
from typing import TextIO

from timeline_app import __version__
from timeline_app.model import LoadError, Timeline, load_path
from timeline_app.model.quotes import check_quotes
from timeline_app.model.serialize import timeline_to_dict
from timeline_app.resources import default_dataset

COMMANDS = ("list", "check", "export")
EXIT_BAD_INPUT = 2


def _stream(stream: TextIO | None) -> TextIO:
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
        err = _stream(sys.stderr)
        for problem in exc.problems:
            print(problem.format(), file=err)
        print(f"{len(exc.problems)} problem(s); nothing was loaded.", file=err)
        return None


def cmd_list(args: argparse.Namespace) -> int:
    timeline = load_or_report(args.file)
    if timeline is None:
        return EXIT_BAD_INPUT
    out = _stream(sys.stdout)
    if args.json:
        json.dump(timeline_to_dict(timeline), out, ensure_ascii=False, indent=2)
        out.write("\n")
        return 0
    print(f"{timeline.title} ({len(timeline.events)} events, {len(timeline.sources)} sources)",
          file=out)
    width = max((len(e.when.text()) for e in timeline.events), default=0)
    for event in timeline.events:
        marks = ("~" if event.approximate else " ") + ("?" if event.inferred else " ")
        print(f"{event.when.text():<{width}} {marks} [{event.category}] {event.title}  "
              f"({', '.join(event.source_ids) or 'no source'})", file=out)
    print("~ approximate date   ? date inferred from context", file=out)
    return 0


def cmd_check(args: argparse.Namespace) -> int:
    timeline = load_or_report(args.file)
    if timeline is None:
        return EXIT_BAD_INPUT
    out = _stream(sys.stdout)
    folder = Path(args.sources)
    if not folder.is_dir():
        print(f"{folder}: not a folder of source documents", file=_stream(sys.stderr))
        return EXIT_BAD_INPUT
    results = check_quotes(timeline, folder)
    missing = [r for r in results if not r.found]
    for r in missing:
        print(f"NOT FOUND {r.event.id} [{r.excerpt.source}] ({r.reason}): "
              f"{r.excerpt.quote[:120]!r}", file=out)
    conflicts = [(e, e.conflicting_excerpts()) for e in timeline.events]
    for event, excerpts in conflicts:
        for excerpt in excerpts:
            print(f"CONFLICT {event.id}: dated {event.when.text()}, but [{excerpt.source}] "
                  f"claims {excerpt.claims_date}", file=out)
    print(f"{len(results) - len(missing)} of {len(results)} quotes found verbatim in "
          f"their sources; {len(missing)} not found.", file=out)
    return 1 if missing else 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="timeline-app",
        description="Evidence-backed timelines. With no command, opens FILE (or the embedded "
                    "dataset) in a window.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    sub = parser.add_subparsers(dest="command")
    listing = sub.add_parser("list", help="print the events of FILE")
    listing.add_argument("file", nargs="?", help="timeline file (default: the embedded dataset)")
    listing.add_argument("--json", action="store_true", help="print JSON")
    listing.set_defaults(func=cmd_list)
    check = sub.add_parser("check", help="check that every quote stands in its source document")
    check.add_argument("file", nargs="?", help="timeline file (default: the embedded dataset)")
    check.add_argument("--sources", required=True, metavar="DIR",
                       help="folder holding the source documents as text files")
    check.set_defaults(func=cmd_check)
    from timeline_app.export_cli import add_export_parser

    add_export_parser(sub)
    return parser


def build_gui_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="timeline-app",
        description="Open a timeline in a window. Commands: list, check, export "
                    "(timeline-app COMMAND --help).",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument("file", nargs="?", help="timeline file (default: the embedded dataset)")
    parser.add_argument("--documents", metavar="DIR",
                        help="folder with the source documents, for 'Show in document'")
    parser.add_argument("--install-desktop", action="store_true",
                        help="add Timeline to your application menu (Linux, XDG) and exit")
    parser.add_argument("--uninstall-desktop", action="store_true",
                        help="remove exactly what --install-desktop wrote, and exit")
    return parser


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv and argv[0] in COMMANDS:
        args = build_parser().parse_args(argv)
        status = int(args.func(args))
        if args.command == "export":
            _exit_now(status)
        return status
    args = build_gui_parser().parse_args(argv)
    if args.install_desktop or args.uninstall_desktop:
        from timeline_app import desktop

        out = _stream(sys.stdout)
        if args.install_desktop:
            written = desktop.install()
            print(f"Installed {len(written)} files under {desktop.data_home()}; Timeline is in "
                  "your application menu.", file=out)
        else:
            removed = desktop.uninstall()
            print(f"Removed {len(removed)} files.", file=out)
        return 0
    from timeline_app.app import run_gui

    _exit_now(run_gui(args.file, documents=args.documents))
    return 0  # not reached


def _exit_now(status: int) -> None:
    """Leave without tearing Qt down object by object.

    Everything is written by now (exports through QSaveFile, settings on close); Python's
    final garbage collection of Qt and pyqtgraph objects has been seen to abort a process that
    had finished its work, turning a good run into exit status 134.
    """
    for stream in (sys.stdout, sys.stderr):
        if stream is not None:
            stream.flush()
    os._exit(status)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
