"""Commitments: the plan items of year N matched against year N+1's review of year N.

Plan items are the sentences of report N's plan part (`parts.Part.PLAN`) that commit to
something checkable: a figure, a quoted or titled name (“中国制造2025”, 《…条例》), or a concrete
action verb (出台, 启动, 取消, 新建 …) in a sentence of at least `MIN_ITEM` characters. Each is
scored against every sentence of report N+1's review part (all sentences outside its plan
when it has no review part) by the IDF-weighted share of the item's character bigrams that
the review sentence holds (IDF over the sentences of both reports, so 推进, 加强, 发展 weigh
little). The best sentence is the evidence. Status:

- `reported_figures`: score ≥ `REPORTED_MIN` and the evidence states a figure or a named
  result the item names too;
- `reported_general`: score ≥ `REPORTED_MIN` otherwise;
- `dropped`: no review sentence reaches `REPORTED_MIN`.

`REPORTED_MIN` and `CLAUSE_WEIGHT` were set on 40 plan items of the 2011 and 2012 State Council
reports read by hand against the reviews of 2012 and 2013 (mentioned items scored 0.31–1.0 but
for two, items not mentioned 0.08–0.27), never on the labelled 2013–2016 items in
tests/data/series_truth.yaml.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass
from enum import StrEnum

import numpy as np

from compare.parsing.document import Document, Sentence
from compare.series.parts import Part, section_parts
from compare.series.values import stated_values


class Status(StrEnum):
    REPORTED_FIGURES = "reported_figures"
    REPORTED_GENERAL = "reported_general"
    DROPPED = "dropped"


REPORTED_MIN = 0.30  # IDF-weighted bigram share, 0..1 (see the module docstring)
MIN_CLAUSE = 5  # bigrams of a clause scored on its own
CLAUSE_WEIGHT = 1.0  # a clause covered counts as much as the whole item (one indicator of a targets list)
_CLAUSE = re.compile(r"[，,；;：:。]")
MIN_ITEM = 12  # characters of a plan item without a figure or a name

_NAMED = re.compile(r"“([^”]{2,30})”|《([^》]{2,40})》|\"([^\"]{2,30})\"")
_ACTION = re.compile(
    r"出台|制定|修订|修改|启动|新建|改建|建成|开工|取消|下放|设立|试点|推广|整治|改造|发行|化解|淘汰|压减|"
    r"削减|免除|减免|颁布|审议|提请|废止"
)
_HAN = re.compile(r"[\u4e00-\u9fff]+")


@dataclass(slots=True)
class Commitment:
    """One plan item of `year` and what the report of `review_year` says of it."""

    year: int
    review_year: int
    sentence_id: str
    text: str  # as written
    section: str  # heading of its section
    status: Status
    score: float  # 0..1
    evidence_id: str | None
    evidence: str | None  # the review sentence, as written
    left_path: str = ""  # report N
    right_path: str = ""  # report N+1
    verdict: str | None = None  # a reviewer's "accepted" / "rejected" (`judgements`), if any


def is_plan_item(text: str) -> bool:
    """Does a plan sentence (matching view) commit to something checkable?"""
    if stated_values(text) or _NAMED.search(text):
        return True
    return len("".join(_HAN.findall(text))) >= MIN_ITEM and bool(_ACTION.search(text))


def plan_items(doc: Document) -> list[Sentence]:
    """The plan items of a report, in reading order."""
    parts = section_parts(doc)
    return [s for s in doc.sentences() if parts.get(s.section_id) == Part.PLAN and is_plan_item(s.simplified)]


def review_sentences(doc: Document) -> list[Sentence]:
    """The review part of a report (what it says of the year before)."""
    parts = section_parts(doc)
    review = [s for s in doc.sentences() if parts.get(s.section_id) == Part.REVIEW]
    return review or [s for s in doc.sentences() if parts.get(s.section_id) != Part.PLAN]


def _bigrams(text: str) -> set[str]:
    out: set[str] = set()
    for run in _HAN.findall(text):
        out.update(run[i:i + 2] for i in range(len(run) - 1))
    return out


def _names(text: str) -> set[str]:
    return {next(g for g in m.groups() if g) for m in _NAMED.finditer(text)}


class Matcher:
    """Scores plan items of one report against the review sentences of the next.

    Coverage is computed for all items at once as a sparse product: items (and their
    clauses) × bigrams weighted by IDF, times review sentences × bigrams (0/1).
    """

    def __init__(self, plan_doc: Document, review_doc: Document) -> None:
        self.review = review_sentences(review_doc)
        df: Counter[str] = Counter()
        units = [*(s.simplified for s in plan_doc.sentences()), *(s.simplified for s in review_doc.sentences())]
        for text in units:
            df.update(_bigrams(text))
        n = max(len(units), 1)
        # sorted, not in set order: the order of a sum of floats decides ties between review
        # sentences, and a set's order changes with each process's string hash seed
        grams = sorted(df)
        self._vocab = {g: i for i, g in enumerate(grams)}
        self._idf = np.array([math.log((n + 1) / (df[g] + 0.5)) for g in grams])
        self._review = self._matrix([_bigrams(s.simplified) for s in self.review], binary=True)

    def _matrix(self, grams: list[set[str]], binary: bool = False):
        from scipy import sparse  # deferred: scipy loads only when commitments are matched

        rows, cols = [], []
        for r, gs in enumerate(grams):
            for g in sorted(gs):  # a fixed order of terms: sums of floats the same in every run
                if g in self._vocab:
                    rows.append(r)
                    cols.append(self._vocab[g])
        values = np.ones(len(cols)) if binary else self._idf[cols] if cols else np.zeros(0)
        return sparse.csr_matrix((values, (rows, cols)), shape=(len(grams), len(self._vocab)))

    def best_many(self, texts: list[str]) -> list[tuple[float, int | None]]:
        """(score 0..1, index into `review`) of the review sentence that covers most of each text.

        The score is the best coverage of the whole item or of one of its clauses of at
        least `MIN_CLAUSE` bigrams (a targets sentence lists several indicators, each
        reported in a sentence of its own), the clause's coverage scaled by `CLAUSE_WEIGHT`.
        Bigrams in neither report (none, since the items are in one of them) weigh nothing.
        """
        units: list[set[str]] = []
        owner: list[int] = []
        weight: list[float] = []
        for n, text in enumerate(texts):
            units.append(_bigrams(text))
            owner.append(n)
            weight.append(1.0)
            clauses = [c for c in _CLAUSE.split(text) if len(_bigrams(c)) >= MIN_CLAUSE]
            if len(clauses) > 1:
                for clause in clauses:
                    units.append(_bigrams(clause))
                    owner.append(n)
                    weight.append(CLAUSE_WEIGHT)
        out: list[tuple[float, int | None]] = [(0.0, None)] * len(texts)
        if not units or not self.review:
            return out
        m = self._matrix(units)
        totals = np.asarray(m.sum(axis=1)).ravel()
        covered = (m @ self._review.T).toarray()
        with np.errstate(divide="ignore", invalid="ignore"):
            scores = np.where(totals[:, None] > 0, covered / totals[:, None], 0.0) * np.array(weight)[:, None]
        at = scores.argmax(axis=1)
        for u, n in enumerate(owner):
            score = float(scores[u, at[u]])
            if score > out[n][0]:
                out[n] = (score, int(at[u]))
        return out

    def best(self, text: str) -> tuple[float, int | None]:
        """`best_many` of one text."""
        return self.best_many([text])[0]

    def judge(self, text: str) -> tuple[Status, float, Sentence | None]:
        """Status of one plan item (matching view), its score and the evidence sentence."""
        return self.status(text, *self.best(text))

    def status(self, text: str, score: float, at: int | None) -> tuple[Status, float, Sentence | None]:
        """Status from an item's best score and evidence index (see `best_many`)."""
        if at is None or score < REPORTED_MIN:
            return Status.DROPPED, score, None
        evidence = self.review[at]
        names = _names(text)
        figures = bool(stated_values(evidence.simplified)) or bool(names & _names(evidence.simplified))
        return (Status.REPORTED_FIGURES if figures else Status.REPORTED_GENERAL), score, evidence


def match_commitments(plan_doc: Document, review_doc: Document) -> list[Commitment]:
    """Every plan item of `plan_doc` with its status in `review_doc` (the next year's report)."""
    matcher = Matcher(plan_doc, review_doc)
    out = []
    items = plan_items(plan_doc)
    for item, (best, at) in zip(items, matcher.best_many([i.simplified for i in items])):
        status, score, evidence = matcher.status(item.simplified, best, at)
        section = plan_doc.section(item.section_id).title
        out.append(Commitment(
            plan_doc.year or 0, review_doc.year or 0, item.id, item.text, section, status, round(score, 3),
            evidence.id if evidence else None, evidence.text if evidence else None,
            plan_doc.path, review_doc.path,
        ))
    return out
