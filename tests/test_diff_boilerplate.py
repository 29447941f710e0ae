"""Boilerplate in `diff`: `--only substantive` (what the review app's `i` keeps), `--json` with
each sentence's label, score, evidence and carried-over mark, colour on request with boilerplate
dimmed, a pager on a terminal, and the HTML page marking boilerplate as the app does."""

from __future__ import annotations

import json
import os
import pty
import re
import subprocess
import sys
from pathlib import Path

import pytest

from compare.boilerplate.pair import label_pair
from compare.comparison.diff import compare_documents
from compare.parsing.pipeline import parse_file
from compare.presentation.html import render_comparison_html

from .boilerplate_support import cache_home, default_model  # noqa: F401
from .conftest import CORPUS

NEW = "启动塘沽湾滨海乐业专项行动，在新港社区建成共享法律服务站。"
FORMULA_OLD = "三是深入落实“双随机、一公开”监管机制。"
FORMULA_NEW = "三是全面落实“双随机、一公开”监管机制。"


@pytest.fixture(scope="module")
def pair(tmp_path_factory, cache_home) -> tuple[Path, Path]:  # noqa: F811
    """Last year's report and this year's: one formula reworded, one new programme added."""
    folder = tmp_path_factory.mktemp("pair")
    raw = (CORPUS / "tianjin-tanggu-2024.txt").read_text(encoding="utf-8")
    assert FORMULA_OLD in raw
    lines = raw.split("\n")
    later = "\n".join(lines[:5] + [NEW] + lines[5:]).replace(FORMULA_OLD, FORMULA_NEW, 1)
    left, right = folder / "tanggu-2023.txt", folder / "tanggu-2024.txt"
    left.write_text(raw, encoding="utf-8")
    right.write_text(later, encoding="utf-8")
    return left, right


def run(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "compare", *args], capture_output=True, text=True,
                          timeout=300, env=env)


def test_diff_json_gives_every_sentence_its_label_and_last_year(pair, default_model) -> None:  # noqa: F811
    result = run("diff", "--json", str(pair[0]), str(pair[1]))
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["right"]["path"].endswith("tanggu-2024.txt")
    changes = [c for s in data["sections"] for c in s["changes"]]
    added = next(c for c in changes if c["right"] and c["right"]["text"] == NEW)
    bp = added["right"]["boilerplate"]
    assert added["kind"] == "added" and added["left"] is None
    assert bp["label"] == "substantive" and bp["since_last_year"] == "new"
    assert any(e["kind"] == "new" for e in bp["evidence"])
    assert 0.0 <= bp["score"] <= 1.0
    kept = [c for c in changes if c["kind"] == "unchanged"]
    assert kept and all(c["right"]["boilerplate"]["since_last_year"] == "carried-over" for c in kept)
    assert all(c["left"]["boilerplate"]["since_last_year"] is None for c in kept)  # its own last year is unknown


def test_only_substantive_hides_boilerplate_changes_that_only_changes_shows(pair, default_model) -> None:  # noqa: F811
    substantive = run("diff", "--only", "substantive", str(pair[0]), str(pair[1]))
    changes = run("diff", "--only-changes", str(pair[0]), str(pair[1]))
    assert substantive.returncode == 0 and changes.returncode == 0, substantive.stderr + changes.stderr
    assert "{+全面+}落实" in changes.stdout  # the reworded formula is a change
    assert "全面+}落实" not in substantive.stdout  # but boilerplate: hidden, as the app's i hides it
    assert "滨海乐业专项行动" in substantive.stdout
    assert "unchanged or boilerplate sentence" in substantive.stdout
    # each section says how many of its changes are shown, not its full count alone (a user test
    # read "234 changes" over the 69 the filter kept)
    headers = [line for line in substantive.stdout.splitlines() if line.startswith("━━")]
    assert headers and all(re.search(r"\d+ of \d+ changes? shown$", line) for line in headers), headers
    assert not any(re.search(r"\d+ of \d+ changes? shown", line) for line in changes.stdout.splitlines())
    json_only = json.loads(run("diff", "--json", "--only", "substantive", str(pair[0]), str(pair[1])).stdout)
    texts = [c["right"]["text"] for s in json_only["sections"] for c in s["changes"] if c["right"]]
    assert NEW in texts and FORMULA_NEW not in texts


def test_colour_only_when_asked_or_on_a_terminal(pair, default_model) -> None:  # noqa: F811
    always = run("diff", "--color", "always", "--only-changes", str(pair[0]), str(pair[1]))
    never = run("diff", "--color", "never", "--only-changes", str(pair[0]), str(pair[1]))
    auto = run("diff", "--only-changes", str(pair[0]), str(pair[1]))  # piped: no colour
    assert "\x1b[" in always.stdout
    assert "\x1b[" not in never.stdout and "\x1b[" not in auto.stdout
    assert "{+" in never.stdout  # without colour, inserted words are marked in the text


def _line_with(output: str, text: str) -> str:
    return next(line for line in output.splitlines() if text in line)


def test_the_terminal_diff_dims_boilerplate_when_it_has_colour(pair, default_model) -> None:  # noqa: F811
    coloured = run("diff", "--color", "always", str(pair[0]), str(pair[1]))
    assert coloured.returncode == 0, coloured.stderr
    assert "dimmed: boilerplate" in coloured.stdout
    # the reworded formula is dimmed (ANSI 2 = dim), its inserted word too; the new programme is not
    formula = _line_with(coloured.stdout, "监管机制")
    assert "\x1b[2" in formula and "\x1b[1;2;32m全面" in formula
    programme = _line_with(coloured.stdout, "滨海乐业专项行动")
    assert "\x1b[2" not in programme and "\x1b[32m" in programme
    plain = run("diff", "--color", "never", str(pair[0]), str(pair[1]))
    assert "dimmed" not in plain.stdout and "{+全面+}" in plain.stdout  # nothing to dim with: no labels


def test_the_terminal_diff_never_builds_the_model_only_to_dim(pair, tmp_path: Path) -> None:
    env = dict(os.environ, XDG_CACHE_HOME=str(tmp_path / "empty-cache"))
    coloured = run("diff", "--color", "always", str(pair[0]), str(pair[1]), env=env)
    assert coloured.returncode == 0
    assert "no boilerplate model built yet" in coloured.stderr and "model build" in coloured.stderr
    assert "滨海乐业专项行动" in coloured.stdout and "dimmed: boilerplate" not in coloured.stdout
    assert not list((tmp_path / "empty-cache").rglob("boilerplate-model-*"))


def test_a_terminal_gets_the_pager_and_a_pipe_never_does(pair, tmp_path: Path, default_model) -> None:  # noqa: F811
    paged = tmp_path / "paged.txt"
    env = dict(os.environ, PAGER=f"sh -c 'printf \"%s\\n\" \"$LESS\" > {paged}.less; cat > {paged}'")
    env.pop("LESS", None)
    piped = run("diff", "--only-changes", str(pair[0]), str(pair[1]), env=env)
    assert "滨海乐业专项行动" in piped.stdout and not paged.exists()
    leader, follower = pty.openpty()
    proc = subprocess.Popen([sys.executable, "-m", "compare", "diff", "--only-changes", str(pair[0]), str(pair[1])],
                            stdin=follower, stdout=follower, stderr=follower, env=env)
    os.close(follower)
    try:
        while True:  # drain the terminal so the program never blocks on it
            try:
                if not os.read(leader, 65536):
                    break
            except OSError:
                break
    finally:
        proc.wait(timeout=300)
        os.close(leader)
    assert proc.returncode == 0
    assert "滨海乐业专项行动" in paged.read_text(encoding="utf-8")
    assert Path(f"{paged}.less").read_text().strip() == "FRX"  # as git: LESS=FRX unless the user set it


def test_html_page_dims_boilerplate_with_the_reason_and_a_switch(pair, default_model) -> None:  # noqa: F811
    left, right = parse_file(pair[0]), parse_file(pair[1])
    comparison = compare_documents(left, right)
    labels = label_pair(left, right, default_model)
    page = render_comparison_html(comparison, labels=labels)
    assert 'id="hide-boilerplate"' in page and "hide-boilerplate" in page.split("<script>")[1]
    formula_cell = next(cell for cell in page.split("<td ") if "<ins>全面</ins>" in cell)
    assert 'class="r bp"' in formula_cell and 'title="boilerplate (boilerplate score' in formula_cell
    assert '<span class="since carried-over">carried over</span>' in page
    new_cell = next(cell for cell in page.split("<td ") if "滨海乐业专项行动" in cell)
    assert "bp" not in new_cell.split(">")[0] and '<span class="since new">new</span>' in new_cell
    at = page.index("<ins>全面</ins>")
    row = page[page.rindex("<tr", 0, at) : at]
    assert " hb" in row  # the switch hides the reworded formula's row
    plain = render_comparison_html(comparison)
    assert 'id="hide-boilerplate"' not in plain and ' bp"' not in plain  # no labels, no switch


def test_classify_against_last_year_marks_carried_over_and_new(pair, default_model) -> None:  # noqa: F811
    result = run("classify", "--json", "--against", str(pair[0]), str(pair[1]))
    assert result.returncode == 0, result.stderr
    by_text = {s["text"]: s for s in json.loads(result.stdout)["sentences"]}
    assert by_text[NEW]["since_last_year"] == "new" and by_text[NEW]["label"] == "substantive"
    assert {"since_last_year", "boilerplate_score", "evidence"} <= set(by_text[NEW])
    assert sum(s["since_last_year"] == "carried-over" for s in by_text.values()) > 100
    alone = json.loads(run("classify", "--json", str(pair[1])).stdout)
    assert all(s["since_last_year"] is None for s in alone["sentences"])
    terminal = run("classify", "--against", str(pair[0]), str(pair[1])).stdout
    assert "sentences carried over (=)" in terminal and any(
        line.startswith("S + ") and "滨海乐业" in line for line in terminal.splitlines()
    )
