"""A PDF whose lines were cut at a fixed number of characters (a text-to-PDF converter: every
line full, a figure or a sentence cut at the line end, half-width digits making such lines end
short of the margin) reads as its text does (a user test, session 24: `同比增长12.3` ⏎ `%。`
came out as a changed figure 8.0 and an added sentence `%。`)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from compare.cli import main
from compare.parsing.pipeline import parse_file

from .conftest import CORPUS
from .support.documents import pdf_fixed_count_from_report


def _cuts(path: Path, per_line: int) -> tuple[bool, bool]:
    """Whether the report's lines cut at `per_line` split a figure, and start a line with a
    punctuation mark: what the test is about."""
    pieces = [line[k : k + per_line] for line in path.read_text(encoding="utf-8").split("\n")
              for k in range(0, len(line), per_line)]
    pairs = list(zip(pieces, pieces[1:]))
    figure = any(a[-1:].isdigit() and (b[:1].isdigit() or b[:1] in ".%") for a, b in pairs)
    punctuation = any(b[:1] in "，。、；：%）”" for _, b in pairs)
    return figure, punctuation


# justified at 20 characters (22.5 pt type) is left out: there every full line reaches the
# margin, so the layout is read by width, and a heading 1.3 characters short of it
# (（八）着力增强群众获得感幸福感安全感) is taken for a full line (the width rule's tolerance)
@pytest.mark.parametrize(("per_line", "justified"),
                         [(20, False), (33, False), (40, False), (33, True), (40, True)])
def test_a_report_cut_every_n_characters_reads_as_its_text(tmp_path: Path, per_line: int,
                                                            justified: bool) -> None:
    name = "zhejiang-2026"
    text = parse_file(CORPUS / f"{name}.txt", use_manifest=False)
    source = tmp_path / "source.txt"
    source.write_text("\n".join([text.title, *text.text.split("\n")]), encoding="utf-8")
    assert _cuts(source, per_line) == (True, True)
    pdf = parse_file(pdf_fixed_count_from_report(name, tmp_path, per_line, justified),
                     use_manifest=False)
    assert [s.title for s in pdf.walk()] == [s.title for s in text.walk()]
    assert [s.text for s in pdf.sentences()] == [s.text for s in text.sentences()]


REPORT = """青禾区人民政府关于{year}年度法治政府建设情况的报告
{year}年，在市委、市政府的坚强领导下，青禾区人民政府坚持以习近平新时代中国特色社会主义思想为指导，深入学习贯彻习近平法治思想，扎实推进法治政府建设各项工作。现将有关情况报告如下：
一、{year}年法治政府建设主要举措和成效
（一）依法全面履行政府职能
1.深化“放管服”改革。全年取消和下放行政审批事项{items}项，政务服务事项网上可办率达到{rate}，企业开办时间压缩至1个工作日。
2.优化法治化营商环境。新增市场主体{firms}户，同比增长{growth}。出台《青禾区优化营商环境十条措施》。
（二）推进行政决策科学化民主化法治化
1.严格落实重大行政决策程序。全年完成重大行政决策事项7项，均履行公众参与、专家论证、风险评估、合法性审查和集体讨论决定程序。
2.发挥法律顾问作用。区政府法律顾问全年审查合同{contracts}份，提出法律意见412条。
二、存在的不足
一是个别部门运用法治思维和法治方式解决问题的能力仍需提高；二是基层执法力量相对薄弱。
青禾区人民政府
{next}年1月22日"""


def _report(path: Path, year: int, items: str, rate: str, firms: str, growth: str, contracts: str) -> Path:
    path.write_text(REPORT.format(year=year, next=year + 1, items=items, rate=rate, firms=firms,
                                  growth=growth, contracts=contracts), encoding="utf-8")
    return path


def test_diff_against_a_fixed_count_pdf_shows_the_figure_changes(tmp_path: Path, capsys) -> None:
    old = _report(tmp_path / "y2024.txt", 2024, "23", "96.5%", "8432", "12.3%", "156")
    source = _report(tmp_path / "y2025.txt", 2025, "17", "98.2%", "9105", "8.0%", "203")
    cut = [line[k : k + 31] for line in source.read_text(encoding="utf-8").split("\n")
           for k in range(0, len(line), 31)]
    assert "2.优化法治化营商环境。新增市场主体9105户，同比增长8.0" in cut and "%。出台《青禾区优化营商环境十条措施》。" in cut
    folder = tmp_path / "pdf"
    folder.mkdir()
    new = pdf_fixed_count_from_report(source, folder, 31)
    capsys.readouterr()
    assert main(["diff", str(old), str(new), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    changes = [c for s in data["sections"] for c in s["changes"]]
    figures = {(f["old"], f["new"]) for c in changes for f in c.get("figures") or []}
    assert {("8432户", "9105户"), ("12.3%", "8.0%"), ("96.5%", "98.2%"), ("156份", "203份")} <= figures
    assert {c["kind"] for c in changes} == {"unchanged", "numbers_only"}  # no sentence added (%。)
    assert parse_file(new, use_manifest=False).text == parse_file(source, use_manifest=False).text
