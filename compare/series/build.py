"""A series end to end: reports ordered by year, consecutive pairs compared, then lineages,
indicators and commitments, and the JSON shape every output is made from.

`build_series(inputs, body=…)` is the entry point. The reports are parsed here, each once
(about 0.04 s of CPU a report), or read back from the batch parse cache; then one task per report, in `jobs` processes
(`compare.batch.runner`), computes its observations and the comparison (`pairs`) and
commitments of it and the next report, the documents handed to the workers.
Those pieces are kept in the batch parse cache (`ParseCache.extras`, keys in `pairs`), so a
rerun over the same reports only parses them; `cache=None` computes everything in this run.
Speed: benchmarks/series.py (a 20-year series, cold and warm).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from compare.batch.cache import ParseCache
from compare.batch.runner import Runner, make_runner
from compare.errors import ReportError
from compare.parsing.document import Document
from compare.series.commitments import (
    Commitment,
    commitments_from_json,
    commitments_json,
    match_commitments,
    topic_json,
)
from compare.series.indicators import (
    Indicator,
    Observation,
    document_observations,
    follow,
    observations_from_json,
    observations_json,
    value_years,
    whole_name,
)
from compare.series.judgements import verdicts
from compare.series.lineages import Lineage, build_lineages
from compare.series.ordering import collect_files, load_report, order_reports
from compare.series.pairs import PairSummary, commitments_key, observations_key, summarise, summary_key

SCHEMA = 1

# (pairs of consecutive years compared so far, pairs in the series): called once the reports are
# read (the pairs found in the parse cache already count as compared), then after each pair
PairProgress = Callable[[int, int], None]


@dataclass(slots=True)
class Series:
    body: str
    documents: list[Document]
    pairs: list[PairSummary]
    lineages: list[Lineage]
    observations: list[Observation]  # every named quantity of every report
    indicators: list[Indicator]  # those followed across at least two years
    commitments: list[Commitment]
    notes: list[str] = field(default_factory=list)

    @property
    def years(self) -> list[int]:
        return [d.year or 0 for d in self.documents]

    def to_dict(self) -> dict[str, Any]:
        """The `series --json` shape (ARCHITECTURE.md)."""
        return {
            "schema": SCHEMA,
            "body": self.body,
            "years": self.years,
            "reports": [{"year": d.year, "path": d.path, "title": d.title, "agency": d.agency, "kind": d.kind}
                        for d in self.documents],
            "pairs": [{"left_year": a.year, "right_year": b.year, "similarity": p.similarity,
                       "changes": p.changes, "counts": p.counts}
                      for a, b, p in zip(self.documents, self.documents[1:], self.pairs)],
            "lineages": [{
                "id": lin.id, "heading": lin.heading, "level": lin.level,
                "first_year": lin.first_year, "last_year": lin.last_year, "vanished": lin.vanished,
                "sections": [{"year": s.year, "id": s.section_id, "heading": s.heading, "changes": s.changes,
                              "score": s.score} for s in lin.steps],
                "events": [{"year": e.year, "kind": str(e.kind), "detail": e.detail} for e in lin.events],
            } for lin in self.lineages],
            "indicators": [{
                "name": ind.name, "whole_name": whole_name(ind), "kind": str(ind.kind), "unit": ind.unit,
                "values": [{"year": v.of_year, "report_year": v.year, "value": v.value, "low": v.low, "high": v.high,
                            "written": v.written, "text": v.text, "sentence_id": v.sentence_id,
                            "name": v.name} for v in ind.values],
            } for ind in self.indicators],
            "commitments": [{
                "year": c.year, "review_year": c.review_year, "id": c.sentence_id, "text": c.text,
                "section": c.section, "status": str(c.status), "score": c.score,
                "evidence": ({"id": c.evidence_id, "text": c.evidence, "topic": topic_json(c.topic)}
                             if c.evidence_id else None),
                "judgement": c.verdict,
            } for c in self.commitments],
            "notes": self.notes,
        }


def _work(task: tuple[int, Document, Document | None, tuple[str, ...]]) -> tuple[int, dict[str, str]]:
    """Worker: (index, report i, report i+1 or None, pieces wanted) → (index, piece → JSON).

    Pieces: "observations" of report i; "summary" and "commitments" of the pair (i, i+1)."""
    i, left, right, wanted = task
    out: dict[str, str] = {}
    if "observations" in wanted:
        out["observations"] = observations_json(document_observations(left, left.year or 0))
    if right is not None and "summary" in wanted:
        out["summary"] = summarise(left, right).to_json()
    if right is not None and "commitments" in wanted:
        out["commitments"] = commitments_json(match_commitments(left, right))
    return i, out


@dataclass(slots=True)
class _Pieces:
    summaries: list[PairSummary]
    observations: list[list[Observation]]  # per report
    commitments: list[list[Commitment]]  # per pair


def reviews_the_plan_of(earlier: Document, later: Document) -> bool:
    """Whether `later` reviews the year `earlier` plans for: their covered years (`covers`, else
    the year) are one apart (政府工作报告 2009 covers 2008 and plans 2009; 2010 covers 2009). Only
    then are the earlier report's commitments judged by the later one: across a missing year the
    later report reviews another year, and every item would look dropped (a user test saw the
    2006 plan checked against the 2009 report)."""
    first, second = earlier.covers or earlier.year, later.covers or later.year
    return first is not None and second is not None and second - first == 1


def missing_years(docs: list[Document]) -> list[str]:
    """A note for each gap between consecutive reports of the series ('no report of 2007–2008
    between 2006 and 2009: the 2006 plan's commitments are not checked'), [] when there is none."""
    notes = []
    for a, b in zip(docs, docs[1:]):
        if a.year is not None and b.year is not None and not reviews_the_plan_of(a, b):
            gap = f"{a.year + 1}" if b.year - a.year == 2 else f"{a.year + 1}–{b.year - 1}"
            notes.append(f"no report of {gap} between {a.year} and {b.year}: the {a.year} report's "
                         f"commitments are not checked (the {b.year} report reviews another year)")
    return notes


def _pieces(docs: list[Document], cache: ParseCache | None, jobs: int, runner: Runner | None = None,
            on_pair: PairProgress | None = None) -> _Pieces:
    """Per report and per pair of consecutive reports, what the series is made of: from the
    parse cache where it has them, the rest computed in `jobs` processes (a task per report), or
    by `runner` when one is given (its workers are kept), and put in the cache. Placed by index,
    so the order in which workers finish changes nothing. `on_pair` hears how many pairs are
    done, first those the cache holds, then after each task of a pair."""
    n = len(docs)
    keys: dict[tuple[int, str], str] = {}
    for i, doc in enumerate(docs):
        keys[(i, "observations")] = observations_key(doc)
        if i + 1 < n:
            keys[(i, "summary")] = summary_key(doc, docs[i + 1])
            if reviews_the_plan_of(doc, docs[i + 1]):
                keys[(i, "commitments")] = commitments_key(doc, docs[i + 1])
    found = cache.extras(list(keys.values())) if cache is not None else {}
    wanted: dict[int, list[str]] = {}
    for (i, piece), key in keys.items():
        if key not in found:
            wanted.setdefault(i, []).append(piece)
    pairs = max(n - 1, 0)
    missing = {i for i in wanted if i < n - 1}  # pairs with a piece still to compute
    done = pairs - len(missing)
    if on_pair is not None:
        on_pair(done, pairs)
    # pairs to compare first: the longest tasks start first and the two cores finish together
    order = sorted(wanted, key=lambda i: ("summary" not in wanted[i], i))
    tasks = [(i, docs[i], docs[i + 1] if i + 1 < n else None, tuple(wanted[i])) for i in order]
    fresh: dict[str, str] = {}
    if tasks:
        # worker processes only when there is work: starting them costs more than a warm run
        own = runner is None
        working = make_runner(jobs if len(tasks) > 1 else 1) if runner is None else runner
        try:
            for i, out in working.map(_work, tasks):
                for piece, value in out.items():
                    fresh[keys[(i, piece)]] = value
                if i in missing and on_pair is not None:
                    done += 1
                    on_pair(done, pairs)
        finally:
            if own:
                working.close()
    if cache is not None and fresh:
        cache.put_extras(fresh)
    found = {**found, **fresh}
    return _Pieces(
        [PairSummary.from_json(found[keys[(i, "summary")]]) for i in range(n - 1)],
        [value_years(observations_from_json(found[keys[(i, "observations")]]), docs[i].covers) for i in range(n)],
        [commitments_from_json(found[keys[(i, "commitments")]]) if (i, "commitments") in keys else []
         for i in range(n - 1)],
    )


def build_series(
    inputs: list[str | Path], body: str | None = None, *, cache: ParseCache | None = None, jobs: int = 1,
    min_years: int = 2, annotations: str | Path | None = None, runner: Runner | None = None,
    on_pair: PairProgress | None = None,
) -> Series:
    """The series of one body in `inputs` (files and folders). Raises `ReportError` on bad input.

    The comparisons run in `jobs` processes started for this series, or on `runner` when one
    is given (batch writes ten series pages with the worker processes it already has: starting
    two processes per page cost more than a warm page).

    A report that cannot be read (damaged, or its manifest entry is bad) is left out and named in
    `notes`; its `ReportError` is raised when fewer than two reports are left.
    With `annotations` (a folder), each commitment carries the reviewer's saved verdict.
    `on_pair(done, total)` hears the progress of the comparisons (`PairProgress`), in the
    thread that called this: the review app's series screen and the `series` command show it."""
    files = collect_files([str(p) for p in inputs])
    loaded, problems = [], []
    for f in files:
        try:
            loaded.append(load_report(f, cache))
        except ReportError as err:  # a damaged report or a bad manifest entry skips only that report
            problems.append(err)
    if problems and len(loaded) < 2:
        raise problems[0]  # no series is left: the reason is the first bad report, not "one year"
    skipped = [f"skipped {err.path}: {err.message}" for err in problems]
    ordered = order_reports(loaded, body)
    docs = ordered.documents
    # what the series is made of first (which file stands for a year, missing years), then
    # the files that could not be read
    ordered.notes.extend(missing_years(docs))
    ordered.notes.extend(skipped)
    pieces = _pieces(docs, cache, jobs, runner, on_pair)
    observations = [o for per_report in pieces.observations for o in per_report]
    commitments = []
    for a, b, found in zip(docs, docs[1:], pieces.commitments):
        if annotations is not None:
            saved = verdicts(a, b, annotations)
            for c in found:
                c.verdict = str(saved[c.sentence_id]) if c.sentence_id in saved else None
        commitments.extend(found)
    return Series(ordered.body, docs, pieces.summaries, build_lineages(docs, pieces.summaries), observations,
                  follow(observations, min_years), commitments, ordered.notes)
