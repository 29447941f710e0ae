"""The formula lexicon: shipped entries, users' own files, and what a broken file tells the user."""

from __future__ import annotations

from pathlib import Path

import pytest

from compare.boilerplate.lexicon import SHIPPED, load_lexicon
from compare.errors import ReportError


def keys(hits) -> set[str]:
    return {h.entry.key for h in hits}


def test_shipped_lexicon_finds_the_formulas_named_in_the_issue() -> None:
    lex = load_lexicon(user=False)
    sentence = (
        "坚持以习近平新时代中国特色社会主义思想为指导，增强“四个意识”、坚定“四个自信”、做到“两个维护”，"
        "严格落实重大行政决策的公众参与、专家论证、风险评估、合法性审查、集体讨论决定等程序。"
    )
    found = keys(lex.find(sentence))
    assert "以习近平新时代中国特色社会主义思想为指导" in found
    assert {"四个意识", "四个自信", "两个维护"} <= found  # quotes in the text do not matter
    assert any(k.startswith("公众参与") and k.endswith("集体讨论决定") for k in found)
    hits = lex.find("现将2024年法治政府建设有关工作情况报告如下：")
    assert any(h.entry.kind == "template" and h.start == 0 for h in hits)
    assert "认识还不够深刻" in keys(lex.find("部分干部对法治政府建设的认识还不够深刻。"))
    assert "有待进一步提高" in keys(lex.find("一是法治政府建设意识有待进一步提高。"))


def test_wildcards_stay_inside_one_clause() -> None:
    lex = load_lexicon(user=False)
    assert not lex.find("现将情况说明。报告如下")  # 。 ends the clause the wildcard may span


def test_timing_formula_matches_any_year() -> None:
    lex = load_lexicon(user=False)
    hits = lex.find("2023年是贯彻党的二十大精神的开局之年，是“十四五”规划承上启下之年。")
    assert any(h.entry.kind == "timing" and h.start == 0 for h in hits)


def test_a_user_file_adds_entries_and_switches_shipped_ones_off(tmp_path: Path) -> None:
    own = tmp_path / "mine.yaml"
    own.write_text(
        "version: 1\n"
        "entries:\n"
        "  - text: 唠嗑说事\n"
        "    kind: stock\n"
        "    note: our street's own slogan by now\n"
        "  - text: 四个意识\n"
        "    kind: political\n"
        "    weight: 0\n",
        encoding="utf-8",
    )
    shipped = load_lexicon(user=False)
    extended = load_lexicon([own], user=False)
    sentence = "一是创新实践“唠嗑说事”工作机制，增强“四个意识”。"
    assert "唠嗑说事" not in keys(shipped.find(sentence))
    found = extended.find(sentence)
    assert "唠嗑说事" in keys(found)
    assert "四个意识" not in keys(found)
    assert [h.entry.note for h in found if h.entry.key == "唠嗑说事"] == ["our street's own slogan by now"]


def test_the_user_config_file_is_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    config = tmp_path / "boilerplate_lexicon.yaml"
    config.write_text("entries:\n  - text: 水美吴中\n    kind: stock\n", encoding="utf-8")
    monkeypatch.setenv("COMPARE_REPORTS_LEXICON", str(config))
    assert "水美吴中" in keys(load_lexicon().find("在“水美吴中”微信公众号上开展节水知识竞答"))
    assert "水美吴中" not in keys(load_lexicon(user=False).find("在“水美吴中”微信公众号上"))


def test_traditional_entries_are_simplified_before_matching(tmp_path: Path) -> None:
    own = tmp_path / "trad.yaml"
    own.write_text("entries:\n  - text: 擴大宣傳實效\n    kind: stock\n", encoding="utf-8")
    assert load_lexicon([own], user=False).find("三是扩大宣传实效。")


@pytest.mark.parametrize(
    "content, problem",
    [
        ("entries: [\n", "not valid YAML: "),
        ("- just a list\n", "'entries' list"),
        ("entries:\n  - kind: stock\n", "exactly one of 'text' or 'regex'"),
        ("entries:\n  - text: 某某\n    kind: nonsense\n", "unknown kind"),
        ("entries:\n  - regex: '(unclosed'\n    kind: stock\n", "bad regex"),
        ("entries:\n  - text: 某某\n    weight: 3\n", "between 0 and 1"),
    ],
)
def test_a_broken_lexicon_names_the_file_and_the_problem(tmp_path: Path, content: str, problem: str) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(content, encoding="utf-8")
    with pytest.raises(ReportError) as err:
        load_lexicon([bad], user=False)
    assert err.value.path == str(bad) or err.value.path.startswith(f"{bad}:")  # FILE or FILE:LINE
    assert problem in err.value.message


def test_the_shipped_file_documents_its_format() -> None:
    head = SHIPPED.read_text(encoding="utf-8")[:1500]
    for word in ("text:", "regex:", "kind:", "weight:", "--lexicon", "…"):
        assert word in head


def test_mainly_shown_in_is_a_shortcoming_only_after_a_problem() -> None:
    from compare.boilerplate.lexicon import load_lexicon

    lexicon = load_lexicon(user=False)
    assert not any(h.entry.kind == "shortcoming" for h in lexicon.find("一年来的成效主要表现在三个方面。"))
    assert any(h.entry.kind == "shortcoming" for h in lexicon.find("困难和问题仍然不少，主要表现在：需求不足。"))
