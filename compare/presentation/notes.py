"""Notes every presenter gives about a pair of reports, in the same words.

- `order_note`: the note when the later report is on the left.

Kept apart from the view model (`compare.presentation.view`) so that `align`, which shows no
sentence, prints the note without importing the view model and the table code behind it
(≈ 3–9 ms of start-up, session 26).
"""

from __future__ import annotations

from compare.parsing.document import Document


def order_note(left: Document, right: Document) -> str | None:
    """One line when the left report is the later one by the year each names itself by
    (`Document.year`, from its metadata), None when the order is right or a year is unknown.
    Every comparison reads left → right as last year → this year, so "new" and "carried over"
    would be judged backwards: `diff` (on stderr, and in `--json`'s `notes`), the HTML page's
    header and the review app all say so, in these words."""
    if left.year is None or right.year is None or left.year <= right.year:
        return None
    return (f"the left report ({left.year}) is later than the right ({right.year}); "
            "left → right is read as last year → this year")
