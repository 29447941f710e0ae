"""The bundled corpus and corpus manifests (`manifest.yaml`: agency, year, kind, script, source).

A manifest maps file names to what is known about them from outside the text; the parser's
own metadata is used where a file has no entry.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from compare.errors import ReportError
from compare.files.yamlfiles import duplicate_message, read_yaml

REPORT_SUFFIXES = (".txt", ".html", ".htm", ".docx")


def corpus_dir() -> Path:
    """`$COMPARE_REPORTS_CORPUS`, else `corpus/` of the source checkout, else `./corpus`."""
    env = os.environ.get("COMPARE_REPORTS_CORPUS")
    if env:
        return Path(env)
    here = Path(__file__).resolve().parent.parent / "corpus"
    if here.is_dir():
        return here
    return Path.cwd() / "corpus"


@dataclass(frozen=True, slots=True)
class CorpusEntry:
    path: Path
    agency: str
    year: int | None
    kind: str
    script: str = ""
    source: str = ""

    @property
    def label(self) -> str:
        return f"{self.agency} {self.year or ''} {self.kind}".strip()


@lru_cache(maxsize=64)
def _load_manifest(manifest: Path, mtime: float) -> dict[str, dict[str, Any]]:
    data = read_yaml(manifest, "manifest", duplicates_ok=True)
    top = duplicate_message(data)
    if top:
        raise ReportError(manifest, top)
    reports = (data or {}).get("reports", []) if isinstance(data, dict) else None
    if not isinstance(reports, list):
        raise ReportError(manifest, "expected a mapping with a 'reports' list")
    out: dict[str, dict[str, Any]] = {}
    for i, item in enumerate(reports):
        if not isinstance(item, dict) or not isinstance(item.get("file"), str):
            raise ReportError(manifest, f"report #{i + 1} has no 'file'")
        if item["file"] in out:
            raise ReportError(manifest, f"{item['file']} is listed twice")
        out[item["file"]] = item
    return out


def manifest_entry(path: Path) -> dict[str, Any] | None:
    """The manifest entry for a report file, from `manifest.yaml` in its folder, if any."""
    manifest = path.parent / "manifest.yaml"
    if not manifest.is_file():
        return None
    entries = _load_manifest(manifest.resolve(), manifest.stat().st_mtime)
    entry = entries.get(path.name)
    if entry is None:
        return None
    problem = duplicate_message(entry)
    if problem:
        raise ReportError(manifest, f"{path.name}: {problem}")
    year = entry.get("year")
    if year is not None and not isinstance(year, int) and not str(year).strip().isdigit():
        raise ReportError(manifest, f"{path.name}: year {str(year)!r} is not a number")
    return {k: entry.get(k) for k in ("agency", "year", "kind", "title") if entry.get(k) is not None}


def list_reports(folder: Path | None = None) -> list[CorpusEntry]:
    """Reports in a corpus folder, with manifest metadata where there is any."""
    folder = folder or corpus_dir()
    if not folder.is_dir():
        raise ReportError(folder, "no such corpus folder")
    manifest = folder / "manifest.yaml"
    entries = (
        _load_manifest(manifest.resolve(), manifest.stat().st_mtime) if manifest.is_file() else {}
    )
    out = []
    for path in sorted(folder.iterdir()):
        if path.suffix.lower() not in REPORT_SUFFIXES or not path.is_file():
            continue
        e = entries.get(path.name, {})
        out.append(
            CorpusEntry(
                path=path,
                agency=str(e.get("agency", "")) or path.stem,
                year=int(e["year"]) if isinstance(e.get("year"), int) else None,
                kind=str(e.get("kind", "")),
                script=str(e.get("script", "")),
                source=str(e.get("source", "")),
            )
        )
    return out
