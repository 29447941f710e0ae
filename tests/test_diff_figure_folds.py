"""A sentence folded into its neighbour's counterpart by its figures (issue 14, session 25): shown
merged (or split) with its figures old → new, not removed, even when little of its text is left."""

from __future__ import annotations

from .test_diff_figure_roles import diff_json  # noqa: F401  (the fixture: `diff --json` of two years)


def test_last_years_deficit_ratio_is_merged_into_this_years_deficit_sentence(diff_json) -> None:
    # 2014 states its ratio in the sentence after its deficit (…但赤字率稳定在2.1%…); 2015 folds the
    # ratio into its deficit sentence (…赤字率从去年的2.1%提高到2.3%): shown removed before
    changes = diff_json(2014, 2015)
    [ratio] = [c for c in changes if "赤字率稳定在2.1%" in c[1]]
    assert ratio[0] == "merged" and ratio[2].startswith("今年拟安排财政赤字1.62万亿元")
    assert ratio[3] == [("2.1%", "2.3%")]
    # the deficit sentence keeps its own counterpart
    [deficit] = [c for c in changes if c[0] == "rewritten" and c[2].startswith("今年拟安排财政赤字1.62万亿元")]
    assert deficit[1].startswith("今年拟安排财政赤字13500亿元")


def test_a_figure_split_off_beside_its_neighbour_is_shown_split(diff_json) -> None:
    # 2014 铁路、高速公路运营里程均超过10万公里 → 2015 高速公路通车里程达11.2万公里, the sentence after
    # 2015's 高速铁路运营里程 (the counterpart of the rest of 2014's sentence): shown added before
    changes = diff_json(2014, 2015)
    [road] = [c for c in changes if c[2].startswith("高速公路通车里程达11.2万公里")]
    assert road[0] == "split" and "超过10万公里" in road[1] and road[3] == [("超过10万公里", "11.2万公里")]
