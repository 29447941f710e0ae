"""Section lineages: chains of aligned sections across a series, and what happened to each.

Built from the section pairs of each consecutive comparison (`pairs.PairSummary`). A section
of year i+1 continues the lineage of the section of year i it is paired with, the
best-scoring pair first, each lineage continued by one section per year. A split leaves the
weaker piece a new lineage `split` from the first; of a merge the weaker lineage ends,
`merged` into the other. A section no pair reaches starts a lineage (`appeared`); a lineage
no pair continues ends (`vanished`). Steps whose pair is renamed or moved are events too.
Sections down to `max_level` (2: chapters and their parts) are followed.

A pair other than `same` continues a lineage only with evidence that the two sections are one
(`_evident`): a topic word their headings share, the same template function, two reviews, or a
strong pair (`EVIDENT_SCORE`). Else the lineage ends and the section starts one of its own (a
weak piece of a split starts one `split` from it): a
user test (session 25) read 2012 深入推进重点领域改革 → 2013 深入推进改革开放 → 2014 努力建设
生态文明 → 2015 切实加强政府自身建设 as one chapter, each step a weak pair carried by the
unheaded closing passages (各位代表！… 政府自身建设, 国防, 外交) that both reports' last sections hold.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Callable, TypeVar

from compare.comparison.align import REVIEW_HEADING, heading_key, heading_topics, topic_characters
from compare.parsing.document import Document, Section
from compare.series.pairs import PairSummary, SectionLink

_T = TypeVar("_T")


class Event(StrEnum):
    APPEARED = "appeared"
    VANISHED = "vanished"
    RENAMED = "renamed"
    MOVED = "moved"
    SPLIT = "split"
    MERGED = "merged"


@dataclass(slots=True)
class Step:
    year: int
    section_id: str
    heading: str  # numbering + heading as a reader sees it
    level: int
    changes: int = 0  # substantive sentence changes from the year before (0 for the first)
    score: float = 0.0  # alignment score with the year before, 0..1


@dataclass(slots=True)
class LineageEvent:
    year: int
    kind: Event
    detail: str  # heading before → after, or the other lineage's id


def latest_first(
    lineages: list[_T], span: Callable[[_T], tuple[int, int]], last_section: Callable[[_T], str]
) -> list[_T]:
    """Lineages as a reader of a long series wants them (a timeline of 49 years started with
    the 1950s' chapters): those that reach the latest year first, then by the year they
    ended, latest first; of one end year, in the order of that year's report, as their
    headings (the latest) are numbered: 二、 before 三、 even when the two swapped places
    (a user test read 三、存在的不足 above 二、…). `span` gives a lineage's (first year, last
    year), `last_section` the id of its section in its last year ("2.1")."""
    return sorted(lineages, key=lambda lin: (-span(lin)[1], _reading_order(last_section(lin)), span(lin)[0]))


def latest_first_json(lineages: list[dict]) -> list[dict]:
    """`latest_first` of lineages as `Series.to_dict` gives them."""
    return latest_first(lineages, lambda lin: (lin["first_year"], lin["last_year"]),
                        lambda lin: lin["sections"][-1]["id"])


def _reading_order(section_id: str) -> tuple[int, ...]:
    """"2.10" → (2, 10): section ids in the order of the report."""
    return tuple(int(part) if part.isdigit() else 0 for part in section_id.split("."))


@dataclass(slots=True)
class Lineage:
    id: str  # "L1", "L2" … in order of first appearance
    steps: list[Step] = field(default_factory=list)
    events: list[LineageEvent] = field(default_factory=list)
    vanished: bool = False  # ended before the last year of the series

    @property
    def first_year(self) -> int:
        return self.steps[0].year

    @property
    def last_year(self) -> int:
        return self.steps[-1].year

    @property
    def heading(self) -> str:
        """The latest heading."""
        return self.steps[-1].heading

    @property
    def level(self) -> int:
        return self.steps[-1].level


def _followed(doc: Document, max_level: int) -> dict[str, Section]:
    return {s.id: s for s in doc.walk() if s.level <= max_level}


# A renamed or moved pair with no other evidence continues a lineage from this score (the
# aligner's 0..1 total). State Council 1954–2017, consecutive reports: of the 38 renamed or
# moved pairs of chapters and their parts whose headings share no topic word and no function,
# those scoring below it include 2013 深入推进改革开放 → 2014 努力建设生态文明 (0.21) and 2014
# 努力建设生态文明 → 2015 切实加强政府自身建设 (0.38); those above are the same area renamed
# (2009 推进政府自身建设 → 2010 努力建设人民满意的服务型政府, 0.41; 2004 加强政府自身建设 → 2005
# 加强行政能力建设和政风建设, 0.45).
EVIDENT_SCORE = 0.4
# Headings of chapters that look back on the past year or years (the aligner's review words,
# and 成就, 胜利: 1992 一、改革开放和现代化建设取得伟大成就的五年).
_LOOKS_BACK = re.compile(REVIEW_HEADING.pattern + r"|成就|胜利")


def _evident(link: SectionLink, before: Section, after: Section) -> bool:
    """Whether a pair is evidence enough that `after` continues `before`'s lineage: an
    unchanged heading, a topic word both headings hold
    (`heading_topics`: 改革 in 深入推进重点领域改革 and 深入推进改革开放) or two topic characters
    (`topic_characters`: an abbreviation, 科教 of 科技教育), the same template function
    (two chapters on their year's work), two review chapters, or a score of EVIDENT_SCORE."""
    if link.relation == "same" or link.score >= EVIDENT_SCORE or link.function >= 1:
        return True
    key_before, key_after = heading_key(before.heading_simplified), heading_key(after.heading_simplified)
    if heading_topics(key_before) & heading_topics(key_after):
        return True
    if len(topic_characters(key_before) & topic_characters(key_after)) >= 2:
        return True  # 发展科技教育文化 and 实施科教兴国战略: 科, 教
    return bool(_LOOKS_BACK.search(before.heading_simplified) and _LOOKS_BACK.search(after.heading_simplified))


def build_lineages(documents: list[Document], summaries: list[PairSummary], max_level: int = 2) -> list[Lineage]:
    """Lineages of a series: `documents` by year, `summaries[i]` compares i with i+1."""
    lineages: list[Lineage] = []
    current: dict[str, Lineage] = {}  # section id in the latest year → its lineage

    def start(doc: Document, section: Section, event: LineageEvent | None) -> Lineage:
        lin = Lineage(f"L{len(lineages) + 1}", [Step(doc.year or 0, section.id, section.title, section.level)])
        if event:
            lin.events.append(event)
        lineages.append(lin)
        return lin

    first = documents[0]
    for section in _followed(first, max_level).values():
        current[section.id] = start(first, section, None)
    for i, summary in enumerate(summaries):
        left, right = documents[i], documents[i + 1]
        year = right.year or 0
        sections = _followed(right, max_level)
        earlier = _followed(left, max_level)
        candidates = [k for k in summary.links if k.left_id in current and k.right_id in sections]
        evident = [k for k in candidates if _evident(k, earlier[k.left_id], sections[k.right_id])]
        links = sorted(evident, key=lambda k: -k.score)
        # a weak piece of a split or merge continues nothing, but is still a piece
        pieces = sorted([*evident, *(k for k in candidates if k not in evident
                                     and k.relation in (Event.SPLIT, Event.MERGED))], key=lambda k: -k.score)
        nxt: dict[str, Lineage] = {}
        continued: set[str] = set()  # lineage ids continued this year
        for k in links:
            lin = current[k.left_id]
            if k.right_id in nxt or lin.id in continued:
                continue
            section = sections[k.right_id]
            before = lin.steps[-1].heading
            lin.steps.append(Step(year, section.id, section.title, section.level, k.changes, k.score))
            if k.relation in (Event.RENAMED, Event.MOVED):
                lin.events.append(LineageEvent(year, Event(k.relation), f"{before} → {section.title}"))
            nxt[k.right_id] = lin
            continued.add(lin.id)
        for k in pieces:  # the weaker pieces of splits and merges
            lin = current[k.left_id]
            if k.right_id not in nxt:
                nxt[k.right_id] = start(right, sections[k.right_id],
                                        LineageEvent(year, Event.SPLIT, f"from {lin.id} {lin.heading}"))
            elif lin.id not in continued:
                into = nxt[k.right_id]
                lin.events.append(LineageEvent(year, Event.MERGED, f"into {into.id} {into.heading}"))
                continued.add(lin.id)
        for sid, section in sections.items():
            if sid not in nxt:
                nxt[sid] = start(right, section, LineageEvent(year, Event.APPEARED, section.title))
        for lin in current.values():
            if lin.id not in continued:
                lin.vanished = True
                lin.events.append(LineageEvent(left.year or 0, Event.VANISHED, lin.heading))
        current = nxt
    return lineages
