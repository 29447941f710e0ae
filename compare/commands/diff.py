"""`compare-reports diff A B [--only-changes | --only substantive] [--html OUT] [--json]
[--color always|never|auto] [--no-pager]`: the full comparison, section by section, in the
terminal (rich, through a pager on a terminal, as git does), as one self-contained HTML page,
or as JSON (`comparison_json`, the shape written in ARCHITECTURE.md).

The later report is labelled against the earlier one (`compare.boilerplate.pair`): with
`--only substantive` only what the review app's `i` keeps is shown; in JSON and HTML every
sentence carries its boilerplate label, score, evidence and carried-over mark.

Report text is always printed as `rich.text.Text` built from plain strings, never as markup
(reports contain `[` and `]`), with terminal control characters stripped.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import shutil
import sys
import threading
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rich.console import Console
from rich.text import Text

from compare.boilerplate.pair import PairLabels, label_pair
from compare.commands.align import add_pin_argument, parse_pins, side_json
from compare.commands.pager import page, pager_command
from compare.comparison.diff import compare_documents
from compare.comparison.results import (
    ChangeKind,
    Comparison,
    Relation,
    SectionDiff,
    SentenceChange,
    TableDiff,
)
from compare.errors import ReportError
from compare.parsing.cleaning import strip_controls
from compare.parsing.document import Document, Sentence
from compare.presentation.html import write_comparison_html
from compare.presentation.notes import order_note
from compare.presentation.view import (
    KIND_LABELS,
    KIND_MARKS,
    PINNED_MARK,
    TABLE_MARK,
    TablePlace,
    TableView,
    converted_note,
    inline_pieces,
    listed_changes,
    listed_figures,
    moved_origin,
    part_partner,
    section_titles,
    shown_when_hiding,
    table_views,
)
from compare.terminal.flow import Flow
from compare.terminal.grids import table_grids
from compare.terminal.wrap import line_breaks
from compare.text.tokens import warm_up
from compare.commands.reading import read_pair

if TYPE_CHECKING:
    from compare.boilerplate.model import SentenceLabel

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
KIND_STYLES = dict(zip(ChangeKind, ("yellow", "cyan", "magenta", "blue", "blue", "blue", "green", "red", "dim")))


def add_parser(sub: argparse._SubParsersAction, name: str, help_text: str) -> None:
    p = sub.add_parser(name, help=help_text, description=help_text)
    p.add_argument("left", help="the earlier report")
    p.add_argument("right", help="the later report")
    # --only substantive already leaves unchanged sentences out: the two are alternatives
    shown = p.add_mutually_exclusive_group()
    shown.add_argument(
        "--only-changes", action="store_true", help="fold unchanged sentences into a count (HTML: start folded)"
    )
    p.add_argument("--html", metavar="OUT", help="write one self-contained side-by-side HTML page to OUT")
    p.add_argument("--json", action="store_true",
                   help="print every sentence change as JSON, with each sentence's boilerplate label and evidence")
    shown.add_argument(
        "--only", choices=("substantive",),
        help="show only substantive changes that are not boilerplate (what the review app's i keeps)",
    )
    p.add_argument("--color", "--colour", dest="color", choices=("always", "never", "auto"), default="auto",
                   help="colour in the terminal (auto: when writing to a terminal)")
    p.add_argument("--no-pager", action="store_true", help="never send the output through $PAGER")
    add_pin_argument(p, sentences=True)


def _labels(left: Document, right: Document, cached_only: bool = False) -> PairLabels | None:
    """Boilerplate labels of both reports, or None (with a note on stderr) without a model
    (with `cached_only`, also when the model is not built yet: never half a minute to dim)."""
    try:
        return label_pair(left, right, cached_only=cached_only)
    except ReportError as err:
        print(strip_controls(f"note: no boilerplate labels: {err.path}: {err.message}"), file=sys.stderr)
        return None


def run(args: argparse.Namespace) -> int:
    # jieba's dictionary (a second) loads while the reports are read and parsed
    threading.Thread(target=warm_up, daemon=True).start()
    pins, sentence_pins = split_pins(parse_pins(args.pin))
    left, right = read_pair(args.left, args.right)
    note = order_note(left, right)
    if note:
        print(strip_controls(f"note: {note}"), file=sys.stderr)
    comparison = compare_documents(left, right, pins, sentence_pins=sentence_pins)
    only_substantive = args.only == "substantive"
    tty = sys.stdout.isatty()
    colour = args.color == "always" or (args.color == "auto" and tty and "NO_COLOR" not in os.environ)
    # The terminal dims boilerplate when it has colour to dim with, if the model is built
    # (labelling both reports costs about a second of CPU: README, "diff in the terminal").
    needed = bool(args.html or args.json or only_substantive)
    labels = _labels(left, right, cached_only=not needed) if needed or colour else None
    if args.html:
        out = Path(args.html)
        write_comparison_html(comparison, out, only_changes=args.only_changes, labels=labels,
                              hide_boilerplate=only_substantive)
        print(strip_controls(f"wrote {out}"))
        return 0
    if args.json:
        data = comparison_json(comparison, only_changes=args.only_changes, labels=labels,
                               only_substantive=only_substantive)
        json.dump(data, sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
        return 0
    buffer = io.StringIO()
    console = Console(
        file=buffer, highlight=False, emoji=False, force_terminal=colour, no_color=not colour,
        color_system="standard" if colour else None,
        width=shutil.get_terminal_size((100, 40)).columns if tty else 100,
    )
    renderables = render(comparison, only_changes=args.only_changes or only_substantive, colour=colour,
                         labels=labels, only_substantive=only_substantive)
    for renderable in renderables:
        console.print(renderable)
    if not args.no_pager and pager_command() is not None:
        page(buffer.getvalue())
    else:
        sys.stdout.write(buffer.getvalue())
    return 0


def split_pins(pins: list[tuple[str, str]]) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """Section pins (ids like 2.1) and sentence pins (ids like 2.1/3); a pin mixing the two
    is an error."""
    sections, sentences = [], []
    for left_id, right_id in pins:
        if ("/" in left_id) != ("/" in right_id):
            raise ReportError("--pin", f"pin a section to a section or a sentence to a sentence, got {left_id}={right_id}")
        (sentences if "/" in left_id else sections).append((left_id, right_id))
    return sections, sentences


# Version of the `diff --json` shape: raised when a field changes meaning or goes away (new
# fields may be added without a new version).
JSON_SCHEMA = 1


def boilerplate_json(label: SentenceLabel | None) -> dict[str, Any] | None:
    """A sentence's boilerplate label: label, score (0–1), `since_last_year` (carried-over |
    new | changed; null for the earlier report) and the evidence, as `classify --json` gives it."""
    if label is None:
        return None
    return {
        "label": label.label,
        "score": round(label.boilerplate_score, 4),
        "since_last_year": label.since_last_year,
        "evidence": [e.to_dict() for e in label.evidence],
    }


def _sentence_json(sentence: Sentence | None, labels: PairLabels | None = None, side: str = "") -> dict[str, Any] | None:
    if sentence is None:
        return None
    out: dict[str, Any] = {
        "id": sentence.id,
        "section_id": sentence.section_id,
        "text": sentence.text,
        "start": sentence.start,
        "end": sentence.end,
    }
    if labels is not None:
        out["boilerplate"] = boilerplate_json(labels.get(side, sentence))
    return out


def change_json(change: SentenceChange, labels: PairLabels | None = None) -> dict[str, Any]:
    """One sentence change: its kind, both sentences (id, section id, text, offsets into each
    side's `Document.text`, in characters, and with `labels` their boilerplate label),
    similarity (0–1), figures old → new, and the id of the table it is a row of (the later
    side's when it has one; null for prose: `comparison_json` leaves rows out, tables are
    compared cell by cell in "tables")."""
    return {
        "kind": str(change.kind),
        "left": _sentence_json(change.left, labels, "left"),
        "right": _sentence_json(change.right, labels, "right"),
        "similarity": round(change.similarity, 4),
        "pinned": change.pinned,
        "table": change.table or None,
        "figures": [
            {
                "old": f.old,
                "new": f.new,
                "left_start": f.left_start,
                "left_end": f.left_end,
                "right_start": f.right_start,
                "right_end": f.right_end,
                "converted": f.converted or None,
            }
            for f in change.figures
        ],
    }


def comparison_json(
    comparison: Comparison, only_changes: bool = False, labels: PairLabels | None = None,
    only_substantive: bool = False,
) -> dict[str, Any]:
    """The whole comparison as JSON-ready data (the `diff --json` shape in ARCHITECTURE.md):
    both reports, the Lazy Prices similarities and the shares of the later report (0–1), counts of each change kind, and every
    section diff with its sentence changes in reading order; `only_changes` leaves the
    unchanged sentences out (they still count in `counts`). With `labels`, every sentence has
    a `boilerplate` object (`boilerplate_json`); `only_substantive` keeps only the changes the
    review app's `i` keeps. Table rows are in "tables" only, compared cell by cell, as `diff`
    and the HTML page show them: never again as sentence changes (user test s26 item 6: rows
    paired across shifted year columns listed as `moved` with figures `210\t → 236\t`)."""

    def kept(c: SentenceChange) -> bool:
        if only_substantive and labels is not None:
            return _kept(c, labels)
        return not ((only_changes or only_substantive) and c.kind == ChangeKind.UNCHANGED)

    alignment = comparison.alignment
    shares, measures = comparison.shares, comparison.similarities
    return {
        "schema": JSON_SCHEMA,
        "left": side_json(alignment.left),
        "right": side_json(alignment.right),
        "notes": [note for note in (order_note(alignment.left, alignment.right),) if note],
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
                "changes": [change_json(c, labels) for c in diff.changes if kept(c) and not c.table],
            }
            for diff in comparison.sections
        ],
        "tables": [table_json(t) for t in comparison.tables],
    }


def table_json(diff: TableDiff) -> dict[str, Any]:
    """One table pair: each side's table id and section id (null when the table is on one side
    only), and its cell changes (kind figure|text|added|removed, row labels, column header,
    old, new, column index in the later table, -1 for a whole row or a row label)."""
    return {
        "left_id": diff.left.id if diff.left else None,
        "right_id": diff.right.id if diff.right else None,
        "left_section_id": diff.left.section_id if diff.left else None,
        "right_section_id": diff.right.section_id if diff.right else None,
        "changes": [
            {"kind": str(c.kind), "row": c.row, "column": c.column, "old": c.old, "new": c.new,
             "index": c.index}
            for c in diff.changes
        ],
    }


def _plain(text: str, style: str = "") -> "Text":
    return Text(strip_controls(text), style=style)


def _doc_label(doc: Document) -> str:
    return f"{doc.stem}  {doc.title}".strip()


def header(comparison: Comparison) -> list:
    left, right = comparison.alignment.left, comparison.alignment.right
    m, s = comparison.similarities, comparison.shares
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
    # One item per kind, each kept whole: on a narrow terminal the line breaks between items,
    # never between a mark and its label ("− ⏎ removed 435").
    tally = [Text("sentences")] + [
        Text(f"{KIND_MARKS[kind]} {KIND_LABELS[kind]} {counts[kind]}", style=KIND_STYLES[kind])
        for kind in ChangeKind
        if counts.get(kind)
    ]
    lines.append(Flow(tally))
    return lines


def section_header(comparison: Comparison, diff: SectionDiff, shown: int | None = None) -> "Text":
    """The line that opens a section: its headings, relation and score, and how many changes
    it has (`shown`: how many of them `--only substantive` keeps, said as "69 of 234 changes shown")."""
    lt, rt = section_titles(comparison, diff)
    line = Text("━━ ", style="bold")
    if diff.relation == Relation.LEFT_ONLY:
        line.append_text(_plain(lt, "bold red"))
        line.append("   only in the earlier report", style="red")
    elif diff.relation == Relation.RIGHT_ONLY:
        line.append_text(_plain(rt, "bold green"))
        line.append("   only in the later report", style="green")
    else:
        line.append_text(_plain(lt, "bold"))
        if rt:
            line.append("  ⇄  ")
            line.append_text(_plain(rt, "bold"))
        line.append(f"   {diff.relation} {diff.score:.2f}", style="dim")
    n = diff.substantive_count
    if shown is not None and n:
        line.append(f"   {shown} of {n} change{'s' if n != 1 else ''} shown", style="dim")
    else:
        line.append(f"   {n} change{'s' if n != 1 else ''}" if n else "   no changes", style="dim")
    return line


# Without colour (output piped to a file), changes inside a sentence are marked in the text.
PLAIN_MARKERS = {"deleted": ("[-", "-]"), "inserted": ("{+", "+}")}


# Which side each piece of an inline change comes from: a boilerplate side's pieces are dimmed.
_LEFT_ROLES = frozenset({"deleted", "removed", "figure_old"})
_RIGHT_ROLES = frozenset({"inserted", "added", "figure_new"})


def change_text(
    comparison: Comparison, diff: SectionDiff, change: SentenceChange, colour: bool = True,
    boilerplate: tuple[bool, bool] = (False, False),
) -> "Text":
    """One sentence change as a line of text: what changed marked, figures as old → new.

    `boilerplate` says whether the left and the right sentence are boilerplate: what comes from
    a boilerplate side is dimmed (text both sides share, when every side it has is), as the
    review app and the HTML page dim boilerplate."""

    present = [bp for sentence, bp in zip((change.left, change.right), boilerplate) if sentence is not None]
    all_boilerplate = bool(present) and all(present)

    def dimmed(role: str) -> bool:
        if role in _LEFT_ROLES:
            return boilerplate[0]
        if role in _RIGHT_ROLES:
            return boilerplate[1]
        return all_boilerplate

    line = Text()
    if change.kind == ChangeKind.MOVED and change.left is not None:
        line.append_text(_plain(f"[{moved_origin(comparison, diff, change)}] ", "blue"))
    if change.kind in (ChangeKind.MERGED, ChangeKind.SPLIT):
        line.append_text(_plain(f"[{part_partner(change)}] ", "blue"))
    if change.pinned:
        line.append_text(_plain(f"[{PINNED_MARK.meaning}] ", "blue"))
    for text, role in inline_pieces(change):
        if not colour and role in PLAIN_MARKERS:
            opening, closing = PLAIN_MARKERS[role]
            text = f"{opening}{text}{closing}"
        style = "dim" if change.kind == ChangeKind.UNCHANGED else STYLES[role]
        if colour and dimmed(role) and "dim" not in style:
            style = f"dim {style}".strip()
        line.append_text(_plain(text, style))
    listed = listed_figures(change, in_place=True)
    if listed:
        # reworded too: the quantities both sentences state, old → new, after the words
        line.append_text(_plain("  [figures: ", "blue"))
        for k, f in enumerate(listed):
            if k:
                line.append_text(_plain("; "))
            for text, role in ((f.old, "figure_old"), (" → ", "arrow"), (f.new, "figure_new"), (converted_note(f), "equal")):
                if not colour and role in PLAIN_MARKERS:
                    opening, closing = PLAIN_MARKERS[role]
                    text = f"{opening}{text}{closing}"
                line.append_text(_plain(text, STYLES[role]))
        line.append_text(_plain("]", "blue"))
    return line


def _folded(count: int, what: str = "unchanged") -> "Text":
    return Text(f"… {count} {what} sentence{'s' if count > 1 else ''}", style="dim")


class Hanging:
    """A sentence under its one-character mark, wrapped lines indented past the mark."""

    def __init__(self, mark: "Text", body: "Text") -> None:
        self.mark = mark
        self.body = body

    def __rich_console__(self, console, options):
        # broken as Chinese prose is (`terminal.wrap.line_breaks`: never before 。 or inside a
        # figure with its unit); rich's own wrap left 。 alone on a line (user test s26)
        width = max(options.max_width - 2, 10)
        starts = line_breaks(self.body.plain, width) if self.body.plain else [0]
        lines = list(self.body.divide(starts[1:])) or [Text("")]
        for n, line in enumerate(lines):
            row = Text()
            row.append_text(self.mark if n == 0 else Text(" "))
            row.append(" ")
            row.append_text(line)
            row.rstrip()
            yield row


def section_rows(comparison: Comparison, diff: SectionDiff, only_changes: bool, colour: bool,
                 labels: "PairLabels | None" = None, only_substantive: bool = False,
                 views: "list[TableView] | None" = None) -> list:
    """One `Hanging` line per sentence change, boilerplate dimmed when `labels` are given;
    unchanged runs (and, with `only_substantive`, boilerplate) folded into a count on request;
    a table's rows are one line that points to the table's grid below (`views`: the
    comparison's `table_views`, computed here when not given)."""

    rows: list = []
    folded = 0
    hiding = labels if only_substantive else None
    what = "unchanged" if hiding is None else "unchanged or boilerplate"
    views = views if views is not None else table_views(comparison)
    for item in listed_changes(comparison, diff, views):
        if isinstance(item, TablePlace):
            if only_changes and (item.view is None or item.view.summary == "no changes"):
                continue
            if folded:
                rows.append(Hanging(Text(" "), _folded(folded, what)))
                folded = 0
            rows.append(Hanging(Text(TABLE_MARK.symbol, style="blue"), _table_place(item)))
            continue
        change = item
        if only_changes and not _kept(change, hiding):
            folded += 1
            continue
        if folded:
            rows.append(Hanging(Text(" "), _folded(folded, what)))
            folded = 0
        mark = Text(KIND_MARKS[change.kind], style=KIND_STYLES[change.kind])
        sides = (
            (labels.is_boilerplate("left", change.left), labels.is_boilerplate("right", change.right))
            if labels is not None else (False, False)
        )
        rows.append(Hanging(mark, change_text(comparison, diff, change, colour, sides)))
    if folded:
        rows.append(Hanging(Text(" "), _folded(folded, what)))
    return rows


def _table_place(place: TablePlace) -> "Text":
    """The line standing for a table's rows among the sentences."""
    rows = f"{place.rows} row{'s' if place.rows != 1 else ''}"
    if place.view is None:
        return Text(f"a table ({rows})", style="blue")
    return Text(f"{strip_controls(place.view.label)} ({rows}): {place.view.summary} — drawn below, cell by cell",
                style="blue")


def _kept(change: SentenceChange, labels: "PairLabels | None") -> bool:
    if labels is None:
        return change.kind != ChangeKind.UNCHANGED
    return shown_when_hiding(
        change, labels.is_boilerplate("left", change.left), labels.is_boilerplate("right", change.right)
    )


def render(comparison: Comparison, only_changes: bool = False, colour: bool = True,
           labels: "PairLabels | None" = None, only_substantive: bool = False) -> list:
    """Everything the terminal shows, as rich renderables in order: with `labels`, boilerplate
    dimmed (when `colour`); with `only_substantive` (and `only_changes`), only what is
    substantive and not boilerplate (`diff --only substantive`)."""

    out: list = header(comparison)
    hiding = labels if only_substantive else None
    if hiding is not None and only_changes:
        out.append(Text("only substantive changes that are not boilerplate (as the review app's i)", style="dim"))
    elif labels is not None and colour:
        out.append(Text("dimmed: boilerplate (`classify --explain` or the review app's w says why)", style="dim"))

    def has_changes(diff: SectionDiff) -> bool:
        if hiding is not None:
            return any(_kept(c, hiding) and not c.table for c in diff.changes)
        return bool(diff.substantive_count)

    views = table_views(comparison)
    for diff in comparison.sections:
        if only_changes and not has_changes(diff):
            continue
        out.append(Text(""))
        shown = None if hiding is None else sum(1 for c in diff.changes if _kept(c, hiding) and not c.table)
        out.append(section_header(comparison, diff, shown))
        out.extend(section_rows(comparison, diff, only_changes, colour, labels, only_substantive, views))
    out.extend(table_grids(comparison, only_changes, colour))
    if only_changes:
        hidden = sum(1 for d in comparison.sections if not has_changes(d))
        if hidden:
            out.append(Text(""))
            out.append(Text(f"{hidden} section{'s' if hidden > 1 else ''} without changes not shown", style="dim"))
    return out
