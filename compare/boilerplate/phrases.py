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

from compare.boilerplate.specificity import PROPER_TAGS, is_content_word, named_things, quote_spans
from compare.boilerplate.words import sentence_words, tag_table
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
    year: int  # the year of the report (`UNDATED` when unknown)
    grams: Counter[str]  # 4-gram key → occurrences in the report
    names: set[str]  # proper-noun and unknown words
    quotes: set[str]  # quoted terms
    things: set[str] = field(default_factory=set)  # named places and programmes (specificity.named_things)
    vocabulary: set[str] = field(default_factory=set)  # content words (specificity.is_content_word)


def document_stats(doc: Document, group: str = "") -> DocumentStats:
    """The 4-grams, names, quoted terms and named things of a report (its year from `Document.year`)."""
    grams: Counter[str] = Counter()
    things: set[str] = set()
    vocabulary: set[str] = set()
    names: set[str] = set()
    quotes: set[str] = set()
    tags = tag_table()
    proper = PROPER_TAGS | {""}
    for sentence in doc.sentences():
        toks = words(sentence.simplified)  # offsets and tags of every word are not needed here
        if len(toks) >= N:
            grams.update([SEP.join(toks[i : i + N]) for i in range(len(toks) - N + 1)])
        names.update(w for w in toks if len(w) >= 2 and tags.get(w, "") in proper)
        vocabulary.update(w for w in toks if is_content_word(w, tags.get(w, "")))
        quotes.update(inner.strip() for _, _, inner in quote_spans(sentence.simplified))
        sw = sentence_words(sentence.simplified)
        things.update(sw.text[a:b] for a, b, _ in named_things(sw))
    return DocumentStats(group, doc.year or UNDATED, grams, names, quotes, things, vocabulary)


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


UNDATED = 0  # the year key of reports whose year is unknown: counted at every cutoff


class YearlyCounts:
    """Document frequency (and occurrences) of terms, by the year of the reports that hold them.

    What makes a reference set without look-ahead: `until(year)` counts only reports of that
    year or earlier (plus reports of unknown year), so a phrase that first appears in a report
    and is copied by later ones is not shared when that report is judged. Terms held by a
    single report are dropped (they are in no band once a set has `MIN_REFERENCE` reports)
    unless they recur `MEAN_COUNT × MIN_REFERENCE` times.
    """

    def __init__(self) -> None:
        self.documents: Counter[int] = Counter()  # year → reports
        # term → flat [year, df, occurrences, year, df, occurrences, …], years ascending
        self.terms: dict[str, list[int]] = {}

    @classmethod
    def count(cls, by_year: dict[int, tuple[int, Counter[str], Counter[str]]]) -> YearlyCounts:
        """From {year: (reports, df, occurrences)} accumulated while the corpus was read."""
        out = cls()
        years = sorted(by_year)
        df_all: Counter[str] = Counter()
        total_all: Counter[str] = Counter()
        for year in years:
            n, df, total = by_year[year]
            out.documents[year] = n
            df_all.update(df)
            total_all.update(total)
        keep = {
            t for t, d in df_all.items() if d >= 2 or total_all[t] >= MEAN_COUNT * MIN_REFERENCE
        }
        for year in years:
            _, df, total = by_year[year]
            for term, d in df.items():
                if term in keep:
                    out.terms.setdefault(term, []).extend((year, d, total[term]))
        return out

    def documents_until(self, year: int | None) -> int:
        return sum(n for y, n in self.documents.items() if year is None or y <= year or y == UNDATED)

    def until(self, term: str, year: int | None) -> tuple[int, int]:
        """(df, occurrences) among reports of `year` or earlier (all reports for None)."""
        flat = self.terms.get(term)
        if not flat:
            return 0, 0
        df = total = 0
        for i in range(0, len(flat), 3):
            y = flat[i]
            if year is None or y <= year or y == UNDATED:
                df += flat[i + 1]
                total += flat[i + 2]
        return df, total

    def table(self, year: int | None) -> PhraseTable:
        """The phrases in the band among the reports of `year` or earlier."""
        n = self.documents_until(year)
        phrases = {}
        for term in self.terms:
            df, total = self.until(term, year)
            if df and in_band(df, total, n):
                phrases[term] = (df, total)
        return PhraseTable(n, phrases)

    def to_json(self) -> dict[str, object]:
        return {"documents": {str(y): n for y, n in sorted(self.documents.items())}, "terms": self.terms}

    @classmethod
    def from_json(cls, data: dict[str, object]) -> YearlyCounts:
        out = cls()
        out.documents = Counter({int(y): int(n) for y, n in data["documents"].items()})  # type: ignore[attr-defined]
        out.terms = {str(k): [int(x) for x in v] for k, v in data["terms"].items()}  # type: ignore[attr-defined]
        return out


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


def group_key(doc: Document, group_by: str) -> str:
    """The reference set of a report: its kind, its agency, or "" (the whole corpus)."""
    if group_by == "kind":
        return doc.kind or ""
    if group_by == "agency":
        return doc.agency or ""
    return ""
