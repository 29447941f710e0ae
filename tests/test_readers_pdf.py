"""Text PDFs made with reportlab (STSong-Light) read back as the report they were made from."""

from __future__ import annotations

from pathlib import Path

import pytest
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas
from reportlab.platypus import Table, TableStyle

from compare.errors import ReportError
from compare.parsing.corpus import list_reports
from compare.parsing.pipeline import parse_file
from compare.tui.folders import report_files

from .conftest import CORPUS
from .support.documents import FONT, LEFT, SIZE, Writer, pdf_flowed_from_report, pdf_from_report, wrap


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


@pytest.mark.parametrize("justified", [False, True])
@pytest.mark.parametrize("name", ["guangzhou-tianhe-water-2022", "zhejiang-2026", "jilin-2026"])
def test_ragged_right_pdf_parses_like_its_text(tmp_path: Path, name: str, justified: bool) -> None:
    # platypus Paragraphs, first-line indent, CJK wrap: full lines end up to a character short of
    # the margin, some hang punctuation past it; numbered paragraphs (1. / 一是) wrap mid-sentence
    text = parse_file(CORPUS / f"{name}.txt", use_manifest=False)
    pdf = parse_file(pdf_flowed_from_report(name, tmp_path, justified), use_manifest=False)
    assert [s.title for s in pdf.walk()] == [s.title for s in text.walk()]
    assert [s.text for s in pdf.sentences()] == [s.text for s in text.sentences()]


def test_short_numbered_line_is_its_own_but_a_full_one_goes_on(tmp_path: Path) -> None:
    out = tmp_path / "numbered.pdf"
    c = canvas.Canvas(str(out), pagesize=A4)
    body = ("1.深入学习贯彻习近平法治思想。局党组深入学习贯彻党的二十大精神、党的二十大报告关于推进全面"
            "依法治国重大决策部署精神，加快推进落实依法治国各项任务。")
    lines = ["一、主要举措和成效", "（一）加强思想政治建设", *wrap(body, 0), "一是优化执法科室人员配备。",
             *wrap("二是深入推进镇街综合行政执法改革，强化业务培训指导，与属地街道共同构筑水安全保护的牢固屏障。", 0)]
    assert len(lines) == 7  # both numbered paragraphs wrap; no line is indented
    for i, line in enumerate(lines):
        c.setFont(FONT, SIZE)
        c.drawString(LEFT, 700 - 20 * i, line)
    c.save()
    paragraphs = ["一、主要举措和成效", "（一）加强思想政治建设", body, "一是优化执法科室人员配备。",
                  "二是深入推进镇街综合行政执法改革，强化业务培训指导，与属地街道共同构筑水安全保护的牢固屏障。"]
    (tmp_path / "numbered.txt").write_text("\n".join(paragraphs), encoding="utf-8")
    text = parse_file(tmp_path / "numbered.txt", use_manifest=False)
    doc = parse_file(out, use_manifest=False)
    assert doc.text.split("\n") == paragraphs
    assert [s.title for s in doc.walk()] == [s.title for s in text.walk()]
    assert "（一）加强思想政治建设" in [s.title for s in doc.walk()]


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


def test_justified_lines_are_not_spaced_out(tmp_path: Path) -> None:
    out = tmp_path / "justified.pdf"
    c = canvas.Canvas(str(out), pagesize=A4)
    for y, (spacing, line) in enumerate([(3.5, "一、主要成效"), (3.5, "全年审查规范性文件15件，增长2.3亿元。"),
                                         (0.0, "引入Global Positioning System定位执法车辆。")]):
        text = c.beginText(72, 700 - 20 * y)
        text.setFont("STSong-Light", 12)
        text.setCharSpace(spacing)  # a justified line: characters spread apart
        text.textLine(line)
        c.drawText(text)
    c.save()
    doc = parse_file(out, use_manifest=False)
    assert [s.title for s in doc.walk()] == ["一、主要成效"]
    assert [s.text for s in doc.sentences()] == [
        "全年审查规范性文件15件，增长2.3亿元。", "引入Global Positioning System定位执法车辆。",
    ]


@pytest.mark.parametrize("spacing", [6.0, 7.5, 12.0])  # points at 12 pt: half a character and more
def test_letter_spaced_lines_read_as_their_words(tmp_path: Path, spacing: float) -> None:
    """User test s25b item 7: a line set with character spacing of half a character read
    `12344公里` as `123 44公里` and `92.5%` as `92.5 %` (a space wherever a gap's rounding
    tipped it over half a character), so `diff` paired 123 → 135 and 44公里 → 20公里."""
    out = tmp_path / "spaced.pdf"
    c = canvas.Canvas(str(out), pagesize=A4)
    lines = [(0.0, "一、主要成效"), (spacing, "网上可办率达到92.5%，新建高速公路12344公里。"),
             (spacing, "引入Global Positioning System定位执法车辆1 200辆。")]
    for y, (tracking, line) in enumerate(lines):
        text = c.beginText(72, 700 - 20 * y)
        text.setFont("STSong-Light", 12)
        text.setCharSpace(tracking)
        text.textLine(line)
        c.drawText(text)
    # columns of a table without rules, drawn apart: their gaps are no letter spacing
    for x, cell in zip((72, 200, 300, 400), ("行政复议", "120", "86", "34")):
        c.setFont("STSong-Light", 12)
        c.drawString(x, 620, cell)
    c.save()
    doc = parse_file(out, use_manifest=False)
    assert [s.text for s in doc.sentences()][:2] == [
        "网上可办率达到92.5%，新建高速公路12344公里。",
        "引入Global Positioning System定位执法车辆1 200辆。",  # the PDF's own spaces kept
    ]
    assert "行政复议 120 86 34" in doc.text


def _cut_pdf(path: Path, paragraphs: list[str], indent: float, width: int = 20) -> None:
    """A text-to-PDF converter's page: every paragraph cut every `width` characters, its first
    line indented by `indent` points."""
    c = canvas.Canvas(str(path), pagesize=A4)
    y = 780
    for paragraph in paragraphs:
        for j in range(0, len(paragraph), width):
            c.setFont("STSong-Light", 12)
            c.drawString(60 + (indent if j == 0 else 0), y, paragraph[j:j + width])
            y -= 20
    c.save()


SENTENCE_AT_CUT = "全面推行行政执法公示制度、执法全程记录。"  # 20 characters: ends exactly at the cut
PARAGRAPHS = [
    "一、主要工作",
    "全年办理行政复议案件4120件，直接纠错率为12.3%，同比提高1.5个百分点。",
    SENTENCE_AT_CUT + "全年组织行政执法人员培训3200人次。",
    "二、存在的问题",
    "一是法治意识有待进一步提高；二是基层执法队伍专业化水平有待提升。",
    "三是行政复议化解行政争议主渠道作用发挥还不够充分。",
]


def test_a_sentence_ending_at_the_cut_goes_on_when_paragraphs_are_indented(tmp_path: Path) -> None:
    """User test s25b item 11: 「…法制审核制度。」 filling its line exactly and 「全年组织…」 at the
    margin below were two paragraphs, although every paragraph of the page starts indented."""
    out = tmp_path / "indented.pdf"
    _cut_pdf(out, PARAGRAPHS, indent=24)
    doc = parse_file(out, use_manifest=False)
    assert SENTENCE_AT_CUT + "全年组织行政执法人员培训3200人次。" in doc.text.split("\n")
    assert len(doc.text.split("\n")) == len(PARAGRAPHS)


def test_block_paragraphs_keep_a_sentence_at_the_cut_as_their_end(tmp_path: Path) -> None:
    """Without first-line indents a line at the margin after a full sentence starts a paragraph."""
    out = tmp_path / "block.pdf"
    _cut_pdf(out, PARAGRAPHS, indent=0)
    lines = parse_file(out, use_manifest=False).text.split("\n")
    assert SENTENCE_AT_CUT in lines and "全年组织行政执法人员培训3200人次。" in lines


def test_a_table_going_on_after_a_page_break_is_one_table(tmp_path: Path) -> None:
    out = tmp_path / "long-table.pdf"
    writer = Writer(out, "某某县人民政府")
    writer.paragraph("一、主动公开政府信息情况")
    rows = [["信息内容", "本年制发件数", "本年废止件数"]] + [[f"类别{i}", str(i), "0"] for i in range(1, 9)]
    for part in (rows[:5], rows[5:]):
        grid = Table(part, colWidths=[150, 100, 100])
        grid.setStyle(TableStyle([("FONT", (0, 0), (-1, -1), "STSong-Light", 9),
                                  ("GRID", (0, 0), (-1, -1), 0.5, "black")]))
        _, height = grid.wrapOn(writer.c, 400, 600)
        grid.drawOn(writer.c, 72, writer.y - height)
        writer.new_page()
    writer.paragraph("二、存在的不足")
    writer.save()
    doc = parse_file(out, use_manifest=False)
    (table,) = doc.tables
    assert table.rows == rows and table.section_id == "1"


def test_pdf_reports_are_listed_with_the_others(tmp_path: Path) -> None:
    pdf = pdf_from_report("jurong-huangmei-2021", tmp_path)
    (tmp_path / "notes.md").write_text("not a report", encoding="utf-8")
    assert [e.path for e in list_reports(tmp_path)] == [pdf]
    assert report_files(tmp_path) == [pdf]


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


def test_a_framed_paragraph_and_an_empty_frame_are_not_tables(tmp_path: Path) -> None:
    # a boxed 专栏 (one ruled cell around a paragraph) and a ruled grid with nothing in it: the
    # paragraph stays text in its section, and no table appears
    out = tmp_path / "boxed.pdf"
    writer = Writer(out, "某某区人民政府文件")
    writer.paragraph("一、主要成效")
    writer.paragraph("全年办理行政复议案件36件。")
    boxed = "专栏：全年新建口袋公园12个，改造老旧小区45个。"
    for rows in ([[boxed]], [["", ""], ["", ""]]):
        table = Table(rows, colWidths=[400] if len(rows) == 1 else [200, 200], rowHeights=24)
        table.setStyle(TableStyle([("FONT", (0, 0), (-1, -1), FONT, SIZE),
                                   ("GRID", (0, 0), (-1, -1), 0.5, "black")]))
        _, height = table.wrapOn(writer.c, 420, writer.y)
        table.drawOn(writer.c, LEFT, writer.y - height)
        writer.y -= height + 20
    writer.paragraph("二、存在问题")
    writer.paragraph("执法力量不足。")
    writer.save()
    doc = parse_file(out, use_manifest=False)
    assert doc.tables == []
    assert boxed in [s.text for s in doc.section("1").sentences]
    assert [s.title for s in doc.walk()] == ["一、主要成效", "二、存在问题"]


def test_a_centred_title_and_one_line_paragraphs_keep_their_breaks(tmp_path: Path) -> None:
    # a district report as reportlab lays it out: a centred 16-point title nearly as wide as the
    # text over an indented 12-point paragraph, and mostly one-line paragraphs, so the indent
    # (缩进两字) is the most common start of a line. The title was read as the first line of the
    # paragraph (title and agency lost), and a paragraph after a full line as its continuation
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import Paragraph, SimpleDocTemplate

    title = "青溪区人民政府关于2023年度法治政府建设情况的报告"
    paragraphs = [
        "2023年，青溪区人民政府在市委、市政府和区委的坚强领导下，深入学习贯彻习近平法治思想，"
        "全面落实《法治政府建设实施纲要（2021－2025年）》，扎实推进法治政府建设。现将有关情况报告如下：",
        "一、2023年法治政府建设主要举措和成效",
        "（一）依法全面履行政府职能",
        "全年取消行政许可事项12项，政务服务事项网上可办率达到95.6%，全区新登记市场主体3560户。",
        "清理涉企规范性文件43件，废止7件。",
        "（二）严格规范公正文明执法",
        "全区行政处罚案件1280件，罚没款2360万元。",
        "二、2024年工作计划",
        "（一）推进智慧执法平台建设，2024年底前实现执法案件网上办理率90%。",
        "（二）新建村（社区）法律顾问室30个，实现法律顾问全覆盖。",
    ]
    source = tmp_path / "qingxi-2023.txt"
    source.write_text("\n".join([title, "", *paragraphs]) + "\n", encoding="utf-8")
    body = ParagraphStyle("body", fontName=FONT, fontSize=12, leading=20, firstLineIndent=24,
                          wordWrap="CJK")
    heading = ParagraphStyle("title", fontName=FONT, fontSize=16, leading=26, alignment=1)
    pdf_path = tmp_path / "qingxi-2023.pdf"
    SimpleDocTemplate(str(pdf_path), pagesize=A4).build(
        [Paragraph(title, heading), *(Paragraph(p, body) for p in paragraphs)])
    text, pdf = parse_file(source), parse_file(pdf_path)
    assert (pdf.title, pdf.agency, pdf.year) == (title, "青溪区人民政府", 2023)
    assert [s.title for s in pdf.walk()] == [s.title for s in text.walk()]
    assert [s.text for s in pdf.sentences()] == [s.text for s in text.sentences()]


def test_a_signature_broken_by_a_page_break_is_still_the_signature(tmp_path: Path) -> None:
    # the issuing body at the foot of one page, the date at the head of the next: the page's
    # number and running header between them kept the body's name in the text (a user test)
    from .support.documents import BOTTOM, LEADING

    path = tmp_path / "signed.pdf"
    w = Writer(path, "青溪区人民政府文件")
    w.paragraph("青溪区人民政府关于2023年度法治政府建设情况的报告")
    w.paragraph("一、主要成效")
    while w.y >= BOTTOM + LEADING:
        w.paragraph("全年办理行政复议案件56件，行政机关负责人出庭应诉率达到100%。")
    w.paragraph("青溪区人民政府")
    w.new_page()
    w.paragraph("2024年1月15日")
    w.save()
    doc = parse_file(path)
    assert doc.text.rstrip().endswith("出庭应诉率达到100%。")
    assert [r.kind for r in doc.removed if r.kind == "signature"] == ["signature", "signature"]


# -- a numbered heading at the start of a line is a line of its own, whatever the layout -------

_TITLE = "某某市人民政府2022年法治政府建设情况报告"
_SHORT = [_TITLE, "一、主要工作", "全年办理行政复议案件4120件。", "培训执法人员3200人次。", "二、存在的问题",
          "法治意识有待提高。", "三、下一步工作安排", "加强执法监督。"]


def _draw(path: Path, lines: list[str], size: float = SIZE) -> Path:
    c = canvas.Canvas(str(path), pagesize=A4)
    for i, line in enumerate(lines):  # every line at the left margin, all in one size
        c.setFont(FONT, size)
        c.drawString(LEFT, 760 - 1.6 * size * i, line)
    c.save()
    return path


def _title_and_chapters(doc) -> tuple[str, list[str]]:
    return doc.title, [s.title for s in doc.walk() if s.kind == "heading"]


def test_title_at_the_margin_in_the_body_size_is_not_joined_to_the_first_chapter(tmp_path: Path) -> None:
    # the title is the longest line, so it reads as full: 「…情况报告一、主要工作」 was one paragraph
    doc = parse_file(_draw(tmp_path / "short.pdf", _SHORT), use_manifest=False)
    assert _title_and_chapters(doc) == (_TITLE, ["一、主要工作", "二、存在的问题", "三、下一步工作安排"])
    assert (doc.agency, doc.year) == ("某某市人民政府", 2022)


@pytest.mark.parametrize("suffix", [".txt", ".docx"])
def test_a_short_title_line_before_the_first_chapter_in_text_and_word(tmp_path: Path, suffix: str) -> None:
    path = tmp_path / f"short{suffix}"
    if suffix == ".txt":
        path.write_text("\n".join(_SHORT) + "\n", encoding="utf-8")
    else:
        import docx

        document = docx.Document()
        for line in _SHORT:
            document.add_paragraph(line)
        document.save(str(path))
    doc = parse_file(path, use_manifest=False)
    assert _title_and_chapters(doc) == (_TITLE, ["一、主要工作", "二、存在的问题", "三、下一步工作安排"])


def test_title_cut_at_a_fixed_count_is_not_joined_to_the_first_chapter(tmp_path: Path) -> None:
    # a text-to-PDF converter cutting every 22 characters: the title has exactly 22
    body = "全面推行行政执法公示制度、执法全过程记录制度、重大执法决定法制审核制度，全年组织行政执法人员培训3200人次。"
    cut = [body[k:k + 22] for k in range(0, len(body), 22)]
    lines = [_TITLE, "一、主要工作", *cut, "二、存在的问题", *cut, "三、下一步工作安排", *cut]
    assert len(_TITLE) == 22
    doc = parse_file(_draw(tmp_path / "cut.pdf", lines, (A4[0] - 2 * LEFT) / 22), use_manifest=False)
    assert _title_and_chapters(doc) == (_TITLE, ["一、主要工作", "二、存在的问题", "三、下一步工作安排"])
    assert body in doc.text  # the cut sentence is one paragraph


def test_a_heading_filling_its_line_keeps_the_numbered_paragraph_below_apart(tmp_path: Path) -> None:
    heading = wrap("（一）坚持以习近平新时代中国特色社会主义思想为指导全面推进依法行政和法治政府建设各项工作落地见效", 0)[0]
    paragraph = "1.深入学习贯彻习近平法治思想。局党组深入学习贯彻党的二十大精神，加快推进落实依法治国各项任务。"
    lines = ["一、主要举措和成效", heading, *wrap(paragraph, 0), "二、存在的问题", *wrap(paragraph, 0)]
    assert len(wrap(heading + "加", 0)) == 2  # the heading fills its line
    doc = parse_file(_draw(tmp_path / "full.pdf", lines), use_manifest=False)
    assert doc.text.split("\n")[:3] == ["一、主要举措和成效", heading, paragraph]
    assert heading in [s.title for s in doc.walk()]


@pytest.mark.parametrize("first, rest", [
    # 37 characters fill the line: the numerals below go on with it
    ("坚持以习近平新时代中国特色社会主义思想为指导深入实施乡村振兴战略推动农村第", "一、二、三产业融合发展，全年新增农业产业化龙头企业12家。"),
    ("坚持以习近平新时代中国特色社会主义思想为指导全市各级规模以上工业企业在今年", "1、2月份实现增加值同比增长6.5%，比上年同期提高1.2个百分点。"),
])
def test_numerals_that_go_on_with_the_line_before_stay_in_its_paragraph(tmp_path: Path, first: str, rest: str) -> None:
    assert len(first) == 37 and len(wrap(first + "加", 0)) == 2  # first fills its line
    lines = ["一、主要工作", first, *wrap(rest, 0), "二、存在的问题", "法治意识有待提高。"]
    doc = parse_file(_draw(tmp_path / "list.pdf", lines), use_manifest=False)
    assert doc.text.split("\n")[1] == first + rest
