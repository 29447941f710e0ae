"""Maximum-gain one-to-one pairing of rows and columns (the assignment problem), with one
explicit rule for ties.

`best_pairing(gain)` takes a gain matrix (n rows × m columns, plain lists of floats, any
units; in alignment a section-pair score minus a threshold, 0–1 scale) and returns the pairs
{row: column} of largest total gain, using only pairs whose gain is positive; a row whose
best pairing gains nothing stays unpaired.

Small matrices (at most `SMALL_CELLS` cells: every State Council report pair) are solved
here in plain Python, exactly: the float gains are turned into whole numbers (every float is
an integer times a power of two, so scaling by the smallest power present loses nothing) and
solved by the Hungarian method (Kuhn 1955, "The Hungarian method for the assignment
problem"; Munkres 1957, "Algorithms for the assignment and transportation problems") in its
shortest-augmenting-path form with row and column potentials (as in Jonker & Volgenant 1987,
"A shortest augmenting path algorithm for dense and sparse linear assignment problems"),
O(n²·m) steps. Exact arithmetic makes the tie rule below hold whatever order the steps take.

Ties (two pairings with exactly the same total; 8 of the 310 assignments of the 96
consecutive State Council pairs have one, each a row or column with two partners of exactly
equal gain): of two pairings with equal total gain, the chosen one is the one that does NOT
use the earliest pair, in reading order (row, then column), of the pairs on which they
differ; so a row torn between two equal columns takes the later one. It is made exact by
adding 2^(n·m - 1 - (row·m + column)) to the cost of each used pair below the gains' last
unit (the gains are shifted up by n·m bits first): each pairing's tie cost is then a
distinct sum of distinct powers of two, and the optimum is unique. `lap`, before, broke
the same 8 ties by its own order of work (its answer changed when rows and columns were
reversed): the rule agrees with it on 6. The other 2 are one tie met twice, State Council
1991 → 1992, whose 1991 file holds its report twice, so two sections under one heading (进一步扩大对外开放，积极
推进对外贸易和经济技术的交流与合作, 2.5 and 5.5) with exactly equal gains (0.0241220596…)
towards 1992's chapter 3: `lap` paired 2.5 (printed `moved`), the rule pairs 5.5 (printed
`renamed`, in order); both pairings have exactly the same total, so both are optimal.

Larger matrices (the 200,000-character reports: 146 × 136 sections) go to the `lap`
package's C Jonker–Volgenant solver in float64 (the plain solver took 38 ms there against
`lap`'s 1 ms, and an alignment solves 4–5 times). Float64 cannot carry the tie rule's n·m
extra bits, so on those matrices a tie is still broken by `lap`'s own order of work; see
`SMALL_CELLS` for the measured reason of the cut.
"""

from __future__ import annotations

from typing import Sequence

SMALL_CELLS = 1024
"""Largest n × m solved in plain Python (32 × 32; State Council reports have 4–31 sections, and
the largest of the 310 assignments their 96 consecutive pairs make is 594 cells). Measured in
session 26 under load 11–14 on 2 cores (CPU, median of 3): on alignment-like matrices (15%
of cells positive) plain Python takes 1.2 ms at 31 × 31, about what importing `lap` costs
(1–3 ms), but 12 ms at 64 × 64 and 74 ms at 100 × 100 against `lap`'s 0.3 and 0.9 ms."""


def best_pairing(gain: Sequence[Sequence[float]]) -> dict[int, int]:
    """{row: column} of largest total gain over an n × m matrix (lists of floats); only
    positive gains pair. Ties are broken by the rule in the module docstring. Large
    matrices (more than `SMALL_CELLS` cells) are solved by `lap` (numpy imported then)."""
    n = len(gain)
    m = len(gain[0]) if n else 0
    if n == 0 or m == 0:
        return {}
    if n * m > SMALL_CELLS:
        return _lap_pairing(gain)
    return _exact_pairing(gain, n, m)


def _exact_pairing(gain: Sequence[Sequence[float]], n: int, m: int) -> dict[int, int]:
    """Exact solve of a small matrix with the explicit tie rule (see the module docstring)."""
    ratios = [[g.as_integer_ratio() if g > 0 else (0, 1) for g in row] for row in gain]
    denominator = max(d for row in ratios for _, d in row)  # all powers of two
    shift = n * m  # the tie costs below sum to less than 2**shift
    cost = [
        [-((num * (denominator // den)) << shift) + (1 << (shift - 1 - i * m - j)) if num else 0
         for j, (num, den) in enumerate(row)]
        for i, row in enumerate(ratios)
    ]
    if n <= m:
        pairs = list(enumerate(_hungarian(cost, n, m)))
    else:
        transposed = [[cost[i][j] for i in range(n)] for j in range(m)]
        pairs = [(i, j) for j, i in enumerate(_hungarian(transposed, m, n))]
    return {i: j for i, j in sorted(pairs) if gain[i][j] > 0}


def _hungarian(cost: list[list[int]], n: int, m: int) -> list[int]:
    """Minimum-cost assignment of every row of an n × m integer matrix (n ≤ m) to its own
    column: the column of each row. Hungarian method (Kuhn 1955; Munkres 1957) as shortest
    augmenting paths with potentials u (rows) and v (columns) kept so that
    cost[i][j] - u[i] - v[j] ≥ 0, equal to 0 on the pairs used (Jonker & Volgenant 1987)."""
    big = 1 + sum(abs(c) for row in cost for c in row)
    u = [0] * (n + 1)
    v = [0] * (m + 1)
    owner = [0] * (m + 1)  # owner[j]: row (1-based) holding column j; column 0 is the free start
    way = [0] * (m + 1)
    for row in range(1, n + 1):
        owner[0] = row
        j0 = 0
        slack = [big] * (m + 1)
        used = [False] * (m + 1)
        while True:
            used[j0] = True
            i0 = owner[j0]
            costs = cost[i0 - 1]
            ui = u[i0]
            delta, j1 = big, 0
            for j in range(1, m + 1):
                if not used[j]:
                    reduced = costs[j - 1] - ui - v[j]
                    if reduced < slack[j]:
                        slack[j] = reduced
                        way[j] = j0
                    if slack[j] < delta:
                        delta, j1 = slack[j], j
            for j in range(m + 1):
                if used[j]:
                    u[owner[j]] += delta
                    v[j] -= delta
                else:
                    slack[j] -= delta
            j0 = j1
            if owner[j0] == 0:
                break
        while j0:
            j1 = way[j0]
            owner[j0] = owner[j1]
            j0 = j1
    cols = [0] * n
    for j in range(1, m + 1):
        if owner[j]:
            cols[owner[j] - 1] = j - 1
    return cols


def _lap_pairing(gain: Sequence[Sequence[float]]) -> dict[int, int]:
    """Jonker–Volgenant (1987) from the `lap` package, on costs = -gain with `cost_limit` 0
    (a row stays unpaired rather than take a pair that gains nothing)."""
    # deferred: numpy and lap cost tens of milliseconds to import, and only large reports need them
    import lap  # deferred: see the comment above
    import numpy as np  # deferred with lap: only large reports need it

    g = np.asarray(gain, dtype=np.float64)
    cost = np.where(g > 0, -g, 1.0)  # non-positive gains can never beat "unpaired"
    _, rows_to_cols, _ = lap.lapjv(np.ascontiguousarray(cost), extend_cost=True, cost_limit=0.0)
    m = g.shape[1]
    return {int(r): int(c) for r, c in enumerate(rows_to_cols) if 0 <= c < m and g[r, c] > 0}
