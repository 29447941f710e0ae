"""What batch keeps of a parsed report, so that a rerun never parses the same bytes twice.

A `DocRecord` depends only on a file's bytes (and its suffix): metadata as the parser read
it, the cleaned text, the flat list of sections, the clauses (pieces of sentences between
punctuation marks: offsets, section, a hash of the matching view), the shingle hashes and
the MinHash sketch. Clauses, not sentences, are the units of text reuse: reports of
different bodies share formulas and passages inside sentences they otherwise word apart.
Where a file lives and what a manifest says about it are applied afterwards (`scan.Report`).

Everything is stored as JSON, UTF-8 text and plain numeric arrays: a cache is untrusted, and
nothing read back from it is ever executed (no pickle).
"""

from __future__ import annotations

import hashlib
import json
import re
import zlib
from dataclasses import dataclass
from typing import Any

import numpy as np

from compare.batch import shingles as sh
from compare.parsing.document import Document
from compare.text.tokens import compact

# Clauses as one structured array: offsets in Document.text, index into `sections`,
# length of the compact matching view, and a 64-bit hash of that view.
CLAUSE_DTYPE = np.dtype(
    [("start", "<u4"), ("end", "<u4"), ("section", "<u2"), ("chars", "<u2"), ("hash", "<u8")]
)

DOCUMENT_FIELDS = ("title", "agency", "year", "covers", "date", "kind", "script", "encoding")


@dataclass(frozen=True, slots=True)
class SectionSpan:
    id: str
    title: str  # numbering + heading as a reader sees it
    start: int
    end: int


@dataclass(slots=True)
class DocRecord:
    meta: dict[str, Any]  # DOCUMENT_FIELDS, "chars", "sections": [[id, title, start, end], ...]
    clauses: np.ndarray  # CLAUSE_DTYPE, reading order
    shingles: np.ndarray  # sorted unique uint32
    sketch: np.ndarray  # MinHash hash values, uint32
    text: str | None = None  # cleaned text; loaded only when a passage must be shown

    @property
    def sections(self) -> list[SectionSpan]:
        return [SectionSpan(*s) for s in self.meta.get("sections", [])]


# Clause ends: sentence ends and the marks that cut a sentence into clauses.
_CLAUSE_END = re.compile(r"[，,；;：:、。！？!?\n]+")


def unit_hash(simplified: str) -> int:
    """Stable 64-bit hash of a text's compact matching view (same in every process)."""
    return _compact_hash(compact(simplified))


def _compact_hash(view: str) -> int:
    return int.from_bytes(hashlib.blake2b(view.encode("utf-8"), digest_size=8).digest(), "little")


def record_from_document(doc: Document) -> DocRecord:
    sections = list(doc.walk())
    index = {s.id: i for i, s in enumerate(sections)}
    spans: list[tuple[int, int, int]] = []  # (start, end, section index)
    for sentence in doc.sentences():
        section = min(index.get(sentence.section_id, 0), 0xFFFF)
        cut = sentence.start
        for m in _CLAUSE_END.finditer(doc.text, sentence.start, sentence.end):
            if m.start() > cut:
                spans.append((cut, m.start(), section))
            cut = m.end()
        if cut < sentence.end:
            spans.append((cut, sentence.end, section))
    # columns filled at once (one structured-row assignment per clause was most of the loop)
    arr = np.zeros(len(spans), dtype=CLAUSE_DTYPE)
    if spans:
        columns = np.array(spans, dtype=np.int64)
        arr["start"], arr["end"], arr["section"] = columns[:, 0], columns[:, 1], columns[:, 2]
        views = [compact(doc.simplify(start, end)) for start, end, _ in spans]
        arr["chars"] = np.minimum(np.fromiter(map(len, views), dtype=np.int64, count=len(views)), 0xFFFF)
        arr["hash"] = np.fromiter((_compact_hash(v) for v in views), dtype=np.uint64, count=len(views))
    meta: dict[str, Any] = {key: getattr(doc, key) for key in DOCUMENT_FIELDS}
    meta["chars"] = len(doc.text)
    meta["sections"] = [[s.id, s.title, s.start, s.end] for s in sections]
    shingles = sh.shingle_hashes(doc.simplified)
    return DocRecord(meta, arr, shingles, sh.sketch(shingles), doc.text)


# -- stored form ---------------------------------------------------------------------------


def pack(record: DocRecord) -> dict[str, bytes]:
    """Columns of the cache row (compressed where it pays)."""
    return {
        "meta": json.dumps(record.meta, ensure_ascii=False).encode("utf-8"),
        "text": zlib.compress((record.text or "").encode("utf-8"), 6),
        "clauses": record.clauses.tobytes(),
        "shingles": sh.to_bytes(record.shingles),
        "sketch": sh.to_bytes(record.sketch),
    }


def unpack_meta(data: bytes) -> dict[str, Any]:
    meta = json.loads(data.decode("utf-8"))
    if not isinstance(meta, dict) or not isinstance(meta.get("sections"), list):
        raise ValueError("not a batch record")
    return meta


def unpack_clauses(data: bytes) -> np.ndarray:
    return np.frombuffer(data, dtype=CLAUSE_DTYPE)


# What text reuse keeps in memory of each clause (10 of its 20 bytes: 100,000 reports have
# some 100 million clauses); offsets and sections are read back for the passages shown.
REUSE_DTYPE = np.dtype([("hash", "<u8"), ("chars", "<u2")])


def reuse_view(clauses: np.ndarray) -> np.ndarray:
    out = np.empty(len(clauses), dtype=REUSE_DTYPE)
    out["hash"] = clauses["hash"]
    out["chars"] = clauses["chars"]
    return out


def unpack_text(data: bytes) -> str:
    return zlib.decompress(data).decode("utf-8")
