"""Figures named by the words around their clause (issue 14, session 26): a figure whose own
words name only a pilot or its scope (试点范围扩大到23%的县) is named by the clause before it,
and a list of names standing in the clause before its figures (化学需氧量、二氧化硫排放总量…，
比上年分别下降3.14%和4.66%) names one figure each; what a reviewer sees in `diff --json`."""

from __future__ import annotations

from .test_diff_figure_roles import diff_json  # noqa: F401  (the fixture: `diff --json` of two years)


def test_a_pilots_scope_is_named_by_the_pilot_in_the_clause_before(diff_json) -> None:
    # 2010 扎实推进新型农村社会养老保险试点，试点范围扩大到23%的县: 试点范围 alone names no
    # quantity; the pilot of the clause before does, as 2009's target 新型农村社会养老保险试点要覆盖
    # 全国10%左右的县（市）. Shown added before.
    changes = diff_json(2009, 2010)
    [pilot] = [c for c in changes if "试点范围扩大到２３％的县" in c[2]]
    assert pilot[0] == "rewritten" and pilot[1].startswith("新型农村社会养老保险试点要覆盖全国１０％左右的县")
    assert pilot[3] == [("１０％左右", "２３％")]


def test_a_list_in_the_clause_before_names_its_figures_one_each(diff_json) -> None:
    # 2008 化学需氧量、二氧化硫排放总量近年来首次出现双下降，比上年分别下降3.14％和4.66％: the
    # figures' own clause names nothing, the list before it names one each. Before, both took the
    # words of the clause before whole, and 2009's list missed them (only 3.27% → 4.59% was shown)
    changes = diff_json(2008, 2009)
    [emissions] = [c for c in changes if c[2].startswith("单位国内生产总值能耗比上年下降４．５９％")]
    assert emissions[0] == "rewritten" and "3.14％和4.66％" in emissions[1]
    assert emissions[3] == [("3.27%", "４．５９％"), ("3.14％", "４．４２％"), ("4.66％", "５．９５％")]
    # 2007→2008 (second development set): the 2008 sentence now pairs with 2007's 化学需氧量、
    # 二氧化硫排放量由上年分别增长5.6%和13.1%，减为增长1.2%和1.8% (it was shown added)
    # 二氧化硫排放量由上年分别增长5.6%和13.1%，减为增长1.2%和1.8%, its levels of 2006 listed (5.6% and
    # 13.1% are where they started from: the level reached is said in the next clause)
    [earlier] = [c for c in diff_json(2007, 2008) if "比上年分别下降3.14％和4.66％" in c[2]]
    assert earlier[1].startswith("主要污染物排放总量增幅减缓")
    assert earlier[3] == [("1.2%", "3.14％"), ("1.8%", "4.66％")]


def test_a_sum_over_years_said_in_the_clause_before_is_no_years_figure(diff_json) -> None:
    # 2009 近三年累计，单位国内生产总值能耗下降10.08%，…分别减少6.61%和8.95%: three-year sums, though
    # 累计 is said in the clause before; 2008's figures of 2007 are never listed against them (the
    # split was shown with 3.27% → 10.08%)
    changes = diff_json(2008, 2009)
    [total] = [c for c in changes if c[2].startswith("近三年累计")]
    assert total[0] == "split" and total[1].startswith("经过各方面努力，节能减排取得积极进展")
    assert total[3] == []


def test_a_result_is_no_piece_of_last_years_target(diff_json) -> None:
    # 2010 中央财政安排社会保障资金2906亿元 (the result of 2009) was shown split off 2009's target
    # 中央财政拟投入社会保障资金2930亿元…: alike by text, but the one quantity stated in another role.
    # It is added: 2009's target pairs with 2010's own target
    changes = diff_json(2009, 2010)
    [result] = [c for c in changes if c[2].startswith("中央财政安排社会保障资金２９０６亿元")]
    assert result[0] == "added" and result[1] == ""
    [target] = [c for c in changes if c[1].startswith("中央财政拟投入社会保障资金２９３０亿元")]
    assert "社会保障" in target[2] and "２９０６亿元" not in target[2]


def test_farmers_income_is_rural_residents_income(diff_json) -> None:
    # 农民人均纯收入 and 农村居民(家庭)人均纯收入 are one indicator (quantities.SYNONYMS): 2002's 4.2%
    # is listed against 2003's average over 1998–2002 (a rate against the period's average rate)
    changes = diff_json(2002, 2003)
    [income] = [c for c in changes if c[1] == "农民人均纯收入实际增长４．２％。"]
    assert income[2].startswith("农村居民家庭人均纯收入由２０９０元增加到２４７６元")
    assert income[3] == [("４．２％", "３．８％")]


def test_increases_said_once_for_a_list_are_no_levels(diff_json) -> None:
    # 2009 城镇职工基本养老保险、基本医疗保险参保人数分别增加1753万和2028万: two increases in the year
    # (分别增加 said once before the list's figures), listed before against 2008's level 参保人数突破2亿人
    # (`2亿人 → 2028万`, user test s25b #8) and against 2010's level 参保4.01亿人 (`2028万 → 4.01亿人`)
    changes = diff_json(2008, 2009)
    [insured] = [c for c in changes if "分别增加１７５３万和２０２８万" in c[2]]
    assert insured[1].startswith("城镇职工基本养老保险制度不断完善") and insured[3] == []
    [later] = [c for c in diff_json(2009, 2010) if "分别增加１７５３万和２０２８万" in c[1]]
    assert later[3] == []
