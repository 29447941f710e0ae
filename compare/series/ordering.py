"""The reports of one body, ordered by year: what a series is made of.

Files come from folders (searched recursively, as `batch` does) and single paths. Each is
parsed (`parse_file`, so a `manifest.yaml` beside it supplies agency, year and kind); a report
whose metadata has no year takes the four-digit year of its file name. Reports are grouped by
body (`compare.batch.scan.body_key` of the agency) and kind; `--body NAME` picks the group
whose body or kind contains NAME, otherwise the group with the most years is the series and
the others are named in `notes`. Of two reports of the same year the first given is kept: a
file named before a folder stands for its year (the review app names the two reports it shows
first, so its series is made of them), and within a folder the first by path.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from compare.batch.cache import ParseCache
from compare.batch.documents import cached_document
from compare.batch.scan import body_key, find_reports
from compare.errors import ReportError
from compare.parsing.corpus import REPORT_SUFFIXES
from compare.parsing.document import Document
from compare.parsing.normalise import simplify
from compare.parsing.pipeline import parse_file

_FILE_YEAR = re.compile(r"(?<!\d)((?:19|20)\d{2})(?!\d)")


@dataclass(slots=True)
class Ordered:
    """The chosen series: body name, its documents by year, and what was left out and why."""

    body: str
    documents: list[Document]
    notes: list[str] = field(default_factory=list)

    @property
    def years(self) -> list[int]:
        return [d.year for d in self.documents]  # type: ignore[misc]


def load_report(path: str | Path, cache: ParseCache | None = None) -> Document:
    """Parse one report (through the batch parse cache when one is given: a report parsed
    before is read back, `batch.documents.cached_document`); the year falls back to the file
    name's (see the module docstring). Raises `ReportError` for a file that cannot be read."""
    doc = cached_document(path, cache) if cache is not None else parse_file(path)
    if doc.year is None:
        found = _FILE_YEAR.findall(Path(path).stem)
        if found:
            doc.year = int(found[-1])
    return doc


def collect_files(inputs: list[str]) -> list[Path]:
    """Report files named or found under the folders named, each once, in the order given."""
    out: list[Path] = []
    for item in inputs:
        p = Path(item)
        if p.is_dir():
            out.extend(f.path for f in find_reports(p))
        elif p.is_file():
            if p.suffix.lower() not in REPORT_SUFFIXES:
                raise ReportError(p, f"not a report file ({', '.join(REPORT_SUFFIXES)})")
            out.append(p)
        else:
            raise ReportError(p, "no such file or folder")
    seen: set[Path] = set()
    unique = []
    for p in out:
        key = p.resolve()
        if key not in seen:
            seen.add(key)
            unique.append(p)
    return unique


def body_of(doc: Document) -> str:
    return f"{body_key(doc.agency)} {simplify(doc.kind or '')}".strip()


def order_reports(documents: list[Document], body: str | None = None) -> Ordered:
    """Group `documents` by body and kind and return one series ordered by year; of two
    reports of one year, the one earlier in `documents` is kept and the other named in `notes`.

    Raises `ReportError` when no body matches `body`, or when the chosen series has fewer
    than two years.
    """
    notes: list[str] = []
    groups: dict[str, list[Document]] = defaultdict(list)
    for doc in documents:
        if doc.year is None:
            notes.append(f"{doc.path}: no year in its metadata or file name, left out")
            continue
        groups[body_of(doc)].append(doc)
    if not groups:
        raise ReportError(documents[0].path if documents else ".", "no report with a year to order")
    if body:
        wanted = simplify(body).replace(" ", "")
        names = [n for n in groups if wanted in n.replace(" ", "")]
        if not names:
            known = ", ".join(sorted(groups))
            raise ReportError(body, f"no series of this body among the reports (bodies: {known})")
    else:
        names = list(groups)
    chosen = max(names, key=lambda n: (len({d.year for d in groups[n]}), n))
    others = sorted((n for n in groups if n != chosen), key=lambda n: (-len(groups[n]), n))
    if others:
        named = ", ".join(f"{n or 'unknown body'} ({len(groups[n])})" for n in others[:5])
        more = f" and {len(others) - 5} more" if len(others) > 5 else ""
        count = sum(len(groups[n]) for n in others)
        notes.append(f"left out {count} report(s) of {len(others)} other bodies: {named}{more} (choose with --body)")
    docs: list[Document] = []
    kept: dict[int, Document] = {}
    for doc in sorted(groups[chosen], key=lambda d: d.year or 0):  # every year is set (above)
        year = doc.year or 0
        if year in kept:  # stable sort: the first given of a year stands for it
            notes.append(f"{doc.path}: a second report of {year}, left out ({kept[year].path} stands for {year})")
            continue
        kept[year] = doc
        docs.append(doc)
    if len(docs) < 2:
        raise ReportError(docs[0].path, f"a series needs reports of two years or more ({chosen or 'unknown body'} has one)")
    return Ordered(chosen, docs, notes)
