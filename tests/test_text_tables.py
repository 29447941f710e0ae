"""Tables in plain-text reports (tab-separated, aligned by spaces, Markdown or box-drawing bars,
in any encoding) are read as tables and compared cell by cell, as .docx/HTML/PDF tables are."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from compare.comparison.diff import compare_documents
from compare.parsing.pipeline import parse_file

from .conftest import CORPUS

PROSE = {
    2023: ("全年开展行政执法案卷评查2次，抽查案卷120卷。", "力争案卷评查优良率达到90%以上。"),
    2024: ("全年开展行政执法案卷评查3次，抽查案卷150卷。", "力争案卷评查优良率达到95%以上。"),
}
FIGURES = {  # year → (行政复议案件, 政府法律顾问, 法律援助案件) of that year
    2022: ("48", "12", "350"), 2023: ("56", "15", "386"), 2024: ("63", "15", "402"),
}
LABELS = ("行政复议案件（件）", "政府法律顾问（名）", "法律援助案件（件）")


def rows(year: int) -> list[list[str]]:
    """The table of the report on `year`: the year before and the year itself."""
    return [["指标", f"{year - 1}年", f"{year}年"]] + [
        [label, FIGURES[year - 1][k], FIGURES[year][k]] for k, label in enumerate(LABELS)
    ]


def layout(table: list[list[str]], style: str) -> str:
    if style == "tabs":
        return "\n".join("\t".join(r) for r in table)
    if style == "spaces":
        return "\n".join("".join(c.ljust(12, "\u3000" if not c.isascii() else " ") if k == 0 else c.rjust(8)
                                 for k, c in enumerate(r)) for r in table)
    if style == "markdown":
        lines = ["| " + " | ".join(r) + " |" for r in table]
        return "\n".join(lines[:1] + ["|---|---|---|"] + lines[1:])
    if style == "box":
        rule = "├──────────┼──────┼──────┤"
        return "\n".join(["┌──────────┬──────┬──────┐", "│" + "│".join(table[0]) + "│", rule]
                         + ["│" + "│".join(r) + "│" for r in table[1:]] + ["└──────────┴──────┴──────┘"])
    raise ValueError(style)


def report(year: int, style: str) -> str:
    first, plan = PROSE[year]
    return (f"清河县司法局{year}年度法治政府建设情况报告\n"
            f"{year}年，在县委、县政府的坚强领导下，县司法局坚持以习近平新时代中国特色社会主义思想为指导，"
            "深入贯彻落实党的二十大精神，扎实推进法治政府建设各项工作，法治政府建设取得新的进展。"
            "现将有关情况报告如下。\n"
            f"一、主要工作成效\n{first}\n主要指标如下：\n{layout(rows(year), style)}\n"
            f"二、{year + 1}年工作打算\n{plan}\n")


def write(folder: Path, year: int, style: str, encoding: str) -> Path:
    path = folder / f"qinghe-{year}.txt"
    path.write_bytes(report(year, style).encode(encoding))
    return path


@pytest.mark.parametrize("encoding", ["gbk", "utf-8", "utf-8-sig", "utf-16"])
@pytest.mark.parametrize("style", ["tabs", "spaces", "markdown", "box"])
def test_a_plain_text_table_is_a_table(tmp_path: Path, style: str, encoding: str) -> None:
    doc = parse_file(write(tmp_path, 2024, style, encoding))
    assert [t.rows for t in doc.tables] == [rows(2024)]
    table = doc.tables[0]
    assert table.section_id == "1"  # in 一、主要工作成效, where it stands
    assert "行政复议案件" in doc.text[table.start:table.end]
    assert "主要指标如下：" in doc.text and "力争案卷评查优良率达到95%以上。" in doc.text


@pytest.mark.parametrize("style", ["tabs", "spaces"])
def test_diff_compares_the_table_cell_by_cell_not_rows_by_position(tmp_path: Path, style: str) -> None:
    """The user's GBK pair: the 2023 column is the same in both years' tables, so nothing may
    read as 行政复议 48 → 56; the table says a 2024 column came and the 2022 one went."""
    a = write(tmp_path, 2023, style, "gbk")
    b = write(tmp_path, 2024, style, "gbk")
    comparison = compare_documents(parse_file(a), parse_file(b))
    assert len(comparison.tables) == 1
    assert comparison.tables[0].left is not None and comparison.tables[0].right is not None
    result = subprocess.run([sys.executable, "-m", "compare", "diff", "--no-pager", str(a), str(b)],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert "48       → 56" not in result.stdout and "48 → 56" not in result.stdout
    assert "new column 2024年, column 2022年 dropped" in result.stdout
    assert re.search(r"90%(以上)? → 95%以上", result.stdout)  # the prose figure still compared


def test_prose_and_contents_are_not_tables(tmp_path: Path) -> None:
    """Lines that split into equal numbers of parts by chance stay text: a table of contents
    with ideographic spaces, a signature with aligned names, two columns without figures."""
    text = ("目录\n一、\u3000总体要求\n二、\u3000主要任务\n三、\u3000保障措施\n"
            "一、总体要求\n坚持依法行政。\n"
            "主任  张三    副主任  李四\n委员  王五    委员  赵六\n委员  钱七    委员  孙八\n"
            "二、主要任务\n推进法治政府建设。\n")
    path = tmp_path / "prose.txt"
    path.write_text(text, encoding="utf-8")
    doc = parse_file(path)
    assert doc.tables == []


def test_corpus_reports_have_no_text_tables() -> None:
    """The bundled plain-text reports hold no tables: none may be found in their prose."""
    names = sorted(CORPUS.rglob("*.txt"))
    assert len(names) >= 80
    assert [p.name for p in names if parse_file(p).tables] == []
