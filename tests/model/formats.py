"""Helpers for the format tests: write a timeline in each format, load it back, compare."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from timeline_app.model import Timeline, load_path
from timeline_app.model.columns import EventColumns
from timeline_app.model.loader import links_sidecar_path, sidecar_path
from timeline_app.model.serialize import (
    timeline_to_csv_links_text,
    timeline_to_csv_texts,
    timeline_to_dict,
    timeline_to_yaml_text,
)

FORMATS = ("yaml", "json", "csv")


def write(timeline: Timeline, folder: Path, fmt: str, stem: str = "t") -> Path:
    """Write `timeline` as `folder/<stem>.<fmt>` (and the sources sidecar for CSV)."""
    path = folder / f"{stem}.{fmt}"
    if fmt == "yaml":
        path.write_text(timeline_to_yaml_text(timeline), encoding="utf-8")
    elif fmt == "json":
        path.write_text(
            json.dumps(timeline_to_dict(timeline), ensure_ascii=False, indent=2), encoding="utf-8"
        )
    else:
        events, sources = timeline_to_csv_texts(timeline)
        path.write_bytes(events.encode("utf-8"))
        sidecar_path(path).write_bytes(sources.encode("utf-8"))
        links = timeline_to_csv_links_text(timeline)
        if links is not None:
            links_sidecar_path(path).write_bytes(links.encode("utf-8"))
    return path


def round_trip(timeline: Timeline, folder: Path, fmt: str) -> Timeline:
    return load_path(write(timeline, folder, fmt))


def column_values(columns: EventColumns) -> dict[str, Any]:
    """Everything the columns hold except file lines, as plain comparable values."""
    return {
        "ids": list(columns.ids),
        "titles": list(columns.titles),
        "categories": [columns.categories[c] for c in columns.category.tolist()],
        "category_order": columns.categories,
        "first_day": columns.first_day.tolist(),
        "last_day": columns.last_day.tolist(),
        "is_span": columns.is_span.tolist(),
        "precision": columns.precision.tolist(),
        "approximate": columns.approximate.tolist(),
        "n_sources": columns.n_sources.tolist(),
        "independent": columns.independent.tolist(),
        "status": list(columns.status),
        "links": None if columns.links is None else list(columns.links),
        "conflict": columns.conflict.tolist(),
        "starts": list(columns.starts),
        "ends": list(columns.ends),
        "excerpts": list(columns.excerpts),
        "texts": {key: list(values) for key, values in columns.texts.items()},
        "flags": {key: values.tolist() for key, values in columns.flags.items()},
    }


def assert_same_timeline(again: Timeline, original: Timeline) -> None:
    assert column_values(again.columns) == column_values(original.columns)
    assert again.sources == original.sources
    assert list(again.events) == list(original.events)
