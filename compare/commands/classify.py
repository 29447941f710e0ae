"""`compare-reports classify FILE [--json] [--against LAST_YEAR]`: every sentence labelled
boilerplate or substantive, with its score and evidence; with `--against`, also carried over
from last year's report or new against it (`since_last_year` in JSON)."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from compare.boilerplate import (
    BoilerplateModel,
    Label,
    boilerplate_measures,
    load_default_model,
    load_lexicon,
    stickiness,
)
from compare.parsing.cleaning import strip_controls
from compare.presentation.view import SINCE_MARK
from compare.text.terminal import print_json
from compare.presentation.words import counted
from compare.commands.reading import read_pair, read_report


def add_parser(sub: argparse._SubParsersAction, name: str, help_text: str) -> None:
    p = sub.add_parser(
        name,
        help=help_text,
        description=help_text + ". The model is built from the bundled corpus (cached) unless "
        "--model or --corpus says otherwise; formulas come from the shipped lexicon, the user's "
        "boilerplate_lexicon.yaml and --lexicon files.",
    )
    p.add_argument("file", help="report file")
    p.add_argument("--json", action="store_true", help="print labels, evidence and measures as JSON")
    p.add_argument("--explain", action="store_true", help="show the evidence under each sentence")
    p.add_argument("--only", choices=[label.value for label in Label], help="list only sentences with this label")
    p.add_argument("--model", metavar="FILE", help="a model written by `model build --out`")
    p.add_argument("--corpus", metavar="DIR", help="reference corpus for the model (default: corpus/)")
    p.add_argument("--lexicon", metavar="FILE", action="append", default=[],
                   help="extra formula lexicon (YAML, same format as the shipped one); repeatable")
    p.add_argument(
        "--against", metavar="FILE",
        help="the same body's report of the year before: a named thing new against it counts as evidence "
        "(new words are shown, not scored), "
        "sentences carried over are marked (=), and stickiness is measured",
    )


# the mark of each `since_last_year` in the terminal listing
_SINCE = {history: mark.symbol for history, mark in SINCE_MARK.items()}


def _model(args: argparse.Namespace):
    if args.model:
        return BoilerplateModel.load(args.model)
    return load_default_model(args.corpus, progress=_progress if sys.stderr.isatty() else None)


def _progress(done: int, total: int, path: str) -> None:
    end = "\n" if done == total else ""
    print(f"\rbuilding the boilerplate model: {done}/{total} reports", end=end, file=sys.stderr, flush=True)


def run(args: argparse.Namespace) -> int:
    if args.against:
        doc, other = read_pair(args.file, args.against)
    else:
        doc, other = read_report(args.file), None
    lexicon = load_lexicon(args.lexicon)
    model = _model(args)
    labels = model.classify(doc, lexicon, previous=other)
    measures = boilerplate_measures(doc, model, labels)
    reference, table = model.reference_for(doc)
    sticky = stickiness(doc, other) if other is not None else None
    # a table's rows are compared cell by cell (`diff`, the app's T), not judged as sentences
    rows = doc.table_rows()
    labels = [lab for lab in labels if lab.sentence_id not in rows]
    shown = [lab for lab in labels if args.only is None or lab.label == args.only]

    if args.json:
        out: dict[str, Any] = {
            "path": doc.path,
            "title": doc.title,
            "agency": doc.agency,
            "year": doc.year,
            "kind": doc.kind,
            "reference": {"set": reference or "all reports", "documents": table.documents},
            "measures": measures.to_dict(),
            "sentences": [lab.to_dict() for lab in shown],
            "table_rows": len(rows),
        }
        if sticky is not None:
            out["stickiness"] = {"against": other.path, "share": round(sticky, 4)}
        print_json(out)
        return 0

    lines = []
    for lab in shown:
        mark = "B" if lab.is_boilerplate else "S"
        since = f"{_SINCE[lab.since_last_year]} " if other is not None and lab.since_last_year else ""
        lines.append(f"{mark} {since}{lab.boilerplate_score:.2f}  {lab.sentence_id:<10} {lab.text}")
        if args.explain:
            lines.extend(f"        · {line}" for line in lab.explain()[1:])
    m = measures
    boilerplate = sum(1 for lab in labels if lab.is_boilerplate)
    lines += [
        "",
        f"{counted(len(labels), 'sentence')}: {boilerplate} boilerplate, "
        f"{len(labels) - boilerplate} substantive "
        f"(reference: {reference or 'all reports'}, {counted(table.documents, 'report')})"
        + (f"; {counted(len(rows), 'table row')} not judged (tables are compared cell by cell)" if rows else ""),
        f"boilerplate share {m.boilerplate_share:.1%} of words (L&SL phrases), "
        f"{m.boilerplate_label_share:.1%} in sentences labelled boilerplate; "
        f"specificity {m.specificity:.3f} per word; redundancy {m.redundancy:.1%}",
    ]
    if other is not None:
        counts = {h: sum(1 for lab in labels if lab.since_last_year == h) for h in _SINCE}
        lines.append(
            f"against {other.path}: {counts['carried-over']} sentences carried over (=), "
            f"{counts['new']} naming something new (+), {counts['changed']} changed (~)"
        )
    if sticky is not None:
        lines.append(f"stickiness against {other.path}: {sticky:.1%} of word 8-grams carried over")
    for warning in model.warnings:
        lines.append(f"note: {warning}")
    print(strip_controls("\n".join(lines)))
    return 0
