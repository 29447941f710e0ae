"""The series as CSV tables: lineages, indicators (long and wide) and commitments.

Cells that a spreadsheet would read as a formula (starting with =, +, -, @, a tab or a
carriage return) get a leading apostrophe (OWASP, "CSV Injection"); numbers are written as
numbers. Files are written atomically.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Any

from compare.files.atomic import atomic_write
from compare.files.csvcells import safe_cell
from compare.series.build import Series
from compare.series.commitments import topic_words
from compare.series.values import value_axis



def csv_text(columns: list[str], rows: list[dict[str, Any]]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow([safe_cell(row.get(c)) for c in columns])
    return buffer.getvalue()


def series_tables(series: Series) -> dict[str, tuple[list[str], list[dict[str, Any]]]]:
    """File name → (columns, rows) of each table."""
    d = series.to_dict()
    lineages = [
        {"lineage": lin["id"], "year": s["year"], "section_id": s["id"], "heading": s["heading"],
         "changes": s["changes"], "score": s["score"], "first_year": lin["first_year"],
         "last_year": lin["last_year"], "vanished": int(lin["vanished"]),
         "events": "; ".join(f"{e['kind']} {e['detail']}" for e in lin["events"] if e["year"] == s["year"])}
        for lin in d["lineages"] for s in lin["sections"]
    ]
    long = [
        {"indicator": ind["name"], "kind": ind["kind"], "unit": ind["unit"], "year": v["year"],
         "report_year": v["report_year"], "value": v["value"], "low": v["low"], "high": v["high"], "written": v["written"], "text": v["text"]}
        for ind in d["indicators"] for v in ind["values"]
    ]
    # a column for each year a value is of (a result is of the year before its report)
    years = value_axis(d["years"], [v["year"] for ind in d["indicators"] for v in ind["values"]])
    wide = []
    for ind in d["indicators"]:
        row: dict[str, Any] = {"indicator": ind["name"], "kind": ind["kind"], "unit": ind["unit"]}
        for v in ind["values"]:
            row[str(v["year"])] = v["value"]
        wide.append(row)
    commitments = [
        {"year": c["year"], "review_year": c["review_year"], "id": c["id"], "text": c["text"],
         "section": c["section"], "status": c["status"], "score": c["score"],
         "evidence_id": (c["evidence"] or {}).get("id"), "evidence": (c["evidence"] or {}).get("text"),
         "topic": topic_words((c["evidence"] or {}).get("topic"))}
        for c in d["commitments"]
    ]
    return {
        "lineages.csv": (["lineage", "year", "section_id", "heading", "changes", "score", "first_year",
                          "last_year", "vanished", "events"], lineages),
        "indicators_long.csv": (["indicator", "kind", "unit", "year", "report_year", "value", "low", "high", "written",
                                 "text"], long),
        "indicators_wide.csv": (["indicator", "kind", "unit", *map(str, years)], wide),
        "commitments.csv": (["year", "review_year", "id", "text", "section", "status", "score",
                             "evidence_id", "evidence", "topic"], commitments),
    }


def write_tables(series: Series, folder: Path) -> list[Path]:
    """Write every table into `folder` (created); the paths written."""
    folder.mkdir(parents=True, exist_ok=True)
    out = []
    for name, (columns, rows) in series_tables(series).items():
        path = folder / name
        atomic_write(path, csv_text(columns, rows).encode("utf-8"))
        out.append(path)
    return out
