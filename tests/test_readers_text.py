"""Plain-text and crawled reports: the Big5 family, UTF-16 without a BOM, glyphs, one-line pages."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from compare.parsing.cleaning import clean
from compare.parsing.normalise import to_traditional
from compare.parsing.pipeline import parse_file, parse_text
from compare.parsing.readers.text import fold_glyphs

from .conftest import CORPUS


def report(name: str) -> str:
    # icon-font characters of the crawled page (private use area) exist in no legacy encoding
    text = (CORPUS / f"{name}.txt").read_text(encoding="utf-8")
    return re.sub("[\ue000-\uf8ff]", "", text).replace("\xa0", " ")


def same(a, b) -> None:
    assert [(s.id, s.title) for s in a.walk()] == [(s.id, s.title) for s in b.walk()]
    assert [s.text for s in a.sentences()] == [s.text for s in b.sentences()]


@pytest.mark.parametrize(
    "encoding, extra, expected",
    [
        ("big5hkscs", "港鐵沙中綫通車，屋邨衞生改善。", "big5hkscs"),  # 綫 邨 衞 only in HKSCS
        ("cp950", "工程費用共計€5萬。", "cp950"),  # € only in Microsoft's Big5
        ("utf-16-le", "", "utf-16-le"),
        ("utf-16-be", "", "utf-16-be"),
    ],
)
def test_big5_family_and_utf16_without_bom(tmp_path: Path, encoding: str, extra: str, expected: str) -> None:
    text = report("suzhou-wuzhong-water-2024")
    if encoding.startswith(("big5", "cp")):
        text = to_traditional(text)
    lines = text.split("\n")
    text = "\n".join(lines[:8] + [lines[8] + extra] + lines[9:])
    text = "".join(ch for ch in text if _encodable(ch, encoding))
    utf8 = tmp_path / "utf8.txt"
    utf8.write_text(text, encoding="utf-8")
    other = tmp_path / "other.txt"
    other.write_bytes(text.encode(encoding))
    doc = parse_file(other, use_manifest=False)
    assert doc.encoding == expected
    same(doc, parse_file(utf8, use_manifest=False))
    assert doc.text == parse_file(utf8, use_manifest=False).text


def test_utf8_cut_inside_its_last_character_is_still_utf8(tmp_path: Path) -> None:
    text = report("jurong-huangmei-2021")
    data = text.encode("utf-8")
    cut = tmp_path / "cut.txt"
    cut.write_bytes(data[: len(data) - 1] if not text.endswith("\n") else data.rstrip(b"\n")[:-1])
    doc = parse_file(cut, use_manifest=False)
    assert doc.encoding == "utf-8"
    assert [s.title for s in doc.walk()] == [s.title for s in parse_file(CORPUS / "jurong-huangmei-2021.txt", use_manifest=False).walk()]


def _encodable(ch: str, encoding: str) -> bool:
    try:
        ch.encode(encoding)
    except UnicodeEncodeError:
        return False
    return True


def test_radicals_and_compatibility_glyphs_fold_one_for_one() -> None:
    assert fold_glyphs("⼀、⼯作 河⻓制 ⻅效 ⾦额 﨑") == "一、工作 河长制 见效 金额 﨑"
    assert fold_glyphs("\uf9dc") == "\u9686"  # 隆 compatibility form
    assert len(fold_glyphs("⻓⼈⼤")) == 3


def flattened(name: str) -> str:
    body = " ".join(line.strip() for line in report(name).split("\n") if line.strip())
    return (
        "当前位置：首页 > 政务公开 > 法治政府建设 " + body
        + " 微信 微博 QQ空间 【打印本页】【关闭窗口】 主办单位：某某市人民政府办公室 网站标识码：3211830001"
    )


@pytest.mark.parametrize("name", ["jurong-huangmei-2021", "guangzhou-tianhe-water-2022", "zhejiang-2026"])
def test_page_crawled_onto_one_line_gets_its_paragraphs_back(name: str) -> None:
    text = parse_file(CORPUS / f"{name}.txt", use_manifest=False)
    flat = parse_text(flattened(name), f"{name}-flat.txt")
    assert "\n" not in flattened(name)
    assert [s.title for s in flat.walk()] == [s.title for s in text.walk()]
    body = {s.text for s in text.sentences()}
    kept = [s.text for s in flat.sentences() if s.text in body]
    assert len(kept) >= 0.95 * len(body)
    assert not any(s.text.startswith(("微信 微博", "当前位置")) for s in flat.sentences())
    assert {r.kind for r in flat.removed} >= {"chrome", "footer"}


@pytest.mark.parametrize("name", ["beijing-2026", "jiangsu-2026", "shandong-2026", "guangxi-2026"])
def test_page_flattened_without_any_separator_keeps_its_title_chapters_and_chrome_out(name: str) -> None:
    # every line break deleted: toolbar, title, subtitle, source, time, speaker, caption and
    # salutation run together, and each heading runs straight into its body
    text = parse_file(CORPUS / f"{name}.txt", use_manifest=False)
    flat = parse_text(report(name).replace("\n", ""), f"{name}-flat.txt")
    assert flat.title == text.title
    assert [s.title for s in flat.walk()] == [s.title for s in text.walk()]
    assert flat.year == text.year and flat.agency == text.agency
    assert not any(s.text.startswith(("下载打印", "来源：", "【字号")) for s in flat.sentences())


def test_enumerated_paragraphs_stay_paragraphs_when_a_page_is_flattened() -> None:
    # State Council 1984/1988: "一、维护世界和平是…目标，我们要坚持…。" and "三、…，各地根据…；" are
    # items of an enumeration, not headings; "二、无论建设还是改革，都必须坚持…" is one heading
    for name in ("state-council-1984", "state-council-1988"):
        text = parse_file(CORPUS / f"{name}.txt", use_manifest=False)
        flat = parse_text(report(name).replace("\n", ""), f"{name}-flat.txt")
        lined = [s.title[:8] for s in text.walk()]
        assert [s.title[:8] for s in flat.walk() if s.title[:8] not in lined] == []
        assert len(list(flat.walk())) >= 0.8 * len(lined)
    flat = parse_text(report("state-council-1988").replace("\n", ""), "state-council-1988-flat.txt")
    assert "二、无论建设还是改革，都必须坚持从实际出发，解放思想，尊重实践" in [s.title for s in flat.walk()]


def test_cleaning_never_empties_a_report() -> None:
    # a body made only of lines that look like chrome to the top pass: kept, with a warning
    lines = [f"第{i}项 某某镇 某某村 道路硬化 {i}公里" for i in range(1, 40)]
    lines.append("以上项目全部按期完工，群众满意度达到百分之九十五。")
    cleaned = clean("\n".join(lines))
    assert cleaned.text.count("\n") == len(lines) - 1
    assert cleaned.warnings and "kept it whole" in cleaned.warnings[0]


def test_hidden_html_is_not_text_and_tables_are_not_headings(tmp_path: Path) -> None:
    page = tmp_path / "report.html"
    page.write_text(
        """<html><body><div style="display: none">一、隐藏的标题</div>
        <p>2023年，我局依法行政，现将有关情况报告如下：</p><p hidden>（一）也被隐藏了</p>
        <p>一、主要成效</p><p>全年办理复议案件5件。</p>
        <table><tr><th>项目</th><th>2023年</th></tr>
        <tr><td>一、本年新收申请</td><td>12</td></tr><tr><td>二、上年结转</td><td><span style="visibility:hidden">9</span>1</td></tr></table>
        <p>二、存在不足</p><p>宣传形式不够创新。</p></body></html>""",
        encoding="utf-8",
    )
    doc = parse_file(page, use_manifest=False)
    assert "隐藏" not in doc.text
    assert [s.title for s in doc.walk() if s.kind == "heading"] == ["一、主要成效", "二、存在不足"]
    assert doc.tables[0].rows == [["项目", "2023年"], ["一、本年新收申请", "12"], ["二、上年结转", "1"]]
    assert doc.tables[0].section_id == "1"


def test_report_inside_a_layout_table_keeps_its_sections_and_its_data_table(tmp_path: Path) -> None:
    """Old government sites lay pages out with tables: the report sits in one cell, and its
    statistics table is a table inside that cell."""
    cases = Path(__file__).parent / "data" / "cases"
    page = (cases / "01-xxgk-table.html").read_text(encoding="utf-8")
    body = page[page.index('<div class="article">') : page.index("</body>")]
    wrapped = page.replace(
        body,
        '<table width="100%"><tr><td width="20%"><a href="/">首页</a><br><a>信息公开</a></td>'
        f'<td>{body}</td></tr></table>',
    )
    path = tmp_path / "layout.html"
    path.write_text(wrapped, encoding="utf-8")
    plain = parse_file(cases / "01-xxgk-table.html", use_manifest=False)
    doc = parse_file(path, use_manifest=False)
    assert [s.title for s in doc.walk()] == [s.title for s in plain.walk()]
    assert [t.rows for t in doc.tables] == [t.rows for t in plain.tables]
    assert [t.section_id for t in doc.tables] == ["2", "3", "4"]
