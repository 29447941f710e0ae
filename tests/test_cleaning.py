"""Cleaning removes page chrome and debris, and never a sentence of the report body."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from compare.parsing.cleaning import clean, is_chrome_combination
from compare.parsing.pipeline import parse_file, parse_text

from .conftest import CORPUS, PROVINCES, SEEDS

ALL_REPORTS = sorted(p.stem for p in CORPUS.glob("*.txt"))

# A news photo caption ("省长某某作政府工作报告。本报记者 某某 摄") is page furniture, not body.
CAPTION = re.compile(r"记者.{0,16}摄\s*$|作政府工作报告。")


def body_sentences(raw: str) -> list[str]:
    """Every full sentence (ending in 。！？, 10+ Chinese characters) of the file's prose lines."""
    out = []
    for line in raw.splitlines():
        line = line.strip(" \t\u3000\xa0")
        if CAPTION.search(line) and len(line) < 160:
            continue
        line = re.sub(r"\([a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]{1,7}\)", "", line)  # inline pinyin
        line = re.sub(r"\?[a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü?)]+\)", "", line)  # pinyin garbled to ?…)
        line = re.sub(r"[\ue000-\uf8ff\u200b\ufeff]", "", line)
        for sentence in re.findall(r"[^。！？]*[。！？]", line):
            if len(re.findall(r"[\u4e00-\u9fff]", sentence)) >= 10:
                out.append(sentence.strip())
    return out


@pytest.mark.parametrize("name", ALL_REPORTS)
def test_every_body_sentence_survives(name: str) -> None:
    raw = (CORPUS / f"{name}.txt").read_text(encoding="utf-8")
    doc = parse_text(raw, name)
    flowing = doc.text.replace("\n", "")  # a sentence may run over two lines of the file
    missing = [s for s in body_sentences(raw) if s not in flowing]
    assert missing == []


CHROME = re.compile(
    r"^(下载|打印|全屏|收藏|加大|减小|还原|首页|>|】)$|"
    r"^(【字号|【字体|来源[:：]|时间[:：]|相关报道|相关文档|扫一扫|关闭窗口|打印本页|责任编辑|分享到|"
    r"当前位置|您的位置)"
)


@pytest.mark.parametrize("name", PROVINCES)
def test_provincial_chrome_removed_and_body_kept(name: str) -> None:
    doc = parse_file(CORPUS / f"{name}.txt")
    lines = doc.text.splitlines()
    assert not [line for line in lines if CHROME.match(line)]
    kinds = {r.kind for r in doc.removed}
    assert kinds & {"chrome", "metadata", "footer", "title"}
    # the speech opens with its salutation or its first heading, and ends with its last sentence
    assert lines[0].startswith(("各位代表", "一、")), lines[0]
    assert doc.year == 2026
    assert doc.kind == "政府工作报告"


def test_seed_page_chrome_and_metadata() -> None:
    doc = parse_file(CORPUS / "guangzhou-tianhe-water-2022.txt")
    removed = {(r.kind, r.text.split(":")[0].split("：")[0]) for r in doc.removed}
    assert ("metadata", "索引号") in removed
    assert ("metadata", "发布机构") in removed
    assert any(r.kind == "chrome" and "无障碍" in r.text for r in doc.removed)
    assert doc.text.startswith("2022年,在区委、区政府的坚强领导下")
    assert doc.title == "广州市天河区水务局关于2022年度法治政府建设情况的报告"


def test_footers_and_signature_block_are_metadata_not_body() -> None:
    suzhou = parse_file(CORPUS / "suzhou-wuzhong-water-2024.txt")
    assert "備案:" not in suzhou.text and "網站標識碼" not in suzhou.text
    assert suzhou.text.endswith("創新活動形式。")
    jurong = parse_file(CORPUS / "jurong-huangmei-2021.txt")
    signature = [r.text for r in jurong.removed if r.kind == "signature"]
    assert signature == [
        "江苏省句容经济开发区管理委员会",
        "句容市人民政府黄梅街道办事处",
        "2021年12月6日",
        "(此件公开发布)",
        "江苏省句容经济开发区管委会办公室 2021年12月6日印发",
    ]
    assert jurong.text.endswith("推动法治政府建设实现新突破。")
    assert jurong.date == "2021-12-06"


def test_inline_pinyin_removed_legitimate_parentheses_kept() -> None:
    doc = parse_file(CORPUS / "wuzhi-urban-management-2024.txt")
    assert "(lǐng)" not in doc.text and "領導" in doc.text
    assert not re.search(r"\([a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ]+\)", doc.text)
    text = "一、工作情况\n领(lǐng)导(dǎo)小组印发《实施办法（试行）》，覆盖各镇（街道），（一）类水体、(IV类)水质达标。"
    cleaned = clean(text).text
    assert "领导小组" in cleaned
    for kept in ("（试行）", "（街道）", "（一）", "(IV类)"):
        assert kept in cleaned


def test_terminal_control_characters_removed() -> None:
    raw = "一、标题\n\x1b[31m红色\x1b[0m文字\x07，继续推进工作。\u202e反向\u202c文字。"
    doc = parse_text(raw)
    assert "\x1b" not in doc.text and "\x07" not in doc.text and "\u202e" not in doc.text
    assert "红色" in doc.text and "反向" in doc.text
    assert any(r.kind == "control" for r in doc.removed)


def test_removed_pieces_point_into_the_raw_text() -> None:
    for name in SEEDS:
        doc = parse_file(CORPUS / f"{name}.txt")
        for r in doc.removed:
            assert doc.raw[r.start : r.end].strip(" \t\u3000\xa0") == r.text


def test_report_without_body_is_an_error(tmp_path: Path) -> None:
    from compare.errors import ReportError

    with pytest.raises(ReportError):
        parse_text("\n\n  \u3000\n", "blank.txt")


@pytest.mark.parametrize("name", PROVINCES[:8] + SEEDS)
def test_traditional_copy_is_cleaned_the_same_way(name: str) -> None:
    from compare.parsing.normalise import to_traditional

    raw = (CORPUS / f"{name}.txt").read_text(encoding="utf-8")
    simplified, traditional = parse_text(raw, name), parse_text(to_traditional(raw), name)
    assert [r.kind for r in traditional.removed] == [r.kind for r in simplified.removed]
    assert len(traditional.text) == len(simplified.text)
    assert [s.title for s in traditional.walk()] == [to_traditional(s.title) for s in simplified.walk()]
    assert (traditional.year, traditional.date) == (simplified.year, simplified.date)


# page headers that set several chrome parts on one line, each of which alone is chrome
_BODY = ("某某区司法局2023年法治政府建设情况报告\n一、主要工作\n全年办理行政复议案件120件，同比增长5%。\n"
         "二、存在的问题\n执法队伍专业化水平有待提升。\n")


@pytest.mark.parametrize("header", [
    "首页 政务公开 政务服务 互动交流 当前位置：首页 > 政府信息公开 > 法治政府建设",
    "网站首页 | 信息公开 | 办事服务 您的位置：首页＞政务公开＞某某区司法局2023年法治政府建设情况报告",
    "首页 ＞ 政务公开 ＞ 法治政府建设 ＞ 某某区司法局2023年法治政府建设情况报告",
    "當前位置：首頁 > 政府資訊公開 > 法治政府建設",
    "打印 | 关闭 | 收藏",
])
def test_header_line_of_several_chrome_parts_is_removed(header: str) -> None:
    doc = parse_text(header + "\n" + _BODY, "page.txt")
    assert doc.title == "某某区司法局2023年法治政府建设情况报告"
    assert doc.year == 2023 and doc.agency == "某某区司法局"
    assert header not in doc.text
    assert doc.text.startswith("一、主要工作")


@pytest.mark.parametrize("line", [
    "当前位置：首页 > 我们要坚持依法行政，推进改革。",  # a sentence is no breadcrumb step
    "某某区司法局 2023年 法治政府建设情况报告",  # words without a toolbar word are a title
    "2023年是极不平凡的一年 首页",
])
def test_text_with_chrome_words_is_not_chrome(line: str) -> None:
    assert not is_chrome_combination(line)


def test_footer_toolbar_line_is_removed_and_the_body_kept() -> None:
    doc = parse_text(_BODY + "首页 | 打印 | 关闭\n", "page.txt")
    assert doc.text.rstrip().endswith("执法队伍专业化水平有待提升。")
    assert [s.title for s in doc.sections] == ["一、主要工作", "二、存在的问题"]
