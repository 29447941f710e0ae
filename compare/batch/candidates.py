"""Candidate pairs: which reports are worth an exact comparison (MinHash LSH, datasketch).

Comparing every pair of 100,000 reports exactly is out of reach; MinHash LSH proposes the
pairs likely to be similar, and only those are compared exactly (`similarity`). The MinHash
estimates here only rank candidates: no estimate ever becomes a reported figure.

Year-over-year government reports are less alike than one expects (adjacent years of the
State Council reports share 2–10 % of their 5-character shingles), so one LSH threshold is not
enough. Candidates come in passes, each only for the reports still short of `wanted`:
1. LSH at `threshold` (copies and near-copies);
2. LSH at `low_threshold`;
3. the MinHash estimate against every report, block by block (exact nearest neighbours for
   small corpora, and a last resort for the odd report nothing resembles in large ones).
Each report keeps its `per_report` best candidates by estimate. A corpus of at most
`ALL_PAIRS_UP_TO` reports skips all this: every pair is compared exactly, which costs seconds.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from compare.batch.shingles import NUM_PERM, lean_minhash

DEFAULT_THRESHOLD = 0.3
LOW_THRESHOLD = 0.1
PER_REPORT = 10
ALL_PAIRS_UP_TO = 200
_BLOCK_CELLS = 40_000_000  # sketch comparisons per numpy block in pass 3


@dataclass(slots=True)
class Candidates:
    lists: list[np.ndarray]  # per report: candidate indices, best estimate first
    passes: dict[str, int]  # reports served by each pass

    def pairs(self) -> np.ndarray:
        """Unordered candidate pairs (i < j), each once, as an (m, 2) int array."""
        rows = [
            np.column_stack((np.full(len(c), i), c)) for i, c in enumerate(self.lists) if len(c)
        ]
        if not rows:
            return np.zeros((0, 2), dtype=np.int64)
        both = np.vstack(rows).astype(np.int64)
        both.sort(axis=1)
        both = both[both[:, 0] != both[:, 1]]
        return np.unique(both, axis=0)


def _estimates(sketches: np.ndarray, i: int, others: np.ndarray) -> np.ndarray:
    return (sketches[others] == sketches[i]).sum(axis=1) / sketches.shape[1]


def _best(sketches: np.ndarray, i: int, others: np.ndarray, keep: int) -> np.ndarray:
    others = others[others != i]
    if len(others) <= keep:
        est = _estimates(sketches, i, others)
        return others[np.argsort(-est, kind="stable")]
    est = _estimates(sketches, i, others)
    top = np.argpartition(-est, keep - 1)[:keep]
    top = top[np.argsort(-est[top], kind="stable")]
    return others[top]


def _lsh_pass(
    sketches: np.ndarray, todo: list[int], threshold: float, keep: int
) -> dict[int, np.ndarray]:
    from datasketch import MinHashLSH  # heavy (~1 s with scipy): batch only

    lsh = MinHashLSH(threshold=threshold, num_perm=NUM_PERM)
    minhashes = [lean_minhash(row) for row in sketches]
    with lsh.insertion_session() as session:
        for i, m in enumerate(minhashes):
            session.insert(i, m, check_duplication=False)
    found: dict[int, np.ndarray] = {}
    for i in todo:
        hits = np.fromiter(lsh.query(minhashes[i]), dtype=np.int64)
        hits = hits[hits != i]
        if len(hits):
            found[i] = _best(sketches, i, hits, keep)
    return found


def _full_pass(sketches: np.ndarray, todo: list[int], keep: int) -> dict[int, np.ndarray]:
    n = len(sketches)
    everyone = np.arange(n)
    rows_per_block = max(1, _BLOCK_CELLS // max(1, n * sketches.shape[1]))
    found: dict[int, np.ndarray] = {}
    for start in range(0, len(todo), rows_per_block):
        block = todo[start : start + rows_per_block]
        est = (sketches[block][:, None, :] == sketches[None, :, :]).sum(axis=2)
        for row, i in enumerate(block):
            est[row, i] = -1
            k = min(keep, n - 1)
            if k <= 0:
                continue
            top = np.argpartition(-est[row], k - 1)[:k]
            found[i] = everyone[top[np.argsort(-est[row][top], kind="stable")]]
    return found


def find_candidates(
    sketches: np.ndarray,
    *,
    wanted: int = 1,
    per_report: int = PER_REPORT,
    threshold: float = DEFAULT_THRESHOLD,
    low_threshold: float = LOW_THRESHOLD,
) -> Candidates:
    """Up to `per_report` candidates for each report; passes go on while a report has < `wanted`."""
    n = len(sketches)
    lists: list[np.ndarray] = [np.zeros(0, dtype=np.int64) for _ in range(n)]
    passes = {"every pair": 0, "lsh": 0, "lsh-low": 0, "all": 0}
    if n < 2:
        return Candidates(lists, passes)
    if n <= ALL_PAIRS_UP_TO:
        everyone = np.arange(n)
        passes["every pair"] = n
        return Candidates([everyone[everyone != i] for i in range(n)], passes)
    wanted = min(wanted, n - 1)
    todo = list(range(n))
    for name, threshold_ in (("lsh", threshold), ("lsh-low", low_threshold)):
        if not todo or threshold_ >= 1:
            continue
        for i, found in _lsh_pass(sketches, todo, threshold_, per_report).items():
            lists[i] = _merge(sketches, i, lists[i], found, per_report)
        done = [i for i in todo if len(lists[i]) >= wanted]
        passes[name] = len(done)
        todo = [i for i in todo if len(lists[i]) < wanted]
    if todo:
        for i, found in _full_pass(sketches, todo, per_report).items():
            lists[i] = _merge(sketches, i, lists[i], found, per_report)
        passes["all"] = len(todo)
    return Candidates(lists, passes)


def _merge(
    sketches: np.ndarray, i: int, old: np.ndarray, new: np.ndarray, keep: int
) -> np.ndarray:
    if not len(old):
        return new[:keep]
    both = np.unique(np.concatenate((old, new)))
    return _best(sketches, i, both, keep)
