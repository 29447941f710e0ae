"""The batch tables on disk: CSV always, Parquet beside it when pyarrow is installed.

Each table is a list of rows (dicts) with a fixed column order. Files are written
atomically (temporary file, fsync, rename), so an interrupted run leaves the previous tables
whole. Text that came from reports is kept: CSV quoting keeps it one field, a cell a
spreadsheet would read as a formula gets a leading apostrophe (`compare.files.csvcells`), and
the HTML page escapes it.
"""

from __future__ import annotations

import csv
import importlib.util
import io
from pathlib import Path
from typing import Any

from compare.errors import ReportError
from compare.files.atomic import atomic_write
from compare.files.csvcells import safe_cell


def parquet_available() -> bool:
    return importlib.util.find_spec("pyarrow") is not None


def write_csv(path: Path, columns: list[str], rows: list[dict[str, Any]]) -> None:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=columns, extrasaction="ignore", lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({k: safe_cell(v) for k, v in row.items()})
    write_bytes(path, buffer.getvalue().encode("utf-8"))


def write_parquet(path: Path, columns: list[str], rows: list[dict[str, Any]]) -> None:
    import pyarrow as pa  # optional extra, heavy: only for Parquet
    import pyarrow.parquet as pq  # optional extra, heavy: only for Parquet

    table = pa.Table.from_pydict({c: [row.get(c) for row in rows] for c in columns})
    sink = io.BytesIO()
    pq.write_table(table, sink)
    write_bytes(path, sink.getvalue())


def write_table(
    folder: Path, name: str, columns: list[str], rows: list[dict[str, Any]], *, parquet: bool
) -> list[Path]:
    """`name.csv` (and `name.parquet`) in `folder`; the paths written."""
    written = [folder / f"{name}.csv"]
    write_csv(written[0], columns, rows)
    if parquet:
        written.append(folder / f"{name}.parquet")
        write_parquet(written[1], columns, rows)
    return written


def write_bytes(path: Path, data: bytes) -> None:
    """Write atomically; a failure is a `ReportError` naming the file."""
    try:
        atomic_write(path, data)
    except OSError as err:
        raise ReportError(path, f"cannot write: {err.strerror or err}") from None
