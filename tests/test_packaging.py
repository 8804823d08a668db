"""The built wheel carries the embedded dataset and the icons (root folders are not package data)."""

import shutil
import subprocess
import sys
import zipfile

import pytest

from tests.conftest import REPO


@pytest.mark.slow
def test_wheel_contains_dataset_and_resources(tmp_path):
    if shutil.which("git") is None:
        pytest.skip("needs git")
    result = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(tmp_path), str(REPO)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    if result.returncode != 0 and "No matching distribution" in result.stderr:
        pytest.skip("the build backend could not be fetched")
    assert result.returncode == 0, result.stderr
    wheel = next(tmp_path.glob("*.whl"))
    names = zipfile.ZipFile(wheel).namelist()
    assert "timeline_app/_data/events.yaml" in names
    assert "timeline_app/_resources/timeline.svg" in names
    assert "timeline_app/_resources/timeline-256.png" in names
    entry_points = next(n for n in names if n.endswith("entry_points.txt"))
    text = zipfile.ZipFile(wheel).read(entry_points).decode()
    assert "timeline-app = timeline_app.cli:main" in text
