"""Section lineages: chains of aligned sections across a series, and what happened to each.

Built from the section pairs of each consecutive comparison (`pairs.PairSummary`). A section
of year i+1 continues the lineage of the section of year i it is paired with, the
best-scoring pair first, each lineage continued by one section per year. A split leaves the
weaker piece a new lineage `split` from the first; of a merge the weaker lineage ends,
`merged` into the other. A section no pair reaches starts a lineage (`appeared`); a lineage
no pair continues ends (`vanished`). Steps whose pair is renamed or moved are events too.
Sections down to `max_level` (2: chapters and their parts) are followed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Callable, TypeVar

from compare.parsing.document import Document, Section
from compare.series.pairs import PairSummary

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
        links = sorted((k for k in summary.links if k.left_id in current and k.right_id in sections),
                       key=lambda k: -k.score)
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
        for k in links:  # the weaker pieces of splits and merges
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
