"""The parse cache: one SQLite file of batch records keyed by the bytes of each report.

A key is the SHA-256 of a file's bytes, its suffix (an `.html` file is read differently from
a `.txt` one) and a fingerprint of the code that made the record: the parser's modules and
batch's own record format. Changing any of them makes every key new, so a stale record is
never used; a grown corpus reuses every record it already has and parses only new files.

Rows hold JSON, UTF-8 text and raw numeric arrays, never pickles: whoever can write the cache
must not be able to run code. `extras` holds other per-document or per-pair results (JSON)
under keys that carry their own fingerprints. `document` holds the whole parsed report
(`compare.parsing.serial`): workers that need it read it instead of parsing the bytes again.
"""

from __future__ import annotations

import os
import sqlite3
from functools import lru_cache
from pathlib import Path
from typing import Iterable, Iterator

from compare.errors import ReportError
from compare.files.folders import cache_dir
from compare.files.fingerprint import source_fingerprint

CACHE_VARIABLE = "COMPARE_REPORTS_CACHE"
CACHE_FILE = "batch-2.sqlite"
RECORD_FORMAT = "batch-record-2"
DOCUMENT_COLUMNS = ("meta", "text", "clauses", "shingles", "sketch", "document")

# Modules whose code decides what a record holds; any change to them invalidates the cache.
_PARSER_MODULES = (
    "parsing/loading.py", "parsing/cleaning.py", "parsing/normalise.py", "parsing/structure.py",
    "parsing/metadata.py", "parsing/pipeline.py", "parsing/document.py", "text/tokens.py",
    "batch/record.py", "batch/shingles.py",
    "parsing/readers/text.py", "parsing/readers/html.py", "parsing/readers/docx.py",
    "parsing/readers/pdf.py", "parsing/readers/flat.py", "parsing/readers/loaded.py",
    "parsing/serial.py",
)


def default_cache_dir() -> Path:
    """`$COMPARE_REPORTS_CACHE`, else the user cache directory of compare-reports."""
    env = os.environ.get(CACHE_VARIABLE)
    if env:
        return Path(env)
    return cache_dir()


@lru_cache(maxsize=1)
def code_fingerprint() -> str:
    """Hash of the modules that turn bytes into a record."""
    return source_fingerprint(_PARSER_MODULES, RECORD_FORMAT)


def record_key(sha256: str, suffix: str) -> str:
    return f"{sha256}:{suffix.lower()}:{code_fingerprint()}"


def _chunks(items: list[str], n: int = 500) -> Iterator[list[str]]:
    for i in range(0, len(items), n):
        yield items[i : i + n]


def _set_aside(path: Path) -> bool:
    """Move a damaged cache file (and its WAL files) aside as `NAME.damaged`; False if we cannot."""
    try:
        path.replace(path.with_name(path.name + ".damaged"))
        for extra in ("-wal", "-shm"):
            side = path.with_name(path.name + extra)
            if side.exists():
                side.unlink()
    except OSError:
        return False
    return True


class ParseCache:
    """Records by key. One writer (the batch process), any number of readers (its workers)."""

    def __init__(self, folder: Path, *, readonly: bool = False) -> None:
        self.folder = Path(folder)
        self.path = self.folder / CACHE_FILE
        self.readonly = readonly
        try:
            self._db = self._connect(readonly)
        except sqlite3.DatabaseError as err:
            if readonly or not _set_aside(self.path):
                raise ReportError(self.path, f"the parse cache is damaged ({err}); "
                                  "remove it or choose another with --cache") from None
            self._db = self._connect(readonly)  # a damaged cache is rebuilt, not fatal

    def _connect(self, readonly: bool) -> sqlite3.Connection:
        try:
            if readonly:
                return sqlite3.connect(f"file:{self.path}?mode=ro", uri=True, timeout=60)
            self.folder.mkdir(parents=True, exist_ok=True)
            db = sqlite3.connect(self.path, timeout=60)
            try:
                db.execute("PRAGMA journal_mode=WAL")
                db.execute("PRAGMA synchronous=NORMAL")
                db.execute(
                    "CREATE TABLE IF NOT EXISTS documents (key TEXT PRIMARY KEY, meta BLOB,"
                    " text BLOB, clauses BLOB, shingles BLOB, sketch BLOB, error TEXT,"
                    " document BLOB)"
                )
                columns = {row[1] for row in db.execute("PRAGMA table_info(documents)")}
                if "document" not in columns:  # a cache made before whole documents were kept
                    db.execute("ALTER TABLE documents ADD COLUMN document BLOB")
                db.execute("CREATE TABLE IF NOT EXISTS extras (key TEXT PRIMARY KEY, value TEXT)")
                db.commit()
            except sqlite3.Error:
                db.close()
                raise
            return db
        except sqlite3.OperationalError as err:  # locked, read-only, I/O: the file may be fine
            raise ReportError(self.path, f"cannot use the parse cache ({err}); "
                              "remove it or choose another with --cache") from None
        except sqlite3.DatabaseError:
            raise  # not a database, or malformed: the caller sets it aside and starts anew
        except (sqlite3.Error, OSError) as err:
            raise ReportError(self.path, f"cannot use the parse cache ({err}); "
                              "remove it or choose another with --cache") from None

    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> ParseCache:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _query(self, sql: str, params: Iterable[object] = ()) -> list[tuple]:
        try:
            return self._db.execute(sql, tuple(params)).fetchall()
        except sqlite3.DatabaseError as err:
            raise ReportError(self.path, f"the parse cache is damaged ({err}); "
                              "remove it or choose another with --cache") from None

    # -- documents ---------------------------------------------------------------------------
    def documents(
        self, keys: list[str], columns: tuple[str, ...] = ("meta", "clauses", "sketch")
    ) -> dict[str, dict[str, object]]:
        """Rows found for `keys`: column → value, plus "error" (None for a parsed report)."""
        cols = [c for c in columns if c in DOCUMENT_COLUMNS] + ["error"]
        out: dict[str, dict[str, object]] = {}
        for chunk in _chunks(list(dict.fromkeys(keys))):
            marks = ",".join("?" * len(chunk))
            rows = self._query(
                f"SELECT key, {', '.join(cols)} FROM documents WHERE key IN ({marks})", chunk
            )
            for row in rows:
                out[row[0]] = dict(zip(cols, row[1:]))
        return out

    def column(self, key: str, column: str) -> bytes | None:
        if column not in DOCUMENT_COLUMNS:
            raise ValueError(column)
        rows = self._query(f"SELECT {column} FROM documents WHERE key = ?", (key,))
        return rows[0][0] if rows else None

    def put_documents(self, rows: list[tuple[str, dict[str, bytes] | None, str | None]]) -> None:
        """(key, packed columns or None, error or None) rows, in one transaction."""
        values = [
            (key, *((packed or {}).get(c) for c in DOCUMENT_COLUMNS), error)
            for key, packed, error in rows
        ]
        try:
            with self._db:
                self._db.executemany(
                    "INSERT OR REPLACE INTO documents (key, meta, text, clauses, shingles,"
                    " sketch, document, error) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                    values,
                )
        except sqlite3.DatabaseError as err:
            raise ReportError(self.path, f"cannot write the parse cache ({err})") from None

    # -- other results -----------------------------------------------------------------------
    def extras(self, keys: list[str]) -> dict[str, str]:
        out: dict[str, str] = {}
        for chunk in _chunks(list(dict.fromkeys(keys))):
            marks = ",".join("?" * len(chunk))
            for key, value in self._query(
                f"SELECT key, value FROM extras WHERE key IN ({marks})", chunk
            ):
                out[key] = value
        return out

    def put_extras(self, items: dict[str, str]) -> None:
        if not items:
            return
        try:
            with self._db:
                self._db.executemany(
                    "INSERT OR REPLACE INTO extras (key, value) VALUES (?, ?)", items.items()
                )
        except sqlite3.DatabaseError as err:
            raise ReportError(self.path, f"cannot write the parse cache ({err})") from None
