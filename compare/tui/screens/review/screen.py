"""`ReviewScreen`: the review of two reports, built from its parts (see the package docstring).

This module holds what belongs to the screen as a whole: the layout, the keys (bindings,
which apply when), escape, the help, the legend and "why?", and the wishes for other reports
and for this body's series, which the app answers (`OpenOther`, `OpenSeries`).
"""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from rich.console import Group
from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.widgets import Input, LoadingIndicator, Static

from compare.comparison.results import ChangeKind
from compare.parsing.cleaning import strip_controls
from compare.parsing.document import Sentence
from compare.presentation.view import KIND_MARK, PINNED_MARK, ROLE_MEANINGS, SINCE_MARK, SINCE_SHOWN, TABLE_MARK
from compare.terminal.grids import table_grids
from compare.tui.screens.dialogs import InfoScreen, keys_table, legend_text
from compare.tui.screens.review.annotating import Annotating
from compare.tui.screens.review.loading import Loading
from compare.tui.screens.review.navigation import Navigation
from compare.tui.screens.review.pinning import Pinning
from compare.tui.screens.review.searching import Searching
from compare.tui.widgets.annotations_panel import AnnotationsPanel
from compare.tui.widgets.footer import KeysFooter
from compare.tui.widgets.line import Line
from compare.tui.widgets.pair_view import PairView
from compare.tui.widgets.section_list import SectionList


class ReviewScreen(Loading, Searching, Annotating, Pinning, Navigation):
    class OpenOther(Message):
        """The reviewer asked for two other reports (`o`): the app shows the open screen."""

    class OpenSeries(Message):
        """The reviewer asked for this body's reports across the years (`S`, as in the open
        screen): the app shows the series over this review; escape there comes back here."""

        def __init__(self, folder: str, body: str, reports: tuple[str, str]) -> None:
            super().__init__()
            self.folder = folder  # the later report's folder, where the series is drawn from
            self.body = body  # the agency whose reports make the series
            self.reports = reports  # the two reports shown: they stand for their years in it

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
        # S is the series on every screen (the open screen's S too); E saves elsewhere
        Binding("S", "series", "Series", show=False, id="review.series",
                tooltip="This body's reports across the years (the later report's folder)"),
        Binding("E", "save_elsewhere", "Save elsewhere", show=False, id="review.save-elsewhere",
                tooltip="Save the annotations to another file (when they cannot be saved here)"),
        Binding("A", "toggle_annotations", "Notes", id="review.annotations",
                tooltip="Show or hide the list of annotations"),
        Binding("w", "why", "Why?", id="review.why",
                tooltip="Why the sentence under the cursor is boilerplate or substantive"),
        Binding("p", "pin", "Pin", id="review.pin",
                tooltip="Pin this section to a section of the other report, and re-align"),
        Binding("P", "unpin", "Unpin", show=False, id="review.unpin",
                tooltip="Remove this section's pin, and re-align"),
        Binding("m", "pair_sentence", "Pair", show=False, id="review.pair-sentence",
                tooltip="Pair the sentence under the cursor by hand: press m on one report's "
                        "sentence, then on the other report's"),
        Binding("M", "unpair_sentence", "Unpair", show=False, id="review.unpair-sentence",
                tooltip="Remove the hand-made pairing of the sentence under the cursor"),
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
        # first of the two escapes that applies wins (Textual tries a key's bindings in order):
        # back to the screen below when nothing of this one is open, shown in the footer then
        Binding("escape", "back", "Back", id="review.back",
                tooltip="Back to the screen this comparison was opened from (the series)"),
        Binding("escape", "escape", show=False, id="review.escape"),
    ]

    # the footer's labels when the full ones do not fit (80 columns), by action; `j/k Move`
    # leaves the row first, and `?` (every key), escape back and quit never do (`KeysFooter`)
    SHORT_LABELS: ClassVar[dict[str, str]] = {
        "change(1)": "Next", "search": "Find", "match(1)": "Hit+", "match(-1)": "Hit-",
        "annotate": "Note", "why": "Why",
    }

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
        yield KeysFooter(compact=True, short=self.SHORT_LABELS, spare=("cursor(1)",),
                         essential=frozenset({"help", "back", "quit"}))

    # The section list takes 30% of the width, at most 40 columns, or 56 from 180 columns on
    # (whole headings there; below, the reports keep the room).
    WIDE_SCREEN = 180

    def on_resize(self, event: events.Resize) -> None:
        self.section_list.styles.max_width = 56 if event.size.width >= self.WIDE_SCREEN else 40

    def on_screen_resume(self) -> None:
        # back from a dialog (legend, help, annotation): keys it disabled (/) are live again
        self.refresh_bindings()

    def on_mount(self) -> None:
        self.pair_view.focus()
        self._busy("Reading the reports…")
        self.call_after_refresh(self._start)  # paint the screen first, then start the work

    # -- keys ------------------------------------------------------------------------------
    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "search":  # a / typed into a text box is a /
            return not isinstance(self.focused, Input) and self.app.screen is self
        if action == "match":
            return bool(self.hits)
        if action == "chord_end":
            return self._chord is not None
        if action == "escape":
            return self._something_to_close()
        if action == "back":
            return self._opened_over_another() and not self._something_to_close()
        return True

    def _opened_over_another(self) -> bool:
        """Whether this review was opened over another screen (the series, the open screen)
        rather than straight from the command line (the default screen below it)."""
        stack = self.app.screen_stack
        return self in stack and stack.index(self) > 1

    def _something_to_close(self) -> bool:
        """Whether escape has something of this screen to close (a bar, a panel, a selection,
        a search) or the focus to bring back to the reports."""
        return (self.query_one("#search", Input).display or bool(self.search_query)
                or self.panel.display
                or self.pair_view.selection is not None or not self.pair_view.has_focus)

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
        self.refresh_bindings()  # "Back" may apply now

    def action_back(self) -> None:
        """Back to the screen this one was opened over (the series), once loading is done."""
        # let this screen's loading finish first (the app's workers include the open
        # screen's folder tree, whose loader runs as long as the tree)
        if any(w.is_running and w.node is self for w in self.workers):
            self.notify("Still loading this comparison; escape again in a moment.", markup=False, timeout=2)
        else:
            self.app.pop_screen()

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

    def _sentence_below(self) -> tuple[str, Sentence | None]:
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
        """Each mark and colour of the pair view, styled as the rows draw it, with its
        meaning: the marks and their meanings are the view model's (`presentation.view`),
        as the HTML page and `diff` have them."""
        view = self.pair_view

        def sample(text: str, *names: str) -> Text:
            style = view.rich_style
            for name in names:
                style += view.span_style(name)
            return Text(text, style=style)

        def kind(kind: ChangeKind, word: str, style: str | None, note: str = "") -> tuple[Text, str]:
            mark = KIND_MARK[kind]
            return sample(f" {mark.gutter} {word} ", *([style] if style else [])), mark.meaning + note

        return [
            (sample(" 深入贯彻 ", "boilerplate"), "boilerplate (dimmed; i hides it)"),
            kind(ChangeKind.ADDED, "新增", "added", " (right side)"),
            kind(ChangeKind.REMOVED, "删去", "removed", " (left side)"),
            kind(ChangeKind.REWRITTEN, "改写", "rewritten"),
            kind(ChangeKind.MOVED, "移动", "moved", " (here from elsewhere)"),
            kind(ChangeKind.REWORDED, "改词", "word-added", f": {ROLE_MEANINGS['inserted']}"),
            kind(ChangeKind.REWORDED, "删词", "word-removed", f": {ROLE_MEANINGS['deleted']}"),
            kind(ChangeKind.NUMBERS_ONLY, "6.5%", "figure",
                 f": {ROLE_MEANINGS['figure_old']} -> {ROLE_MEANINGS['figure_new']} under the row"),
            kind(ChangeKind.MERGED, "并入", None),
            kind(ChangeKind.SPLIT, "拆出", None),
            (sample(f" {PINNED_MARK.gutter} 配对 ", "mark"), f"{PINNED_MARK.meaning} (m pairs, M unpairs)"),
            (sample(f" {TABLE_MARK.gutter} 表格 ", "mark"),
             "a changed table row: T compares the table cell by cell (n passes it)"),
            *[(sample(f" {SINCE_MARK[history].gutter} 今年 ",
                      "since-new" if history == "new" else "since"),
               f"{SINCE_MARK[history].meaning} against last year (right side; w says why)")
              for history in SINCE_SHOWN],
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

    def action_series(self) -> None:
        if self.session is None:
            self.notify("Still opening the reports…", markup=False, timeout=2)
            return
        later = self.session.right
        body = later.agency or self.session.left.agency
        if not body:
            self.notify(f"{Path(later.path).name}: no agency known, so no series to show.", markup=False)
            return
        self.post_message(self.OpenSeries(str(Path(later.path).resolve().parent), body,
                                          (str(self.session.left.path), str(later.path))))
