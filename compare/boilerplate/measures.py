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


def word_ngrams(doc: Document, n: int) -> Counter[tuple[str, ...]]:
    """The report's word n-grams, sentence by sentence (`tokens.ngrams`), counted."""
    counts: Counter[tuple[str, ...]] = Counter()
    for sentence in doc.sentences():
        w = sentence_words(sentence.simplified).words
        if len(w) >= n:  # the same tuples as `ngrams(w, n)`, built by zip in C
            counts.update(zip(*[w[i:] for i in range(n)]))
    return counts


def redundancy(doc: Document, n: int = REDUNDANCY_N) -> float:
    """Share of the report's word n-grams that occur more than once in it."""
    counts = word_ngrams(doc, n)
    total = sum(counts.values())
    repeated = sum(c for c in counts.values() if c > 1)
    return repeated / total if total else 0.0


def stickiness(doc: Document, other: Document, n: int = STICKINESS_N) -> float:
    """Share of `doc`'s word n-grams (occurrences) that `other` also has: text carried over."""
    return carried_share(word_ngrams(doc, n), word_ngrams(other, n))


def carried_share(mine: Counter[tuple[str, ...]], theirs: Counter[tuple[str, ...]]) -> float:
    """`stickiness` from the two reports' `word_ngrams` (batch counts each report's once for
    the step that reaches it and the step that leaves it)."""
    total = sum(mine.values())
    carried = sum(c for g, c in mine.items() if g in theirs)
    return carried / total if total else 0.0
