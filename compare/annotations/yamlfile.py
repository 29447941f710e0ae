"""The annotation file on disk: YAML a person can read, diff, hand-edit and merge in git.

Writing: block style, UTF-8 unescaped, keys in a fixed order, no aliases, multi-line comments
as literal blocks, strings that YAML would read as something else (timestamps, '2.1', 'yes')
quoted. Reading: `yaml.SafeLoader` only, and every value is checked against the schema on the
composed node tree, so a problem is reported with its line: a hand edit that turned `yes` into
a boolean or a date into a date object says `FILE:LINE: field 'label' must be text (got a
boolean — quote it: 'yes')` rather than being silently changed.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from typing import Any, Callable, TypeVar

import yaml

from compare.annotations.model import (
    ANNOTATION_SIDES,
    SCHEMA,
    STATES,
    Anchor,
    Annotation,
    AnnotationSet,
    DocumentRef,
    Pin,
    PinKind,
    format_time,
    parse_time,
)
from compare.comparison.results import SIDES, Side
from compare.errors import ReportError
from compare.files.yamlfiles import YAMLLimitError, broken_yaml, compose_bounded
from compare.text.terminal import inert

HEADER = (
    "# compare-reports annotations (schema 1). Hand edits are fine: quote text that YAML could\n"
    "# read as something else, then check with `compare-reports annotations validate FILE`.\n"
)
MAX_PROBLEMS = 50

# -- errors --------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Problem:
    line: int  # 1-based; 0 when the whole file is at fault
    message: str

_Choice = TypeVar("_Choice", bound=str)


class AnnotationFileError(ReportError):
    """A broken annotation file. `path` reads `FILE:LINE` so the CLI's one line points at it."""

    def __init__(self, file: str, problems: list[Problem]) -> None:
        self.file = str(file)
        self.problems = problems
        first = problems[0]
        self.line = first.line
        more = f" (and {len(problems) - 1} more problems)" if len(problems) > 1 else ""
        where = f"{self.file}:{first.line}" if first.line else self.file
        super().__init__(where, first.message + more)

    def lines(self) -> list[str]:
        """Every problem as `FILE:LINE: message`."""
        return [
            f"{self.file}:{p.line}: {p.message}" if p.line else f"{self.file}: {p.message}"
            for p in self.problems
        ]


# -- writing -------------------------------------------------------------------------------


# libyaml when present (10× faster: the app saves on every change), else pure Python.
_SafeDumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


class _Dumper(_SafeDumper):  # type: ignore[misc, valid-type]
    def ignore_aliases(self, data: Any) -> bool:
        return True


def _represent_text(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    if _LINE_BREAKS.search(value):
        style = '"'  # escaped: pure-Python PyYAML reads these unescaped as plain line breaks
    elif "\n" in value:
        style = "|"  # the emitter quotes instead when a block cannot hold the text
    else:
        style = None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_LINE_BREAKS = re.compile("[\x85\u2028\u2029]")


_Dumper.add_representer(str, _represent_text)


_OPTIONS: dict[str, Any] = {"allow_unicode": True, "width": 2**31 - 1, "indent": 2}


def _yaml(data: Any) -> str:
    return yaml.dump(data, Dumper=_Dumper, sort_keys=False, default_flow_style=False, **_OPTIONS)


def _node(data: Any) -> yaml.Node:
    """`data` represented as YAML nodes, as `_yaml` would before emitting them."""
    return _Dumper(None, sort_keys=False, default_flow_style=False).represent_data(data)


def _emit(node: yaml.Node) -> str:
    return yaml.serialize(node, Dumper=_Dumper, **_OPTIONS)


_END = "...\n"
_KEEP, _CLIP, _NONE = "keep", "clip", "none"
_OPEN = yaml.ScalarNode("tag:yaml.org,2002:str", "\n", style="|")  # a `|+` scalar


def _without_end(text: str) -> tuple[str, bool]:
    return (text[: -len(_END)], True) if text.endswith(_END) else (text, False)


def _piece(node: yaml.Node) -> tuple[str, str]:
    """(the text of a top-level `node`, how its last block scalar ends: _KEEP, _CLIP, _NONE).

    The emitter ends a document with '...' when the last block scalar in it keeps its final
    line breaks (`|+`: text ending in a line break); a later `|` block scalar cancels that.
    Pieces dumped on their own are joined into one file, so each says which it ends with: the
    file gets its '...' exactly when the whole file, dumped at once, would."""
    text, keep = _without_end(_emit(node))
    if keep:
        return text, _KEEP
    after_open = yaml.MappingNode("tag:yaml.org,2002:map", [
        (yaml.ScalarNode("tag:yaml.org,2002:str", "a"), _OPEN),
        (yaml.ScalarNode("tag:yaml.org,2002:str", "b"), node),
    ])
    return text, (_NONE if _without_end(_emit(after_open))[1] else _CLIP)


class DumpCache:
    """Each annotation's YAML text, kept between saves of one file: a save then dumps only the
    annotations that changed (PyYAML's representer is Python even with libyaml's emitter:
    6,000 annotations took 4–7 s to represent on every save).

    An entry is reused when the annotation is the same object or an equal one (any change, by
    an edit or by re-anchoring, makes it unequal). Not thread-safe: one save at a time uses it.
    The text of one item is the same as in the whole file: the list under `annotations:` is
    written without indentation, as a top-level list is, and lines are never wrapped.
    """

    def __init__(self) -> None:
        self._items: dict[str, tuple[Annotation, tuple[str, str]]] = {}

    def items(self, annotations: list[Annotation]) -> list[tuple[str, str]]:
        """(the YAML list item (`- id: …` lines) of each annotation, how it ends: see
        `_piece`), in the order given; entries of annotations not given are forgotten."""
        kept: dict[str, tuple[Annotation, tuple[str, str]]] = {}
        texts = []
        for a in annotations:
            hit = self._items.get(a.id)
            if hit is None or not (hit[0] is a or hit[0] == a):
                hit = (a, _piece(_node([annotation_data(a)])))
            kept[a.id] = hit
            texts.append(hit[1])
        self._items = kept
        return texts


def dump(content: AnnotationSet, cache: DumpCache | None = None) -> str:
    """The file's text. Annotations and pins sorted by id, so concurrent copies diff cleanly.
    With `cache`, annotations dumped by an earlier call are not dumped again (same text)."""
    data: dict[str, Any] = {
        "schema": SCHEMA,
        "left": _document_data(content.left),
        "right": _document_data(content.right),
        "pins": [_pin_data(p) for p in sorted(content.pins, key=lambda p: p.id) if p.kind == "section"],
    }
    # only when there are some: files without sentence pins read as before
    sentence_pins = [_pin_data(p) for p in sorted(content.pins, key=lambda p: p.id) if p.kind == "sentence"]
    if sentence_pins:
        data["sentence_pins"] = sentence_pins
    # dumped with an empty list last, which is then filled
    head, ends = _piece(_node({**data, "annotations": []}))
    annotations = sorted(content.annotations, key=lambda a: a.id)
    if not annotations:
        return HEADER + head + (_END if ends == _KEEP else "")
    items = (cache or DumpCache()).items(annotations)
    for _, item_ends in items:
        ends = item_ends if item_ends != _NONE else ends
    return (HEADER + head.removesuffix("annotations: []\n") + "annotations:\n"
            + "".join(text for text, _ in items) + (_END if ends == _KEEP else ""))


def _document_data(ref: DocumentRef) -> dict[str, Any]:
    data: dict[str, Any] = {"path": ref.path, "title": ref.title}
    for key in ("agency", "year", "kind", "text_hash", "url"):
        value = getattr(ref, key)
        if value:
            data[key] = value
    return data


def annotation_data(a: Annotation) -> dict[str, Any]:
    data: dict[str, Any] = {
        "id": a.id,
        "side": a.side,
        "label": a.label,
        "comment": a.comment,
        "reviewer": a.reviewer,
        "created": a.created,
        "updated": a.updated,
    }
    if a.deleted:
        data["deleted"] = True
    for side in SIDES:
        if side in a.anchors:
            data[side] = anchor_data(a.anchors[side])
    return data


def anchor_data(anchor: Anchor) -> dict[str, Any]:
    data: dict[str, Any] = {
        "quote": {"exact": anchor.exact, "prefix": anchor.prefix, "suffix": anchor.suffix},
        "position": {"start": anchor.start, "end": anchor.end},
        "section": {"id": anchor.section, "heading": anchor.heading},
        "text_hash": anchor.text_hash,
        "state": anchor.state,
    }
    if anchor.was:
        data["was"] = anchor.was
    return data


def _pin_data(p: Pin) -> dict[str, Any]:
    label = "heading" if p.kind == "section" else "text"
    data: dict[str, Any] = {
        "id": p.id,
        "left": {"id": p.left, label: p.left_heading},
        "right": {"id": p.right, label: p.right_heading},
        "reviewer": p.reviewer,
        "created": p.created,
        "updated": p.updated,
        "state": p.state,
    }
    if p.deleted:
        data["deleted"] = True
    return data


# -- reading -------------------------------------------------------------------------------

_STR = "tag:yaml.org,2002:str"
_INT = "tag:yaml.org,2002:int"
_BOOL = "tag:yaml.org,2002:bool"
_TAG_NAMES = {
    "tag:yaml.org,2002:bool": "a boolean",
    "tag:yaml.org,2002:timestamp": "a date",
    "tag:yaml.org,2002:int": "a number",
    "tag:yaml.org,2002:float": "a number",
    "tag:yaml.org,2002:null": "nothing",
    "tag:yaml.org,2002:seq": "a list",
    "tag:yaml.org,2002:map": "a mapping",
    "tag:yaml.org,2002:str": "text",
}
_CONSTRUCTOR = yaml.constructor.SafeConstructor()
_CONFLICT = re.compile(r"^(<{7}|>{7})( |$)", re.MULTILINE)


class _Skip(Exception):
    """Raised inside one annotation or pin once its problem is recorded: move to the next."""


class _Reader:
    """Walks the composed node tree, checking the schema and building the model."""

    def __init__(self) -> None:
        self.problems: list[Problem] = []

    def fail(self, node: yaml.Node | None, message: str) -> None:
        line = node.start_mark.line + 1 if node is not None else 0
        if len(self.problems) < MAX_PROBLEMS:  # keys and values quoted from the file: inert
            self.problems.append(Problem(line, inert(message, one_line=True)))

    # scalars ------------------------------------------------------------------------------
    def _wrong(self, node: yaml.Node, name: str, wanted: str, fix: str = "") -> _Skip:
        got = _TAG_NAMES.get(node.tag, node.tag)
        if got == "nothing":
            got = "nothing (write '' for empty text)" if wanted == "text" else "nothing"
        elif fix and isinstance(node, yaml.ScalarNode):
            got = f"{got} — {fix}: '{node.value}'"
        self.fail(node, f"field '{name}' must be {wanted} (got {got})")
        return _Skip()

    def text(self, node: yaml.Node, name: str) -> str:
        if isinstance(node, yaml.ScalarNode) and node.tag == _STR:
            return node.value
        raise self._wrong(node, name, "text", "quote it")

    def integer(self, node: yaml.Node, name: str) -> int:
        if isinstance(node, yaml.ScalarNode) and node.tag == _INT:
            value = _CONSTRUCTOR.construct_yaml_int(node)
            if value >= 0:
                return value
            self.fail(node, f"field '{name}' must be a whole number ≥ 0 (got {value})")
            raise _Skip()
        raise self._wrong(node, name, "a whole number ≥ 0")

    def boolean(self, node: yaml.Node, name: str) -> bool:
        if isinstance(node, yaml.ScalarNode) and node.tag == _BOOL:
            return bool(_CONSTRUCTOR.construct_yaml_bool(node))
        raise self._wrong(node, name, "true or false")

    def choice(self, node: yaml.Node, name: str, allowed: tuple[_Choice, ...]) -> _Choice:
        value = self.text(node, name)
        for option in allowed:
            if option == value:
                return option
        self.fail(node, f"field '{name}' must be one of {', '.join(allowed)} (got '{value}')")
        raise _Skip()

    def time(self, node: yaml.Node, name: str) -> str:
        value = self.text(node, name)
        try:
            return format_time(parse_time(value))
        except ValueError:
            self.fail(
                node,
                f"field '{name}' must be an ISO date-time like '2025-03-01T08:15:30.123Z' "
                f"(got '{value}')",
            )
            raise _Skip() from None

    # mappings -----------------------------------------------------------------------------
    def mapping(
        self, node: yaml.Node, what: str, allowed: tuple[str, ...], required: tuple[str, ...]
    ) -> dict[str, yaml.Node]:
        if not isinstance(node, yaml.MappingNode):
            got = _TAG_NAMES.get(node.tag, node.tag)
            self.fail(node, f"{what} must be a mapping of fields (got {got})")
            raise _Skip()
        fields: dict[str, yaml.Node] = {}
        for key_node, value_node in node.value:
            key = key_node.value if isinstance(key_node, yaml.ScalarNode) else None
            if key is None or key not in allowed:
                shown = key if key is not None else "?"
                close = difflib.get_close_matches(str(shown), allowed, n=1)
                hint = f": did you mean '{close[0]}'?" if close else f" (expected: {', '.join(allowed)})"
                self.fail(key_node, f"unknown field '{shown}' in {what}{hint}")
                raise _Skip()
            if key in fields:
                self.fail(key_node, f"field '{key}' appears twice in {what}")
                raise _Skip()
            fields[key] = value_node
        for key in required:
            if key not in fields:
                self.fail(node, f"{what} has no '{key}' field")
                raise _Skip()
        return fields

    def optional(
        self, fields: dict[str, yaml.Node], key: str, read: Callable[[yaml.Node, str], Any], default: Any
    ) -> Any:
        return read(fields[key], key) if key in fields else default

    # the file -----------------------------------------------------------------------------
    def content(self, root: yaml.Node | None) -> AnnotationSet:
        if root is None:
            return AnnotationSet()
        top = self.mapping(
            root, "the file", ("schema", "left", "right", "pins", "sentence_pins", "annotations"), ("schema",)
        )
        schema = self.integer(top["schema"], "schema")
        if schema != SCHEMA:
            self.fail(
                top["schema"],
                f"schema {schema} is not one this version of compare-reports reads (it reads {SCHEMA})",
            )
            raise _Skip()
        content = AnnotationSet(
            left=self.optional(top, "left", self.document, DocumentRef()),
            right=self.optional(top, "right", self.document, DocumentRef()),
        )
        content.pins = self.items(top.get("pins"), "pins", self.pin) + self.items(
            top.get("sentence_pins"), "sentence_pins", self.sentence_pin
        )
        content.annotations = self.items(top.get("annotations"), "annotations", self.annotation)
        self.unique_ids(top.get("annotations"), content.annotations, "annotation")
        self.unique_ids(top.get("pins"), [p for p in content.pins if p.kind == "section"], "pin")
        self.unique_ids(top.get("sentence_pins"), [p for p in content.pins if p.kind == "sentence"], "sentence pin")
        return content

    def document(self, node: yaml.Node, name: str) -> DocumentRef:
        fields = self.mapping(
            node, f"'{name}'", ("path", "title", "agency", "year", "kind", "text_hash", "url"), ()
        )
        return DocumentRef(
            path=self.optional(fields, "path", self.text, ""),
            title=self.optional(fields, "title", self.text, ""),
            agency=self.optional(fields, "agency", self.text, ""),
            year=self.optional(fields, "year", self.integer, None),
            kind=self.optional(fields, "kind", self.text, ""),
            text_hash=self.optional(fields, "text_hash", self.text, ""),
            url=self.optional(fields, "url", self.text, ""),
        )

    def items(self, node: yaml.Node | None, name: str, read: Callable[[yaml.Node], Any]) -> list[Any]:
        if node is None or (node.tag == "tag:yaml.org,2002:null"):
            return []
        if not isinstance(node, yaml.SequenceNode):
            self.fail(node, f"'{name}' must be a list (got {_TAG_NAMES.get(node.tag, node.tag)})")
            return []
        found = []
        for item in node.value:
            try:
                found.append(read(item))
            except _Skip:
                continue  # recorded; go on to find the other problems too
        return found

    def unique_ids(self, node: yaml.Node | None, values: list[Any], what: str) -> None:
        if not isinstance(node, yaml.SequenceNode):
            return
        seen: dict[str, int] = {}
        for item in node.value:
            if not isinstance(item, yaml.MappingNode):
                continue
            for key, value in item.value:
                if getattr(key, "value", None) == "id" and isinstance(value, yaml.ScalarNode):
                    line = value.start_mark.line + 1
                    if value.value in seen:
                        self.fail(
                            value,
                            f"{what} id '{value.value}' is used twice (first at line {seen[value.value]})",
                        )
                    else:
                        seen[value.value] = line

    def annotation(self, node: yaml.Node) -> Annotation:
        fields = self.mapping(
            node,
            "an annotation",
            ("id", "side", "label", "comment", "reviewer", "created", "updated", "deleted")
            + SIDES,
            ("id", "side", "created", "updated"),
        )
        side = self.choice(fields["side"], "side", ANNOTATION_SIDES)
        wanted = SIDES if side == "both" else (side,)
        anchors: dict[Side, Anchor] = {}
        for s in SIDES:
            if s in fields and s not in wanted:
                self.fail(fields[s], f"an annotation on side '{side}' cannot have a '{s}' anchor")
                raise _Skip()
            if s in wanted:
                if s not in fields:
                    self.fail(node, f"an annotation on side '{side}' needs a '{s}' anchor")
                    raise _Skip()
                anchors[s] = self.anchor(fields[s], s)
        text_id = self.text(fields["id"], "id")
        if not text_id.strip():
            self.fail(fields["id"], "field 'id' must not be empty")
            raise _Skip()
        return Annotation(
            id=text_id,
            side=side,
            label=self.optional(fields, "label", self.text, ""),
            comment=self.optional(fields, "comment", self.text, ""),
            reviewer=self.optional(fields, "reviewer", self.text, ""),
            created=self.time(fields["created"], "created"),
            updated=self.time(fields["updated"], "updated"),
            anchors=anchors,
            deleted=self.optional(fields, "deleted", self.boolean, False),
        )

    def anchor(self, node: yaml.Node, side: Side) -> Anchor:
        fields = self.mapping(
            node,
            f"the '{side}' anchor",
            ("quote", "position", "section", "text_hash", "state", "was"),
            ("quote", "position"),
        )
        quote = self.mapping(fields["quote"], "'quote'", ("exact", "prefix", "suffix"), ("exact",))
        position = self.mapping(fields["position"], "'position'", ("start", "end"), ("start", "end"))
        section = (
            self.mapping(fields["section"], "'section'", ("id", "heading"), ())
            if "section" in fields
            else {}
        )
        exact = self.text(quote["exact"], "exact")
        if not exact:
            self.fail(quote["exact"], "field 'exact' must not be empty: it is the annotated text")
            raise _Skip()
        start = self.integer(position["start"], "start")
        end = self.integer(position["end"], "end")
        if end < start:
            self.fail(position["end"], f"field 'end' ({end}) is before 'start' ({start})")
            raise _Skip()
        return Anchor(
            exact=exact,
            prefix=self.optional(quote, "prefix", self.text, ""),
            suffix=self.optional(quote, "suffix", self.text, ""),
            start=start,
            end=end,
            section=self.optional(section, "id", self.text, ""),
            heading=self.optional(section, "heading", self.text, ""),
            text_hash=self.optional(fields, "text_hash", self.text, ""),
            state=self.optional(
                fields, "state", lambda n, k: self.choice(n, k, STATES), "anchored"
            ),
            was=self.optional(fields, "was", self.text, ""),
        )

    def sentence_pin(self, node: yaml.Node) -> Pin:
        return self.pin(node, kind="sentence")

    def pin(self, node: yaml.Node, kind: PinKind = "section") -> Pin:
        what, label = ("a pin", "heading") if kind == "section" else ("a sentence pin", "text")
        fields = self.mapping(
            node,
            what,
            ("id", "left", "right", "reviewer", "created", "updated", "deleted", "state"),
            ("id", "left", "right", "created", "updated"),
        )
        ends = {}
        for side in SIDES:
            end = self.mapping(fields[side], f"the pin's '{side}'", ("id", label), ("id",))
            ends[side] = (
                self.text(end["id"], "id"),
                self.optional(end, label, self.text, ""),
            )
        return Pin(
            id=self.text(fields["id"], "id"),
            left=ends["left"][0],
            right=ends["right"][0],
            left_heading=ends["left"][1],
            right_heading=ends["right"][1],
            reviewer=self.optional(fields, "reviewer", self.text, ""),
            created=self.time(fields["created"], "created"),
            updated=self.time(fields["updated"], "updated"),
            deleted=self.optional(fields, "deleted", self.boolean, False),
            state=self.optional(
                fields, "state", lambda n, k: self.choice(n, k, ("anchored", "orphaned")), "anchored"
            ),
            kind=kind,
        )


def is_empty(data: bytes | str) -> bool:
    """Whether an annotation file holds nothing (no bytes, or only blank and comment lines).

    Such a file loads as no annotations, and the app fills it on the first save (header, schema,
    the two reports); it is not broken, only empty."""
    text = data.decode("utf-8-sig", errors="replace") if isinstance(data, bytes) else data
    return all(not line.strip() or line.lstrip().startswith("#") for line in text.splitlines())


def load(data: bytes | str, path: str) -> AnnotationSet:
    """Parse and check an annotation file; every problem raises `AnnotationFileError`."""
    if isinstance(data, bytes):
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as err:
            raise AnnotationFileError(
                path,
                [Problem(0, f"is not UTF-8 text (byte {data[err.start]:#04x} at offset {err.start}): save it as UTF-8")],
            ) from None
    else:
        text = data
    conflict = _CONFLICT.search(text)
    if conflict:
        line = text.count("\n", 0, conflict.start()) + 1
        raise AnnotationFileError(
            path,
            [
                Problem(
                    line,
                    "unresolved git merge conflict: save each side to its own file and combine "
                    "them with `compare-reports annotations merge A B --out FILE`",
                )
            ],
        )
    try:
        root = compose_bounded(text, duplicate_keys=False)  # the schema reader names fields
    except YAMLLimitError as err:
        raise AnnotationFileError(path, [Problem(err.line, err.message)]) from None
    except yaml.YAMLError as err:
        raise AnnotationFileError(path, [Problem(*broken_yaml(err))]) from None
    reader = _Reader()
    try:
        content = reader.content(root)
    except _Skip:
        content = AnnotationSet()
    if reader.problems:
        raise AnnotationFileError(path, sorted(reader.problems, key=lambda p: p.line))
    return content
