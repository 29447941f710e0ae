"""The numpy k-gram matrices and the assignment solver that alignment rests on, checked against
plain dense arithmetic and exhaustive search on random inputs (as rapidfuzz checks its fast
paths against plain ones)."""

from __future__ import annotations

import itertools

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from compare.comparison.align import _solve
from compare.text.kgrams import GramMatrix, kgram_counts

texts = st.lists(st.text(alphabet="发展改革就业增长2024年，。", min_size=0, max_size=30), min_size=1, max_size=6)


def dense(m: GramMatrix) -> np.ndarray:
    out = np.zeros(m.shape)
    out[m.rows, m.cols] = m.vals
    return out


@settings(max_examples=60, deadline=None)
@given(texts, texts)
def test_products_of_gram_matrices_equal_dense_products(left, right):
    a, b = kgram_counts([left, right], (2,))[2]
    assert np.allclose(a.dot_t(b), dense(a) @ dense(b).T)
    size = [1] * len(left)  # a flat tree: every row its own subtree
    assert np.allclose(dense(a.subtree_sums(size)), dense(a))
    whole = [len(left)] + [1] * (len(left) - 1)  # row 0 holds all others
    assert np.allclose(dense(a.subtree_sums(whole))[0], dense(a).sum(axis=0))


@settings(max_examples=200, deadline=None)
@given(st.integers(1, 5), st.integers(1, 5), st.data())
def test_assignment_finds_the_best_total_gain_and_never_a_losing_pair(n, m, data):
    values = data.draw(st.lists(st.floats(-1, 1), min_size=n * m, max_size=n * m))
    gain = np.array(values).reshape(n, m)
    match = _solve(gain)
    assert len(set(match.values())) == len(match)
    assert all(gain[i, j] > 0 for i, j in match.items())
    best = 0.0
    for k in range(0, min(n, m) + 1):
        for rows in itertools.combinations(range(n), k):
            for cols in itertools.permutations(range(m), k):
                best = max(best, sum(max(gain[r, c], 0) for r, c in zip(rows, cols)))
    assert abs(sum(gain[i, j] for i, j in match.items()) - best) < 1e-9
