"""The command line: `list`, `check`, `export` and `export-annotations` work without a window;
anything else opens it."""

from __future__ import annotations

import argparse
import io
import os
import sys
from typing import NoReturn

from timeline_app import __version__
from timeline_app.cli.commands import EXIT_BAD_INPUT, cmd_list, say
from timeline_app.model.safe_io import SafeIOError
from timeline_app.model.terminal import safe_lines

COMMANDS = ("list", "check", "export", "export-annotations")
__all__ = ["EXIT_BAD_INPUT", "build_gui_parser", "build_parser", "main"]


class Parser(argparse.ArgumentParser):
    """argparse repeats a bad argument in its message: shown escaped, like everything printed."""

    def exit(self, status: int = 0, message: str | None = None) -> NoReturn:
        super().exit(status, safe_lines(message) if message else None)


def build_parser() -> argparse.ArgumentParser:
    # Imported here: the window never needs them, and its start-up is timed.
    from timeline_app.cli.annotations import add_annotations_parser
    from timeline_app.cli.check import cmd_check
    from timeline_app.cli.export import add_export_parser

    parser = Parser(
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
    check.add_argument(
        "--sources", required=True, metavar="DIR", help="folder holding the source documents as text files"
    )
    check.set_defaults(func=cmd_check)
    add_export_parser(sub)
    add_annotations_parser(sub)
    return parser


def build_gui_parser() -> argparse.ArgumentParser:
    parser = Parser(
        prog="timeline-app",
        description="Open a timeline in a window. Commands: list, check, export, export-annotations "
        "(timeline-app COMMAND --help).",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument("file", nargs="?", help="timeline file (default: the embedded dataset)")
    parser.add_argument(
        "--documents", metavar="DIR", help="folder with the source documents, for 'Show in document'"
    )
    parser.add_argument(
        "--install-desktop",
        action="store_true",
        help="add Timeline to your application menu (Linux, XDG) and exit",
    )
    parser.add_argument(
        "--uninstall-desktop",
        action="store_true",
        help="remove exactly what --install-desktop wrote, and exit",
    )
    return parser


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    _never_fail_to_print()
    if argv and argv[0] in COMMANDS:
        args = build_parser().parse_args(argv)
        status = int(args.func(args))
        if args.command == "export":
            _exit_now(status)
        return status
    args = build_gui_parser().parse_args(argv)
    if args.install_desktop or args.uninstall_desktop:
        from timeline_app import desktop

        try:
            if args.install_desktop:
                written = desktop.install()
                say(
                    f"Installed {len(written)} files under {desktop.data_home()}; Timeline is in "
                    "your application menu.",
                    sys.stdout,
                )
            else:
                removed = desktop.uninstall()
                say(f"Removed {len(removed)} files.", sys.stdout)
        except SafeIOError as exc:
            say(str(exc), sys.stderr)
            return EXIT_BAD_INPUT
        return 0
    from timeline_app.app import run_gui

    _exit_now(run_gui(args.file, documents=args.documents))
    return 0  # not reached


def _never_fail_to_print() -> None:
    """A character the terminal's encoding lacks (any non-ASCII text under PYTHONIOENCODING=ascii
    or a legacy Windows console) is printed as a backslash escape instead of raising
    UnicodeEncodeError halfway through the output."""
    for stream in (sys.stdout, sys.stderr):
        if isinstance(stream, io.TextIOWrapper):
            stream.reconfigure(errors="backslashreplace")


def _exit_now(status: int) -> None:
    """Leave without tearing Qt down object by object.

    Everything is written by now (exports through `write_atomic`, settings on close); Python's
    final garbage collection of Qt and pyqtgraph objects has been seen to abort a process that
    had finished its work, turning a good run into exit status 134.
    """
    for stream in (sys.stdout, sys.stderr):
        if stream is not None:
            stream.flush()
    os._exit(status)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
