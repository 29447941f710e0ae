"""Text PDFs made with reportlab (STSong-Light) read back as the report they were made from."""

from __future__ import annotations

from pathlib import Path

import pytest
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

from compare.errors import ReportError
from compare.parsing.pipeline import parse_file

from .conftest import CORPUS
from .support.documents import Writer, pdf_from_report


@pytest.mark.parametrize("name", ["guangzhou-tianhe-water-2022", "jurong-huangmei-2021", "zhejiang-2026"])
def test_pdf_parses_like_its_text(tmp_path: Path, name: str) -> None:
    text = parse_file(CORPUS / f"{name}.txt", use_manifest=False)
    pdf = parse_file(pdf_from_report(name, tmp_path), use_manifest=False)
    assert pdf.format == "pdf" and pdf.pages >= 3
    assert [(s.id, s.title) for s in pdf.walk()] == [(s.id, s.title) for s in text.walk()]
    assert [s.text for s in pdf.sentences()] == [s.text for s in text.sentences()]
    furniture = [r.text for r in pdf.removed if r.kind == "page"]
    assert f"- {pdf.pages} -" in furniture and len(furniture) == 2 * pdf.pages
    assert "文件" not in pdf.text.split("\n")[0]


def test_statistics_table_in_a_pdf_is_a_table(tmp_path: Path) -> None:
    name = "guangzhou-tianhe-water-2022"
    text = parse_file(CORPUS / f"{name}.txt", use_manifest=False)
    pdf = parse_file(pdf_from_report(name, tmp_path, statistics=True), use_manifest=False)
    assert [s.title for s in pdf.walk()] == [s.title for s in text.walk()]
    (table,) = pdf.tables
    assert ["三、本年度办理结果", "（三）不予公开", "1.属于国家秘密", "0"] in table.rows
    assert ["一、本年新收政府信息公开申请数量"] * 3 + ["12"] in table.rows
    assert pdf.section_at(table.start).id == text.section_at(text.text.index(text.text.split("\n")[3])).id


def test_figures_are_never_split_across_wrapped_lines(tmp_path: Path) -> None:
    out = tmp_path / "figures.pdf"
    writer = Writer(out, "某某县人民政府")
    writer.paragraph("一、主要成效")
    # the figure falls across the right margin: 2.3亿 on one line, 元 on the next
    writer.paragraph("全年完成固定资产投资" + "共计" * 14 + "2.3亿元，同比增长百分之五点二，完成年度目标任务。")
    writer.save()
    doc = parse_file(out, use_manifest=False)
    assert "2.3亿元" in doc.text
    assert "\n" not in doc.section("1").sentences[0].text


def test_scanned_pdf_without_text_is_one_clear_line(tmp_path: Path) -> None:
    out = tmp_path / "scan.pdf"
    c = canvas.Canvas(str(out), pagesize=A4)
    for _ in range(2):
        c.rect(72, 72, 400, 600, fill=1)  # a page that is only a picture
        c.showPage()
    c.save()
    with pytest.raises(ReportError) as err:
        parse_file(out, use_manifest=False)
    assert "scanned PDF with no text layer" in err.value.message and "\n" not in err.value.message
