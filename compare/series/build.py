"""A series end to end: reports ordered by year, consecutive pairs compared, then lineages,
indicators and commitments, and the JSON shape every output is made from.

`build_series(inputs, body=…)` is the entry point. Pair comparisons run in `jobs` processes
(`compare.batch.runner`) and are kept in the batch parse cache (see `pairs`); `cache=None`
compares everything in this run.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from compare.batch.cache import ParseCache
from compare.batch.runner import make_runner
from compare.parsing.document import Document
from compare.series.commitments import Commitment, match_commitments
from compare.series.indicators import (
    Indicator,
    Observation,
    document_observations,
    follow,
)
from compare.series.judgements import verdicts
from compare.series.lineages import Lineage, build_lineages
from compare.series.ordering import collect_files, load_report, order_reports
from compare.series.pairs import PairSummary, summarise_paths, summary_key

SCHEMA = 1


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
                "name": ind.name, "kind": str(ind.kind), "unit": ind.unit,
                "values": [{"year": v.year, "value": v.value, "low": v.low, "high": v.high,
                            "written": v.written, "text": v.text, "sentence_id": v.sentence_id,
                            "name": v.name} for v in ind.values],
            } for ind in self.indicators],
            "commitments": [{
                "year": c.year, "review_year": c.review_year, "id": c.sentence_id, "text": c.text,
                "section": c.section, "status": str(c.status), "score": c.score,
                "evidence": ({"id": c.evidence_id, "text": c.evidence} if c.evidence_id else None),
                "judgement": c.verdict,
            } for c in self.commitments],
            "notes": self.notes,
        }


def _summaries(documents: list[Document], cache: ParseCache | None, jobs: int) -> list[PairSummary]:
    keys = [summary_key(a, b) for a, b in zip(documents, documents[1:])]
    found = cache.extras(keys) if cache is not None else {}
    missing = [i for i, k in enumerate(keys) if k not in found]
    tasks = [(keys[i], documents[i].path, documents[i + 1].path) for i in missing]
    if tasks:
        runner = make_runner(jobs if len(tasks) > 1 else 1)
        try:
            fresh = dict(runner.map(summarise_paths, tasks))  # in the order they finish
        finally:
            runner.close()
        if cache is not None:
            cache.put_extras(fresh)
        found = {**found, **fresh}
    return [PairSummary.from_json(found[k]) for k in keys]


def build_series(
    inputs: list[str | Path], body: str | None = None, *, cache: ParseCache | None = None, jobs: int = 1,
    min_years: int = 2, annotations: str | Path | None = None,
) -> Series:
    """The series of one body in `inputs` (files and folders). Raises `ReportError` on bad input.

    With `annotations` (a folder), each commitment carries the reviewer's saved verdict."""
    files = collect_files([str(p) for p in inputs])
    ordered = order_reports([load_report(f) for f in files], body)
    docs = ordered.documents
    summaries = _summaries(docs, cache, jobs)
    observations = [o for d in docs for o in document_observations(d, d.year or 0)]
    commitments = []
    for a, b in zip(docs, docs[1:]):
        found = match_commitments(a, b)
        if annotations is not None:
            saved = verdicts(a, b, annotations)
            for c in found:
                c.verdict = str(saved[c.sentence_id]) if c.sentence_id in saved else None
        commitments.extend(found)
    return Series(ordered.body, docs, summaries, build_lineages(docs, summaries), observations,
                  follow(observations, min_years), commitments, ordered.notes)
