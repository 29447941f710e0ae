"""Tables in plain-text reports (tab-separated, aligned by spaces, Markdown or box-drawing bars,
in any encoding) are read as tables and compared cell by cell, as .docx/HTML/PDF tables are."""

from __future__ import annotations

import random
import re
import subprocess
import sys
from pathlib import Path

import pytest

from compare.comparison.diff import compare_documents
from compare.errors import ReportError
from compare.parsing.normalise import to_simplified, to_traditional
from compare.parsing.pipeline import parse_file
from compare.parsing.readers.text import decode

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


DRAWN = {  # (horizontal rule, vertical bar, crossing) of a table drawn in characters
    "light": ("─", "│", "┼"), "heavy": ("━", "┃", "╋"), "double": ("═", "║", "╬"),
    "full-width": ("－", "｜", "＋"),
}


def drawn(table: list[list[str]], style: str) -> str:
    rule, bar, cross = DRAWN[style]
    line = cross + cross.join(rule * 10 for _ in table[0]) + cross
    return "\n".join([line] + [bar + bar.join(r) + bar + "\n" + line for r in table])


@pytest.mark.parametrize(("encoding", "style"), [("gbk", s) for s in DRAWN] + [("big5", "light"), ("big5", "full-width")])
def test_a_short_report_made_mostly_of_a_drawn_table_loads(tmp_path: Path, style: str, encoding: str) -> None:
    """A short notice whose table is drawn in box characters is over a third rules and bars:
    the encoding is told by its words, so it loads (it was refused as "not text in a supported
    encoding", user test s22) and its table is a table."""
    text = ("清河县司法局2024年度法治政府建设情况报告\n一、主要工作成效\n全年开展行政执法案卷评查3次。"
            f"主要指标如下：\n{drawn(rows(2024), style)}\n二、2025年工作打算\n力争案卷评查优良率达到95%以上。\n")
    if encoding == "big5":  # Taiwan and Hong Kong write Traditional characters in Big5
        text = to_traditional(text)
    drawing = sum(not ch.isalnum() and not ch.isspace() for ch in text)
    assert drawing > len(text) / 3
    path = tmp_path / "qinghe-2024.txt"
    path.write_bytes(text.encode(encoding))
    doc = parse_file(path)
    assert doc.encoding in (("gb18030",) if encoding == "gbk" else ("big5", "cp950", "big5hkscs"))
    assert len(doc.tables) == 1 and doc.tables[0].rows[1][1:] == ["56", "63"]
    assert "力争案卷评查优良率达到95%以上。" in to_simplified(doc.text)
    result = subprocess.run([sys.executable, "-m", "compare", "parse", str(path)],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    # the rules say nothing about the language: noise with the same table drawn in it, and
    # a Latin-1 file, are still refused
    pick = random.Random(2024)
    noise = "".join(bytes([pick.randrange(0x81, 0xFF), pick.randrange(0x40, 0xFF)]).decode("gb18030", "ignore")
                    for _ in range(120))
    with pytest.raises(ReportError, match="not text in a supported encoding"):
        decode((noise + "\n" + drawn(rows(2024), style) + "\n" + noise[::-1]).encode("gb18030"))
    with pytest.raises(ReportError, match="not text in a supported encoding"):
        decode(("Rapport annuel, été 2024\n" + drawn([["année", "déjà"], ["à", "où"]], "light")
                .replace("─", "-").replace("│", "|").replace("┼", "+")).encode("latin-1"))


def test_a_tab_separated_table_with_empty_cells_is_a_table(tmp_path: Path) -> None:
    """A spreadsheet saved as text writes a figure not given as nothing between two tabs
    (`政府法律顾问（名）⇥⇥15`), or leaves the last cells off with their tabs: the block is
    still a table, each figure in its own column (it stayed prose, user test s22)."""
    def table(year: int, blank: str) -> str:
        b, c = FIGURES[year - 1], FIGURES[year]
        given = (lambda cell: "" if year - 1 == 2022 else cell)  # 2022's figures not all given
        lines = [f"指标\t{year - 1}年\t{year}年",
                 f"行政复议案件（件）\t{b[0]}\t{c[0]}",
                 f"政府法律顾问（名）\t{given(b[1])}\t{c[1]}" if blank == "middle"
                 else f"政府法律顾问（名）\t{b[1]}\t",
                 f"法律援助案件（件）\t{b[2]}\t{c[2]}",
                 "新设法律服务站点（个）\t\t" if blank == "middle" else "新设法律服务站点（个）\t5"]
        return "\n".join(lines)

    def write_year(year: int, blank: str) -> Path:
        first, plan = PROSE[year]
        path = tmp_path / f"qinghe-{year}-{blank}.txt"
        path.write_bytes((f"清河县司法局{year}年度法治政府建设情况报告\n一、主要工作成效\n{first}\n"
                          f"主要指标如下：\n{table(year, blank)}\n二、{year + 1}年工作打算\n{plan}\n").encode("gbk"))
        return path

    doc = parse_file(write_year(2023, "middle"))
    assert [t.rows for t in doc.tables] == [[
        ["指标", "2022年", "2023年"], ["行政复议案件（件）", "48", "56"], ["政府法律顾问（名）", "", "15"],
        ["法律援助案件（件）", "350", "386"], ["新设法律服务站点（个）", "", ""]]]
    doc = parse_file(write_year(2024, "end"))
    assert doc.tables[0].rows[2] == ["政府法律顾问（名）", "15", ""]
    assert doc.tables[0].rows[4] == ["新设法律服务站点（个）", "5", ""]
    # the two years compared cell by cell: the 2023 column is the same, so no row reads 48 → 56
    result = subprocess.run([sys.executable, "-m", "compare", "diff", "--no-pager",
                             str(write_year(2023, "middle")), str(write_year(2024, "middle"))],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert "new column 2024年, column 2022年 dropped" in result.stdout
    assert "56 → 63" not in result.stdout and "48 → 56" not in result.stdout


def test_lines_pushed_right_by_tabs_are_not_a_table(tmp_path: Path) -> None:
    # a signature and date set to the right with tabs hold one cell each: they stay text
    path = tmp_path / "signed.txt"
    path.write_text("一、主要工作成效\n全年开展行政执法案卷评查3次。\n"
                    "\t\t\t清河县司法局\n\t\t\t2025年1月20日\n\t\t\t联系人：张三\n", encoding="utf-8")
    assert parse_file(path).tables == []


def test_a_figure_left_blank_is_no_dropped_column(tmp_path: Path) -> None:
    """2024's table leaves 政府法律顾问's 2023 figure blank (given as 15 in 2023's): the 2023年
    column is in both tables, so the summary says one figure left blank, not that the column
    was dropped (it said `column 2022年, 2023年 dropped`)."""
    def write_year(year: int, blank_row: int | None) -> Path:
        b, c = FIGURES[year - 1], FIGURES[year]
        lines = [f"指标\t{year - 1}年\t{year}年"] + [
            f"{label}\t{'' if k == blank_row else b[k]}\t{c[k]}" for k, label in enumerate(LABELS)]
        first, plan = PROSE[year]
        path = tmp_path / f"qinghe-{year}.txt"
        path.write_bytes((f"清河县司法局{year}年度法治政府建设情况报告\n一、主要工作成效\n{first}\n"
                          "主要指标如下：\n" + "\n".join(lines) + f"\n二、{year + 1}年工作打算\n{plan}\n").encode("gbk"))
        return path

    result = subprocess.run([sys.executable, "-m", "compare", "diff", "--no-pager",
                             str(write_year(2023, None)), str(write_year(2024, 1))],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert "new column 2024年, column 2022年 dropped, 1 figure left blank" in result.stdout
    assert "2023年 dropped" not in result.stdout
