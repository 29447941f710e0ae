"""A reviewer's accept or reject of a commitment's status, saved with the annotations.

A judgement is an annotation (`compare.annotations`) in the file of the pair the commitment
spans (`annotations/<plan-stem>__<review-stem>.yaml`): on the plan item (left) and, when there
is one, on the evidence sentence (right), labelled `commitment-accepted` or
`commitment-rejected`, its comment the status and score judged. It is re-anchored like any
annotation when a report changes; a newer judgement of the same item replaces the older one
(the older is deleted, so it stays as a tombstone).
"""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path

from compare.annotations import Annotation, AnnotationStore, default_path
from compare.errors import ReportError
from compare.parsing.document import Document, Sentence
from compare.series.commitments import Commitment


class Verdict(StrEnum):
    ACCEPTED = "accepted"
    REJECTED = "rejected"


LABELS = {Verdict.ACCEPTED: "commitment-accepted", Verdict.REJECTED: "commitment-rejected"}
_VERDICT_OF = {label: verdict for verdict, label in LABELS.items()}


def _sentence(doc: Document, sentence_id: str) -> Sentence:
    for s in doc.sentences():
        if s.id == sentence_id:
            return s
    raise ReportError(doc.path, f"no sentence {sentence_id}")


def _store(plan: Document, review: Document, folder: Path, reviewer: str | None = None) -> AnnotationStore:
    store = AnnotationStore.open(default_path(plan.path, review.path, folder), plan, review, reviewer=reviewer)
    if store.read_only:
        raise ReportError(store.path, store.problem or "the annotation file cannot be written")
    return store


def _item_judgements(store: AnnotationStore, start: int, end: int) -> list[Annotation]:
    out = []
    for a in store.annotations:
        anchor = a.anchor("left")
        if a.label in _VERDICT_OF and anchor is not None and not anchor.orphaned and \
                anchor.start == start and anchor.end == end:
            out.append(a)
    return out


def judge(commitment: Commitment, verdict: Verdict, plan: Document, review: Document,
          folder: str | Path = "annotations", comment: str = "", reviewer: str | None = None) -> Annotation:
    """Save a reviewer's verdict on `commitment` (made in `plan`, judged in `review`).

    Raises `ReportError` when the annotation file is broken or cannot be written.
    """
    store = _store(plan, review, Path(folder), reviewer)
    item = _sentence(plan, commitment.sentence_id)
    for old in _item_judgements(store, item.start, item.end):
        store.delete(old.id)
    note = f"{commitment.status} {commitment.score:.2f}" + (f": {comment}" if comment else "")
    if commitment.evidence_id:
        evidence = _sentence(review, commitment.evidence_id)
        return store.add("both", item.start, item.end, LABELS[verdict], note,
                         right_span=(evidence.start, evidence.end))
    return store.add("left", item.start, item.end, LABELS[verdict], note)


def verdicts(plan: Document, review: Document, folder: str | Path = "annotations") -> dict[str, Verdict]:
    """Plan sentence id → the latest verdict saved for it (none when the file is missing)."""
    path = default_path(plan.path, review.path, folder)
    if not path.exists():
        return {}
    store = AnnotationStore.open(path, plan, review)
    by_start = {(s.start, s.end): s.id for s in plan.sentences()}
    out: dict[str, Verdict] = {}
    for a in sorted(store.annotations, key=lambda a: a.updated):
        anchor = a.anchor("left")
        if a.label in _VERDICT_OF and anchor is not None and (anchor.start, anchor.end) in by_start:
            out[by_start[(anchor.start, anchor.end)]] = _VERDICT_OF[a.label]
    return out
