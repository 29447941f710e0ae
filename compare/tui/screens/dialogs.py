"""Small modal screens: help (the keys), legend (the colours), why (boilerplate evidence),
the reviewer's name (when served to a browser).

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


class NameScreen(ModalScreen[str]):
    """Who is reviewing: asked when the app is served to a browser, where the login name is
    the server's. Enter takes the name (not empty); it is recorded on every annotation."""

    DEFAULT_CSS = """
    NameScreen { align: center middle; }
    NameScreen > Vertical {
        width: 60; max-width: 95%; height: auto;
        border: round $accent; background: $panel; padding: 0 1;
    }
    NameScreen Static { width: 100%; height: auto; margin-bottom: 1; }
    """

    def __init__(self, suggested: str = "") -> None:
        super().__init__(id="name")
        self.suggested = suggested

    def compose(self) -> ComposeResult:
        box = Vertical()
        box.border_title = "Your name"
        box.border_subtitle = "enter to start"
        with box:
            yield Static(Text("It is recorded on the annotations you make here, which are "
                              "saved on the server."), markup=False)
            yield Input(value=self.suggested, placeholder="name", id="reviewer-name")

    def on_mount(self) -> None:
        self.query_one(Input).focus()

    @on(Input.Submitted)
    def _named(self, event: Input.Submitted) -> None:
        name = strip_controls(event.value).strip()
        if not name:
            self.notify("Type your name first.", markup=False)
            return
        self.dismiss(name)


class SaveAsScreen(ModalScreen[str]):
    """Where to save annotations that cannot be saved where they belong: enter takes the path
    typed (a file; `~` allowed), escape cancels."""

    BINDINGS: ClassVar[list[Binding]] = [
        Binding("escape", "cancel", "Cancel", id="save-as.cancel", tooltip="Keep them unsaved"),
    ]

    DEFAULT_CSS = """
    SaveAsScreen { align: center middle; }
    SaveAsScreen > Vertical {
        width: 90; max-width: 95%; height: auto;
        border: round $error; background: $panel; padding: 0 1;
    }
    SaveAsScreen Static { width: 100%; height: auto; margin-bottom: 1; }
    """

    def __init__(self, problem: str, suggested: str) -> None:
        super().__init__(id="save-as")
        self.problem = problem
        self.suggested = suggested

    def compose(self) -> ComposeResult:
        box = Vertical()
        box.border_title = "Save the annotations elsewhere"
        box.border_subtitle = "enter to save · escape to keep them unsaved"
        with box:
            yield Static(Text(strip_controls(self.problem)), markup=False)
            yield Input(value=self.suggested, placeholder="annotation file (.yaml)", id="save-as-path")

    def on_mount(self) -> None:
        self.query_one(Input).focus()

    @on(Input.Submitted)
    def _chosen(self, event: Input.Submitted) -> None:
        path = strip_controls(event.value).strip()
        if path:
            self.dismiss(path)

    def action_cancel(self) -> None:
        self.dismiss("")
