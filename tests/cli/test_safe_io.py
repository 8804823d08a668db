"""The one writer and the one reader (model/safe_io.py): whole or not at all, and never stuck.

Pure Python, tested without Qt; here rather than in tests/model because that folder belongs to
the loader's rewrite. The exports and the desktop files that use the writer are tested in
tests/test_render.py and tests/test_desktop.py.
"""

import errno
import os
import socket
import stat
import threading

import pytest

from timeline_app.model import safe_io
from timeline_app.model.safe_io import SafeIOError, read_regular_file, write_atomic

linux = pytest.mark.skipif(not os.path.isdir("/proc/self"), reason="needs Linux /proc and /dev")


def leftovers(folder):
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


def test_a_new_file_gets_the_data_and_the_usual_permissions(tmp_path):
    target = tmp_path / "new.png"
    write_atomic(target, b"\x89PNG data")
    assert target.read_bytes() == b"\x89PNG data"
    umask = os.umask(0)
    os.umask(umask)
    assert stat.S_IMODE(target.stat().st_mode) == 0o666 & ~umask
    assert leftovers(tmp_path) == []


def test_replacing_keeps_the_old_files_permissions(tmp_path):
    target = tmp_path / "old.svg"
    target.write_bytes(b"old")
    target.chmod(0o640)
    write_atomic(target, b"new")
    assert target.read_bytes() == b"new"
    assert stat.S_IMODE(target.stat().st_mode) == 0o640


def test_a_symlink_stays_a_link_and_its_target_is_replaced(tmp_path):
    real = tmp_path / "real.png"
    real.write_bytes(b"old")
    link = tmp_path / "link.png"
    link.symlink_to(real)
    write_atomic(link, b"new")
    assert link.is_symlink() and real.read_bytes() == b"new"


def test_a_fifo_is_refused_and_stays_a_fifo(tmp_path):
    fifo = tmp_path / "t.png"
    os.mkfifo(fifo)
    with pytest.raises(SafeIOError, match="FIFO") as info:
        write_atomic(fifo, b"data")
    assert "nothing was written" in str(info.value) and str(fifo) in str(info.value)
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)
    assert leftovers(tmp_path) == []


def test_a_folder_and_a_socket_are_refused(tmp_path):
    folder = tmp_path / "d.png"
    folder.mkdir()
    with pytest.raises(SafeIOError, match="a folder, not a regular file"):
        write_atomic(folder, b"data")
    sock_path = tmp_path / "s.png"
    with socket.socket(socket.AF_UNIX) as sock:
        sock.bind(str(sock_path))
        with pytest.raises(SafeIOError, match="a socket"):
            write_atomic(sock_path, b"data")
        assert stat.S_ISSOCK(os.lstat(sock_path).st_mode)


@linux
def test_device_nodes_are_refused_and_stay_devices(tmp_path):
    for device in ("/dev/null", "/dev/full"):
        with pytest.raises(SafeIOError, match="a character device"):
            write_atomic(device, b"data")
        assert stat.S_ISCHR(os.stat(device).st_mode)
    link = tmp_path / "null.png"  # a link to a device is no way round it
    link.symlink_to("/dev/null")
    with pytest.raises(SafeIOError, match="a character device"):
        write_atomic(link, b"data")
    assert stat.S_ISCHR(os.stat("/dev/null").st_mode)


def fail_after(limit, code=errno.ENOSPC):
    """An os.write that writes `limit` bytes in all, then fails like a full disk."""
    real = os.write
    written = 0

    def write(fd, data):
        nonlocal written
        if written >= limit:
            raise OSError(code, os.strerror(code))
        n = real(fd, bytes(data[: limit - written]))
        written += n
        return n

    return write


def test_a_full_disk_leaves_the_old_file_byte_for_byte(tmp_path, monkeypatch):
    target = tmp_path / "t.png"
    old = os.urandom(5000)
    target.write_bytes(old)
    monkeypatch.setattr(safe_io.os, "write", fail_after(100))
    with pytest.raises(SafeIOError) as info:
        write_atomic(target, b"x" * 10_000)
    message = str(info.value)
    assert message.startswith(f"cannot write {target}: the disk is full")
    assert "free some space" in message and "the old file is unchanged" in message
    assert target.read_bytes() == old
    assert leftovers(tmp_path) == []


def test_short_writes_are_continued_until_every_byte_is_written(tmp_path, monkeypatch):
    real = os.write
    monkeypatch.setattr(safe_io.os, "write", lambda fd, data: real(fd, bytes(data[:777])))
    data = os.urandom(100_000)
    write_atomic(tmp_path / "t.png", data)
    assert (tmp_path / "t.png").read_bytes() == data


def test_a_write_that_makes_no_progress_is_an_error_not_success(tmp_path, monkeypatch):
    monkeypatch.setattr(safe_io.os, "write", lambda fd, data: 0)
    with pytest.raises(SafeIOError, match="disk is full"):
        write_atomic(tmp_path / "t.png", b"data")
    assert not (tmp_path / "t.png").exists() and leftovers(tmp_path) == []


def test_a_failed_fsync_leaves_the_old_file(tmp_path, monkeypatch):
    target = tmp_path / "t.png"
    target.write_bytes(b"old")

    def fsync(fd):
        raise OSError(errno.EIO, os.strerror(errno.EIO))

    monkeypatch.setattr(safe_io.os, "fsync", fsync)
    with pytest.raises(SafeIOError, match="Input/output error"):
        write_atomic(target, b"new")
    assert target.read_bytes() == b"old" and leftovers(tmp_path) == []


def test_an_interrupt_while_writing_leaves_no_temporary_file(tmp_path, monkeypatch):
    def write(fd, data):
        raise KeyboardInterrupt

    monkeypatch.setattr(safe_io.os, "write", write)
    with pytest.raises(KeyboardInterrupt):
        write_atomic(tmp_path / "t.png", b"data")
    assert list(tmp_path.iterdir()) == []


def test_a_missing_folder_says_so(tmp_path):
    with pytest.raises(SafeIOError, match="does not exist; create it first"):
        write_atomic(tmp_path / "no" / "t.png", b"data")


@linux
def test_a_folder_that_takes_no_files_says_so_even_for_root():
    with pytest.raises(SafeIOError, match=r"cannot write /proc/self/t\.png: no file can be created"):
        write_atomic("/proc/self/t.png", b"data")


def test_a_read_only_folder_says_permission_denied(tmp_path):
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        if os.access(folder, os.W_OK):
            pytest.skip("running as a user who can write anywhere")
        with pytest.raises(SafeIOError, match="permission denied; choose a folder you can write to"):
            write_atomic(folder / "t.png", b"data")
    finally:
        folder.chmod(0o700)


# --- the reader -----------------------------------------------------------------------------


def read_in_thread(path, limit):
    """read_regular_file in a thread: a reader that blocks fails the test instead of hanging it."""
    outcome = {}

    def run():
        try:
            outcome["data"] = read_regular_file(path, limit)
        except SafeIOError as exc:
            outcome["error"] = exc

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    thread.join(10)
    assert not thread.is_alive(), f"reading {path} blocked"
    return outcome


def test_a_regular_file_is_read_whole(tmp_path):
    path = tmp_path / "t.yaml"
    data = os.urandom(3 * 2**20 + 7)
    path.write_bytes(data)
    assert read_regular_file(path, len(data)) == data


def test_a_fifo_is_refused_before_reading_so_it_never_blocks(tmp_path):
    fifo = tmp_path / "t.yaml"
    os.mkfifo(fifo)
    outcome = read_in_thread(fifo, 1000)
    assert "FIFO (named pipe), not a regular file" in str(outcome["error"])


@linux
@pytest.mark.parametrize("device", ["/dev/zero", "/dev/urandom"])
def test_endless_devices_are_refused_before_reading(device):
    outcome = read_in_thread(device, 1000)
    assert f"cannot read {device}: it is a character device" in str(outcome["error"])


def test_a_folder_is_refused(tmp_path):
    with pytest.raises(SafeIOError, match="a folder, not a regular file"):
        read_regular_file(tmp_path, 1000)


def test_a_file_over_the_limit_is_refused_with_its_size(tmp_path):
    path = tmp_path / "big.yaml"
    path.write_bytes(b"x" * (3 * 2**20))
    with pytest.raises(SafeIOError) as info:
        read_regular_file(path, 2**20)
    assert "the file is 3 MB (3,145,728 bytes); at most 1 MB (1,048,576 bytes) can be read" in str(info.value)
    assert read_regular_file(path, 3 * 2**20) == b"x" * (3 * 2**20)  # exactly the limit is fine


@linux
def test_a_file_that_says_size_0_is_still_bounded():
    """/proc files report st_size 0: the limit holds on what is actually read."""
    with pytest.raises(SafeIOError, match="the file is more than 10 bytes"):
        read_regular_file("/proc/self/status", 10)
    assert b"VmHWM" in read_regular_file("/proc/self/status", 2**20)


def test_a_missing_file_says_so(tmp_path):
    with pytest.raises(SafeIOError, match="no such file; check the name"):
        read_regular_file(tmp_path / "none.yaml", 1000)
