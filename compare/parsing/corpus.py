"""The bundled corpus and corpus manifests (`manifest.yaml`: agency, year, kind, script, source).

A manifest maps file names to what is known about them from outside the text; the parser's
own metadata is used where a file has no entry.

A manifest's checked entries are kept in the user cache (`manifests/KEY.json`, KEY a hash of
the manifest's path and text and of the code that checks it: this module and
`compare.files.yamlfiles`),
so a command that reads one or two reports of a corpus does not import and run PyYAML each time
(~20 ms of CPU at each start for the bundled 23 KB manifest; `compare-reports align --json`,
issue 17). A broken manifest is never cached; an unreadable or damaged cache file is ignored.
Each kept file names its manifest; when a new one is written, the files of manifests that no
longer exist are deleted and at most `KEPT_MANIFESTS` are kept (the newest), so the folder does
not grow with every folder a user (or a test run) once opened.
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from compare.errors import ReportError
from compare.files import yamlfiles
from compare.files.atomic import atomic_write
from compare.files.folders import cache_dir
from compare.files.reading import read_limited_text
from compare.files.yamlfiles import YAMLLimitError, duplicate_key, loads_yaml_nodes, where

if TYPE_CHECKING:
    import yaml

REPORT_SUFFIXES = (".txt", ".html", ".htm", ".docx", ".pdf")

GENERATOR_META = '<meta name="generator" content="compare-reports">'
"""The mark in the <head> of every page this tool writes (batch, series, diff --html): the
standard HTML `generator` meta name, so a folder scanned for reports leaves those pages out."""

_HEAD_BYTES = 2048  # the mark sits in the first few hundred bytes of our pages


def written_by_us(path: Path) -> bool:
    """Whether `path` is an HTML page this tool wrote (its first 2,048 bytes hold
    `GENERATOR_META`): such a page is an output, never a report. Other files, and files that
    cannot be read (the reader names those), are not."""
    if path.suffix.lower() not in (".html", ".htm"):
        return False
    try:
        with path.open("rb") as f:
            head = f.read(_HEAD_BYTES)
    except OSError:
        return False
    return GENERATOR_META.encode() in head


def corpus_dir() -> Path:
    """`$COMPARE_REPORTS_CORPUS`, else `corpus/` of the source checkout, else `./corpus`."""
    env = os.environ.get("COMPARE_REPORTS_CORPUS")
    if env:
        return Path(env)
    here = Path(__file__).resolve().parents[2] / "corpus"  # compare/parsing/ → the checkout
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


# Fields of a manifest entry and what each must be; others (notes) are kept out. `url` is where
# the report was published (annotation exports name it).
TEXT_FIELDS = ("agency", "kind", "title", "script", "source", "url")
FIRST_YEAR, LAST_YEAR = 1949, 2100
"""Years a report may be about: from the founding of the PRC to the end of this century."""


def _shown(value: object) -> str:
    """A bad value as the user wrote it, short (a 26-digit year is shown whole, a list cut)."""
    text = str(value) if not isinstance(value, str) else value
    return text if len(text) <= 40 else text[:37] + "…"


_DIGITS = dict(zip("〇零一二三四五六七八九", "00123456789"))


def _year(value: object, manifest: Path, where: str, key: str = "year") -> int:
    """A manifest year (`year`, `covers`): a whole number from 1949 to 2100 (YAML `2016`, or
    the text `"2016"`)."""
    if isinstance(value, str) and value.strip().isascii() and value.strip().isdigit():
        value = int(value.strip())
    if isinstance(value, bool) or not isinstance(value, int):
        digits = "".join(_DIGITS.get(c, c) for c in str(value) if c.isdigit() or c in _DIGITS)
        example = digits if len(digits) == 4 and digits.isascii() else "2016"
        raise ReportError(
            manifest,
            f"{where}: {key} '{_shown(value)}' is not a number (write the year as four "
            f"digits, such as {example})",
        )
    if not FIRST_YEAR <= value <= LAST_YEAR:
        raise ReportError(
            manifest, f"{where}: {key} '{_shown(value)}' is not a year from {FIRST_YEAR} to {LAST_YEAR}"
        )
    return value


def _entry(item: object, manifest: Path, number: int) -> dict[str, Any]:
    """One validated entry: `file` and any of agency, kind, title, script, source (text), year (int)."""
    if not isinstance(item, dict) or not isinstance(item.get("file"), str) or not item["file"].strip():
        raise ReportError(manifest, f"report #{number} has no 'file' (the report's file name)")
    where = _shown(item["file"])
    out: dict[str, Any] = {"file": item["file"]}
    for key in TEXT_FIELDS:
        value = item.get(key)
        if value is None:
            continue
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            value = str(value)  # an agency or a source written as a bare number is still text
        if not isinstance(value, str):
            got = "a list" if isinstance(value, list) else "a mapping" if isinstance(value, dict) else f"'{_shown(value)}'"
            raise ReportError(manifest, f"{where}: {key} must be text (got {got})")
        out[key] = value
    for key in ("year", "covers"):
        if item.get(key) is not None:
            out[key] = _year(item[key], manifest, where, key)
    return out


@dataclass(frozen=True, slots=True)
class Manifest:
    """A manifest's checked entries by file name, and the problem of each bad entry by file name
    (raised only when that report is read, so one bad entry does not stop the others)."""

    entries: dict[str, dict[str, Any]]
    problems: dict[str, ReportError]

    def entry(self, name: str) -> dict[str, Any] | None:
        """The checked entry of report file `name`; raises its `ReportError` if it is bad."""
        if name in self.problems:
            raise self.problems[name]
        return self.entries.get(name)

    def check(self) -> None:
        """Raise the first bad entry's `ReportError`, for commands that read every report."""
        for problem in self.problems.values():
            raise problem


def _file_name(node: yaml.Node) -> str | None:
    import yaml  # deferred: PyYAML only when a manifest is parsed (see the module docstring)

    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            if getattr(key, "value", None) == "file" and isinstance(value, yaml.ScalarNode):
                return str(value.value)
    return None


def _cached_path(manifest: Path, text: str) -> Path:
    """Where the checked entries of this manifest are kept: `manifests/PLACE-CONTENT.json`, PLACE
    a hash of its path (which its problems name), CONTENT of its text and of the code that checks
    it (see the module docstring)."""
    place = hashlib.blake2b(str(manifest).encode("utf-8", "surrogateescape"), digest_size=8)
    content = hashlib.blake2b(text.encode("utf-8"), digest_size=12)
    for module in (__file__, yamlfiles.__file__):
        content.update(Path(module).read_bytes())
    return cache_dir() / "manifests" / f"{place.hexdigest()}-{content.hexdigest()}.json"


def _cached(path: Path) -> Manifest | None:
    """The manifest kept at `path`, or None when there is none or it cannot be read whole."""
    try:
        kept = json.loads(path.read_bytes())
        entries, problems = kept["entries"], kept["problems"]
        if not isinstance(entries, dict) or not isinstance(problems, dict):
            return None
        return Manifest(entries, {name: ReportError(where_, message)
                                  for name, (where_, message) in problems.items()})
    except (OSError, ValueError, KeyError, TypeError):
        return None


KEPT_MANIFESTS = 200
"""Most manifest files kept in the user cache (each a few KB to ~100 KB for a corpus of a
thousand reports): far more corpora than one person works on, a bound on the folder's size."""


def _keep(path: Path, manifest: Manifest, source: Path) -> None:
    """Keep a checked manifest for the next process, naming its `source` (the manifest file);
    a cache that cannot be written is skipped. Then `_prune` the folder."""
    kept = {"manifest": os.fsdecode(source), "entries": manifest.entries,
            "problems": {name: [err.path, err.message] for name, err in manifest.problems.items()}}
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        atomic_write(path, json.dumps(kept, ensure_ascii=False).encode("utf-8"))
        _prune(path)
    except (OSError, TypeError, ValueError):
        pass


def _prune(written: Path) -> None:
    """Delete, beside the just `written` cache file: the same manifest's files from before an edit,
    files whose manifest no longer exists (or that name none: written before files named their
    manifest, or damaged), and all but the `KEPT_MANIFESTS` newest. Runs only when a manifest was
    parsed anew (a cache miss), so a warm start never scans the folder."""
    place = written.name.split("-")[0]
    others = [f for f in written.parent.glob("*.json") if f != written]
    by_age = sorted(others, key=lambda f: f.stat().st_mtime, reverse=True)
    for rank, kept in enumerate(by_age, start=1):
        if kept.name.split("-")[0] == place or rank >= KEPT_MANIFESTS:
            kept.unlink(missing_ok=True)
            continue
        try:
            source = json.loads(kept.read_bytes()).get("manifest")
        except (OSError, ValueError, AttributeError):
            source = None
        if not isinstance(source, str) or not Path(source).is_file():
            kept.unlink(missing_ok=True)


@lru_cache(maxsize=64)
def _load_manifest(manifest: Path, mtime: float) -> Manifest:
    """The entries of a manifest by file name, each checked (`_entry`); a broken file or a bad
    top level is a `ReportError` at once, a bad entry is kept as that report's problem.
    Kept in the user cache once checked, and read from there while the text and the code that
    checks it are unchanged."""
    text = read_limited_text(manifest, "manifest")
    try:
        kept_at: Path | None = _cached_path(manifest, text)
    except OSError:
        kept_at = None
    kept = _cached(kept_at) if kept_at is not None else None
    if kept is not None:
        return kept
    checked = _check_manifest(manifest, text)
    if kept_at is not None:
        _keep(kept_at, checked, manifest)
    return checked


def _check_manifest(manifest: Path, text: str) -> Manifest:
    """`_load_manifest` of a manifest's text, parsed with PyYAML and checked entry by entry."""
    root, data = loads_yaml_nodes(text, manifest, "manifest", duplicate_keys=False)
    reports = (data or {}).get("reports", []) if isinstance(data, dict) else None
    if not isinstance(reports, list):
        raise ReportError(manifest, "expected a mapping with a 'reports' list")
    problems: dict[str, ReportError] = {}
    try:
        duplicate_key(root)
    except YAMLLimitError as err:
        raise ReportError(where(manifest, err.line), err.message) from None
    nodes: list[Any] = next((v.value for k, v in root.value if getattr(k, "value", None) == "reports"), [])  # type: ignore[union-attr]
    for number, node in enumerate(nodes, start=1):
        name = _file_name(node)
        try:
            duplicate_key(node)
        except YAMLLimitError as err:
            problems.setdefault(
                name or f"#{number}",
                ReportError(manifest, f"{name or f'report #{number}'}: line {err.line}: {err.message}"),
            )
    entries: dict[str, dict[str, Any]] = {}
    for number, item in enumerate(reports, start=1):
        try:
            entry = _entry(item, manifest, number)
        except ReportError as err:
            name = item.get("file") if isinstance(item, dict) else None
            problems.setdefault(str(name) if name else f"#{number}", err)
            continue
        if entry["file"] in entries:
            problems.setdefault(entry["file"], ReportError(manifest, f"{_shown(entry['file'])} is listed twice"))
        entries[entry["file"]] = entry
    return Manifest(entries, problems)


def manifest_entry(path: Path) -> dict[str, Any] | None:
    """The manifest entry for a report file, from `manifest.yaml` in its folder, if any."""
    manifest = path.parent / "manifest.yaml"
    if not manifest.is_file():
        return None
    entry = _load_manifest(manifest.resolve(), manifest.stat().st_mtime).entry(path.name)
    if entry is None:
        return None
    return {
        k: entry.get(k)
        for k in ("agency", "year", "covers", "kind", "title")
        if entry.get(k) is not None
    }


def report_url(path: Path) -> str:
    """Where the report was published: its manifest entry's `url`, or its `source` when that
    is a web address; "" when the manifest does not say (or there is none)."""
    manifest = path.parent / "manifest.yaml"
    try:
        if not manifest.is_file():
            return ""
        entry = _load_manifest(manifest.resolve(), manifest.stat().st_mtime).entry(path.name) or {}
    except (OSError, ReportError):
        return ""
    for key in ("url", "source"):
        value = entry.get(key)
        if isinstance(value, str) and value.startswith(("http://", "https://")):
            return value.strip()
    return ""


def list_reports(folder: Path | None = None) -> list[CorpusEntry]:
    """Reports in a corpus folder, with manifest metadata where there is any."""
    folder = folder or corpus_dir()
    if not folder.is_dir():
        raise ReportError(folder, "no such corpus folder")
    manifest = folder / "manifest.yaml"
    entries: dict[str, dict[str, Any]] = {}
    if manifest.is_file():
        checked = _load_manifest(manifest.resolve(), manifest.stat().st_mtime)
        checked.check()
        entries = checked.entries
    out = []
    for path in sorted(folder.iterdir()):
        if path.suffix.lower() not in REPORT_SUFFIXES or not path.is_file() or written_by_us(path):
            continue
        e = entries.get(path.name, {})
        out.append(
            CorpusEntry(
                path=path,
                agency=str(e.get("agency", "")) or path.stem,
                year=e.get("year"),
                kind=str(e.get("kind", "")),
                script=str(e.get("script", "")),
                source=str(e.get("source", "")),
            )
        )
    return out
