"""A line of short items that wraps between items, never inside one (rich wraps at any space,
so "− removed 435" could break after its mark on a narrow terminal)."""

from __future__ import annotations

from collections.abc import Iterator

from rich.console import Console, ConsoleOptions
from rich.text import Text


class Flow:
    """`items` on one line, `gap` spaces apart, continued on the next line where the next item
    would pass the console's width (in terminal cells); an item wider than the line gets a line
    of its own and is folded by rich as usual."""

    def __init__(self, items: list[Text], gap: int = 3) -> None:
        self.items = items
        self.gap = gap

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> Iterator[Text]:
        width = options.max_width
        line = Text()
        for item in self.items:
            if line.cell_len and line.cell_len + self.gap + item.cell_len > width:
                yield line
                line = Text()
            if line.cell_len:
                line.append(" " * self.gap)
            line.append_text(item)
        if line.cell_len:
            yield line
