"""A title set in large type that wraps onto a second line is the whole title (user test s26
item 10: a centred 20-pt PDF title kept only its first line, …情况的, in parse, diff, the HTML
page and the annotation file)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer

from compare.cli import main
from compare.parsing.pipeline import parse_file

from .support.qinghe import report, write

FONT = "STSong-Light"


def pdf(path: Path, year: int, title_size: int) -> Path:
    pdfmetrics.registerFont(UnicodeCIDFont(FONT))
    title, chapters, _table = report(year)
    story = [Paragraph(title, ParagraphStyle("t", fontName=FONT, fontSize=title_size,
                                             leading=title_size * 1.4, alignment=TA_CENTER)),
             Spacer(1, 12)]
    body = ParagraphStyle("b", fontName=FONT, fontSize=12, leading=20, firstLineIndent=24)
    for heading, sections in chapters:
        story.append(Paragraph(heading, ParagraphStyle("h", fontName=FONT, fontSize=15, leading=22)))
        for sub, sentences in sections:
            story += [Paragraph(sub, body), Paragraph("".join(sentences), body)]
    SimpleDocTemplate(str(path), pagesize=A4).build(story)
    return path


@pytest.mark.parametrize("size", [20, 22])
def test_a_centred_title_wrapping_onto_two_lines_is_whole(tmp_path: Path, size: int, capsys) -> None:
    old, new = pdf(tmp_path / "qinghe-2024.pdf", 2024, size), pdf(tmp_path / "qinghe-2025.pdf", 2025, size)
    doc = parse_file(old)
    assert sum(r.kind == "title" for r in doc.removed) == 2  # it did wrap
    assert doc.title == "青禾区人民政府关于2024年度法治政府建设情况的报告"
    assert doc.agency == "青禾区人民政府"
    capsys.readouterr()
    assert main(["diff", str(old), str(new), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["right"]["title"] == "青禾区人民政府关于2025年度法治政府建设情况的报告"


@pytest.mark.parametrize("first, rest", [
    ("青禾区人民政府关于2024年度法治政府建设情况的", "报告"),
    ("青禾区人民政府关于2024年度法治政府建设", "情况的报告"),  # no title word on the first line
])
def test_a_title_broken_across_two_lines_of_a_text_file_is_whole(tmp_path: Path, first: str, rest: str) -> None:
    _title, chapters, _table = report(2024)
    lines = [first, rest] + [line for heading, sections in chapters
                             for line in [heading, *(x for sub, s in sections for x in (sub, "".join(s)))]]
    doc = parse_file(write(tmp_path / "qinghe-2024.txt", "\n".join(lines) + "\n"))
    assert doc.title == first + rest
    assert [s.title for s in doc.walk()][0] == "一、2024年度法治政府建设主要成效"


def test_two_title_lines_each_whole_are_not_joined(tmp_path: Path) -> None:
    # a page's headline and the speech's own title line: each ends as a title does
    text = "2026年青禾区政府工作报告\n政府工作报告\n各位代表：现在，我代表区人民政府，向大会报告工作，请予审议。\n一、2025年工作回顾\n全区生产总值增长5.5%。\n"
    doc = parse_file(write(tmp_path / "qinghe-2026.txt", text))
    assert doc.title == "2026年青禾区政府工作报告"
