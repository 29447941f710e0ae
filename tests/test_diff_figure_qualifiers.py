"""Qualifiers that set two quantities apart whatever else their names share (issue 14, session
25): 全国居民 against 城镇居民/农村居民, 收入 against 支出, a share of a whole against an amount per
unit of it. A reviewer must never read one as the
other's new figure in `diff`."""

from __future__ import annotations

import json
from pathlib import Path

from compare.cli import main

from .test_diff_figure_roles import diff_json  # noqa: F401  (the fixture: `diff --json` of two years)


def test_the_whole_countrys_residents_are_not_the_urban_ones(diff_json) -> None:
    # 2015 reports 全国居民人均可支配收入实际增长8% for the first time; 2014 had only the urban (7%) and
    # rural (9.3%) incomes, and the list showed 7% → 8% across them (全国 was a filler word)
    changes = diff_json(2014, 2015)
    [national] = [c for c in changes if "全国居民人均可支配收入" in c[2]]
    assert national[0] == "added" and national[3] == []
    assert not any(("7%", "8%") in c[3] for c in changes)
    # the rural income keeps its counterpart, 9.3% → 9.2%
    [rural] = [c for c in changes if c[2].startswith("农村居民人均可支配收入实际增长9.2%")]
    assert rural[1].startswith("城镇居民人均可支配收入实际增长7%") and rural[3] == [("9.3%", "9.2%")]


def test_revenue_is_not_listed_against_spending(tmp_path: Path, capsys) -> None:
    # 2000's 国家财政共增加支出540多亿元 and 2001's 国家财政收入达13380亿元 share 国家财政: they were shown
    # as one sentence rewritten, [figures: 540多亿元 → 13380亿元]
    left, right = tmp_path / "a.txt", tmp_path / "b.txt"
    left.write_text("一、过去一年的工作\n去年经济平稳增长。落实这些措施，国家财政共增加支出540多亿元，"
                    "全国有8400多万人受益。粮食生产保持稳定。\n", encoding="utf-8")
    right.write_text("一、过去一年的工作\n去年经济平稳增长。在经济持续增长和效益改善的基础上，"
                     "国家财政收入达13380亿元，增长16.5％。粮食生产保持稳定。\n", encoding="utf-8")
    assert main(["diff", str(left), str(right), "--json"]) == 0
    changes = [c for s in json.loads(capsys.readouterr().out)["sections"] for c in s["changes"]]
    kinds = {c["kind"] for c in changes if "540多亿元" in (c["left"] or {}).get("text", "")}
    assert kinds == {"removed"}
    assert not any(c.get("figures") for c in changes)


def test_a_share_of_gdp_is_not_an_amount_per_unit_of_gdp(diff_json) -> None:
    # user test s25b: 2008's 研究与实验发展经费…占国内生产总值比重从1.07%提高到1.49% was listed
    # 1.49% → 10.08% against 2009's 单位国内生产总值能耗下降10.08%: both name GDP, one as the whole a
    # share is of, the other as what energy is used per unit of
    changes = diff_json(2008, 2009)
    assert not any(old == "1.49%" for c in changes for old, _ in c[3])
    # the energy figure keeps its counterpart, 2009's figure of one year (energy per unit of GDP);
    # 近三年累计…下降10.08% is a three-year sum, no year's figure (session 26)
    listed = [pair for c in changes for pair in c[3]]
    assert ("3.27%", "４．５９％") in listed and ("3.27%", "１０．０８％") not in listed
