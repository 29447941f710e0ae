"""The review screen: aligned sections on the left, the selected pair side by side.

Opening parses both reports and aligns them in a thread worker behind a loading indicator, so
the screen and its keys are live at once.
The comparison is painted as soon as it is aligned; the word highlights of the section on
screen (and the next) follow from a worker, and boilerplate labels from the loading worker,
each restyling the rows when ready. The screen presents what the
core returns (`compare_documents`, the boilerplate model, the annotation store) and keeps
only view state: which section, which row, which filters.
"""

from __future__ import annotations

import gc
from typing import ClassVar

from rich.cells import cell_len
from rich.console import Group
from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Footer, Input, LoadingIndicator, Static

from compare.boilerplate import load_default_model
from compare.comparison.results import Comparison
from compare.errors import ReportError
from compare.parsing.cleaning import strip_controls
from compare.parsing.document import Document
from compare.terminal.grids import table_grids
from compare.tui.rows import Position, ReviewRows, heading_of, relation_label
from compare.tui.screens.annotate import AnnotateScreen
from compare.tui.screens.dialogs import InfoScreen, keys_table, legend_text
from compare.tui.screens.pin import PinScreen
from compare.tui.search import Hit, search
from compare.tui.session import DEFAULT_LABELS, Session, compare, labels, open_session
from compare.tui.widgets.annotations_panel import AnnotationsPanel
from compare.tui.widgets.line import Line
from compare.tui.widgets.pair_view import LEFT_TEXT_X, SEPARATOR, PairView
from compare.tui.widgets.section_list import SectionList, fit

CHORD_SECONDS = 1.5


def document_label(doc: Document) -> str:
    """How the app names a report: agency, year, kind (or its title, or its file)."""
    parts = [doc.agency, str(doc.year) if doc.year else "", doc.kind]
    label = " ".join(p for p in parts if p) or doc.title or doc.stem
    return strip_controls(label)


class ReviewScreen(Screen[None]):
    class OpenOther(Message):
        """The reviewer asked for two other reports (`o`): the app shows the open screen."""

    BINDINGS: ClassVar[list[Binding]] = [
        # first, so the footer shows it at any width (the footer scrolls for the rest)
        Binding("question_mark", "help", "Help", id="review.help",
                tooltip="Every key, and the legend"),
        Binding("n", "change(1)", "Next change", id="review.next-change",
                tooltip="Go to the next substantive change (also ]c)"),
        Binding("N", "change(-1)", "Prev change", show=False, id="review.previous-change",
                tooltip="Go to the previous substantive change (also [c)"),
        Binding("right_square_bracket", "chord(']')", "]c next change", show=False,
                id="review.chord-next", tooltip="]c: next substantive change"),
        Binding("left_square_bracket", "chord('[')", "[c previous change", show=False,
                id="review.chord-previous", tooltip="[c: previous substantive change"),
        Binding("c", "chord_end", show=False, id="review.chord-end"),
        Binding("tab", "section(1)", "Section", id="review.next-section",
                tooltip="Show the next section pair (shift+tab: the previous one)"),
        Binding("shift+tab", "section(-1)", "Prev section", show=False,
                id="review.previous-section",
                tooltip="Show the previous section pair"),
        Binding("i", "toggle_hide", "Hide", id="review.hide",
                tooltip="Hide (or show again) boilerplate and unchanged sentences"),
        # priority: the keys typed right after / must find the search box already focused
        Binding("slash", "search", "Search", id="review.search", priority=True,
                tooltip="Find text in both reports (either script)"),
        Binding("full_stop", "match(1)", "Next match", id="review.next-match",
                tooltip="Go to the next search match"),
        Binding("comma", "match(-1)", "Prev match", id="review.previous-match",
                tooltip="Go to the previous search match"),
        Binding("t", "toggle_script", "Script", show=False, id="review.script",
                tooltip="Show the reports in their original script or in simplified characters"),
        Binding("W", "toggle_wrap", "Wrap", show=False, id="review.wrap",
                tooltip="Wrap long sentences (on) or cut them to one line (off)"),
        Binding("a", "annotate", "Annotate", id="review.annotate",
                tooltip="Annotate the selected span, or the sentence under the cursor"),
        Binding("A", "toggle_annotations", "Notes", id="review.annotations",
                tooltip="Show or hide the list of annotations"),
        Binding("w", "why", "Why?", id="review.why",
                tooltip="Why the sentence under the cursor is boilerplate or substantive"),
        Binding("p", "pin", "Pin", id="review.pin",
                tooltip="Pin this section to a section of the other report, and re-align"),
        Binding("P", "unpin", "Unpin", show=False, id="review.unpin",
                tooltip="Remove this section's pin, and re-align"),
        Binding("s", "focus_sections", "Sections", show=False, id="review.sections",
                tooltip="Move the focus to the section list (enter shows a section)"),
        Binding("b", "toggle_sections", "Sidebar", show=False, id="review.sidebar",
                tooltip="Hide the section list (more room for the reports), or show it"),
        Binding("T", "tables", "Tables", show=False, id="review.tables",
                tooltip="The reports' tables side by side, cell by cell (a changed count: old → new)"),
        Binding("L", "legend", "Legend", show=False, id="review.legend",
                tooltip="What the colours and gutter symbols mean"),
        Binding("o", "open", "Open", show=False, id="review.open",
                tooltip="Choose two other reports"),
        Binding("escape", "escape", show=False, id="review.escape"),
    ]

    def __init__(self, left_path: str, right_path: str, annotations: str | None = None,
                 reviewer: str | None = None) -> None:
        super().__init__()
        self.left_path = left_path
        self.right_path = right_path
        self.annotations_path = annotations
        self.reviewer = reviewer
        self.session: Session | None = None
        self.rows: ReviewRows | None = None
        self.labels: dict[str, dict[int, object]] | None = None  # side → start → SentenceLabel
        self.section = 0
        self.hide = False
        self.simplified = False
        self.search_query = ""
        self.hits: list[Hit] = []
        self.hit_positions: list[tuple[Position, Hit]] = []
        self.hit_index = -1
        self._chord: str | None = None
        self._chord_timer: Timer | None = None

    # -- layout ----------------------------------------------------------------------------
    def compose(self) -> ComposeResult:
        yield Static(Text("Opening the reports…"), id="title", markup=False)
        with Horizontal(id="body"):
            yield SectionList(id="sections")
            with Vertical(id="main"):
                with Horizontal(id="progress"):
                    yield LoadingIndicator()
                    yield Line(id="progress-text")
                yield Line(id="status")
                yield Line(id="columns")
                yield PairView(id="pairs")
                yield AnnotationsPanel(id="annotations")
                yield Input(placeholder="search both reports (enter: go; escape: close)",
                            id="search")
        yield Footer(compact=True)

    @property
    def pair_view(self) -> PairView:
        return self.query_one(PairView)

    @property
    def section_list(self) -> SectionList:
        return self.query_one(SectionList)

    @property
    def panel(self) -> AnnotationsPanel:
        return self.query_one(AnnotationsPanel)

    def on_mount(self) -> None:
        self.pair_view.focus()
        self._busy("Reading the reports…")
        self.call_after_refresh(self._start)  # paint the screen first, then start the work

    def _start(self) -> None:
        # jieba's dictionary (a second of pure Python) is not loaded alongside: the comparison
        # does not need it, and a second thread would only take the GIL from the alignment.
        # The word spans and the labels load it once the comparison is on screen.
        self._load()

    def _busy(self, message: str) -> None:
        """Show what the workers are doing (a small indicator: a big one costs CPU)."""
        self.query_one("#progress").display = True
        self.query_one("#progress-text", Line).update(Text(message))

    def _idle(self) -> None:
        self.query_one("#progress").display = False

    # -- loading (thread workers) ----------------------------------------------------------
    @work(thread=True, exclusive=True, group="load")
    def _load(self) -> None:
        try:
            session = open_session(self.left_path, self.right_path, self.annotations_path,
                                   self.reviewer)
            self.app.call_from_thread(self._opened, session)
            self.app.call_from_thread(self._busy, "Aligning sections and sentences…")
            comparison = compare(session)
        except ReportError as err:
            self.app.call_from_thread(self._failed, err)
            return
        self.app.call_from_thread(self._compared, comparison)
        self.app.call_from_thread(self._busy, "Labelling boilerplate…")
        self._classify(session)
        self.app.call_from_thread(self._idle)

    def _classify(self, session: Session) -> None:
        """Label every sentence boilerplate or substantive (in the loading worker's thread)."""
        try:
            model = load_default_model()
            labels = {
                side: {label.start: label for label in model.classify(doc)}
                for side, doc in (("left", session.left), ("right", session.right))
            }
        except ReportError as err:
            self.app.call_from_thread(
                self.notify, f"No boilerplate labels: {err.path}: {err.message}",
                severity="warning", markup=False,
            )
            return
        self.app.call_from_thread(self._labelled, labels)

    @work(thread=True, exclusive=True, group="align")
    def _realign(self) -> None:
        assert self.session is not None
        try:
            comparison = compare(self.session)
        except ReportError as err:
            self.app.call_from_thread(self._failed, err)
            return
        self.app.call_from_thread(self._compared, comparison)

    def _failed(self, err: ReportError) -> None:
        self.app.fail(err)

    def _opened(self, session: Session) -> None:
        self.session = session
        left, right = session.left, session.right
        title = Text(end="")
        title.append(document_label(left), style="bold")
        title.append("  <->  ")
        title.append(document_label(right), style="bold")
        self.query_one("#title", Static).update(title)
        self.pair_view.set_documents(left, right)
        self._update_columns()
        store = session.store
        if session.redirected:
            self.notify(session.redirected, severity="warning", timeout=10, markup=False)
        elif store.read_only:
            self.notify(f"Annotations are read-only: {store.problem}", severity="error",
                        timeout=10, markup=False)
        self._refresh_annotations()

    def _compared(self, comparison: Comparison) -> None:
        assert self.session is not None
        current = self._current_ids()
        self.rows = ReviewRows(comparison, self._is_boilerplate)
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
        if self.search_query:
            self._run_search(self.search_query)

    def _labelled(self, labels: dict[str, dict[int, object]]) -> None:
        self.labels = labels
        # The reports, their comparison, the labels and jieba's dictionary live as long as
        # the session: freezing them keeps the collector's full passes from scanning them
        # (on 200,000-character reports such a pass paused the keys for a tenth of a second).
        gc.freeze()
        if self.rows is None or self.session is None:
            return
        cursor = self.pair_view.cursor_row
        self.rows = ReviewRows(self.rows.comparison, self._is_boilerplate)
        self.section_list.populate(self.rows, self.session.left, self.session.right,
                                   hide_boilerplate=self.hide, simplified=self.simplified,
                                   pins=set(self.session.store.pins))
        self._show_section(self.section, cursor)

    def _is_boilerplate(self, side: str, sentence) -> bool:
        if self.labels is None:
            return False
        label = self.labels[side].get(sentence.start)
        return bool(label is not None and label.is_boilerplate)

    # -- showing a section -----------------------------------------------------------------
    def _current_ids(self) -> list[tuple[str, str]] | None:
        if self.rows is None or not self.rows.diffs:
            return None
        diff = self.rows.diffs[min(self.section, len(self.rows.diffs) - 1)]
        return [(s, i) for s, i in (("left", diff.left_id), ("right", diff.right_id)) if i]

    def _section_for(self, side: str, section_id: str | None) -> int | None:
        """The section pair showing `section_id` of `side`, or the pair of its nearest parent."""
        assert self.rows is not None and self.session is not None
        doc = self.session.left if side == "left" else self.session.right
        while section_id is not None:
            found = self.rows.section_of(side, section_id)
            if found is not None:
                return found
            try:
                section_id = doc.section(section_id).parent_id
            except KeyError:
                return None
        return None

    def _show_section(self, index: int, cursor_row: int | None = None) -> None:
        if self.rows is None or not self.rows.diffs:
            return
        index = max(0, min(index, len(self.rows.diffs) - 1))
        self.section = index
        rows = self.rows.sections[index]
        self.pair_view.show(self.rows.diffs[index], rows, self.rows.visible(index, self.hide),
                            cursor_row)
        self._fill_spans(index)
        if self.section_list.highlighted != index:
            self.section_list.highlighted = index
        self._update_status()

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
                self.app.call_from_thread(self._spans_filled, index)

    def _spans_filled(self, index: int) -> None:
        if self.section == index:
            self.pair_view.restyle()

    @on(SectionList.OptionHighlighted, "#sections")
    def _section_highlighted(self, event: SectionList.OptionHighlighted) -> None:
        # only the reviewer's own moves in the list: the echo of `_show_section` setting the
        # highlight arrives late, and would pull the view back after quick keys (n n n)
        if not self.section_list.has_focus:
            return
        if event.option_index != self.section and self.rows is not None:
            self._show_section(event.option_index)

    @on(SectionList.OptionSelected, "#sections")
    def _section_selected(self, event: SectionList.OptionSelected) -> None:
        self._show_section(event.option_index)
        self.pair_view.focus()

    @on(PairView.CursorMoved)
    def _cursor_moved(self) -> None:
        self._update_status()

    @on(PairView.ColumnsChanged)
    def _update_columns(self) -> None:
        """The report names above each column of the pair view."""
        layout = self.pair_view.layout
        if self.session is None or layout is None:
            return
        column = layout.column
        line = Text(" " * LEFT_TEXT_X, end="")
        left = fit(document_label(self.session.left), column)
        line.append(left, style="bold")
        line.append(" " * (column - cell_len(left) + SEPARATOR + 2))
        line.append(fit(document_label(self.session.right), column), style="bold")
        self.query_one("#columns", Line).update(line)

    def _update_status(self) -> None:
        if self.rows is None or self.session is None:
            return
        diff = self.rows.diffs[self.section]
        text = Text(end="")
        text.append(f"section {self.section + 1}/{len(self.rows.diffs)}  ", style="bold")
        text.append(relation_label(diff.relation))
        if diff.left_id and diff.right_id:
            text.append(f" {diff.score:.2f}")
        if (diff.left_id, diff.right_id) in set(self.session.store.pins):
            text.append("  pinned", style="bold")
        total = len(self.rows.changes(self.hide))
        number = self.rows.change_number(Position(self.section, self.pair_view.cursor_row or 0),
                                         self.hide)
        text.append("   |   ")
        if number is not None:
            text.append(f"change {number}/{total}", style="bold")
        else:
            text.append(f"change -/{total}")
        modes = []
        if self.hide:
            modes.append("boilerplate+unchanged hidden")
        elif self.labels is None:
            modes.append("labelling boilerplate…")
        if self.simplified:
            modes.append("simplified")
        if not self.pair_view.wrap:
            modes.append("no wrap")
        if self.pair_view.selection is not None:
            side, start, end = self.pair_view.selection
            modes.append(f"selected {end - start} chars ({side})")
        if self.search_query:
            at = f"{self.hit_index + 1}/" if self.hit_index >= 0 else ""
            modes.append(f"search {strip_controls(self.search_query)!r}: {at}{len(self.hits)}")
        if modes:
            text.append("   |   " + "  ·  ".join(modes))
        self.query_one("#status", Line).update(text)

    @on(PairView.SelectionChanged)
    def _selection_changed(self) -> None:
        self._update_status()

    # -- keys ------------------------------------------------------------------------------
    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "search":  # a / typed into a text box is a /
            return not isinstance(self.focused, Input) and self.app.screen is self
        if action == "match":
            return bool(self.hits)
        if action == "chord_end":
            return self._chord is not None
        if action == "escape":
            return (self.query_one("#search", Input).display or bool(self.search_query)
                    or self.panel.display
                    or self.pair_view.selection is not None or not self.pair_view.has_focus)
        return True

    def _still_loading(self) -> bool:
        if self.rows is None:
            self.notify("Still comparing the reports…", markup=False, timeout=2)
            return True
        return False

    def action_change(self, direction: int) -> None:
        if self._still_loading():
            return
        changes = self.rows.changes(self.hide)
        if not changes:
            self.notify("No substantive changes.", markup=False)
            return
        here = (self.section, self.pair_view.cursor_row or 0)
        if direction > 0:
            after = [p for p in changes if (p.section, p.row) > here]
            target = after[0] if after else changes[0]
            wrapped = not after
        else:
            before = [p for p in changes if (p.section, p.row) < here]
            target = before[-1] if before else changes[-1]
            wrapped = not before
        if wrapped:
            self.notify("Wrapped around to the " + ("first" if direction > 0 else "last")
                        + " change.", markup=False, timeout=2)
        self._go(target)

    def _go(self, position: Position, side: str | None = None) -> None:
        if position.section != self.section:
            self._show_section(position.section, position.row)
        else:
            self.pair_view.move_to(position.row)
        if side is not None:
            self.pair_view.action_side(side)
        row = self.rows.sections[position.section][position.row] if self.rows else None
        if side is None and row is not None and row.sentence(self.pair_view.side) is None:
            self.pair_view.action_side("right" if self.pair_view.side == "left" else "left")
        self._update_status()

    def action_chord(self, prefix: str) -> None:
        self._chord = prefix
        if self._chord_timer is not None:
            self._chord_timer.stop()
        self._chord_timer = self.set_timer(CHORD_SECONDS, self._chord_expired)

    def _chord_expired(self) -> None:
        self._chord = None

    def action_chord_end(self) -> None:
        prefix, self._chord = self._chord, None
        if prefix == "]":
            self.action_change(1)
        elif prefix == "[":
            self.action_change(-1)

    def action_section(self, direction: int) -> None:
        if not self._still_loading() and self.rows.diffs:
            self._show_section((self.section + direction) % len(self.rows.diffs))
            self.pair_view.focus()

    def action_toggle_hide(self) -> None:
        if self.rows is None:
            return
        self.hide = not self.hide
        self.pair_view.set_filter(self.rows.visible(self.section, self.hide))
        self.section_list.update_state(hide_boilerplate=self.hide)
        if self.hide and self.labels is None:
            self.notify("Boilerplate labels are still being computed: hiding unchanged "
                        "sentences for now.", markup=False, timeout=3)
        self._update_status()

    def action_toggle_script(self) -> None:
        self.simplified = not self.simplified
        self.pair_view.set_simplified(self.simplified)
        self.section_list.update_state(simplified=self.simplified)
        self._update_status()

    def action_toggle_wrap(self) -> None:
        self.pair_view.set_wrap(not self.pair_view.wrap)
        self._update_status()

    def action_focus_sections(self) -> None:
        self.section_list.display = True
        self.section_list.focus()

    def action_toggle_sections(self) -> None:
        self.section_list.display = not self.section_list.display
        if not self.section_list.display:
            self.pair_view.focus()

    def action_escape(self) -> None:
        bar = self.query_one("#search", Input)
        if bar.display:
            bar.display = False
        elif self.panel.display:  # escape closes any panel
            self.panel.display = False
        elif self.pair_view.selection is not None:
            self.pair_view.action_clear_selection()
        elif self.search_query and self.pair_view.has_focus:
            self._clear_search()
        self.pair_view.focus()

    # -- search ----------------------------------------------------------------------------
    def action_search(self) -> None:
        bar = self.query_one("#search", Input)
        bar.display = True
        bar.value = self.search_query
        self.set_focus(bar)  # at once: `focus()` waits a turn, and typed keys would miss it

    @on(Input.Changed, "#search")
    def _search_typed(self, event: Input.Changed) -> None:
        self._run_search(event.value)

    @on(Input.Submitted, "#search")
    def _search_submitted(self, event: Input.Submitted) -> None:
        bar = self.query_one("#search", Input)
        bar.display = False
        self.pair_view.focus()
        if event.value != self.search_query:
            self._run_search(event.value)
        if self.hits:
            self.hit_index = -1
            self.action_match(1)
        elif self.search_query:
            self.notify(f"Not found in either report: {self.search_query}", markup=False)

    def _run_search(self, query: str) -> None:
        if self.session is None or self.rows is None:
            return
        self.search_query = query
        self.hits = search(self.session.left, self.session.right, query) if query.strip() else []
        positions = []
        for hit in self.hits:
            position = self.rows.locate(hit.side, hit.start)
            if position is None:  # in a heading: the heading row of its section
                doc = self.session.left if hit.side == "left" else self.session.right
                section = doc.section_at(hit.start)
                found = self._section_for(hit.side, section.id) if section else None
                if found is None:
                    continue
                position = Position(found, 0)
            positions.append((position, hit))
        positions.sort(key=lambda ph: (ph[0].section, ph[0].row, ph[1].side != "left",
                                       ph[1].start))
        self.hit_positions = positions
        self.hit_index = -1
        self.pair_view.set_hits({
            side: [(h.start, h.end) for h in self.hits if h.side == side]
            for side in ("left", "right")
        })
        self.refresh_bindings()
        self._update_status()

    def _clear_search(self) -> None:
        self.search_query = ""
        self.hits = []
        self.hit_positions = []
        self.hit_index = -1
        self.pair_view.set_hits({"left": [], "right": []})
        self.refresh_bindings()
        self._update_status()

    def action_match(self, direction: int) -> None:
        if not self.hit_positions:
            return
        n = len(self.hit_positions)
        here = (self.section, self.pair_view.cursor_row or 0)
        if 0 <= self.hit_index < n and (self.hit_positions[self.hit_index][0].section,
                                        self.hit_positions[self.hit_index][0].row) == here:
            index = (self.hit_index + direction) % n
        elif direction > 0:
            index = next((i for i, (p, _) in enumerate(self.hit_positions)
                          if (p.section, p.row) >= here), 0)
        else:
            index = next((i for i in range(n - 1, -1, -1)
                          if (self.hit_positions[i][0].section,
                              self.hit_positions[i][0].row) < here), n - 1)
        self.hit_index = index
        position, hit = self.hit_positions[index]
        if self.hide and position.row not in self.rows.visible(position.section, True):
            self.action_toggle_hide()  # a match in hidden text: show everything again
        self._go(position, hit.side)

    # -- annotations -----------------------------------------------------------------------
    def _refresh_annotations(self) -> None:
        if self.session is None:
            return
        store = self.session.store
        self.pair_view.set_marks({
            side: [(a.anchors[side].start, a.anchors[side].end) for a in store.on(side)]
            for side in ("left", "right")
        })
        self.panel.populate(store.annotations)

    def action_annotate(self) -> None:
        if self.session is None:
            return
        target = self.pair_view.target()
        if target is None:
            self.notify("Put the cursor on a sentence (or select a span) first.", markup=False)
            return
        side, start, end = target
        doc = self.session.left if side == "left" else self.session.right
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

        def done(edit) -> None:
            if edit is None:
                return
            spans = {side: (edit.start, edit.end)}
            if edit.both and counterpart is not None:
                spans[other_side] = (counterpart.start, counterpart.end)
            try:
                if len(spans) == 2:
                    self.session.store.add("both", *spans["left"], label=edit.label,
                                           comment=edit.comment, right_span=spans["right"])
                else:
                    self.session.store.add(side, edit.start, edit.end, label=edit.label,
                                           comment=edit.comment)
            except ReportError as err:
                self.notify(f"Not saved: {err.path}: {err.message}", severity="error",
                            markup=False, timeout=10)
                return
            self.pair_view.action_clear_selection()
            self._refresh_annotations()
            self.notify(f"Annotation saved to {self.session.store.path}", markup=False,
                        timeout=3)

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

    def _store_call(self, method, *args, **kwargs) -> None:
        try:
            method(*args, **kwargs)
        except ReportError as err:
            self.notify(f"Not saved: {err.path}: {err.message}", severity="error", markup=False,
                        timeout=10)
        self._refresh_annotations()

    def _jump_to(self, annotation) -> None:
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

    def _edit(self, annotation) -> None:
        store = self.session.store
        side = "left" if "left" in annotation.anchors else "right"
        anchor = annotation.anchors[side]
        try:
            offered = labels(store)
        except ReportError:
            offered = list(DEFAULT_LABELS)

        def done(edit) -> None:
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

    # -- pins ------------------------------------------------------------------------------
    def action_pin(self) -> None:
        if self.rows is None or self.session is None:
            return
        diff = self.rows.diffs[self.section]
        if diff.left_id is not None:
            left_id = diff.left_id
            title = heading_of(self.session.left, left_id)
            heading = f"Pin left {fit(strip_controls(title), 40)} to…"

            def done(right_id: str | None) -> None:
                if right_id is not None:
                    self._pin(left_id, right_id)

            self.app.push_screen(PinScreen(heading, self.session.right, diff.right_id), done)
        else:
            right_id = diff.right_id
            title = heading_of(self.session.right, right_id)
            heading = f"Pin right {fit(strip_controls(title), 40)} to the left section…"

            def done_left(left_id: str | None) -> None:
                if left_id is not None:
                    self._pin(left_id, right_id)

            self.app.push_screen(PinScreen(heading, self.session.left, None), done_left)

    def _pin(self, left_id: str, right_id: str) -> None:
        assert self.session is not None
        store = self.session.store
        for pinned_left, pinned_right in store.pins:  # one pin per left section
            if pinned_left == left_id and pinned_right != right_id:
                self._store_call(store.unpin, left_id, pinned_right)
        self._store_call(store.pin, left_id, right_id)
        self.notify(f"Pinned left {left_id} to right {right_id}; re-aligning…", markup=False,
                    timeout=3)
        self._busy("Re-aligning around the pins…")
        self._realign()

    def action_unpin(self) -> None:
        if self.rows is None or self.session is None:
            return
        diff = self.rows.diffs[self.section]
        pinned = set(self.session.store.pins)
        if diff.left_id is None or (diff.left_id, diff.right_id) not in pinned:
            self.notify("This section pair is not pinned.", markup=False)
            return
        self._store_call(self.session.store.unpin, diff.left_id, diff.right_id)
        self.notify("Unpinned; re-aligning…", markup=False, timeout=3)
        self._busy("Re-aligning around the pins…")
        self._realign()

    # -- information -----------------------------------------------------------------------
    def action_why(self) -> None:
        if self.session is None:
            return
        side = self.pair_view.side
        sentence = self.pair_view.current_sentence()
        if sentence is None:
            side, sentence = self._sentence_below()
        if sentence is None:
            self.notify("This section has no sentences (only its heading).", markup=False)
            return
        if self.labels is None:
            self.notify("Boilerplate labels are still being computed.", markup=False)
            return
        label = self.labels[side].get(sentence.start)
        if label is None:
            self.notify("This sentence has no boilerplate label.", markup=False)
            return
        body = Text()
        body.append(strip_controls(sentence.text) + "\n\n", style="italic")
        for i, line in enumerate(label.explain()):
            body.append(strip_controls(line) + "\n", style="bold" if i == 0 else "")
        body.rstrip()
        self.app.push_screen(InfoScreen("Why?", body, id="why"))

    def _sentence_below(self) -> tuple[str, object]:
        """On a heading (where tab lands): the first sentence below it, on the cursor's side
        if it has one, else on the other; (side, None) when the section has none."""
        side = self.pair_view.side
        if self.rows is None or self.pair_view.cursor_row is None:
            return side, None
        rows = self.rows.sections[self.section]
        below = [i for i in self.rows.visible(self.section, self.hide)
                 if i > self.pair_view.cursor_row]
        for s in (side, "right" if side == "left" else "left"):
            for index in below:
                if rows[index].sentence(s) is not None:
                    return s, rows[index].sentence(s)
        return side, None

    def key_rows(self) -> list[tuple[str, str, str]]:
        """(keys, description, tooltip) of every binding of this screen and the pair view."""
        rows: list[tuple[str, str, str]] = []
        seen: set[str] = set()
        for bindings in (self.BINDINGS, PairView.BINDINGS, AnnotationsPanel.BINDINGS,
                         self.app.BINDINGS):
            for binding in bindings:
                if not isinstance(binding, Binding) or not binding.description:
                    continue
                if binding.id in seen:
                    continue
                seen.add(binding.id or binding.action)
                keys = ", ".join(self.app.get_key_display(Binding(k, binding.action))
                                 for k in binding.key.split(","))
                rows.append((keys, binding.description, binding.tooltip))
        return rows

    def legend_samples(self) -> list[tuple[Text, str]]:
        view = self.pair_view

        def sample(text: str, *names: str) -> Text:
            style = view.rich_style
            for name in names:
                style += view.span_style(name)
            return Text(text, style=style)

        return [
            (sample(" 深入贯彻 ", "boilerplate"), "boilerplate (dimmed; i hides it)"),
            (sample(" + 新增 ", "added"), "sentence added (right side)"),
            (sample(" - 删去 ", "removed"), "sentence removed (left side)"),
            (sample(" ! 改写 ", "rewritten"), "sentence rewritten"),
            (sample(" > 移动 ", "moved"), "sentence moved here from elsewhere"),
            (sample(" ~ 改词 ", "word-added"), "words added in a reworded sentence"),
            (sample(" ~ 删词 ", "word-removed"), "words removed in a reworded sentence"),
            (sample(" # 6.5% ", "figure"), "figure changed (old -> new under the row)"),
            (sample(" 批注 ", "annotated"), "annotated span (* in the gutter)"),
            (sample(" 查找 ", "match"), "search match"),
            (sample(" 选中 ", "selection"), "selected span (a annotates it)"),
            (sample("      ", "gap"), "no counterpart on this side"),
        ]

    def action_tables(self) -> None:
        if self.rows is None:
            self.notify("The comparison is still being computed.", markup=False)
            return
        grids = table_grids(self.rows.comparison)
        body = Group(*grids[1:]) if grids else Text("Neither report has a table.")
        self.app.push_screen(InfoScreen("Tables", body, id="tables"))

    def action_legend(self) -> None:
        self.app.push_screen(InfoScreen("Legend", legend_text(self.legend_samples()),
                                        id="legend"))

    def action_help(self) -> None:
        body = Group(keys_table(self.key_rows()), Text(""), Text("Legend", style="bold"),
                     legend_text(self.legend_samples()))
        self.app.push_screen(InfoScreen("Keys", body, id="help"))

    def action_open(self) -> None:
        self.post_message(self.OpenOther())
