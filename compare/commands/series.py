"""`compare-reports series DIR|FILE… [--body NAME] [--json] [--html OUT] [--csv DIR]`: one
body's reports across the years: section lineages, indicators, commitments kept or dropped.

A summary is printed unless `--json` takes the output (with `--csv`/`--html` it follows the
files written, as `batch` prints one). Text from reports is printed with terminal control
characters stripped.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections import Counter
from pathlib import Path

from compare.batch.cache import ParseCache, default_cache_dir
from compare.errors import ReportError
from compare.parsing.cleaning import strip_controls
from compare.series.html import write_series_html
from compare.series.build import build_series
from compare.series.commitments import Status
from compare.series.judgements import Verdict, judge
from compare.series.lineages import latest_first_json
from compare.series.tables import write_tables
from compare.presentation.words import counted


def add_parser(sub: argparse._SubParsersAction, name: str, help_text: str) -> None:
    p = sub.add_parser(name, help=help_text, description=help_text)
    p.add_argument("inputs", nargs="+", metavar="DIR|FILE", help="reports, or folders of reports (searched recursively)")
    p.add_argument("--body", metavar="NAME", help="the body (agency or kind) whose series to follow")
    p.add_argument("--json", action="store_true", help="print the series as JSON (shape in ARCHITECTURE.md)")
    p.add_argument("--html", metavar="OUT", help="write one self-contained HTML page to OUT")
    p.add_argument("--csv", metavar="DIR", help="write the tables (lineages, indicators, commitments) into DIR")
    p.add_argument("--annotations", metavar="DIR", default="annotations",
                   help="folder of annotation files, where verdicts on commitments are saved (default: annotations)")
    p.add_argument("--accept", action="append", default=[], metavar="YEAR:ID",
                   help="accept the status of the commitment made in YEAR's report at sentence ID (repeatable)")
    p.add_argument("--reject", action="append", default=[], metavar="YEAR:ID",
                   help="reject the status of that commitment (repeatable)")
    p.add_argument("--jobs", type=int, default=None, metavar="N",
                   help="processes comparing pairs (default: the number of cores)")
    p.add_argument("--cache", metavar="DIR", type=Path,
                   help="the batch parse cache folder (default: $COMPARE_REPORTS_CACHE or the user cache)")
    p.add_argument("--no-cache", action="store_true", help="compare every pair again, store nothing")


def _progress(done: int, total: int) -> None:
    """The comparisons' progress on one terminal line of stderr (only when it is a terminal)."""
    end = "\n" if done == total else ""
    print(f"\rcomparing {done}/{total} pairs of years…", end=end, file=sys.stderr, flush=True)


def run(args: argparse.Namespace) -> int:
    jobs = args.jobs if args.jobs is not None else (os.cpu_count() or 1)
    if jobs < 1:
        raise ReportError("--jobs", "must be 1 or more")
    cache = None if args.no_cache else ParseCache(args.cache or default_cache_dir())
    try:
        series = build_series(args.inputs, args.body, cache=cache, jobs=jobs, annotations=args.annotations,
                              on_pair=_progress if sys.stderr.isatty() else None)
    finally:
        if cache is not None:
            cache.close()
    if args.accept or args.reject:
        record_verdicts(series, args.accept, args.reject, args.annotations)
    for note in series.notes:
        print(strip_controls(f"note: {note}"), file=sys.stderr)
    if args.csv:
        for path in write_tables(series, Path(args.csv)):
            print(strip_controls(f"wrote {path}"), file=sys.stderr)
    if args.html:
        write_series_html(series, Path(args.html))
        print(strip_controls(f"wrote {args.html}"), file=sys.stderr)
    if args.json:
        json.dump(series.to_dict(), sys.stdout, ensure_ascii=False, indent=1)
        sys.stdout.write("\n")
    else:
        print(strip_controls(summary(series)))
    return 0


def record_verdicts(series, accept: list[str], reject: list[str], folder: str) -> None:
    """Save each --accept/--reject as an annotation and show it in this run's output."""

    by_key = {(c.year, c.sentence_id): c for c in series.commitments}
    docs = {d.year: d for d in series.documents}
    for verdict, items in ((Verdict.ACCEPTED, accept), (Verdict.REJECTED, reject)):
        for item in items:
            year, _, sentence_id = item.partition(":")
            if not year.strip().isdigit() or (int(year), sentence_id.strip()) not in by_key:
                raise ReportError(f"--{'accept' if verdict == Verdict.ACCEPTED else 'reject'}",
                                  f"no commitment {item!r} (YEAR:ID of a plan item, as in --json)")
            c = by_key[(int(year), sentence_id.strip())]
            judge(c, verdict, docs[c.year], docs[c.review_year], folder)
            c.verdict = str(verdict)
            print(strip_controls(f"{verdict} {c.year}:{c.sentence_id} {c.status}"), file=sys.stderr)


def summary(series) -> str:
    """A few screens of plain text: years, chapters that appeared or vanished, indicators, commitments."""

    d = series.to_dict()
    lines = [f"{d['body']}: {counted(len(d['years']), 'report')}, {d['years'][0]}–{d['years'][-1]}"]
    lines.append("")
    lines.append("chapters (first – last year)")
    for lin in latest_first_json([lin for lin in d["lineages"] if lin["level"] == 1]):
        mark = "  vanished" if lin["vanished"] else ""
        lines.append(f"  {lin['first_year']}–{lin['last_year']}  {lin['heading']}{mark}")
    lines.append("")
    lines.append("indicators followed (most years first)")
    for ind in d["indicators"][:15]:
        shown = ind["values"][-6:]
        values = ", ".join(f"{v['year']} {v['written']}" for v in shown)
        earlier = len(ind["values"]) - len(shown)  # said, never silently left out
        more = f"… {earlier} earlier year{'s' if earlier != 1 else ''} (--json, --csv), " if earlier else ""
        lines.append(f"  {ind['name']} [{ind['kind']}]  {more}{values}")
    counts = Counter(c["status"] for c in d["commitments"])
    lines.append("")
    judged = Counter(c["judgement"] for c in d["commitments"] if c["judgement"])
    reviewed = (f"  (a reviewer accepted {judged.get('accepted', 0)}, rejected {judged.get('rejected', 0)})"
                if judged else "")
    lines.append("commitments  " + " · ".join(f"{k.words} {counts.get(k.value, 0)}" for k in Status)
                 + reviewed)
    return "\n".join(lines)
