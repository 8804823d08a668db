"""Exported images: exact size, not blank, deterministic, ranged, SVG with text, atomic."""

import os
import subprocess
import sys
import xml.etree.ElementTree as ET

import pytest
from PySide6.QtGui import QImage

from tests.conftest import FIXTURE
from timeline_app.model import load_path
from timeline_app.presentation.view_state import ViewState
from timeline_app.render import ExportError, export_image
from timeline_app.resources import default_dataset


def run_export(*args, env_extra=None):
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "QT_QPA_PLATFORM")}
    env.update(env_extra or {})
    return subprocess.run(
        [sys.executable, "-m", "timeline_app", "export", *args],
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
    )


def distinct_colors(image, top_fraction=0.1, bottom_fraction=0.8):
    colors = set()
    for y in range(int(image.height() * top_fraction), int(image.height() * bottom_fraction), 2):
        for x in range(0, image.width(), 2):
            colors.add(image.pixel(x, y))
    return len(colors)


@pytest.fixture(scope="module")
def picture():
    return ViewState(load_path(default_dataset()))


def test_cli_export_works_without_a_display_and_exits_0(tmp_path):
    out = tmp_path / "t.png"
    result = run_export("-o", str(out), "--width", "1201", "--height", "601")
    assert result.returncode == 0, result.stderr
    image = QImage(str(out))
    assert (image.width(), image.height()) == (1201, 601)
    assert distinct_colors(image) > 50
    assert image.text("Software").startswith("Timeline ")
    assert image.text("Source").endswith("events.yaml")


@pytest.mark.parametrize("width, height, scale", [(1000, 500, 2.0), (333, 217, 1.0), (641, 479, 4.0)])
def test_png_has_exactly_the_requested_pixel_size(qapp, picture, tmp_path, width, height, scale):
    out = tmp_path / "t.png"
    export_image(picture, out, width, height, scale=scale)
    image = QImage(str(out))
    assert (image.width(), image.height()) == (round(width * scale), round(height * scale))


def test_same_input_gives_the_same_pixels(qapp, picture, tmp_path):
    a, b = tmp_path / "a.png", tmp_path / "b.png"
    export_image(picture, a, 900, 450)
    export_image(picture, b, 900, 450)
    assert QImage(str(a)) == QImage(str(b))


def test_from_to_changes_what_is_drawn(tmp_path):
    whole, year = tmp_path / "whole.png", tmp_path / "year.png"
    assert run_export("-o", str(whole)).returncode == 0
    assert run_export("-o", str(year), "--from", "2022", "--to", "2022").returncode == 0
    assert QImage(str(whole)) != QImage(str(year))


def test_svg_is_xml_with_the_event_titles_as_text(qapp, picture, tmp_path):
    out = tmp_path / "t.svg"
    export_image(picture, out, 1600, 800)
    root = ET.parse(out).getroot()
    text = " ".join("".join(el.itertext()) for el in root.iter() if el.tag.endswith("text"))
    assert "First National Security Strategy" in text
    assert "Japan's national security strategy" in text


def test_read_only_target_fails_cleanly_and_leaves_the_old_file(tmp_path):
    folder = tmp_path / "ro"
    folder.mkdir()
    existing = folder / "t.png"
    existing.write_bytes(b"old contents")
    folder.chmod(0o500)
    try:
        if os.access(folder, os.W_OK):
            pytest.skip("running as a user who can write anywhere")
        result = run_export("-o", str(existing))
        assert result.returncode == 2
        assert "cannot write" in result.stderr and "Traceback" not in result.stderr
        assert existing.read_bytes() == b"old contents"
    finally:
        folder.chmod(0o700)


def test_missing_folder_and_unknown_type_exit_2(tmp_path):
    result = run_export("-o", str(tmp_path / "no" / "t.png"))
    assert result.returncode == 2 and "cannot write" in result.stderr
    result = run_export("-o", str(tmp_path / "t.gif"))
    assert result.returncode == 2 and ".png or .svg" in result.stderr


def test_category_filter_and_title(tmp_path):
    out = tmp_path / "t.png"
    result = run_export("-o", str(out), "--category", "speech", "--title", "Speeches only")
    assert result.returncode == 0
    assert QImage(str(out)).text("Title") == "Speeches only"
    result = run_export("-o", str(out), "--category", "nonsense")
    assert result.returncode == 2 and "unknown category nonsense" in result.stderr


def test_export_refuses_absurd_sizes(qapp, picture, tmp_path):
    with pytest.raises(ExportError):
        export_image(picture, tmp_path / "t.png", 20000, 20000, scale=8)


@pytest.mark.skipif(not os.path.isdir("/proc/self"), reason="needs Linux /proc")
def test_unwritable_filesystem_fails_cleanly_even_for_root():
    result = run_export("-o", "/proc/self/timeline.png")
    assert result.returncode == 2
    assert "cannot write /proc/self/timeline.png" in result.stderr
    assert "Traceback" not in result.stderr


def test_window_export_of_the_current_view_matches_the_cli_range(window, tmp_path):
    """The window's export and the CLI share one render: same range and size, same pixels."""
    import datetime as dt

    from timeline_app.scene.arrays import DAY, date_seconds
    from timeline_app.window.export_dialog import ExportOptions, export_from_window

    lo = date_seconds(dt.date(2020, 1, 1))
    hi = date_seconds(dt.date(2020, 12, 31)) + DAY
    window.canvas.set_x_range(lo, hi)
    window.select_event(3)
    from_window = tmp_path / "window.png"
    export_from_window(
        window.state, window.canvas, ExportOptions(False, 1000, 500, 1.0, "", False), str(from_window)
    )
    from_cli = tmp_path / "cli.png"
    assert (
        run_export(
            str(FIXTURE),
            "-o",
            str(from_cli),
            "--width",
            "1000",
            "--height",
            "500",
            "--from",
            "2020",
            "--to",
            "2020",
        ).returncode
        == 0
    )
    assert QImage(str(from_window)).convertToFormat(QImage.Format_ARGB32) == QImage(
        str(from_cli)
    ).convertToFormat(QImage.Format_ARGB32)


def test_export_options_are_remembered(settings):
    from timeline_app.window.export_dialog import ExportOptions

    ExportOptions(True, 1234, 567, 2.0, "x").save(settings)
    loaded = ExportOptions.load(settings, 10, 10)
    assert (loaded.whole, loaded.width, loaded.height, loaded.scale) == (True, 1234, 567, 2.0)


def test_whole_timeline_svg_carries_the_citation_list_in_publication_order(tmp_path):
    out = tmp_path / "t.svg"
    assert run_export("-o", str(out), "--height", "900").returncode == 0
    root = ET.parse(out).getroot()
    texts = ["".join(el.itertext()) for el in root.iter() if el.tag.endswith("text")]
    numbered = [t for t in texts if t.startswith("[") and "\u201c" in t]
    assert [t.split("]")[0] + "]" for t in numbered] == ["[1]", "[2]", "[3]", "[4]", "[5]"]
    assert "Hideshi Tokuchi" in numbered[0] and "Nikkei Asia" in numbered[2]
    assert "CSIS Japan Chair" in numbered[4]
    assert any(t.startswith("First National Security Strategy") and t.endswith("[1,5]") for t in texts)


def test_ranged_export_leaves_citations_out_unless_asked(tmp_path):
    out = tmp_path / "t.svg"
    assert run_export("-o", str(out), "--from", "2022", "--to", "2022").returncode == 0
    assert "Tokuchi Hideshi" not in out.read_text()
    assert run_export("-o", str(out), "--from", "2022", "--to", "2022", "--citations").returncode == 0
    assert "Tokuchi Hideshi" in out.read_text()


def test_png_metadata_records_the_data_file_and_app_version(tmp_path):
    from timeline_app import __version__

    out = tmp_path / "t.png"
    assert run_export("-o", str(out)).returncode == 0
    image = QImage(str(out))
    assert image.text("Software") == f"Timeline {__version__}"
    assert image.text("Source").endswith("events.yaml")
    assert image.text("Title") == "Japan's national security strategy, 2005-2023"
