"""The view model of a comparison: what each presenter shows, decided once.

The review app, the HTML page and the terminal `diff` all draw from here, so they agree on
which words of a change are highlighted and on the marks and their meanings:

- `side_runs` / `side_pieces` / `inline_pieces`: a sentence change as runs of text with a
  role (`PieceRole`): `equal`, `deleted` / `inserted` (words inside a changed sentence),
  `removed` / `added` (a whole sentence), `figure_old` / `figure_new` (a changed figure),
  `arrow` (between an old and a new figure).
- `KIND_MARK`, `SINCE_MARK`, `PINNED_MARK`, `ROLE_MEANINGS`: each mark as the page and `diff`
  draw it, as the app's ASCII gutter draws it, and what the legends say it means.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal

from compare.comparison.results import (
    CellChange,
    CellKind,
    ChangeKind,
    Comparison,
    FigureChange,
    SectionDiff,
    SentenceChange,
    TableDiff,
)
from compare.comparison.tables import is_figure, row_labels
from compare.parsing.document import Document, Sentence, Table
from compare.parsing.normalise import simplify

if TYPE_CHECKING:  # the model (and jieba behind it) is loaded only by those who label
    from compare.boilerplate.model import History, SentenceLabel

PieceRole = Literal["equal", "deleted", "inserted", "removed", "added", "figure_old", "figure_new", "arrow"]
Piece = tuple[str, PieceRole]  # (text, role)
Run = tuple[int, int, PieceRole]  # (start, end, role): offsets into `Document.text`


@dataclass(frozen=True, slots=True)
class Mark:
    """One mark of the view model, as each presenter draws it."""

    symbol: str  # the HTML page's and the terminal `diff`'s mark (one character, any Unicode)
    gutter: str  # the review app's gutter: one ASCII character (one cell in any terminal font)
    meaning: str  # what the legends say it means


# The sentence change kinds (`ChangeKind`, in the order presenters list them).
KIND_MARK: dict[ChangeKind, Mark] = {
    ChangeKind.NUMBERS_ONLY: Mark("#", "#", "numbers only"),
    ChangeKind.REWORDED: Mark("~", "~", "reworded"),
    ChangeKind.REWRITTEN: Mark("≈", "!", "rewritten"),
    ChangeKind.MOVED: Mark("↷", ">", "moved"),
    ChangeKind.MERGED: Mark("⤙", "<", "merged into another"),
    ChangeKind.SPLIT: Mark("⤚", "^", "split from another"),
    ChangeKind.ADDED: Mark("+", "+", "sentence added"),
    ChangeKind.REMOVED: Mark("−", "-", "sentence removed"),
    ChangeKind.UNCHANGED: Mark(" ", " ", "unchanged"),
}
KIND_MARKS = {kind: mark.symbol for kind, mark in KIND_MARK.items()}
KIND_GUTTER = {kind: mark.gutter for kind, mark in KIND_MARK.items()}
KIND_LABELS = {kind: kind.replace("_", " ") for kind in ChangeKind}

# The later report's sentence against last year's report (`SentenceLabel.since_last_year`):
# carried over verbatim, new, or changed (the marks `classify --against` prints).
SINCE_MARK: dict[History, Mark] = {
    "carried-over": Mark("=", "=", "carried over"),
    "new": Mark("+", "+", "new"),
    "changed": Mark("~", "~", "changed"),
}
# The ones the page and the app mark beside a sentence (a changed sentence shows its change).
SINCE_SHOWN: tuple[History, ...] = ("carried-over", "new")
# A sentence pair paired by a reviewer (a sentence pin), not by the aligner.
PINNED_MARK = Mark("@", "@", "paired by hand")
# Where a table stands among the sentences (`diff`, the HTML page): its rows are drawn once,
# as the table, cell by cell.
TABLE_MARK = Mark("▦", "|", "a table, compared cell by cell")

# What each highlighted run means, for the legends.
ROLE_MEANINGS: dict[PieceRole, str] = {
    "deleted": "removed words",
    "inserted": "added words",
    "figure_old": "old figure",
    "figure_new": "new figure",
    "removed": "sentence removed",
    "added": "sentence added",
}


def _cut(sentence: Sentence, start: int, end: int) -> str:
    return sentence.text[start - sentence.start : end - sentence.start]


def _fill(sentence: Sentence, runs: list[Run]) -> list[Piece]:
    """The whole sentence as pieces: the given runs with their roles, the rest equal."""
    out: list[Piece] = []
    pos = sentence.start
    for start, end, role in sorted(runs):
        start, end = max(start, pos), min(end, sentence.end)
        if start > pos:
            out.append((_cut(sentence, pos, start), "equal"))
        if end > start:
            out.append((_cut(sentence, start, end), role))
            pos = end
    if pos < sentence.end:
        out.append((_cut(sentence, pos, sentence.end), "equal"))
    return _merge(out)


def _merge(pieces: list[Piece]) -> list[Piece]:
    out: list[Piece] = []
    for text, role in pieces:
        if not text:
            continue
        if out and out[-1][1] == role:
            out[-1] = (out[-1][0] + text, role)
        else:
            out.append((text, role))
    return out


def side_runs(change: SentenceChange, side: str, compute: bool = True) -> list[Run]:
    """The highlighted runs of one side ("left" or "right") of a change, in `Document.text`
    offsets, sorted: the whole sentence when added or removed; when only figures changed, the
    figures only (they are what changed); else the words deleted (left) or inserted (right).
    The partner of a merged or split sentence is not highlighted (its own pair shows it).

    `compute=False` leaves the word runs out while the change's word spans are not computed
    yet (`SentenceChange.spans_ready`), for a presenter that must not block."""
    sentence = change.left if side == "left" else change.right
    if sentence is None:
        return []
    if change.kind == ChangeKind.ADDED:
        return [(sentence.start, sentence.end, "added")]
    if change.kind == ChangeKind.REMOVED:
        return [(sentence.start, sentence.end, "removed")]
    if change.kind in (ChangeKind.MERGED, ChangeKind.SPLIT):
        own = "left" if change.kind == ChangeKind.MERGED else "right"
        if side != own:
            return []
    runs: list[Run] = []
    if change.figures and (change.only_figures or change.kind in (ChangeKind.MERGED, ChangeKind.SPLIT)):
        # numbers only (in place or moved), or the part folded in or split off: the figures
        # are what changed (a reworded sentence shows its words; its figures are listed)
        for f in change.figures:
            if side == "left":
                runs.append((f.left_start, f.left_end, "figure_old"))
            else:
                runs.append((f.right_start, f.right_end, "figure_new"))
        return sorted(runs)
    if not compute and not change.spans_ready:
        return []
    for span in change.spans:
        if span.op in ("delete", "replace") and side == "left":
            runs.append((span.left_start, span.left_end, "deleted"))
        elif span.op in ("insert", "replace") and side == "right":
            runs.append((span.right_start, span.right_end, "inserted"))
    return sorted(runs)


def side_pieces(change: SentenceChange, side: str) -> list[Piece]:
    """One side ("left" or "right") of a change, for side-by-side display: the sentence cut
    at `side_runs`, the rest `equal`; [] when the side has no sentence."""
    sentence = change.left if side == "left" else change.right
    if sentence is None:
        return []
    return _fill(sentence, side_runs(change, side))


def inline_pieces(change: SentenceChange) -> list[Piece]:
    """A change as one line: the new sentence with what went out and what came in marked,
    and each changed figure as old → new."""
    if change.right is None:
        return side_pieces(change, "left")
    if change.left is None:
        return side_pieces(change, "right")
    if change.kind in (ChangeKind.MERGED, ChangeKind.SPLIT):
        return part_pieces(change)
    right = change.right
    if change.only_figures:
        return _with_figures(right, change, "right")
    if not change.spans:
        return [(right.text, "equal")]
    left = change.left
    out: list[Piece] = []
    pos = right.start
    for span in change.spans:
        if span.right_start > pos:  # text the spans do not cover (never expected) stays
            out.append((_cut(right, pos, span.right_start), "equal"))
        if span.op == "equal":
            out.append((_cut(right, span.right_start, span.right_end), "equal"))
        else:
            out.append((_cut(left, span.left_start, span.left_end), "deleted"))
            out.append((_cut(right, span.right_start, span.right_end), "inserted"))
        pos = max(pos, span.right_end)
    if pos < right.end:
        out.append((_cut(right, pos, right.end), "equal"))
    return _merge(out)


def part_pieces(change: SentenceChange) -> list[Piece]:
    """A merged or split change as one line: the sentence folded in (merged: the left one)
    or split off (split: the right one), each quantity as old → new."""
    side = "left" if change.kind == ChangeKind.MERGED else "right"
    own = change.left if side == "left" else change.right
    assert own is not None
    return _with_figures(own, change, side)


def _with_figures(sentence: Sentence, change: SentenceChange, side: str) -> list[Piece]:
    """`sentence` (the change's `side`) with each of the change's figures as old → new."""
    out: list[Piece] = []
    pos = sentence.start
    spans = [(f.left_start, f.left_end, f) if side == "left" else (f.right_start, f.right_end, f) for f in change.figures]
    for start, end, f in sorted(spans, key=lambda x: x[0]):
        out.append((_cut(sentence, pos, start), "equal"))
        out += [(f.old, "figure_old"), (" → ", "arrow"), (f.new, "figure_new")]
        if f.converted:
            out.append((converted_note(f), "equal"))
        pos = end
    out.append((_cut(sentence, pos, sentence.end), "equal"))
    return _merge(out)


def converted_note(figure: FigureChange) -> str:
    """What a view writes after a new figure in another unit of the old one's kind: the new
    figure in the old unit (" (= 4.43亿亩)" after 2953万公顷 against 9200多万亩), else ""."""
    return f" (= {figure.converted})" if figure.converted else ""


def listed_figures(change: SentenceChange, in_place: bool = False) -> list[FigureChange]:
    """The figure changes a view lists beside a sentence pair, old → new: every one of a pair
    of sentences (none for a table row: its cells pair by position, and the table views
    compare them by row and column). With `in_place` (a view that marks the figures inside
    the sentence when they are all that changed, or when the sentence is the part of a merge
    or split: `diff` and the page), only those of a pair whose words changed too."""
    if change.table or not change.figures:
        return []
    if in_place and (change.only_figures or change.kind in (ChangeKind.MERGED, ChangeKind.SPLIT)):
        return []
    return list(change.figures)


def part_partner(change: SentenceChange, width: int = 24) -> str:
    """What a merged or split sentence went into or came from, as a reader finds it:
    "merged into 「…」" or "split from 「…」" with the partner's first characters."""
    partner = change.right if change.kind == ChangeKind.MERGED else change.left
    if partner is None:
        return ""
    text = partner.text if len(partner.text) <= width else partner.text[:width] + "…"
    return f"{'merged into' if change.kind == ChangeKind.MERGED else 'split from'} 「{text}」"


def moved_origin(comparison: Comparison, diff: SectionDiff, change: SentenceChange) -> str:
    """Where a moved sentence came from, as a reader of the earlier report would find it."""
    if change.left is None:
        return ""
    if change.left.section_id == diff.left_id:
        return "moved within this section"
    return "moved from " + comparison.alignment.left.section(change.left.section_id).title


def section_titles(comparison: Comparison, diff: SectionDiff) -> tuple[str, str]:
    """The titles of a diff's sections as a reader sees them: (left, right), "" for a
    missing side, and right "" too when it reads the same as left (up to script and width)."""

    left = comparison.alignment.left.section(diff.left_id).title if diff.left_id is not None else ""
    right = comparison.alignment.right.section(diff.right_id).title if diff.right_id is not None else ""
    if left and right and simplify(left) == simplify(right):
        right = ""
    return left, right


# -- tables -------------------------------------------------------------------------------------

CellRole = Literal["equal", "changed", "added", "removed"]


@dataclass(frozen=True, slots=True)
class CellView:
    text: str  # the cell as the later report has it (the earlier when the table was removed)
    old: str = ""  # the earlier value when it changed
    role: CellRole = "equal"  # changed: shown figure_old → figure_new


@dataclass(frozen=True, slots=True)
class TableView:
    """One table pair ready to draw as a grid: title, and rows of cells with their roles."""

    title: str  # "表 t2 · 三、收到和处理政府信息公开申请情况"
    summary: str  # "2 figures changed", "new table", "table removed", "no changes"
    rows: list[list[CellView]] = field(default_factory=list)
    label: str = ""  # "表 t2": the title without its section


@dataclass(frozen=True, slots=True)
class TablePlace:
    """Where a table stands among a section's sentence changes: its rows are drawn once, as
    the table (`views[index]` of `table_views`), not again as sentence changes."""

    index: int  # into table_views(comparison); -1 when the table has no view
    view: TableView | None
    rows: int  # how many sentence changes (rows) it stands for


def listed_changes(comparison: Comparison, diff: SectionDiff,
                   views: list[TableView]) -> list[SentenceChange | TablePlace]:
    """A section's sentence changes in reading order, each run of one table's rows replaced
    by one `TablePlace` (`views`: `table_views(comparison)`)."""
    where: dict[tuple[bool, str], int] = {}
    for n, tdiff in enumerate(comparison.tables):
        if tdiff.right is not None:
            where[(True, tdiff.right.id)] = n
        if tdiff.left is not None:
            where[(False, tdiff.left.id)] = n
    out: list[SentenceChange | TablePlace] = []
    for change in diff.changes:
        if not change.table:
            out.append(change)
            continue
        n = where.get((change.right is not None, change.table), -1)
        last = out[-1] if out else None
        if isinstance(last, TablePlace) and last.index == n:
            out[-1] = TablePlace(n, last.view, last.rows + 1)
        else:
            out.append(TablePlace(n, views[n] if 0 <= n < len(views) else None, 1))
    return out


def _table_summary(diff: TableDiff) -> str:
    """What changed in a table pair, in words: figures changed old → new, columns new or
    dropped (a figure with nothing on the other side), other changes (rows, labels)."""

    def plural(n: int, one: str, many: str) -> str:
        return f"{n} {one if n == 1 else many}"

    def heads(table: Table | None) -> set[str]:  # the headers a table's top rows hold
        return {cell for row in (table.rows[:3] if table else []) for cell in row if cell}

    figures = diff.figure_changes
    before, after = heads(diff.left), heads(diff.right)
    changed = sum(1 for c in figures if c.old and c.new)
    # a figure with nothing on the other side is a new or dropped column only when the other
    # table has no column of that header; in a column both have, it is one cell left blank (a
    # figure not given that year) or filled in
    new_columns = list(dict.fromkeys(c.column for c in figures if c.new and not c.old and c.column not in before))
    dropped_columns = list(dict.fromkeys(c.column for c in figures if c.old and not c.new and c.column not in after))
    blanked = sum(1 for c in figures if c.old and not c.new and c.column and c.column in after)
    filled = sum(1 for c in figures if c.new and not c.old and c.column and c.column in before)
    parts = [plural(changed, "figure changed", "figures changed")] if changed else []
    if new_columns:
        parts.append("new column " + ", ".join(h or "?" for h in new_columns))
    if dropped_columns:
        parts.append("column " + ", ".join(h or "?" for h in dropped_columns) + " dropped")
    if blanked:
        parts.append(plural(blanked, "figure left blank", "figures left blank"))
    if filled:
        parts.append(plural(filled, "figure filled in", "figures filled in"))
    other = len(diff.changes) - len(figures)
    if other:
        parts.append(plural(other, "other change", "other changes"))
    return ", ".join(parts)


def table_views(comparison: Comparison) -> list[TableView]:
    """Every table of the comparison as a grid; spanned cells repeated once per row shown once."""
    out = []
    for diff in comparison.tables:
        table = diff.right or diff.left
        assert table is not None
        doc = comparison.alignment.right if diff.right is not None else comparison.alignment.left
        section = doc.section(table.section_id).title if table.section_id else "（前言）"
        changed: dict[tuple[str, int], CellChange] = {}
        for change in diff.changes:
            if change.kind in (CellKind.FIGURE, CellKind.TEXT):
                changed[(change.row, change.index)] = change
        added_rows = {c.row for c in diff.changes if c.kind == CellKind.ADDED}
        # a column the later table no longer has (2022年 when 2023年 | 2024年 follow
        # 2022年 | 2023年): drawn struck out after the later table's columns
        dropped: dict[str, dict[str, str]] = {}  # header → row label → old figure
        for change in diff.changes:
            if change.kind == CellKind.FIGURE and change.index == -1:
                dropped.setdefault(change.column, {})[change.row] = change.old
        in_headers = True
        rows: list[list[CellView]] = []
        for row in table.rows:
            label = " / ".join(row_labels(row))
            in_headers = in_headers and not any(is_figure(cell) for cell in row)
            cells: list[CellView] = []
            for c, cell in enumerate(row):
                shown = "" if c and row[c - 1] == cell and not is_figure(cell) else cell
                if diff.left is None:
                    cells.append(CellView(shown, role="added"))
                elif diff.right is None:
                    cells.append(CellView(shown, role="removed"))
                elif (label, c) in changed:
                    old = changed[(label, c)].old
                    # a figure where last year's table had none (a new column): new, not "→ 63"
                    cells.append(CellView(cell, old, "changed") if old else CellView(cell, role="added"))
                elif label in added_rows:
                    cells.append(CellView(shown, role="added"))
                else:
                    cells.append(CellView(shown))
            for header, olds in dropped.items():
                cells.append(CellView(header if in_headers else olds.get(label, ""), role="removed"))
            rows.append(cells)
        if diff.left is None:
            summary = "new table"
        elif diff.right is None:
            summary = "table removed"
        elif diff.changes:
            summary = _table_summary(diff)
        else:
            summary = "no changes"
        out.append(TableView(f"表 {table.id} · {section}", summary, rows, label=f"表 {table.id}"))
    return out
def shown_when_hiding(change: SentenceChange, left_boilerplate: bool, right_boilerplate: bool) -> bool:
    """Whether a sentence change stays when the reader hides boilerplate and unchanged text
    (the review app's `i`, `diff --only substantive`, the HTML page's toggle): it must be a
    substantive change with at least one side that is not boilerplate."""
    sides = [bp for s, bp in ((change.left, left_boilerplate), (change.right, right_boilerplate)) if s is not None]
    return change.substantive and not (sides and all(sides))


def boilerplate_reason(label: "SentenceLabel") -> str:
    """One line for a tooltip: the label, its score, last year, and the strongest evidence."""
    lines = label.explain()
    return " · ".join(lines[:4])
