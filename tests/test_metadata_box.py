"""A page's metadata box (索引号 / 发布机构 / 成文日期 …) is page chrome however the page marks it
up: `<div>`s, a table of `key：value` cells, label cells and value cells (gov.cn), `<th>`
labels, a one-column table; above the title or below it. Its fields serve the metadata; a
table of the report is never taken for one."""

from __future__ import annotations

from pathlib import Path

import pytest

from compare.parsing.pipeline import parse_file

BODY = (
    "<p>2024年，县司法局扎实推进法治政府建设各项工作。现将有关情况报告如下。</p>"
    "<p>一、主要工作成效</p><p>全年开展行政执法案卷评查3次，抽查案卷150卷，发现问题22个，已全部整改。</p>"
    "<p>主要指标如下表：</p>"
    "<table border=1><tr><td>指标</td><td>2023年</td><td>2024年</td></tr>"
    "<tr><td>行政复议案件（件）</td><td>56</td><td>63</td></tr>"
    "<tr><td>法律援助案件（件）</td><td>386</td><td>402</td></tr></table>"
    "<p>二、2025年工作打算</p><p>继续推进行政执法规范化建设，力争案卷评查优良率达到95%以上。</p>"
)
TITLE = "<h1>2024年度法治政府建设情况报告</h1>"  # the title names no agency

BOXES = {
    "divs": "<div class=meta><div>索引号：11130000MB1234567X/2024-00012</div><div>发布机构：清河县司法局</div>"
            "<div>成文日期：2025-01-20</div><div>发布日期：2025-01-22</div></div>",
    "key-value cells": "<table class=meta><tr><td>索引号：11130000MB1234567X/2024-00012</td>"
                       "<td>发布机构：清河县司法局</td></tr><tr><td>成文日期：2025-01-20</td>"
                       "<td>发布日期：2025-01-22</td></tr></table>",
    "label and value cells (gov.cn)": (
        "<table class=bd1><tbody><tr><td><b>索 引 号：</b></td><td>11130000MB1234567X/2024-00012</td>"
        "<td><b>主题分类：</b></td><td>司法</td></tr>"
        "<tr><td><b>发文机关：</b></td><td>清河县司法局</td><td><b>成文日期：</b></td><td>2025年01月20日</td></tr>"
        "<tr><td><b>标　　题：</b></td><td colspan=3>清河县2024年度法治政府建设情况报告</td></tr>"
        "<tr><td><b>发文字号：</b></td><td></td><td><b>发布日期：</b></td><td>2025年01月22日</td></tr>"
        "</tbody></table>"),
    "th labels without colons": (
        "<table><tr><th>索引号</th><td>11130000MB1234567X/2024-00012</td><th>发布机构</th><td>清河县司法局</td></tr>"
        "<tr><th>成文日期</th><td>2025-01-20</td><th>有效性</th><td>有效</td></tr></table>"),
    "box inside a layout table": (
        "<table width=100%><tr><td><a href=/>首页</a></td><td><table><tr><td>索引号：</td>"
        "<td>11130000MB1234567X/2024-00012</td><td>发布机构：</td><td>清河县司法局</td></tr>"
        "<tr><td>成文日期：</td><td>2025-01-20</td><td>发布日期：</td><td>2025-01-22</td></tr></table>"
        "</td></tr></table>"),
    "one-column table": "<table><tr><td>索引号：11130000MB1234567X/2024-00012</td></tr>"
                        "<tr><td>发布机构：清河县司法局</td></tr><tr><td>成文日期：2025-01-20</td></tr></table>",
    "Traditional labels": "<table><tr><td>發布機構：</td><td>清河县司法局</td></tr>"
                          "<tr><td>成文日期：</td><td>2025-01-20</td></tr></table>",
}


FOOTER = "<div class=foot>主办单位：清河县人民政府办公室　网站标识码：1311000012　冀ICP备12345678号</div>"
SIGNED = "<p>清河县司法局</p><p>2025年1月20日</p>"


def page(box: str, *, below_title: bool = False, where: str = "top") -> str:
    if where == "top":
        head = TITLE + box if below_title else box + TITLE
        return f"<!DOCTYPE html><html><head><meta charset=utf-8></head><body>{head}{BODY}</body></html>"
    tail = {"bottom": box, "above the footer": box + FOOTER, "below the signature": SIGNED + box + FOOTER}[where]
    return f"<!DOCTYPE html><html><head><meta charset=utf-8></head><body>{TITLE}{BODY}{tail}</body></html>"


@pytest.fixture(scope="module")
def plain(tmp_path_factory) -> str:
    path = tmp_path_factory.mktemp("box") / "plain.html"
    path.write_text(page(""), encoding="utf-8")
    return parse_file(path).text


@pytest.mark.parametrize("below_title", [False, True], ids=["above the title", "below the title"])
@pytest.mark.parametrize("markup", list(BOXES))
def test_the_box_is_chrome_and_serves_the_metadata(tmp_path: Path, plain: str, markup: str,
                                                   below_title: bool) -> None:
    path = tmp_path / "qinghe-report.html"
    path.write_text(page(BOXES[markup], below_title=below_title), encoding="utf-8")
    doc = parse_file(path)
    assert doc.text == plain  # no 索引号 in the report text, nothing else lost
    assert [t.rows[0] for t in doc.tables] == [["指标", "2023年", "2024年"]]  # only the report's table
    assert doc.tables[0].id == "t1"
    assert any("清河县司法局" in r.text for r in doc.removed if r.kind == "metadata")
    assert doc.agency == "清河县司法局" and doc.sources["agency"] == "text"
    assert doc.date == "2025-01-20"  # 成文日期: there is no signature to take it from
    assert doc.year == 2024


@pytest.mark.parametrize("where", ["bottom", "above the footer", "below the signature"])
@pytest.mark.parametrize("markup", list(BOXES))
def test_a_box_at_the_page_bottom_is_chrome_too(tmp_path: Path, plain: str, markup: str, where: str) -> None:
    """Many sites put the box below the document (a `<div class=meta>` after the text, above
    the site footer): it is removed there as well (the `<div>` box stayed in the report's
    text, user test s22), and the signature above it is still the signature."""
    path = tmp_path / "qinghe-report.html"
    path.write_text(page(BOXES[markup], where=where), encoding="utf-8")
    doc = parse_file(path)
    assert doc.text == plain  # no 索引号 in the report text, nothing else lost
    assert [t.rows[0] for t in doc.tables] == [["指标", "2023年", "2024年"]]
    assert any("清河县司法局" in r.text for r in doc.removed if r.kind == "metadata")
    assert doc.agency == "清河县司法局" and doc.date == "2025-01-20"
    if where == "below the signature":
        assert any(r.kind == "signature" and "2025年1月20日" in r.text for r in doc.removed)


def test_fields_written_in_the_report_itself_are_kept(tmp_path: Path, plain: str) -> None:
    """A report listing the documents it issued (名称：… 文号：… 成文日期：…) in its text keeps
    them: they are not at the page bottom and hold no field only a site writes."""
    listing = ("<p>（一）制定规范性文件2件：</p><p>名称：清河县行政执法公示办法</p><p>文号：清司发〔2024〕3号</p>"
               "<p>成文日期：2024-03-01</p>")
    path = tmp_path / "listing.html"
    path.write_text(page("").replace("<p>二、", listing + "<p>二、"), encoding="utf-8")
    doc = parse_file(path)
    assert "文号：清司发〔2024〕3号" in doc.text and "成文日期：2024-03-01" in doc.text
    assert not [r for r in doc.removed if r.kind == "metadata"]
    # a box with the site's own fields is chrome even inside the page (between two parts)
    path.write_text(page("").replace("<p>二、", BOXES["divs"] + "<p>二、"), encoding="utf-8")
    assert parse_file(path).text == plain


def test_a_table_of_documents_with_metadata_headers_is_kept(tmp_path: Path) -> None:
    """A 信息公开 table listing documents (名称 | 文号 | 成文日期 …) is the report's own."""
    table = ("<table><tr><td>名称</td><td>文号</td><td>成文日期</td></tr>"
             "<tr><td>清河县行政执法公示办法</td><td>清司发〔2024〕3号</td><td>2024-03-01</td></tr>"
             "<tr><td>清河县法律顾问工作规则</td><td>清司发〔2024〕7号</td><td>2024-06-12</td></tr></table>")
    path = tmp_path / "list.html"
    path.write_text(page("").replace("<p>二、", table + "<p>二、"), encoding="utf-8")
    doc = parse_file(path)
    assert [t.rows[0] for t in doc.tables] == [["指标", "2023年", "2024年"], ["名称", "文号", "成文日期"]]
    assert "清司发〔2024〕7号" in doc.text
