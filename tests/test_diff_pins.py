"""`diff --pin`: a reviewer's manual pairing is what the comparison shows."""

from __future__ import annotations

import json
import re
import subprocess
import sys

from compare.parsing.pipeline import parse_file

from .conftest import CORPUS

LEFT = str(CORPUS / "guangzhou-tianhe-water-2022.txt")
RIGHT = str(CORPUS / "tianjin-tanggu-2024.txt")


def diff(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "compare", "diff", LEFT, RIGHT, *args],
                          capture_output=True, text=True, timeout=300)


def test_pinned_sections_are_compared_with_each_other() -> None:
    # 二、存在的不足 (left) pinned to 四、2025年度主要工作安排 (right): an odd pair on purpose
    result = diff("--pin", "2=4", "--only-changes")
    assert result.returncode == 0, result.stderr
    headers = [line for line in result.stdout.splitlines() if line.startswith("━━")]
    assert any("推进法治政府建设存在的不足" in h and "2025年度主要工作安排" in h for h in headers)
    # and the right's own shortcomings chapter, displaced by the pin, is now unpaired
    assert any("三、存在的不足和原因" in h and "only in the later report" in h for h in headers)


def test_pin_to_a_missing_section_is_one_line_exit_2() -> None:
    result = diff("--pin", "9=3")
    assert result.returncode == 2
    assert result.stderr.strip() == f"compare-reports: {LEFT}: no section '9' to pin"


def test_pinned_sentences_are_shown_as_a_pair_with_their_ids() -> None:
    # two sentences the aligner would never pair: a reviewer says they go together
    left, right = parse_file(LEFT), parse_file(RIGHT)
    old = next(s for s in left.sentences() if s.section_id == "2")
    new = next(s for s in right.sentences() if s.section_id == "3")
    result = diff("--pin", f"{old.id}={new.id}", "--json")
    assert result.returncode == 0, result.stderr
    changes = [c for s in json.loads(result.stdout)["sections"] for c in s["changes"]]
    (pinned,) = [c for c in changes if c["pinned"]]
    assert (pinned["left"]["id"], pinned["right"]["id"]) == (old.id, new.id)
    assert not [c for c in changes if c["kind"] == "removed" and c["left"]["id"] == old.id]
    assert not [c for c in changes if c["kind"] == "added" and c["right"]["id"] == new.id]


def test_pin_of_a_missing_sentence_or_a_sentence_to_a_section_is_one_line_exit_2() -> None:
    result = diff("--pin", "2/999=3/1")
    assert result.returncode == 2 and result.stderr.count("\n") == 1
    assert "no sentence 2/999 to pin" in result.stderr
    result = diff("--pin", "2/1=3")
    assert result.returncode == 2 and "a sentence to a sentence" in result.stderr


def test_the_page_marks_a_pair_paired_by_hand(tmp_path) -> None:
    """diff --html: the pinned pair's row says "paired by hand" (as the terminal's line and
    the review app's @), and the legend explains it; a page without pins does not."""
    left, right = parse_file(LEFT), parse_file(RIGHT)
    old = next(s for s in left.sentences() if s.section_id == "2")
    new = next(s for s in right.sentences() if s.section_id == "3")
    pinned_page, plain_page = tmp_path / "pinned.html", tmp_path / "plain.html"
    assert diff("--pin", f"{old.id}={new.id}", "--html", str(pinned_page)).returncode == 0
    assert diff("--html", str(plain_page)).returncode == 0
    page = pinned_page.read_text(encoding="utf-8")
    (row,) = [r for r in page.split("<tr ")[1:] if '<span class="since pin">paired by hand</span>' in r]
    text = re.sub(r"<[^>]+>", "", row)  # the row's text, its highlights' tags left out
    assert old.text[:8] in text and new.text[:8] in text
    assert "a sentence pin</span>" in page  # the legend
    assert "paired by hand" not in plain_page.read_text(encoding="utf-8")
