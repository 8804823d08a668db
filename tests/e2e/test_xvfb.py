"""The installed app in a real X session: it starts, a click on an event changes the panel."""

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

pytestmark = pytest.mark.e2e
TOOLS = ("Xvfb", "xdotool", "import")
missing = [t for t in TOOLS if shutil.which(t) is None]
APP = Path(sys.executable).with_name("timeline-app")


@pytest.fixture
def xserver():
    if missing:
        pytest.skip(f"needs {', '.join(missing)} (apt-get install xvfb xdotool imagemagick)")
    read, write = os.pipe()
    proc = subprocess.Popen(
        ["Xvfb", "-displayfd", str(write), "-screen", "0", "1600x1000x24", "-nolisten", "tcp"],
        pass_fds=(write,),
        stderr=subprocess.DEVNULL,
    )
    os.close(write)
    data = b""
    while not data.endswith(b"\n"):  # Xvfb writes the number and the newline separately, and
        chunk = os.read(read, 16)  # exits if the pipe is closed before the newline goes through
        if not chunk:
            break
        data += chunk
    os.close(read)
    number = data.decode().strip()
    assert number, f"Xvfb did not start (exit status {proc.poll()})"
    display = f":{number}"
    deadline = time.monotonic() + 15
    while True:  # the number comes early; wait until the server answers a client
        probe = subprocess.run(
            ["xdotool", "getdisplaygeometry"],
            capture_output=True,
            env={**os.environ, "DISPLAY": display},
            timeout=10,
        )
        if probe.returncode == 0:
            break
        assert time.monotonic() < deadline, f"Xvfb on {display} never accepted a client"
        time.sleep(0.2)
    yield display
    proc.terminate()
    proc.wait(10)


def screenshot(env):
    from PySide6.QtGui import QImage

    data = subprocess.run(
        ["import", "-window", "root", "png:-"], env=env, capture_output=True, check=True, timeout=30
    ).stdout
    return QImage.fromData(data)


def region_differs(a, b, top, bottom):
    return any(a.pixel(x, y) != b.pixel(x, y) for y in range(top, bottom, 3) for x in range(0, a.width(), 5))


def label_position(qapp, tmp_path):
    """Where the first label sits in a default-sized window (computed offscreen, same code)."""
    from PySide6.QtCore import QPoint, QSettings

    from timeline_app.resources import default_dataset
    from timeline_app.window.main_window import MainWindow

    win = MainWindow(settings=QSettings(str(tmp_path / "probe.ini"), QSettings.IniFormat))
    win.open_path(default_dataset())
    win.show()
    qapp.processEvents()
    win.canvas.viewport().repaint()
    rect = max((label.rect for label in win.canvas.item.current_scene().labels), key=lambda r: r.w)
    centre = QPoint(round(rect.x + rect.w / 2), round(rect.y + rect.h / 2))
    point = win.canvas.viewport().mapTo(win, centre)
    panel_top = win.panel.mapTo(win, win.panel.rect().topLeft()).y()
    size = win.size()
    win.close()
    return point, panel_top, size


@pytest.mark.skipif(not APP.exists(), reason="timeline-app is not installed next to this Python")
def test_installed_app_starts_and_a_click_opens_an_events_sources(qapp, xserver, tmp_path):
    point, panel_top, size = label_position(qapp, tmp_path)
    env = {**os.environ, "DISPLAY": xserver, "XDG_CONFIG_HOME": str(tmp_path / "config")}
    env.pop("QT_QPA_PLATFORM", None)
    log = tmp_path / "app.log"
    with log.open("wb") as err:
        app = subprocess.Popen([str(APP)], env=env, stdout=subprocess.DEVNULL, stderr=err)
    try:
        window, found = None, None
        deadline = time.monotonic() + 60
        while window is None and time.monotonic() < deadline:
            assert app.poll() is None, f"the app exited: {log.read_text()}"
            found = subprocess.run(
                ["xdotool", "search", "--onlyvisible", "--pid", str(app.pid), "--name", "Timeline"],
                env=env,
                capture_output=True,
                text=True,
                timeout=30,
            )
            window = found.stdout.split()[0] if found.stdout.split() else None
            if window is None:
                time.sleep(0.3)
        assert window, f"no window appeared: {found.stderr if found else ''} {log.read_text()}"
        time.sleep(1.5)
        geometry = subprocess.run(
            ["xdotool", "getwindowgeometry", "--shell", window],
            env=env,
            capture_output=True,
            text=True,
            timeout=10,
        ).stdout
        values = dict(line.split("=") for line in geometry.split())
        assert (int(values["WIDTH"]), int(values["HEIGHT"])) == (size.width(), size.height())
        before = screenshot(env)
        x, y = int(values["X"]) + point.x(), int(values["Y"]) + point.y()
        subprocess.run(
            ["xdotool", "mousemove", str(x), str(y), "click", "1"], env=env, check=True, timeout=10
        )
        top = int(values["Y"]) + panel_top + 5
        deadline = time.monotonic() + 10
        changed = False
        while not changed and time.monotonic() < deadline:
            time.sleep(0.5)
            assert app.poll() is None, log.read_text()
            after = screenshot(env)
            changed = region_differs(before, after, top, min(top + 200, after.height()))
        assert changed, "the source panel did not change after clicking an event"
        subprocess.run(["xdotool", "windowfocus", "--sync", window, "key", "ctrl+q"], env=env, timeout=10)
        assert app.wait(15) == 0
    finally:
        if app.poll() is None:
            app.kill()
            app.wait()
