"""Small modal screens: help (the keys), legend (the colours), why (boilerplate evidence).

Each shows a rich `Text`/`Table` built from plain strings, so report text is never markup.
"""

from __future__ import annotations

from typing import ClassVar, Iterable

from rich.console import RenderableType
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static


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
