"""`compare-reports annotations validate|merge|export|import` as a user runs them."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from compare.annotations import AnnotationStore, read_file
from compare.parsing.pipeline import parse_file

from .conftest import CORPUS

LEFT = CORPUS / "tianjin-tanggu-2024.txt"
RIGHT = CORPUS / "wuzhi-urban-management-2024.txt"


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "compare", "annotations", *map(str, args)],
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.fixture(scope="module")
def docs():
    return parse_file(LEFT), parse_file(RIGHT)


def sentences(doc):
    return [s for s in doc.sentences() if len(s.text) > 12]


def make(path: Path, docs, reviewer: str, notes: list[tuple[str, int, str, str]]) -> AnnotationStore:
    left, right = docs
    store = AnnotationStore.open(path, left, right, reviewer=reviewer)
    for side, n, label, comment in notes:
        s = sentences(left if side == "left" else right)[n]
        store.add(side, s.start, s.end, label=label, comment=comment)
    return store


def test_validate_reports_ok_files_and_every_broken_one(tmp_path, docs):
    good = tmp_path / "good.yaml"
    make(good, docs, "alice", [("left", 1, "照搬", "与上年相同"), ("right", 2, "new", "新提法")])
    bad = tmp_path / "bad.yaml"
    bad.write_text(good.read_text(encoding="utf-8").replace("label: new", "label: no"), encoding="utf-8")
    result = run("validate", good, bad)
    assert result.returncode == 2
    assert f"{good}: ok, 2 annotations (0 orphaned, 0 moved to reworded text), 0 pins" in result.stdout
    line = next(n for n, x in enumerate(bad.read_text(encoding="utf-8").splitlines(), 1) if "label: no" in x)
    assert result.stderr.strip() == (
        f"compare-reports: {bad}:{line}: field 'label' must be text (got a boolean — quote it: 'no')"
    )
    assert "Traceback" not in result.stderr
    assert run("validate", good).returncode == 0
    missing = run("validate", tmp_path / "nope.yaml")
    assert missing.returncode == 2 and "nope.yaml: no such file" in missing.stderr


def test_validate_says_an_empty_file_is_empty(tmp_path, docs):
    """An empty file (or only comments) is not broken: the app fills it on the first save."""
    empty = tmp_path / "empty.yaml"
    empty.write_bytes(b"")
    commented = tmp_path / "commented.yaml"
    commented.write_text("# our notes on 2016/2017\n\n", encoding="utf-8")
    result = run("validate", empty, commented)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        f"{p}: empty, no annotations yet (the review app writes the header and the annotations "
        "on the first save)" for p in (empty, commented)
    ]
    left, right = docs
    store = AnnotationStore.open(empty, left, right, reviewer="alice")
    assert store.write_problem() is None and not store.read_only
    s = sentences(left)[1]
    store.add("left", s.start, s.end, label="new")
    assert "ok, 1 annotation (0 orphaned" in run("validate", empty).stdout


def test_validate_against_edited_reports_lists_orphans(tmp_path):
    # the reports annotated are edited where they lie (the file's recorded paths lead to them)
    edited, right = tmp_path / LEFT.name, tmp_path / RIGHT.name
    edited.write_bytes(LEFT.read_bytes())
    right.write_bytes(RIGHT.read_bytes())
    path = tmp_path / "p.yaml"
    store = make(path, (parse_file(edited), parse_file(right)), "alice", [("left", 3, "gone", "will be cut")])
    quote = store.annotations[0].anchors["left"].exact
    raw = LEFT.read_text(encoding="utf-8")
    edited.write_text(raw.replace(quote, ""), encoding="utf-8")
    result = run("validate", path, "--left", edited, "--right", right)
    assert result.returncode == 0
    assert "1 annotation (1 orphaned" in result.stdout
    assert f"orphaned {store.annotations[0].id} (left): {quote[:40]}" in result.stdout
    assert path.read_text(encoding="utf-8").count("state: orphaned") == 0  # validate never writes
    # without --left/--right it checks the reports the file names (a user test found "0 orphaned"
    # printed unchecked), and says so when one cannot be found
    alone = run("validate", path)
    assert alone.returncode == 0 and "1 annotation (1 orphaned" in alone.stdout
    assert "not checked" not in alone.stdout
    right.rename(tmp_path / "elsewhere.txt")
    unchecked = run("validate", path)
    assert unchecked.returncode == 0
    assert f"not checked against the text (right report {RIGHT.name} not found: give --left/--right)" in unchecked.stdout


def test_validate_against_another_pairs_reports_names_the_pair_it_annotates(tmp_path, docs):
    path = tmp_path / "p.yaml"
    make(path, docs, "alice", [("right", 2, "new", "新提法")])
    before = path.read_bytes()
    other = CORPUS / "state-council-2016.txt", CORPUS / "state-council-2017.txt"
    result = run("validate", path, "--left", other[0], "--right", other[1])
    assert result.returncode == 2 and "ok" not in result.stdout
    assert result.stderr.count("\n") == 1 and "not these reports" in result.stderr
    assert "annotates 天津市滨海新区塘沽街道 2024" in result.stderr
    assert path.read_bytes() == before
    assert run("validate", path, "--left", LEFT, "--right", RIGHT).returncode == 0


def test_merge_combines_reviewers_and_reports_conflicts(tmp_path, docs):
    alice = tmp_path / "alice.yaml"
    a = make(alice, docs, "alice", [("left", 1, "照搬", "alice's note")])
    bob = tmp_path / "bob.yaml"
    bob.write_bytes(alice.read_bytes())  # bob started from alice's file …
    shared = a.annotations[0].id
    b = AnnotationStore.open(bob, *docs, reviewer="bob")
    b.update(shared, comment="bob changed it")  # … edited her note (newer) …
    b.add("right", sentences(docs[1])[4].start, sentences(docs[1])[4].end, comment="bob's own")
    a.add("left", sentences(docs[0])[6].start, sentences(docs[0])[6].end, comment="alice's second")
    deleted = a.add("left", sentences(docs[0])[8].start, sentences(docs[0])[8].end, comment="to delete")
    a.delete(deleted.id)

    out = tmp_path / "team.yaml"
    result = run("merge", alice, bob, "--out", out)
    assert result.returncode == 0, result.stderr
    merged = read_file(out)
    assert sorted(x.comment for x in merged.live()) == ["alice's second", "bob changed it", "bob's own"]
    assert [x.id for x in merged.annotations if x.deleted] == [deleted.id]  # tombstone kept
    assert f"conflict: annotation {shared}: kept {bob}" in result.stderr
    assert "differed in comment" in result.stderr
    assert f"{out}: 3 annotations, 0 pins from 2 files; 1 conflict (the newest edit kept)" in result.stdout

    # merging again into the existing output adds nothing and loses nothing
    again = run("merge", alice, "--out", out)
    assert again.returncode == 0 and "exists: merging into it" in again.stdout
    assert sorted(x.comment for x in read_file(out).live()) == ["alice's second", "bob changed it", "bob's own"]


def test_merge_refuses_a_broken_output_and_other_pairs(tmp_path, docs):
    alice = tmp_path / "alice.yaml"
    make(alice, docs, "alice", [("left", 1, "x", "y")])
    out = tmp_path / "out.yaml"
    out.write_text("schema: 1\nannotations: [oops\n", encoding="utf-8")
    result = run("merge", alice, "--out", out)
    assert result.returncode == 2 and "will not write over a file that does not load" in result.stderr
    assert out.read_text(encoding="utf-8") == "schema: 1\nannotations: [oops\n"

    other = tmp_path / "other.yaml"
    left2 = parse_file(CORPUS / "jiangsu-2026.txt")
    store = AnnotationStore.open(other, left2, docs[1], reviewer="c")
    s = sentences(left2)[0]
    store.add("left", s.start, s.end)
    result = run("merge", alice, other, "--out", tmp_path / "x.yaml")
    assert result.returncode == 2 and "annotates jiangsu-2026 ↔" in result.stderr
    assert not (tmp_path / "x.yaml").exists()


@pytest.fixture
def reviewed(tmp_path, docs) -> Path:
    path = tmp_path / "reviewed.yaml"
    store = make(
        path,
        docs,
        "alice",
        [("left", 1, "照搬", "与上年相同\n第二行"), ("left", 9, "数字", "*多了* <b>"), ("right", 2, "", "")],
    )
    left, right = docs
    l, r = sentences(left)[4], sentences(right)[5]
    store.add("both", l.start, l.end, label="对照", comment="两边说法一致", right_span=(r.start, r.end))
    gone = store.add("left", *(lambda s: (s.start, s.end))(sentences(left)[12]), comment="被删")
    store.delete(gone.id)
    return path


def test_export_csv_and_jsonl(reviewed):
    result = run("export", reviewed, "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert [r["label"] for r in rows] == ["照搬", "数字", "", "对照"]  # tombstone not exported
    assert rows[0]["comment"] == "与上年相同\n第二行" and rows[0]["left_state"] == "anchored"
    assert rows[3]["left_quote"] and rows[3]["right_quote"]
    lines = run("export", reviewed, "--format", "jsonl").stdout.splitlines()
    assert [json.loads(x)["label"] for x in lines] == ["照搬", "数字", "", "对照"]
    assert json.loads(lines[3])["right"]["quote"]["exact"] == rows[3]["right_quote"]


def test_export_markdown_memo_groups_by_section(reviewed, docs, tmp_path):
    out = tmp_path / "memo.md"
    assert run("export", reviewed, "--format", "markdown", "--out", out).returncode == 0
    memo = out.read_text(encoding="utf-8")
    content = read_file(reviewed)
    first = content.live()[0].anchors["left"]
    assert memo.startswith("# Review notes: ")
    assert f"## Left · {first.heading}" in memo
    assert "> " + first.exact in memo
    assert "与上年相同  \n第二行" in memo  # the reviewer's line break kept
    assert "&lt;b>" in memo and "<b>" not in memo  # no raw HTML
    assert "## Both sides · " in memo and "两边说法一致" in memo
    assert "被删" not in memo
    sections = [line for line in memo.splitlines() if line.startswith("## ")]
    assert len(sections) == len(set(sections))  # each section once


def test_w3c_export_then_import_gives_the_same_annotations(reviewed, tmp_path):
    jsonld = tmp_path / "notes.jsonld"
    assert run("export", reviewed, "--format", "w3c", "--out", jsonld).returncode == 0
    data = json.loads(jsonld.read_text(encoding="utf-8"))
    assert data["@context"][0] == "http://www.w3.org/ns/anno.jsonld"
    assert data["type"] == "AnnotationCollection" and data["total"] == 4
    item = data["first"]["items"][0]
    assert item["type"] == "Annotation" and item["id"].startswith("urn:ulid:")
    selectors = {s["type"]: s for s in item["target"][0]["selector"]}
    assert {"TextQuoteSelector", "TextPositionSelector"} <= set(selectors)
    assert {b["purpose"]: b["value"] for b in item["body"]} == {"commenting": "与上年相同\n第二行", "tagging": "照搬"}

    into = tmp_path / "imported.yaml"
    result = run("import", jsonld, "--into", into)
    assert result.returncode == 0, result.stderr
    assert "imported 4 new annotations" in result.stdout
    assert read_file(into).live() == read_file(reviewed).live()
    again = run("import", jsonld, "--into", into)
    assert "imported 0 new annotations" in again.stdout and len(read_file(into).live()) == 4


def test_import_of_a_foreign_annotation_is_placed_by_its_quote(tmp_path, docs):
    left, right = docs
    s = sentences(left)[7]
    foreign = {
        "@context": "http://www.w3.org/ns/anno.jsonld",
        "id": "https://hypothes.is/a/abc123",
        "type": "Annotation",
        "created": "2024-06-01T10:00:00Z",
        "creator": "acct:reader@hypothes.is",
        "body": [{"type": "TextualBody", "value": "值得注意"}, {"type": "TextualBody", "purpose": "tagging", "value": "重点"}],
        "target": {"source": "https://example.org/" + LEFT.name, "selector": {"type": "TextQuoteSelector", "exact": s.text}},
    }
    path = tmp_path / "foreign.jsonld"
    path.write_text(json.dumps(foreign, ensure_ascii=False), encoding="utf-8")
    into = tmp_path / "p.yaml"
    AnnotationStore.open(into, left, right).pin("1", "1")  # the file knows its reports
    result = run("import", path, "--into", into, "--left", LEFT, "--right", RIGHT)
    assert result.returncode == 0, result.stderr
    store = AnnotationStore.open(into, left, right)
    [a] = store.annotations
    assert (a.label, a.comment, a.reviewer) == ("重点", "值得注意", "reader@hypothes.is")
    anchor = a.anchors["left"]
    assert (anchor.start, anchor.end, anchor.state) == (s.start, s.end, "anchored")
    assert anchor.section == s.section_id

    no_side = tmp_path / "q.yaml"
    result = run("import", path, "--into", no_side)
    assert result.returncode == 2 and "give --side" in result.stderr


def test_export_and_import_of_bad_input_fail_in_one_line(tmp_path):
    bad = tmp_path / "bad.yaml"
    stamp = "'2024-01-01T00:00:00Z'"
    bad.write_text(
        f"schema: 1\nannotations:\n- id: x\n  created: {stamp}\n  updated: {stamp}\n  side: up\n",
        encoding="utf-8",
    )
    result = run("export", bad, "--format", "csv")
    assert result.returncode == 2 and result.stderr.count("\n") == 1 and "Traceback" not in result.stderr
    assert f"{bad}:6: field 'side' must be one of left, right, both" in result.stderr
    junk = tmp_path / "junk.jsonld"
    junk.write_text("{not json", encoding="utf-8")
    result = run("import", junk, "--into", tmp_path / "x.yaml")
    assert result.returncode == 2 and f"{junk}:1: not valid JSON" in result.stderr


def test_markdown_memo_keeps_arrows_as_typed_but_no_html(tmp_path, docs):
    """A comment `GDP 增速放缓 6.9 -> 6.7` reads as typed (Markdown needs no `&gt;`), while
    tags from the reviewer or a report (`<script>`, `</b>`, `<!--`) stay inert; one annotation
    is "1 annotation"."""
    path = tmp_path / "notes.yaml"
    make(path, docs, "root", [("left", 1, "趋势", "GDP 增速放缓 6.9 -> 6.7，a < b 且 c > d <script>alert(1)</script> &amp;")])
    out = tmp_path / "memo.md"
    assert run("export", path, "--format", "markdown", "--out", out).returncode == 0
    memo = out.read_text(encoding="utf-8")
    assert "GDP 增速放缓 6.9 -> 6.7，a < b 且 c > d" in memo
    assert "-&gt;" not in memo
    assert "<script>" not in memo and "</script>" not in memo and "&lt;script>" in memo
    assert "&amp;amp;" in memo  # a character reference is shown as typed, not decoded
    assert "- 1 annotation by root" in memo and "1 annotations" not in memo
