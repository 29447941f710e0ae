"""Two reports → one `Comparison`: every sentence of both sides accounted for exactly once.

Sections the aligner paired are grouped (a split or a merge joins several sections into one
group); inside a group the sentences are aligned in order. What is left unpaired anywhere is
then matched across the whole document (`moved`). Each change lands in the `SectionDiff` of
the pair its sentences belong to; a moved sentence lands where it is now (right side).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Iterable, Sequence

from compare.comparison import (
    ADDED,
    LEFT_ONLY,
    REMOVED,
    RIGHT_ONLY,
    Alignment,
    Comparison,
    SectionDiff,
    SentenceChange,
)
from compare.diff.classify import MOVED_MIN, REWRITTEN_MIN, classify_pair
from compare.diff.sentences import align_ordered, match_leftovers, sentence_key
from compare.diff.shares import right_shares
from compare.document import Document, Sentence


def compare_documents(
    left: Document,
    right: Document,
    pins: Sequence[tuple[str, str]] = (),
    alignment: Alignment | None = None,
) -> Comparison:
    """The full comparison of two reports; the section alignment is computed unless given."""
    if alignment is None:
        from compare.align import align_sections

        alignment = align_sections(left, right, pins=pins)
    from compare.measures import document_measures

    sections = diff_sections(alignment)
    return Comparison(
        alignment=alignment,
        sections=sections,
        measures=document_measures(left, right),
        shares=right_shares(right, (c for s in sections for c in s.changes)),
    )


def _owners(doc: Document, named: set[str]) -> dict[str, str]:
    """Section id → the id of the aligned section whose diff shows its sentences: itself when
    the alignment names it, else its nearest named ancestor, else its top-level section."""
    owner: dict[str, str] = {}

    def visit(section, inherited: str | None) -> None:
        own = section.id if section.id in named or inherited is None else inherited
        owner[section.id] = own
        for child in section.children:
            visit(child, own)

    for section in doc.sections:
        visit(section, None)
    return owner


@dataclass(slots=True)
class _Step:
    """One step of a group's sentence alignment, before classification."""

    left: Sentence | None
    right: Sentence | None
    similarity: float
    moved: bool = False  # right's partner found elsewhere (pass 2)
    gone: bool = False  # a removal that turned out to be a move


class _Groups:
    """Connected components of the pair graph: a split or merge is one group."""

    def __init__(self, pairs: Iterable[tuple[str, str]]) -> None:
        self.parent: dict[tuple[str, str], tuple[str, str]] = {}
        for lid, rid in pairs:
            self.union(("L", lid), ("R", rid))

    def find(self, node: tuple[str, str]) -> tuple[str, str]:
        self.parent.setdefault(node, node)
        while self.parent[node] != node:
            self.parent[node] = self.parent[self.parent[node]]
            node = self.parent[node]
        return node

    def union(self, a: tuple[str, str], b: tuple[str, str]) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[ra] = rb


def diff_sections(alignment: Alignment) -> list[SectionDiff]:
    left, right = alignment.left, alignment.right
    pairs = [(p.left_id, p.right_id) for p in alignment.pairs]
    left_owner = _owners(left, {l for l, _ in pairs} | set(alignment.left_only))
    right_owner = _owners(right, {r for _, r in pairs} | set(alignment.right_only))

    # One SectionDiff per pair, per left-only and per right-only section.
    diffs: dict[tuple[str | None, str | None], SectionDiff] = {}
    for p in alignment.pairs:
        diffs.setdefault((p.left_id, p.right_id), SectionDiff(p.left_id, p.right_id, p.relation, p.score, []))
    paired_left = {l for l, _ in pairs}
    paired_right = {r for _, r in pairs}
    for lid in dict.fromkeys(list(alignment.left_only) + list(left_owner.values())):
        if lid not in paired_left:
            diffs.setdefault((lid, None), SectionDiff(lid, None, LEFT_ONLY, 0.0, []))
    for rid in dict.fromkeys(list(alignment.right_only) + list(right_owner.values())):
        if rid not in paired_right:
            diffs.setdefault((None, rid), SectionDiff(None, rid, RIGHT_ONLY, 0.0, []))

    groups = _Groups(pairs)
    left_sents: dict[object, list[Sentence]] = defaultdict(list)
    right_sents: dict[object, list[Sentence]] = defaultdict(list)
    for s in left.sentences():
        lid = left_owner[s.section_id]
        left_sents[groups.find(("L", lid)) if lid in paired_left else ("L-only", lid)].append(s)
    for s in right.sentences():
        rid = right_owner[s.section_id]
        right_sents[groups.find(("R", rid)) if rid in paired_right else ("R-only", rid)].append(s)

    # Pass 1: ordered alignment inside each group.
    steps: dict[object, list[_Step]] = {}
    for key in dict.fromkeys(list(left_sents) + list(right_sents)):
        ls = sorted(left_sents.get(key, []), key=lambda s: s.start)
        rs = sorted(right_sents.get(key, []), key=lambda s: s.start)
        links = align_ordered(
            [sentence_key(s.simplified) for s in ls], [sentence_key(s.simplified) for s in rs], REWRITTEN_MIN
        )
        steps[key] = [
            _Step(None if k.left is None else ls[k.left], None if k.right is None else rs[k.right], k.similarity)
            for k in links
        ]

    # Pass 2: leftovers anywhere, matched as moved.
    removed = [st for group in steps.values() for st in group if st.right is None]
    added = [st for group in steps.values() for st in group if st.left is None]
    moves = match_leftovers(
        {n: sentence_key(st.left.simplified) for n, st in enumerate(removed)},
        {n: sentence_key(st.right.simplified) for n, st in enumerate(added)},
        MOVED_MIN,
    )
    for i, j, sim in moves:
        added[j].left, added[j].similarity, added[j].moved = removed[i].left, sim, True
        removed[i].gone = True

    # Classify, and file each change under its pair.
    for group in steps.values():
        previous: SectionDiff | None = None
        for st in group:
            if st.gone:
                continue
            if st.left is not None and st.right is not None:
                change = classify_pair(left, st.left, right, st.right, st.similarity, moved=st.moved)
            elif st.right is None:
                change = SentenceChange(REMOVED, st.left, None)
            else:
                change = SentenceChange(ADDED, None, st.right)
            target = _target(diffs, previous, left_owner, right_owner, st)
            target.changes.append(change)
            previous = target
    return _ordered(diffs, left, right)


def _target(
    diffs: dict[tuple[str | None, str | None], SectionDiff],
    previous: SectionDiff | None,
    left_owner: dict[str, str],
    right_owner: dict[str, str],
    step: _Step,
) -> SectionDiff:
    lid = left_owner[step.left.section_id] if step.left is not None and not step.moved else None
    rid = right_owner[step.right.section_id] if step.right is not None else None
    if (lid, rid) in diffs:
        return diffs[(lid, rid)]
    if previous is not None and (
        (lid is not None and previous.left_id == lid) or (rid is not None and previous.right_id == rid)
    ):
        return previous
    for (dl, dr), diff in diffs.items():
        if (lid is not None and dl == lid) or (rid is not None and dr == rid):
            return diff
    raise AssertionError(f"no section diff for {lid!r}/{rid!r}")  # every owner has a diff


def _ordered(
    diffs: dict[tuple[str | None, str | None], SectionDiff], left: Document, right: Document
) -> list[SectionDiff]:
    """Pairs and left-only sections in left reading order; each right-only section after the
    diff holding the right section just before it."""
    left_pos = {s.id: n for n, s in enumerate(left.walk())}
    right_pos = {s.id: n for n, s in enumerate(right.walk())}
    main = sorted(
        (d for d in diffs.values() if d.left_id is not None),
        key=lambda d: (left_pos[d.left_id], right_pos.get(d.right_id, -1)),
    )
    out = list(main)
    for d in sorted((d for d in diffs.values() if d.left_id is None), key=lambda d: right_pos[d.right_id]):
        at = 0
        for n, existing in enumerate(out):
            if existing.right_id is not None and right_pos[existing.right_id] < right_pos[d.right_id]:
                at = n + 1
        out.insert(at, d)
    return out
