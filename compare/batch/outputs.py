"""Everything a batch run leaves in OUTDIR: the four tables (CSV, Parquet) and `report.html`.

Side-by-side pages (`pairs/`) are written during the run (`pages`); this writes the rest, each
file atomically. Only these names are ever written, so other files in OUTDIR are left alone.
"""

from __future__ import annotations

from pathlib import Path

from compare.batch import tables
from compare.batch.cache import ParseCache
from compare.batch.pipeline import BatchResult
from compare.batch.report_html import write_report
from compare.batch.writers import parquet_available, write_table

REPORT_FILE = "report.html"


def write_outputs(result: BatchResult, out: Path) -> list[Path]:
    """Write the tables and the page into `out`; the paths written."""
    out.mkdir(parents=True, exist_ok=True)
    pages = result.pages
    assert result.cache_folder is not None  # run_batch always says where its cache is
    with ParseCache(result.cache_folder, readonly=True) as cache:
        rows = {
            "documents": tables.document_rows(result),
            "pairs": tables.pair_rows(result, pages),
            "series": tables.series_rows(result, pages),
            "reuse": tables.reuse_rows(result, cache),
        }
    columns = {
        "documents": tables.DOCUMENT_COLUMNS, "pairs": tables.PAIR_COLUMNS,
        "series": tables.SERIES_COLUMNS, "reuse": tables.REUSE_COLUMNS,
    }
    parquet = parquet_available()
    written: list[Path] = []
    for name, table_rows in rows.items():
        written += write_table(out, name, columns[name], table_rows, parquet=parquet)
    write_report(out / REPORT_FILE, result, rows, pages)
    written.append(out / REPORT_FILE)
    return written
