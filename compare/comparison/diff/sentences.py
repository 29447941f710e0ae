"""Which sentence of one report became which sentence of the other.

Sentences are compared by key (the matching view without spaces, one kind of quotation
mark), so a change of script or width is no change. Two passes:

1. `align_ordered`: inside an aligned section pair, sentences keep their order. Identical
   keys are anchored by a longest common subsequence (rapidfuzz `Indel.opcodes` over the
   keys); the gaps between anchors are paired by the heaviest order-keeping chain of similar
   sentences.
2. `match_leftovers`: what is still unpaired anywhere (removed on the left, added on the
   right) is matched across the whole document, so a sentence carried to another section is
   found as moved rather than as one removal and one addition.

Similarity is rapidfuzz `fuzz.ratio` (normalised Indel similarity over characters), computed
for every pair when there are few, else only for candidate pairs that share character
k-grams, so no step is quadratic over whole documents.

Figures decide between candidates (`pair_weight`): a pair of sentences stating the same
quantity (`compare.text.quantities`: 专项债券, 赤字率, 城镇新增就业 … with a unit of one kind)
is a candidate whatever the wording around the figures, and outweighs a pair that only reads
alike; two sentences that both state figures but no quantity in common are not paired unless
their text is a reword (similarity >= QUANTITY_VETO_BELOW), so a figure is never shown against
another quantity.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache
from typing import Callable, Mapping, Sequence

import numpy as np
from rapidfuzz import fuzz, process
from rapidfuzz.distance import Indel

from compare.parsing.normalise import to_simplified, to_traditional
from compare.text.figures import mask_figures
from compare.text.quantities import Role, matched_quantities, quantities, quantity_roles, shared_quantities, stated_role
from compare.text.tokens import compact

_SPACE = re.compile(r"\s+")

# Up to this many pairs, every pair is compared (about 0.3 µs a pair).
EXHAUSTIVE_PAIRS = 20000
# Beyond it, candidates come from an index of character k-grams. A k-gram found in more
# sentences than the limit is too common (推进, 发展 …) to suggest a match and is not looked up.
GRAM = 3
COMMON_GRAM_SHARE = 0.05
COMMON_GRAM_FLOOR = 60
# Candidates compared per sentence, the most alike by shared k-grams first.
CANDIDATES_PER_SENTENCE = 12
# A leftover shorter than this (in characters of its key) is not matched across sections: a
# short phrase recurring elsewhere is not evidence that it moved. A similar (not identical)
# pair must also share this many characters: short sentences of stock words reach a high
# ratio by chance (加快科技体制改革 / 加快电力、油气等体制改革: 0.64, six shared).
MIN_MOVED_LENGTH = 6
MIN_MOVED_SHARED = 8
# Two sentences that both state figures but share no quantity are paired only as a reword (the
# indicator itself reworded); the bar is classify's REWORDED_MIN.
QUANTITY_VETO_BELOW = 0.75
# The weight of a pair that shares quantities in the same role: QUANTITY_BASE plus
# QUANTITY_STEP for each quantity shared (up to four), plus its similarity times
# QUANTITY_TIEBREAK. QUANTITY_BASE is above any similarity, so a sentence stating the same
# quantity always beats one that only reads alike (拟发行超长期特别国债 against 拟安排地方政府
# 专项债券), and the one sharing most quantities wins (the labelling guideline's rule).
QUANTITY_BASE = 1.0
QUANTITY_STEP = 0.1
QUANTITY_TIEBREAK = 0.05
# Candidates for a part folded into a longer sentence: fuzz.ratio against it of at least this
# (a 13-character clause inside a 100-character sentence reaches about 0.2).
PART_CANDIDATE_MIN = 0.1
# A whole is longer than its part by this factor at least (else the two are one sentence
# reworded, paired or not by the passes before); far from the part (another section pair),
# it holds the part's text almost whole, and the part is a sentence, not a stock phrase.
PART_RATIO = 1.3
FAR_PART_SHARE = 0.9
FAR_PART_LENGTH = 12


# Quotation marks vary by source (ASCII, curly, corner brackets in Traditional texts) without
# changing what a sentence says.
_QUOTES = str.maketrans({c: '"' for c in "“”„‟「」『』〝〞＂"} | {c: "'" for c in "‘’‛"})


def same_quotes(text: str) -> str:
    """The text with one kind of quotation mark (same length: offsets are kept)."""
    return text.translate(_QUOTES)


@lru_cache(maxsize=65536)
def sentence_key(simplified: str) -> str:
    """What two sentences must share to count as the same sentence: the matching view
    without spaces, with one kind of quotation mark."""
    return _SPACE.sub("", simplified).translate(_QUOTES)


def same_text(a: str, b: str) -> bool:
    """Are two keys the same text? Equal keys are; so are keys that differ only by variant
    characters the phrase-aware OpenCC conversion leaves apart: character by character
    (乾县: t2s keeps 乾 in 乾縣 but makes 干 of the lone 乾) or after a round trip through
    Traditional (熏陶: s2t makes 薰陶, and t2s keeps 薰)."""
    if a == b:
        return True
    if len(a) != len(b):
        return False
    if all(x == y or _variants(x, y) for x, y in zip(a, b)):
        return True

    return to_simplified(to_traditional(a)) == to_simplified(to_traditional(b))


@lru_cache(maxsize=4096)
def _variants(x: str, y: str) -> bool:
    return to_simplified(x) == to_simplified(y) or to_traditional(x) == to_traditional(y)


@dataclass(frozen=True, slots=True)
class Link:
    """One step of a sentence alignment: a pair, a removal (right is None) or an addition
    (left is None). Indices are into the sequences aligned."""

    left: int | None
    right: int | None
    similarity: float = 0.0


# Each side's sentences' roles where they stand (`compare.text.quantities.quantity_roles`'s
# default: the paragraph's last sentence naming a role, else the chapter), by index; an index
# not given is a result of the year reviewed.
Roles = tuple[Mapping[int, Role], Mapping[int, Role]] | None


def pair_weight(
    left: str, right: str, similarity: float, left_role: Role = Role.RESULT, right_role: Role = Role.RESULT
) -> float:
    """How strongly two sentence keys should be paired, 0 (never) to 1.45: their
    similarity (0–1), raised above 1 when they state the same quantities in the same role
    (`quantities.quantity_roles`: a target, a result of the year, a figure over several
    years; `*_role` is each sentence's role where it stands), 0 when both state figures,
    share none and are not a reword. A sentence written whole inside the other (`_folded`)
    is weighed by its similarity alone: it is the part of a merge or split, and the longer
    sentence's own partner keeps it."""
    if not quantities(right) or not quantities(left) or _folded(left, right):
        return similarity
    shared = shared_quantities(left, right, (left_role, right_role))
    if not shared:  # another quantity, or the same in another role (a result against a target)
        return similarity if similarity >= QUANTITY_VETO_BELOW else 0.0
    return QUANTITY_BASE + QUANTITY_STEP * min(shared, 4) + QUANTITY_TIEBREAK * similarity


def quantity_pairs(lefts: dict[int, str], rights: dict[int, str]) -> list[tuple[int, int]]:
    """(left, right) pairs of keys sharing at least one quantity."""
    with_left = {i: k for i, k in lefts.items() if quantities(k)}
    with_right = {j: k for j, k in rights.items() if quantities(k)}
    return [(i, j) for i, lk in with_left.items() for j, rk in with_right.items() if shared_quantities(lk, rk)]


def weighted_pairs(
    lefts: dict[int, str], rights: dict[int, str], min_similarity: float, roles: Roles = None
) -> list[tuple[int, int, float, float]]:
    """(left, right, similarity, weight) of every pair worth considering: similar pairs
    (`candidate_pairs`) and pairs stating the same quantity, weighted by `pair_weight`
    (`roles`: each side's sentences' roles where they stand); pairs of weight below
    `min_similarity` are left out."""
    left_roles, right_roles = roles or ({}, {})
    found = {(i, j): sim for i, j, sim in candidate_pairs(lefts, rights, min_similarity)}
    for i, j in quantity_pairs(lefts, rights):
        if (i, j) not in found:
            found[(i, j)] = fuzz.ratio(lefts[i], rights[j]) / 100.0
    out = []
    for (i, j), sim in found.items():
        weight = pair_weight(
            lefts[i], rights[j], sim, left_roles.get(i, Role.RESULT), right_roles.get(j, Role.RESULT)
        )
        if weight >= min_similarity:
            out.append((i, j, sim, weight))
    return out


def candidate_pairs(
    lefts: dict[int, str], rights: dict[int, str], min_similarity: float
) -> list[tuple[int, int, float]]:
    """(left, right, similarity) for pairs with similarity >= min_similarity.

    Few pairs are compared exhaustively (in rapidfuzz's C loop); many, only among those
    that share enough character k-grams, so the cost grows with the number of sentences,
    not its square.
    """
    if not lefts or not rights:
        return []
    if len(lefts) * len(rights) <= EXHAUSTIVE_PAIRS:
        return _all_pairs(lefts, rights, min_similarity)
    return _indexed_pairs(lefts, rights, min_similarity)


def _all_pairs(lefts: dict[int, str], rights: dict[int, str], min_similarity: float) -> list[tuple[int, int, float]]:
    import numpy as np  # heavy (~0.2 s): imported on first use

    left_ids, right_ids = list(lefts), list(rights)
    scores = process.cdist(
        [lefts[i] for i in left_ids],
        [rights[j] for j in right_ids],
        scorer=fuzz.ratio,
        score_cutoff=min_similarity * 100.0,
        dtype=np.float32,
    )
    rows, cols = np.nonzero(scores)
    return [
        (left_ids[r], right_ids[c], float(scores[r, c]) / 100.0)
        for r, c in zip(rows.tolist(), cols.tolist())
    ]


def _gram_codes(texts: list[str]):
    """(row, k-gram code) of every character k-gram of each text, punctuation left out,
    computed over all texts at once with numpy (a text shorter than k has none)."""

    import numpy as np  # heavy (~0.2 s): imported on first use

    parts = [compact(t) for t in texts]
    lengths = np.fromiter((len(p) for p in parts), dtype=np.int64, count=len(parts))
    chars = np.frombuffer("".join(parts).encode("utf-32-le"), dtype=np.uint32).astype(np.int64)
    counts = np.maximum(lengths - GRAM + 1, 0)
    rows = np.repeat(np.arange(len(parts)), counts)
    first = np.repeat(np.cumsum(lengths) - lengths - (np.cumsum(counts) - counts), counts)
    at = first + np.arange(len(rows))
    codes = np.zeros(len(rows), dtype=np.int64)
    for n in range(GRAM):  # code points are below 2**21
        codes = (codes << 21) | chars[at + n]
    return rows, codes


def _indexed_pairs(
    lefts: dict[int, str], rights: dict[int, str], min_similarity: float
) -> list[tuple[int, int, float]]:
    """Candidates by shared character k-grams, counted for all pairs at once as a sparse
    join on the k-grams (numpy), then ranked by the share of k-grams in common (Dice) so
    that long sentences sharing many stock phrases do not crowd out the one that is alike."""
    import numpy as np  # heavy (~0.2 s): imported on first use

    left_ids, right_ids = list(lefts), list(rights)
    left_rows, left_codes = _gram_codes([lefts[i] for i in left_ids])
    right_rows, right_codes = _gram_codes([rights[j] for j in right_ids])
    vocabulary, ids = np.unique(np.concatenate([left_codes, right_codes]), return_inverse=True)
    size = max(len(vocabulary), 1)

    def distinct(rows, cols):  # each k-gram once per sentence
        cells = np.sort(rows * size + cols)  # (np.unique without an inverse hashes: slower)
        cells = cells[np.concatenate(([True], cells[1:] != cells[:-1]))] if len(cells) else cells
        return cells // size, cells % size

    left_rows, left_cols = distinct(left_rows, ids[: len(left_codes)])
    right_rows, right_cols = distinct(right_rows, ids[len(left_codes) :])
    left_size = np.bincount(left_rows, minlength=len(left_ids)).astype(np.float64)
    right_size = np.bincount(right_rows, minlength=len(right_ids)).astype(np.float64)
    # a k-gram in more right sentences than the limit is too common to suggest a match
    limit = max(COMMON_GRAM_FLOOR, int(COMMON_GRAM_SHARE * len(rights)))
    rare = np.bincount(right_cols, minlength=size) <= limit

    rows, cols, counts = _shared_counts(left_rows, left_cols, right_rows, right_cols, rare, len(right_ids))
    dice = counts / (left_size[rows] + right_size[cols])
    # keep the CANDIDATES_PER_SENTENCE best of each row: sort by row, then by Dice descending
    order = np.lexsort((-dice, rows))
    rows, cols = rows[order], cols[order]
    row_starts = np.searchsorted(rows, np.arange(len(left_ids)))
    rank = np.arange(len(rows)) - row_starts[rows]
    keep = rank < CANDIDATES_PER_SENTENCE
    rows, cols = rows[keep].tolist(), cols[keep].tolist()
    scores = process.cpdist(
        [lefts[left_ids[r]] for r in rows],
        [rights[right_ids[c]] for c in cols],
        scorer=fuzz.ratio,
        score_cutoff=min_similarity * 100.0,
    ).tolist()
    return [
        (left_ids[r], right_ids[c], score / 100.0) for r, c, score in zip(rows, cols, scores) if score
    ]


def _shared_counts(left_rows, left_cols, right_rows, right_cols, rare, right_count: int):
    """(left row, right row, number of shared k-grams) for every pair sharing a rare k-gram,
    sorted by left row then right row.

    Each (row, k-gram) is given once per side. The pairs are the join of the two sides on the
    k-gram: every left entry meets every right entry of its k-gram, and the meetings of one
    pair of rows are counted. A rare k-gram is in few right sentences, so the join is at most
    (left entries × COMMON_GRAM_FLOOR or COMMON_GRAM_SHARE of the right sentences) long.
    """
    keep_left = rare[left_cols]
    left_rows, left_cols = left_rows[keep_left], left_cols[keep_left]
    keep_right = rare[right_cols]
    order = np.argsort(right_cols[keep_right], kind="stable")
    right_rows_by_col = right_rows[keep_right][order]
    right_cols_sorted = right_cols[keep_right][order]
    size = len(rare)
    first = np.searchsorted(right_cols_sorted, np.arange(size))
    per_col = np.bincount(right_cols_sorted, minlength=size)
    meets = per_col[left_cols]
    total = int(meets.sum())
    if not total:
        empty = np.zeros(0, dtype=np.int64)
        return empty, empty.copy(), empty.copy()
    ranks = np.arange(total) - np.repeat(np.cumsum(meets) - meets, meets)
    lefts = np.repeat(left_rows, meets).astype(np.int64)
    rights = right_rows_by_col[np.repeat(first[left_cols], meets) + ranks].astype(np.int64)
    cells, counts = np.unique(lefts * right_count + rights, return_counts=True)
    return cells // right_count, cells % right_count, counts


def _heaviest_chain(pairs: list[tuple[int, int, float]], weight_floor: float) -> list[tuple[int, int, float]]:
    """The set of pairs, increasing on both sides, with the greatest total weight.

    Weight is the similarity above `weight_floor`, so one strong pair outweighs two weak
    ones that cross it. Fenwick tree over right indices: O(n log n) in the pairs.
    """
    if not pairs:
        return []
    rights = sorted({j for _, j, _ in pairs})
    rank = {j: k + 1 for k, j in enumerate(rights)}
    size = len(rights)
    tree_val = [0.0] * (size + 1)
    tree_arg = [-1] * (size + 1)

    def query(pos: int) -> tuple[float, int]:
        best, arg = 0.0, -1
        while pos > 0:
            if tree_val[pos] > best:
                best, arg = tree_val[pos], tree_arg[pos]
            pos -= pos & -pos
        return best, arg

    def update(pos: int, value: float, arg: int) -> None:
        while pos <= size:
            if value > tree_val[pos]:
                tree_val[pos], tree_arg[pos] = value, arg
            pos += pos & -pos

    ordered = sorted(pairs, key=lambda p: (p[0], p[1]))
    total = [0.0] * len(ordered)
    back = [-1] * len(ordered)
    k = 0
    while k < len(ordered):
        row_end = k
        while row_end < len(ordered) and ordered[row_end][0] == ordered[k][0]:
            row_end += 1
        for n in range(k, row_end):  # every pair of this left sentence sees earlier rows only
            _, j, sim = ordered[n]
            best, arg = query(rank[j] - 1)
            total[n] = best + (sim - weight_floor)
            back[n] = arg
        for n in range(k, row_end):
            update(rank[ordered[n][1]], total[n], n)
        k = row_end
    end = max(range(len(ordered)), key=total.__getitem__)
    chain = []
    while end != -1:
        chain.append(ordered[end])
        end = back[end]
    chain.reverse()
    return chain


def align_ordered(
    lefts: Sequence[str],
    rights: Sequence[str],
    min_similarity: float,
    identical_only: bool = False,
    roles: Roles = None,
) -> list[Link]:
    """Order-keeping alignment of two key sequences: every index appears exactly once,
    pairs first by identity, then (unless `identical_only`) by `pair_weight` >=
    min_similarity (`roles`: each side's sentences' roles where they stand); in reading order."""

    links: list[Link] = []
    if not lefts or not rights:
        links.extend(Link(i, None) for i in range(len(lefts)))
        links.extend(Link(None, j) for j in range(len(rights)))
        return links
    ops = Indel.opcodes(list(lefts), list(rights))
    a = b = 0  # start of the current gap between anchors
    for op in ops:
        if op.tag != "equal":
            continue
        links.extend(_fill_gap(lefts, rights, a, op.src_start, b, op.dest_start, min_similarity, identical_only, roles))
        for n in range(op.src_end - op.src_start):
            links.append(Link(op.src_start + n, op.dest_start + n, 1.0))
        a, b = op.src_end, op.dest_end
    links.extend(_fill_gap(lefts, rights, a, len(lefts), b, len(rights), min_similarity, identical_only, roles))
    return links


def _fill_gap(
    lefts: Sequence[str],
    rights: Sequence[str],
    a1: int,
    a2: int,
    b1: int,
    b2: int,
    min_similarity: float,
    identical_only: bool = False,
    roles: Roles = None,
) -> list[Link]:
    if a1 == a2 or b1 == b2 or identical_only:
        return [Link(i, None) for i in range(a1, a2)] + [Link(None, j) for j in range(b1, b2)]
    found = weighted_pairs(
        {i: lefts[i] for i in range(a1, a2)}, {j: rights[j] for j in range(b1, b2)}, min_similarity, roles
    )
    similarity = {(i, j): sim for i, j, sim, _ in found}
    chain = [
        (i, j, similarity[(i, j)])
        for i, j, _ in _heaviest_chain([(i, j, w) for i, j, _, w in found], min_similarity * 0.5)
    ]
    out: list[Link] = []
    i, j = a1, b1
    for li, rj, sim in chain + [(a2, b2, 0.0)]:
        out.extend(Link(n, None) for n in range(i, li))
        out.extend(Link(None, n) for n in range(j, rj))
        if li < a2:
            out.append(Link(li, rj, sim))
        i, j = li + 1, rj + 1
    return out


def match_leftovers(
    lefts: dict[int, str], rights: dict[int, str], min_similarity: float, roles: Roles = None
) -> list[tuple[int, int, float]]:
    """Pairs of unpaired sentences, anywhere in the documents: identical keys first (in
    reading order), then the heaviest pairs first (`pair_weight`: similarity, or the same
    quantities stated), each sentence used once."""
    lefts = {i: k for i, k in lefts.items() if len(k) >= MIN_MOVED_LENGTH}
    rights = {j: k for j, k in rights.items() if len(k) >= MIN_MOVED_LENGTH}
    by_key: dict[str, list[int]] = defaultdict(list)
    for j in sorted(rights):
        by_key[rights[j]].append(j)
    out: list[tuple[int, int, float]] = []
    for i in sorted(lefts):
        same = by_key.get(lefts[i])
        if same:
            out.append((i, same.pop(0), 1.0))
    used_left = {i for i, _, _ in out}
    used_right = {j for _, j, _ in out}
    rest_left = {i: k for i, k in lefts.items() if i not in used_left}
    rest_right = {j: k for j, k in rights.items() if j not in used_right}
    for i, j, sim, weight in sorted(weighted_pairs(rest_left, rest_right, min_similarity, roles), key=lambda p: (-p[3], p[0], p[1])):
        if i in used_left or j in used_right:
            continue
        if weight == sim and sim * (len(lefts[i]) + len(rights[j])) / 2 < MIN_MOVED_SHARED:
            continue
        used_left.add(i)
        used_right.add(j)
        out.append((i, j, sim))
    return out


def quantity_counterparts(
    lefts: dict[int, str],
    rights: dict[int, str],
    roles: Roles = None,
    near: Callable[[int, int], bool] | None = None,
) -> list[tuple[int, int, float]]:
    """(left, right, similarity): each figure sentence paired with the sentence of the other
    report stating the same quantities in the same role, wherever it stands (the labelling
    guideline's counterpart, tests/data/figure_pairs_guideline.md). A right sentence prefers
    the left one sharing most quantities, then one whose shared quantity comes first in the
    right sentence, then one in the same section pair (`near`), then the most alike; a left
    sentence wanted by several prefers the one sharing most quantities with it, then most
    that a figure list would show old → new (`matched_quantities(listing=True)`: 2014's
    今年拟安排财政赤字13500亿元，比上年增加1500亿元，其中中央财政赤字9500亿元… keeps 2015's
    财政赤字1.62万亿元，比去年增加2700亿元 rather than the split part 地方财政赤字5000亿元，增加
    1000亿元, another level of government and a change by an amount; development sets and
    the synthetic splits unchanged), then one in the same section pair, then the most alike,
    then one whose shared quantity comes first in it; each sentence is used once, in a
    stable matching (Gale–Shapley, the right sentences proposing: 2012's GDP result and its employment result both want 2011's sentence of
    2010's results; it keeps the GDP one, the more alike). Sentences left without one then pair with a figure of the same quantity
    over several years reviewed (a second round, `matched_quantities(loose=True)`). A
    sentence whose key is found unchanged on the other side is left to the in-order pass."""
    left_roles, right_roles = roles or ({}, {})
    left_keys = set(lefts.values())
    right_keys = set(rights.values())
    with_left = {i: k for i, k in lefts.items() if k not in right_keys and quantities(k)}
    with_right = {j: k for j, k in rights.items() if k not in left_keys and quantities(k)}
    # candidates: pairs with an indicator bigram in common (most pairs share none)
    by_bigram: dict[str, set[int]] = defaultdict(set)
    for i, k in with_left.items():
        for q in quantities(k):
            for gram in q.indicator:
                by_bigram[gram].add(i)
    candidates: dict[int, set[int]] = {}
    for j, rk in with_right.items():
        seen: set[int] = set()
        for q in quantities(rk):
            for gram in q.indicator:
                seen |= by_bigram.get(gram, set())
        candidates[j] = seen
    out: list[tuple[int, int, float]] = []
    for loose in (False, True):
        used_left = {i for i, _, _ in out}
        used_right = {j for _, j, _ in out}
        prefer_right: dict[int, list[tuple[tuple, int]]] = defaultdict(list)
        prefer_left: dict[tuple[int, int], tuple] = {}
        similarity: dict[tuple[int, int], float] = {}
        for j, seen in candidates.items():
            if j in used_right:
                continue
            rk = with_right[j]
            right_quantities = quantities(rk)
            for i in seen - used_left:
                lk = with_left[i]
                roles_ij = (left_roles.get(i, Role.RESULT), right_roles.get(j, Role.RESULT))
                matched = matched_quantities(lk, rk, roles_ij, loose=loose)
                if not matched or _folded(lk, rk):
                    continue
                # of those, how many a figure list would show old → new (not a change by an
                # amount against a level, nor deficits of two levels of government)
                listed = len(matched_quantities(lk, rk, roles_ij, loose=loose, listing=True))
                left_quantities = quantities(lk)
                first_right = min(right_quantities.index(b) for _, b in matched)
                first_left = min(left_quantities.index(a) for a, _ in matched)
                close = near is not None and near(i, j)
                sim = fuzz.ratio(lk, rk) / 100.0
                similarity[(i, j)] = sim
                prefer_right[j].append(((len(matched), -first_right, close, sim, -i), i))
                prefer_left[(i, j)] = (len(matched), listed, close, sim, -first_left, -j)
        out.extend((i, j, similarity[(i, j)]) for i, j in _stable_matching(prefer_right, prefer_left))
    return out


def _folded(left: str, right: str) -> bool:
    """Is one key, figures and all, written whole inside the other (its closing punctuation
    aside)? Such a pair is a merge or a split (`find_wholes`: a sentence folded into a longer
    one, or split off it), not a counterpart taking the longer sentence from its own partner."""
    part, whole = sorted((left, right), key=len)
    part = part.rstrip("。；;！？!?，,")
    return len(part) >= MIN_MOVED_SHARED and len(whole) >= PART_RATIO * len(part) and part in whole


def _stable_matching(
    prefer_right: dict[int, list[tuple[tuple, int]]], prefer_left: dict[tuple[int, int], tuple]
) -> list[tuple[int, int]]:
    """(left, right) pairs of a stable matching (Gale–Shapley, right proposing): each right
    sentence has its candidates with its preference key, each (left, right) the left
    sentence's preference key for that right sentence (higher is preferred)."""
    queues = {j: [i for _, i in sorted(options, reverse=True)] for j, options in prefer_right.items()}
    held: dict[int, int] = {}  # left → right
    free = sorted(queues)
    while free:
        j = free.pop()
        while queues[j]:
            i = queues[j].pop(0)
            current = held.get(i)
            if current is None or prefer_left[(i, j)] > prefer_left[(i, current)]:
                held[i] = j
                if current is not None:
                    free.append(current)
                break
    return sorted((i, j) for i, j in held.items())


def figure_folds(
    parts: dict[int, str],
    wholes: dict[int, str],
    beside: dict[int, list[tuple[int, str, Role]]],
    roles: tuple[dict[int, Role], dict[int, Role]],
    parts_are_left: bool = True,
) -> dict[int, tuple[int, float]]:
    """For each part (a key, still unpaired), the whole of the other report it was folded into
    (or split off) by its figures, with the share (0–1) of its characters found in order
    there, figures masked: a whole paired with a sentence beside the part in its paragraph
    (`beside`: part → [(whole, that sentence's key, its role)]) that states every quantity of
    the part in the same role (`roles`: parts', wholes' roles by index), none of them one the
    whole shares with that sentence. The text share may be low and the whole no longer than
    the part: 2014 `今年拟安排财政赤字13500亿元…` then `…但赤字率稳定在2.1%，体现了财政政策的连续性`
    → 2015 `今年拟安排财政赤字1.62万亿元…赤字率从去年的2.1%提高到2.3%` (the ratio is the whole's
    third quantity, its first two are the deficit's)."""
    out: dict[int, tuple[int, float]] = {}
    part_roles, whole_roles = roles
    for i, candidates in beside.items():
        stated = quantities(parts[i])
        if not stated:
            continue
        for j, neighbour, neighbour_role in candidates:
            part_role, whole_role = part_roles.get(i, Role.RESULT), whole_roles.get(j, Role.RESULT)
            if parts_are_left:
                own = [b for _, b in matched_quantities(parts[i], wholes[j], (part_role, whole_role))]
                theirs = [b for _, b in matched_quantities(neighbour, wholes[j], (neighbour_role, whole_role))]
            else:
                own = [a for a, _ in matched_quantities(wholes[j], parts[i], (whole_role, part_role))]
                theirs = [a for a, _ in matched_quantities(wholes[j], neighbour, (whole_role, neighbour_role))]
            if len(own) >= len(stated) and not set(own) & set(theirs):
                out[i] = (j, part_share(parts[i], wholes[j]))
                break
    return out


def part_share(part: str, whole: str) -> float:
    """The share (0–1) of `part`'s characters found in order in `whole`, figures masked."""
    part, whole = mask_figures(part), mask_figures(whole)
    if not part:
        return 0.0
    common = round(fuzz.ratio(part, whole) / 100.0 * (len(part) + len(whole)) / 2)  # ratio = 2 LCS / (|a| + |b|)
    return min(common / len(part), 1.0)


def find_wholes(
    parts: dict[int, str],
    wholes: dict[int, str],
    min_share: float,
    min_quantity_share: float,
    roles: Roles = None,
    parts_are_left: bool = True,
    near: Callable[[int, int], bool] | None = None,
) -> dict[int, tuple[int, float]]:
    """For each part (a key), the longer key of the other report it was folded into or split
    off, with the share (0–1) of the part's characters found in order in it, figures masked:
    share >= min_share, or every quantity of the part stated there in the same role with
    share >= min_quantity_share. Parts shorter than MIN_MOVED_LENGTH, and matches sharing
    fewer than MIN_MOVED_SHARED characters, are left out. `roles` (parts' roles, wholes'
    roles, by index) are the sentences' roles where they stand; `parts_are_left` says which
    side the parts are on.
    A whole that is not `near(part, whole)` (in the same section pair) must hold the part by
    its text with share >= FAR_PART_SHARE, FAR_PART_LENGTH characters at least, or by its
    quantities: stock phrases (推进…改革发展) recur across chapters."""
    parts = {i: k for i, k in parts.items() if len(k) >= MIN_MOVED_LENGTH}
    if not parts or not wholes:
        return {}
    part_roles, whole_roles = roles or ({}, {})
    masked_parts = {i: mask_figures(k) for i, k in parts.items()}
    masked_wholes = {j: mask_figures(k) for j, k in wholes.items()}
    best: dict[int, tuple[tuple[int, float, int], int, float]] = {}
    for i, j, ratio in candidate_pairs(masked_parts, masked_wholes, PART_CANDIDATE_MIN):
        part, whole = masked_parts[i], masked_wholes[j]
        if len(whole) < PART_RATIO * len(part):
            continue
        common = round(ratio * (len(part) + len(whole)) / 2)  # fuzz.ratio = 2 LCS / (|a| + |b|)
        share = common / len(part)
        if common < MIN_MOVED_SHARED:
            continue
        far = near is not None and not near(i, j)
        by_text = share >= (FAR_PART_SHARE if far else min_share) and (not far or common >= FAR_PART_LENGTH)
        found = 0
        stated = quantities(parts[i])
        if stated:
            part_role, whole_role = part_roles.get(i, Role.RESULT), whole_roles.get(j, Role.RESULT)
            pair_roles = (part_role, whole_role) if parts_are_left else (whole_role, part_role)
            left_key, right_key = (parts[i], wholes[j]) if parts_are_left else (wholes[j], parts[i])
            found = shared_quantities(left_key, right_key, pair_roles)
            if (by_text and not found and (stated_role(parts[i]) or stated_role(wholes[j]))
                    and shared_quantities(left_key, right_key)
                    and not matched_quantities(left_key, right_key, pair_roles, loose=True)):
                # its figures stated there only in another role, that the words of one of them
                # give (2010's result 中央财政安排社会保障资金2906亿元 against 2009's target
                # 中央财政拟投入社会保障资金2930亿元): no piece of it
                continue
        if not by_text and not (stated and found >= len(stated) and share >= min_quantity_share):
            continue
        score = (found, share, -j)  # most quantities, then most text, then the first
        if i not in best or score > best[i][0]:
            best[i] = (score, j, share)
    return {i: (j, share) for i, (_, j, share) in best.items()}
