"""Reading JSON someone handed us (W3C annotation exports): bounded size and nesting depth.

`json.loads` itself recurses once per level of `[` or `{`; a file of 100,000 `[` would raise
`RecursionError`, and one of 900 would build an object our own code then walks recursively.
Nesting deeper than `MAX_DEPTH` levels is refused with one line.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from compare.errors import ReportError
from compare.files.reading import read_limited_text

MAX_DEPTH = 64
"""Deepest nesting of arrays and objects accepted (a W3C annotation is 5 levels deep)."""


def depth_of(value: object) -> int:
    """Nesting depth of parsed JSON (or YAML) data: 0 for a scalar, 1 for a flat list; iterative."""
    deepest = 0
    stack: list[tuple[object, int]] = [(value, 0)]
    while stack:
        item, level = stack.pop()
        if isinstance(item, dict):
            children: list[object] = list(item.values())
        elif isinstance(item, list):
            children = item
        else:
            deepest = max(deepest, level)
            continue
        level += 1
        deepest = max(deepest, level)
        if level > MAX_DEPTH:
            return level
        stack.extend((child, level) for child in children)
    return deepest


def loads_json(text: str, path: str | os.PathLike[str], what: str = "JSON file") -> object:
    """Parse JSON text; broken or too deeply nested JSON is a one-line `ReportError`."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as err:
        raise ReportError(f"{path}:{err.lineno}", f"not valid JSON: {err.msg}") from None
    except RecursionError:
        raise ReportError(path, f"the {what} is nested too deeply (more than {MAX_DEPTH} levels)") from None
    if depth_of(data) > MAX_DEPTH:
        raise ReportError(path, f"the {what} is nested too deeply (more than {MAX_DEPTH} levels)")
    return data


def read_json(path: str | os.PathLike[str], what: str = "JSON file") -> object:
    """A JSON file read with `read_limited` (UTF-8, a BOM allowed) and `loads_json`."""
    return loads_json(read_limited_text(Path(path), what, encoding="utf-8-sig"), path, what)
