"""Real PDFs and .docx files made from corpus reports, for tests and benchmarks.

`pdf_from_report` draws a report with reportlab's built-in CJK font STSong-Light the way a
word processor prints it: paragraphs indented two characters and filled to the right margin
(so lines wrap mid-sentence, mid-figure), a running header and a `- N -` page number on every
page, optionally a ruled statistics table of a 政府信息公开工作年度报告. `docx_from_report`
writes it with python-docx as Word holds it: heading numbers in numbering.xml
(chineseCounting `%1、`, `（%2）`, decimal `%3.`), a header and a footer.
"""

from __future__ import annotations

import copy
from pathlib import Path

import docx
from docx.oxml import parse_xml
from reportlab.lib.enums import TA_JUSTIFY, TA_LEFT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen import canvas
from reportlab.platypus import Paragraph, SimpleDocTemplate, Table, TableStyle

from compare.parsing.pipeline import parse_file

CORPUS = Path(__file__).resolve().parent.parent.parent / "corpus"

FONT = "STSong-Light"
SIZE = 12.0
LEFT, RIGHT, TOP, BOTTOM = 72.0, A4[0] - 72.0, A4[1] - 90.0, 90.0
LEADING = 20.0
pdfmetrics.registerFont(UnicodeCIDFont(FONT))

# a statistics table of a 政府信息公开工作年度报告 (国办公开办函〔2021〕30号), row labels in cells
STATISTICS = [
    ["", "", "", "自然人"],
    ["一、本年新收政府信息公开申请数量", "", "", "12"],
    ["二、上年结转政府信息公开申请数量", "", "", "1"],
    ["三、本年度办理结果", "（一）予以公开", "", "7"],
    ["", "（三）不予公开", "1.属于国家秘密", "0"],
    ["", "", "2.其他法律行政法规禁止公开", "0"],
    ["四、结转下年度继续办理", "", "", "1"],
]


def wrap(text: str, first_indent: float) -> list[str]:
    """Lines of a paragraph as a word processor fills them to the right margin."""
    lines, line, width = [], "", first_indent
    for ch in text:
        w = pdfmetrics.stringWidth(ch, FONT, SIZE)
        if width + w > RIGHT - LEFT and line:
            lines.append(line)
            line, width = "", 0.0
        line += ch
        width += w
    return lines + ([line] if line else [])


class Writer:
    def __init__(self, path: Path, header: str) -> None:
        self.c = canvas.Canvas(str(path), pagesize=A4)
        self.header = header
        self.page = 0
        self.y = 0.0
        self.new_page()

    def new_page(self) -> None:
        if self.page:
            self.c.showPage()
        self.page += 1
        self.c.setFont(FONT, 9)
        self.c.drawCentredString(A4[0] / 2, A4[1] - 50, self.header)  # running header
        self.c.drawCentredString(A4[0] / 2, 50, f"- {self.page} -")  # page number
        self.c.setFont(FONT, SIZE)
        self.y = TOP

    def paragraph(self, text: str) -> None:
        for i, line in enumerate(wrap(text, 2 * SIZE)):
            if self.y < BOTTOM:
                self.new_page()
            self.c.drawString(LEFT + (2 * SIZE if i == 0 else 0), self.y, line)
            self.y -= LEADING

    def table(self, rows: list[list[str]]) -> None:
        table = Table(rows, colWidths=[150, 110, 140, 50])
        table.setStyle(TableStyle([
            ("FONT", (0, 0), (-1, -1), FONT, 8), ("GRID", (0, 0), (-1, -1), 0.5, "black"),
            ("SPAN", (0, 0), (2, 0)), ("SPAN", (0, 1), (2, 1)), ("SPAN", (0, 2), (2, 2)),
            ("SPAN", (0, 3), (0, 5)), ("SPAN", (1, 3), (2, 3)), ("SPAN", (1, 4), (1, 5)),
            ("SPAN", (0, 6), (2, 6)),
        ]))
        _, height = table.wrapOn(self.c, RIGHT - LEFT, self.y)
        if self.y - height < BOTTOM:
            self.new_page()
        table.drawOn(self.c, LEFT, self.y - height)
        self.y -= height + LEADING

    def save(self) -> None:
        self.c.save()


def _source(report: str | Path):
    """A corpus report by name, or any report file by path."""
    path = report if isinstance(report, Path) else CORPUS / f"{report}.txt"
    return parse_file(path, use_manifest=False), path.stem


def pdf_from_report(report: str | Path, path: Path, statistics: bool = False) -> Path:
    source, name = _source(report)
    out = path / f"{name}.pdf"
    writer = Writer(out, f"{source.agency or '某某市人民政府'}文件")
    writer.paragraph(source.title)
    for i, line in enumerate(source.text.split("\n")):
        writer.paragraph(line)
        if statistics and i == 3:
            writer.table(STATISTICS)
    writer.save()
    return out


def pdf_flowed_from_report(report: str | Path, path: Path, justified: bool = False) -> Path:
    """A report as a reportlab story (platypus Paragraph, CJK word wrap, first-line indent of two
    characters), the way a script or a word processor without justification lays it out: a
    ragged right edge, full lines up to a character short of the margin, punctuation hanging
    past it."""
    source, name = _source(report)
    out = path / f"{name}.pdf"
    style = ParagraphStyle("body", fontName=FONT, fontSize=SIZE, leading=LEADING,
                           firstLineIndent=2 * SIZE, wordWrap="CJK",
                           alignment=TA_JUSTIFY if justified else TA_LEFT)
    story = [Paragraph(line, style) for line in [source.title, *source.text.split("\n")]]
    SimpleDocTemplate(str(out), pagesize=A4).build(story)
    return out


def pdf_fixed_count_from_report(report: str | Path, path: Path, per_line: int,
                                justified: bool = False) -> Path:
    """A report as a text-to-PDF converter prints it: every paragraph cut after `per_line`
    characters whatever they are (a figure or a sentence cut at the line end: `同比增长12.3` ⏎
    `%。`), in the type size at which `per_line` Chinese characters fill the text block. Ragged:
    each piece drawn as it is, so one holding half-width digits ends short of the margin;
    justified: character spacing stretches every full piece to the margin."""
    source, name = _source(report)
    out = path / f"{name}-{per_line}{'j' if justified else ''}.pdf"
    size = (RIGHT - LEFT) / per_line
    c = canvas.Canvas(str(out), pagesize=A4)
    page, y = 0, 0.0

    def new_page() -> float:
        nonlocal page
        if page:
            c.showPage()
        page += 1
        c.setFont(FONT, 9)
        c.drawCentredString(A4[0] / 2, A4[1] - 50, f"{source.agency or '某某市人民政府'}文件")
        c.drawCentredString(A4[0] / 2, 50, f"- {page} -")
        return TOP

    y = new_page()
    for line in [source.title, *source.text.split("\n")]:
        for k in range(0, len(line), per_line):
            piece = line[k : k + per_line]
            if y < BOTTOM:
                y = new_page()
            text = c.beginText(LEFT, y)
            text.setFont(FONT, size)
            if justified and len(piece) == per_line:
                text.setCharSpace((RIGHT - LEFT - pdfmetrics.stringWidth(piece, FONT, size)) / (per_line - 1))
            text.textOut(piece)
            c.drawText(text)
            y -= size * 1.6
    c.save()
    return out


W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
# the numbering of a Chinese official document: 一、 / （一） / 1.
NUMBERING = f"""<w:numbering {W}>
<w:abstractNum w:abstractNumId="7">
 <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:suff w:val="nothing"/><w:lvlText w:val="%1、"/></w:lvl>
 <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:suff w:val="nothing"/><w:lvlText w:val="（%2）"/></w:lvl>
 <w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:suff w:val="nothing"/><w:lvlText w:val="%3."/></w:lvl>
</w:abstractNum>
<w:num w:numId="3"><w:abstractNumId w:val="7"/></w:num>
<w:num w:numId="4"><w:abstractNumId w:val="7"/></w:num>
<w:num w:numId="5"><w:abstractNumId w:val="7"/><w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride></w:num>
</w:numbering>"""


def set_numbering(document, xml: str = NUMBERING) -> None:
    numbering = document.part.numbering_part.element
    for child in list(numbering):
        numbering.remove(child)
    for child in parse_xml(xml):
        numbering.append(copy.deepcopy(child))


def number(paragraph, num_id: int, ilvl: int) -> None:
    ppr = paragraph._p.get_or_add_pPr()
    ppr.append(parse_xml(
        f'<w:numPr {W}><w:ilvl w:val="{ilvl}"/><w:numId w:val="{num_id}"/></w:numPr>'
    ))


def docx_from_report(report: str | Path, path: Path) -> Path:
    """The report as Word would hold it: heading numbers in numbering.xml."""
    source, name = _source(report)
    starts = {s.start: s for s in source.walk() if s.kind == "heading"}
    document = docx.Document()
    set_numbering(document)
    document.add_paragraph(source.title)
    pos = 0
    for line in source.text.split("\n"):
        section = starts.get(pos)
        if section is not None:
            paragraph = document.add_paragraph(line[len(section.number):].lstrip())
            # two list instances of one abstract numbering continue each other, as in Word
            number(paragraph, 3 if section.level == 1 and section.id in ("1", "2") else 4,
                   section.level - 1)
        else:
            document.add_paragraph(line)
        pos += len(line) + 1
    document.sections[0].header.paragraphs[0].text = "某某省人民政府文件"
    document.sections[0].footer.paragraphs[0].text = "- 1 -"
    out = path / f"{name}.docx"
    document.save(out)
    return out
