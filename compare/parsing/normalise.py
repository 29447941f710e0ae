"""The matching view of a text: simplified characters (OpenCC t2s) and NFKC widths.

Users read the original script; matching needs one script and one width. Both conversions
are almost always one character for one character; where they are not (NFKC turns ① into 1
and ㎡ into m2, OpenCC may convert a phrase to a different length), the line is converted
character by character and a map records which original character each output came from.
"""

from __future__ import annotations

import re
import threading
import unicodedata
from functools import lru_cache

import opencc

_lock = threading.Lock()
_converters: dict[str, object] = {}
_CJK = re.compile(r"[\u4e00-\u9fff]")


def _converter(config: str):
    conv = _converters.get(config)
    if conv is None:
        with _lock:
            conv = _converters.get(config)
            if conv is None:
                conv = opencc.OpenCC(config)
                _converters[config] = conv
    return conv


def to_simplified(text: str) -> str:
    """OpenCC t2s (phrase-aware), without width changes."""
    return _converter("t2s").convert(text) if text else text


def to_traditional(text: str) -> str:
    return _converter("s2t").convert(text) if text else text


def _nfkc(text: str) -> str:
    return text if text.isascii() else unicodedata.normalize("NFKC", text)


@lru_cache(maxsize=4096)
def simplify(text: str) -> str:
    """Matching view of a short string (headings, queries): t2s + NFKC."""
    return _nfkc(to_simplified(text))


def matching_view(text: str) -> tuple[str, list[int] | None]:
    """(simplified text, map) where map[i] is the offset in `text` of output character i.

    The map is None when the view has exactly one character per original character.
    """
    converted = _nfkc(to_simplified(text))
    if len(converted) == len(text):
        return converted, None
    # characters whose view is not one character (…, ①, ㎡): converted on their own
    special = {}
    for ch in set(text):
        if not ch.isascii():
            view = _nfkc(to_simplified(ch))
            if len(view) != 1:
                special[ch] = view
    out: list[str] = []
    mapping: list[int] = []
    pos = 0
    pieces = re.split("([" + re.escape("".join(special)) + "])", text) if special else [text]
    for piece in pieces:
        if not piece:
            continue
        if piece in special:
            view = special[piece]
            out.append(view)
            mapping.extend([pos] * len(view))
        else:
            view = _nfkc(to_simplified(piece))
            if len(view) == len(piece):
                out.append(view)
                mapping.extend(range(pos, pos + len(piece)))
            else:  # a phrase conversion or composition changed the length: go by character
                for i, ch in enumerate(piece):
                    v = _nfkc(to_simplified(ch))
                    out.append(v)
                    mapping.extend([pos + i] * len(v))
        pos += len(piece)
    return "".join(out), mapping


def detect_script(text: str) -> str:
    """"traditional" when a noticeable share of the Chinese characters change under t2s."""
    sample = text[:20000]
    cjk = len(_CJK.findall(sample))
    if not cjk:
        return "simplified"
    changed = sum(map(str.__ne__, sample, to_simplified(sample)))
    return "traditional" if changed / cjk > 0.03 else "simplified"
