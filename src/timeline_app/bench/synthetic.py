"""Deterministic synthetic timelines: points plus 10% spans, 8 categories, 40 years."""

from __future__ import annotations

import csv
import datetime as dt
import json
from pathlib import Path

import numpy as np

CATEGORIES = (
    "decision",
    "meeting",
    "agreement",
    "statement",
    "incident",
    "speech",
    "statistic",
    "strategy document",
)
START = dt.date(1985, 1, 1)
YEARS = 40
WORDS = (
    "defense",
    "strategy",
    "alliance",
    "summit",
    "treaty",
    "report",
    "review",
    "missile",
    "cyber",
    "maritime",
    "budget",
    "exercise",
    "partnership",
    "guidelines",
    "dialogue",
)


def generate(n: int, seed: int = 1) -> list[dict[str, str]]:
    """n events as rows of text fields (the CSV columns)."""
    rng = np.random.default_rng(seed)
    days = rng.integers(0, YEARS * 365, n)
    spans = rng.random(n) < 0.10
    lengths = rng.integers(2, 3 * 365, n)
    precision = rng.choice(3, n, p=[0.7, 0.2, 0.1])  # day, month, year
    category = rng.integers(0, len(CATEGORIES), n)
    words = rng.integers(0, len(WORDS), (n, 3))
    base = START.toordinal()
    rows = []
    for i in range(n):
        start = dt.date.fromordinal(base + int(days[i]))
        if spans[i]:
            end = dt.date.fromordinal(base + int(days[i] + lengths[i]))
            start_text, end_text = start.isoformat(), end.isoformat()
        else:
            iso = start.isoformat()
            start_text, end_text = (iso, iso[:7], iso[:4])[precision[i]], ""
        a, b, c = words[i]
        rows.append(
            {
                "id": f"e{i}",
                "title": f"{WORDS[a].title()} {WORDS[b]} {WORDS[c]} #{i}",
                "start": start_text,
                "end": end_text,
                "category": CATEGORIES[category[i]],
                "summary": "",
            }
        )
    return rows


def write_csv(rows: list[dict[str, str]], path: Path) -> None:
    with path.open("w", newline="", encoding="utf-8") as f:
        writer = csv.DictWriter(f, fieldnames=["id", "title", "start", "end", "category", "summary"])
        writer.writeheader()
        writer.writerows(rows)


def write_json(rows: list[dict[str, str]], path: Path) -> None:
    events: list[dict[str, object]] = [
        {
            "id": r["id"],
            "title": r["title"],
            "category": r["category"],
            "summary": "",
            "start": r["start"],
            "end": r["end"] or None,
            "excerpts": [],
        }
        for r in rows
    ]
    path.write_text(json.dumps({"title": "Synthetic", "events": events, "sources": {}}), encoding="utf-8")


def write_yaml(rows: list[dict[str, str]], path: Path) -> None:
    with path.open("w", encoding="utf-8") as f:
        f.write("title: Synthetic\nevents:\n")
        for r in rows:
            f.write(
                f'  - id: {r["id"]}\n    title: "{r["title"]}"\n    date: "{r["start"]}'
                f'{"/" + r["end"] if r["end"] else ""}"\n    category: {r["category"]}\n'
            )
