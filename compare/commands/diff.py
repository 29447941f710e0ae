"""`compare-reports diff A B [--only-changes] [--html OUT] [--json]`: the full comparison,
section by section, in the terminal (rich), as one self-contained HTML page, or as JSON
(`comparison_json`, the shape written in ARCHITECTURE.md).

Report text is always printed as `rich.text.Text` built from plain strings, never as markup
(reports contain `[` and `]`), with terminal control characters stripped.
"""

from __future__ import annotations

import argparse
import json
import sys
import threading
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.text import Text

from compare.commands.align import add_pin_argument, parse_pins, side_json
from compare.comparison.diff import compare_documents
from compare.comparison.results import (
    LEFT_ONLY,
    MERGED_SENTENCE,
    MOVED_SENTENCE,
    RIGHT_ONLY,
    SPLIT_SENTENCE,
    UNCHANGED,
    Comparison,
    SectionDiff,
    SentenceChange,
)
from compare.parsing.cleaning import strip_controls
from compare.parsing.document import Document, Sentence
from compare.parsing.pipeline import parse_file
from compare.presentation.html import write_comparison_html
from compare.presentation.view import (
    KIND_LABELS,
    KIND_MARKS,
    KINDS,
    inline_pieces,
    moved_origin,
    part_partner,
    section_titles,
)
from compare.terminal.grids import table_grids
from compare.text.tokens import warm_up

# rich styles of the pieces of a sentence (compare.presentation.view roles) and of each kind's mark
STYLES = {
    "equal": "",
    "removed": "red",
    "added": "green",
    "deleted": "red strike",
    "inserted": "bold green",
    "figure_old": "bold red",
    "figure_new": "bold yellow",
    "arrow": "yellow",
}
KIND_STYLES = dict(zip(KINDS, ("yellow", "cyan", "magenta", "blue", "blue", "blue", "green", "red", "dim")))


def add_parser(sub: argparse._SubParsersAction, name: str, help_text: str) -> None:
    p = sub.add_parser(name, help=help_text, description=help_text)
    p.add_argument("left", help="the earlier report")
    p.add_argument("right", help="the later report")
    p.add_argument(
        "--only-changes", action="store_true", help="fold unchanged sentences into a count (HTML: start folded)"
    )
    p.add_argument("--html", metavar="OUT", help="write one self-contained side-by-side HTML page to OUT")
    p.add_argument("--json", action="store_true", help="print every sentence change as JSON")
    add_pin_argument(p)


def run(args: argparse.Namespace) -> int:
    # jieba's dictionary (a second) loads while the reports are read and parsed
    threading.Thread(target=warm_up, daemon=True).start()
    pins = parse_pins(args.pin)
    left = parse_file(args.left)
    right = parse_file(args.right)
    if args.html:
        out = Path(args.html)
        comparison = compare_documents(left, right, pins)
        write_comparison_html(comparison, out, only_changes=args.only_changes)
        print(strip_controls(f"wrote {out}"))
        return 0
    if args.json:
        comparison = compare_documents(left, right, pins)
        json.dump(comparison_json(comparison, only_changes=args.only_changes), sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
        return 0

    console = Console(highlight=False, emoji=False)
    colour = console.color_system is not None
    for renderable in render(compare_documents(left, right, pins), only_changes=args.only_changes, colour=colour):
        console.print(renderable)
    return 0


# Version of the `diff --json` shape: raised when a field changes meaning or goes away (new
# fields may be added without a new version).
JSON_SCHEMA = 1


def _sentence_json(sentence: Sentence | None) -> dict[str, Any] | None:
    if sentence is None:
        return None
    return {
        "id": sentence.id,
        "section_id": sentence.section_id,
        "text": sentence.text,
        "start": sentence.start,
        "end": sentence.end,
    }


def change_json(change: SentenceChange) -> dict[str, Any]:
    """One sentence change: its kind, both sentences (id, section id, text, offsets into each
    side's `Document.text`, in characters), similarity (0–1) and figures old → new."""
    return {
        "kind": str(change.kind),
        "left": _sentence_json(change.left),
        "right": _sentence_json(change.right),
        "similarity": round(change.similarity, 4),
        "figures": [
            {
                "old": f.old,
                "new": f.new,
                "left_start": f.left_start,
                "left_end": f.left_end,
                "right_start": f.right_start,
                "right_end": f.right_end,
            }
            for f in change.figures
        ],
    }


def comparison_json(comparison: Comparison, only_changes: bool = False) -> dict[str, Any]:
    """The whole comparison as JSON-ready data (the `diff --json` shape in ARCHITECTURE.md):
    both reports, the Lazy Prices similarities and the shares of the later report (0–1), counts of each change kind, and every
    section diff with its sentence changes in reading order; `only_changes` leaves the
    unchanged sentences out (they still count in `counts`)."""
    alignment = comparison.alignment
    shares, measures = comparison.shares, comparison.measures
    return {
        "schema": JSON_SCHEMA,
        "left": side_json(alignment.left),
        "right": side_json(alignment.right),
        "measures": {
            "cosine": measures.cosine,
            "jaccard": measures.jaccard,
            "edit": measures.edit,
            "simple": measures.simple,
        },
        "shares": {
            "verbatim": shares.verbatim,
            "numbers_only": shares.numbers_only,
            "reworded": shares.reworded,
            "new": shares.new,
        },
        "counts": comparison.kind_counts(),
        "sections": [
            {
                "left_id": diff.left_id,
                "right_id": diff.right_id,
                "relation": str(diff.relation),
                "score": diff.score,
                "changes": [
                    change_json(c) for c in diff.changes if not (only_changes and c.kind == UNCHANGED)
                ],
            }
            for diff in comparison.sections
        ],
    }


def _plain(text: str, style: str = "") -> "Text":
    return Text(strip_controls(text), style=style)


def _doc_label(doc: Document) -> str:
    return f"{doc.stem}  {doc.title}".strip()


def header(comparison: Comparison) -> list:
    left, right = comparison.alignment.left, comparison.alignment.right
    m, s = comparison.measures, comparison.shares
    counts = comparison.kind_counts()
    title = Text()
    title.append_text(_plain(_doc_label(left), "bold"))
    title.append("  →  ")
    title.append_text(_plain(_doc_label(right), "bold"))
    lines = [
        title,
        Text(
            f"similarity  cosine {m.cosine:.2f} · jaccard {m.jaccard:.2f} · "
            f"edit {m.edit:.2f} · simple {m.simple:.2f}"
        ),
        Text(
            f"later report  verbatim {s.verbatim:.0%} · numbers only {s.numbers_only:.0%} · "
            f"reworded {s.reworded:.0%} · new {s.new:.0%}"
        ),
    ]
    tally = Text("sentences")
    for kind in KINDS:
        if counts.get(kind):
            tally.append("   ")
            tally.append(f"{KIND_MARKS[kind]} {KIND_LABELS[kind]} {counts[kind]}", style=KIND_STYLES[kind])
    lines.append(tally)
    return lines


def section_header(comparison: Comparison, diff: SectionDiff) -> "Text":
    lt, rt = section_titles(comparison, diff)
    line = Text("━━ ", style="bold")
    if diff.relation == LEFT_ONLY:
        line.append_text(_plain(lt, "bold red"))
        line.append("   only in the earlier report", style="red")
    elif diff.relation == RIGHT_ONLY:
        line.append_text(_plain(rt, "bold green"))
        line.append("   only in the later report", style="green")
    else:
        line.append_text(_plain(lt, "bold"))
        if rt:
            line.append("  ⇄  ")
            line.append_text(_plain(rt, "bold"))
        line.append(f"   {diff.relation} {diff.score:.2f}", style="dim")
    n = diff.substantive_count
    line.append(f"   {n} change{'s' if n != 1 else ''}" if n else "   no changes", style="dim")
    return line


# Without colour (output piped to a file), changes inside a sentence are marked in the text.
PLAIN_MARKERS = {"deleted": ("[-", "-]"), "inserted": ("{+", "+}")}


def change_text(comparison: Comparison, diff: SectionDiff, change: SentenceChange, colour: bool = True) -> "Text":
    """One sentence change as a line of text: what changed marked, figures as old → new."""

    line = Text()
    if change.kind == MOVED_SENTENCE and change.left is not None:
        line.append_text(_plain(f"[{moved_origin(comparison, diff, change)}] ", "blue"))
    if change.kind in (MERGED_SENTENCE, SPLIT_SENTENCE):
        line.append_text(_plain(f"[{part_partner(change)}] ", "blue"))
    for text, role in inline_pieces(change):
        if not colour and role in PLAIN_MARKERS:
            opening, closing = PLAIN_MARKERS[role]
            text = f"{opening}{text}{closing}"
        line.append_text(_plain(text, "dim" if change.kind == UNCHANGED else STYLES[role]))
    return line


def _folded(count: int) -> "Text":
    return Text(f"… {count} unchanged sentence{'s' if count > 1 else ''}", style="dim")


class Hanging:
    """A sentence under its one-character mark, wrapped lines indented past the mark."""

    def __init__(self, mark: "Text", body: "Text") -> None:
        self.mark = mark
        self.body = body

    def __rich_console__(self, console, options):
        lines = self.body.wrap(console, max(options.max_width - 2, 10)) or [Text("")]
        for n, line in enumerate(lines):
            row = Text()
            row.append_text(self.mark if n == 0 else Text(" "))
            row.append(" ")
            row.append_text(line)
            row.rstrip()
            yield row


def section_rows(comparison: Comparison, diff: SectionDiff, only_changes: bool, colour: bool) -> list:
    """One `Hanging` line per sentence change; unchanged runs folded into a count on request."""

    rows: list = []
    folded = 0
    for change in diff.changes:
        if only_changes and change.kind == UNCHANGED:
            folded += 1
            continue
        if folded:
            rows.append(Hanging(Text(" "), _folded(folded)))
            folded = 0
        mark = Text(KIND_MARKS[change.kind], style=KIND_STYLES[change.kind])
        rows.append(Hanging(mark, change_text(comparison, diff, change, colour)))
    if folded:
        rows.append(Hanging(Text(" "), _folded(folded)))
    return rows


def render(comparison: Comparison, only_changes: bool = False, colour: bool = True) -> list:
    """Everything the terminal shows, as rich renderables in order."""

    out: list = header(comparison)
    for diff in comparison.sections:
        if only_changes and not diff.substantive_count:
            continue
        out.append(Text(""))
        out.append(section_header(comparison, diff))
        out.extend(section_rows(comparison, diff, only_changes, colour))
    out.extend(table_grids(comparison, only_changes))
    if only_changes:
        hidden = sum(1 for d in comparison.sections if not d.substantive_count)
        if hidden:
            out.append(Text(""))
            out.append(Text(f"{hidden} section{'s' if hidden > 1 else ''} without changes not shown", style="dim"))
    return out
