"""Text made inert for a terminal: the one place that decides what may reach one.

A report, a YAML file or a file name can carry terminal control sequences: `ESC [2J` clears the
screen, `ESC ]52;c;…` (OSC 52) writes the clipboard, C1 controls (U+0080–U+009F, `U+009B` is a
one-character CSI) act like their ESC forms on many terminals, and bidi overrides and isolates
(U+202A–U+202E, U+2066–U+2069) reorder what the reader sees (CVE-2021-42574, "Trojan Source").

- `inert(text)` removes whole ESC/OSC/CSI sequences first (so no `[2J` residue is left), then
  every other C0/C1 control and bidi control; newlines and tabs stay unless `one_line`.
- `json_safe(dumped)` escapes the same characters as `\\uXXXX` in JSON text (`json.dumps`
  escapes C0 itself, not C1 or bidi controls), so the data is kept but nothing acts on a terminal.
- `InertStream` wraps stdout/stderr of the plain commands as a safety net: it lets through only
  the colour (SGR) sequences rich writes and `\\r` of progress lines.
"""

from __future__ import annotations

import json
import re
import sys
from typing import Any, TextIO

# ESC sequences: CSI (ESC [ … final), OSC / DCS / SOS / PM / APC strings (ended by BEL or ST or
# cut off; their body is printable ASCII, so a cut-off one never eats the Chinese text after
# it), two-character escapes; and the C1 CSI (U+009B) and string (U+0090, U+009D…) forms.
SEQUENCE = (
    r"\x1b\[[0-?]*[ -/]*[@-~]?"
    r"|\x1b[\]PX^_][ -~]*(?:\x07|\x1b\\|\x9c)?"
    r"|\x1b[ -/]*[0-~]?"
    r"|\x9b[0-?]*[ -/]*[@-~]?"
    r"|[\x90\x98\x9d\x9e\x9f][ -~]*(?:\x07|\x1b\\|\x9c)?"
)
"""A regular expression (text) of one terminal control sequence, for patterns built on it."""
_SEQUENCE = SEQUENCE
_BIDI = "\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"
_CONTROLS = "\x00-\x08\x0b-\x1f\x7f-\x9f"
_INERT = re.compile(f"{_SEQUENCE}|[{_CONTROLS}{_BIDI}]")
_INERT_LINE = re.compile(f"{_SEQUENCE}|[{_CONTROLS}{_BIDI}]|[\\t\\n]")
_SGR = r"\x1b\[[0-9;]*m"
_STREAM = re.compile(f"({_SGR})|{_SEQUENCE}|[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f{_BIDI}]")
_JSON_UNSAFE = re.compile(f"[\x7f-\x9f{_BIDI}\u2028\u2029]")


def inert(text: str, *, one_line: bool = False) -> str:
    """`text` with terminal control sequences, C0/C1 controls and bidi controls removed.

    Newlines and tabs are kept, or become spaces with `one_line=True` (error messages). `\\r` is
    removed (it would let a line overwrite what was printed before it on the same line).
    """
    if one_line:
        return _INERT_LINE.sub(lambda m: " " if m.group() in "\t\n" else "", text)
    return _INERT.sub("", text)


def json_safe(dumped: str) -> str:
    """JSON text with C1 and bidi controls (and U+2028/2029) written as `\\uXXXX` escapes.

    Valid on any output of `json.dumps`: those characters can only occur inside strings.
    """
    return _JSON_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", dumped)


def print_json(data: Any, stream: TextIO | None = None) -> None:
    """`data` as indented UTF-8 JSON and a newline on `stream` (stdout), through `json_safe`."""

    (stream or sys.stdout).write(json_safe(json.dumps(data, ensure_ascii=False, indent=2)) + "\n")


class InertStream:
    """A text stream that writes `inert` text through to `stream`, keeping SGR colour and `\\r`."""

    def __init__(self, stream: TextIO) -> None:
        self._stream = stream

    def write(self, text: str) -> int:
        self._stream.write(_STREAM.sub(lambda m: m.group(1) or "", text))
        return len(text)

    def writelines(self, lines: Any) -> None:
        for line in lines:
            self.write(line)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._stream, name)
