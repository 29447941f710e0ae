"""The series view on the bundled State Council reports, against hand-written truth.

    python benchmarks/series.py [--jobs 2] [--skip-timing] [--dev-only] [--no-misses] [--agreement-only] [--learned]

Prints, first on the development set tests/data/commitments_dev.yaml (plans 2001, 2010–2012,
labelled from tests/data/commitments_guideline.md by someone who did not write the code; rules
are set on it) the commitment figures of 2. below and every item the series gets wrong; then
on the held-out truth, figures only (never its commitment items: no rule is set by looking at
them; the growth targets are listed, see 1.):

1. Growth targets: the target of 国内生产总值 / 国民生产总值 / 工农业总产值 growth that the series
   follows for each report 1954–2017 (the indicator "<name>增长", kind target, as `series`
   outputs it), against `tests/data/series_truth.yaml` (`growth_targets`, written by hand from
   the texts by someone who did not write the code). A year is right when both say "none", or
   both give the same low and high; a target over several years (period 1986-1990) is compared
   with "<name>增长（多年）". These rows are facts of each year's text, not a sample drawn to
   measure a rule, so every wrong row is listed.
2. Commitments: each labelled plan item (held out: plans 2013–2016) judged against the next year's
   review by `compare.series.commitments.Matcher`, from the item's text; precision and recall
   of `dropped` (aim ≥ 0.85 each), the confusion matrix, the share of three statuses right, the precision
   and recall of `reported_figures`, and
   the plan-item finder's recall (labelled items it picks by itself) and precision (of what it
   picks in the sections the labeller went through, the share labelled); and where the
   labeller's evidence lies: how many of its sentences are inside the review part the matcher
   reads, and for how many items both call reported the matcher picks the labeller's sentence.
2b. Agreement (the ceiling): the 2010 plan items labelled again, from the guideline alone, by
   a second labeller (tests/data/commitments_dev_second.yaml): the share of items both give the
   same status, Cohen's kappa, each one's `dropped` precision and recall against the other's,
   how often both cite the same review sentence; then the series against each labeller on the
   same items. No rule is set on it.
2c. With `--learned`: a learned matcher (logistic regression over features of the item and the
   review) evaluated leave-one-year-out on the development set beside the series' rule on the
   same items (benchmarks/commitments_learned.py, which says what was found).
3. Time: `compare-reports series` over the 20 reports 1998–2017 with `--jobs N` in a fresh
   process, with a fresh parse cache (cold) and again with the cache of the first run (warm;
   comparisons, observations and commitments come from the batch parse cache). Aim: under
   10 s on two cores. The load average is printed beside: on a shared machine the wall time
   says as much about the other work as about this; the CPU time of a --jobs 1 run does not.

The truth's commitments are held out: no rule or threshold was set by looking at them.
"""

from __future__ import annotations

import argparse
import os
import re
import resource
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from compare.files.yamlfiles import read_yaml  # noqa: E402
from compare.parsing.normalise import simplify  # noqa: E402
from compare.series.commitments import Matcher, plan_items  # noqa: E402
from compare.series.indicators import (  # noqa: E402
    MULTI_YEAR_SUFFIX,
    IndicatorKind,
    document_observations,
    follow,
    name_key,
)
from compare.series.ordering import load_report  # noqa: E402

TRUTH = ROOT / "tests" / "data" / "series_truth.yaml"
DEV = ROOT / "tests" / "data" / "commitments_dev.yaml"  # labelled for development: rules are set on it
# the same 2010 plan items labelled again, from the guideline alone, by a second labeller (session
# 22): how far two people agree is the ceiling any matcher's figures are read against. No rule
# is set on it.
SECOND = ROOT / "tests" / "data" / "commitments_dev_second.yaml"
CORPUS = ROOT / "corpus"


def report(year: int):
    return load_report(CORPUS / f"state-council-{year}.txt")


def _period_of_years(row: dict) -> bool:
    """Whether a truth row is a target over several years (period 1986-1990: a five-year plan's
    年均 target), which the series keeps apart in "<name>增长（多年）", not the year's target."""
    return bool(re.search(r"\d{4}\s*[-—–]\s*\d{4}", str(row.get("period") or "")))


def growth_targets(truth: dict) -> None:
    """Each truth row against the series: a row with a period of several years against the
    indicator "<name>增长（多年）", any other row (a year's target, or "none") against the
    yearly "<name>增长". The rows are facts of each year's text, not a sample drawn to measure
    a rule, so every wrong row is listed."""
    rows = truth["growth_targets"]
    years = sorted({r["year"] for r in rows})
    observations = []
    for y in years:
        path = CORPUS / f"state-council-{y}.txt"
        if path.exists():
            doc = load_report(path)
            observations.extend(document_observations(doc, y))
    # growth in %: 1988's 国民生产总值…增长1.7倍 is an indicator of its own (unit 倍)
    followed = {(name_key(i.name), i.kind, i.unit): i for i in follow(observations, min_years=1)}
    tally: Counter[str] = Counter()
    wrong = []
    for r in rows:
        name = r["indicator"] + "增长" + (MULTI_YEAR_SUFFIX if _period_of_years(r) else "")
        ind = followed.get((name_key(name), IndicatorKind.TARGET, "%"))
        got = next((v for v in ind.values if v.year == r["year"]), None) if ind else None
        want = None if r["low"] is None else (float(r["low"]), float(r["high"] if r["high"] is not None else r["low"]))
        have = None if got is None else (got.low, got.high)
        if want is None and have is None:
            tally["right: none"] += 1
        elif want is not None and have is not None and abs(want[0] - have[0]) < 1e-6 and abs(want[1] - have[1]) < 1e-6:
            tally["right: value"] += 1
        elif want is None:
            tally["wrong: a target where there is none"] += 1
            wrong.append((r, got))
        elif have is None:
            tally["wrong: missed"] += 1
            wrong.append((r, got))
        else:
            tally["wrong: other value"] += 1
            wrong.append((r, got))
    stated = sum(1 for r in rows if r["low"] is not None)
    found = tally["right: value"]
    print(f"growth targets: {len(rows)} (year, indicator) rows, {stated} with a target "
          f"({sum(1 for r in rows if r['low'] is not None and _period_of_years(r))} of them over several years)")
    for k in sorted(tally):
        print(f"  {k:40} {tally[k]}")
    print(f"  targets found with the right value: {found}/{stated} = {found / max(stated, 1):.2f}; "
          f"rows right: {tally['right: none'] + found}/{len(rows)} = {(tally['right: none'] + found) / len(rows):.2f}")
    for r, got in wrong:
        have = "none" if got is None else f"{got.written} ({got.sentence_id})"
        print(f"    {r['year']} {r['indicator']} {r.get('period') or ''}: truth {r['written'] or 'none'} "
              f"({r['id'] or '-'}), series {have}")


def _judged(items: list[dict]) -> tuple[Counter, list[tuple[dict, str, float, str | None]], dict[str, int]]:
    """Confusion (truth, series) of labelled items judged by the matcher from their own text,
    each item with the series' status, score and evidence, and the plan-item finder's counts."""
    by_pair: dict[tuple[int, int], list[dict]] = {}
    for item in items:
        by_pair.setdefault((item["plan_year"], item["review_year"]), []).append(item)
    confusion: Counter[tuple[str, str]] = Counter()
    judged = []
    finder = Counter()
    for (plan_year, review_year), group in sorted(by_pair.items()):
        plan, review = report(plan_year), report(review_year)
        matcher = Matcher(plan, review)
        review_ids = {s.id for s in matcher.review}
        extracted = {s.id for s in plan_items(plan)}
        labelled = {item["id"] for item in group}
        # sections the labeller went through: those holding a labelled item
        sections = {i.rsplit("/", 1)[0] for i in labelled}
        finder["labelled"] += len(labelled)
        finder["found"] += len(labelled & extracted)
        finder["picked in labelled sections"] += sum(1 for i in extracted if i.rsplit("/", 1)[0] in sections)
        finder["picked and labelled"] += len(labelled & extracted)
        for item in group:
            status, score, evidence = matcher.judge(simplify(item["text"]))
            confusion[(item["status"], str(status))] += 1
            judged.append((item, str(status), score, evidence.text if evidence else None, item["id"] in extracted))
            if item.get("evidence_id"):
                # where the labeller's evidence lies: inside the part the matcher reads, and
                # (both calling the item reported) the very sentence the matcher picked
                finder["labeller's evidence"] += 1
                finder["labeller's evidence in the review part"] += item["evidence_id"] in review_ids
                if evidence is not None:
                    finder["both reported"] += 1
                    finder["same evidence"] += evidence.id == item["evidence_id"]
    return confusion, judged, finder


def commitments(items: list[dict], name: str, misses: bool) -> None:
    """Figures of the matcher and the finder on labelled items; with `misses`, every item the
    series gets wrong (development set only: the held-out set is never looked at item by item)."""
    confusion, judged, finder = _judged(items)
    tp = confusion[("dropped", "dropped")]
    predicted = sum(v for (t, p), v in confusion.items() if p == "dropped")
    actual = sum(v for (t, p), v in confusion.items() if t == "dropped")
    precision = tp / predicted if predicted else 0.0
    recall = tp / actual if actual else 0.0
    years = sorted({i["plan_year"] for i in items})
    print(f"\ncommitments, {name}: {len(items)} labelled plan items, plans {', '.join(map(str, years))}")
    print(f"  dropped: precision {precision:.2f} ({tp}/{predicted}), recall {recall:.2f} ({tp}/{actual})  (aim ≥ 0.85 each)")
    statuses = ("reported_figures", "reported_general", "dropped")
    print("  truth \\ series     " + "  ".join(f"{s[:16]:>16}" for s in statuses))
    for t in statuses:
        print(f"  {t:18} " + "  ".join(f"{confusion[(t, p)]:>16}" for p in statuses))
    right = sum(confusion[(s, s)] for s in statuses)
    print(f"  three statuses right: {right}/{len(items)} = {right / len(items):.2f}")
    tp_figures = confusion[("reported_figures", "reported_figures")]
    said = sum(v for (t, p), v in confusion.items() if p == "reported_figures")
    stated = sum(v for (t, p), v in confusion.items() if t == "reported_figures")
    print(f"  reported_figures: precision {tp_figures / max(said, 1):.2f} ({tp_figures}/{said}), "
          f"recall {tp_figures / max(stated, 1):.2f} ({tp_figures}/{stated})  (how far \"reported with figures\" is to be trusted)")
    picked = finder["picked in labelled sections"]
    print(f"  plan-item finder: recall {finder['found'] / max(finder['labelled'], 1):.2f} "
          f"({finder['found']}/{finder['labelled']} labelled items picked), precision "
          f"{finder['picked and labelled'] / max(picked, 1):.2f} ({finder['picked and labelled']}/{picked} "
          "picked in the sections labelled are labelled items)")
    cited, inside = finder["labeller's evidence"], finder["labeller's evidence in the review part"]
    print(f"  the labeller's evidence: {inside}/{cited} sentences inside the review part the matcher reads; "
          f"the matcher picks the labeller's sentence for {finder['same evidence']}/{finder['both reported']} "
          "items both call reported")
    if not misses:
        return
    print("  misses (truth → series, score, plan item | series' evidence | labeller's evidence):")
    for item, status, score, evidence, found in judged:
        if status != item["status"]:
            print(f"    {item['plan_year']} {item['id']} {item['status']} → {status} {score:.2f} {item['text'][:60]}")
            print(f"        series: {(evidence or '-')[:70]}")
            print(f"        labeller: {(item.get('evidence') or '-')[:70]}")
    print("  labelled items the finder does not pick:")
    for item, _, _, _, found in judged:
        if not found:
            print(f"    {item['plan_year']} {item['id']} {item['text'][:70]}")


def kappa(pairs: list[tuple[str, str]]) -> tuple[float, float]:
    """(observed agreement, Cohen's kappa) of two raters' labels, one (a, b) pair per item
    (Cohen 1960: (p_o − p_e) / (1 − p_e), p_e from each rater's own label shares)."""
    n = len(pairs)
    observed = sum(a == b for a, b in pairs) / n
    first, second = Counter(a for a, _ in pairs), Counter(b for _, b in pairs)
    expected = sum(first[k] * second[k] for k in first.keys() | second.keys()) / (n * n)
    return observed, (observed - expected) / (1 - expected) if expected < 1 else 1.0


def _dropped(pairs: list[tuple[str, str]]) -> str:
    """`dropped` precision and recall of the second of each (truth, other) pair."""
    tp = sum(1 for t, o in pairs if t == o == "dropped")
    predicted = sum(1 for _, o in pairs if o == "dropped")
    actual = sum(1 for t, _ in pairs if t == "dropped")
    return (f"dropped precision {tp / max(predicted, 1):.2f} ({tp}/{predicted}), "
            f"recall {tp / max(actual, 1):.2f} ({tp}/{actual})")


def agreement(first: list[dict], second: list[dict]) -> None:
    """The two labellers of the same plan items side by side: how often they give the same
    status (and Cohen's kappa), the second's `dropped` against the first's, then the series'
    figures against each on the same items — the ceiling the 0.85 aim is to be read against.
    Items the second labeller finds no plan item (`not_item`) are counted, then left out."""
    seconds = {(i["plan_year"], i["id"]): i for i in second}
    pairs_labelled = {(i["plan_year"], i["review_year"]) for i in second}
    first = [i for i in first if (i["plan_year"], i["review_year"]) in pairs_labelled]  # the same reports
    common = [i for i in first if (i["plan_year"], i["id"]) in seconds]
    not_items = [i for i in common if seconds[(i["plan_year"], i["id"])]["status"] == "not_item"]
    items = [i for i in common if i not in not_items]
    years = ", ".join(f"{a} → {b}" for a, b in sorted(pairs_labelled))
    print(f"\nagreement of two labellers, {years} (second labelling: {SECOND.name}): "
          f"{len(items)} plan items judged by both ({len(not_items)} more the second finds no plan item; "
          f"{len(first) - len(common)} of the first's items and {len(second) - len(common)} of the second's "
          "are not in the other's file)")
    labels = [(i["status"], seconds[(i["plan_year"], i["id"])]["status"]) for i in items]
    observed, k = kappa(labels)
    print(f"  the two labellers: same status {observed:.2f}, Cohen's kappa {k:.2f}; "
          f"the second against the first: {_dropped(labels)}; "
          f"the first against the second: {_dropped([(b, a) for a, b in labels])}")
    reported = [(i, seconds[(i["plan_year"], i["id"])]) for i in items
                if i["status"] != "dropped" and seconds[(i["plan_year"], i["id"])]["status"] != "dropped"]
    same = sum(1 for a, b in reported if a.get("evidence_id") and a.get("evidence_id") == b.get("evidence_id"))
    print(f"  both call {len(reported)} items reported; they cite the same review sentence for {same}")
    _, judged, _ = _judged(items)
    for name, truth in (("first", lambda item: item["status"]),
                        ("second", lambda item: seconds[(item["plan_year"], item["id"])]["status"])):
        pairs = [(truth(item), status) for item, status, *_ in judged]
        observed, k = kappa(pairs)
        print(f"  the series against the {name}: same status {observed:.2f}, Cohen's kappa {k:.2f}, {_dropped(pairs)}")


def _run(files: list[str], jobs: int, cache: str) -> tuple[float, float]:
    """(wall seconds, CPU seconds) of one `compare-reports series` process. The CPU time is
    the process's own with its waited-for children: workers under multiprocessing's forkserver
    are not counted, so it is whole only with --jobs 1."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "compare.cli", "series", *files, "--json", "--jobs", str(jobs), "--cache", cache],
        check=True, stdout=subprocess.DEVNULL, cwd=ROOT,
    )
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def timing(jobs: int) -> None:
    """Cold (fresh parse cache: parse 20 reports, compare 19 pairs) and warm (the same cache:
    parse only), wall time with `--jobs N` beside the load average, then the CPU time of the
    same work in one process (--jobs 1): on a shared machine the wall time says as much about
    the others' work as about this, the CPU time does not (and with the kernel's
    sched_autogroup a session's workers share one session's slice: under load, --jobs 2 gets
    no more CPU than --jobs 1)."""
    files = [str(CORPUS / f"state-council-{y}.txt") for y in range(1998, 2018)]
    for n in dict.fromkeys((jobs, 1)):
        with tempfile.TemporaryDirectory() as cache:
            for label in ("cold", "warm"):
                load = os.getloadavg()[0]
                wall, cpu = _run(files, n, cache)
                shown = f"CPU {cpu:.1f} s, " if n == 1 else ""
                print(f"  20-year series (1998–2017), {label}, --jobs {n}: {wall:.1f} s wall ({shown}load average "
                      f"{load:.1f} → {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--skip-timing", action="store_true")
    parser.add_argument("--dev", type=Path, default=DEV, help="the development set (default %(default)s)")
    parser.add_argument("--no-misses", action="store_true", help="figures only, no list of the dev set's misses")
    parser.add_argument("--dev-only", action="store_true",
                        help="the development set only: nothing from the held-out truth (while developing)")
    parser.add_argument("--agreement-only", action="store_true",
                        help="only the agreement of the two labellers of the development set, and the series against each")
    parser.add_argument("--learned", action="store_true",
                        help="after the development set, a learned matcher left one plan year out at a time "
                             "beside the series' rule (benchmarks/commitments_learned.py)")
    args = parser.parse_args()
    if args.agreement_only:
        agreement(read_yaml(args.dev)["commitments"], read_yaml(SECOND)["commitments"])
        return
    if args.dev.exists():
        commitments(read_yaml(args.dev)["commitments"], f"development set {args.dev.name}", not args.no_misses)
        if SECOND.exists():
            agreement(read_yaml(args.dev)["commitments"], read_yaml(SECOND)["commitments"])
    if args.learned:
        from benchmarks.commitments_learned import main as learned  # only with --learned: it loads jieba

        learned([])
    if not args.dev_only:
        truth = read_yaml(TRUTH)
        growth_targets(truth)
        commitments(truth["commitments"], "held-out truth (figures only)", False)
    if not args.skip_timing:
        print("\ntime")
        timing(args.jobs)


if __name__ == "__main__":
    main()
