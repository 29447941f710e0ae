"""Figures in every notation, normalised to a value and a unit (compare.text.figures)."""

from __future__ import annotations

import subprocess
import sys

import pytest

from compare.comparison.diff import compare_documents
from compare.comparison.results import ChangeKind
from compare.parsing.pipeline import parse_file, parse_text
from compare.text.figures import find_figures
from tests.conftest import ROOT

CASES = ROOT / "tests" / "data" / "cases"


@pytest.mark.parametrize(
    ("text", "value", "unit", "approx", "high"),
    [
        ("增长5.2%", 5.2, "%", "", None),
        ("控制在３．５％以内", 3.5, "%", "at most", None),
            ("不超过3%", 3, "%", "at most", None),
            ("不低于90%", 90, "%", "at least", None),
        ("增长百分之五点二", 5.2, "%", "", None),
        ("提高0.3个百分点", 0.3, "百分点", "", None),
        ("达到1,234.5亿元", 1.2345e11, "元", "", None),
        ("3.5万亿元", 3.5e12, "元", "", None),
        ("新增就业一万二千人", 12000, "人", "", None),
        ("三千五百亿元", 3.5e11, "元", "", None),
        ("培训12万余人", 120000, "人", "over", None),
        ("近3000", 3000, "", "nearly", None),
        ("约1.2万", 12000, "", "about", None),
        ("增长6.5%左右", 6.5, "%", "about", None),
        ("用3—5年时间", 3, "年", "", 5),
        ("用三至五年时间", 3, "年", "", 5),
        ("新建200多个", 200, "个", "over", None),
        ("12万平方千米", 120000, "平方公里", "", None),
    ],
)
def test_every_notation_has_a_value_and_a_unit(text, value, unit, approx, high):
    [figure] = [f for f in find_figures(text) if not f.is_date]
    assert figure.value == pytest.approx(value)
    assert (figure.base_unit, figure.approx, figure.high) == (unit, approx, high)
    assert text[figure.start:figure.end] == figure.text


def test_one_figure_written_two_ways_has_one_normalised_form():
    [a], [b] = find_figures("一万二千人"), find_figures("12,000人")
    assert a.normalised == b.normalised == "12000人"


@pytest.mark.parametrize("text", ["统一思想", "十分重要", "一方面", "第一次会议", "一些地方", "万一"])
def test_chinese_numerals_inside_words_are_not_figures(text):
    assert find_figures(text) == []


def test_years_and_dates_in_either_numeral_are_dates():
    assert all(f.is_date for f in find_figures("二〇二三年3月5日"))
    assert [f.value for f in find_figures("2023年")] == [2023]



def test_the_printed_circle_zero_is_a_zero_in_years_and_figures():
    # older printed reports write 〇 as ○ (一九八○年, State Council 1982; 二百○八所, 1955)
    [year] = find_figures("比一九八○年增长")
    assert (year.is_date, year.value) == (True, 1980)
    assert [f.value for f in find_figures("共有二百○八人")] == [208]


def test_chinese_numeral_figures_are_numbers_only_changes_with_old_and_new():
    a = parse_file(CASES / "11-chinese-numerals-a.txt")
    b = parse_file(CASES / "11-chinese-numerals-b.txt")
    changes = {c.left.text: c for d in compare_documents(a, b).sections for c in d.changes if c.left}
    pct = changes["全市地区生产总值增长百分之五点二。"]
    assert pct.kind == ChangeKind.NUMBERS_ONLY
    assert [(f.old, f.new) for f in pct.figures] == [("百分之五点二", "百分之六点一")]
    jobs = changes["全年新增城镇就业一万二千人。"]
    assert jobs.kind == ChangeKind.NUMBERS_ONLY and [(f.old, f.new) for f in jobs.figures] == [("一万二千人", "一万五千人")]
    assert changes["城镇登记失业率控制在３．５％以内。"].kind == ChangeKind.NUMBERS_ONLY
    assert changes["居民人均可支配收入增长5.1%，比上年提高0.3个百分点。"].kind == ChangeKind.REWORDED
    assert changes["粮食产量稳定在1400万吨以上。"].kind == ChangeKind.UNCHANGED


def test_a_figure_only_rewritten_in_another_notation_is_no_changed_figure():
    a = parse_text("一、就业\n全年新增城镇就业一万二千人，完成全年目标。\n")
    b = parse_text("一、就业\n全年新增城镇就业12000人，完成全年目标。\n")
    [change] = [c for d in compare_documents(a, b).sections for c in d.changes]
    assert change.figures == []


def test_a_comparison_reads_chinese_numerals_only_where_figures_differ_in_writing() -> None:
    # cn2an's import compiles its numeral grammar (~0.1 s of CPU): a comparison whose figures
    # are only located (which quantity, where) never pays for it; one that must tell whether
    # 一万二千人 and 12000人 are the same figure does, and reads them as before
    code = (
        "import sys\n"
        "from compare.comparison.diff import compare_documents\n"
        "from compare.parsing.pipeline import parse_text\n"
        "a = parse_text('一、就业\\n全年新增城镇就业一万二千人，完成全年目标。\\n增长三个百分点。\\n')\n"
        "b = parse_text('一、就业\\n全年新增城镇就业一万二千人，超额完成全年目标。\\n增长三个百分点。\\n')\n"
        "compare_documents(a, b)\n"
        "print('cn2an' in sys.modules)\n"
        "c = parse_text('一、就业\\n全年新增城镇就业12000人，完成全年目标。\\n增长三个百分点。\\n')\n"
        "changes = [ch for d in compare_documents(a, c).sections for ch in d.changes]\n"
        "print('cn2an' in sys.modules, [(ch.kind.value, ch.figures) for ch in changes])\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == "False"
    assert lines[1] == "True [('reworded', []), ('unchanged', [])]"  # one figure, written two ways
