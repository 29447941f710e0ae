"""What names a figure, as a reviewer reads it in `diff --json` of consecutive State Council
reports: a name in quotation marks (“三农”), a duration inside the name (五年累计), the things a
count counts (165项…审批事项), each item of a list (城镇…和农村…分别), who pays (中央财政 or
全国财政), an amount added in the year against a level (issue 14, session 22)."""

from __future__ import annotations

from compare.text.quantities import Role, quantities, same_quantity, stated_role

from .test_diff_figure_roles import diff_json  # noqa: F401  (the fixture: `diff --json` of two years)


def _right(changes, start: str):
    [change] = [c for c in changes if c[2].startswith(start)]
    return change


def test_a_name_in_quotation_marks_names_the_figure(diff_json) -> None:
    # “三农” was cut out of the name at its quotation marks: the year's 三农 budget is followed
    # from target to target (2007 3917亿元 → 2008 5625亿元)
    target = _right(diff_json(2007, 2008), "今年中央财政安排“三农”支出5625亿元")
    assert target[1].startswith("中央财政安排用于“三农”的资金3917亿元")
    assert target[3] == [("3917亿元", "5625亿元"), ("520亿元", "1307亿元")]
    # 比去年增加520亿元 compares with last year: it makes no result of the target
    assert stated_role("中央财政安排用于“三农”的资金3917亿元，比去年增加520亿元。") is None
    assert stated_role("去年中央财政用于“三农”的支出3397亿元。") is Role.RESULT


def test_a_duration_inside_a_name_leaves_the_name_to_the_figure() -> None:
    [jobs] = quantities("中央财政安排就业补助资金五年累计666亿元。")
    assert {"就业", "补助"} <= jobs.indicator
    [farm] = quantities("中央财政用于“三农”的支出五年累计1.6万亿元，其中用于农村基础设施建设近3000亿元。")[:1]
    assert farm.text == "1.6万亿元" and "三农" in farm.indicator


def test_a_count_is_named_by_what_it_counts(diff_json) -> None:
    # 2016 取消和下放311项行政审批事项，取消123项职业资格许可和认定事项 against 2017 取消165项…审批
    # 事项，清理规范192项审批中介服务事项、220项职业资格许可认定事项: approvals against approvals,
    # qualifications against qualifications (it listed 123项 → 165项)
    approvals = _right(diff_json(2016, 2017), "在提前完成本届政府减少行政审批事项三分之一目标的基础上")
    assert approvals[3] == [("311项", "165项"), ("123项", "220项")]
    # 部 is no unit the figures read, but it counts what follows it: 5部法律议案 are 法律议案
    [bills] = quantities("国务院先后提出银行业监督管理法草案、对外贸易法修订草案等5部法律议案。")
    [five_years, _] = quantities("五年间，国务院提出法律议案50件，颁布行政法规150件。")
    assert same_quantity(bills, five_years)


def test_an_amount_added_in_the_year_is_not_listed_against_a_level(diff_json) -> None:
    # 2016 铁路营业里程达到12.1万公里，其中高速铁路超过1.9万公里 (the network) against 2017 高速
    # 铁路投产里程超过1900公里 (opened in the year)
    railways = [c for c in diff_json(2016, 2017) if c[2].startswith("高速铁路投产里程超过1900公里")]
    assert any(c[1].startswith("铁路营业里程达到12.1万公里") for c in railways)  # still the pair shown
    assert not [c for c in railways if ("1.9万公里", "1900公里") in c[3]]


def test_each_item_of_a_list_names_its_own_figure(diff_json) -> None:
    # 2013's review: 城镇居民人均可支配收入和农村居民人均纯收入年均分别实际增长8.8%和9.9%; 2014:
    # 城镇 7%, 农村 9.3% — urban against urban (the list had named both figures 农村…)
    incomes = _right(diff_json(2013, 2014), "城镇居民人均可支配收入实际增长7%")
    assert ("8.8%", "7%") in incomes[3] and ("9.9%", "9.3%") in incomes[3]
    spending = quantities("全年中央财政用于科技、教育、卫生和文化事业的支出分别为774亿元、536亿元、138亿元"
                          "和123亿元，比上年增长29.2%、39.4%、65.4%和23.9%。")
    science = [q for q in spending if "科技" in q.indicator]
    assert [q.text for q in science] == ["774亿元", "29.2%"]
    # a clause whose figures have words of their own between them is no part of the list
    *_, fine_dust = quantities("二氧化硫、氮氧化物排放量分别下降5.6%和4%，74个重点城市细颗粒物（PM2.5）年均浓度下降9.1%。")
    assert fine_dust.text == "9.1%" and "排放" not in fine_dust.indicator
    # a unit said once after the last number is every number's (4.2和0.7个百分点)
    loans = quantities("小微企业、“三农”贷款增速比各项贷款平均增速分别高4.2和0.7个百分点。")
    assert [q.unit_kind for q in loans] == ["percent", "percent"]


def test_who_pays_keeps_two_budgets_apart(diff_json) -> None:
    # 2011 五年全国财政教育支出累计4.45万亿元 (all levels) is not 2010's 中央财政教育支出1981亿元
    assert ("１９８１亿元", "4.45万亿元") not in {f for c in diff_json(2010, 2011) for f in c[3]}
    [national] = quantities("全国财政用于教育支出五年累计2.43万亿元。")
    [central] = quantities("全年中央财政用于教育的支出536亿元。")
    assert not same_quantity(national, central)


def test_a_five_year_review_pairs_with_the_years_result_when_its_name_holds_the_other(diff_json) -> None:
    # 2008 五年中央财政用于科技的投入达到3406亿元 against 2007's 科技…的支出774亿元: 投入 and 支出 are
    # generic, 科技 names both. The pair is shown; its figures are not listed old → new, a year's
    # spending against five years' (session 23: a list never sets a year against a period's total)
    science = _right(diff_json(2007, 2008), "五年中央财政用于科技的投入达到3406亿元")
    assert science[1].startswith("全年中央财政用于科技、教育、卫生和文化事业的支出")
    assert science[3] == []


def test_a_review_pairs_with_the_years_result_when_the_two_names_are_nearly_one(diff_json) -> None:
    # 2003's review of 1998–2002: 城镇居民家庭人均可支配收入…平均每年实际增长8.6%; 2004's result
    # 城镇居民人均可支配收入实际增长9%: 家庭 more or less, one quantity
    incomes = _right(diff_json(2003, 2004), "城镇居民人均可支配收入实际增长９％")
    assert incomes[1].startswith("城镇居民家庭人均可支配收入")
    assert incomes[3] == [("８．６％", "９％")]


def test_a_sum_that_sets_something_up_is_named_by_it(diff_json) -> None:
    # 2007 今年拟从去年超收收入中安排500亿元设立中央预算稳定调节基金 → 2008 拟增加中央预算稳定
    # 调节基金1032亿元: the fund, not the 超收收入 it comes from
    fund = _right(diff_json(2007, 2008), "拟增加中央预算稳定调节基金1032亿元")
    assert fund[1].startswith("今年拟从去年超收收入中安排500亿元设立中央预算稳定调节基金")
    assert fund[3] == [("500亿元", "1032亿元")]
