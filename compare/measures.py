"""The four year-over-year similarities of "Lazy Prices" (Cohen, Malloy & Nguyen, 2020).

Each is computed on jieba words of the matching view (headings and sentences in reading
order, punctuation dropped) and lies in [0, 1], 1 for identical documents:

- cosine: cosine of the two term-frequency vectors;
- jaccard: |words in both| / |words in either|, on word sets;
- edit: 1 − minimum edit distance (insert, delete, substitute a word) / length of the longer
  word sequence — rapidfuzz's bit-parallel Levenshtein over word ids, so never per character;
- simple: the "diff" measure: sentences play the lines of a side-by-side diff (rapidfuzz Indel
  opcodes over the two sentence lists); the words of both documents in unchanged sentences,
  over all the words of both.

Words come per sentence from `compare.tokens.words`, whose cache the diff and batch reports
share, so a document is segmented once per process.
"""

from __future__ import annotations

import math
from collections import Counter

from compare.comparison import DocumentMeasures
from compare.document import Document


def document_units(doc: Document) -> list[str]:
    """Headings and sentences of `doc` in reading order, in the matching view."""
    units: list[str] = []
    for section in doc.walk():
        if section.heading_simplified:
            units.append(section.heading_simplified)
        units.extend(s.simplified for s in section.sentences)
    return units


def _unit_words(units: list[str]) -> list[tuple[str, ...]]:
    from compare.tokens import words

    return [words(u) for u in units]


def cosine(a: Counter[str], b: Counter[str]) -> float:
    if not a or not b:
        return 1.0 if not a and not b else 0.0
    if len(b) < len(a):
        a, b = b, a
    dot = sum(n * b[w] for w, n in a.items() if w in b)
    norm = math.sqrt(sum(n * n for n in a.values())) * math.sqrt(sum(n * n for n in b.values()))
    return min(dot / norm, 1.0)


def jaccard(a: set[str], b: set[str]) -> float:
    if not a and not b:
        return 1.0
    return len(a & b) / len(a | b)


def edit_similarity(a: list[str], b: list[str]) -> float:
    """1 − Levenshtein distance over words / the longer length (rapidfuzz, bit-parallel)."""
    from rapidfuzz.distance import Levenshtein

    if not a and not b:
        return 1.0
    ids: dict[str, int] = {}
    ia = [ids.setdefault(w, len(ids)) for w in a]
    ib = [ids.setdefault(w, len(ids)) for w in b]
    return float(Levenshtein.normalized_similarity(ia, ib))


def simple_similarity(a_units: list[tuple[str, ...]], b_units: list[tuple[str, ...]]) -> float:
    """Share of the words of both documents that sit in sentences a line diff keeps."""
    from rapidfuzz.distance import Indel

    total = sum(map(len, a_units)) + sum(map(len, b_units))
    if total == 0:
        return 1.0
    ids: dict[tuple[str, ...], int] = {}
    ia = [ids.setdefault(u, len(ids)) for u in a_units]
    ib = [ids.setdefault(u, len(ids)) for u in b_units]
    kept = 0
    for op in Indel.opcodes(ia, ib):
        if op.tag == "equal":
            kept += sum(len(u) for u in a_units[op.src_start : op.src_end])
            kept += sum(len(u) for u in b_units[op.dest_start : op.dest_end])
    return kept / total


def document_measures(left: Document, right: Document) -> DocumentMeasures:
    """The four Lazy Prices similarities of two reports, each in [0, 1]."""
    left_units = _unit_words(document_units(left))
    right_units = _unit_words(document_units(right))
    left_words = [w for u in left_units for w in u]
    right_words = [w for u in right_units for w in u]
    return DocumentMeasures(
        cosine=round(cosine(Counter(left_words), Counter(right_words)), 4),
        jaccard=round(jaccard(set(left_words), set(right_words)), 4),
        edit=round(edit_similarity(left_words, right_words), 4),
        simple=round(simple_similarity(left_units, right_units), 4),
    )
