"""Annotations: annotate a span or a sentence (`a`), the panel (`A`), jump, edit, delete, restore.

The annotation store (`compare.annotations`) anchors, saves and re-anchors; this part asks
the reviewer (the annotate dialog), calls the store and shows the result. Saving runs in a
thread worker (`_saver`; a file of 6,000 annotations took seconds to write), so keys never
wait for the disk: the store is changed at once, the annotation is listed as "unsaved" then
"saving…", and the worker posts `Saved` when the file has it. A store that cannot save says so
at once and keeps what the reviewer wrote on screen, marked unsaved; E saves it elsewhere.
"""

from __future__ import annotations

from pathlib import Path
from typing import Callable

from textual import on, work
from textual.message import Message

from compare.annotations import Annotation, AnnotationStore
from compare.errors import ReportError
from compare.parsing.cleaning import strip_controls
from compare.tui.screens.annotate import AnnotateScreen, AnnotationEdit
from compare.tui.screens.dialogs import SaveAsScreen
from compare.tui.screens.review.base import ReviewPart
from compare.tui.session import DEFAULT_LABELS, labels
from compare.tui.widgets.annotations_panel import AnnotationsPanel
from compare.tui.widgets.section_list import fit


SAVE_GROUP = "annotations-save"
"""The worker group of annotation saves (the app waits for it before quitting)."""


class Annotating(ReviewPart):
    class Saved(Message):
        """A background save ended: the file has every annotation (`error` None), or not."""

        bubble = False

        def __init__(self, store: AnnotationStore, error: ReportError | None, *,
                     elsewhere: bool = False) -> None:
            super().__init__()
            self.store = store
            self.error = error
            self.elsewhere = elsewhere  # a save to another file the reviewer chose (E)

    def _save_soon(self) -> None:
        """Save the store's changes in a thread worker: one save runs, one more may wait."""
        if self.session is None:
            return
        store = self.session.store
        if not store.read_only and store.unsaved and store.request_save():
            self._saver(store)
        self._refresh_annotations()

    @work(thread=True, group=SAVE_GROUP)
    def _saver(self, store: AnnotationStore) -> None:
        try:
            store.run_saves()
        except ReportError as err:
            self.post_message(self.Saved(store, err))
            return
        self.post_message(self.Saved(store, None))

    @work(thread=True, group="annotations-prepare")  # quitting need not wait for it
    def _prepare_saves(self, store: AnnotationStore) -> None:
        """Dump the annotations once, so that the first save is as fast as the next."""
        store.prepare_saves()

    @work(thread=True, group=SAVE_GROUP)
    def _saver_elsewhere(self, store: AnnotationStore, path: Path) -> None:
        try:
            store.save_as(path)
        except ReportError as err:
            self.post_message(self.Saved(store, err, elsewhere=True))
            return
        self.post_message(self.Saved(store, None, elsewhere=True))

    @on(Saved)
    def _saved(self, event: Saved) -> None:
        self._refresh_annotations()
        if event.error is None:
            self.notify(f"Annotations saved to {event.store.path}", markup=False,
                        timeout=5 if event.elsewhere else 2)
        elif event.elsewhere:
            self.notify(f"Not saved: {event.error.path}: {event.error.message}",
                        severity="error", markup=False, timeout=15)
        else:
            self._not_saved(event.error)

    def _refresh_annotations(self) -> None:
        if self.session is None:
            return
        store = self.session.store
        self.pair_view.set_marks({
            side: [(a.anchors[side].start, a.anchors[side].end) for a in store.on(side)]
            for side in ("left", "right")
        })
        self.panel.populate(store.annotations, store.status)

    def action_annotate(self) -> None:
        if self.session is None:
            return
        target = self.pair_view.target()
        if target is None:
            self.notify("Put the cursor on a sentence (or select a span) first.", markup=False)
            return
        side, start, end = target
        doc = self.document(side)
        other_side = "right" if side == "left" else "left"
        row = self.pair_view.current
        counterpart = row.sentence(other_side) if row is not None else None
        section = doc.section_at(start)
        heading = f"Annotate the {side} report"
        if section is not None:
            heading += f" · {fit(strip_controls(section.title), 40)}"
        try:
            offered = labels(self.session.store)
        except ReportError as err:
            self.notify(f"{err.path}: {err.message}", severity="warning", markup=False)
            offered = list(DEFAULT_LABELS)
        store = self.session.store

        def done(edit: AnnotationEdit | None) -> None:
            if edit is None:
                return
            spans = {side: (edit.start, edit.end)}
            if edit.both and counterpart is not None:
                spans[other_side] = (counterpart.start, counterpart.end)
            try:
                if len(spans) == 2:
                    store.add("both", *spans["left"], label=edit.label, comment=edit.comment,
                              right_span=spans["right"])
                else:
                    store.add(side, edit.start, edit.end, label=edit.label, comment=edit.comment)
            except ReportError as err:
                self._refresh_annotations()  # kept in this session, listed as unsaved
                self._not_saved(err)
                return
            self.pair_view.action_clear_selection()
            self._save_soon()

        self.app.push_screen(
            AnnotateScreen(heading=heading, quote=doc.text[start:end], start=start,
                           labels=offered,
                           other=fit(strip_controls(counterpart.text), 30) if counterpart else None),
            done,
        )

    def action_toggle_annotations(self) -> None:
        panel = self.panel
        panel.display = not panel.display
        if panel.display:
            self._refresh_annotations()
            panel.focus()
        else:
            self.pair_view.focus()

    @on(AnnotationsPanel.Chosen)
    def _annotation_chosen(self, event: AnnotationsPanel.Chosen) -> None:
        if self.session is None:
            return
        store = self.session.store
        if event.what == "restore":
            deleted = store.deleted
            if not deleted:
                self.notify("Nothing to bring back.", markup=False)
                return
            self._store_call(store.restore, deleted[0].id)
            return
        annotation = store.get(event.annotation_id)
        if event.what == "jump":
            self._jump_to(annotation)
        elif event.what == "delete":
            self._store_call(store.delete, annotation.id)
            self.notify("Annotation deleted (u in the list brings it back).", markup=False,
                        timeout=3)
        elif event.what == "edit":
            self._edit(annotation)
        elif event.what == "confirm":
            if annotation.fuzzy:
                self._store_call(store.confirm, annotation.id)
            else:
                self.notify("Only an annotation moved to reworded text needs confirming.",
                            markup=False)

    def _store_call(self, method: Callable[..., object], *args: object, **kwargs: object) -> None:
        try:
            method(*args, **kwargs)
        except ReportError as err:
            self._not_saved(err)
        self._save_soon()

    def _not_saved(self, err: ReportError) -> None:
        self.notify(f"Not saved: {err.path}: {err.message}. What you wrote is kept here: "
                    "E saves it elsewhere.", severity="error", markup=False, timeout=15)

    def action_save_elsewhere(self) -> None:
        """Ask for another file and write every annotation of this session there."""
        if self.session is None:
            return
        store = self.session.store
        problem = store.write_problem() or (f"{store.path}: not saved yet" if store.unsaved else
                                            f"{store.path}: saved")
        suggested = str(Path.home() / store.path.name)

        def chosen(path: str | None) -> None:
            if path:
                self._saver_elsewhere(store, Path(path).expanduser())

        self.app.push_screen(SaveAsScreen(problem, suggested), chosen)

    def _jump_to(self, annotation: Annotation) -> None:
        if self.rows is None:
            return
        for side in ("left", "right"):
            anchor = annotation.anchors.get(side)
            if anchor is None or anchor.orphaned:
                continue
            position = self.rows.locate(side, anchor.start)
            if position is not None:
                if self.hide and position.row not in self.rows.visible(position.section, True):
                    self.action_toggle_hide()
                self._go(position, side)
                self.pair_view.focus()
                return
        self.notify("This annotation's text is not in the reports any more (orphaned).",
                    markup=False)

    def _edit(self, annotation: Annotation) -> None:
        assert self.session is not None
        store = self.session.store
        side = "left" if "left" in annotation.anchors else "right"
        anchor = annotation.anchors[side]
        try:
            offered = labels(store)
        except ReportError:
            offered = list(DEFAULT_LABELS)

        def done(edit: AnnotationEdit | None) -> None:
            if edit is None:
                return
            if edit.delete:
                self._store_call(store.delete, annotation.id)
            else:
                self._store_call(store.update, annotation.id, label=edit.label,
                                 comment=edit.comment)

        self.app.push_screen(
            AnnotateScreen(heading=f"Edit annotation ({side})", quote=anchor.exact,
                           start=anchor.start, labels=offered, label=annotation.label,
                           comment=annotation.comment, editing=True),
            done,
        )
