"""Series pages for a batch report: each of the longest same-body series as the `series` page.

`compare.series.build.build_series` over the members of a `batch.series.Series`, written by
`compare.series.html` into `OUTDIR/series/`. The pair comparisons go through the
batch parse cache, so a rerun writes the pages without comparing again. A series whose page
cannot be made (a member unreadable, too few years once parsed) gets no page and no link.
"""

from __future__ import annotations

from pathlib import Path

from compare.batch.cache import ParseCache
from compare.batch.pages import page_name, safe_name
from compare.batch.progress import Progress
from compare.batch.runner import Runner
from compare.batch.scan import Report
from compare.batch.series import Series
from compare.errors import ReportError
from compare.series.html import write_series_html
from compare.series.build import build_series

SERIES_FOLDER = "series"


def series_page_name(s: Series, reports: list[Report], taken: set[str]) -> str:
    """`<body>-<kind>-<first year>-<last year>.html` (国务院-政府工作报告-2009-2017.html), safe
    as one file name; the file names of its first and last report when the years are unknown;
    a number added when another series of `taken` (paths under `SERIES_FOLDER`) has it."""
    first, last = reports[s.members[0]], reports[s.members[-1]]
    if first.year is None or last.year is None:
        return page_name(first, last)
    stem = safe_name(f"{s.body}-{s.kind}-{first.year}-{last.year}", "series")[:80]
    name, n = f"{stem}.html", 1
    while f"{SERIES_FOLDER}/{name}" in taken:
        n += 1
        name = f"{stem}-{n}.html"
    return name


def write_series_pages(
    series: list[Series], reports: list[Report], out: Path, cache: ParseCache, runner: Runner,
    budget: int, progress: Progress,
) -> dict[int, str]:
    """Pages of the first `budget` series (longest first); series index → path relative to `out`.
    The comparisons run on `runner` (the batch's worker processes)."""

    folder = out / SERIES_FOLDER
    pages: dict[int, str] = {}
    chosen = list(range(min(budget, len(series))))
    with progress.stage("series pages", len(chosen)) as bar:
        for n in chosen:
            s = series[n]
            name = series_page_name(s, reports, set(pages.values()))
            try:
                built = build_series([reports[i].path for i in s.members], cache=cache, runner=runner)
                folder.mkdir(parents=True, exist_ok=True)
                write_series_html(built, folder / name)
                pages[n] = f"{SERIES_FOLDER}/{name}"
            except ReportError:
                pass
            bar.advance()
    return pages
