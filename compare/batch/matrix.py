"""The clustered similarity matrix of the HTML report: exact values, in an order that shows groups.

A corpus of up to `MAX_MEMBERS` reports is shown whole; a larger one by `MAX_MEMBERS`
reports evenly spaced through the corpus sorted by agency and year, so series stay visible.
Pairs the run did not compare yet are compared exactly here (never estimated), and the rows
are ordered by average-linkage clustering on 1 − similarity with optimal leaf ordering
(scipy), which puts copies and series next to each other.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np

from compare.batch.progress import Progress
from compare.batch.runner import Runner
from compare.batch.scan import Report
from compare.batch.similarity import exact_similarities

MAX_MEMBERS = 100


@dataclass(slots=True)
class SimilarityMatrix:
    members: list[int]  # report indices, in display order
    values: np.ndarray  # (m, m) exact similarity; 1 on the diagonal
    sampled: bool  # True when the corpus had more reports than the matrix shows


def matrix_members(reports: list[Report], limit: int = MAX_MEMBERS) -> list[int]:
    order = sorted(range(len(reports)), key=lambda i: (reports[i].body, reports[i].year or 0,
                                                       reports[i].rel))
    if len(order) <= limit:
        return order
    picks = np.linspace(0, len(order) - 1, limit).round().astype(int)
    return [order[p] for p in dict.fromkeys(picks.tolist())]


def cluster_order(values: np.ndarray) -> list[int]:
    """Leaf order of average-linkage clustering on 1 − similarity (optimal leaf ordering)."""
    m = len(values)
    if m < 3:
        return list(range(m))
    from scipy.cluster.hierarchy import (  # heavy (~0.6 s): imported on first use
        leaves_list,
        linkage,
        optimal_leaf_ordering,
    )
    from scipy.spatial.distance import squareform  # heavy, as above

    distance = np.clip(1.0 - values, 0.0, 1.0)
    np.fill_diagonal(distance, 0.0)
    condensed = squareform(distance, checks=False)
    tree = linkage(condensed, method="average")
    return leaves_list(optimal_leaf_ordering(tree, condensed)).tolist()


def similarity_matrix(
    reports: list[Report], scored: np.ndarray, keys: list[str], cache_folder: Path,
    runner: Runner, progress: Progress,
) -> SimilarityMatrix | None:
    members = matrix_members(reports)
    if len(members) < 2:
        return None
    known = {(int(r["left"]), int(r["right"])): float(r["similarity"]) for r in scored}
    wanted = [(min(a, b), max(a, b)) for x, a in enumerate(members) for b in members[x + 1 :]]
    missing = np.array([p for p in wanted if p not in known], dtype=np.int64).reshape(-1, 2)
    if len(missing):
        extra = exact_similarities(missing, keys, cache_folder, runner, progress, stage="matrix")
        known.update({(int(r["left"]), int(r["right"])): float(r["similarity"]) for r in extra})
    m = len(members)
    values = np.eye(m)
    for x in range(m):
        for y in range(x + 1, m):
            a, b = members[x], members[y]
            values[x, y] = values[y, x] = known[(min(a, b), max(a, b))]
    order = cluster_order(values)
    return SimilarityMatrix([members[k] for k in order], values[np.ix_(order, order)],
                            sampled=len(members) < len(reports))
