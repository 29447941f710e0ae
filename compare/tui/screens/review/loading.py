"""Opening the reports: thread workers parse, compare and label, and hand results back as messages.

Parsing both reports and aligning them take seconds on big reports, so they run in a thread
worker behind a small loading indicator while the screen and its keys stay live. The comparison is painted as soon as it is
aligned. Only once its first frame is on screen (`PairView.Painted`, posted while that frame
is composed, so handled after it went out) do the workers for what that frame does not
show start: the word highlights of the section on screen (and the next) and the boilerplate
labels, each restyling the rows when ready. Started earlier, they took the interpreter's
lock from the app's thread while it laid the comparison out (jieba's dictionary is a second
of pure Python), and the comparison waited for them. Each worker posts what it found as a
typed message nested in `Loading` (`Opened`, `Compared`, `SpansFilled`, `Labelled`,
`Failed`, …); the handlers, on the app's thread, present it.
"""

from __future__ import annotations

import gc

from rich.text import Text
from textual import on, work
from textual.message import Message
from textual.widgets import Static

from compare.boilerplate import load_default_model
from compare.boilerplate.pair import label_pair
from compare.comparison.results import Comparison
from compare.errors import ReportError
from compare.presentation.notes import order_note
from compare.tui.rows import ReviewRows
from compare.tui.screens.review.base import Labels, ReviewPart, document_label
from compare.tui.session import Session, compare, open_session
from compare.tui.widgets.line import Line
from compare.tui.widgets.pair_view import PairView


class Loading(ReviewPart):
    class Opened(Message):
        """Both reports are parsed and their annotation file is open."""

        bubble = False

        def __init__(self, session: Session) -> None:
            super().__init__()
            self.session = session

    class Compared(Message):
        """The reports are aligned and diffed (again, after a pin)."""

        bubble = False

        def __init__(self, comparison: Comparison) -> None:
            super().__init__()
            self.comparison = comparison

    class Labelled(Message):
        """Every sentence of both reports is labelled boilerplate or substantive."""

        bubble = False

        def __init__(self, labels: Labels) -> None:
            super().__init__()
            self.labels = labels

    class Unlabelled(Message):
        """The boilerplate model could not be had: the review goes on without labels."""

        bubble = False

        def __init__(self, error: ReportError) -> None:
            super().__init__()
            self.error = error

    class Failed(Message):
        """A report is bad input: the app says so (`ReviewApp.fail`)."""

        bubble = False

        def __init__(self, error: ReportError) -> None:
            super().__init__()
            self.error = error

    class Busy(Message):
        """What the workers are doing now (shown beside the loading indicator)."""

        bubble = False

        def __init__(self, text: str) -> None:
            super().__init__()
            self.text = text

    class SpansFilled(Message):
        """The word spans of section pair `index` are computed: its rows can show them."""

        bubble = False

        def __init__(self, index: int) -> None:
            super().__init__()
            self.index = index

    class Done(Message):
        """The workers are done: the loading indicator goes."""

        bubble = False

    # -- the workers (in threads: they only post messages) ---------------------------------
    def _start(self) -> None:
        # jieba's dictionary (a second of pure Python) is not loaded alongside: the comparison
        # does not need it, and a second thread would only take the GIL from the alignment.
        # The word spans and the labels load it once the comparison is on screen.
        self._load()

    @work(thread=True, exclusive=True, group="load")
    def _load(self) -> None:
        try:
            session = open_session(self.left_path, self.right_path, self.annotations_path,
                                   self.reviewer)
            self.post_message(self.Opened(session))
            self.post_message(self.Busy("Aligning sections and sentences…"))
            comparison = compare(session)
        except ReportError as err:
            self.post_message(self.Failed(err))
            return
        self.post_message(self.Compared(comparison))

    @work(thread=True, exclusive=True, group="labels")
    def _label(self, session: Session) -> None:
        """The boilerplate labels, started once the comparison is on screen."""
        self._classify(session)
        self.post_message(self.Done())

    def _classify(self, session: Session) -> None:
        """Label every sentence boilerplate or substantive (in the loading worker's thread):
        the earlier report alone, the later one against it as last year's (new-this-year
        evidence, carried over marked; `w` says which)."""
        try:
            pair = label_pair(session.left, session.right, load_default_model())
            labels = {"left": pair.left, "right": pair.right}
        except ReportError as err:
            self.post_message(self.Unlabelled(err))
            return
        self.post_message(self.Labelled(labels))

    @work(thread=True, exclusive=True, group="align")
    def _realign(self) -> None:
        assert self.session is not None
        try:
            comparison = compare(self.session)
        except ReportError as err:
            self.post_message(self.Failed(err))
            return
        self.post_message(self.Compared(comparison))

    @work(thread=True, group="spans")
    def _fill_spans(self, index: int) -> None:
        """Word spans of the section shown and the next one, computed off the UI thread
        (the first call waits for jieba's dictionary); the view is restyled when they land."""
        assert self.rows is not None
        diffs = self.rows.diffs
        for k in (index, index + 1):
            if k >= len(diffs):
                break
            pending = [c for c in diffs[k].changes if not c.spans_ready]
            for change in pending:
                change.spans  # noqa: B018 - computes and keeps them
            if pending and k == index:
                self.post_message(self.SpansFilled(index))

    # -- presenting what they found --------------------------------------------------------
    def _busy(self, message: str) -> None:
        """Show what the workers are doing (a small indicator: a big one costs CPU)."""
        self.query_one("#progress").display = True
        self.query_one("#progress-text", Line).update(Text(message))

    def _idle(self) -> None:
        self.query_one("#progress").display = False

    @on(Busy)
    def _on_busy(self, event: Busy) -> None:
        self._busy(event.text)

    @on(Done)
    def _on_done(self) -> None:
        self._idle()

    @on(SpansFilled)
    def _spans_filled(self, event: SpansFilled) -> None:
        if self.section == event.index:
            self.pair_view.restyle()

    @on(Failed)
    def _failed(self, event: Failed) -> None:
        self.app.fail(event.error, self)  # type: ignore[attr-defined]  # ReviewApp.fail

    @on(Unlabelled)
    def _unlabelled(self, event: Unlabelled) -> None:
        err = event.error
        self.notify(f"No boilerplate labels: {err.path}: {err.message}", severity="warning",
                    markup=False)

    @on(Opened)
    def _opened(self, event: Opened) -> None:
        self.session = session = event.session
        left, right = session.left, session.right
        title = Text(end="")
        note = order_note(left, right)
        if note:  # stays in the title: "new" and "carried over" are judged backwards; first,
            # so that a narrow terminal cutting the long labels never cuts it (user test s26)
            title.append("! later report on the left  ", style="bold yellow")
        title.append(document_label(left), style="bold")
        title.append("  <->  ")
        title.append(document_label(right), style="bold")
        self.query_one("#title", Static).update(title)
        self.pair_view.set_documents(left, right)
        self._update_columns()
        store = session.store
        store.autosave = False  # changes are saved by a thread worker (Annotating._save_soon)
        if store.annotations and not store.read_only:
            self._prepare_saves(store)
        if note:
            self.notify(f"Note: {note}.", severity="warning", timeout=15, markup=False)
        if session.redirected:
            self.notify(session.redirected, severity="warning", timeout=10, markup=False)
        elif store.read_only:
            self.notify(f"Annotations are read-only: {store.problem}", severity="error",
                        timeout=10, markup=False)
        else:
            problem = store.write_problem()  # known before the first annotation, not after it
            if problem:
                self.notify(f"Annotations cannot be saved here ({problem}): they are kept in "
                            "this session; E saves them elsewhere.", severity="error", timeout=15,
                            markup=False)
        self._refresh_annotations()

    @on(Compared)
    def _compared(self, event: Compared) -> None:
        assert self.session is not None
        current = self._current_ids()
        self.rows = ReviewRows(event.comparison, self._is_boilerplate, self._since_last_year)
        if self.labels is not None:
            self._idle()
        self.section_list.populate(self.rows, self.session.left, self.session.right,
                                   hide_boilerplate=self.hide, simplified=self.simplified,
                                   pins=set(self.session.store.pins))
        section = 0
        if current is not None:  # after re-aligning, stay on the section the reviewer was on
            for side, section_id in current:
                found = self._section_for(side, section_id)
                if found is not None:
                    section = found
                    break
        self._show_section(section)
        if self.open_at is not None and current is None:  # opened at a sentence (the series)
            side, offset = self.open_at
            self.open_at = None
            position = self.rows.locate(side, offset)
            if position is not None:
                self._go(position, side)
        if self.search_query:
            self._run_search(self.search_query)
        if current is None and self.labels is None:
            self._busy("Labelling boilerplate…")
            if not self.pair_view.shown or self.pair_view.painted:  # no rows to wait for
                self.call_after_refresh(self._comparison_painted)

    @on(PairView.Painted)
    def _comparison_painted(self) -> None:
        """The comparison's first frame is on screen: start what it did not wait for, the
        word highlights of the section shown and the boilerplate labels."""
        if self.comparison_painted or self.session is None or self.rows is None:
            return
        self.comparison_painted = True
        self._fill_spans(self.section)
        self._label(self.session)

    @on(Labelled)
    def _labelled(self, event: Labelled) -> None:
        self.labels = event.labels
        # The reports, their comparison, the labels and jieba's dictionary live as long as
        # the session: freezing them keeps the collector's full passes from scanning them
        # (on 200,000-character reports such a pass paused the keys for a tenth of a second).
        gc.freeze()
        if self.rows is None or self.session is None:
            return
        cursor = self.pair_view.cursor_row
        self.rows = ReviewRows(self.rows.comparison, self._is_boilerplate, self._since_last_year)
        self.section_list.populate(self.rows, self.session.left, self.session.right,
                                   hide_boilerplate=self.hide, simplified=self.simplified,
                                   pins=set(self.session.store.pins))
        self._show_section(self.section, cursor)
