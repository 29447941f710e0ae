"""Headings, levels, items, sentences and metadata, on the shapes official documents take."""

from __future__ import annotations

import pytest

from compare.parsing.pipeline import parse_file, parse_text
from compare.parsing.structure import split_sentences

from .conftest import CORPUS


def titles(text: str) -> list[str]:
    return ["  " * (s.level - 1) + s.title for s in parse_text(text).walk()]


def test_levels_follow_the_document_not_a_fixed_table() -> None:
    # this agency nests （1） above 1.: levels come from the order the schemes open in
    text = "一、总体情况\n（1）组织领导\n1.成立领导小组。全年开会3次。\n2.制定方案。\n（2）制度建设\n二、存在问题"
    assert titles(text) == [
        "一、总体情况", "  （1）组织领导", "    1.成立领导小组", "    2.制定方案", "  （2）制度建设", "二、存在问题",
    ]


def test_part_and_chapter_styles_and_half_width_brackets() -> None:
    text = "第一部分 工作回顾\n(一)经济运行\n经济平稳。\n第二部分 今年安排\n(一)扩大内需\n(二)科技创新"
    assert titles(text) == [
        "第一部分工作回顾", "  (一)经济运行", "第二部分今年安排", "  (一)扩大内需", "  (二)科技创新",
    ]


def test_numbers_out_of_sequence_are_text_not_headings() -> None:
    text = "一、成效\n1.完成审批。\n12.4宪法日开展宣传。\n5.6万元用于普法。\n2.加强监管。"
    assert titles(text) == ["一、成效", "  1.完成审批", "  2.加强监管"]


def test_preamble_and_report_without_headings() -> None:
    doc = parse_text("2024年，我局扎实推进法治建设。现将有关情况报告如下：\n一、主要成效\n完成审批36个。")
    assert [s.kind for s in doc.sections] == ["preamble", "heading"]
    assert doc.sections[0].id == "0"
    plain = parse_text("全年完成审批36个。\n下一步继续加强监管。")
    assert [(s.id, s.kind) for s in plain.sections] == [("1", "whole")]
    assert len(plain.sections[0].sentences) == 2


def test_heading_line_without_full_stop_is_all_heading() -> None:
    doc = parse_text("一、2024年度法治政府建设主要举措和成效\n（一）加强领导。成立领导小组，召开会议3次。")
    assert doc.section("1").heading == "2024年度法治政府建设主要举措和成效"
    sub = doc.section("1.1")
    assert sub.heading == "加强领导"
    assert [s.text for s in sub.sentences] == ["成立领导小组，召开会议3次。"]


def test_sentences_split_on_stops_and_keep_quotes_whole() -> None:
    text = "他说：“要抓落实。要见成效！”随后部署工作；二是加强监督？是的"
    spans = split_sentences(text)
    assert [text[a:b] for a, b in spans] == ["他说：“要抓落实。要见成效！”", "随后部署工作；", "二是加强监督？", "是的"]
    # a quoted title or phrase with no stop inside does not end a sentence
    text = "开展“法律进社区”活动，发放《宪法》读本。"
    assert [text[a:b] for a, b in split_sentences(text)] == [text]


def test_items_after_a_colon_start_their_own_sentences() -> None:
    doc = parse_text("三、存在的不足\n主要表现在：一是宣传形式不够创新；二是执法人员偏少。")
    sentences = doc.sections[0].sentences
    assert [s.item for s in sentences] == ["", "一是", "二是"]


@pytest.mark.parametrize(
    "name, title, agency, year, date",
    [
        ("guangzhou-tianhe-water-2022", "广州市天河区水务局关于2022年度法治政府建设情况的报告", "广州市天河区水务局", 2022, "2023-01-06"),
        ("jurong-huangmei-2021", "", "江苏省句容经济开发区管理委员会", 2021, "2021-12-06"),
        # the title's 塘沽街道 with the city and district the text names (《天津市…》, 滨海新区…)
        ("tianjin-tanggu-2024", "塘沽街道2024年度法治政府建设情况报告", "天津市滨海新区塘沽街道", 2024, ""),
        ("wuzhi-urban-management-2024", "", "武陟縣城市管理局", 2024, "2025-01-14"),
        # no title: it speaks as 我局 and names itself (《吴中区水务局…》) under 苏州市吴中区
        ("suzhou-wuzhong-water-2024", "", "蘇州市吳中區水務局", 2024, ""),
        ("shanghai-2026", "2026年上海市政府工作报告", "上海市人民政府", 2026, "2026-02-03"),
        ("state-council-2017", "2017政府工作报告", "国务院", 2017, "2017-03-05"),
        ("state-council-1955", "1955年国务院政府工作报告", "国务院", 1955, "1955-07-05"),
    ],
)
def test_metadata_from_the_text_alone(name, title, agency, year, date) -> None:
    doc = parse_file(CORPUS / f"{name}.txt", use_manifest=False)
    assert (doc.title, doc.agency, doc.year, doc.date) == (title, agency, year, date)


def test_year_reported_on_is_not_the_year_of_issue() -> None:
    doc = parse_text("某某局关于2024年度法治政府建设情况的报告\n现将有关情况报告如下。\n一、成效\n完成任务。\n某某局\n2025年1月10日")
    assert doc.year == 2024 and doc.date == "2025-01-10" and doc.agency == "某某局"


def test_manifest_supplies_what_the_text_does_not_say() -> None:
    doc = parse_file(CORPUS / "suzhou-wuzhong-water-2024.txt")
    assert doc.agency == "苏州市吴中区水务局" and doc.year == 2024
    assert doc.kind == "法治政府建设情况报告"


def test_chapter_number_alone_on_its_line_opens_a_chapter() -> None:
    # State Council 1960 numbers its chapters "一", "二" … on lines of their own
    doc = parse_file(CORPUS / "state-council-1960.txt")
    assert [s.title for s in doc.sections] == ["（前言）", "一", "二", "三", "四"]
    assert len(doc.section("2").sentences) > 50 and doc.section("2").heading == ""


def test_heading_words_on_the_line_after_a_bare_number() -> None:
    # a crawl or a PDF put the numbering and its heading on two lines
    text = ("2024年，我局扎实推进法治建设。现将有关情况报告如下：\n一、\n主要成效\n全年完成审批36个。\n"
            "二、\n存在问题\n监管力量不足。")
    assert titles(text) == ["（前言）", "一、主要成效", "二、存在问题"]
    doc = parse_text(text)
    assert [s.text for s in doc.section("1").sentences] == ["全年完成审批36个。"]
    # a bare number followed at once by a heading of the next level keeps that heading its own
    nested = "2024年，我局扎实推进法治建设。现将有关情况报告如下：\n一、\n（一）加强领导\n成立领导小组。"
    assert titles(nested) == ["（前言）", "一、", "  （一）加强领导"]


def test_a_report_with_unnumbered_chapter_headings_has_chapters() -> None:
    # State Council 1978: short heading lines between long paragraphs, no numbering at all
    doc = parse_file(CORPUS / "state-council-1978.txt")
    chapters = [s.title for s in doc.sections if s.kind == "heading"]
    assert chapters[0] == "三年来的斗争和新时期的总任务"
    assert "加强政权建设，加强各族人民的大团结" in chapters
    assert "各位代表！" not in chapters and len(chapters) == 6


def test_a_numbered_report_never_gains_unnumbered_headings() -> None:
    text = "一、主要成效\n全年完成审批36个，办理复议案件12件。\n简短一行\n这是后面较长的一段正文，说明了很多具体情况和数字。"
    assert titles(text) == ["一、主要成效"]


def test_an_opening_bracket_broken_onto_its_own_line_rejoins_its_heading() -> None:
    # yunnan-2026 as crawled: "（" alone, then "三）改革开放持续深化、互促共进。"
    doc = parse_file(CORPUS / "yunnan-2026.txt")
    subs = [s.title for s in doc.section("1").children]
    assert "（三）改革开放持续深化、互促共进" in subs
    assert [s.number for s in doc.section("1").children][:4] == ["（一）", "（二）", "（三）", "（四）"]
    for opening in ("（", "“", "《"):
        text = f"一、工作回顾\n（一）经济\n增长5%。\n{opening}\n二）产业\n增加值增长8%。"
        assert ("（二）产业" in [s.title for s in parse_text(text).walk()]) == (opening == "（")
