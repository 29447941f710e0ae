"""The side-by-side HTML page: self-contained, escaped, rows that keep both sides together."""

from __future__ import annotations

import re
import subprocess
import sys
from functools import lru_cache

from compare.comparison.diff import compare_documents
from compare.presentation.html import render_comparison_html, write_comparison_html
from compare.parsing.pipeline import parse_file, parse_text

from .conftest import CORPUS

TANGGU = CORPUS / "tianjin-tanggu-2024.txt"
HOSTILE = '<script>alert("x")</script>详见<img src=x onerror=alert(1)>&amp;网站http://www.example.gov.cn/。'


@lru_cache(maxsize=None)
def tanggu_raw() -> str:
    return TANGGU.read_text(encoding="utf-8")


@lru_cache(maxsize=None)
def page_with_edits() -> str:
    raw = tanggu_raw()
    edited = raw.replace("累计办理滨海通办2725件", "累计办理滨海通办3120件", 1)
    edited = edited.replace("二是发挥领导干部", HOSTILE + "\n二是发挥领导干部", 1)
    comparison = compare_documents(parse_text(raw, "a.txt"), parse_text(edited, "b.txt"))
    return render_comparison_html(comparison)


def test_report_text_is_escaped() -> None:
    page = page_with_edits()
    assert page.count("<script") == 1  # the page's own navigator script, nothing from the report
    assert "<img" not in page
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in page
    assert "&amp;amp;" in page  # an entity in the report is shown as written, not decoded


def test_no_network_assets() -> None:
    page = page_with_edits()
    assert "http://www.example.gov.cn/" in page  # report text may mention a URL …
    assert not re.search(r"""(?:src|href|action)\s*=\s*["']?\s*(?:https?:)?//""", page, re.I)  # … nothing loads one
    assert "@import" not in page and not re.search(r"url\(\s*['\"]?(?:https?:)?//", page)
    assert '<link ' not in page


def test_changed_figure_shows_old_and_new_in_one_row() -> None:
    page = page_with_edits()
    row = next(r for r in re.findall(r'<tr class="k-numbers_only".*?</tr>', page))
    assert '<mark class="old">2725件</mark>' in row
    assert '<mark class="new">3120件</mark>' in row
    assert row.count('<td class="l">') == 1 and row.count('<td class="r">') == 1


def test_every_sentence_change_is_one_row_and_the_navigator_reaches_every_section() -> None:
    left = parse_file(CORPUS / "state-council-2016.txt")
    right = parse_file(CORPUS / "state-council-2017.txt")
    comparison = compare_documents(left, right)
    page = render_comparison_html(comparison)
    rows = re.findall(r'<tr class="k-(\w+)"', page)
    assert len(rows) == sum(len(d.changes) for d in comparison.sections)
    targets = re.findall(r'<a class="[^"]*" href="#(s-\d+)"', page)
    assert len(targets) == len(comparison.sections)
    for target in targets:
        assert f'id="{target}"' in page
    assert "2016政府工作报告" in page and "2017政府工作报告" in page
    # document figures at the top
    for label in ("cosine", "jaccard", "verbatim", "numbers only", "reworded", "new"):
        assert label in page


def test_write_and_command(tmp_path) -> None:
    out = tmp_path / "page.html"
    comparison = compare_documents(parse_text(tanggu_raw(), "a.txt"), parse_text(tanggu_raw(), "b.txt"))
    write_comparison_html(comparison, out)
    assert out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert not list(tmp_path.glob(".*.tmp"))  # no temporary left behind

    cli_out = tmp_path / "cli.html"
    result = subprocess.run(
        [sys.executable, "-m", "compare", "diff", str(TANGGU), str(TANGGU), "--html", str(cli_out)],
        capture_output=True, text=True, timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert str(cli_out) in result.stdout
    assert "严格合同审核" in cli_out.read_text(encoding="utf-8")


def test_only_changes_page_starts_folded(tmp_path) -> None:
    out = tmp_path / "folded.html"
    result = subprocess.run(
        [sys.executable, "-m", "compare", "diff", str(TANGGU), str(TANGGU), "--html", str(out), "--only-changes"],
        capture_output=True, text=True, timeout=120,
    )
    assert result.returncode == 0, result.stderr
    page = out.read_text(encoding="utf-8")
    assert '<body class="only-changes">' in page
    assert 'id="only-changes" checked' in page
    # the folding is CSS: unchanged rows and sections without changes are hidden
    assert "body.only-changes tr.k-unchanged" in page


def test_the_navigator_names_a_renamed_section_by_both_headings() -> None:
    # 2016's 一、2015年工作回顾 is 2017's 一、2016年工作回顾: a reader looking for either finds it
    page = render_comparison_html(compare_documents(parse_file(CORPUS / "state-council-2016.txt"),
                                                    parse_file(CORPUS / "state-council-2017.txt")))
    nav = page[page.index("<nav>"):page.index("</nav>")]
    assert '一、2015年工作回顾<span class="later">→ 一、2016年工作回顾</span>' in nav
    assert nav.count('class="later"') < nav.count("<a ")  # unchanged headings shown once


def test_the_page_lists_a_reworded_pairs_figures_as_diff_and_the_json_do(tmp_path, capsys) -> None:
    # State Council 2016 → 2017: the figures of each pair whose words changed too, old → new,
    # under the later sentence; the same pairs and figures as `diff` lists after the sentence
    # and `diff --json` gives (numbers-only changes mark them in place instead)
    from compare.cli import main
    from compare.presentation.view import listed_figures

    left, right = CORPUS / "state-council-2016.txt", CORPUS / "state-council-2017.txt"
    page_path = tmp_path / "page.html"
    assert main(["diff", str(left), str(right), "--html", str(page_path)]) == 0
    page = page_path.read_text(encoding="utf-8")
    on_page = re.findall(r'<mark class="old">([^<]*)</mark> → <mark class="new">([^<]*)</mark>',
                         "".join(re.findall(r'<div class="fl">figures: (.*?)</div>', page)))
    assert ("1312万人", "1314万人") in on_page and ("67.7万亿元", "74.4万亿元") in on_page
    comparison = compare_documents(parse_file(left), parse_file(right))
    listed = [(f.old, f.new) for d in comparison.sections for c in d.changes for f in listed_figures(c, in_place=True)]
    assert on_page == listed
    capsys.readouterr()
    assert main(["diff", str(left), str(right), "--no-pager", "--color", "never"]) == 0
    terminal = " ".join(capsys.readouterr().out.split())
    in_terminal = re.findall(r"\[figures: (.*?)\]", terminal)
    assert len(in_terminal) == len(re.findall(r'<div class="fl">', page))
