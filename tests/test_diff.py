"""Sentence changes between two reports, as a reader of the comparison would check them."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from collections import Counter
from functools import lru_cache

import pytest

from compare.comparison.results import Comparison, SentenceChange
from compare.comparison.diff import compare_documents
from compare.presentation.view import inline_pieces
from compare.parsing.document import Document
from compare.parsing.normalise import to_traditional
from compare.parsing.pipeline import parse_file, parse_text

from .conftest import CORPUS, ROOT

TANGGU = CORPUS / "tianjin-tanggu-2024.txt"


@lru_cache(maxsize=None)
def tanggu_raw() -> str:
    return TANGGU.read_text(encoding="utf-8")


@lru_cache(maxsize=None)
def tanggu() -> Document:
    return parse_text(tanggu_raw(), "tianjin-tanggu-2024.txt")


def edited(old: str, new: str) -> Comparison:
    raw = tanggu_raw()
    assert old in raw
    return compare_documents(tanggu(), parse_text(raw.replace(old, new, 1), "edited.txt"))


def changes(comparison: Comparison) -> list[SentenceChange]:
    return [c for section in comparison.sections for c in section.changes]


def kinds(comparison: Comparison) -> Counter[str]:
    return Counter(c.kind for c in changes(comparison))


def only_change(comparison: Comparison) -> SentenceChange:
    substantive = [c for c in changes(comparison) if c.kind != "unchanged"]
    assert len(substantive) == 1, [(c.kind, c.left and c.left.text, c.right and c.right.text) for c in substantive]
    return substantive[0]


def test_a_report_against_itself_is_all_unchanged() -> None:
    doc = tanggu()
    comparison = compare_documents(doc, parse_text(tanggu_raw(), "copy.txt"))
    assert set(kinds(comparison)) == {"unchanged"}
    assert kinds(comparison)["unchanged"] == len(list(doc.sentences()))
    assert comparison.shares.verbatim == pytest.approx(1.0)


def test_traditional_conversion_is_no_change() -> None:
    # 熏 becomes 薰 under s2t and stays 薰 under t2s: the variant must not count as an edit.
    traditional = parse_text(to_traditional(tanggu_raw()), "traditional.txt")
    assert traditional.script == "traditional"
    comparison = compare_documents(tanggu(), traditional)
    assert set(kinds(comparison)) == {"unchanged"}
    assert comparison.shares.verbatim == pytest.approx(1.0)


def test_changed_figure_is_numbers_only_with_old_and_new() -> None:
    comparison = edited("累计办理滨海通办2725件", "累计办理滨海通办3120件")
    change = only_change(comparison)
    assert change.kind == "numbers_only"
    [figure] = change.figures
    assert (figure.old, figure.new) == ("2725件", "3120件")
    left, right = comparison.alignment.left, comparison.alignment.right
    assert left.text[figure.left_start : figure.left_end] == "2725件"
    assert right.text[figure.right_start : figure.right_end] == "3120件"
    line = "".join(text for text, _ in inline_pieces(change))
    assert "2725件 → 3120件" in line
    assert 0 < comparison.shares.numbers_only < 0.05


def test_figures_in_traditional_text_point_into_the_original_script() -> None:
    raw = tanggu_raw().replace("累计审查各类合同、协议179份", "累计审查各类合同、协议201份", 1)
    comparison = compare_documents(tanggu(), parse_text(to_traditional(raw), "t.txt"))
    change = only_change(comparison)
    assert change.kind == "numbers_only"
    [figure] = change.figures
    right = comparison.alignment.right
    assert (figure.old, figure.new) == ("179份", "201份")
    assert right.text[figure.right_start - 2 : figure.right_end] == "協議201份"


def test_inserted_paragraph_is_added_and_nothing_else_changes() -> None:
    paragraph = "三是加强法治宣传阵地建设。新建法治文化公园2处，更新宣传栏46块，群众法治意识明显增强。\n"
    comparison = edited("二是发挥领导干部", paragraph + "二是发挥领导干部")
    counts = kinds(comparison)
    assert counts["added"] == 2 and set(counts) == {"added", "unchanged"}
    added = [c.right.text for c in changes(comparison) if c.kind == "added"]
    assert added == ["三是加强法治宣传阵地建设。", "新建法治文化公园2处，更新宣传栏46块，群众法治意识明显增强。"]
    assert comparison.shares.new > 0


def test_deleted_sentence_is_removed() -> None:
    comparison = edited("中高考期间严格落实环境保障任务。", "")
    change = only_change(comparison)
    assert change.kind == "removed" and change.right is None
    assert change.left.text == "中高考期间严格落实环境保障任务。"


def test_sentence_moved_to_another_section_is_moved_and_says_from_where() -> None:
    sentence = "中高考期间严格落实环境保障任务。"
    raw = tanggu_raw().replace(sentence, "", 1)
    at = raw.index("二是持续做优企业服务。")
    comparison = compare_documents(tanggu(), parse_text(raw[:at] + sentence + raw[at:], "moved.txt"))
    change = only_change(comparison)
    assert change.kind == "moved"
    left, right = comparison.alignment.left, comparison.alignment.right
    assert left.section(change.left.section_id).heading.startswith("严格规范公正文明执法")
    assert right.section(change.right.section_id).heading.startswith("依法全面履行政府职能")
    holder = next(d for d in comparison.sections if change in d.changes)
    assert holder.right_id == change.right.section_id  # shown where it now stands
    assert comparison.shares.verbatim == pytest.approx(1.0)  # carried over word for word


def test_small_edit_is_reworded_with_the_changed_word_highlighted() -> None:
    comparison = edited("全面规范执法人员资格管理", "全面加强执法人员资格管理")
    change = only_change(comparison)
    assert change.kind == "reworded"
    marked = [(text, role) for text, role in inline_pieces(change) if role != "equal"]
    assert marked == [("规范", "deleted"), ("加强", "inserted")]


def test_heavy_rewrite_is_rewritten_and_unrelated_text_is_removed_and_added() -> None:
    old = "开展依法行政案例研讨,分析典型案例,提高干部解决实际问题的能力。"
    assert old in tanggu_raw()
    comparison = edited(old, "开展依法行政案例研讨,邀请专家授课,组织现场观摩,增强干部依法办事的本领。")
    assert only_change(comparison).kind == "rewritten"
    comparison = edited(old, "街道食堂完成改造,就餐环境明显改善,职工满意度大幅提升。")
    assert kinds(comparison)["removed"] == 1 and kinds(comparison)["added"] == 1


def test_tiny_equal_words_between_changes_do_not_fragment_the_highlight() -> None:
    comparison = edited("提升队员的使命荣誉", "提升干部的担当荣誉")
    change = only_change(comparison)
    marked = [(text, role) for text, role in inline_pieces(change) if role != "equal"]
    # 队员→干部 and 使命→担当 with 的 between: one highlight, not two
    assert marked == [("队员的使命", "deleted"), ("干部的担当", "inserted")]


def test_a_changed_number_is_highlighted_whole() -> None:
    comparison = edited("累计出动执法人员7235人次", "累计出动执法人员7635人次,同比增长")
    change = only_change(comparison)
    assert change.kind == "reworded"
    marked = [(text, role) for text, role in inline_pieces(change) if role != "equal"]
    assert ("7235", "deleted") in marked and ("7635", "inserted") in marked


@lru_cache(maxsize=None)
def state_council(earlier: int, later: int) -> Comparison:
    return compare_documents(
        parse_file(CORPUS / f"state-council-{earlier}.txt"), parse_file(CORPUS / f"state-council-{later}.txt")
    )


def by_left_text(comparison: Comparison) -> dict[str, SentenceChange]:
    return {c.left.text: c for c in changes(comparison) if c.left is not None}


def test_every_sentence_of_both_reports_is_shown_exactly_once() -> None:
    # a merged change names a right sentence shown by its own pair, a split change a left one
    comparison = state_council(2016, 2017)
    left, right = comparison.alignment.left, comparison.alignment.right
    shown_left = Counter(c.left.id for c in changes(comparison) if c.left is not None and c.kind != "split")
    shown_right = Counter(c.right.id for c in changes(comparison) if c.right is not None and c.kind != "merged")
    assert shown_left == Counter(s.id for s in left.sentences())
    assert shown_right == Counter(s.id for s in right.sentences())
    shares = comparison.shares
    assert shares.verbatim + shares.numbers_only + shares.reworded + shares.new == pytest.approx(1.0)
    assert shares.new > 0.5  # a year's new report is mostly new text


def test_real_year_over_year_figures() -> None:
    # 2017 moved the budget figures from the macro-policy section (2016: 三（一）, which has
    # no counterpart) into 二、2017年工作总体部署, with new figures
    deficit = by_left_text(state_council(2016, 2017))["其中，中央财政赤字1.4万亿元，地方财政赤字7800亿元。"]
    assert deficit.kind == "moved"
    assert (deficit.left.section_id, deficit.right.section_id) == ("3.1", "2")
    assert deficit.right.text == "其中，中央财政赤字1.55万亿元，地方财政赤字8300亿元。"
    assert [(f.old, f.new) for f in deficit.figures] == [("1.4万亿元", "1.55万亿元"), ("7800亿元", "8300亿元")]
    line = "".join(text for text, _ in inline_pieces(deficit))
    assert line == "其中，中央财政赤字1.4万亿元 → 1.55万亿元，地方财政赤字7800亿元 → 8300亿元。"


def test_real_figures_in_full_width_digits() -> None:
    comparison = state_council(2009, 2010)
    revenue = by_left_text(comparison)["财政收入６．１３万亿元，增长１９．５％；"]
    assert revenue.kind == "numbers_only"
    assert [(f.old, f.new) for f in revenue.figures] == [("６．１３万亿元", "６．８５万亿元"), ("１９．５％", "１１．７％")]
    right = comparison.alignment.right
    for f in revenue.figures:
        assert right.text[f.right_start : f.right_end] == f.new


# -- the command ------------------------------------------------------------------------------------
def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "compare", *args], capture_output=True, text=True, timeout=120
    )


@pytest.fixture(scope="module")
def figure_edit(tmp_path_factory) -> tuple[str, str]:
    folder = tmp_path_factory.mktemp("diff")
    left = folder / "tanggu-a.txt"
    right = folder / "tanggu-b.txt"
    left.write_text(tanggu_raw(), encoding="utf-8")
    right.write_text(
        tanggu_raw().replace("累计办理滨海通办2725件", "累计办理滨海通办3120件", 1)
        .replace("三是统筹推进学法用法", "三是统筹推进[学法用法]", 1),
        encoding="utf-8",
    )
    return str(left), str(right)


def test_terminal_shows_changed_figures_and_bracketed_text(figure_edit) -> None:
    result = run("diff", *figure_edit)
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "2725件 → 3120件" in out
    assert "{+[+}" in out  # brackets from the report are text, not rich markup
    assert "严格合同审核" in out  # unchanged sentences are shown


def test_only_changes_folds_unchanged_sentences(figure_edit) -> None:
    result = run("diff", "--only-changes", *figure_edit)
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "2725件 → 3120件" in out
    assert "严格合同审核" not in out
    assert "unchanged sentence" in out
    assert "without changes not shown" in out


def test_only_changes_and_only_substantive_together_are_refused_in_one_line(figure_edit) -> None:
    result = run("diff", "--only-changes", "--only", "substantive", *figure_edit)
    assert result.returncode == 2 and result.stdout == ""
    assert result.stderr.count("\n") == 1
    assert "--only: not allowed with argument --only-changes" in result.stderr


def test_summary_line_breaks_between_kinds_on_an_80_column_terminal() -> None:
    from rich.console import Console

    from compare.commands.diff import header

    comparison = compare_documents(parse_file(CORPUS / "state-council-2016.txt"),
                                   parse_file(CORPUS / "state-council-2017.txt"))
    console = Console(width=80, record=True, color_system=None)
    for line in header(comparison):
        console.print(line)
    lines = console.export_text().splitlines()
    tally = lines[lines.index(next(x for x in lines if x.startswith("sentences"))):]
    assert len(tally) >= 2 and all(len(x) <= 80 for x in tally)
    for mark, label in (("+", "added"), ("−", "removed"), ("≈", "rewritten")):
        assert any(f"{mark} {label} " in x for x in tally), tally  # a mark stays with its label
    assert not any(x.rstrip().endswith(("−", "+", "≈", "~")) for x in tally)


def test_sentences_wrap_as_chinese_prose_on_a_narrow_terminal() -> None:
    # user test s26: rich's own wrap left 。 alone on a line (…的决策部 / 署。 was …的决策部署 / 。)
    # and cut figures from their units; a sentence's lines now break as the app's do
    from rich.console import Console

    from compare.commands.diff import section_rows
    from compare.terminal.wrap import NO_LINE_START

    comparison = compare_documents(parse_file(CORPUS / "state-council-2016.txt"),
                                   parse_file(CORPUS / "state-council-2017.txt"))
    for width in (60, 80, 100):
        console = Console(width=width, record=True, color_system=None)
        for diff in comparison.sections[:8]:
            for row in section_rows(comparison, diff, False, False):
                console.print(row)
        shown = console.export_text().splitlines()
        continued = [line[2:] for line in shown if line.startswith("  ") and line[2:3].strip()]
        assert continued and not [line for line in continued if line[0] in NO_LINE_START], width


def test_missing_file_is_one_line_and_exit_2(tmp_path) -> None:
    result = run("diff", str(tmp_path / "nope.txt"), str(TANGGU))
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1 and "nope.txt" in result.stderr
    assert "Traceback" not in result.stderr


def test_unwritable_html_target_is_one_line_and_exit_2(tmp_path) -> None:
    result = run("diff", str(TANGGU), str(CORPUS / "wuzhi-urban-management-2024.txt"), "--html", str(tmp_path / "no-such-folder" / "out.html"))
    assert result.returncode == 2
    assert result.stderr.startswith("compare-reports: ") and result.stderr.count("\n") == 1


# -- diff --json: the shape scripts rely on (ARCHITECTURE.md) -----------------------------------------
SENTENCE_FIELDS = {"id", "section_id", "text", "start", "end"}
CHANGE_FIELDS = {"kind", "left", "right", "similarity", "figures"}
FIGURE_FIELDS = {"old", "new", "left_start", "left_end", "right_start", "right_end", "converted"}


def test_json_gives_every_change_with_texts_offsets_and_figures(figure_edit) -> None:


    result = run("diff", "--json", *figure_edit)
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert {"schema", "left", "right", "measures", "shares", "counts", "sections"} <= set(data)
    assert data["schema"] == 1
    assert set(data["left"]) == {"path", "title", "year"} and data["left"]["path"] == figure_edit[0]
    left_text = tanggu()
    right_doc = parse_file(figure_edit[1])
    seen_left, seen_right = [], []
    for section in data["sections"]:
        assert {"left_id", "right_id", "relation", "score", "changes"} <= set(section)
        for change in section["changes"]:
            assert CHANGE_FIELDS <= set(change)
            for side, doc, seen in (("left", left_text, seen_left), ("right", right_doc, seen_right)):
                sentence = change[side]
                if sentence is None:
                    continue
                assert SENTENCE_FIELDS <= set(sentence)  # new fields may be added (boilerplate)
                assert doc.text[sentence["start"] : sentence["end"]] == sentence["text"]
                assert sentence["id"].startswith(sentence["section_id"] + "/")
                seen.append(sentence["id"])
            for figure in change["figures"]:
                assert set(figure) == FIGURE_FIELDS
                assert left_text.text[figure["left_start"] : figure["left_end"]] == figure["old"]
                assert right_doc.text[figure["right_start"] : figure["right_end"]] == figure["new"]
    assert sorted(seen_left) == sorted(s.id for s in left_text.sentences())
    assert sorted(seen_right) == sorted(s.id for s in right_doc.sentences())
    edits = [c for s in data["sections"] for c in s["changes"] if c["kind"] == "numbers_only"]
    assert [(f["old"], f["new"]) for c in edits for f in c["figures"]] == [("2725件", "3120件")]
    assert "累计办理滨海通办2725件" in edits[0]["left"]["text"]
    assert data["counts"]["unchanged"] > 0


def test_json_only_changes_leaves_unchanged_sentences_out(figure_edit) -> None:


    result = run("diff", "--json", "--only-changes", *figure_edit)
    data = json.loads(result.stdout)
    kinds_shown = {c["kind"] for s in data["sections"] for c in s["changes"]}
    assert "unchanged" not in kinds_shown and "numbers_only" in kinds_shown


def test_the_comparison_is_ready_before_jieba_and_word_spans_come_on_first_use():
    """The review app paints the comparison without waiting for jieba's dictionary (a second
    to load); the words that changed inside a sentence are computed when first asked for."""
    code = textwrap.dedent(
        """
        import sys
        from compare import parse_file
        from compare.comparison.diff import compare_documents
        c = compare_documents(parse_file("corpus/state-council-2016.txt"),
                              parse_file("corpus/state-council-2017.txt"))
        changed = [x for s in c.sections for x in s.changes if x.kind in ("reworded", "rewritten")]
        print("jieba" in sys.modules, all(not x.spans_ready for x in changed))
        spans = changed[0].spans
        print(changed[0].spans_ready, any(s.op != "equal" for s in spans))
        """
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                         cwd=ROOT).stdout.split()
    assert out == ["False", "True", "True", "True"]


def _word_report(path: Path, year: int, count: int) -> Path:
    """A small 法治政府建设 report as a real .docx (python-docx)."""
    import docx  # deferred like the reader's own import: only these tests write Word files

    d = docx.Document()
    d.add_heading(f"清河县司法局{year}年度法治政府建设情况报告", 0)
    d.add_paragraph(f"{year}年，县司法局扎实推进法治政府建设各项工作。现将有关情况报告如下。")
    d.add_heading("一、主要工作成效", 1)
    d.add_paragraph(f"全年开展行政执法案卷评查{count}次，发现问题已全部整改。")
    d.add_paragraph("组织全县行政执法人员培训，覆盖全部执法部门。")
    d.save(path)
    return path


def test_diff_with_the_later_report_on_the_left_says_so_and_carries_on(tmp_path) -> None:
    older = _word_report(tmp_path / "qinghe-a.docx", 2016, 2)
    later = _word_report(tmp_path / "qinghe-b.docx", 2017, 3)
    backwards = run("diff", "--no-pager", str(later), str(older))
    assert backwards.returncode == 0, backwards.stderr
    note = ("the left report (2017) is later than the right (2016); "
            "left → right is read as last year → this year")
    assert backwards.stderr.splitlines() == [f"note: {note}"]
    assert "3次 → 2次" in backwards.stdout  # compared as asked
    forwards = run("diff", "--no-pager", str(older), str(later))
    assert forwards.returncode == 0 and "note:" not in forwards.stderr
    assert "2次 → 3次" in forwards.stdout
    # every presenter says it, in the same words: --json (in `notes`), the HTML page's header
    data = json.loads(run("diff", "--json", str(later), str(older)).stdout)
    assert data["notes"] == [note]
    assert json.loads(run("diff", "--json", str(older), str(later)).stdout)["notes"] == []
    page = tmp_path / "backwards.html"
    assert run("diff", "--html", str(page), str(later), str(older)).returncode == 0
    assert f'<div class="note" role="note"><b>Note:</b> {note}</div>' in page.read_text(encoding="utf-8")
    assert run("diff", "--html", str(page), str(older), str(later)).returncode == 0
    assert 'class="note"' not in page.read_text(encoding="utf-8")
    assert run("align", str(later), str(older)).stderr.splitlines() == [f"note: {note}"]


def _plan_list_report(path: Path, year: int, items: list[str]) -> Path:
    """A district report whose work plan is a list of one-sentence numbered items, as a real
    .docx (python-docx): the items are numbered paragraphs with nothing under them."""
    import docx  # deferred like the reader's own import: only these tests write Word files

    d = docx.Document()
    d.add_heading(f"青溪区人民政府关于{year}年度法治政府建设情况的报告", 0)
    d.add_paragraph(f"{year}年，区政府扎实推进法治政府建设。现将有关情况报告如下：")
    d.add_paragraph(f"一、{year}年主要举措和成效")
    d.add_paragraph("全区行政处罚案件1280件，行政机关负责人出庭应诉率达到100%。")
    d.add_paragraph(f"二、{year + 1}年工作计划")
    for number, item in zip("一二三四", items):
        d.add_paragraph(f"（{number}）{item}")
    d.save(path)
    return path


def test_a_postponed_or_dropped_item_of_a_plan_list_is_a_change(tmp_path) -> None:
    # each item is a numbered statement with nothing under it: it stays a section (its number is
    # the list's), and its words are its sentence, so a postponed deadline is a figure change and
    # an item that vanished is a removed sentence (they showed as "no changes", found by a user test)
    older = _plan_list_report(tmp_path / "qingxi-2023.docx", 2023, [
        "推进智慧执法平台建设，2024年底前实现执法案件网上办理率90%。",
        "新建村（社区）法律顾问室30个，实现法律顾问全覆盖。",
    ])
    later = _plan_list_report(tmp_path / "qingxi-2024.docx", 2024, [
        "推进智慧执法平台建设，2025年底前实现执法案件网上办理率90%。",
        "推进行政复议规范化建设。",
    ])
    doc = parse_file(older)
    [item] = [s for s in doc.walk() if s.heading.startswith("推进智慧执法")]
    assert item.number == "（一）" and [s.text for s in item.sentences] == [
        "推进智慧执法平台建设，2024年底前实现执法案件网上办理率90%。"]
    done = run("diff", "--json", str(older), str(later))
    assert done.returncode == 0, done.stderr
    changes = [c for s in json.loads(done.stdout)["sections"] for c in s["changes"]]
    postponed = [c for c in changes if (c["right"] or {}).get("text", "").startswith("推进智慧执法")]
    assert [(f["old"], f["new"]) for f in postponed[0]["figures"]] == [("2024年", "2025年")]
    removed = [c for c in changes if c["kind"] == "removed"]
    assert [c["left"]["text"] for c in removed] == ["新建村（社区）法律顾问室30个，实现法律顾问全覆盖。"]
    added = [c for c in changes if c["kind"] == "added"]
    assert [c["right"]["text"] for c in added] == ["推进行政复议规范化建设。"]


def test_a_numbered_heading_with_text_under_it_stays_a_heading_only() -> None:
    # the rule above is for items with nothing under them: a heading that ends with a full stop
    # and has its paragraph below keeps its words out of the sentences
    doc = parse_text("一、今年工作\n（一）坚持稳中求进，推动高质量发展。\n全年新增就业1.2万人。\n"
                     "（二）加强组织领导。\n成立领导小组。")
    first, second = [s for s in doc.walk() if s.number.startswith("（")]
    assert [s.text for s in first.sentences] == ["全年新增就业1.2万人。"]
    assert [s.text for s in second.sentences] == ["成立领导小组。"]
