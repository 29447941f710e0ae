"""Finding the reports under a folder, and who wrote them and when.

Reports are found recursively (hidden folders, the output folder and any page this tool wrote
skipped: `parsing.corpus.written_by_us`). A
`manifest.yaml` beside a file (the `corpus/` format) supplies agency, year, covers, kind and
title; where it says nothing the parser's metadata is used, and where the text says nothing
either, the file name and folder (`海拉尔区人民政府_2019.txt`, `<body>/2019.txt`:
`parsing.metadata.metadata_from_path`).
"""

from __future__ import annotations

import hashlib
import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from compare.errors import ReportError
from compare.files.reading import read_limited
from compare.parsing.corpus import REPORT_SUFFIXES, manifest_entry, written_by_us
from compare.parsing.metadata import covers_for, metadata_from_path
from compare.parsing.normalise import simplify


@dataclass(frozen=True, slots=True)
class ReportFile:
    path: Path
    rel: str  # relative to the corpus folder, with "/" separators


@dataclass(slots=True)
class Report:
    """One report of the corpus: where it is, what it is, and its cache key."""

    index: int
    path: Path
    rel: str
    key: str
    title: str
    agency: str
    year: int | None  # as the report names itself (parsing.metadata)
    kind: str
    date: str
    script: str
    chars: int
    covers: int | None = None  # the year whose work it reports

    @property
    def file(self) -> ReportFile:
        return ReportFile(self.path, self.rel)

    @property
    def body(self) -> str:
        """The agency as series are grouped: see `body_key`."""
        return body_key(self.agency)

    @property
    def label(self) -> str:
        return f"{self.agency or self.rel} {self.year or ''}".strip()


def find_reports(root: Path, *, exclude: Path | None = None) -> list[ReportFile]:
    """Report files under `root`, sorted by relative path."""
    if not root.is_dir():
        raise ReportError(root, "no such folder" if not root.exists() else "is not a folder")
    skip = exclude.resolve() if exclude is not None else None
    found: list[ReportFile] = []
    ours = 0  # pages this tool wrote, left out
    for folder, dirs, files in os.walk(root):
        here = Path(folder)
        dirs[:] = sorted(
            d for d in dirs
            if not d.startswith(".") and (skip is None or (here / d).resolve() != skip)
        )
        for name in files:
            if name.startswith(".") or Path(name).suffix.lower() not in REPORT_SUFFIXES:
                continue
            path = here / name
            if not path.is_file():
                continue
            if written_by_us(path):
                ours += 1
                continue
            found.append(ReportFile(path, path.relative_to(root).as_posix()))
    if not found:
        pages = f"; {ours} page{'s' if ours != 1 else ''} written by compare-reports left out" if ours else ""
        raise ReportError(root, f"no reports ({', '.join(REPORT_SUFFIXES)}) in this folder{pages}")
    found.sort(key=lambda f: f.rel)
    return found


def read_report(file: ReportFile) -> tuple[bytes, str]:
    """Bytes and their SHA-256; an unreadable file is a `ReportError` naming it."""
    data = read_limited(file.path, "report file")
    return data, hashlib.sha256(data).hexdigest()


def describe(index: int, file: ReportFile, key: str, meta: dict[str, Any]) -> Report:
    """A `Report` from the parser's metadata, with the manifest's entry winning and the file
    name and folder filling what neither says."""
    entry = manifest_entry(file.path) or {}
    named = metadata_from_path(file.path)
    year = entry.get("year", meta.get("year"))
    try:
        year = int(year) if year not in (None, "") else None
    except (TypeError, ValueError):
        raise ReportError(file.path, f"manifest year {year!r} is not a number") from None
    kind = str(entry.get("kind") or meta.get("kind") or named.get("kind") or "")
    covers = entry.get("covers", meta.get("covers"))
    if year is None and named.get("year") is not None:
        year = int(named["year"])  # type: ignore[call-overload]
        covers = covers_for(kind, year)
    elif "year" in entry or "kind" in entry:
        covers = entry.get("covers", covers_for(kind, year, covers is not None and covers == meta.get("year")))
    try:
        covers = int(covers) if covers not in (None, "") else None
    except (TypeError, ValueError):
        raise ReportError(file.path, f"manifest covers {covers!r} is not a year") from None
    return Report(
        index=index,
        path=file.path,
        rel=file.rel,
        key=key,
        title=str(entry.get("title") or meta.get("title") or ""),
        agency=str(entry.get("agency") or meta.get("agency") or named.get("agency") or ""),
        year=year,
        kind=kind,
        date=str(meta.get("date") or ""),
        script=str(meta.get("script") or ""),
        chars=int(meta.get("chars") or 0),
        covers=covers,
    )


# A year the parser left inside an agency name ("1954年人民政府") is not part of the body.
_YEAR_PREFIX = re.compile(r"^(?:19|20)\d\d\s*年?(?:度)?")
_SPACE = re.compile(r"[\s\u3000]+")


def body_key(agency: str) -> str:
    """The agency normalised for grouping: simplified script, widths, spaces, year removed."""
    name = _SPACE.sub("", simplify(agency or ""))
    return _YEAR_PREFIX.sub("", name)
