"""One line of text that changes often (status, column titles) without a layout pass.

`Static.update` asks the whole screen to lay out again; a fixed-height line needs only a
repaint, which keeps cursor movement cheap.
"""

from __future__ import annotations

from rich.text import Text
from textual.widget import Widget


class Line(Widget):
    DEFAULT_CSS = """
    Line { height: 1; width: 1fr; }
    """

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.text = Text(end="", no_wrap=True, overflow="ellipsis")

    def update(self, text: Text) -> None:
        """Show `text` (a rich Text: never parsed as markup)."""
        text.no_wrap = True
        text.overflow = "ellipsis"
        self.text = text
        self.refresh()

    def render(self) -> Text:
        # cut to the width here, with an ellipsis: handed over whole, the text would be wrapped
        # at a word boundary and its second line never shown (a stray "|" was all that was left)
        shown = self.text.copy()
        shown.truncate(self.content_size.width, overflow="ellipsis")
        return shown
