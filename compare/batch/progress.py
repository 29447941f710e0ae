"""A progress bar on the terminal for long batch runs (rich), silent when output is not a terminal."""

from __future__ import annotations

import sys
import time
from contextlib import contextmanager
from typing import Iterator


class Stage:
    def __init__(self, bar: object | None, task: object | None) -> None:
        self._bar = bar
        self._task = task

    def advance(self, n: int = 1) -> None:
        if self._bar is not None:
            self._bar.advance(self._task, n)  # type: ignore[attr-defined]


class Progress:
    """Stages with a bar each; `log` lines go to stderr. Disabled → only the timings are kept."""

    def __init__(self, enabled: bool | None = None) -> None:
        self.enabled = sys.stderr.isatty() if enabled is None else enabled
        self.timings: dict[str, float] = {}
        self._bar = None
        if self.enabled:
            from rich.console import Console
            from rich.progress import (
                BarColumn, MofNCompleteColumn, Progress as RichProgress, TextColumn,
                TimeElapsedColumn, TimeRemainingColumn,
            )

            self._bar = RichProgress(
                TextColumn("{task.description:<22}"),
                BarColumn(),
                MofNCompleteColumn(),
                TimeElapsedColumn(),
                TimeRemainingColumn(),
                console=Console(stderr=True),
                transient=False,
            )

    def __enter__(self) -> Progress:
        if self._bar is not None:
            self._bar.start()
        return self

    def __exit__(self, *exc: object) -> None:
        if self._bar is not None:
            self._bar.stop()

    @contextmanager
    def stage(self, name: str, total: int) -> Iterator[Stage]:
        started = time.perf_counter()
        task = self._bar.add_task(name, total=total) if self._bar is not None else None
        try:
            yield Stage(self._bar, task)
        finally:
            self.timings[name] = self.timings.get(name, 0.0) + time.perf_counter() - started
            if self._bar is not None:
                self._bar.update(task, completed=total)

    def log(self, message: str) -> None:
        from compare.parsing.cleaning import strip_controls

        if self._bar is not None:
            self._bar.console.print(strip_controls(message), markup=False, highlight=False)
        else:
            print(strip_controls(message), file=sys.stderr)
