"""Files shipped inside the package: the embedded dataset and the icons."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

_REPO_ROOT = Path(__file__).resolve().parents[2]


def _packaged(name: str, repo_relative: str) -> Path:
    """A bundled file: from the installed package, or from the source tree when run from it."""
    packaged = Path(str(resources.files("timeline_app") / name))
    if packaged.exists():
        return packaged
    return _REPO_ROOT / repo_relative


def default_dataset() -> Path:
    return _packaged("_data/events.yaml", "data/events.yaml")


def resource_dir() -> Path:
    return _packaged("_resources", "resources")
