"""Same-body series: one agency's reports of one kind across years, from metadata alone.

A series is every report whose normalised agency (`scan.body_key`) and kind agree (a report
of unknown kind counts as its body's only kind), sorted by year; each report with an earlier report in its series gets a step back to the latest one
(the year before when the corpus has it, else the nearest earlier year, which the step
records). Reports without a year or agency are in no series.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from compare.batch.scan import Report


@dataclass(slots=True)
class Series:
    body: str
    kind: str
    members: list[int]  # report indices, by year then path

    @property
    def name(self) -> str:
        return f"{self.body} {self.kind}".strip()


@dataclass(frozen=True, slots=True)
class Step:
    """A report and the same body's previous report."""

    series: int
    previous: int
    current: int


def find_series(reports: list[Report]) -> list[Series]:
    kinds: dict[str, set[str]] = defaultdict(set)
    for r in reports:
        if r.kind:
            kinds[r.body].add(r.kind)
    groups: dict[tuple[str, str], list[int]] = defaultdict(list)
    for r in reports:
        if r.year is not None and r.body:
            # a report whose kind the parser missed joins its body's series when there is one
            kind = r.kind or (next(iter(kinds[r.body])) if len(kinds[r.body]) == 1 else "")
            groups[(r.body, kind)].append(r.index)
    out = []
    for (body, kind), members in groups.items():
        if len({reports[i].year for i in members}) < 2:
            continue
        members.sort(key=lambda i: (reports[i].year, reports[i].rel))
        out.append(Series(body, kind, members))
    out.sort(key=lambda s: (-len(s.members), s.body, s.kind))
    return out


def shared_years(series: Series, reports: list[Report]) -> str:
    """'2 reports of 2023 (rB.pdf, rB.txt), each compared with the year before' for the years of
    `series` that more than one report claims (one year's report in two formats, a draft beside
    the final: batch keeps both), joined by '; '; '' when each year has one report."""
    by_year: dict[int, list[str]] = {}
    for i in series.members:
        by_year.setdefault(reports[i].year, []).append(reports[i].rel)  # type: ignore[arg-type]
    shared = [f"{len(rels)} reports of {year} ({', '.join(rels)})" for year, rels in by_year.items()
              if len(rels) > 1]
    return "; ".join(shared) + ", each compared with the year before" if shared else ""


def series_steps(series: list[Series], reports: list[Report]) -> list[Step]:
    """Each member's step back to the latest member of an earlier year (first of that year by path)."""
    steps = []
    for n, s in enumerate(series):
        first_of_year: dict[int, int] = {}
        for i in s.members:
            first_of_year.setdefault(reports[i].year, i)  # type: ignore[arg-type]
        years = sorted(first_of_year)
        for i in s.members:
            year = reports[i].year
            earlier = [y for y in years if y < year]  # type: ignore[operator]
            if earlier:
                steps.append(Step(n, first_of_year[earlier[-1]], i))
    return steps


def adjacency_rate(
    series: list[Series], nearest: dict[int, int], reports: list[Report]
) -> tuple[int, int]:
    """(hits, total): series members whose nearest neighbour is an adjacent year of their series."""
    hits = total = 0
    for s in series:
        years = sorted({reports[i].year for i in s.members})  # type: ignore[type-var]
        position = {y: p for p, y in enumerate(years)}
        members = set(s.members)
        for i in s.members:
            if i not in nearest:
                continue
            total += 1
            j = nearest[i]
            if j in members and abs(position[reports[j].year] - position[reports[i].year]) == 1:
                hits += 1
    return hits, total
