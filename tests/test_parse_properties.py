"""Parsing never crashes, and every offset it hands out points at the right character."""

from __future__ import annotations

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from compare.parsing.document import Document
from compare.errors import ReportError
from compare.parsing.pipeline import parse_text

from .conftest import CORPUS, SEEDS

# Text built from the pieces reports are made of, plus arbitrary Unicode.
PIECES = st.sampled_from(
    [
        "一、", "二、", "（一）", "(二)", "1.", "2、", "（1）", "第一部分", "一是", "二是", "。", "，", "；",
        "\n", "\r\n", "\u3000\u3000", "\xa0", "\u200b", "\ue001", "“", "”", "《", "》", "领(lǐng)导(dǎo)",
        "（试行）", "2024年度", "法治政府建设", "主办单位：某某", "【字号：", "下载", "此件公开发布",
        "2025年1月14日", "某某局", "\x1b[31m", "报告", "現將有關情況報告如下：", "①", "㎡", "１２",
    ]
)
TEXTS = st.lists(st.one_of(PIECES, st.text(max_size=12)), max_size=60).map("".join)


def check_offsets(doc: Document) -> None:
    text, raw = doc.text, doc.raw
    for i, ch in enumerate(text):
        j = doc.to_raw(i)
        if ch == "\n":
            assert raw[j] in "\r\n\u2028\u2029"
        else:
            assert raw[j] == ch
    for section in doc.walk():
        assert 0 <= section.start <= section.body_start <= section.end <= len(text)
        for child in section.children:
            assert section.start <= child.start <= child.end <= section.end
        for sentence in section.sentences:
            assert section.start <= sentence.start < sentence.end <= section.end
            assert text[sentence.start : sentence.end] == sentence.text
            assert sentence.simplified == doc.simplify(sentence.start, sentence.end)
    previous = 0
    for k in range(len(doc.simplified)):
        t = doc.simplified_to_text(k)
        assert previous <= t < len(text)
        previous = t
    for r in doc.removed:
        assert 0 <= r.start <= r.end <= len(raw)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TEXTS)
@example("一、\n一、")  # a bare numbering line, then the next heading at once: no body
def test_parsing_never_crashes_and_offsets_map_back(raw: str) -> None:
    try:
        doc = parse_text(raw, "generated.txt")
    except ReportError as err:
        assert err.path == "generated.txt"
        return
    check_offsets(doc)


def test_corpus_offsets_map_back() -> None:
    for name in SEEDS:
        raw = (CORPUS / f"{name}.txt").read_text(encoding="utf-8")
        check_offsets(parse_text(raw, name))


def test_simplified_view_matches_and_maps_to_original() -> None:
    raw = (CORPUS / "suzhou-wuzhong-water-2024.txt").read_text(encoding="utf-8")
    doc = parse_text(raw)
    assert doc.script == "traditional"
    i = doc.simplified.index("区水务局党组")
    start = doc.simplified_to_text(i)
    assert doc.text[start : start + 6] == "區水務局黨組"
    # NFKC: full-width figures and compatibility characters meet their plain forms
    doc2 = parse_text("一、标题\n完成１２项，面积５０㎡，①号工程。")
    assert "完成12项" in doc2.simplified and "50m2" in doc2.simplified
    k = doc2.simplified.index("50m2")
    assert doc2.text[doc2.simplified_to_text(k + 2)] == "㎡"
