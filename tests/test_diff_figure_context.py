"""Figures named by the words around their clause (issue 14, session 26): a figure whose own
words name only a pilot or its scope (试点范围扩大到23%的县) is named by the clause before it,
and a list of names standing in the clause before its figures (化学需氧量、二氧化硫排放总量…，
比上年分别下降3.14%和4.66%) names one figure each; what a reviewer sees in `diff --json`."""

from __future__ import annotations

from .test_diff_figure_roles import diff_json  # noqa: F401  (the fixture: `diff --json` of two years)


def test_a_pilots_scope_is_named_by_the_pilot_in_the_clause_before(diff_json) -> None:
    # 2010 扎实推进新型农村社会养老保险试点，试点范围扩大到23%的县: 试点范围 alone names no
    # quantity; the pilot of the clause before does, as 2009's target 新型农村社会养老保险试点要覆盖
    # 全国10%左右的县（市）. Shown added before.
    changes = diff_json(2009, 2010)
    [pilot] = [c for c in changes if "试点范围扩大到２３％的县" in c[2]]
    assert pilot[0] == "rewritten" and pilot[1].startswith("新型农村社会养老保险试点要覆盖全国１０％左右的县")
    assert pilot[3] == [("１０％左右", "２３％")]
