"""A report whose text has no title line takes its title, and so its agency, year and kind, from
the title its file gives apart from the text, in every format as an HTML page's `<title>`
(user test s25b item 10): a .docx's Title-style paragraph or core properties title
(`docProps/core.xml`), a PDF's document information Title (what Word writes there:
`Microsoft Word - 报告.docx`). A title line in the text always wins; a program's, template's or
site's name is no title. Checked as a user sees it: `parse --json`."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import docx
import pytest
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

from .support.documents import FONT, LEFT, SIZE
from .test_cases_readers import run

TITLE = "某某市人民政府2022年法治政府建设情况报告"
BODY = ["一、主要工作", "全年办理行政复议案件4120件，培训执法人员3200人次。", "二、存在的问题",
        "法治意识有待提高。", "三、下一步工作安排", "加强执法监督。"]
EXPECTED = {"title": TITLE, "agency": "某某市人民政府", "year": 2022, "kind": "法治政府建设情况报告"}


def _parsed(path: Path) -> dict:
    result = run("parse", str(path), "--json")
    assert result.returncode == 0, result.stderr
    out = json.loads(result.stdout)
    assert [s["number"] + s["heading"] for s in out["sections"] if s["kind"] == "heading"] == [
        BODY[0], BODY[2], BODY[4]]
    return {key: out[key] for key in EXPECTED}


def _docx(path: Path, *, core: str = "", styled: str = "", lines: tuple[str, ...] = ()) -> Path:
    document = docx.Document()
    document.core_properties.title = core
    for line in lines:
        document.add_paragraph(line)
    if styled:
        document.add_heading(styled, 0)  # Word's Title style
    for line in BODY:
        document.add_paragraph(line)
    document.save(str(path))
    return path


def _pdf(path: Path, info_title: str, lines: tuple[str, ...] = ()) -> Path:
    c = canvas.Canvas(str(path), pagesize=A4)
    if info_title:
        c.setTitle(info_title)
    for i, line in enumerate([*lines, *BODY]):
        c.setFont(FONT, SIZE)
        c.drawString(LEFT, 760 - 20 * i, line)
    c.save()
    return path


def _html(path: Path, title: str) -> Path:
    path.write_text(f"<html><head><meta charset='utf-8'><title>{title}</title></head><body>"
                    + "".join(f"<p>{line}</p>" for line in BODY) + "</body></html>", encoding="utf-8")
    return path


@pytest.mark.parametrize("make", [
    lambda d: _html(d / "r.html", f"{TITLE}_某某市人民政府门户网站"),
    lambda d: _docx(d / "r.docx", core=TITLE),
    # the Title paragraph after a salutation: cleaning keeps it as text, Word's style names it
    lambda d: _docx(d / "r.docx", styled=TITLE, lines=("各位代表：",)),
    lambda d: _pdf(d / "r.pdf", TITLE),
    lambda d: _pdf(d / "r.pdf", f"Microsoft Word - {TITLE}.docx"),
], ids=["html-title", "docx-core", "docx-title-style", "pdf-info", "pdf-info-word-printer"])
def test_title_named_by_the_file_gives_title_agency_year(tmp_path: Path, make) -> None:
    assert _parsed(make(tmp_path)) == EXPECTED


@pytest.mark.parametrize("make", [
    lambda d: _docx(d / "r.docx", core="文档1"),
    lambda d: _docx(d / "r.docx", core="Microsoft Word - 文档1.docx"),
    lambda d: _pdf(d / "r.pdf", "Microsoft Word - 20230301.docx"),
    lambda d: _pdf(d / "r.pdf", ""),  # reportlab writes "untitled"
], ids=["docx-template", "docx-program", "pdf-file-name", "pdf-untitled"])
def test_a_program_or_template_name_is_no_title(tmp_path: Path, make) -> None:
    assert _parsed(make(tmp_path)) == {"title": "", "agency": "", "year": None, "kind": ""}


@pytest.mark.parametrize("make", [
    lambda d: _docx(d / "r.docx", core="某某市人民政府2021年法治政府建设情况报告", lines=(TITLE,)),
    lambda d: _pdf(d / "r.pdf", "某某市人民政府2021年法治政府建设情况报告", lines=(TITLE,)),
], ids=["docx", "pdf"])
def test_the_texts_own_title_line_wins_over_a_stale_named_title(tmp_path: Path, make) -> None:
    # last year's file saved under a new name keeps last year's properties
    assert _parsed(make(tmp_path)) == EXPECTED


def test_broken_core_properties_lose_the_title_not_the_report(tmp_path: Path) -> None:
    good = _docx(tmp_path / "good.docx", core=TITLE)
    bad = tmp_path / "bad.docx"
    with zipfile.ZipFile(good) as src, zipfile.ZipFile(bad, "w") as out:
        for item in src.infolist():
            data = src.read(item)
            out.writestr(item, b"<cp:coreProperties" if item.filename == "docProps/core.xml" else data)
    assert _parsed(bad) == {"title": "", "agency": "", "year": None, "kind": ""}
