"""HTML pages → visible text, one block element per line, tables kept as tables.

Script, style and elements hidden from readers (`hidden`, `display:none`,
`visibility:hidden`) are not text. A `<table>` becomes a `RawTable` (rowspan and colspan
expanded, so a row keeps its labels) and one line per row in the text.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

from compare.parsing.readers.loaded import LoadedText, TextBuilder

_BLOCK = frozenset(
    "address article aside blockquote br dd div dl dt fieldset figcaption figure footer form h1 h2 "
    "h3 h4 h5 h6 header hr li main nav ol p pre section table tbody td th thead title tr ul".split()
)
_SKIP = frozenset({"script", "style", "noscript", "template", "svg", "iframe", "object", "head"})
_VOID = frozenset("area base br col embed hr img input link meta param source track wbr".split())
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)


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


class _Table:
    def __init__(self) -> None:
        self.rows: list[list[tuple[str, int, int]]] = []  # (text, rowspan, colspan)
        self.cell: list[str] | None = None
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
            self.rows[-1].append((" ".join("".join(self.cell).split()), *self.span))
            self.cell = None

    def grid(self) -> list[list[str]]:
        """Rows with spanned cells repeated into every position they cover."""
        self.end_cell()
        grid: list[list[str | None]] = []
        for r, row in enumerate(self.rows):
            while len(grid) <= r:
                grid.append([])
            c = 0
            for text, rowspan, colspan in row:
                while c < len(grid[r]) and grid[r][c] is not None:
                    c += 1
                for dr in range(rowspan):
                    while len(grid) <= r + dr:
                        grid.append([])
                    target = grid[r + dr]
                    while len(target) < c + colspan:
                        target.append(None)
                    for dc in range(colspan):
                        target[c + dc] = text
                c += colspan
        width = max((len(row) for row in grid), default=0)
        return [[cell or "" for cell in row] + [""] * (width - len(row)) for row in grid]


class _Extractor(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.out = TextBuilder()
        self.buffer: list[str] = []
        self.stack: list[tuple[str, bool]] = []  # open elements: (tag, hides its content)
        self.hidden = 0
        self.tables: list[_Table] = []  # open tables, innermost last
        self.nested = 0  # tables open inside a cell: their text is the cell's text

    def _flush(self) -> None:
        if self.buffer:
            self.out.line("".join(self.buffer))
            self.buffer = []

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
            if table is not None and table.cell is not None:
                self.nested += 1
                return
            self._flush()
            self.tables.append(_Table())
        elif self.nested and table is not None and table.cell is not None:
            if tag in _BLOCK:
                table.cell.append(" ")
        elif table is not None and tag == "tr":
            table.start_row()
        elif table is not None and tag in ("td", "th"):
            table.start_cell(_span(values.get("rowspan")), _span(values.get("colspan")))
        elif table is not None and table.cell is not None:
            if tag in _BLOCK:
                table.cell.append(" ")
        elif tag in _BLOCK:
            self._flush()

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self.hidden:
            return
        if self.tables and self.tables[-1].cell is not None:
            if tag in _BLOCK:
                self.tables[-1].cell.append(" ")
        elif tag in _BLOCK:
            self._flush()

    def handle_endtag(self, tag: str) -> None:
        if tag in _VOID or not any(t == tag for t, _ in self.stack):
            return
        while self.stack:
            open_tag, hides = self.stack.pop()
            self.hidden -= hides
            if open_tag == tag:
                break
        if self.hidden:
            return
        table = self.tables[-1] if self.tables else None
        if tag == "table" and self.nested:
            self.nested -= 1
        elif self.nested:
            if tag in _BLOCK and table is not None and table.cell is not None:
                table.cell.append(" ")
        elif tag == "table" and table is not None:
            self.tables.pop()
            self.out.table(table.grid())
        elif table is not None and tag in ("td", "th"):
            table.end_cell()
        elif table is None and tag in _BLOCK:
            self._flush()

    def handle_data(self, data: str) -> None:
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
    while parser.tables:  # a table never closed
        parser.out.table(parser.tables.pop().grid())
    parser._flush()
    out = parser.out
    return LoadedText(out.text, encoding, "html", tables=out.tables)


def html_to_text(html: str) -> str:
    """Visible text of an HTML page, one block element per line."""
    return read_html(html, "utf-8").text
