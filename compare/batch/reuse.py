"""Text reuse: the longest passages that reports of different bodies share word for word.

A passage is a maximal run of consecutive clauses of one report that appear, consecutive and
in the same order, in a report of another body (clauses — pieces of sentences between
punctuation marks — compared by a hash of their compact matching view: script, widths,
punctuation and spaces do not matter). Passages are
ranked by length in characters; pairs of the same body (a series copying itself) are left out.

Which pairs to examine comes from an inverted index of clause hashes: every pair of reports
of different bodies that shares a clause, with the characters they share. When more than
`FULL_PAIRS_UP_TO` reports share one clause (a formula of the genre) its reports are paired
along a chain instead of all with all, which keeps a corpus of 100,000 near-copies linear.
Pairs are then examined by descending shared characters, and the search stops as soon as no
remaining pair can hold a passage longer than the `top` found so far (a pair's shared
characters bound any passage it holds), or after `max_pairs` pairs: a corpus of near-copies
has more pairs sharing whole reports than anyone reads.
"""

from __future__ import annotations

import hashlib
import heapq
from dataclasses import dataclass

import numpy as np

from compare.batch.scan import Report

FULL_PAIRS_UP_TO = 40
MIN_PASSAGE_CHARS = 40


@dataclass(slots=True)
class Passage:
    left: int  # report index
    right: int
    left_clauses: tuple[int, int]  # [first, last + 1) indices into the report's clauses
    right_clauses: tuple[int, int]
    chars: int  # compact characters (no punctuation or spaces)
    key: int  # hash of the passage's clause hashes: equal passages share it


def body_ids(reports: list[Report]) -> np.ndarray:
    """One id per body; a report with no agency is a body of its own."""
    ids: dict[str, int] = {}
    return np.array(
        [ids.setdefault(r.body or f"\0{r.rel}", len(ids)) for r in reports], dtype=np.int64
    )


_ENTRIES_PER_PART = 2_000_000  # clause entries sorted at once; bounds the memory of the index


def shared_pairs(clauses: list[np.ndarray], bodies: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(pairs (m, 2) with i < j, shared characters per pair), pairs of different bodies only.

    Clause hashes are split into parts by value, each indexed on its own, so that 100 million
    clauses never sit in one sorted array.
    """
    n = len(clauses)
    empty = np.zeros((0, 2), dtype=np.int64), np.zeros(0, dtype=np.int64)
    if n < 2:
        return empty
    total = sum(len(c) for c in clauses)
    parts = max(1, -(-total // _ENTRIES_PER_PART))
    codes: list[np.ndarray] = []
    weights: list[np.ndarray] = []
    for part in range(parts):
        pieces = [(c if parts == 1 else c[c["hash"] % np.uint64(parts) == part]) for c in clauses]
        lengths = [len(c) for c in pieces]
        if not sum(lengths):
            continue
        hashes = np.concatenate([c["hash"] for c in pieces])
        chars = np.concatenate([c["chars"] for c in pieces]).astype(np.int32)
        docs = np.repeat(np.arange(n, dtype=np.int64), lengths)
        del pieces
        part_codes, part_weights = _pairs_of_part(hashes, chars, docs, bodies, n)
        codes.append(part_codes)
        weights.append(part_weights)
    if not codes:
        return empty
    unique, inverse = np.unique(np.concatenate(codes), return_inverse=True)
    shared = np.bincount(inverse, weights=np.concatenate(weights)).astype(np.int64)
    return np.column_stack((unique // n, unique % n)), shared


def _pairs_of_part(
    hashes: np.ndarray, chars: np.ndarray, docs: np.ndarray, bodies: np.ndarray, n: int
) -> tuple[np.ndarray, np.ndarray]:
    """Pair codes (i * n + j) and shared characters of one part of the clause index."""
    keep = chars > 0
    hashes, chars, docs = hashes[keep], chars[keep], docs[keep]
    # one entry per (clause hash, report): a clause repeated inside a report counts once
    order = np.lexsort((docs, hashes))
    hashes, chars, docs = hashes[order], chars[order], docs[order]
    del order
    first = np.ones(len(hashes), dtype=bool)
    first[1:] = (hashes[1:] != hashes[:-1]) | (docs[1:] != docs[:-1])
    hashes, chars, docs = hashes[first], chars[first], docs[first]
    group_start = np.flatnonzero(np.concatenate(([True], hashes[1:] != hashes[:-1])))
    sizes = np.diff(np.concatenate((group_start, [len(hashes)])))
    size = np.repeat(sizes, sizes)
    codes: list[np.ndarray] = []
    weights: list[np.ndarray] = []

    def emit(left: np.ndarray, right: np.ndarray, w: np.ndarray) -> None:
        ok = bodies[left] != bodies[right]
        left, right = left[ok], right[ok]
        code = np.minimum(left, right) * n + np.maximum(left, right)
        unique, inverse = np.unique(code, return_inverse=True)
        codes.append(unique)
        weights.append(np.bincount(inverse, weights=w[ok].astype(np.float64)))

    # groups of at most FULL_PAIRS_UP_TO reports: every pair, by offsets within the group
    small = np.flatnonzero((size >= 2) & (size <= FULL_PAIRS_UP_TO))
    for k in range(1, min(FULL_PAIRS_UP_TO, int(sizes.max()) if len(sizes) else 1)):
        x = small[small + k < len(hashes)]
        x = x[hashes[x + k] == hashes[x]]
        if not len(x):
            break
        emit(docs[x], docs[x + k], chars[x])
    # larger groups: a chain through their reports sorted by body
    big = np.flatnonzero(size > FULL_PAIRS_UP_TO)
    if len(big):
        order = big[np.lexsort((docs[big], bodies[docs[big]], hashes[big]))]
        same = hashes[order[1:]] == hashes[order[:-1]]
        emit(docs[order[:-1]][same], docs[order[1:]][same], chars[order[:-1]][same])
    if not codes:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.float64)
    unique, inverse = np.unique(np.concatenate(codes), return_inverse=True)
    return unique, np.bincount(inverse, weights=np.concatenate(weights))


def _passages_of_pair(
    i: int, j: int, a: np.ndarray, b: np.ndarray, min_chars: int
) -> list[Passage]:
    """Maximal runs of clauses of `a` found consecutively, in order, in `b` (numpy)."""
    ha, hb = a["hash"], b["hash"]
    order_b = np.argsort(hb, kind="stable")
    sorted_b = hb[order_b]
    lo = np.searchsorted(sorted_b, ha, "left")
    counts = np.searchsorted(sorted_b, ha, "right") - lo
    total = int(counts.sum())
    if total == 0:
        return []
    # every (pa, pb) with equal hashes, then runs along each diagonal pa - pb
    pa = np.repeat(np.arange(len(ha)), counts)
    within = np.arange(total) - np.repeat(np.cumsum(counts) - counts, counts)
    pb = order_b[np.repeat(lo, counts) + within]
    diagonal = pa - pb
    order = np.lexsort((pa, diagonal))
    pa, pb, diagonal = pa[order], pb[order], diagonal[order]
    starts = np.ones(total, dtype=bool)
    starts[1:] = (diagonal[1:] != diagonal[:-1]) | (pa[1:] != pa[:-1] + 1)
    run = np.cumsum(starts) - 1
    run_chars = np.bincount(run, weights=a["chars"][pa].astype(np.float64)).astype(np.int64)
    first = np.flatnonzero(starts)
    last = np.concatenate((first[1:], [total])) - 1
    long_runs = np.flatnonzero(run_chars >= min_chars)
    found = sorted(
        ((int(run_chars[r]), int(pa[first[r]]), int(pa[last[r]]) + 1, int(pb[first[r]]),
          int(pb[last[r]]) + 1) for r in long_runs),
        key=lambda t: (-t[0], t[1]),
    )
    # a run inside a longer run of the same pair (repeated clauses) is not a passage of its own
    kept: list[tuple[int, int, int, int, int]] = []
    for run_ in found:
        if not any(k[1] <= run_[1] and run_[2] <= k[2] for k in kept):
            kept.append(run_)
    a_hash = ha
    return [_passage(i, j, sa, ea, sb, eb, c, a_hash) for c, sa, ea, sb, eb in kept]


def _passage(i: int, j: int, sa: int, ea: int, sb: int, eb: int, chars: int, a_hash: np.ndarray) -> Passage:
    digest = hashlib.blake2b(a_hash[sa:ea].astype("<u8").tobytes(), digest_size=8).digest()
    return Passage(i, j, (sa, ea), (sb, eb), chars, int.from_bytes(digest, "little"))


def top_passages(
    clauses: list[np.ndarray],
    reports: list[Report],
    *,
    top: int = 200,
    min_chars: int = MIN_PASSAGE_CHARS,
    max_pairs: int | None = None,
) -> list[Passage]:
    """The `top` longest passages shared by reports of different bodies, longest first.

    At most `max_pairs` pairs (default 20 × `top`), those sharing the most, are examined.
    """
    max_pairs = max_pairs if max_pairs is not None else 20 * top
    bodies = body_ids(reports)
    pairs, shared = shared_pairs(clauses, bodies)
    order = np.argsort(-shared, kind="stable")
    heap: list[tuple[int, int, Passage]] = []  # (chars, tie-breaker, passage): smallest on top
    counter = 0
    for n in order[:max_pairs]:
        bound = int(shared[n])
        if bound < min_chars or (len(heap) >= top and bound <= heap[0][0]):
            break
        i, j = int(pairs[n, 0]), int(pairs[n, 1])
        for p in _passages_of_pair(i, j, clauses[i], clauses[j], min_chars):
            counter += 1
            item = (p.chars, -counter, p)
            if len(heap) < top:
                heapq.heappush(heap, item)
            elif item[:2] > heap[0][:2]:
                heapq.heapreplace(heap, item)
    return [p for _, _, p in sorted(heap, key=lambda t: (-t[0], -t[1]))]
