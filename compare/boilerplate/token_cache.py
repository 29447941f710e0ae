"""Words of a report kept on disk, keyed by the hash of its text.

Cutting a 200,000-character report with jieba takes about half a second; reading its words
back takes a few hundredths. The review app opens the same reports again and again, so the
words of every classified report are kept in the user cache (`tokens/`, newest 200 reports).
Sentences are stored with their text, so a changed parser can never pair words with the
wrong sentence: what does not match is simply cut again. Each word's dictionary tag is kept too
(version 2), so a report read back never loads jieba's tag table (0.35 s of the ~1 s that
labelling costs the terminal `diff`).
"""

from __future__ import annotations

import gzip
import json
from pathlib import Path

from compare.boilerplate.words import known, prime, sentence_words
from compare.errors import ReportError
from compare.files.atomic import atomic_write
from compare.files.folders import cache_dir
from compare.files.reading import gunzip_limited, read_limited
from compare.parsing.document import Document

VERSION = 2  # 2: [text, words, tags] per sentence
KEEP = 200
SEP = "\x1f"  # never inside a word: jieba splits at control characters


def words_path(doc: Document) -> Path:
    """Where the words of a report are kept: named after the hash of its cleaned text."""
    return cache_dir() / "tokens" / f"{doc.text_hash.split(':')[-1][:32]}.json.gz"


def load_words(doc: Document) -> int:
    """Prime the word cache from disk; how many sentences were found there."""
    path = words_path(doc)
    try:
        data = json.loads(gunzip_limited(read_limited(path, "word cache"), path, "word cache"))
        if data.get("version") != VERSION:
            return 0
        rows = data["sentences"]
        for text, joined, tags in rows:
            words = tuple(joined.split(SEP)) if joined else ()
            prime(str(text), words, tuple(tags.split(SEP)) if words else ())
        return len(rows)
    except (ReportError, OSError, EOFError, ValueError, KeyError, TypeError, AttributeError, RecursionError):
        return 0  # no cache, or one not to be trusted: cut again


def save_words(doc: Document) -> None:
    """Write the words of every sentence (best effort: a read-only cache only costs speed)."""
    path = words_path(doc)
    rows = []
    for sentence in doc.sentences():
        sw = sentence_words(sentence.simplified)
        rows.append([sentence.simplified, SEP.join(sw.words), SEP.join(sw.tags)])
    data = json.dumps({"version": VERSION, "sentences": rows}, ensure_ascii=False, separators=(",", ":"))
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        atomic_write(path, gzip.compress(data.encode("utf-8"), compresslevel=1, mtime=0))
        _prune(path.parent)
    except OSError:
        pass


def ensure_words(doc: Document) -> None:
    """Words of every sentence of the report in memory: from disk when known, else cut and kept."""
    sentences = [s.simplified for s in doc.sentences()]
    in_memory = all(known(s) for s in sentences)
    if in_memory and words_path(doc).is_file():
        return
    if not in_memory and load_words(doc) and all(known(s) for s in sentences):
        return
    save_words(doc)


def _prune(folder: Path) -> None:
    files = sorted(folder.glob("*.json.gz"), key=lambda p: p.stat().st_mtime, reverse=True)
    for old in files[KEEP:]:
        try:
            old.unlink()
        except OSError:
            pass
