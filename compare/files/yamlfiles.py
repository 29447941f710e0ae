"""Reading a YAML file a person wrote (manifest, lexicon, labels, annotation files): safe and bounded.

Every problem is one `ReportError` naming the file and, when YAML knows it, the line.

Bounds, checked on the composed node graph *before* any Python object is built (composing is
linear in the text: an alias is a second reference to the same node, not a copy):

- nesting deeper than `MAX_DEPTH` levels is refused (1,000 levels of `[` would exhaust the
  constructor's recursion; real files are under 10 levels deep);
- aliases that would add more than `MAX_ALIAS_NODES` nodes when expanded are refused: the
  "billion laughs" of YAML (a 1 KB manifest of nested aliases that expands to 9**9 strings,
  OWASP's *XML/YAML entity expansion*); so is an alias that refers to its own ancestor (a cycle);
- a key written twice in one mapping is an error naming both lines (PyYAML keeps the last one
  silently, so a `year: 2023` followed by `year: 2021` would become 2021; YAML 1.2 §3.2.1.1
  says keys are unique);
- the file's size is capped by `compare.files.reading` (256 MB).

PyYAML is imported by the functions that parse, not with this module: importing it costs
~14 ms of CPU (its pure-Python reader, scanner, emitter … and their patterns), and a command
that reads a corpus whose checked manifest is cached (`compare.parsing.corpus`) parses no YAML
(`compare-reports align --json` of two corpus reports, issue 17).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

from compare.errors import ReportError
from compare.files.reading import read_limited_text

if TYPE_CHECKING:
    import yaml

MAX_DEPTH = 40
"""Deepest nesting of mappings and sequences accepted (an annotation file is 6 levels deep)."""

MAX_ALIAS_NODES = 10_000
"""Most nodes that aliases may add by expansion (a manifest's shared defaults add a few hundred)."""

_MERGE = "tag:yaml.org,2002:merge"


class YAMLLimitError(Exception):
    """A YAML file over a bound, or with a duplicate key: `line` (1-based, 0 if unknown), `message`."""

    def __init__(self, line: int, message: str) -> None:
        self.line = line
        self.message = message
        super().__init__(f"line {line}: {message}" if line else message)


def _loader(text: str) -> Any:
    """PyYAML's safe loader of `text` (libyaml's when PyYAML was built with it)."""
    import yaml  # deferred: PyYAML only when YAML is parsed (see the module docstring)

    return getattr(yaml, "CSafeLoader", yaml.SafeLoader)(text)


def _line(node: yaml.Node) -> int:
    return node.start_mark.line + 1 if node.start_mark is not None else 0


def _children(node: yaml.Node) -> list[yaml.Node]:
    import yaml  # deferred: PyYAML only when YAML is parsed (see the module docstring)

    if isinstance(node, yaml.SequenceNode):
        return list(node.value)
    if isinstance(node, yaml.MappingNode):
        return [n for pair in node.value for n in pair]
    return []


def duplicate_key(node: yaml.Node) -> None:
    """Raise `YAMLLimitError` if a key is written twice in this mapping (not in nested ones)."""
    import yaml  # deferred: PyYAML only when YAML is parsed (see the module docstring)

    if isinstance(node, yaml.MappingNode):
        _duplicate_keys(node)


def _duplicate_keys(node: yaml.MappingNode) -> None:
    import yaml  # deferred: PyYAML only when YAML is parsed (see the module docstring)

    seen: dict[tuple[str, str], yaml.Node] = {}
    for key, _ in node.value:
        if not isinstance(key, yaml.ScalarNode) or key.tag == _MERGE:
            continue
        first = seen.setdefault((key.tag, key.value), key)
        if first is not key:
            raise YAMLLimitError(
                _line(key), f"duplicate key '{key.value}' (first on line {_line(first)})"
            )


def check_graph(
    root: yaml.Node | None, *, aliases_possible: bool = True, duplicate_keys: bool = True
) -> None:
    """Refuse a composed YAML graph over the bounds above; raises `YAMLLimitError`.

    Iterative (no recursion), linear in the number of distinct nodes. With
    `aliases_possible=False` (the text has no `&`, so no anchor and no alias) the graph is a tree
    and only depth and duplicate keys are checked. `duplicate_keys=False` leaves duplicate keys
    to a caller that reports them in its own words (the annotation file's schema reader).
    """
    import yaml  # deferred: PyYAML only when YAML is parsed (see the module docstring)

    if root is None:
        return
    sizes: dict[int, int] = {}  # id(node) -> nodes once its aliases are expanded
    open_nodes: set[int] = set()
    distinct = 0
    stack: list[tuple[yaml.Node, int, bool]] = [(root, 1, False)]
    while stack:
        node, depth, finished = stack.pop()
        key = id(node)
        if finished:
            open_nodes.discard(key)
            if aliases_possible:
                sizes[key] = 1 + sum(sizes[id(child)] for child in _children(node))
            continue
        if aliases_possible:
            if key in sizes:
                continue
            if key in open_nodes:
                raise YAMLLimitError(_line(node), "an alias refers to a node that contains it (a cycle)")
        distinct += 1
        children = _children(node)
        if not children:
            sizes[key] = 1
            continue
        if depth >= MAX_DEPTH:
            raise YAMLLimitError(_line(node), f"nested more than {MAX_DEPTH} levels deep")
        if duplicate_keys and isinstance(node, yaml.MappingNode):
            _duplicate_keys(node)
        open_nodes.add(key)
        stack.append((node, depth, True))
        stack.extend((child, depth + 1, False) for child in children)
    if aliases_possible and sizes[id(root)] - distinct > MAX_ALIAS_NODES:
        raise YAMLLimitError(
            _line(root),
            f"aliases expand to {sizes[id(root)]:,} nodes from {distinct:,} written "
            f"(at most {MAX_ALIAS_NODES:,} more are allowed): an alias bomb?",
        )


def broken_yaml(err: yaml.YAMLError) -> tuple[int, str]:
    """(line, message) of YAML that does not parse, the one wording every YAML file of ours uses
    (manifest, labels, lexicon, annotation files): `not valid YAML: PROBLEM (CONTEXT)`, line
    1-based (0 when PyYAML does not know it). Shown as `FILE:LINE: message`, like JSON's."""
    import yaml  # deferred: PyYAML only when YAML is parsed (see the module docstring)

    if isinstance(err, yaml.MarkedYAMLError):
        mark = err.problem_mark or err.context_mark
        problem = err.problem or "broken"
        context = f" ({err.context})" if err.context else ""
        return (mark.line + 1 if mark is not None else 0), f"not valid YAML: {problem}{context}"
    return 0, f"not valid YAML: {err}"


def where(path: str | os.PathLike[str], line: int) -> str:
    """`FILE:LINE` (just `FILE` when the line is unknown), as error messages name a place."""
    return f"{path}:{line}" if line else str(path)


def compose_bounded(text: str, *, duplicate_keys: bool = True) -> yaml.Node | None:
    """The node graph of one YAML document, checked by `check_graph`.

    Raises `yaml.YAMLError` for broken YAML and `YAMLLimitError` for a file over the bounds.
    """
    loader = _loader(text)
    try:
        root = loader.get_single_node()
    finally:
        loader.dispose()
    check_graph(root, aliases_possible="&" in text, duplicate_keys=duplicate_keys)
    return root


def loads_yaml(text: str, path: str | os.PathLike[str], what: str = "file") -> object:
    """Parse YAML text with the safe constructor after `check_graph`; `ReportError` on any problem."""
    return loads_yaml_nodes(text, path, what)[1]


def loads_yaml_nodes(
    text: str, path: str | os.PathLike[str], what: str = "file", *, duplicate_keys: bool = True
) -> tuple[yaml.Node | None, object]:
    """(node graph, Python data) of YAML text, checked by `check_graph` before construction, for a
    caller that reports problems by line itself (with `duplicate_keys=False` it checks
    `duplicate_key(node)` where it wants); `ReportError` on any other problem."""
    import yaml  # deferred: PyYAML only when YAML is parsed (see the module docstring)

    loader = _loader(text)
    try:
        root = loader.get_single_node()
        check_graph(root, aliases_possible="&" in text, duplicate_keys=duplicate_keys)
        return root, (None if root is None else loader.construct_document(root))
    except YAMLLimitError as err:
        raise ReportError(where(path, err.line), err.message) from None
    except yaml.YAMLError as err:
        line, message = broken_yaml(err)
        raise ReportError(where(path, line), message) from None
    except RecursionError:
        raise ReportError(path, f"the {what} is nested too deeply") from None
    finally:
        loader.dispose()


def read_yaml(path: Path, what: str = "file") -> object:
    """A YAML file read through the bounded reader and `loads_yaml`.

    Raises `ReportError(path, message)`: no such file, not UTF-8, too large, broken YAML, too
    deep, an alias bomb or a duplicate key (with the line)."""
    return loads_yaml(read_limited_text(path, what), path, what)
