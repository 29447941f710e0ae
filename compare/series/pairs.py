"""Consecutive reports compared as `diff` does, kept as a small summary a series needs.

Each pair goes through `compare.comparison.diff.compare_documents` (section alignment, then
sentence changes); a `PairSummary` keeps the section pairs with their relation and score, the
sections only one side has, and the number of substantive sentence changes of each pair.
Summaries are stored in the batch parse cache (`compare.batch.cache.ParseCache`, table
`extras`) under the SHA-256 of both cleaned texts and a fingerprint of the parser and the
comparison code, so a rerun over the same reports compares nothing again. The observations
of each report and the commitments of each pair (`compare.series.build`) are kept beside them
under keys of the same kind (`observations_key`, `commitments_key`: the texts, years and paths,
and a fingerprint of every series and compare/text module).
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from functools import lru_cache

from compare.batch.cache import code_fingerprint
from compare.comparison.diff import compare_documents
from compare.files.fingerprint import source_fingerprint
from compare.parsing.document import Document

SUMMARY_FORMAT = "series-pair-3"  # 2: summaries were once stored under the wrong pair; 3: score parts
SERIES_FORMAT = "series-pieces-1"  # observations and commitments (compare.series.build)
_COMPARISON_MODULES = (
    "comparison/align.py", "comparison/results.py", "comparison/diff/assemble.py",
    "comparison/diff/sentences.py", "comparison/diff/classify.py", "series/pairs.py",
)


@dataclass(slots=True)
class SectionLink:
    left_id: str
    right_id: str
    relation: str  # same | renamed | moved | split | merged
    score: float  # 0..1, the aligner's combined score
    changes: int = 0  # substantive sentence changes in this pair
    content: float = 0.0  # the aligner's content score (TF-IDF cosine of bigrams), 0..1
    function: float = 0.0  # the aligner's template-function score (-1 differ … 1.67 same chapter)


@dataclass(slots=True)
class PairSummary:
    """What a series keeps of the comparison of two consecutive reports."""

    links: list[SectionLink]
    left_only: list[str]
    right_only: list[str]
    similarity: float  # whole-document similarity, 0..1
    changes: int = 0  # substantive sentence changes over the whole pair
    counts: dict[str, int] = field(default_factory=dict)  # sentence changes by kind

    def to_json(self) -> str:
        return json.dumps({
            "links": [[k.left_id, k.right_id, k.relation, k.score, k.changes, k.content, k.function]
                      for k in self.links],
            "left_only": self.left_only, "right_only": self.right_only,
            "similarity": self.similarity, "changes": self.changes, "counts": self.counts,
        }, ensure_ascii=False)

    @classmethod
    def from_json(cls, text: str) -> PairSummary:
        d = json.loads(text)
        return cls([SectionLink(str(a), str(b), str(c), float(s), int(n), float(t), float(f))
                    for a, b, c, s, n, t, f in d["links"]],
                   [str(x) for x in d["left_only"]], [str(x) for x in d["right_only"]],
                   float(d["similarity"]), int(d["changes"]), {str(k): int(v) for k, v in d["counts"].items()})


@lru_cache(maxsize=1)
def _fingerprint() -> str:
    return source_fingerprint(_COMPARISON_MODULES, f"{SUMMARY_FORMAT}:{code_fingerprint()}")


def summary_key(left: Document, right: Document) -> str:
    """Cache key of a pair: both cleaned texts and the code that compares them."""
    return f"series-pair:{left.text_hash}:{right.text_hash}:{_fingerprint()}"


@lru_cache(maxsize=1)
def _series_fingerprint() -> str:
    """The parser, the comparison, every module of the series and of compare/text, and the
    policy-topic and indicator-name lexicons: what observations and commitments are computed by."""
    return source_fingerprint(("series", "text", "data/policy_topics.yaml", "data/indicator_names.yaml"),
                              f"{SERIES_FORMAT}:{_fingerprint()}")


def observations_key(doc: Document) -> str:
    """Cache key of one report's observations: its cleaned text, its year, its path (each
    value names the file it came from) and the code."""
    path = hashlib.sha256(doc.path.encode("utf-8")).hexdigest()[:16]
    return f"series-observations:{doc.text_hash}:{doc.year}:{path}:{_series_fingerprint()}"


def commitments_key(left: Document, right: Document) -> str:
    """Cache key of the commitments of a pair: both texts, years, paths and the code."""
    paths = hashlib.sha256(f"{left.path}\0{right.path}".encode("utf-8")).hexdigest()[:16]
    return (f"series-commitments:{left.text_hash}:{left.year}:{right.text_hash}:{right.year}:{paths}:"
            f"{_series_fingerprint()}")


def summarise(left: Document, right: Document) -> PairSummary:
    """Compare two reports (align + diff) and keep the summary."""
    comparison = compare_documents(left, right)
    alignment = comparison.alignment
    per_pair = {(d.left_id, d.right_id): d.substantive_count for d in comparison.sections}
    links = [
        SectionLink(p.left_id, p.right_id, p.relation, round(p.score, 4), per_pair.get((p.left_id, p.right_id), 0),
                    p.content_score, p.function_score)
        for p in alignment.pairs
    ]
    return PairSummary(links, list(alignment.left_only), list(alignment.right_only),
                       round(alignment.similarity, 4),
                       sum(d.substantive_count for d in comparison.sections),
                       {str(kind): n for kind, n in comparison.kind_counts().items()})
