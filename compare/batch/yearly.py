"""Year-over-year measures along each series: Lazy Prices (`compare.measures`) per step.

These need words (jieba), the dearest thing batch computes, so they are done once per pair
of files ever: results are kept in the parse cache under the two records' keys and a
fingerprint of the measuring code. A task is a stretch of one series, so a report is parsed
and segmented once for the step that reaches it and the step that leaves it.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from compare.batch.cache import ParseCache, code_fingerprint
from compare.batch.progress import Progress
from compare.batch.runner import Runner
from compare.batch.scan import Report, read_report
from compare.batch.series import Step

STEPS_PER_TASK = 12
STEP_FIELDS = ("cosine", "jaccard", "edit", "simple")


@lru_cache(maxsize=1)
def measures_fingerprint() -> str:
    root = Path(__file__).resolve().parent.parent
    h = hashlib.sha256(code_fingerprint().encode())
    for name in ("measures.py",):
        h.update((root / name).read_bytes())
    return h.hexdigest()[:16]


def step_key(previous: Report, current: Report) -> str:
    return f"step:{previous.key}:{current.key}:{measures_fingerprint()}"


@dataclass(slots=True)
class StepTask:
    docs: dict[int, tuple[str, bytes]]  # report index → (name, bytes)
    steps: list[tuple[int, int, str]]  # (previous, current, cache key)


def measure_steps(task: StepTask) -> dict[str, dict[str, Any]]:
    """Worker: Lazy Prices measures of each step; {cache key: {"cosine": …} or {"error": …}}."""
    from compare.errors import ReportError
    from compare.loading import load_bytes
    from compare.measures import document_measures
    from compare.parse import parse_text

    parsed: dict[int, Any] = {}

    def doc(i: int):
        if i not in parsed:
            name, data = task.docs[i]
            loaded = load_bytes(data, name)
            parsed[i] = parse_text(loaded.text, name, encoding=loaded.encoding)
        return parsed[i]

    out: dict[str, dict[str, Any]] = {}
    for previous, current, key in task.steps:
        try:
            m = document_measures(doc(previous), doc(current))
            out[key] = {f: getattr(m, f) for f in STEP_FIELDS}
        except ReportError as err:
            out[key] = {"error": err.message}
    return out


def step_measures(
    steps: list[Step], reports: list[Report], cache: ParseCache, runner: Runner, progress: Progress,
) -> dict[tuple[int, int], dict[str, Any]]:
    """Measures per (previous, current) step, from the cache or computed now."""
    keys = {(s.previous, s.current): step_key(reports[s.previous], reports[s.current]) for s in steps}
    known = {k: json.loads(v) for k, v in cache.extras(list(keys.values())).items()}
    todo = [s for s in steps if keys[(s.previous, s.current)] not in known]

    def tasks():
        # steps of one series are consecutive in `steps`: cut them into stretches
        for start in range(0, len(todo), STEPS_PER_TASK):
            stretch = todo[start : start + STEPS_PER_TASK]
            needed = {i for s in stretch for i in (s.previous, s.current)}
            yield StepTask(
                {i: (reports[i].rel, read_report(reports[i].file)[0]) for i in sorted(needed)},
                [(s.previous, s.current, keys[(s.previous, s.current)]) for s in stretch],
            )

    with progress.stage("year-over-year", len(todo)) as bar:
        for result in runner.map(measure_steps, tasks()):
            cache.put_extras({k: json.dumps(v) for k, v in result.items()})
            known.update(result)
            bar.advance(len(result))
    return {pair: known[key] for pair, key in keys.items() if key in known}
