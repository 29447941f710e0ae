"""`compare-reports align A B [--json] [--pin L=R ...]`: which sections correspond, and how."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING, Any

from compare.comparison.align import align_sections
from compare.comparison.results import Alignment, SectionPair
from compare.errors import ReportError
from compare.parsing.cleaning import strip_controls
from compare.parsing.document import Document, Section
from compare.text.terminal import print_json
from compare.presentation.notes import order_note
from compare.presentation.words import counted
from compare.commands.reading import read_pair

if TYPE_CHECKING:
    from rich.text import Text

RELATION_STYLES = {
    "same": "green",
    "renamed": "yellow",
    "moved": "cyan",
    "split": "magenta",
    "merged": "magenta",
    "left_only": "red",
    "right_only": "blue",
}


def add_parser(sub: argparse._SubParsersAction, name: str, help_text: str) -> None:
    p = sub.add_parser(name, help=help_text, description=help_text)
    p.add_argument("left", help="the earlier (or first) report")
    p.add_argument("right", help="the later (or second) report")
    p.add_argument("--json", action="store_true", help="print the alignment as JSON")
    add_pin_argument(p)


def add_pin_argument(p: argparse.ArgumentParser, sentences: bool = False) -> None:
    p.add_argument(
        "--pin",
        action="append",
        default=[],
        metavar="LEFT_ID=RIGHT_ID",
        help="pair these two sections whatever their scores (repeatable)"
        + ("; sentence ids (2.1/3=2.2/1) pair two sentences" if sentences else ""),
    )


def parse_pins(values: list[str]) -> list[tuple[str, str]]:
    pins = []
    for value in values:
        left_id, sep, right_id = value.partition("=")
        if not sep or not left_id.strip() or not right_id.strip():
            raise ReportError("--pin", f"expected LEFT_ID=RIGHT_ID, got {value!r}")
        pins.append((left_id.strip(), right_id.strip()))
    return pins


def section_label(section: Section) -> str:
    """What names a section in a pair: its heading, or （前言）/（全文） when it has none."""
    return section.heading or section.title


def side_json(doc: Document) -> dict[str, Any]:
    """One report as the JSON commands name it: path, title and year (as the report names itself)."""
    return {"path": doc.path, "title": doc.title, "year": doc.year}


def alignment_json(alignment: Alignment) -> dict[str, Any]:
    left, right = alignment.left, alignment.right
    return {
        "left": side_json(left),
        "right": side_json(right),
        "similarity": alignment.similarity,
        "pairs": [
            {
                "left_id": p.left_id,
                "right_id": p.right_id,
                "left_heading": section_label(left.section(p.left_id)),
                "right_heading": section_label(right.section(p.right_id)),
                "score": p.score,
                "relation": p.relation,
                "scores": {
                    "heading": p.heading_score,
                    "content": p.content_score,
                    "function": p.function_score,
                    "structure": p.structure_score,
                },
                "pinned": p.pinned,
            }
            for p in alignment.pairs
        ],
        "left_only": alignment.left_only,
        "right_only": alignment.right_only,
    }


def _rows(alignment: Alignment) -> list[tuple[Section | None, Section | None, SectionPair | None]]:
    """Pairs and one-sided sections in reading order of the left report; a right-only section
    goes after the row of the right section just before it."""
    left, right = alignment.left, alignment.right
    by_left: dict[str, list[SectionPair]] = {}
    for pair in alignment.pairs:
        by_left.setdefault(pair.left_id, []).append(pair)
    rows: list[tuple[Section | None, Section | None, SectionPair | None]] = []
    for section in left.walk():
        pairs = by_left.get(section.id)
        if not pairs:
            rows.append((section, None, None))
        for pair in pairs or ():
            rows.append((section, right.section(pair.right_id), pair))
    right_order = {s.id: k for k, s in enumerate(right.walk())}
    right_only = set(alignment.right_only)
    for section in right.walk():
        if section.id not in right_only:
            continue
        here = right_order[section.id]
        at, nearest = 0, -1
        for k, (_, r, _) in enumerate(rows):
            if r is not None and nearest <= right_order[r.id] < here:
                at, nearest = k + 1, right_order[r.id]
        rows.insert(at, (None, section, None))
    return rows


def _cell(section: Section | None) -> Text:
    from rich.text import Text  # deferred: `align --json` needs no rich (20 ms of start-up)

    if section is None:
        return Text("")
    indent = "  " * (section.level - 1)
    return Text(strip_controls(f"{indent}{section.title}")) + Text(f"  {section.id}", style="dim")


def print_alignment(alignment: Alignment) -> None:
    from rich.console import Console  # deferred: `align --json` needs no rich (20 ms of start-up)
    from rich.table import Table  # deferred, as above
    from rich.text import Text  # deferred, as above

    left, right = alignment.left, alignment.right
    console = Console(highlight=False)
    table = Table(
        title=Text(
            # two lines, each centred whole (one line was cut inside the parentheses)
            f"{strip_controls(left.stem)} ↔ {strip_controls(right.stem)}\n"
            f"similarity {alignment.similarity:.2f} (TF-IDF cosine of character bigrams)"
        ),
        show_lines=False,
        expand=True,
    )
    table.add_column(Text(strip_controls(left.title or left.stem)), ratio=1, overflow="fold")
    table.add_column("relation", no_wrap=True)
    table.add_column("score", justify="right", no_wrap=True)
    table.add_column(Text(strip_controls(right.title or right.stem)), ratio=1, overflow="fold")
    for left_section, right_section, pair in _rows(alignment):
        if pair is not None:
            relation = pair.relation + (" (pinned)" if pair.pinned else "")
            badge = Text(relation, style=RELATION_STYLES.get(pair.relation, ""))
            score = Text(f"{pair.score:.2f}")
        else:
            kind = "left_only" if left_section is not None else "right_only"
            badge = Text(kind, style=RELATION_STYLES[kind])
            score = Text("")
        table.add_row(_cell(left_section), badge, score, _cell(right_section))
    console.print(table)
    counts: dict[str, int] = {}
    for pair in alignment.pairs:
        counts[pair.relation] = counts.get(pair.relation, 0) + 1
    summary = ", ".join(f"{n} {k}" for k, n in sorted(counts.items()))
    console.print(
        Text(
            f"{counted(len(alignment.pairs), 'pair')} ({summary}); "
            f"{len(alignment.left_only)} only left, {len(alignment.right_only)} only right"
        )
    )


def run(args: argparse.Namespace) -> int:
    pins = parse_pins(args.pin)
    left, right = read_pair(args.left, args.right)
    note = order_note(left, right)
    if note:  # as `diff` says it
        print(strip_controls(f"note: {note}"), file=sys.stderr)
    alignment = align_sections(left, right, pins)
    if args.json:
        print_json(alignment_json(alignment))
        return 0
    print_alignment(alignment)
    return 0
