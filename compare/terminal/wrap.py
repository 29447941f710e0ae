"""Line breaks for Chinese prose in terminal cells.

Rich wraps on spaces, and Chinese has none, so a sentence would be chopped anywhere. Here
a line may break between any two CJK characters, but never before closing punctuation
(，。、；：？！）》” …) nor after opening punctuation (（《“), never inside a run of
Latin letters or digits that fits on one line, and never between a number and its unit
(`4.06万亿元`, `6.5个百分点`, `2024年`: the figure goes down whole when it fits). Breaks depend only on the characters, so the
height of a row is known before it is styled.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from functools import lru_cache
from itertools import accumulate

from rich.cells import get_character_cell_size

# Characters that must not start a line (kinsoku shori) and that must not end one.
NO_LINE_START = frozenset("，。、；：？！）》」』】〉”’…—‥·,.;:?!)]}%％")
NO_LINE_END = frozenset("（《「『【〈“‘([{")
# Characters of units and counters written after a number in reports (万亿元, 个百分点, 吨, 年 …).
UNITS = frozenset("万亿千百十元角个家项件名人次户年月日天时分秒吨米克斤亩里倍度台辆套座所条部床点%％‰℃")
MAX_UNIT = 5  # characters of unit kept with a number


@lru_cache(maxsize=4096)
def cell_width(char: str) -> int:
    return get_character_cell_size(char)


def _is_word_char(char: str) -> bool:
    return char.isascii() and (char.isalnum() or char in "._-%/")


def _figure_start(text: str, brk: int, line_start: int) -> int | None:
    """Where the figure (a number with its unit) that a break at `brk` would cut starts."""
    unit = brk
    while unit > line_start and brk - unit < MAX_UNIT and text[unit - 1] in UNITS:
        unit -= 1  # back over the unit characters before the break
    if unit == brk and text[brk] not in UNITS:
        return None  # neither side of the break is a unit
    if unit == line_start or not text[unit - 1].isdigit():
        return None
    start = unit
    while start > line_start and _is_word_char(text[start - 1]):
        start -= 1
    return start if start > line_start else None


def _keep_rules(text: str, brk: int, line_start: int) -> int:
    """Move a break back until no rule is broken (or nothing is left to move)."""
    while True:
        moved = brk
        figure = _figure_start(text, brk, line_start)
        if figure is not None:
            brk = figure  # a number goes down with its unit
        if _is_word_char(text[brk]) and _is_word_char(text[brk - 1]):
            word_start = brk  # a Latin word or a number goes down whole when it fits
            while word_start > line_start and _is_word_char(text[word_start - 1]):
                word_start -= 1
            if word_start > line_start:
                brk = word_start
        while text[brk] in NO_LINE_START and brk - 1 > line_start:
            brk -= 1  # a closer (or a run of them: 。” ……) goes down with the character before
        while brk - 1 > line_start and text[brk - 1] in NO_LINE_END:
            brk -= 1  # an opener goes down with what it opens
        if brk == moved:
            return brk


class _WidthCodes(dict):
    """code point -> chr(cell width), filled on first sight (for `str.translate`)."""

    def __missing__(self, codepoint: int) -> str:
        code = self[codepoint] = chr(cell_width(chr(codepoint)))
        return code


_WIDTH_CODES = _WidthCodes()


def line_breaks(text: str, width: int) -> list[int]:
    """Offsets where each line of `text` starts when wrapped to `width` cells; [0] first."""
    width = max(width, 2)
    # running cell width through each character, computed at C speed (a section of 5,000
    # sentences lays out in a blink)
    ends = list(accumulate(text.translate(_WIDTH_CODES).encode("latin-1")))
    n = len(text)
    starts = [0]
    before = 0  # cells before the current line
    while True:
        line_start = starts[-1]
        fits = bisect_right(ends, before + width, lo=line_start)  # first char that does not
        newline = text.find("\n", line_start, fits)
        if newline != -1:
            starts.append(newline + 1)
            before = ends[newline]
            continue
        if fits >= n:
            return starts
        brk = _keep_rules(text, max(fits, line_start + 1), line_start)
        starts.append(brk)
        before = ends[brk - 1]


def list_breaks(text: str, width: int, separator: str = ", ", head: int = 0) -> list[int]:
    """Offsets where each line of a list (`figures: 12项 -> 15项, 8项 -> 9项`) starts when
    wrapped to `width` cells; [0] first. A line breaks only after the list's `head` (the first
    `head` characters, `figures: `) or a `separator`, so an item (one figure old -> new) goes
    down whole; an item wider than a line alone is broken as prose (`line_breaks`). User test
    s26: the pairs were cut in the middle (`8项 ->` / `9项`)."""
    width = max(width, 2)
    bounds = [0, head] if 0 < head < len(text) else [0]
    at = text.find(separator, bounds[-1])
    while at != -1:
        bounds.append(at + len(separator))
        at = text.find(separator, at + len(separator))
    bounds.append(len(text))
    starts = [0]
    used = 0
    for a, b in zip(bounds, bounds[1:]):
        item = cells(text[a:b].rstrip())  # the separator's space may hang past the edge
        if used and used + item > width:
            starts.append(a)
            used = 0
        if item > width:  # too wide alone: broken as prose, the rest of it starts a new line
            pieces = line_breaks(text[a:b], width)
            starts.extend(a + k for k in pieces[1:])
            used = cells(text[a + pieces[-1]:b])
        else:
            used += cells(text[a:b])
    return starts


ELLIPSIS = ".."  # two ASCII dots: U+2026 has an ambiguous width in terminals


def cells(text: str) -> int:
    return sum(cell_width(c) for c in text)


def _head(text: str, width: int) -> str:
    out, used = [], 0
    for char in text:
        used += cell_width(char)
        if used > width:
            break
        out.append(char)
    return "".join(out)


def wrapped(text: str, width: int, most: int, other: str = "") -> list[str]:
    """`text` as at most `most` lines of at most `width` cells, broken where `line_breaks`
    breaks prose (between characters, never inside a number with its unit or a Latin word).
    What does not fit in `most` lines is cut from the end of the last one, marked `..`: a
    heading is read whole up to `most` lines, and from its start beyond, never cut in its
    middle. When the lines kept would say no more than `other` (the heading shown with it:
    both open `（一）在推进法治政府建设上聚焦…`), the last line goes on from where they differ,
    after `..`."""
    starts = line_breaks(text, width) + [len(text)]
    lines = [text[a:b] for a, b in zip(starts, starts[1:])]
    if len(lines) <= most:
        return lines or [""]
    room = max(width - len(ELLIPSIS), 0)
    last = starts[most - 1]
    common = 0
    while common < min(len(text), len(other)) and text[common] == other[common]:
        common += 1
    if common < len(text) and last + len(_head(text[last:], room)) <= common:
        differ = text[common:]
        tail = differ if cells(differ) + len(ELLIPSIS) <= width else _head(differ, room - len(ELLIPSIS)) + ELLIPSIS
        return lines[: most - 1] + [ELLIPSIS + tail]
    return lines[: most - 1] + [_head(text[last:], room) + ELLIPSIS]


def clip(text: str, width: int) -> str:
    """`text` in at most `width` cells, its end replaced by "…" when it is longer. A wide
    character that does not fit is left out whole and the gap goes after the "…", never
    before it (Rich's own ellipsis pads before: `法治政府建 …`)."""
    if cells(text) <= width:
        return text
    return _head(text, max(width - 1, 0)) + "…" if width > 0 else ""
