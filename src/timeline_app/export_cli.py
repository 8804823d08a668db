"""`timeline-app export`: placeholder parser until headless export lands."""

from __future__ import annotations

import argparse


def add_export_parser(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    pass
