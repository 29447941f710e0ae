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

try:  # CPython's own pattern parser (3.11+); a Python without it compiles patterns unguarded
    import re._constants as _c
    import re._parser as _parser
except ImportError:  # pragma: no cover - not on the CPython versions the project supports
    _c = _parser = None

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


# -- first-character guards ---------------------------------------------------------------------
# Python's `re` scans fast for where a match may begin only when the pattern starts with a
# literal or one character class; a pattern of alternatives that open with groups
# ((?:全国|全省)(?:最低|…)|再创…|…) is tried in full at every position of the text (its
# measured cost: 5 µs a sentence for specificity's `_STATUS`, 40 times that of `_TITLE`).
# `guarded` puts a lookahead of the characters a match can begin with in front, which rejects
# the other positions at once; where a match begins, it is the same match.
_Ranges = list[tuple[int, int]]


def _class_ranges(items: list) -> _Ranges | None:
    """The code point ranges of a parsed character class; None for what cannot be listed
    (a negated class, \\d, \\s, \\w and their negations)."""
    out: _Ranges = []
    for op, av in items:
        if op is _c.LITERAL:
            out.append((av, av))
        elif op is _c.RANGE:
            out.append((av[0], av[1]))
        else:  # NEGATE, CATEGORY (\d \s \w), or anything else: too wide to list
            return None
    return out


def _first_ranges(items: list) -> tuple[_Ranges | None, bool]:
    """(ranges of the first character of a match of the parsed sequence `items`, whether a
    match may be empty); ranges None when they cannot be told."""
    found: _Ranges = []
    for op, av in items:
        if op in (_c.AT, _c.ASSERT, _c.ASSERT_NOT):
            continue  # zero width: the next item gives the first character
        if op is _c.LITERAL:
            return found + [(av, av)], False
        if op is _c.IN:
            ranges = _class_ranges(av)
            return (None if ranges is None else found + ranges), False
        if op is _c.SUBPATTERN:
            _group, add_flags, _del_flags, sub = av
            if add_flags & re.IGNORECASE:
                return None, False
            ranges, empty = _first_ranges(sub.data)
        elif op is _c.ATOMIC_GROUP:
            ranges, empty = _first_ranges(av.data)
        elif op is _c.BRANCH:
            ranges, empty = [], False
            for alternative in av[1]:
                alt_ranges, alt_empty = _first_ranges(alternative.data)
                if alt_ranges is None:
                    return None, False
                ranges += alt_ranges
                empty = empty or alt_empty
        elif op in (_c.MAX_REPEAT, _c.MIN_REPEAT, _c.POSSESSIVE_REPEAT):
            low, _high, sub = av
            ranges, empty = _first_ranges(sub.data)
            empty = empty or low == 0
        else:  # ANY, NOT_LITERAL, GROUPREF, CATEGORY …: not told
            return None, False
        if ranges is None:
            return None, False
        found += ranges
        if not empty:
            return found, False
    return found, True


def first_characters(pattern: str, flags: int = 0) -> str | None:
    """A character class (`[...]`, regex source) of every character a match of `pattern` can
    begin with, read from Python's own parse of the pattern; None when that cannot be told: a
    match may be empty, or begin with a class too wide to list (`\\S`, `.`, a negated class),
    or case is ignored or the pattern is verbose."""
    if flags & (re.IGNORECASE | re.VERBOSE) or _parser is None:
        return None  # without CPython's parser: no guard, the same matches, only slower
    parsed = _parser.parse(pattern, flags)
    if parsed.state.flags & (re.IGNORECASE | re.VERBOSE):
        return None
    ranges, empty = _first_ranges(parsed.data)
    if ranges is None or empty:
        return None
    parts = []
    for low, high in sorted(set(ranges)):
        parts.append(f"\\U{low:08x}" if low == high else f"\\U{low:08x}-\\U{high:08x}")
    return "[" + "".join(parts) + "]"


class _GuardedPattern(LazyPattern):
    """A `LazyPattern` compiled with the lookahead `guarded` describes in front."""

    __slots__ = ()

    @property
    def compiled(self) -> re.Pattern[str]:
        if self._compiled is None:
            first = first_characters(self.pattern, self.flags)
            source = self.pattern if first is None else f"(?={first})(?:{self.pattern})"
            self._compiled = re.compile(source, self.flags)
        return self._compiled


def guarded(pattern: str, flags: int = 0) -> LazyPattern:
    """`lazy_compile(pattern, flags)`, compiled with a lookahead of `first_characters(pattern)`
    in front when they can be told (else the pattern as it is). It finds the same matches at
    the same places with the same groups (the lookahead is zero width and captures nothing,
    and no match begins where it fails), only faster for a pattern `re` cannot scan for
    (alternatives that open with groups or lookbehinds; see above). `pattern` keeps the
    source as written."""
    return _GuardedPattern(pattern, flags)
