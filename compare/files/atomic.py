"""Writing a file so that a crash leaves the old version or the new one, never half of either.

`atomic_write` writes a temporary file in the same folder, fsyncs it, renames it over the
target and fsyncs the folder. `locked` serialises writers of one file across processes with
`fcntl.flock` on a `<name>.lock` file beside it (on systems without fcntl it does nothing),
removed again when the lock is released, so a folder of annotations a team commits holds no
lock files (user test s26).
"""

from __future__ import annotations

import os
import tempfile
import time
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import Iterator

from compare.errors import ReportError

LOCK_WAIT = 10.0  # seconds to wait for another process's save before giving up


def atomic_write(path: Path, data: bytes) -> None:
    try:
        mode = path.stat().st_mode & 0o777
    except FileNotFoundError:
        mode = 0o644
    fd, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temporary, mode)
        os.replace(temporary, path)
    except BaseException:
        with suppress(FileNotFoundError):
            os.unlink(temporary)
        raise
    _sync_folder(path.parent)


def remove_stale_temporaries(path: Path) -> None:
    """Temporary files a killed writer left behind. Call only while holding `locked(path)`."""
    for stale in path.parent.glob(f".{path.name}.*.tmp"):
        with suppress(OSError):
            stale.unlink()


def _sync_folder(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass  # some file systems cannot fsync a directory; the rename is still atomic
    finally:
        os.close(fd)


def lock_path(path: Path) -> Path:
    return path.with_name(path.name + ".lock")


@contextmanager
def locked(path: Path, wait: float = LOCK_WAIT) -> Iterator[None]:
    try:
        import fcntl  # POSIX only
    except ImportError:  # pragma: no cover - Windows
        yield
        return
    # The lock file is removed on release. A waiter may then hold a lock on a file no longer at
    # the path (it opened it before the removal) while a newcomer locks a new file there: so a
    # lock counts only while the path still names the very file locked (same inode), else the
    # waiter opens the path again. The usual way to delete flock files safely.
    where = lock_path(path)
    deadline = time.monotonic() + wait
    while True:
        fd = os.open(where, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            while True:
                try:
                    fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                    break
                except BlockingIOError:
                    if time.monotonic() > deadline:
                        raise ReportError(
                            path, f"another process has been saving it for {wait:.0f} s; try again"
                        ) from None
                    time.sleep(0.02)
            try:
                current = os.stat(where).st_ino
            except FileNotFoundError:
                current = None
            if current != os.fstat(fd).st_ino:  # removed (and maybe made anew) meanwhile
                os.close(fd)
                continue
        except BaseException:
            os.close(fd)
            raise
        break
    try:
        yield
    finally:
        with suppress(OSError):
            os.unlink(where)  # while still held: no one can have locked the file at this path
        fcntl.flock(fd, fcntl.LOCK_UN)
        os.close(fd)
