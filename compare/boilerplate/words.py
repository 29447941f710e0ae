"""The words of one sentence with where they are and what jieba's dictionary says they are.

Tokens come from `compare.text.tokens.words` (cached per sentence); offsets are recovered by
scanning, and part-of-speech tags are looked up in jieba's dictionary rather than computed by
`jieba.posseg` (whose HMM tagging is several times slower than cutting). A word the dictionary
does not know (found by jieba's HMM) has tag "" and is often a proper name: 甪直, 容泰, 长福路.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass

from compare.text.tokens import words

_lock = threading.Lock()
_tags: dict[str, str] | None = None


def tag_table() -> dict[str, str]:
    """jieba's dictionary: word → part-of-speech tag (loaded once, on first use)."""
    global _tags
    if _tags is None:
        with _lock:
            if _tags is None:
                import jieba.posseg  # heavy (~0.7 s): imported on first use

                _tags = jieba.posseg.dt.word_tag_tab
    return _tags


@dataclass(frozen=True, slots=True)
class SentenceWords:
    text: str  # the simplified sentence
    words: tuple[str, ...]
    spans: tuple[tuple[int, int], ...]  # offsets of each word in `text`
    tags: tuple[str, ...]  # jieba dictionary tag of each word, "" if unknown to it

    def tag(self, i: int) -> str:
        return self.tags[i]


def spans_of(text: str, tokens: tuple[str, ...]) -> tuple[tuple[int, int], ...]:
    """Offsets of consecutive tokens in the text they were cut from."""
    out = []
    pos = 0
    for tok in tokens:
        i = text.find(tok, pos)
        if i < 0:  # cannot happen for jieba's own tokens; keep going rather than fail
            out.append((pos, pos))
            continue
        out.append((i, i + len(tok)))
        pos = i + len(tok)
    return tuple(out)


_CACHE_SIZE = 65536
_cache: dict[str, SentenceWords] = {}


def _make(simplified: str, toks: tuple[str, ...], tags: tuple[str, ...] | None = None) -> SentenceWords:
    if tags is None or len(tags) != len(toks):
        table = tag_table()
        tags = tuple(table.get(w, "") for w in toks)
    sw = SentenceWords(simplified, toks, spans_of(simplified, toks), tags)
    if len(_cache) >= _CACHE_SIZE:
        for key in list(_cache)[: _CACHE_SIZE // 4]:  # forget the oldest quarter
            _cache.pop(key, None)
    _cache[simplified] = sw
    return sw


def sentence_words(simplified: str) -> SentenceWords:
    """Words, offsets and tags of a simplified sentence (cached)."""
    sw = _cache.get(simplified)
    return sw if sw is not None else _make(simplified, words(simplified))


def known(simplified: str) -> bool:
    return simplified in _cache


def prime(simplified: str, toks: tuple[str, ...], tags: tuple[str, ...] | None = None) -> None:
    """Take a sentence's words (and their tags, when kept) from a cache on disk instead of
    cutting it again: with the tags, jieba's tag table (0.35 s to load) is not needed at all."""
    if simplified not in _cache:
        _make(simplified, toks, tags)
