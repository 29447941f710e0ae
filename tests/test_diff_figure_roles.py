"""What a reviewer reads in `diff --json` beside a pair of sentences: each figure old → new
only against the same quantity in the same role (issue 14; user test s21 A1–A3), on
consecutive State Council reports."""

from __future__ import annotations

import json
import re

import pytest

from compare.cli import main
from compare.text.figures import find_figures
from compare.text.quantities import quantities, same_quantity

from .conftest import CORPUS


@pytest.fixture
def diff_json(capsys):
    """`compare-reports diff A B --json` of two State Council years, as a reviewer gets it:
    [(kind, left text, right text, [(old, new), …]), …] (each pair of years run once)."""
    cache: dict[tuple[int, int], list] = _RUNS

    def run(left_year: int, right_year: int) -> list[tuple[str, str, str, list[tuple[str, str]]]]:
        if (left_year, right_year) not in cache:
            capsys.readouterr()
            assert main(["diff", str(CORPUS / f"state-council-{left_year}.txt"),
                         str(CORPUS / f"state-council-{right_year}.txt"), "--json"]) == 0
            data = json.loads(capsys.readouterr().out)
            cache[(left_year, right_year)] = [
                (c["kind"], (c["left"] or {}).get("text", ""), (c["right"] or {}).get("text", ""),
                 [(f["old"], f["new"]) for f in c.get("figures") or []])
                for section in data["sections"] for c in section["changes"]
            ]
        return cache[(left_year, right_year)]

    return run


_RUNS: dict[tuple[int, int], list] = {}


_QUALIFIER = re.compile(r"^(?:大约|将近|接近|约|近|逾|超过|不到|不足)|(?:以上|以下|左右|上下)$")


def _all_figures(changes) -> set[tuple[str, str]]:
    """Every figure pair listed, as written (6.5%左右) and without its qualifier (6.5%), so a
    check that a pair is NOT listed catches it however it is quoted."""
    pairs = {pair for _, _, _, figures in changes for pair in figures}
    return pairs | {(_QUALIFIER.sub("", a), _QUALIFIER.sub("", b)) for a, b in pairs}


def test_a_result_pairs_with_last_years_result_not_a_split_piece_of_the_targets(diff_json) -> None:
    # 2016's target (城镇新增就业1000万人以上, 城镇登记失业率4.5%以内) is never listed against
    # 2017's results; 2017's 1314万人 pairs with 2016's result 1312万人 (就业增长超出预期 is no target)
    changes = diff_json(2016, 2017)
    [jobs] = [c for c in changes if c[2] == "全年城镇新增就业1314万人。"]
    assert jobs[1].startswith("特别是就业形势总体稳定，城镇新增就业1312万人")
    assert jobs[3] == [("1312万人", "1314万人")]
    listed = _all_figures(changes)
    assert ("1000万人", "1314万人") not in listed and ("4.5%", "4.02%") not in listed
    assert ("1000万人", "1100万人") in listed  # the target against the target


def test_a_figure_list_never_crosses_two_quantity_names(diff_json) -> None:
    # 2016 化学需氧量、氨氮 2%, 二氧化硫、氮氧化物 3%; 2017 the same in two sentences: no change
    changes = diff_json(2016, 2017)
    [emissions] = [c for c in changes if c[2].startswith("今年二氧化硫、氮氧化物排放量要分别下降3%")]
    assert emissions[3] == []
    listed = _all_figures(changes)
    assert ("2%", "3%") not in listed
    assert ("5000万人", "100万人") not in listed  # a five-year target against 比去年多100万人
    # a deficit of the whole against a local one, a level against a change by an amount, a
    # share of 研发支出 against one of 教育经费
    listed = _all_figures(diff_json(2014, 2015))
    assert not {("13500亿元", "5000亿元"), ("13500亿元", "1700亿元"), ("13500亿元", "1.12万亿元"), ("2%", "4%")} & listed
    assert ("9500亿元", "1.12万亿元") in listed  # 中央财政赤字 against 中央财政赤字
    assert ("4%", "2.8%") not in _all_figures(diff_json(2012, 2013))
    [share] = quantities("全社会研发支出占国内生产总值比重超过2%。")
    [education] = quantities("全国财政性教育经费支出占国内生产总值比例超过4%。")
    assert not same_quantity(share, education)


def test_the_growth_target_range_against_a_point_target_is_a_figure_change(diff_json) -> None:
    changes = diff_json(2016, 2017)
    [target] = [c for c in changes if c[2].startswith("今年发展的主要预期目标是：国内生产总值增长6.5%左右")]
    assert target[1].startswith("今年发展的主要预期目标是：国内生产总值增长6.5%")
    # the qualifier written with the figure is quoted with it: a point target "about 6.5%"
    assert len(target[3]) == 1 and target[3][0][0] in ("6.5%-7%", "6.5%－7%") and target[3][0][1] == "6.5%左右"
    [figure] = find_figures("国内生产总值增长6.5%－7%，")
    assert (figure.value, figure.high, figure.base_unit) == (6.5, 7.0, "%")


def test_letters_and_digits_written_together_are_names_not_figures(diff_json) -> None:
    for name in ("广义货币M2", "M1", "5G网络", "G20峰会", "C919大飞机", "4G用户", "PM2.5"):
        assert find_figures(name) == [], name
    assert [f.text for f in find_figures("PM2.5平均浓度下降到40微克/立方米")] == ["40"]
    [money] = [c for c in diff_json(2012, 2013) if c[1] == "广义货币预期增长14%。"]
    assert money[3] == [("14%", "13%左右")]
    # an editor's note in brackets (（注：M2为M右下角加2）) neither names nor counts
    [money] = [c for c in diff_json(2014, 2015) if c[1] == "今年广义货币M2预期增长13%左右。"]
    assert money[3] == [("13%左右", "12%左右")]


def test_counts_of_two_things_are_not_listed_old_to_new(diff_json) -> None:
    # 2014 县级公立医院综合改革试点扩大到1000个县 against 2015 在100个地级以上城市进行公立医院改革试点
    assert ("1000个", "100个") not in _all_figures(diff_json(2014, 2015))


def test_a_five_year_plan_chapter_states_plans_not_targets_of_the_year(diff_json) -> None:
    # 2016's chapter "十三五"时期主要目标任务 sets targets for 2016–2020 (城镇新增就业5000万人以上,
    # 棚户区住房改造2000万套): never listed against 2017's targets for the year
    changes = diff_json(2016, 2017)
    listed = _all_figures(changes)
    assert ("5000万人", "1100万人") not in listed and ("2000万套", "600万套") not in listed
    [jobs] = [c for c in changes if c[1] == "实现城镇新增就业5000万人以上。"]
    assert jobs[0] == "removed"


def test_the_same_number_with_a_measure_word_on_one_side_is_no_figure_change(diff_json) -> None:
    # 2016 制定修订行政法规8部, 2017 …8件 (部 is no unit the figures know): still 8, not "8 → 8件"
    changes = diff_json(2016, 2017)
    [laws] = [c for c in changes if c[2].startswith("国务院提请全国人大常委会审议法律议案13件")]
    assert laws[3] == [("11件", "13件")]


def test_a_figure_keeps_the_qualifier_written_around_it(diff_json) -> None:
    # 约 before, 左右, 以上 after: 43.4% → 30%以上 is a floor, not a fall to 30%
    listed = _all_figures(diff_json(2016, 2017))
    assert ("43.4%", "30%以上") in listed and ("1500万亩", "1200万亩以上") in listed
    assert ("约2000亿元", "约4000亿元") in listed
    # 约 and 近 ending a word are no qualifier: 节约3亿元 quotes 3亿元, never 约3亿元
    from compare.text.figures import qualified_span
    for text, figure in (("节约3亿元", "3亿元"), ("最近3年", "3年"), ("近3年", "近3年")):
        start = text.index(figure.lstrip("近"))
        a, b = qualified_span(text, start, start + len(figure.lstrip("近")))
        assert text[a:b] == figure


def test_the_same_count_with_its_measure_word_unsaid_is_no_change(diff_json) -> None:
    # 2007 …3200万人 against 2008 …3200万 (人 unsaid): not "3200万人 → 3200万"
    assert not [f for f in _all_figures(diff_json(2007, 2008)) if f[0].startswith("3200万")]


def test_a_magnitude_said_on_one_side_only_is_still_a_figure_change() -> None:
    from compare.comparison.diff import compare_documents
    from compare.parsing.pipeline import parse_text

    left = parse_text("一、工作\n制定修订行政法规8部，审议法律议案11件。\n", "a.txt")
    right = parse_text("一、工作\n制定修订行政法规8万部，审议法律议案11件。\n", "b.txt")
    changes = [c for d in compare_documents(left, right).sections for c in d.changes]
    assert ("8", "8万") in [(f.old, f.new) for c in changes for f in c.figures]


def test_a_ceiling_or_a_floor_keeps_its_qualifier(diff_json) -> None:
    # 2014 失业率控制在4.6%以内, 2015 4.5%以内: a ceiling lowered, not a rate that fell to 4.5%
    assert ("4.6%以内", "4.5%以内") in {pair for *_, figures in diff_json(2014, 2015) for pair in figures}


def test_a_ceiling_is_never_quoted_as_a_floor(tmp_path, capsys) -> None:
    # 不超过3% quoted as 超过3% would say the opposite; 不低于, 不少于, 至少, 之内 are kept too
    import docx  # deferred: only tests write Word files

    def report(path, year: int, figures: tuple[str, ...]) -> str:
        d = docx.Document()
        d.add_heading(f"清河县{year}年度法治政府建设情况报告", 0)
        d.add_heading("一、主要目标", 1)
        d.add_paragraph(f"全县行政复议纠错率控制在{figures[0]}，群众满意度不低于{figures[1]}。")
        d.add_paragraph(f"新增公共法律服务站点至少{figures[2]}，年度评查案卷不少于{figures[3]}。")
        d.add_paragraph(f"重大行政决策合法性审查在{figures[4]}之内完成。")
        d.save(path)
        return str(path)

    left = report(tmp_path / "qinghe-2023.docx", 2023, ("不超过3%", "90%", "10个", "100件", "30日"))
    right = report(tmp_path / "qinghe-2024.docx", 2024, ("不超过2%", "95%", "12个", "120件", "20日"))
    capsys.readouterr()
    assert main(["diff", left, right, "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    listed = {(f["old"], f["new"]) for s in data["sections"] for c in s["changes"] for f in c.get("figures") or []}
    assert {("不超过3%", "不超过2%"), ("不低于90%", "不低于95%"), ("至少10个", "至少12个"),
            ("不少于100件", "不少于120件")} <= listed
    assert not any(old.startswith("超过") or new.startswith("超过") for old, new in listed)
    assert ("30日之内", "20日之内") in listed
