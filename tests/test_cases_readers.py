"""The shared real-world cases about reading files (tests/data/cases/), as their .expect.md say."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from compare.comparison.diff import compare_documents
from compare.parsing.pipeline import parse_file

CASES = Path(__file__).parent / "data" / "cases"


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "compare", *args], capture_output=True, text=True, timeout=120
    )


def titles(doc, level: int | None = None) -> list[str]:
    return [s.title for s in doc.walk() if level is None or s.level == level]


def test_01_statistics_tables_stay_tables_inside_their_section() -> None:
    doc = parse_file(CASES / "01-xxgk-table.html")
    assert [s.title for s in doc.sections if s.kind == "heading"] == [
        "一、总体情况", "二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况",
        "四、政府信息公开行政复议、行政诉讼情况", "五、存在的主要问题及改进情况", "六、其他需要报告的事项",
    ]
    assert all(s.level == 1 for s in doc.walk() if s.kind == "heading")
    assert [t.section_id for t in doc.tables] == ["2", "3", "4"]
    applications = doc.tables[1]
    labels = [row[:3] for row in applications.rows]
    assert ["三、本年度办理结果", "（三）不予公开", "1.属于国家秘密"] in labels
    row = next(r for r in applications.rows if "1.本机关不掌握相关政府信息" in r)
    assert row[0] == "三、本年度办理结果" and row[-1] == "3"
    # the row labels are the section's text, not headings of their own
    assert "（一）予以公开" in doc.text[doc.section("3").start : doc.section("3").end]


def test_02_big5_hkscs_text_is_decoded() -> None:
    doc = parse_file(CASES / "02-big5-hkscs.txt")
    assert doc.encoding == "big5hkscs"
    assert titles(doc) == ["一、房屋", "二、衞生", "三、交通"]
    assert "屋邨" in doc.text and "沙中綫" in doc.text


def test_03_word_numbering_is_rendered_as_word_shows_it() -> None:
    doc = parse_file(CASES / "03-docx-autonumber.docx")
    assert titles(doc) == [
        "（前言）", "一、主要工作成效", "（一）健全依法决策机制", "（二）严格规范公正文明执法",
        "二、存在的不足", "三、下一步工作计划",
    ]
    assert doc.section("1.1").level == 2


def test_05_tracked_move_is_only_where_it_moved_to() -> None:
    doc = parse_file(CASES / "05-docx-tracked-move.docx")
    moved = "全年组织执法人员培训4次。"
    assert [s.section_id for s in doc.sentences() if s.text == moved] == ["2"]
    assert "15件" in doc.text and "12件" not in doc.text


def test_07_kangxi_radicals_read_as_the_characters_they_stand_for() -> None:
    b = parse_file(CASES / "07-pdf-kangxi-b.txt")
    assert titles(b) == ["一、主要工作成效", "二、存在的不足", "三、下一步工作计划"]
    assert [r.kind for r in b.removed] == ["title"]
    a = parse_file(CASES / "07-pdf-kangxi-a.txt")
    comparison = compare_documents(a, b)
    assert all(p.relation == "same" for p in comparison.alignment.pairs)
    assert {c.kind for s in comparison.sections for c in s.changes} == {"unchanged"}
    assert "河长制" in b.text


@pytest.mark.parametrize("command", ["parse", "classify", "align", "diff"])
def test_rel01_damaged_docx_is_one_line_in_every_command(command: str) -> None:
    bad = str(CASES / "rel-01-docx-corrupt-deflate.docx")
    args = [command, bad] + ([str(CASES / "07-pdf-kangxi-a.txt")] if command in ("align", "diff") else [])
    result = run(*args)
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr
    assert "rel-01-docx-corrupt-deflate.docx" in result.stderr and "damaged .docx" in result.stderr


@pytest.mark.parametrize("command", ["parse", "classify", "align", "diff"])
@pytest.mark.parametrize(
    "name, message",
    [
        ("qianan-2022.txt", "qianan-2022.txt: year '2022年' is not a number"),
        ("qianan-2023.txt", "qianan-2023.txt: line 11: duplicate key 'year' (first on line 9)"),
    ],
)
def test_12_bad_manifest_is_one_line_in_every_command(command: str, name: str, message: str) -> None:
    report = str(CASES / "12-manifest-yaml" / name)
    args = [command, report] + ([str(CASES / "07-pdf-kangxi-a.txt")] if command in ("align", "diff") else [])
    result = run(*args)
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr
    assert "manifest.yaml" in result.stderr and message in result.stderr


def test_s25_06_site_menu_and_breadcrumb_on_one_line_are_chrome() -> None:
    doc = parse_file(CASES / "s25-06-html-menu-and-breadcrumb.html")
    assert doc.title == "某某市人民政府2022年法治政府建设情况报告"
    assert (doc.agency, doc.year) == ("某某市人民政府", 2022)
    assert "当前位置" not in doc.text and not doc.text.startswith("首页")
    assert any(r.kind == "chrome" and "当前位置" in r.text for r in doc.removed)
    assert titles(doc, 1)[0] == "一、2022年法治政府建设主要工作"


def test_s25_08_word_list_run_on_across_a_heading_numbers_sections_alike() -> None:
    doc = parse_file(CASES / "s25-08-docx-list-continued.docx")
    tree = [(s.id, s.number, s.heading) for s in doc.walk() if s.kind == "heading"]
    # the items, one full sentence each, are their chapter's sentences, alike on both sides of
    # the heading (user test s26 item 5: a full sentence ending in 。 is body text)
    assert tree == [("1", "一、", "主要工作"), ("2", "二、", "下一步工作")]
    assert [s.text for s in doc.section("1").sentences] == [
        "1. 全年办理行政复议案件100件。", "2. 审查规范性文件200件。", "3. 开展行政执法人员培训。"]
    assert [s.text for s in doc.section("2").sentences] == ["4. 计划培训执法人员1000人次。"]  # Word's number


def test_s25b_07_letter_spaced_pdf_lines_keep_their_figures_whole() -> None:
    result = run("diff", str(CASES / "s25b-07-pdf-letter-spaced-a.pdf"),
                 str(CASES / "s25b-07-pdf-letter-spaced-b.pdf"), "--color", "never")
    assert result.returncode == 0, result.stderr
    out = " ".join(result.stdout.split())
    assert "12344公里 → 13520公里" in out and "92.5% → 96.8%" in out
    assert "123 → 135" not in out and "44公里" not in out.replace("12344公里", "")


def test_s25b_11_pdf_sentence_filling_its_line_goes_on_in_its_paragraph() -> None:
    doc = parse_file(CASES / "s25b-11-pdf-sentence-at-cut.pdf")
    assert "法制审核制度。全年组织行政执法人员培训3200人次" in doc.text
    assert [s.title for s in doc.walk()][:4] == [
        "一、2022年主要工作", "（一）持续深化“放管服”改革", "（二）严格规范公正文明执法", "二、存在的问题"]
