"""Annotation files that travel: a folder of reports plus annotations/ cloned to another place
(or machine) works as it is; a file belongs to its pair of reports and is never rewritten by
another pair."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import yaml

from compare.annotations import AnnotationStore, default_path, read_file
from compare.annotations.export import export
from compare.parsing.pipeline import parse_file

from .conftest import CORPUS

LEFT = "state-council-2016.txt"
RIGHT = "state-council-2017.txt"


def project(root: Path) -> Path:
    """A team's folder: reports/ with a manifest (one report with a URL), annotations/."""
    reports = root / "reports"
    reports.mkdir(parents=True)
    for name in (LEFT, RIGHT):
        shutil.copy(CORPUS / name, reports / name)
    manifest = {
        "schema": 1,
        "reports": [
            {"file": LEFT, "agency": "国务院", "year": 2016, "kind": "政府工作报告",
             "url": "https://www.gov.cn/premier/2016-03/17/content_5054901.htm"},
            {"file": RIGHT, "agency": "国务院", "year": 2017, "kind": "政府工作报告"},
        ],
    }
    (reports / "manifest.yaml").write_text(yaml.safe_dump(manifest, allow_unicode=True), "utf-8")
    return root


def annotate(root: Path) -> Path:
    left, right = parse_file(root / "reports" / LEFT), parse_file(root / "reports" / RIGHT)
    path = default_path(left.path, right.path, folder=root / "annotations")
    store = AnnotationStore.open(path, left, right, reviewer="alice")
    s, t = list(left.sentences())[3], list(right.sentences())[4]
    store.add("left", s.start, s.end, label="照搬", comment="与上年相同")
    store.add("both", s.start, s.end, comment="对照", right_span=(t.start, t.end))
    return path


def test_report_paths_are_relative_to_the_file_with_what_the_report_is(tmp_path):
    path = annotate(project(tmp_path / "team"))
    data = yaml.safe_load(path.read_text("utf-8"))
    assert data["left"]["path"] == f"../reports/{LEFT}"
    assert data["right"]["path"] == f"../reports/{RIGHT}"
    assert data["left"]["agency"] == "国务院" and data["left"]["year"] == 2016
    assert data["left"]["kind"] == "政府工作报告"
    assert data["left"]["text_hash"].startswith("sha256:")
    assert data["left"]["url"].startswith("https://www.gov.cn/")
    assert "url" not in data["right"]
    assert str(tmp_path) not in path.read_text("utf-8")  # nothing of this machine in the file


def test_a_cloned_folder_works_elsewhere_as_it_is(tmp_path):
    first = annotate(project(tmp_path / "alice" / "team"))
    original = read_file(first).live()
    clone = tmp_path / "bob" / "work" / "copy-of-team"
    shutil.copytree(tmp_path / "alice" / "team", clone)
    shutil.rmtree(tmp_path / "alice")  # nothing may point back at the first place
    left, right = parse_file(clone / "reports" / LEFT), parse_file(clone / "reports" / RIGHT)
    path = default_path(left.path, right.path, folder=clone / "annotations")
    before = path.read_bytes()
    store = AnnotationStore.open(path, left, right, reviewer="bob")
    assert not store.read_only, store.problem
    assert [a.anchors for a in store.annotations] == [a.anchors for a in original]
    assert all(a.anchors[s].state == "anchored" for a in store.annotations for s in a.anchors)
    s = list(left.sentences())[8]
    store.add("left", s.start, s.end, comment="bob's")
    data = yaml.safe_load(path.read_text("utf-8"))
    assert data["left"]["path"] == f"../reports/{LEFT}"  # still relative after bob's save
    assert path.read_bytes() != before and len(read_file(path).live()) == 3


def test_a_moved_or_renamed_report_with_the_same_text_is_the_same_report(tmp_path):
    path = annotate(project(tmp_path / "team"))
    elsewhere = tmp_path / "downloads"
    elsewhere.mkdir()
    renamed = elsewhere / "gwy-2016-copy.txt"
    shutil.copy(tmp_path / "team" / "reports" / LEFT, renamed)
    store = AnnotationStore.open(path, parse_file(renamed),
                                 parse_file(tmp_path / "team" / "reports" / RIGHT))
    assert not store.read_only and not store.foreign
    assert len(store.annotations) == 2


def test_an_old_file_with_absolute_paths_of_another_machine_still_loads(tmp_path):
    path = annotate(project(tmp_path / "team"))
    old = yaml.safe_load(path.read_text("utf-8"))
    for side, name in (("left", LEFT), ("right", RIGHT)):
        old[side] = {"path": f"/home/someone/corpus/{name}", "title": ""}  # as version 1 wrote
    path.write_text(yaml.safe_dump(old, allow_unicode=True), "utf-8")
    left = parse_file(tmp_path / "team" / "reports" / LEFT)
    right = parse_file(tmp_path / "team" / "reports" / RIGHT)
    store = AnnotationStore.open(path, left, right)
    assert not store.read_only, store.problem
    assert len(store.annotations) == 2 and not store.orphaned


def test_a_file_of_another_pair_opens_read_only_and_is_never_rewritten(tmp_path):
    path = annotate(project(tmp_path / "team"))
    before = path.read_bytes()
    other_left = parse_file(CORPUS / "beijing-2026.txt")
    other_right = parse_file(CORPUS / "tianjin-2026.txt")
    store = AnnotationStore.open(path, other_left, other_right)
    assert store.read_only and store.foreign
    assert "annotates 国务院 2016 政府工作报告 ↔ 国务院 2017 政府工作报告" in store.problem
    assert path.read_bytes() == before


def test_memo_is_titled_with_agency_kind_and_years(tmp_path):
    path = annotate(project(tmp_path / "team"))
    memo = export(read_file(path), "markdown", annotation_file=path)
    assert memo.splitlines()[0] == "# Review notes: 国务院 政府工作报告 2016 ↔ 2017"
    assert str(tmp_path) not in memo


def test_w3c_source_is_the_url_else_a_file_uri_relative_to_the_export(tmp_path):
    root = project(tmp_path / "team")
    path = annotate(root)
    out = root / "exports" / "notes.jsonld"
    out.parent.mkdir()
    result = subprocess.run(
        [sys.executable, "-m", "compare", "annotations", "export", str(path), "--format", "w3c",
         "--out", str(out)], capture_output=True, text=True,
    )
    assert result.returncode == 0, result.stderr
    data = json.loads(out.read_text("utf-8"))
    both = [i for i in data["first"]["items"] if len(i["target"]) == 2][0]
    sources = {t["cr:side"]: t["source"] for t in both["target"]}
    assert sources["left"] == "https://www.gov.cn/premier/2016-03/17/content_5054901.htm"
    assert sources["right"] == f"file:../reports/{RIGHT}"
    assert data["label"] == "compare-reports annotations: 国务院 政府工作报告 2016 ↔ 2017"
    assert str(tmp_path) not in out.read_text("utf-8")
    # and it comes back onto the right sides
    into = root / "annotations" / "imported.yaml"
    back = subprocess.run(
        [sys.executable, "-m", "compare", "annotations", "import", str(out), "--into", str(into)],
        capture_output=True, text=True,
    )
    assert back.returncode == 0, back.stderr
    assert read_file(into).live() == read_file(path).live()
