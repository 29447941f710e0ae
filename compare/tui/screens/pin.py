"""Choose the section of the other report to pin a section to (manual alignment).

Lists every section of the other report as an outline, with a filter that matches in
either script; the current counterpart is highlighted to start with.
"""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, OptionList
from textual.widgets.option_list import Option

from compare.parsing.cleaning import strip_controls
from compare.parsing.document import Document
from compare.parsing.normalise import simplify


class PinScreen(ModalScreen[str | None]):
    """Dismisses with the chosen section id, or None."""

    BINDINGS: ClassVar[list[Binding]] = [
        Binding("escape", "cancel", "Cancel", id="pin.cancel", tooltip="Close without pinning"),
        Binding("down", "down", show=False, priority=True),
        Binding("up", "up", show=False, priority=True),
    ]

    DEFAULT_CSS = """
    PinScreen { align: center middle; }
    PinScreen > Vertical {
        width: 80; max-width: 95%; height: 80%;
        border: round $accent; background: $panel; padding: 0 1;
    }
    PinScreen OptionList { height: 1fr; }
    """

    def __init__(self, heading: str, other: Document, current: str | None) -> None:
        super().__init__()
        self.heading = heading
        self.other = other
        self.current = current

    def compose(self) -> ComposeResult:
        box = Vertical()
        box.border_title = self.heading
        box.border_subtitle = "enter pin · escape cancel"
        with box:
            yield Input(placeholder="filter sections", id="filter")
            yield OptionList(id="choices", markup=False)

    def on_mount(self) -> None:
        self._fill("")
        self.query_one("#filter", Input).focus()

    def _fill(self, query: str) -> None:
        needle = simplify(query.strip())
        options = []
        for section in self.other.walk():
            title = strip_controls(section.title)
            if needle and needle not in simplify(title) and needle != section.id:
                continue
            prompt = Text(end="")
            prompt.append("  " * (section.level - 1))
            prompt.append(f"{section.id}  ", style="dim")
            prompt.append(title)
            options.append(Option(prompt, id=section.id))
        sections = self.query_one("#choices", OptionList)
        sections.set_options(options)
        ids = [o.id for o in options]
        if options:
            sections.highlighted = ids.index(self.current) if self.current in ids else 0

    @on(Input.Changed, "#filter")
    def _filter(self, event: Input.Changed) -> None:
        self._fill(event.value)

    @on(Input.Submitted, "#filter")
    def _choose_highlighted(self) -> None:
        sections = self.query_one("#choices", OptionList)
        if sections.highlighted is not None:
            self.dismiss(sections.get_option_at_index(sections.highlighted).id)

    @on(OptionList.OptionSelected, "#choices")
    def _choose(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)

    def action_down(self) -> None:
        self.query_one("#choices", OptionList).action_cursor_down()

    def action_up(self) -> None:
        self.query_one("#choices", OptionList).action_cursor_up()

    def action_cancel(self) -> None:
        self.dismiss(None)
