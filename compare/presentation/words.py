"""English words for counts in what the commands print: `counted(1, "page")` is "1 page",
`counted(3, "page")` is "3 pages" (CLI output reads as English, not "1 pages")."""

from __future__ import annotations


def counted(n: int, noun: str, plural: str | None = None) -> str:
    """`n` and `noun`, the noun in its plural unless `n` is 1: `counted(2, "pair")` → "2 pairs",
    `counted(1, "series", "series")` → "1 series". `plural` defaults to `noun + "s"`."""
    return f"{n} {noun if n == 1 else (plural or noun + 's')}"
