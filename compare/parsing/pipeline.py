"""File or text → `Document`: load, clean, normalise, parse, read metadata."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from compare.parsing.cleaning import clean
from compare.parsing.document import Document
from compare.errors import ReportError
from compare.parsing.loading import load_file
from compare.parsing.metadata import extract_metadata
from compare.parsing.normalise import detect_script, matching_view
from compare.parsing.structure import build_sections


def parse_text(
    raw: str,
    path: str = "<text>",
    *,
    encoding: str = "utf-8",
    overrides: dict[str, Any] | None = None,
) -> Document:
    """Parse report text already in memory. `overrides` (agency, year, kind, title) win."""
    cleaned = clean(raw)
    if not cleaned.text.strip():
        raise ReportError(path, "no report text left after removing page chrome")
    text = cleaned.text
    simplified, mapping = matching_view(text)
    doc = Document(
        path=path,
        raw=raw,
        text=text,
        simplified=simplified,
        encoding=encoding,
        script=detect_script(text),
        removed=cleaned.removed,
        _raw_runs=cleaned.runs,
        _simplified_map=mapping,
    )
    doc.sections = build_sections(text, doc.simplify)
    preamble = text[: doc.sections[0].end] if doc.sections else text
    meta = extract_metadata(cleaned, text, preamble)
    doc.title, doc.agency, doc.year, doc.date, doc.kind = (
        meta.title, meta.agency, meta.year, meta.date, meta.kind,
    )
    for key, value in (overrides or {}).items():
        if value not in (None, "") and key in ("title", "agency", "year", "date", "kind"):
            setattr(doc, key, int(value) if key == "year" else str(value))
    return doc


def parse_file(path: str | os.PathLike[str], *, use_manifest: bool = True) -> Document:
    """Parse a report file; a `manifest.yaml` beside it supplies agency, year and kind."""
    loaded = load_file(path)
    overrides = None
    if use_manifest:
        from compare.parsing.corpus import manifest_entry

        overrides = manifest_entry(Path(path))
    return parse_text(loaded.text, str(path), encoding=loaded.encoding, overrides=overrides)
