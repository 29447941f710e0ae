"""A crawled page flattened onto one line gets its line breaks back by what it holds (headings
一、 二、 / （一） （二） inline, a title at its start, page chrome), not only by its length: a short
agency notice run onto one line parses to its title, agency and headings."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest

from compare.parsing.pipeline import parse_file, parse_text

from .conftest import CORPUS

LINES = [
    "清河县司法局2024年度法治政府建设情况报告",
    "2024年，县司法局扎实推进法治政府建设各项工作。现将有关情况报告如下。",
    "一、主要工作成效",
    "（一）深化行政执法规范化建设",
    "全年开展行政执法案卷评查3次，抽查案卷150卷，发现问题22个，已全部整改。",
    "（二）加强法律顾问工作",
    "全县政府法律顾问共15名，审查县政府规范性文件21件、重大合同57份。",
    "二、存在的不足",
    "一是执法人员法治素养有待进一步提高。二是基层法治力量相对薄弱。",
    "三、2025年工作打算",
    "一是继续推进行政执法规范化建设，力争案卷评查优良率达到95%以上。",
]


def outline(doc) -> list[str]:
    return [s.title for s in doc.walk()]


@pytest.fixture(scope="module")
def lined(tmp_path_factory):
    path = tmp_path_factory.mktemp("lined") / "qinghe-2024.txt"
    path.write_text("\n".join(LINES) + "\n", encoding="utf-8")
    return parse_file(path)


@pytest.mark.parametrize("as_html", [False, True], ids=["txt", "html"])
@pytest.mark.parametrize("chrome", [False, True], ids=["bare", "with chrome"])
def test_a_short_page_on_one_line_parses_to_its_headings(tmp_path: Path, lined, as_html: bool,
                                                         chrome: bool) -> None:
    line = " ".join(LINES)
    if chrome:
        line = ("当前位置：首页 > 政务公开 " + line.replace("报告 2024年", "报告 来源：清河县司法局 时间：2025-01-22 2024年")
                + " 主办单位：清河县人民政府办公室")
    assert len(line) < 1000
    path = tmp_path / ("qinghe-2024.html" if as_html else "qinghe-2024.txt")
    path.write_text(f"<html><body><div>{html.escape(line)}</div></body></html>" if as_html else line,
                    encoding="utf-8")
    doc = parse_file(path)
    assert outline(doc) == outline(lined)
    assert doc.title == "清河县司法局2024年度法治政府建设情况报告"
    assert doc.agency == "清河县司法局" and doc.year == 2024
    assert [s.text for s in doc.sentences()] == [s.text for s in lined.sentences()]
    assert not doc.warnings


def test_a_short_page_without_spaces_gets_its_chapters(lined) -> None:
    doc = parse_text("".join(LINES), "qinghe-2024.txt")
    chapters = [s.title for s in doc.walk() if s.level == 1 and s.kind == "heading"]
    assert chapters == ["一、主要工作成效", "二、存在的不足", "三、2025年工作打算"]


@pytest.mark.parametrize("text", [
    # an enumeration inside one paragraph (items after ：and ；) is no page run together
    "各单位：根据工作安排，现就有关事项通知如下：一、加强组织领导，明确责任分工；二、严格落实制度，"
    "按期报送材料；三、强化督促检查，确保取得实效。特此通知。",
    # one paragraph naming a first point only
    "2024年，县司法局坚持依法行政，全面推进法治政府建设。一、是我们工作的首要任务，必须长期坚持，"
    "并在实践中不断完善相关工作机制，切实提高依法行政水平。",
])
def test_one_paragraph_with_an_enumeration_stays_one_paragraph(text: str) -> None:
    doc = parse_text(text, "notice.txt")
    assert [s.kind for s in doc.walk()] == ["whole"]
    assert doc.text == text


@pytest.mark.parametrize("name", ["zhejiang-2026", "beijing-2026", "anhui-2026", "state-council-2004"])
def test_a_flattened_page_with_spaces_keeps_its_title_apart_from_its_subtitle(name: str) -> None:
    """`…政府工作报告 ——2026年1月…会议上`: the title ends before the dash even with a space."""
    raw = re.sub("[\ue000-\uf8ff]", "", (CORPUS / f"{name}.txt").read_text(encoding="utf-8"))
    flat = parse_text(" ".join(line.strip() for line in raw.split("\n") if line.strip()), f"{name}.txt")
    assert flat.title == parse_file(CORPUS / f"{name}.txt", use_manifest=False).title


@pytest.mark.parametrize("name", ["tianjin-tanggu-2024", "jurong-huangmei-2021", "guangzhou-tianhe-water-2022"])
def test_a_page_joined_with_spaces_keeps_title_agency_and_headings_with_commas(name: str) -> None:
    """Tanggu joined with spaces: `(二)依法全面履行政府职能,优化法治化营商环境 塘沽街秉持…` is a
    heading (a comma in it), and the title and agency come back."""
    lined = parse_file(CORPUS / f"{name}.txt", use_manifest=False)
    raw = (CORPUS / f"{name}.txt").read_text(encoding="utf-8")
    flat = parse_text(" ".join(line.strip() for line in raw.split("\n") if line.strip()), f"{name}.txt")
    assert outline(flat) == outline(lined)
    assert (flat.title, flat.agency, flat.year) == (lined.title, lined.agency, lined.year)
