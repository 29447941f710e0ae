"""The measures that need words (jieba), the dearest thing batch computes.

Per report: boilerplate share, specificity and redundancy (`compare.boilerplate`, against the
boilerplate model of a reference corpus: the bundled one unless `--reference` names
another). Per series step: the four Lazy Prices similarities (`compare.comparison.measures`) and
stickiness (`compare.boilerplate.stickiness`: share of the later report's word 8-grams
already in the earlier one).

Each result is computed once per file content ever: it is kept in the parse cache under the
records' keys and a fingerprint of the measuring code (and of the reference model). A task is
a stretch of one series, so a report is parsed and segmented once for the step that reaches
it and the step that leaves it, and its words serve all of its measures. The parsed report
comes from the parse cache (`batch.documents.document_of`), not from parsing its bytes again.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterator

from compare.batch.cache import ParseCache, code_fingerprint
from compare.batch.documents import document_of, stored_documents
from compare.batch.progress import Progress
from compare.batch.runner import Runner
from compare.batch.scan import Report, read_report
from compare.batch.series import Step
from compare.boilerplate import boilerplate_measures, load_default_model
from compare.boilerplate.measures import STICKINESS_N, carried_share, word_ngrams
from compare.comparison.measures import similarities
from compare.errors import ReportError
from compare.files.fingerprint import source_fingerprint
from compare.parsing.corpus import corpus_dir

REPORTS_PER_TASK = 12
STEP_FIELDS = ("cosine", "jaccard", "edit", "simple", "stickiness")
REPORT_FIELDS = ("boilerplate_share", "boilerplate_label_share", "specificity", "redundancy")


@lru_cache(maxsize=1)
def _code_fingerprint() -> str:
    return source_fingerprint(("comparison/measures.py", "boilerplate"), code_fingerprint())


def step_key(previous: Report, current: Report) -> str:
    return f"step:{previous.key}:{current.key}:{_code_fingerprint()}"


def report_key(report: Report, model_hash: str, previous: Report | None = None) -> str:
    """Cache key of a report's boilerplate measures: they depend on last year's report too."""
    after = f":after:{previous.key}" if previous is not None else ""
    return f"boilerplate:{report.key}:{model_hash[:16]}{after}:{_code_fingerprint()}"


@dataclass(slots=True)
class MeasureTask:
    reference: str | None  # corpus folder of the boilerplate model; None: the bundled corpus
    # report index → (name, stored parsed report or None, bytes): `documents.document_of`
    docs: dict[int, tuple[str, bytes | None, bytes]]
    reports: list[tuple[int, str]]  # (report, cache key): per-report measures wanted
    steps: list[tuple[int, int, str]]  # (previous, current, cache key)
    previous: dict[int, int] = field(default_factory=dict)  # report → its series' previous report


def measure(task: MeasureTask) -> dict[str, dict[str, Any]]:
    """Worker: {cache key: measures, or {"error": why}} for the reports and steps of a task."""

    parsed: dict[int, Any] = {}

    def doc(i: int):
        if i not in parsed:
            parsed[i] = document_of(*task.docs[i])
        return parsed[i]

    out: dict[str, dict[str, Any]] = {}
    scores: dict = {}  # sentence scores shared by the years of a series: kept text scored once
    model, model_error = None, ""
    previous_of = task.previous
    if task.reports:
        try:  # on a cluster worker, the reference corpus may be missing
            model = load_default_model(task.reference)
        except ReportError as err:
            model_error = f"no boilerplate model: {err.path}: {err.message}"
    for i, key in task.reports:
        if model is None:
            out[key] = {"error": model_error}
            continue
        try:
            # words stay in this process: a batch of thousands of reports must not fsync each
            # one into the user's token cache (kept for the reports the review app opens)
            # the series' previous year, when this task holds it: new-this-year evidence
            before = previous_of.get(i)
            labels = model.classify(doc(i), keep_words=False, scores=scores,
                                    previous=doc(before) if before is not None else None)
            m = boilerplate_measures(doc(i), model, labels)
            out[key] = {f: round(getattr(m, f), 4) for f in REPORT_FIELDS}
        except ReportError as err:
            out[key] = {"error": err.message}
    grams: dict[int, Any] = {}  # report → its word 8-grams: counted once for both its steps

    def eights(i: int):
        if i not in grams:
            grams[i] = word_ngrams(doc(i), STICKINESS_N)
        return grams[i]

    for previous, current, key in task.steps:
        try:
            s = similarities(doc(previous), doc(current))
            out[key] = {
                "cosine": s.cosine, "jaccard": s.jaccard, "edit": s.edit, "simple": s.simple,
                # `boilerplate.stickiness(doc(current), doc(previous))`
                "stickiness": round(carried_share(eights(current), eights(previous)), 4),
            }
        except ReportError as err:
            out[key] = {"error": err.message}
    return out


@dataclass(slots=True)
class WordMeasures:
    reports: dict[int, dict[str, Any]]  # report index → REPORT_FIELDS
    steps: dict[tuple[int, int], dict[str, Any]]  # (previous, current) → STEP_FIELDS
    reference: str  # what the boilerplate model was built from


def word_measures(
    reports: list[Report], steps: list[Step], cache: ParseCache, runner: Runner,
    progress: Progress, *, reference: Path | None = None,
) -> WordMeasures:
    """Measures of every report and step, from the cache or computed now."""

    # built (or loaded) here once, so that workers only ever load it from its cache file
    model = load_default_model(reference)
    ref = str(reference) if reference is not None else None
    previous_of = {s.current: s.previous for s in steps}  # new-this-year evidence in each series
    report_keys = {
        r.index: report_key(r, model.corpus_hash, reports[previous_of[r.index]] if r.index in previous_of else None)
        for r in reports
    }
    step_keys = {(s.previous, s.current): step_key(reports[s.previous], reports[s.current])
                 for s in steps}
    known = {k: json.loads(v) for k, v in
             cache.extras(list(report_keys.values()) + list(step_keys.values())).items()}
    todo_reports = [i for i, k in report_keys.items() if k not in known]
    todo_steps = [s for s in steps if step_keys[(s.previous, s.current)] not in known]

    def tasks() -> Iterator[MeasureTask]:
        for group_reports, group_steps in _stretches(todo_reports, todo_steps):
            needed = set(group_reports) | {i for s in group_steps for i in (s.previous, s.current)}
            needed |= {previous_of[i] for i in group_reports if i in previous_of}
            stored = stored_documents(cache, [reports[i].key for i in needed])
            yield MeasureTask(
                ref,
                {i: (reports[i].rel, stored.get(reports[i].key), read_report(reports[i].file)[0])
                 for i in sorted(needed)},
                [(i, report_keys[i]) for i in group_reports],
                [(s.previous, s.current, step_keys[(s.previous, s.current)]) for s in group_steps],
                {i: previous_of[i] for i in group_reports if i in previous_of},
            )

    with progress.stage("word measures", len(todo_reports) + len(todo_steps)) as bar:
        for result in runner.map(measure, tasks()):
            # errors are not kept: a missing model on one worker must not stick to the report
            cache.put_extras({k: json.dumps(v) for k, v in result.items() if "error" not in v})
            known.update(result)
            bar.advance(len(result))
    return WordMeasures(
        reports={i: known[k] for i, k in report_keys.items() if k in known},
        steps={pair: known[k] for pair, k in step_keys.items() if k in known},
        reference=str(reference or corpus_dir()),
    )


def _stretches(todo_reports: list[int], todo_steps: list[Step]) -> Iterator[tuple[list[int], list[Step]]]:
    """Tasks of about REPORTS_PER_TASK reports: each step with the reports it joins."""
    pending = set(todo_reports)
    group_reports: list[int] = []
    group_steps: list[Step] = []
    for s in todo_steps:  # steps of one series come together, in year order
        group_steps.append(s)
        for i in (s.previous, s.current):
            if i in pending:
                pending.discard(i)
                group_reports.append(i)
        if len(group_steps) >= REPORTS_PER_TASK:
            yield group_reports, group_steps
            group_reports, group_steps = [], []
    rest = [i for i in todo_reports if i in pending]
    for start in range(0, len(rest), REPORTS_PER_TASK):
        chunk = rest[start : start + REPORTS_PER_TASK]
        if group_steps or group_reports:
            yield group_reports + chunk, group_steps
            group_reports, group_steps = [], []
        else:
            yield chunk, []
    if group_steps or group_reports:
        yield group_reports, group_steps
