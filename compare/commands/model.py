"""`compare-reports model build [DIR] [--out FILE]` and `model show`: the corpus boilerplate model."""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from compare.boilerplate import BoilerplateModel, load_default_model
from compare.boilerplate.default import (
    cached_model_path,
    corpus_files,
    corpus_fingerprint,
)
from compare.errors import ReportError
from compare.parsing.cleaning import strip_controls
from compare.parsing.corpus import corpus_dir
from compare.presentation.words import counted


def add_parser(sub: argparse._SubParsersAction, name: str, help_text: str) -> None:
    p = sub.add_parser(name, help=help_text, description=help_text)
    actions = p.add_subparsers(dest="action", metavar="ACTION", required=True)

    b = actions.add_parser(
        "build",
        help="build the model from a folder of reports",
        description="Count a reference corpus into a boilerplate model. Without --out the model "
        "goes to the user cache, where `classify` and the review app find it; it is rebuilt "
        "there by itself whenever the corpus changes.",
    )
    b.add_argument("dir", nargs="?", help="folder of reports (default: the bundled corpus/)")
    b.add_argument("--out", metavar="FILE", help="write the model here (gzip JSON) instead of the cache")
    b.add_argument("--group-by", choices=("kind", "agency", "none"), default="kind",
                   help="reference sets: all agencies of a kind (default), one agency's own years, or everything")
    b.add_argument("--workers", type=int, help="processes to parse with (default: one per core, at most 4)")

    s = actions.add_parser("show", help="what a model knows: reference sets, shared phrases, warnings")
    s.add_argument("file", nargs="?", help="a model file (default: the cached model of corpus/)")
    s.add_argument("--corpus", metavar="DIR", help="show the cached model of this corpus")
    s.add_argument("--top", type=int, default=15, help="how many shared phrases to list per reference set")


def _progress(done: int, total: int, path: str) -> None:
    if sys.stderr.isatty():
        end = "\n" if done == total else ""
        print(f"\rparsing and counting: {done}/{total} reports", end=end, file=sys.stderr, flush=True)


def run(args: argparse.Namespace) -> int:
    if args.action == "build":
        return _build(args)
    return _show(args)


def _build(args: argparse.Namespace) -> int:
    folder = Path(args.dir) if args.dir else corpus_dir()
    if not folder.is_dir():
        raise ReportError(folder, "no such folder")
    if args.workers is not None and args.workers < 1:
        raise ReportError(folder, "--workers must be at least 1")
    t0 = time.perf_counter()
    if args.out:
        files = corpus_files(folder)
        if not files:
            raise ReportError(folder, "no reports (.txt, .html, .htm, .docx) in this folder")
        fingerprint = corpus_fingerprint(folder, args.group_by)
        model = BoilerplateModel.build_from_paths(
            files, group_by=args.group_by, workers=args.workers, progress=_progress, corpus_hash=fingerprint
        )
        target = Path(args.out)
        try:
            model.save(target)
        except OSError as err:
            raise ReportError(target, f"cannot write the model ({err.strerror or err})") from None
    else:
        model = load_default_model(
            folder, group_by=args.group_by, rebuild=True, progress=_progress, workers=args.workers
        )
        target = cached_model_path(model.corpus_hash)
    elapsed = time.perf_counter() - t0
    print(strip_controls(f"{counted(model.documents, 'report')} counted in {elapsed:.1f} s → {target}"))
    print(strip_controls("\n".join(_summary(model, top=0))))
    return 0


def _show(args: argparse.Namespace) -> int:
    model = BoilerplateModel.load(args.file) if args.file else load_default_model(args.corpus)
    print(strip_controls("\n".join(_summary(model, top=args.top))))
    return 0


def _summary(model, top: int) -> list[str]:
    lines = [f"reference sets (grouped by {model.group_by}):"]
    for key, table in sorted(model.groups.items(), key=lambda kv: (kv[0] != "", kv[0])):
        lines.append(f"  {key or 'all reports'}: {counted(table.documents, 'report')}, {counted(len(table.phrases), 'shared phrase')}")
        if top:
            best = sorted(table.phrases.items(), key=lambda kv: (-kv[1][0], -kv[1][1]))[:top]
            for phrase, (df, count) in best:
                lines.append(f"      {phrase.replace(' ', '')}  ({counted(df, 'report')}, {count}×)")
    lines.append(f"shared names: {len(model.names)}, shared quoted terms: {len(model.quotes)}")
    lines.extend(f"note: {w}" for w in model.warnings)
    return lines
