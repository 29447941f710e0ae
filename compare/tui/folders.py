"""What the open screen lists: report files of a folder, what each one is, recent folders.

Pure Python (no Textual): the open screen calls `describe` from a thread worker and only shows
the results. What a report is (agency, year, kind) comes from the folder's `manifest.yaml` when
it says, else from parsing the report; parsed descriptions are kept in the batch parse cache
(`extras`, keyed by the file's bytes and the parser's code), so a folder lists at once the
second time. Recent folders are a small JSON list in the user config directory.
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Iterator

import platformdirs

from compare.batch.cache import ParseCache, default_cache_dir, record_key
from compare.errors import ReportError
from compare.files.atomic import atomic_write
from compare.files.reading import read_limited
from compare.parsing.corpus import REPORT_SUFFIXES, manifest_entry, written_by_us
from compare.parsing.pipeline import parse_file

RECENT_FILE = "recent-folders.json"
RECENT_MAX = 10
CONFIG_VARIABLE = "COMPARE_REPORTS_CONFIG"


@dataclass(frozen=True, slots=True)
class Report:
    """One report file of a folder, with what is known about it so far."""

    path: Path
    agency: str = ""
    year: int | None = None
    kind: str = ""
    known: bool = False  # False until the manifest or the report itself said what it is
    problem: str = ""  # why the report could not be read, when it could not

    @property
    def label(self) -> str:
        return " ".join(p for p in (self.agency, str(self.year or ""), self.kind) if p) or self.path.name

    def sort_key(self) -> tuple[int, str, int, str]:
        """By agency then year (unknown agencies last, by file name)."""
        return (0 if self.agency else 1, self.agency or self.path.name, self.year or 0,
                self.path.name)


def within(path: Path, root: Path | None) -> bool:
    """Whether `path` is `root` or inside it once symlinks and `..` are resolved (always True
    without a root). `serve` confines each page's open screen to its root with this."""
    if root is None:
        return True
    try:
        return path.resolve().is_relative_to(root.resolve())
    except (OSError, RuntimeError):  # a symlink loop, an unreadable folder
        return False


def report_files(folder: Path, root: Path | None = None) -> list[Path]:
    """Report files (.txt, .html, .htm, .docx, .pdf) directly in `folder`, by name, leaving
    out those whose symlink points outside `root` and pages this tool wrote; raises ReportError when the folder cannot
    be read."""
    try:
        return sorted(
            p for p in folder.iterdir()
            if p.suffix.lower() in REPORT_SUFFIXES and p.is_file() and not p.name.startswith(".")
            and within(p, root) and not written_by_us(p)
        )
    except OSError as err:
        raise ReportError(folder, f"cannot list the folder ({err.strerror or err})") from None


def from_manifest(path: Path) -> Report:
    """What the folder's manifest says about `path` (`known` only when it names the agency)."""
    try:
        entry = manifest_entry(path) or {}
    except ReportError:
        entry = {}
    year = entry.get("year")
    return Report(
        path=path,
        agency=str(entry.get("agency") or ""),
        year=year if isinstance(year, int) else None,
        kind=str(entry.get("kind") or ""),
        known=bool(entry.get("agency")),
    )


def describe(paths: Iterable[Path], cache_dir: Path | None = None) -> Iterator[Report]:
    """Each report as the parser reads it (agency, year reported on, kind), from the parse
    cache when the same bytes were described before. Unreadable files come back with
    `problem` set, never raise. A report whose manifest entry names the agency is not parsed."""
    try:
        cache: ParseCache | None = ParseCache(cache_dir or default_cache_dir())
    except ReportError:
        cache = None  # no cache: describe every report afresh
    try:
        for path in paths:
            known = from_manifest(path)
            if known.known:
                yield known
                continue
            try:  # bounded: a file over the size limit (or turned into a FIFO) is not read
                key = "describe:" + record_key(
                    hashlib.sha256(read_limited(path, "report file")).hexdigest(), path.suffix)
            except ReportError as err:
                yield Report(path, problem=err.message, known=True)
                continue
            stored = cache.extras([key]).get(key) if cache else None
            if stored is not None:
                data = json.loads(stored)
            else:
                try:
                    doc = parse_file(path)
                except ReportError as err:
                    yield Report(path, problem=err.message, known=True)
                    continue
                data = {"agency": doc.agency, "year": doc.year, "kind": doc.kind}
                if cache:
                    try:
                        cache.put_extras({key: json.dumps(data, ensure_ascii=False)})
                    except ReportError:
                        cache = None
            yield Report(path, agency=data["agency"] or "", year=data["year"],
                         kind=data["kind"] or "", known=True)
    finally:
        if cache:
            cache.close()


def neighbour_years(chosen: Report, reports: Iterable[Report]) -> list[Report]:
    """The usual other sides of a comparison with `chosen`: the same agency's (and kind's)
    report of the nearest earlier year, then of the nearest later year (either may be
    missing: [] when the agency has no other dated report)."""
    same = [
        r for r in reports
        if r.path != chosen.path and r.agency == chosen.agency and r.kind == chosen.kind
        and r.year and chosen.year and r.year != chosen.year
    ]
    earlier = [r for r in same if (r.year or 0) < (chosen.year or 0)]
    later = [r for r in same if (r.year or 0) > (chosen.year or 0)]
    offers = [max(earlier, key=lambda r: r.year or 0)] if earlier else []
    return offers + ([min(later, key=lambda r: r.year or 0)] if later else [])


# -- recent folders --------------------------------------------------------------------------


def config_dir() -> Path:
    """`$COMPARE_REPORTS_CONFIG`, else the user config directory of compare-reports."""
    env = os.environ.get(CONFIG_VARIABLE)
    if env:
        return Path(env)
    return Path(platformdirs.user_config_dir("compare-reports"))


def recent_folders() -> list[Path]:
    """Folders reports were last opened from, newest first, those that still exist."""
    try:
        data = json.loads((config_dir() / RECENT_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return []
    if not isinstance(data, list):
        return []
    return [Path(p) for p in data if isinstance(p, str) and Path(p).is_dir()][:RECENT_MAX]


def remember_folder(folder: Path) -> None:
    """Put `folder` first among the recent folders (a config directory that cannot be
    written is ignored: the list is a convenience)."""
    folder = Path(os.path.abspath(folder))
    folders = [folder] + [p for p in recent_folders() if p != folder]
    data = json.dumps([str(p) for p in folders[:RECENT_MAX]], ensure_ascii=False, indent=1)
    try:
        config_dir().mkdir(parents=True, exist_ok=True)
        atomic_write(config_dir() / RECENT_FILE, (data + "\n").encode("utf-8"))
    except OSError:
        pass
