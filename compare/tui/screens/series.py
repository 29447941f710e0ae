"""One body's reports across the years: section timeline, indicator plots, commitments.

Opened with `compare-reports review --series DIR|FILE…` or with `S` on a report in the
picker. The series (`compare.series.build.build_series`) is built in a worker thread, pair
comparisons reused from the batch parse cache. Three tabs:

- Sections: each chapter's lineage, one column per year (■ present, · absent), vanished ones
  marked; the chapter names give way (ellipsised, down to `MIN_CHAPTER` cells) so that the
  years and the timeline stay on screen (49 years at 100 columns);
- Indicators: each followed quantity; `p` (or enter) plots its history in the terminal
  (plotext);
- Commitments: each plan item with its status in the next year's review (the column
  "reported": with figures, in general, dropped); `m` opens the pair where it was made (the
  year before → its year), at the plan item, `r` the pair where it was (or was not)
  reported (its year → the next), at the review sentence (at the plan item when none
  reports it), `a` / `x` accept or reject the status (saved as an annotation of that pair).
  Escape in that pair comes back here.
"""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.message import Message
from textual.screen import Screen
from textual.widgets import DataTable, Static, TabbedContent, TabPane

from compare.batch.cache import ParseCache, default_cache_dir
from compare.errors import ReportError
from compare.parsing.cleaning import strip_controls
from compare.series.build import build_series
from compare.series.indicators import shown_name, whole_name
from compare.series.judgements import Verdict, judge
from compare.series.lineages import latest_first
from compare.series.values import magnitude, runs, value_axis, value_range
from compare.terminal.wrap import cells, clip
from compare.tui.widgets.footer import KeysFooter

MIN_CHAPTER = 12  # cells of a chapter name kept however narrow the screen
STATUS_STYLE = {"reported_figures": "green", "reported_general": "yellow", "dropped": "red"}


def timeline_label(years: list[int]) -> str:
    """The timeline column's header: its first and last year at its two ends ('1996   2001',
    one cell a year), or '96–01' when the years are too few for both in full (user test s25b:
    the column had no years)."""
    if len(years) >= 9:
        return f"{years[0]}{' ' * (len(years) - 8)}{years[-1]}"
    return f"{years[0] % 100:02d}–{years[-1] % 100:02d}"


def plot_text(name: str, years: list[int], values: list[float], width: int, height: int,
              unit: str = "", series_years: list[int] | None = None) -> Text:
    """An indicator's history as a terminal plot (plotext), as rich Text: values written in
    their magnitude (1.55 万亿元, not 1550000000000.0), no line across a year of the series
    (`series_years`) that states none."""
    import plotext as plt  # deferred: only when a plot is asked for

    factor, scale = magnitude(max((abs(v) for v in values), default=0.0))
    plt.clf()
    plt.plotsize(max(width, 30), max(height, 8))
    plt.theme("clear")
    for run in runs(series_years or years, years):
        plt.plot([years[k] for k in run], [values[k] / factor for k in run], marker="dot", color="blue")
    plt.xticks(years if len(years) <= 12 else years[:: max(len(years) // 8, 1)])
    if values:
        plt.ylim(*(v / factor for v in value_range(values, values)))  # small moves drawn small
    shown_unit = f"{scale}{unit}"
    plt.title(strip_controls(f"{name} ({shown_unit})" if shown_unit else name))
    return Text.from_ansi(plt.build())


TITLE_NOTES = 3  # notes under the title (its height is 5 lines); all of them in the Notes tab


class SeriesScreen(Screen[None]):
    class OpenPair(Message):
        """The reviewer asks for two reports of the series side by side: the app opens them."""

        def __init__(self, left: str, right: str, at: tuple[str, int] | None = None) -> None:
            super().__init__()
            self.left = left  # path of the earlier report
            self.right = right
            self.at = at  # (side, offset of the sentence) to open the pair at

    class Progress(Message):
        """The series being built has compared `done` of its `total` pairs of years (posted by
        the building thread; the title shows it until the series is shown)."""

        def __init__(self, done: int, total: int) -> None:
            super().__init__()
            self.done = done
            self.total = total

    BINDINGS: ClassVar[list[Binding]] = [
        Binding("1", "tab('sections')", "Sections", id="series.sections", tooltip="The chapters across the years"),
        Binding("2", "tab('indicators')", "Indicators", id="series.indicators",
                tooltip="The quantities followed across the years"),
        Binding("3", "tab('commitments')", "Commitments", id="series.commitments",
                tooltip="Plan items and what the next year's review says of them"),
        Binding("4", "tab('notes')", "Notes", id="series.notes",
                tooltip="Every note on the series: missing years, which file stands for a year, files left out"),
        Binding("p", "plot", "Plot", id="series.plot", tooltip="Plot the highlighted indicator's history"),
        Binding("m", "made", "Where made", id="series.made",
                tooltip="Open the pair of reports where the highlighted commitment was made"),
        Binding("r", "reported", "Where reported", id="series.reported",
                tooltip="Open the pair where the commitment was (or was not) reported"),
        Binding("a", "accept", "Accept", id="series.accept", tooltip="Accept the commitment's status"),
        Binding("x", "reject", "Reject", id="series.reject", tooltip="Reject the commitment's status"),
        Binding("escape", "back", "Back", id="series.back", tooltip="Back to the previous screen"),
    ]

    TABS = ("sections", "indicators", "commitments", "notes")
    SHORT_LABELS: ClassVar[dict[str, str]] = {
        "tab('sections')": "Secs", "tab('indicators')": "Ind", "tab('commitments')": "Com",
        "made": "Made", "reported": "Reported",
    }

    DEFAULT_CSS = """
    SeriesScreen #series-title { height: auto; max-height: 5; padding: 0 1; background: $boost; }
    SeriesScreen TabbedContent { height: 1fr; }
    SeriesScreen TabPane { height: 1fr; padding: 0; }
    SeriesScreen DataTable { height: 1fr; }
    SeriesScreen #plot { height: auto; max-height: 60%; }
    """

    def __init__(self, inputs: list[str], body: str | None = None, annotations: str | None = None,
                 reviewer: str | None = None) -> None:
        super().__init__()
        self.inputs = inputs
        self.body = body
        self.annotations = annotations or "annotations"
        self.reviewer = reviewer
        self.series = None
        self.building = True  # until the series is shown or its error is

    def compose(self) -> ComposeResult:
        yield Static(Text("Building the series: each pair of years compared once, then kept in the cache…"),
                     id="series-title", markup=False)
        with TabbedContent(id="tabs"):
            with TabPane("Sections", id="tab-sections"):
                yield DataTable(id="series-sections", cursor_type="row", zebra_stripes=True)
            with TabPane("Indicators", id="tab-indicators"):
                yield DataTable(id="series-indicators", cursor_type="row", zebra_stripes=True)
                yield Static(Text(""), id="plot", markup=False)
            with TabPane("Commitments", id="tab-commitments"):
                yield DataTable(id="series-commitments", cursor_type="row", zebra_stripes=True)
            with TabPane("Notes", id="tab-notes"):
                yield DataTable(id="series-notes", cursor_type="row", zebra_stripes=True)
        # fitted to its width as the review's (at 80 columns it was cut after `r Where`, with
        # accept, reject and escape off screen): short labels, then the tab keys leave first
        # (the tabs above name them), never escape
        yield KeysFooter(compact=True, short=self.SHORT_LABELS,
                         spare=tuple(f"tab('{name}')" for name in self.TABS), essential=frozenset({"back"}))

    def on_mount(self) -> None:
        self._build()

    @work(thread=True, exclusive=True, group="series")
    def _build(self) -> None:
        try:
            with ParseCache(default_cache_dir()) as cache:
                # in this process: worker processes started from inside the app would inherit
                # the terminal's file descriptors
                series = build_series(self.inputs, self.body, cache=cache, jobs=1, annotations=self.annotations,
                                      on_pair=lambda done, total: self.post_message(self.Progress(done, total)))
        except ReportError as err:
            self.app.call_from_thread(self._failed, err)
            return
        self.app.call_from_thread(self._show, series)

    @on(Progress)
    def _progress(self, event: Progress) -> None:
        if not self.building:  # the series or its error is shown: a late message says nothing new
            return
        self.query_one("#series-title", Static).update(Text(
            f"Building the series: comparing {event.done}/{event.total} pairs of years "
            "(each once, then kept in the cache)…"))

    def _failed(self, err: ReportError) -> None:
        self.building = False
        self.query_one("#series-title", Static).update(Text(strip_controls(f"{err.path}: {err.message}"), style="red"))

    def _show(self, series) -> None:
        self.building = False
        self.series = series
        years = series.years
        title = Text(strip_controls(f"{series.body}  {years[0]}–{years[-1]}  ({len(years)} reports)"), style="bold")
        # a missing year, which file stands for a year, a report left out: what the tables do
        # not show. The title has room for a few; the Notes tab (4) lists them all.
        for note in series.notes[:TITLE_NOTES]:
            title.append(strip_controls(f"\nnote: {note}"), style="italic")
        if len(series.notes) > TITLE_NOTES:
            title.append(f"\n… {len(series.notes) - TITLE_NOTES} more notes: press 4", style="italic")
        self.query_one("#series-title", Static).update(title)
        notes = self.query_one("#series-notes", DataTable)
        notes.add_column("note")
        for note in series.notes:
            notes.add_row(Text(strip_controls(note)))
        if not series.notes:  # an empty table would look unfinished
            notes.add_row(Text("no notes: no year missing, no report left out", style="dim"))
        sections = self.query_one("#series-sections", DataTable)
        sections.add_column("chapter", key="chapter")
        sections.add_column("years", key="years")
        sections.add_column(timeline_label(years), key="timeline")
        self._fill_sections()
        indicators = self.query_one("#series-indicators", DataTable)
        indicators.add_columns("indicator", "kind", "unit", "years", "latest")
        for n, ind in enumerate(series.indicators):
            last = ind.values[-1]
            indicators.add_row(Text(strip_controls(shown_name(ind))), ind.kind.value, ind.unit or "—",
                               str(len(ind.values)), Text(strip_controls(f"{last.of_year}: {last.written}")),
                               key=str(n))
        commitments = self.query_one("#series-commitments", DataTable)
        commitments.add_columns("year", "reported", "score")
        commitments.add_column("verdict", width=8)
        commitments.add_column("plan item")
        for n, c in enumerate(series.commitments):
            commitments.add_row(str(c.year), Text(c.status.short, style=STATUS_STYLE[c.status.value]),
                                f"{c.score:.2f}", c.verdict or "", Text(strip_controls(c.text)), key=str(n))
        sections.focus()

    def _fill_sections(self) -> None:
        """The chapters' rows, names cut to what the screen leaves beside the years and the
        timeline (one cell per year)."""
        if self.series is None:
            return
        table = self.query_one("#series-sections", DataTable)
        years = self.series.years
        rows = []
        for lin in latest_first(self.series.lineages, lambda lin: (lin.first_year, lin.last_year),
                                lambda lin: lin.steps[-1].section_id):
            if lin.level != 1:
                continue
            present = {s.year for s in lin.steps}
            line = "".join("■" if y in present else "·" for y in years)
            span = f"{lin.first_year}–{lin.last_year}" + (" vanished" if lin.vanished else "")
            rows.append((strip_controls(lin.heading), span, line, lin.vanished, lin.id))
        span_width = max([cells(r[1]) for r in rows] + [len("years")])
        line_width = max(len(years), cells(timeline_label(years)))
        need = max([cells(r[0]) for r in rows] + [len("chapter")])
        width = table.size.width or self.size.width
        room = width - 2 * 3 - 2 - span_width - line_width  # cell padding, scroll bar
        chapter = max(min(need, room), MIN_CHAPTER)
        for column, w in zip(table.columns.values(), (chapter, span_width, line_width)):
            column.auto_width = False
            column.width = w
        cursor = table.cursor_row
        table.clear()
        for heading, span, line, vanished, key in rows:
            table.add_row(Text(clip(heading, chapter), no_wrap=True),
                          Text(span, style="red" if vanished else ""), Text(line), key=key)
        if rows:
            table.move_cursor(row=min(cursor, len(rows) - 1))

    def on_resize(self) -> None:
        self.call_after_refresh(self._fill_sections)  # the table's width after the layout

    def action_tab(self, name: str) -> None:
        self.query_one("#tabs", TabbedContent).active = f"tab-{name}"
        self.query_one(f"#series-{name}", DataTable).focus()

    # -- indicators ---------------------------------------------------------------------------
    @on(DataTable.RowSelected, "#series-indicators")
    def _indicator_chosen(self) -> None:
        self.action_plot()

    @on(DataTable.RowHighlighted, "#series-indicators")
    def _indicator_highlighted(self, event: DataTable.RowHighlighted) -> None:
        """The highlighted indicator's name (its words before the cut, when `…` marks one) and
        the sentence of its latest value, in the table's tooltip: what it measures."""
        if self.series is None or not 0 <= event.cursor_row < len(self.series.indicators):
            return
        ind = self.series.indicators[event.cursor_row]
        last = ind.values[-1]
        event.data_table.tooltip = strip_controls(f"{whole_name(ind) or ind.name} ({ind.kind.value})\n"
                                                  f"{last.year}: {clip(last.text, 400)}")

    def action_plot(self) -> None:
        if self.series is None or not self.series.indicators:
            return
        table = self.query_one("#series-indicators", DataTable)
        self.query_one("#tabs", TabbedContent).active = "tab-indicators"
        ind = self.series.indicators[table.cursor_row]
        width = max(self.size.width - 4, 30)
        stated = [v.of_year for v in ind.values]
        plot = plot_text(f"{shown_name(ind)} ({ind.kind.value})", stated,
                         [v.value for v in ind.values], width, max(self.size.height // 3, 8),
                         unit=ind.unit, series_years=value_axis(self.series.years, stated))
        self.query_one("#plot", Static).update(plot)

    # -- commitments --------------------------------------------------------------------------
    def _commitment(self):
        if self.series is None or not self.series.commitments:
            return None
        if self.query_one("#tabs", TabbedContent).active != "tab-commitments":
            self.notify("Choose a commitment in the Commitments tab first.", markup=False)
            return None
        return self.series.commitments[self.query_one("#series-commitments", DataTable).cursor_row]

    def _open_pair(self, left_year: int, right_year: int, side: str, sentence_id: str) -> None:
        """Ask for the pair of `left_year` and `right_year`, opened at the sentence
        `sentence_id` of `side`'s report."""
        docs = {d.year: d for d in self.series.documents}
        if left_year not in docs or right_year not in docs:
            self.notify(f"No report of {left_year if left_year not in docs else right_year} in this series.",
                        markup=False)
            return
        doc = docs[left_year if side == "left" else right_year]
        start = next((s.start for s in doc.sentences() if s.id == sentence_id), None)
        at = (side, start) if start is not None else None
        self.post_message(self.OpenPair(str(docs[left_year].path), str(docs[right_year].path), at))

    def action_made(self) -> None:
        c = self._commitment()
        if c is not None:
            years = [y for y in self.series.years if y < c.year]
            if not years:  # the series starts with it: the pair it opens, at the plan item
                self._open_pair(c.year, c.review_year, "left", c.sentence_id)
                return
            self._open_pair(years[-1], c.year, "right", c.sentence_id)

    def action_reported(self) -> None:
        c = self._commitment()
        if c is not None:
            if c.evidence_id is not None:
                self._open_pair(c.year, c.review_year, "right", c.evidence_id)
            else:  # nothing reports it: the plan item itself
                self._open_pair(c.year, c.review_year, "left", c.sentence_id)

    def _verdict(self, accepted: bool) -> None:
        c = self._commitment()
        if c is None:
            return
        docs = {d.year: d for d in self.series.documents}
        verdict = Verdict.ACCEPTED if accepted else Verdict.REJECTED
        try:
            judge(c, verdict, docs[c.year], docs[c.review_year], self.annotations, reviewer=self.reviewer)
        except ReportError as err:
            self.notify(strip_controls(f"{err.path}: {err.message}"), severity="error", markup=False)
            return
        c.verdict = verdict.value
        table = self.query_one("#series-commitments", DataTable)
        table.update_cell_at((table.cursor_row, 3), verdict.value)

    def action_accept(self) -> None:
        self._verdict(True)

    def action_reject(self) -> None:
        self._verdict(False)

    def action_back(self) -> None:
        if len(self.app.screen_stack) > 2:
            self.app.pop_screen()
