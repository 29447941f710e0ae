"""W3C Web Annotation (JSON-LD) out and in: what Hypothesis-compatible tools read and write.

Out: an `AnnotationCollection` whose items carry the comment as a `commenting` TextualBody,
the label as a `tagging` body (Hypothesis shows tagging bodies as tags), and one target per
annotated report with a `TextQuoteSelector` and a `TextPositionSelector`. What the model has
no term for (side, section, text hash, anchoring state) sits in a `cr:` extension namespace.

In: a collection, a page, a list or a single annotation. Ids of our own (`urn:ulid:…`) come
back as they were, so importing the same file twice adds nothing; foreign ids become a ULID
derived from the creation time and the foreign id, which is just as stable.
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any, cast
from urllib.parse import quote, unquote

from compare.annotations.model import (
    STATES,
    Anchor,
    AnchorState,
    Annotation,
    AnnotationSet,
    DocumentRef,
    format_time,
    now,
    pair_title,
    parse_time,
    relative_path,
)
from compare.comparison.results import SIDES, Side

ANNO_CONTEXT = "http://www.w3.org/ns/anno.jsonld"
EXTENSION = "urn:compare-reports:"
CONTEXT: list[Any] = [ANNO_CONTEXT, {"cr": EXTENSION}]
ULID_PREFIX = "urn:ulid:"


# -- out -----------------------------------------------------------------------------------


def to_w3c(
    content: AnnotationSet,
    *,
    annotation_file: str | os.PathLike[str] | None = None,
    out: str | os.PathLike[str] | None = None,
) -> dict[str, Any]:
    """The collection. A target's `source` is the report's published URL when the file knows
    it, else a `file:` URI relative to the folder of `out` (the current folder for standard
    output), so the export and the reports can move together; `annotation_file` is where the
    content's relative report paths start (the current folder when None)."""
    sources = {
        side: source_of(content.document(side), annotation_file, out) or f"{side}-report"
        for side in SIDES
    }
    items = [
        annotation_to_w3c(a, content, sources) for a in sorted(content.live(), key=lambda a: a.id)
    ]
    return {
        "@context": CONTEXT,
        "type": "AnnotationCollection",
        "label": f"compare-reports annotations: {pair_title(content)}",
        "total": len(items),
        "first": {"type": "AnnotationPage", "startIndex": 0, "items": items},
    }


def source_of(
    ref: DocumentRef,
    annotation_file: str | os.PathLike[str] | None,
    out: str | os.PathLike[str] | None,
) -> str:
    """`ref.url`, else `file:` and the report's path relative to `out`'s folder (URI-quoted,
    `/`-separated; absolute across drives); "" when the file names no report."""
    if ref.url:
        return ref.url
    where = ref.location(annotation_file or "annotations.yaml")
    if where is None:
        return ""
    return "file:" + quote(relative_path(where, out or "export"))


def annotation_to_w3c(
    a: Annotation, content: AnnotationSet, sources: dict[Side, str] | None = None
) -> dict[str, Any]:
    bodies: list[dict[str, Any]] = []
    if a.comment:
        bodies.append(
            {"type": "TextualBody", "purpose": "commenting", "value": a.comment, "format": "text/plain"}
        )
    if a.label:
        bodies.append({"type": "TextualBody", "purpose": "tagging", "value": a.label})
    item: dict[str, Any] = {
        "id": ULID_PREFIX + a.id,
        "type": "Annotation",
        "motivation": "commenting" if a.comment else ("tagging" if a.label else "highlighting"),
        "created": a.created,
        "modified": a.updated,
    }
    if a.reviewer:
        item["creator"] = {"type": "Person", "name": a.reviewer}
    if bodies:
        item["body"] = bodies
    sources = sources or {}
    item["target"] = [
        _target(side, anchor, sources.get(side) or content.document(side).path or f"{side}-report")
        for side, anchor in a.anchors.items()
    ]
    return item


def _target(side: Side, anchor: Anchor, source: str) -> dict[str, Any]:
    quote: dict[str, Any] = {"type": "TextQuoteSelector", "exact": anchor.exact}
    if anchor.prefix:
        quote["prefix"] = anchor.prefix
    if anchor.suffix:
        quote["suffix"] = anchor.suffix
    target: dict[str, Any] = {
        "source": source,
        "selector": [
            quote,
            {"type": "TextPositionSelector", "start": anchor.start, "end": anchor.end},
        ],
        "cr:side": side,
        "cr:section": anchor.section,
        "cr:heading": anchor.heading,
        "cr:textHash": anchor.text_hash,
        "cr:state": anchor.state,
    }
    if anchor.was:
        target["cr:was"] = anchor.was
    return target


# -- in ------------------------------------------------------------------------------------


class W3CError(ValueError):
    """The JSON is not Web Annotation data we can read; the message says where and why."""


@dataclass(frozen=True, slots=True)
class Imported:
    annotations: list[Annotation]
    skipped: list[str]  # one line per annotation that could not be imported, and why
    sources: dict[str, str]  # side → the `source` its targets named


def from_w3c(
    data: Any, left: DocumentRef, right: DocumentRef, *, side: Side | None = None
) -> Imported:
    """Annotations from parsed JSON-LD. A target's side comes from `cr:side`, else from its
    `source` matching the left or right report's path or file stem, else from `side`."""
    annotations: list[Annotation] = []
    skipped: list[str] = []
    sources: dict[str, str] = {}
    for number, item in enumerate(_items(data), 1):
        try:
            annotations.append(_annotation(item, left, right, side, sources))
        except W3CError as err:
            name = item.get("id", f"#{number}") if isinstance(item, dict) else f"#{number}"
            skipped.append(f"annotation {name}: {err}")
    return Imported(annotations, skipped, sources)


def _items(data: Any) -> list[Any]:
    if isinstance(data, list):
        return data
    if not isinstance(data, dict):
        raise W3CError("expected a JSON object or list of Web Annotations")
    kinds = _as_list(data.get("type"))
    if "AnnotationCollection" in kinds:
        first = data.get("first")
        if isinstance(first, dict):
            return _items(first)
        return _as_list(data.get("items"))
    if "AnnotationPage" in kinds or "items" in data:
        return _as_list(data.get("items"))
    if "Annotation" in kinds:
        return [data]
    raise W3CError("no Annotation, AnnotationPage or AnnotationCollection here")


def _as_list(value: Any) -> list[Any]:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def _annotation(
    item: Any, left: DocumentRef, right: DocumentRef, side: Side | None, sources: dict[str, str]
) -> Annotation:
    if not isinstance(item, dict):
        raise W3CError("not a JSON object")
    created = _time(item.get("created")) or now()
    updated = _time(item.get("modified")) or created
    comments: list[str] = []
    tags: list[str] = []
    if isinstance(item.get("bodyValue"), str):
        comments.append(item["bodyValue"])
    for body in _as_list(item.get("body")):
        if not isinstance(body, dict) or not isinstance(body.get("value"), str):
            continue  # a link body (an IRI) has no text of ours to keep
        if "tagging" in _as_list(body.get("purpose")):
            tags.append(body["value"])
        else:
            comments.append(body["value"])
    anchors: dict[Side, Anchor] = {}
    for target in _as_list(item.get("target")):
        target_side, anchor = _anchor(target, left, right, side)
        if target_side in anchors:
            raise W3CError(f"two targets on the {target_side} report")
        anchors[target_side] = anchor
        if isinstance(target.get("source"), str):
            sources.setdefault(target_side, target["source"])
    if not anchors:
        raise W3CError("no target with a TextQuoteSelector: nothing to anchor it to")
    return Annotation(
        id=_our_id(item, created),
        side="both" if len(anchors) == 2 else next(iter(anchors)),
        label=", ".join(tags),
        comment="\n\n".join(comments),
        reviewer=_creator(item.get("creator")),
        created=created,
        updated=max(updated, created),
        anchors={s: anchors[s] for s in SIDES if s in anchors},
    )


def _anchor(
    target: Any, left: DocumentRef, right: DocumentRef, side: Side | None
) -> tuple[Side, Anchor]:
    if not isinstance(target, dict):
        raise W3CError("a target that is only a link has no quote to anchor to")
    named = target.get("cr:side") or _side_of(target.get("source"), left, right) or side
    target_side = next((s for s in SIDES if s == named), None)
    if target_side is None:
        raise W3CError(
            f"cannot tell whether target {target.get('source')!r} is the left or right report "
            "(give --side)"
        )
    quote: dict[str, Any] | None = None
    position: dict[str, Any] | None = None
    for selector in _as_list(target.get("selector")):
        if not isinstance(selector, dict):
            continue
        kinds = _as_list(selector.get("type"))
        if "TextQuoteSelector" in kinds and isinstance(selector.get("exact"), str):
            quote = selector
        elif "TextPositionSelector" in kinds:
            position = selector
    if quote is None or not quote["exact"]:
        raise W3CError("no TextQuoteSelector with text: nothing to anchor it to")
    start, end = _span(position, len(quote["exact"]))
    state = target.get("cr:state")
    if position is None:
        state = "orphaned"  # no position: placed by its quote when the store opens
    elif state not in STATES:
        state = "anchored"
    return target_side, Anchor(
        exact=quote["exact"],
        prefix=_text(quote.get("prefix")),
        suffix=_text(quote.get("suffix")),
        start=start,
        end=end,
        section=_text(target.get("cr:section")),
        heading=_text(target.get("cr:heading")),
        text_hash=_text(target.get("cr:textHash")),
        state=cast(AnchorState, state),  # one of STATES (checked above)
        was=_text(target.get("cr:was")),
    )


def _span(position: dict[str, Any] | None, length: int) -> tuple[int, int]:
    if position is None:
        return 0, 0
    start, end = position.get("start"), position.get("end")
    if not (isinstance(start, int) and isinstance(end, int) and 0 <= start <= end):
        raise W3CError(f"TextPositionSelector start/end must be whole numbers, start ≤ end (got {start!r}, {end!r})")
    return start, end


def _side_of(source: Any, left: DocumentRef, right: DocumentRef) -> str | None:
    if not isinstance(source, str):
        return None
    if source.startswith("file:"):
        source = unquote(source[len("file:"):])
    for side, ref in (("left", left), ("right", right)):
        if ref.url and source == ref.url:
            return side
    for side, ref in (("left", left), ("right", right)):
        if ref.path and (source == ref.path or Path(source).stem == Path(ref.path).stem):
            return side
    return None


def _text(value: Any) -> str:
    return value if isinstance(value, str) else ""


def _time(value: Any) -> str | None:
    if not isinstance(value, str):
        return None
    try:
        return format_time(parse_time(value))
    except ValueError:
        return None


def _creator(value: Any) -> str:
    for creator in _as_list(value):
        if isinstance(creator, str):
            return creator.removeprefix("acct:")
        if isinstance(creator, dict):
            for key in ("name", "nickname", "id"):
                if isinstance(creator.get(key), str):
                    return creator[key].removeprefix("acct:")
    return ""


def _our_id(item: dict[str, Any], created: str) -> str:
    from ulid import ULID  # ~50 ms: only when an id is made

    value = item.get("id")
    if isinstance(value, str) and value.startswith(ULID_PREFIX):
        try:
            return str(ULID.from_str(value[len(ULID_PREFIX) :]))
        except ValueError:
            pass
    moment = int(parse_time(created).timestamp() * 1000)
    foreign = value if isinstance(value, str) else json.dumps(item, sort_keys=True, ensure_ascii=False)
    digest = hashlib.sha256(foreign.encode("utf-8")).digest()
    return str(ULID.from_bytes(moment.to_bytes(6, "big") + digest[:10]))
