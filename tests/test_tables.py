"""Tables compared cell by cell: the statistics tables of two years' 政府信息公开工作年度报告."""

from __future__ import annotations

import asyncio
import json
import subprocess
import sys
from pathlib import Path

import opencc
import pytest
from rich.console import Console

from compare.cli import main
from compare.comparison.diff import compare_documents
from compare.comparison.results import CellKind
from compare.parsing.pipeline import parse_file
from compare.presentation.html import render_comparison_html
from compare.tui.screens.dialogs import InfoScreen

from .support.qinghe import plain_text, write
from .test_tui import reviewing, view_text

CASES = Path(__file__).parent / "data" / "cases"


def two_years(tmp_path: Path) -> tuple[Path, Path]:
    """The case-01 report and its next year: two counts changed, a row added, a figure of
    the prose changed (全年主动公开政府信息1234条 → 1500条)."""
    html = (CASES / "01-xxgk-table.html").read_text(encoding="utf-8")
    later = (
        html.replace("2023", "2024")
        .replace("1234条", "1500条")
        .replace("<td>12</td>", "<td>15</td>")
        .replace("<td>1.属于国家秘密</td><td>0</td>", "<td>1.属于国家秘密</td><td>2</td>")
        .replace(
            '<tr><td colspan="3">四、结转下年度继续办理</td><td>1</td></tr>',
            '<tr><td colspan="3">四、结转下年度继续办理</td><td>1</td></tr>'
            '<tr><td colspan="3">五、其他情形</td><td>4</td></tr>',
        )
    )
    a, b = tmp_path / "xxgk-2023.html", tmp_path / "xxgk-2024.html"
    a.write_text(html, encoding="utf-8")
    b.write_text(later, encoding="utf-8")
    return a, b


def test_changed_counts_are_figure_changes_old_to_new(tmp_path: Path) -> None:
    a, b = two_years(tmp_path)
    comparison = compare_documents(parse_file(a), parse_file(b))
    assert [(d.left.id, d.right.id) for d in comparison.tables] == [("t1", "t1"), ("t2", "t2"), ("t3", "t3")]
    changes = comparison.tables[1].changes
    assert [(c.kind, c.row, c.column, c.old, c.new) for c in changes] == [
        (CellKind.FIGURE, "一、本年新收政府信息公开申请数量", "自然人", "12", "15"),
        (CellKind.FIGURE, "三、本年度办理结果 / （三）不予公开 / 1.属于国家秘密", "自然人", "0", "2"),
        (CellKind.ADDED, "五、其他情形", "", "", "五、其他情形\t五、其他情形\t五、其他情形\t4"),
    ]
    assert not comparison.tables[0].changes and not comparison.tables[2].changes


def test_tables_shown_as_grids_in_the_terminal_and_the_page(tmp_path: Path) -> None:
    a, b = two_years(tmp_path)
    result = subprocess.run(
        [sys.executable, "-m", "compare", "diff", str(a), str(b), "--only-changes"],
        capture_output=True, text=True, timeout=120, env={"COLUMNS": "140", "PATH": ""},
    )
    assert result.returncode == 0, result.stderr
    assert "表 t2 · 三、收到和处理政府信息公开申请情况   2 figures changed, 1 other change" in result.stdout
    assert "12 → 15" in result.stdout and "│ 0 → 2" in result.stdout
    assert "表 t1" not in result.stdout  # unchanged tables folded with --only-changes
    page = render_comparison_html(compare_documents(parse_file(a), parse_file(b)))
    assert '<table class="grid">' in page
    assert '<td class="changed"><mark class="old">12</mark> → <mark class="new">15</mark></td>' in page


def test_review_app_shows_the_tables(tmp_path: Path) -> None:
    a, b = two_years(tmp_path)

    async def scenario():
        async with reviewing(tmp_path, a, b) as (app, pilot, screen):
            await pilot.press("T")
            await pilot.pause()
            assert isinstance(app.screen, InfoScreen)
            console = Console(width=150, record=True, file=open("/dev/null", "w"))
            console.print(app.screen.body)
            text = console.export_text()
            assert "12 → 15" in text and "1.属于国家秘密" in text and "表 t3" in text
            await pilot.press("escape")
            # n walks the prose changes only (diff counts the same), never the table's rows …
            await pilot.press("n")
            await pilot.pause()
            assert screen.pair_view.current.change.table == ""
            # … which stay in place, cells ruled apart (never a raw tab), marked | in the gutter
            # and without figures paired by position under them
            while "一、本年新收政府信息公开申请数量" not in view_text(screen):
                await pilot.press("tab")
                await pilot.pause()
            shown = view_text(screen)
            line = next(l for l in shown.splitlines() if "一、本年新收政府信息公开申请数量│15" in l)
            assert line.startswith("|") and "\t" not in shown
            assert "figures: 12" not in shown

    asyncio.run(scenario())


def test_a_reworded_row_label_is_one_row_whose_label_changed(tmp_path: Path) -> None:
    a, b = two_years(tmp_path)
    b.write_text(b.read_text(encoding="utf-8").replace(
        "2.没有现成信息需要另行制作</td><td>0", "2.没有现成信息需要另行制作的</td><td>5"), encoding="utf-8")
    changes = compare_documents(parse_file(a), parse_file(b)).tables[1].changes
    reworded = [c for c in changes if c.kind == CellKind.TEXT]
    assert [(c.old, c.new) for c in reworded] == [(
        "三、本年度办理结果 / （四）无法提供 / 2.没有现成信息需要另行制作",
        "三、本年度办理结果 / （四）无法提供 / 2.没有现成信息需要另行制作的",
    )]
    assert ("0", "5") in [(c.old, c.new) for c in changes if c.kind == CellKind.FIGURE]
    assert not [c for c in changes if c.kind == CellKind.REMOVED]


def test_diff_json_lists_table_changes(tmp_path: Path) -> None:
    a, b = two_years(tmp_path)
    result = subprocess.run([sys.executable, "-m", "compare", "diff", str(a), str(b), "--json"],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    tables = json.loads(result.stdout)["tables"]
    assert [(t["left_id"], t["right_id"], t["right_section_id"]) for t in tables] == [
        ("t1", "t1", "2"), ("t2", "t2", "3"), ("t3", "t3", "4")]
    assert {"kind": "figure", "row": "一、本年新收政府信息公开申请数量", "column": "自然人",
            "old": "12", "new": "15", "index": 3} in tables[1]["changes"]


def test_columns_go_with_their_header_when_the_years_move_on(tmp_path: Path) -> None:
    # a table of 2022年 | 2023年 becomes 2023年 | 2024年 next year: 2023's figures are compared
    # with last year's 2023 column (a restated figure shows), never 2024 with 2023 by position
    def page(years: tuple[str, str], rows: list[tuple[str, str, str]]) -> str:
        body = "".join(f"<tr><td>{a}</td><td>{b}</td><td>{c}</td></tr>" for a, b, c in rows)
        return (f"<html><body><p>一、主要指标</p><p>全年情况如下。</p><table><tr><th>项目</th>"
                f"<th>{years[0]}</th><th>{years[1]}</th></tr>{body}</table>"
                "<p>二、下一步工作</p><p>继续加强。</p></body></html>")

    a, b = tmp_path / "2023.html", tmp_path / "2024.html"
    a.write_text(page(("2022年", "2023年"), [("行政复议案件", "11", "13"), ("行政诉讼案件", "5", "6")]), encoding="utf-8")
    b.write_text(page(("2023年", "2024年"), [("行政复议案件", "13", "14"), ("行政诉讼案件", "7", "9")]), encoding="utf-8")
    comparison = compare_documents(parse_file(a), parse_file(b))
    changes = [(c.row, c.column, c.old, c.new) for c in comparison.tables[0].changes if c.kind == CellKind.FIGURE]
    assert ("行政诉讼案件", "2023年", "6", "7") in changes  # last year's 2023 figure restated
    assert ("行政复议案件", "2023年", "13", "13") not in changes
    assert ("行政复议案件", "2024年", "", "14") in changes  # a new column, not 13 → 14
    assert ("行政复议案件", "2022年", "11", "") in changes  # a column dropped
    assert not any(column == "2024年" and old for _, column, old, _ in changes)


def test_table_rows_are_one_line_pointing_to_the_table_not_sentence_changes(tmp_path: Path) -> None:
    # a Word report with a statistics table, year after year: one prose sentence changed its
    # figure and the table changed two counts; the sentence counts, the later report's shares
    # and the section's count of changes speak of the prose only, and the rows are listed once,
    # as the table, where it stands
    from docx import Document as Word

    def report(year: int, columns: tuple[str, str], cases: tuple[int, int], suits: tuple[int, int]) -> Path:
        doc = Word()
        doc.add_paragraph(f"某区司法局{year}年法治政府建设情况报告")
        doc.add_paragraph("一、主要工作")
        doc.add_paragraph(f"{year}年，我局办理行政复议案件{cases[1]}件。")
        doc.add_paragraph("加强普法宣传，开展法治讲座。")
        table = doc.add_table(rows=3, cols=3)
        for r, row in enumerate((("项目", *columns), ("行政复议案件", *map(str, cases)), ("行政诉讼案件", *map(str, suits)))):
            for c, text in enumerate(row):
                table.cell(r, c).text = text
        doc.add_paragraph("二、存在问题")
        doc.add_paragraph("法治宣传的覆盖面还不够广。")
        path = tmp_path / f"sifa-{year}.docx"
        doc.save(str(path))
        return path

    a = report(2023, ("2022年", "2023年"), (12, 13), (30, 31))
    b = report(2024, ("2023年", "2024年"), (13, 14), (31, 35))
    result = subprocess.run([sys.executable, "-m", "compare", "diff", str(a), str(b), "--color", "never"],
                            capture_output=True, text=True, timeout=120, env={"COLUMNS": "140", "PATH": ""})
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "sentences   # numbers only 1     unchanged 2" in out
    assert "一、主要工作   same 1.00   1 change" in out
    assert "▦ 表 t1 (3 rows): new column 2024年, column 2022年 dropped — drawn below, cell by cell" in out
    assert "# 行政诉讼案件" not in out  # no row repeated as a sentence change
    # the grid below has them: 2023's figures unchanged, a new column, last year's first column
    # dropped (no header change besides), said in words and marked without colour
    assert "表 t1 · 一、主要工作   new column 2024年, column 2022年 dropped\n" in out
    assert "│ 31     │ {+35+} │ [-30-]" in out and "[-2022年-]" in out

    data = json.loads(subprocess.run([sys.executable, "-m", "compare", "diff", str(a), str(b), "--json"],
                                     capture_output=True, text=True, timeout=120).stdout)
    assert data["counts"] == {"numbers_only": 1, "unchanged": 2}
    # rows are in "tables" only, cell by cell (user test s26 item 6), never sentence changes
    assert not [c for s in data["sections"] for c in s["changes"] if c["table"] or "\t" in (c["left"] or c["right"])["text"]]
    assert [t["right_id"] for t in data["tables"]] == ["t1"] and data["tables"][0]["changes"]

    page = render_comparison_html(compare_documents(parse_file(a), parse_file(b)))
    assert '<a href="#t-0">表 t1</a> (3 rows)' in page and 'id="t-0"' in page
    assert page.count("行政诉讼案件") == 1  # in the grid only


def test_equal_neighbouring_cells_are_all_kept_and_a_spanning_cell_once(tmp_path: Path) -> None:
    # 规章 | 0 | 0 | 0 is four cells, not 规章 | 0; a label spanning three columns is one cell:
    # in the report's text (parse --text, the sentences classify and the app show) as in the grid
    from docx import Document as Word

    html = (CASES / "01-xxgk-table.html").read_text(encoding="utf-8")
    page = tmp_path / "xxgk.html"
    page.write_text(html, encoding="utf-8")
    lines = parse_file(page).text.splitlines()
    assert "规章\t0\t0\t0" in lines
    assert "0\t0\t0\t0\t0\t0\t0\t0\t0\t0" in lines
    assert "四、结转下年度继续办理\t1" in lines  # colspan="3": the label once

    doc = Word()
    doc.add_paragraph("一、主要工作")
    table = doc.add_table(rows=3, cols=3)
    title = table.cell(0, 0).merge(table.cell(0, 2))
    title.text = "法治队伍情况"
    for r, row in enumerate((("政府法律顾问（名）", "15", "15"), ("公职律师（名）", "3", "3")), start=1):
        for c, text in enumerate(row):
            table.cell(r, c).text = text
    path = tmp_path / "team.docx"
    doc.save(str(path))
    parsed = parse_file(path)
    assert "政府法律顾问（名）\t15\t15" in parsed.text.splitlines()
    assert "法治队伍情况" in parsed.text.splitlines()  # merged across three columns: once
    assert parsed.tables[0].rows[0] == ["法治队伍情况"] * 3  # the grid keeps every position


def test_a_table_row_is_never_paired_with_a_prose_sentence(tmp_path: Path) -> None:
    # the later report drops its table but keeps the sentence that states one row's figure
    # (全县政府法律顾问共15名): the row is not "merged into" that sentence; the table is one
    # line, removed, with all its rows, and the sentence counts speak of prose only
    from docx import Document as Word

    def report(name: str, with_table: bool) -> Path:
        doc = Word()
        doc.add_paragraph("清河县司法局2024年度法治政府建设情况报告")
        doc.add_paragraph("一、主要工作")
        doc.add_paragraph("全县政府法律顾问共15名，审查县政府规范性文件23件。")
        doc.add_paragraph("主要指标如下表：")
        if with_table:
            rows = (("指标", "2023年", "2024年"), ("行政复议案件（件）", "56", "63"),
                    ("政府法律顾问（名）", "15", "15"), ("法律援助案件（件）", "386", "402"))
            table = doc.add_table(rows=len(rows), cols=3)
            for r, row in enumerate(rows):
                for c, text in enumerate(row):
                    table.cell(r, c).text = text
        doc.add_paragraph("二、存在问题")
        doc.add_paragraph("法治宣传的覆盖面还不够广。")
        path = tmp_path / name
        doc.save(str(path))
        return path

    a, b = report("a.docx", True), report("b.docx", False)
    comparison = compare_documents(parse_file(a), parse_file(b))
    changes = [c for s in comparison.sections for c in s.changes]
    assert not [c for c in changes if c.kind.value in ("merged", "split")]
    rows = [c for c in changes if c.table]
    assert len(rows) == 4 and all(c.kind.value == "removed" for c in rows)
    counts = comparison.kind_counts()
    assert counts.get("merged") is None and sum(counts.values()) == len(changes) - 4
    result = subprocess.run([sys.executable, "-m", "compare", "diff", str(a), str(b), "--color", "never"],
                            capture_output=True, text=True, timeout=120, env={"COLUMNS": "140", "PATH": ""})
    assert result.returncode == 0, result.stderr
    assert result.stdout.count("▦ 表 t1") == 1 and "▦ 表 t1 (4 rows): table removed" in result.stdout


def _qinghe_pair(tmp_path: Path, make) -> tuple[Path, Path]:
    return make(tmp_path, 2024), make(tmp_path, 2025)


def _utf8(tmp_path: Path, year: int) -> Path:
    return write(tmp_path / f"qinghe-{year}.txt", plain_text(year))


def _big5(tmp_path: Path, year: int) -> Path:
    # the test's own Traditional copy (s2tw), as Taiwan's sites write it
    return write(tmp_path / f"qinghe-{year}.big5.txt", opencc.OpenCC("s2tw").convert(plain_text(year)), "big5")


@pytest.mark.parametrize("left_of", [_utf8, _big5], ids=["utf8", "big5"])
def test_diff_json_lists_table_rows_in_tables_only(tmp_path: Path, capsys, left_of) -> None:
    # user test s26 item 6: the year columns move on by one; rows were also listed as moved
    # sentences, figures paired across the shifted columns (210\t → 236\t)
    old, new = left_of(tmp_path, 2024), _utf8(tmp_path, 2025)
    capsys.readouterr()
    assert main(["diff", str(old), str(new), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    for section in data["sections"]:
        for change in section["changes"]:
            assert change["table"] is None
            for side in ("left", "right"):
                assert change[side] is None or "\t" not in change[side]["text"], change
            assert not any("\t" in f["old"] + f["new"] for f in change["figures"])
    (table,) = data["tables"]
    cells = {(c["row"], c["column"], c["old"], c["new"]) for c in table["changes"]}
    # the shared 2024年 column compared with itself, nothing changed there; the new column's
    # figures and the dropped column's are the changes
    assert ("行政复议收案（件）", "2025年", "", "251") in cells or any(
        c[0].startswith("行政复议收案") and c[3] == "251" for c in cells)
    assert not any(c["row"].startswith(("行政复议收案", "行政複議收案")) and c["old"] == "236" and c["new"] == "251"
                   for c in table["changes"])
    # the header row in Traditional against Simplified (指標 / 指标) is no change (item 15)
    assert not [c for c in table["changes"] if c["kind"] == "text"], table["changes"]
