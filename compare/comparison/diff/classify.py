"""What kind of change turned one sentence into another.

- `unchanged`: same key (matching view without spaces, one kind of quotation mark, variant
  characters folded), so a change of script (Traditional ↔ Simplified) or of character
  width is no change;
- `numbers_only`: same key once every figure (`compare.text.figures.find_figures`: numbers with
  their units in Arabic, full-width or Chinese numerals — 百分之五点二, 一万二千人, 3.5万亿元,
  约1.2万 —, dates) is masked; each figure whose normalised value and unit differ is reported
  old → new;
- `reworded`: similarity >= REWORDED_MIN; `rewritten`: similarity >= REWRITTEN_MIN (below
  that the two are not paired at all: one is removed, the other added);
- `moved`: paired across sections or out of order, whatever its text did;
- `merged` / `split`: a sentence folded into a longer one of the other report that has its
  own partner, or split off one (`part_of`, the share of its text found in the longer one,
  figures masked, at least PART_MIN; or every quantity it states found there, in the same
  role, with PART_QUANTITY_MIN of its text; or, beside a paired sentence of its paragraph, every
  quantity it states found in that sentence's partner apart from the neighbour's:
  `sentences.figure_folds`): shown with the partner and each quantity old → new.

Similarity is rapidfuzz `fuzz.ratio` of the keys. The thresholds were measured on
`tests.support.synthetic` edits of corpus reports (benchmarks/align.py scores the labels): a
reworded sentence (one or two words swapped) keeps similarity >= 0.82, a rewritten one
(a clause replaced) lands in 0.5–0.7, and new text stays below 0.4 against every sentence;
REWORDED_MIN and REWRITTEN_MIN sit in the gaps. On consecutive 政府工作报告 (1990–2017),
pairs between 0.45 and 0.6 found across sections are as often a different sentence built of
the same stock phrases as the same one, hence the higher MOVED_MIN there (inside a section
pair, order supports a weak match).
"""

from __future__ import annotations

import re

from functools import partial

from compare.comparison.diff.sentences import same_text, sentence_key
from compare.comparison.diff.words import SentenceOffsets, word_spans
from compare.comparison.results import ChangeKind, FigureChange, SentenceChange
from compare.parsing.document import Document, Sentence
from compare.text.figures import FIGURE_MASK, Figure, find_figures, in_unit_of, qualified_span, year_moves_on
from compare.text.quantities import Role, matched_quantities

REWORDED_MIN = 0.75
REWRITTEN_MIN = 0.45
# Leftovers matched across sections must be closer than an in-place rewrite: far from its
# place, a loosely similar sentence is more likely a new one.
MOVED_MIN = 0.6
# A part folded into (or split off) a longer sentence: this share of its characters (figures
# masked) found in order in the longer one; or every quantity it states found there, with
# PART_QUANTITY_MIN of its characters. Measured on consecutive 政府工作报告 2008–2012: a
# folded clause keeps 0.8 and more; sentences that only share stock phrases stay under 0.6.
PART_MIN = 0.8
PART_QUANTITY_MIN = 0.5


def _masked(text: str, figures: list[Figure]) -> str:
    out = []
    pos = 0
    for fig in figures:
        out.append(text[pos : fig.start])
        out.append(FIGURE_MASK)
        pos = fig.end
    out.append(text[pos:])
    return sentence_key("".join(out))


def year_gap(left_doc: Document, right_doc: Document) -> int | None:
    """How many years apart the two reports are (each one's own year, `Document.year`), None
    when either is unknown or they are of one year."""
    if left_doc.year is None or right_doc.year is None or left_doc.year == right_doc.year:
        return None
    return right_doc.year - left_doc.year


# a year that ends a deadline (2024年底前, 2025年以前): moved on a year, the commitment is postponed


def same_relative_year(a: Figure, b: Figure, gap: int | None, own_year: int | None = None,
                       after_a: str = "", after_b: str = "") -> bool:
    """Whether `a` → `b` is a year moved on with the reports (2023年 → 2024年, 2022—2023年 →
    2023—2024年 in reports `gap` = 1 year apart): each report naming its own year, or one
    before it, is no figure a reviewer reads as changed. A year after the earlier report's
    `own_year` (a plan for 2025 becoming one for 2026) and a deadline (`after_a`/`after_b`, the
    text after each figure: 2024年底前 → 2025年底前) are postponements, and stay changes; the
    next year opening the sentence as its frame (2025年，力争… → 2026年，力争…) moves on
    (`year_moves_on`)."""
    if not gap or a.unit != "年" or b.unit != "年" or a.value is None or b.value is None:
        return False
    if not (1900 <= a.value <= 2100 and b.value - a.value == gap):
        return False
    if not (year_moves_on(a.value, own_year, after_a, a.start == 0) and year_moves_on(b.value, None, after_b)):
        return False
    if a.high is None and b.high is None:
        return a.is_date and b.is_date
    return a.high is not None and b.high is not None and b.high - a.high == gap


def _change(
    left_doc: Document, lo: SentenceOffsets, left_text: str, a1: int, a2: int,
    right_doc: Document, ro: SentenceOffsets, right_text: str, b1: int, b2: int,
) -> FigureChange:
    """A figure change old → new from each figure's span in its sentence's matching view,
    with the qualifier written around it (`qualified_span`: 6.5%左右), in document offsets.
    Each side is shown as the report writes it, less the spaces of a letter-spaced number
    (`4 9 2 5 0 万吨` shows as 49250万吨: the matching view joined it, `join_spaced_digits`);
    the unit conversion is read from the matching views."""
    a1, a2 = qualified_span(left_text, a1, a2)
    b1, b2 = qualified_span(right_text, b1, b2)
    l1, l2 = lo.start(a1), lo.end(a2)
    r1, r2 = ro.start(b1), ro.end(b2)
    old = _as_viewed(left_doc.text[l1:l2], left_text[a1:a2])
    new = _as_viewed(right_doc.text[r1:r2], right_text[b1:b2])
    return FigureChange(old, new, l1, l2, r1, r2, in_unit_of(left_text[a1:a2], right_text[b1:b2]))


def _as_viewed(written: str, view: str) -> str:
    """`written` without the spaces its matching view `view` dropped (a letter-spaced number)."""
    if " " in view or not any(c in written for c in " \u3000"):
        return written
    return written.replace(" ", "").replace("\u3000", "")


def figure_changes(
    left_doc: Document, left: Sentence, right_doc: Document, right: Sentence
) -> list[FigureChange] | None:
    """The figures that differ, when nothing else does; None when the wording differs too.
    [] when only years moved on with the reports (`same_relative_year`): the sentence is
    carried over."""
    lf = find_figures(left.simplified)
    rf = find_figures(right.simplified)
    if len(lf) != len(rf) or not lf:
        return None
    if not same_text(_masked(left.simplified, lf), _masked(right.simplified, rf)):
        return None
    gap = year_gap(left_doc, right_doc)
    lo = SentenceOffsets(left_doc, left)
    ro = SentenceOffsets(right_doc, right)
    changes = []
    moved_on = 0
    for a, b in zip(lf, rf):
        if same_relative_year(a, b, gap, left_doc.year, left.simplified[a.end:], right.simplified[b.end:]):
            moved_on += 1
            continue
        if sentence_key(a.text) == sentence_key(b.text) or a.normalised == b.normalised:
            continue  # the same figure, however written (一万二千人 and 12000人)
        changes.append(_change(left_doc, lo, left.simplified, a.start, a.end,
                               right_doc, ro, right.simplified, b.start, b.end))
    if not changes and moved_on:
        return []
    return changes or None


def classify_pair(
    left_doc: Document,
    left: Sentence,
    right_doc: Document,
    right: Sentence,
    similarity: float,
    moved: bool = False,
    roles: tuple[Role, Role] | None = None,
) -> SentenceChange:
    """The change from `left` to `right`, with figure changes and word spans filled in;
    `roles` (each sentence's role where it stands, `quantities.quantity_roles`' default)
    keeps a reworded pair's figure list to quantities of one role."""
    if same_text(sentence_key(left.simplified), sentence_key(right.simplified)):
        return SentenceChange(ChangeKind.MOVED if moved else ChangeKind.UNCHANGED, left, right, 1.0)
    figures = figure_changes(left_doc, left, right_doc, right)
    if figures == []:  # only the report's own year moved on (2023年 → 2024年): carried over
        return SentenceChange(ChangeKind.MOVED if moved else ChangeKind.UNCHANGED, left, right, 1.0)
    only_figures = figures is not None
    if only_figures:
        kind = ChangeKind.NUMBERS_ONLY
    else:
        kind = ChangeKind.REWORDED if similarity >= REWORDED_MIN else ChangeKind.REWRITTEN
        # the wording changed too: the figures of the same quantities, old → new
        figures = quantity_changes(left_doc, left, right_doc, right, roles)
    return SentenceChange(
        ChangeKind.MOVED if moved else kind,
        left,
        right,
        similarity,
        figures=figures or [],
        only_figures=only_figures,
        word_spans=partial(word_spans, left_doc, left, right_doc, right),
    )


_NUMBER_AND_UNIT = re.compile(r"([\d.]+)([万亿千百]*)(.*)")
_MAGNITUDE = re.compile(r"[%‰倍]")


def _unit_unsaid(old: str, new: str) -> bool:
    """The same number with a measure word on one side only (行政法规8部 → 8件: 部 is no unit
    the figures know, so it reads 8; 3200万人 → 3200万): nothing changed that a reader would
    call a figure. A magnitude said on one side (8 → 8万) or a percentage is a change."""
    a, b = _NUMBER_AND_UNIT.fullmatch(old.strip()), _NUMBER_AND_UNIT.fullmatch(new.strip())
    if not (a and b and a[1] == b[1] and a[2] == b[2]) or (a[3].strip() and b[3].strip()):
        return False
    return not _MAGNITUDE.search(a[3] + b[3])


def quantity_changes(
    left_doc: Document,
    left: Sentence,
    right_doc: Document,
    right: Sentence,
    roles: tuple[Role, Role] | None = None,
) -> list[FigureChange]:
    """Each quantity stated in both sentences (`compare.text.quantities`) whose figure
    differs, old → new, with document offsets of each side. With `roles` (each sentence's
    role where it stands), only figures of the same role are listed: a target for the year
    is never shown against a result (1000万人以上 → 1314万人); a result against the same
    quantity in a review of several years is (`matched_quantities(loose=True)`: 2011's 年均
    9.7% → 2012's 8.4%)."""
    lo = SentenceOffsets(left_doc, left)
    ro = SentenceOffsets(right_doc, right)
    changes = []
    for a, b in matched_quantities(left.simplified, right.simplified, roles, loose=True, listing=True):
        if sentence_key(a.text) == sentence_key(b.text) or _unit_unsaid(a.text, b.text):
            continue
        changes.append(_change(left_doc, lo, left.simplified, a.start, a.end,
                               right_doc, ro, right.simplified, b.start, b.end))
    return changes


def classify_part(
    left_doc: Document,
    left: Sentence,
    right_doc: Document,
    right: Sentence,
    kind: ChangeKind,
    share: float,
    roles: tuple[Role, Role] | None = None,
) -> SentenceChange:
    """A merged (`left` folded into `right`) or split (`right` split off `left`) change,
    with the share of the part found in the whole and the quantities old → new (of one
    role, with `roles` as in `quantity_changes`)."""
    assert kind in (ChangeKind.MERGED, ChangeKind.SPLIT)
    figures = quantity_changes(left_doc, left, right_doc, right, roles)
    return SentenceChange(kind, left, right, share, figures=figures)
