"""What the pair view shows: one row per aligned sentence pair, and the changes to walk.

Pure Python (no Textual), so the rules a reviewer relies on — which rows `i` hides, which
changes `n` visits, what "change 3/17" counts — are stated once and tested without a
terminal. The rows only present what `compare_documents` and the boilerplate model said.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from typing import TYPE_CHECKING, Callable, Final, Literal

from compare.comparison.results import ChangeKind, Comparison, Relation, SectionDiff, SentenceChange
from compare.parsing.document import Document, Sentence
from compare.presentation.view import shown_when_hiding

if TYPE_CHECKING:  # the boilerplate model (and jieba behind it) is the labelling worker's
    from compare.boilerplate.model import History

HEADING: Final = "heading"
RowKind = ChangeKind | Literal["heading"]  # a heading pair, or a sentence change's kind

# Relation badges, as the section list shows them.
RELATION_LABELS = {Relation.LEFT_ONLY: "only-left", Relation.RIGHT_ONLY: "only-right"}


def relation_label(relation: str) -> str:
    return RELATION_LABELS.get(relation, relation)


@dataclass(frozen=True, slots=True)
class Row:
    """One line of the side-by-side view: a heading pair or an aligned sentence pair."""

    kind: RowKind
    change: SentenceChange | None = None
    left_boilerplate: bool = False
    right_boilerplate: bool = False
    right_since: History | None = None  # the later sentence against last year's report

    @property
    def left(self) -> Sentence | None:
        return self.change.left if self.change else None

    @property
    def right(self) -> Sentence | None:
        return self.change.right if self.change else None

    def sentence(self, side: str) -> Sentence | None:
        return self.left if side == "left" else self.right

    def boilerplate(self, side: str) -> bool:
        return self.left_boilerplate if side == "left" else self.right_boilerplate

    @property
    def all_boilerplate(self) -> bool:
        """Every sentence the row has is boilerplate."""
        sides = [s for s in ("left", "right") if self.sentence(s) is not None]
        return bool(sides) and all(self.boilerplate(s) for s in sides)

    def shown(self, hide_boilerplate: bool) -> bool:
        """Whether the row stays when the reviewer hides boilerplate and unchanged text."""
        if self.kind == HEADING or not hide_boilerplate:
            return True
        return self.change is not None and shown_when_hiding(self.change, self.left_boilerplate, self.right_boilerplate)

    def is_change(self, hide_boilerplate: bool) -> bool:
        """A change `n` stops at: substantive, no table row (`T` compares tables cell by
        cell; `diff` counts them there too), and visible under the current filter."""
        return (
            self.change is not None
            and self.change.substantive
            and not self.change.table
            and (not hide_boilerplate or not self.all_boilerplate)
        )


IsBoilerplate = Callable[[str, Sentence], bool]
SinceLastYear = Callable[[Sentence], "History | None"]  # a later sentence against last year


def section_rows(diff: SectionDiff, is_boilerplate: IsBoilerplate | None = None,
                 since: SinceLastYear | None = None) -> list[Row]:
    """The rows of one section pair: its heading row, then one row per sentence change."""
    rows = [Row(HEADING)]
    for change in diff.changes:
        lb = bool(is_boilerplate and change.left and is_boilerplate("left", change.left))
        rb = bool(is_boilerplate and change.right and is_boilerplate("right", change.right))
        history = since(change.right) if since is not None and change.right is not None else None
        rows.append(Row(change.kind, change, lb, rb, history))
    return rows


@dataclass(frozen=True, slots=True)
class Position:
    section: int  # index into Comparison.sections
    row: int  # index into that section's rows (all rows, hidden ones included)


class ReviewRows:
    """Rows of every section pair, the changes in reading order, and where each sentence is."""

    def __init__(self, comparison: Comparison, is_boilerplate: IsBoilerplate | None = None,
                 since: SinceLastYear | None = None):
        self.comparison = comparison
        self.sections: list[list[Row]] = [
            section_rows(diff, is_boilerplate, since) for diff in comparison.sections
        ]
        # sentence start offset → position, per side (for search hits and annotations)
        self._where: dict[str, dict[int, Position]] = {"left": {}, "right": {}}
        for si, rows in enumerate(self.sections):
            for ri, row in enumerate(rows):
                for side in ("left", "right"):
                    sentence = row.sentence(side)
                    if sentence is not None:
                        self._where[side].setdefault(sentence.start, Position(si, ri))
        self._starts = {side: sorted(self._where[side]) for side in self._where}
        self._changes: dict[bool, list[Position]] = {}
        self._counts: dict[bool, list[int]] = {}

    @property
    def diffs(self) -> list[SectionDiff]:
        return self.comparison.sections

    def changes(self, hide_boilerplate: bool) -> list[Position]:
        """Every change `n` visits, in reading order (computed once per filter)."""
        found = self._changes.get(hide_boilerplate)
        if found is None:
            found = self._changes[hide_boilerplate] = [
                Position(si, ri)
                for si, rows in enumerate(self.sections)
                for ri, row in enumerate(rows)
                if row.is_change(hide_boilerplate)
            ]
        return found

    def change_number(self, position: Position, hide_boilerplate: bool) -> int | None:
        """1-based number of the change at `position` ("change 3/17"), None if it is none."""

        changes = self.changes(hide_boilerplate)
        key = (position.section, position.row)
        i = bisect_left(changes, key, key=lambda p: (p.section, p.row))
        return i + 1 if i < len(changes) and changes[i] == position else None

    def change_count(self, section: int, hide_boilerplate: bool) -> int:
        counts = self._counts.get(hide_boilerplate)
        if counts is None:
            counts = self._counts[hide_boilerplate] = [0] * len(self.sections)
            for position in self.changes(hide_boilerplate):
                counts[position.section] += 1
        return counts[section]

    def visible(self, section: int, hide_boilerplate: bool) -> list[int]:
        """Indices of the rows of `section` shown under the current filter."""
        return [i for i, row in enumerate(self.sections[section]) if row.shown(hide_boilerplate)]

    def locate(self, side: str, offset: int) -> Position | None:
        """The row holding the sentence at `offset` of `side`'s text (None outside sentences)."""
        starts = self._starts[side]
        i = bisect_right(starts, offset) - 1
        if i < 0:
            return None
        position = self._where[side][starts[i]]
        sentence = self.sections[position.section][position.row].sentence(side)
        if sentence is None or not sentence.start <= offset < max(sentence.end, sentence.start + 1):
            return None
        return position

    def section_of(self, side: str, section_id: str) -> int | None:
        """Index of the first section pair showing `section_id` on `side`."""
        for i, diff in enumerate(self.diffs):
            if (diff.left_id if side == "left" else diff.right_id) == section_id:
                return i
        return None


def heading_of(doc: Document, section_id: str | None) -> str:
    if section_id is None:
        return ""
    try:
        return doc.section(section_id).title
    except KeyError:
        return section_id
