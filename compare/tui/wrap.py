"""Line breaks for Chinese prose in terminal cells.

Rich wraps on spaces, and Chinese has none, so a sentence would be chopped anywhere. Here
a line may break between any two CJK characters, but never before closing punctuation
(，。、；：？！）》” …) nor after opening punctuation (（《“), and never inside a run of
Latin letters or digits that fits on one line. Breaks depend only on the characters, so the
height of a row is known before it is styled.
"""

from __future__ import annotations

from functools import lru_cache

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


def line_breaks(text: str, width: int) -> list[int]:
    """Offsets where each line of `text` starts when wrapped to `width` cells; [0] first."""
    starts = [0]
    if width < 2:
        width = 2
    column = 0
    i = 0
    n = len(text)
    while i < n:
        char = text[i]
        if char == "\n":
            starts.append(i + 1)
            column = 0
            i += 1
            continue
        size = cell_width(char)
        if column + size <= width or i == starts[-1]:
            column += size
            i += 1
            continue
        # `char` does not fit: break before it, or a little earlier to keep the rules
        line_start = starts[-1]
        brk = _keep_rules(text, i, line_start)
        starts.append(brk)
        column = sum(cell_width(c) for c in text[brk:i])
    return starts
