"""Reading a YAML file a person wrote (manifest, lexicon, labels): `safe_load` only, and every
problem one `ReportError` naming the file and, when YAML knows it, the line."""

from __future__ import annotations

from pathlib import Path

from compare.errors import ReportError
from compare.files.reading import read_limited_text


class Mapping(dict):
    """A YAML mapping as read, with the keys it gave twice: [(key, line of the repeat, line of
    the first)] (lines from 1). PyYAML silently keeps the last of two equal keys, so
    `year: 2023` then `year: 2021` would give a report the wrong year without a word; YAML 1.2
    (§3.2.1.1) says keys are unique."""

    duplicates: list[tuple[object, int, int]]


def duplicate_message(mapping: object) -> str | None:
    """"line N: duplicate key 'year' (first on line M)" for a mapping's first repeated key."""
    for key, line, first in getattr(mapping, "duplicates", ()):
        return f"line {line}: duplicate key {key!r} (first on line {first})"
    return None


def _first_duplicate(data: object) -> str | None:
    stack = [data]
    while stack:
        item = stack.pop()
        message = duplicate_message(item)
        if message:
            return message
        if isinstance(item, dict):
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
    return None


def _loader():
    import yaml

    class Loader(yaml.SafeLoader):
        pass

    def construct_mapping(loader, node):
        mapping = Mapping()
        mapping.duplicates = []
        seen: dict[object, int] = {}
        for key_node, _ in node.value:
            key = loader.construct_object(key_node, deep=True)
            try:
                first = seen.setdefault(key, key_node.start_mark.line)
            except TypeError:
                continue
            if first != key_node.start_mark.line:
                mapping.duplicates.append((key, key_node.start_mark.line + 1, first + 1))
        mapping.update(yaml.SafeLoader.construct_mapping(loader, node, deep=True))
        return mapping

    Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, construct_mapping)
    return Loader


def read_yaml(path: Path, what: str = "file", *, duplicates_ok: bool = False) -> object:
    """The YAML document in `path`, safe types only; `ReportError` (with the line when known)
    for an unreadable file, broken YAML or a key given twice in one mapping. With
    `duplicates_ok`, mappings come back as `Mapping` and the caller judges their duplicates."""
    import yaml  # deferred: only commands that read YAML files need it

    text = read_limited_text(path, what)
    try:
        data = yaml.load(text, Loader=_loader())  # noqa: S506 — a SafeLoader subclass
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        where = f"line {mark.line + 1}: " if mark else ""
        raise ReportError(path, f"{where}broken YAML ({getattr(err, 'problem', None) or err})") from None
    if not duplicates_ok:
        message = _first_duplicate(data)
        if message:
            raise ReportError(path, message)
    return data
