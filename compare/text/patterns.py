"""Regular expressions compiled at their first use, not when their module is imported.

Python compiles a pattern's character classes in pure Python (`re._compiler._optimize_charset`
walks every character of a range: `[\\u3400-\\u9fff]` alone is 27,000 steps, ~1–1.5 ms), and
nothing is kept between processes. The parsing package's patterns cost ~35 ms of CPU to
compile at each start, and about a third of that went to patterns a plain-text report never
reaches: the flattened-page reader, PDF page furniture, the lines of a local body's signature,
garbled pinyin (measured with `python -X importtime` and a count of the patterns each
`compare-reports align --json` run of two State Council reports touches, session 22).
`lazy_compile` gives such a pattern a stand-in with the methods the project calls; the
pattern is compiled (and kept) the first time one of them runs, so a report that needs it
pays once, and one that does not never pays.
"""

from __future__ import annotations

import re
import sys
from typing import Callable, Iterator

Replacement = str | Callable[[re.Match[str]], str]


class LazyPattern:
    """A `re.Pattern[str]` compiled on first use. `search`, `match`, `fullmatch`, `finditer`,
    `findall`, `sub`, `subn` and `split` behave exactly as the compiled pattern's (they call
    it); `compiled` is the pattern itself, `pattern` and `flags` its source and flags."""

    __slots__ = ("pattern", "flags", "_compiled")

    def __init__(self, pattern: str, flags: int = 0) -> None:
        self.pattern = pattern
        self.flags = flags
        self._compiled: re.Pattern[str] | None = None

    @property
    def compiled(self) -> re.Pattern[str]:
        """The compiled pattern (compiled now if no method has run yet; `re.error` if invalid)."""
        if self._compiled is None:
            self._compiled = re.compile(self.pattern, self.flags)
        return self._compiled

    @property
    def is_compiled(self) -> bool:
        """Whether the pattern has been compiled (a method has run, or `compiled` was read)."""
        return self._compiled is not None

    def search(self, string: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        return self.compiled.search(string, pos, endpos)

    def match(self, string: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        return self.compiled.match(string, pos, endpos)

    def fullmatch(self, string: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        return self.compiled.fullmatch(string, pos, endpos)

    def finditer(self, string: str, pos: int = 0, endpos: int = sys.maxsize) -> Iterator[re.Match[str]]:
        return self.compiled.finditer(string, pos, endpos)

    def findall(self, string: str, pos: int = 0, endpos: int = sys.maxsize) -> list[str]:
        return self.compiled.findall(string, pos, endpos)

    def sub(self, repl: Replacement, string: str, count: int = 0) -> str:
        return self.compiled.sub(repl, string, count)

    def subn(self, repl: Replacement, string: str, count: int = 0) -> tuple[str, int]:
        return self.compiled.subn(repl, string, count)

    def split(self, string: str, maxsplit: int = 0) -> list[str]:
        return self.compiled.split(string, maxsplit)

    def __repr__(self) -> str:
        return f"lazy_compile({self.pattern!r}, {self.flags!r})"


def lazy_compile(pattern: str, flags: int = 0) -> LazyPattern:
    """`re.compile(pattern, flags)` deferred to the first search, match or substitution; an
    invalid pattern raises `re.error` then (the tests reach every pattern of the parsers)."""
    return LazyPattern(pattern, flags)
