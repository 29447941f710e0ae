"""How the later report's text came about: carried over verbatim, with new figures, reworded,
or new — as shares of its sentence characters."""

from __future__ import annotations

from typing import Iterable

from compare.comparison.results import (
    ADDED,
    MOVED_SENTENCE,
    NUMBERS_ONLY,
    REWORDED,
    REWRITTEN,
    UNCHANGED,
    SentenceChange,
    Shares,
)
from compare.parsing.document import Document


def _weight(text: str) -> int:
    """Characters that carry content (spaces do not)."""
    return sum(not ch.isspace() for ch in text)


def right_shares(right: Document, changes: Iterable[SentenceChange]) -> Shares:
    """Shares of the right report's sentence characters by how they relate to the left.

    A moved sentence counts by what its text did (verbatim, new figures, reworded); a
    rewritten sentence counts as reworded: it was carried over, though heavily edited.
    """
    totals = {"verbatim": 0, "numbers_only": 0, "reworded": 0, "new": 0}
    for change in changes:
        if change.right is None:
            continue
        kind = change.kind
        if kind == MOVED_SENTENCE:
            kind = UNCHANGED if change.similarity >= 1.0 else NUMBERS_ONLY if change.figures else REWORDED
        bucket = {
            UNCHANGED: "verbatim",
            NUMBERS_ONLY: "numbers_only",
            REWORDED: "reworded",
            REWRITTEN: "reworded",
            ADDED: "new",
        }[kind]
        totals[bucket] += _weight(change.right.text)
    whole = sum(totals.values()) or sum(_weight(s.text) for s in right.sentences()) or 1
    return Shares(**{k: v / whole for k, v in totals.items()})
