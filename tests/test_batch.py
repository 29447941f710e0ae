"""`compare-reports batch`: tables, report page, cache reuse, bad input, quality on real series."""

from __future__ import annotations

import csv
import re
import shutil
from pathlib import Path

import pytest

from compare.cli import main
from tests.conftest import CORPUS

SUBSET = [f"state-council-{y}.txt" for y in range(2009, 2018)] + [
    "anhui-2026.txt", "henan-2026.txt", "jiangxi-2026.txt", "shanxi-2026.txt",
    "tianjin-tanggu-2024.txt",
]


def _copy_corpus(target: Path, names: list[str]) -> Path:
    target.mkdir(parents=True, exist_ok=True)
    for name in names:
        shutil.copy(CORPUS / name, target / name)
    shutil.copy(CORPUS / "manifest.yaml", target / "manifest.yaml")
    return target


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


@pytest.fixture(scope="module")
def run(tmp_path_factory):
    """One full run (word measures and pages included) over a small copy of the corpus."""
    base = tmp_path_factory.mktemp("batch")
    corpus = _copy_corpus(base / "reports", SUBSET)
    out = base / "out"
    cache = base / "cache"
    import io
    from contextlib import redirect_stdout

    buffer = io.StringIO()
    with redirect_stdout(buffer):
        code = main(["batch", str(corpus), "--out", str(out), "--cache", str(cache),
                     "--jobs", "1", "--pages", "4", "--quiet"])
    assert code == 0
    return {"corpus": corpus, "out": out, "cache": cache, "stdout": buffer.getvalue()}


def test_documents_table_has_metadata_and_measures_for_every_report(run):
    rows = _rows(run["out"] / "documents.csv")
    assert sorted(r["path"] for r in rows) == sorted(SUBSET)
    by_path = {r["path"]: r for r in rows}
    assert by_path["anhui-2026.txt"]["agency"] == "安徽省人民政府"
    assert by_path["state-council-2012.txt"]["year"] == "2012"
    for r in rows:
        assert int(r["chars"]) > 1000
        assert 0 <= float(r["boilerplate_share"]) <= 1
        assert float(r["specificity"]) >= 0 and 0 <= float(r["redundancy"]) <= 1
    # the previous year of the same body: similarity, Lazy Prices and stickiness
    sc = by_path["state-council-2012.txt"]
    assert sc["previous_path"] == "state-council-2011.txt" and sc["previous_year"] == "2011"
    for field in ("similarity_to_previous", "cosine", "jaccard", "edit", "simple", "stickiness"):
        assert 0 <= float(sc[field]) <= 1, field
    assert by_path["anhui-2026.txt"]["previous_path"] == ""  # no earlier Anhui report here


def test_pairs_cover_every_reports_nearest_neighbour_with_exact_similarity(run):
    from compare.batch.shingles import jaccard, shingle_hashes
    from compare.parsing.pipeline import parse_file

    pairs = _rows(run["out"] / "pairs.csv")
    assert pairs and all(0 <= float(p["similarity"]) <= 1 for p in pairs)
    nearest_of = {}
    for p in pairs:
        if p["left_rank"] == "1":
            nearest_of[p["left"]] = p
        if p["right_rank"] == "1":
            nearest_of[p["right"]] = p
    assert set(nearest_of) == set(SUBSET)
    # the figure is the exact Jaccard of the shingle sets, not an estimate
    p = nearest_of["state-council-2015.txt"]
    a, b = (parse_file(run["corpus"] / name) for name in (p["left"], p["right"]))
    exact = jaccard(shingle_hashes(a.simplified), shingle_hashes(b.simplified))
    assert float(p["similarity"]) == pytest.approx(exact, abs=1e-4)


def test_series_table_follows_the_state_council_year_by_year(run):
    rows = [r for r in _rows(run["out"] / "series.csv") if r["agency"] == "国务院"]
    assert [int(r["year"]) for r in rows] == list(range(2009, 2018))
    assert rows[0]["previous_year"] == ""
    assert all(int(r["previous_year"]) == int(r["year"]) - 1 for r in rows[1:])
    assert all(0 <= float(r["cosine"]) <= 1 for r in rows[1:])


def test_reuse_lists_passages_shared_by_provinces_with_their_sections(run):
    rows = _rows(run["out"] / "reuse.csv")
    assert rows
    agencies = {r["left_agency"] for r in rows} | {r["right_agency"] for r in rows}
    assert "国务院" not in {r["left_agency"] for r in rows if r["left_agency"] == r["right_agency"]}
    assert all(r["left_agency"] != r["right_agency"] for r in rows)
    assert agencies & {"安徽省人民政府", "河南省人民政府", "江西省人民政府", "山西省人民政府"}
    lengths = [int(r["chars"]) for r in rows]
    assert lengths == sorted(lengths, reverse=True) and lengths[0] >= 40
    assert all(r["left_section"] and r["right_section"] for r in rows)
    assert len(re.sub(r"\W", "", rows[0]["text"])) >= 40


def test_parquet_tables_match_the_csv(run):
    pq = pytest.importorskip("pyarrow.parquet")
    for name in ("documents", "pairs", "series", "reuse"):
        table = pq.read_table(run["out"] / f"{name}.parquet")
        assert table.num_rows == len(_rows(run["out"] / f"{name}.csv"))


def test_report_page_is_self_contained_and_links_pair_pages(run):
    page = (run["out"] / "report.html").read_text(encoding="utf-8")
    assert "<svg" in page and "Similarity matrix" in page and "Series, year over year" in page
    assert not re.search(r"""(src|href)=["']?(https?:)?//""", page)
    assert "<script" not in page and "@import" not in page
    links = set(re.findall(r'href="(pairs/[^"]+\.html)"', page))
    assert links
    for link in links:
        target = run["out"] / link
        assert target.is_file()
        assert "<!DOCTYPE html>" in target.read_text(encoding="utf-8")[:100]


def test_matrix_labels_stand_clear_of_each_other_and_inside_the_picture(run):
    page = (run["out"] / "report.html").read_text(encoding="utf-8")
    svg = re.search(r'<svg[^>]*width="(\d+)" height="(\d+)" font-size="(\d+)">(.*?)</svg>', page, re.S)
    width, height, font, body = int(svg[1]), int(svg[2]), int(svg[3]), svg[4]
    cell = int(re.search(r'<rect x="\d+" y="\d+" width="(\d+)"', body)[1])
    assert font <= cell  # a column label is no wider than its column: neighbours never overlap
    columns = re.findall(r'<text transform="translate\(([\d.]+),(\d+)\) rotate\(-90\)">([^<]+)</text>', body)
    rows = re.findall(r'<text x="(\d+)" y="([\d.]+)" text-anchor="end">([^<]+)</text>', body)
    assert len(columns) == len(rows) == len(SUBSET)
    longest = max(len(label) for *_, label in rows)
    for x, top, label in columns:  # standing labels fit above the matrix, inside the picture
        assert float(x) < width and int(top) >= len(label) * font * 0.6
    assert int(rows[0][0]) >= longest * font * 0.6 and float(rows[-1][1]) < height


def test_each_series_links_its_series_page(run):
    page = (run["out"] / "report.html").read_text(encoding="utf-8")
    links = set(re.findall(r'href="(series/[^"]+\.html)"', page))
    assert len(links) == 1  # the one series of the subset: the State Council 2009–2017
    link = links.pop()
    assert re.fullmatch(r"series/[^/]*国务院[^/]*-2009-2017\.html", link)  # named by its body and years
    target = (run["out"] / link).read_text(encoding="utf-8")
    assert "Chapters across the years" in target and "国内生产总值增长" in target
    assert "2009–2017" in target


def test_rerun_on_a_grown_corpus_parses_only_the_new_files(run, tmp_path, capsys):
    corpus = _copy_corpus(tmp_path / "reports", SUBSET + ["hunan-2026.txt", "state-council-2008.txt"])
    code = main(["batch", str(corpus), "--out", str(tmp_path / "out"), "--cache", str(run["cache"]),
                 "--jobs", "1", "--pages", "0", "--no-words", "--quiet"])
    assert code == 0
    assert (f"{len(SUBSET) + 2} files: {len(SUBSET) + 2} reports (2 read now, {len(SUBSET)} from the cache)"
            in capsys.readouterr().out)
    rows = _rows(tmp_path / "out" / "documents.csv")
    assert {"hunan-2026.txt", "state-council-2008.txt"} <= {r["path"] for r in rows}


def test_report_text_is_escaped_in_the_page(tmp_path, capsys):
    corpus = tmp_path / "reports"
    corpus.mkdir()
    text = (CORPUS / "anhui-2026.txt").read_text(encoding="utf-8")
    hostile = "<script>alert(1)</script>"
    copied = text.replace("各位代表", f"各位代表，{hostile}，", 1)
    for name in ("x.txt", "y.txt"):  # one text under two agencies: all of it is "reused"
        (corpus / name).write_text(copied, encoding="utf-8")
    (corpus / "manifest.yaml").write_text(
        "schema: 1\nreports:\n- file: x.txt\n  agency: '<b>坏</b>机关'\n  year: 2026\n"
        "- file: y.txt\n  agency: 另一机关\n  year: 2026\n", encoding="utf-8"
    )
    out = tmp_path / "out"
    assert main(["batch", str(corpus), "--out", str(out), "--cache", str(tmp_path / "c"),
                 "--jobs", "1", "--pages", "1", "--no-words", "--quiet"]) == 0
    page = (out / "report.html").read_text(encoding="utf-8")
    assert "<b>坏</b>" not in page and "&lt;b&gt;坏&lt;/b&gt;机关" in page
    assert hostile not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "documents.csv" in capsys.readouterr().out


def test_unreadable_report_is_skipped_and_named(tmp_path, capsys):
    corpus = _copy_corpus(tmp_path / "reports", ["henan-2026.txt", "anhui-2026.txt"])
    (corpus / "broken.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(200))
    out = tmp_path / "out"
    assert main(["batch", str(corpus), "--out", str(out), "--cache", str(tmp_path / "c"),
                 "--jobs", "1", "--pages", "0", "--no-words", "--quiet"]) == 0
    printed = capsys.readouterr().out
    assert "skipped broken.txt: is a PNG image" in printed
    assert len(_rows(out / "documents.csv")) == 2


def test_timings_name_every_stage_that_ran(tmp_path, capsys):
    corpus = _copy_corpus(tmp_path / "reports", ["state-council-2016.txt", "state-council-2017.txt"])
    assert main(["batch", str(corpus), "--out", str(tmp_path / "out"), "--cache", str(tmp_path / "c"),
                 "--jobs", "1", "--pages", "1", "--no-words", "--quiet", "--timings"]) == 0
    last = capsys.readouterr().out.strip().splitlines()[-1]
    assert last.startswith("seconds per stage: ")
    stages = dict(item.rsplit(" ", 1) for item in last.removeprefix("seconds per stage: ").split(", "))
    assert {"parsing", "exact similarity", "pair pages", "series pages"} <= set(stages)
    assert all(float(seconds) >= 0 for seconds in stages.values())


def _bad_year_manifest(folder: Path) -> Path:
    """Three State Council reports, the manifest's entry for the first with year '2015年'."""
    folder.mkdir(parents=True)
    for year, name in ((2015, "a.txt"), (2016, "b.txt"), (2017, "c.txt")):
        shutil.copy(CORPUS / f"state-council-{year}.txt", folder / name)
    (folder / "manifest.yaml").write_text(
        "reports:\n- file: a.txt\n  year: 2015年\n- file: b.txt\n  year: 2016\n", encoding="utf-8"
    )
    return folder


def test_a_bad_manifest_entry_skips_only_its_report(tmp_path, capsys):
    corpus = _bad_year_manifest(tmp_path / "reports")
    out = tmp_path / "out"
    assert main(["batch", str(corpus), "--out", str(out), "--cache", str(tmp_path / "c"),
                 "--jobs", "1", "--pages", "0", "--no-words", "--quiet"]) == 0
    printed = capsys.readouterr().out
    assert "skipped a.txt: manifest.yaml: year '2015年' is not a number" in printed
    assert sorted(row["path"] for row in _rows(out / "documents.csv")) == ["b.txt", "c.txt"]
    # the report the entry describes still gets its one line and exit 2 where it is named
    for command in (["parse", str(corpus / "a.txt")], ["diff", str(corpus / "a.txt"), str(corpus / "b.txt")]):
        assert main(command) == 2
        err = capsys.readouterr().err
        assert "a.txt: year '2015年' is not a number" in err and err.count("\n") == 1
    assert main(["parse", str(corpus / "b.txt")]) == 0


def test_a_bad_manifest_entry_leaves_the_rest_of_the_series(tmp_path, capsys):
    corpus = _bad_year_manifest(tmp_path / "reports")
    assert main(["series", str(corpus), "--no-cache", "--jobs", "1"]) == 0
    captured = capsys.readouterr()
    assert "skipped" in captured.err and "a.txt: year '2015年' is not a number" in captured.err
    assert "2 reports, 2016–2017" in captured.out


@pytest.mark.parametrize(
    "args, message",
    [
        (["batch", "no-such-folder"], "no-such-folder: no such folder"),
        (["batch", "CORPUS", "--out", "CORPUS"], "is the corpus folder itself"),
        (["batch", "CORPUS", "--jobs", "0"], "--jobs: must be at least 1"),
        (["batch", "CORPUS", "--threshold", "1.5"], "--threshold: must be in (0, 1]"),
        (["batch", "EMPTY", "--out", "out"], "EMPTY: no reports (.txt, .html, .htm, .docx, .pdf) in this folder"),
    ],
)
def test_bad_arguments_give_one_line_and_exit_2(args, message, capsys, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "EMPTY").mkdir()
    (tmp_path / "EMPTY" / "notes.md").write_text("not a report", encoding="utf-8")
    args = [str(CORPUS) if a == "CORPUS" else a for a in args]
    assert main(args) == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith("compare-reports: ") and message in err and "\n" not in err


def test_state_council_nearest_neighbour_is_an_adjacent_year(tmp_path):
    """Quality: on 49 State Council reports, nearly every report's nearest neighbour is the
    year before or after it in the series."""
    from compare.batch.pipeline import BatchOptions, run_batch

    names = sorted(p.name for p in CORPUS.glob("state-council-*.txt"))
    corpus = _copy_corpus(tmp_path / "reports", names)
    result = run_batch(corpus, BatchOptions(cache=tmp_path / "c", jobs=1, words=False))
    hits, total = result.adjacency
    assert total == 49
    assert hits / total >= 0.8


def test_a_rerun_keeps_pages_that_are_still_right_and_rewrites_those_of_a_changed_report(tmp_path, capsys):
    corpus = _copy_corpus(tmp_path / "reports", [f"state-council-{y}.txt" for y in (2015, 2016, 2017)])
    out, cache = tmp_path / "out", tmp_path / "cache"
    args = ["batch", str(corpus), "--out", str(out), "--cache", str(cache), "--jobs", "1",
            "--pages", "2", "--no-words", "--quiet"]

    def pages() -> dict[str, bytes]:
        return {p.name: p.read_bytes() for p in sorted((out / "pairs").glob("*.html"))}

    assert main(args) == 0
    assert "pairs/ (2 pages)" in capsys.readouterr().out  # all written on the first run
    first = pages()
    assert len(first) == 2
    assert main(args) == 0
    assert "pairs/ (2 pages, 2 kept from the last run)" in capsys.readouterr().out
    assert pages() == first
    later = corpus / "state-council-2017.txt"
    later.write_text(later.read_text(encoding="utf-8") + "\n今年新建示范水渠九十九条。\n", encoding="utf-8")
    assert main(args) == 0
    assert "pairs/ (2 pages, 1 kept from the last run)" in capsys.readouterr().out
    rewritten = {name: page for name, page in pages().items() if "2017" in name}
    assert rewritten and all("示范水渠" in page.decode("utf-8") for page in rewritten.values())
    kept = {name: page for name, page in pages().items() if "2017" not in name}
    assert kept and all(first[name] == page for name, page in kept.items())


def test_word_measures_and_pages_are_the_same_from_stored_reports_and_from_damaged_rows(tmp_path):
    """The word-measure and page workers take each parsed report from the parse cache; a row
    whose stored report is damaged is parsed again: same measures, same pages, no error."""
    import sqlite3

    corpus = _copy_corpus(tmp_path / "reports", [f"state-council-{y}.txt" for y in (2015, 2016, 2017)])

    def full(cache: Path, out: Path) -> tuple[list[dict[str, str]], dict[str, str]]:
        assert main(["batch", str(corpus), "--out", str(out), "--cache", str(cache), "--jobs", "1",
                     "--pages", "2", "--quiet"]) == 0
        pages = {p.name: re.sub(r"\s+", " ", p.read_text(encoding="utf-8"))
                 for p in sorted((out / "pairs").glob("*.html"))}
        return _rows(out / "documents.csv"), pages

    expected = full(tmp_path / "fresh", tmp_path / "out-fresh")
    damaged = tmp_path / "damaged"
    assert main(["batch", str(corpus), "--out", str(tmp_path / "out-parse"), "--cache", str(damaged),
                 "--jobs", "1", "--no-words", "--pages", "0", "--quiet"]) == 0
    db = sqlite3.connect(damaged / "batch-2.sqlite")
    stored = db.execute("SELECT key FROM documents WHERE document IS NOT NULL").fetchall()
    assert len(stored) == 3  # the parse stage kept every parsed report
    db.execute("UPDATE documents SET document = ? WHERE key = ?", (b"\x78\x9c damaged", stored[0][0]))
    db.commit()
    db.close()
    rows, pages = full(damaged, tmp_path / "out-damaged")
    assert rows == expected[0] and len(pages) == 2
    assert pages == expected[1]


def test_pair_pages_name_the_years_the_manifest_gives(tmp_path):
    # the batch's tables take a report's year from the manifest: so does its side-by-side page
    # (it showed the year the text names itself by)
    folder = tmp_path / "reports"
    folder.mkdir()
    for year, source in ((2020, "state-council-2016.txt"), (2021, "state-council-2017.txt")):
        shutil.copy(CORPUS / source, folder / f"report-{year}.txt")
    (folder / "manifest.yaml").write_text(
        "schema: 1\nreports:\n"
        "- file: report-2020.txt\n  agency: 某某人民政府\n  year: 2020\n  kind: 政府工作报告\n"
        "- file: report-2021.txt\n  agency: 某某人民政府\n  year: 2021\n  kind: 政府工作报告\n", encoding="utf-8")
    out = tmp_path / "out"
    assert main(["batch", str(folder), "--out", str(out), "--cache", str(tmp_path / "cache"), "--jobs", "1",
                 "--no-words", "--pages", "1", "--series-pages", "0", "--quiet"]) == 0
    (page,) = (out / "pairs").glob("*.html")
    heading = re.search(r"<h1>(.*?)</h1>", page.read_text(encoding="utf-8"), re.S)[1]
    assert heading.strip() == "2016政府工作报告 (2020) → 2017政府工作报告 (2021)"  # the title is the text's


def test_the_reports_table_reads_each_body_down_its_years(tmp_path):
    # file names as a user writes them do not sort by year: the table does
    folder = tmp_path / "mine"
    folder.mkdir()
    for name, year in (("政府工作报告 2017（定稿）.txt", 2017), ("国务院2015.txt", 2015), ("2016年政府工作报告.txt", 2016)):
        shutil.copy(CORPUS / f"state-council-{year}.txt", folder / name)
    out = tmp_path / "out"
    assert main(["batch", str(folder), "--out", str(out), "--cache", str(tmp_path / "cache"), "--jobs", "1",
                 "--no-words", "--pages", "0", "--series-pages", "0", "--quiet"]) == 0
    page = (out / "report.html").read_text(encoding="utf-8")
    table = page[page.index("<h2>Reports</h2>"):]
    years = [int(y) for y in re.findall(r'<td class="n">(20\d\d)</td>', table)]
    assert years == [2015, 2016, 2017]


def test_pair_pages_of_a_series_are_its_latest_years(run):
    # a budget of 4 pages gives 2 to the State Council's steps: this year against last year
    # first (2016 → 2017, 2015 → 2016), never the oldest steps of a long series
    pages = {p.name for p in (run["out"] / "pairs").glob("*.html")}
    assert "state-council-2016__state-council-2017.html" in pages
    assert "state-council-2015__state-council-2016.html" in pages
    assert "state-council-2009__state-council-2010.html" not in pages


def test_a_year_in_two_formats_is_named_in_the_series_and_the_matrix_tells_them_apart(tmp_path, capsys):
    """User test s25: the same year's report as .txt and .docx in one folder gave two rows of
    one year in the series chart and two matrix rows both reading '国务院 2015', with no word
    of it. The series card now names both files, and the matrix rows differ."""
    import docx

    corpus = _copy_corpus(tmp_path / "reports", [f"state-council-{y}.txt" for y in (2014, 2015, 2016)])
    word = docx.Document()
    for line in (CORPUS / "state-council-2015.txt").read_text(encoding="utf-8").splitlines():
        if line.strip():
            word.add_paragraph(line.strip())
    word.save(str(corpus / "state-council-2015-copy.docx"))
    out = tmp_path / "out"
    assert main(["batch", str(corpus), "--out", str(out), "--cache", str(tmp_path / "cache"),
                 "--jobs", "1", "--pages", "0", "--quiet", "--no-words"]) == 0
    said = "2 reports of 2015 (state-council-2015-copy.docx, state-council-2015.txt), each compared with the year before"
    assert said in capsys.readouterr().out
    page = (out / "report.html").read_text(encoding="utf-8")
    assert said in page
    labels = re.findall(r'text-anchor="end">([^<]+)</text>', page.split('<div class="wide">')[1].split("</svg>")[0])
    assert len(labels) == 4 and len(set(labels)) == 4
    assert "2015 …15-copy.docx" in labels and "2015 …cil-2015.txt" in labels
