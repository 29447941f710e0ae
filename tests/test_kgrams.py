"""The numpy k-gram matrices and the assignment solver that alignment rests on, checked against
plain dense arithmetic and exhaustive search on random inputs (as rapidfuzz checks its fast
paths against plain ones)."""

from __future__ import annotations

import itertools

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from compare.comparison.align import _solve
from compare.text.kgrams import WEIGHT_SCALE, GramMatrix, cosines, kgram_counts

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


@settings(max_examples=40, deadline=None)
@given(texts, texts, st.integers(1, 40))
def test_cosines_are_exact_whatever_the_order_blas_adds_in(left, right, block_cells):
    """Section content scores are the same on every machine: the product of two TF-IDF
    matrices equals the sum of the same integer weights in plain Python, and cutting it into
    blocks of any size (another summation order) changes no bit."""
    a, b = kgram_counts([left, right], (2,))[2]
    idf = np.log((1.0 + len(left) + len(right)) / (1.0 + a.col_nnz() + b.col_nnz())) + 1.0
    ta, tb = a.tfidf_rows(idf), b.tfidf_rows(idf)
    assert all(v == int(v) for v in (*ta.vals, *tb.vals))  # whole numbers of 1 / WEIGHT_SCALE
    exact = cosines(ta, tb)
    weights_b: dict[int, dict[int, int]] = {}
    for r, c, v in zip(tb.rows, tb.cols, tb.vals):
        weights_b.setdefault(int(r), {})[int(c)] = int(v)
    for i in range(len(left)):
        row = {int(c): int(v) for r, c, v in zip(ta.rows, ta.cols, ta.vals) if r == i}
        for j in range(len(right)):
            other = weights_b.get(j, {})
            plain = sum(v * other.get(c, 0) for c, v in row.items())
            assert exact[i, j] == plain / float(WEIGHT_SCALE * WEIGHT_SCALE)
    assert np.array_equal(ta.dot_t(tb, exact_below=2.0**53, block_cells=block_cells), ta.dot_t(tb, exact_below=2.0**53))
    assert np.all(exact <= 1.0 + 1e-5)
    for i in range(len(left)):  # a unit row's cosine with itself is 1, to the rounding of its weights
        if (ta.rows == i).any():
            assert abs(cosines(ta, ta)[i, i] - 1.0) < 1e-5
