"""Line breaks for Chinese prose in terminal cells.

Rich wraps on spaces, and Chinese has none, so a sentence would be chopped anywhere. Here
a line may break between any two CJK characters, but never before closing punctuation
(，。、；：？！）》” …) nor after opening punctuation (（《“), and never inside a run of
Latin letters or digits that fits on one line. Breaks depend only on the characters, so the
height of a row is known before it is styled.
"""

from __future__ import annotations

from bisect import bisect_right
from functools import lru_cache
from itertools import accumulate

from rich.cells import get_character_cell_size

# Characters that must not start a line (kinsoku shori) and that must not end one.
NO_LINE_START = frozenset("，。、；：？！）》」』】〉”’…—‥·,.;:?!)]}%％")
NO_LINE_END = frozenset("（《「『【〈“‘([{")


@lru_cache(maxsize=4096)
def cell_width(char: str) -> int:
    return get_character_cell_size(char)


def _is_word_char(char: str) -> bool:
    return char.isascii() and (char.isalnum() or char in "._-%/")


def _keep_rules(text: str, brk: int, line_start: int) -> int:
    """Move a break back until no rule is broken (or nothing is left to move)."""
    while True:
        moved = brk
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
