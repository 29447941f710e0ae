"""Section alignment: which section of one report corresponds to which section of the other.

Any section at any level may pair with a section at any level of the other report: agencies
promote subsections to chapters, and two agencies put the same content at different depths.
A pair's score combines

- the heading: rapidfuzz `ratio` and `token_set_ratio` over the simplified heading with its
  numbering and years normalised ("2022年度…成效" meets "2024年…成效"); the token scorer runs
  on character bigrams, which need no dictionary (jieba's would cost half a second to load);
- the content: TF-IDF cosine of the character bigrams of the section's whole span (figures
  masked), from sparse per-section counts (`compare.text.kgrams.GramMatrix`) summed up the
  tree, never per character pair; the products are exact (`kgrams.cosines`: weights in whole
  steps of 2^-26), so the scores do not depend on the order BLAS adds in;
- the template function of national report templates (measures and results, the first
  responsible person's duty, shortcomings, next year's plan): a small keyword table;
- the structure: a parent's score gains from its children's best pairings;
- distinctiveness: an identical heading found once on each side, and two sections that are
  each other's clear best candidate, gain a little (a body rewriting its report from year to
  year keeps its topics more than its words).

The pairs are chosen by one global assignment (Hungarian method, `comparison.assignment`) over all sections of
both reports, solved again with a bonus for pairs that agree with the previous solution's
hierarchy (children of paired parents prefer each other) and order. Order is preferred, not
required: pairs out of order are kept and labelled `moved`. Splits and merges are found
afterwards from 6-gram containment: an unpaired section whose text lies inside a paired one.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import cached_property
from typing import Any, Sequence

import numpy as np
from rapidfuzz import fuzz, process

from compare.comparison.assignment import best_pairing
from compare.comparison.results import Alignment, Relation, SectionPair
from compare.errors import ReportError
from compare.parsing.document import Document, Section
from compare.text.kgrams import GramMatrix, cosines, kgram_counts
from compare.text.tokens import compact

# -- weights and thresholds (tuned on the corpus and the synthetic benchmark) ---------------------
W_CONTENT, W_HEADING, W_FUNCTION = 0.5, 0.35, 0.15
W_STRUCTURE = 0.25  # share of a parent's score that comes from its children's pairings
MUTUAL_BONUS = 0.1  # each other's best candidate …
MUTUAL_MARGIN = 0.05  # … by this margin over the runner-up for the whole bonus
MUTUAL_MIN = 0.15  # … and scoring at least this
CHAPTER_FUNCTION_BONUS = 0.1  # two chapters with the same template function
LEVEL_PENALTY = 0.03  # per level of difference
THEME_AGREES, THEME_DIFFERS = 1.0, 0.5  # function score of two sections on the same / another area of work
UNIQUE_HEADING_BONUS = 0.1  # identical heading, found once in each report
UNIQUE_HEADING_CHARS = 4  # … and at least this long (normalised)
THRESHOLD = 0.3  # a pair must score above this (bonuses included) to be kept
MIN_SCORE = 0.2  # and above this without them: agreement alone never makes a pair
# Two sections without subsections and of no shared template function (two plan items, two
# paragraphs of measures) must score MIN_SCORE on their own words (content and heading, without
# the area of work they share): 推进镇街综合行政执法改革…设立综合执法队 and 推进行政执法监督体系
# 建设…全覆盖 are two commitments of one area, not one renamed (user test s24: total 0.34, on
# their words 0.19). On the seed reports' template chapters and areas of work (benchmarks/align.py)
# no real pair falls below it.
CONTEXT_BONUS = 0.08  # pair agrees (or disagrees: minus) with the paired ancestors
ORDER_BONUS = 0.04  # pair sits between the partners of its paired neighbours
HEADING_CHARS = 40  # a heading is compared on its first characters (long ones run into text)
SAME_HEADING = 90  # rapidfuzz ratio of normalised headings from which a heading is unchanged
COPY_GRAM = 6  # characters of the grams that tell copied text (shorter ones: shared phrases)
CONTAINED = 0.6  # share of a section's grams inside another for a split or merge piece
COVERED = 0.6  # share of the whole that the pieces of a split or merge must cover
MIN_PIECE = 0.05  # share of the whole one piece must hold
MIN_GRAMS = 12  # pieces smaller than this many distinct grams are not considered
# A section held with its twin (a sibling of the same area of work) by the twin's partner: its
# content score there at least this share of the twin's. Seed reports across agencies: real
# twins 0.54–1.6; synthetic edits, a section deleted beside its twin: 0.03–0.16.
TWIN_HELD = 0.5
# Verbs and stock words of chapter headings (加强, 推进, 进一步 …): shared alone, two headings
# share no topic (composed headings, `_composed_by_heading`).
_HEADING_STOCK = frozenset(
    "加强 推进 进一 一步 全面 继续 大力 坚持 努力 切实 积极 不断 促进 深化 实施 着力 提高 加快 做好 "
    "搞好 扎实 稳步 认真 更加 发展 建设 工作 完善 维护 推动 巩固 扩大 战略 关于 我们 政府".split()
)
_HEADING_JOINERS = frozenset("Y0的和与及")

# -- headings ---------------------------------------------------------------------------------------
_YEAR = re.compile(r"(?:\d{4}|[〇○零一二三四五六七八九]{4})\s*年度?")
_LEADING_NUMBER = re.compile(
    r"^(?:第[一二三四五六七八九十百零〇]+(?:部分|章|篇|节)|[（(][一二三四五六七八九十\d]+[)）]"
    r"|\d{1,2}[.、．]|[一二三四五六七八九十]{1,3}[、．.]|[①-⑳])\s*"
)
_DIGITS = re.compile(r"\d+")
_CLAUSE_MARK = re.compile(r"[，,；;]")


def heading_key(heading_simplified: str) -> str:
    """The part of a heading that names the section: numbering, years, punctuation out."""
    key = _LEADING_NUMBER.sub("", heading_simplified.strip())
    key = _YEAR.sub("Y年", re.sub(r"(?<=\d)\s+(?=[\d年])", "", key))  # "1 9 9 8 年" is a year too
    key = _DIGITS.sub("0", key)
    return compact(key)[:HEADING_CHARS]


def _bigram_tokens(key: str) -> str:
    if len(key) < 2:
        return key
    return " ".join(key[i : i + 2] for i in range(len(key) - 1))


# -- template functions -----------------------------------------------------------------------------
# The national template of 法治政府建设情况报告 (and the shape of 政府工作报告): a section's
# function from keywords in its simplified heading, first match wins.
PREAMBLE, DUTY, SHORTCOMINGS, PLAN, MEASURES = "preamble", "duty", "shortcomings", "plan", "measures"
_FUNCTIONS: tuple[tuple[str, tuple[str, ...]], ...] = (
    (DUTY, ("第一责任", "主要负责人履行", "主要负责人职责")),
    (SHORTCOMINGS, ("不足", "短板", "差距", "存在的问题", "存在问题", "问题和原因", "薄弱环节")),
    (PLAN, ("下一步", "工作安排", "主要安排", "初步安排", "打算", "工作计划", "工作思路",
            "工作重点", "重点工作", "目标任务", "主要任务", "总体部署", "工作部署", "工作的建议",
            "总体要求", "目标和任务", "奋斗目标", "政府工作的建议",
            "展望")),
    (MEASURES, ("举措", "成效", "工作情况", "工作回顾", "主要做法", "开展情况", "主要工作",
                "进展", "回顾", "成绩", "工作开展")),
)


# The areas of work of the national outline for 法治政府建设 (法治政府建设实施纲要), which
# agencies report on under their measures chapter, as chapters, or at any depth between: a
# section's theme from keywords in its simplified heading, first match wins. Two sections of
# two agencies about the same area are the same-function sections a reader compares.
_THEMES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("functions", ("履行政府职能", "履行职责", "履行职能", "政府职能", "放管服", "营商环境")),
    ("decisions", ("决策",)),
    ("institutions", ("制度体系", "规范性文件", "依法行政制度", "制度建设")),
    ("enforcement", ("执法",)),
    ("oversight", ("制约", "监督")),
    ("disputes", ("纠纷", "矛盾", "信访", "复议", "调解")),
    ("emergencies", ("突发事件", "应急")),
    ("literacy", ("普法", "法治宣传", "法治思维", "法治意识", "法治素养", "学法", "法治思想", "法治教育")),
)


def section_theme(section: Section) -> str:
    """The 法治政府建设 area of work a section's heading names ("functions", "decisions",
    "institutions", "enforcement", "oversight", "disputes", "emergencies", "literacy"), ""
    when none."""
    for theme, keywords in _THEMES:
        if any(k in section.heading_simplified for k in keywords):
            return theme
    return ""


def template_function(section: Section) -> str:
    """"duty", "shortcomings", "plan", "measures", "preamble" or "" for a section."""
    if section.kind == "preamble":
        return PREAMBLE
    return heading_function(section.heading_simplified)


def heading_function(heading_simplified: str) -> str:
    """The template function a heading names, "" when none."""
    for function, keywords in _FUNCTIONS:
        if any(k in heading_simplified for k in keywords):
            return function
    return ""


# The horizon of a chapter of a 政府工作报告: the work of the report's own year, or several
# years. A heading that looks back (回顾, 成效, 过去 …) is neither; one that names a period
# (“十二五”时期的主要目标和任务, “十五”期间的奋斗目标, 今后十五年的奋斗目标, 关于…五年规划纲要…的说明) is
# about several years; one that names the report's own year or 今年 (二、2010年主要任务,
# 三、2011年的工作, 三、对今年政府工作的建议, 九、努力做好1996年的工作) is the year's work.
REVIEW_HEADING = re.compile(r"回顾|成效|情况|进展|成绩|过去|问题|不足")
PERIOD_HEADING = re.compile(r"时期|期间|规划|今后[一二三四五六七八九十]+年")
_HEADING_YEAR = re.compile(r"(?:19|20)\d\d(?=年)")
YEAR, PERIOD = "year", "period"


def chapter_horizon(heading_simplified: str, year: int | None) -> str:
    """"year" when a chapter heading names the work of the report's own year (its `year`, or
    今年), "period" when it names several years ahead, "" otherwise (a review, a topic)."""
    heading = re.sub(r"(?<=\d)\s+(?=[\d年])", "", heading_simplified)  # 1 9 9 8 年
    if REVIEW_HEADING.search(heading):
        return ""
    if PERIOD_HEADING.search(heading):
        return PERIOD
    if "今年" in heading or (year is not None and str(year) in _HEADING_YEAR.findall(heading)):
        return YEAR
    return ""


# -- one report's sections ----------------------------------------------------------------------------
@dataclass
class _Side:
    doc: Document
    sections: list[Section]
    index: dict[str, int]
    parent: list[int]  # preorder index of the parent, -1 at top level
    size: list[int]  # number of sections in the subtree, itself included
    keys: list[str]
    functions: list[str]
    themes: list[str]
    horizons: list[str]  # chapters only: "year", "period" or "" (`chapter_horizon`)
    commitments: list[bool]  # a heading that is a sentence of its own (推进…改革，年底前在全部8个镇街设立…)

    @property
    def n(self) -> int:
        return len(self.sections)

    @cached_property
    def descendants(self):
        """Boolean matrix D[i, j]: section j lies strictly inside section i."""

        idx = np.arange(self.n)
        size = np.asarray(self.size)
        return (idx[None, :] > idx[:, None]) & (idx[None, :] < (idx + size)[:, None])

    def own_text(self, i: int) -> str:
        s = self.sections[i]
        end = s.children[0].start if s.children else s.end
        return self.doc.simplify(s.body_start, max(end, s.body_start))


def _side(doc: Document) -> _Side:
    sections = list(doc.walk())
    index = {s.id: i for i, s in enumerate(sections)}
    parent = [index.get(s.parent_id, -1) if s.parent_id else -1 for s in sections]
    size = [1] * len(sections)
    for i in range(len(sections) - 1, -1, -1):
        if parent[i] >= 0:
            size[parent[i]] += size[i]
    keys = [heading_key(s.heading_simplified) for s in sections]
    functions = [template_function(s) for s in sections]
    themes = [section_theme(s) for s in sections]
    horizons = [
        chapter_horizon(s.heading_simplified, doc.year) if p < 0 and s.kind == "heading" else ""
        for s, p in zip(sections, parent)
    ]
    commitments = [_CLAUSE_MARK.search(s.heading_simplified) is not None for s in sections]
    return _Side(doc, sections, index, parent, size, keys, functions, themes, horizons, commitments)


# -- scores -------------------------------------------------------------------------------------------
@dataclass
class _Scores:
    heading: Any  # n × m arrays
    heading_ratio: Any
    content: Any
    total: Any  # combined score, 0..1, without the assignment bonuses
    function: Any  # template function / area of work agreement: -1.5 (two functions) … 1.67
    structure: Any  # support from the children's best pairings inside the other section, 0..1
    inter: Any  # shared distinct COPY_GRAM-grams of full spans
    grams_left: Any  # distinct COPY_GRAM-grams per left section
    grams_right: Any
    similarity: float


def _scores(left: _Side, right: _Side) -> _Scores:
    n, m = left.n, right.n
    own_left = [left.own_text(i) for i in range(n)]
    own_right = [right.own_text(j) for j in range(m)]

    # content: TF-IDF cosine of bigrams over each section's whole span
    grams = kgram_counts([own_left, own_right], (2, COPY_GRAM))
    bi_left, bi_right = grams[2]
    units = int((bi_left.row_nnz() > 0).sum() + (bi_right.row_nnz() > 0).sum())
    df = bi_left.col_nnz() + bi_right.col_nnz()
    idf = np.log((1.0 + units) / (1.0 + df)) + 1.0
    full_left = bi_left.subtree_sums(left.size).tfidf_rows(idf)
    full_right = bi_right.subtree_sums(right.size).tfidf_rows(idf)
    content = cosines(full_left, full_right)
    similarity = _whole_cosine(bi_left, bi_right, idf) if units else 0.0

    # containment: distinct COPY_GRAM-grams shared by whole spans (counts: exact in float32)
    q_left, q_right = grams[COPY_GRAM]
    set_left = q_left.subtree_sums(left.size)
    set_right = q_right.subtree_sums(right.size)
    set_left = set_left.map_values(np.ones(len(set_left.vals)))
    set_right = set_right.map_values(np.ones(len(set_right.vals)))
    inter = set_left.dot_t(set_right)
    grams_left = set_left.row_sums()
    grams_right = set_right.row_sums()

    # headings
    ratio = process.cdist(left.keys, right.keys, scorer=fuzz.ratio, workers=1).astype(np.float64)
    tokens = process.cdist(
        [_bigram_tokens(k) for k in left.keys],
        [_bigram_tokens(k) for k in right.keys],
        scorer=fuzz.token_set_ratio,
        workers=1,
    ).astype(np.float64)
    heading = (ratio + tokens) / 200.0
    empty_left = np.array([not k for k in left.keys])
    empty_right = np.array([not k for k in right.keys])
    heading[empty_left, :] = 0.0
    heading[:, empty_right] = 0.0
    ratio[empty_left, :] = 0.0
    ratio[:, empty_right] = 0.0
    both_empty = empty_left[:, None] & empty_right[None, :]
    ratio[both_empty] = 100.0

    # template function: +1 same function, -1 different functions of two chapters
    fl = np.array(left.functions, dtype=object)
    fr = np.array(right.functions, dtype=object)
    has_l = fl != ""
    has_r = fr != ""
    same = (fl[:, None] == fr[None, :]) & has_l[:, None] & has_r[None, :]
    # two chapters on the work of their own year do the same thing, whatever their headings
    # call it (二、2010年主要任务 and 三、2011年的工作); the year's work and a plan of several years
    # are both plans, but not the same chapter of the template: neither the same function nor
    # opposed ones (a user test, session 25: 2016 二、“十三五”时期主要目标任务和重大举措 was
    # paired with 2017 二、2017年工作总体部署 at 0.28 on this agreement and its bonus alone)
    hl = np.array(left.horizons, dtype=object)
    hr = np.array(right.horizons, dtype=object)
    year_work = (hl == YEAR)[:, None] & (hr == YEAR)[None, :]
    horizons_differ = (hl != "")[:, None] & (hr != "")[None, :] & (hl[:, None] != hr[None, :])
    same |= year_work
    has_l = has_l | (hl == YEAR)
    has_r = has_r | (hr == YEAR)
    lvl_l = np.array([s.level for s in left.sections])
    lvl_r = np.array([s.level for s in right.sections])
    top = (lvl_l[:, None] == 1) & (lvl_r[None, :] == 1)
    same &= ~(horizons_differ & top)
    differ = has_l[:, None] & has_r[None, :] & ~same & top & ~horizons_differ
    function = same.astype(np.float64) - differ.astype(np.float64)
    function += (CHAPTER_FUNCTION_BONUS / W_FUNCTION) * (same & top & ~horizons_differ)  # the template's chapters
    # 法治政府建设 areas of work: the same area at any depth counts as the same function,
    # two different areas against it
    tl = np.array(left.themes, dtype=object)
    tr = np.array(right.themes, dtype=object)
    both_themes = (tl != "")[:, None] & (tr != "")[None, :]
    same_theme = both_themes & (tl[:, None] == tr[None, :])
    function += (same_theme & ~same) * THEME_AGREES - (both_themes & ~same_theme) * THEME_DIFFERS
    heading[both_empty & same] = 1.0  # the two preambles
    # the same heading, found once on each side, names the same section whatever its text
    count_l, count_r = Counter(left.keys), Counter(right.keys)
    unique_l = np.array([len(k) >= UNIQUE_HEADING_CHARS and count_l[k] == 1 for k in left.keys])
    unique_r = np.array([len(k) >= UNIQUE_HEADING_CHARS and count_r[k] == 1 for k in right.keys])
    kl = np.array(left.keys, dtype=object)
    kr = np.array(right.keys, dtype=object)
    identical = (kl[:, None] == kr[None, :]) & unique_l[:, None] & unique_r[None, :]

    words = W_CONTENT * content + W_HEADING * heading
    base = words + W_FUNCTION * function
    base += UNIQUE_HEADING_BONUS * identical
    base -= LEVEL_PENALTY * np.abs(lvl_l[:, None] - lvl_r[None, :])
    total, structure = _with_structure(np.clip(base, 0.0, 1.0), left, right)
    total = _with_mutual_best(total)
    # two leaves alike only by the area of work they share: their words decide (see MIN_SCORE)
    leaves = (np.asarray(left.size) == 1)[:, None] & (np.asarray(right.size) == 1)[None, :]
    leaves &= np.array(left.commitments)[:, None] & np.array(right.commitments)[None, :]
    by_area_only = leaves & ~same & (words + UNIQUE_HEADING_BONUS * identical < MIN_SCORE)
    total = np.where(by_area_only, np.minimum(total, words), total)
    return _Scores(heading, ratio, content, total, function, structure, inter, grams_left, grams_right, similarity)


def _whole_cosine(bi_left: GramMatrix, bi_right: GramMatrix, idf: np.ndarray) -> float:
    """TF-IDF cosine (0–1) of the two whole reports' bigram counts."""
    wl = np.log1p(bi_left.col_sums()) * idf
    wr = np.log1p(bi_right.col_sums()) * idf
    denom = float(np.sqrt(wl @ wl) * np.sqrt(wr @ wr))
    return float(wl @ wr) / denom if denom else 0.0


def _with_structure(base, left: _Side, right: _Side):
    """A parent pair's score gains from how well its children pair inside the other parent.
    Returns the scores and the support itself (0 where either section has no children)."""

    n, m = base.shape
    desc_left, desc_right = left.descendants, right.descendants
    # best score of left section a with any section strictly inside right section j, and back
    best_in_right = np.zeros((n, m))
    for j in range(m):
        if right.size[j] > 1:
            best_in_right[:, j] = base[:, desc_right[j]].max(axis=1)
    best_in_left = np.zeros((n, m))
    for i in range(n):
        if left.size[i] > 1:
            best_in_left[i, :] = base[desc_left[i], :].max(axis=0)
    weight_left = np.array([max(s.end - s.start, 1) for s in left.sections], dtype=np.float64)
    weight_right = np.array([max(s.end - s.start, 1) for s in right.sections], dtype=np.float64)
    total = base.copy()
    parents_left = [i for i in range(n) if left.size[i] > 1]
    parents_right = [j for j in range(m) if right.size[j] > 1]
    if not parents_left or not parents_right:
        return total, np.zeros((n, m))
    support_left = np.zeros((n, m))
    for i in parents_left:
        kids = [c for c in range(i + 1, i + left.size[i]) if left.parent[c] == i]
        w = weight_left[kids]
        support_left[i, :] = (w[:, None] * best_in_right[kids, :]).sum(axis=0) / w.sum()
    support_right = np.zeros((n, m))
    for j in parents_right:
        kids = [c for c in range(j + 1, j + right.size[j]) if right.parent[c] == j]
        w = weight_right[kids]
        support_right[:, j] = (best_in_left[:, kids] * w[None, :]).sum(axis=1) / w.sum()
    both = np.zeros((n, m), dtype=bool)
    both[np.ix_(parents_left, parents_right)] = True
    support = (support_left + support_right) / 2.0
    blended = (1 - W_STRUCTURE) * base + W_STRUCTURE * support
    total[both] = np.maximum(base[both], blended[both])  # support helps, never hurts
    return total, np.where(both, support, 0.0)


def _with_mutual_best(total):
    """Two sections that are each other's best candidate, clearly ahead of the runner-up,
    gain a little: a report rewritten from year to year keeps its topics, not its words."""

    n, m = total.shape
    if n < 2 or m < 2:
        return total
    out = total.copy()
    best_col = total.argmax(axis=1)
    best_row = total.argmax(axis=0)
    top_row = np.sort(total, axis=1)[:, -2:]
    top_col = np.sort(total, axis=0)[-2:, :]
    for i in range(n):
        j = best_col[i]
        if best_row[j] != i or total[i, j] < MUTUAL_MIN:
            continue
        margin = min(top_row[i, 1] - top_row[i, 0], top_col[1, j] - top_col[0, j])
        out[i, j] = min(1.0, out[i, j] + MUTUAL_BONUS * min(1.0, margin / MUTUAL_MARGIN))
    return out


# -- assignment ---------------------------------------------------------------------------------------
def _solve(gain) -> dict[int, int]:
    """Maximum total gain one-to-one pairing of rows and columns (n × m numpy gains), only
    positive gains used: a row whose best pairing gains nothing stays unpaired. Solved by
    `compare.comparison.assignment.best_pairing` (exact Hungarian method in plain Python for
    report-sized matrices, `lap`'s Jonker–Volgenant for large ones, one explicit tie rule)."""
    return best_pairing(gain.tolist())


_UNPAIRED = 1e-9  # a pair must gain more than this to be made


def _context(match: dict[int, int], side: _Side) -> list[int]:
    """For each section, the partner of its nearest paired proper ancestor (-1 for none)."""
    ctx = [-1] * side.n
    for i in range(side.n):
        p = side.parent[i]
        if p >= 0:
            ctx[i] = match[p] if p in match else ctx[p]
    return ctx


def _bonus(match: dict[int, int], left: _Side, right: _Side, desc_left, desc_right):
    """Hierarchy and order agreement of every candidate pair with a current solution."""

    n, m = left.n, right.n
    back = {b: a for a, b in match.items()}
    bonus = np.zeros((n, m))
    ctx_left = np.array(_context(match, left))
    ctx_right = np.array(_context(back, right))
    rows = np.nonzero(ctx_left >= 0)[0]
    if len(rows):
        bonus[rows, :] += np.where(desc_right[ctx_left[rows]], CONTEXT_BONUS, -CONTEXT_BONUS)
    cols = np.nonzero(ctx_right >= 0)[0]
    if len(cols):
        bonus[:, cols] += np.where(desc_left[ctx_right[cols]].T, CONTEXT_BONUS, -CONTEXT_BONUS)
    # order: between the partners of the nearest paired sections before and after
    if match:
        paired = np.array(sorted(match))
        partners = np.array([match[a] for a in paired])
        idx = np.arange(n)
        before = np.searchsorted(paired, idx, side="left") - 1
        after = np.searchsorted(paired, idx, side="right")
        lo = np.where(before >= 0, partners[np.clip(before, 0, None)], -1)
        hi = np.where(after < len(paired), partners[np.clip(after, None, len(paired) - 1)], m)
        cols_idx = np.arange(m)
        inside = (cols_idx[None, :] > lo[:, None]) & (cols_idx[None, :] < hi[:, None])
        bonus += np.where(inside, ORDER_BONUS, 0.0)
    return bonus


def _assign(scores: _Scores, left: _Side, right: _Side, pinned: list[tuple[int, int]]):

    desc_left, desc_right = left.descendants, right.descendants
    free = scores.total >= MIN_SCORE
    for a, b in pinned:
        free[a, :] = False
        free[:, b] = False
    fixed: dict[int, int] = {}
    for a, b in pinned:
        fixed.setdefault(a, b)
    base_gain = np.where(free, scores.total - THRESHOLD, -1.0)
    match = _solve(base_gain)
    for _ in range(3):
        context = {**match, **fixed}
        gain = np.where(free, scores.total + _bonus(context, left, right, desc_left, desc_right) - THRESHOLD, -1.0)
        new = _solve(gain)
        if new == match:
            break
        match = new
    return match


def _chapters_left(scores: _Scores, match: dict[int, int], left: _Side, right: _Side, pinned) -> dict[int, int]:
    """Second chance for chapters: a chapter (top-level section) still unpaired on one side
    and a section still unpaired on the other, in order between the partners of the paired
    sections around them, pair from MIN_SCORE up (instead of THRESHOLD), by one more global
    assignment over what is left. A body keeps its chapters' topics from year to year more than
    their words (政府工作报告 1992–2017: 发展科技教育文化和卫生体育事业 → 实施科教兴国战略
    和可持续发展), and a chapter promoted or demoted a level keeps its place in the order."""
    taken_left = set(match) | {a for a, _ in pinned}
    taken_right = set(match.values()) | {b for _, b in pinned}
    free_left = [i for i in range(left.n) if i not in taken_left and left.sections[i].kind == "heading"]
    free_right = [j for j in range(right.n) if j not in taken_right and right.sections[j].kind == "heading"]
    if not free_left or not free_right:
        return {}
    top_left = np.array([left.parent[i] < 0 for i in free_left])
    top_right = np.array([right.parent[j] < 0 for j in free_right])
    total = scores.total[np.ix_(free_left, free_right)]
    # in order: between the partners of the nearest paired sections before and after
    paired = sorted({**match, **dict(pinned)}.items())
    keys = [a for a, _ in paired]
    ok = np.zeros_like(total, dtype=bool)
    inside = np.zeros_like(total, dtype=bool)
    for r, i in enumerate(free_left):
        k = int(np.searchsorted(keys, i))
        lo = paired[k - 1][1] if k > 0 else -1
        hi = paired[k][1] if k < len(paired) else right.n
        # the chapter of the other report its neighbours went to, when both went to one
        home = _chapter(right, lo) if 0 <= lo and hi < right.n and _chapter(right, lo) == _chapter(right, hi) else -1
        for c, j in enumerate(free_right):
            ok[r, c] = lo < j < hi
            inside[r, c] = home >= 0 and _chapter(right, j) == home and j != home
    allowed = ((ok & (total >= MIN_SCORE)) | (inside & (total >= THRESHOLD))) & (top_left[:, None] | top_right[None, :])
    gain = np.where(allowed, total - MIN_SCORE, -1.0)
    return {free_left[r]: free_right[c] for r, c in _solve(gain).items()}


def _held_by_function(scores: _Scores, match: dict[int, int], left: _Side, right: _Side,
                      taken_left: set[int]) -> dict[int, int]:
    """Unpaired left sections that a section of the other report holds with a part of their
    own or with a twin: {left section: right section} when the section's best candidate
    (MIN_SCORE at least, of the same function or area of work) is the partner of one of its
    own subsections (苏州吴中 二、堅持依法全面履行職責, whose 2.1 持續深入政務服務改革 → 天河 1.4
    持续深化“放管服”改革: the section was promoted a level, or the other report folded it into
    one section), or of a sibling of the same area of work that it holds alike (TWIN_HELD: 苏州
    吴中 4.1 強化行政執法監督 and 4.2 加強開展水行政執法 → 塘沽 4.3 持续提升行政执法水平)."""
    out: dict[int, int] = {}
    for i in range(left.n):
        if i in taken_left or left.sections[i].kind != "heading":
            continue
        j = int(np.argmax(scores.total[i]))
        if scores.total[i, j] < MIN_SCORE or scores.function[i, j] <= 0:
            continue
        if any(match.get(c) == j for c in range(i + 1, i + left.size[i])):
            out[i] = j
            continue
        # a twin: a sibling of the same area of work paired with that section, which holds the
        # two alike (a section deleted beside its twin is not held: its words are gone)
        theme = section_theme(left.sections[i])
        for c in range(left.n):
            if c == i or left.parent[c] != left.parent[i] or match.get(c) != j or not theme:
                continue
            if section_theme(left.sections[c]) == theme and scores.content[i, j] >= TWIN_HELD * scores.content[c, j]:
                out[i] = j
                break
    return out


def heading_topics(key: str) -> set[str]:
    """Bigrams of a heading key that name a topic: stock words, years and numbers (Y, 0 in
    the key) and bigrams across a joining word (的, 和, 与, 及) out."""
    grams = {key[k : k + 2] for k in range(len(key) - 1)} - _HEADING_STOCK
    return {g for g in grams if not _HEADING_JOINERS & set(g)}


_STOCK_CHARACTERS = frozenset("".join(_HEADING_STOCK)) | _HEADING_JOINERS


def topic_characters(key: str) -> set[str]:
    """Characters of a heading key outside the stock words, joining words, years and numbers:
    what an abbreviation keeps of its words (科教 of 科技教育), for headings that share no topic
    bigram."""
    return set(key) - _STOCK_CHARACTERS - set("，、；：。（）()")


def _composed_by_heading(scores: _Scores, match: dict[int, int], left: _Side, right: _Side,
                         taken_left: set[int]) -> dict[int, int]:
    """Unpaired left chapters folded into a chapter of the other report whose heading is
    composed of theirs: {left chapter: right chapter} when the chapter's best candidate
    (MIN_SCORE at least) is a chapter paired with another left chapter, and its heading holds
    topic words of both headings, the words of this one that the partner's heading lacks
    (政府工作报告 2000 四、继续推进改革，全面加强管理 and 六、进一步扩大对外开放 → 2001 七、进一步深化
    改革和扩大对外开放: 改革 from the one, 扩大对外开放 from the other)."""
    back = {b: a for a, b in match.items()}
    out: dict[int, int] = {}
    for i in range(left.n):
        if i in taken_left or left.parent[i] >= 0 or left.sections[i].kind != "heading":
            continue
        j = int(np.argmax(scores.total[i]))
        other = back.get(j)
        if scores.total[i, j] < MIN_SCORE or right.parent[j] >= 0 or other is None or left.parent[other] >= 0:
            continue
        whole = heading_topics(right.keys[j])
        partner = heading_topics(left.keys[other])
        if whole & partner and (heading_topics(left.keys[i]) & whole) - partner:
            out[i] = j
    return out


def _held_as_year_work(scores: _Scores, match: dict[int, int], left: _Side, right: _Side,
                       taken_left: set[int]) -> dict[int, int]:
    """Unpaired chapters on the work of their report's own year, held by the other report's
    only such chapter: {left chapter: right chapter} when the right report has one chapter
    on its year's work (`chapter_horizon`), that chapter is paired with another year's-work
    chapter of the left, and it is the unpaired chapter's best candidate (MIN_SCORE at least):
    政府工作报告 2009 二、2009年工作总体部署 and 三、2009年主要任务 → 2010 二、2010年主要任务, one
    chapter for the year's overall arrangement and its tasks. A plan of several years (2016
    “十三五”时期主要目标任务) is not the year's work, and is never held this way."""
    year_right = [j for j in range(right.n) if right.horizons[j] == YEAR]
    if len(year_right) != 1:
        return {}
    j = year_right[0]
    other = {b: a for a, b in match.items()}.get(j)
    if other is None or left.horizons[other] != YEAR:
        return {}
    return {
        i: j for i in range(left.n)
        if i not in taken_left and i != other and left.horizons[i] == YEAR
        and scores.total[i, j] >= MIN_SCORE and int(np.argmax(scores.total[i])) == j
    }


def _chapter(side: _Side, i: int) -> int:
    """The top-level section holding section `i` (itself when top-level)."""
    while side.parent[i] >= 0:
        i = side.parent[i]
    return i


def _chapters_by_children(match: dict[int, int], left: _Side, right: _Side, taken_right: set[int]) -> dict[int, list[int]]:
    """Unpaired left chapters whose subsections became chapters of the other report: {left
    chapter: [right chapters]} when at least two of its children are paired with right
    top-level sections that no other pair names (2014 三、2014年重点工作 → 2015 三、… 六、)."""
    named = set(match.values())
    out: dict[int, list[int]] = {}
    for i in range(left.n):
        if left.parent[i] >= 0 or i in match or left.sections[i].kind != "heading":
            continue
        kids = [c for c in range(i + 1, i + left.size[i]) if left.parent[c] == i]
        partners = sorted({match[c] for c in kids if c in match and right.parent[match[c]] < 0})
        if len(partners) >= 2 and not set(partners) & (taken_right - named):
            out[i] = partners
    return out


# -- splits, merges and relations ---------------------------------------------------------------------
def _pieces(scores: _Scores, match: dict[int, int], left: _Side, right: _Side, taken_right: set[int]):
    """Unpaired right sections that are pieces of a paired left section: {left: [right, …]}."""

    inter, whole, part = scores.inter, scores.grams_left, scores.grams_right
    desc_right = right.descendants
    pieces: dict[int, list[int]] = {}
    skip: set[int] = set()
    for j in range(right.n):
        if j in taken_right or j in skip or part[j] < MIN_GRAMS:
            continue
        contained = inter[:, j] / part[j]
        candidates = np.nonzero(contained >= CONTAINED)[0]
        # the tightest container first; between equals (a parent holding one child), the deepest
        tight = inter[candidates, j] / np.maximum(whole[candidates], 1)
        order = sorted(range(len(candidates)), key=lambda k: (-round(tight[k], 6), -candidates[k]))
        for k in order:
            i = int(candidates[k])
            r = match.get(i)
            if r is None or r == j or desc_right[r, j] or desc_right[j, r]:
                continue
            share = inter[i, j] / max(whole[i], 1)
            if share >= MIN_PIECE and (inter[i, r] + inter[i, j]) / max(whole[i], 1) >= COVERED:
                break
        else:
            continue
        pieces.setdefault(i, []).append(j)
        skip.update(np.nonzero(desc_right[j])[0].tolist())
    return pieces


def _transposed(scores: _Scores) -> _Scores:
    return _Scores(
        scores.heading.T, scores.heading_ratio.T, scores.content.T, scores.total.T,
        scores.function.T, scores.structure.T, scores.inter.T, scores.grams_right, scores.grams_left, scores.similarity,
    )


def _longest_increasing(values: list[int]) -> set[int]:
    """Indices of a longest strictly increasing subsequence of distinct `values`; between
    equally long ones, the one whose members stay nearest their rank (a swap of two marks
    the one that travelled further)."""
    ranks = {v: r for r, v in enumerate(sorted(values))}
    n = len(values)
    best: list[tuple[int, float]] = [(1, -abs(k - ranks[v])) for k, v in enumerate(values)]
    previous = [-1] * n
    for k in range(n):
        for p in range(k):
            if values[p] < values[k]:
                cand = (best[p][0] + 1, best[p][1] - abs(k - ranks[values[k]]))
                if cand > best[k]:
                    best[k] = cand
                    previous[k] = p
    keep: set[int] = set()
    k = max(range(n), key=lambda i: best[i]) if n else -1
    while k >= 0:
        keep.add(k)
        k = previous[k]
    return keep


def _moved(match: dict[int, int], left: _Side, right: _Side) -> set[int]:
    """Left sections whose pair is out of order among the pairs of the same paired parents."""
    back = {b: a for a, b in match.items()}
    ctx_left = _context(match, left)  # partner (right index) of the nearest paired ancestor
    anc_right = [_nearest_paired_ancestor(j, right, back) for j in range(right.n)]
    groups: dict[int, list[int]] = {}
    moved: set[int] = set()
    for a, b in match.items():
        if ctx_left[a] != anc_right[b]:
            moved.add(a)  # taken out of its paired parent
            continue
        groups.setdefault(ctx_left[a], []).append(a)
    for members in groups.values():
        members.sort()
        keep = _longest_increasing([match[a] for a in members])
        moved.update(a for k, a in enumerate(members) if k not in keep)
    return moved


def _nearest_paired_ancestor(j: int, side: _Side, paired: dict[int, int]) -> int:
    p = side.parent[j]
    while p >= 0 and p not in paired:
        p = side.parent[p]
    return p


# -- the aligner --------------------------------------------------------------------------------------
def _pin_indices(pins: Sequence[tuple[str, str]], left: _Side, right: _Side) -> list[tuple[int, int]]:
    out = []
    for left_id, right_id in pins:
        if left_id not in left.index:
            raise ReportError(left.doc.path, f"no section {left_id!r} to pin")
        if right_id not in right.index:
            raise ReportError(right.doc.path, f"no section {right_id!r} to pin")
        pair = (left.index[left_id], right.index[right_id])
        if pair not in out:
            out.append(pair)
    return out


def align_sections(
    left: Document, right: Document, pins: Sequence[tuple[str, str]] = ()
) -> Alignment:
    """Pair the sections of two reports and say how each pair relates.

    `pins` are a reviewer's pairs (left id, right id): kept as they are (`pinned=True`) and
    the rest aligned around them. A left id pinned twice is a split, a right id twice a merge.
    """
    L, R = _side(left), _side(right)
    pinned = _pin_indices(pins, L, R)
    if L.n == 0 or R.n == 0:
        return Alignment(left, right, [], [s.id for s in L.sections], [s.id for s in R.sections], 0.0)
    scores = _scores(L, R)
    match = _assign(scores, L, R, pinned)
    match.update(_chapters_left(scores, match, L, R, pinned))

    taken_left = set(match) | {a for a, _ in pinned}
    taken_right = set(match.values()) | {b for _, b in pinned}
    splits = _pieces(scores, match, L, R, taken_right)
    back = {b: a for a, b in match.items()}
    merges = _pieces(_transposed(scores), back, R, L, taken_left)
    restructured = _chapters_by_children(match, L, R, taken_right)
    merged_chapters = _chapters_by_children(back, R, L, taken_left)
    for a, b in _held_by_function(scores, match, L, R, taken_left | set(restructured)).items():
        merges.setdefault(b, []).append(a)
    for b, a in _held_by_function(_transposed(scores), back, R, L, taken_right | set(merged_chapters)).items():
        splits.setdefault(a, []).append(b)
    held_left = taken_left | set(restructured) | {a for pieces in merges.values() for a in pieces}
    for a, b in _composed_by_heading(scores, match, L, R, held_left).items():
        merges.setdefault(b, []).append(a)
    held_right = taken_right | set(merged_chapters) | {b for pieces in splits.values() for b in pieces}
    for b, a in _composed_by_heading(_transposed(scores), back, R, L, held_right).items():
        splits.setdefault(a, []).append(b)
    for a, b in _held_as_year_work(scores, match, L, R, held_left | {a for pieces in merges.values() for a in pieces}).items():
        merges.setdefault(b, []).append(a)
    for b, a in _held_as_year_work(_transposed(scores), back, R, L,
                                   held_right | {b for pieces in splits.values() for b in pieces}).items():
        splits.setdefault(a, []).append(b)

    one_to_one = dict(match)
    pin_left_count: dict[int, int] = {}
    pin_right_count: dict[int, int] = {}
    for a, b in pinned:
        pin_left_count[a] = pin_left_count.get(a, 0) + 1
        pin_right_count[b] = pin_right_count.get(b, 0) + 1
    for a, b in pinned:
        if pin_left_count[a] == 1 and pin_right_count[b] == 1:
            one_to_one[a] = b
    moved = _moved(one_to_one, L, R)

    pinned_set = set(pinned)
    pairs: list[SectionPair] = []

    def add(a: int, b: int, relation: Relation) -> None:
        pairs.append(
            SectionPair(
                left_id=L.sections[a].id,
                right_id=R.sections[b].id,
                score=round(float(scores.total[a, b]), 4),
                relation=relation,
                heading_score=round(float(scores.heading[a, b]), 4),
                content_score=round(float(scores.content[a, b]), 4),
                function_score=round(float(scores.function[a, b]), 4),
                structure_score=round(float(scores.structure[a, b]), 4),
                pinned=(a, b) in pinned_set,
            )
        )

    for a, b in pinned:
        if pin_left_count[a] > 1:
            add(a, b, Relation.SPLIT)
        elif pin_right_count[b] > 1:
            add(a, b, Relation.MERGED)
    for a, b in one_to_one.items():
        if a in splits:
            add(a, b, Relation.SPLIT)
        elif b in merges:
            add(a, b, Relation.MERGED)
        elif a in moved:
            add(a, b, Relation.MOVED)
        elif scores.heading_ratio[a, b] >= SAME_HEADING:
            add(a, b, Relation.SAME)
        else:
            add(a, b, Relation.RENAMED)
    for a, pieces in [*splits.items(), *restructured.items()]:  # pieces by text, chapters by children
        for b in pieces:
            add(a, b, Relation.SPLIT)
    for b, pieces in [*merges.items(), *merged_chapters.items()]:
        for a in pieces:
            add(a, b, Relation.MERGED)

    pairs.sort(key=lambda p: (L.index[p.left_id], R.index[p.right_id]))
    used_left = {p.left_id for p in pairs}
    used_right = {p.right_id for p in pairs}
    return Alignment(
        left=left,
        right=right,
        pairs=pairs,
        left_only=[s.id for s in L.sections if s.id not in used_left],
        right_only=[s.id for s in R.sections if s.id not in used_right],
        similarity=round(min(max(scores.similarity, 0.0), 1.0), 4),
    )
