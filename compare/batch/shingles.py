"""Hashed character shingles of a report and its MinHash sketch.

A report of 20,000 characters has about as many 5-character shingles; turning them into
strings and Python sets costs more than parsing the report, so shingles are hashed with numpy
straight from the code points into a sorted array of unique 32-bit values. The array is what
exact similarity compares; the MinHash sketch (datasketch) only proposes candidate pairs.
"""

from __future__ import annotations

import numpy as np

from compare.text.kgrams import distinct
from compare.text.tokens import compact

SHINGLE_CHARS = 5
NUM_PERM = 128
MINHASH_SEED = 1
MINHASH_SCHEME = "affine32"
# The sketch sees one shingle in SKETCH_SAMPLE (those whose hash is 0 modulo it): the Jaccard
# of such samples estimates the Jaccard of the full sets, which is all candidate search needs,
# at an eighth of the cost. Exact similarity always uses every shingle.
SKETCH_SAMPLE = 8

_BASE = np.uint64(0x100000001B3)
_MIX1 = np.uint64(0xBF58476D1CE4E5B9)
_MIX2 = np.uint64(0x94D049BB133111EB)


def shingle_hashes(text: str, k: int = SHINGLE_CHARS) -> np.ndarray:
    """Sorted unique 32-bit hashes of the character k-grams of `text` (punctuation removed)."""
    return code_shingles(np.frombuffer(compact(text).encode("utf-32-le"), dtype=np.uint32), k)


def code_shingles(codes: np.ndarray, k: int = SHINGLE_CHARS) -> np.ndarray:
    """`shingle_hashes` of a text given as the code points of its `compact` form."""
    if not len(codes):
        return np.zeros(0, dtype=np.uint32)
    codes = codes.astype(np.uint64)
    if len(codes) < k:
        k = len(codes)
    n = len(codes) - k + 1
    h = np.zeros(n, dtype=np.uint64)
    with np.errstate(over="ignore"):
        for j in range(k):
            h = h * _BASE + codes[j : j + n]
        # splitmix64 finaliser: spreads the polynomial hash over all 64 bits
        h ^= h >> np.uint64(30)
        h *= _MIX1
        h ^= h >> np.uint64(27)
        h *= _MIX2
        h ^= h >> np.uint64(31)
    return distinct((h >> np.uint64(32)).astype(np.uint32))  # np.unique hashes first: 5x slower


def sketch(shingles: np.ndarray) -> np.ndarray:
    """MinHash hash values (uint32, NUM_PERM of them) of a shingle array."""
    from datasketch import MinHash  # heavy (~1 s with scipy): batch only

    sample = shingles[shingles % SKETCH_SAMPLE == 0]
    if len(sample) == 0:
        sample = shingles[:1]
    m = MinHash(num_perm=NUM_PERM, seed=MINHASH_SEED, hashfunc=int, scheme=MINHASH_SCHEME)
    if len(sample):
        m.update_batch(sample.tolist())
    return np.asarray(m.hashvalues, dtype=np.uint32)


def lean_minhash(hashvalues: np.ndarray):
    """A datasketch LeanMinHash from stored hash values, for the LSH index."""
    from datasketch import LeanMinHash  # heavy (~1 s with scipy): batch only

    return LeanMinHash(seed=MINHASH_SEED, hashvalues=hashvalues, scheme=MINHASH_SCHEME)


def shared(a: np.ndarray, b: np.ndarray) -> int:
    """How many values two sorted unique shingle arrays have in common.

    The two arrays joined are two sorted runs, which a stable sort (timsort) merges in linear
    time; a shared value is then two equal neighbours. 0.2 ms for two 20,000-shingle arrays,
    against 2.5 ms for `np.intersect1d(assume_unique=True)` (which sorts the join from scratch;
    measured with numpy 2.4, benchmarks/batch.py's exact-similarity stage)."""
    if not len(a) or not len(b):
        return 0
    merged = np.sort(np.concatenate((a, b)), kind="stable")
    return int(np.count_nonzero(merged[1:] == merged[:-1]))


def jaccard(a: np.ndarray, b: np.ndarray) -> float:
    """Exact Jaccard similarity of two sorted unique shingle arrays."""
    if len(a) == 0 and len(b) == 0:
        return 1.0
    inter = shared(a, b)
    return inter / (len(a) + len(b) - inter)


def to_bytes(shingles: np.ndarray) -> bytes:
    return shingles.astype("<u4", copy=False).tobytes()


def from_bytes(data: bytes) -> np.ndarray:
    return np.frombuffer(data, dtype="<u4").astype(np.uint32, copy=False)
