"""`ReviewApp`: the one Textual app of compare-reports.

It opens the review of two reports, the series screen of one body's reports (`series`), or
the open screen (any folder) when none are given, and switches between them when a screen
asks: the picker has chosen two reports (`PickerScreen.Chosen`) or a body's series
(`PickerScreen.SeriesChosen`), the series screen a pair (`SeriesScreen.OpenPair`), the
reviewer asks for other reports (`ReviewScreen.OpenOther`); the screens only say so. Bad input
given on the command line (a report that does not parse, a missing corpus) ends the app with
the error kept in `error`, which the `review` command prints as its usual one-line message; a
report chosen in the app that cannot be read is said in a notification, and the app goes back
to the screen it was chosen from (the open screen, the series).
"""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from textual import on
from textual.app import App
from textual.binding import Binding

from compare.errors import ReportError
from compare.tui.screens.dialogs import NameScreen
from compare.tui.screens.picker import PickerScreen
from compare.tui.screens.review import ReviewScreen
from compare.tui.screens.review.annotating import SAVE_GROUP
from compare.tui.screens.series import SeriesScreen


class ReviewApp(App[int]):
    CSS_PATH = Path(__file__).with_name("app.tcss")  # absolute: subclasses live elsewhere
    TITLE = "compare-reports"
    ENABLE_COMMAND_PALETTE = False

    BINDINGS: ClassVar[list[Binding]] = [
        Binding("q", "quit", "Quit", id="app.quit",
                tooltip="Leave the app (annotations are saved as you make them)"),
    ]

    def __init__(
        self,
        left: str | None = None,
        right: str | None = None,
        *,
        annotations: str | None = None,
        reviewer: str | None = None,
        corpus: str | None = None,
        series: list[str] | None = None,
        body: str | None = None,
        ask_reviewer: bool = False,
        root: str | None = None,
    ) -> None:
        super().__init__()
        self.left = left
        self.right = right
        self.annotations = annotations
        self.reviewer = reviewer
        self.corpus = corpus
        self.series = series
        self.body = body
        self.ask_reviewer = ask_reviewer  # served to a browser: the page's user names themself
        self.root = root  # served: the open screen stays inside this folder
        self.error: ReportError | None = None
        self._quit_asked = False  # q pressed once with unsaved annotations
        self._given: ReviewScreen | None = None  # the review of the reports on the command line

    async def action_quit(self) -> None:
        """Quit once running saves end; with annotations not saved, the first q says so and a
        second q quits."""
        saving = [w for w in self.workers if w.group == SAVE_GROUP and not w.is_finished]
        if saving:
            await self.workers.wait_for_complete(saving)
        unsaved = [s.session.store for s in self.screen_stack
                   if isinstance(s, ReviewScreen) and s.session is not None and s.session.store.unsaved]
        if unsaved and not self._quit_asked:
            self._quit_asked = True
            self.notify(f"Annotations not saved ({unsaved[0].path}): E saves them elsewhere, "
                        "q again quits without them.", severity="warning", timeout=15, markup=False)
            return
        self.exit()

    def on_mount(self) -> None:
        if self.ask_reviewer:
            def named(name: str | None) -> None:
                self.reviewer = name or self.reviewer
                self.sub_title = f"reviewer: {self.reviewer}"
                self._start()

            self.push_screen(NameScreen(self.reviewer or ""), named)
        else:
            self._start()

    def _start(self) -> None:
        if self.series:
            self.push_screen(SeriesScreen(self.series, self.body, self.annotations, self.reviewer))
        elif self.left and self.right:
            self._given = self.open_review(self.left, self.right)
        else:
            self.open_picker()

    def open_picker(self) -> None:
        """The open screen over whatever is showing; escape there comes back to it. It opens
        on the folder asked for (`--corpus`), else the folder of the later report showing."""
        folder = self.corpus
        if folder is None and isinstance(self.screen, ReviewScreen):
            folder = str(Path(self.screen.right_path).resolve().parent)
        self.push_screen(PickerScreen(folder, root=self.root))

    @on(PickerScreen.Chosen)
    def _review(self, event: PickerScreen.Chosen) -> None:
        """The picker has both reports: it goes, and their review replaces the one under it."""
        self.pop_screen()
        self.open_review(event.left, event.right)

    @on(PickerScreen.SeriesChosen)
    def _series(self, event: PickerScreen.SeriesChosen) -> None:
        """The picker asks for one body's reports across the years."""
        self.push_screen(SeriesScreen([event.folder], event.body, None, self.reviewer))

    @on(ReviewScreen.OpenSeries)
    def _review_series(self, event: ReviewScreen.OpenSeries) -> None:
        """The review asks for its body's reports across the years (`S`): the two reports
        shown stand for their years (named before the folder), not another file of that year."""
        self.push_screen(SeriesScreen([*event.reports, event.folder], event.body, None, self.reviewer))

    @on(SeriesScreen.OpenPair)
    def _review_pair(self, event: SeriesScreen.OpenPair) -> None:
        """The series screen asks for two of its reports side by side."""
        self.push_screen(ReviewScreen(event.left, event.right, None, self.reviewer, at=event.at))

    @on(ReviewScreen.OpenOther)
    def _pick(self) -> None:
        """The reviewer wants two other reports."""
        self.open_picker()

    def open_review(self, left: str, right: str) -> ReviewScreen:
        """Review `left` and `right`, in place of the review showing, if any. The annotation
        file asked for (`--annotations`) is used only when it belongs to that pair."""
        screen = ReviewScreen(left, right, self.annotations, self.reviewer)
        if isinstance(self.screen, ReviewScreen):
            self.switch_screen(screen)
        else:
            self.push_screen(screen)
        return screen

    def fail(self, error: ReportError, screen: ReviewScreen | None = None) -> None:
        """Bad input. Given on the command line (or `screen` unknown): end the app, and the
        command prints the error and exits 2. A review chosen in the app (`screen`): say so
        in a notification and go back to where it was chosen (the open screen, the series),
        the session going on."""
        if screen is None or screen is self._given:
            self.error = error
            self.exit(2, return_code=2)
            return
        self.notify(f"{error.path}: {error.message}", title="Cannot open this report",
                    severity="error", timeout=10, markup=False)
        if self.screen is screen:
            self.pop_screen()
        if len(self.screen_stack) == 1:  # nothing under it but the empty default screen
            self.open_picker()
