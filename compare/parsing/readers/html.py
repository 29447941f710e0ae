"""HTML pages → visible text, one block element per line, tables kept as tables.

The page's `<title>` is kept apart (`LoadedText.named_titles`): the report's title when the
page's body names none. Script, style and elements hidden from readers (`hidden`, `display:none`,
`visibility:hidden`) are not text. A data `<table>` becomes a `RawTable` (rowspan and colspan
expanded, so a row keeps its labels) and one line per row in the text; a layout table (one
column, tables inside cells, cells holding paragraphs) is read as the text it lays out.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from typing import Union

from compare.parsing.readers.loaded import LoadedText, SpanCopy, TextBuilder
from compare.text.patterns import lazy_compile

_BLOCK = frozenset(
    "address article aside blockquote br dd div dl dt fieldset figcaption figure footer form h1 h2 "
    "h3 h4 h5 h6 header hr li main nav ol p pre section table tbody td th thead title tr ul".split()
)
_SKIP = frozenset({"script", "style", "noscript", "template", "svg", "iframe", "object", "head"})
_VOID = frozenset("area base br col embed hr img input link meta param source track wbr".split())
_HIDDEN_STYLE = lazy_compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)


def looks_like_html(text: str, path: str) -> bool:
    if path.lower().endswith((".html", ".htm", ".xhtml", ".shtml")):
        return True
    head = text[:2048].lstrip("\ufeff \t\r\n").lower()
    return head.startswith(("<!doctype html", "<html", "<?xml")) and "<body" in text[:200000].lower()


def _span(value: str | None) -> int:
    try:
        return max(1, min(int(value or 1), 100))
    except ValueError:
        return 1


Item = Union[str, "_Table"]  # a cell's content: text, "\n" between blocks, a nested table
LAYOUT_CELL = 200  # characters: a cell this long holds a page's text, not a figure or a label


class _Table:
    def __init__(self) -> None:
        self.rows: list[list[tuple[list[Item], int, int]]] = []  # (content, rowspan, colspan)
        self.cell: list[Item] | None = None
        self.span = (1, 1)

    def start_row(self) -> None:
        self.end_cell()
        self.rows.append([])

    def start_cell(self, rowspan: int, colspan: int) -> None:
        self.end_cell()
        if not self.rows:
            self.rows.append([])
        self.cell = []
        self.span = (rowspan, colspan)

    def end_cell(self) -> None:
        if self.cell is not None:
            self.rows[-1].append((self.cell, *self.span))
            self.cell = None

    def is_layout(self) -> bool:
        """A table that lays out a page rather than holding data: one column, a table inside a
        cell, or a cell holding paragraphs of text (old government sites put the whole report
        in one cell of a layout table)."""
        self.end_cell()
        if max((sum(span for _, _, span in row) for row in self.rows), default=0) <= 1:
            return True
        for row in self.rows:
            for content, _, _ in row:
                if any(isinstance(item, _Table) for item in content):
                    return True
                text = _flat(content)
                lines = [line for line in "".join(i for i in content if isinstance(i, str)).split("\n")
                         if line.strip()]
                if len(text) > LAYOUT_CELL or len(lines) >= 3:
                    return True
        return False

    def grid(self) -> list[list[str]]:
        """Rows with spanned cells repeated into every position they cover."""
        self.end_cell()
        grid: list[list[str | None]] = []
        for r, row in enumerate(self.rows):
            while len(grid) <= r:
                grid.append([])
            c = 0
            for content, rowspan, colspan in row:
                text = _flat(content)
                while c < len(grid[r]) and grid[r][c] is not None:
                    c += 1
                for dr in range(rowspan):
                    while len(grid) <= r + dr:
                        grid.append([])
                    target = grid[r + dr]
                    while len(target) < c + colspan:
                        target.append(None)
                    for dc in range(colspan):
                        target[c + dc] = text if dc == 0 else SpanCopy(text)
                c += colspan
        width = max((len(row) for row in grid), default=0)
        return [[cell if cell is not None else "" for cell in row] + [""] * (width - len(row)) for row in grid]


def _flat(content: list[Item]) -> str:
    """A cell's content as one line of text (a nested table's cells in reading order)."""
    parts: list[str] = []
    for item in content:
        if isinstance(item, _Table):
            parts.extend(_flat(c) for row in item.rows for c, _, _ in row)
        else:
            parts.append(item)
    return " ".join(" ".join(parts).split())


class _Extractor(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.out = TextBuilder()
        self.buffer: list[str] = []
        self.stack: list[tuple[str, bool]] = []  # open elements: (tag, hides its content)
        self.hidden = 0
        self.tables: list[_Table] = []  # open tables, innermost last
        self.title: list[str] = []  # the page's <title> (in <head>, so no text of the page)
        self.titled = False  # the first <title> has closed

    def _flush(self) -> None:
        if self.buffer:
            self.out.line("".join(self.buffer))
            self.buffer = []

    def emit(self, table: _Table) -> None:
        """A closed outermost table: a data table as a table, a layout table as its text."""
        if not table.is_layout():
            self.out.table(table.grid())
            return
        for row in table.rows:
            for content, _, _ in row:
                line: list[str] = []
                for item in content:
                    if isinstance(item, _Table):
                        self.out.line("".join(line))
                        line = []
                        self.emit(item)
                    elif item == "\n":
                        self.out.line("".join(line))
                        line = []
                    else:
                        line.append(item)
                self.out.line("".join(line))

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _VOID:
            self.handle_startendtag(tag, attrs)
            return
        values = dict(attrs)
        hides = (
            tag in _SKIP
            or "hidden" in values
            or bool(_HIDDEN_STYLE.search(values.get("style") or ""))
        )
        self.stack.append((tag, hides))
        self.hidden += hides
        if self.hidden:
            return
        table = self.tables[-1] if self.tables else None
        if tag == "table":
            if table is None:
                self._flush()
            self.tables.append(_Table())
        elif table is not None and tag == "tr":
            table.start_row()
        elif table is not None and tag in ("td", "th"):
            table.start_cell(_span(values.get("rowspan")), _span(values.get("colspan")))
        elif table is not None and table.cell is not None:
            if tag in _BLOCK:
                table.cell.append("\n")
        elif tag in _BLOCK:
            self._flush()

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self.hidden:
            return
        if self.tables and self.tables[-1].cell is not None:
            if tag in _BLOCK:
                self.tables[-1].cell.append("\n")
        elif tag in _BLOCK:
            self._flush()

    def handle_endtag(self, tag: str) -> None:
        if tag in _VOID or not any(t == tag for t, _ in self.stack):
            return
        if tag == "title" and self.title:
            self.titled = True
        while self.stack:
            open_tag, hides = self.stack.pop()
            self.hidden -= hides
            if open_tag == tag:
                break
        if self.hidden:
            return
        table = self.tables[-1] if self.tables else None
        if tag == "table" and table is not None:
            self.tables.pop()
            table.end_cell()
            outer = self.tables[-1] if self.tables else None
            if outer is None:
                self.emit(table)
            elif outer.cell is not None:
                outer.cell.append(table)
            # a table between an outer table's cells (broken markup) is dropped with them
        elif table is not None and tag in ("td", "th"):
            table.end_cell()
        elif table is not None and table.cell is not None and tag in _BLOCK:
            table.cell.append("\n")
        elif table is None and tag in _BLOCK:
            self._flush()

    def handle_data(self, data: str) -> None:
        if (not self.titled and self.stack and self.stack[-1][0] == "title"
                and not any(tag == "svg" for tag, _ in self.stack)):
            self.title.append(data)
        if self.hidden:
            return
        text = re.sub(r"[ \t\r\n]+", " ", data)
        if self.tables and self.tables[-1].cell is not None:
            self.tables[-1].cell.append(text)
        elif not self.tables:
            self.buffer.append(text)


def read_html(html: str, encoding: str) -> LoadedText:
    """Visible text of an HTML page, one block element per line, with its tables."""
    parser = _Extractor()
    parser.feed(html)
    parser.close()
    while parser.tables:  # tables never closed: the outermost holds the others
        table = parser.tables.pop()
        if parser.tables and parser.tables[-1].cell is not None:
            parser.tables[-1].cell.append(table)
        elif not parser.tables:
            parser.emit(table)
    parser._flush()
    out = parser.out
    return LoadedText(out.text, encoding, "html", tables=out.tables,
                      named_titles=(" ".join("".join(parser.title).split()),))


def html_to_text(html: str) -> str:
    """Visible text of an HTML page, one block element per line."""
    return read_html(html, "utf-8").text
