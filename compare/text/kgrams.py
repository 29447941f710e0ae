"""Character k-gram count matrices of many text units at once, in numpy and scipy.sparse.

Section similarity needs the k-grams of every section of two reports; building Python sets
per section is slow for long reports. Here each unit's text is turned into code points, the
k-grams of all units are hashed in one vectorised pass, and the counts land in one sparse
matrix (units × k-grams) whose columns are shared by every text given together.

Figures are masked (every run of digits becomes "0") and punctuation and spaces break
k-grams, so "2022年" and "2023年" give the same grams and no gram spans two sentences.
"""

from __future__ import annotations

import re
from typing import Sequence

_DIGITS = re.compile(r"\d+(?:\.\d+)?")
_NOT_TEXT = re.compile(r"[\s\W_]+")
_MULT = 1_000_003  # odd multiplier of the rolling hash (uint64 arithmetic wraps)


def normalise_unit(text: str) -> str:
    """Figures masked, punctuation and spaces turned into the separator NUL."""
    return _NOT_TEXT.sub("\x00", _DIGITS.sub("0", text))


def kgram_counts(sides: Sequence[Sequence[str]], ks: Sequence[int] = (2,)) -> dict[int, list]:
    """For each k, one sparse (units × grams) count matrix per side over a shared vocabulary.

    `sides` is a list of lists of (simplified) texts; the answer maps k to a list of
    `scipy.sparse.csr_matrix`, one per side, with as many rows as texts on that side.
    """
    import numpy as np

    arrays = []
    for texts in sides:
        normalised = [normalise_unit(t) for t in texts]
        starts = np.cumsum([0] + [len(t) + 1 for t in normalised[:-1]]) if texts else np.zeros(0)
        joined = "\x00".join(normalised)
        arr = np.frombuffer(joined.encode("utf-32-le"), dtype=np.uint32).astype(np.uint64)
        zeros = np.concatenate(([0], np.cumsum(arr == 0)))
        arrays.append((len(texts), np.asarray(starts, dtype=np.int64), arr, zeros))
    return {k: _counts(arrays, k) for k in ks}


def _counts(arrays, k: int) -> list:
    import numpy as np
    from scipy.sparse import csr_matrix

    codes_per_side = []
    units_per_side = []
    for count, starts, arr, zeros in arrays:
        n = len(arr) - k + 1
        if n <= 0 or not count:
            codes_per_side.append(np.zeros(0, dtype=np.uint64))
            units_per_side.append(np.zeros(0, dtype=np.int64))
            continue
        code = arr[:n].copy()
        mult = np.uint64(_MULT)
        for j in range(1, k):
            code = code * mult + arr[j : j + n]
        valid = (zeros[k : k + n] - zeros[:n]) == 0  # no separator inside the gram
        positions = np.nonzero(valid)[0]
        codes_per_side.append(code[positions])
        units_per_side.append(np.searchsorted(starts, positions, side="right") - 1)
    all_codes = np.concatenate(codes_per_side)
    _, inverse = np.unique(all_codes, return_inverse=True)
    vocab = int(inverse.max()) + 1 if len(inverse) else 0
    out = []
    offset = 0
    for (count, *_), codes, units in zip(arrays, codes_per_side, units_per_side):
        cols = inverse[offset : offset + len(codes)]
        offset += len(codes)
        data = np.ones(len(cols), dtype=np.float64)
        out.append(csr_matrix((data, (units, cols)), shape=(count, vocab)))
    return out
