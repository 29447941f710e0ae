"""Bytes → `LoadedText`: the format is told by its first bytes, then its reader does the rest.

Readers live in `compare.parsing.readers`: `text` (encodings), `html`, `docx`, `pdf`. Formats
that cannot be read get one line naming the file and what to do instead.
"""

from __future__ import annotations

import os

from compare.errors import ReportError
from compare.files.reading import read_limited
from compare.parsing.readers.docx import read_docx
from compare.parsing.readers.html import html_to_text, looks_like_html, read_html
from compare.parsing.readers.loaded import LoadedText
from compare.parsing.readers.pdf import read_pdf
from compare.parsing.readers.text import SUPPORTED, decode, is_blank

__all__ = ["LoadedText", "SUPPORTED", "decode", "html_to_text", "load_bytes", "load_file",
           "read_bytes"]

_MAGIC = {
    b"\x89PNG\r\n\x1a\n": "a PNG image",
    b"\xff\xd8\xff": "a JPEG image",
    b"GIF8": "a GIF image",
    b"\x7fELF": "an executable",
    b"\x1f\x8b": "a gzip archive",
    b"Rar!": "a RAR archive",
    b"7z\xbc\xaf": "a 7-Zip archive",
    b"{\\rtf": "an RTF document (save it as .docx or PDF)",
    b"\xd0\xcf\x11\xe0": "a legacy Word/WPS document (.doc/.wps) or Excel .xls file "
                         "(save it as .docx or PDF)",
}


def load_file(path: str | os.PathLike[str]) -> LoadedText:
    """Read a report from disk; every problem becomes a one-line `ReportError`."""
    return load_bytes(read_bytes(path), str(path))


def check_report(path: str | os.PathLike[str]) -> None:
    """Raise the one-line `ReportError` that loading `path` would raise (missing, special,
    too large, empty, binary, undecodable, damaged .docx), before a program switches the
    terminal to full screen. A PDF is only checked for its bytes: its text is extracted once,
    when the report is parsed (that takes seconds for a long one)."""
    data = read_bytes(path)
    if not _is_pdf(data):
        load_bytes(data, str(path))


def _is_pdf(data: bytes) -> bool:
    return data[:1024].lstrip().startswith(b"%PDF")


def read_bytes(path: str | os.PathLike[str], kind: str = "report file") -> bytes:
    """A file's bytes, bounded (`compare.files.reading.read_limited`: no FIFOs, devices,
    directories or files over the size limit); every problem is a one-line `ReportError`."""
    return read_limited(path, kind)


# What a file named .docx or .pdf must start with; bytes that are no text and lack it are a
# damaged file of that format (a truncated or mangled download), not "a binary file".
_CONTAINERS = {".docx": ("damaged .docx", "it is not a ZIP package, as every .docx is"),
               ".pdf": ("damaged PDF", "it has no %PDF header, as every PDF has")}


def _damaged(path: str, err: ReportError) -> ReportError:
    """`err` (bytes that are not text), said as a damaged .docx or PDF when `path` is named so."""
    said = _CONTAINERS.get(os.path.splitext(path)[1].lower())
    return ReportError(path, f"{said[0]}: {said[1]}") if said else err


def load_bytes(data: bytes, path: str = "<bytes>") -> LoadedText:
    """A report's bytes as text: plain text, HTML, .docx or a text PDF (see the readers)."""
    if not data or not data.strip(b" \t\r\n\x00"):
        raise ReportError(path, "empty file")
    if data.startswith(b"PK\x03\x04"):
        return read_docx(data, path)
    if _is_pdf(data):
        return read_pdf(data, path)
    for magic, what in _MAGIC.items():
        if data.startswith(magic):
            raise ReportError(path, f"is {what}, not a text report")
    try:
        text, encoding = decode(data, path)
    except ReportError as err:
        raise _damaged(path, err) from None
    if is_blank(text):  # a BOM, blanks, ideographic spaces: nothing was ever written here
        raise ReportError(path, "empty file")
    loaded = read_html(text, encoding) if looks_like_html(text, path) else LoadedText(text, encoding, "text")
    suffix = os.path.splitext(path)[1].lower()
    if suffix in _CONTAINERS:  # a text saved under a Word or PDF name: read, but said
        loaded.warnings.append(f"named {suffix} but it is {'HTML' if loaded.format == 'html' else 'plain text'} "
                               f"({encoding}): read as such")
    return loaded
