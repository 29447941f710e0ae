"""Small modal screens: help (the keys), legend (the colours), why (boilerplate evidence),
one-line questions (`AskScreen`): the reviewer's name (when served to a browser), where to
save annotations that cannot be saved where they belong.

Each shows a rich `Text`/`Table` built from plain strings, so report text is never markup.
"""

from __future__ import annotations

from typing import ClassVar, Iterable

from rich.console import RenderableType
from rich.table import Table
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from compare.parsing.cleaning import strip_controls


class InfoScreen(ModalScreen[None]):
    """A scrollable box of information; any of escape, q or enter closes it."""

    BINDINGS: ClassVar[list[Binding]] = [
        Binding("escape,q,enter", "dismiss", "Close", id="dialog.close",
                tooltip="Close this box"),
    ]

    DEFAULT_CSS = """
    InfoScreen { align: center middle; }
    InfoScreen > VerticalScroll {
        width: 100; max-width: 95%; height: auto; max-height: 90%;
        border: round $accent; background: $panel; padding: 0 1;
    }
    InfoScreen Static { width: 100%; height: auto; }
    """

    def __init__(self, title: str, body: RenderableType, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.box_title = title
        self.body = body

    def compose(self) -> ComposeResult:
        box = VerticalScroll()
        box.border_title = self.box_title
        box.border_subtitle = "escape to close"
        with box:
            yield Static(self.body, markup=False)

    def action_dismiss(self) -> None:  # type: ignore[override]
        self.dismiss(None)


def keys_table(rows: Iterable[tuple[str, str, str]]) -> Table:
    """(key, what it does, more) rows as a table of plain Text cells."""
    table = Table(box=None, show_header=True, header_style="bold", pad_edge=False)
    table.add_column("key", no_wrap=True, style="bold")
    table.add_column("does")
    table.add_column("")
    for key, description, tooltip in rows:
        table.add_row(Text(key), Text(description), Text(tooltip, style="dim"))
    return table


def legend_text(samples: Iterable[tuple[Text, str]]) -> Text:
    """Each sample styled as the pair view styles it, then what it means."""
    samples = list(samples)
    width = max((sample.cell_len for sample, _ in samples), default=0)
    out = Text()
    for sample, meaning in samples:
        out.append_text(sample)
        out.append(" " * (width - sample.cell_len + 2))
        out.append(meaning)
        out.append("\n")
    out.rstrip()
    return out


class AskScreen(ModalScreen[str]):
    """A box that asks for one line of text: a title, a sentence saying why, one input. Enter
    takes what was typed (controls stripped, trimmed; empty is refused with `empty_notice`
    said, or ignored when there is none); escape cancels with "" when `cancel` says what it
    keeps, else it does nothing (the question must be answered)."""

    BINDINGS: ClassVar[list[Binding]] = [
        Binding("escape", "cancel", "Cancel", id="ask.cancel", show=False),
    ]

    DEFAULT_CSS = """
    AskScreen { align: center middle; }
    AskScreen > Vertical {
        width: 60; max-width: 95%; height: auto;
        border: round $accent; background: $panel; padding: 0 1;
    }
    AskScreen.-problem > Vertical { width: 90; border: round $error; }
    AskScreen Static { width: 100%; height: auto; margin-bottom: 1; }
    """

    def __init__(self, *, title: str, why: str, value: str, placeholder: str, submit: str,
                 cancel: str = "", empty_notice: str = "", id: str | None = None,
                 input_id: str | None = None, problem: bool = False) -> None:
        super().__init__(id=id, classes="-problem" if problem else None)
        self.box_title, self.why, self.value = title, why, value
        self.placeholder, self.input_id = placeholder, input_id
        self.submit, self.cancel, self.empty_notice = submit, cancel, empty_notice

    def compose(self) -> ComposeResult:
        box = Vertical()
        box.border_title = self.box_title
        box.border_subtitle = " · ".join(
            part for part in (f"enter {self.submit}", self.cancel and f"escape {self.cancel}") if part
        )
        with box:
            yield Static(Text(strip_controls(self.why)), markup=False)
            yield Input(value=self.value, placeholder=self.placeholder, id=self.input_id)

    def on_mount(self) -> None:
        self.query_one(Input).focus()

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        value = strip_controls(event.value).strip()
        if value:
            self.dismiss(value)
        elif self.empty_notice:
            self.notify(self.empty_notice, markup=False)

    def action_cancel(self) -> None:
        if self.cancel:
            self.dismiss("")


class NameScreen(AskScreen):
    """Who is reviewing: asked when the app is served to a browser, where the login name is
    the server's. Enter takes the name (not empty); it is recorded on every annotation."""

    def __init__(self, suggested: str = "") -> None:
        super().__init__(
            title="Your name", why="It is recorded on the annotations you make here, which are "
            "saved on the server.", value=suggested, placeholder="name", submit="to start",
            empty_notice="Type your name first.", id="name", input_id="reviewer-name",
        )


class SaveAsScreen(AskScreen):
    """Where to save annotations that cannot be saved where they belong: `problem` says why;
    enter takes the path typed (a file; `~` allowed), escape cancels with ""."""

    def __init__(self, problem: str, suggested: str) -> None:
        super().__init__(
            title="Save the annotations elsewhere", why=problem, value=suggested,
            placeholder="annotation file (.yaml)", submit="to save", cancel="to keep them unsaved",
            id="save-as", input_id="save-as-path", problem=True,
        )
