"""Reading a YAML file a person wrote (manifest, lexicon, labels): `safe_load` only, and every
problem one `ReportError` naming the file and, when YAML knows it, the line."""

from __future__ import annotations

from pathlib import Path

from compare.errors import ReportError
from compare.files.reading import read_limited_text


def read_yaml(path: Path, what: str = "file") -> object:
    import yaml

    text = read_limited_text(path, what)
    try:
        return yaml.safe_load(text)
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        where = f"line {mark.line + 1}: " if mark else ""
        raise ReportError(path, f"{where}broken YAML ({getattr(err, 'problem', None) or err})") from None
