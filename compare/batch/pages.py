"""Side-by-side pages for the pairs a reader of the batch report will open first.

A page is the full comparison (`compare.comparison.diff.compare_documents`, written by
`compare.presentation.html.write_comparison_html`) of two reports, earlier report on the left, in
`OUTDIR/pairs/`. Comparing costs about half a second a pair, so pages are written for a
budget of pairs: series steps first (every point of a series chart opens its page), then the
most similar pairs of different bodies, then the rest of the most similar pairs.

A page already written for the same two reports (their cache keys: bytes and parser version)
by the same comparison and page code is kept on a rerun: `OUTDIR/pairs/.keys.json` records
the key of each page (a missing, foreign or corrupt record only means the page is written
again). On a rerun of 1,000 reports, recomputing 60 pages was half of the time. The two
reports come parsed from the parse cache (`batch.documents.document_of`).
"""

from __future__ import annotations

import hashlib
import json
import re
from functools import lru_cache
from pathlib import Path

from compare.batch.cache import ParseCache
from compare.batch.documents import document_of, stored_documents, with_metadata
from compare.batch.progress import Progress
from compare.batch.runner import Runner
from compare.batch.scan import Report, read_report
from compare.comparison.diff import compare_documents
from compare.errors import ReportError
from compare.files.atomic import atomic_write
from compare.files.fingerprint import source_fingerprint
from compare.presentation.html import write_comparison_html

PAGES_FOLDER = "pairs"
PAGE_KEYS = ".keys.json"
# the code that turns two parsed reports into a page (parsing is in the reports' keys)
_PAGE_PACKAGES = ("comparison", "presentation", "text")
_UNSAFE = re.compile(r"[^\w.\-]+")


def safe_name(text: str, default: str = "report") -> str:
    """`text` safe as (part of) one file name: runs of characters other than letters (CJK
    included), digits, `.` and `-` become `_`."""
    return _UNSAFE.sub("_", text).strip("_") or default


def page_name(left: Report, right: Report) -> str:
    """`<left>__<right>.html` from the relative paths, safe as one file name."""
    def slug(report: Report) -> str:
        stem = report.rel.rsplit(".", 1)[0]
        s = safe_name(stem.replace("/", "~"))
        if len(s) > 80:
            s = s[:70] + "-" + hashlib.sha1(report.rel.encode()).hexdigest()[:8]
        return s

    return f"{slug(left)}__{slug(right)}.html"


def ordered(reports: list[Report], i: int, j: int) -> tuple[int, int]:
    """Earlier report first (by year, then path)."""
    key = lambda k: (reports[k].year if reports[k].year is not None else 10**6, reports[k].rel)  # noqa: E731
    return (i, j) if key(i) <= key(j) else (j, i)


def choose_pairs(
    reports: list[Report],
    steps: list[tuple[int, int]],
    ranked_pairs: list[tuple[int, int]],
    budget: int,
) -> list[tuple[int, int]]:
    """Up to `budget` (earlier, later) pairs: series steps, the latest first (half the budget
    at most: a reader opens last year against this one before 1954 against 1955), then the
    most similar pairs of other bodies, then the rest."""
    chosen: list[tuple[int, int]] = []
    seen: set[tuple[int, int]] = set()

    def take(i: int, j: int) -> None:
        pair = ordered(reports, i, j)
        if pair not in seen and len(chosen) < budget:
            seen.add(pair)
            chosen.append(pair)

    latest_first = sorted(steps, key=lambda step: -(reports[step[1]].year or 0))  # stable: series order kept
    for i, j in latest_first[: max(budget // 2, 0)]:
        take(i, j)
    for i, j in ranked_pairs:
        if reports[i].body != reports[j].body:
            take(i, j)
    for i, j in ranked_pairs:
        take(i, j)
    return chosen


@lru_cache(maxsize=1)
def page_code_fingerprint() -> str:
    """Hash of the modules that compare two parsed reports and draw the page."""
    return source_fingerprint(_PAGE_PACKAGES)


def page_key(left: Report, right: Report) -> str:
    """What a page depends on: both reports (bytes, parser version, the metadata the batch
    settled: a manifest edited re-draws the page) and the page code."""
    def meta(r: Report) -> str:
        return f"{r.key}|{r.rel}|{r.title}|{r.agency}|{r.year}|{r.kind}|{r.covers}"

    return hashlib.sha256(f"{meta(left)}|{meta(right)}|{page_code_fingerprint()}".encode()).hexdigest()[:24]


def _read_keys(path: Path) -> dict[str, str]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(data, dict):
        return {}
    return {k: v for k, v in data.items() if isinstance(k, str) and isinstance(v, str)}


PageTask = tuple[tuple[Report, bytes | None, bytes], tuple[Report, bytes | None, bytes], str]


def write_page(task: PageTask) -> tuple[str, str | None]:
    """Worker: compare two reports and write the page; (path, error or None). Each report is
    (the batch's `Report`, stored parsed report or None, bytes): `batch.documents.document_of`,
    with the metadata the batch's tables show (the manifest's year, not the text's)."""

    left, right, target = task
    try:
        earlier, later = (with_metadata(document_of(report.rel, stored, data), report)
                          for report, stored, data in (left, right))
        write_comparison_html(compare_documents(earlier, later), target)
    except ReportError as err:
        return target, err.message
    return target, None


def write_pages(
    reports: list[Report], pairs: list[tuple[int, int]], out: Path, cache: ParseCache,
    runner: Runner, progress: Progress,
) -> tuple[dict[tuple[int, int], str], int]:
    """The pages, by (earlier, later) pair: path relative to `out`; and how many of them were
    kept from the last run (still right for the same reports and code), not written again.
    The parsed reports come from `cache` (parsed again only where its row is missing or
    damaged)."""
    folder = out / PAGES_FOLDER
    folder.mkdir(parents=True, exist_ok=True)
    names = {pair: f"{PAGES_FOLDER}/{page_name(reports[pair[0]], reports[pair[1]])}" for pair in pairs}
    by_target = {str(out / rel): pair for pair, rel in names.items()}

    keys_path = folder / PAGE_KEYS
    old_keys = _read_keys(keys_path)
    keys = {rel: page_key(reports[i], reports[j]) for (i, j), rel in names.items()}
    written: dict[tuple[int, int], str] = {
        pair: rel for pair, rel in names.items()
        if old_keys.get(rel) == keys[rel] and (out / rel).is_file()
    }
    reused = len(written)

    def source(k: int, stored: dict[str, bytes]) -> tuple[Report, bytes | None, bytes]:
        return reports[k], stored.get(reports[k].key), read_report(reports[k].file)[0]

    def tasks():
        for (i, j), rel in names.items():
            if (i, j) not in written:
                stored = stored_documents(cache, [reports[i].key, reports[j].key])
                yield source(i, stored), source(j, stored), str(out / rel)

    with progress.stage("pair pages", len(names) - len(written)) as bar:
        for target, error in runner.map(write_page, tasks()):
            pair = by_target[target]
            if error is None:
                written[pair] = names[pair]
            else:
                progress.log(f"compare-reports: {names[pair]}: not written ({error})")
            bar.advance()
    kept = {rel: keys[rel] for rel in written.values()}
    atomic_write(keys_path, json.dumps(kept, ensure_ascii=False, indent=0, sort_keys=True).encode("utf-8"))
    return written, reused
