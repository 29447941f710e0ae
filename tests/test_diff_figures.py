"""Figure sentences next to their counterparts: the same quantity pairs with the same quantity,
and a sentence folded into another (or split off one) is shown with its partner."""

from __future__ import annotations

import re
from functools import lru_cache

from compare.comparison.diff import compare_documents
from compare.comparison.results import ChangeKind, Comparison, SentenceChange
from compare.parsing.document import Document
from compare.parsing.pipeline import parse_text
from compare.presentation.view import inline_pieces
from compare.text.quantities import Role, quantities, quantity_roles, same_quantity

from .conftest import CORPUS

BONDS = "安排地方专项债券4000亿元，继续发行地方政府置换债券。"
DEFICIT = "今年拟安排财政赤字2.18万亿元，比去年增加5600亿元，赤字率提高到3%。"


@lru_cache(maxsize=None)
def report_2016() -> str:
    return (CORPUS / "state-council-2016.txt").read_text(encoding="utf-8")


@lru_cache(maxsize=None)
def left_2016() -> Document:
    return parse_text(report_2016(), "state-council-2016.txt")


def edited(*replacements: tuple[str, str]) -> Comparison:
    raw = report_2016()
    for old, new in replacements:
        assert old in raw
        raw = raw.replace(old, new, 1)
    return compare_documents(left_2016(), parse_text(raw, "edited.txt"))


def changes(comparison: Comparison) -> list[SentenceChange]:
    return [c for section in comparison.sections for c in section.changes]


def of_right(comparison: Comparison, text: str) -> list[SentenceChange]:
    return [c for c in changes(comparison) if c.right is not None and c.right.text == text]


def of_left(comparison: Comparison, text: str) -> list[SentenceChange]:
    return [c for c in changes(comparison) if c.left is not None and c.left.text == text]


def test_quantities_name_what_is_counted() -> None:
    [bonds] = quantities("拟安排地方政府专项债券4.4万亿元")
    [treasury] = quantities("拟发行超长期特别国债1.3万亿元")
    [old_bonds] = quantities("安排地方专项债券3.9万亿元")
    assert same_quantity(bonds, old_bonds)
    assert not same_quantity(bonds, treasury)
    jobs = quantities("城镇新增就业1310万人，创历史新高。")
    assert [q.text for q in jobs] == ["1310万人"]  # the figure takes its measure word (figures.py)
    growth, new_jobs, prices = quantities("国内生产总值增长7.8%，城镇新增就业1266万人，居民消费价格涨幅回落到2.6%。")
    assert same_quantity(jobs[0], new_jobs) and not same_quantity(jobs[0], growth)
    assert not same_quantity(growth, prices)  # both percentages, different indicators
    assert quantities("连续7年增产，2011-2020年纲要") == ()  # durations and years are not quantities


def test_the_same_quantity_wins_over_a_sentence_that_only_reads_alike() -> None:
    # the case: this year's 专项债券 sentence, reworded and reordered, with a sentence
    # about another quantity (超长期特别国债) just before it that reads much like last year's
    reordered = "继续发行地方政府置换债券，地方政府专项债券拟安排8000亿元。"
    decoy = "安排超长期特别国债4000亿元，继续发行地方政府置换债券。"
    comparison = edited((BONDS, decoy + reordered))
    [change] = of_right(comparison, reordered)
    assert change.left is not None and change.left.text == BONDS
    [other] = of_right(comparison, decoy)
    assert other.kind == "added" and other.left is None


def test_a_figure_sentence_moved_to_another_chapter_finds_its_quantity() -> None:
    # the deficit sentence rewritten and carried into the preamble
    rewritten = "赤字率拟按3%安排，财政赤字2.38万亿元，比去年增加2000亿元。"
    raw = report_2016()
    first_line = raw.splitlines()[0]
    comparison = edited((DEFICIT, ""), (first_line, first_line + "\n" + rewritten))
    [change] = of_right(comparison, rewritten)
    assert change.left is not None and change.left.text == DEFICIT
    assert change.kind == "moved"


def test_a_sentence_folded_into_another_is_merged_with_its_figures_old_to_new() -> None:
    # 2025 folded 居民消费价格上涨0.2% into the sentence on employment (the case)
    raw = report_2016()
    sentence = next(s for s in left_2016().sentences() if "城镇新增就业" in s.text and "万人" in s.text)
    cpi = "居民消费价格上涨1.4%。"
    assert cpi not in raw
    # last year's report: the employment sentence, then a separate CPI sentence
    left = parse_text(raw.replace(sentence.text, sentence.text + cpi, 1), "left.txt")
    folded = sentence.text.rstrip("。；") + "，居民消费价格上涨2%。"
    right = parse_text(raw.replace(sentence.text, folded, 1), "right.txt")
    comparison = compare_documents(left, right)
    [merged] = of_left(comparison, cpi)
    assert merged.kind == "merged"
    assert merged.right is not None and merged.right.text == folded
    assert [(f.old, f.new) for f in merged.figures] == [("1.4%", "2%")]
    assert "1.4% → 2%" in "".join(text for text, _ in inline_pieces(merged))
    assert any(c.kind != "merged" and c.left is not None and c.left.text == sentence.text for c in of_right(comparison, folded))


def test_a_sentence_split_in_two_is_shown_as_split_from_its_partner() -> None:
    # one sentence of last year becomes two this year: the second is split off the first
    sentence = next(s for s in left_2016().sentences() if s.text.count("，") >= 3 and len(s.text) > 60)
    clauses = sentence.text.rstrip("。").split("，")
    first = "，".join(clauses[:2]) + "。"
    second = "，".join(clauses[2:]) + "。"
    comparison = edited((sentence.text, first + second))
    kinds = {c.kind for c in of_right(comparison, first) + of_right(comparison, second)}
    assert "split" in kinds
    split = next(c for c in of_right(comparison, first) + of_right(comparison, second) if c.kind == "split")
    assert split.left is not None and split.left.text == sentence.text
    assert not [c for c in changes(comparison) if c.kind in ("added", "removed")]


def test_each_figure_has_a_role_from_its_clause_its_sentence_or_where_it_stands() -> None:
    # a level named with its year is a result of that year; a change since five years ago
    # is a figure over several years
    assert quantity_roles("国家外汇储备2000年底达1656亿美元，比1995年底增加920亿美元。") == (Role.RESULT, Role.REVIEW)
    assert quantity_roles("今年拟安排财政赤字9000亿元，赤字率下降到2%左右。") == (Role.TARGET, Role.TARGET)
    # no word of its own: the role where the sentence stands
    assert quantity_roles("城镇新增就业1168万人。", Role.TARGET) == (Role.TARGET,)
    # meeting a target is a result
    assert quantity_roles("城镇新增就业1312万人，超过全年预期目标。") == (Role.RESULT,)
    # a share of GDP is not GDP's growth
    [share] = quantities("服务业快速发展，在国内生产总值中占比提高2.5个百分点。")
    [growth] = quantities("国内生产总值增长9.2%。")
    assert not same_quantity(share, growth)
    # the words after the figure name it: 8%左右的国内生产总值增长目标
    [target] = quantities("提出8%左右的国内生产总值增长目标。")
    assert same_quantity(target, growth)


def _pair(left_year: int, right_year: int) -> Comparison:
    return compare_documents(
        parse_text((CORPUS / f"state-council-{left_year}.txt").read_text(encoding="utf-8"), f"{left_year}.txt"),
        parse_text((CORPUS / f"state-council-{right_year}.txt").read_text(encoding="utf-8"), f"{right_year}.txt"),
    )


def test_a_target_pairs_with_last_years_target_not_with_a_result_stated_in_the_plan_chapter() -> None:
    # the 2011 report's chapter on 2011 opens with 2010's results (过去一年 … 居民消费价格涨幅
    # 控制在3.3%): the 2012 CPI target pairs with the 2011 target, not with that result
    comparison = _pair(2011, 2012)
    [change] = of_right(comparison, "居民消费价格涨幅控制在4%左右；")
    assert change.left is not None and change.left.text == "居民消费价格总水平涨幅控制在4%左右；"
    result = next(c for c in changes(comparison) if c.left is not None and c.left.text.startswith("国内生产总值增长10.3%"))
    assert result.right is None or "左右" not in result.right.text


def test_a_years_result_pairs_with_the_level_stated_in_the_five_year_review() -> None:
    # 2002 reports 2001's reserves; 2001's report states 2000's inside its review of 1996–2000
    comparison = _pair(2001, 2002)
    reserves = next(c for c in changes(comparison) if c.right is not None and "外汇储备达到" in c.right.text)
    assert reserves.left is not None and reserves.left.text.startswith("国家外汇储备2000年底达1656亿美元")


def test_a_figure_named_only_by_what_pays_takes_what_is_paid_for_from_around_it() -> None:
    # 投入 alone names no quantity: 就业 after the figure, or in the clause before, does
    [jobs_fund] = quantities("中央财政拟投入433亿元用于促进就业。")
    [old_jobs_fund] = quantities("实施更加积极的就业政策，中央财政拟投入420亿元资金。")
    [housing_fund] = quantities("中央财政拟投入保障性住房资金632亿元。")
    assert same_quantity(jobs_fund, old_jobs_fund)
    assert not same_quantity(jobs_fund, housing_fund)
    # 的 and 用于 are not part of the name: 中央财政用于科技的支出 is 中央财政科技投入
    [science] = quantities("加快实施国家科技重大专项，中央财政用于科技的支出1512亿元。")
    [old_science] = quantities("中央财政科技投入1163亿元。")
    assert same_quantity(science, old_science)
    # the trial of one programme is not the trial of another because both widen (扩大到)
    [checkups] = quantities("将免费孕前优生健康检查试点范围扩大到60%的县。")
    [pensions] = quantities("将新型农村社会养老保险试点范围扩大到全国40%的县。")
    assert not same_quantity(checkups, pensions)


def test_a_reworded_figure_sentence_lists_its_figures_old_to_new(capsys) -> None:
    # State Council 2016 → 2017: the GDP sentence was rewritten around new figures; a reviewer
    # sees the words that changed and, beside them, each quantity old → new
    from compare.cli import main

    left = parse_text(report_2016(), "state-council-2016.txt")
    right = parse_text((CORPUS / "state-council-2017.txt").read_text(encoding="utf-8"), "state-council-2017.txt")
    gdp = next(c for c in changes(compare_documents(left, right))
               if c.left and c.right and c.left.text.startswith("国内生产总值达到67.7万亿元"))
    assert str(gdp.kind) in ("rewritten", "reworded") and not gdp.only_figures
    assert [(f.old, f.new) for f in gdp.figures] == [("67.7万亿元", "74.4万亿元"), ("6.9%", "6.7%")]
    assert main(["diff", str(CORPUS / "state-council-2016.txt"), str(CORPUS / "state-council-2017.txt"),
                 "--color", "never", "--no-pager"]) == 0
    out = capsys.readouterr().out
    assert "[figures: 67.7万亿元 → 74.4万亿元; 6.9% → 6.7%]" in re.sub(r"\n\s*", "", out)


def test_approximate_amounts_keep_their_magnitude() -> None:
    from compare.text.figures import find_figures

    assert [(f.text, f.normalised) for f in find_figures("住房困难家庭圆了安居梦380多万户，实际使用外资1300多亿美元")] == [
        ("380多万户", "3800000户"), ("1300多亿美元", "130000000000美元")]


def test_a_spaced_full_width_decimal_point_is_one_figure() -> None:
    # state-council-1998 as crawled: "去年经济增长8 ．8 ％"
    from compare.text.figures import find_figures

    assert [(f.text, f.normalised) for f in find_figures("去年经济增长8 ．8 ％，商品零售价格")] == [("8 ．8 ％", "8.8%")]
    assert [f.text for f in find_figures("工作分三步：1. 2. 3.")] != ["1. 2"]


def test_an_indicator_named_by_a_synonym_is_the_same_quantity(capsys) -> None:
    # State Council usage names one indicator two ways (quantities.SYNONYMS): 2011's 对外贸易总额
    # is 2012's 货物进出口总额, 2009's 保障性安居工程资金 is 2010's 保障性住房专项补助资金
    [trade] = quantities("去年对外贸易总额达到2.97万亿美元，开放型经济水平快速提升。")
    goods_trade = quantities("全年货物进出口总额3.64万亿美元，增长22.5%，其中，出口增长20.3%，进口增长24.9%。")[0]
    assert same_quantity(trade, goods_trade)
    [housing] = quantities("今年中央财政拟安排保障性安居工程资金493亿元，加大对廉租房建设的投资支持力度。")
    [new_housing, _] = quantities("中央财政拟安排保障性住房专项补助资金632亿元，比上年增加81亿元。")
    assert same_quantity(housing, new_housing)
    # a reviewer of 2011 → 2012 sees the trade sentence moved out of the five-year review, old → new
    from compare.cli import main

    assert main(["diff", str(CORPUS / "state-council-2011.txt"), str(CORPUS / "state-council-2012.txt"),
                 "--color", "never", "--no-pager"]) == 0
    out = capsys.readouterr().out
    assert "[-去年对外贸易-]{+全年货物进出口+}总额" in out
    assert re.search(r"\[figures: 2\.97万亿美元 →\s+3．64万亿美元\]", out)


def test_a_qualifier_keeps_two_alike_names_apart(capsys) -> None:
    # 对全球经济增长的贡献率 is not 消费对经济增长的贡献率 (State Council 2016 → 2017), nor is
    # 科技进步对经济增长的贡献率; 城镇 is not 农村, 出口 is not 进口
    [consumption] = quantities("消费对经济增长的贡献率达到66.4%。")
    world = quantities("国内生产总值达到74.4万亿元，增长6.7%，名列世界前茅，对全球经济增长的贡献率超过30%。")[-1]
    science = quantities("全社会研发经费投入强度达到2.5%，科技进步对经济增长的贡献率达到60%。")[-1]
    [final_consumption] = quantities("最终消费对经济增长的贡献率为58.8%。")
    assert not same_quantity(consumption, world) and not same_quantity(consumption, science)
    assert same_quantity(consumption, final_consumption)
    urban, rural = quantities("城镇居民人均可支配收入17175元，农村居民人均纯收入5153元。")
    assert not same_quantity(urban, rural)
    _, exports, imports = quantities("全年货物进出口总额3.64万亿美元，其中，出口增长20.3%，进口增长24.9%。")
    assert not same_quantity(exports, imports)
    # what a reviewer of 2016 → 2017 sees: last year's 66.4% is removed, not listed against 30%
    from compare.cli import main

    assert main(["diff", str(CORPUS / "state-council-2016.txt"), str(CORPUS / "state-council-2017.txt"),
                 "--color", "never", "--no-pager"]) == 0
    out = capsys.readouterr().out
    assert "66.4% → 30%" not in re.sub(r"\n\s*", "", out)
    assert "− 消费对经济增长的贡献率达到66.4%。" in out.splitlines()


def test_a_price_stated_per_another_unit_is_the_same_price() -> None:
    # 每50公斤 and 每斤 say what the price is per: no quantity and no part of its name; the
    # crops listed (早籼稻、…粳稻) take the name of the clause before the list (最低收购价)
    per_50kg = quantities("进一步提高粮食最低收购价，早籼稻、中晚籼稻、粳稻每50公斤分别提高3元、5元和10元。")
    assert [q.text for q in per_50kg] == ["3元", "5元", "10元"]
    per_jin = quantities("今年小麦、稻谷最低收购价平均每斤分别提高0.11元和0.13元。")
    assert same_quantity(per_50kg[0], per_jin[0])
    # what a reviewer of 2009 → 2010 sees: the 2010 price rises against 2009's, rice (稻谷 0.13元)
    # against the first rice (早籼稻 3元), wheat (小麦 0.11元) against wheat (小麦每50公斤提高3元)
    comparison = _pair(2009, 2010)
    change = next(c for c in changes(comparison) if c.left is not None and c.right is not None
                  and c.left.text.startswith("今年小麦、稻谷最低收购价平均每斤"))
    assert change.right is not None and change.right.text.startswith("进一步提高粮食最低收购价")
    rice, wheat = change.figures
    assert (rice.old, rice.new, wheat.old, wheat.new) == ("０．１３元", "３元", "０．１１元", "３元")
    assert "小麦" in change.right.text[: wheat.right_start - change.right.start][-12:]


def test_a_figure_taken_as_a_standard_is_named_by_it() -> None:
    # 2012: 农民人均纯收入2300元…作为新的国家扶贫标准 is the poverty line, not farmers' income
    [line, rise] = quantities("中央决定将农民人均纯收入2300元（2010年不变价）作为新的国家扶贫标准，比2009年提高92%。")
    [income] = quantities("农民人均纯收入达到5919元，实现持续较快增长。")
    assert not same_quantity(line, income) and not same_quantity(rise, income)
    comparison = _pair(2011, 2012)
    [change] = [c for c in changes(comparison) if c.right is not None and "作为新的国家扶贫标准" in c.right.text]
    assert change.kind == "added" and change.left is None


def test_a_change_from_one_level_to_another_states_the_level_reached() -> None:
    [gdp, growth, revenue] = quantities("国内生产总值达到39.8万亿元，年均增长11.2%，财政收入从3.16万亿元增加到8.31万亿元。")
    assert revenue.text == "8.31万亿元" and "财政" in "".join(revenue.indicator)
    [subsidy] = quantities("各级财政对城镇居民医保和新农合的补助标准由每人每年120元提高到200元。")
    assert subsidy.text == "200元"


def test_a_result_without_a_counterpart_in_its_role_pairs_with_the_five_year_review() -> None:
    # 2011 reviewed 2006–2010 (年均, 累计): 2012's results of 2011 have no result to pair with
    # but that review's figures of the same quantity; each shown old → new
    comparison = _pair(2011, 2012)

    def counterpart(start: str) -> SentenceChange:
        return next(c for c in changes(comparison) if c.right is not None and c.right.text.startswith(start))

    incomes = counterpart("城镇新增就业1221万人")
    assert incomes.left is not None and incomes.left.text.startswith("城镇居民人均可支配收入和农村居民人均纯收入年均")
    assert [(f.old, f.new) for f in incomes.figures] == [("9.7%", "8．4%"), ("8.9%", "11．4%")]
    revenue = counterpart("公共财政收入10．37万亿元")
    assert [(f.old, f.new) for f in revenue.figures] == [("8.31万亿元", "10．37万亿元")]
    # the result of 2010 stated in 2011 is still preferred to the review when it is there
    gdp = counterpart("国内生产总值47．2万亿元")
    assert gdp.left is not None and gdp.left.text.startswith("国内生产总值增长10.3%")
    # across roles one name must hold the other whole: 全国财政支出 is not 全国财政教育支出
    spending = counterpart("各级政府加大对科技、教育、文化、卫生、体育事业的投入")
    assert spending.left is None
    # 2002: 外商直接投资 against 2001's 五年累计实际利用外资 (a synonym, in the review)
    fdi = next(c for c in changes(_pair(2001, 2002)) if c.right is not None and c.right.text.startswith("外商直接投资"))
    assert fdi.left is not None and "实际利用外资" in fdi.left.text


def test_the_reports_own_year_moved_on_is_no_figure_change():
    """A body's next annual report keeps last year's sentences with its own year moved on
    (2022年 → 2023年, 2021-2022年 → 2022-2023年): those sentences are carried over, and a sentence
    whose real figure changed lists that figure only, never 2022年 → 2023年."""
    raw = (CORPUS / "guangzhou-tianhe-water-2022.txt").read_text(encoding="utf-8")
    later = raw.replace("2022", "2023").replace("2021", "2022").replace("立案24宗", "立案30宗")
    left = parse_text(raw, "guangzhou-tianhe-water-2022.txt")
    right = parse_text(later, "guangzhou-tianhe-water-2023.txt")
    assert (left.year, right.year) == (2022, 2023)
    comparison = compare_documents(left, right)
    listed = [c for c in changes(comparison) if c.kind.value != "unchanged"]
    assert [(f.old, f.new) for c in listed for f in c.figures] == [("24宗", "30宗")]
    assert len(listed) == 1 and "立案30宗" in listed[0].right.text
    opening = next(c for c in changes(comparison) if c.right and c.right.text.startswith("2023年,在区委"))
    assert opening.kind.value == "unchanged"
    # the same text a year apart in reports of one year is a change of date, still shown
    same_year = compare_documents(parse_text(raw, "a.txt"), parse_text(raw.replace("2022年3月", "2023年3月"), "b.txt"))
    assert any(f.old == "2022年" for c in changes(same_year) for f in c.figures)


def test_a_deadline_or_a_future_year_moved_on_is_a_postponement_still_shown():
    # a year apart, 2024年底前 → 2025年底前 and a plan for 2025 → 2026 are the same commitment
    # put off a year: a reviewer must see them, unlike the report's own year moving on
    left = parse_text("清河县司法局2023年度法治政府建设情况报告\n一、下一步\n2023年，承诺2024年底前实现“一村一法律顾问”全覆盖。\n到2025年建成智慧司法平台。\n",
                      "sifa-2023.txt")
    right = parse_text("清河县司法局2024年度法治政府建设情况报告\n一、下一步\n2024年，承诺2025年底前实现“一村一法律顾问”全覆盖。\n到2026年建成智慧司法平台。\n",
                       "sifa-2024.txt")
    assert (left.year, right.year) == (2023, 2024)
    listed = [(f.old, f.new) for c in changes(compare_documents(left, right)) for f in c.figures]
    assert ("2024年", "2025年") in listed and ("2025年", "2026年") in listed
    assert ("2023年", "2024年") not in listed  # the report's own year


def test_the_next_year_framing_a_plan_sentence_moves_on_with_the_reports():
    # user test s26: a 法治政府建设情况报告 of 2024 (written early in 2025) plans 2025年，力争创建…;
    # the 2025 report's 2026年，力争创建… is the plan chapter's frame a year on, not a figure
    # change ("numbers only" counted it). A deadline in the same sentence still moves as one.
    left = parse_text("清河县司法局2024年度法治政府建设情况报告\n一、下一步工作安排\n"
                      "2025年，力争创建全省法治政府建设示范区。\n2025年，确保2025年底前完成平台建设。\n", "sifa-2024.txt")
    right = parse_text("清河县司法局2025年度法治政府建设情况报告\n一、下一步工作安排\n"
                       "2026年，力争创建全省法治政府建设示范区。\n2026年，确保2026年底前完成平台建设。\n", "sifa-2025.txt")
    assert (left.year, right.year) == (2024, 2025)
    found = changes(compare_documents(left, right))
    frame = next(c for c in found if c.right is not None and c.right.text.startswith("2026年，力争"))
    assert frame.kind is ChangeKind.UNCHANGED and not frame.figures
    deadline = next(c for c in found if c.right is not None and "底前" in c.right.text)
    assert [(f.old, f.new) for f in deadline.figures] == [("2025年", "2026年")]
