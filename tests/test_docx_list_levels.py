"""Word lists in a .docx rank like the document's headings (user test s26 items 5 and 11): a list
item that is one full sentence is body text, never a section headed by its sentence, so every
sentence of both reports reaches the diff once; a list numbering the chapters over sections
styled as headings ranks above them."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import docx
import pytest

from compare.cli import main
from compare.comparison.diff import compare_documents
from compare.comparison.results import ChangeKind
from compare.parsing.pipeline import parse_file

from .conftest import CORPUS
from .support.qinghe import plain_text, report, write


def sentence_list_docx(path: Path, year: int) -> Path:
    """Typed 一、 in Heading 1, typed （一） in Normal, every sentence a `List Number` item."""
    title, chapters, table = report(year)
    d = docx.Document()
    d.add_paragraph(title).alignment = 1
    for i, (heading, sections) in enumerate(chapters):
        d.add_heading(heading, level=1)
        for sub, sentences in sections:
            d.add_paragraph(sub)
            for sentence in sentences:
                d.add_paragraph(sentence, style="List Number")
        if i == 0:
            grid = d.add_table(rows=len(table), cols=3)
            for r, row in enumerate(table):
                for c, value in enumerate(row):
                    grid.cell(r, c).text = value
    d.add_paragraph("青禾区人民政府").alignment = 2
    d.add_paragraph(f"{year + 1}年1月20日").alignment = 2
    d.save(path)
    return path


def chapter_list_docx(path: Path, year: int, section_style: str) -> Path:
    """Chapters a `List Number` list (typed 一、 dropped), sections in `section_style`."""
    title, chapters, table = report(year)
    d = docx.Document()
    d.add_heading(title, level=0)
    for i, (heading, sections) in enumerate(chapters):
        d.add_paragraph(heading.split("、", 1)[1], style="List Number")
        for sub, sentences in sections:
            d.add_paragraph(sub, style=section_style)
            d.add_paragraph("".join(sentences))
        if i == 0:
            d.add_paragraph("主要统计数据如下：")
            grid = d.add_table(rows=len(table), cols=3)
            for r, row in enumerate(table):
                for c, value in enumerate(row):
                    grid.cell(r, c).text = value
    d.save(path)
    return path


def test_list_items_that_are_sentences_are_body_text(tmp_path: Path, capsys) -> None:
    old = sentence_list_docx(tmp_path / "qinghe2-2024.docx", 2024)
    new = sentence_list_docx(tmp_path / "qinghe2-2025.docx", 2025)
    doc = parse_file(old)
    headings = [s.title for s in doc.walk() if s.kind == "heading"]
    assert headings == [h for chapter, sections in report(2024)[1]
                        for h in [chapter, *(sub for sub, _ in sections)]]
    assert any(s.text.endswith("组织执法人员培训25场次，培训1800人次。") for s in doc.section("1.2").sentences)
    capsys.readouterr()
    assert main(["diff", str(old), str(new), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    pairs = {(c["left"]["text"].split(".", 1)[-1].strip(), c["kind"])
             for s in data["sections"] for c in s["changes"] if c.get("left") and c.get("right")}
    # the training sentence is paired with its 2025 version, its figures changed
    assert ("组织执法人员培训25场次，培训1800人次。", "numbers_only") in pairs
    added = [c["right"]["text"] for s in data["sections"] for c in s["changes"] if c["kind"] == "added"]
    assert not any("培训31场次" in text for text in added)


def _own_sides(a: Path, b: Path) -> list[tuple[str, int, str]]:
    """Sentences of either report that the diff does not show exactly once as their own side
    (a split shows its whole left sentence beside each part, a merge its whole right one)."""
    left, right = parse_file(a), parse_file(b)
    comparison = compare_documents(left, right)
    seen: Counter[tuple[str, int]] = Counter()
    for section in comparison.sections:
        for change in section.changes:
            if change.left is not None and change.kind != ChangeKind.SPLIT:
                seen["left", change.left.start] += 1
            if change.right is not None and change.kind != ChangeKind.MERGED:
                seen["right", change.right.start] += 1
    return [(side, seen[side, s.start], s.text) for side, doc in (("left", left), ("right", right))
            for s in doc.sentences() if seen[side, s.start] != 1]


@pytest.mark.parametrize("pair", [
    ("state-council-2004", "state-council-2005"), ("state-council-2015", "state-council-2016"),
    ("state-council-1978", "state-council-1979"), ("beijing-2026", "tianjin-2026"),
    ("jiangxi-2026", "sichuan-2026"),
])
def test_every_sentence_of_corpus_pairs_reaches_the_diff_once(pair) -> None:
    a, b = (CORPUS / f"{name}.txt" for name in pair)
    assert _own_sides(a, b) == []


def test_every_sentence_of_made_docx_pairs_reaches_the_diff_once(tmp_path: Path) -> None:
    pairs = [(sentence_list_docx(tmp_path / "s-2024.docx", 2024), sentence_list_docx(tmp_path / "s-2025.docx", 2025)),
             (chapter_list_docx(tmp_path / "c-2024.docx", 2024, "Heading 2"),
              chapter_list_docx(tmp_path / "c-2025.docx", 2025, "Heading 2")),
             (write(tmp_path / "t-2024.txt", plain_text(2024)), sentence_list_docx(tmp_path / "s2-2025.docx", 2025))]
    for a, b in pairs:
        assert _own_sides(a, b) == []
    # and each sentence of the text is a sentence, not hidden in a heading
    for a, _ in pairs:
        texts = " ".join(s.text for s in parse_file(a).sentences())
        assert "组织执法人员培训25场次，培训1800人次。" in texts


@pytest.mark.parametrize("section_style", ["Heading 2", "Heading 1"])
def test_chapters_as_a_word_list_rank_above_styled_sections(tmp_path: Path, section_style: str, capsys) -> None:
    path = chapter_list_docx(tmp_path / "qinghe-2025.docx", 2025, section_style)
    doc = parse_file(path)
    tree = [(s.id, s.heading) for s in doc.walk() if s.kind == "heading"]
    assert [t for t in tree if "." not in t[0]] == [
        ("1", "2025年度法治政府建设主要成效"), ("2", "存在的不足和原因"), ("3", "2026年工作安排")]
    assert ("2.2", "基层法治力量相对薄弱") in tree and ("3.1", "持续深化法治政府示范创建") in tree
    # against the same report as typed text, every section pairs with its own, none moved
    text = write(tmp_path / "qinghe-2025.txt", plain_text(2025))
    capsys.readouterr()
    assert main(["align", str(text), str(path), "--json"]) == 0
    answer = json.loads(capsys.readouterr().out)
    pairs = {(p["left_id"], p["right_id"]) for p in answer["pairs"]}
    assert {("1", "1"), ("2", "2"), ("3", "3"), ("2.2", "2.2"), ("3.2", "3.2")} <= pairs
    assert not answer["left_only"] and not answer["right_only"]
