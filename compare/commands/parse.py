"""`compare-reports parse FILE [--json]`: the outline a reader sees, or the Document as JSON."""

from __future__ import annotations

import argparse
from typing import Any

from compare.parsing.cleaning import strip_controls
from compare.parsing.document import Document, Section
from compare.presentation.words import counted
from compare.text.terminal import print_json
from compare.commands.reading import read_report


def add_parser(sub: argparse._SubParsersAction, name: str, help_text: str) -> None:
    p = sub.add_parser(name, help=help_text, description=help_text)
    p.add_argument("file", help="report file (.txt in UTF-8/GB18030/Big5/UTF-16, .html, .docx, .pdf)")
    p.add_argument("--json", action="store_true", help="print the document as JSON")
    p.add_argument("--text", action="store_true", help="print the cleaned text after the outline")


def section_json(section: Section) -> dict[str, Any]:
    return {
        "id": section.id,
        "level": section.level,
        "kind": section.kind,
        "number": section.number,
        "heading": section.heading,
        "heading_simplified": section.heading_simplified,
        "start": section.start,
        "end": section.end,
        "sentences": len(section.sentences),
        "children": [section_json(c) for c in section.children],
    }


def document_json(doc: Document) -> dict[str, Any]:
    return {
        "path": doc.path,
        "title": doc.title,
        "agency": doc.agency,
        "year": doc.year,
        "covers": doc.covers,
        "date": doc.date,
        "kind": doc.kind,
        "sources": doc.sources,
        "script": doc.script,
        "conversion": doc.conversion,
        "encoding": doc.encoding,
        "text": doc.text,
        "removed": [{"kind": r.kind, "text": r.text} for r in doc.removed],
        "sections": [section_json(s) for s in doc.sections],
        "format": doc.format,
        "pages": doc.pages,
        "tables": [
            {"id": t.id, "section_id": t.section_id, "start": t.start, "end": t.end, "rows": t.rows}
            for t in doc.tables
        ],
        "warnings": doc.warnings,
    }


def outline_lines(doc: Document) -> list[str]:
    lines = []
    for section in doc.walk():
        indent = "  " * (section.level - 1)
        lines.append(f"{indent}{section.title}  [{section.id}, {counted(len(section.sentences), 'sentence')}]")
    return lines


def table_lines(doc: Document) -> list[str]:
    """One line per table: where it sits and its size."""
    lines = []
    for table in doc.tables:
        section = doc.section(table.section_id) if table.section_id else None
        where = section.title if section is not None else "（前言）"
        lines.append(f"table {table.id} in {where}: {counted(len(table.rows), 'row')} × {counted(table.width, 'column')}")
    return lines


FORMAT_NAMES = {"text": "plain text", "html": "HTML", "docx": "Word .docx", "pdf": "PDF"}


def file_format(doc: Document) -> str:
    """What kind of file the report was read from: "format: Word .docx", "format: PDF, 3 pages",
    "format: plain text, encoding: gb18030" (an encoding only where text was decoded)."""
    said = f"format: {FORMAT_NAMES.get(doc.format, doc.format)}"
    if doc.format in ("text", "html"):
        said += f", encoding: {doc.encoding}"
    return said + (f", {counted(doc.pages, 'page')}" if doc.pages else "")


def run(args: argparse.Namespace) -> int:
    doc = read_report(args.file)
    if args.json:
        print_json(document_json(doc))
        return 0
    year = doc.year if doc.year is not None else "?"
    if doc.covers is not None and doc.covers != doc.year:
        year = f"{year} (covers {doc.covers})"
    header = [
        f"title:  {doc.title or '(none)'}",
        f"agency: {doc.agency or '(unknown)'}   year: {year}   date: {doc.date or '?'}",
        f"kind:   {doc.kind or '?'}   script: {doc.script}   {file_format(doc)}",
        f"removed: {counted(len(doc.removed), 'piece')} ("
        + ", ".join(sorted({r.kind for r in doc.removed}))
        + ")",
        "",
    ]
    out = header + outline_lines(doc)
    if doc.tables:
        out += [""] + table_lines(doc)
    if args.text:
        out += ["", doc.text]
    print(strip_controls("\n".join(out)))
    return 0
