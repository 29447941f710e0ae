"""Metadata with one rule per kind of report: agency, year (as the report names itself),
covers (the year whose work it reports), date, and where each came from."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from compare.batch.record import DOCUMENT_FIELDS
from compare.batch.scan import describe, find_reports
from compare.batch.series import find_series
from compare.parsing import corpus as corpus_module
from compare.parsing.loading import load_file
from compare.parsing.pipeline import parse_file, parse_text
from tests.conftest import CORPUS, ROOT

# -- the bundled corpus, by hand -----------------------------------------------------------------

STATE_COUNCIL = [1954, 1955, 1956, 1957, 1958, 1959, 1960, 1964, 1975, *range(1978, 2018)]
PROVINCES = {
    "anhui": "安徽省", "beijing": "北京市", "chongqing": "重庆市", "fujian": "福建省",
    "gansu": "甘肃省", "guangdong": "广东省", "guangxi": "广西壮族自治区", "guizhou": "贵州省",
    "hainan": "海南省", "hebei": "河北省", "heilongjiang": "黑龙江省", "henan": "河南省",
    "hubei": "湖北省", "hunan": "湖南省", "inner-mongolia": "内蒙古自治区", "jiangsu": "江苏省",
    "jiangxi": "江西省", "jilin": "吉林省", "liaoning": "辽宁省", "ningxia": "宁夏回族自治区",
    "qinghai": "青海省", "shaanxi": "陕西省", "shandong": "山东省", "shanghai": "上海市",
    "shanxi": "山西省", "sichuan": "四川省", "tianjin": "天津市", "tibet": "西藏自治区",
    "xinjiang": "新疆维吾尔自治区", "yunnan": "云南省", "zhejiang": "浙江省",
}
# file → (agency, year, covers) as a reader of the report would write them down
EXPECTED: dict[str, tuple[str, int, int | None]] = {
    **{f"state-council-{y}.txt": ("国务院", y, y - 1) for y in STATE_COUNCIL},
    **{f"{p}-2026.txt": (f"{name}人民政府", 2026, 2025) for p, name in PROVINCES.items()},
    "guangzhou-tianhe-water-2022.txt": ("广州市天河区水务局", 2022, 2022),
    "jurong-huangmei-2021.txt": ("句容经济开发区（黄梅街道）", 2021, 2021),
    "tianjin-tanggu-2024.txt": ("天津市滨海新区塘沽街道", 2024, 2024),
    "wuzhi-urban-management-2024.txt": ("武陟县城市管理局", 2024, 2024),
    "suzhou-wuzhong-water-2024.txt": ("苏州市吴中区水务局", 2024, 2024),
}
# what the text alone says otherwise (the signer's name, the text's script). Tanggu's title names
# 塘沽街道 and its text the places above it (《天津市…纲要》, 滨海新区法治政府建设…); Wuzhong has no
# title, speaks as 我局 and names itself (《吴中区水务局2024年度工作计划》) under 苏州市吴中区
TEXT_AGENCY = {
    "jurong-huangmei-2021.txt": "江苏省句容经济开发区管理委员会",
    "wuzhi-urban-management-2024.txt": "武陟縣城市管理局",
    "suzhou-wuzhong-water-2024.txt": "蘇州市吳中區水務局",
}
TEXT_COVERS: dict[str, int] = {}  # none: the text gives the same covers as the manifest


def test_every_bundled_report_is_listed():
    assert sorted(EXPECTED) == sorted(p.name for p in CORPUS.glob("*.txt"))


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_bundled_report_metadata_with_its_manifest(name):
    doc = parse_file(CORPUS / name)
    assert (doc.agency, doc.year, doc.covers) == EXPECTED[name]


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_bundled_report_metadata_from_its_text_alone(name):
    doc = parse_file(CORPUS / name, use_manifest=False)
    agency, year, covers = EXPECTED[name]
    assert doc.agency == TEXT_AGENCY.get(name, agency)
    assert (doc.year, doc.covers) == (year, TEXT_COVERS.get(name, covers))
    assert doc.sources["year"] in ("text", "title")


# -- synthetic variants of the same report: with and without title, signature, manifest ------------

def _without(raw: str, lines: list[str]) -> str:
    kept = [line for line in raw.splitlines() if line.strip() not in lines]
    assert len(kept) < len(raw.splitlines())
    return "\n".join(kept)


VARIANT_REPORTS = ["state-council-2017.txt", "state-council-1985.txt", "hainan-2026.txt",
                   "beijing-2026.txt", "guangzhou-tianhe-water-2022.txt", "wuzhi-urban-management-2024.txt"]


@pytest.mark.parametrize("name", VARIANT_REPORTS)
def test_the_same_report_without_title_or_signature_keeps_its_metadata(name, tmp_path):
    raw = load_file(CORPUS / name).text
    doc = parse_text(raw, name)
    expected = (doc.agency, doc.year, doc.covers)
    titles = [r.text for r in doc.removed if r.kind == "title"]
    signature = [r.text for r in doc.removed if r.kind == "signature"]
    variants = {}
    if titles:
        variants["no title"] = _without(raw, titles[:1])
    if signature:
        variants["no signature"] = _without(raw, signature)
    assert variants
    for what, text in variants.items():
        other = parse_text(text, name)
        assert (other.year, other.covers) == expected[1:], what
        if what != "no signature":
            assert other.agency == expected[0], what
    # the same report in a folder with a manifest: the manifest's fields say so
    folder = tmp_path / "reports"
    folder.mkdir()
    (folder / name).write_text(variants.get("no title", raw), encoding="utf-8")
    (folder / "manifest.yaml").write_text(
        f"reports:\n- file: {name}\n  agency: 某某机关\n  year: {expected[1]}\n", encoding="utf-8"
    )
    manifested = parse_file(folder / name)
    assert (manifested.agency, manifested.year, manifested.covers) == ("某某机关", *expected[1:])
    assert manifested.sources["agency"] == "manifest" and manifested.sources["year"] == "manifest"


# -- the faults, each with the smallest input -----------------------------------------------------

def _gwr(year: int, title: bool) -> str:
    head = f"海拉尔区{year}年政府工作报告\n" if title else ""
    return (
        head
        + "各位代表：\n现在，我代表海拉尔区人民政府向大会报告工作，请予审议。\n"
        + f"一、{year - 1}年工作回顾\n{year - 1}年，全区经济平稳增长，地区生产总值增长百分之五。\n"
        + f"二、{year}年工作安排\n{year}年，我们将继续推进各项工作。\n"
    )


@pytest.mark.parametrize("title", [True, False])
def test_a_districts_reports_of_two_years_get_their_own_year_and_agency(title):
    for year in (2018, 2019):
        doc = parse_text(_gwr(year, title))
        assert (doc.agency, doc.year, doc.covers, doc.kind) == ("海拉尔区人民政府", year, year - 1, "政府工作报告")


def test_state_council_reports_name_their_agency_by_the_speaker_formula():
    text = ("各位代表：\n现在，我代表国务院，向大会报告政府工作，请予审议。\n"
            "一、2024年工作回顾\n过去一年，经济总体平稳。\n二、2025年经济社会发展总体要求和政策取向\n今年发展的主要预期目标是：国内生产总值增长5%左右。\n")
    doc = parse_text(text)
    assert (doc.agency, doc.year, doc.covers) == ("国务院", 2025, 2024)
    assert doc.sources["agency"] == "text"


def test_a_bare_provincial_government_is_named_from_the_assembly():
    text = ("政府工作报告\n——2026年1月27日在海南省第七届人民代表大会第五次会议上\n各位代表：\n"
            "现在，我代表省人民政府，向大会报告工作，请予审议。\n一、2025年工作回顾\n过去一年，全省经济平稳增长。\n")
    doc = parse_text(text)
    assert (doc.agency, doc.year, doc.covers, doc.date) == ("海南省人民政府", 2026, 2025, "2026-01-27")


def test_annual_reports_are_named_by_their_年度_and_cover_it():
    doc = parse_text("某某局2024年度法治政府建设情况报告\n一、主要工作\n2024年，我局推进依法行政。\n某某局\n2025年1月10日\n")
    assert (doc.agency, doc.year, doc.covers, doc.date) == ("某某局", 2024, 2024, "2025-01-10")


def test_roc_and_hong_kong_fiscal_years_are_converted():
    doc = parse_text("中華民國112年度施政計畫\n壹、前言\n政府為落實施政理念，特訂定本計畫。\n")
    assert (doc.year, doc.covers) == (2023, 2023)
    doc = parse_text("某某部112年度工作報告\n壹、前言\n本部推動各項業務，成果豐碩。\n")
    assert doc.year == 2023
    doc = parse_text("香港特別行政區政府2024-25年度財政預算案\n一、引言\n主席，我謹動議二讀撥款條例草案。\n")
    assert (doc.year, doc.covers) == (2024, 2024)


@pytest.mark.parametrize(
    ("relative", "agency", "year"),
    [
        ("海拉尔区人民政府_2019.txt", "海拉尔区人民政府", 2019),
        ("海拉尔区人民政府/2019.txt", "海拉尔区人民政府", 2019),
        ("海拉尔区/2019年政府工作报告.txt", "海拉尔区人民政府", 2019),
        ("国务院_1954.txt", "国务院", 1954),
    ],
)
def test_file_name_and_folder_say_what_the_text_does_not(tmp_path, relative, agency, year):
    path = tmp_path / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("一、工作回顾\n过去一年，经济平稳增长，各项工作取得新成效。\n二、今年安排\n今年要继续努力。\n", encoding="utf-8")
    doc = parse_file(path)
    assert (doc.agency, doc.year) == (agency, year)
    assert doc.sources["agency"] == doc.sources["year"] == "filename"


def test_parse_json_says_where_each_field_came_from(tmp_path):
    path = tmp_path / "海拉尔区人民政府_2019.txt"
    path.write_text(_gwr(2019, False), encoding="utf-8")
    out = subprocess.run([sys.executable, "-m", "compare.cli", "parse", str(path), "--json"],
                         capture_output=True, text=True, check=True, cwd=ROOT)
    data = json.loads(out.stdout)
    assert (data["agency"], data["year"], data["covers"]) == ("海拉尔区人民政府", 2019, 2018)
    assert data["sources"] == {"kind": "text", "agency": "text", "year": "text", "covers": "text"}


# -- batch without a manifest -------------------------------------------------------------------------

def _series(folder: Path) -> list[tuple[str, str, list[tuple[str, int]]]]:
    files = find_reports(folder)
    reports = []
    for i, f in enumerate(files):
        doc = parse_text(load_file(f.path).text, f.path.name)
        meta = {k: getattr(doc, k) for k in DOCUMENT_FIELDS}
        reports.append(describe(i, f, f.rel, meta))
    return [(s.body, s.kind, [(reports[i].rel, reports[i].year) for i in s.members])
            for s in find_series(reports)]


def test_batch_finds_the_same_series_without_the_manifest(tmp_path):
    bare = tmp_path / "corpus"
    bare.mkdir()
    for path in CORPUS.glob("*.txt"):
        shutil.copy(path, bare / path.name)
    with_manifest = _series(CORPUS)
    assert with_manifest and with_manifest[0][0] == "国务院"
    assert _series(bare) == with_manifest


def test_batch_finds_a_series_in_a_users_folder_named_by_body(tmp_path):
    for year in (2018, 2019, 2020):
        folder = tmp_path / "海拉尔区人民政府"
        folder.mkdir(exist_ok=True)
        text = _gwr(year, False).replace("我代表海拉尔区人民政府", "我代表区人民政府")
        (folder / f"{year}.txt").write_text(text, encoding="utf-8")
    [(body, kind, members)] = _series(tmp_path)
    assert body == "海拉尔区人民政府" and [y for _, y in members] == [2018, 2019, 2020]


# -- the manifest kept in the user cache ---------------------------------------------------------------

def _parse_in_a_fresh_process(path: Path, cache: Path) -> tuple[int, str]:
    """(exit code, the year or the error) of `compare-reports parse --json` run as a user runs it."""
    run = subprocess.run([sys.executable, "-m", "compare", "parse", "--json", str(path)],
                         capture_output=True, text=True, timeout=120,
                         env={**os.environ, "XDG_CACHE_HOME": str(cache)})
    return run.returncode, (str(json.loads(run.stdout)["year"]) if run.returncode == 0 else run.stderr.strip())


def test_a_manifest_edited_between_runs_is_read_anew_and_a_bad_entry_is_said_the_same_each_time(tmp_path):
    folder, cache = tmp_path / "reports", tmp_path / "cache"
    folder.mkdir()
    raw = (CORPUS / "state-council-2016.txt").read_text(encoding="utf-8")
    for name in ("a.txt", "b.txt"):
        (folder / name).write_text(raw, encoding="utf-8")
    manifest = folder / "manifest.yaml"
    manifest.write_text("reports:\n- file: a.txt\n  year: 2015\n- file: b.txt\n  year: 二〇一六\n", encoding="utf-8")
    bad = "year '二〇一六' is not a number (write the year as four digits, such as 2016)"
    for _ in range(2):  # parsed, then read back from the cache: the same answers
        assert _parse_in_a_fresh_process(folder / "a.txt", cache) == (0, "2015")
        code, said = _parse_in_a_fresh_process(folder / "b.txt", cache)
        assert code == 2 and said.endswith(bad) and str(manifest) in said
    assert len(list((cache / "compare-reports" / "manifests").glob("*.json"))) == 1
    manifest.write_text("reports:\n- file: a.txt\n  year: 2014\n- file: b.txt\n  year: 2016\n", encoding="utf-8")
    assert _parse_in_a_fresh_process(folder / "a.txt", cache) == (0, "2014")
    assert _parse_in_a_fresh_process(folder / "b.txt", cache) == (0, "2016")
    kept = list((cache / "compare-reports" / "manifests").glob("*.json"))
    assert len(kept) == 1  # the entries of the manifest before the edit are not kept
    kept[0].write_bytes(b'{"entries": {"a.txt": ')  # a cache file cut short is not believed
    assert _parse_in_a_fresh_process(folder / "a.txt", cache) == (0, "2014")


def test_the_manifest_cache_forgets_folders_that_are_gone_and_stays_bounded(tmp_path, monkeypatch):
    """A user who opened many corpora (or a test run making one per test) does not fill their
    cache: a kept manifest whose file was deleted goes at the next new manifest, and the folder
    never holds more than KEPT_MANIFESTS."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.setattr(corpus_module, "KEPT_MANIFESTS", 3)
    kept_folder = tmp_path / "cache" / "compare-reports" / "manifests"
    raw = (CORPUS / "state-council-2016.txt").read_text(encoding="utf-8")

    def corpus_folder(name: str, year: int) -> Path:
        folder = tmp_path / name
        folder.mkdir()
        (folder / "a.txt").write_text(raw, encoding="utf-8")
        (folder / "manifest.yaml").write_text(f"reports:\n- file: a.txt\n  year: {year}\n", encoding="utf-8")
        return folder

    first, second = corpus_folder("first", 2001), corpus_folder("second", 2002)
    assert parse_file(first / "a.txt").year == 2001 and parse_file(second / "a.txt").year == 2002
    assert len(list(kept_folder.glob("*.json"))) == 2
    shutil.rmtree(first)
    assert parse_file(corpus_folder("third", 2003) / "a.txt").year == 2003
    names = {json.loads(f.read_bytes())["manifest"] for f in kept_folder.glob("*.json")}
    assert names == {str(second / "manifest.yaml"), str(tmp_path / "third" / "manifest.yaml")}
    for n in range(4, 8):
        assert parse_file(corpus_folder(f"more{n}", 2000 + n) / "a.txt").year == 2000 + n
    assert len(list(kept_folder.glob("*.json"))) == 3
    assert parse_file(second / "a.txt").year == 2002  # pruned from the cache, read anew
