"""Series pages for a batch report: each of the longest same-body series as the `series` page.

`compare.series.build.build_series` over the members of a `batch.series.Series`, written by
`compare.series.html` into `OUTDIR/series/`. The pair comparisons go through the
batch parse cache, so a rerun writes the pages without comparing again. A series whose page
cannot be made (a member unreadable, too few years once parsed) gets no page and no link.
"""

from __future__ import annotations

from pathlib import Path

from compare.batch.cache import ParseCache
from compare.batch.pages import page_name
from compare.batch.progress import Progress
from compare.batch.runner import Runner
from compare.batch.scan import Report
from compare.batch.series import Series
from compare.errors import ReportError
from compare.series.html import write_series_html
from compare.series.build import build_series

SERIES_FOLDER = "series"


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
            first, last = reports[s.members[0]], reports[s.members[-1]]
            name = page_name(first, last)
            try:
                built = build_series([reports[i].path for i in s.members], cache=cache, runner=runner)
                folder.mkdir(parents=True, exist_ok=True)
                write_series_html(built, folder / name)
                pages[n] = f"{SERIES_FOLDER}/{name}"
            except ReportError:
                pass
            bar.advance()
    return pages
