"""CSV cells that no spreadsheet evaluates: every CSV file we write goes through `safe_cell`.

A cell starting with `=`, `+`, `-`, `@`, a tab or a carriage return is read by Excel, LibreOffice
and Google Sheets as a formula (`=HYPERLINK(...)`, `@SUM(...)`, DDE); a report's heading or a
reviewer's comment can start that way. Such cells get a leading apostrophe, as OWASP advises
("CSV Injection"); numbers are written as numbers (a negative number stays a number).
"""

from __future__ import annotations

from typing import Any

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: Any) -> Any:
    """A CSV cell that no spreadsheet evaluates; numbers pass unchanged, None is empty."""
    if value is None:
        return ""
    if isinstance(value, (int, float)):
        return value
    text = str(value)
    return "'" + text if text.startswith(FORMULA_START) else text
