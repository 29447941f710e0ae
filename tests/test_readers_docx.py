"""Word .docx files made with python-docx read as Word shows them (numbering, boxes, changes)."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest
from docx.oxml import parse_xml

from compare.errors import ReportError
from compare.parsing.loading import load_bytes
from compare.parsing.pipeline import parse_file
from compare.parsing.readers.docx import chinese_counting, format_number

from .conftest import CORPUS
from .support.documents import W, docx_from_report, number, set_numbering


@pytest.mark.parametrize("name", ["zhejiang-2026", "sichuan-2026"])
def test_numbered_docx_parses_like_its_text(tmp_path: Path, name: str) -> None:
    text = parse_file(CORPUS / f"{name}.txt", use_manifest=False)
    word = parse_file(docx_from_report(name, tmp_path), use_manifest=False)
    assert [(s.id, s.title) for s in word.walk()] == [(s.id, s.title) for s in text.walk()]
    assert [s.text for s in word.sentences()] == [s.text for s in text.sentences()]
    assert "某某省人民政府文件" not in word.text and "- 1 -" not in word.raw


def test_start_override_restarts_a_list(tmp_path: Path) -> None:
    document = docx.Document()
    set_numbering(document)
    for num_id, text in [(3, "主要成效"), (3, "存在问题"), (5, "附件说明"), (5, "其他事项")]:
        number(document.add_paragraph(text), num_id, 0)
        document.add_paragraph("全年办理案件17件。")
    out = tmp_path / "restart.docx"
    document.save(out)
    lines = load_bytes(out.read_bytes(), str(out)).text.split("\n")
    assert [line for line in lines if "、" in line] == ["一、主要成效", "二、存在问题", "一、附件说明", "二、其他事项"]


def test_text_box_once_tracked_changes_accepted_table_kept(tmp_path: Path) -> None:
    document = docx.Document()
    box = "<w:p {W}><w:r><w:t>专栏：全年新增法律顾问12名。</w:t></w:r></w:p>"
    host = document.add_paragraph("2023年，我局依法履职。")
    host._p.append(parse_xml(
        f"""<w:r {W} xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"
        xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"
        xmlns:v="urn:schemas-microsoft-com:vml"><mc:AlternateContent>
        <mc:Choice Requires="wps"><w:drawing><wps:txbx><w:txbxContent>{box.format(W=W)}</w:txbxContent>
        </wps:txbx></w:drawing></mc:Choice>
        <mc:Fallback><w:pict><v:textbox><w:txbxContent>{box.format(W=W)}</w:txbxContent></v:textbox>
        </w:pict></mc:Fallback></mc:AlternateContent></w:r>"""
    ))
    changed = document.add_paragraph("审查文件")
    changed._p.append(parse_xml(f'<w:del {W} w:id="1" w:author="a"><w:r><w:delText>12</w:delText></w:r></w:del>'))
    changed._p.append(parse_xml(f'<w:ins {W} w:id="2" w:author="a"><w:r><w:t>15</w:t></w:r></w:ins>'))
    changed._p.append(parse_xml(f'<w:r {W}><w:t>件。</w:t></w:r>'))
    table = document.add_table(rows=3, cols=3)
    table.cell(0, 0).merge(table.cell(0, 2)).text = "行政复议"
    table.cell(1, 0).merge(table.cell(2, 0)).text = "结果"
    for r, c, value in [(1, 1, "维持"), (1, 2, "2"), (2, 1, "纠正"), (2, 2, "1")]:
        table.cell(r, c).text = value
    out = tmp_path / "mixed.docx"
    document.save(out)
    doc = parse_file(out, use_manifest=False)
    assert doc.text.count("专栏：全年新增法律顾问12名。") == 1
    assert "审查文件15件。" in doc.text and "12件" not in doc.text
    assert [t.rows for t in doc.tables] == [[
        ["行政复议", "行政复议", "行政复议"], ["结果", "维持", "2"], ["结果", "纠正", "1"],
    ]]


@pytest.mark.parametrize(
    "n, fmt, shown",
    [(1, "chineseCounting", "一"), (10, "chineseCounting", "十"), (11, "chineseCounting", "十一"),
     (21, "chineseCounting", "二十一"), (105, "chineseCounting", "一百零五"),
     (3, "decimalEnclosedCircle", "③"), (2, "ideographTraditional", "乙"),
     (4, "upperRoman", "IV"), (28, "lowerLetter", "bb"), (5, "bullet", "")],
)
def test_number_formats(n: int, fmt: str, shown: str) -> None:
    assert format_number(n, fmt) == shown
    assert chinese_counting(20) == "二十"


@pytest.mark.parametrize("name", ["report.doc", "report.wps"])
def test_legacy_word_and_wps_files_get_one_clear_line(name: str) -> None:
    ole = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600)
    with pytest.raises(ReportError) as err:
        load_bytes(ole, name)
    assert "save it as .docx or PDF" in err.value.message and ".doc/.wps" in err.value.message


def test_numbering_through_heading_styles_and_a_numbering_style(tmp_path: Path) -> None:
    """Headings numbered by their paragraph style, whose list names a numbering style
    (w:numStyleLink → w:styleLink), as Word writes a multilevel list tied to Heading 1/2."""
    document = docx.Document()
    set_numbering(document, f"""<w:numbering {W}>
      <w:abstractNum w:abstractNumId="1"><w:styleLink w:val="ReportList"/>
       <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/></w:lvl>
       <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="（%2）"/></w:lvl>
      </w:abstractNum>
      <w:abstractNum w:abstractNumId="2"><w:numStyleLink w:val="ReportList"/></w:abstractNum>
      <w:num w:numId="1"><w:abstractNumId w:val="1"/></w:num>
      <w:num w:numId="2"><w:abstractNumId w:val="2"/></w:num>
    </w:numbering>""")
    styles = document.styles.element
    styles.append(parse_xml(
        f'<w:style {W} w:type="numbering" w:styleId="ReportList"><w:name w:val="Report List"/>'
        '<w:pPr><w:numPr><w:numId w:val="1"/></w:numPr></w:pPr></w:style>'))
    for style_id, level in (("Heading1", 0), ("Heading2", 1)):
        style = next(s for s in styles.iter(f"{{{W[9:-1]}}}style") if s.get(f"{{{W[9:-1]}}}styleId") == style_id)
        style.get_or_add_pPr().append(parse_xml(
            f'<w:numPr {W}><w:ilvl w:val="{level}"/><w:numId w:val="2"/></w:numPr>'))
    document.add_paragraph("2023年，我局依法行政，现将有关情况报告如下：")
    for text, style in [("主要成效", "Heading 1"), ("完善制度", "Heading 2"), ("规范执法", "Heading 2"),
                        ("存在不足", "Heading 1"), ("队伍建设", "Heading 2")]:
        document.add_paragraph(text, style=style)
        document.add_paragraph("全年办理案件17件。")
    out = tmp_path / "styles.docx"
    document.save(out)
    doc = parse_file(out, use_manifest=False)
    assert [s.title for s in doc.walk() if s.kind == "heading"] == [
        "一、主要成效", "（一）完善制度", "（二）规范执法", "二、存在不足", "（一）队伍建设",
    ]


def test_strict_open_xml_docx_reads_like_transitional(tmp_path: Path) -> None:
    import zipfile

    source = docx_from_report("sichuan-2026", tmp_path)
    strict = tmp_path / "strict.docx"
    with zipfile.ZipFile(source) as zin, zipfile.ZipFile(strict, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            data = zin.read(item)
            if item.filename.endswith(".xml"):
                data = data.replace(b"http://schemas.openxmlformats.org/wordprocessingml/2006/main",
                                    b"http://purl.oclc.org/ooxml/wordprocessingml/main")
            zout.writestr(item, data)
    a, b = parse_file(source, use_manifest=False), parse_file(strict, use_manifest=False)
    assert b.text == a.text and [s.title for s in b.walk()] == [s.title for s in a.walk()]


@pytest.mark.parametrize("styled_chapters", [True, False])
def test_list_counted_on_across_chapters_is_one_level_throughout(tmp_path: Path, styled_chapters: bool) -> None:
    # one Word list (numPr on each paragraph, level 1. of the 一、/（一）/1. numbering) whose
    # items run on from chapter 一 into chapter 二 (4. 5. under 二): every item is a
    # subsection of its chapter, whether the chapters are Heading 1 or typed paragraphs
    document = docx.Document()
    set_numbering(document)
    document.add_paragraph("某某县司法局关于2023年法治政府建设情况的报告")
    # (items without a stop: an item that is one full sentence is body text, user test s26 item 5)
    items = {"一、主要工作": ["办理行政复议案件", "审查规范性文件", "开展行政执法人员培训"],
             "二、下一步工作": ["培训执法人员", "建立涉企行政检查白名单制度"]}
    for chapter, texts in items.items():
        if styled_chapters:
            document.add_heading(chapter, 1)
        else:
            document.add_paragraph(chapter)
        for text in texts:
            number(document.add_paragraph(text), 4, 2)
    path = tmp_path / "list.docx"
    document.save(path)
    doc = parse_file(path)
    tree = [(s.id, s.number) for s in doc.walk() if s.kind == "heading"]
    assert tree == [("1", "一、"), ("1.1", "1."), ("1.2", "2."), ("1.3", "3."),
                    ("2", "二、"), ("2.1", "4."), ("2.2", "5.")]
