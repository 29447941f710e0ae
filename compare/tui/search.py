"""Find a string in both reports, whatever script the reviewer types it in.

The query and the reports are compared in the matching view (simplified, NFKC widths), so
「發展」 finds 发展 and ５% finds 5%; hits are offsets into each `Document.text`.
"""

from __future__ import annotations

from dataclasses import dataclass

from compare.parsing.document import Document
from compare.parsing.normalise import simplify

MAX_HITS = 2000


@dataclass(frozen=True, slots=True)
class Hit:
    side: str  # left | right
    start: int  # offsets into Document.text
    end: int


def find_in(doc: Document, side: str, query: str, limit: int = MAX_HITS) -> list[Hit]:
    needle = simplify(query.strip())
    if not needle:
        return []
    hits: list[Hit] = []
    at = doc.simplified.find(needle)
    while at >= 0 and len(hits) < limit:
        start = doc.simplified_to_text(at)
        end = doc.simplified_to_text(at + len(needle) - 1) + 1
        hits.append(Hit(side, start, max(end, start + 1)))
        at = doc.simplified.find(needle, at + len(needle))
    return hits


def search(left: Document, right: Document, query: str) -> list[Hit]:
    """Hits in the left report, then in the right, each in reading order."""
    return find_in(left, "left", query) + find_in(right, "right", query)
