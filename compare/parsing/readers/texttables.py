"""Tables in plain text: a block of rows whose cells are separated by tabs, runs of spaces
(aligned columns), ideographic spaces or bars (`|`, `｜`, `│`, Markdown and box-drawing tables).

Plain-text reports keep a statistics table as such a block (`指标⇥2022年⇥2023年` ⏎
`行政复议案件（件）⇥48⇥56` …). Read as prose, its rows are sentences paired by position, and a
year column that moved on reads as a change (`48 → 56` where nothing changed); read as a
`RawTable`, the rows are compared cell by cell, as tables of .docx, HTML and PDF files are.

Only what is clearly a table is one: at least three rows (a header and two more) with the same
number of cells (two or more), the header holding no bare number, no cell a sentence (no
sentence stop, at most 40 characters), and, for columns aligned by spaces (which prose may
hold by chance, as in `一、　总体要求` lines of a table of contents), a column of figures.
Ruling lines (`---`, `─┼─`, `━╋━`, `═╬═`, `+---+`) between rows belong to the table.
Each tab ends one cell: `a⇥⇥b` is three cells, the middle one empty (a figure not given, as a
spreadsheet saved as text writes it); a tab-separated row with trailing cells left off is
padded, and a column empty in every row (a tab indenting or ending every line) is dropped.
"""

from __future__ import annotations

import re

from compare.parsing.readers.loaded import RawTable
from compare.text.patterns import guarded

_WS = " \t\u3000\xa0\ufeff"
# vertical bars: ASCII, full-width, and the light, heavy and double box-drawing ones
_BARS = "|｜│┃║"
# a ruling line: bars, dashes, ＋/=/: and any box-drawing character (U+2500–U+257F: ─┼╋═╬┏┓ …)
_RULE = re.compile(r"[\s|｜+＋\-－—=＝:：\u2500-\u257f]+")
_SPACED = re.compile(r"[ \xa0\u3000]{2,}|\u3000")
_NOT_TAB = " \u3000\xa0\ufeff\r"  # blanks around a tab-separated cell (a tab is a separator)
_BARRED = re.compile(rf"\s*[{_BARS}]\s*")
# Whether a text has any separator at all: a tab, a bar, or a run of spaces between two
# characters. The spaces are matched with lookarounds, so that a match can only begin at a
# separator character, and `guarded` lets `re` skip every other character at once (with the
# characters around the run consumed instead, each character of a report was tried: 0.8 ms a
# synthetic report, 4% of its parse; now 0.2 ms). Only used as a yes or no.
_ANY_SEPARATOR = guarded(rf"\t|[{_BARS}]|(?<=\S)[ \xa0\u3000]{{2,}}(?=\S)|(?<=\S)\u3000(?=\S)")
_STOP = re.compile(r"[。！？；]")
# a figure cell: a count, amount or share with at most a short unit (48, 1.5万, 95%, 386件, 2023年)
_FIGURE = re.compile(r"[-+−]?\d[\d,，.．]*\s*(?:%|‰|[^\d\s]{0,3})")
_BARE_NUMBER = re.compile(r"[-+−]?\d[\d,，.．]*%?")
_CELL_MAX = 40  # characters: a longer cell is prose
MIN_ROWS = 3  # a header and two rows


def _cells(line: str) -> tuple[list[str], str] | None:
    """A line's cells and how they are separated ("bar", "tab", "space"), or None for a line of
    one cell."""
    s = line.strip(_WS)
    if not s:
        return None
    if s[0] in _BARS or s[-1] in _BARS:
        cells = _BARRED.split(s.strip(_BARS + _WS))
        return (cells, "bar") if len(cells) >= 2 else None
    if "\t" in line:
        # each tab ends one cell: two tabs in a row hold an empty cell (a figure not given),
        # a leading tab a blank first cell (the header's top-left corner), trailing tabs empty
        # last cells (政府法律顾问（名）⇥⇥: a row with no figure)
        cells = [c.strip(_NOT_TAB) for c in line.strip(_NOT_TAB).split("\t")]
        return (cells, "tab") if len(cells) >= 2 else None
    cells = _SPACED.split(s)
    return (cells, "space") if len(cells) >= 2 else None


def _fit(cells: list[str], width: int) -> list[str] | None:
    """A tab-separated row fitted to the block's `width`: trailing empty cells beyond it dropped
    (a tab left at the end of a line), a short row padded with empty cells (its last cells not
    given, and the editor trimmed their tabs); None when it holds more cells than that."""
    if len(cells) > width:
        if any(cells[width:]):
            return None
        return cells[:width]
    return cells + [""] * (width - len(cells))


def _without_empty_columns(rows: list[list[str]]) -> list[list[str]]:
    """The rows without the columns that are empty in every row (a tab indenting the whole
    block, or ending every line)."""
    keep = [k for k in range(len(rows[0])) if any(row[k] for row in rows)]
    return [[row[k] for k in keep] for row in rows]


def _is_table(rows: list[list[str]], sep: str) -> bool:
    if len(rows) < MIN_ROWS:
        return False
    if sep == "tab":
        # a table has two columns at least in most rows; lines indented by tabs (a signature
        # pushed to the right: ⇥⇥⇥清河县司法局) hold one
        if len(rows[0]) < 2 or sum(sum(1 for c in row if c) >= 2 for row in rows) * 2 < len(rows):
            return False
    if any(len(c) > _CELL_MAX or _STOP.search(c) for row in rows for c in row):
        return False
    if any(_BARE_NUMBER.fullmatch(c) for c in rows[0]):
        return False  # no header row
    if sep != "space":
        return True
    body = rows[1:]
    width = len(rows[0])
    return any(
        sum(1 for row in body if _FIGURE.fullmatch(row[k])) * 2 >= len(body) for k in range(1, width)
    )


def find_tables(text: str) -> list[RawTable]:
    """The tables of a plain-text report: blocks of consecutive lines as the module says, each
    a `RawTable` whose span runs from its first row's first character to its last row's last
    (character offsets into `text`). Lines of prose are never read as a table. A header one
    cell short of the rows below it, after a leading tab or spaces (its top-left corner left
    blank), gets that blank cell."""
    if not _ANY_SEPARATOR.search(text):
        return []  # no tab, bar or run of spaces: no table (most reports)
    tables: list[RawTable] = []
    block: list[tuple[int, int, list[str]]] = []  # (start, end, cells) of the rows so far
    sep = ""
    indented = False  # the block's first line started with a separator

    def close() -> None:
        rows = [cells for _, _, cells in block]
        if rows and sep == "tab":
            rows = _without_empty_columns(rows)
        if rows and _is_table(rows, sep):
            tables.append(RawTable(rows, block[0][0], block[-1][1]))
        block.clear()

    offset = 0
    for line in text.split("\n"):
        start, end = offset, offset + len(line)
        offset = end + 1
        stripped = line.strip(_WS + "\r")
        if block and len(stripped) >= 3 and _RULE.fullmatch(stripped):
            continue  # a ruling line inside a table
        found = _cells(line)
        span = (start + len(line) - len(line.lstrip(_WS)), start + len(line.rstrip(_WS + "\r")))
        # a tab line with one cell filled (⇥⇥⇥清河县司法局, 小计⇥⇥) is a row only inside a
        # table, with as many tabs as its rows (or more, ending it): it neither starts a table nor
        # is padded
        lone = found is not None and found[1] == "tab" and sum(1 for c in found[0] if c) < 2
        if found and block and found[1] == sep:
            width = len(block[0][2])
            if len(block) == 1 and indented and len(found[0]) == width + 1:
                block[0][2].insert(0, "")  # the header's blank top-left corner
                width += 1
            cells: list[str] | None = found[0]
            if sep == "tab" and (not lone or len(found[0]) > width):
                cells = _fit(found[0], width)
            if cells is not None and len(cells) == width:
                block.append((*span, cells))
                continue
        close()
        if found and not lone:
            sep = found[1]
            indented = line[:1] in ("\t", " ") and sep != "bar"
            block.append((*span, found[0]))
    close()
    return tables
