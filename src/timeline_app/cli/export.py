"""`timeline-app export`: the timeline as PNG, SVG or vector PDF, headless (no display needed)."""

from __future__ import annotations

import argparse
import sys
from typing import TypeVar

from timeline_app.cli.commands import EXIT_BAD_INPUT, load_or_report, say
from timeline_app.model.dates import DateError, parse_date
from timeline_app.scene.arrays import DAY, date_seconds

P = TypeVar("P", bound=argparse.ArgumentParser)
# The presets' sizes, repeated here so that `--help` needs no Qt; render.PRESETS is the truth
# (tests/cli/test_export_presets.py checks that they agree).
PRESET_NAMES = {"report": (1600, 1000), "slide": (1920, 1080), "square": (1080, 1080), "column": (640, 720)}


def add_export_parser(sub: argparse._SubParsersAction[P]) -> None:
    parser = sub.add_parser("export", help="write the timeline as a PNG, SVG or PDF picture")
    parser.add_argument("file", nargs="?", help="timeline file (default: the embedded dataset)")
    parser.add_argument("-o", "--output", required=True, help="picture file: .png, .svg or .pdf (vector)")
    parser.add_argument(
        "--preset",
        choices=list(PRESET_NAMES),
        help="a size with text scaled to stay legible: "
        + "; ".join(f"{name} {w}x{h}" for name, (w, h) in PRESET_NAMES.items()),
    )
    parser.add_argument("--width", type=int, help="width in pixels (default 1600, or the preset's)")
    parser.add_argument("--height", type=int, help="height in pixels (default 800, or the preset's)")
    parser.add_argument(
        "--scale", type=float, default=1.0, help="pixel density: 2 or 4 for high-DPI slides (default 1)"
    )
    parser.add_argument(
        "--from", dest="date_from", metavar="DATE", help="first date shown, e.g. 2022 or 2022-03"
    )
    parser.add_argument("--to", dest="date_to", metavar="DATE", help="last date shown")
    parser.add_argument(
        "--category", action="append", metavar="NAME", help="show only this category (repeat for several)"
    )
    parser.add_argument("--title", help="title printed above the timeline")
    parser.add_argument(
        "--citations",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="numbered list of the sources the events shown cite, under the timeline, and "
        "source numbers after each label (default: on)",
    )
    parser.add_argument(
        "--sources-lane", action="store_true", help="show each source document at its publication date"
    )
    parser.set_defaults(func=cmd_export)


def _range(args: argparse.Namespace, extent: tuple[float, float]) -> tuple[float, float] | None:
    if not args.date_from and not args.date_to:
        return None
    lo = date_seconds(parse_date(args.date_from).first_day()) if args.date_from else extent[0]
    hi = date_seconds(parse_date(args.date_to).last_day()) + DAY if args.date_to else extent[1]
    if hi <= lo:
        raise DateError(f"--to ({args.date_to}) is before --from ({args.date_from})")
    return lo, hi


def cmd_export(args: argparse.Namespace) -> int:
    timeline = load_or_report(args.file)
    if timeline is None:
        return EXIT_BAD_INPUT
    unknown = sorted(set(args.category or []) - set(timeline.categories))
    if unknown:
        say(
            f"unknown category {', '.join(unknown)}; this file has: {', '.join(timeline.categories)}",
            sys.stderr,
        )
        return EXIT_BAD_INPUT
    from timeline_app.presentation.view_state import ViewState
    from timeline_app.render import PRESETS, ExportError, export_image
    from timeline_app.view.application import ensure_app

    state = ViewState(timeline)
    try:
        x_range = _range(args, state.arrays.extent)
    except DateError as exc:
        say(f"bad date range: {exc}", sys.stderr)
        return EXIT_BAD_INPUT
    if args.category:
        state.show_only_categories(args.category)
    state.citations = args.citations if args.citations is not None else True
    preset = PRESETS[args.preset] if args.preset else None
    width = args.width or (preset.width if preset else 1600)
    height = args.height or (preset.height if preset else 800)
    state.show_sources_lane = args.sources_lane
    app = ensure_app()
    try:
        export_image(
            state,
            args.output,
            width,
            height,
            scale=args.scale,
            font_scale=preset.font_scale if preset else 1.0,
            x_range=x_range,
            title=args.title,
            source_file=str(timeline.path) if timeline.path else None,
        )
    except ExportError as exc:
        say(str(exc), sys.stderr)
        return EXIT_BAD_INPUT
    finally:
        app.processEvents()
    return 0
