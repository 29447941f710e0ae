"""Section alignment on real reports: consecutive years, the national template, edits with a
known truth, reviewers' pins, and the `align` command as a user runs it."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from compare.comparison.align import align_sections, chapter_horizon, template_function
from compare.comparison.results import Relation
from compare.errors import ReportError
from compare.parsing.normalise import to_traditional
from compare.parsing.pipeline import parse_file, parse_text
from tests.support.synthetic import perturb

from .conftest import CORPUS


def doc(name: str):
    return parse_file(CORPUS / f"{name}.txt")


def partner(alignment, left_id: str) -> tuple[str, str] | None:
    for pair in alignment.pairs:
        if pair.left_id == left_id:
            return pair.right_id, pair.relation
    return None


@pytest.mark.parametrize("years", [(2016, 2017), (2012, 2013), (2008, 2009), (1994, 1995)])
def test_consecutive_state_council_years_pair_their_chapters(years) -> None:
    left, right = doc(f"state-council-{years[0]}"), doc(f"state-council-{years[1]}")
    alignment = align_sections(left, right)
    # a five-year plan's chapter (2016 二、"十三五"时期主要目标任务和重大举措) comes and goes: no
    # chapter of the next year continues it
    tops = [s.id for s in left.sections if chapter_horizon(s.heading_simplified, left.year) != "period"]
    # 2008 二、2008年主要任务 is split into 2009's overall arrangement and tasks for the year
    kept = (Relation.SAME, Relation.RENAMED, Relation.SPLIT)
    paired = [i for i in tops if (partner(alignment, i) or ("", ""))[1] in kept]
    assert len(paired) >= 0.9 * len(tops), (tops, alignment.pairs)


def test_2016_and_2017_chapters_pair_in_order() -> None:
    alignment = align_sections(doc("state-council-2016"), doc("state-council-2017"))
    assert partner(alignment, "0") == ("0", Relation.SAME)  # 各位代表 …
    assert partner(alignment, "1") == ("1", Relation.SAME)  # 2015年工作回顾 ↔ 2016年工作回顾: years normalised
    # 2016年重点工作 ↔ 2017年重点工作任务 (and, split from it, 2017年工作总体部署)
    assert ("3", "3") in {(p.left_id, p.right_id) for p in alignment.pairs}
    # the tasks that continue pair by topic: 农业 (四 ↔ 五), 政府自身建设 (八 ↔ 九)
    assert partner(alignment, "3.4")[0] == "3.5"
    assert partner(alignment, "3.8")[0] == "3.9"


def test_shortcomings_pair_across_agencies() -> None:
    guangzhou, tianjin = doc("guangzhou-tianhe-water-2022"), doc("tianjin-tanggu-2024")
    alignment = align_sections(guangzhou, tianjin)
    # 二、2022年度推进法治政府建设存在的不足 ↔ 三、存在的不足和原因
    assert partner(alignment, "2")[0] == "3"
    # 三、2023年度…主要安排 ↔ 四、2025年度主要工作安排
    assert partner(alignment, "3")[0] == "4"
    # the first responsible person's duty: item 3 under （一） here, chapter 二 there
    assert partner(alignment, "1.1.3")[0] == "2"


@pytest.mark.parametrize(
    "left_name, right_name",
    [
        ("tianjin-tanggu-2024", "wuzhi-urban-management-2024"),
        ("wuzhi-urban-management-2024", "guangzhou-tianhe-water-2022"),
        ("suzhou-wuzhong-water-2024", "tianjin-tanggu-2024"),
        ("jurong-huangmei-2021", "tianjin-tanggu-2024"),
    ],
)
def test_template_chapters_pair_by_function(left_name: str, right_name: str) -> None:
    left, right = doc(left_name), doc(right_name)
    alignment = align_sections(left, right)
    right_functions = {template_function(s) for s in right.walk()}
    checked = 0
    for section in left.sections:
        function = template_function(section)
        if function in ("", "preamble") or function not in right_functions:
            continue
        found = partner(alignment, section.id)
        assert found is not None, f"{section.title} left unpaired"
        assert template_function(right.section(found[0])) == function, (section.title, found)
        checked += 1
    assert checked >= 2


def test_identical_reports_pair_every_section_with_itself() -> None:
    report = doc("jurong-huangmei-2021")
    alignment = align_sections(report, report)
    assert not alignment.left_only and not alignment.right_only
    assert {(p.left_id, p.right_id) for p in alignment.pairs} == {(s.id, s.id) for s in report.walk()}
    assert all(p.relation == Relation.SAME for p in alignment.pairs)
    assert alignment.similarity == pytest.approx(1.0)


def test_traditional_copy_is_the_same_report() -> None:
    path = CORPUS / "guangzhou-tianhe-water-2022.txt"
    simplified = parse_file(path)
    traditional = parse_text(to_traditional(path.read_text(encoding="utf-8")), "traditional.txt")
    assert traditional.script == "traditional"
    alignment = align_sections(simplified, traditional)
    assert {(p.left_id, p.right_id, p.relation) for p in alignment.pairs} == {
        (s.id, s.id, Relation.SAME) for s in simplified.walk()
    }


@pytest.mark.parametrize("name", ["guangzhou-tianhe-water-2022", "tianjin-tanggu-2024", "state-council-2016"])
@pytest.mark.parametrize("seed", [3, 11])
def test_reordered_renamed_split_merged_edit_recovers_the_truth(name: str, seed: int) -> None:
    raw = (CORPUS / f"{name}.txt").read_text(encoding="utf-8")
    edited, truth = perturb(raw, seed, ops=("reorder", "rename", "split", "merge", "promote", "script"))
    left, right = parse_text(raw), parse_text(edited)
    assert truth.unresolved(right) == 0
    expected = truth.section_pairs(right)
    assert {t.relation for t in truth.sections} >= {Relation.MOVED, Relation.RENAMED, Relation.SPLIT, Relation.MERGED}
    alignment = align_sections(left, right)
    found = {(p.left_id, p.right_id) for p in alignment.pairs}
    assert found == {(a, b) for a, b, _ in expected}
    relations = {(p.left_id, p.right_id): p.relation for p in alignment.pairs}
    splits_and_merges = {(a, b): r for a, b, r in expected if r in (Relation.SPLIT, Relation.MERGED)}
    assert {k: relations[k] for k in splits_and_merges} == splits_and_merges


def test_pins_are_kept_and_the_rest_aligned_around_them() -> None:
    guangzhou, tianjin = doc("guangzhou-tianhe-water-2022"), doc("tianjin-tanggu-2024")
    # a reviewer says 加快推进镇街综合行政执法 corresponds to 严格规范公正文明执法
    alignment = align_sections(guangzhou, tianjin, pins=[("1.5", "1.4")])
    pinned = [p for p in alignment.pairs if p.pinned]
    assert [(p.left_id, p.right_id) for p in pinned] == [("1.5", "1.4")]
    assert sum(p.left_id == "1.5" or p.right_id == "1.4" for p in alignment.pairs) == 1
    assert partner(alignment, "2")[0] == "3"  # the rest still pairs as before


def test_a_left_section_pinned_twice_is_a_split() -> None:
    left, right = doc("state-council-2016"), doc("state-council-2017")
    alignment = align_sections(left, right, pins=[("3.2", "3.1"), ("3.2", "3.2")])
    pairs = {(p.left_id, p.right_id): p for p in alignment.pairs if p.left_id == "3.2"}
    assert set(pairs) == {("3.2", "3.1"), ("3.2", "3.2")}
    assert all(p.relation == Relation.SPLIT and p.pinned for p in pairs.values())


def test_a_pin_naming_no_section_is_bad_input() -> None:
    left, right = doc("state-council-2016"), doc("state-council-2017")
    with pytest.raises(ReportError, match="no section '9.9'"):
        align_sections(left, right, pins=[("9.9", "1")])


# -- the command -------------------------------------------------------------------------------------
def run(*args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "COLUMNS": "200"}
    return subprocess.run(
        [sys.executable, "-m", "compare", "align", *args], capture_output=True, text=True,
        timeout=120, env=env,
    )


def test_json_shape() -> None:
    result = run("--json", str(CORPUS / "state-council-2016.txt"), str(CORPUS / "state-council-2017.txt"))
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert set(data) == {"left", "right", "similarity", "pairs", "left_only", "right_only"}
    assert data["left"] == {"path": str(CORPUS / "state-council-2016.txt"), "title": "2016政府工作报告", "year": 2016}
    assert 0.0 <= data["similarity"] <= 1.0
    first = data["pairs"][1]
    assert set(first) == {"left_id", "right_id", "left_heading", "right_heading", "score", "relation", "scores", "pinned"}
    assert first["left_heading"] == "2015年工作回顾" and first["right_heading"] == "2016年工作回顾"
    assert all(p["relation"] in {"same", "renamed", "moved", "split", "merged"} for p in data["pairs"])
    assert all(0.0 <= p["score"] <= 1.0 for p in data["pairs"])
    assert data["pairs"][0]["left_heading"] == "（前言）"
    left_ids = {p["left_id"] for p in data["pairs"]} | set(data["left_only"])
    assert len(left_ids) == 12  # every left section accounted for once


def test_json_loads_only_what_its_answer_needs() -> None:
    # start-up is most of an `align --json` run: no terminal drawing, no word segmentation,
    # no Chinese-numeral conversion, no numpy.ma (numpy's `unique` pulls it in), and no
    # Simplified→Traditional phrase table for two Simplified reports, no view model of a
    # comparison (the order note lives apart from it), no `lap` (report-sized assignments are
    # solved in plain Python); the patterns of the flattened-page
    # reader (one-line crawled pages only) are never compiled
    code = (
        "import sys, io, contextlib\n"
        "from compare.cli import main\n"
        "from compare.parsing import normalise\n"
        "from compare.parsing.readers import flat\n"
        "from compare.text.patterns import LazyPattern\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        f"    main(['align', '--json', {str(CORPUS / 'state-council-2016.txt')!r}, "
        f"{str(CORPUS / 'state-council-2017.txt')!r}])\n"
        "print(sorted({m.split('.')[0] for m in sys.modules} & {'rich', 'textual', 'jieba', 'cn2an', 'lap'}),\n"
        "      'numpy.ma' in sys.modules, 'compare.presentation.view' in sys.modules,\n"
        "      sorted(normalise._converters),\n"
        "      [p.is_compiled for p in vars(flat).values() if isinstance(p, LazyPattern)])\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split("\n")[0].startswith("[] False False ['t2s'] [False, False")
    assert "True" not in result.stdout


def test_table_in_the_terminal_shows_report_text_literally(tmp_path: Path) -> None:
    report = tmp_path / "markup.txt"
    report.write_text(
        "前言写在这里，说明本报告的范围和目的。\n"
        "一、[bold red]主要举措[/bold red]和成效\x1b[31m\n"
        "今年我们完成了很多工作，取得了良好成效。\n"
        "二、存在的不足\n"
        "还有一些问题需要解决，需要继续努力。\n",
        encoding="utf-8",
    )
    result = run(str(report), str(CORPUS / "tianjin-tanggu-2024.txt"))
    assert result.returncode == 0, result.stderr
    assert "[bold red]主要举措[/bold red]和成效" in result.stdout
    assert "\x1b" not in result.stdout
    assert "renamed" in result.stdout and "right_only" in result.stdout


def test_pin_option_pins(tmp_path: Path) -> None:
    result = run("--json", "--pin", "1.5=1.4", str(CORPUS / "guangzhou-tianhe-water-2022.txt"),
                 str(CORPUS / "tianjin-tanggu-2024.txt"))
    assert result.returncode == 0, result.stderr
    pairs = json.loads(result.stdout)["pairs"]
    assert {"left_id": "1.5", "right_id": "1.4"}.items() <= next(p for p in pairs if p["left_id"] == "1.5").items()


@pytest.mark.parametrize(
    "args, message",
    [
        (("missing.txt", "state-council-2017.txt"), "no such file"),
        (("--pin", "1.5", "state-council-2016.txt", "state-council-2017.txt"), "expected LEFT_ID=RIGHT_ID"),
        (("--pin", "7.7=1", "state-council-2016.txt", "state-council-2017.txt"), "no section '7.7' to pin"),
    ],
)
def test_bad_input_is_one_line_and_exit_2(args: tuple[str, ...], message: str) -> None:
    full = [a if not a.endswith(".txt") else str(CORPUS / a) for a in args]
    result = run(*full)
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr.count("\n") == 1 and message in result.stderr
    assert "Traceback" not in result.stderr


def test_same_area_of_work_pairs_across_agencies_and_levels_with_its_evidence() -> None:
    # the case: 依法全面履行政府职能 (a subsection of Tanggu's measures chapter) and
    # 坚持依法全面履行职责 (a chapter of Wuzhong's report) are the same area of work
    result = run("--json", str(CORPUS / "tianjin-tanggu-2024.txt"), str(CORPUS / "suzhou-wuzhong-water-2024.txt"))
    assert result.returncode == 0, result.stderr
    pairs = {p["left_id"]: p for p in json.loads(result.stdout)["pairs"]}
    duties = pairs["1.2"]
    assert duties["right_id"] == "2"
    assert set(duties["scores"]) == {"heading", "content", "function", "structure"}
    assert duties["scores"]["function"] > 0  # the same area of work decided it
    assert all(0.0 <= p["scores"]["heading"] <= 1.0 and 0.0 <= p["scores"]["content"] <= 1.0 for p in pairs.values())


def test_a_chapter_whose_part_went_to_a_section_of_the_other_report_pairs_with_it() -> None:
    # Wuzhong's chapter 二、堅持依法全面履行職責 is one subsection of Tianhe's report (1.4
    # 持续深化“放管服”改革), which its own 2.1 持續深入政務服務改革 also pairs with
    alignment = align_sections(doc("suzhou-wuzhong-water-2024"), doc("guangzhou-tianhe-water-2022"))
    partners = {(p.left_id, p.right_id): p.relation for p in alignment.pairs}
    assert partners.get(("2", "1.4")) == Relation.MERGED
    assert partners.get(("2.1", "1.4")) == Relation.MERGED
    assert "2" not in alignment.left_only


def test_a_chapter_demoted_into_the_plan_pairs_inside_the_chapter_its_neighbours_went_to() -> None:
    # 2005 四、大力推进经济体制改革和对外开放 became a task of 2006 二、今年主要任务
    # (2.6 进一步推进改革开放), after 科教 where 2005 put it before 社会事业
    alignment = align_sections(doc("state-council-2005"), doc("state-council-2006"))
    assert (partner(alignment, "4") or ("",))[0] == "2.6"


def test_two_subsections_of_one_area_of_work_pair_with_the_one_section_holding_both() -> None:
    # Wuzhong's 4.1 強化行政執法監督 and 4.2 加強開展水行政執法 are both enforcement; Tanggu
    # has one section on it, 4.3 持续提升行政执法水平
    alignment = align_sections(doc("suzhou-wuzhong-water-2024"), doc("tianjin-tanggu-2024"))
    partners = {(p.left_id, p.right_id): p.relation for p in alignment.pairs}
    assert partners.get(("4.1", "4.3")) == Relation.MERGED
    assert partners.get(("4.2", "4.3")) == Relation.MERGED


def test_a_section_deleted_beside_its_twin_is_not_merged_into_the_twins_partner() -> None:
    # the synthetic edit deletes 4.2 of Tanggu's report and keeps its twin 4.1 (both
    # 法治宣传教育): 4.2's words are gone, so nothing holds it
    raw = (CORPUS / "tianjin-tanggu-2024.txt").read_text(encoding="utf-8")
    left = parse_text(raw, "tianjin-tanggu-2024.txt")
    edited, truth = perturb(raw, 2, intensity=1)
    right = parse_text(edited, "edited.txt")
    wanted = {(a, b) for a, b, _ in truth.section_pairs(right)}
    assert not [(p.left_id, p.right_id) for p in align_sections(left, right).pairs if (p.left_id, p.right_id) not in wanted]


def test_chapters_folded_into_one_whose_heading_holds_both_topics_are_merged(capsys) -> None:
    # 2000 四、继续推进改革，全面加强管理 and 六、进一步扩大对外开放 → 2001 七、进一步深化改革和
    # 扩大对外开放; 2001 六、落实科教兴国战略 and 九、继续实施可持续发展战略 → 2002 六、实施科教兴国
    # 战略和可持续发展战略
    alignment = align_sections(doc("state-council-2000"), doc("state-council-2001"))
    assert partner(alignment, "4") == ("7", Relation.MERGED)
    assert partner(alignment, "6") == ("7", Relation.MERGED)
    # stock words alone (加强, 建设) compose nothing: 八、从严治政，加强政府自身建设 stays unpaired
    assert partner(alignment, "8") is None
    alignment = align_sections(doc("state-council-2001"), doc("state-council-2002"))
    assert partner(alignment, "6") == ("6", Relation.MERGED)
    assert partner(alignment, "9") == ("6", Relation.MERGED)
    # what a reviewer reads in `align`
    from compare.cli import main

    assert main(["align", str(CORPUS / "state-council-2000.txt"), str(CORPUS / "state-council-2001.txt")]) == 0
    out = capsys.readouterr().out
    merged_rows = [line for line in out.splitlines() if "merged" in line]
    assert any("继续推进改革" in line and "进一步深化改革和扩大对" in line for line in merged_rows), out


def test_chapters_on_the_work_of_their_own_year_pair_with_each_other() -> None:
    # 2010 二、2010年主要任务 is the year's work; 2011 has a five-year plan chapter (二、“十二五”
    # 时期的主要目标和任务) and the year's work (三、2011年的工作): the year's work pairs with the
    # year's work, and the five-year plan has no counterpart in 2010
    alignment = align_sections(doc("state-council-2010"), doc("state-council-2011"))
    assert partner(alignment, "2") == ("3", Relation.RENAMED)
    assert "2" in alignment.right_only


def test_the_years_arrangement_and_tasks_fold_into_the_one_chapter_on_the_next_years_work() -> None:
    # 2009 二、2009年工作总体部署 and 三、2009年主要任务 → 2010 二、2010年主要任务, and back:
    # 2008 二、2008年主要任务 → 2009 二 and 三
    alignment = align_sections(doc("state-council-2009"), doc("state-council-2010"))
    assert partner(alignment, "2") == ("2", Relation.MERGED)
    assert partner(alignment, "3") == ("2", Relation.MERGED)
    alignment = align_sections(doc("state-council-2008"), doc("state-council-2009"))
    pieces = {(p.right_id, p.relation) for p in alignment.pairs if p.left_id == "2"}
    assert pieces == {("2", Relation.SPLIT), ("3", Relation.SPLIT)}
    # a plan of several years is not the year's work: 2016 二、"十三五"时期主要目标任务和重大举措
    # is not folded into 2017 三、2017年重点工作任务 with 2016 三、2016年重点工作
    alignment = align_sections(doc("state-council-2016"), doc("state-council-2017"))
    assert ("2", "3") not in {(p.left_id, p.right_id) for p in alignment.pairs}
    # nor renamed into 2017 二、2017年工作总体部署 (a user test, session 25, saw "renamed 0.28"):
    # it has no counterpart, and 2016 三、2016年重点工作, which holds the year's overall plan and
    # its tasks, splits into 2017's two chapters
    assert "2" in alignment.left_only
    pieces = {(p.right_id, p.relation) for p in alignment.pairs if p.left_id == "3"}
    assert pieces == {("2", Relation.SPLIT), ("3", Relation.SPLIT)}
    # the same of 2011 二、“十二五”时期的主要目标和任务 and 2012 三、2012年主要任务
    alignment = align_sections(doc("state-council-2011"), doc("state-council-2012"))
    assert "2" in alignment.left_only
    # what `align --json` gives a script: the merge and its evidence
    result = run("--json", str(CORPUS / "state-council-2009.txt"), str(CORPUS / "state-council-2010.txt"))
    assert result.returncode == 0, result.stderr
    pairs = {(p["left_id"], p["right_id"]): p for p in json.loads(result.stdout)["pairs"]}
    assert pairs[("2", "2")]["relation"] == "merged"
    assert pairs[("2", "2")]["scores"]["function"] > 1  # the same function: the year's work


def test_a_second_run_on_the_same_corpus_parses_no_yaml_and_prints_the_same(tmp_path: Path) -> None:
    # the corpus manifest's checked entries are kept in the user cache: the next `align --json`
    # of two corpus reports neither imports PyYAML (~14 ms) nor parses the manifest (~5 ms)
    code = (
        "import sys, io, contextlib\n"
        "from compare.cli import main\n"
        "out = io.StringIO()\n"
        "with contextlib.redirect_stdout(out):\n"
        f"    main(['align', '--json', {str(CORPUS / 'state-council-2016.txt')!r}, "
        f"{str(CORPUS / 'state-council-2017.txt')!r}])\n"
        "print('yaml' in sys.modules)\n"
        "print(out.getvalue())\n"
    )
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "cache")}
    runs = [subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120, env=env)
            for _ in range(2)]
    assert [r.returncode for r in runs] == [0, 0], runs[0].stderr + runs[1].stderr
    first, second = (r.stdout.split("\n", 1) for r in runs)
    assert (first[0], second[0]) == ("True", "False")
    assert first[1] == second[1] and json.loads(first[1])["left"]["year"] == 2016


def test_two_plan_items_alike_only_by_their_area_of_work_stay_unpaired() -> None:
    # user test s24: 设立综合执法队 (2024) and 执法监督平台全覆盖 (2025) are two commitments about
    # 执法, not one renamed; the 普法 item whose figure changed keeps its partner
    cases = Path(__file__).parent / "data" / "cases"
    result = run("--json", str(cases / "ut24-plan-items-a.txt"), str(cases / "ut24-plan-items-b.txt"))
    assert result.returncode == 0, result.stderr
    answer = json.loads(result.stdout)
    partners = {p["left_id"]: p["right_id"] for p in answer["pairs"]}
    assert "4.2" in answer["left_only"] and "4.2" in answer["right_only"]
    assert partners["4.4"] == "4.3"
    assert partners["1.3.1"] == "1.3.1"  # 深化行政执法体制改革 → 深化镇街综合行政执法改革: headings, not items


def test_the_table_title_keeps_the_similarity_line_whole() -> None:
    # user test s26: at 140 columns the title wrapped inside its parentheses
    # ("similarity 0.54 (TF-IDF cosine of" / "character bigrams)"); the names and the score
    # are two lines, each centred whole
    for columns in ("100", "140"):
        result = subprocess.run(
            [sys.executable, "-m", "compare", "align", str(CORPUS / "state-council-2015.txt"),
             str(CORPUS / "state-council-2016.txt")], capture_output=True, text=True, timeout=120,
            env={**os.environ, "COLUMNS": columns})
        assert result.returncode == 0, result.stderr
        head = [line.strip() for line in result.stdout.splitlines()[:2]]
        assert head[0] == "state-council-2015 ↔ state-council-2016", head
        assert head[1].startswith("similarity ") and head[1].endswith("(TF-IDF cosine of character bigrams)"), head
