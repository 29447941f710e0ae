"""The assignment solver that picks section pairs: the plain-Python exact solver (report-sized
matrices) against exhaustive search, its tie rule, and `lap` (large matrices) against it."""

from __future__ import annotations

import functools
import itertools
from fractions import Fraction

from hypothesis import given, settings
from hypothesis import strategies as st

from compare.comparison import assignment
from compare.comparison.assignment import best_pairing


def pairings(n: int, m: int):
    """Every one-to-one pairing of some rows of n with some columns of m."""
    for k in range(0, min(n, m) + 1):
        for rows in itertools.combinations(range(n), k):
            for cols in itertools.permutations(range(m), k):
                yield dict(zip(rows, cols))


def matrices(values):
    return st.tuples(st.integers(1, 4), st.integers(1, 4)).flatmap(
        lambda nm: st.lists(st.lists(values, min_size=nm[1], max_size=nm[1]), min_size=nm[0], max_size=nm[0]))


@settings(max_examples=150, deadline=None)
@given(matrices(st.sampled_from([-0.5, 0.0, 0.25, 0.5, 0.75, 0.1 + 0.2])))
def test_ties_go_to_the_pairing_without_the_earliest_pair_they_differ_on(gain):
    # gains from a few values: most matrices have several best pairings, and the chosen one is
    # the one the documented rule names, found here by exhaustive search in exact fractions
    n, m = len(gain), len(gain[0])
    candidates = [p for p in pairings(n, m) if all(gain[i][j] > 0 for i, j in p.items())]
    total = {id(p): sum(Fraction(gain[i][j]) for i, j in p.items()) for p in candidates}
    best = max(total.values())
    optima = [p for p in candidates if total[id(p)] == best]
    def earlier_pair_loses(a: dict[int, int], b: dict[int, int]) -> int:
        differ = set(a.items()) ^ set(b.items())
        return 0 if not differ else (1 if min(differ) in a.items() else -1)

    expected = min(optima, key=functools.cmp_to_key(earlier_pair_loses))
    assert best_pairing(gain) == expected


def test_a_row_torn_between_two_equal_columns_takes_the_later_one() -> None:
    assert best_pairing([[0.5, 0.5, 0.5], [0.5, 0.5, 0.5]]) == {0: 2, 1: 1}
    assert best_pairing([[0.0, 0.3, 0.3]]) == {0: 2}
    assert best_pairing([[0.3], [0.3]]) == {1: 0}


@settings(max_examples=100, deadline=None)
@given(matrices(st.floats(-1, 1)))
def test_the_large_matrix_solver_finds_the_same_best_total(gain):
    # `lap` serves matrices over SMALL_CELLS; on any matrix it must reach the plain solver's total
    plain = best_pairing(gain)
    large = assignment._lap_pairing(gain)
    assert all(gain[i][j] > 0 for i, j in large.items()) and len(set(large.values())) == len(large)
    assert abs(sum(gain[i][j] for i, j in plain.items()) - sum(gain[i][j] for i, j in large.items())) < 1e-9
