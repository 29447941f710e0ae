"""`compare-reports annotations validate|merge|export|import`: annotation files from the shell.

validate  check files (every problem as FILE:LINE: message) and say which annotations no
          longer find their text in the reports (those the file names, or --left/--right)
merge     several reviewers' files into one (newest edit of each annotation wins; conflicts
          are listed); an existing --out file is merged too, never overwritten blindly
export    csv, jsonl, a Markdown review memo, or W3C Web Annotation JSON-LD
import    W3C JSON-LD (from Hypothesis-compatible tools) into an annotation file
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from compare.annotations import (
    AnnotationFileError,
    AnnotationSet,
    AnnotationStore,
    read_file,
)
from compare.annotations.export import FORMATS, export
from compare.annotations.merging import merge
from compare.annotations.model import DocumentRef
from compare.annotations.w3c import W3CError, from_w3c
from compare.annotations.yamlfile import is_empty, load
from compare.errors import ReportError
from compare.files.atomic import atomic_write
from compare.files.jsonfiles import read_json
from compare.parsing.cleaning import strip_controls
from compare.parsing.loading import read_bytes
from compare.parsing.pipeline import parse_file
from compare.presentation.words import counted

EPILOG = (
    "Two copies of one file that git could not merge: save each side "
    "(git show :2:FILE > ours.yaml; git show :3:FILE > theirs.yaml) and run "
    "`compare-reports annotations merge ours.yaml theirs.yaml --out FILE`."
)


def add_parser(sub: argparse._SubParsersAction, name: str, help_text: str) -> None:
    p = sub.add_parser(
        name, help=help_text, description="Check, merge, export and import annotation files.", epilog=EPILOG
    )
    actions = p.add_subparsers(dest="action", metavar="ACTION", required=True)

    v = actions.add_parser("validate", help="check annotation files")
    v.add_argument("files", nargs="+", metavar="FILE", help="annotation files (.yaml)")
    _report_options(v, "re-anchor against these reports, not those the file names, and list what would be orphaned")

    m = actions.add_parser("merge", help="merge several annotation files into one")
    m.add_argument("files", nargs="+", metavar="FILE", help="annotation files of one pair of reports")
    m.add_argument("--out", required=True, metavar="FILE", help="file to write (merged too if it exists)")

    e = actions.add_parser("export", help="export annotations as csv, jsonl, markdown or w3c")
    e.add_argument("file", metavar="FILE", help="annotation file (.yaml)")
    e.add_argument(
        "--format",
        required=True,
        choices=FORMATS,
        help="csv / jsonl (one annotation a row or line), markdown (a review memo by section), "
        "w3c (Web Annotation JSON-LD)",
    )
    e.add_argument("--out", metavar="PATH", help="write here instead of standard output")

    i = actions.add_parser("import", help="import W3C Web Annotation JSON-LD")
    i.add_argument("file", metavar="JSONLD", help="W3C Web Annotation JSON-LD file")
    i.add_argument("--into", required=True, metavar="FILE", help="annotation file to add to")
    i.add_argument(
        "--side", choices=("left", "right"), help="report the targets are on, when they do not say"
    )
    _report_options(i, "place imported annotations in these reports")


def _report_options(p: argparse.ArgumentParser, why: str) -> None:
    p.add_argument("--left", metavar="REPORT", help=f"left report ({why})")
    p.add_argument("--right", metavar="REPORT", help="right report")


def run(args: argparse.Namespace) -> int:
    return {"validate": _validate, "merge": _merge, "export": _export, "import": _import}[
        args.action
    ](args)


def _documents(args: argparse.Namespace):  # -> tuple[Document | None, Document | None]

    return (
        parse_file(args.left) if args.left else None,
        parse_file(args.right) if args.right else None,
    )


def _say(line: str, stream=sys.stdout) -> None:
    print(strip_controls(line), file=stream)


def _validate(args: argparse.Namespace) -> int:
    left, right = _documents(args)
    failed = False
    for name in args.files:
        try:
            data = read_bytes(Path(name), "annotation file")
            content = load(data, name)
        except AnnotationFileError as err:
            for line in err.lines():
                _say(f"compare-reports: {line}", sys.stderr)
            failed = True
            continue
        except ReportError as err:
            _say(f"compare-reports: {err.path}: {err.message}", sys.stderr)
            failed = True
            continue
        if is_empty(data):
            _say(f"{name}: empty, no annotations yet (the review app writes the header and the "
                 "annotations on the first save)")
            continue
        live = content.live()
        against, unchecked = (left, right), ""
        if not (left or right):
            against, unchecked = _named_reports(name, content)
        if any(against):
            store = AnnotationStore.open(name, *against, autosave=False)
            if store.foreign:  # another pair's file: re-anchoring it onto these reports means nothing
                _say(f"compare-reports: {store.problem}", sys.stderr)
                failed = True
                continue
            live = store.annotations
        orphaned = [a for a in live if a.orphaned]
        fuzzy = [a for a in live if a.fuzzy]
        _say(
            f"{name}: ok, {counted(len(live), 'annotation')} ({len(orphaned)} orphaned, {len(fuzzy)} "
            f"moved to reworded text), {counted(len(content.live_pins()), 'pin')}"
            + (f"; {unchecked}" if unchecked else "")
        )
        for a in orphaned:
            side = next(s for s, x in a.anchors.items() if x.orphaned)
            _say(f"  orphaned {a.id} ({side}): {a.anchors[side].exact[:40]}")
    return 2 if failed else 0


def _named_reports(name: str, content: AnnotationSet):  # -> tuple[(Document | None) × 2, str]
    """The two reports an annotation file names (its `left`/`right` paths, read against the
    file's folder), parsed, so `validate` without --left/--right still re-anchors; the second
    value says which could not be checked and why ("" when both were)."""
    docs = []
    missing = []
    for side, ref in (("left", content.left), ("right", content.right)):
        where = ref.location(name)
        if where is None or not where.is_file():
            docs.append(None)
            missing.append(f"{side} report {ref.path or '(none named)'} not found")
            continue
        try:
            docs.append(parse_file(where))
        except ReportError as err:
            docs.append(None)
            missing.append(f"{side} report {where}: {err.message}")
    if not missing:
        return tuple(docs), ""
    return tuple(docs), f"not checked against the text ({'; '.join(missing)}: give --left/--right)"


def _merge(args: argparse.Namespace) -> int:
    out = Path(args.out)
    names = list(dict.fromkeys(args.files))
    copies = [(name, read_file(Path(name))) for name in names]
    _same_pair(copies)
    merged, conflicts = merge(copies)
    store = AnnotationStore.open(out, autosave=False)
    if store.read_only:
        raise ReportError(out, f"will not write over a file that does not load: {store.problem}")
    if out.exists() and not any(Path(n).resolve() == out.resolve() for n in names):
        _same_pair([(str(out), store.content), ("the merge", merged)])
        _say(f"{out} exists: merging into it")
    conflicts += store.absorb(merged, "the merged files")
    store.save()
    for conflict in conflicts:
        _say(f"conflict: {conflict.describe()}", sys.stderr)
    _say(
        f"{out}: {counted(len(store.annotations), 'annotation')}, {counted(len(store.pin_records), 'pin')} from "
        f"{counted(len(names), 'file')}; {counted(len(conflicts), 'conflict')} (the newest edit kept)"
    )
    return 0


def _same_pair(copies) -> None:
    """Refuse to merge files that annotate different reports."""
    seen: dict[tuple[str, str], str] = {}
    for name, content in copies:
        pair = (Path(content.left.path).stem, Path(content.right.path).stem)
        if pair[0] and pair[1]:
            seen.setdefault(pair, name)
    if len(seen) > 1:
        (a, first), (b, second) = list(seen.items())[:2]
        raise ReportError(
            second, f"annotates {b[0]} ↔ {b[1]}, but {first} annotates {a[0]} ↔ {a[1]}"
        )


def _export(args: argparse.Namespace) -> int:
    text = export(read_file(Path(args.file)), args.format, annotation_file=args.file,
                  out=args.out)
    if args.out:
        out = Path(args.out)
        try:
            atomic_write(out, text.encode("utf-8"))
        except OSError as err:
            raise ReportError(out, f"cannot write ({err.strerror or err})") from None
        return 0
    if sys.stdout.isatty():
        text = strip_controls(text)
    sys.stdout.write(text)
    return 0


def _import(args: argparse.Namespace) -> int:
    source = Path(args.file)
    data = read_json(source, "annotation export")
    left, right = _documents(args)
    store = AnnotationStore.open(args.into, left, right, autosave=False)
    if store.read_only:
        raise ReportError(args.into, f"will not write over a file that does not load: {store.problem}")
    try:
        imported = from_w3c(data, store.content.left, store.content.right, side=args.side)
    except W3CError as err:
        raise ReportError(source, str(err)) from None
    for side, source_path in imported.sources.items():
        if not store.content.document(side).path and not store.documents[side]:
            setattr(store.content, side, DocumentRef(path=source_path))
    for line in imported.skipped:
        _say(f"compare-reports: {source}: skipped {line}", sys.stderr)
    before = {a.id for a in store.annotations}
    store.absorb(AnnotationSet(annotations=imported.annotations), str(source))
    store.save()
    new = [a for a in store.annotations if a.id not in before]
    orphaned = [a for a in new if a.orphaned]
    _say(
        f"{args.into}: imported {counted(len(new), 'new annotation')} from {source}"
        + (f" ({len(imported.annotations) - len(new)} already there)" if len(new) < len(imported.annotations) else "")
        + (f", {len(orphaned)} not yet placed in a report" if orphaned else "")
        + (f"; skipped {len(imported.skipped)}" if imported.skipped else "")
    )
    return 2 if imported.skipped and not imported.annotations else 0
