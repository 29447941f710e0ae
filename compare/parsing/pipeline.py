"""File or text → `Document`: load, clean, normalise, parse, read metadata."""

from __future__ import annotations

import os
from bisect import bisect_right
from pathlib import Path
from typing import Any, Sequence

from compare.errors import ReportError
from compare.parsing.cleaning import clean
from compare.parsing.corpus import manifest_entry
from compare.parsing.document import Document, Table
from compare.parsing.loading import LoadedText, load_file
from compare.parsing.metadata import extract_metadata
from compare.parsing.normalise import detect_script, matching_view
from compare.parsing.readers.flat import unflatten
from compare.parsing.readers.loaded import RawTable
from compare.parsing.readers.text import fold_glyphs
from compare.parsing.structure import build_sections


def parse_text(
    raw: str,
    path: str = "<text>",
    *,
    encoding: str = "utf-8",
    overrides: dict[str, Any] | None = None,
    loaded: LoadedText | None = None,
) -> Document:
    """Parse report text already in memory. `overrides` (agency, year, kind, title) win.

    `loaded` (what a reader returned for `raw`) brings the tables and page furniture it found.
    Kangxi radicals and compatibility glyphs are read as the ideographs they stand for, and a
    page flattened onto one line gets its line breaks back, before cleaning.
    """
    raw = fold_glyphs(raw)
    tables: Sequence[RawTable] = loaded.tables if loaded else ()
    furniture = [(f.start, f.end, f.kind) for f in loaded.furniture] if loaded else []
    if not tables and not furniture:
        raw = unflatten(raw)
    cleaned = clean(raw, furniture=furniture, keep=[(t.start, t.end) for t in tables])
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
    if loaded is not None:
        doc.format, doc.pages = loaded.format, loaded.pages
        doc.warnings.extend(loaded.warnings)
    doc.warnings.extend(cleaned.warnings)
    spans = _table_spans(cleaned.runs, tables)
    doc.sections = build_sections(text, doc.simplify, [(a, b) for a, b, _ in spans])
    for n, (start, end, table) in enumerate(spans, 1):
        section = doc.section_at(start)
        doc.tables.append(Table(f"t{n}", table.rows, start, end, section.id if section else ""))
    preamble = text[: doc.sections[0].end] if doc.sections else text
    meta = extract_metadata(cleaned, text, preamble)
    doc.title, doc.agency, doc.year, doc.date, doc.kind = (
        meta.title, meta.agency, meta.year, meta.date, meta.kind,
    )
    for key, value in (overrides or {}).items():
        if value not in (None, "") and key in ("title", "agency", "year", "date", "kind"):
            setattr(doc, key, int(value) if key == "year" else str(value))
    return doc


def _table_spans(
    runs: list[tuple[int, int]], tables: Sequence[RawTable]
) -> list[tuple[int, int, RawTable]]:
    """Raw table spans → spans in the cleaned text (runs: (text offset, raw offset) starts)."""
    if not tables:
        return []
    raw_starts = [r for _, r in runs]

    def to_text(raw_offset: int) -> int:
        i = max(bisect_right(raw_starts, raw_offset) - 1, 0)
        text_start, raw_start = runs[i]
        return text_start + max(raw_offset - raw_start, 0)

    out = []
    for table in tables:
        start, end = to_text(table.start), to_text(table.end)
        if end > start:
            out.append((start, end, table))
    return out


def parse_loaded(
    loaded: LoadedText, path: str, overrides: dict[str, Any] | None = None
) -> Document:
    """Parse what a reader returned (`compare.parsing.loading.load_bytes`)."""
    return parse_text(loaded.text, path, encoding=loaded.encoding, overrides=overrides,
                      loaded=loaded)


def parse_file(path: str | os.PathLike[str], *, use_manifest: bool = True) -> Document:
    """Parse a report file; a `manifest.yaml` beside it supplies agency, year and kind."""
    loaded = load_file(path)
    overrides = None
    if use_manifest:
        overrides = manifest_entry(Path(path))
    return parse_loaded(loaded, str(path), overrides)
