"""Open two reports from any folder: a directory tree with shortcuts, the folder's reports.

Left: shortcuts (the bundled corpus, recent folders, home) above a tree of folders; enter on
a folder lists its reports. Right: the reports with agency, year and kind as the manifest or
the reports themselves say (parsed in a worker, cached), sorted by agency then year. Typing
filters the list (every word must match a column) and one enter takes the highlighted
report; after the first report its previous year is offered first, then its next year, and the
second completes the pair (the older one on the left). A report that cannot be read (binary,
damaged) is listed with its problem and cannot be chosen. `S` (a key the filter never needs:
it matches without case) opens the highlighted report's series, even while typing a filter.
Escape clears the filter, forgets the first choice, then goes back to the review it came from.
The screen says `Chosen(left, right)` when the pair is complete and dismisses itself when the
reviewer goes back; the app switches screens. A folder path typed in the filter box (`/…`,
`~/…`, `./…`, `../…`) and enter lists that folder.

With a `root` (`compare-reports serve`: each browser page runs this screen on the server), the
shortcuts, the tree, the parent key and any typed path stay inside the root, symlinks resolved:
a folder outside is refused with a message and a symlink pointing outside is not listed.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import ClassVar, Iterable

from rich.cells import cell_len
from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.screen import Screen
from textual.widgets import DataTable, DirectoryTree, Footer, Input, OptionList, Static
from textual.widgets.option_list import Option

from compare.errors import ReportError
from compare.parsing.cleaning import strip_controls
from compare.parsing.corpus import corpus_dir
from compare.parsing.normalise import simplify
from compare.tui.folders import (
    Report,
    describe,
    from_manifest,
    neighbour_years,
    recent_folders,
    remember_folder,
    report_files,
    within,
)
from compare.terminal.wrap import clip

REFRESH_EVERY = 16  # reports described between two refreshes of the list
PATH_STARTS = ("/", "~", "./", "../")  # what typed in the filter box is a folder's path


class FolderTree(DirectoryTree):
    """Folders only (no hidden ones): reports are listed beside the tree; backspace climbs
    to the parent folder."""

    BINDINGS: ClassVar[list[Binding]] = [
        Binding("backspace", "up", "Parent folder", id="picker.parent",
                tooltip="Show the folder above this tree's top folder"),
    ]

    def __init__(self, path: Path, *, root: Path | None = None, id: str | None = None) -> None:
        self.confined_to = root  # folders outside it are neither shown nor climbed to
        super().__init__(path, id=id)

    def action_up(self) -> None:
        parent = Path(self.path).resolve().parent
        if parent == Path(self.path).resolve():
            return
        if not within(parent, self.confined_to):
            self.notify("This is the top of the folders served here.", markup=False)
            return
        self.path = parent

    def filter_paths(self, paths: Iterable[Path]) -> Iterable[Path]:
        return [p for p in paths if not p.name.startswith(".") and _is_dir(p)
                and within(p, self.confined_to)]

    def render_label(self, node, base_style, style) -> Text:  # type: ignore[no-untyped-def]
        if node is self.root:  # the root's label is its whole path: keep the end of it
            return Text(short_path(Path(self.path)), style=style)
        return super().render_label(node, base_style, style)


class FilterBox(Input):
    """The filter. It leaves `S` to the screen (the series), except in a folder's path: the
    filter matches without case, so an S typed in it would change nothing."""

    def check_consume_key(self, key: str, character: str | None) -> bool:
        if character == "S" and not self.value.startswith(PATH_STARTS):
            return False
        return super().check_consume_key(key, character)


def short_path(path: Path) -> str:
    """The last two parts of a folder's path (`…/tests/data`): what tells folders apart."""
    parts = path.parts
    return str(path) if len(parts) <= 3 else "…/" + "/".join(parts[-2:])


def _current_folder() -> list[Path]:
    """The folder the app was started in ([] when it no longer exists)."""
    try:
        return [Path.cwd()]
    except OSError:
        return []


def _has_reports(folder: Path) -> bool:
    try:
        return bool(report_files(folder))
    except ReportError:
        return False


def _is_dir(path: Path) -> bool:
    try:
        return path.is_dir()
    except OSError:
        return False


class PickerScreen(Screen[None]):
    class Chosen(Message):
        """Both reports are chosen: the app opens their review."""

        def __init__(self, left: str, right: str) -> None:
            super().__init__()
            self.left = left  # path of the left (older) report
            self.right = right

    class SeriesChosen(Message):
        """The reviewer asks for the highlighted report's body across the years."""

        def __init__(self, folder: str, body: str) -> None:
            super().__init__()
            self.folder = folder  # the folder the series is drawn from
            self.body = body  # the agency whose reports make the series

    BINDINGS: ClassVar[list[Binding]] = [
        Binding("slash", "filter", "Filter", id="picker.filter",
                tooltip="Type to filter reports by agency, year, kind or file"),
        Binding("f", "folders", "Folders", id="picker.folders",
                tooltip="Move to the folder tree (enter on a folder lists its reports)"),
        Binding("escape", "back", "Back", id="picker.back",
                tooltip="Clear the filter, forget the first choice, or go back"),
        # priority: S works while the filter box has focus (FilterBox leaves it; a folder's
        # path typed in the box still gets its S)
        Binding("S", "series", "Series", id="picker.series", priority=True,
                tooltip="The highlighted report's body across the years: sections, indicators, commitments"),
    ]

    DEFAULT_CSS = """
    PickerScreen #prompt { height: 1; padding: 0 1; background: $boost; }
    PickerScreen #picker-body { height: 1fr; }
    PickerScreen #places { width: 30%; min-width: 22; max-width: 44; height: 1fr;
                           border-right: tall $panel; }
    PickerScreen #shortcuts { height: auto; max-height: 8; border: none; }
    PickerScreen #tree { height: 1fr; }
    PickerScreen #folder { height: 1; padding: 0 1; color: $text-muted; }
    PickerScreen #reports { height: 1fr; }
    """

    def __init__(self, folder: str | Path | None = None, root: str | Path | None = None) -> None:
        super().__init__()
        self.root = Path(root).resolve() if root is not None else None
        recent = [p for p in recent_folders() if within(p, self.root)]
        here = [p for p in _current_folder() if root is None and _has_reports(p)]
        # the folder asked for, else the one the user started in when it holds reports,
        # else the last one reports were opened from, else the bundled corpus
        start = Path(folder) if folder else (here + recent + [corpus_dir()])[0]
        self.folder = start if within(start, self.root) else (self.root or start)
        self.reports: list[Report] = []
        self.first: Report | None = None
        self._filled_with: str | None = None

    def compose(self) -> ComposeResult:
        yield Static(Text(""), id="prompt", markup=False)
        with Horizontal(id="picker-body"):
            with Vertical(id="places"):
                yield OptionList(*self._shortcuts(), id="shortcuts")
                yield FolderTree(self._tree_root(), root=self.root, id="tree")
            with Vertical():
                yield Static(Text(""), id="folder", markup=False)
                yield FilterBox(placeholder="filter: agency, year, kind, file (enter: open)",
                            select_on_focus=False,  # typing on the list keeps its first key
                            id="filter")
                yield DataTable(id="reports", cursor_type="row", zebra_stripes=True)
        yield Footer(compact=True)

    def _shortcuts(self) -> list[Option]:
        places = [("Served folder", self.root)] if self.root is not None else []
        places += [("Bundled corpus", corpus_dir())]
        recent = recent_folders()
        names = Counter(p.name for p in recent)
        # two recent folders of one name (corpus of two clones) are told apart by their parent
        places += [(f"Recent: {strip_controls(p.name if names[p.name] == 1 else f'{p.parent.name}/{p.name}')}", p)
                   for p in recent]
        places += [("Home", Path.home()), ("Current folder", Path.cwd())]
        seen: set[str] = set()
        options = []
        for name, path in places:
            if str(path) not in seen and _is_dir(path) and within(path, self.root):
                seen.add(str(path))
                options.append(Option(Text(name), id=str(path)))
        return options

    def _tree_root(self) -> Path:
        parent = self.folder.resolve().parent
        return parent if _is_dir(parent) and within(parent, self.root) else self.folder

    @property
    def table(self) -> DataTable:
        return self.query_one("#reports", DataTable)

    def on_mount(self) -> None:
        self.table.add_column("agency", key="agency")
        self.table.add_column("year", key="year")
        self.table.add_column("kind", key="kind")
        self.table.add_column("file", key="file")
        self._prompt()
        self.show_folder(self.folder)
        self.table.focus()

    # -- the folder ------------------------------------------------------------------------
    def show_folder(self, folder: Path) -> None:
        """List `folder`'s reports: what the manifest says at once, the rest from a worker.
        A folder outside the root is refused with a message."""
        if not within(folder, self.root):
            self.notify(f"{strip_controls(str(folder))}: outside the folder served here "
                        f"({strip_controls(str(self.root))})", severity="error", markup=False)
            return
        try:
            files = report_files(folder, self.root)
        except ReportError as err:
            self.notify(f"{err.path}: {err.message}", severity="error", markup=False)
            return
        self.folder = folder
        self.reports = sorted((from_manifest(p) for p in files), key=Report.sort_key)
        count = f"{len(files)} reports" if files else "no reports here: choose a folder on the left"
        shown = strip_controls(short_path(folder))
        self.query_one("#folder", Static).update(Text(f"{shown} · {count}"))
        self._fill(self.query_one("#filter", Input).value)
        unknown = [r.path for r in self.reports if not r.known]
        if unknown:
            self._describe(folder, unknown)

    @work(thread=True, exclusive=True, group="describe")
    def _describe(self, folder: Path, paths: list[Path]) -> None:
        found: list[Report] = []
        for report in describe(paths):
            found.append(report)
            if len(found) % REFRESH_EVERY == 0 or len(found) == len(paths):
                self.app.call_from_thread(self._described, folder, list(found))

    def _described(self, folder: Path, found: list[Report]) -> None:
        if folder != self.folder:
            return  # the reviewer moved on to another folder
        by_path = {r.path: r for r in found}
        self.reports = sorted((by_path.get(r.path, r) for r in self.reports), key=Report.sort_key)
        self._fill(self.query_one("#filter", Input).value, keep_cursor=True)

    @on(DirectoryTree.DirectorySelected, "#tree")
    def _folder_chosen(self, event: DirectoryTree.DirectorySelected) -> None:
        self.show_folder(event.path)

    @on(OptionList.OptionSelected, "#shortcuts")
    def _shortcut_chosen(self, event: OptionList.OptionSelected) -> None:
        folder = Path(event.option.id or "")
        tree = self.query_one(FolderTree)
        tree.path = folder
        self.show_folder(folder)
        self.table.focus()

    # -- the list --------------------------------------------------------------------------
    def _prompt(self) -> None:
        text = Text(end="")
        if self.first is None:
            text.append("Open a report: ", style="bold")
            text.append("type to filter, enter to choose, f: other folders")
        else:
            text.append("Compare ", style="bold")
            text.append(strip_controls(self.first.label))
            text.append(" with: ", style="bold")
            text.append("the year before first, then the year after (esc: choose again)")
        self.query_one("#prompt", Static).update(text)

    def _ordered(self) -> list[Report]:
        """The reports in list order: after a first choice, its previous year comes first,
        then its next year."""
        if self.first is None:
            return self.reports
        offers = neighbour_years(self.first, self.reports)
        rest = [r for r in self.reports if r.path != self.first.path and r not in offers]
        return offers + rest

    def _fill(self, query: str, keep_cursor: bool = False) -> None:
        self._filled_with = query
        words = simplify(query).lower().split()
        table = self.table
        current = self._cursor_path() if keep_cursor else None
        table.clear()
        rows = []
        for report in self._ordered():
            cells = [report.agency or ("…" if not report.known else ""),
                     str(report.year or ""), report.kind or report.problem, report.path.name]
            seen = [simplify(c).lower() for c in cells]
            if not all(any(word in c for c in seen) for word in words):
                continue  # every word of the filter is in some column
            rows.append((cells, str(report.path)))
        widths = self._fit_columns([cells for cells, _ in rows])
        for cells, key in rows:
            shown = [strip_controls(c) for c in cells]
            if widths:
                shown = [clip(c, w) for c, w in zip(shown, widths)]
            table.add_row(*(Text(c, no_wrap=True, overflow="ellipsis") for c in shown), key=key)
        if current is not None:
            try:
                table.move_cursor(row=table.get_row_index(current))
            except Exception:  # filtered out: the cursor stays at the top
                pass

    def _fit_columns(self, rows: list[list[str]]) -> list[int] | None:
        """Column widths (terminal cells) that show every file name whole when the table is
        narrow: the file and year columns keep their width; kind gives up its width down to
        12 cells (政府工作报告), then agency down to 8, then kind down to 8 (ellipsised).
        None before the table is laid out."""
        table = self.table
        need = [max([cell_len(strip_controls(c[k])) for c in rows] + [cell_len(name)])
                for k, name in enumerate(("agency", "year", "kind", "file"))]
        if not table.size.width:
            return None  # not laid out yet: on_resize fits the columns
        room = table.size.width - 2 * len(need) - 2  # cell padding, scroll bar
        widths = list(need)
        for k, floor in ((2, 12), (0, 8), (2, 8)):  # kind to 12 (政府工作报告), agency, kind
            excess = sum(widths) - room
            if excess > 0:
                widths[k] = max(min(floor, widths[k]), widths[k] - excess)
        for column, width in zip(table.columns.values(), widths):
            column.auto_width = False
            column.width = width
        table.refresh()
        return widths

    def on_resize(self) -> None:
        # the table's own width is known after the layout that follows the resize
        self.call_after_refresh(self._refit)

    def _refit(self) -> None:
        if self.reports and self._filled_with is not None:
            self._fill(self._filled_with, keep_cursor=True)

    def _cursor_path(self) -> str | None:
        table = self.table
        if not table.row_count:
            return None
        return table.coordinate_to_cell_key((table.cursor_row, 0)).row_key.value

    @on(Input.Changed, "#filter")
    def _filtered(self, event: Input.Changed) -> None:
        if event.value != self._filled_with:
            self._fill(event.value)

    @on(Input.Submitted, "#filter")
    def _filter_done(self) -> None:
        """One enter: the highlighted report (the first that matches) is taken; a folder's
        path typed in the box lists that folder."""
        box = self.query_one("#filter", Input)
        if box.value.startswith(PATH_STARTS):
            self._typed_folder(box.value)
            return
        path = self._cursor_path()
        if path is None:
            self.notify("No report matches the filter.", markup=False)
            return
        self._choose(path)

    def _typed_folder(self, typed: str) -> None:
        folder = Path(typed).expanduser()
        if not folder.is_absolute():
            folder = self.folder / folder
        if not within(folder, self.root):
            self.show_folder(folder)  # refused, with the message
            return
        if not _is_dir(folder):
            self.notify(f"{strip_controls(typed)}: no such folder", severity="error", markup=False)
            return
        self.query_one("#filter", Input).value = ""
        self.query_one(FolderTree).path = folder.resolve()
        self.show_folder(folder.resolve())
        self.table.focus()

    def on_key(self, event) -> None:
        """Typing on the list filters it; up and down in the filter move in the list. Once a
        filter is being typed, every key goes to it, space included (keys typed in a burst
        arrive before the box has taken the focus)."""
        table = self.table
        box = self.query_one("#filter", Input)
        if box.has_focus and event.key in ("up", "down", "pageup", "pagedown"):
            {"up": table.action_cursor_up, "down": table.action_cursor_down,
             "pageup": table.action_page_up, "pagedown": table.action_page_down}[event.key]()
            event.stop()
        elif (table.has_focus and event.is_printable and event.character
              and (box.value or event.character not in ("/", "q", " ", "f"))):
            box.value += event.character
            box.cursor_position = len(box.value)
            box.focus()
            event.stop()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "series":  # S typed in a folder's path is an S
            return not self.query_one("#filter", Input).value.startswith(PATH_STARTS)
        return True

    def action_series(self) -> None:
        path = self._cursor_path()
        report = next((r for r in self.reports if str(r.path) == path), None)
        if report is None:
            return
        if not report.agency:  # unreadable, or still being described
            self.notify(f"{report.path.name}: no agency known, so no series to show.", markup=False)
            return
        self.post_message(self.SeriesChosen(str(self.folder), report.agency))

    def action_filter(self) -> None:
        self.query_one("#filter", Input).focus()

    def action_folders(self) -> None:
        self.query_one(FolderTree).focus()

    def action_back(self) -> None:
        box = self.query_one("#filter", Input)
        if box.value:
            box.value = ""
        elif self.first is not None:
            self.first = None
            self._prompt()
            self._fill("")
        elif len(self.app.screen_stack) > 2:  # the default screen, a review, this one
            self.dismiss()
            return
        else:
            self.notify("Nothing to go back to (q quits).", markup=False)
        self.table.focus()

    @on(DataTable.RowSelected, "#reports")
    def _row_chosen(self, event: DataTable.RowSelected) -> None:
        self._choose(event.row_key.value)

    def _choose(self, path: str | None) -> None:
        report = next((r for r in self.reports if str(r.path) == path), None)
        if report is None:
            return
        if report.problem:
            self.notify(f"{report.path.name}: {report.problem}. Choose another report.",
                        severity="error", markup=False)
            return
        if self.first is None:
            self.first = report
            self._prompt()
            self.query_one("#filter", Input).value = ""
            self._fill("")
            self.table.move_cursor(row=0)
            self.table.focus()
            return
        if report.path == self.first.path:
            self.notify("Choose a different report for the other side.", markup=False)
            return
        first, second = self.first, report
        left, right = (second, first) if (second.year or 0) < (first.year or 0) else (first, second)
        for folder in dict.fromkeys((left.path.parent, right.path.parent)):
            remember_folder(folder)
        self.post_message(self.Chosen(str(left.path), str(right.path)))
