"""Reading a file someone handed us, with bounds: every command reads files through `read_limited`.

The file is opened without blocking and checked with `fstat` on the open descriptor (so it cannot
be swapped between the check and the read): a directory, a named pipe (FIFO), a character or block
device (`/dev/zero`, a terminal) or a socket is refused before a byte is read, and so is a file
over the size limit. The read itself is capped at the limit, for files that grow while we read.

The limit is `MAX_BYTES` (256 MiB: the largest real report in the corpus is under 2 MB and
`benchmarks/parse.py` measures parsing up to 100 MB); set `COMPARE_REPORTS_MAX_MB` to change it.
"""

from __future__ import annotations

import errno
import zlib
import os
import stat
from pathlib import Path

from compare.errors import ReportError

MAX_BYTES = 256 * 1024 * 1024
"""Default size limit of any file a command reads, in bytes (256 MiB)."""

_ENV = "COMPARE_REPORTS_MAX_MB"
_PLAIN = frozenset({"file", "report file", "annotation file"})

_SPECIAL = (
    (stat.S_ISFIFO, "a named pipe (FIFO)"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
)


def size_limit() -> int:
    """The size limit in bytes: `COMPARE_REPORTS_MAX_MB` (a positive number of MiB) or `MAX_BYTES`."""
    value = os.environ.get(_ENV, "").strip()
    try:
        mb = float(value)
    except ValueError:
        return MAX_BYTES
    return int(mb * 1024 * 1024) if mb > 0 else MAX_BYTES


def _a(kind: str) -> str:
    return f"an {kind}" if kind[:1].lower() in "aeiou" else f"a {kind}"


def _megabytes(n: int) -> str:
    return f"{n / (1024 * 1024):,.0f} MB" if n >= 1024 * 1024 else f"{n:,} bytes"


def too_large(path: str | os.PathLike[str], size: int, kind: str, limit: int) -> ReportError:
    """The error for a file (or a member of an archive) of `size` bytes over `limit` bytes."""
    return ReportError(
        path,
        f"the {kind} is {_megabytes(size)}, over the {_megabytes(limit)} limit "
        f"(set {_ENV} to raise it)",
    )


def read_limited(path: str | os.PathLike[str], kind: str = "file", limit: int | None = None) -> bytes:
    """The bytes of a regular file of at most `limit` bytes (default `size_limit()`).

    Raises `ReportError(path, message)` for a missing or unreadable file, a directory, a FIFO, a
    device or a socket, and a file over the limit, all before reading its contents.
    """
    p = Path(path)
    limit = size_limit() if limit is None else limit
    try:
        fd = os.open(p, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except FileNotFoundError:
        # a report or an annotation file is just "a file"; other kinds are named (lexicon file)
        raise ReportError(p, "no such file" if kind in _PLAIN else f"no such {kind}") from None
    except PermissionError:
        raise ReportError(p, "permission denied") from None
    except IsADirectoryError:
        raise ReportError(p, f"is a directory, not {_a(kind)}") from None
    except OSError as err:
        if err.errno in (errno.ENXIO, errno.EOPNOTSUPP):  # a socket
            raise ReportError(p, f"is a socket, not {_a(kind)}") from None
        raise ReportError(p, f"cannot read ({err.strerror or err})") from None
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            raise ReportError(p, f"is a directory, not {_a(kind)}")
        for test, what in _SPECIAL:
            if test(info.st_mode):
                raise ReportError(p, f"is {what}, not {_a(kind)}")
        if info.st_size > limit:
            raise too_large(p, info.st_size, kind, limit)
        os.set_blocking(fd, True)
        chunks: list[bytes] = []
        total = 0
        while True:
            chunk = os.read(fd, min(1 << 20, limit + 1 - total))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
            if total > limit:
                raise too_large(p, total, kind, limit)
        return b"".join(chunks)
    except IsADirectoryError:
        raise ReportError(p, f"is a directory, not {_a(kind)}") from None
    except OSError as err:
        raise ReportError(p, f"cannot read ({err.strerror or err})") from None
    finally:
        os.close(fd)


def read_limited_text(
    path: str | os.PathLike[str], kind: str = "file", limit: int | None = None, encoding: str = "utf-8"
) -> str:
    """`read_limited` decoded as `encoding`; text that does not decode is a `ReportError`."""
    data = read_limited(path, kind, limit)
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as err:
        raise ReportError(path, f"the {kind} is not {encoding.upper().removesuffix('-SIG')} text (byte {err.start})") from None


def gunzip_limited(data: bytes, path: str | os.PathLike[str], kind: str = "file", limit: int | None = None) -> bytes:
    """Inflate gzip `data`, refusing output over `limit` bytes (default `size_limit()`): a 1 MB
    gzip bomb would otherwise inflate to gigabytes. Damaged data is a `ReportError`."""
    limit = size_limit() if limit is None else limit
    inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
    try:
        out = inflater.decompress(data, limit + 1)
    except zlib.error:
        raise ReportError(path, f"the {kind} is damaged (broken gzip data)") from None
    if len(out) > limit:
        raise too_large(path, len(out) + len(inflater.unconsumed_tail), f"inflated {kind}", limit)
    if not inflater.eof:
        raise ReportError(path, f"the {kind} is damaged (gzip data cut short)")
    return out
