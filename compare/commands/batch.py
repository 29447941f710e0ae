"""`compare-reports batch DIR [--out OUTDIR]`: similarity tables and an HTML report over a corpus."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)

from compare.batch.cache import CACHE_VARIABLE
from compare.batch.candidates import DEFAULT_THRESHOLD, PER_REPORT
from compare.batch.outputs import write_outputs
from compare.batch.pages import PAGES_FOLDER
from compare.batch.pipeline import BatchOptions, run_batch
from compare.batch.series import shared_years
from compare.batch.series_pages import SERIES_FOLDER
from compare.errors import ReportError
from compare.parsing.cleaning import strip_controls
from compare.presentation.words import counted


class TerminalBar(Progress):
    """The batch run's progress on stderr: a rich bar per stage, log lines above the bars."""

    def __init__(self) -> None:
        super().__init__(
            TextColumn("{task.description:<22}"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            TimeRemainingColumn(),
            console=Console(stderr=True),
            transient=False,
        )

    def log_line(self, line: str) -> None:
        self.console.print(line, markup=False, highlight=False)


def add_parser(sub: argparse._SubParsersAction, name: str, help_text: str) -> None:
    p = sub.add_parser(
        name, help=help_text, description=help_text,
        epilog="Writes documents.csv, pairs.csv, series.csv, reuse.csv (and .parquet when pyarrow "
        "is installed), report.html and side-by-side pages in OUTDIR/pairs/.",
    )
    p.add_argument("folder", metavar="DIR", help="folder of reports (.txt, .html, .docx; searched recursively)")
    p.add_argument("--out", metavar="OUTDIR", default="batch-report",
                   help="where to write the tables and report.html (default: ./batch-report)")
    p.add_argument("--jobs", type=int, default=None, metavar="N",
                   help="worker processes (default: one per core)")
    p.add_argument("--cluster", metavar="ADDRESS",
                   help="run the per-report work on a Dask cluster: a scheduler address "
                   "(tcp://host:8786) or 'local' for a local cluster of --jobs workers")
    p.add_argument("--cache", metavar="DIR", type=Path,
                   help=f"parse cache folder (default: ${CACHE_VARIABLE} or the user cache folder)")
    p.add_argument("--neighbours", type=int, default=5, metavar="K",
                   help="nearest neighbours kept per report (default: 5)")
    p.add_argument("--candidates", type=int, default=PER_REPORT, metavar="M",
                   help=f"candidates compared exactly per report (default: {PER_REPORT})")
    p.add_argument("--threshold", type=float, default=DEFAULT_THRESHOLD, metavar="T",
                   help=f"MinHash LSH similarity threshold of the first pass (default: {DEFAULT_THRESHOLD})")
    p.add_argument("--reuse-top", type=int, default=200, metavar="N",
                   help="longest shared passages to list (default: 200)")
    p.add_argument("--pages", type=int, default=60, metavar="N",
                   help="side-by-side pages to write for series steps and top pairs (default: 60)")
    p.add_argument("--series-pages", type=int, default=10, metavar="N",
                   help="series pages (sections, indicators, commitments) for the N longest series (default: 10)")
    p.add_argument("--no-words", action="store_true",
                   help="skip the word-level measures (boilerplate, specificity, redundancy, "
                   "Lazy Prices, stickiness): much faster on large corpora")
    p.add_argument("--reference", metavar="DIR", type=Path,
                   help="corpus the boilerplate model is built from (default: the bundled corpus)")
    p.add_argument("--quiet", action="store_true", help="no progress bar")
    p.add_argument("--timings", action="store_true",
                   help="end with the seconds (wall clock) each stage took")


def _check(args: argparse.Namespace) -> None:
    root = Path(args.folder)
    out = Path(args.out)
    if not root.is_dir():
        raise ReportError(root, "no such folder" if not root.exists() else "is not a folder")
    if out.exists() and not out.is_dir():
        raise ReportError(out, "exists and is not a folder")
    if out.resolve() == root.resolve():
        raise ReportError(out, "is the corpus folder itself; choose another output folder")
    for name, value, low in (("--jobs", args.jobs, 1), ("--neighbours", args.neighbours, 1),
                             ("--candidates", args.candidates, 1), ("--reuse-top", args.reuse_top, 0),
                             ("--pages", args.pages, 0), ("--series-pages", args.series_pages, 0)):
        if value is not None and value < low:
            raise ReportError(name, f"must be at least {low}, not {value}")
    if not 0 < args.threshold <= 1:
        raise ReportError("--threshold", f"must be in (0, 1], not {args.threshold}")
    if args.reference is not None and not args.reference.is_dir():
        raise ReportError(args.reference, "no such corpus folder")


def run(args: argparse.Namespace) -> int:
    _check(args)
    out = Path(args.out)
    options = BatchOptions(
        out=out, cache=args.cache, jobs=args.jobs, cluster=args.cluster,
        neighbours=args.neighbours, per_report=args.candidates, threshold=args.threshold,
        reuse_top=args.reuse_top, pages=args.pages, series_pages=args.series_pages, words=not args.no_words,
        reference=args.reference,
        progress=TerminalBar() if not args.quiet and sys.stderr.isatty() else None,
    )
    result = run_batch(Path(args.folder), options)
    written = write_outputs(result, out)
    corpus = result.corpus
    lines = [
        f"{counted(corpus.parsed + corpus.cached, 'file')}: {counted(len(corpus), 'report')}"
        + (f", {len(corpus.skipped)} skipped" if corpus.skipped else "")
        + f" ({corpus.parsed} read now, {corpus.cached} from the cache)",
        f"{counted(len(result.pairs), 'pair')} compared exactly; {counted(len(result.series), 'series', 'series')}; "
        f"{counted(len(result.passages), 'shared passage')}; {counted(len(result.pages), 'side-by-side page')}",
    ]
    hits, total = result.adjacency
    if total:
        lines.append(f"nearest neighbour is an adjacent year of the same series: {hits}/{total} "
                     f"({hits / total:.0%})")
    for s in result.series:
        if shared := shared_years(s, corpus.reports):
            lines.append(f"series {s.name}: {shared}")
    for rel, why in corpus.skipped:
        lines.append(f"skipped {rel}: {why}")
    lines.append(f"wrote {out}{os.sep}: " + ", ".join(sorted({p.name for p in written}))
                 + (f", {PAGES_FOLDER}{os.sep} ({counted(len(result.pages), 'page')}"
                    + (f", {result.pages_kept} kept from the last run" if result.pages_kept else "")
                    + ")" if result.pages else "")
                 + (f", {SERIES_FOLDER}{os.sep} ({counted(len(result.series_pages), 'page')})" if result.series_pages else ""))
    if args.timings:
        lines.append(stage_seconds(result.timings))
    print(strip_controls("\n".join(lines)))
    return 0


def stage_seconds(timings: dict[str, float]) -> str:
    """One line: "seconds per stage: parsing 12.3, exact similarity 1.0, …" in running order."""
    return "seconds per stage: " + ", ".join(f"{name} {seconds:.1f}" for name, seconds in timings.items())
