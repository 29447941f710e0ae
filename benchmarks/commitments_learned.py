"""A learned matcher for commitments, evaluated leave-one-year-out beside the bigram share.

    python benchmarks/commitments_learned.py [--l2 1.0] [--held-out]    (also: benchmarks/series.py --learned)

The question (issue 15, session 23): does a small model trained on the development labels
(tests/data/commitments_dev.yaml: plans 2001, 2010, 2011, 2012) decide `dropped` better than
the series' rule (`compare.series.commitments`: dropped when the best IDF-weighted bigram share
of a review sentence is below `REPORTED_MIN`)? It would be shipped only if, scored on a plan
year it was not trained on, both `dropped` precision and recall improve on average.

For each labelled plan item, judged from its own text against the review part of the next
year's report (`review_sentences`) exactly as benchmarks/series.py judges it, the features
(`FEATURES`; all computed from the two reports, no model or data from elsewhere):

- `share`: the series' own score (0–1: the best review sentence's share of the item's
  IDF-weighted character bigrams, whole item or one clause; `Matcher.best_many`);
- `whole`, `second`: the best and second-best share of the whole item (0–1);
- `above`: how many review sentences hold at least 0.3 of it (count);
- `paragraph`, `review`: the share held by the best review paragraph, by the whole review (0–1);
- `cosine`: the best cosine of IDF-weighted bigram vectors, item against review sentence (0–1);
- `run`: the longest run of Han characters shared with any review sentence (3–8 characters,
  divided by 8);
- `rare`: of the item's three rarest bigrams (highest IDF), the share found in the review;
- `trigrams`: the share of its character trigrams found in the review;
- `words`: the IDF-weighted share of its jieba words (two characters or more) found among the
  review's words;
- `names`: the share of its quoted or titled names (“…”, 《…》) found in the review (0 with none);
- `item_figure`, `evidence_figure`: whether the item, the best review sentence state a figure;
- `length`: log(1 + the item's bigrams);
- `position`: where the item stands in its report (0–1, by sentence);
- `section`: the best share inside the review section most like the item's plan section (a
  topic map: cosine of IDF-weighted bigram profiles of the sections) — the chapter
  correspondence of session 21;
- `problem`: whether the best review sentence states a problem (主要是：, 问题, 不足, 困难 …).

The model: logistic regression with an L2 penalty (`--l2`, on standardised features), fitted
by Newton's method in numpy (no scikit-learn needed, so nothing beyond the run-time
dependencies), predicting `dropped`. Each of the plan years 2010, 2011 and 2012 is left out in
turn (2001, with no dropped item, is always trained on); the model is trained on the others
and scored on it, with its decision threshold at 0.5 and, separately, where precision and
recall meet on the training years. Printed beside it on the same items: the series' rule at
`REPORTED_MIN` (set on all four years, so slightly favoured) and with its threshold refitted
on the training years the same way; and the learned model whose features are chosen inside
each training fold (forward selection from `share`, by leave-one-year-out on the training
years alone: nested, the honest figure for "pick the features that help").

The verdict is a paired bootstrap (`both_better`): the learned model is worth shipping only if
it beats the rule in both mean precision and mean recall in at least 95% of resamples of the
items left out.

Session 23 (load average ≈ 2–3 on 2 cores while the 100,000-report batch benchmark ran; the
figures do not depend on load): rule 0.645/0.643 mean dropped precision/recall over the three
years left out; all features 0.651/0.679 (threshold 0.5) and 0.654/0.672 (meeting threshold),
better in both in 64% and 67% of the resamples; features chosen in the fold 0.629/0.651. In
2012 the model is worse in both (0.64/0.56 against 0.67/0.63). Not shipped (see
`compare.series.commitments`). Then, once (`--held-out`, after the decision): 0.32/0.76
against the rule's 0.32/0.65 on the held-out plan items (37 against 32 of 49 dropped found). Tried the same way before writing this script, no better:
pair-level models trained on the labeller's evidence sentences (item dropped when no review
sentence scores high enough: 0.59–0.64 / 0.57–0.63), a hubness correction of the bigram share
(a review sentence's share less its mean share over its k best-matching plan items, as CSLS,
Conneau et al. 2018: at best 0.66/0.66 left out), and a threshold falling with the item's
length (moves along the same precision–recall curve).
"""

from __future__ import annotations

import argparse
import math
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from compare.files.yamlfiles import read_yaml  # noqa: E402
from compare.parsing.document import Document  # noqa: E402
from compare.parsing.normalise import simplify  # noqa: E402
from compare.series.commitments import (  # noqa: E402
    _HAN,
    REPORTED_MIN,
    Matcher,
    _bigrams,
    _names,
    _states_figure,
)
from compare.series.ordering import load_report  # noqa: E402
from compare.text.tokens import words  # noqa: E402

DEV = ROOT / "tests" / "data" / "commitments_dev.yaml"
TRUTH = ROOT / "tests" / "data" / "series_truth.yaml"  # held out: measured once, nothing set on it
CORPUS = ROOT / "corpus"
FEATURES = (
    "share", "whole", "second", "above", "paragraph", "review", "cosine", "run", "rare", "trigrams",
    "words", "names", "item_figure", "evidence_figure", "length", "position", "section", "problem",
)
# Kept only when better in both mean precision and mean recall of `dropped` in at least this
# share of paired bootstrap resamples of the items left out (Efron & Tibshirani 1993; Koehn
# 2004 for comparing two systems on one test set): a difference of an item or two a year is luck.
CONFIDENT = 0.95
RESAMPLES = 1000
LEFT_OUT = (2010, 2011, 2012)  # plan years with dropped items; 2001 (none dropped) is always trained on
_PROBLEM = re.compile(r"主要是[:：]|问题|不足|困难|差距|薄弱|不强|不合理|矛盾|滞后|短板|有待")


def _kgrams(text: str, k: int) -> set[str]:
    out: set[str] = set()
    for run in _HAN.findall(text):
        out.update(run[i:i + k] for i in range(len(run) - k + 1))
    return out


def _top_section(section_id: str) -> str:
    """The section two levels deep (1.4 of 1.4.2): the grain of a review's topics."""
    return ".".join(section_id.split(".")[:2])


class PairFeatures:
    """The features (`FEATURES`) of plan items of `plan` against the review of `review`."""

    def __init__(self, plan: Document, review: Document) -> None:
        self.matcher = Matcher(plan, review)
        self.review = self.matcher.review
        self.review_bigrams = [_bigrams(s.simplified) for s in self.review]
        self.all_bigrams: set[str] = set().union(*self.review_bigrams) if self.review_bigrams else set()
        paragraphs: dict[tuple[str, int], set[str]] = defaultdict(set)
        sections: dict[str, Counter[str]] = defaultdict(Counter)
        for s, grams in zip(self.review, self.review_bigrams):
            paragraphs[(s.section_id, s.paragraph)] |= grams
            sections[_top_section(s.section_id)].update(grams)
        self.paragraphs = list(paragraphs.values())
        self.section_profiles = {k: self._profile(c) for k, c in sections.items()}
        self.trigrams = set().union(*(_kgrams(s.simplified, 3) for s in self.review)) if self.review else set()
        self.runs = {k: set().union(*(_kgrams(s.simplified, k) for s in self.review)) for k in range(3, 9)}
        self.review_text = "".join(s.simplified for s in self.review)
        self.review_words = {w for s in self.review for w in words(s.simplified) if len(w) >= 2}
        self.plan_sentences = {s.id: s for s in plan.sentences()}
        self.order = {s.id: n for n, s in enumerate(plan.sentences())}
        plan_sections: dict[str, Counter[str]] = defaultdict(Counter)
        for s in plan.sentences():
            plan_sections[s.section_id].update(_bigrams(s.simplified))
        self.plan_profiles = {k: self._profile(c) for k, c in plan_sections.items()}

    def idf(self, gram: str) -> float:
        vocab = self.matcher._vocab
        return float(self.matcher._idf[vocab[gram]]) if gram in vocab else 0.0

    def _profile(self, counts: Counter[str]) -> dict[str, float]:
        v = {g: n * self.idf(g) for g, n in counts.items()}
        norm = math.sqrt(math.fsum(x * x for x in v.values())) or 1.0
        return {g: x / norm for g, x in v.items()}

    def _share(self, grams: set[str], within: set[str], total: float) -> float:
        return math.fsum(self.idf(g) for g in grams & within) / total  # fsum: the same in any set order

    def features(self, item_id: str, text: str, share: float, at: int | None) -> dict[str, float]:
        """The features of one plan item (matching view `text`, its id in the plan report, and
        the series' score and evidence index from `Matcher.best_many`)."""
        grams = _bigrams(text)
        total = math.fsum(self.idf(g) for g in grams) or 1.0
        shares = np.array([self._share(grams, r, total) for r in self.review_bigrams] or [0.0])
        ranked = np.sort(shares)[::-1]
        norm = math.sqrt(math.fsum(self.idf(g) ** 2 for g in grams)) or 1.0
        cosine = max((math.fsum(self.idf(g) ** 2 for g in grams & r)
                      / norm / (math.sqrt(math.fsum(self.idf(g) ** 2 for g in r)) or 1.0)
                      for r in self.review_bigrams), default=0.0)
        run = max((k for k in range(3, 9) if _kgrams(text, k) & self.runs[k]), default=0)
        rare = sorted(grams, key=lambda g: (-self.idf(g), g))[:3]
        trigrams = _kgrams(text, 3)
        item_words = {w for w in words(text) if len(w) >= 2}
        word_idf = {w: max((self.idf(g) for g in _bigrams(w)), default=0.0) for w in item_words}
        names = _names(text)
        evidence = self.review[at] if at is not None else None
        sentence = self.plan_sentences.get(item_id)
        section = shares.max()
        if sentence is not None and sentence.section_id in self.plan_profiles and self.section_profiles:
            profile = self.plan_profiles[sentence.section_id]
            similar = max(self.section_profiles, key=lambda k: math.fsum(
                profile.get(g, 0.0) * x for g, x in self.section_profiles[k].items()))
            section = max((shares[n] for n, s in enumerate(self.review) if _top_section(s.section_id) == similar),
                          default=0.0)
        return {
            "share": share,
            "whole": float(ranked[0]),
            "second": float(ranked[1]) if len(ranked) > 1 else 0.0,
            "above": float((shares >= 0.3).sum()),
            "paragraph": max((self._share(grams, p, total) for p in self.paragraphs), default=0.0),
            "review": self._share(grams, self.all_bigrams, total),
            "cosine": cosine,
            "run": run / 8,
            "rare": sum(1 for g in rare if g in self.all_bigrams) / max(len(rare), 1),
            "trigrams": len(trigrams & self.trigrams) / max(len(trigrams), 1),
            "words": (math.fsum(v for w, v in word_idf.items() if w in self.review_words)
                      / (math.fsum(word_idf.values()) or 1.0)),
            "names": sum(1 for n in names if n in self.review_text) / len(names) if names else 0.0,
            "item_figure": float(_states_figure(text)),
            "evidence_figure": float(evidence is not None and _states_figure(evidence.simplified)),
            "length": math.log(1 + len(grams)),
            "position": self.order.get(item_id, 0) / max(len(self.order), 1),
            "section": float(section),
            "problem": float(evidence is not None and bool(_PROBLEM.search(evidence.simplified))),
        }


def labelled_features(items: list[dict]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(features: items × `FEATURES`, dropped: 0/1 per item, plan year per item) of labelled items."""
    groups: dict[tuple[int, int], list[dict]] = defaultdict(list)
    for item in items:
        groups[(item["plan_year"], item["review_year"])].append(item)
    rows, dropped, years = [], [], []
    for (plan_year, review_year), group in sorted(groups.items()):
        pair = PairFeatures(load_report(CORPUS / f"state-council-{plan_year}.txt"),
                            load_report(CORPUS / f"state-council-{review_year}.txt"))
        texts = [simplify(item["text"]) for item in group]
        for item, text, (share, at, _topic) in zip(group, texts, pair.matcher.best_many(texts)):
            f = pair.features(item["id"], text, share, at)
            rows.append([f[name] for name in FEATURES])
            dropped.append(float(item["status"] == "dropped"))
            years.append(plan_year)
    return np.array(rows), np.array(dropped), np.array(years)


def fit(x: np.ndarray, y: np.ndarray, l2: float) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(weights with the intercept first, feature means, feature deviations) of an L2-penalised
    logistic regression of `y` (0/1) on standardised `x`, by Newton's method (30 steps)."""
    mean, dev = x.mean(axis=0), x.std(axis=0) + 1e-9
    z = np.c_[np.ones(len(x)), (x - mean) / dev]
    w = np.zeros(z.shape[1])
    penalty = l2 * np.diag(np.r_[0.0, np.ones(len(w) - 1)])
    for _ in range(30):
        p = 1 / (1 + np.exp(-np.clip(z @ w, -30, 30)))
        w -= np.linalg.solve((z * (p * (1 - p))[:, None]).T @ z + penalty, z.T @ (p - y) + penalty @ w)
    return w, mean, dev


def probability(model: tuple[np.ndarray, np.ndarray, np.ndarray], x: np.ndarray) -> np.ndarray:
    w, mean, dev = model
    return 1 / (1 + np.exp(-np.clip(np.c_[np.ones(len(x)), (x - mean) / dev] @ w, -30, 30)))


def precision_recall(predicted: np.ndarray, truth: np.ndarray) -> tuple[float, float]:
    tp = float((predicted & truth).sum())
    return tp / max(int(predicted.sum()), 1), tp / max(int(truth.sum()), 1)


def meeting_threshold(scores: np.ndarray, truth: np.ndarray) -> float:
    """The threshold (predict dropped at score ≥ it) with the highest min(precision, recall)."""
    best, at = -1.0, 0.5
    for t in np.unique(scores):
        p, r = precision_recall(scores >= t, truth)
        if min(p, r) > best:
            best, at = min(p, r), float(t)
    return at


def predict(x: np.ndarray, y: np.ndarray, columns: list[int], train: np.ndarray, test: np.ndarray, l2: float,
            meet: bool) -> np.ndarray:
    """Dropped or not (bool per item of `test`) by the model on `columns` fitted on `train`, at
    probability 0.5 or (`meet`) where precision and recall meet on `train`."""
    model = fit(x[train][:, columns], y[train], l2)
    threshold = meeting_threshold(probability(model, x[train][:, columns]), y[train] > 0) if meet else 0.5
    return probability(model, x[test][:, columns]) >= threshold


def evaluate(x: np.ndarray, y: np.ndarray, years: np.ndarray, columns: list[int], train: np.ndarray,
             test: np.ndarray, l2: float, meet: bool) -> tuple[float, float]:
    """Dropped (precision, recall) on `test` of the model on `columns` fitted on `train`."""
    return precision_recall(predict(x, y, columns, train, test, l2, meet), y[test] > 0)


def both_better(predicted: list[np.ndarray], base: list[np.ndarray], truth: list[np.ndarray], seed: int = 0) -> float:
    """Share of `RESAMPLES` paired bootstrap resamples (items drawn with replacement within each
    year left out; the same draw for both) in which `predicted` has a higher mean-over-years
    precision and a higher mean recall of `dropped` than `base`."""
    rng = np.random.default_rng(seed)
    wins = 0
    for _ in range(RESAMPLES):
        ours, theirs = [], []
        for p, b, t in zip(predicted, base, truth):
            at = rng.integers(0, len(t), len(t))
            ours.append(precision_recall(p[at], t[at]))
            theirs.append(precision_recall(b[at], t[at]))
        mean_ours, mean_theirs = np.mean(ours, axis=0), np.mean(theirs, axis=0)
        wins += bool(mean_ours[0] > mean_theirs[0] and mean_ours[1] > mean_theirs[1])
    return wins / RESAMPLES


def forward_selection(x: np.ndarray, y: np.ndarray, years: np.ndarray, train_years: list[int], l2: float) -> list[int]:
    """Columns chosen greedily from `share`, each added while the mean min(precision, recall)
    over the training years left out in turn grows by more than 0.005."""
    inner = [t for t in train_years if t in LEFT_OUT]

    def quality(columns: list[int]) -> float:
        scores = []
        for left in inner:
            train = np.isin(years, [t for t in train_years if t != left])
            scores.append(min(evaluate(x, y, years, columns, train, years == left, l2, True)))
        return float(np.mean(scores))

    chosen = [FEATURES.index("share")]
    current = quality(chosen)
    while len(chosen) < len(FEATURES):
        score, column = max((quality([*chosen, c]), c) for c in range(len(FEATURES)) if c not in chosen)
        if score <= current + 0.005:
            break
        chosen.append(column)
        current = score
    return chosen


def held_out(x: np.ndarray, y: np.ndarray, l2: float) -> None:
    """The model fitted on every development item (all features), scored once on the held-out
    plan items of tests/data/series_truth.yaml (another labeller, plans 2013–2016) beside the
    series' rule: figures only, for the record — whether to ship was decided on the development
    set before this was run, and nothing is set on it."""
    items = read_yaml(TRUTH)["commitments"]
    hx, hy, _ = labelled_features(items)
    model = fit(x, y, l2)
    threshold = meeting_threshold(probability(model, x), y > 0)
    truth = hy > 0
    rule = precision_recall(hx[:, FEATURES.index("share")] < REPORTED_MIN, truth)
    half = precision_recall(probability(model, hx) >= 0.5, truth)
    meet = precision_recall(probability(model, hx) >= threshold, truth)
    print(f"  held out ({TRUTH.name}, {len(hy)} items, {int(truth.sum())} dropped), dropped precision/recall: "
          f"rule {rule[0]:.2f}/{rule[1]:.2f}; learned on all dev years, threshold 0.5 {half[0]:.2f}/{half[1]:.2f}, "
          f"meeting threshold {meet[0]:.2f}/{meet[1]:.2f}")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--l2", type=float, default=1.0, help="L2 penalty on standardised weights (default %(default)s)")
    parser.add_argument("--held-out", action="store_true",
                        help="also score the model fitted on all dev years once on the held-out truth (figures only)")
    args = parser.parse_args(argv)
    x, y, years = labelled_features(read_yaml(DEV)["commitments"])
    share = x[:, FEATURES.index("share")]
    truth = y > 0
    rows: dict[str, list[np.ndarray]] = defaultdict(list)  # name → per year left out, dropped or not per item
    rule = f"rule: share < {REPORTED_MIN} (set on all dev years)"
    chosen_by_year = {}
    every = list(range(len(FEATURES)))
    for left in LEFT_OUT:
        train, test = years != left, years == left
        rows[rule].append(share[test] < REPORTED_MIN)
        refit = meeting_threshold(-share[train], truth[train])
        rows["rule: threshold refitted on the other years"].append(-share[test] >= refit)
        rows["learned, all features, threshold 0.5"].append(predict(x, y, every, train, test, args.l2, False))
        rows["learned, all features, meeting threshold"].append(predict(x, y, every, train, test, args.l2, True))
        chosen = forward_selection(x, y, years, sorted(set(years.tolist()) - {left}), args.l2)
        chosen_by_year[left] = [FEATURES[c] for c in chosen]
        rows["learned, features chosen in the fold (nested)"].append(predict(x, y, chosen, train, test, args.l2, True))
    truths = [truth[years == left] for left in LEFT_OUT]
    print(f"\nlearned matcher, leave-one-year-out on {DEV.name} ({len(y)} items; dropped precision/recall "
          f"on the plan year left out; L2 {args.l2}; last column: the share of {RESAMPLES} paired bootstrap "
          "resamples in which it beats the rule in both mean precision and mean recall):")
    print(f"  {'':52} " + "  ".join(f"{t:>9}" for t in LEFT_OUT) + "        mean  both better")
    kept = []
    for name, predicted in rows.items():
        values = [precision_recall(p, t) for p, t in zip(predicted, truths)]
        mean = np.mean(values, axis=0)
        confidence = both_better(predicted, rows[rule], truths) if name != rule else None
        shown = "" if confidence is None else f"  {confidence:.2f}"
        print(f"  {name:52} " + "  ".join(f"{p:.2f}/{r:.2f}" for p, r in values) + f"  {mean[0]:.3f}/{mean[1]:.3f}{shown}")
        if name.startswith("learned") and confidence is not None and confidence >= CONFIDENT:
            kept.append(name)
    print("  features chosen in each fold: " + "; ".join(f"{t}: {', '.join(c)}" for t, c in chosen_by_year.items()))
    model = fit(x, y, args.l2)
    print("  weights fitted on all years (standardised; + means toward dropped): "
          + ", ".join(f"{n} {w:+.2f}" for n, w in sorted(zip(FEATURES, model[0][1:]), key=lambda t: -abs(t[1]))))
    print(f"  better than the rule in both in {CONFIDENT:.0%} of the resamples or more (worth shipping): "
          f"{', '.join(kept) if kept else 'none'}")
    if args.held_out:
        held_out(x, y, args.l2)


if __name__ == "__main__":
    main()
