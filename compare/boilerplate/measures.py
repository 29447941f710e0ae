"""Document measures of boilerplate, specificity, redundancy and stickiness.

- boilerplate share (Lang & Stice-Lawrence 2015): share of words in sentences that contain a
  boilerplate phrase of the reference set; beside it, the share of words in sentences the
  full model labels boilerplate (phrases, lexicon and specificity together);
- specificity (Hope, Hu & Lu 2016): specific tokens per word;
- redundancy (after Cazier & Pfeiffer 2016): share of word 10-grams that occur more than once
  in the report;
- stickiness: share of a report's word 8-grams already in another report (last year's, say).
N-grams never cross sentence boundaries.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import asdict, dataclass
from functools import lru_cache

import numpy as np

from compare.boilerplate.lexicon import Lexicon
from compare.boilerplate.model import BoilerplateModel, SentenceLabel
from compare.boilerplate.words import sentence_words
from compare.parsing.document import Document

REDUNDANCY_N = 10
STICKINESS_N = 8


@dataclass(frozen=True, slots=True)
class BoilerplateMeasures:
    words: int
    sentences: int
    boilerplate_share: float  # L&SL: words in sentences with a shared phrase
    boilerplate_label_share: float  # words in sentences labelled boilerplate
    boilerplate_sentences: int
    specificity: float  # specific tokens per word
    specific_tokens: int
    redundancy: float
    reference: str  # the reference set used ("" = all reports)
    reference_documents: int

    def to_dict(self) -> dict[str, object]:
        return {k: (round(v, 4) if isinstance(v, float) else v) for k, v in asdict(self).items()}


def boilerplate_measures(
    doc: Document,
    model: BoilerplateModel,
    labels: list[SentenceLabel] | None = None,
    lexicon: Lexicon | None = None,
) -> BoilerplateMeasures:
    """Measures of one report's sentences, a table's rows left out (`Document.table_rows`: tables
    are compared cell by cell); pass `labels` from `model.classify(doc)` to avoid classifying
    twice."""
    labels = labels if labels is not None else model.classify(doc, lexicon)
    key, table = model.reference_for(doc)
    rows = doc.table_rows()  # compared cell by cell, not judged as sentences
    labels = [lab for lab in labels if lab.sentence_id not in rows]
    by_id = {lab.sentence_id: lab for lab in labels}
    total = with_phrase = labelled = specific = 0
    for sentence in doc.sentences():
        if sentence.id in rows:
            continue
        n = len(sentence_words(sentence.simplified).words)
        total += n
        lab = by_id.get(sentence.id)
        if lab is None:
            continue
        if any(e.kind == "phrase" for e in lab.evidence):
            with_phrase += n
        if lab.is_boilerplate:
            labelled += n
        specific += sum(1 for e in lab.evidence if e.kind == "specific")
    return BoilerplateMeasures(
        words=total,
        sentences=len(labels),
        boilerplate_share=with_phrase / total if total else 0.0,
        boilerplate_label_share=labelled / total if total else 0.0,
        boilerplate_sentences=sum(1 for lab in labels if lab.is_boilerplate),
        specificity=specific / total if total else 0.0,
        specific_tokens=specific,
        redundancy=redundancy(doc),
        reference=key,
        reference_documents=table.documents,
    )


# A word n-gram is counted in numpy by a 64-bit key (sum of its words' numbers times fixed odd
# multipliers, wrapping), and every key shared by two n-grams is checked against their words:
# two different n-grams with one key (never seen) send the count back to the Python Counter of
# word tuples, which defines the measures. The Counter was a tenth of batch's word measures.
_VOCABULARY: dict[str, int] = {}  # word → its number, for the life of the process
_MULTIPLIERS = np.random.default_rng(20261130).integers(1, 2**63, size=16, dtype=np.uint64) * np.uint64(2) + np.uint64(1)


@lru_cache(maxsize=65536)
def _sentence_numbers(simplified: str) -> np.ndarray:
    """(words,) int64: the numbers of the sentence's words (`sentence_words`), read-only."""
    words = sentence_words(simplified).words
    vocab = _VOCABULARY
    out = np.fromiter((vocab.setdefault(w, len(vocab)) for w in words), dtype=np.int64, count=len(words))
    out.flags.writeable = False
    return out


@dataclass(frozen=True, slots=True)
class WordGrams:
    """A report's word n-grams, sentence by sentence (`tokens.ngrams`: never across a sentence
    end), in order: `rows` (m, n) int64, the words' numbers of each n-gram (numbers of this
    process: compare only grams of one process); `keys` (m,) uint64, a key per n-gram, equal
    for equal n-grams (different n-grams may share one: `_distinct` checks); `doc` and `n`
    for the Counter route."""

    rows: np.ndarray
    keys: np.ndarray
    doc: Document
    n: int


def word_ngrams(doc: Document, n: int) -> WordGrams:
    """The report's word n-grams (see `WordGrams`); n ≤ 16."""
    parts = [_sentence_numbers(s.simplified) for s in doc.sentences()]
    parts = [p for p in parts if len(p) >= n]
    if not parts:
        return WordGrams(np.zeros((0, n), dtype=np.int64), np.zeros(0, dtype=np.uint64), doc, n)
    numbers = np.concatenate(parts)
    lengths = np.fromiter((len(p) for p in parts), dtype=np.int64, count=len(parts))
    ends = np.repeat(np.cumsum(lengths), lengths)  # where each word's sentence ends
    starts = np.flatnonzero(np.arange(len(numbers) - n + 1) + n <= ends[: len(numbers) - n + 1])
    rows = np.lib.stride_tricks.sliding_window_view(numbers, n)[starts]
    keys = np.zeros(len(rows), dtype=np.uint64)
    unsigned = rows.astype(np.uint64)
    for k in range(n):
        keys += unsigned[:, k] * _MULTIPLIERS[k]
    return WordGrams(rows, keys, doc, n)


def _distinct(grams: WordGrams) -> tuple[np.ndarray, np.ndarray, np.ndarray] | None:
    """(keys, counts, first): the distinct n-grams' keys (sorted), how often each occurs, and
    the row of one of them; None when two different n-grams share a key."""
    order = np.argsort(grams.keys, kind="stable")
    keys = grams.keys[order]
    if not len(keys):
        return keys, np.zeros(0, dtype=np.int64), order
    same = keys[1:] == keys[:-1]
    if same.any():
        rows = grams.rows[order]
        if not (rows[1:][same] == rows[:-1][same]).all():
            return None
    starts = np.flatnonzero(np.r_[True, ~same])
    counts = np.diff(np.r_[starts, len(keys)])
    return keys[starts], counts, order[starts]


def _counted(doc: Document, n: int) -> Counter[tuple[str, ...]]:
    """The report's word n-grams as tuples, counted: the definition, and the route taken when
    two n-grams share a key."""
    counts: Counter[tuple[str, ...]] = Counter()
    for sentence in doc.sentences():
        w = sentence_words(sentence.simplified).words
        if len(w) >= n:  # the same tuples as `ngrams(w, n)`, built by zip in C
            counts.update(zip(*[w[i:] for i in range(n)]))
    return counts


def redundancy(doc: Document, n: int = REDUNDANCY_N) -> float:
    """Share of the report's word n-grams that occur more than once in it."""
    distinct = _distinct(word_ngrams(doc, n))
    if distinct is None:
        counted = _counted(doc, n)
        total = sum(counted.values())
        repeated = sum(c for c in counted.values() if c > 1)
    else:
        counts = distinct[1]
        total, repeated = int(counts.sum()), int(counts[counts > 1].sum())
    return repeated / total if total else 0.0


def stickiness(doc: Document, other: Document, n: int = STICKINESS_N) -> float:
    """Share of `doc`'s word n-grams (occurrences) that `other` also has: text carried over."""
    return carried_share(word_ngrams(doc, n), word_ngrams(other, n))


def carried_share(mine: WordGrams, theirs: WordGrams) -> float:
    """`stickiness` from the two reports' `word_ngrams` of one process (batch counts each
    report's once for the step that reaches it and the step that leaves it)."""
    total = len(mine.keys)
    if not total:
        return 0.0
    distinct = _distinct(theirs)
    if distinct is None:
        counted, other = _counted(mine.doc, mine.n), _counted(theirs.doc, theirs.n)
        return sum(c for g, c in counted.items() if g in other) / total
    keys, _, first = distinct
    if not len(keys):
        return 0.0
    at = np.minimum(np.searchsorted(keys, mine.keys), len(keys) - 1)
    hit = np.flatnonzero(keys[at] == mine.keys)
    # a key of theirs stands for one n-gram (checked): an n-gram of mine with that key is it or no n-gram of theirs
    carried = int((mine.rows[hit] == theirs.rows[first[at[hit]]]).all(axis=1).sum())
    return carried / total
