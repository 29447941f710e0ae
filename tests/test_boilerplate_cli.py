"""`compare-reports classify` and `model build/show` as a user runs them."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from .boilerplate_support import cache_home, default_model  # noqa: F401
from .conftest import CORPUS, SEEDS


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "compare", *args], capture_output=True, text=True, timeout=300)


def test_classify_json_follows_the_contract(default_model) -> None:  # noqa: F811
    result = run("classify", "--json", str(CORPUS / "jurong-huangmei-2021.txt"))
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    sentences = data["sentences"]
    assert len(sentences) > 50
    for s in sentences:
        assert {"section_id", "text", "label", "boilerplate_score", "start", "end"} <= set(s)
        assert s["label"] in ("boilerplate", "substantive")
        assert 0.0 <= s["boilerplate_score"] <= 1.0
    text = Path(CORPUS / "jurong-huangmei-2021.txt")
    # no look-ahead: of the rule-of-law reports only this 2021 one existed in 2021 (fewer than
    # five), so it is judged against every report of 2021 or earlier (State Council ones)
    assert data["reference"] == {"set": "all reports", "documents": 50}
    assert {"boilerplate_share", "specificity", "redundancy"} <= set(data["measures"])
    labelled = {s["text"]: s for s in sentences}
    opening = next(s for t, s in labelled.items() if t.startswith("现将开发区"))
    assert opening["label"] == "boilerplate"
    assert any(e["kind"] == "lexicon" for e in opening["evidence"])
    assert text.exists()


def test_classify_in_the_terminal_with_explanations(default_model) -> None:  # noqa: F811
    result = run("classify", "--explain", "--only", "boilerplate", str(CORPUS / "tianjin-tanggu-2024.txt"))
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].startswith("B ")
    assert not any(line.startswith("S ") for line in lines)
    assert any("formula “" in line for line in lines)
    assert "reference: 法治政府建设情况报告, 5 reports" in result.stdout


def test_model_build_to_a_file_and_classify_with_it(tmp_path: Path, default_model) -> None:  # noqa: F811
    folder = tmp_path / "reports"
    folder.mkdir()
    for name in SEEDS:
        (folder / f"{name}.txt").write_bytes((CORPUS / f"{name}.txt").read_bytes())
    out = tmp_path / "seeds.json.gz"
    built = run("model", "build", str(folder), "--out", str(out), "--group-by", "none")
    assert built.returncode == 0, built.stderr
    assert "5 reports counted" in built.stdout and out.is_file()
    shown = run("model", "show", str(out), "--top", "3")
    assert "all reports: 5 reports" in shown.stdout
    result = run("classify", "--model", str(out), "--against", str(folder / f"{SEEDS[1]}.txt"),
                 str(folder / f"{SEEDS[0]}.txt"))
    assert result.returncode == 0, result.stderr
    assert "stickiness against" in result.stdout


def test_bad_input_is_one_line_and_exit_code_2(tmp_path: Path, default_model) -> None:  # noqa: F811
    bad_model = tmp_path / "model.json.gz"
    bad_model.write_text("hello", encoding="utf-8")
    cases = [
        (("classify", str(tmp_path / "missing.txt")), "missing.txt"),
        (("classify", "--model", str(bad_model), str(CORPUS / f"{SEEDS[0]}.txt")), "not a boilerplate model"),
        (("model", "build", str(tmp_path / "nowhere")), "no such folder"),
        (("classify", "--lexicon", str(tmp_path / "none.yaml"), str(CORPUS / f"{SEEDS[0]}.txt")), "no such lexicon file"),
    ]
    for args, message in cases:
        result = run(*args)
        assert result.returncode == 2, (args, result.stderr)
        assert result.stderr.count("\n") == 1 and message in result.stderr
        assert result.stderr.startswith("compare-reports: ")


def test_classify_evidence_of_a_traditional_report_points_at_its_own_characters(
    tmp_path, default_model,  # noqa: F811
) -> None:
    """The corpus's Traditional report (read with tw2s), with one sentence whose matching view
    changes length (…… → ......) and reads otherwise on its own (著 is 着 in the report's view,
    a lone 著力… looks Simplified): its evidence keeps offsets that slice the report's text."""
    source = (CORPUS / "suzhou-wuzhong-water-2024.txt").read_text(encoding="utf-8")
    at = source.index("現將有關工作情況報告如下")
    path = tmp_path / "suzhou-wuzhong-water-2024.txt"
    path.write_text(source[:at] + "全力以赴，著力打造一流河湖……。" + source[at:], encoding="utf-8")
    result = run("classify", "--explain", "--json", str(path))
    assert result.returncode == 0, result.stderr
    sentences = json.loads(result.stdout)["sentences"]
    evidence = [(s, e) for s in sentences for e in s["evidence"]]
    assert len(evidence) > 100
    for s, e in evidence:
        assert e["start"] is not None and e["end"] is not None, (s["text"], e)
        assert s["text"][e["start"]:e["end"]] == e["text"], (s["text"], e)  # as the report writes it
    added = next(s for s in sentences if s["text"].startswith("全力以赴，著力"))
    spans = {(e["start"], e["end"], e["text"]) for e in added["evidence"]}
    assert (0, 4, "全力以赴") in spans and (11, 13, "河湖") in spans


def test_a_tables_rows_are_not_judged_as_sentences(tmp_path: Path, default_model) -> None:  # noqa: F811
    # 行政复议案件 | 13 | 14 is a row of a statistics table, compared cell by cell: classify
    # neither labels it nor counts it among the sentences
    from docx import Document as Word

    doc = Word()
    doc.add_paragraph("一、主要工作")
    doc.add_paragraph("2024年，我局办理行政复议案件14件，同比增长。")
    table = doc.add_table(rows=2, cols=3)
    for r, row in enumerate((("项目", "2023年", "2024年"), ("行政复议案件", "13", "14"))):
        for c, text in enumerate(row):
            table.cell(r, c).text = text
    path = tmp_path / "sifa-2024.docx"
    doc.save(str(path))
    result = run("classify", str(path))
    assert result.returncode == 0, result.stderr
    assert "行政复议案件\t13" not in result.stdout
    assert "1 sentence: " in result.stdout and "2 table rows not judged" in result.stdout
    data = json.loads(run("classify", "--json", str(path)).stdout)
    assert [s["text"] for s in data["sentences"]] == ["2024年，我局办理行政复议案件14件，同比增长。"]
    assert data["table_rows"] == 2
    # the shares are of the sentences judged: the rows' words count neither way
    assert data["measures"]["sentences"] == 1
    judged_words = data["measures"]["words"]
    alone = tmp_path / "alone.txt"
    alone.write_text("一、主要工作\n2024年，我局办理行政复议案件14件，同比增长。\n", encoding="utf-8")
    assert json.loads(run("classify", "--json", str(alone)).stdout)["measures"]["words"] == judged_words


def assert_classify_and_diff_agree(tmp_path: Path, earlier: str, later: str, expected: dict[str, str]) -> None:
    """`classify --json --against` the earlier report marks each sentence of the later one as
    `expected` (text → since_last_year), and `diff --json` shows unchanged exactly the sentences
    classify marks carried over, each change carrying classify's mark."""
    (tmp_path / "a.txt").write_text(earlier, encoding="utf-8")
    (tmp_path / "b.txt").write_text(later, encoding="utf-8")
    result = run("classify", "--json", "--against", str(tmp_path / "a.txt"), str(tmp_path / "b.txt"))
    assert result.returncode == 0, result.stderr
    history = {s["text"]: s["since_last_year"] for s in json.loads(result.stdout)["sentences"]}
    assert history == expected
    diff = run("diff", "--json", str(tmp_path / "a.txt"), str(tmp_path / "b.txt"))
    assert diff.returncode == 0, diff.stderr
    changes = [c for section in json.loads(diff.stdout)["sections"] for c in section["changes"]]
    kinds = {c["right"]["text"]: c["kind"] for c in changes}
    assert {text: kind == "unchanged" for text, kind in kinds.items()} == {
        text: mark == "carried-over" for text, mark in history.items()}
    assert {c["right"]["text"]: c["right"]["boilerplate"]["since_last_year"] for c in changes} == history


def test_classify_against_and_diff_agree_on_years_moved_on(tmp_path: Path, default_model) -> None:  # noqa: F811
    # a body's next report with its own year and its plan's span moved on (2022—2023年 →
    # 2023—2024年) is last year's text: `classify --against` marks it carried over, as `diff`
    # shows it unchanged (one rule); a deadline moved on (2024年底前 → 2025年底前) is a change in both
    earlier = ("青溪区人民政府2023年度法治政府建设情况报告\n一、主要工作\n2023年，区政府扎实推进法治政府建设。\n"
               "深入实施2022—2023年普法依法治理工作计划，开展“法律进社区”活动。\n自2021年起，全区推行行政执法公示制度。\n"
               "二、下一步\n2024年底前实现执法案件网上办理率90%。\n")
    later = (earlier.replace("2024年底前", "2025年底前").replace("2023", "2024").replace("2022—2024", "2023—2024"))
    assert_classify_and_diff_agree(tmp_path, earlier, later, {
        "2024年，区政府扎实推进法治政府建设。": "carried-over",
        "深入实施2023—2024年普法依法治理工作计划，开展“法律进社区”活动。": "carried-over",
        "自2021年起，全区推行行政执法公示制度。": "carried-over",
        "2025年底前实现执法案件网上办理率90%。": "changed",
    })


def test_years_in_chinese_numerals_move_on_in_classify_as_in_diff(tmp_path: Path, default_model) -> None:  # noqa: F811
    # the State Council's 1991 report writes its years in Chinese numerals (一九九○年, with the
    # ○ printed reports use for 〇); its next year's frame, years moved on, is carried over in
    # `classify --against` as `diff` shows it unchanged; a deadline moved on is a change in both
    lines = (CORPUS / "state-council-1991.txt").read_text(encoding="utf-8").splitlines()
    opening = next(line.strip() for line in lines if "我受国务院委托" in line)
    year_was = next(line.strip() for line in lines if line.strip().startswith("一九九○年是进一步治理整顿和深化改革的一年"))
    year_was = year_was.split("。")[0] + "。"
    deadline = next(line.strip() for line in (CORPUS / "state-council-1982.txt").read_text(encoding="utf-8").splitlines()
                    if "计划在一九八五年底前建成投产八千万吨" in line)
    deadline = "计划在一九八五年底前建成投产八千万吨" + deadline.split("计划在一九八五年底前建成投产八千万吨")[1].split("。")[0] + "。"
    earlier = f"1991年政府工作报告\n{opening}\n一、１９９０年计划的执行情况\n{year_was}\n{deadline}\n"
    later = (earlier.replace("一九八五年底前", "一九八六年底前").replace("一九九一", "一九九二").replace("一九九○", "一九九一")
             .replace("1991年", "1992年").replace("１９９０", "１９９１"))
    assert_classify_and_diff_agree(tmp_path, earlier, later, {
        "国务院根据中共中央《建议》精神，在制定国民经济和社会发展十年规划和“八五”计划纲要草案的同时，进一步研究和拟订了一九九二年计划草案。": "carried-over",
        "现在，我受国务院委托，向大会报告一九九一年国民经济和社会发展计划的执行情况与一九九二年计划的安排意见，请予审议。": "carried-over",
        "一九九一年是进一步治理整顿和深化改革的一年。": "carried-over",
        "计划在一九八六年底前建成投产八千万吨，结转到第七个五年计划期间继续建设的有一亿四千万吨。": "changed",
    })


def _jurong_with(tmp_path: Path, name: str, *added: str) -> Path:
    """The bundled 黄梅街道 2021 report with `added` sentences, one paragraph each, after the
    paragraph on the three enforcement systems (推行执法“三项制度”)."""
    lines = (CORPUS / "jurong-huangmei-2021.txt").read_text(encoding="utf-8").splitlines()
    at = next(i for i, line in enumerate(lines) if "推行执法“三项制度”" in line) + 1
    path = tmp_path / name
    path.write_text("\n".join(lines[:at] + list(added) + lines[at:]) + "\n", encoding="utf-8")
    return path


DISCRETION = "全面推行行政裁量权基准制度，严格规范行政执法行为。"
FIRST_OFFENCE = "全面推行行政执法“首违不罚”清单制度，依法保障市场主体合法权益。"
FORMULA = "坚持以人民为中心，不断提高依法行政水平。"


def test_a_system_new_against_last_year_is_substantive_with_its_evidence(tmp_path: Path, default_model) -> None:  # noqa: F811
    # user test s25 item 5: a body's report that brings in a named system last year's report did
    # not have (no digit, no place) is substantive against last year, with the system as the
    # evidence `--explain` and `w` show; a formula sentence new this year names nothing and stays
    # boilerplate; `diff --only substantive` keeps the new measures
    earlier = CORPUS / "jurong-huangmei-2021.txt"
    later = _jurong_with(tmp_path, "later.txt", DISCRETION, FIRST_OFFENCE, FORMULA)
    result = run("classify", "--json", "--against", str(earlier), str(later))
    assert result.returncode == 0, result.stderr
    by_text = {s["text"]: s for s in json.loads(result.stdout)["sentences"]}
    for sentence, system in ((DISCRETION, "行政裁量权基准制度"), (FIRST_OFFENCE, "行政执法“首违不罚”清单制度")):
        label = by_text[sentence]
        assert (label["label"], label["since_last_year"]) == ("substantive", "new")
        assert [(e["text"], e["detail"]) for e in label["evidence"] if e["kind"] == "new" and e["weight"] > 0] == [
            (system, "named system not in last year's report")]
    assert (by_text[FORMULA]["label"], by_text[FORMULA]["since_last_year"]) == ("boilerplate", "changed")
    explained = run("classify", "--explain", "--against", str(earlier), str(later)).stdout
    block = explained.split(DISCRETION)[1].split("\n")
    assert "new this year: 行政裁量权基准制度 (named system not in last year's report)" in block[2]
    assert not any("nothing specific" in line for line in block[1:3])
    diff = run("diff", "--only", "substantive", "--color", "never", str(earlier), str(later))
    assert diff.returncode == 0, diff.stderr
    assert DISCRETION in diff.stdout and FIRST_OFFENCE in diff.stdout and FORMULA not in diff.stdout


def test_a_system_last_year_had_is_not_new(tmp_path: Path, default_model) -> None:  # noqa: F811
    # the same sentence in both years is carried over; a reworded sentence that names a system
    # last year's report already had gets no evidence from it (its label is what it was before)
    reworded = "全面推行行政裁量权基准制度，促进严格规范公正文明执法。"
    earlier = _jurong_with(tmp_path, "earlier.txt", DISCRETION)
    later = _jurong_with(tmp_path, "later.txt", DISCRETION, reworded)
    result = run("classify", "--json", "--against", str(earlier), str(later))
    assert result.returncode == 0, result.stderr
    by_text = {s["text"]: s for s in json.loads(result.stdout)["sentences"]}
    assert by_text[DISCRETION]["since_last_year"] == "carried-over"
    assert (by_text[reworded]["label"], by_text[reworded]["since_last_year"]) == ("boilerplate", "changed")
    for sentence in (DISCRETION, reworded):
        assert not any(e["kind"] == "new" and e["weight"] > 0 for e in by_text[sentence]["evidence"])


def test_a_system_whose_pilots_are_taken_in_hand_is_new_against_last_year(default_model) -> None:  # noqa: F811
    # development set 2, session 26: the State Council's 1999 report, against its 1998 report,
    # plans pilots of a reform 1998 did not name (要抓好小城镇户籍管理制度改革的试点): substantive and
    # new, with the system as the evidence `--explain` and `w` show; a reform pressed on with a
    # verb of effort (推进城镇住房制度改革) is still the year's wording
    earlier, later = CORPUS / "state-council-1998.txt", CORPUS / "state-council-1999.txt"
    result = run("classify", "--json", "--against", str(earlier), str(later))
    assert result.returncode == 0, result.stderr
    by_text = {s["text"]: s for s in json.loads(result.stdout)["sentences"]}
    pilot = next(s for t, s in by_text.items() if "要抓好小城镇户籍管理制度改革的试点" in t)
    assert (pilot["label"], pilot["since_last_year"]) == ("substantive", "new")
    assert [(e["text"], e["detail"]) for e in pilot["evidence"] if e["kind"] == "new" and e["weight"] > 0] == [
        ("小城镇户籍管理制度改革", "named system not in last year's report")]
    pressed = next(s for t, s in by_text.items() if "推进城镇住房制度改革" in t)
    assert pressed["label"] == "boilerplate"
    assert not any(e["kind"] == "new" and e["weight"] > 0 for e in pressed["evidence"])
    explained = run("classify", "--explain", "--against", str(earlier), str(later)).stdout
    block = explained.split("要抓好小城镇户籍管理制度改革的试点")[1].split("\n")
    assert "new this year: 小城镇户籍管理制度改革 (named system not in last year's report)" in "\n".join(block[1:4])
