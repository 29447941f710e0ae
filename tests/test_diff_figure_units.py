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
