"""Stage one: every report of the corpus as a `Report`, parsing only what the cache lacks.

The batch process reads and hashes each file; files whose key is in the cache are not sent
anywhere. The rest go to the runner in chunks (bytes and name), come back as packed records
(or an error), and are written to the cache by this process alone.

Each record keeps the whole parsed report too (`compare.parsing.serial`): the stages that
need it (word measures, side-by-side pages, series pages) take it from the cache with
`stored_documents` and `document_of` instead of parsing the bytes again (a second parse of
every report was a tenth of a cold run's CPU). `cached_document` is `parse_file` through
the cache, for whoever parses reports a batch has already parsed.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from compare.batch import record as rec
from compare.batch.cache import ParseCache, record_key
from compare.batch.progress import Progress
from compare.batch.runner import Runner, chunked
from compare.batch.scan import Report, ReportFile, describe, read_report
from compare.files.reading import read_limited
from compare.errors import ReportError
from compare.parsing.corpus import manifest_entry
from compare.parsing.document import Document
from compare.parsing.loading import load_bytes
from compare.parsing.pipeline import apply_path_metadata, parse_loaded
from compare.parsing.serial import document_from_bytes, document_to_bytes

CHUNK = 8  # files per task: enough to amortise sending, small enough to balance two cores


@dataclass(slots=True)
class Corpus:
    """The reports of one batch run, in path order, with what the later stages need in memory."""

    reports: list[Report]
    sketches: np.ndarray  # (n, NUM_PERM) uint32
    clauses: list[np.ndarray]  # record.REUSE_DTYPE per report: clause hashes and lengths
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (relative path, why)
    parsed: int = 0  # files parsed in this run
    cached: int = 0  # files whose record came from the cache

    def __len__(self) -> int:
        return len(self.reports)


def parse_chunk(items: list[tuple[str, str, bytes]]) -> list[tuple[str, dict | None, str | None]]:
    """Worker: (key, name, bytes) → (key, packed record, None) or (key, None, error)."""

    out: list[tuple[str, dict | None, str | None]] = []
    for key, name, data in items:
        try:
            loaded = load_bytes(data, name)
            doc = parse_loaded(loaded, name)
            out.append((key, _packed(doc), None))
        except ReportError as err:
            out.append((key, None, err.message))
        except Exception as err:  # one broken report must not stop a run over thousands
            out.append((key, None, f"the parser failed ({type(err).__name__}: {err})"))
    return out


def _packed(doc: Document) -> dict[str, bytes]:
    """The cache row of a report parsed by its bytes alone: the record and the whole document."""
    packed = rec.pack(rec.record_from_document(doc))
    packed["document"] = document_to_bytes(doc)
    return packed


def stored_documents(cache: ParseCache, keys: list[str]) -> dict[str, bytes]:
    """The stored parsed reports of `keys` (record keys) that the cache holds, by key."""
    rows = cache.documents(keys, columns=("document",))
    out: dict[str, bytes] = {}
    for key, row in rows.items():
        stored = row.get("document")
        if isinstance(stored, bytes):
            out[key] = stored
    return out


def document_of(name: str, stored: bytes | None, data: bytes) -> Document:
    """Worker: the parsed report `name` from its stored form, or parsed from its bytes `data`
    when there is none or it is damaged (a bad row costs a parse, never the run). The same
    document as `parse_loaded(load_bytes(data, name), name)`; raises `ReportError` as it does."""
    if stored is not None:
        try:
            return document_from_bytes(stored, name)
        except ValueError:
            pass
    return parse_loaded(load_bytes(data, name), name)


def with_metadata(doc: Document, report: Report) -> Document:
    """`doc` (parsed by its bytes alone) carrying the metadata the batch settled for `report`
    (`scan.describe`: the manifest, the text, the file name), as the batch's tables show it;
    changed in place and returned."""
    doc.path = report.rel
    doc.title = report.title or doc.title
    doc.agency, doc.year, doc.kind, doc.covers = report.agency, report.year, report.kind, report.covers
    return doc


def cached_document(path: str | Path, cache: ParseCache | None, *, use_manifest: bool = True) -> Document:
    """`compare.parsing.pipeline.parse_file(path)` through the batch parse cache: the report
    batch already parsed (same bytes, suffix and parser) is read back, not parsed; one not
    yet there is parsed and stored (with its batch record) for the next reader, unless the
    cache was opened read-only (a worker process). `cache=None` parses. Raises `ReportError`
    as `parse_file` does."""
    path = Path(path)
    data = read_limited(path, "report file")
    key = record_key(hashlib.sha256(data).hexdigest(), path.suffix)
    stored = stored_documents(cache, [key]).get(key) if cache is not None else None
    doc: Document | None = None
    if stored is not None:
        try:
            doc = document_from_bytes(stored, str(path))
        except ValueError:
            doc = None
    if doc is None:
        doc = parse_loaded(load_bytes(data, str(path)), str(path))
        if cache is not None and not cache.readonly:
            cache.put_documents([(key, _packed(doc), None)])
    overrides = manifest_entry(path) if use_manifest else None
    return apply_path_metadata(doc, str(path), overrides, names=True)


def _entry_problem(path: Path, err: ReportError) -> str:
    """Why report `path` is skipped, from its bad manifest entry's error: "manifest.yaml: year
    '2015年' is not a number …" (the report's own name is the skipped row's first column)."""
    message = err.message.removeprefix(f"{path.name}: ")
    return message if Path(err.path) == path else f"{Path(err.path).name}: {message}"


def load_corpus(
    files: list[ReportFile], cache: ParseCache, runner: Runner, progress: Progress
) -> Corpus:
    keys: list[str] = []
    missing: list[int] = []
    with progress.stage("hashing", len(files)) as bar:
        for i, f in enumerate(files):
            _, sha = read_report(f)
            keys.append(record_key(sha, f.path.suffix))
            bar.advance()
    found = cache.documents(keys, columns=("meta",))
    missing = [i for i, k in enumerate(keys) if k not in found]

    def tasks():
        for chunk in chunked(missing, CHUNK):
            yield [(keys[i], files[i].rel, read_report(files[i])[0]) for i in chunk]

    parsed = 0
    with progress.stage("parsing", len(missing)) as bar:
        for results in runner.map(parse_chunk, tasks()):
            cache.put_documents(results)
            parsed += len(results)
            bar.advance(len(results))
    return _assemble(files, keys, cache, progress, parsed=parsed, cached=len(files) - len(missing))


def _assemble(
    files: list[ReportFile], keys: list[str], cache: ParseCache, progress: Progress,
    *, parsed: int, cached: int,
) -> Corpus:
    reports: list[Report] = []
    sketches: list[np.ndarray] = []
    clauses: list[np.ndarray] = []
    skipped: list[tuple[str, str]] = []
    with progress.stage("loading records", len(files)) as bar:
        for start in range(0, len(files), 500):
            block = list(range(start, min(start + 500, len(files))))
            rows = cache.documents([keys[i] for i in block])
            for i in block:
                row = rows.get(keys[i])
                bar.advance()
                if row is None:
                    skipped.append((files[i].rel, "missing from the parse cache"))
                    continue
                if row["error"]:
                    skipped.append((files[i].rel, str(row["error"])))
                    continue
                try:
                    meta = rec.unpack_meta(row["meta"])  # type: ignore[arg-type]
                    units = rec.unpack_clauses(row["clauses"])  # type: ignore[arg-type]
                    sk = np.frombuffer(row["sketch"], dtype="<u4")  # type: ignore[call-overload]
                except (ValueError, TypeError, UnicodeDecodeError):
                    skipped.append((files[i].rel, "damaged parse-cache record (rerun to rebuild)"))
                    cache.put_documents([(keys[i], None, None)])
                    continue
                try:
                    report = describe(len(reports), files[i], keys[i], meta)
                except ReportError as err:  # a bad manifest entry skips only its report
                    skipped.append((files[i].rel, _entry_problem(files[i].path, err)))
                    continue
                reports.append(report)
                sketches.append(sk)
                clauses.append(rec.reuse_view(units))
    matrix = np.vstack(sketches) if sketches else np.zeros((0, 0), dtype=np.uint32)
    return Corpus(reports, matrix, clauses, skipped, parsed, cached)
