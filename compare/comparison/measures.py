"""The four year-over-year similarities of "Lazy Prices" (Cohen, Malloy & Nguyen, 2020).

Each is computed on jieba words of the matching view (headings and sentences in reading
order, punctuation dropped) and lies in [0, 1], 1 for identical documents:

- cosine: cosine of the two term-frequency vectors;
- jaccard: |words in both| / |words in either|, on word sets;
- edit: 1 − minimum edit distance (insert, delete, substitute a word) / length of the longer
  word sequence — rapidfuzz's bit-parallel Levenshtein over word ids between the sentences
  both keep verbatim, so never per character and never over text carried over;
- simple: the "diff" measure: sentences play the lines of a side-by-side diff (rapidfuzz Indel
  opcodes over the two sentence lists); the words of both documents in unchanged sentences,
  over all the words of both.

Words come per sentence from `compare.text.tokens.words`, whose cache the diff and batch reports
share, so a document is segmented once per process.
"""

from __future__ import annotations

import math
from collections import Counter

from rapidfuzz.distance import Indel, Levenshtein

from compare.comparison.results import Similarities
from compare.parsing.document import Document
from compare.text.tokens import words


def document_units(doc: Document) -> list[str]:
    """Headings and sentences of `doc` in reading order, in the matching view."""
    units: list[str] = []
    for section in doc.walk():
        if section.heading_simplified:
            units.append(section.heading_simplified)
        units.extend(s.simplified for s in section.sentences)
    return units


def _unit_words(units: list[str]) -> list[tuple[str, ...]]:
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


def edit_similarity(a_units: list[tuple[str, ...]], b_units: list[tuple[str, ...]]) -> float:
    """1 − word-level Levenshtein distance / the longer document's words.

    Exact (rapidfuzz's bit-parallel Levenshtein over word ids) up to EXACT_WORD_PAIRS word
    pairs, reports of some 40,000 characters. Beyond, sentences both documents keep verbatim
    are anchors (a line diff finds them, as the simple measure does) and the exact distance is
    computed between anchors; a changed stretch still too large is scored by its sentence-level
    edits, each weighted by the words it touches. Both are upper bounds of the exact distance.
    """

    total_a, total_b = sum(map(len, a_units)), sum(map(len, b_units))
    if total_a == 0 and total_b == 0:
        return 1.0
    words: dict[str, int] = {}
    distance = 0
    whole = [(a_units, b_units)] if total_a * total_b <= EXACT_WORD_PAIRS else None
    for a_part, b_part in whole or _changed_stretches(a_units, b_units):
        wa = [words.setdefault(w, len(words)) for u in a_part for w in u]
        wb = [words.setdefault(w, len(words)) for u in b_part for w in u]
        if not wa or not wb:
            distance += len(wa) + len(wb)
        elif len(wa) * len(wb) <= EXACT_WORD_PAIRS:
            distance += Levenshtein.distance(wa, wb)
        else:
            distance += min(_sentence_edits(a_part, b_part), max(len(wa), len(wb)))
    return 1.0 - min(distance, max(total_a, total_b)) / max(total_a, total_b)


# Word pairs (len × len) up to which a changed stretch gets the exact word distance (about
# 20 ms with rapidfuzz's bit-parallel Levenshtein).
EXACT_WORD_PAIRS = 100_000_000


def _unit_ids(a_units, b_units) -> tuple[list[int], list[int]]:
    ids: dict[tuple[str, ...], int] = {}
    return ([ids.setdefault(u, len(ids)) for u in a_units], [ids.setdefault(u, len(ids)) for u in b_units])


def _changed_stretches(a_units, b_units):
    """(left units, right units) of each stretch between sentences kept verbatim."""

    ia, ib = _unit_ids(a_units, b_units)
    a0 = b0 = 0
    for op in Indel.opcodes(ia, ib):
        if op.tag != "equal":
            continue
        if op.src_start > a0 or op.dest_start > b0:
            yield a_units[a0 : op.src_start], b_units[b0 : op.dest_start]
        a0, b0 = op.src_end, op.dest_end
    if a0 < len(a_units) or b0 < len(b_units):
        yield a_units[a0:], b_units[b0:]


def _sentence_edits(a_part, b_part) -> int:
    """Levenshtein over sentences, each operation costing the words it touches."""

    ia, ib = _unit_ids(a_part, b_part)
    cost = 0
    for op in Levenshtein.editops(ia, ib):
        if op.tag == "replace":
            cost += max(len(a_part[op.src_pos]), len(b_part[op.dest_pos]))
        elif op.tag == "delete":
            cost += len(a_part[op.src_pos])
        else:
            cost += len(b_part[op.dest_pos])
    return cost


def simple_similarity(a_units: list[tuple[str, ...]], b_units: list[tuple[str, ...]]) -> float:
    """Share of the words of both documents that sit in sentences a line diff keeps."""

    total = sum(map(len, a_units)) + sum(map(len, b_units))
    if total == 0:
        return 1.0
    ia, ib = _unit_ids(a_units, b_units)
    kept = 0
    for op in Indel.opcodes(ia, ib):
        if op.tag == "equal":
            kept += sum(len(u) for u in a_units[op.src_start : op.src_end])
            kept += sum(len(u) for u in b_units[op.dest_start : op.dest_end])
    return kept / total


def similarities(left: Document, right: Document) -> Similarities:
    """The four Lazy Prices similarities of two reports, each in [0, 1]."""
    left_units = _unit_words(document_units(left))
    right_units = _unit_words(document_units(right))
    left_words = [w for u in left_units for w in u]
    right_words = [w for u in right_units for w in u]
    return Similarities(
        cosine=round(cosine(Counter(left_words), Counter(right_words)), 4),
        jaccard=round(jaccard(set(left_words), set(right_words)), 4),
        edit=round(edit_similarity(left_units, right_units), 4),
        simple=round(simple_similarity(left_units, right_units), 4),
    )
