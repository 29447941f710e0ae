"""Character k-gram count matrices of many text units at once, in numpy alone.

Section similarity needs the k-grams of every section of two reports; building Python sets
per section is slow for long reports. Here each unit's text is turned into code points, the
k-grams of all units are hashed in one vectorised pass, and the counts land in one sparse
matrix (units × k-grams, `GramMatrix`) whose columns are shared by every text given together.

Figures are masked (every run of digits becomes "0") and punctuation and spaces break
k-grams, so "2022年" and "2023年" give the same grams and no gram spans two sentences.

`GramMatrix` is a coordinate list (row, column, value) with the few operations alignment
needs. It replaces scipy.sparse, whose import costs 0.3–0.8 s (its array-API layer pulls in
numpy.f2py and numpy.testing) for work that takes milliseconds on a report's few hundred
sections; products run as dense BLAS blocks over the columns both sides share.

Products are exact. TF-IDF weights are kept as whole numbers of 2^-26 (`WEIGHT_SCALE`), so the
cosine of two unit rows is a sum of non-negative integer products below 2^53 (≤ 2^52 × (1 +
~1e-6)): every partial sum is an integer float64 holds exactly, and the answer does not depend
on the order BLAS adds in (its blocking, threads or the CPU's kernel), and it is the same as
the sum in plain Python integers (float64 products: float32 holds whole numbers only to 2^24,
which is enough for counts, multiplied in float32). The rounding moves a cosine by at most
~1e-6; float32 products (before session 26) moved it as much, by an amount that depended on
the kernel. (A log or square root one ulp apart on another CPU still moves a weight by one step
when it falls within an ulp of a half step: about once in 10^7 weights.)
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Sequence

import numpy as np

_DIGITS = re.compile(r"\d+(?:\.\d+)?")
_NOT_TEXT = re.compile(r"[\s\W_]+")
_MULT = 1_000_003  # odd multiplier of the rolling hash (uint64 arithmetic wraps)
_BLOCK_CELLS = 4_000_000  # cells of one dense block in `GramMatrix.dot_t` (16 MB in float32, 32 in float64)
WEIGHT_SCALE = 2**26  # TF-IDF weights are whole numbers of 1 / WEIGHT_SCALE (see the module's docstring)


@dataclass(frozen=True)
class GramMatrix:
    """A sparse (units × grams) matrix as sorted coordinates: no (row, col) twice.

    `rows`, `cols` are int64 arrays, `vals` float64, all of one length; `shape` is
    (units, vocabulary size). Built by `kgram_counts`; every operation returns a new matrix.
    """

    rows: np.ndarray
    cols: np.ndarray
    vals: np.ndarray
    shape: tuple[int, int]

    @classmethod
    def from_entries(cls, rows: np.ndarray, cols: np.ndarray, vals: np.ndarray, shape: tuple[int, int]) -> GramMatrix:
        """Sum the values of repeated (row, col) entries and sort by row, then column."""
        rows = np.asarray(rows, dtype=np.int64)
        cols = np.asarray(cols, dtype=np.int64)
        vals = np.asarray(vals, dtype=np.float64)
        if not len(rows):
            empty = np.zeros(0, dtype=np.int64)
            return cls(empty, empty.copy(), np.zeros(0), shape)
        width = max(shape[1], 1)
        cells, inverse = np.unique(rows * width + cols, return_inverse=True)
        sums = np.bincount(inverse, weights=vals, minlength=len(cells))
        keep = sums != 0
        cells, sums = cells[keep], sums[keep]
        return cls(cells // width, cells % width, sums, shape)

    def row_nnz(self) -> np.ndarray:
        """Number of stored entries of each row (shape: units)."""
        return np.bincount(self.rows, minlength=self.shape[0])

    def row_sums(self) -> np.ndarray:
        return np.bincount(self.rows, weights=self.vals, minlength=self.shape[0])

    def col_sums(self) -> np.ndarray:
        return np.bincount(self.cols, weights=self.vals, minlength=self.shape[1])

    def col_nnz(self) -> np.ndarray:
        """Number of rows holding each column (document frequency)."""
        return np.bincount(self.cols, minlength=self.shape[1])

    def map_values(self, vals: np.ndarray) -> GramMatrix:
        return GramMatrix(self.rows, self.cols, np.asarray(vals, dtype=np.float64), self.shape)

    def subtree_sums(self, size: Sequence[int]) -> GramMatrix:
        """Row i becomes the sum of rows i … i + size[i] - 1: a section's own text plus its
        subsections', when rows are sections in preorder and `size` counts each subtree."""
        size_arr = np.asarray(size, dtype=np.int64)
        n = self.shape[0]
        if not n:
            return self
        # a row j lies in row i's subtree when i <= j < i + size[i]
        target = np.repeat(np.arange(n), size_arr)
        source = target + _ranks(size_arr)
        # each stored entry of row `source` is added to row `target`
        order = np.argsort(self.rows, kind="stable")
        starts = np.searchsorted(self.rows[order], np.arange(n + 1))
        counts = starts[source + 1] - starts[source]
        take = np.repeat(starts[source], counts) + _ranks(counts)
        picked = order[take]
        return GramMatrix.from_entries(np.repeat(target, counts), self.cols[picked], self.vals[picked], self.shape)

    def tfidf_rows(self, idf: np.ndarray) -> GramMatrix:
        """Sublinear TF (log1p of counts) × IDF, rows L2-normalised (an empty row stays empty),
        each weight rounded to a whole number of 1 / `WEIGHT_SCALE` and stored as that whole
        number (0 … 2^26): `cosines` of two such matrices are exact."""
        weighted = np.log1p(self.vals) * idf[self.cols]
        norms = np.sqrt(np.bincount(self.rows, weights=weighted * weighted, minlength=self.shape[0]))
        norms[norms == 0] = 1.0
        return self.map_values(np.round(weighted / norms[self.rows] * WEIGHT_SCALE))

    def dot_t(self, other: GramMatrix, exact_below: float = 2.0**24, block_cells: int = _BLOCK_CELLS) -> np.ndarray:
        """Dense (self.units × other.units) product self @ other.T, as float64.

        Only the columns both matrices hold can contribute; they are multiplied as dense
        blocks of at most `block_cells` cells per side: float32 (BLAS sgemm) when
        `exact_below` is 2^24 or less, float64 (dgemm, twice the time) otherwise. The product
        is exact, whatever order BLAS adds in, when the values are non-negative whole numbers
        whose sums stay below `exact_below`: 2^24 (the default) for counts, 2^53 for the
        weights of `tfidf_rows` (`cosines`)."""
        n, m = self.shape[0], other.shape[0]
        out = np.zeros((n, m), dtype=np.float64)
        common = _common(self.cols, other.cols)
        if not len(common) or not n or not m:
            return out
        block = max(1, block_cells // max(n, m))
        a_idx = np.searchsorted(common, self.cols)
        a_in = a_idx < len(common)
        a_in[a_in] = common[a_idx[a_in]] == self.cols[a_in]
        b_idx = np.searchsorted(common, other.cols)
        b_in = b_idx < len(common)
        b_in[b_in] = common[b_idx[b_in]] == other.cols[b_in]
        a_rows, a_cols, a_vals = self.rows[a_in], a_idx[a_in], self.vals[a_in]
        b_rows, b_cols, b_vals = other.rows[b_in], b_idx[b_in], other.vals[b_in]
        dtype = np.float32 if exact_below <= 2.0**24 else np.float64
        for start in range(0, len(common), block):
            stop = min(start + block, len(common))
            width = stop - start
            sa = (a_cols >= start) & (a_cols < stop)
            sb = (b_cols >= start) & (b_cols < stop)
            dense_a = np.zeros((n, width), dtype=dtype)
            dense_b = np.zeros((m, width), dtype=dtype)
            dense_a[a_rows[sa], a_cols[sa] - start] = a_vals[sa]
            dense_b[b_rows[sb], b_cols[sb] - start] = b_vals[sb]
            out += dense_a @ dense_b.T
        return out


def cosines(left: GramMatrix, right: GramMatrix) -> np.ndarray:
    """(left units × right units) cosines, 0–1, of the rows of two `tfidf_rows` matrices:
    the exact integer dot products scaled back (× 2^-52, exact)."""
    return left.dot_t(right, exact_below=2.0**53) / float(WEIGHT_SCALE * WEIGHT_SCALE)


def distinct(values: np.ndarray) -> np.ndarray:
    """The distinct values of an integer array, ascending (what `np.unique(values)` gives, by
    sorting: numpy's own `unique` without an inverse imports `numpy.ma`, 50 ms of start-up)."""
    ordered = np.sort(values)
    keep = np.empty(len(ordered), dtype=bool)
    keep[:1] = True
    np.not_equal(ordered[1:], ordered[:-1], out=keep[1:])
    return ordered[keep]


def _common(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """The values both integer arrays hold, ascending, each once (`np.intersect1d(a, b)`)."""
    both = np.concatenate((distinct(a), distinct(b)))
    both.sort(kind="stable")
    return both[1:][both[1:] == both[:-1]]


def _ranks(counts: np.ndarray) -> np.ndarray:
    """0, 1, …, c-1 for each count c, concatenated."""
    total = int(counts.sum())
    return np.arange(total) - np.repeat(np.cumsum(counts) - counts, counts)


def normalise_unit(text: str) -> str:
    """Figures masked, punctuation and spaces turned into the separator NUL."""
    return _NOT_TEXT.sub("\x00", _DIGITS.sub("0", text))


def kgram_counts(sides: Sequence[Sequence[str]], ks: Sequence[int] = (2,)) -> dict[int, list[GramMatrix]]:
    """For each k, one (units × grams) count matrix per side over a shared vocabulary.

    `sides` is a list of lists of (simplified) texts; the answer maps k to a list of
    `GramMatrix`, one per side, with as many rows as texts on that side.
    """
    import numpy as np  # heavy (~0.2 s): imported on first use

    arrays = []
    for texts in sides:
        normalised = [normalise_unit(t) for t in texts]
        starts = np.cumsum([0] + [len(t) + 1 for t in normalised[:-1]]) if texts else np.zeros(0)
        joined = "\x00".join(normalised)
        arr = np.frombuffer(joined.encode("utf-32-le"), dtype=np.uint32).astype(np.uint64)
        zeros = np.concatenate(([0], np.cumsum(arr == 0)))
        arrays.append((len(texts), np.asarray(starts, dtype=np.int64), arr, zeros))
    return {k: _counts(arrays, k) for k in ks}


def _counts(arrays, k: int) -> list[GramMatrix]:
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
        out.append(GramMatrix.from_entries(units, cols, np.ones(len(cols)), (count, vocab)))
    return out
