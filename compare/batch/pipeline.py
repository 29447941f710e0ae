"""A batch run from folder to results: the stages in order, with what each hands the next.

1. scan and parse (only what the cache lacks) — `documents`
2. same-body series and their year-over-year word measures — `series`, `word_measures`,
   with the candidate pairs by MinHash LSH found beside them, in a thread — `candidates`
3. exact similarity of candidates and series steps; nearest neighbours — `similarity`
4. the similarity matrix, pair pages and series pages
5. text reuse between bodies — `reuse` (in a thread from the end of parsing, beside stages 2–4
   and the pages, which run in the worker processes)
The writers and the HTML page take the `BatchResult`.
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

import numpy as np

from compare.batch import candidates as cand
from compare.batch.cache import ParseCache, default_cache_dir
from compare.batch.documents import Corpus, load_corpus
from compare.batch.matrix import SimilarityMatrix, similarity_matrix
from compare.batch.pages import choose_pairs, write_pages
from compare.batch.progress import Bar, Progress
from compare.batch.reuse import Passage, top_passages
from compare.batch.runner import Runner, make_runner
from compare.batch.scan import find_reports
from compare.batch.series import Series, Step, adjacency_rate, find_series, series_steps
from compare.batch.series_pages import write_series_pages
from compare.batch.similarity import Neighbour, exact_similarities, nearest_neighbours
from compare.batch.word_measures import WordMeasures, word_measures
from compare.errors import ReportError


@dataclass(slots=True)
class BatchOptions:
    out: Path | None = None  # skipped when scanning (reports inside it are not reports)
    cache: Path | None = None
    jobs: int | None = None
    cluster: str | None = None  # Dask scheduler address, or "local"
    neighbours: int = 5
    per_report: int = cand.PER_REPORT
    threshold: float = cand.DEFAULT_THRESHOLD
    reuse_top: int = 200
    pages: int = 60  # side-by-side pages to write into out/pairs (0: none)
    series_pages: int = 10  # series pages (the longest series) to write into out/series (0: none)
    words: bool = True  # boilerplate, Lazy Prices, stickiness (jieba words: the dear part)
    reference: Path | None = None  # corpus of the boilerplate model (default: the bundled one)
    progress: Bar | None = None  # what draws the progress (the command's bar); None: nothing


@dataclass
class BatchResult:
    root: Path
    corpus: Corpus
    pairs: np.ndarray  # similarity.PAIR_DTYPE, every pair compared exactly
    neighbours: list[list[Neighbour]]
    series: list[Series]
    steps: list[Step]
    words: WordMeasures | None  # None when word measures were not asked for
    passages: list[Passage]
    candidate_passes: dict[str, int]
    adjacency: tuple[int, int]  # series members whose nearest neighbour is an adjacent year
    matrix: SimilarityMatrix | None = None
    pages: dict[tuple[int, int], str] = field(default_factory=dict)  # pair → path in out
    pages_kept: int = 0  # of those, pages kept from the last run (still right), not rewritten
    series_pages: dict[int, str] = field(default_factory=dict)  # series index → path in out
    timings: dict[str, float] = field(default_factory=dict)
    cache_folder: Path | None = None

    @cached_property
    def pair_similarity(self) -> dict[tuple[int, int], float]:
        """Exact similarity by (i, j) with i < j, for every pair compared."""
        return {(int(r["left"]), int(r["right"])): float(r["similarity"]) for r in self.pairs}

    def similarity(self, i: int, j: int) -> float | None:
        return self.pair_similarity.get((min(i, j), max(i, j)))


def run_batch(root: Path, options: BatchOptions) -> BatchResult:
    """Every stage over the reports under `root`; raises `ReportError` on bad input."""
    root = Path(root)
    cache_folder = options.cache or default_cache_dir()
    files = find_reports(root, exclude=options.out)
    with Progress(options.progress) as progress, ParseCache(cache_folder) as cache:
        doc_runner = make_runner(options.jobs, options.cluster)
        local_runner: Runner = doc_runner if not options.cluster else make_runner(options.jobs)
        try:
            corpus = load_corpus(files, cache, doc_runner, progress)
            if not corpus.reports and corpus.skipped:
                rel, why = corpus.skipped[0]
                more = f" (and {len(corpus.skipped) - 1} more)" if len(corpus.skipped) > 1 else ""
                raise ReportError(root / rel, f"{why}{more}: no readable reports in {root}")
            return _analyse(root, corpus, cache, cache_folder, doc_runner, local_runner,
                            progress, options)
        finally:
            doc_runner.close()
            if local_runner is not doc_runner:
                local_runner.close()


def _analyse(
    root: Path, corpus: Corpus, cache: ParseCache, cache_folder: Path,
    doc_runner: Runner, local_runner: Runner, progress: Progress, options: BatchOptions,
) -> BatchResult:
    reports = corpus.reports
    # Text reuse needs only the clause hashes in memory: it runs in a thread of this process
    # from here on, while the worker processes score pairs, measure words and write pages (it
    # was on one core while the others idled: a quarter of a rerun, 15 of 196 s of a cold
    # 1,000-report --no-words run under load)
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="text-reuse") as reuse:
        reused = reuse.submit(top_passages, corpus.clauses, reports, top=options.reuse_top)
        result = _stages(root, corpus, cache, cache_folder, doc_runner, local_runner, progress, options)
        with progress.stage("text reuse", 1) as bar:
            result.passages = reused.result()
            bar.advance()
    return result


def _stages(
    root: Path, corpus: Corpus, cache: ParseCache, cache_folder: Path,
    doc_runner: Runner, local_runner: Runner, progress: Progress, options: BatchOptions,
) -> BatchResult:
    """Every stage but text reuse (its `passages` are left empty), in order: word measures
    (with the candidates found beside them), exact similarity and neighbours, the matrix, pair
    pages, series pages."""
    reports = corpus.reports
    n = len(reports)
    series = find_series(reports)
    steps = series_steps(series, reports)
    # The candidates (MinHash LSH, on one core of this process) are found in a thread while
    # the worker processes measure words, which need only the series steps: at 100,000
    # reports LSH took 86 s with the other core idle (session 24). The stage's time is then
    # what is left to wait for after the word measures, as for text reuse.
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="candidates") as lsh:
        finding = lsh.submit(
            cand.find_candidates, corpus.sketches, wanted=options.neighbours,
            per_report=max(options.per_report, options.neighbours), threshold=options.threshold,
        )
        words = None
        if options.words and reports:
            words = word_measures(reports, steps, cache, doc_runner, progress, reference=options.reference)
        with progress.stage("candidates (LSH)", 1) as bar:
            found = finding.result()
            bar.advance()
    pairs = found.pairs()
    if steps:
        step_pairs = np.array([(min(s.previous, s.current), max(s.previous, s.current)) for s in steps])
        pairs = np.unique(np.vstack((pairs, step_pairs)), axis=0) if len(pairs) else np.unique(step_pairs, axis=0)
    keys = [r.key for r in reports]
    scored = exact_similarities(pairs, keys, cache_folder, local_runner, progress)
    neighbours = nearest_neighbours(n, scored, options.neighbours)
    matrix = similarity_matrix(reports, scored, keys, cache_folder, local_runner, progress)
    pages: dict[tuple[int, int], str] = {}
    pages_kept = 0
    if options.out is not None and options.pages > 0:
        ranked = scored[np.argsort(-scored["similarity"], kind="stable")]
        chosen = choose_pairs(
            reports, [(s.previous, s.current) for s in steps],
            [(int(r["left"]), int(r["right"])) for r in ranked[: options.pages * 4]], options.pages,
        )
        pages, pages_kept = write_pages(reports, chosen, options.out, cache, local_runner, progress)
    series_pages: dict[int, str] = {}
    if options.out is not None and options.series_pages > 0 and series:
        series_pages = write_series_pages(series, reports, options.out, cache, local_runner,
                                          options.series_pages, progress)
    nearest = {i: lst[0].index for i, lst in enumerate(neighbours) if lst}
    return BatchResult(
        root=root,
        corpus=corpus,
        pairs=scored,
        neighbours=neighbours,
        series=series,
        steps=steps,
        words=words,
        passages=[],
        candidate_passes=found.passes,
        adjacency=adjacency_rate(series, nearest, reports),
        matrix=matrix,
        pages=pages,
        pages_kept=pages_kept,
        series_pages=series_pages,
        timings=progress.timings,
        cache_folder=cache_folder,
    )
