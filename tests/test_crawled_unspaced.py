"""Cleaning only ever removes chrome (user test s26 item 4): a crawled page run onto one line
with no space at all keeps its title, every heading and every sentence; a breadcrumb ends at its
last step, a footer never takes a numbered heading or the report's sentences, and when cleaning
would still remove a share of the report's sentences no page chrome holds, it keeps them and
says so."""

from __future__ import annotations

import pytest

from compare.parsing.pipeline import parse_file

from .support.qinghe import crawled_unspaced, plain_text, report, sentences, write


def headings(year: int) -> list[str]:
    _title, chapters, _table = report(year)
    return [h for heading, sections in chapters for h in [heading, *(sub for sub, _ in sections)]]


@pytest.mark.parametrize("place, crumb", [
    ("青禾区", "首页政务公开当前位置：首页>政府信息公开>法治政府建设"),
    ("海拉尔区", "网站首页您的位置：首页＞政务公开＞法治政府建设"),
], ids=["two-character-place", "three-character-place"])
def test_unspaced_page_keeps_title_headings_and_sentences(tmp_path, place, crumb):
    text = crawled_unspaced(2025).replace("青禾区", place)
    text = text.replace("首页政务公开当前位置：首页>政府信息公开>法治政府建设", crumb)
    doc = parse_file(write(tmp_path / "page-2025.txt", text))
    assert doc.title == f"{place}人民政府关于2025年度法治政府建设情况的报告"
    assert doc.agency == f"{place}人民政府"
    titles = [s.title for s in doc.walk()]
    for heading in headings(2025):
        assert any(t.startswith(heading) for t in titles), (heading, titles)
    for sentence in sentences(2025):
        assert sentence.replace("青禾区", place)[:-1] in doc.text
    kinds = {r.kind for r in doc.removed}
    assert {"chrome", "footer", "signature"} <= kinds
    for removal in doc.removed:
        assert "。" not in removal.text and "（一）" not in removal.text, removal
    crumb_piece = next(r.text for r in doc.removed if "位置" in r.text)
    assert crumb_piece.endswith("法治政府建设")
    assert not doc.warnings


def test_a_footer_marker_above_a_numbered_heading_takes_nothing(tmp_path):
    # an editor's line left inside the last chapter: the sections under it are the report's
    text = plain_text(2024).replace("（二）加强行政复议工作", "责任编辑：王五\n（二）加强行政复议工作")
    doc = parse_file(write(tmp_path / "qinghe-2024.txt", text))
    titles = [s.title for s in doc.walk()]
    assert "（二）加强行政复议工作" in titles and "（三）推进镇街综合行政执法改革" in titles
    assert "年底前在全部8个镇街设立综合执法队" in doc.text
    assert not any(r.kind == "footer" and "综合执法队" in r.text for r in doc.removed)


def test_sentences_under_a_footer_marker_are_kept_with_a_warning(tmp_path):
    # a report of paragraphs only, with a "相关附件" line in its middle: nothing below it is a
    # footer of a page, and cleaning says it kept what it would have removed
    body = sentences(2024)
    text = "\n".join([report(2024)[0], *body[:7], "相关附件：", *body[7:]]) + "\n"
    doc = parse_file(write(tmp_path / "qinghe-2024.txt", text))
    for sentence in body:
        assert sentence in doc.text
    assert any("kept them" in w for w in doc.warnings), doc.warnings
