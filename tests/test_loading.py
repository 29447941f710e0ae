"""Reports in every encoding and format a user meets parse to the same document."""

from __future__ import annotations

import codecs
import io
import re
import zipfile
from pathlib import Path

import pytest

from compare.cli import main
from compare.errors import ReportError
from compare.parsing.loading import load_bytes
from compare.parsing.pipeline import parse_file

from .conftest import CORPUS


def same_document(a, b) -> None:
    assert a.text == b.text
    assert [(s.id, s.title) for s in a.walk()] == [(s.id, s.title) for s in b.walk()]
    assert [s.text for s in a.sentences()] == [s.text for s in b.sentences()]
    assert (a.title, a.agency, a.year, a.date) == (b.title, b.agency, b.year, b.date)


@pytest.mark.parametrize(
    "name, encoding",
    [
        ("guangzhou-tianhe-water-2022", "gbk"),
        ("guangzhou-tianhe-water-2022", "gb18030"),
        ("tianjin-tanggu-2024", "gbk"),
        ("suzhou-wuzhong-water-2024", "big5"),
        ("wuzhi-urban-management-2024", "gb18030"),
        ("suzhou-wuzhong-water-2024", "utf-16"),
        ("guangzhou-tianhe-water-2022", "utf-16-be-bom"),
        ("jurong-huangmei-2021", "utf-8-sig"),
    ],
)
def test_encodings_parse_to_the_same_document(tmp_path: Path, name: str, encoding: str) -> None:
    source = CORPUS / f"{name}.txt"
    # icon-font characters of the crawled page (private use area) exist in no legacy encoding
    text = re.sub("[\ue000-\uf8ff]", "", source.read_text(encoding="utf-8")).replace("\xa0", " ")
    utf8 = tmp_path / "utf8.txt"
    utf8.write_text(text, encoding="utf-8")
    if encoding == "utf-16-be-bom":
        data = codecs.BOM_UTF16_BE + text.encode("utf-16-be")
    else:
        data = text.encode(encoding)
    copy = tmp_path / f"{name}.txt"
    copy.write_bytes(data)
    doc = parse_file(copy, use_manifest=False)
    same_document(doc, parse_file(utf8, use_manifest=False))
    expected = {"gbk": "gb18030", "utf-16-be-bom": "utf-16"}.get(encoding, encoding)
    assert doc.encoding == expected


def test_crlf_fullwidth_indents_and_invisible_characters(tmp_path: Path) -> None:
    source = CORPUS / "tianjin-tanggu-2024.txt"
    text = source.read_text(encoding="utf-8")
    lines = text.split("\n")
    noisy = "\r\n".join(
        ("\u3000\u3000" + line + "\xa0\u200b" if i % 2 else "\ue001" + line) for i, line in enumerate(lines)
    )
    copy = tmp_path / "noisy.txt"
    copy.write_text(noisy, encoding="utf-8", newline="")
    same_document(parse_file(copy, use_manifest=False), parse_file(source, use_manifest=False))


def test_html_page_becomes_paragraphs(tmp_path: Path) -> None:
    page = tmp_path / "report.html"
    page.write_text(
        """<!DOCTYPE html><html><head><meta charset="utf-8"><title>某局2023年度法治政府建设情况报告</title>
        <style>p { color: red }</style><script>var x = "一、不是标题";</script></head>
        <body><div class="nav"><a href="/">首页</a> &gt; <a>信息公开</a></div>
        <h1>某某区水务局关于2023年度法治政府建设情况的报告</h1>
        <p>2023年，我局坚持以习近平新时代中国特色社会主义思想为指导，现将有关情况报告如下：</p>
        <p>一、主要举措和成效</p><p>（一）加强组织领导。全年召开专题会议<b>6</b>次，研究法治建设重点任务。</p>
        <p>二、存在的不足</p><p>一是宣传形式不够创新；二是执法人员偏少。</p>
        <div class="footer">主办单位：某某区人民政府办公室<br>网站标识码：1234567890</div>
        </body></html>""",
        encoding="utf-8",
    )
    doc = parse_file(page)
    assert [s.title for s in doc.walk()] == ["（前言）", "一、主要举措和成效", "（一）加强组织领导", "二、存在的不足"]
    assert "全年召开专题会议6次" in doc.text
    assert "var x" not in doc.text and "color" not in doc.text
    assert "主办单位" not in doc.text and "首页" not in doc.text
    assert doc.year == 2023
    assert doc.title == "某某区水务局关于2023年度法治政府建设情况的报告"


def _docx(paragraphs: list[str]) -> bytes:
    ns = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    body = "".join(f"<w:p><w:r><w:t>{p}</w:t></w:r></w:p>" for p in paragraphs)
    xml = f'<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="{ns}"><w:body>{body}</w:body></w:document>'
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", xml)
    return buf.getvalue()


def test_docx_paragraphs(tmp_path: Path) -> None:
    path = tmp_path / "report.docx"
    path.write_bytes(
        _docx(["2024年，我局全面推进法治政府建设，现将有关情况报告如下。", "一、主要举措", "完成审批36个。", "二、下一步打算", "继续加强执法监督。"])
    )
    doc = parse_file(path)
    assert [s.title for s in doc.walk()] == ["（前言）", "一、主要举措", "二、下一步打算"]
    assert doc.section("1").sentences[0].text == "完成审批36个。"


@pytest.mark.parametrize(
    "data, message",
    [
        (b"", "empty file"),
        (b"   \n\r\n", "empty file"),
        (b"\xef\xbb\xbf", "empty file"),  # a UTF-8 BOM and nothing else
        (b"\xef\xbb\xbf \r\n\t\n", "empty file"),
        ("\ufeff\u3000\u3000\n".encode("utf-8"), "empty file"),  # ideographic spaces
        (b"\xff\xfe", "empty file"),  # a UTF-16 BOM
        ("\ufeff  \n".encode("utf-16-le"), "empty file"),
        ("\u3000\u3000\r\n".encode("gb18030"), "empty file"),
        (b"\x89PNG\r\n\x1a\n" + bytes(200), "PNG image"),
        (b"%PDF-1.7\n...", "PDF"),
        (b"PK\x03\x04notazip", "not a readable ZIP archive"),  # only begins like one (user test s26)
        (bytes(range(256)) * 20, "binary"),
        ("Ceci est un rapport en français, écrit en Latin-1.".encode("latin-1") * 5, "supported encoding"),
    ],
)
def test_bad_bytes_are_one_clear_error(data: bytes, message: str) -> None:
    with pytest.raises(ReportError) as err:
        load_bytes(data, "bad.txt")
    assert message in err.value.message
    assert err.value.path == "bad.txt"
    assert "\n" not in str(err.value)


@pytest.mark.parametrize("head", ["", "\ufeff", "\ufeff\u200b\u3000 \n", "\u2060\r\n"])
def test_a_report_after_a_bom_or_invisible_characters_is_read(head: str) -> None:
    doc = load_bytes((head + "今年我局办理行政复议案件12件。\n").encode("utf-8"), "r.txt")
    assert "12件" in doc.text


def test_a_text_saved_under_a_word_name_is_read_and_said(tmp_path) -> None:
    path = tmp_path / "report.docx"
    path.write_text("一、总体情况\n今年我局办理行政复议案件12件。\n", encoding="utf-8")
    doc = parse_file(path)
    assert doc.format == "text" and "12件" in doc.text
    assert doc.warnings == ["named .docx but it is plain text (utf-8): read as such"]


@pytest.mark.parametrize("command", ["parse", "classify", "align", "diff"])
def test_every_command_says_what_the_reader_doubted(tmp_path, capsys, command: str) -> None:
    # only `parse` said that a .docx was plain text (a user test): every command that reads a
    # report says it, once per report, and goes on
    path = tmp_path / "report.docx"
    path.write_text("一、总体情况\n今年我局办理行政复议案件12件。\n", encoding="utf-8")
    args = [command, str(path)] + ([str(CORPUS / "jurong-huangmei-2021.txt")] if command in ("align", "diff") else [])
    assert main(args + (["--no-pager"] if command == "diff" else [])) == 0
    said = [line for line in capsys.readouterr().err.splitlines() if "warning" in line]
    assert said == [f"compare-reports: warning: {path}: named .docx but it is plain text (utf-8): read as such"]


@pytest.mark.parametrize("command", ["classify", "align", "diff"])
def test_a_report_compared_with_itself_is_said(tmp_path, capsys, command: str) -> None:
    # a user test: `diff A A` (or one report in two formats) showed "no changes" without a word
    report = CORPUS / "jurong-huangmei-2021.txt"
    copy = tmp_path / "copy.txt"
    copy.write_bytes(report.read_bytes())
    for other, same in ((report, "the same file"), (copy, "the same text")):
        args = [command, str(report), *(["--against"] if command == "classify" else []), str(other)]
        assert main(args + (["--no-pager"] if command == "diff" else [])) == 0
        said = [line for line in capsys.readouterr().err.splitlines() if "warning" in line]
        assert said == [f"compare-reports: warning: {report} and {other} are {same}: nothing can have changed"]
