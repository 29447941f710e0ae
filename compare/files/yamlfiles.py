"""Reading a YAML file a person wrote (manifest, lexicon, labels): `safe_load` only, and every
problem one `ReportError` naming the file and, when YAML knows it, the line."""

from __future__ import annotations

from pathlib import Path

from compare.errors import ReportError


def read_yaml(path: Path, what: str = "file") -> object:
    import yaml

    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ReportError(path, f"no such {what}") from None
    except UnicodeDecodeError:
        raise ReportError(path, f"the {what} is not UTF-8 text") from None
    except OSError as err:
        raise ReportError(path, f"cannot read the {what} ({err.strerror or err})") from None
    try:
        return yaml.safe_load(text)
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        where = f"line {mark.line + 1}: " if mark else ""
        raise ReportError(path, f"{where}broken YAML ({getattr(err, 'problem', None) or err})") from None
