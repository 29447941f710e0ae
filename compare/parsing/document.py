"""The parsed report: cleaned text, offsets, metadata and the section tree.

Every offset in a `Document` (sections, sentences) is an index into `Document.text`, the
cleaned text in the report's own script. `Document.to_raw` maps such an offset back into
`Document.raw`, the text as loaded, and `Document.simplified` is the matching view: same
content in simplified Chinese with NFKC widths, with `simplified_to_text` mapping back.
"""

from __future__ import annotations

import hashlib
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from typing import Iterator, Literal

# What cleaning took out (`Removal.kind`): page chrome, metadata lines, captions, the title,
# a table of contents, footers, the signature, PDF page furniture, pinyin debris, control
# characters, blank lines.
RemovalKind = Literal[
    "chrome", "metadata", "caption", "title", "contents", "footer", "signature", "page",
    "pinyin", "control", "blank",
]
# A section: under a heading, the preamble before the first heading, or the whole of a report
# without headings.
SectionKind = Literal["heading", "preamble", "whole"]
# The report's own script (`normalise.detect_script`).
Script = Literal["simplified", "traditional"]
# OpenCC configuration a report's matching view is made with ("" for a Simplified report).
Conversion = Literal["", "t2s", "hk2s", "tw2s"]
# The file format a report was read from.
Format = Literal["text", "html", "docx", "pdf"]
# Where a metadata field came from.
Source = Literal["text", "title", "manifest", "filename"]


@dataclass(frozen=True, slots=True)
class Removal:
    """Something cleaning took out of the raw text, and why."""

    kind: RemovalKind
    text: str
    start: int  # offsets in Document.raw
    end: int


@dataclass(slots=True)
class Table:
    """A table of the report (HTML `<table>`, .docx `w:tbl`, a ruled PDF table).

    `rows` are cell texts on the table's grid, a merged cell repeated into every position it
    covers, so each row keeps its labels (三、本年度办理结果 / （三）不予公开 / 1.属于国家秘密).
    `start`/`end` span the table's lines in `Document.text` (one line per row, cells joined by
    a tab); `section_id` is the section it sits in.
    """

    id: str  # "t1", "t2" … in reading order
    rows: list[list[str]]
    start: int
    end: int
    section_id: str = ""

    @property
    def width(self) -> int:
        return max((len(row) for row in self.rows), default=0)


@dataclass(slots=True)
class Sentence:
    id: str  # "<section id>/<n>", n counted from 1 inside the section
    section_id: str
    start: int
    end: int
    text: str  # original script, as shown
    simplified: str  # matching view (t2s + NFKC)
    item: str = ""  # "一是", "二是" … when the sentence opens an item inside a paragraph
    paragraph: int = 0  # index of the paragraph (line of Document.text) it belongs to


@dataclass(slots=True)
class Section:
    id: str  # "2.1" for （一） under 二、; "0" for the preamble
    level: int  # 1 for top-level headings; the preamble is level 1 too
    number: str  # the numbering as written: "二、", "（一）", "1." … ; "" for the preamble
    heading: str  # original script, numbering removed; "" for the preamble
    heading_simplified: str
    start: int  # span in Document.text, including subsections
    end: int
    body_start: int  # where the section's own text starts (after an inline heading)
    kind: SectionKind = "heading"
    children: list[Section] = field(default_factory=list)
    sentences: list[Sentence] = field(default_factory=list)  # own text, not children's
    parent_id: str | None = None

    def walk(self) -> Iterator[Section]:
        yield self
        for child in self.children:
            yield from child.walk()

    def all_sentences(self) -> Iterator[Sentence]:
        """Own sentences and those of every subsection, in reading order."""
        for section in self.walk():
            yield from section.sentences

    @property
    def title(self) -> str:
        """Numbering plus heading, as a reader sees it in an outline."""
        if self.kind == "preamble":
            return "（前言）"
        if self.kind == "whole":
            return "（全文）"
        return f"{self.number}{self.heading}"


@dataclass(slots=True)
class Document:
    path: str
    raw: str  # text as loaded (HTML and .docx already turned into text)
    text: str  # cleaned, original script: what users see
    simplified: str  # t2s + NFKC view of `text`: what matching uses
    encoding: str
    script: Script
    title: str = ""
    agency: str = ""
    year: int | None = None  # the year the report names itself by (parsing.metadata)
    covers: int | None = None  # the year whose work it reports (2018 for a 2019 政府工作报告)
    date: str = ""  # date of delivery or issue, ISO "YYYY-MM-DD" (or "YYYY-MM", "YYYY") when known
    kind: str = ""  # 法治政府建设情况报告, 政府工作报告 …
    conversion: Conversion = ""  # OpenCC configuration of the matching view
    sources: dict[str, Source] = field(default_factory=dict)  # metadata field → its source
    removed: list[Removal] = field(default_factory=list)
    sections: list[Section] = field(default_factory=list)  # top level, preamble first
    tables: list[Table] = field(default_factory=list)  # in reading order
    format: Format = "text"
    pages: int = 0  # pages of a PDF
    warnings: list[str] = field(default_factory=list)  # what the reader or cleaning doubted
    # cleaned → raw: sorted (text_start, raw_start) runs; inside a run offsets advance together
    _raw_runs: list[tuple[int, int]] = field(default_factory=list, repr=False)
    # simplified → text, one entry per character of `simplified` (None when 1:1)
    _simplified_map: list[int] | None = field(default=None, repr=False)

    # -- navigation -------------------------------------------------------------------------
    def walk(self) -> Iterator[Section]:
        for section in self.sections:
            yield from section.walk()

    def section(self, section_id: str) -> Section:
        for section in self.walk():
            if section.id == section_id:
                return section
        raise KeyError(section_id)

    def sentences(self) -> Iterator[Sentence]:
        for section in self.walk():
            yield from section.sentences

    def table_rows(self) -> dict[str, str]:
        """Sentence id → the id of the table it is a row of (its span lies inside the table's
        lines in `text`), for every sentence that is a table row: tables are compared cell by
        cell, so counts and shares of sentences leave these out."""
        out: dict[str, str] = {}
        if not self.tables:
            return out
        spans = sorted((t.start, t.end, t.id) for t in self.tables)
        k = 0
        for sentence in self.sentences():  # in reading order, as the tables are
            while k < len(spans) and spans[k][1] <= sentence.start:
                k += 1
            if k < len(spans) and spans[k][0] <= sentence.start and sentence.end <= spans[k][1]:
                out[sentence.id] = spans[k][2]
        return out

    def section_at(self, offset: int) -> Section | None:
        """The deepest section whose span holds `offset`."""
        found: Section | None = None
        level = self.sections
        while True:
            for section in level:
                if section.start <= offset < section.end:
                    found = section
                    level = section.children
                    break
            else:
                return found

    @property
    def stem(self) -> str:
        name = self.path.replace("\\", "/").rsplit("/", 1)[-1]
        return name.rsplit(".", 1)[0] if "." in name else name

    @property
    def text_hash(self) -> str:
        return "sha256:" + hashlib.sha256(self.text.encode("utf-8")).hexdigest()

    # -- offsets ----------------------------------------------------------------------------
    def to_raw(self, offset: int) -> int:
        """Offset in `text` → offset in `raw` of the same character."""
        if not self._raw_runs:
            return offset
        i = bisect_right(self._raw_runs, (offset, float("inf"))) - 1
        text_start, raw_start = self._raw_runs[max(i, 0)]
        return raw_start + (offset - text_start)

    def simplified_to_text(self, offset: int) -> int:
        """Offset in `simplified` → offset in `text`."""
        if self._simplified_map is None:
            return offset
        if offset >= len(self._simplified_map):
            return len(self.text)
        return self._simplified_map[offset]

    def simplify(self, start: int, end: int) -> str:
        """The matching view of text[start:end]."""
        if self._simplified_map is None:
            return self.simplified[start:end]
        lo = bisect_left(self._simplified_map, start)
        hi = bisect_left(self._simplified_map, end)
        return self.simplified[lo:hi]
