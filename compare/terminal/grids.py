"""Tables of a comparison as rich grids, for the terminal presenters (`diff`, the review app).

A changed cell reads `old → new` (old in red, new in yellow), a cell of an added row or column
green, of a removed table or dropped column struck out; without colour, added cells read
`{+…+}` and removed ones `[-…-]`, as `diff` marks words.
"""

from __future__ import annotations

from typing import Any

from rich.table import Table as Grid
from rich.text import Text

from compare.comparison.results import Comparison
from compare.parsing.cleaning import strip_controls
from compare.presentation.view import table_views

CELL_STYLES = {"equal": "", "added": "green", "removed": "red strike",
               "old": "bold red", "arrow": "yellow", "new": "bold yellow"}


PLAIN_CELL_MARKERS = {"added": ("{+", "+}"), "removed": ("[-", "-]")}


def table_grids(comparison: Comparison, only_changes: bool = False, colour: bool = True) -> list[Any]:
    """rich renderables: per table a heading line (title, summary) and its grid."""

    out: list[Any] = []
    for view in table_views(comparison):
        if only_changes and view.summary == "no changes":
            continue
        out.append(Text(""))
        heading = Text("━━ ", style="bold")
        heading.append(strip_controls(view.title), style="bold")
        heading.append(f"   {view.summary}", style="dim")
        out.append(heading)
        grid = Grid(show_header=False, show_lines=True, pad_edge=False)
        for cells in view.rows:
            row = []
            for cell in cells:
                text = Text()
                if cell.role == "changed":
                    text.append(strip_controls(cell.old), style=CELL_STYLES["old"])
                    text.append(" → ", style=CELL_STYLES["arrow"])
                    text.append(strip_controls(cell.text), style=CELL_STYLES["new"])
                elif not colour and cell.text and cell.role in PLAIN_CELL_MARKERS:
                    opening, closing = PLAIN_CELL_MARKERS[cell.role]
                    text.append(f"{opening}{strip_controls(cell.text)}{closing}")
                else:
                    text.append(strip_controls(cell.text), style=CELL_STYLES[cell.role])
                row.append(text)
            grid.add_row(*row)
        out.append(grid)
    return out
