"""What every reader returns: the text as loaded, its tables and the page furniture in it."""

from __future__ import annotations

from dataclasses import dataclass, field

from compare.parsing.document import Format, RemovalKind


@dataclass(frozen=True, slots=True)
class RawTable:
    """A table as read: rows of cell texts (spans expanded), and its span in the loaded text.

    The loaded text holds the table as one line per row, cells joined by a tab, between
    `start` and `end` (character offsets into `LoadedText.text`).
    """

    rows: list[list[str]]
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Furniture:
    """A line of the loaded text that is page furniture (page number, running header)."""

    start: int  # offsets into LoadedText.text, the whole line without its newline
    end: int
    kind: RemovalKind = "page"  # as cleaning lists it


@dataclass(frozen=True, slots=True)
class MarkedHeading:
    """A line the document itself marks as a heading (a .docx paragraph with an outline level:
    Heading 1–9 / 标题 1–9 styles, or `w:outlineLvl` on the paragraph or its style)."""

    start: int  # offsets into LoadedText.text, the line without its newline
    end: int
    outline: int  # Word's outline level: 0 for Heading 1 … 8 for Heading 9


@dataclass(frozen=True, slots=True)
class ListItem:
    """A line the document numbers automatically as an item of a list (a .docx paragraph with
    `w:numPr`, its own or its style's): `level` names the list level, the abstract numbering
    and `w:ilvl` (`"3:0"`), which Word counts on across headings (1. 2. 3. under 一, 4. under 二)."""

    start: int  # offsets into LoadedText.text, the line without its newline
    end: int
    level: str


@dataclass(frozen=True, slots=True)
class LoadedText:
    text: str
    encoding: str  # utf-8, utf-8-sig, utf-16(-le/-be), gb18030, big5, cp950, big5hkscs, docx, pdf
    format: Format
    tables: list[RawTable] = field(default_factory=list)
    furniture: list[Furniture] = field(default_factory=list)
    pages: int = 0  # pages of a PDF; 0 for other formats
    warnings: list[str] = field(default_factory=list)
    headings: list[MarkedHeading] = field(default_factory=list)  # in text order
    lists: list[ListItem] = field(default_factory=list)  # in text order
    # the titles the file gives apart from its text, whitespace squashed, the first to use first:
    # an HTML page's <title>, a .docx's Title-style paragraph and core properties title, a
    # PDF's document information Title; the report's title only when its text has no title line
    named_titles: tuple[str, ...] = ()


class SpanCopy(str):
    """A cell's text repeated into a further column its cell spans (HTML `colspan`, Word
    `gridSpan`, a merged PDF cell). The grid keeps it, so that every row keeps its labels;
    a row's text line keeps the cell once. Equal neighbouring cells that are no copies
    (规章 | 0 | 0 | 0) are all kept."""

    __slots__ = ()


def _squash(cell: str) -> str:
    """The cell's whitespace runs as single spaces, a span copy still marked as one."""
    text = " ".join(cell.split())
    return SpanCopy(text) if isinstance(cell, SpanCopy) else text


def rows_to_lines(rows: list[list[str]]) -> list[str]:
    """Table rows as text lines: cells joined by a tab, a cell spanning several columns kept
    once (its `SpanCopy` positions left out)."""
    return ["\t".join(_squash(cell) for cell in row if not isinstance(cell, SpanCopy)) for row in rows]


class TextBuilder:
    """Builds loaded text block by block, remembering where tables and furniture sit."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.length = 0
        self.tables: list[RawTable] = []
        self.furniture: list[Furniture] = []
        self.headings: list[MarkedHeading] = []
        self.lists: list[ListItem] = []

    def line(self, text: str) -> tuple[int, int]:
        text = text.replace("\n", " ").strip()
        if not text:
            return self.length, self.length
        if self.parts:
            self.parts.append("\n")
            self.length += 1
        start = self.length
        self.parts.append(text)
        self.length += len(text)
        return start, self.length

    def furniture_line(self, text: str, kind: RemovalKind = "page") -> None:
        start, end = self.line(text)
        if end > start:
            self.furniture.append(Furniture(start, end, kind))

    def heading_line(self, text: str, outline: int) -> None:
        """A line the document marks as a heading of outline level `outline` (0–8)."""
        start, end = self.line(text)
        if end > start:
            self.headings.append(MarkedHeading(start, end, outline))

    def list_line(self, text: str, level: str) -> None:
        """A line the document numbers as an item of list level `level` (`ListItem`)."""
        start, end = self.line(text)
        if end > start:
            self.lists.append(ListItem(start, end, level))

    def table(self, rows: list[list[str]]) -> None:
        rows = [[_squash(c) for c in row] for row in rows]
        rows = [row for row in rows if any(row)]
        if not rows:
            return
        start = end = -1
        for line in rows_to_lines(rows):
            a, b = self.line(line)
            if b > a:
                start = a if start < 0 else start
                end = b
        if start >= 0:
            self.tables.append(RawTable(rows, start, end))

    @property
    def text(self) -> str:
        return "".join(self.parts)
