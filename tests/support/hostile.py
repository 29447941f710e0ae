"""Damaged and hostile inputs, made in the tests: each a function writing one file and returning
its path. Used by the every-command matrix (tests/test_hostile_inputs.py)."""

from __future__ import annotations

import io
import os
import struct
import zipfile
from pathlib import Path

NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
PARAGRAPHS = [
    "某某区水务局关于2024年度法治政府建设情况的报告",
    "2024年，我局全面推进法治政府建设，现将有关情况报告如下。",
    "一、主要举措",
    "完成行政审批36个，办结率100%。",
    "二、下一步打算",
    "继续加强执法监督。",
]


def docx_bytes(paragraphs: list[str] = PARAGRAPHS * 20) -> bytes:
    """A minimal, valid .docx (deflated) with one `w:p` per paragraph."""
    body = "".join(f"<w:p><w:r><w:t>{p}</w:t></w:r></w:p>" for p in paragraphs)
    xml = f'<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="{NS}"><w:body>{body}</w:body></w:document>'
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", xml)
    return buf.getvalue()


def _header(data: bytes, name: bytes, signature: bytes, fixed: int, name_len_at: int) -> int:
    """Offset of the local (PK 3 4) or central (PK 1 2) header of member `name`."""
    at = 0
    while True:
        at = data.index(signature, at)
        name_len = struct.unpack_from("<H", data, at + name_len_at)[0]
        if data[at + fixed : at + fixed + name_len] == name:
            return at
        at += 4


def _local_header(data: bytes, name: bytes) -> int:
    return _header(data, name, b"PK\x03\x04", 30, 26)


def _central_header(data: bytes, name: bytes) -> int:
    return _header(data, name, b"PK\x01\x02", 46, 28)


def truncated_docx() -> bytes:
    """A download cut off two thirds of the way: no central directory."""
    data = docx_bytes()
    return data[: len(data) * 2 // 3]


def corrupt_deflate_docx() -> bytes:
    """Bytes flipped inside the deflate stream of word/document.xml (directory intact)."""
    data = bytearray(docx_bytes())
    start = _local_header(bytes(data), b"word/document.xml") + 30 + len(b"word/document.xml")
    for i in range(start + 8, start + 40):
        data[i] ^= 0x5A
    return bytes(data)


def _set_bits(data: bytes, name: bytes, flag: int | None = None, method: int | None = None) -> bytes:
    out = bytearray(data)
    local = _local_header(data, name)
    central = _central_header(data, name)
    if flag is not None:
        struct.pack_into("<H", out, local + 6, flag)
        struct.pack_into("<H", out, central + 8, flag)
    if method is not None:
        struct.pack_into("<H", out, local + 8, method)
        struct.pack_into("<H", out, central + 10, method)
    return bytes(out)


def encrypted_docx() -> bytes:
    """word/document.xml with the encryption bit (general purpose flag bit 0) set."""
    return _set_bits(docx_bytes(), b"word/document.xml", flag=0x1)


def unsupported_compression_docx() -> bytes:
    """word/document.xml claiming compression method 99 (AES), which zipfile cannot read."""
    return _set_bits(docx_bytes(), b"word/document.xml", method=99)


DAMAGED_DOCX = {
    "truncated zip": truncated_docx,
    "corrupt deflate": corrupt_deflate_docx,
    "encryption bit": encrypted_docx,
    "unsupported compression": unsupported_compression_docx,
}


def fifo(path: Path) -> Path:
    os.mkfifo(path)
    return path


def oversize(path: Path, size: int = 300 * 1024 * 1024) -> Path:
    """A sparse file over the 256 MiB limit (takes no disk space)."""
    with open(path, "wb") as handle:
        handle.truncate(size)
    return path


def deep_yaml(levels: int = 1000) -> str:
    return "[" * levels + "]" * levels + "\n"


def alias_bomb() -> str:
    """The 'billion laughs' of YAML: about 1 KB that expands to 9**9 strings."""
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for i in range(1, 9):
        prev, cur = chr(ord("a") + i - 1), chr(ord("a") + i)
        lines.append(f"{cur}: &{cur} [" + ",".join([f"*{prev}"] * 9) + "]")
    return "\n".join(lines) + "\n"


# terminal control sequences: clear screen, OSC 52 (write the clipboard), C1 CSI, bidi override
CONTROLS = "\x1b[2J\x1b]52;c;ZWNobyBoaQ==\x07\x9b31m\u202e\u2066"
