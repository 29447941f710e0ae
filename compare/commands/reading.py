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
