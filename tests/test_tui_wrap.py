"""Line breaks of the pair view: what a reader of wrapped Chinese prose relies on."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st
from rich.cells import cell_len

from compare.terminal.wrap import NO_LINE_END, NO_LINE_START, line_breaks, list_breaks
from tests.conftest import CORPUS

PROSE = st.text(
    alphabet=st.sampled_from(list("发展改革开放经济社会国家人民政府，。、；：？！“”《》（）……——")
                             + list("GDP2024年6.5%abc ")),
    max_size=300,
)


def lines_of(text: str, width: int) -> list[str]:
    starts = line_breaks(text, width)
    return [text[a:b] for a, b in zip(starts, starts[1:] + [len(text)])]


@settings(max_examples=300, deadline=None)
@given(PROSE, st.integers(min_value=4, max_value=90))
def test_lines_fit_the_column_and_lose_nothing(text, width):
    lines = lines_of(text, width)
    assert "".join(lines) == text
    assert all(cell_len(line) <= width for line in lines)


@settings(max_examples=300, deadline=None)
@given(PROSE, st.integers(min_value=8, max_value=90))
def test_closing_punctuation_never_starts_a_line_nor_opening_ends_one(text, width):
    lines = lines_of(text, width)
    marks = NO_LINE_START | NO_LINE_END
    for before, line in zip(lines, lines[1:]):
        # only when everything after the first character of the line above is punctuation
        # (there is nothing to carry down with it) may a line start with a closer
        if line[:1] in NO_LINE_START:
            assert all(c in marks for c in before[1:])
        if before[-1:] in NO_LINE_END:
            assert all(c in marks for c in before[1:])


def test_numbers_and_latin_words_are_not_cut_when_they_fit():
    text = "国内生产总值增长6.5%，达到GDP总量74.4万亿元，人均收入增长"
    for width in range(10, 40):
        for line in lines_of(text, width):
            assert not line.startswith(("5%", ".5", "DP", "P总", "4万", ".4"))


def test_numbers_stay_with_their_units():
    text = "全年国内生产总值达到4.06万亿元，比上年增长6.5个百分点，粮食产量1.3万吨，2024年完成"
    for width in range(12, 60):
        lines = lines_of(text, width)
        assert "".join(lines) == text
        for before, line in zip(lines, lines[1:]):
            # a line never starts with the unit of a number that ends the line above (unless
            # the figure with the punctuation after it is wider than the column)
            cut = re.search(r"\d[万亿元个百分点吨年]*$", before) and line[0] in "万亿元个百分点吨年"
            whole_line = re.fullmatch(r"[\d.]+[万亿元个百分点吨年]*", before)
            assert not cut or whole_line, (width, before, line)


def test_a_real_report_wraps_without_overflow():
    text = (CORPUS / "state-council-2017.txt").read_text(encoding="utf-8")[:20000]
    for width in (20, 37, 76):
        lines = lines_of(text, width)
        assert all(cell_len(line.rstrip("\n")) <= width for line in lines)
        assert "".join(lines) == text


def test_long_headings_wrap_from_their_start_and_keep_what_tells_them_apart():
    from compare.terminal.wrap import cells, wrapped

    left = "（一）在推进法治政府建设上聚焦重点领域持续发力"
    right = "（一）在推进法治政府建设上聚焦行政执法规范化"
    for width in (10, 14, 20, 28):
        a, b = wrapped(left, width, 2, right), wrapped(right, width, 2, left)
        assert len(a) <= 2 and all(cells(line) <= width for line in a + b)
        assert a[0].startswith("（一）") and b[0].startswith("（一）")
        assert a != b  # what fits says where they differ
    # a heading that fits in two lines is whole, its start on the first
    alone = "（三）稳定和完善宏观经济政策，保持经济运行在合理区间"
    assert "".join(wrapped(alone, 28, 2)) == alone
    # longer: cut at the end, never in the middle (（一）深化..化建设 said nothing)
    cut = wrapped(alone, 14, 2)
    assert cut[0] == "（三）稳定和完" and cut[1].endswith("..") and alone.startswith(cut[0] + cut[1][:-2])
    assert wrapped("二、2017年工作总体部署", 40, 2) == ["二、2017年工作总体部署"]


def test_a_figure_list_breaks_between_pairs_never_inside_one():
    # user test s26: the app's figure line `figures: 12项 -> 15项, 8项 -> 9项` wrapped as
    # `…, 8项 ->` / `9项`; each old -> new now goes down whole, and nothing is lost
    text = "figures: 12项 -> 15项, 8项 -> 9项, 96.5% -> 98.2%, 1800人次 -> 2100人次"
    for width in (20, 26, 34, 80):  # each pair fits a line alone (the widest: 20 cells)
        starts = list_breaks(text, width)
        lines = [text[a:b] for a, b in zip(starts, [*starts[1:], len(text)])]
        assert "".join(lines) == text
        for line in lines:
            assert cell_len(line.rstrip()) <= width, (width, lines)
        for pair in ("8项 -> 9项", "96.5% -> 98.2%", "1800人次 -> 2100人次"):
            assert any(pair in line for line in lines), (width, lines)
    # a pair wider than the line alone is broken as prose, within the width
    starts = list_breaks("figures: 1800人次 -> 2100人次", 10)
    assert starts[0] == 0 and len(starts) >= 3
    # the list's head stands alone rather than cut the first pair (80 columns: `figures: 1200件 ->` / `1350件`)
    text = "figures: 1200件 -> 1350件"
    starts = list_breaks(text, 18, head=len("figures: "))
    assert [text[a:b] for a, b in zip(starts, [*starts[1:], len(text)])] == ["figures: ", "1200件 -> 1350件"]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.text(alphabet="0123456789项人次%.-> 万亿", min_size=1, max_size=12), min_size=1, max_size=8),
       st.integers(min_value=2, max_value=40))
def test_list_lines_fit_and_lose_nothing(items, width):
    text = "figures: " + ", ".join(items)
    starts = list_breaks(text, width, head=len("figures: "))
    assert starts[0] == 0 and starts == sorted(set(starts))
    lines = [text[a:b] for a, b in zip(starts, [*starts[1:], len(text)])]
    assert "".join(lines) == text
    assert all(cell_len(line.rstrip()) <= width for line in lines), lines
