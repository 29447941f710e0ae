"""The four batch tables as rows: documents, pairs, series, reuse.

Paths are relative to the corpus folder. `similarity` is always the exact Jaccard similarity
of 5-character shingles (never a MinHash estimate); `cosine`, `jaccard`, `edit`, `simple` are
the Lazy Prices measures against the same body's previous report; `stickiness` is the share of
a report's word 8-grams already in that previous report.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

import numpy as np

from compare.batch.cache import ParseCache
from compare.batch.pipeline import BatchResult
from compare.batch.record import CLAUSE_DTYPE, unpack_clauses, unpack_meta, unpack_text
from compare.batch.word_measures import REPORT_FIELDS, STEP_FIELDS

DOCUMENT_COLUMNS = [
    "path", "agency", "year", "covers", "kind", "title", "date", "script", "chars",
    *REPORT_FIELDS,
    "series", "previous_path", "previous_year", "similarity_to_previous",
    *STEP_FIELDS,
    "nearest", "nearest_similarity", "nearest_same_body",
]
PAIR_COLUMNS = [
    "left", "right", "similarity", "containment", "left_agency", "left_year", "right_agency",
    "right_year", "same_body", "left_rank", "right_rank", "page",
]
SERIES_COLUMNS = [
    "series", "agency", "kind", "year", "path", "previous_year", "previous_path", "similarity",
    "containment", *STEP_FIELDS, "page",
]
REUSE_COLUMNS = [
    "rank", "passage", "chars", "bodies", "left", "left_agency", "left_section", "left_heading",
    "right", "right_agency", "right_section", "right_heading", "text",
]


def _round(x: float | None) -> float | None:
    return None if x is None else round(float(x), 4)


def document_rows(result: BatchResult) -> list[dict[str, Any]]:
    reports = result.corpus.reports
    series_of = {i: s.name for s in result.series for i in s.members}
    previous = {s.current: s.previous for s in result.steps}
    words = result.words
    rows = []
    for r in reports:
        row: dict[str, Any] = {
            "path": r.rel, "agency": r.agency, "year": r.year, "covers": r.covers, "kind": r.kind,
            "title": r.title,
            "date": r.date, "script": r.script, "chars": r.chars, "series": series_of.get(r.index),
        }
        if words is not None:
            row.update({k: v for k, v in words.reports.get(r.index, {}).items() if k in REPORT_FIELDS})
        p = previous.get(r.index)
        if p is not None:
            row.update(previous_path=reports[p].rel, previous_year=reports[p].year,
                       similarity_to_previous=_round(result.similarity(p, r.index)))
            if words is not None:
                row.update({k: v for k, v in words.steps.get((p, r.index), {}).items()
                            if k in STEP_FIELDS})
        nb = result.neighbours[r.index]
        if nb:
            row.update(nearest=reports[nb[0].index].rel, nearest_similarity=_round(nb[0].similarity),
                       nearest_same_body=reports[nb[0].index].body == r.body)
        rows.append(row)
    return rows


def pair_rows(result: BatchResult, pages: dict[tuple[int, int], str]) -> list[dict[str, Any]]:
    """Every pair compared exactly, most similar first; ranks say whose neighbour it is."""
    reports = result.corpus.reports
    rank: dict[tuple[int, int], int] = {}
    for i, lst in enumerate(result.neighbours):
        for n, nb in enumerate(lst, 1):
            rank[(i, nb.index)] = n
    rows = []
    order = np.argsort(-result.pairs["similarity"], kind="stable")
    for row in result.pairs[order]:
        i, j = int(row["left"]), int(row["right"])
        a, b = reports[i], reports[j]
        rows.append({
            "left": a.rel, "right": b.rel,
            "similarity": _round(row["similarity"]), "containment": _round(row["containment"]),
            "left_agency": a.agency, "left_year": a.year, "right_agency": b.agency,
            "right_year": b.year, "same_body": bool(a.body and a.body == b.body),
            "left_rank": rank.get((i, j)), "right_rank": rank.get((j, i)),
            "page": pages.get((i, j)) or pages.get((j, i)),
        })
    return rows


def series_rows(result: BatchResult, pages: dict[tuple[int, int], str]) -> list[dict[str, Any]]:
    reports = result.corpus.reports
    previous = {s.current: s.previous for s in result.steps}
    containment = {(int(r["left"]), int(r["right"])): float(r["containment"]) for r in result.pairs}
    rows = []
    for s in result.series:
        for i in s.members:
            r = reports[i]
            row: dict[str, Any] = {"series": s.name, "agency": r.agency, "kind": r.kind,
                                   "year": r.year, "path": r.rel}
            p = previous.get(i)
            if p is not None:
                row.update(previous_year=reports[p].year, previous_path=reports[p].rel,
                           similarity=_round(result.similarity(p, i)),
                           containment=_round(containment.get((min(p, i), max(p, i)))),
                           page=pages.get((p, i)))
                if result.words is not None:
                    row.update({k: v for k, v in result.words.steps.get((p, i), {}).items()
                                if k in STEP_FIELDS})
            rows.append(row)
    return rows


def reuse_rows(result: BatchResult, cache: ParseCache) -> list[dict[str, Any]]:
    """The top passages, longest first, with the text (left report's wording) and sections."""
    reports = result.corpus.reports
    loaded: dict[int, tuple[str, np.ndarray, list[list[Any]]]] = {}

    def record_of(i: int) -> tuple[str, np.ndarray, list[list[Any]]]:
        """Text, clauses (with offsets) and sections of a report, from the parse cache."""
        if i not in loaded:
            row = cache.documents([reports[i].key], columns=("meta", "text", "clauses"))
            row_ = row.get(reports[i].key) or {}
            text = unpack_text(row_["text"]) if row_.get("text") else ""  # type: ignore[arg-type]
            clauses = unpack_clauses(row_["clauses"]) if row_.get("clauses") else np.zeros(0, CLAUSE_DTYPE)  # type: ignore[arg-type]
            sections = unpack_meta(row_["meta"])["sections"] if row_.get("meta") else []  # type: ignore[arg-type]
            loaded[i] = (text, clauses, sections)
        return loaded[i]

    bodies: dict[int, set[str]] = defaultdict(set)
    for p in result.passages:
        bodies[p.key].update((reports[p.left].body or reports[p.left].rel,
                              reports[p.right].body or reports[p.right].rel))
    passage_ids: dict[int, int] = {}
    rows = []
    for n, p in enumerate(result.passages, 1):
        left_section, left_heading, left_text = _where(record_of(p.left), p.left_clauses)
        right_section, right_heading, _ = _where(record_of(p.right), p.right_clauses)
        rows.append({
            "rank": n, "passage": passage_ids.setdefault(p.key, len(passage_ids) + 1),
            "chars": p.chars, "bodies": len(bodies[p.key]),
            "left": reports[p.left].rel, "left_agency": reports[p.left].agency,
            "left_section": left_section, "left_heading": left_heading,
            "right": reports[p.right].rel, "right_agency": reports[p.right].agency,
            "right_section": right_section, "right_heading": right_heading,
            "text": left_text,
        })
    return rows


def _where(record: tuple[str, np.ndarray, list[list[Any]]], span: tuple[int, int]) -> tuple[str, str, str]:
    """(section id, section title, passage text) of one side of a passage."""
    text, clauses, sections = record
    first, last = span
    if last > len(clauses):
        return "", "", ""
    start, end = int(clauses[first]["start"]), int(clauses[last - 1]["end"])
    index = int(clauses[first]["section"])
    section = sections[index] if index < len(sections) else ["", "", 0, 0]
    return str(section[0]), str(section[1]), text[start:end]
