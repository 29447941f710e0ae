"""Exact similarity of candidate pairs, and each report's nearest neighbours.

`similarity` is the Jaccard similarity of the two reports' sets of 5-character shingles
(punctuation removed, matching view), computed exactly from the shingle arrays in the parse
cache; `containment` is the shared shingles over the smaller set (a short report copied
whole into a long one scores 1). Workers read the cache themselves and keep recently used
arrays, so pairs are sent in an order that keeps related reports together.
"""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from compare.batch.cache import ParseCache
from compare.batch.progress import Progress
from compare.batch.runner import Runner
from compare.batch.shingles import from_bytes, shared

PAIRS_PER_TASK = 400
_LRU_ARRAYS = 3000

PAIR_DTYPE = np.dtype([("left", "<i8"), ("right", "<i8"), ("similarity", "<f8"),
                       ("containment", "<f8")])


class _ShingleStore:
    """Shingle arrays by key from a read-only cache connection, least recently used dropped."""

    def __init__(self, folder: Path) -> None:
        self.cache = ParseCache(folder, readonly=True)
        self.arrays: OrderedDict[str, np.ndarray] = OrderedDict()

    def get(self, key: str) -> np.ndarray:
        arr = self.arrays.get(key)
        if arr is not None:
            self.arrays.move_to_end(key)
            return arr
        data = self.cache.column(key, "shingles")
        arr = from_bytes(data) if data else np.zeros(0, dtype=np.uint32)
        self.arrays[key] = arr
        if len(self.arrays) > _LRU_ARRAYS:
            self.arrays.popitem(last=False)
        return arr


_stores: dict[str, _ShingleStore] = {}


def score_pairs(task: tuple[str, list[tuple[int, int, str, str]]]) -> np.ndarray:
    """Worker: exact similarity and containment of (i, j, key_i, key_j) pairs."""
    folder, pairs = task
    store = _stores.get(folder)
    if store is None:
        store = _stores[folder] = _ShingleStore(Path(folder))
    out = np.zeros(len(pairs), dtype=PAIR_DTYPE)
    for n, (i, j, ki, kj) in enumerate(pairs):
        a, b = store.get(ki), store.get(kj)
        inter = shared(a, b)
        union = len(a) + len(b) - inter
        smaller = min(len(a), len(b))
        out[n] = (i, j, inter / union if union else 0.0, inter / smaller if smaller else 0.0)
    return out


def locality_order(n: int, pairs: np.ndarray) -> np.ndarray:
    """A rank per report that puts connected reports (through candidate pairs) next to each other."""
    parent = np.arange(n)

    def find(x: int) -> int:
        root = x
        while parent[root] != root:
            root = parent[root]
        while parent[x] != root:
            parent[x], x = root, parent[x]
        return root

    for i, j in pairs:
        ri, rj = find(int(i)), find(int(j))
        if ri != rj:
            parent[max(ri, rj)] = min(ri, rj)
    roots = np.array([find(i) for i in range(n)])
    order = np.lexsort((np.arange(n), roots))
    rank = np.empty(n, dtype=np.int64)
    rank[order] = np.arange(n)
    return rank


def exact_similarities(
    pairs: np.ndarray, keys: list[str], cache_folder: Path, runner: Runner, progress: Progress,
    *, stage: str = "exact similarity",
) -> np.ndarray:
    """PAIR_DTYPE rows for the (i, j) pairs given, in no particular order."""
    if not len(pairs):
        return np.zeros(0, dtype=PAIR_DTYPE)
    rank = locality_order(len(keys), pairs)
    order = np.lexsort((rank[pairs[:, 1]], rank[pairs[:, 0]]))
    ordered = pairs[order]
    folder = str(cache_folder)

    def tasks():
        for start in range(0, len(ordered), PAIRS_PER_TASK):
            chunk = ordered[start : start + PAIRS_PER_TASK]
            yield folder, [(int(i), int(j), keys[i], keys[j]) for i, j in chunk]

    results = []
    with progress.stage(stage, len(ordered)) as bar:
        for result in runner.map(score_pairs, tasks()):
            results.append(result)
            bar.advance(len(result))
    return np.concatenate(results)


@dataclass(slots=True)
class Neighbour:
    index: int
    similarity: float
    containment: float


def nearest_neighbours(n: int, scored: np.ndarray, k: int) -> list[list[Neighbour]]:
    """Each report's `k` most similar reports among the pairs scored, most similar first."""
    flipped = scored.copy()
    flipped["left"], flipped["right"] = scored["right"], scored["left"]
    both = np.concatenate((scored, flipped))
    order = np.lexsort((both["right"], -both["similarity"], both["left"]))
    both = both[order]
    out: list[list[Neighbour]] = [[] for _ in range(n)]
    for row in both:
        lst = out[int(row["left"])]
        if len(lst) < k:
            lst.append(Neighbour(int(row["right"]), float(row["similarity"]),
                                 float(row["containment"])))
    return out
