"""Reading a corpus for the model: parse and count every report, in parallel processes.

jieba cuts about 400,000 characters a second on one core, so a corpus of 1,000 reports is
mostly tokenizing; it is shared between worker processes (each loads jieba once). Workers
return plain counts; the parent only adds them up, one report at a time, so memory holds the
corpus totals, never every report's counts at once.
"""

from __future__ import annotations

import multiprocessing
import os
import threading
from collections import Counter
from concurrent.futures import ProcessPoolExecutor
from typing import Any, Callable, Iterator, Sequence

from compare.boilerplate.phrases import DocumentStats, document_stats, group_key
from compare.boilerplate.token_cache import save_words
from compare.errors import ReportError
from compare.parsing.document import Document
from compare.parsing.pipeline import parse_file
from compare.text.tokens import warm_up

ProgressCallback = Callable[[int, int, str], None]  # (done, total, path) after each report
_Result = tuple[str, int, dict[str, int], list[str], list[str], list[str], list[str], dict[str, Any]]


def _count_file(job: tuple[str, str, bool]) -> _Result | tuple[str, str]:
    path, group_by, keep_words = job
    try:
        doc = parse_file(path)
    except ReportError as err:
        return (err.path, err.message)
    stats = document_stats(doc, group_key(doc, group_by))
    if keep_words:  # the report will be classified: spare it a second cut
        save_words(doc)
    return (stats.group, stats.year, dict(stats.grams), sorted(stats.names), sorted(stats.quotes), sorted(stats.things), sorted(stats.vocabulary), source_entry(doc))


def source_entry(doc: Document) -> dict[str, Any]:
    """What the model records of each report it was built from (path, agency, year, kind, hash)."""
    return {"path": doc.path, "agency": doc.agency, "year": doc.year, "kind": doc.kind, "text_hash": doc.text_hash}


def default_workers(n_files: int) -> int:
    cores = os.cpu_count() or 1
    if n_files < 40 or cores < 2:
        return 1  # starting processes and loading jieba in each costs more than it saves
    return min(cores, 4)


def _fork_context() -> Any:
    """A fork context, if this process may fork: POSIX and no other thread running.

    Spawned workers would re-import the caller's main script (impossible from `python -` or a
    notebook) and load jieba again; a forked worker shares what is loaded. Forking a process
    with other threads (the review app) is unsafe, so such callers count in-process.
    """
    if "fork" not in multiprocessing.get_all_start_methods() or threading.active_count() > 1:
        return None
    return multiprocessing.get_context("fork")


def stats_of_paths(
    paths: Sequence[str | os.PathLike[str]],
    group_by: str,
    sources: list[dict[str, Any]],
    *,
    workers: int | None = None,
    progress: ProgressCallback | None = None,
    keep_words: bool = False,
) -> Iterator[DocumentStats]:
    """Counts of each report, in the order given; `sources` receives one entry per report.

    With `keep_words`, the words of each report also go to the user cache, so that
    classifying a corpus report later does not cut it again (for the default corpus).
    """
    jobs = [(str(p), group_by, keep_words) for p in paths]
    workers = default_workers(len(jobs)) if workers is None else max(1, workers)
    context = _fork_context() if workers > 1 else None
    if context is None:
        results: Any = map(_count_file, jobs)
        pool = None
    else:
        warm_up()  # load jieba once, before forking, so that every worker shares it
        pool = ProcessPoolExecutor(workers, mp_context=context)
        results = pool.map(_count_file, jobs, chunksize=max(1, min(16, len(jobs) // (workers * 8))))
    try:
        for done, result in enumerate(results, start=1):
            if len(result) == 2:
                raise ReportError(result[0], result[1])
            group, year, grams, names, quotes, things, vocabulary, source = result
            sources.append(source)
            if progress is not None:
                progress(done, len(jobs), source["path"])
            yield DocumentStats(group, year, Counter(grams), set(names), set(quotes), set(things), set(vocabulary))
    finally:
        if pool is not None:
            pool.shutdown(wait=True, cancel_futures=True)
