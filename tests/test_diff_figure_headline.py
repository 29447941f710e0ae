"""Figure sentences paired with the sentence holding the same headline quantity, as a reviewer
reads them in `diff --json` of real State Council years (issue 14, session 24): a change that
starts from last year's figure (赤字率从去年的2.1%提高到2.3%) is stated by the level reached; a
sentence split into parts keeps its headline figure's counterpart, the parts shown split; people
counted after their number are named by them and, apart, by what they do (有4.1亿农民参加,
参合农民 = 参加新农合的农民)."""

from __future__ import annotations

from compare.text.quantities import quantities

from .test_diff_figure_roles import diff_json  # noqa: F401  (the fixture: `diff --json` of two years)


def _changes_of(changes, start: str):
    return [c for c in changes if c[2].startswith(start)]


def test_a_deficit_pairs_with_last_years_deficit_not_a_split_part(diff_json) -> None:
    # 2015 今年拟安排财政赤字1.62万亿元…赤字率从去年的2.1%提高到2.3% was shown rewritten against
    # 2014's 赤字率稳定在2.1% (2.1% read as 2015's ratio), while 2014's 今年拟安排财政赤字13500亿元
    # went to the split part 地方财政赤字5000亿元 (a closer text by 0.003)
    changes = diff_json(2014, 2015)
    # (2014's ratio sentence is merged into it: tests/test_diff_figure_folds.py)
    [deficit] = [c for c in _changes_of(changes, "今年拟安排财政赤字1.62万亿元") if c[0] != "merged"]
    assert deficit[1].startswith("今年拟安排财政赤字13500亿元")
    assert deficit[3] == [("13500亿元", "1.62万亿元"), ("1500亿元", "2700亿元")]
    # the two parts of 2015 are shown split off 2014's sentence, the central one with its figure
    [central] = _changes_of(changes, "其中，中央财政赤字1.12万亿元")
    [local] = _changes_of(changes, "地方财政赤字5000亿元")
    assert central[0] == local[0] == "split"
    assert central[1] == local[1] == deficit[1] and central[3] == [("9500亿元", "1.12万亿元")]
    # the level a change starts from is no quantity of the sentence: only the level reached is
    assert [q.text for q in quantities("赤字率从去年的2.1%提高到2.3%。")] == ["2.3%"]


def test_people_counted_after_their_number_named_by_what_they_do(diff_json) -> None:
    # 2008 参合农民达到7.3亿人 (a five-year review) against 2007 有4.1亿农民参加 (新农合): the count
    # took the name of the share before it (占全国总数), and 参合 was not read as 参加新农合
    [rural] = _changes_of(diff_json(2007, 2008), "新型农村合作医疗制度不断完善")
    assert rural[1].startswith("新型农村合作医疗试点范围扩大到1451个县") and rural[3] == [("4.1亿", "7.3亿人")]
    # and 2009 参加新型农村合作医疗的人口８．１４亿 against it (both were shown removed and added)
    [members] = _changes_of(diff_json(2008, 2009), "参加新型农村合作医疗的人口")
    assert members[0] == "rewritten" and members[1].startswith("新型农村合作医疗制度不断完善")
    assert members[3] == [("7.3亿人", "８．１４亿")]
    # 4.1亿农民参加 is named by the people and, apart, by what they do
    *_, farmers = quantities("占全国总数的50.7％，有4.1亿农民参加；")
    assert farmers.unit_kind == "people" and {"农民", "参加"} <= farmers.indicator and "民参" not in farmers.indicator
