import os
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

REPO = Path(__file__).resolve().parents[1]
SEEDS = REPO.parent / "shared" / "seeds"
FIXTURES = REPO / "tests" / "fixtures"
FIXTURE = FIXTURES / "small.yaml"  # a small fictional timeline: every kind of mark once or twice


@pytest.fixture
def write_yaml(tmp_path):
    """Write a YAML text to a file and return its path."""

    def write(text: str, name: str = "t.yaml") -> Path:
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        return path

    return write
