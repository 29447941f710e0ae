"""Words and n-grams of simplified Chinese text, on jieba's boundaries.

jieba loads a 5 MB dictionary on first use (about a second) and prints to stderr while it
does; both are kept out of start-up: nothing here touches jieba until words are asked for.
"""

from __future__ import annotations

import logging
import re
import threading
from functools import lru_cache
from typing import Iterable, Sequence

_lock = threading.Lock()
_tokenizer = None

# What is not a word for similarity: punctuation, spaces, symbols.
_PUNCT = re.compile(r"^[\s\W_]+$", re.UNICODE)


def _jieba():
    global _tokenizer
    if _tokenizer is None:
        with _lock:
            if _tokenizer is None:
                import jieba  # heavy (~0.7 s): imported on first use

                jieba.setLogLevel(logging.WARNING)
                tokenizer = jieba.Tokenizer()
                tokenizer.initialize()
                _tokenizer = tokenizer
    return _tokenizer


def warm_up() -> None:
    """Load jieba's dictionary now (call it from a worker thread to hide the cost)."""
    _jieba()


def cut(text: str) -> list[str]:
    """jieba tokens of `text`, punctuation and spaces included, concatenating back to `text`."""
    if not text:
        return []
    return list(_jieba().cut(text, HMM=True))


@lru_cache(maxsize=65536)
def _words_cached(text: str) -> tuple[str, ...]:
    return tuple(tok for tok in _jieba().cut(text, HMM=True) if not _PUNCT.match(tok))


def words(text: str) -> tuple[str, ...]:
    """Word tokens of `text` without punctuation and spaces."""
    if not text:
        return ()
    return _words_cached(text)


def ngrams(tokens: Sequence[str], n: int) -> Iterable[tuple[str, ...]]:
    return (tuple(tokens[i : i + n]) for i in range(len(tokens) - n + 1))


_NOT_TEXT = re.compile(r"[\s\W_]+")


def compact(text: str) -> str:
    """`text` without punctuation, spaces and symbols: what character matching compares."""
    return _NOT_TEXT.sub("", text)


def char_shingles(text: str, k: int = 4) -> set[str]:
    """Character k-grams of the text with punctuation and spaces removed."""
    compact_text = compact(text)
    if len(compact_text) <= k:
        return {compact_text} if compact_text else set()
    return {compact_text[i : i + k] for i in range(len(compact_text) - k + 1)}
