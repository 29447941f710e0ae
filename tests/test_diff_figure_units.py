"""Units and names a reviewer reads beside a figure in `diff --json` of real reports: 斤 as a
unit (千亿斤 without a digit), people counted by a number with no unit of its own (13亿城乡居民
参保), version labels and line numbers that are names, not figures (扩大开放2.0, 7号线) (issue
14, session 23)."""

from __future__ import annotations

import json

from compare.cli import main
from compare.text.figures import find_figures
from compare.text.quantities import quantities, same_quantity

from .conftest import CORPUS
from .test_diff_figure_roles import diff_json  # noqa: F401  (the fixture: `diff --json` of two years)


def _pairs_of(changes, start: str):
    return [c for c in changes if c[2].startswith(start)]


def test_jin_is_a_unit_and_a_magnitude_alone_a_quantity(diff_json) -> None:
    # 2010 全面实施全国新增千亿斤粮食生产能力建设规划 is 2009's 推进全国新增千亿斤粮食生产能力建设
    # (shown as added before: 千亿斤 had no digit and 斤 was no unit)
    [plan] = _pairs_of(diff_json(2009, 2010), "以主产区为重点，全面实施全国新增千亿斤粮食生产能力建设规划")
    assert plan[1].startswith("切实稳定种植面积，着力提高单产")
    # the unit stays with the figure old → new (it read 超过1.2万亿 → 6.07亿吨)
    [grain] = _pairs_of(diff_json(2014, 2015), "经济结构有新的优化，粮食产量达到6.07亿吨")
    assert grain[3][0][0] == "超过1.2万亿斤"
    [jin] = find_figures("新增千亿斤粮食")
    assert jin.value == 1e11 and jin.base_unit == "斤"
    # 亿万 is a word, not a figure of a quantity
    assert not quantities("亿万元的投入")


def test_people_named_after_their_number(diff_json) -> None:
    # 2012 13亿城乡居民参保 against 2011 惠及12.67亿城乡居民 (was shown as added)
    [insured] = _pairs_of(diff_json(2011, 2012), "基本医疗保险覆盖范围继续扩大，13亿城乡居民参保")
    assert insured[1].startswith("积极稳妥推进医药卫生体制改革") and ("12.67亿", "13亿") in insured[3]
    # 2007 有4.1亿农民参加 against 2006 惠及1.77亿农民: the people of 新农合, now listed
    [rural] = _pairs_of(diff_json(2006, 2007), "新型农村合作医疗试点范围扩大到1451个县")
    assert ("1.77亿", "4.1亿") in rural[3]
    # 2010's 新农合覆盖8.3亿人 is not 2011's five-year 惠及12.67亿城乡居民 (it was listed so)
    listed = {f for c in diff_json(2010, 2011) for f in c[3]}
    assert ("８．３亿人", "12.67亿") not in listed
    [people] = quantities("积极稳妥推进医药卫生体制改革，惠及12.67亿城乡居民。")
    assert people.unit_kind == "people" and {"城乡", "居民"} <= people.indicator


def test_version_labels_and_line_numbers_are_names(capsys) -> None:
    assert not find_figures("基本完成服务业扩大开放2.0任务")
    assert not [f for f in find_figures("建成地铁8号线一期、7号线一期北段") if f.text[0].isdigit()]
    assert not find_figures("中央1号文件")
    assert [f.text for f in find_figures("增长2.0%")] == ["2.0%"]
    # Beijing 2026 against Tianjin 2026 listed 2.0 → 18.6% (a version against a growth rate)
    capsys.readouterr()
    assert main(["diff", str(CORPUS / "beijing-2026.txt"), str(CORPUS / "tianjin-2026.txt"), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    olds = [f["old"] for s in data["sections"] for c in s["changes"] for f in c.get("figures") or []]
    assert olds and "2.0" not in olds
    a, b = quantities("新增千亿斤粮食生产能力")[0], quantities("全国新增千亿斤粮食生产能力建设")[0]
    assert same_quantity(a, b)


def test_a_list_never_sets_a_year_against_a_five_year_total(diff_json) -> None:
    # 2013 reviews 2008–2012: its five-year totals are no old → new of 2012's figures of the year
    listed = {f for c in diff_json(2012, 2013) for f in c[3]}
    assert not listed & {("9200多万亩", "2953万公顷"), ("3122万吨", "1.17亿吨"), ("1160亿美元", "5528亿美元"),
                         ("1221万人", "5870万人"), ("超过1万亿元", "4.47万亿元")}
    # a rate against the period's average rate is still listed, and the pair is still shown
    [jobs] = _pairs_of(diff_json(2012, 2013), "累计新增城镇就业5870万人")
    assert jobs[1].startswith("城镇新增就业1221万人") and ("8．4%", "8.8%") in jobs[3]
    # 2008 reviews 2003–2007: 三农 spending of 2007 against five years'; a year named keeps its figure
    listed = {f for c in diff_json(2007, 2008) for f in c[3]}
    assert ("3397亿元", "1.6万亿元") not in listed and ("10.7%", "65.5%") not in listed
    assert ("1509万", "3451.9万") in listed  # 2007年…3451.9万农村居民: the year 2007's
    # a level at the end of the period is listed (2016 reviews 2011–2015: 其中高速铁路超过1.9万公里)
    listed = {f for c in diff_json(2015, 2016) for f in c[3]}
    assert ("1.6万公里", "超过1.9万公里") in listed and ("11.2万公里", "超过12万公里") in listed


def test_a_figure_in_another_unit_of_its_kind_is_shown_in_the_old_unit(capsys) -> None:
    # 2014 退耕还林还草500万亩 against 2015's 66.7万公顷, 超过1.2万亿斤 against 6.07亿吨: whether it
    # rose cannot be read without the new figure in the old unit
    left, right = str(CORPUS / "state-council-2014.txt"), str(CORPUS / "state-council-2015.txt")
    capsys.readouterr()
    assert main(["diff", left, right, "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    figures = {(f["old"], f["new"]): f["converted"] for s in data["sections"] for c in s["changes"]
               for f in c.get("figures") or []}
    assert figures[("500万亩", "66.7万公顷")] == "1000万亩"
    assert figures[("超过1.2万亿斤", "6.07亿吨")] == "1.21万亿斤"
    assert figures[("7.7%", "7.4%")] is None
    assert main(["diff", left, right, "--only-changes", "--no-pager"]) == 0
    assert "500万亩 → 66.7万公顷 (= 1000万亩)" in capsys.readouterr().out
