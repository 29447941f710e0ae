"""What one review session works on: two reports, their comparison, the annotation store.

Pure Python: the review screen calls these from thread workers (parsing, jieba's dictionary,
alignment and classification take seconds on big reports) and only presents the results.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import Sequence

from compare.annotations import AnnotationStore, default_path
from compare.comparison.diff import compare_documents
from compare.comparison.results import Comparison
from compare.errors import ReportError
from compare.files.yamlfiles import read_yaml
from compare.parsing.document import Document
from compare.parsing.pipeline import parse_file

# Offered in the annotation dialog, before the labels a team configures and those in use.
DEFAULT_LABELS = (
    "substantive change",
    "boilerplate",
    "figure changed",
    "new policy",
    "dropped commitment",
    "copied",
    "needs follow-up",
)
LABELS_FILE = "labels.yaml"


@dataclass
class Session:
    left: Document
    right: Document
    store: AnnotationStore
    comparison: Comparison | None = None
    # Why the annotations are not in the file asked for (it annotates another pair), or None.
    redirected: str | None = None


def open_session(
    left_path: str | Path,
    right_path: str | Path,
    annotations: str | Path | None = None,
    reviewer: str | None = None,
) -> Session:
    """Parse both reports and open (or prepare) their annotation file.

    An annotation file belongs to its pair: when `annotations` (or the default file) annotates
    other reports, this pair gets a file of its own beside the default one
    (`<left>__<right>-<hash>.yaml` when even that name is taken) and `redirected` says so; the
    other pair's file is never opened for writing."""

    left = parse_file(left_path)
    right = parse_file(right_path)
    path = Path(annotations) if annotations else default_path(left.path, right.path)
    store = AnnotationStore.open(path, left, right, reviewer=reviewer)
    if not store.foreign:
        copies = store.elsewhere()
        shared = (f"{path} annotates the same texts as made on "
                  f"{' and '.join(copies.values())}: the notes are shared and the file keeps naming those"
                  if copies else None)
        return Session(left, right, store, redirected=shared)
    why = f"{path} annotates other reports"
    for candidate in _own_files(left, right):
        mine = AnnotationStore.open(candidate, left, right, reviewer=reviewer)
        if not mine.foreign:
            return Session(left, right, mine, redirected=f"{why}: this pair's notes go to {candidate}")
    return Session(left, right, store, redirected=why)  # read-only: nothing is written


def _own_files(left: Document, right: Document) -> list[Path]:
    """Files this pair may own: the default name, then the same made unique by the texts."""
    default = default_path(left.path, right.path)
    digest = hashlib.sha256((left.text_hash + right.text_hash).encode()).hexdigest()[:8]
    return [default, default.with_name(f"{default.stem}-{digest}.yaml")]


def compare(session: Session, pins: Sequence[tuple[str, str]] | None = None) -> Comparison:
    """Align and diff the two reports around the reviewer's pins (the store's, by default)
    and the store's sentence pins."""
    # no jieba here: word spans are computed per section when shown (SentenceChange.spans)
    pins = session.store.pins if pins is None else pins
    session.comparison = compare_documents(
        session.left, session.right, pins=tuple(pins), sentence_pins=tuple(session.store.sentence_pins)
    )
    return session.comparison


def labels(store: AnnotationStore) -> list[str]:
    """Labels to offer: the defaults, a team's `labels.yaml` beside the file, those in use."""
    found = list(DEFAULT_LABELS)
    configured = store.path.parent / LABELS_FILE
    if configured.is_file():
        data = read_yaml(configured, "labels file")
        items = data.get("labels") if isinstance(data, dict) else data
        if not isinstance(items, list) or not all(isinstance(x, str) for x in items):
            raise ReportError(configured, "expected a list of labels (strings)")
        found.extend(items)
    found.extend(a.label for a in store.annotations if a.label)
    return list(dict.fromkeys(x.strip() for x in found if x.strip()))
