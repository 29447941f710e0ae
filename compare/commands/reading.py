"""Reading a report for a command: the parse, and what the reader doubted said on stderr."""

from __future__ import annotations

import sys
from pathlib import Path

from compare.parsing.cleaning import strip_controls
from compare.parsing.document import Document
from compare.parsing.pipeline import parse_file


def read_report(path: str | Path) -> Document:
    """`parse_file(path)`, each of the document's warnings (a text file named .docx, a PDF
    page with no text …) printed as one line on stderr: `compare-reports: warning: FILE: …`.
    Raises what `parse_file` raises (`ReportError` for a report that cannot be read)."""
    doc = parse_file(path)
    for warning in doc.warnings:
        print(f"compare-reports: warning: {path}: {strip_controls(warning)}", file=sys.stderr)
    return doc


def read_pair(left: str | Path, right: str | Path) -> tuple[Document, Document]:
    """Both reports of a comparison (`read_report` each); when their texts are the same (the
    same file named twice, or one report in two formats) a warning says so on stderr, as the
    comparison will show nothing changed."""
    a, b = read_report(left), read_report(right)
    if a.text_hash == b.text_hash:
        same = "the same file" if Path(left).resolve() == Path(right).resolve() else "the same text"
        print(f"compare-reports: warning: {left} and {right} are {same}: nothing can have changed",
              file=sys.stderr)
    return a, b
