"""The matching view of a text: one script (simplified), one width (NFKC), variants folded.

Users read the original script; matching needs one script and one width. Per report:

- **Script.** A report is Traditional when its clearly Traditional characters (outside
  GB 2312, changed by OpenCC t2s: 發, 國, 衞) outnumber its clearly Simplified ones (changed by
  s2t: 发, 国). A Simplified report is never pushed through t2s: 乾安县 stays 乾安县 (t2s makes
  干 of a lone 乾, right for 乾燥 in a Traditional text, wrong for a place name); only its stray
  characters outside GB 2312 are converted, one by one.
- **Region.** A Traditional report is converted with the OpenCC configuration of its region:
  `hk2s` (Hong Kong and Macau forms: 衞, 綫, 裏, 啓, 滙), `tw2s` (Taiwan forms: 裡, 啟, 民國), else
  `t2s`; whatever variants the chosen configuration leaves are then folded (`VARIANT_FOLD`,
  the characters OpenCC's hk2s or tw2s fold and t2s leaves: 衞→卫, 衹→只, 敍→叙 …; and 著→着 where
  著 is the aspect particle or zhuó: 隨著, 發揮著, 著手, but not 著名, 顯著, 名著).
- **Width.** NFKC: full-width digits and Latin, Kangxi radicals, ①, ㎡.
- **Letter-spaced numbers.** A number whose digits are written one by one with a single space
  (or ideographic space) between them, as some crawled and PDF texts write every digit
  (`4 9 2 5 0 万吨`, `１ ０ ．３ ％`, `1 9 9 8 年`), is read as one number (`49250万吨`,
  `10.3%`, `1998年`), and so is a number whose space is its thousands separator (`13 210亿元`,
  `1 234 567人`, thin or ideographic spaces alike), `join_spaced_digits`: only single digits or
  groups of three after a lead of one to three, only with Chinese text or
  the line start before and a unit, Chinese text or punctuation after, so a list of years
  (`1997 1998`), a year and a count (`2023 12家`) and columns of a table are left as
  written. Text spaced in the pangu style (a space between Chinese and every number:
  `生产总值 13 210 亿元`, `增长 6.5 %`, `在 2 0 2 5 年`) loses those spaces too
  (`生产总值13210亿元`), and digits are never joined across Chinese (`2024 年 3 个` →
  `2024年3个`).

Conversions are almost always one character for one character; where they are not (NFKC turns
① into 1 and ㎡ into m2, OpenCC may convert a phrase to a different length), the line is
converted character by character and a map records which original character each output came
from. Display always keeps the report's own characters.
"""

from __future__ import annotations

import re
import threading
import unicodedata
from collections import Counter
from functools import lru_cache
from typing import Callable

import opencc

from compare.parsing.document import Conversion, Script
from compare.text.patterns import lazy_compile


_lock = threading.Lock()
_converters: dict[str, object] = {}
_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")


def _converter(config: str):
    conv = _converters.get(config)
    if conv is None:
        with _lock:
            conv = _converters.get(config)
            if conv is None:
                conv = opencc.OpenCC(config)
                _converters[config] = conv
    return conv


def opencc_convert(text: str, config: str) -> str:
    """`text` through one OpenCC configuration (t2s, hk2s, tw2s, s2t …)."""
    return _converter(config).convert(text) if text else text


def to_simplified(text: str) -> str:
    """OpenCC t2s (phrase-aware), without width changes or folding. Not a report's view: what
    the reader sees in simplified characters is `simplified_view`, what matching uses
    `matching_view`."""
    return opencc_convert(text, "t2s")


def to_traditional(text: str) -> str:
    return opencc_convert(text, "s2t")


# Blocks of the characters NFKC changes that reports write (full-width forms, the ideographic
# space, …, Ⅲ, ①, ⑴, ℃, ㎡, CJK compatibility ideographs): found with one regex scan.
_COMPAT = re.compile(
    "[\u00a0-\u00ff\u2000-\u2bff\u2f00-\u2fdf\u3000-\u303f\u3200-\u33ff"
    "\uf900-\ufaff\ufe10-\ufe6f\uff00-\uffef]"
)


@lru_cache(maxsize=8192)
def _decomposed(ch: str) -> str:
    """NFKD of a character NFKC changes; the character itself when NFKC keeps it."""
    return ch if unicodedata.normalize("NFKC", ch) == ch else unicodedata.normalize("NFKD", ch)


def _nfkc(text: str) -> str:
    """NFKC of `text`. Each character NFKC changes is first replaced by its compatibility
    decomposition (NFKD), which leaves NFKC unchanged (NFKD of a string is the canonical
    reordering of its characters' decompositions, and a decomposition decomposes to itself);
    `unicodedata.normalize` then finds the text already normalised by its quick check
    instead of decomposing and composing every character (7 → 0.5 ms for a report of 20,000
    characters with full-width punctuation)."""
    if text.isascii():
        return text
    for ch in set(_COMPAT.findall(text)):
        parts = _decomposed(ch)
        if parts != ch:
            text = text.replace(ch, parts)  # parts are decomposed: never replaced again
    return unicodedata.normalize("NFKC", text)


# -- variants -----------------------------------------------------------------------------------

# Characters OpenCC's hk2s or tw2s fold and its t2s leaves (measured over U+4E00–U+9FFF with
# OpenCC 1.1: the 12 such characters, less 么 and 潀, which are Simplified forms themselves).
VARIANT_FOLD = str.maketrans({
    "衞": "卫", "衹": "只", "敍": "叙", "枱": "台", "痺": "痹", "睪": "睾", "簷": "檐",
    "粧": "妆", "糭": "粽",
})
# 著 is zhù (to write, notable) in these words and stays 著 in Simplified; everywhere else in a
# Traditional text it is the particle or zhuó, written 着 on the mainland (隨著 随着, 著手 着手).
_ZHU_BEFORE = "名作述称稱者书書录錄有文"  # 著名 著作 著述 著称 著者 著书 著录 著有 著文
_ZHU_AFTER = "显顯卓昭土编編论論专專原巨译譯合遗遺拙新大撰所彰名"  # 显著 卓著 … 名著
_ZHE = lazy_compile(rf"(?<![{_ZHU_AFTER}])著(?![{_ZHU_BEFORE}])")


def fold_variants(text: str) -> str:
    """Regional variants OpenCC leaves, in their mainland form; same length as `text`."""
    text = text.translate(VARIANT_FOLD)
    return _ZHE.sub("着", text) if "著" in text else text


@lru_cache(maxsize=65536)
def _in_gb2312(ch: str) -> bool:
    try:
        ch.encode("gb2312")
        return True
    except UnicodeEncodeError:
        return False


@lru_cache(maxsize=65536)
def _stray(ch: str) -> str:
    """A character of a Simplified report outside GB 2312, in its simplified form."""
    return fold_variants(to_simplified(ch))


# Forms only Hong Kong / Macau or only Taiwan write (OpenCC HKVariants / TWVariants), and names
# that place a report.
_HK_MARKS = lazy_compile(r"[衞綫裏啓滙麪峯着]|香港|澳門|立法會|特區政府|特別行政區")
_TW_MARKS = lazy_compile(r"[裡啟匯麵衛線臺]|民國|行政院|立法院|臺灣|台灣")


def detect_script(text: str) -> Script:
    """"traditional" when clearly Traditional characters outnumber clearly Simplified ones.

    Clearly Traditional: outside GB 2312 and changed by t2s (發, 國, 衞). Clearly Simplified:
    changed by s2t (发, 国). Characters both scripts write (乾, 著, 台, 人) count for neither, so
    a Simplified report with a place name such as 乾安县 stays Simplified. The first 20,000
    characters decide.
    """
    sample = text[:20000]
    if not any(_CJK.match(c) for c in _outside_gb2312(sample)):
        return "simplified"  # no CJK character outside GB 2312: none clearly Traditional
    return _script_by_counts(sample)


def _script_by_counts(sample: str) -> Script:
    """`detect_script` of a sample of at most 20,000 characters, by counting its characters."""
    counts = Counter(_CJK.findall(sample))  # one pass (a str.count per character was 10% of a parse)
    chars = set(counts)
    if not chars:
        return "simplified"
    joined = "".join(sorted(chars))
    t2s = to_simplified(joined)
    traditional = {c for c, s in zip(joined, t2s) if s != c and not _in_gb2312(c)}
    if not traditional:  # nothing can outnumber: s2t (its phrase table loads in 50–90 ms) not needed
        return "simplified"
    s2t = to_traditional(joined)
    simplified = {c for c, t in zip(joined, s2t) if t != c and c not in traditional}
    count = lambda group: sum(counts[c] for c in group)  # noqa: E731
    return "traditional" if count(traditional) > count(simplified) else "simplified"


def choose_conversion(text: str, script: Script | None = None) -> Conversion:
    """The OpenCC configuration for the matching view of a report: "" (Simplified: no
    conversion), "hk2s", "tw2s" or "t2s" (Traditional of no telling region)."""
    script = script or detect_script(text)
    if script == "simplified":
        return ""
    sample = text[:20000]
    hk = len(_HK_MARKS.findall(sample))
    tw = len(_TW_MARKS.findall(sample))
    if hk > tw:
        return "hk2s"
    if tw > hk:
        return "tw2s"
    return "t2s"


def _convert(text: str, conversion: Conversion) -> str:
    """Script conversion and folding, before widths."""
    if conversion:
        return fold_variants(opencc_convert(text, conversion))
    if text.isascii():
        return text
    stray = {c: view for c in _outside_gb2312(text) if (view := _stray(c)) != c}
    if not stray:
        return text
    if len(stray) > 64 or any(c in view for view in stray.values() for c in stray):
        return text.translate({ord(c): view for c, view in stray.items()})
    for c, view in stray.items():  # a str.replace per stray (translate costs 3.7 ms a report)
        text = text.replace(c, view)
    return text


# what `str.encode(..., "backslashreplace")` writes for a character the codec has not
_ESCAPE = re.compile(rb"\\(?:x([0-9a-f]{2})|u([0-9a-f]{4})|U([0-9a-f]{8}))")


def _outside_gb2312(text: str) -> set[str]:
    """The distinct characters of `text` GB 2312 has not, found by the codec in one C pass
    (a set of the text's characters costs 3 ms for 20,000 characters). ASCII is in GB 2312,
    and no byte of a GB 2312 character is a backslash, so every escape the codec writes is
    one of these characters or the report's own text, which is checked."""
    try:
        text.encode("gb2312")
        return set()
    except UnicodeEncodeError:
        pass
    found = set()
    for groups in set(_ESCAPE.findall(text.encode("gb2312", "backslashreplace"))):
        code = int(b"".join(groups), 16)
        ch = chr(code) if code <= 0x10FFFF else ""
        if ch and ch in text and not _in_gb2312(ch):
            found.add(ch)
    return found


# a number written with spaces inside it, matched in the NFKC view (in which the ideographic,
# thin and no-break spaces are a space and ．a point): either groups of three digits after a
# lead of one to three (a space as thousands separator, SI/ISO 80000-1: 13 210, 1 234 567.5),
# or single digits, each after the previous one across one space, with at most one decimal
# point (after a space, as in 1 0 ．3, or between two digits). A lead of four digits (2023 12家:
# a year and a count), a group of another length and a list number with what follows it
# (1. 3项制度) never join; a number of several digits with no space inside it (`plain`) is
# matched only after a space, and joins only in pangu spacing (`增长 13.5 %`, a Chinese
# character before the space)
_SPACED_RUN = re.compile(
    r"(?=\d)(?<![0-9A-Za-z.])(?<![0-9] )"  # (?=\d) first: the engine skips to digits (3× faster)
    r"(?:\d{1,3}(?: \d{3})+(?:\.\d+)?|\d(?: \d)*(?:(?: \. ?|\.)\d(?: \d)*)?"
    r"|(?P<plain>(?<= )\d+(?:\.\d+)?))"
    r"(?![0-9A-Za-z.])(?! \d)"
)
# Every space a join drops has a digit right before it (inside the run, or the one space
# between the run and its unit) or is the pangu space between a Chinese character and a digit:
# a line with neither joins nothing. (Two searches: a space then a digit is found by its
# literal space, ~1 ms for the corpus, where one pattern for both took 30 ms.)
_DIGIT_SPACE = re.compile(r"\d ")
_SPACE_DIGIT = re.compile(r" \d")
_HANZI = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
# what may stand right before the run (no space between): Chinese text or its punctuation
_BEFORE_RUN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff\u3001-\u303f\u2014\u2018-\u201d,;:(（《]")
# what may stand before the one space before a run (pangu spacing, 生产总值 13 210 亿元): a
# Chinese character, not punctuation nor a digit (2024 3 个 is a year and a count)
_PANGU_BEFORE = re.compile(r"[\u3400-\u9fff\uf900-\ufaff] ")
# what follows the run (after at most one space): a unit, Chinese text or punctuation
_AFTER_RUN = re.compile(r" ?[\u3400-\u9fff\uf900-\ufaff%‰\u3001-\u303f\u2018-\u201d,;:)）》]")


def join_spaced_digits(view: str) -> tuple[str, list[int] | None]:
    """(`view` with letter-spaced numbers joined, the offsets in `view` of the characters kept;
    None when nothing was joined). `view` is NFKC text (a matching view before this step).

    A run joins when it is single digits (and decimal points), each separated by one space,
    or groups of three digits after a lead of one to three, each separated by one space (the
    thousands separator of SI and ISO 80000-1: `13 210亿元` → `13210亿元`, `1 234 567人`), with Chinese text or punctuation right before it (or, for two digits or more, only
    indentation between it and the start of its line), and a unit, Chinese text or punctuation
    after it (at most one space between; that space is dropped too): `稳定在4 9 2 5 0 万吨` →
    `稳定在49250万吨`, `增长1 0 .3 %` → `增长10.3%`, `增长8 %` → `增长8%`, `年3 月` → `年3月`.
    In pangu spacing (one space between a Chinese character and the number) that space goes
    too, whatever the number: `生产总值 13 210 亿元` → `生产总值13210亿元`, `增长 6.5 %` →
    `增长6.5%`, `第 3 条` → `第3条`.
    Left as written: `1997 1998`, `2023 12家` and `2024 3 个` (a lead of four digits, or a
    run after a digit and a space), `合计 1 2 3` and `指标 12 345` (nothing after them:
    columns), `2026-02-09 09:45`.
    Source of the kind: corpus/state-council-1998.txt (19 lines spaced so, user test s25);
    thousands groups: user test s25b item 7 (`13 210亿元` was read as 210亿元); pangu spacing:
    session 26 (corpus/jiangxi-2026.txt `以全省 100 个县`).
    """
    drop = spaces_to_join(view)
    if not drop:
        return view, None
    dropped = set(drop)
    kept = [i for i in range(len(view)) if i not in dropped]
    return "".join(view[i] for i in kept), kept


def spaces_to_join(view: str) -> list[int]:
    """The offsets in `view` of the spaces `join_spaced_digits` drops, in order.

    Only the lines with a digit before a space, or a Chinese character and a space before a
    digit, are read (every dropped space has one or the other, see `_DIGIT_SPACE`): a run and
    what follows it never cross a line break, and a line break stands for the end of the text
    in every lookaround of `_SPACED_RUN`, so the runs found in a line alone are those found in
    the whole text (checked against reading every run of every corpus text,
    tests/test_spaced_digits.py). Reading every number of a report was most of this step's
    time (0.8 → 0.17 ms a report, on 1,165 synthetic, corpus and development texts).
    """
    drop: list[int] = []
    for line_start, line_end in _lines_to_read(view):
        for m in _SPACED_RUN.finditer(view, line_start, line_end):
            drop += run_spaces_to_join(view, m)
    return drop


def _lines_to_read(view: str) -> list[tuple[int, int]]:
    """(start, end) of each line of `view` with a digit before a space or a pangu space (a
    Chinese character, a space, a digit), in order."""
    hits = [m.start() for m in _DIGIT_SPACE.finditer(view)]
    hits += [m.start() for m in _SPACE_DIGIT.finditer(view)
             if m.start() and _HANZI.match(view, m.start() - 1)]
    lines: dict[int, int] = {}
    for hit in sorted(hits):
        start = view.rfind("\n", 0, hit) + 1
        if start not in lines:
            end = view.find("\n", hit)
            lines[start] = len(view) if end < 0 else end
    return sorted(lines.items())


def run_spaces_to_join(view: str, run: re.Match[str]) -> list[int]:
    """The spaces (offsets in `view`) a match `run` of `_SPACED_RUN` drops when joined, with
    the one before its unit and, in pangu spacing, the one before it; [] when the run stays as
    written (see `join_spaced_digits`)."""
    start, end = run.span()
    after = _AFTER_RUN.match(view, end)
    if after is None:
        return []
    spaces = [i for i in range(start, after.end()) if view[i] == " "]
    if start > 1 and _PANGU_BEFORE.match(view, start - 2):
        return [start - 1, *spaces]
    if not spaces or run.group("plain") is not None:
        return []
    if start > 0 and _BEFORE_RUN.match(view, start - 1):
        return spaces
    if end - start > 1:  # a spaced run of several digits may open a line
        line = view.rfind("\n", 0, start) + 1
        if not view[line:start].strip(" \t"):
            return spaces
    return []


def _width_view(text: str, conversion: Conversion) -> str:
    return _nfkc(_convert(text, conversion))


def _view(text: str, conversion: Conversion) -> str:
    return join_spaced_digits(_nfkc(_convert(text, conversion)))[0]


@lru_cache(maxsize=4096)
def simplify(text: str) -> str:
    """Matching view of a short string (headings, names, queries), its script judged on its own."""
    return _view(text, choose_conversion(text))


def simplify_as(text: str, conversion: Conversion) -> str:
    """`simplify(text)` when the conversion is already known (a slice of a report whose
    `choose_conversion` was judged on the same text): no script detection, nothing cached."""
    return _view(text, conversion)


def query_forms(text: str) -> list[str]:
    """Every matching form a reviewer's query can take in some report's view: as its own script
    says, and through t2s, hk2s and tw2s (a query 乾安县 matches a Simplified report's 乾安县
    and a Traditional report's view 干安县 alike). Distinct, non-empty, the first as `simplify`."""
    forms = [simplify(text)] + [_view(text, c) for c in ("t2s", "hk2s", "tw2s")] + [_nfkc(text)]
    out: list[str] = []
    for form in forms:
        if form and form not in out:
            out.append(form)
    return out


def matching_view(
    text: str, conversion: Conversion | None = None
) -> tuple[str, list[int] | None]:
    """(view, map) where map[i] is the offset in `text` of view character i.

    `conversion` is the report's (`choose_conversion`); None judges `text` itself. The map is
    None when the view has exactly one character per original character.
    """
    if conversion is None:
        conversion = choose_conversion(text)
    view, mapping = _mapped(text, lambda t: _width_view(t, conversion))
    joined, kept = join_spaced_digits(view)
    if kept is None:
        return view, mapping
    return joined, kept if mapping is None else [mapping[i] for i in kept]


def simplified_view(
    text: str, conversion: Conversion | None = None
) -> tuple[str, list[int] | None]:
    """What the review app's simplified mode (`t`) shows: (view, map) as `matching_view`.

    The same script conversion and variant folding as the matching view (the report's own
    `conversion`: hk2s, tw2s, t2s or stray characters only; then `fold_variants`), so a Hong
    Kong 衞 and 隨著 show as 卫 and 随着, and 著名 stays 著名. Only the width step (NFKC) is left
    out, so the reader's full-width ，and （） keep their width: NFKC of the result is exactly
    the matching view. None judges `text` itself (a heading on its own).
    """
    if conversion is None:
        conversion = choose_conversion(text)
    return _mapped(text, lambda t: _convert(t, conversion))


def _each_view(chars: list[str], view_of: Callable[[str], str]) -> dict[str, str]:
    """The view of each character on its own, from one call over the characters one per line
    (a call per character was most of the time of parsing a report with a ㎡ or a ½ in it).
    Falls back to a call per character if a view holds a line break of its own."""
    if not chars:
        return {}
    views = view_of("\n".join(chars)).split("\n")
    if len(views) != len(chars):
        return {ch: view_of(ch) for ch in chars}
    return dict(zip(chars, views))


def _mapped(text: str, view_of: Callable[[str], str]) -> tuple[str, list[int] | None]:
    """(view_of(text), map to `text` offsets, None when one to one)."""
    converted = view_of(text)
    if len(converted) == len(text):
        return converted, None
    # characters whose view is not one character (…, ①, ㎡): converted on their own
    special = {ch: view for ch, view in _each_view(sorted(c for c in set(text) if not c.isascii()),
                                                  view_of).items() if len(view) != 1}
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
            view = view_of(piece)
            if len(view) == len(piece):
                out.append(view)
                mapping.extend(range(pos, pos + len(piece)))
            else:  # a phrase conversion or composition changed the length: go by character
                for i, ch in enumerate(piece):
                    v = view_of(ch)
                    out.append(v)
                    mapping.extend([pos + i] * len(v))
        pos += len(piece)
    return "".join(out), mapping
