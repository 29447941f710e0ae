"""How the later report's text came about: carried over verbatim, with new figures, reworded,
or new — as shares of its sentence characters."""

from __future__ import annotations

from typing import Iterable

from compare.comparison.results import ChangeKind, SentenceChange, Shares
from compare.parsing.document import Document


def _weight(text: str) -> int:
    """Characters that carry content (spaces do not)."""
    return sum(not ch.isspace() for ch in text)


def right_shares(right: Document, changes: Iterable[SentenceChange]) -> Shares:
    """Shares of the right report's sentence characters by how they relate to the left.

    A moved sentence counts by what its text did (verbatim, new figures, reworded); a
    rewritten sentence, or one split off a sentence of the left, counts as reworded: it was
    carried over, though heavily edited. A merged change names a right sentence counted by
    its own pair, so it does not count again. Table rows are left out (the tables are
    compared cell by cell): a report of nothing but tables has shares of 0.
    """
    totals = {"verbatim": 0, "numbers_only": 0, "reworded": 0, "new": 0}
    for change in changes:
        if change.right is None or change.kind == ChangeKind.MERGED or change.table:
            continue
        kind = change.kind
        if kind == ChangeKind.MOVED:
            kind = ChangeKind.UNCHANGED if change.similarity >= 1.0 else ChangeKind.NUMBERS_ONLY if change.only_figures else ChangeKind.REWORDED
        bucket = {
            ChangeKind.UNCHANGED: "verbatim",
            ChangeKind.NUMBERS_ONLY: "numbers_only",
            ChangeKind.REWORDED: "reworded",
            ChangeKind.REWRITTEN: "reworded",
            ChangeKind.SPLIT: "reworded",
            ChangeKind.ADDED: "new",
        }[kind]
        totals[bucket] += _weight(change.right.text)
    whole = sum(totals.values()) or sum(_weight(s.text) for s in right.sentences()) or 1
    return Shares(**{k: v / whole for k, v in totals.items()})
