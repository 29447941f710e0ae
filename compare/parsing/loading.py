"""Bytes → text: encoding detection and HTML / .docx to plain text with paragraph breaks.

Crawled reports arrive as UTF-8 (with or without BOM), UTF-16 with BOM, GB18030/GBK or Big5.
UTF-8 is tried strictly first; the legacy encodings are told apart by charset-normalizer.
"""

from __future__ import annotations

import codecs
import io
import os
import re
import zipfile
import zlib
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from xml.etree import ElementTree

from compare.errors import ReportError
from compare.files.reading import read_limited, size_limit, too_large

SUPPORTED = "UTF-8, UTF-16 with BOM, GB18030/GBK or Big5"

_MAGIC = {
    b"\x89PNG\r\n\x1a\n": "a PNG image",
    b"\xff\xd8\xff": "a JPEG image",
    b"GIF8": "a GIF image",
    b"%PDF": "a PDF document (convert it to text first)",
    b"\x7fELF": "an executable",
    b"\x1f\x8b": "a gzip archive",
    b"Rar!": "a RAR archive",
    b"7z\xbc\xaf": "a 7-Zip archive",
    b"\xd0\xcf\x11\xe0": "an old Word/Excel (.doc/.xls) file (save it as .docx or text)",
}


@dataclass(frozen=True, slots=True)
class LoadedText:
    text: str
    encoding: str  # utf-8, utf-8-sig, utf-16, gb18030, big5, or "docx"
    format: str  # text | html | docx


def load_file(path: str | os.PathLike[str]) -> LoadedText:
    """Read a report from disk; every problem becomes a one-line `ReportError`."""
    return load_bytes(read_bytes(path), str(path))


def read_bytes(path: str | os.PathLike[str], kind: str = "report file") -> bytes:
    """A file's bytes, bounded (`compare.files.reading.read_limited`: no FIFOs, devices,
    directories or files over the size limit); every problem is a one-line `ReportError`."""
    return read_limited(path, kind)


def load_bytes(data: bytes, path: str = "<bytes>") -> LoadedText:
    if not data or not data.strip(b" \t\r\n\x00"):
        raise ReportError(path, "empty file")
    if data.startswith(b"PK\x03\x04"):
        return LoadedText(_docx_text(data, path), "docx", "docx")
    for magic, what in _MAGIC.items():
        if data.startswith(magic):
            raise ReportError(path, f"is {what}, not a text report")
    text, encoding = decode(data, path)
    if _looks_like_html(text, path):
        return LoadedText(html_to_text(text), encoding, "html")
    return LoadedText(text, encoding, "text")


# -- encodings ----------------------------------------------------------------------------------



def decode(data: bytes, path: str = "<bytes>") -> tuple[str, str]:
    """Decode report bytes, returning (text, encoding name)."""
    if data.startswith(codecs.BOM_UTF8):
        return _strict(data[3:], "utf-8", path), "utf-8-sig"
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return _strict(data, "utf-16", path), "utf-16"
    if b"\x00" in data[:4096]:
        raise ReportError(path, "is a binary file, not a text report")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    # GB18030 decodes almost any byte string, so "it decoded" proves nothing: charset-normalizer
    # ranks the candidates by how coherent the result is, and finds none for Latin-1 or noise.
    import charset_normalizer

    best = charset_normalizer.from_bytes(data, cp_isolation=["gb18030", "big5"]).best()
    if best is None:
        raise ReportError(path, f"is not text in a supported encoding ({SUPPORTED})")
    encoding = "big5" if best.encoding.startswith("big5") else "gb18030"
    return _strict(data, encoding, path), encoding


def _strict(data: bytes, encoding: str, path: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as err:
        raise ReportError(path, f"invalid {encoding} at byte {err.start}") from None


# -- HTML ---------------------------------------------------------------------------------------

_BLOCK = frozenset(
    "address article aside blockquote br dd div dl dt fieldset figcaption figure footer form h1 h2 "
    "h3 h4 h5 h6 header hr li main nav ol p pre section table tbody td th thead title tr ul".split()
)
_SKIP = frozenset({"script", "style", "noscript", "template", "svg", "iframe", "object", "head"})


def _looks_like_html(text: str, path: str) -> bool:
    if path.lower().endswith((".html", ".htm", ".xhtml", ".shtml")):
        return True
    head = text[:2048].lstrip("\ufeff \t\r\n").lower()
    return head.startswith(("<!doctype html", "<html", "<?xml")) and "<body" in text[:200000].lower()


class _TextExtractor(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skip_depth = 0
        self.title: list[str] = []
        self.in_title = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "title":
            self.in_title = True
        elif tag in _SKIP:
            self.skip_depth += 1
        if tag in _BLOCK:
            self.parts.append("\n")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _BLOCK:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self.in_title = False
        elif tag in _SKIP and self.skip_depth:
            self.skip_depth -= 1
        if tag in _BLOCK:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if self.in_title:
            self.title.append(data)
        elif not self.skip_depth:
            self.parts.append(re.sub(r"[ \t\r\n]+", " ", data))


def html_to_text(html: str) -> str:
    """Visible text of an HTML page, one block element per line."""
    parser = _TextExtractor()
    parser.feed(html)
    parser.close()
    text = "".join(parser.parts)
    lines = [line.strip(" ") for line in text.split("\n")]
    return "\n".join(line for line in lines if line)


# -- .docx --------------------------------------------------------------------------------------

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _docx_text(data: bytes, path: str) -> str:
    xml = _docx_member(data, path, "word/document.xml")
    try:
        root = ElementTree.fromstring(xml)
    except ElementTree.ParseError as err:
        raise ReportError(path, f"broken .docx ({err})") from None
    paragraphs = []
    for para in root.iter(f"{_W}p"):
        chunks = []
        for node in para.iter():
            if node.tag == f"{_W}t" and node.text:
                chunks.append(node.text)
            elif node.tag == f"{_W}tab":
                chunks.append("\t")
            elif node.tag in (f"{_W}br", f"{_W}cr"):
                chunks.append("\n")
        paragraphs.append("".join(chunks))
    text = "\n".join(paragraphs)
    if not text.strip():
        raise ReportError(path, "the .docx document has no text")
    return text


def _docx_member(data: bytes, path: str, name: str) -> bytes:
    """One member of a .docx archive, its inflated size capped by the file size limit.

    A truncated download, a corrupt deflate stream, an encrypted member or an unsupported
    compression method is `ReportError(path, "damaged .docx ...")`, never `zlib.error`,
    `RuntimeError` or `NotImplementedError`.
    """
    limit = size_limit()
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            try:
                info = archive.getinfo(name)
            except KeyError:
                raise ReportError(path, "is a ZIP archive but not a .docx document") from None
            if info.flag_bits & 0x1:
                raise ReportError(path, "damaged .docx: it is encrypted (password-protected)")
            if info.file_size > limit:
                raise too_large(path, info.file_size, f".docx member {name}", limit)
            with archive.open(info) as member:
                content = member.read(limit + 1)
    except ReportError:
        raise
    except zipfile.BadZipFile as err:
        if data.startswith(b"PK\x03\x04") and b"word/" in data[:4096]:
            raise ReportError(path, f"damaged .docx: not a complete archive (a truncated download?): {err}") from None
        raise ReportError(path, "is a ZIP archive but not a .docx document") from None
    except NotImplementedError:
        raise ReportError(path, "damaged .docx: it uses a compression method that cannot be read") from None
    except (zlib.error, EOFError):
        raise ReportError(
            path, f"damaged .docx: the compressed {name} is corrupt or cut short (a truncated download?)"
        ) from None
    except (RuntimeError, ValueError, OSError) as err:
        raise ReportError(path, f"damaged .docx ({err})") from None
    if len(content) > limit:
        raise too_large(path, len(content), f".docx member {name}", limit)
    return content
