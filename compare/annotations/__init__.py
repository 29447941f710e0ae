"""Annotations: the reviewer's notes on a pair of reports, kept safe in a YAML file.

The file is `annotations/<left-stem>__<right-stem>.yaml` by default (`default_path`). Each
annotation is anchored to text by a quote with context, a position and a section id, after
the W3C Web Annotation model that Hypothesis uses, and re-anchored when a report changes;
what cannot be placed is kept as `orphaned`, never dropped. Section pins (manual alignment)
live in the same file.

Public API (what the review app calls)::

    from compare.annotations import AnnotationStore, default_path

    store = AnnotationStore.open(default_path(left.path, right.path), left, right)
    store.read_only, store.problem       # a broken file: shown, never overwritten
    a = store.add("left", start, end, label="copied", comment="…")   # saves at once
    b = store.add("both", ls, le, comment="…", right_span=(rs, re))
    store.update(a.id, comment="…"); store.delete(a.id); store.restore(a.id)
    store.move(a.id, "left", start, end); store.confirm(a.id)
    store.annotations                    # live ones, oldest first: .id .side .label .comment
    store.on("left")                     # placed on one side, in text order
    a.anchors["left"].start / .end / .state   # anchored | fuzzy | orphaned; .was = old quote
    store.pin("2", "3"); store.unpin("2"); store.pins  # [(left_id, right_id)]

Offsets are indices into `Document.text`. Every mutation saves (locked, merged by id with
the file on disk, `.bak` kept, atomic rename) unless the store was opened with
`autosave=False`, in which case call `store.save()`. A mutation on a read-only store, or a
save that fails, raises `ReportError`; the change stays in memory.

Modules: `model` (dataclasses), `anchoring` (anchor and re-anchor), `yamlfile` (read and
check, write), `merging`, `atomic` (atomic writes, file lock), `store`, `export` (CSV,
JSON Lines, Markdown memo) and `w3c` (JSON-LD out and in).
"""

from __future__ import annotations

from compare.annotations.model import Anchor, Annotation, AnnotationSet, Pin
from compare.annotations.store import AnnotationStore, default_path, read_file
from compare.annotations.yamlfile import AnnotationFileError

__all__ = [
    "Anchor",
    "Annotation",
    "AnnotationFileError",
    "AnnotationSet",
    "AnnotationStore",
    "Pin",
    "default_path",
    "read_file",
]
