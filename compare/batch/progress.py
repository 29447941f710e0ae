"""Progress of a batch run: stages with their timings, shown by a bar when one is given.

The core only counts and times; what draws the progress (the `batch` command's rich bar on a
terminal) is a `Bar`, handed in through `BatchOptions.progress`. Without one, `log` lines go
to stderr and nothing else is shown.
"""

from __future__ import annotations

import sys
import time
from contextlib import contextmanager
from typing import Hashable, Iterator, Protocol

from compare.parsing.cleaning import strip_controls


class Bar(Protocol):
    """What draws a batch run's progress: one task per stage (a rich `Progress` fits)."""

    def start(self) -> None: ...

    def stop(self) -> None: ...

    def add_task(self, description: str, *, total: float | None = ...) -> Hashable: ...

    def advance(self, task_id: Hashable, advance: float = ...) -> None: ...

    def update(self, task_id: Hashable, *, completed: float | None = ...) -> None: ...

    def log_line(self, line: str) -> None: ...


class Stage:
    def __init__(self, bar: Bar | None, task: Hashable | None) -> None:
        self._bar = bar
        self._task = task

    def advance(self, n: int = 1) -> None:
        if self._bar is not None:
            self._bar.advance(self._task, n)


class Progress:
    """Stages with a bar each (when there is a bar); `log` lines go to the bar or stderr.

    Without a bar only the timings are kept (seconds per stage, in `timings`).
    """

    def __init__(self, bar: Bar | None = None) -> None:
        self.timings: dict[str, float] = {}
        self._bar = bar

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
        if self._bar is not None:
            self._bar.log_line(strip_controls(message))
        else:
            print(strip_controls(message), file=sys.stderr)
