"""An HTML page's publishing line (发布时间：2023-03-28 来源：省司法厅 字号：大 中 小, in either order and
any spelling) is page metadata: removed from the report's text, its date read; and a page whose
body names no title takes the report's title from `<title>`, less the site's name (user test
s25b item 10)."""

from __future__ import annotations

from pathlib import Path

import pytest

from compare.parsing.pipeline import parse_file

from .test_cases_readers import CASES, run

TITLE = "<h1>某某省人民政府2022年法治政府建设情况报告</h1>"
BODY = (
    "<p>一、2022年主要工作</p><p>2022年，全省共取消和下放行政许可事项86项，政务服务事项网上可办率达到"
    "92.5%。</p><p>二、2023年工作安排</p><p>2023年计划新增网上可办事项300项。</p>"
)


def _page(tmp_path: Path, head: str, body: str) -> Path:
    path = tmp_path / "page.html"
    path.write_text(f"<html><head><meta charset='utf-8'>{head}</head><body>{body}</body></html>",
                    encoding="utf-8")
    return path


@pytest.mark.parametrize("line", [
    "发布时间：2023-03-28 来源：省司法厅",
    "发布时间：2023-03-28 来源：省司法厅 字号：[大 中 小] 打印 关闭",
    "来源：省司法厅 发布时间：2023-03-28",
    "来源：省司法厅 时间：2023-03-28 字号：大 中 小",
    "发布日期：2023-03-28\u3000\u3000来源：某某省司法厅\u3000\u3000【字体：大 中 小】\u3000\u3000【打印】",
    "发文日期：2023年3月28日 来源：省司法厅",
    "时间：2023-03-28 10:12 来源：省司法厅",
    "發布時間：2023-03-28 來源：省司法廳",
    "更新时间：2023-03-28",
])
def test_publishing_line_is_metadata_in_any_order(tmp_path: Path, line: str) -> None:
    doc = parse_file(_page(tmp_path, "", TITLE + f"<div>{line}</div>" + BODY), use_manifest=False)
    assert doc.date == "2023-03-28"
    assert "司法厅" not in doc.text and "2023-03-28" not in doc.text
    assert any(r.kind == "metadata" for r in doc.removed)
    assert doc.sections[0].title == "一、2022年主要工作"  # no （前言） of the publishing line
    assert doc.title == "某某省人民政府2022年法治政府建设情况报告"


@pytest.mark.parametrize("head", [
    "<title>某某省人民政府2022年法治政府建设情况报告_某某省人民政府门户网站</title>",
    "<title>某某省人民政府2022年法治政府建设情况报告 - 某某省人民政府</title>",
    "<title>\n  某某省人民政府门户网站 | 某某省人民政府2022年法治政府建设情况报告\n</title>",
    "<title>某某省人民政府2022年法治政府建设情况报告｜政务公开</title>",
])
def test_title_only_in_the_head_is_the_report_title(tmp_path: Path, head: str) -> None:
    doc = parse_file(_page(tmp_path, head, BODY), use_manifest=False)
    assert (doc.title, doc.agency, doc.year) == ("某某省人民政府2022年法治政府建设情况报告", "某某省人民政府", 2022)


def test_a_site_name_title_or_a_body_title_is_not_taken(tmp_path: Path) -> None:
    site = parse_file(_page(tmp_path, "<title>某某省人民政府门户网站</title>", BODY), use_manifest=False)
    assert site.title == ""  # a site's name is no report title
    body = parse_file(_page(tmp_path, "<title>2021年度报告_某某网</title>", TITLE + BODY),
                      use_manifest=False)
    assert body.title == "某某省人民政府2022年法治政府建设情况报告"  # the page's own title line wins


def test_cases_parse_with_title_and_date() -> None:
    """The user test's pages, as `parse` shows them."""
    out = run("parse", str(CASES / "s25b-10-html-publish-line.html"), "--text").stdout
    assert "date: 2023-03-28" in out and "发布时间" not in out
    out = run("parse", str(CASES / "s25b-10-html-title-only-in-head.html")).stdout
    assert "title:  某某省人民政府2022年法治政府建设情况报告\n" in out
    assert "agency: 某某省人民政府" in out and "year: 2022" in out
