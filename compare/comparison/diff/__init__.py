"""Sentence-level comparison of two reports: alignment, change kinds, word spans, shares.

`compare_documents(left, right)` is the entry point; the parts are `sentences` (which
sentence became which), `classify` (what kind of change), `words` (what changed inside a
sentence) and `shares` (how the later report came about).
"""

from __future__ import annotations

from compare.comparison.diff.assemble import compare_documents, diff_sections

__all__ = ["compare_documents", "diff_sections"]
