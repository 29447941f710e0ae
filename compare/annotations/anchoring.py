"""Anchoring an annotation to text, and finding that text again after the report changed.

An anchor holds three selectors after the W3C Web Annotation model (as Hypothesis uses it):
the quote with its context, the position, and the section. `place` tries them in order of
cost: the old position checked against the quote, then the quote searched exactly (context
and distance decide between several hits), then a fuzzy search that weights the quote over
its context over the position. An anchor that cannot be placed comes back `orphaned` with
its selectors untouched, so it can be placed again if the text returns.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Iterator

from rapidfuzz import fuzz

from compare.annotations.model import Anchor, Pin
from compare.parsing.document import Document, Section, Sentence

CONTEXT = 32  # characters of prefix and suffix kept around a quote

# A hit for a quote with unrelated context is a coincidence, not the annotated text:
# government reports repeat their set phrases everywhere. The shorter the quote, the more its
# context has to agree: (shorter than, context needed) — long quotes speak for themselves.
CONTEXT_NEEDED = ((20, 0.5), (60, 0.25))

# Fuzzy search: the weights say quote over context over position.
QUOTE_WEIGHT, CONTEXT_WEIGHT, POSITION_WEIGHT = 0.6, 0.3, 0.1
MIN_FUZZY_QUOTE = 10  # shorter quotes are placed only between their exact prefix and suffix
ACCEPT_QUOTE = 0.75  # a fuzzy match this close stands on its own
ACCEPT_QUOTE_IN_CONTEXT = 0.4  # … or this close when prefix and suffix agree
ACCEPT_CONTEXT = 0.85
NEAR = 4000  # characters either side of the old place searched before the whole text


def make_anchor(doc: Document, start: int, end: int) -> Anchor:
    """The anchor for `doc.text[start:end]`."""
    if not 0 <= start < end <= len(doc.text):
        raise ValueError(f"span {start}–{end} is not inside the text (0–{len(doc.text)})")
    section = doc.section_at(start)
    return Anchor(
        exact=doc.text[start:end],
        prefix=doc.text[max(0, start - CONTEXT) : start],
        suffix=doc.text[end : end + CONTEXT],
        start=start,
        end=end,
        section=section.id if section else "",
        heading=section.title if section else "",
        text_hash=doc.text_hash,
    )


def place(anchor: Anchor, doc: Document) -> Anchor:
    """`anchor` moved onto `doc`'s text, or marked orphaned when its text is gone."""
    text = doc.text
    if anchor.exact and text[anchor.start : anchor.end] == anchor.exact:
        if anchor.text_hash == doc.text_hash and not anchor.orphaned:
            return anchor
        return _moved(anchor, doc, anchor.start, anchor.end, fuzzy=False)
    hit = _exact(anchor, text)
    if hit is not None:
        return _moved(anchor, doc, hit, hit + len(anchor.exact), fuzzy=False)
    match = _fuzzy(anchor, doc)
    if match is not None:
        return _moved(anchor, doc, match.start, match.end, fuzzy=True)
    return replace(anchor, state="orphaned")


def _moved(anchor: Anchor, doc: Document, start: int, end: int, *, fuzzy: bool) -> Anchor:
    fresh = make_anchor(doc, start, end)
    was = anchor.was or (anchor.exact if fuzzy and fresh.exact != anchor.exact else "")
    return replace(fresh, was=was, state="fuzzy" if was else "anchored")


# -- exact search --------------------------------------------------------------------------


def _occurrences(needle: str, text: str) -> Iterator[int]:
    i = text.find(needle)
    while i >= 0:
        yield i
        i = text.find(needle, i + 1)


def _similarity(a: str, b: str) -> float:
    if not a and not b:
        return 1.0
    return fuzz.ratio(a, b) / 100.0


def _context_score(anchor: Anchor, text: str, start: int, end: int) -> float:
    """How well the text around [start, end) matches the anchor's prefix and suffix.

    Half is similarity, half is how far the context runs unchanged from the span's edge:
    a span shifted by two characters still has similar surroundings, but not adjacent ones.
    """
    before = text[max(0, start - len(anchor.prefix)) : start]
    after = text[end : end + len(anchor.suffix)]
    similar = (_similarity(anchor.prefix, before) + _similarity(anchor.suffix, after)) / 2
    adjacent = (_run(anchor.prefix[::-1], before[::-1]) + _run(anchor.suffix, after)) / 2
    return (similar + adjacent) / 2


def _run(expected: str, actual: str) -> float:
    """Share of `expected` that `actual` repeats from the first character on."""
    if not expected:
        return 1.0
    same = 0
    for a, b in zip(expected, actual):
        if a != b:
            break
        same += 1
    return same / len(expected)


def _position_score(anchor: Anchor, text: str, start: int) -> float:
    return max(0.0, 1.0 - abs(start - anchor.start) / max(len(text), 1))


def _context_needed(anchor: Anchor) -> float:
    return next((need for shorter, need in CONTEXT_NEEDED if len(anchor.exact) < shorter), 0.0)


def _exact(anchor: Anchor, text: str) -> int | None:
    if not anchor.exact:
        return None
    best: tuple[float, int] | None = None
    for hit in _occurrences(anchor.exact, text):
        context = _context_score(anchor, text, hit, hit + len(anchor.exact))
        if context < _context_needed(anchor):
            continue
        score = 0.7 * context + 0.3 * _position_score(anchor, text, hit)
        if best is None or score > best[0]:
            best = (score, hit)
    return None if best is None else best[1]


# -- fuzzy search --------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Match:
    start: int
    end: int
    quote: float
    context: float
    score: float


def _fuzzy(anchor: Anchor, doc: Document) -> _Match | None:
    text = doc.text
    if not text or not anchor.exact or _cut_out(anchor, text):
        return None
    near = (max(0, anchor.start - NEAR), min(len(text), anchor.end + NEAR))
    best = _best(anchor, doc, *near)
    if best is None and near != (0, len(text)):
        best = _best(anchor, doc, 0, len(text))
    return best


def _best(anchor: Anchor, doc: Document, lo: int, hi: int) -> _Match | None:
    text = doc.text
    spans = set(_sandwiched(anchor, text, lo, hi))
    if len(anchor.exact) >= MIN_FUZZY_QUOTE:
        spans.update(_aligned(anchor.exact, text, lo, hi))
    best: _Match | None = None
    for start, end in spans:
        match = _judge(anchor, doc, start, end)
        if match is not None and (best is None or match.score > best.score):
            best = match
    return best


def _judge(anchor: Anchor, doc: Document, start: int, end: int) -> _Match | None:
    text = doc.text
    quote = _similarity(anchor.exact, text[start:end])
    context = _context_score(anchor, text, start, end)
    if anchor.heading:
        section = doc.section_at(start)
        same_section = 1.0 if section is not None and section.title == anchor.heading else 0.0
        context = 0.8 * context + 0.2 * same_section
    if context < _context_needed(anchor) or not (
        quote >= ACCEPT_QUOTE or (quote >= ACCEPT_QUOTE_IN_CONTEXT and context >= ACCEPT_CONTEXT)
    ):
        return None
    score = (
        QUOTE_WEIGHT * quote
        + CONTEXT_WEIGHT * context
        + POSITION_WEIGHT * _position_score(anchor, text, start)
    )
    return _Match(start, end, quote, context, score)


def _cut_out(anchor: Anchor, text: str) -> bool:
    """Prefix and suffix now (nearly) touch: the quoted text was deleted, not reworded.

    Without this check a deleted sentence would be "found" in a similar sentence nearby.
    """
    prefix, suffix = anchor.prefix, anchor.suffix
    if len(prefix) < 8 or len(suffix) < 8:
        return False
    gap = max(2, len(anchor.exact) // 5)
    for i in _occurrences(prefix, text):
        end = i + len(prefix)
        if text.find(suffix, end, end + gap + len(suffix)) >= 0:
            return True
    return False


def _sandwiched(anchor: Anchor, text: str, lo: int, hi: int) -> Iterator[tuple[int, int]]:
    """Spans that sit exactly between the anchor's prefix and suffix (reworded quotes)."""
    prefix, suffix = anchor.prefix, anchor.suffix
    if len(prefix) < 8 and anchor.start > len(prefix):  # too little context to trust
        return
    if len(suffix) < 8 and len(prefix) < CONTEXT:
        return
    longest = 3 * len(anchor.exact) + CONTEXT
    starts = [0] if not prefix else [i + len(prefix) for i in _occurrences(prefix, text[lo:hi])]
    for start in starts:
        start += lo if prefix else 0
        if not suffix:
            end = min(len(text), start + len(anchor.exact))
        else:
            found = text.find(suffix, start, start + longest + len(suffix))
            if found < 0:
                continue
            end = found
        if start < end:
            yield start, end


def _aligned(quote: str, text: str, lo: int, hi: int) -> Iterator[tuple[int, int]]:
    """Best fuzzy alignment of `quote` in overlapping windows of text[lo:hi], boundaries refined."""

    length = len(quote)
    step = length + CONTEXT
    window = 2 * length + 2 * CONTEXT  # windows overlap by more than a quote: none is missed
    found: list[tuple[float, int, int]] = []
    for begin in range(lo, max(lo, hi - length) + 1, step):
        chunk = text[begin : min(hi, begin + window)]
        alignment = fuzz.partial_ratio_alignment(quote, chunk, score_cutoff=60)
        if alignment is not None:
            found.append(
                (alignment.score, begin + alignment.dest_start, begin + alignment.dest_end)
            )
    if not found:
        return
    top = max(score for score, _, _ in found)
    for score, start, end in found:
        if score >= top - 10:
            yield _refine(quote, text, start, end)


def _refine(quote: str, text: str, start: int, end: int) -> tuple[int, int]:
    """Move the ends of a fuzzy span to where the span reads most like the quote.

    partial_ratio aligns a stretch as long as the quote; a reworded sentence is longer or
    shorter, so each end is nudged (a few rounds, one end at a time) to the best ratio.
    """

    reach = min(40, len(quote) // 3 + 2)
    for _ in range(2):
        start = max(
            range(max(0, start - reach), min(end, start + reach + 1)),
            key=lambda s: (fuzz.ratio(quote, text[s:end]), -abs(s - start)),
        )
        end = max(
            range(max(start + 1, end - reach), min(len(text), end + reach) + 1),
            key=lambda e: (fuzz.ratio(quote, text[start:e]), -abs(e - end)),
        )
    return start, end


# -- pins ----------------------------------------------------------------------------------


def pin_heading(section: Section) -> str:
    return section.heading or section.title


def pin_sentence_text(sentence: Sentence) -> str:
    return sentence.text


def place_pin(pin: Pin, left: Document | None, right: Document | None) -> Pin:
    """Follow pinned sections by heading (sentences by their text) when renumbering
    changed their ids."""
    ids: dict[str, str] = {}
    find = _section_by_heading if pin.kind == "section" else _sentence_by_text
    for side, doc, section_id, heading in (
        ("left", left, pin.left, pin.left_heading),
        ("right", right, pin.right, pin.right_heading),
    ):
        if doc is None:
            ids[side] = section_id
            continue
        found = find(doc, section_id, heading)
        if found is None:
            return replace(pin, state="orphaned")
        ids[side] = found
    return replace(pin, left=ids["left"], right=ids["right"], state="anchored")


def _sentence_by_text(doc: Document, sentence_id: str, text: str) -> str | None:
    sentences = list(doc.sentences())
    for sentence in sentences:
        if sentence.id == sentence_id and (not text or sentence.text == text):
            return sentence.id
    same = [s.id for s in sentences if text and s.text == text]
    return same[0] if len(same) == 1 else None


def _section_by_heading(doc: Document, section_id: str, heading: str) -> str | None:
    sections = list(doc.walk())
    for section in sections:
        if section.id == section_id and (not heading or pin_heading(section) == heading):
            return section.id
    same = [s.id for s in sections if heading and pin_heading(s) == heading]
    return same[0] if len(same) == 1 else None
