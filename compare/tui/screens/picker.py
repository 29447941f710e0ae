"""Choose two reports from the corpus: agency, year, kind; filter by typing.

Enter on a report takes it as the left (older) report, enter on a second as the right one,
and the review opens. Typing filters the list. After the first choice the cursor moves to
the same agency's next year, the usual comparison.
"""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Input, Static
from textual.widgets.data_table import RowDoesNotExist

from compare.parsing.cleaning import strip_controls
from compare.parsing.corpus import CorpusEntry, list_reports
from compare.errors import ReportError
from compare.parsing.normalise import simplify


class PickerScreen(Screen[None]):
    BINDINGS: ClassVar[list[Binding]] = [
        Binding("slash", "filter", "Filter", id="picker.filter",
                tooltip="Type to filter reports by agency, year, kind or file"),
        Binding("escape", "back", "Back", id="picker.back",
                tooltip="Forget the first choice, or clear the filter"),
        Binding("S", "series", "Series", id="picker.series",
                tooltip="The highlighted report's body across the years: sections, indicators, commitments"),
    ]

    DEFAULT_CSS = """
    PickerScreen #prompt { height: 1; padding: 0 1; background: $boost; }
    PickerScreen DataTable { height: 1fr; }
    """

    def __init__(self, folder=None, annotations: str | None = None,
                 reviewer: str | None = None) -> None:
        super().__init__()
        self.folder = folder
        self.annotations = annotations
        self.reviewer = reviewer
        self.entries: list[CorpusEntry] = []
        self.first: CorpusEntry | None = None
        self._filled_with: str | None = None

    def compose(self) -> ComposeResult:
        yield Static(Text(""), id="prompt", markup=False)
        yield Input(placeholder="filter: agency, year, kind, file", id="filter")
        yield DataTable(id="reports", cursor_type="row", zebra_stripes=True)
        yield Footer()

    def on_mount(self) -> None:
        try:
            self.entries = list_reports(self.folder)
        except ReportError as err:
            self.app.fail(err)
            return
        table = self.query_one(DataTable)
        table.add_columns("agency", "year", "kind", "file")
        self._fill("")
        self._prompt()
        table.focus()

    def _prompt(self) -> None:
        text = Text(end="")
        if self.first is None:
            text.append("Choose the LEFT report (usually the older): ", style="bold")
            text.append("enter to choose, / to filter")
        else:
            text.append("Left: ", style="bold")
            text.append(strip_controls(self.first.label or self.first.path.name))
            text.append("   Now choose the RIGHT report (escape: choose the left again)",
                        style="bold")
        self.query_one("#prompt", Static).update(text)

    def _fill(self, query: str) -> None:
        self._filled_with = query
        needle = simplify(query.strip()).lower()
        table = self.query_one(DataTable)
        table.clear()
        for entry in self.entries:
            cells = [entry.agency, str(entry.year or ""), entry.kind, entry.path.name]
            if needle and not any(needle in simplify(c).lower() for c in cells):
                continue
            table.add_row(*(Text(strip_controls(c)) for c in cells), key=str(entry.path))

    @on(Input.Changed, "#filter")
    def _filtered(self, event: Input.Changed) -> None:
        if event.value != self._filled_with:
            self._fill(event.value)

    @on(Input.Submitted, "#filter")
    def _filter_done(self) -> None:
        self.query_one(DataTable).focus()

    def on_key(self, event) -> None:
        """Typing on the list filters it (no need to press / first)."""
        table = self.query_one(DataTable)
        if table.has_focus and event.is_printable and event.character not in ("/", "q", " ", "S"):
            box = self.query_one("#filter", Input)
            box.value += event.character
            box.cursor_position = len(box.value)
            box.focus()
            event.stop()

    def action_series(self) -> None:
        table = self.query_one(DataTable)
        if not table.row_count:
            return
        path = table.coordinate_to_cell_key((table.cursor_row, 0)).row_key.value
        entry = next(e for e in self.entries if str(e.path) == path)
        from compare.parsing.corpus import corpus_dir
        from compare.tui.screens.series import SeriesScreen

        folder = str(self.folder or corpus_dir())
        self.app.push_screen(SeriesScreen([folder], entry.agency, None, self.reviewer))

    def action_filter(self) -> None:
        self.query_one("#filter", Input).focus()

    def action_back(self) -> None:
        if self.first is not None:
            self.first = None
            self._prompt()
        else:
            self.query_one("#filter", Input).value = ""
        self.query_one(DataTable).focus()

    @on(DataTable.RowSelected)
    def _chosen(self, event: DataTable.RowSelected) -> None:
        path = event.row_key.value
        entry = next(e for e in self.entries if str(e.path) == path)
        if self.first is None:
            self.first = entry
            self._prompt()
            self.query_one("#filter", Input).value = ""
            self._fill("")
            self._suggest_next(entry)
            self.query_one(DataTable).focus()
            return
        if entry.path == self.first.path:
            self.notify("Choose a different report for the right side.", markup=False)
            return
        from compare.tui.screens.review import ReviewScreen

        self.app.switch_screen(ReviewScreen(str(self.first.path), str(entry.path),
                                            self.annotations, self.reviewer))

    def _suggest_next(self, entry: CorpusEntry) -> None:
        """Move the cursor to the same agency's next report, the usual right-hand side."""
        later = [
            e for e in self.entries
            if e.agency == entry.agency and e.kind == entry.kind and e.year and entry.year
            and e.year > entry.year
        ]
        if not later:
            return
        target = min(later, key=lambda e: e.year)
        table = self.query_one(DataTable)
        try:
            table.move_cursor(row=table.get_row_index(str(target.path)))
        except RowDoesNotExist:  # filtered out of the table: leave the cursor where it is
            pass
