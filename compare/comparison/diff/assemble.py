"""Two reports → one `Comparison`: every sentence of both sides accounted for exactly once.

First, each sentence stating figures is paired with its counterpart, the sentence of the
other report stating the same quantities in the same role (`sentences.quantity_counterparts`),
wherever it stands. Then, inside each section pair the aligner found, sentences are aligned in order, the
best-scoring pairs first (so each piece of a split or merge keeps its own text). What no pair
holds is then matched across the whole document (`moved`). Each change lands in the
`SectionDiff` of its pair; an unpaired sentence in the best pair of its section (or in the
diff of its one-sided section); a moved sentence where it is now, on the right.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from functools import partial
from typing import Sequence

from rapidfuzz import fuzz

from compare.comparison.align import PERIOD_HEADING, REVIEW_HEADING, align_sections
from compare.comparison.diff.classify import (
    MOVED_MIN,
    PART_MIN,
    PART_QUANTITY_MIN,
    REWRITTEN_MIN,
    classify_pair,
    classify_part,
)
from compare.comparison.diff.sentences import (
    align_ordered,
    figure_folds,
    find_wholes,
    match_leftovers,
    quantity_counterparts,
    sentence_key,
)
from compare.comparison.diff.shares import right_shares
from compare.comparison.measures import similarities
from compare.comparison.results import (
    Alignment,
    ChangeKind,
    Comparison,
    Relation,
    SectionDiff,
    SentenceChange,
)
from compare.comparison.tables import compare_tables
from compare.errors import ReportError
from compare.parsing.document import Document, Sentence
from compare.text.quantities import Role, stated_role


def compare_documents(
    left: Document,
    right: Document,
    pins: Sequence[tuple[str, str]] = (),
    alignment: Alignment | None = None,
    sentence_pins: Sequence[tuple[str, str]] = (),
) -> Comparison:
    """The full comparison of two reports; the section alignment is computed unless given.
    `pins`: a reviewer's section pairs (left id, right id); `sentence_pins`: a reviewer's
    sentence pairs (left sentence id, right sentence id, like "2.1/3"), kept whatever the
    sentence alignment says. A pin naming a sentence that does not exist raises
    ReportError."""
    if alignment is None:
        alignment = align_sections(left, right, pins=pins)
    sections = diff_sections(alignment, sentence_pins)
    _mark_table_rows(alignment.left, alignment.right, sections)
    return Comparison(
        alignment=alignment,
        sections=sections,
        shares=right_shares(right, (c for s in sections for c in s.changes)),
        tables=compare_tables(alignment),
        similarities_of=partial(similarities, alignment.left, alignment.right),
    )


def _mark_table_rows(left: Document, right: Document, sections: Sequence[SectionDiff]) -> None:
    """Set `SentenceChange.table` on each change whose sentences are all table rows: the later
    side's table id when the change has a later side, else the earlier side's. A row is never
    paired with a prose sentence (`政府法律顾问（名） 15 15` is no part of 全县政府法律顾问共15名…;
    its table is compared cell by cell): such a pair becomes the row removed or added (a
    merge or split: the prose sentence has its own partner), or both; a reviewer's pin stays."""
    left_rows, right_rows = left.table_rows(), right.table_rows()
    if not left_rows and not right_rows:
        return
    for diff in sections:
        kept: list[SentenceChange] = []
        for change in diff.changes:
            kept.extend(_rows_apart(change, left_rows, right_rows))
        diff.changes[:] = kept
        for change in diff.changes:
            if change.left is not None and change.left.id not in left_rows:
                continue
            if change.right is not None and change.right.id not in right_rows:
                continue
            change.table = right_rows[change.right.id] if change.right is not None else (
                left_rows[change.left.id] if change.left is not None else "")


def _rows_apart(change: SentenceChange, left_rows: dict[str, str], right_rows: dict[str, str]) -> list[SentenceChange]:
    """`change`, or what it becomes when it pairs a table row with a prose sentence."""
    if change.left is None or change.right is None or change.pinned:
        return [change]
    left_row, right_row = change.left.id in left_rows, change.right.id in right_rows
    if left_row == right_row:
        return [change]
    # merged: the left sentence folded into a right one shown with its own partner; split:
    # the right sentence split off a left one shown with its own: only the part stands alone
    if change.kind == ChangeKind.MERGED:
        return [SentenceChange(ChangeKind.REMOVED, change.left, None)]
    if change.kind == ChangeKind.SPLIT:
        return [SentenceChange(ChangeKind.ADDED, None, change.right)]
    return [SentenceChange(ChangeKind.REMOVED, change.left, None), SentenceChange(ChangeKind.ADDED, None, change.right)]


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


def diff_sections(alignment: Alignment, sentence_pins: Sequence[tuple[str, str]] = ()) -> list[SectionDiff]:
    """The sentence changes of every section pair and one-sided section, in reading order;
    `sentence_pins` (left sentence id, right sentence id) pair first, as the reviewer said."""
    left, right = alignment.left, alignment.right
    left_owner = _owners(left, {p.left_id for p in alignment.pairs} | set(alignment.left_only))
    right_owner = _owners(right, {p.right_id for p in alignment.pairs} | set(alignment.right_only))
    left_of: dict[str, list[Sentence]] = defaultdict(list)  # aligned section id → its sentences
    right_of: dict[str, list[Sentence]] = defaultdict(list)
    for s in left.sentences():
        left_of[left_owner[s.section_id]].append(s)
    for s in right.sentences():
        right_of[right_owner[s.section_id]].append(s)
    keys: dict[int, str] = {id(s): sentence_key(s.simplified) for s in (*left.sentences(), *right.sentences())}
    role_of = {**sentence_roles(left), **sentence_roles(right)}  # id(sentence) → role where it stands

    # One SectionDiff per pair, per left-only and per right-only section; a section's
    # unpaired sentences are shown in its best-scoring pair.
    ranked = sorted(alignment.pairs, key=lambda p: -p.score)
    diffs: dict[tuple[str | None, str | None], SectionDiff] = {}
    home_left: dict[str, SectionDiff] = {}
    home_right: dict[str, SectionDiff] = {}
    for p in ranked:
        diff = diffs.setdefault((p.left_id, p.right_id), SectionDiff(p.left_id, p.right_id, p.relation, p.score, []))
        home_left.setdefault(p.left_id, diff)
        home_right.setdefault(p.right_id, diff)
    for lid in [*alignment.left_only, *left_of]:
        if lid not in home_left:
            home_left[lid] = diffs[(lid, None)] = SectionDiff(lid, None, Relation.LEFT_ONLY, 0.0, [])
    for rid in [*alignment.right_only, *right_of]:
        if rid not in home_right:
            home_right[rid] = diffs[(None, rid)] = SectionDiff(None, rid, Relation.RIGHT_ONLY, 0.0, [])

    # Pass 1: the sentences of each pair, in order, the best pairs first, so each piece of
    # a split or merge keeps its own text. Where pairs share a section, identical sentences
    # are claimed first, so that a merely similar sentence in one pair cannot take the
    # identical one of another.
    links: dict[tuple[str | None, str | None], list[tuple[Sentence, Sentence, float]]] = {}
    taken: dict[int, tuple[str, str]] = {}  # id(sentence) → the pair holding it
    pinned = _pinned_sentences(left, right, sentence_pins)
    for l_sent, r_sent in pinned:
        taken[id(l_sent)] = taken[id(r_sent)] = ("", "")  # no section pair aligns them

    # Pass 0: each figure sentence with its counterpart, the sentence stating the same
    # quantities in the same role, wherever it stands. A counterpart inside a section pair
    # joins that pair's sentence links; one elsewhere is shown as moved.
    section_pairs = {(p.left_id, p.right_id) for p in alignment.pairs}
    free_left = [s for s in left.sentences() if id(s) not in taken]
    free_right = [s for s in right.sentences() if id(s) not in taken]

    def owners(n: int, m: int) -> tuple[str, str]:
        return left_owner[free_left[n].section_id], right_owner[free_right[m].section_id]

    counterparts = quantity_counterparts(
        {n: keys[id(s)] for n, s in enumerate(free_left)},
        {n: keys[id(s)] for n, s in enumerate(free_right)},
        ({n: role_of[id(s)] for n, s in enumerate(free_left)}, {n: role_of[id(s)] for n, s in enumerate(free_right)}),
        near=lambda n, m: owners(n, m) in section_pairs,
    )
    by_quantity: list[tuple[Sentence, Sentence]] = []  # counterparts across sections
    in_pair: dict[tuple[str, str], list[tuple[Sentence, Sentence, float]]] = defaultdict(list)
    for i, j, sim in counterparts:
        l_sent, r_sent = free_left[i], free_right[j]
        if owners(i, j) in section_pairs:
            in_pair[owners(i, j)].append((l_sent, r_sent, sim))
            taken[id(l_sent)] = taken[id(r_sent)] = owners(i, j)
        else:
            by_quantity.append((l_sent, r_sent))
            taken[id(l_sent)] = taken[id(r_sent)] = ("", "")
    held = {id(s) for found in in_pair.values() for pair in found for s in pair[:2]}
    shared = _shared_pairs(alignment)
    for identical_only in (True, False):
        for p in ranked:
            pair = (p.left_id, p.right_id)
            if identical_only and pair not in shared:
                continue
            ls = [s for s in left_of[p.left_id] if taken.get(id(s), pair) == pair and id(s) not in held]
            rs = [s for s in right_of[p.right_id] if taken.get(id(s), pair) == pair and id(s) not in held]
            for s in (*ls, *rs):
                taken.pop(id(s), None)
            roles = ({n: role_of[id(s)] for n, s in enumerate(ls)}, {n: role_of[id(s)] for n, s in enumerate(rs)})
            found = align_ordered(
                [keys[id(s)] for s in ls], [keys[id(s)] for s in rs], REWRITTEN_MIN, identical_only, roles
            )
            links[pair] = [(ls[k.left], rs[k.right], k.similarity) for k in found if k.left is not None and k.right is not None]
            for l_sent, r_sent, _ in links[pair]:
                taken[id(l_sent)] = taken[id(r_sent)] = pair
    for pair_ids, counterparts_here in in_pair.items():
        links[pair_ids] = sorted([*links.get(pair_ids, []), *counterparts_here], key=lambda link: link[1].start)

    # Pass 2: what no pair holds, matched across the whole document as moved.
    removed = [s for s in left.sentences() if id(s) not in taken]
    added = [s for s in right.sentences() if id(s) not in taken]
    moves = match_leftovers(
        {n: keys[id(s)] for n, s in enumerate(removed)},
        {n: keys[id(s)] for n, s in enumerate(added)},
        MOVED_MIN,
        ({n: role_of[id(s)] for n, s in enumerate(removed)}, {n: role_of[id(s)] for n, s in enumerate(added)}),
    )
    moved_from = {id(added[j]): (removed[i], sim, True) for i, j, sim in moves}
    gone = {id(removed[i]) for i, _, _ in moves}
    pinned_right = {id(r_sent) for _, r_sent in pinned}

    # Pass 3: a sentence still unpaired that was folded into a longer one of the other report
    # (merged) or split off one (split); when the longer one is unpaired too, the two pair.
    def home(l_sent: Sentence, r_sent: Sentence) -> bool:
        return home_left[left_owner[l_sent.section_id]] is home_right[right_owner[r_sent.section_id]]

    all_left, all_right = list(left.sentences()), list(right.sentences())
    merged_into: dict[int, tuple[Sentence, float]] = {}
    split_from: dict[int, tuple[Sentence, float]] = {}
    def wholes_of(parts: list[Sentence], others: list[Sentence], parts_are_left: bool) -> dict[int, tuple[int, float]]:
        def near(n: int, m: int) -> bool:
            return home(parts[n], others[m]) if parts_are_left else home(others[m], parts[n])

        return find_wholes(
            {n: keys[id(s)] for n, s in enumerate(parts)},
            {n: keys[id(s)] for n, s in enumerate(others)},
            PART_MIN,
            PART_QUANTITY_MIN,
            ({n: role_of[id(s)] for n, s in enumerate(parts)}, {n: role_of[id(s)] for n, s in enumerate(others)}),
            parts_are_left=parts_are_left,
            near=near,
        )

    parts = [s for s in removed if id(s) not in gone]
    for n, (m, share) in sorted(wholes_of(parts, all_right, True).items()):
        part, whole = parts[n], all_right[m]
        if id(whole) in taken or id(whole) in moved_from:
            merged_into[id(part)] = (whole, share)
        else:
            moved_from[id(whole)] = (part, _similarity(keys[id(part)], keys[id(whole)]), not home(part, whole))
            gone.add(id(part))
    parts = [s for s in added if id(s) not in moved_from]
    wholes = wholes_of(parts, all_left, False)
    for n, (m, share) in sorted(wholes.items()):
        part, whole = parts[n], all_left[m]
        if id(whole) in taken or id(whole) in gone or id(whole) in merged_into:
            split_from[id(part)] = (whole, share)
        else:
            moved_from[id(part)] = (whole, _similarity(keys[id(whole)], keys[id(part)]), not home(whole, part))
            gone.add(id(whole))

    # Pass 3b: a sentence still unpaired beside one that is paired (the sentence before or after
    # it in its paragraph), whose figures the partner states apart from its neighbour's: folded
    # into that partner (merged) or split off it (split), whatever the text shares.
    partner: dict[int, Sentence] = {}  # id(sentence) → its partner, either side
    for l_sent, r_sent in [*((a, b) for found in links.values() for a, b, _ in found), *by_quantity]:
        partner[id(l_sent)], partner[id(r_sent)] = r_sent, l_sent
    by_id = {id(s): s for s in all_right}
    for r_id, (l_sent, _, _) in moved_from.items():
        partner[id(l_sent)], partner[r_id] = by_id[r_id], l_sent

    def folds(parts: list[Sentence], doc: Document, parts_are_left: bool) -> dict[int, tuple[Sentence, float]]:
        order = list(doc.sentences())
        at = {id(s): n for n, s in enumerate(order)}
        wholes: list[Sentence] = []
        beside: dict[int, list[tuple[int, str, Role]]] = {}
        for n, s in enumerate(parts):
            for k in (at[id(s)] - 1, at[id(s)] + 1):
                other = order[k] if 0 <= k < len(order) else None
                if other is None or other.paragraph != s.paragraph or id(other) not in partner:
                    continue
                wholes.append(partner[id(other)])
                beside.setdefault(n, []).append((len(wholes) - 1, keys[id(other)], role_of[id(other)]))
        found = figure_folds(
            {n: keys[id(s)] for n, s in enumerate(parts)},
            {m: keys[id(w)] for m, w in enumerate(wholes)},
            beside,
            ({n: role_of[id(s)] for n, s in enumerate(parts)}, {m: role_of[id(w)] for m, w in enumerate(wholes)}),
            parts_are_left=parts_are_left,
        )
        return {id(parts[n]): (wholes[m], share) for n, (m, share) in found.items()}

    merged_into.update(folds([s for s in removed if id(s) not in gone and id(s) not in merged_into], left, True))
    split_from.update(folds([s for s in added if id(s) not in moved_from and id(s) not in split_from], right, False))

    # Each diff: its pairs in reading order, with its section's unpaired sentences between.
    own_left: dict[int, list[Sentence]] = defaultdict(list)  # id(diff) → sentences
    own_right: dict[int, list[Sentence]] = defaultdict(list)
    for s in removed:
        if id(s) not in gone:
            own_left[id(home_left[left_owner[s.section_id]])].append(s)
    for l_sent, r_sent in [*pinned, *by_quantity]:  # shown where the right sentence is, like a moved one
        same_place = home_left[left_owner[l_sent.section_id]] is home_right[right_owner[r_sent.section_id]]
        moved_from[id(r_sent)] = (l_sent, _similarity(keys[id(l_sent)], keys[id(r_sent)]), not same_place)
        added.append(r_sent)
    for s in added:
        own_right[id(home_right[right_owner[s.section_id]])].append(s)
    for ids, diff in diffs.items():
        diff.changes = _layout(
            left,
            right,
            links.get(ids, []),
            own_left[id(diff)],
            own_right[id(diff)],
            moved_from,
            merged_into,
            split_from,
            role_of,
        )
        for change in diff.changes:
            if change.right is not None and id(change.right) in pinned_right and change.left is not None:
                change.pinned = True
    return _ordered(diffs, left, right)


# A chapter about the coming year: its heading names the work ahead (二、2015年工作总体部署,
# 三、2024年工作打算, 下一步工作) or a year after the one reported on; the chapters after it
# are about the coming year too (2015: 三、把改革开放扎实推向纵深 …) unless they look back.
_PLAN_HEADING = re.compile(r"今年|明年|任务|部署|总体要求|预期目标|安排|打算|思路|计划|下一步|展望")
_YEAR = re.compile(r"(?:19|20)\d\d")
# A chapter that looks back (REVIEW_HEADING) or is about several years ahead (PERIOD_HEADING:
# “十二五”时期的主要目标和任务, “十五”期间的奋斗目标 …): the headings section alignment reads too.


def plan_sections(doc: Document) -> frozenset[str]:
    """Ids of the sections (with all their subsections) about the coming year: the targets
    and plans, as opposed to the review of the year reported on."""
    out: set[str] = set()
    ahead = False
    for top in doc.sections:
        heading = top.heading_simplified
        later = doc.year is not None and any(int(y) > doc.year for y in _YEAR.findall(heading))
        looks_back = REVIEW_HEADING.search(heading) is not None
        if later or (_PLAN_HEADING.search(heading) and not looks_back):
            ahead = True
        if ahead and not looks_back and top.kind == "heading":
            out.update(s.id for s in top.walk())
    return frozenset(out)


def sentence_roles(doc: Document) -> dict[int, Role]:
    """id(sentence) → the role its figures take where it stands (`quantities.quantity_roles`'
    default): that of the last sentence before it in its paragraph whose words name one
    (过去一年，我们的各项工作取得了很大成绩。 then 国内生产总值增长10.3% …: results, though in
    the chapter about the coming year), else a target in a chapter about the coming year
    (`plan_sections`) — a plan of several years when the chapter's heading names a period
    (2016 "十三五"时期主要目标任务: 实现城镇新增就业5000万人以上 is no target of 2016) —, else a
    result of the year reviewed."""
    plan = plan_sections(doc)
    period = {
        s.id for top in doc.sections if top.id in plan and PERIOD_HEADING.search(top.heading_simplified)
        for s in top.walk()
    }
    out: dict[int, Role] = {}
    paragraph, stated = -1, None
    for s in doc.sentences():
        if s.paragraph != paragraph:
            paragraph, stated = s.paragraph, None
        where = Role.PLAN if s.section_id in period else Role.TARGET if s.section_id in plan else Role.RESULT
        out[id(s)] = stated or where
        stated = stated_role(s.simplified) or stated
    return out


def _pinned_sentences(
    left: Document, right: Document, sentence_pins: Sequence[tuple[str, str]]
) -> list[tuple[Sentence, Sentence]]:
    """The sentences a reviewer paired, each used once (the first pin naming it wins)."""
    by_id = [{s.id: s for s in doc.sentences()} for doc in (left, right)]
    out: list[tuple[Sentence, Sentence]] = []
    used: set[int] = set()
    for left_id, right_id in sentence_pins:
        ends = []
        for side, doc, sentence_id, index in (("left", left, left_id, by_id[0]), ("right", right, right_id, by_id[1])):
            if sentence_id not in index:
                raise ReportError(doc.path or side, f"no sentence {sentence_id} to pin (ids look like 2.1/3)")
            ends.append(index[sentence_id])
        if id(ends[0]) in used or id(ends[1]) in used:
            continue
        used.update((id(ends[0]), id(ends[1])))
        out.append((ends[0], ends[1]))
    return out


def _similarity(a: str, b: str) -> float:
    return fuzz.ratio(a, b) / 100.0


def _shared_pairs(alignment: Alignment) -> set[tuple[str, str]]:
    """Pairs that share a section with another pair: the pieces of splits and merges."""
    left_count = Counter(p.left_id for p in alignment.pairs)
    right_count = Counter(p.right_id for p in alignment.pairs)
    return {
        (p.left_id, p.right_id) for p in alignment.pairs if left_count[p.left_id] > 1 or right_count[p.right_id] > 1
    }


def _layout(
    left: Document,
    right: Document,
    links: list[tuple[Sentence, Sentence, float]],
    removed: list[Sentence],
    added: list[Sentence],
    moved_from: dict[int, tuple[Sentence, float, bool]],
    merged_into: dict[int, tuple[Sentence, float]],
    split_from: dict[int, tuple[Sentence, float]],
    role_of: dict[int, Role],
) -> list[SentenceChange]:
    """Changes in reading order: before each pair of sentences, the removals (or sentences
    merged into another) that precede its left sentence and the additions (or arrivals from
    elsewhere, or sentences split off another) that precede its right. `role_of` (id of a
    sentence → its role where it stands) keeps each figure list to one role."""

    def roles(l_sent: Sentence, r_sent: Sentence) -> tuple[Role, Role]:
        return role_of[id(l_sent)], role_of[id(r_sent)]

    removed = sorted(removed, key=lambda s: s.start)
    added = sorted(added, key=lambda s: s.start)
    out: list[SentenceChange] = []
    i = j = 0

    def arrival(s: Sentence) -> SentenceChange:
        if id(s) in moved_from:
            origin, sim, moved = moved_from[id(s)]
            return classify_pair(left, origin, right, s, sim, moved=moved, roles=roles(origin, s))
        if id(s) in split_from:
            whole, share = split_from[id(s)]
            return classify_part(left, whole, right, s, ChangeKind.SPLIT, share, roles(whole, s))
        return SentenceChange(ChangeKind.ADDED, None, s)

    def departure(s: Sentence) -> SentenceChange:
        if id(s) in merged_into:
            whole, share = merged_into[id(s)]
            return classify_part(left, s, right, whole, ChangeKind.MERGED, share, roles(s, whole))
        return SentenceChange(ChangeKind.REMOVED, s, None)

    for l_sent, r_sent, sim in links:
        while i < len(removed) and removed[i].start < l_sent.start:
            out.append(departure(removed[i]))
            i += 1
        while j < len(added) and added[j].start < r_sent.start:
            out.append(arrival(added[j]))
            j += 1
        out.append(classify_pair(left, l_sent, right, r_sent, sim, roles=roles(l_sent, r_sent)))
    out.extend(departure(s) for s in removed[i:])
    out.extend(arrival(s) for s in added[j:])
    return out


def _ordered(
    diffs: dict[tuple[str | None, str | None], SectionDiff], left: Document, right: Document
) -> list[SectionDiff]:
    """Pairs and left-only sections in left reading order; each right-only section after the
    diff holding the right section just before it."""
    left_pos: dict[str | None, int] = {s.id: n for n, s in enumerate(left.walk())}
    right_pos: dict[str | None, int] = {s.id: n for n, s in enumerate(right.walk())}
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
