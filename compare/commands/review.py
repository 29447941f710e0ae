"""`compare-reports review [A B]`: the side-by-side review app (Textual, imported only here)."""

from __future__ import annotations

import argparse
from pathlib import Path

from compare.errors import ReportError
from compare.parsing.corpus import corpus_dir
from compare.parsing.loading import check_report
from compare.tui.app import ReviewApp


def add_parser(sub: argparse._SubParsersAction, name: str, help_text: str) -> None:
    p = sub.add_parser(
        name, help=help_text,
        description=help_text + "; with no files, pick two reports from any folder.",
    )
    p.add_argument("files", nargs="*", metavar="FILE",
                   help="the left (older) and the right (newer) report")
    p.add_argument("--annotations", metavar="PATH",
                   help="annotation file (default: annotations/<left-stem>__<right-stem>.yaml); "
                        "with --series, the folder of annotation files (default: annotations)")
    p.add_argument("--reviewer", metavar="NAME",
                   help="name recorded on annotations (default: $COMPARE_REPORTS_REVIEWER "
                        "or the login name)")
    p.add_argument("--series", action="store_true",
                   help="open the series screen of the reports or folders given (one body across the years)")
    p.add_argument("--body", metavar="NAME", help="with --series: the body whose series to open")
    p.add_argument("--corpus", metavar="DIR",
                   help="folder the open screen lists first (default: the most recent one, "
                        "else the bundled corpus)")
    # `serve` runs the app once per browser page: there the reviewer names themself
    p.add_argument("--ask-reviewer", action="store_true", help=argparse.SUPPRESS)
    # ... and the open screen stays inside the folder `serve` serves
    p.add_argument("--root", metavar="DIR", help=argparse.SUPPRESS)


def run(args: argparse.Namespace) -> int:
    if args.series:
        return _series(args)
    if len(args.files) not in (0, 2):
        raise ReportError(" ".join(args.files),
                          "give two report files, or none to pick from the corpus")

    for f in args.files:  # the one-line error before the screen switches, not after
        if not Path(f).exists():
            raise ReportError(f, "no such file")
        check_report(f)

    left, right = (args.files + [None, None])[:2]
    app = ReviewApp(left, right, annotations=args.annotations, reviewer=args.reviewer,
                    corpus=args.corpus, ask_reviewer=args.ask_reviewer, root=args.root)
    app.run()
    if app.error is not None:
        raise app.error
    return app.return_code or 0


def _series(args: argparse.Namespace) -> int:
    inputs = args.files or [args.corpus or str(_corpus())]
    for f in inputs:
        if not Path(f).exists():
            raise ReportError(f, "no such file or folder")

    app = ReviewApp(annotations=args.annotations, reviewer=args.reviewer, series=inputs, body=args.body)
    app.run()
    if app.error is not None:
        raise app.error
    return app.return_code or 0


def _corpus():
    return corpus_dir()
