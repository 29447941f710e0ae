"""Combining copies of an annotation file: by id, the newest `updated` wins.

Used when a save finds the file changed on disk (another window, another process) and when
several reviewers' files are merged into one. Deletions travel as tombstones, so a newer
deletion beats an older edit and an annotation never comes back from an older copy.
A copy that loses while its text differs from the winner's is reported as a conflict.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable, Literal, TypeVar

from compare.annotations.model import Annotation, AnnotationSet, DocumentRef, Pin

Item = TypeVar("Item", Annotation, Pin)
ConflictKind = Literal["annotation", "pin"]  # what two copies disagree on


@dataclass(frozen=True, slots=True)
class Conflict:
    kind: ConflictKind
    id: str
    kept: str  # name of the copy whose version was kept
    kept_updated: str
    lost: str  # name of the copy whose version lost
    lost_updated: str
    fields: tuple[str, ...]  # what differed

    def describe(self) -> str:
        return (
            f"{self.kind} {self.id}: kept {self.kept} (updated {self.kept_updated}) over "
            f"{self.lost} (updated {self.lost_updated}); they differed in {', '.join(self.fields)}"
        )


def merge(copies: list[tuple[str, AnnotationSet]]) -> tuple[AnnotationSet, list[Conflict]]:
    """Merge named copies; on equal `updated` the earlier copy in the list wins."""
    conflicts: list[Conflict] = []
    annotations = _merge_items(
        [(name, c.annotations) for name, c in copies], "annotation", _annotation_fields, conflicts
    )
    pins = _merge_items([(name, c.pins) for name, c in copies], "pin", _pin_fields, conflicts)
    merged = AnnotationSet(
        left=_first_ref([c.left for _, c in copies]),
        right=_first_ref([c.right for _, c in copies]),
        annotations=annotations,
        pins=pins,
    )
    return merged, conflicts


def _merge_items(
    copies: list[tuple[str, list[Item]]],
    kind: ConflictKind,
    fields: dict[str, Callable[[Any], object]],
    conflicts: list[Conflict],
) -> list[Item]:
    winners: dict[str, tuple[str, Item]] = {}
    for name, items in copies:
        for item in items:
            held = winners.get(item.id)
            if held is None:
                winners[item.id] = (name, item)
                continue
            held_name, held_item = held
            newer = item.updated > held_item.updated
            kept_name, kept, lost_name, lost = (
                (name, item, held_name, held_item) if newer else (held_name, held_item, name, item)
            )
            differing = tuple(f for f, read in fields.items() if read(kept) != read(lost))
            if differing:
                conflicts.append(
                    Conflict(kind, item.id, kept_name, kept.updated, lost_name, lost.updated, differing)
                )
            winners[item.id] = (kept_name, kept)
    return [item for _, item in sorted(winners.values(), key=lambda pair: pair[1].id)]


# What a reviewer wrote, as opposed to where re-anchoring last put it.
_annotation_fields = {
    "side": lambda a: a.side,
    "label": lambda a: a.label,
    "comment": lambda a: a.comment,
    "reviewer": lambda a: a.reviewer,
    "deleted": lambda a: a.deleted,
    "quote": lambda a: tuple(sorted((s, x.was or x.exact) for s, x in a.anchors.items())),
}
_pin_fields = {
    "sections": lambda p: (p.left_heading, p.right_heading),
    "deleted": lambda p: p.deleted,
}


def _first_ref(refs: list[DocumentRef]) -> DocumentRef:
    return next((r for r in refs if r.path or r.title), DocumentRef())
