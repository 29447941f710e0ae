"""`compare-reports parse` as a user runs it: outline, JSON shape, one-line errors."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import CORPUS


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "compare", *args], capture_output=True, text=True, timeout=120
    )


def test_outline_in_the_terminal() -> None:
    result = run("parse", str(CORPUS / "guangzhou-tianhe-water-2022.txt"))
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "广州市天河区水务局关于2022年度法治政府建设情况的报告" in out
    assert "year: 2022" in out
    lines = out.splitlines()
    assert "一、2022年度推进法治政府建设的主要举措和成效  [1, 0 sentences]" in lines
    assert "    1.深入学习贯彻习近平法治思想  [1.1.1, 2 sentences]" in lines


def test_json_shape() -> None:
    result = run("parse", "--json", str(CORPUS / "jurong-huangmei-2021.txt"))
    data = json.loads(result.stdout)
    for key in ("path", "title", "agency", "year", "date", "script", "text", "removed", "sections"):
        assert key in data
    section = data["sections"][1]["children"][0]
    assert {"id", "level", "number", "heading", "heading_simplified", "start", "end", "children"} <= set(section)
    assert section["id"] == "1.1" and section["level"] == 2 and section["number"] == "(一)"
    assert data["text"][section["start"] :].startswith("(一)坚持以上率下")
    assert {"kind": "signature", "text": "2021年12月6日"} in data["removed"]


@pytest.mark.parametrize(
    "make, message",
    [
        (lambda d: d / "missing.txt", "no such file"),
        (lambda d: d, "is a directory"),
        (lambda d: (d / "empty.txt").write_bytes(b"") and d / "empty.txt" or d / "empty.txt", "empty file"),
        (lambda d: (d / "pic.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(64)) and d / "pic.txt", "PNG image"),
    ],
)
def test_bad_input_is_one_line_and_exit_2(tmp_path: Path, make, message: str) -> None:
    path = make(tmp_path)
    result = run("parse", str(path))
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr.count("\n") == 1
    assert str(path) in result.stderr and message in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize(
    "manifest, message",
    [
        ("reports: [file: a.txt\n".encode("utf-8"), "manifest.yaml:2: not valid YAML: "),
        ("reports:\n- file: a.txt\n  agency: 某某局\n".encode("gbk"), "manifest.yaml: the manifest is not UTF-8 text"),
        (b"- just a list\n", "manifest.yaml: expected a mapping with a 'reports' list"),
    ],
)
def test_broken_manifest_beside_a_report_is_one_line(tmp_path: Path, manifest: bytes, message: str) -> None:
    report = tmp_path / "a.txt"
    report.write_text("一、主要成效\n全年完成审批36个。", encoding="utf-8")
    (tmp_path / "manifest.yaml").write_bytes(manifest)
    result = run("parse", str(report))
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr
    assert message in result.stderr


def test_review_of_a_bad_file_says_so_before_the_screen_switches(tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    result = subprocess.run(
        [sys.executable, "-m", "compare", "review", str(empty), str(CORPUS / "state-council-2016.txt")],
        capture_output=True, text=True, timeout=60, stdin=subprocess.DEVNULL,
    )
    assert result.returncode == 2
    assert result.stderr.strip() == f"compare-reports: {empty}: empty file"
    assert "\x1b" not in result.stdout  # the full-screen app never started


def test_parse_names_the_format_and_counts_in_english(tmp_path: Path) -> None:
    from tests.support.documents import docx_from_report

    docx = docx_from_report(CORPUS / "tianjin-tanggu-2024.txt", tmp_path)
    result = run("parse", str(docx))
    assert result.returncode == 0, result.stderr
    assert "format: Word .docx" in result.stdout and "encoding: docx" not in result.stdout
    text = run("parse", str(CORPUS / "guangzhou-tianhe-water-2022.txt")).stdout
    assert "format: plain text, encoding: utf-8" in text
    assert " 1 sentence]" in text and " 1 sentences]" not in text


@pytest.mark.parametrize("suffix, said", [(".docx", "damaged .docx: it is not a ZIP package"),
                                          (".pdf", "damaged PDF: it has no %PDF header")])
def test_random_bytes_named_docx_or_pdf_are_a_damaged_file(tmp_path: Path, suffix: str, said: str) -> None:
    fake = tmp_path / f"fake{suffix}"
    fake.write_bytes(bytes(range(256)) * 8)
    result = run("parse", str(fake))
    assert result.returncode == 2
    assert result.stderr == f"compare-reports: {fake}: {said}" + (", as every .docx is\n" if suffix == ".docx" else ", as every PDF has\n")
