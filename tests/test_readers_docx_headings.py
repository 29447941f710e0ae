"""A .docx whose headings are marked by Word itself (heading styles, outline levels), numbered or
not, parses to the tree a reader of the document sees (a user test, session 24: a report with
Heading 1/2 styles and no typed numbers came out as one preamble holding every heading)."""

from __future__ import annotations

import json
from pathlib import Path

import docx
from docx.enum.style import WD_STYLE_TYPE
from docx.oxml import parse_xml

from compare.cli import main
from compare.parsing.pipeline import parse_file

from .support.documents import W


def _tree(path: Path) -> list[tuple[str, str]]:
    doc = parse_file(path, use_manifest=False)
    return [(s.id, s.title) for s in doc.walk() if s.kind == "heading"]


def _styled_report(path: Path, year: int, figures: tuple[str, str], heading=None) -> Path:
    """A 法治政府建设 report with Heading 1/2 styles and no typed numbers; the plan items are a
    Word numbered list (List Number, w:numPr)."""
    d = docx.Document()
    d.add_heading(f"青禾区人民政府关于{year}年度法治政府建设情况的报告", 0)
    d.add_paragraph(f"{year}年，青禾区人民政府扎实推进法治政府建设各项工作。现将有关情况报告如下：")
    add = heading or (lambda text, level: d.add_heading(text, level))
    add("主要举措和成效", 1)
    add("依法全面履行政府职能", 2)
    d.add_paragraph(f"全年取消和下放行政审批事项{figures[0]}，政务服务事项网上可办率达到{figures[1]}。")
    add("严格规范公正文明执法", 2)
    d.add_paragraph("在全部8个镇街设立综合执法队，下沉执法人员126名。")
    add("存在的不足", 1)
    d.add_paragraph("行政复议案件数量增长较快，办案力量不足。")
    add(f"{year + 1}年工作安排", 1)
    for item in ["谋划法治政府建设规划，上半年完成编制。", "推进行政执法监督体系建设，年内实现平台全覆盖。"]:
        d.add_paragraph(item, style="List Number")
    d.add_paragraph("青禾区人民政府")
    d.add_paragraph(f"{year + 1}年1月22日")
    d.save(path)
    return path


STYLED_TREE = [
    ("1", "主要举措和成效"), ("1.1", "依法全面履行政府职能"), ("1.2", "严格规范公正文明执法"),
    ("2", "存在的不足"), ("3", "2026年工作安排"),
]  # (the plan's list items, one full sentence each, are its sentences: user test s26 item 5)


def test_heading_styles_without_numbers_are_the_sections(tmp_path: Path) -> None:
    path = _styled_report(tmp_path / "styles2025.docx", 2025, ("17项", "98.2%"))
    assert _tree(path) == STYLED_TREE  # the list items sit under their heading, never above it
    doc = parse_file(path, use_manifest=False)
    assert doc.title == "青禾区人民政府关于2025年度法治政府建设情况的报告"
    assert [s.text for s in doc.sections[0].sentences] == [  # the preamble: its own words only
        "2025年，青禾区人民政府扎实推进法治政府建设各项工作。", "现将有关情况报告如下："]
    assert [s.text for s in doc.section("1.1").sentences] == [
        "全年取消和下放行政审批事项17项，政务服务事项网上可办率达到98.2%。"]
    assert [s.text for s in doc.section("3").sentences] == [
        "1. 谋划法治政府建设规划，上半年完成编制。", "2. 推进行政执法监督体系建设，年内实现平台全覆盖。"]


def test_diff_of_styled_reports_pairs_sections_and_shows_the_figure_change(tmp_path: Path, capsys) -> None:
    old = _styled_report(tmp_path / "qinghe-2024.docx", 2024, ("23项", "96.5%"))
    new = _styled_report(tmp_path / "qinghe-2025.docx", 2025, ("17项", "98.2%"))
    capsys.readouterr()
    assert main(["diff", str(old), str(new), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    figures = {(f["old"], f["new"]): (s["left_id"], s["right_id"]) for s in data["sections"]
               for c in s["changes"] for f in c.get("figures") or []}
    # both figures changed in 1.1 依法全面履行政府职能, a section of its own in both years
    assert figures[("23项", "17项")] == figures[("96.5%", "98.2%")] == ("1.1", "1.1")


def _style(d, name: str, xml_ppr: str = "", based: str | None = None):
    style = d.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
    if based:
        style.base_style = d.styles[based]
    if xml_ppr:
        style.element.get_or_add_pPr().append(parse_xml(xml_ppr))
    return style


def test_chinese_heading_style_names_and_outline_levels_mark_headings(tmp_path: Path) -> None:
    # 标题 1 / 标题 2 as a Chinese Word or WPS names them, with no outline level written: the
    # level of the name; a custom style 章标题 with w:outlineLvl, and one based on it
    d = docx.Document()
    _style(d, "标题 1")
    _style(d, "标题 2")
    _style(d, "章标题", f'<w:outlineLvl {W} w:val="0"/>')
    _style(d, "附录标题", based="章标题")
    d.add_paragraph("2025年，区司法局扎实推进法治政府建设。现将有关情况报告如下：")
    d.add_paragraph("主要举措和成效", style="标题 1")
    d.add_paragraph("依法全面履行政府职能", style="标题 2")
    d.add_paragraph("全年取消和下放行政审批事项17项。")
    d.add_paragraph("存在的不足", style="章标题")
    d.add_paragraph("办案力量不足。")
    d.add_paragraph("工作安排", style="附录标题")
    d.add_paragraph("年内实现平台全覆盖。")
    outlined = d.add_paragraph("附件说明")  # Normal style, outline level on the paragraph itself
    outlined._p.get_or_add_pPr().append(parse_xml(f'<w:outlineLvl {W} w:val="0"/>'))
    d.add_paragraph("附件一份。")
    body = d.add_paragraph("这一段用标题样式但大纲级别为正文。", style="标题 2")  # level 9: body text
    body._p.get_or_add_pPr().append(parse_xml(f'<w:outlineLvl {W} w:val="9"/>'))
    out = tmp_path / "cn-styles.docx"
    d.save(out)
    assert _tree(out) == [("1", "主要举措和成效"), ("1.1", "依法全面履行政府职能"), ("2", "存在的不足"),
                          ("3", "工作安排"), ("4", "附件说明")]
    doc = parse_file(out, use_manifest=False)
    assert doc.section("4").sentences[-1].text == "这一段用标题样式但大纲级别为正文。"


def test_typed_numbers_and_styles_mixed(tmp_path: Path) -> None:
    # chapters styled Heading 1 and typed 一、; sections typed （一） in body text; a styled
    # Heading 2 without a number: each keeps its place under its chapter
    d = docx.Document()
    d.add_paragraph("2025年，区司法局扎实推进法治政府建设。现将有关情况报告如下：")
    d.add_heading("一、主要举措和成效", 1)
    d.add_paragraph("（一）依法全面履行政府职能")
    d.add_paragraph("全年取消和下放行政审批事项17项。")
    d.add_paragraph("（二）严格规范公正文明执法")
    d.add_paragraph("下沉执法人员126名。")
    d.add_heading("二、存在的不足", 1)
    d.add_heading("基层执法力量", 2)
    d.add_paragraph("基层执法力量相对薄弱。")
    d.add_heading("三、2026年工作安排", 1)
    d.add_paragraph("1.推进行政执法监督体系建设。")
    out = tmp_path / "mixed.docx"
    d.save(out)
    assert _tree(out) == [("1", "一、主要举措和成效"), ("1.1", "（一）依法全面履行政府职能"),
                          ("1.2", "（二）严格规范公正文明执法"), ("2", "二、存在的不足"),
                          ("2.1", "基层执法力量"), ("3", "三、2026年工作安排")]
    # a 1. item that is one full sentence with nothing under it is the chapter's sentence
    assert [s.text for s in parse_file(out, use_manifest=False).section("3").sentences] == ["1.推进行政执法监督体系建设。"]


def test_a_title_styled_as_the_only_heading_1_stays_the_title(tmp_path: Path) -> None:
    # the title in 标题 1 over typed chapters: read as without styles (title, then 一、 二、)
    def make(styled: bool) -> Path:
        d = docx.Document()
        title = "青禾区人民政府关于2025年度法治政府建设情况的报告"
        d.add_heading(title, 1) if styled else d.add_paragraph(title)
        d.add_paragraph("2025年，区政府扎实推进法治政府建设。现将有关情况报告如下：")
        d.add_paragraph("一、主要举措和成效")
        d.add_paragraph("全年取消和下放行政审批事项17项。")
        d.add_paragraph("二、存在的不足")
        d.add_paragraph("办案力量不足。")
        out = tmp_path / f"title-{styled}.docx"
        d.save(out)
        return out

    plain, styled = make(False), make(True)
    assert _tree(styled) == _tree(plain) == [("1", "一、主要举措和成效"), ("2", "二、存在的不足")]
    assert parse_file(styled, use_manifest=False).title == "青禾区人民政府关于2025年度法治政府建设情况的报告"
