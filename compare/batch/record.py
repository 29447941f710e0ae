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
from functools import lru_cache
from typing import Any

import numpy as np

from compare.batch import shingles as sh
from compare.parsing.document import Document, Section, Sentence
from compare.text.tokens import NOT_TEXT, compact

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
_CLAUSE_END_MARKS = "，,；;：:、。！？!?\n"
_CLAUSE_END = re.compile(f"[{re.escape(_CLAUSE_END_MARKS)}]+")


def unit_hash(simplified: str) -> int:
    """Stable 64-bit hash of a text's compact matching view (same in every process)."""
    return _compact_hash(compact(simplified))


def _compact_hash(view: str) -> int:
    return int.from_bytes(hashlib.blake2b(view.encode("utf-8"), digest_size=8).digest(), "little")


@lru_cache(maxsize=1)
def _kept_table() -> np.ndarray:
    """Which characters of the Basic Multilingual Plane `compact` keeps (40 ms, once a process)."""
    plane = "".join("a" if 0xD800 <= i < 0xE000 else chr(i) for i in range(0x10000))
    kept = np.ones(0x10000, dtype=bool)
    for m in NOT_TEXT.finditer(plane):
        kept[m.start() : m.end()] = False
    return kept


def _compact_codes(view: str) -> tuple[np.ndarray, np.ndarray]:
    """(kept, codes): which characters of `view` `compact` keeps, and the code points of
    `compact(view)`. `compact` drops single characters (a character class), so a lookup
    table of the plane does it with array work; a text with characters beyond the plane
    (or lone surrogates) asks the regex."""
    try:
        codes = np.frombuffer(view.encode("utf-32-le"), dtype=np.uint32)
    except UnicodeEncodeError:
        codes = None
    if codes is not None and (not len(codes) or int(codes.max()) < 0x10000):
        kept = _kept_table()[codes]
        return kept, codes[kept]
    kept = np.ones(len(view), dtype=bool)
    for m in NOT_TEXT.finditer(view):
        kept[m.start() : m.end()] = False
    return kept, np.frombuffer(compact(view).encode("utf-32-le"), dtype=np.uint32)


def _compact_bounds(doc: Document, starts: np.ndarray, ends: np.ndarray,
                    kept: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """For spans [start, end) of `doc.text`: where `compact(doc.simplify(start, end))` lies in
    `compact(doc.simplified)`, as (lo, hi) arrays, from `kept` (`_compact_codes`): the counts
    of characters kept before the two ends (instead of a `simplify` and a `compact` per
    clause)."""
    if doc._simplified_map is not None:  # `simplify`'s bisections, all at once
        mapping = np.asarray(doc._simplified_map, dtype=np.int64)
        starts, ends = np.searchsorted(mapping, starts), np.searchsorted(mapping, ends)
    kept_before = np.concatenate(([0], np.cumsum(kept, dtype=np.int64)))
    return kept_before[starts], kept_before[ends]


# Clause hashes already computed in this process, by compact view: most clauses of a corpus
# are formulas other reports said before (82% of the synthetic corpus's, 58% of corpus/'s).
_HASHES: dict[str, int] = {}
_HASHES_MAX = 100_000  # about 25 MB


def _clause_hash(view: str) -> int:
    found = _HASHES.get(view)
    if found is None:
        if len(_HASHES) >= _HASHES_MAX:
            _HASHES.clear()
        found = _HASHES[view] = _compact_hash(view)
    return found


def _clause_spans(doc: Document, sections: list[Section]) -> np.ndarray:
    """(start, end, section index) rows of every clause: each sentence cut at the runs of
    `_CLAUSE_END` it holds, in reading order. Array work over the text's characters (a
    clause-mark mask and a sentence label per character; a clause is a run of one label
    outside the marks) instead of a regex scan per sentence; sentences out of order, which
    the parser never makes, go the slow way."""
    sentences = list(doc.sentences())
    index = {s.id: i for i, s in enumerate(sections)}
    starts = np.fromiter((s.start for s in sentences), dtype=np.int64, count=len(sentences))
    ends = np.fromiter((s.end for s in sentences), dtype=np.int64, count=len(sentences))
    owner = np.fromiter((min(index.get(s.section_id, 0), 0xFFFF) for s in sentences),
                        dtype=np.int64, count=len(sentences))
    if len(sentences) > 1 and not (ends[:-1] <= starts[1:]).all():
        return _clause_spans_by_sentence(doc, sentences, owner)
    n = len(doc.text)
    label = np.full(n + 1, -1, dtype=np.int64)  # sentence of each character; -1 outside, at n
    delta = np.zeros(n + 1, dtype=np.int64)
    np.add.at(delta, starts, np.arange(len(sentences)) + 1)
    np.add.at(delta, ends, -(np.arange(len(sentences)) + 1))
    label[:n] = np.cumsum(delta)[:n] - 1
    label[:n][_clause_marks(doc.text)] = -1
    previous = np.concatenate(([-1], label[:-1]))
    first = np.flatnonzero((label != previous) & (label >= 0))
    last = np.flatnonzero((label != previous) & (previous >= 0))
    return np.stack((first, last, owner[label[first]]), axis=1)


_CLAUSE_MARKS = np.array(sorted(map(ord, _CLAUSE_END_MARKS)), dtype=np.uint32)


def _clause_marks(text: str) -> np.ndarray:
    """(len(text),) bool: the characters `_CLAUSE_END` matches (its runs are runs of its
    character class, so a character is inside a match exactly when it is in the class)."""
    try:
        codes = np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32)
    except UnicodeEncodeError:  # lone surrogates: the regex
        marks = np.zeros(len(text), dtype=bool)
        for m in _CLAUSE_END.finditer(text):
            marks[m.start() : m.end()] = True
        return marks
    return np.isin(codes, _CLAUSE_MARKS)


def _clause_spans_by_sentence(doc: Document, sentences: list[Sentence], owner: np.ndarray) -> np.ndarray:
    spans: list[tuple[int, int, int]] = []
    for sentence, section in zip(sentences, owner.tolist()):
        cut = sentence.start
        for m in _CLAUSE_END.finditer(doc.text, sentence.start, sentence.end):
            if m.start() > cut:
                spans.append((cut, m.start(), section))
            cut = m.end()
        if cut < sentence.end:
            spans.append((cut, sentence.end, section))
    return np.array(spans, dtype=np.int64).reshape(-1, 3)


def record_from_document(doc: Document) -> DocRecord:
    sections = list(doc.walk())
    spans = _clause_spans(doc, sections)
    # columns filled at once (one structured-row assignment per clause was most of the loop)
    kept, codes = _compact_codes(doc.simplified)
    arr = np.zeros(len(spans), dtype=CLAUSE_DTYPE)
    if len(spans):
        columns = spans
        arr["start"], arr["end"], arr["section"] = columns[:, 0], columns[:, 1], columns[:, 2]
        lo, hi = _compact_bounds(doc, columns[:, 0], columns[:, 1], kept)
        arr["chars"] = np.minimum(hi - lo, 0xFFFF)
        whole = codes.tobytes().decode("utf-32-le")  # compact(doc.simplified)
        arr["hash"] = np.fromiter((_clause_hash(whole[a:b]) for a, b in zip(lo.tolist(), hi.tolist())),
                                  dtype=np.uint64, count=len(spans))
    meta: dict[str, Any] = {key: getattr(doc, key) for key in DOCUMENT_FIELDS}
    meta["chars"] = len(doc.text)
    meta["sections"] = [[s.id, s.title, s.start, s.end] for s in sections]
    shingles = sh.code_shingles(codes)  # sh.shingle_hashes(doc.simplified)
    return DocRecord(meta, arr, shingles, sh.sketch(shingles), doc.text)


# -- stored form ---------------------------------------------------------------------------


def pack(record: DocRecord) -> dict[str, bytes]:
    """Columns of the cache row (compressed where it pays)."""
    return {
        "meta": json.dumps(record.meta, ensure_ascii=False).encode("utf-8"),
        # level 1: level 6 saved a tenth of the column and cost 1.2 ms a report more
        "text": zlib.compress((record.text or "").encode("utf-8"), 1),
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
