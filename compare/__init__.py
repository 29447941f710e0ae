"""compare-reports: compare Chinese government reports.

The core (loading, parsing, alignment, boilerplate, diff, annotations, batch) is plain Python
and usable as a library; `compare.tui` presents it and `compare.cli` wires it to a terminal.
"""

from __future__ import annotations

__version__ = "0.1.0"

from compare.errors import ReportError
from compare.parsing.pipeline import parse_file, parse_text

__all__ = ["ReportError", "parse_file", "parse_text", "__version__"]
