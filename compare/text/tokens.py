"""Words and n-grams of simplified Chinese text, on jieba's boundaries.

jieba loads a 5 MB dictionary on first use (about a second) and prints to stderr while it
does; both are kept out of start-up: nothing here touches jieba until words are asked for.
"""

from __future__ import annotations

import os
import re
import sys
import threading
from functools import lru_cache
from pathlib import Path
from typing import Iterable, Sequence

_lock = threading.Lock()
_tokenizer = None
# jieba's own block rule (`jieba.re_han_default`), set with the tokenizer: `Tokenizer.cut` splits
# a sentence into runs of hanzi, letters and digits and cuts each run alone (its DAG and HMM
# never look past the run), so cutting the runs one by one gives the same tokens. A run is cut
# once per process: a sentence with one figure changed (or one clause reworded) shares its
# other clauses' runs (a fifth of jieba's work on the synthetic corpus).
_blocks: re.Pattern[str] | None = None
_tagger = None  # jieba.posseg's tagger over `_tokenizer` (`tagged`)

# What is not a word for similarity: punctuation, spaces, symbols.
_PUNCT = re.compile(r"^[\s\W_]+$", re.UNICODE)


def _jieba():
    global _tokenizer, _blocks
    if _tokenizer is None:
        with _lock:
            if _tokenizer is None:
                import logging  # deferred with jieba: `align --json` never segments words (2.5 ms)

                jieba = _import_jieba()
                jieba.setLogLevel(logging.WARNING)
                tokenizer = jieba.Tokenizer()
                tokenizer.tmp_dir = str(_cache_folder())
                tokenizer.initialize()
                _blocks = jieba.re_han_default
                _tokenizer = tokenizer
    return _tokenizer


def _import_jieba():
    """jieba, imported without `pkg_resources`. jieba's `_compat` imports setuptools'
    `pkg_resources` (0.13–0.3 s of start-up: it scans every installed distribution) only to open
    its own model files, and opens the same files from its package folder when that import
    fails; it is made to fail for this one import. The files read, and so the words, are the
    same."""
    blocked = "pkg_resources" not in sys.modules
    if blocked:
        sys.modules["pkg_resources"] = None  # `import pkg_resources` now raises ImportError
    try:
        import jieba  # heavy (~0.7 s with its dictionary): imported on first use
    finally:
        if blocked and sys.modules.get("pkg_resources", 0) is None:
            del sys.modules["pkg_resources"]
    return jieba


def _cache_folder() -> Path:
    """Where jieba keeps its dictionary cache (a marshal file it loads as trusted): our own
    folder in the user cache folder, mode 0700, not a fixed name in the shared /tmp that another
    user could plant first. A private temporary folder if the cache folder cannot be made."""
    import platformdirs  # deferred: only when jieba first loads its dictionary

    folder = Path(platformdirs.user_cache_dir("compare-reports")) / "jieba"
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        if folder.stat().st_uid != os.getuid():
            raise PermissionError(folder)
        return folder
    except OSError:
        import tempfile  # deferred: only when the cache folder cannot be made (1 ms of start-up)

        return Path(tempfile.mkdtemp(prefix="compare-reports-jieba-"))


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
    _jieba()  # loads the dictionary and `_blocks`
    assert _blocks is not None
    out: list[str] = []
    for block in _blocks.split(text):
        if block:
            out.extend(_block_words(block))
    return tuple(out)


@lru_cache(maxsize=131072)
def _block_words(block: str) -> tuple[str, ...]:
    return tuple(tok for tok in _jieba().cut(block, HMM=True) if not _PUNCT.match(tok))


def words(text: str) -> tuple[str, ...]:
    """Word tokens of `text` without punctuation and spaces."""
    if not text:
        return ()
    return _words_cached(text)


def _pos_tagger():
    """jieba.posseg's part-of-speech tagger over this module's tokenizer. `jieba.posseg` reads the
    word-tag table of jieba's shipped dictionary when imported (0.3 s, into its module tagger
    `posseg.dt`); the tagger here shares that table rather than reading the same file again, and
    cuts with `_tokenizer`, whose dictionary it is (jieba's default)."""
    global _tagger
    if _tagger is None:
        tokenizer = _jieba()
        with _lock:
            if _tagger is None:
                import jieba.posseg as posseg  # deferred: its tag table loads only when tags are asked for

                tagger = posseg.POSTokenizer.__new__(posseg.POSTokenizer)
                tagger.tokenizer = tokenizer
                tagger.word_tag_tab = posseg.dt.word_tag_tab
                _tagger = tagger
    return _tagger


@lru_cache(maxsize=65536)
def tagged(text: str) -> tuple[tuple[str, str], ...]:
    """(word, part of speech) of each token of `text`, punctuation included, by jieba.posseg
    (the ICTCLAS tag set jieba's dictionary carries: n noun, ns place, nt body, nz other proper
    noun, j abbreviation, l idiom, vn verbal noun, v verb, a adjective, c conjunction, x
    punctuation …)."""
    if not text:
        return ()
    return tuple((pair.word, pair.flag) for pair in _pos_tagger().cut(text, HMM=False))


def ngrams(tokens: Sequence[str], n: int) -> Iterable[tuple[str, ...]]:
    return (tuple(tokens[i : i + n]) for i in range(len(tokens) - n + 1))


# what `compact` drops: runs of spaces, punctuation and symbols (one character class)
NOT_TEXT = re.compile(r"[\s\W_]+")


def compact(text: str) -> str:
    """`text` without punctuation, spaces and symbols: what character matching compares."""
    return NOT_TEXT.sub("", text)


def char_shingles(text: str, k: int = 4) -> set[str]:
    """Character k-grams of the text with punctuation and spaces removed."""
    compact_text = compact(text)
    if len(compact_text) <= k:
        return {compact_text} if compact_text else set()
    return {compact_text[i : i + k] for i in range(len(compact_text) - k + 1)}
