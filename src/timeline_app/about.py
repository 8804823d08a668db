"""What the About dialog says: version, data file, and the libraries shipped with their licences."""

from __future__ import annotations

from importlib import metadata

from timeline_app import APP_NAME, __version__

SHIPPED = ("PySide6-Essentials", "shiboken6", "pyqtgraph", "numpy", "PyYAML", "python-dateutil")
KNOWN = {  # when a wheel's metadata does not name its licence plainly
    "PySide6-Essentials": "LGPL-3.0-only (Qt for Python; Qt itself is LGPL-3.0)",
    "shiboken6": "LGPL-3.0-only",
}


def _field(meta: metadata.PackageMetadata, name: str) -> str:
    """A metadata field's first value, or "" (typeshed declares `PackageMetadata.get` from 3.12)."""
    values = meta.get_all(name)
    return str(values[0]) if values else ""


def licence_of(dist: metadata.Distribution) -> str:
    meta = dist.metadata
    text = _field(meta, "License-Expression")
    if not text:
        licence = _field(meta, "License").strip()
        text = licence if licence and len(licence) < 80 and "\n" not in licence else ""
    if not text:
        classifiers = [
            c.split(" :: ")[-1] for c in meta.get_all("Classifier") or [] if c.startswith("License ::")
        ]
        text = ", ".join(classifiers)
    return text or "see the package's licence file"


def libraries() -> list[tuple[str, str, str]]:
    """(name, version, licence) of each library the app ships."""
    rows = []
    for name in SHIPPED:
        try:
            dist = metadata.distribution(name)
        except metadata.PackageNotFoundError:
            continue
        rows.append((name, dist.version, KNOWN.get(name) or licence_of(dist)))
    return rows


def about_text(data_file: str | None) -> str:
    lines = [
        f"{APP_NAME} {__version__}",
        "Evidence-backed chronologies: every event opens the passages that support it.",
        "",
        f"Data file: {data_file or 'none'}",
        "",
        "Libraries shipped with it:",
    ]
    lines += [f"  {name} {version}: {licence}" for name, version, licence in libraries()]
    return "\n".join(lines)
