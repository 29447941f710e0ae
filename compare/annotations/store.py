"""`AnnotationStore`: one annotation file, opened against the two reports it annotates.

Opening loads and checks the file and re-anchors every annotation and pin against the
current text of the reports. Every mutation saves at once (unless opened with
`autosave=False`), and every save is locked, re-reads the file, merges by id with what it
finds there (newest `updated` wins, tombstones keep deletions deleted), keeps the previous
version as `<file>.bak` and replaces the file atomically. A file that does not load opens
read-only with `problem` saying why, and is never written.

Saving from a background thread (the review app): with `autosave=False` a change only marks
its annotation unsaved; `request_save()` says whether to start a saver thread, which calls
`run_saves()`. At most one save runs and one more is pending (any number of changes made
during a save are written by the next one). The store's lock guards `content`: the UI thread
may add and edit while a save runs; a save writes a snapshot and keeps what changed meanwhile.
Each annotation's YAML is kept between saves (`DumpCache`), so a save dumps only what changed.
"""

from __future__ import annotations

import os
import threading
from dataclasses import replace
from pathlib import Path

from compare.annotations.anchoring import make_anchor, pin_heading, pin_sentence_text, place, place_pin
from compare.annotations.merging import Conflict, merge
from compare.annotations.model import (
    ANNOTATION_SIDES,
    Anchor,
    Annotation,
    AnnotationSet,
    AnnotationSide,
    DocumentRef,
    Pin,
    PinKind,
    after,
    default_reviewer,
    new_id,
    now,
    relative_path,
)
from compare.annotations.yamlfile import AnnotationFileError, DumpCache, dump, load
from compare.comparison.results import SIDES, Side
from compare.errors import ReportError
from compare.files.atomic import LOCK_WAIT, atomic_write, locked, remove_stale_temporaries
from compare.parsing.corpus import report_url
from compare.parsing.document import Document
from compare.parsing.loading import read_bytes


def default_path(
    left_path: str | Path, right_path: str | Path, folder: str | Path = "annotations"
) -> Path:
    """`annotations/<left-stem>__<right-stem>.yaml`: one file per compared pair."""
    return Path(folder) / f"{Path(left_path).stem}__{Path(right_path).stem}.yaml"


def backup_path(path: Path) -> Path:
    return path.with_name(path.name + ".bak")


def read_file(path: Path) -> AnnotationSet:
    """Load and check one annotation file (a missing file is an error here)."""

    return load(read_bytes(path, "annotation file"), str(path))


def is_same_report(ref: DocumentRef, doc: Document, annotation_file: str | Path) -> bool:
    """Whether `doc` is the report a side of the file `annotation_file` names.

    The text hash decides: equal hashes are the same report wherever it now lies (a clone on
    a colleague's machine, a renamed copy). A different hash is still the same report when the
    recorded path leads to `doc`'s file (the report was edited: anchors re-anchor), and files
    written before hashes were recorded are matched by file name. A side that names nothing
    matches anything.
    """
    if not ref.path and not ref.text_hash:
        return True
    if ref.text_hash and ref.text_hash == doc.text_hash:
        return True
    where = ref.location(annotation_file)
    if where is not None and _same_file(where, Path(doc.path)):
        return True
    return not ref.text_hash and Path(ref.path.replace("\\", "/")).stem == doc.stem


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.exists() and b.exists() and os.path.samefile(a, b)
    except OSError:
        return False


def belongs_to(
    content: AnnotationSet, left: Document | None, right: Document | None, annotation_file: str | Path
) -> bool:
    """Whether an annotation file's content is about this pair of reports (`is_same_report`
    on each side that is given)."""
    return all(
        is_same_report(content.document(side), doc, annotation_file)
        for side, doc in zip(SIDES, (left, right))
        if doc is not None
    )


class AnnotationStore:
    """The annotations of one pair of reports, kept on disk after every change."""

    lock_wait = LOCK_WAIT
    """Seconds a save waits for another process's save of the file before giving up."""

    def __init__(
        self,
        path: Path,
        left: Document | None,
        right: Document | None,
        *,
        reviewer: str | None = None,
        autosave: bool = True,
    ) -> None:
        self.path = path
        self.documents: dict[Side, Document | None] = {"left": left, "right": right}
        self.reviewer = reviewer or default_reviewer()
        self.autosave = autosave
        self.read_only = False
        self.problem: str | None = None  # why the store is read-only, as FILE:LINE: message
        self.foreign = False  # the file annotates another pair of reports (read-only)
        self.content = AnnotationSet()  # tombstones included
        self._synced: bytes | None = None  # the file's bytes when last read or written here
        # ids of annotations and pins changed in this session that the file does not have yet
        # (EVERYTHING: all of them), and those a running save is writing
        self._pending: set[str] = set()
        self._saving: set[str] = set()
        self._generation = 0  # changes made in this session, counted
        self._lock = threading.RLock()  # guards content and the sets above
        self._save_lock = threading.RLock()  # one save at a time
        self._saver_running = False  # a thread is in run_saves
        self._save_again = False  # a change came while it ran: one more save
        self._dump_cache = DumpCache()

    EVERYTHING = "*"

    @property
    def unsaved(self) -> bool:
        """Whether this session holds changes the file does not have yet (a save may be running)."""
        return bool(self._pending or self._saving)

    def status(self, item_id: str) -> str | None:
        """'saving' while a save is writing the annotation (or pin) `item_id`, 'unsaved' when
        it changed in this session and no save has written it yet, None when the file has it."""
        with self._lock:
            if item_id in self._saving or self.EVERYTHING in self._saving:
                return "saving"
            if item_id in self._pending or self.EVERYTHING in self._pending:
                return "unsaved"
            return None

    def _touch(self, *item_ids: str) -> None:
        """Mark changed items unsaved. Call holding `_lock`."""
        self._pending.update(item_ids)
        self._generation += 1

    # -- opening ----------------------------------------------------------------------------
    @classmethod
    def open(
        cls,
        path: str | Path,
        left: Document | None = None,
        right: Document | None = None,
        *,
        reviewer: str | None = None,
        autosave: bool = True,
    ) -> AnnotationStore:
        """Load `path` (missing is fine: it is created on the first save) and re-anchor."""
        store = cls(Path(path), left, right, reviewer=reviewer, autosave=autosave)
        try:
            data = store._read_disk()
            if data is not None:
                store.content = load(data, str(store.path))
                store._synced = data
        except ReportError as err:
            store._refuse(err)
        if not store.read_only and not belongs_to(store.content, left, right, store.path):
            # Another pair's file: placing its annotations here and saving would rewrite it.
            store.foreign = True
            store._refuse(ReportError(
                store.path,
                f"annotates {store.content.left.label} ↔ {store.content.right.label}, "
                "not these reports",
            ))
        store.content = store._placed(store.content)
        return store

    def _read_disk(self) -> bytes | None:
        """The file's bytes, None when there is no file yet (it is created on the first save)."""

        if not self.path.exists() and not self.path.is_symlink():
            return None
        return read_bytes(self.path, "annotation file")

    def _refuse(self, err: ReportError) -> None:
        self.read_only = True
        self.problem = f"{err.path}: {err.message}"

    def _placed(self, content: AnnotationSet) -> AnnotationSet:
        """Every live annotation and pin moved onto the current text of the reports."""
        annotations = []
        for annotation in content.annotations:
            if not annotation.deleted:
                for side, anchor in annotation.anchors.items():
                    doc = self.documents.get(side)
                    if doc is not None:
                        annotation = annotation.with_anchor(side, place(anchor, doc))
            annotations.append(annotation)
        pins = [
            p if p.deleted else place_pin(p, self.documents["left"], self.documents["right"])
            for p in content.pins
        ]
        return replace(content, annotations=annotations, pins=pins)

    # -- reading ----------------------------------------------------------------------------
    @property
    def annotations(self) -> list[Annotation]:
        """Live annotations, oldest first; orphaned ones included (check `.orphaned`)."""
        return sorted(self.content.live(), key=lambda a: a.id)

    @property
    def orphaned(self) -> list[Annotation]:
        return [a for a in self.annotations if a.orphaned]

    @property
    def deleted(self) -> list[Annotation]:
        """Tombstones, newest deletion first: what `restore` can bring back."""
        return sorted(
            (a for a in self.content.annotations if a.deleted), key=lambda a: a.updated, reverse=True
        )

    def get(self, annotation_id: str) -> Annotation:
        for annotation in self.content.annotations:
            if annotation.id == annotation_id:
                return annotation
        raise KeyError(annotation_id)

    def on(self, side: Side) -> list[Annotation]:
        """Live, placed annotations with an anchor on `side`, in text order."""
        found = [a for a in self.annotations if side in a.anchors and not a.anchors[side].orphaned]
        return sorted(found, key=lambda a: (a.anchors[side].start, a.id))

    @property
    def pins(self) -> list[tuple[str, str]]:
        """(left section id, right section id) of every live pin whose sections exist."""
        return self._pairs("section")

    @property
    def sentence_pins(self) -> list[tuple[str, str]]:
        """(left sentence id, right sentence id) of every live sentence pin whose sentences
        exist."""
        return self._pairs("sentence")

    def _pairs(self, kind: str) -> list[tuple[str, str]]:
        seen: list[tuple[str, str]] = []
        for p in sorted(self.content.live_pins(), key=lambda p: p.id):
            if p.kind == kind and p.state != "orphaned" and (p.left, p.right) not in seen:
                seen.append((p.left, p.right))
        return seen

    @property
    def pin_records(self) -> list[Pin]:
        """Live section pins with their headings and state (orphaned when a section is gone)."""
        return sorted((p for p in self.content.live_pins() if p.kind == "section"), key=lambda p: p.id)

    @property
    def sentence_pin_records(self) -> list[Pin]:
        """Live sentence pins with their texts and state (orphaned when a sentence is gone)."""
        return sorted((p for p in self.content.live_pins() if p.kind == "sentence"), key=lambda p: p.id)

    # -- changing ---------------------------------------------------------------------------
    def add(
        self,
        side: AnnotationSide,
        start: int,
        end: int,
        label: str = "",
        comment: str = "",
        *,
        right_span: tuple[int, int] | None = None,
        reviewer: str | None = None,
    ) -> Annotation:
        """Annotate `[start, end)` of `side`'s text; for side 'both', `start`/`end` are on the
        left and `right_span` is the right-hand span."""
        if side not in ANNOTATION_SIDES:
            raise ValueError(f"side must be one of {', '.join(ANNOTATION_SIDES)}, not {side!r}")
        spans: dict[Side, tuple[int, int] | None] = (
            {"left": (start, end), "right": right_span} if side == "both" else {side: (start, end)}
        )
        anchors: dict[Side, Anchor] = {}
        for s, span in spans.items():
            if span is None:
                raise ValueError("an annotation on both sides needs right_span")
            anchors[s] = make_anchor(self._document(s), *span)
        stamp = now()
        annotation = Annotation(
            id=new_id(),
            side=side,
            label=label,
            comment=comment,
            reviewer=reviewer or self.reviewer,
            created=stamp,
            updated=stamp,
            anchors=anchors,
        )
        # what the reviewer wrote is kept in this session even when it cannot be saved here:
        # `unsaved` says so, and `save_as` writes it elsewhere
        with self._lock:
            self.content.annotations.append(annotation)
            self._touch(annotation.id)
        self._check_writable()
        self._changed()
        return self.get(annotation.id)

    def update(
        self, annotation_id: str, *, label: str | None = None, comment: str | None = None
    ) -> Annotation:
        old = self.get(annotation_id)
        new = replace(
            old,
            label=old.label if label is None else label,
            comment=old.comment if comment is None else comment,
        )
        return self._replace(old, new) if new != old else old

    def delete(self, annotation_id: str) -> None:
        """Delete, keeping a tombstone so merges cannot resurrect it and `restore` can."""
        old = self.get(annotation_id)
        if not old.deleted:
            self._replace(old, replace(old, deleted=True))

    def restore(self, annotation_id: str) -> Annotation:
        old = self.get(annotation_id)
        return self._replace(old, replace(old, deleted=False)) if old.deleted else old

    def move(self, annotation_id: str, side: Side, start: int, end: int) -> Annotation:
        """Re-attach one side of an annotation (an orphan, say) to a span the reviewer chose."""
        old = self.get(annotation_id)
        if side not in old.anchors:
            raise ValueError(f"annotation {annotation_id} has no {side} anchor")
        return self._replace(old, old.with_anchor(side, make_anchor(self._document(side), start, end)))

    def confirm(self, annotation_id: str) -> Annotation:
        """The reviewer accepts where fuzzy re-anchoring put it: forget the old quote."""
        old = self.get(annotation_id)
        anchors = {
            s: replace(a, state="anchored", was="") if a.state == "fuzzy" else a
            for s, a in old.anchors.items()
        }
        new = replace(old, anchors=anchors)
        return self._replace(old, new) if new != old else old

    def pin(self, left_id: str, right_id: str) -> Pin:
        """Align left section `left_id` with right section `right_id`, whatever alignment says."""
        for p in self.pin_records:
            if (p.left, p.right) == (left_id, right_id):
                return p
        headings = {}
        ends: tuple[tuple[Side, str], ...] = (("left", left_id), ("right", right_id))
        for side, section_id in ends:
            doc = self.documents[side]
            try:
                headings[side] = pin_heading(doc.section(section_id)) if doc else ""
            except KeyError:
                raise ValueError(f"the {side} report has no section {section_id}") from None
        return self._add_pin("section", left_id, right_id, headings)

    def pin_sentences(self, left_id: str, right_id: str) -> Pin:
        """Pair left sentence `left_id` with right sentence `right_id` (ids like "2.1/3"),
        whatever the sentence alignment says; ValueError when a report has no such sentence."""
        for p in self.sentence_pin_records:
            if (p.left, p.right) == (left_id, right_id):
                return p
        texts: dict[Side, str] = {}
        for side, sentence_id in zip(SIDES, (left_id, right_id)):
            doc = self.documents[side]
            found = [s for s in doc.sentences() if s.id == sentence_id] if doc else []
            if doc and not found:
                raise ValueError(f"the {side} report has no sentence {sentence_id}")
            texts[side] = pin_sentence_text(found[0]) if found else ""
        return self._add_pin("sentence", left_id, right_id, texts)

    def _add_pin(self, kind: PinKind, left_id: str, right_id: str, names: dict[Side, str]) -> Pin:
        """A new pin of `kind`, `names` the headings (sentence texts) of each side."""
        stamp = now()
        record = Pin(
            id=new_id(),
            left=left_id,
            right=right_id,
            left_heading=names["left"],
            right_heading=names["right"],
            reviewer=self.reviewer,
            created=stamp,
            updated=stamp,
            kind=kind,
        )
        self._check_writable()
        with self._lock:
            self.content.pins.append(record)
            self._touch(record.id)
        self._changed()
        return record

    def unpin_sentences(self, left_id: str | None = None, right_id: str | None = None) -> int:
        """Remove the sentence pins naming left sentence `left_id` or right sentence
        `right_id` (both given: that pair only); how many went."""
        return self._unpin("sentence", left_id, right_id)

    def unpin(self, left_id: str, right_id: str | None = None) -> int:
        """Remove the pins of `left_id` (to `right_id` only, when given); how many went."""
        return self._unpin("section", left_id, right_id)

    def _unpin(self, kind: str, left_id: str | None, right_id: str | None) -> int:
        self._check_writable()
        gone = []
        pins = []
        with self._lock:
            for p in self.content.pins:
                if left_id is not None and right_id is not None:
                    hit = (p.left, p.right) == (left_id, right_id)
                else:
                    hit = p.left == left_id or p.right == right_id
                if not p.deleted and p.kind == kind and hit:
                    p = replace(p, deleted=True, updated=after(p.updated))
                    gone.append(p.id)
                pins.append(p)
            if gone:
                self.content.pins = pins
                self._touch(*gone)
        if gone:
            self._changed()
        return len(gone)

    def absorb(self, other: AnnotationSet, name: str = "the other file") -> list[Conflict]:
        """Merge another copy's annotations and pins into this one (newest `updated` wins)."""
        self._check_writable()
        with self._lock:
            merged, conflicts = merge([(str(self.path), self.content), (name, other)])
            self.content = self._placed(merged)
            self._touch(self.EVERYTHING)
        self._changed()
        return conflicts

    def _replace(self, old: Annotation, new: Annotation) -> Annotation:
        self._check_writable()
        new = replace(new, updated=after(old.updated))
        with self._lock:
            self.content.annotations = [new if a.id == old.id else a for a in self.content.annotations]
            self._touch(new.id)
        self._changed()
        return self.get(new.id)

    def _document(self, side: Side) -> Document:
        doc = self.documents.get(side)
        if doc is None:
            raise ValueError(f"the store was opened without a {side} document")
        return doc

    def _check_writable(self) -> None:
        if self.read_only:
            raise ReportError(self.path, f"opened read-only: {self.problem}")

    def _changed(self) -> None:
        if self.autosave:
            self.save()

    def write_problem(self) -> str | None:
        """Why this file cannot be written, found before any annotation is made (None: it can).

        Read from the permission bits, so a file or folder made read-only stays unwritten
        even for root; a symlink is judged by the file it points to."""
        if self.read_only:
            return self.problem
        target = self._target()
        if target.exists():
            if not target.stat().st_mode & 0o222 or not os.access(target, os.W_OK):
                return f"{target}: the file is read-only"
            return None
        folder = target.parent
        while not folder.exists() and folder != folder.parent:
            folder = folder.parent
        if not folder.is_dir() or not folder.stat().st_mode & 0o222 or not os.access(folder, os.W_OK):
            return f"{folder}: the folder is read-only"
        return None

    def _target(self) -> Path:
        """The file a save writes: a symlinked annotation file is written through the link."""
        return Path(os.path.realpath(self.path)) if self.path.is_symlink() else self.path

    def save_as(self, path: str | Path) -> None:
        """Write everything of this session to `path` (merged with it if it holds this pair's
        annotations) and keep saving there; `ReportError` if it cannot, the session unchanged."""
        target = Path(path)
        other = AnnotationStore.open(target, self.documents["left"], self.documents["right"],
                                     reviewer=self.reviewer, autosave=False)
        if other.read_only:
            raise ReportError(target, f"cannot save there: {other.problem}")
        problem = other.write_problem()
        if problem:
            raise ReportError(target, f"cannot save there: {problem}")
        with self._save_lock:  # not while a save to the old file runs
            old = (self.path, self.read_only, self.problem, self.foreign, self._synced)
            self.path, self.read_only, self.problem, self.foreign = target, False, None, False
            self._synced = other._synced
            try:
                self.save()
            except ReportError:
                self.path, self.read_only, self.problem, self.foreign, self._synced = old
                raise

    # -- saving -----------------------------------------------------------------------------
    def request_save(self) -> bool:
        """A change wants saving by a background thread: True when the caller should start one
        (it calls `run_saves`); False when one is running, which then saves once more."""
        with self._lock:
            if self._saver_running:
                self._save_again = True
                return False
            self._saver_running = True
            return True

    def run_saves(self) -> None:
        """The saver thread's work: save, and again while changes came during the save.
        `ReportError` from a failed save ends it (what failed stays unsaved)."""
        try:
            while True:
                self.save()
                with self._lock:
                    if not self._save_again:
                        return
                    self._save_again = False
        finally:
            with self._lock:
                self._saver_running = self._save_again = False

    def prepare_saves(self) -> None:
        """Dump every annotation once into the cache saves reuse, so that the first save of a
        session writes as fast as the later ones (seconds for thousands of annotations: call
        it from a background thread after opening; a save waits for it)."""
        with self._save_lock:
            with self._lock:
                annotations = sorted(self.content.annotations, key=lambda a: a.id)
            self._dump_cache.items(annotations)

    def save(self) -> None:
        """Merge with the file as it is now on disk, keep a .bak, and replace it atomically.

        Safe to call from another thread than the one changing the store: it writes a snapshot
        of `content` taken under the store's lock; changes made while it writes stay (unsaved,
        for the next save). `ReportError` when it cannot (read-only, no permission, disk full,
        lock timeout, the file broken on disk meanwhile: then the store turns read-only)."""
        with self._save_lock:
            with self._lock:
                self._check_writable()
                snapshot = replace(self.content, annotations=list(self.content.annotations),
                                   pins=list(self.content.pins))
                generation = self._generation
                self._saving |= self._pending
                self._pending = set()
            try:
                merged, from_disk, text = self._write(snapshot)
            except BaseException:
                with self._lock:
                    self._pending |= self._saving
                    self._saving = set()
                raise
            with self._lock:
                if generation == self._generation:
                    self.content = merged
                elif from_disk:  # others' changes and this session's newer ones
                    self.content = merge([("the saved file", merged), ("this session", self.content)])[0]
                self._synced = text
                self._saving = set()

    def _write(self, content: AnnotationSet) -> tuple[AnnotationSet, bool, bytes]:
        """Write `content` merged with the file: (what was written, whether the file had
        changes of others, its bytes)."""
        problem = self.write_problem()
        if problem:  # never replace a file (or fill a folder) without write permission
            raise ReportError(self.path, f"cannot save: {problem}")
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            with locked(self._target(), self.lock_wait):
                remove_stale_temporaries(self.path)
                data = self._read_disk()
                mine = self._with_references(content)
                from_disk = data is not None and data != self._synced  # changed by someone else
                if data is not None and from_disk:
                    try:
                        disk = load(data, str(self.path))
                    except AnnotationFileError as err:
                        self._refuse(err)
                        raise
                    # On equal `updated` the file wins: this session bumps `updated` on every
                    # edit, so a tie means an edit by hand in the file (or only re-anchoring here,
                    # which placing the merged copy redoes).
                    merged, _ = merge([("the file", disk), ("this session", mine)])
                    merged = self._with_references(self._placed(merged))
                else:
                    merged = mine
                text = dump(merged, self._dump_cache).encode("utf-8")
                if text != data:
                    target = self._target()
                    if data is not None:
                        atomic_write(backup_path(target), data)
                    atomic_write(target, text)
                return merged, from_disk, text
        except OSError as err:
            raise ReportError(self.path, f"cannot save ({err.strerror or err})") from None

    def _with_references(self, content: AnnotationSet) -> AnnotationSet:
        refs = {
            side: self.reference(side) if self.documents.get(side) and side not in self.elsewhere()
            else content.document(side)
            for side in ("left", "right")
        }
        return replace(content, left=refs["left"], right=refs["right"])

    def elsewhere(self) -> dict[Side, str]:
        """Sides whose report the file names at another path that still holds the same text
        (the annotations were made on the .docx, this is the .txt of it): side → the path
        the file names. Saving keeps those references (a user found the file's sources
        switched to whichever copy was open last, without notice)."""
        out: dict[Side, str] = {}
        for side in SIDES:
            doc = self.documents.get(side)
            ref = self.content.document(side)
            if doc is None or not ref.path or ref.text_hash != doc.text_hash:
                continue
            where = ref.location(self.path)
            if where is not None and where.is_file() and not _same_file(where, Path(doc.path)):
                out[side] = ref.path
        return out

    def reference(self, side: Side) -> DocumentRef:
        """How the file names `side`'s report: its path relative to the file, what it is, its
        text hash and its published URL (from the manifest) when known."""
        doc = self._document(side)
        return DocumentRef(
            path=relative_path(doc.path, self.path),
            title=doc.title,
            agency=doc.agency,
            year=doc.year,
            kind=doc.kind,
            text_hash=doc.text_hash,
            url=report_url(Path(doc.path)),
        )


__all__ = [
    "AnnotationStore", "backup_path", "belongs_to", "default_path", "is_same_report", "read_file",
]
