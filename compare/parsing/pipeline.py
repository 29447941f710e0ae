"""File or text → `Document`: load, clean, normalise, parse, read metadata."""

from __future__ import annotations

import os
from bisect import bisect_right
from pathlib import Path
from typing import Any, Sequence

from compare.errors import ReportError
from compare.parsing.cleaning import clean, metadata_box
from compare.parsing.corpus import manifest_entry
from compare.parsing.document import Document, RemovalKind, Table
from compare.parsing.loading import LoadedText, load_file
from compare.parsing.metadata import (
    FIELDS,
    Metadata,
    complete_from_path,
    covers_for,
    extract_metadata,
)
from compare.parsing.normalise import choose_conversion, detect_script, matching_view
from compare.parsing.readers.flat import unflatten
from compare.parsing.readers.loaded import ListItem, MarkedHeading, RawTable
from compare.parsing.readers.text import fold_glyphs, is_blank
from compare.parsing.readers.texttables import find_tables
from compare.parsing.structure import build_sections


def parse_text(
    raw: str,
    path: str = "<text>",
    *,
    encoding: str = "utf-8",
    overrides: dict[str, Any] | None = None,
    loaded: LoadedText | None = None,
    names: bool = False,
) -> Document:
    """Parse report text already in memory. With `names`, the file name and folder of `path`
    supply what the text does not say (`metadata.complete_from_path`); `overrides` (a
    manifest entry: agency, year, covers, kind, title, date) win over everything.

    `loaded` (what a reader returned for `raw`) brings the tables and page furniture it found.
    Kangxi radicals and compatibility glyphs are read as the ideographs they stand for, and a
    page flattened onto one line gets its line breaks back, before cleaning.
    """
    if is_blank(raw) and (loaded is None or loaded.format == "text"):
        raise ReportError(path, "empty file")
    raw = fold_glyphs(raw)
    tables: Sequence[RawTable] = loaded.tables if loaded else ()
    furniture = [(f.start, f.end, f.kind) for f in loaded.furniture] if loaded else []
    marked = loaded.headings if loaded else []
    if not tables and not furniture and not marked:
        raw = unflatten(raw)
    if loaded is None or loaded.format == "text":
        tables = find_tables(raw)  # tab-separated or aligned rows of a plain-text report
    tables, box_lines, box_fields = _metadata_boxes(raw, tables)
    cleaned = clean(raw, furniture=furniture + box_lines, keep=[(t.start, t.end) for t in tables])
    for key, value in box_fields.items():  # the box's 发布机构, 成文日期 … serve metadata
        cleaned.metadata.setdefault(key, value)
    if not cleaned.text.strip():
        raise ReportError(path, "no report text left after removing page chrome")
    text = cleaned.text
    script = detect_script(text)
    conversion = choose_conversion(text, script)
    simplified, mapping = matching_view(text, conversion)
    doc = Document(
        path=path,
        raw=raw,
        text=text,
        simplified=simplified,
        encoding=encoding,
        script=script,
        conversion=conversion,
        removed=cleaned.removed,
        _raw_runs=cleaned.runs,
        _simplified_map=mapping,
    )
    if loaded is not None:
        doc.format, doc.pages = loaded.format, loaded.pages
        doc.warnings.extend(loaded.warnings)
    doc.warnings.extend(cleaned.warnings)
    spans = _table_spans(cleaned.runs, tables)
    listed = loaded.lists if loaded else []
    doc.sections = build_sections(text, doc.simplify, [(a, b) for a, b, _ in spans],
                                  _marked_spans(raw, text, cleaned.runs, marked),
                                  dict(_marked_spans(raw, text, cleaned.runs, listed)))
    for n, (start, end, table) in enumerate(spans, 1):
        section = doc.section_at(start)
        doc.tables.append(Table(f"t{n}", table.rows, start, end, section.id if section else ""))
    preamble = text[: doc.sections[0].end] if doc.sections else text
    meta = extract_metadata(cleaned, text, preamble, conversion,
                            loaded.named_titles if loaded is not None else ())
    _settle_metadata(doc, meta, path, overrides, names)
    return doc


def apply_path_metadata(
    doc: Document, path: str, overrides: dict[str, Any] | None = None, *, names: bool = False
) -> Document:
    """A document parsed without `names` and `overrides` (as batch's parse stage and its
    cache keep it: by the bytes alone) → the same document as `parse_text` with them gives,
    under `path`. Changes `doc` in place and returns it; raises `ReportError` as `parse_text`
    does for a manifest year that is not a year."""
    doc.path = path
    meta = Metadata(doc.title, doc.agency, doc.year, doc.covers, doc.date, doc.kind,
                    dict(doc.sources))
    _settle_metadata(doc, meta, path, overrides, names)
    return doc


def _settle_metadata(
    doc: Document, meta: Metadata, path: str, overrides: dict[str, Any] | None, names: bool
) -> None:
    """The text's metadata completed from the file name (`names`) and the manifest entry."""
    if names:
        complete_from_path(meta, path)
    given = {k: v for k, v in (overrides or {}).items() if k in FIELDS and v not in (None, "")}
    for key, value in given.items():
        if key in ("year", "covers"):
            try:
                value = int(value)
            except (TypeError, ValueError):
                raise ReportError(path, f"manifest {key} {value!r} is not a year") from None
        setattr(meta, key, value if key in ("year", "covers") else str(value))
        meta.sources[key] = "manifest"
    if ("year" in given or "kind" in given) and "covers" not in given and meta.year is not None:
        annual = meta.covers is not None and meta.covers == meta.year
        meta.covers = covers_for(meta.kind, meta.year, annual)
        meta.sources["covers"] = "manifest"
    for key in FIELDS:
        setattr(doc, key, getattr(meta, key))
    doc.sources = {k: v for k, v in meta.sources.items() if getattr(meta, k) not in (None, "")}


def _metadata_boxes(
    raw: str, tables: Sequence[RawTable]
) -> tuple[list[RawTable], list[tuple[int, int, RemovalKind]], dict[str, str]]:
    """The page's metadata box (索引号, 发布机构, 成文日期 … in a `<table>`: `metadata_box`) is
    chrome like the same fields in `<div>`s: its lines are removed as `metadata` wherever it
    stands, its fields read, and it is no table of the report. Returns the other tables, the
    box's lines as (start, end, kind) spans of `raw`, and the fields."""
    kept: list[RawTable] = []
    lines: list[tuple[int, int, RemovalKind]] = []
    fields: dict[str, str] = {}
    for table in tables:
        found = metadata_box(table.rows)
        if found is None:
            kept.append(table)
            continue
        for key, value in found.items():
            fields.setdefault(key, value)
        start = table.start
        while start < table.end:
            end = raw.find("\n", start, table.end)
            end = table.end if end < 0 else end
            lines.append((start, end, "metadata"))
            start = end + 1
    return kept, lines, fields


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


def _marked_spans(
    raw: str, text: str, runs: list[tuple[int, int]], marked: Sequence[MarkedHeading | ListItem]
) -> list[tuple[int, Any]]:
    """The reader's marked lines (spans of `raw`: headings, list items) → (line start in the
    cleaned text, outline level or list level); a line that cleaning removed or changed is
    left out."""
    if not marked:
        return []
    raw_starts = [r for _, r in runs]
    out: list[tuple[int, Any]] = []
    for line in marked:
        i = bisect_right(raw_starts, line.start) - 1
        if i < 0:
            continue
        start = runs[i][0] + line.start - runs[i][1]
        words = raw[line.start : line.end]
        if text[start : start + len(words)] == words and (start == 0 or text[start - 1] == "\n"):
            out.append((start, line.outline if isinstance(line, MarkedHeading) else line.level))
    return out


def parse_loaded(
    loaded: LoadedText, path: str, overrides: dict[str, Any] | None = None, *, names: bool = False
) -> Document:
    """Parse what a reader returned (`compare.parsing.loading.load_bytes`); `names` as in
    `parse_text`."""
    return parse_text(loaded.text, path, encoding=loaded.encoding, overrides=overrides,
                      loaded=loaded, names=names)


def parse_file(path: str | os.PathLike[str], *, use_manifest: bool = True) -> Document:
    """Parse a report file; its name and folder fill what the text does not say, and a
    `manifest.yaml` beside it supplies agency, year, covers and kind."""
    loaded = load_file(path)
    overrides = None
    if use_manifest:
        overrides = manifest_entry(Path(path))
    return parse_loaded(loaded, str(path), overrides, names=True)
