"""Find a string in both reports, whatever script the reviewer types it in.

The query and the reports are compared in the matching view (simplified, NFKC widths, regional
variants folded), so 「發展」 finds 发展, 衞生署 and 卫生署 find each other on either side and ５%
finds 5%. The query is tried in each form a report's view can hold it (`query_forms`: its own
script, t2s, hk2s, tw2s), so 乾安县 finds a Simplified 乾安县 and a Traditional 乾安縣 alike; hits
are offsets into each `Document.text`.
"""

from __future__ import annotations

from dataclasses import dataclass

from compare.parsing.document import Document
from compare.parsing.normalise import query_forms

MAX_HITS = 2000


@dataclass(frozen=True, slots=True)
class Hit:
    side: str  # left | right
    start: int  # offsets into Document.text
    end: int


def find_in(doc: Document, side: str, query: str, limit: int = MAX_HITS) -> list[Hit]:
    spans: dict[int, int] = {}  # start → end in the view; the longest form found there wins
    for needle in query_forms(query.strip()):
        at = doc.simplified.find(needle)
        while at >= 0 and len(spans) < limit:
            spans[at] = max(spans.get(at, 0), at + len(needle))
            at = doc.simplified.find(needle, at + len(needle))
    hits: list[Hit] = []
    covered = -1
    for at in sorted(spans)[:limit]:
        if at < covered:
            continue  # inside a hit already found
        start = doc.simplified_to_text(at)
        end = doc.simplified_to_text(spans[at] - 1) + 1
        hits.append(Hit(side, start, max(end, start + 1)))
        covered = spans[at]
    return hits


def search(left: Document, right: Document, query: str) -> list[Hit]:
    """Hits in the left report, then in the right, each in reading order."""
    return find_in(left, "left", query) + find_in(right, "right", query)
