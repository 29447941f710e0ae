"""The one error users see: a file and what is wrong with it."""

from __future__ import annotations


class ReportError(Exception):
    """Bad input. The CLI prints `compare-reports: PATH: MESSAGE` and exits with code 2."""

    def __init__(self, path: str | object, message: str) -> None:
        self.path = str(path)
        self.message = message
        super().__init__(f"{self.path}: {message}")
