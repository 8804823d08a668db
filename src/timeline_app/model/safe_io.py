"""One writer and one reader for files the user names: whole or not at all, and never stuck.

`write_atomic` replaces a file with new contents or leaves the old one exactly as it was. It
writes a temporary file in the target's folder (so the final rename stays on one file system),
checks every `os.write` (a short write or ENOSPC is an error, not a truncated file), flushes with
`fsync`, and only then renames it over the target. It refuses a target that exists and is not a
regular file: `open()` on a FIFO blocks until a reader comes, and a rename would replace the FIFO
or device node with a file (what QSaveFile did). A symbolic link is followed, so the file it
points to is replaced and the link stays a link, as editors and QSaveFile do.

`read_regular_file` opens with O_NONBLOCK and checks the opened file with `fstat` before
reading: `Path.read_bytes()` blocks forever on a FIFO and eats all memory on /dev/zero, and
`st_size` is 0 for both, so a size check alone passes them. It reads at most `limit + 1` bytes,
so a file that grows, or lies about its size (/proc), is still refused past the limit.

Both raise `SafeIOError` only, with a message that says what went wrong and what to do.
"""

from __future__ import annotations

import contextlib
import errno
import os
import secrets
import stat

_CHUNK = 1 << 20  # one os.write call per MiB: a short write is caught within a MiB
_OPEN_FLAGS = getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_BINARY", 0)


class SafeIOError(Exception):
    """A file that could not be read or written; `str()` says what and how to fix it.

    `path` is the file named, `reason` the message without the leading "cannot write PATH: ",
    for callers (the loader) that print the file name themselves.
    """

    def __init__(self, action: str, path: str, reason: str) -> None:
        super().__init__(f"cannot {action} {path}: {reason}")
        self.path = path
        self.reason = reason


def file_kind(mode: int) -> str:
    """What a stat mode is, in words, for a message."""
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a FIFO (named pipe)"
    if stat.S_ISCHR(mode):
        return "a character device"
    if stat.S_ISBLK(mode):
        return "a block device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISREG(mode):
        return "a regular file"
    return "not a regular file"


def size_text(n: int) -> str:
    """A byte count for a person: '1.5 GB', '17 MB', '812 bytes'."""
    for unit, scale in (("GB", 2**30), ("MB", 2**20), ("KB", 2**10)):
        if n >= scale:
            return f"{n / scale:.3g} {unit}"
    return f"{n} bytes"


def _reason(exc: OSError, writing: bool) -> str:
    """An OSError as advice."""
    code = exc.errno
    if code in (errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)):
        return "the disk is full (no space left on the device); free some space or choose another disk"
    if code == errno.EFBIG:
        return "the file is larger than this file system, or a limit set for you, allows; choose another disk"
    if code == errno.EROFS:
        return "the file system is read-only; choose a folder on another disk"
    if code in (errno.EACCES, errno.EPERM):
        if writing:
            return "permission denied; choose a folder you can write to"
        return "permission denied; check the file's permissions"
    if code == errno.ENOENT:
        if writing:
            return "the folder does not exist; create it first or choose another folder"
        return "no such file; check the name and the folder"
    if code == errno.ENAMETOOLONG:
        return "the name is too long; choose a shorter one"
    if code == errno.EISDIR:
        return "it is a folder, not a file; name a file"
    if code == errno.ENXIO:
        return "it is not a regular file (a socket or a device with nothing behind it)"
    return (exc.strerror or str(exc)) + ("; choose another place to save" if writing else "")


def write_atomic(path: str | os.PathLike[str], data: bytes) -> None:
    """Replace the file at `path` with `data`, whole or not at all.

    On any failure the temporary file is removed, the old file (if any) is untouched, and
    `SafeIOError` says why. A new file gets the usual permissions (0666 less the umask); a
    replaced file keeps its own.
    """
    name = os.fspath(path)
    target = os.path.realpath(name) if os.path.islink(name) else name
    try:
        existing: os.stat_result | None = os.stat(target)
    except FileNotFoundError:
        existing = None
    except OSError as exc:
        raise SafeIOError("write", name, _reason(exc, writing=True)) from None
    if existing is not None and not stat.S_ISREG(existing.st_mode):
        raise SafeIOError(
            "write",
            name,
            f"it is {file_kind(existing.st_mode)}, not a regular file; nothing was written "
            "(choose another file name)",
        )
    folder = os.path.dirname(target) or "."
    if not os.path.isdir(folder):
        raise SafeIOError(
            "write", name, f"the folder {folder} does not exist; create it first or choose another folder"
        )
    temp, fd = _create_temp(name, target, folder)
    try:
        try:
            if existing is not None and hasattr(os, "fchmod"):
                os.fchmod(fd, stat.S_IMODE(existing.st_mode))
            _write_all(fd, data)
            os.fsync(fd)
        finally:
            os.close(fd)  # NFS reports a failed write here: close's error counts too
        os.replace(temp, target)
    except BaseException as exc:
        _remove_quietly(temp)
        if isinstance(exc, OSError):
            kept = " (the old file is unchanged)" if existing is not None else ""
            raise SafeIOError("write", name, _reason(exc, writing=True) + kept) from None
        raise
    _sync_folder(folder)


def _create_temp(name: str, target: str, folder: str) -> tuple[str, int]:
    """A new hidden file beside the target, created exclusively (never an existing one)."""
    base = os.path.basename(target)
    for _ in range(100):
        temp = os.path.join(folder, f".{base}.{secrets.token_hex(4)}.tmp")
        try:
            return temp, os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | _OPEN_FLAGS, 0o666)
        except FileExistsError:
            continue
        except OSError as exc:
            reason = _reason(exc, writing=True)
            if exc.errno == errno.ENOENT:  # the folder exists: /proc, say, takes no new files
                reason = f"no file can be created in {folder}; choose another folder"
            raise SafeIOError("write", name, reason) from None
    raise SafeIOError("write", name, f"could not create a temporary file in {folder}")


def _write_all(fd: int, data: bytes) -> None:
    """Write every byte or raise: `os.write` may write fewer bytes than asked."""
    view = memoryview(data)
    while view:
        written = os.write(fd, view[:_CHUNK])
        if written <= 0:  # no progress and no error: treat it as a full disk, not as success
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        view = view[written:]


def _remove_quietly(path: str) -> None:
    with contextlib.suppress(OSError):
        os.unlink(path)


def _sync_folder(folder: str) -> None:
    """Make the rename itself durable (POSIX); best effort, the data is already written."""
    if os.name != "posix":
        return
    try:
        fd = os.open(folder, os.O_RDONLY | _OPEN_FLAGS)
    except OSError:
        return
    with contextlib.suppress(OSError):
        os.fsync(fd)
    os.close(fd)


def read_regular_file(path: str | os.PathLike[str], limit_bytes: int) -> bytes:
    """The bytes of a regular file of at most `limit_bytes`, or `SafeIOError`.

    A FIFO, a device (/dev/zero, /dev/urandom), a folder or a socket is refused before a single
    byte is read, so the call never blocks and never reads without end.
    """
    name = os.fspath(path)
    try:
        fd = os.open(name, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | _OPEN_FLAGS)
    except OSError as exc:
        raise SafeIOError("read", name, _reason(exc, writing=False)) from None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise SafeIOError(
                "read", name, f"it is {file_kind(info.st_mode)}, not a regular file; name a file"
            )
        if info.st_size > limit_bytes:
            raise SafeIOError("read", name, _too_large(info.st_size, limit_bytes))
        chunks: list[bytes] = []
        total = 0
        want = info.st_size + 1  # one read for the whole file, one more to see its end
        while total <= limit_bytes:
            chunk = os.read(fd, min(max(want - total, 64 * 1024), limit_bytes + 1 - total))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
        if total > limit_bytes:
            raise SafeIOError("read", name, _too_large(total, limit_bytes, grew=True))
        return b"".join(chunks)  # one chunk (the usual case) is returned without a copy
    except OSError as exc:
        raise SafeIOError("read", name, _reason(exc, writing=False)) from None
    finally:
        os.close(fd)


def _too_large(size: int, limit: int, grew: bool = False) -> str:
    said = f"more than {size_text(limit)}" if grew else f"{size_text(size)} ({size:,} bytes)"
    return f"the file is {said}; at most {size_text(limit)} ({limit:,} bytes) can be read"
