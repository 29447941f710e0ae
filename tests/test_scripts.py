"""Scripts and regional variants: what is Simplified stays, Hong Kong and Taiwan forms meet
their mainland forms in the matching view, search finds either form on either side."""

from __future__ import annotations

import json
import subprocess
import sys
import unicodedata
from pathlib import Path

from compare.comparison.diff import compare_documents
from compare.comparison.results import ChangeKind
from hypothesis import given, settings
from hypothesis import strategies as st

from compare.parsing.normalise import (
    _script_by_counts, choose_conversion, detect_script, fold_variants, matching_view, opencc_convert,
    simplified_view, simplify, simplify_as, to_simplified,
)
from compare.parsing.pipeline import parse_file, parse_text
from compare.tui.search import search
from tests.conftest import CORPUS, ROOT

CASES = ROOT / "tests" / "data" / "cases"


def test_a_simplified_report_with_a_place_name_in_乾_is_not_converted():
    doc = parse_text("乾安县2023年政府工作报告\n一、工作回顾\n乾安县全年地区生产总值增长百分之五。\n")
    assert doc.script == "simplified" and doc.conversion == ""
    assert "乾安县" in doc.simplified and "干安县" not in doc.simplified
    assert simplify("乾安县") == "乾安县"


def test_a_hong_kong_report_is_read_with_hk2s_and_a_taiwan_report_with_tw2s():
    assert detect_script("隨著人口老化，衞生署會繼續推行疫苗接種計劃。") == "traditional"
    assert choose_conversion("隨著人口老化，衞生署會繼續推行疫苗接種計劃，香港特別行政區政府。") == "hk2s"
    assert choose_conversion("臺灣的行政院在民國112年提出施政計畫，這裡的政府會繼續推動。") == "tw2s"
    assert choose_conversion("发展经济，这是国家的大事。") == ""


def test_variants_t2s_leaves_are_folded_but_著_of_著名_stays():
    assert fold_variants("衞生署") == "卫生署"
    assert simplify("隨著人口老化發揮著重要作用") == "随着人口老化发挥着重要作用"
    assert simplify("著名學者的著作十分顯著堪稱名著") == "著名学者的著作十分显著堪称名著"
    assert simplify("著手推進") == "着手推进"


def test_hong_kong_report_against_its_simplified_edition_is_all_unchanged():
    a = parse_file(CASES / "09-hk-variants-a.txt")
    b = parse_file(CASES / "09-hk-variants-b.txt")
    assert (a.script, a.conversion, b.script) == ("traditional", "hk2s", "simplified")
    assert "醫療衞生" in a.text  # display keeps the report's own characters
    comparison = compare_documents(a, b)
    changes = [c for d in comparison.sections for c in d.changes]
    assert changes and all(c.kind == ChangeKind.UNCHANGED for c in changes)
    assert {p.relation for p in comparison.alignment.pairs} == {"same"}


def test_search_finds_either_form_on_either_side():
    a = parse_file(CASES / "09-hk-variants-a.txt")
    b = parse_file(CASES / "09-hk-variants-b.txt")
    for query in ("卫生署", "衞生署", "衛生署"):
        hits = search(a, b, query)
        assert {h.side for h in hits} == {"left", "right"}, query
        assert a.text[hits[0].start:hits[0].end] == "衞生署"
    place = parse_text("乾安县2023年政府工作报告\n一、工作回顾\n乾安县全年增长百分之五。\n")
    traditional = parse_text("乾安縣2023年政府工作報告\n一、工作回顧\n乾安縣的發展，乾燥的氣候。\n")
    hits = search(place, traditional, "乾安县")
    assert {h.side for h in hits} == {"left", "right"}


def test_parse_json_says_which_conversion_the_matching_view_used():
    out = subprocess.run(
        [sys.executable, "-m", "compare.cli", "parse", str(CASES / "09-hk-variants-a.txt"), "--json"],
        capture_output=True, text=True, check=True, cwd=ROOT,
    )
    data = json.loads(out.stdout)
    assert data["script"] == "traditional" and data["conversion"] == "hk2s"


def test_bundled_reports_keep_their_script_labels():
    traditional = {"suzhou-wuzhong-water-2024.txt", "wuzhi-urban-management-2024.txt"}
    for path in sorted(Path(CORPUS).glob("*.txt")):
        doc = parse_file(path)
        assert doc.script == ("traditional" if path.name in traditional else "simplified"), path.name


def test_the_simplified_view_shown_is_the_matching_view_without_its_widths():
    """What `t` shows has the matching view's characters for every sentence of a Hong Kong, a
    Taiwan-style and a Simplified report; only full-width punctuation keeps its width."""
    for path in (CASES / "09-hk-variants-a.txt", CORPUS / "suzhou-wuzhong-water-2024.txt",
                 CASES / "09-hk-variants-b.txt"):
        doc = parse_file(path)
        for sentence in doc.sentences():
            shown, _ = simplified_view(sentence.text, doc.conversion)
            assert unicodedata.normalize("NFKC", shown) == sentence.simplified, sentence.text
    shown, _ = simplified_view("隨著衞生署，著名", "hk2s")
    assert shown == "随着卫生署，著名"


# Pieces whose matching view is easy to get wrong: full-width forms, ideographic space,
# compatibility characters that change length (Ⅲ, ①, ⑴, ㎡, …), combining marks after a letter
# (é composed, marks reordered), Hangul, characters outside GB 2312 (—, ·, 勠, Traditional ones),
# literal backslash escapes, and a Traditional sentence.
_VIEW_PIECES = st.sampled_from([
    "，", "（", "）", "：", "１２", "ＡＢ", "ｅ\u0301", "e\u0301", "x\u0301\u0323", "\u0323", "\u3000",
    "Ⅲ", "ⅳ", "①", "⑴", "⒈", "㎡", "℃", "…", "½", "\xa0", "豈", "—", "·", "勠", "鋆", "〇", "開發",
    "衞生", "隨著", "著名", "乾安县", "\\u2014", "\\xb7", "\\U0010ffff", "\\", "한국", "ᄀ\u1161",
    "政府工作报告", "。", "\n",
])
_VIEW_TEXTS = st.lists(st.one_of(_VIEW_PIECES, st.text(max_size=6)), max_size=30).map("".join)


def _stray_reference(text: str) -> str:
    """A Simplified report's stray characters converted one by one, as str.translate does."""
    table = {}
    for c in set(text):
        try:
            c.encode("gb2312")
        except UnicodeEncodeError:
            table[ord(c)] = fold_variants(to_simplified(c))
    return text.translate(table)


@settings(max_examples=400, deadline=None)
@given(_VIEW_TEXTS)
def test_the_matching_view_of_any_text_is_nfkc_of_its_conversion(text: str) -> None:
    """The fast matching view (decomposed compatibility characters, strays found by the codec)
    gives exactly NFKC of the script conversion, in each conversion, and maps back to the text."""
    assert simplify_as(text, "") == unicodedata.normalize("NFKC", _stray_reference(text))
    for conversion in ("t2s", "hk2s", "tw2s"):
        converted = fold_variants(opencc_convert(text, conversion))
        assert simplify_as(text, conversion) == unicodedata.normalize("NFKC", converted)
    for conversion in ("", "t2s"):
        view, mapping = matching_view(text, conversion)  # type: ignore[arg-type]
        if mapping is not None:
            assert len(mapping) == len(view)
            assert mapping == sorted(mapping) and all(0 <= m < len(text) for m in mapping)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(_VIEW_PIECES, st.sampled_from(["發展", "国家", "台灣", "裡", "衞", "鉅"])),
                max_size=30).map("".join))
def test_the_script_shortcut_judges_as_counting_does(text: str) -> None:
    """detect_script's shortcut (no CJK character outside GB 2312: Simplified without
    counting) judges every text as counting its characters does."""
    assert detect_script(text) == _script_by_counts(text)
