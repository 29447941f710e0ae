"""What comparing two reports produces: section pairs, sentence changes, document figures.

These types are the contract between the core (`align`, `diff`) and its presenters (the
review app, the CLI, the HTML page, batch reports). Offsets are into each side's
`Document.text`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Callable, Literal

from compare.parsing.document import Document, Sentence, Table

Side = Literal["left", "right"]  # the earlier report is on the left
SIDES: tuple[Side, Side] = ("left", "right")


class Relation(StrEnum):
    """How a left section relates to its right counterpart (values as in `align --json`)."""

    SAME = "same"
    RENAMED = "renamed"
    MOVED = "moved"
    SPLIT = "split"  # one left section, several right ones
    MERGED = "merged"  # several left sections, one right one
    LEFT_ONLY = "left_only"  # a section diff of a section only the left report has
    RIGHT_ONLY = "right_only"


class ChangeKind(StrEnum):
    """What happened to one sentence between the two reports, in the order presenters list them."""

    NUMBERS_ONLY = "numbers_only"  # only figures changed
    REWORDED = "reworded"
    REWRITTEN = "rewritten"
    MOVED = "moved"  # the same sentence, now in another section
    # A left sentence folded into a right sentence that has its own pair (the change names
    # both: left is the sentence folded in, right the one it went into); a right sentence split
    # off a left sentence that has its own pair (left is the sentence it came from).
    MERGED = "merged"
    SPLIT = "split"
    ADDED = "added"
    REMOVED = "removed"
    UNCHANGED = "unchanged"


SUBSTANTIVE_KINDS = frozenset(set(ChangeKind) - {ChangeKind.UNCHANGED})


@dataclass(slots=True)
class SectionPair:
    """One left section matched with one right section.

    A split is several pairs sharing a left id (relation "split"); a merge, several sharing a
    right id (relation "merged").
    """

    left_id: str
    right_id: str
    score: float  # combined, 0..1
    relation: Relation
    heading_score: float = 0.0  # headings alike, 0..1
    content_score: float = 0.0  # TF-IDF cosine of the sections' text, 0..1
    function_score: float = 0.0  # template function / area of work: > 0 agree, < 0 differ, 0 unknown
    structure_score: float = 0.0  # how well the children pair inside the other section, 0..1
    pinned: bool = False  # set by a reviewer, not by the aligner


@dataclass(slots=True)
class Alignment:
    left: Document
    right: Document
    pairs: list[SectionPair]
    left_only: list[str]
    right_only: list[str]
    similarity: float  # whole-document similarity, 0..1


SpanOp = Literal["equal", "insert", "delete", "replace"]  # difflib's opcodes


@dataclass(frozen=True, slots=True)
class Span:
    """One piece of an intra-sentence diff, in document offsets of each side."""

    op: SpanOp
    left_start: int
    left_end: int
    right_start: int
    right_end: int


@dataclass(frozen=True, slots=True)
class FigureChange:
    """One figure old → new, as written on each side (`old`, `new`), with document offsets
    of each side; `converted`: the new figure in the old one's unit when the two are written
    in different units of one kind (9200多万亩 → 2953万公顷: "4.43亿亩",
    `compare.text.figures.in_unit_of`), else ""."""

    old: str
    new: str
    left_start: int
    left_end: int
    right_start: int
    right_end: int
    converted: str = ""


@dataclass(slots=True)
class SentenceChange:
    """How one sentence became another. `figures`: for numbers_only (and moved with only its
    figures changed, `only_figures`), every figure that differs; for a reworded or rewritten
    sentence, and for merged and split, each quantity stated on both sides
    (`compare.text.quantities`: the same indicator and unit) whose value differs, old → new.
    `similarity` (0–1): fuzz.ratio of the two keys; for merged and split, the share of the
    shorter sentence found in the longer one."""

    kind: ChangeKind
    left: Sentence | None
    right: Sentence | None
    similarity: float = 0.0
    figures: list[FigureChange] = field(default_factory=list)
    pinned: bool = False  # paired by a reviewer (a sentence pin), not by the aligner
    only_figures: bool = False  # nothing but the figures differ (numbers_only, or moved so)
    # the id of the table ("t2") whose row this is — the later report's table when the change
    # has a later side, else the earlier's; "" for prose (and a row paired with prose). A table is compared cell by cell
    # in `Comparison.tables`, so its rows are not counted again as sentence changes.
    table: str = ""
    # word spans are computed on first use (jieba's dictionary takes a second to load, and a
    # reviewer sees one section at a time): `word_spans` is the computation, `_spans` its result
    word_spans: Callable[[], list[Span]] | None = field(default=None, repr=False, compare=False)
    _spans: list[Span] | None = field(default=None, repr=False, compare=False)

    @property
    def substantive(self) -> bool:
        return self.kind in SUBSTANTIVE_KINDS

    @property
    def spans(self) -> list[Span]:
        """What changed inside the sentence (equal / insert / delete / replace runs of words),
        computed on first use; [] for a change without two sides."""
        if self._spans is None:
            self._spans = self.word_spans() if self.word_spans is not None else []
            self.word_spans = None
        return self._spans

    @property
    def spans_ready(self) -> bool:
        """Are the word spans known without computing anything (a presenter that must not
        block, such as the review app's UI thread, draws the sentence plain until then)?"""
        return self._spans is not None or self.word_spans is None


@dataclass(slots=True)
class SectionDiff:
    """The sentence changes of one aligned section pair (or of a one-sided section)."""

    left_id: str | None
    right_id: str | None
    relation: Relation
    score: float
    changes: list[SentenceChange]

    @property
    def substantive_count(self) -> int:
        """Substantive sentence changes, table rows left out (their tables count them)."""
        return sum(c.substantive and not c.table for c in self.changes)


@dataclass(slots=True)
class Similarities:
    """Lazy Prices year-over-year similarities (Cohen, Malloy & Nguyen), each in [0, 1]."""

    cosine: float
    jaccard: float
    edit: float  # 1 - normalised minimum edit distance
    simple: float  # 1 - share of the words changed by a simple (line) diff


@dataclass(slots=True)
class Shares:
    """How the later (right) report's text came about, as shares of its characters."""

    verbatim: float
    numbers_only: float
    reworded: float
    new: float


class CellKind(StrEnum):
    FIGURE = "figure"  # a count or amount changed: old → new
    TEXT = "text"  # a label or note reworded
    ADDED = "added"  # a row only in the later table
    REMOVED = "removed"  # a row only in the earlier table


@dataclass(frozen=True, slots=True)
class CellChange:
    kind: CellKind
    row: str  # the row's labels, " / "-joined, as in the later table (the earlier when removed)
    column: str  # the column's header ("" when it has none)
    old: str
    new: str
    index: int = -1  # the column's position in the later table's rows (-1: a whole row)


@dataclass(slots=True)
class TableDiff:
    """One table pair (or a table on one side only) and what changed cell by cell."""

    left: Table | None
    right: Table | None
    changes: list[CellChange] = field(default_factory=list)

    @property
    def figure_changes(self) -> list[CellChange]:
        return [c for c in self.changes if c.kind == CellKind.FIGURE]


@dataclass(slots=True)
class Comparison:
    alignment: Alignment
    sections: list[SectionDiff]
    shares: Shares
    # how to compute the measures, given where the comparison is assembled; computed on first
    # use: the word measures segment both reports with jieba, which a reviewer walking changes
    # never needs
    similarities_of: Callable[[], Similarities] = field(repr=False, compare=False)
    tables: list[TableDiff] = field(default_factory=list)  # cell by cell, later report's order
    _similarities: Similarities | None = field(default=None, repr=False, compare=False)

    @property
    def similarities(self) -> Similarities:
        """Lazy Prices year-over-year similarities of the two whole reports."""
        if self._similarities is None:
            self._similarities = self.similarities_of()
        return self._similarities

    def kind_counts(self) -> dict[ChangeKind, int]:
        """How many sentence changes of each kind, over all sections; the rows of tables are
        left out (`tables` compares them cell by cell)."""
        counts: dict[ChangeKind, int] = {}
        for section in self.sections:
            for change in section.changes:
                if not change.table:
                    counts[change.kind] = counts.get(change.kind, 0) + 1
        return counts
