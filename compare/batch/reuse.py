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
remaining pair can hold a passage longer than the `top` found so far: a pair's shared
characters bound any passage it holds.
"""

from __future__ import annotations

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


def shared_pairs(clauses: list[np.ndarray], bodies: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(pairs (m, 2) with i < j, shared characters per pair), pairs of different bodies only."""
    n = len(clauses)
    if n < 2:
        return np.zeros((0, 2), dtype=np.int64), np.zeros(0, dtype=np.int64)
    lengths = [len(s) for s in clauses]
    hashes = np.concatenate([s["hash"] for s in clauses])
    chars = np.concatenate([s["chars"] for s in clauses]).astype(np.int64)
    docs = np.repeat(np.arange(n), lengths)
    keep = chars > 0
    hashes, chars, docs = hashes[keep], chars[keep], docs[keep]
    # one entry per (clause hash, report): a clause repeated inside a report counts once
    order = np.lexsort((docs, hashes))
    hashes, chars, docs = hashes[order], chars[order], docs[order]
    first = np.ones(len(hashes), dtype=bool)
    first[1:] = (hashes[1:] != hashes[:-1]) | (docs[1:] != docs[:-1])
    hashes, chars, docs = hashes[first], chars[first], docs[first]
    starts = np.flatnonzero(np.concatenate(([True], hashes[1:] != hashes[:-1])))
    ends = np.concatenate((starts[1:], [len(hashes)]))
    codes: list[np.ndarray] = []
    weights: list[np.ndarray] = []
    for s, e in zip(starts, ends):
        if e - s < 2:
            continue
        members = docs[s:e]
        member_bodies = bodies[members]
        if member_bodies.min() == member_bodies.max():
            continue
        w = int(chars[s])
        if e - s <= FULL_PAIRS_UP_TO:
            a, b = np.triu_indices(e - s, 1)
            ok = member_bodies[a] != member_bodies[b]
            left, right = members[a[ok]], members[b[ok]]
        else:
            # a chain through the reports sorted by body: neighbours of different bodies
            by_body = np.lexsort((members, member_bodies))
            chain = members[by_body]
            chain_bodies = member_bodies[by_body]
            ok = chain_bodies[1:] != chain_bodies[:-1]
            left, right = chain[:-1][ok], chain[1:][ok]
        lo, hi = np.minimum(left, right), np.maximum(left, right)
        codes.append(lo * n + hi)
        weights.append(np.full(len(lo), w, dtype=np.int64))
    if not codes:
        return np.zeros((0, 2), dtype=np.int64), np.zeros(0, dtype=np.int64)
    all_codes = np.concatenate(codes)
    all_weights = np.concatenate(weights)
    unique, inverse = np.unique(all_codes, return_inverse=True)
    shared = np.bincount(inverse, weights=all_weights).astype(np.int64)
    return np.column_stack((unique // n, unique % n)), shared


def _passages_of_pair(
    i: int, j: int, a: np.ndarray, b: np.ndarray, min_chars: int
) -> list[Passage]:
    """Maximal runs of clauses of `a` found consecutively, in order, in `b`."""
    where: dict[int, list[int]] = {}
    for pos, h in enumerate(b["hash"].tolist()):
        where.setdefault(h, []).append(pos)
    a_hash = a["hash"].tolist()
    a_chars = a["chars"].tolist()
    found: list[Passage] = []
    # run[(pos in b)] = (start in a, start in b, chars) of the run ending at that b position
    runs: dict[int, tuple[int, int, int]] = {}
    for pos, h in enumerate(a_hash):
        new_runs: dict[int, tuple[int, int, int]] = {}
        for q in where.get(h, ()):
            prev = runs.get(q - 1)
            if prev is not None:
                new_runs[q] = (prev[0], prev[1], prev[2] + a_chars[pos])
            else:
                new_runs[q] = (pos, q, a_chars[pos])
        for q, (sa, sb, c) in runs.items():
            if q + 1 not in new_runs and c >= min_chars:
                found.append(_passage(i, j, sa, pos, sb, q + 1, c, a_hash))
        runs = new_runs
    for q, (sa, sb, c) in runs.items():
        if c >= min_chars:
            found.append(_passage(i, j, sa, len(a_hash), sb, q + 1, c, a_hash))
    # a run contained in a longer run of the same pair (repeated clauses) is not a passage
    found.sort(key=lambda p: -p.chars)
    kept: list[Passage] = []
    for p in found:
        if not any(
            k.left_clauses[0] <= p.left_clauses[0] and p.left_clauses[1] <= k.left_clauses[1]
            for k in kept
        ):
            kept.append(p)
    return kept


def _passage(i: int, j: int, sa: int, ea: int, sb: int, eb: int, chars: int, a_hash: list[int]) -> Passage:
    import hashlib

    digest = hashlib.blake2b(np.array(a_hash[sa:ea], dtype="<u8").tobytes(), digest_size=8).digest()
    return Passage(i, j, (sa, ea), (sb, eb), chars, int.from_bytes(digest, "little"))


def top_passages(
    clauses: list[np.ndarray],
    reports: list[Report],
    *,
    top: int = 200,
    min_chars: int = MIN_PASSAGE_CHARS,
) -> list[Passage]:
    """The `top` longest passages shared by reports of different bodies, longest first."""
    bodies = body_ids(reports)
    pairs, shared = shared_pairs(clauses, bodies)
    order = np.argsort(-shared, kind="stable")
    heap: list[tuple[int, int, Passage]] = []  # (chars, tie-breaker, passage): smallest on top
    counter = 0
    for n in order:
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
