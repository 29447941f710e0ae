"""Corpus phrase statistics after Lang & Stice-Lawrence (2015).

A boilerplate phrase is a word 4-gram (jieba words, counted inside sentences) whose document
frequency in the reference set is at least 30% and below 75% of its documents, or that
occurs on average five or more times per document. The band is relative to the size of the
reference set, as published: an absolute count (as one Python package uses) makes the measure
depend on how many reports happen to be in the corpus.

Alongside, the corpus tells which names and quoted terms many reports share (国务院, “放管服”),
so that specificity does not mistake them for this agency's own.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass, field
from typing import Iterable

from compare.boilerplate.specificity import PROPER_TAGS, quote_spans
from compare.boilerplate.words import tag_table
from compare.parsing.document import Document
from compare.text.tokens import words

N = 4
BAND_LOW = 0.30  # document frequency share, inclusive
BAND_HIGH = 0.75  # exclusive
MEAN_COUNT = 5.0  # or this many occurrences per document on average
MIN_REFERENCE = 5  # fewer reports than this cannot tell a formula from a coincidence
SEP = " "


def phrase_key(words: Iterable[str]) -> str:
    return SEP.join(words)


@dataclass(slots=True)
class DocumentStats:
    """What one report contributes to the corpus statistics."""

    group: str  # its reference set (report kind, agency, or "")
    grams: Counter[str]  # 4-gram key → occurrences in the report
    names: set[str]  # proper-noun and unknown words
    quotes: set[str]  # quoted terms


def document_stats(doc: Document, group: str = "") -> DocumentStats:
    grams: Counter[str] = Counter()
    names: set[str] = set()
    quotes: set[str] = set()
    tags = tag_table()
    proper = PROPER_TAGS | {""}
    for sentence in doc.sentences():
        toks = words(sentence.simplified)  # offsets and tags of every word are not needed here
        if len(toks) >= N:
            grams.update([SEP.join(toks[i : i + N]) for i in range(len(toks) - N + 1)])
        names.update(w for w in toks if len(w) >= 2 and tags.get(w, "") in proper)
        quotes.update(inner.strip() for _, _, inner in quote_spans(sentence.simplified))
    return DocumentStats(group, grams, names, quotes)


@dataclass(slots=True)
class PhraseTable:
    """The boilerplate phrases of one reference set, with their document frequency."""

    documents: int
    phrases: dict[str, tuple[int, int]] = field(default_factory=dict)  # key → (df, occurrences)

    def get(self, key: str) -> tuple[int, int] | None:
        return self.phrases.get(key)


def in_band(df: int, occurrences: int, documents: int) -> bool:
    """Lang & Stice-Lawrence's rule, with the thresholds as shares of the reference set."""
    if documents <= 0:
        return False
    share = df / documents
    return (BAND_LOW <= share < BAND_HIGH) or occurrences / documents >= MEAN_COUNT


def phrase_table(stats: Iterable[DocumentStats]) -> PhraseTable:
    df: Counter[str] = Counter()
    total: Counter[str] = Counter()
    documents = 0
    for s in stats:
        documents += 1
        df.update(s.grams.keys())
        total.update(s.grams)
    phrases = {
        key: (d, total[key]) for key, d in df.items() if in_band(d, total[key], documents)
    }
    return PhraseTable(documents, phrases)


def common_threshold(documents: int) -> int:
    """How many reports must share a name before it is nobody's own: 3, or 2% of a big corpus."""
    return max(3, math.ceil(0.02 * documents))


def shared_terms(sets: Iterable[set[str]], documents: int) -> dict[str, int]:
    """Terms found in at least `common_threshold` reports, with their document frequency."""
    counts: Counter[str] = Counter()
    for s in sets:
        counts.update(s)
    need = common_threshold(documents)
    return {term: n for term, n in counts.items() if n >= need}
