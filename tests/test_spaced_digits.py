"""Numbers written with a space between every digit (`4 9 2 5 0 万吨`, `１ ０ ．３ ％`), as the
bundled 1998 State Council report and some crawled or PDF texts write them, are read as one
number; real separate numbers (a list of years, table columns, `第 3 条`) stay apart (user
test s25, item 4)."""

from __future__ import annotations

import pytest

from compare.parsing.normalise import matching_view
from compare.parsing.pipeline import parse_file, parse_text
from compare.text.figures import find_figures

from .conftest import CORPUS
from .test_cases_readers import CASES, run
from .test_diff_figure_roles import diff_json  # noqa: F401  (the fixture: `diff --json` of two years)


def _values(text: str) -> list[tuple[float | None, str]]:
    return [(f.value, f.base_unit) for f in find_figures(matching_view(text, "")[0])]


@pytest.mark.parametrize("text, figures", [
    ("粮食总产量稳定在4 9 2 5 0 万吨，", [(4.925e8, "吨")]),
    ("铁路正线铺轨总里程1 1 3 4 4 公里。", [(11344, "公里")]),
    ("社会消费品零售总额年均实际增长1 0 ．3 ％。", [(10.3, "%")]),
    # full-width digits with ideographic spaces, as a PDF of a typeset report gives them
    ("粮食产量４　８　０　０亿公斤以上。", [(4.8e11, "公斤")]),
    ("国内生产总值增长8 ％。", [(8, "%")]),
])
def test_letter_spaced_number_is_one_figure(text: str, figures: list) -> None:
    assert _values(text) == figures


@pytest.mark.parametrize("text", [
    "比较1997 1998两年的数据。",  # a list of years: groups of several digits
    "指标 1 2 3",  # table columns: a space before the first
    "发布时间：2026-02-09 09:45:30",
    "包括：1. 3项制度",  # a list number and a figure after it
    "工作分三步：1. 2. 3。",
])
def test_separate_numbers_stay_apart(text: str) -> None:
    assert matching_view(text, "")[0] == text.replace("：", ":")
    assert matching_view(text, "")[1] is None


def test_1998_report_reads_its_figures() -> None:
    doc = parse_file(CORPUS / "state-council-1998.txt")
    assert doc.date == "1998-03-05"  # the subtitle ——1 9 9 8 年3 月5 日在…
    [rail] = [s for s in doc.sentences() if "铁路正线铺轨" in s.text]
    assert (11344, "公里") in [(f.value, f.base_unit) for f in find_figures(rail.simplified)]
    assert "1 1 3 4 4 公里" in rail.text  # the report's own characters are kept for display


def test_diff_1997_1998_figures_old_to_new(diff_json) -> None:  # noqa: F811
    figures = [pair for _, _, right, pairs in diff_json(1997, 1998) for pair in pairs]
    assert ("４８００亿公斤以上", "49250万吨") in figures  # was → 0 万吨
    assert ("１２．５％", "10．3％") in figures  # was → 1
    assert not [new for _, new in figures if new[:1].isdigit() and " " in new]


def test_offsets_still_point_at_the_report_text() -> None:
    doc = parse_text("一、总体情况\n粮食总产量稳定在4 9 2 5 0 万吨，棉花４　０　０万吨。\n", "x.txt")
    [sentence] = doc.sentences()
    view = sentence.simplified
    assert "49250万吨" in view and "400万吨" in view
    i = doc.simplified.index("49250")
    assert doc.text[doc.simplified_to_text(i)] == "4"
    assert doc.text[doc.simplified_to_text(i + 4)] == "0"
    assert doc.simplify(sentence.start, sentence.end) == view


@pytest.mark.parametrize("text, figures", [
    # a space as thousands separator (SI / ISO 80000-1), as crawled and typeset texts write it
    ("全年地区生产总值达到13 210亿元，", [(1.321e12, "元")]),
    ("参保人数达到1 234 567人。", [(1234567, "人")]),
    ("参保人数达到1\u2009234\u2009567人。", [(1234567, "人")]),  # thin spaces
    ("参保人数达到1\u202f234人。", [(1234, "人")]),  # narrow no-break space
    ("粮食产量达到４　９２５万吨。", [(4.925e7, "吨")]),  # full-width, ideographic space
    ("收入达到13 210.5亿元。", [(1.32105e12, "元")]),
    ("新建3 000 多公里", [(3000, "公里")]),
])
def test_space_as_thousands_separator_is_one_figure(text: str, figures: list) -> None:
    assert _values(text) == figures


@pytest.mark.parametrize("text", [
    "全市2023 12家企业上市",  # a year (a lead of four digits) and a count
    "指标 12 345",  # table columns: a space before the first
    "合计12 345 678",  # columns with nothing after
    "面积12 34公顷",  # groups of two: no thousands separator
])
def test_thousands_lookalikes_stay_apart(text: str) -> None:
    assert matching_view(text, "")[0] == text


def test_diff_reads_a_thousands_space_whole() -> None:
    """User test s25b item 7: `13 210亿元` was read as 210亿元 (`12345亿元 → 210亿元`)."""
    result = run("diff", str(CASES / "s25b-07-thousands-space-a.txt"),
                 str(CASES / "s25b-07-thousands-space-b.txt"), "--color", "never")
    assert result.returncode == 0, result.stderr
    assert "12345亿元 → 13210亿元" in result.stdout
    assert "12344公里 → 12520公里" in result.stdout
    assert "→ 210亿元" not in result.stdout


def test_join_spaced_digits_reads_only_lines_with_a_digit_before_a_space_and_joins_the_same() -> None:
    """The spaces dropped equal those of the definition: every run of the whole text read."""
    from compare.parsing.normalise import (
        _SPACED_RUN, _width_view, choose_conversion, run_spaces_to_join, spaces_to_join,
    )

    texts = [p.read_text(encoding="utf-8") for p in sorted(CORPUS.glob("*.txt"))]
    texts += [p.read_bytes().decode("utf-8", "replace") for p in sorted(CASES.rglob("*.txt"))]
    # runs on the first and last line (no line break after it), after indentation, two runs
    # on one line, a run whose unit follows its space, lines of plain digits between them
    texts.append("1 2 3 4 万吨产量\n2023年12月\n  4 9 2 5 0 万吨\n增长8 %，达到1 234 567人\n"
                 "合计 1 2 3\n1997 1998\n稳定在4 9 2 5 0\n生产总值 13 210 亿元，截至 2024 年 3 个\n在 2025年")
    joined = 0
    for text in texts:
        view = _width_view(text, choose_conversion(text))
        by_definition = [i for m in _SPACED_RUN.finditer(view) for i in run_spaces_to_join(view, m)]
        assert spaces_to_join(view) == by_definition
        joined += bool(by_definition)
    assert joined >= 2  # the 1998 report and the made-up text have numbers to join


@pytest.mark.parametrize("text, view, figures", [
    # pangu spacing (a space between Chinese and every number), as typeset web pages and some
    # crawled texts write it: the spaces go, with the thousands spaces and letter spaces inside
    ("地区生产总值 13 210 亿元，", "地区生产总值13210亿元,", [(1.321e12, "元")]),
    ("比上年增长 6.5 %。", "比上年增长6.5%。", [(6.5, "%")]),
    ("在 2 0 2 5 年", "在2025年", [(2025, "年")]),
    ("生产总值 132100 亿元", "生产总值132100亿元", [(1.321e13, "元")]),
    ("全年 12 345 人", "全年12345人", [(12345, "人")]),
    ("共 1 2 3 人 ， 比", "共123人 , 比", [(123, "人")]),  # every character letter-spaced
    ("依照第 3 条和第 12 条", "依照第3条和第12条", [(3, "条"), (12, "条")]),
    # two numbers with Chinese between them stay two numbers
    ("截至 2024 年 3 个", "截至2024年3个", [(2024, "年"), (3, "个")]),
])
def test_pangu_spaced_number_is_one_figure(text: str, view: str, figures: list) -> None:
    assert matching_view(text, "")[0] == view
    assert _values(text) == figures


@pytest.mark.parametrize("text", [
    "截至2024 3 个",  # a year and a count: a number never joins across a space after digits
    "指标 12 345",  # table columns: nothing after them
    "合计 1 2 3",
    "面积 12 34 公顷",  # groups of two: no thousands separator
    "COVID 19 疫情",  # Latin before the space
])
def test_pangu_lookalikes_stay_apart(text: str) -> None:
    assert matching_view(text, "")[0] == text


def test_pangu_spaced_report_diffs_and_follows_its_figures_whole() -> None:
    """A report spaced in the pangu style against last year's unspaced one: `生产总值 13 210
    亿元` is 13210亿元 in diff's figure pairs and in the series indicators (it was
    `12345亿元 → 210亿元`)."""
    a, b = str(CASES / "s26-02-pangu-spaced-a.txt"), str(CASES / "s26-02-pangu-spaced-b.txt")
    result = run("diff", a, b, "--color", "never")
    assert result.returncode == 0, result.stderr
    assert "12345亿元 → 13210亿元" in result.stdout
    assert "6.1% → 6.5%" in result.stdout and "480公里 → 520公里" in result.stdout
    assert "→ 210亿元" not in result.stdout and "20243" not in result.stdout
    # the plan chapter says the same as last year's in another spacing: no change
    assert "二、2024年主要任务  ⇄  二、2025 年主要任务   same 1.00   no changes" in result.stdout
    series = run("series", a, b)
    assert series.returncode == 0, series.stderr
    assert "地区生产总值 [result]  2023 12345亿元, 2024 13210亿元" in series.stdout
    assert "新建高速公路 [result]  2023 480公里, 2024 520公里" in series.stdout
