"""Series indicators: each figure named by its own object, one quantity under one name (issue 15;
user test s26 items 1, 2, 9 and 13). Every case is a real sentence of the bundled State Council
reports, read through `document_observations` and `follow` as `series` does."""

from __future__ import annotations

from pathlib import Path

import pytest

from compare.errors import ReportError
from compare.parsing.pipeline import parse_text
from compare.series.indicators import (
    MULTI_YEAR_SUFFIX,
    Observation,
    document_observations,
    follow,
    value_years,
)
from compare.series.names import parse_names, standard_name
from compare.series.ordering import load_report

from .conftest import CORPUS


def _observations(years: range | tuple[int, ...]) -> list[Observation]:
    out = []
    for year in years:
        doc = load_report(CORPUS / f"state-council-{year}.txt")
        out.extend(value_years(document_observations(doc, doc.year), doc.covers))
    return out


def _series(years: range | tuple[int, ...]) -> dict[tuple[str, str], dict[int, str]]:
    """(name, kind) → the year each value is of → the figure as written, as `series` follows them."""
    return {(i.name, str(i.kind)): {v.of_year: v.written for v in i.values}
            for i in follow(_observations(years), min_years=1)}


def test_figures_stated_one_by_one_go_to_their_nouns_in_order() -> None:
    """城镇居民人均可支配收入9422元，农村居民人均纯收入2936元，扣除价格因素，分别实际增长7.7%和6.8% (2005,
    and so 2006, 2007; 2010 without 分别): the first figure is the urban growth, the second the
    rural; the rural series took the urban figure every year, and there was no urban series."""
    found = _series((2005, 2006, 2007, 2010))
    assert found[("农村居民人均纯收入增长", "result")] == {2004: "6.8%", 2005: "6.2%", 2006: "7.4%", 2009: "8.5%"}
    assert found[("城镇居民人均可支配收入增长", "result")] == {
        2004: "7.7%", 2005: "9.6%", 2006: "10.4%", 2009: "9.8%"}
    assert found[("城镇居民人均可支配收入", "result")][2004] == "9422元"
    # the list in the clause before (城镇居民人均可支配收入和农村居民人均纯收入，分别实际增长58.3%和29.2%)
    assert found[("城镇居民人均可支配收入增长" + MULTI_YEAR_SUFFIX, "target")] == {2006: "58.3%"}
    assert found[("农村居民人均纯收入增长" + MULTI_YEAR_SUFFIX, "target")] == {2006: "29.2%"}


def test_a_list_and_its_shared_noun_name_each_figure() -> None:
    """化学需氧量、二氧化硫排放总量近年来首次出现双下降，比上年分别下降3.14%和4.66% (2008); 小麦、稻谷最低收购价
    平均每斤提高0.11元和0.13元 (2009); 科技、教育、卫生和文化事业的支出分别为…，比上年增长… (2007): each
    figure is its item's, with the noun the list shares."""
    named = {(o.year, o.written): o.name for o in _observations((2007, 2008, 2009))}
    assert named[(2008, "3.14%")] == "化学需氧量排放总量下降"
    assert named[(2008, "4.66%")] == "二氧化硫排放总量下降"
    assert named[(2009, "0.11元")] == "小麦最低收购价提高"
    assert named[(2009, "0.13元")] == "稻谷最低收购价提高"
    assert named[(2007, "536亿元")] == "教育支出" and named[(2007, "39.4%")] == "教育支出增长"
    assert named[(2007, "138亿元")] == "卫生支出" and named[(2007, "65.4%")] == "卫生支出增长"
    assert named[(2009, "1753万")] != named[(2009, "2028万")]


def test_one_name_follows_one_object() -> None:
    """2003–2007 (user test s26 item 2): 已有17个省 and 已有25个省 are two programmes; 中央财政支出 700亿
    (两个确保) and 42.7亿 (合作医疗), 投入国债资金 147亿 (科教文卫) and 152亿 (pollution control),
    中央财政将投入 60亿 (school buildings) and 100亿 (vocational education) are sums for different
    things: no indicator joins them under the name of who pays or a bare verb."""
    found = _series(range(2003, 2008))
    names = {name.removesuffix(MULTI_YEAR_SUFFIX) for name, _ in found}
    assert not names & {"已有", "下放", "中央财政支出", "中央财政支出增长", "投入国债资金", "中央财政将投入", "中央财政"}
    named = {(o.year, o.written): o.name for o in _observations(range(2004, 2007))}
    assert named[(2004, "60亿元")].startswith("第二期农村中小学危房改造")
    assert named[(2006, "100亿元")].startswith("职业教育发展")
    assert named[(2006, "152亿元")].startswith("淮河、太湖等重点流域")
    assert (2005, "147亿元") not in named and (2004, "700亿元") not in named  # no object said: not followed


def test_a_target_said_to_be_missed_is_the_earlier_years() -> None:
    """The 2007 review: 但是，全国没有实现年初确定的单位国内生产总值能耗降低4%左右…的目标. That is the 2006
    target, reported as missed, never a 2007 target (the series showed 2007 4%)."""
    found = _series((2006, 2007))
    energy = found[("单位国内生产总值能耗下降", "target")]
    assert energy == {2006: "4%"}
    missed = [o for o in _observations((2007,)) if o.sentence_id and "没有实现年初确定" in o.text and o.written == "4%"]
    assert missed and all(o.kind == "target" and o.reviewed and o.of_year == 2006 for o in missed)
    # and the year's result, after a change of direction: 单位国内生产总值能耗由前三年分别上升4.9%、5.5%、
    # 0.2%，转为下降1.2% (the three rises are the years before: no value); 化学需氧量、二氧化硫排放量由上年
    # 分别增长5.6%和13.1%，减为增长1.2%和1.8%
    assert found[("单位国内生产总值能耗下降", "result")] == {2006: "1.2%"}
    turned = [(o.name, o.written) for o in _observations((2007,)) if "转为下降" in o.text or "减为增长" in o.text]
    assert turned == [("单位国内生产总值能耗下降", "1.2%"), ("化学需氧量排放量增长", "1.2%"), ("二氧化硫排放量增长", "1.8%")]


def test_one_quantity_has_one_name_across_its_wordings() -> None:
    """2009–2013 (user test s26 item 9): 广义货币增长 (2009, 2011, 2012) and 广义货币M2增长 (2010, 2013) are
    one target; 2011's 居民消费价格总水平涨幅控制在4%左右 is the CPI target beside 2010's and 2012's
    居民消费价格涨幅; 中央财政拟安排“三农”投入 (2009, 2010) and 中央财政用于“三农”的投入拟安排 (2011, 2012)
    are one sum, named whole (it was 投入安排, the object lost)."""
    found = _series(range(2009, 2014))
    assert found[("广义货币M2增长", "target")] == {2009: "17%", 2010: "17%", 2011: "16%", 2012: "14%", 2013: "13%"}
    cpi = found[("居民消费价格涨幅", "target")]
    assert {y: cpi[y] for y in range(2009, 2014)} == {2009: "4%", 2010: "3%", 2011: "4%", 2012: "4%", 2013: "3.5%"}
    assert found[("居民消费价格涨幅", "result")][2012] == "2.6%"  # 涨幅回落到2.6%: the level it fell to
    rural = found[("中央财政“三农”投入", "target")]
    assert rural == {2009: "7161亿元", 2010: "8183亿元", 2011: "9884.5亿元", 2012: "12287亿元"}
    names = {name for name, _ in found}
    assert not names & {"广义货币增长", "居民消费价格总水平涨幅", "投入安排", "投入安排增加"}


def test_a_level_stated_in_a_five_year_review_is_its_last_years() -> None:
    """国内生产总值达到39.8万亿元，年均增长11.2% (2011, reviewing 2006–2010) and 国内生产总值从26.6万亿元
    增加到51.9万亿元 (2013): the levels are 2010's and 2012's, in the yearly series; the average
    growth stays over several years."""
    found = _series(range(2010, 2014))
    gdp = found[("国内生产总值", "result")]
    assert gdp[2010] == "39.8万亿元" and gdp[2012] == "51.9万亿元"
    assert {2009, 2010, 2011, 2012} <= set(gdp)
    assert "11.2%" in found[("国内生产总值增长" + MULTI_YEAR_SUFFIX, "result")].values()
    assert "5771万人" in found[("城镇新增就业" + MULTI_YEAR_SUFFIX, "result")].values()  # a flow: a total
    # a five-year plan's level is never a level reached: 2011's “十二五” 森林覆盖率达到21.66% and
    # 2016's 今后五年，…森林覆盖率达到23.04% are no results of 2010 and 2015 (lead's review, s26)
    plans = _series((2011, 2016))
    assert 2010 not in plans.get(("森林覆盖率", "result"), {}) and 2015 not in plans.get(("森林覆盖率", "result"), {})


def test_names_keep_their_quotes_whole_and_table_rows_their_unit() -> None:
    """A district's report (user test s26 item 13): “一网通办”事项1350项 was named 一网通办”事项; the
    table rows 行政复议收案（件） and 负责人出庭率（%） had no unit."""
    text = ("青禾区人民政府关于2025年度法治政府建设情况的报告\n\n一、主要成效\n\n"
            "2025年，区政府持续深化“放管服”改革，全年取消行政审批事项15项，下放9项。"
            "政务服务事项网上可办率达到98.2%，“一网通办”事项1350项。\n\n"
            "指标\t2024年\t2025年\n行政复议收案（件）\t236\t251\n负责人出庭率（%）\t95\t100\n")
    doc = parse_text(text, "qinghe-2025.txt")
    observations = document_observations(doc, 2025)
    names = {o.name: o for o in observations}
    assert "“一网通办”事项" in names and not any(n.count("”") != n.count("“") for n in names)
    assert "下放" not in names  # a bare verb names nothing
    assert {(o.name, o.unit) for o in observations if o.kind == "table"} == {("行政复议收案", "件"), ("负责人出庭率", "%")}


def test_the_name_lexicon_is_shipped_and_checked(tmp_path: Path) -> None:
    """compare/data/indicator_names.yaml: each variant with its source; a wording standing for two
    names, or a variant without a source, is a one-line error naming the file."""
    assert standard_name("广义货币增长") == "广义货币M2增长"
    assert standard_name("广义货币M2增长") == "广义货币M2增长"
    assert standard_name("居民消费价格总水平上涨") == "居民消费价格涨幅"
    assert standard_name("城镇登记失业率") == "城镇登记失业率"
    path = tmp_path / "names.yaml"
    with pytest.raises(ReportError, match="source"):
        parse_names({"version": 1, "names": [{"name": "广义货币M2", "variants": [{"text": "广义货币"}]}]}, path)
    with pytest.raises(ReportError, match="stands for both"):
        parse_names({"version": 1, "names": [
            {"name": "甲乙丙", "variants": [{"text": "丁戊", "source": "x"}]},
            {"name": "己庚", "variants": [{"text": "丁戊", "source": "y"}]}]}, path)
    with pytest.raises(ReportError, match="version"):
        parse_names({"names": []}, path)


def test_counts_followed_by_what_they_count_are_named_by_it() -> None:
    """改造和新建1.88万所乡镇卫生院、786所县医院、285所县中医院和534所县妇幼保健院 (2008, and 2011's
    2.3万所…1500所…): each count is of the words after it; 786 was 乡镇卫生院's, 285 县医院's (user test
    s25b item 2)."""
    named = {(o.year, o.written): o.name.removesuffix(MULTI_YEAR_SUFFIX) for o in _observations((2008, 2011))}
    assert named[(2008, "1.88万所")] == "改造和新建乡镇卫生院"
    assert named[(2008, "786所")] == "改造和新建县医院"
    assert named[(2008, "285所")] == "改造和新建县中医院"
    assert named[(2011, "1500所")] == "改造和新建县医院"
    assert named[(2011, "2400所")] == "建立社区卫生服务中心"
