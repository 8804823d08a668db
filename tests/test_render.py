"""Exported images: exact size, not blank, deterministic, ranged, SVG with text, atomic."""

import os
import shutil
import stat
import subprocess
import sys
import xml.etree.ElementTree as ET

import pytest
from PySide6.QtGui import QImage

from tests.conftest import FIXTURE
from timeline_app.model import load_path
from timeline_app.model.calendar import day_number
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
    assert result.returncode == 2 and ".png, .svg or .pdf" in result.stderr


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

    from timeline_app.scene.arrays import DAY, date_seconds
    from timeline_app.window.export_dialog import ExportOptions, export_from_window

    lo = date_seconds(day_number(2020, 1, 1))
    hi = date_seconds(day_number(2020, 12, 31)) + DAY
    window.canvas.set_x_range(lo, hi)
    window.select_event(3)
    from_window = tmp_path / "window.png"
    export_from_window(
        window.state, window.canvas, ExportOptions(False, 1000, 500, 1.0, "", True), str(from_window)
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


def svg_texts(path):
    root = ET.parse(path).getroot()
    return ["".join(el.itertext()) for el in root.iter() if el.tag.endswith("text")]


def test_ranged_export_keeps_the_sources_its_events_cite_and_only_those(tmp_path):
    """A part of the timeline lists the sources its events cite, numbered as in the whole
    timeline (a label's [3] finds line [3]); a source no event in the range cites is left out."""
    out = tmp_path / "t.svg"
    assert run_export("-o", str(out), "--from", "2022", "--to", "2022").returncode == 0
    numbered = [t for t in svg_texts(out) if t.startswith("[") and "\u201c" in t]
    assert [t.split("]")[0] + "]" for t in numbered] == ["[2]", "[3]", "[4]", "[5]"]
    assert not any("Hideshi Tokuchi" in t for t in numbered)  # [1], cited only by 2013 events
    assert run_export("-o", str(out), "--from", "2022", "--to", "2022", "--no-citations").returncode == 0
    assert "Tokuchi Hideshi" not in out.read_text()


@pytest.mark.parametrize(
    "date_from, date_to, title",
    [
        ("2022", "2022", "Japan's national security strategy, 2005-2023 \u2014 2022"),
        (
            "2022-01",
            "2023-03",
            "Japan's national security strategy, 2005-2023 \u2014 January 2022 to March 2023",
        ),
        ("2013", "2014", "Japan's national security strategy, 2005-2023 \u2014 2013 to 2014"),
    ],
)
def test_a_range_export_is_titled_by_its_range(tmp_path, date_from, date_to, title):
    out = tmp_path / "t.svg"
    assert run_export("-o", str(out), "--from", date_from, "--to", date_to).returncode == 0
    assert svg_texts(out)[0] == title


def test_an_export_says_which_filter_hides_events(tmp_path):
    """'Showing 1 of 21 events in this range: category decision' under the title."""
    out = tmp_path / "t.svg"
    args = ["-o", str(out), "--from", "2022-01", "--to", "2023-03", "--category", "decision"]
    assert run_export(*args).returncode == 0
    texts = svg_texts(out)
    assert texts[1].startswith("Showing 1 of ") and texts[1].endswith(
        "events in this range: category decision"
    )
    assert run_export("-o", str(out)).returncode == 0
    assert not any(t.startswith("Showing") for t in svg_texts(out))


def test_an_export_has_no_interactive_hints(tmp_path):
    out = tmp_path / "t.svg"
    assert run_export("-o", str(out)).returncode == 0
    text = " ".join(svg_texts(out)).lower()
    assert "click" not in text and "more events, not labelled" in text


def test_the_window_legend_still_says_click(qapp, picture):
    from timeline_app.render import make_canvas

    canvas = make_canvas(picture, 900, 400)
    try:
        assert any("click" in text for _kind, _key, text in canvas.legend._items())
    finally:
        canvas.close()


def pdf_text(path):
    result = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_pdf_export_is_vector_with_its_text_as_text(tmp_path):
    """`-o x.pdf` writes one page the picture's size; the title, labels and citations can be
    selected and searched (pdftotext reads them back); the fonts are embedded, no page image."""
    out = tmp_path / "t.pdf"
    result = run_export("-o", str(out), "--from", "2022", "--to", "2022")
    assert result.returncode == 0, result.stderr
    data = out.read_bytes()
    assert data.startswith(b"%PDF-") and b"/Font" in data
    assert data.count(b"/Type /Page\n") + data.count(b"/Type /Page\r") + data.count(b"/Type /Page ") <= 1
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed")
    text = pdf_text(out)
    assert "Japan's national security strategy, 2005-2023 \u2014 2022" in text
    assert "Rieko Miki" in text  # a citation line
    info = subprocess.run(["pdfinfo", str(out)], capture_output=True, text=True, timeout=60).stdout
    assert "1200 x 600 pts" in info  # 1600 x 800 px at 96 dpi
    images = subprocess.run(["pdfimages", "-list", str(out)], capture_output=True, text=True).stdout
    big = [line for line in images.splitlines()[2:] if int(line.split()[3]) >= 400]
    assert not big, "the PDF holds a page-sized bitmap, not vector drawing"


def test_png_metadata_records_the_data_file_and_app_version(tmp_path):
    from timeline_app import __version__

    out = tmp_path / "t.png"
    assert run_export("-o", str(out)).returncode == 0
    image = QImage(str(out))
    assert image.text("Software") == f"Timeline {__version__}"
    assert image.text("Source").endswith("events.yaml")
    assert image.text("Title") == "Japan's national security strategy, 2005-2023"


# --- exports that are whole or not at all (one writer: model/safe_io.write_atomic) ----------


def _limit_file_size() -> None:
    """A 4 KB file-size limit: writes past it fail with EFBIG, as writes to a full disk fail."""
    import resource

    resource.setrlimit(resource.RLIMIT_FSIZE, (4096, 4096))


@pytest.mark.skipif(not hasattr(os, "fork"), reason="needs a POSIX resource limit")
@pytest.mark.parametrize("suffix", [".png", ".svg", ".pdf"])
def test_a_write_that_fails_half_way_exits_2_and_leaves_the_old_file(tmp_path, suffix):
    """The export is far larger than 4 KB: the write fails part-way. QSaveFile ignored the failed
    write and committed a truncated image with exit 0."""
    out = tmp_path / f"t{suffix}"
    old = os.urandom(1000)
    out.write_bytes(old)
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "QT_QPA_PLATFORM")}
    result = subprocess.run(
        [sys.executable, "-m", "timeline_app", "export", "-o", str(out)],
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
        preexec_fn=_limit_file_size,
    )
    assert result.returncode == 2, result.stderr
    assert f"cannot write {out}: the file is larger than" in result.stderr
    assert "the old file is unchanged" in result.stderr and "Traceback" not in result.stderr
    assert out.read_bytes() == old
    assert sorted(p.name for p in tmp_path.iterdir()) == [out.name]


def test_a_full_disk_exits_2_with_a_clear_message_and_the_old_file_intact(
    qapp, tmp_path, monkeypatch, capsys
):
    """ENOSPC after a few bytes (what /dev/full gives): status 2, the reason, the old bytes."""
    import errno

    from timeline_app.cli import build_parser

    out = tmp_path / "t.png"
    old = os.urandom(2000)
    out.write_bytes(old)
    real_write = os.write

    def write(fd, data):
        if fd > 2:  # leave the test's own stdout and stderr alone
            if os.fstat(fd).st_size >= 64:
                raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
            return real_write(fd, bytes(data[:64]))
        return real_write(fd, data)

    monkeypatch.setattr(os, "write", write)
    args = build_parser().parse_args(["export", str(FIXTURE), "-o", str(out)])
    status = args.func(args)
    err = capsys.readouterr().err
    assert status == 2
    assert f"cannot write {out}: the disk is full" in err and "free some space" in err
    assert out.read_bytes() == old
    assert sorted(p.name for p in tmp_path.iterdir()) == [out.name]


def test_an_export_onto_a_fifo_is_refused_and_the_fifo_stays(tmp_path):
    fifo = tmp_path / "t.png"
    os.mkfifo(fifo)
    result = run_export("-o", str(fifo))
    assert result.returncode == 2
    assert f"cannot write {fifo}: it is a FIFO (named pipe), not a regular file" in result.stderr
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)


@pytest.mark.skipif(not os.path.exists("/dev/null"), reason="needs /dev/null")
def test_an_export_onto_a_device_node_is_refused_and_the_node_stays(tmp_path):
    """A device node named t.png (made with mknod where allowed, else a link to /dev/null)."""
    node = tmp_path / "t.png"
    try:
        os.mknod(node, stat.S_IFCHR | 0o666, os.stat("/dev/null").st_rdev)
    except PermissionError:
        node.symlink_to("/dev/null")
    result = run_export("-o", str(node))
    assert result.returncode == 2
    assert "it is a character device, not a regular file" in result.stderr
    assert stat.S_ISCHR(os.stat(node).st_mode)


def test_an_export_into_a_missing_folder_says_to_create_it(tmp_path):
    result = run_export("-o", str(tmp_path / "no" / "t.png"))
    assert result.returncode == 2
    assert f"the folder {tmp_path / 'no'} does not exist; create it first" in result.stderr


def test_an_image_the_encoder_fails_on_is_an_error_not_an_empty_file(qapp, picture, tmp_path, monkeypatch):
    import timeline_app.render as render

    class FailingWriter:
        def __init__(self, *args):
            pass

        def write(self, image):
            return False

        def errorString(self):
            return "simulated encoder failure"

    monkeypatch.setattr(render, "QImageWriter", FailingWriter)
    with pytest.raises(ExportError, match="simulated encoder failure"):
        export_image(picture, tmp_path / "t.png", 400, 200)
    assert not (tmp_path / "t.png").exists()


# --- what is drawn is what the data says ------------------------------------------------------


def test_control_characters_in_the_data_leave_the_svg_well_formed(tmp_path, write_yaml):
    """QSvgGenerator writes text as given; ESC, BEL or NUL in a title made the SVG invalid XML."""
    import json

    category = "c\x1b"
    title = "Title \x1b]0;pwned\x07\x1b[2J \x00 nul \x0b vt \x7f del \x85 nel \ufffe end"
    path = write_yaml(
        f"title: {json.dumps('Timeline ' + chr(27) + '[2J ' + chr(1))}\n"
        "sources:\n"
        f"  s1: {{title: {json.dumps('Source ' + chr(7))}, published: '2020-01-01'}}\n"
        "events:\n"
        f"  - {{id: a, title: {json.dumps(title)}, date: '2020-03-04', category: {json.dumps(category)},\n"
        "      excerpts: [{source: s1, quote: q}]}\n"
        "  - {id: b, title: Plain neighbour, date: '2020-05-06', category: d}\n"
    )
    out = tmp_path / "t.svg"
    result = run_export(str(path), "-o", str(out), "--citations")
    assert result.returncode == 0, result.stderr
    root = ET.parse(out).getroot()  # raised ParseError: not well-formed (invalid token)
    texts = " ".join("".join(el.itertext()) for el in root.iter() if el.tag.endswith("text"))
    assert "Plain neighbour" in texts
    assert "Title \ufffd]0;pwned" in texts  # the rest of the label may be elided


@pytest.mark.parametrize("year", ["0001", "9999"])
@pytest.mark.parametrize("suffix", [".png", ".svg"])
def test_events_at_the_ends_of_the_calendar_are_drawn(tmp_path, write_yaml, year, suffix):
    """All events in year 1, or in year 9999: the picture shows them (the view's padding goes
    past the years datetime knows; the axis and the view must not)."""
    path = write_yaml(
        "events:\n"
        f"  - {{id: a, title: Alpha at the edge, date: '{year}-03-04', category: x}}\n"
        f"  - {{id: b, title: Beta at the edge, date: '{year}-06-07', category: y}}\n"
        f"  - {{id: c, title: Gamma whole year, date: '{year}', category: y}}\n"
    )
    out = tmp_path / f"t{suffix}"
    result = run_export(str(path), "-o", str(out))
    assert result.returncode == 0, result.stderr
    if suffix == ".svg":
        root = ET.parse(out).getroot()
        texts = " ".join("".join(el.itertext()) for el in root.iter() if el.tag.endswith("text"))
        assert "Alpha at the edge" in texts and "Beta at the edge" in texts and "Gamma whole year" in texts
    else:
        image = QImage(str(out))
        assert distinct_colors(image, 0.5, 0.9) > 20  # markers, labels and ticks, not a blank band


@pytest.mark.parametrize("suffix", [".png", ".svg", ".pdf"])
def test_a_paint_that_fails_is_an_export_error_not_a_blank_picture(
    qapp, picture, tmp_path, monkeypatch, suffix
):
    """The item swallows a failing paint so the window lives; an export must not: it wrote a
    picture with no timeline in it (seen with all events in year 1 or 9999, when the axis
    overflowed datetime) and the CLI exited 0."""
    from timeline_app.view.timeline_item import TimelineItem

    def broken(self, painter, scene):
        raise OverflowError("date value out of range")

    monkeypatch.setattr(TimelineItem, "_paint", broken)
    out = tmp_path / f"t{suffix}"
    out.write_bytes(b"old")
    with pytest.raises(ExportError, match=r"painting the timeline failed .*date value out of range"):
        export_image(picture, out, 800, 400)
    assert out.read_bytes() == b"old"


def test_fit_all_fits_the_data_with_a_small_margin(qapp, picture):
    """Fit All shows the first and last event with 4% of the span each side, not 22% of empty
    future on the right (labels that would run off the edge slide left instead)."""
    from timeline_app.render import make_canvas

    canvas = make_canvas(picture, 1200, 500)
    try:
        canvas.fit_all()
        lo, hi = canvas.x_range()
        first, last = float(picture.arrays.x0.min()), float(picture.arrays.x1.max())
        span = last - first
        assert lo == pytest.approx(first - 0.04 * span, rel=1e-6)
        assert hi == pytest.approx(last + 0.04 * span, rel=1e-6)
    finally:
        canvas.close()
