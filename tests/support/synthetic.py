"""Realistic edits of a real report, with the truth of what was done.

`perturb(raw, seed)` parses a report, edits it the way agencies edit last year's report —
reorder, rename, split, merge and promote sections; insert and delete sections; change
figures; insert, delete and move paragraphs and sentences; reword and rewrite sentences; fold
a sentence into the one before it and split a sentence in two; convert the script; add page chrome — and renders it back to raw text. The `Truth` says which
section became which (by left section id and by rendered heading) and what happened to every
sentence (by its text on each side), in terms that survive parsing the output again.

Deterministic for a seed. New text (inserted sections, paragraphs, rewrites) comes from a
donor report, checked to be unlike anything in the edited report.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass, field
from typing import Sequence

from compare.comparison.results import ChangeKind, Relation
from compare.parsing.document import Document, Section

OPS = (
    "reorder", "rename", "split", "merge", "promote", "insert_section", "delete_section",
    "insert_paragraph", "delete_paragraph", "move_paragraph",
    "figures", "reword", "rewrite", "move_sentence", "merge_sentences", "split_sentence",
    "script", "chrome",
)
PREAMBLE_INDEX = -1  # right_index of the preamble (or the whole of a report without headings)
DONORS = ("tianjin-tanggu-2024", "jurong-huangmei-2021", "guangzhou-tianhe-water-2022",
          "state-council-2010")

# Thresholds of the sentence labels (fuzz.ratio of keys), with a margin on either side so
# that the truth is never a coin toss: reworded >= 0.82; rewritten in [0.5, 0.7]; new text
# below 0.4 against every sentence of the report.
REWORDED_AT_LEAST = 0.82
REWRITTEN_RANGE = (0.5, 0.7)
NEW_AT_MOST = 0.4
MIN_PIECE_CHARS = 40  # the pieces of a split or a merge hold at least this much text each

_SYNONYMS = (
    ("加强", "强化"), ("推进", "推动"), ("进一步", "持续"), ("深入", "扎实"), ("完善", "健全"),
    ("提升", "提高"), ("积极", "主动"), ("建立", "构建"), ("不断", "持续"), ("切实", "有效"),
    ("加快", "加速"), ("全面", "全力"), ("开展", "组织"), ("落实", "执行"), ("规范", "严格"),
    ("群众", "百姓"), ("工作", "任务"), ("有关", "相关"), ("各类", "各种"), ("及时", "迅速"),
)
_HEADING_PREFIXES = ("持续", "着力", "全面", "扎实", "进一步")
_NUMERAL = re.compile(r"[一二三四五六七八九十百]+|\d+|[①-⑳]")
_CN = "一二三四五六七八九十"
_CHROME_TOP = ("首页 > 政务公开 > 法治政府建设", "字号：大 中 小", "发布时间：2024-03-01 10:00",
               "来源：本网", "【打印】【关闭】")
_CHROME_BOTTOM = ("扫一扫在手机打开当前页", "主办单位：本级人民政府办公室", "网站标识码：0000000000",
                  "版权所有 © 2024")
_FIGURE = re.compile(r"\d+(?:\.\d+)?")
# what a heading made from a sentence must not start with: item markers, dates, figures
_LEADING_NOISE = re.compile(
    r"^(?:[一二三四五六七八九十]是|同时|此外|另外|其中|今年|去年|全年|[\d.%％]+[年月日号个件宗项]?|[^\u4e00-\u9fff])+"
)


# -- what the truth says --------------------------------------------------------------------------
@dataclass(slots=True)
class SectionTruth:
    left_id: str | None  # id in the parse of the original text; None for a new section
    right_heading: str | None  # heading as rendered (numbering left out); None if deleted
    right_index: int | None  # position among the rendered headed sections, in reading order
    relation: str  # same | renamed | moved | split | merged | left_only | right_only


@dataclass(slots=True)
class SentenceTruth:
    left: str | None  # the sentence as in the original's cleaned text
    right: str | None  # the sentence as rendered
    kind: str  # unchanged | numbers_only | reworded | rewritten | added | removed | moved


@dataclass(slots=True)
class Truth:
    sections: list[SectionTruth] = field(default_factory=list)
    sentences: list[SentenceTruth] = field(default_factory=list)
    ops: list[str] = field(default_factory=list)  # what was done, for people reading a failure

    def right_ids(self, right: Document) -> dict[int, str]:
        """Rendered section position → section id in the parse of the output."""
        parsed = [s for s in right.walk() if s.kind == "heading"]
        wanted = sorted(
            (t.right_index, t.right_heading) for t in self.sections
            if t.right_index is not None and t.right_index != PREAMBLE_INDEX
        )
        out: dict[int, str] = {}
        preamble = next((s.id for s in right.sections if s.kind in ("preamble", "whole")), None)
        if preamble is not None:
            out[PREAMBLE_INDEX] = preamble
        k = 0
        for index, heading in wanted:
            key = text_key(heading or "")
            for j in range(k, len(parsed)):
                if text_key(parsed[j].heading) == key:
                    out[index] = parsed[j].id
                    k = j + 1
                    break
        return out

    def unresolved(self, right: Document) -> int:
        """True right sections the parse of the output does not show (should be 0)."""
        ids = self.right_ids(right)
        return sum(1 for t in self.sections if t.right_index is not None and t.right_index not in ids)

    def section_pairs(self, right: Document) -> set[tuple[str, str, str]]:
        """(left id, right id, relation) of every true pair, right ids from the parsed output."""
        ids = self.right_ids(right)
        pairs = set()
        for t in self.sections:
            if t.left_id is not None and t.right_index is not None and t.right_index in ids:
                pairs.add((t.left_id, ids[t.right_index], t.relation))
        return pairs


def text_key(text: str) -> str:
    """How truth finds text again after parsing: simplified, no spaces or punctuation."""
    from compare.parsing.normalise import simplify
    from compare.text.tokens import compact

    return compact(simplify(text))


# -- the editable model of a report ---------------------------------------------------------------
@dataclass
class _Sentence:
    text: str
    left: str | None
    kind: str = ChangeKind.UNCHANGED


@dataclass
class _Section:
    left_id: str | None
    number: str  # numbering as written; the numeral is rewritten from the position
    heading: str
    tail: str  # what follows the heading on its line before the body ("。" of inline headings)
    inline: bool  # the first paragraph continues the heading's line
    paragraphs: list[list[_Sentence]]
    children: list[_Section] = field(default_factory=list)
    relation: str = Relation.SAME
    kind: str = "heading"

    def walk(self):
        yield self
        for child in self.children:
            yield from child.walk()

    def sentences(self):
        for section in self.walk():
            for paragraph in section.paragraphs:
                yield from paragraph


def _paragraphs(doc: Document, section: Section) -> list[list[_Sentence]]:
    body_end = section.children[0].start if section.children else section.end
    out: list[list[_Sentence]] = []
    current: list[_Sentence] = []
    last_paragraph = None
    sentences = section.sentences
    for k, s in enumerate(sentences):
        end = sentences[k + 1].start if k + 1 < len(sentences) else body_end
        text = doc.text[s.start : end].rstrip("\n")
        if "\n" in text:  # a sentence never spans lines; keep what follows its line apart
            text = text.split("\n", 1)[0]
        if last_paragraph is not None and s.paragraph != last_paragraph:
            out.append(current)
            current = []
        current.append(_Sentence(text, doc.text[s.start : s.end]))
        last_paragraph = s.paragraph
    if current:
        out.append(current)
    return out


def _model(doc: Document, section: Section) -> _Section:
    head = doc.text[section.start : section.body_start]
    inline = "\n" not in head and section.body_start < len(doc.text) and doc.text[section.body_start] != "\n"
    tail = gap = ""
    if section.heading and section.heading in head:
        at = head.index(section.heading)
        tail = head[at + len(section.heading) :]
        gap = head[len(section.number) : at] if head.startswith(section.number) else ""
    model = _Section(
        left_id=section.id,
        number=section.number + gap,
        heading=section.heading,
        tail=tail.rstrip("\n"),
        inline=inline and section.kind == "heading",
        paragraphs=_paragraphs(doc, section),
        kind=section.kind,
    )
    model.children = [_model(doc, c) for c in section.children]
    return model


# -- rendering ----------------------------------------------------------------------------------
def _cn_numeral(k: int) -> str:
    if k <= 10:
        return _CN[k - 1]
    if k < 20:
        return "十" + (_CN[k - 11] if k > 10 else "")
    return _CN[k // 10 - 1] + "十" + (_CN[k % 10 - 1] if k % 10 else "")


def renumber(number: str, k: int) -> str:
    """The numbering `number` with its numeral replaced by position k (1-based)."""
    m = _NUMERAL.search(number)
    if not m:
        return number
    old = m.group(0)
    if old.isdigit():
        new = str(k)
    elif "①" <= old <= "⑳":
        new = chr(ord("①") + k - 1)
    else:
        new = _cn_numeral(k)
    return number[: m.start()] + new + number[m.end() :]


def _render_section(section: _Section, k: int, lines: list[str], headings: list[tuple[_Section, str]]) -> None:
    paragraphs = [[s.text for s in p] for p in section.paragraphs if p]
    if section.kind == "heading":
        head = renumber(section.number, k) + section.heading + section.tail
        headings.append((section, section.heading))
        if section.inline and paragraphs:
            lines.append(head + "".join(paragraphs[0]))
            paragraphs = paragraphs[1:]
        else:
            lines.append(head)
    lines.extend("".join(p) for p in paragraphs)
    for i, child in enumerate(section.children, 1):
        _render_section(child, i, lines, headings)


# -- the editor -------------------------------------------------------------------------------------
class _Editor:
    def __init__(self, doc: Document, donor: Document, rng: random.Random) -> None:
        self.doc = doc
        self.rng = rng
        self.top = [_model(doc, s) for s in doc.sections]
        self.truth = Truth()
        self.deleted: list[_Section] = []
        self.removed: list[_Sentence] = []  # sentences taken out (truth: removed)
        self.merged_into: dict[str, str] = {}  # left id of a merged-away section → survivor's left id
        self.split_from: list[tuple[_Section, _Section]] = []  # (first piece, later piece)
        # sentences folded into another or split off one: (left text, the sentence on the
        # right, merged | split); the right text is read when the truth is written
        self.parts: list[tuple[str, _Sentence, str]] = []
        self.left_keys = [text_key(s.text) for s in doc.sentences()]
        self.donor_paragraphs = [p for s in donor.walk() for p in _paragraphs(donor, s)]
        self.donor_sections = [s for s in donor.walk() if not s.children and s.kind == "heading"
                               and len(s.sentences) >= 2]
        self.donor = donor
        self.scripted = False

    # helpers
    def all_sections(self) -> list[_Section]:
        return [s for top in self.top for s in top.walk()]

    def headed(self) -> list[_Section]:
        return [s for s in self.all_sections() if s.kind == "heading"]

    def siblings_of(self, target: _Section) -> list[_Section]:
        if target in self.top:
            return self.top
        for s in self.all_sections():
            if target in s.children:
                return s.children
        raise ValueError("section not in the model")

    def parent_of(self, target: _Section) -> _Section | None:
        for s in self.all_sections():
            if target in s.children:
                return s
        return None

    @staticmethod
    def holds_move(group: list[_Section]) -> bool:
        """A sibling group where a section was moved keeps its other members: taking one out
        could leave two sections whose order alone no longer says which of them moved."""
        return any(x.relation == Relation.MOVED for x in group)

    def is_new(self, key: str) -> bool:
        from rapidfuzz import fuzz, process

        if len(key) < 8:
            return False
        found = process.extractOne(key, self.left_keys, scorer=fuzz.ratio, score_cutoff=NEW_AT_MOST * 100)
        return found is None

    def unchanged_sentences(self, min_len: int = 12) -> list[tuple[_Section, list[_Sentence], _Sentence]]:
        out = []
        for section in self.all_sections():
            for p in section.paragraphs:
                for s in p:
                    if s.kind == ChangeKind.UNCHANGED and s.left is not None and len(text_key(s.text)) >= min_len:
                        out.append((section, p, s))
        return out

    def note(self, text: str) -> None:
        self.truth.ops.append(text)

    # section operations
    def reorder(self) -> None:
        # one move per sibling group: two would leave which of them "moved" a matter of taste
        groups = [g for g in [self.top] + [s.children for s in self.all_sections()]
                  if sum(x.kind == "heading" for x in g) >= 3 and all(x.relation != Relation.MOVED for x in g)]
        if not groups:
            return
        group = self.rng.choice(groups)
        slots = [k for k, x in enumerate(group) if x.kind == "heading"]
        old = self.rng.choice(slots)
        choices = [k for k in slots if abs(k - old) >= 2]
        if not choices:
            return
        new = self.rng.choice(choices)
        section = group.pop(old)
        group.insert(new, section)
        section.relation = Relation.MOVED
        self.note(f"reorder: {section.left_id} {section.heading[:12]} from {old} to {new}")

    def rename(self) -> None:
        from rapidfuzz import fuzz

        from compare.comparison.align import heading_function, heading_key
        from compare.parsing.normalise import simplify

        candidates = [s for s in self.headed() if s.left_id and len(s.heading) >= 4 and s.relation == Relation.SAME]
        self.rng.shuffle(candidates)
        for section in candidates:
            new = self._new_heading(section.heading)
            keeps_function = heading_function(simplify(new)) == heading_function(simplify(section.heading))
            if (new and keeps_function
                    and fuzz.ratio(heading_key(text_key(new)), heading_key(text_key(section.heading))) < 85):
                self.note(f"rename: {section.left_id} {section.heading} → {new}")
                section.heading = new
                section.relation = Relation.RENAMED
                return

    def _new_heading(self, heading: str) -> str:
        new = heading
        parts = re.split(r"([，,、])", new)
        if len(parts) >= 3 and self.rng.random() < 0.5:
            new = parts[0] if self.rng.random() < 0.5 else "".join(parts[2:])
        for a, b in self.rng.sample(_SYNONYMS, len(_SYNONYMS)):
            for x, y in ((a, b), (b, a)):
                for xx, yy in ((x, y), (_trad(x), _trad(y))):
                    if xx in new:
                        new = new.replace(xx, yy, 1)
                        break
        if new == heading or self.rng.random() < 0.5:
            new = self.rng.choice(_HEADING_PREFIXES) + new
        return new

    def split(self) -> None:
        candidates = [s for s in self.headed() if not s.children and s.relation == Relation.SAME and s.left_id
                      and sum(len(p) for p in s.paragraphs) >= 4]
        self.rng.shuffle(candidates)
        for section in candidates:
            sentences = [x for p in section.paragraphs for x in p]
            if len(section.paragraphs) < 2:
                cut = len(sentences) // 2
                paragraphs = [sentences[:cut], sentences[cut:]]
            else:
                paragraphs = section.paragraphs
            # cut where the two pieces are nearest in size; each must be a real piece of text
            sizes = [sum(len(text_key(x.text)) for x in p) for p in paragraphs]
            cut = min(range(1, len(paragraphs)), key=lambda k: abs(sum(sizes[:k]) - sum(sizes[k:])))
            if min(sum(sizes[:cut]), sum(sizes[cut:])) < MIN_PIECE_CHARS:
                continue
            section.paragraphs, later = paragraphs[:cut], paragraphs[cut:]
            break
        else:
            return
        first = later[0][0].text
        clause = re.split(r"[，,。；;：:]", first)[0]
        clause = re.sub(r"[《》()（）“”\"'「」『』]", "", _LEADING_NOISE.sub("", clause))[:16]
        if len(clause) < 4:
            clause = "其他工作情况"
        piece = _Section(None, section.number, clause, section.tail, section.inline, later, relation=Relation.SPLIT)
        siblings = self.siblings_of(section)
        siblings.insert(siblings.index(section) + 1, piece)
        section.relation = Relation.SPLIT
        self.split_from.append((section, piece))
        self.note(f"split: {section.left_id} {section.heading[:12]} + new {clause}")

    def merge(self) -> None:
        pairs = []
        for group in [self.top] + [s.children for s in self.all_sections()]:
            if self.holds_move(group):
                continue
            for a, b in zip(group, group[1:]):
                if (a.kind == b.kind == "heading" and not a.children and not b.children
                        and a.relation == Relation.SAME and b.relation == Relation.SAME and a.left_id and b.left_id
                        and _chars(a) >= MIN_PIECE_CHARS and _chars(b) >= MIN_PIECE_CHARS):
                    pairs.append((group, a, b))
        if not pairs:
            return
        group, a, b = self.rng.choice(pairs)
        a.paragraphs = a.paragraphs + b.paragraphs
        group.remove(b)
        a.relation = Relation.MERGED
        self.merged_into[b.left_id] = a.left_id
        self.note(f"merge: {b.left_id} into {a.left_id}")

    def promote(self) -> None:
        candidates = []
        for top in self.top:
            if top.kind != "heading" or len(top.children) < 2:
                continue
            if self.holds_move(top.children):
                continue
            candidates.extend((top, c) for c in top.children if c.relation == Relation.SAME and c.left_id)
        if not candidates:
            return
        parent, child = self.rng.choice(candidates)
        parent.children.remove(child)
        self.top.insert(self.top.index(parent) + 1, child)
        child.number = parent.number
        child.relation = Relation.MOVED
        self.note(f"promote: {child.left_id} {child.heading[:12]}")

    def insert_section(self) -> None:
        from rapidfuzz import fuzz, process

        from compare.comparison.align import heading_function

        headings = [text_key(s.heading) for s in self.headed()]
        for _ in range(40):
            if not self.donor_sections:
                return
            source = self.rng.choice(self.donor_sections)
            key = text_key(source.heading)
            if len(key) < 4 or process.extractOne(key, headings, scorer=fuzz.ratio, score_cutoff=60):
                continue
            if heading_function(source.heading_simplified):
                continue  # a new 存在的不足 would rightly pair with the old one
            paragraphs = [[s for s in p if self.is_new(text_key(s.text))]
                          for p in _paragraphs(self.donor, source)]
            paragraphs = [p for p in paragraphs if p and all(_closed(s.text) for s in p)]
            sentences = [s for p in paragraphs for s in p]
            if len(sentences) < 2:
                continue
            groups = [g for g in [self.top] + [s.children for s in self.all_sections()]
                      if sum(x.kind == "heading" for x in g) >= 2]
            if not groups:
                return
            group = self.rng.choice(groups)
            template = next((s for s in group if s.kind == "heading"), None)
            if template is None:
                continue
            for s in sentences:
                s.left, s.kind = None, ChangeKind.ADDED
            new = _Section(None, template.number, source.heading, template.tail, template.inline,
                           paragraphs, relation=Relation.RIGHT_ONLY)
            group.insert(self.rng.randrange(1, len(group) + 1), new)
            self.note(f"insert section: {source.heading[:12]}")
            return

    def delete_section(self) -> None:
        candidates = [s for s in self.headed() if not s.children and s.relation == Relation.SAME and s.left_id
                      and s.left_id not in self.merged_into.values()
                      and not self.holds_move(self.siblings_of(s))]
        if not candidates:
            return
        section = self.rng.choice(candidates)
        self.siblings_of(section).remove(section)
        self.deleted.append(section)
        for s in section.sentences():
            if s.left is not None:
                s.kind = ChangeKind.REMOVED
                self.removed.append(s)
        self.note(f"delete section: {section.left_id} {section.heading[:12]}")

    # paragraph operations
    def editable(self) -> list[_Section]:
        """Sections whose text paragraph edits may touch: not the pieces of a split or merge,
        whose truth rests on the text they share with the original."""
        return [s for s in self.all_sections() if s.relation not in (Relation.SPLIT, Relation.MERGED)]

    def _paragraph_slots(self):
        return [(s, p) for s in self.editable() for p in s.paragraphs
                if p and all(x.kind == ChangeKind.UNCHANGED and x.left is not None for x in p)]

    def insert_paragraph(self) -> None:
        for _ in range(30):
            paragraph = self.rng.choice(self.donor_paragraphs) if self.donor_paragraphs else None
            if not paragraph or not all(self.is_new(text_key(s.text)) for s in paragraph):
                continue
            sections = [s for s in self.editable() if s.paragraphs and s.kind != "preamble"]
            if not sections:
                return
            section = self.rng.choice(sections)
            at = self.rng.randrange(0 if not section.inline else 1, len(section.paragraphs) + 1)
            new = [_Sentence(s.text, None, ChangeKind.ADDED) for s in paragraph]
            section.paragraphs.insert(at, new)
            self.note(f"insert paragraph in {section.left_id}")
            return

    def delete_paragraph(self) -> None:
        slots = [(s, p) for s, p in self._paragraph_slots() if _original_paragraphs(s) >= 2
                 and s.kind != "preamble"]
        if slots:
            section, paragraph = self.rng.choice(slots)
            section.paragraphs.remove(paragraph)
            gone = paragraph
        else:
            # one paragraph per section (items written as one line each): cut the last
            # sentences of a long paragraph instead; a line end always ends a sentence
            long = [(s, p) for s, p in self._paragraph_slots() if len(p) >= 3 and s.kind != "preamble"]
            if not long:
                return
            section, paragraph = self.rng.choice(long)
            cut = len(paragraph) - self.rng.randint(1, min(2, len(paragraph) - 2))
            gone = paragraph[cut:]
            del paragraph[cut:]
        for s in gone:
            s.kind = ChangeKind.REMOVED
            self.removed.append(s)
        self.note(f"delete paragraph in {section.left_id}")

    def move_paragraph(self) -> None:
        slots = [(s, p) for s, p in self._paragraph_slots() if _original_paragraphs(s) >= 2
                 and s.kind != "preamble" and all(len(text_key(x.text)) >= 10 for x in p)]
        if not slots:
            return
        section, paragraph = self.rng.choice(slots)
        # into a section of the original that stays mostly its own text (else it would be a split)
        size = sum(len(text_key(x.text)) for x in paragraph)
        targets = [t for t in self.editable() if t.kind == "heading" and t.paragraphs and t is not section
                   and t.relation != Relation.RIGHT_ONLY and _chars(t) >= 2 * size]
        if not targets:
            return
        target = self.rng.choice(targets)
        section.paragraphs.remove(paragraph)
        target.paragraphs.insert(self.rng.randrange(1, len(target.paragraphs) + 1), paragraph)
        for s in paragraph:
            s.kind = ChangeKind.MOVED
        self.note(f"move paragraph {section.left_id} → {target.left_id}")

    # sentence operations
    def figures(self, count: int = 3) -> None:
        from compare.text.figures import find_figures

        candidates = []
        for section, p, s in self.unchanged_sentences():
            figs = [f for f in find_figures(s.text) if not f.is_date and _FIGURE.match(f.text)]
            if figs:
                candidates.append((s, figs))
        for s, figs in self.rng.sample(candidates, min(count, len(candidates))):
            text = s.text
            for f in sorted(figs, key=lambda f: -f.start)[: 2]:
                m = _FIGURE.match(f.text)
                old = m.group(0)
                new = self._other_number(old)
                text = text[: f.start] + new + text[f.start + len(old) :]
            if text != s.text:
                s.text, s.kind = text, ChangeKind.NUMBERS_ONLY
        self.note(f"figures: {count}")

    def _other_number(self, old: str) -> str:
        whole, _, frac = old.partition(".")
        for _ in range(10):
            digits = str(self.rng.randint(1, 9)) + "".join(str(self.rng.randint(0, 9)) for _ in whole[1:])
            new = digits + ("." + "".join(str(self.rng.randint(0, 9)) for _ in frac) if frac else "")
            if new != old:
                return new
        return old + "1"

    def reword(self, count: int = 3) -> None:
        from rapidfuzz import fuzz

        done = 0
        candidates = self.unchanged_sentences(min_len=16)
        self.rng.shuffle(candidates)
        for _section, _p, s in candidates:
            if done >= count:
                break
            new = s.text
            swaps = 0
            for a, b in self.rng.sample(_SYNONYMS, len(_SYNONYMS)):
                for x, y in ((a, b), (b, a), (_trad(a), _trad(b)), (_trad(b), _trad(a))):
                    if x in new and swaps < 2:
                        new = new.replace(x, y, 1)
                        swaps += 1
                        break
            if swaps == 0:
                continue
            if fuzz.ratio(text_key(new), text_key(s.text)) / 100 >= REWORDED_AT_LEAST and text_key(new) != text_key(s.text):
                s.text, s.kind = new, ChangeKind.REWORDED
                done += 1
        self.note(f"reword: {done}")

    def rewrite(self, count: int = 2) -> None:
        from rapidfuzz import fuzz

        donors = [s.text for p in self.donor_paragraphs for s in p if len(text_key(s.text)) >= 12]
        candidates = self.unchanged_sentences(min_len=24)
        self.rng.shuffle(candidates)
        done = 0
        for _section, _p, s in candidates:
            if done >= count or not donors:
                break
            clauses = re.split(r"(?<=[，,；;])", s.text)
            if len(clauses) < 2:
                continue
            for _ in range(8):
                keep = self.rng.randint(1, len(clauses) - 1)
                filler = self.rng.choice(donors)
                filler_clauses = re.split(r"(?<=[，,；;])", filler)
                new = "".join(clauses[:keep]) + "".join(filler_clauses[-max(1, len(clauses) - keep):])
                if not new.endswith(("。", "；", "！", "？")):
                    new = new.rstrip("，,;；") + "。"
                r = fuzz.ratio(text_key(new), text_key(s.text)) / 100
                if (REWRITTEN_RANGE[0] <= r <= REWRITTEN_RANGE[1] and _one_sentence(new)
                        and self._unlike_others(new, s)):
                    s.text, s.kind = new, ChangeKind.REWRITTEN
                    done += 1
                    break
        self.note(f"rewrite: {done}")

    def _unlike_others(self, text: str, own: _Sentence) -> bool:
        from rapidfuzz import fuzz, process

        key = text_key(text)
        own_key = text_key(own.left or "")
        others = [k for k in self.left_keys if k != own_key]
        return process.extractOne(key, others, scorer=fuzz.ratio, score_cutoff=REWRITTEN_RANGE[0] * 100 - 5) is None

    def move_sentence(self, count: int = 2) -> None:
        done = 0
        for _ in range(count * 10):
            if done >= count:
                break
            candidates = [
                (sec, p, s) for sec, p, s in self.unchanged_sentences(min_len=16)
                if len(p) >= 2 and sec.kind != "preamble" and sec.relation not in (Relation.SPLIT, Relation.MERGED)
                and _closed(s.text) and (p.index(s) == 0 or _closed(p[p.index(s) - 1].text))
            ]
            targets = [t for t in self.editable() if t.kind == "heading" and t.paragraphs
                       and t.relation != Relation.RIGHT_ONLY]
            if not candidates or len(targets) < 2:
                return
            section, paragraph, sentence = self.rng.choice(candidates)
            target = self.rng.choice([t for t in targets if t is not section])
            dest = self.rng.choice(target.paragraphs)
            first = 1 if dest is target.paragraphs[0] and target.inline else 0
            slots = [k for k in range(first, len(dest) + 1) if k == 0 or _closed(dest[k - 1].text)]
            if not slots or dest is paragraph:
                continue
            paragraph.remove(sentence)
            dest.insert(self.rng.choice(slots), sentence)
            sentence.kind = ChangeKind.MOVED
            done += 1
        self.note(f"move sentence: {done}")

    def _piece_kind(self, whole: str, piece: str) -> str | None:
        """The kind of the pair (piece, whole) when it is clear of the thresholds' margins."""
        from rapidfuzz import fuzz

        r = fuzz.ratio(text_key(whole), text_key(piece)) / 100
        if r >= REWORDED_AT_LEAST:
            return ChangeKind.REWORDED
        if REWRITTEN_RANGE[0] <= r <= REWRITTEN_RANGE[1]:
            return ChangeKind.REWRITTEN
        return None

    def merge_sentences(self) -> None:
        """Fold a sentence into the one before it (A。B。 → A，B。): the longer keeps the pair
        (reworded or rewritten), the other is merged into it."""
        candidates = [
            (sec, p, k) for sec, p, a in self.unchanged_sentences(min_len=16) for k in [p.index(a)]
            if k + 1 < len(p) and p[k + 1].kind == ChangeKind.UNCHANGED and p[k + 1].left is not None
            and len(text_key(p[k + 1].text)) >= 16 and a.text.endswith("。") and p[k + 1].text.endswith("。")
            and sec.relation not in (Relation.SPLIT, Relation.MERGED)
        ]
        self.rng.shuffle(candidates)
        for _section, p, k in candidates:
            a, b = p[k], p[k + 1]
            text = a.text[:-1] + "，" + b.text
            main, other = (a, b) if len(a.text) >= len(b.text) else (b, a)
            kind = self._piece_kind(text, main.text)
            if kind is None or not _one_sentence(text):
                continue
            merged = _Sentence(text, main.left, kind)
            p[k : k + 2] = [merged]
            assert other.left is not None
            self.parts.append((other.left, merged, ChangeKind.MERGED))
            self.note(f"merge sentences: {other.left[:12]}… into {main.left[:12]}…")
            return
        self.note("merge sentences: none")

    def split_sentence(self) -> None:
        """Split a sentence in two at a comma (A，B。 → A。B。): the longer piece keeps the
        pair, the other is split off."""
        candidates = [(sec, p, s) for sec, p, s in self.unchanged_sentences(min_len=40)
                      if s.text.endswith("。") and sec.relation not in (Relation.SPLIT, Relation.MERGED)]
        self.rng.shuffle(candidates)
        for _section, p, s in candidates:
            commas = [m.start() for m in re.finditer("，", s.text)]
            cuts = [c for c in commas if len(text_key(s.text[:c])) >= 16 and len(text_key(s.text[c + 1 :])) >= 16]
            if not cuts:
                continue
            cut = self.rng.choice(cuts)
            first, second = s.text[:cut] + "。", s.text[cut + 1 :]
            main, other = (first, second) if len(first) >= len(second) else (second, first)
            kind = self._piece_kind(s.text, main)
            if kind is None:
                continue
            assert s.left is not None
            pieces = [_Sentence(first, None), _Sentence(second, None)]
            for piece in pieces:
                if piece.text == main:
                    piece.left, piece.kind = s.left, kind
                else:
                    self.parts.append((s.left, piece, ChangeKind.SPLIT))
                    piece.kind = ChangeKind.SPLIT
            k = p.index(s)
            p[k : k + 1] = pieces
            self.note(f"split sentence: {s.left[:12]}…")
            return
        self.note("split sentence: none")

    # surface
    def script(self) -> None:
        from compare.parsing.normalise import to_simplified, to_traditional

        convert = to_simplified if self.doc.script == "traditional" else to_traditional
        for section in self.all_sections():
            section.heading = convert(section.heading)
            section.tail = convert(section.tail)
            section.number = convert(section.number)
            for p in section.paragraphs:
                for s in p:
                    s.text = convert(s.text)
        self.scripted = True
        self.note("script")

    # output
    def render(self, chrome: bool) -> str:
        lines: list[str] = []
        if chrome:
            lines.extend(_CHROME_TOP)
        if self.doc.title:
            lines.append(self.doc.title)
        headings: list[tuple[_Section, str]] = []
        position = 0
        for section in self.top:
            if section.kind == "heading":
                position += 1
            _render_section(section, position, lines, headings)
        if chrome:
            lines.append("")
            lines.extend(_CHROME_BOTTOM)
        self._truth(headings)
        return "\n".join(lines) + "\n"

    def _truth(self, headings: list[tuple[_Section, str]]) -> None:
        truth = self.truth
        first_piece = {id(piece): first for first, piece in self.split_from}
        for index, (section, heading) in enumerate(headings):
            if section.left_id is None and id(section) in first_piece:
                left_id = first_piece[id(section)].left_id
                truth.sections.append(SectionTruth(left_id, heading, index, Relation.SPLIT))
            elif section.left_id is None:
                truth.sections.append(SectionTruth(None, heading, index, Relation.RIGHT_ONLY))
            else:
                truth.sections.append(SectionTruth(section.left_id, heading, index, section.relation))
                for merged, survivor in self.merged_into.items():
                    if survivor == section.left_id:
                        truth.sections.append(SectionTruth(merged, heading, index, Relation.MERGED))
        for top in self.top:
            if top.kind in ("preamble", "whole"):
                truth.sections.append(SectionTruth(top.left_id, None, PREAMBLE_INDEX, Relation.SAME))
        for section in self.deleted:
            for s in section.walk():
                truth.sections.append(SectionTruth(s.left_id, None, None, Relation.LEFT_ONLY))
        for top in self.top:
            for s in top.sentences():
                if s.kind != ChangeKind.SPLIT:  # in self.parts, with the sentence it came from
                    truth.sentences.append(SentenceTruth(s.left, s.text, s.kind))
        for s in self.removed:
            truth.sentences.append(SentenceTruth(s.left, None, ChangeKind.REMOVED))
        for left, s, kind in self.parts:
            truth.sentences.append(SentenceTruth(left, s.text, kind))


_ENDS = "。！？；!?;"


def _closed(text: str) -> bool:
    """The sentence ends with its own terminator, so it parses apart wherever it is put."""
    return text.rstrip().rstrip("”’」』\"'")[-1:] in tuple(_ENDS)


def _one_sentence(text: str) -> bool:
    """Parses as exactly one sentence: one terminator, at the end, and balanced quotes."""
    body = text.rstrip().rstrip("”’」』\"'")
    balanced = all(text.count(a) == text.count(b) for a, b in ("“”", "《》", "（）", "()", "「」"))
    return _closed(text) and balanced and not any(c in _ENDS for c in body[:-1])


def _chars(section: _Section) -> int:
    """Characters of a section's own text (punctuation left out)."""
    return sum(len(text_key(x.text)) for p in section.paragraphs for x in p)


def _original_paragraphs(section: _Section) -> int:
    """Paragraphs of a section still holding only its own original, unchanged sentences."""
    return sum(1 for p in section.paragraphs if p and all(x.kind == ChangeKind.UNCHANGED and x.left for x in p))


def _trad(text: str) -> str:
    from compare.parsing.normalise import to_traditional

    return to_traditional(text)


def _donor(doc: Document, seed: int) -> Document:
    from compare.parsing.corpus import corpus_dir
    from compare.parsing.pipeline import parse_file

    names = list(DONORS)
    random.Random(seed).shuffle(names)
    for name in names:
        path = corpus_dir() / f"{name}.txt"
        if path.is_file():
            donor = parse_file(path)
            if donor.text != doc.text:
                return donor
    raise FileNotFoundError("no donor report in the corpus")


def perturb(
    raw_text: str,
    seed: int,
    ops: Sequence[str] = OPS,
    *,
    donor: str | None = None,
    path: str = "<synthetic>",
    intensity: int = 1,
) -> tuple[str, Truth]:
    """Edit a report (raw text) as an agency might; return the new raw text and the truth.

    `ops` picks the kinds of edit (see `OPS`), each applied `intensity` times in a fixed
    order, structure first. Section ids in the truth are those of `parse_text(raw_text)`.
    """
    from compare.parsing.pipeline import parse_text

    unknown = [op for op in ops if op not in OPS]
    if unknown:
        raise ValueError(f"unknown edit operations: {', '.join(unknown)}")
    doc = parse_text(raw_text, path)
    donor_doc = parse_text(donor, "<donor>") if donor is not None else _donor(doc, seed)
    editor = _Editor(doc, donor_doc, random.Random(seed))
    for op in OPS:
        if op in ops and op not in ("script", "chrome"):
            for _ in range(max(1, intensity)):
                getattr(editor, op)()
    if "script" in ops:
        editor.script()
    return editor.render(chrome="chrome" in ops), editor.truth
