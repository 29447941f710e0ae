"""The fast sentence matching of long reports (candidates by shared rare k-grams) checked
against the exhaustive comparison of every pair on random inputs, as rapidfuzz checks its fast
paths against plain ones: it never invents a pair or a score, and it never loses a sentence
that was copied or lightly edited."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from compare.comparison.diff.sentences import _all_pairs, _indexed_pairs, candidate_pairs

# sentences over a few hundred CJK characters, so that k-grams are as rare as in real prose
CJK = [chr(c) for c in range(0x4E00, 0x4E00 + 300)]
sentence = st.text(alphabet=CJK, min_size=8, max_size=40)
sentences = st.lists(sentence, min_size=1, max_size=25, unique=True)
MIN = 0.5


def edited(text: str, at: int, char: str) -> str:
    """`text` with one character replaced: a light edit, as from one year to the next."""
    at %= len(text)
    return text[:at] + char + text[at + 1 :]


@settings(max_examples=80, deadline=None)
@given(sentences, sentences)
def test_the_fast_matching_finds_only_pairs_the_exhaustive_one_finds(left, right):
    lefts, rights = dict(enumerate(left)), dict(enumerate(right))
    exhaustive = {(i, j): s for i, j, s in _all_pairs(lefts, rights, MIN)}
    fast = _indexed_pairs(lefts, rights, MIN)
    for i, j, score in fast:
        assert (i, j) in exhaustive
        assert abs(exhaustive[(i, j)] - score) < 1e-4


@settings(max_examples=80, deadline=None)
@given(sentences, sentences, st.lists(st.tuples(st.integers(0, 10**6), st.sampled_from(CJK)),
                                      min_size=1, max_size=10))
def test_the_fast_matching_never_loses_a_copied_or_lightly_edited_sentence(left, others, edits):
    # the right report: some left sentences again, one character changed, among new ones
    carried = {n: edited(left[n % len(left)], at, char) for n, (at, char) in enumerate(edits)}
    right = list(dict.fromkeys([*others, *carried.values()]))
    lefts, rights = dict(enumerate(left)), dict(enumerate(right))
    exhaustive = _all_pairs(lefts, rights, MIN)
    fast = {(i, j) for i, j, _ in _indexed_pairs(lefts, rights, MIN)}
    for n, text in carried.items():
        i, j = n % len(left), right.index(text)
        best = max(s for a, b, s in exhaustive if a == i and b == j)
        assert best >= 0.85  # one character in at least eight
        assert (i, j) in fast


def test_small_inputs_are_compared_exhaustively_and_large_ones_by_index():
    left = {n: "".join(CJK[(n * 7 + k) % 300] for k in range(20)) for n in range(200)}
    right = {n: text for n, text in left.items()}
    found = candidate_pairs(left, right, MIN)  # 40,000 pairs: the indexed path
    assert {(i, j) for i, j, s in found if s == 1.0} == {(n, n) for n in left}
    small = dict(list(left.items())[:10])
    assert sorted(candidate_pairs(small, small, MIN)) == sorted(_all_pairs(small, small, MIN))
