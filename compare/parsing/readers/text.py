"""Plain-text reports: encodings, and glyphs that stand for other characters.

Crawled reports arrive as UTF-8 (with or without BOM), UTF-16 (with or without BOM),
GB18030/GBK, or the Big5 family used in Taiwan and Hong Kong (Big5, Windows cp950,
Big5-HKSCS). UTF-8 is tried strictly first; UTF-16 without a BOM is recognised by what it
decodes to; the legacy encodings are told apart by charset-normalizer.
"""

from __future__ import annotations

import codecs
import re
import unicodedata

from compare.errors import ReportError

SUPPORTED = "UTF-8, UTF-16, GB18030/GBK, Big5, cp950 or Big5-HKSCS"

# the Big5 family, narrowest first: the name reported is the narrowest that decodes the bytes
_BIG5_FAMILY = ("big5", "cp950", "big5hkscs")


def decode(data: bytes, path: str = "<bytes>") -> tuple[str, str]:
    """Decode report bytes, returning (text, encoding name); `ReportError` when none fits."""
    if data.startswith(codecs.BOM_UTF8):
        return _strict(data[3:], "utf-8", path), "utf-8-sig"
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return _strict(data, "utf-16", path), "utf-16"
    utf16 = _utf16_without_bom(data)
    if utf16 is not None:
        return utf16
    if b"\x00" in data[:4096]:
        raise ReportError(path, "is a binary file, not a text report")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as err:
        if err.end == len(data) and err.start >= len(data) - 3 and err.reason == "unexpected end of data":
            # a truncated download cut inside the last character: drop that character only
            try:
                return data[: err.start].decode("utf-8"), "utf-8"
            except UnicodeDecodeError:
                pass
    # GB18030 decodes almost any byte string, so "it decoded" proves nothing: charset-normalizer
    # ranks the candidates by how coherent the result is, and finds none for Latin-1 or noise.
    import charset_normalizer  # deferred: only legacy-encoded files need it

    big5 = next((enc for enc in _BIG5_FAMILY if _decodes(data, enc)), None)
    candidates = ["gb18030"] + ([big5] if big5 else [])
    best = charset_normalizer.from_bytes(data, cp_isolation=candidates).best()
    if best is not None:
        encoding = big5 if big5 and best.encoding.startswith(("big5", "cp950")) else "gb18030"
        return _strict(data, encoding, path), encoding
    by_letters = _by_letters(data, candidates)
    if by_letters is None:
        raise ReportError(path, f"is not text in a supported encoding ({SUPPORTED})")
    return _strict(data, by_letters, path), by_letters


def _letters(text: str) -> str:
    """The text without punctuation and symbols (Unicode categories P* and S*): what is left
    of a report once its table rules (┌─┬│, ━┃╋, ═║, －｜＋), bullets (■★) and separators are
    taken out; its words and figures, and the line breaks between them."""
    return "".join(ch for ch in text if not unicodedata.category(ch).startswith(("P", "S")))


def _by_letters(data: bytes, candidates: list[str]) -> str | None:
    """The candidate encoding (of `candidates`, each tried strictly) whose reading is coherent
    text once punctuation and symbols are taken out, the least chaotic one when several are;
    None when none is.

    charset-normalizer counts box-drawing characters and long runs of one symbol as "chaos"
    (mess ratio; it refuses a reading above 0.2): a short report whose table is drawn in
    ┌─┬│ is a third symbols and was refused (user test s22). Words decide the language, not
    the rules between them, so the candidates are judged again on their letters alone. A
    reading with no symbols is judged as before (and was refused); noise stays noise without
    its symbols, so a binary or Latin-1 file is still refused."""
    import charset_normalizer  # deferred: only legacy-encoded files need it

    best: tuple[float, str] | None = None
    for encoding in candidates:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        letters = _letters(text)
        if len(letters) == len(text) or is_blank(letters):
            continue
        match = charset_normalizer.from_bytes(letters.encode(encoding), cp_isolation=[encoding]).best()
        if match is not None and (best is None or match.chaos < best[0]):
            best = (match.chaos, encoding)
    return best[1] if best else None


# byte-order marks and zero-width characters: invisible, and no text on their own
_INVISIBLE = dict.fromkeys(map(ord, "\ufeff\ufffe\u200b\u200c\u200d\u2060"), None)


def is_blank(text: str) -> bool:
    """True when decoded text shows nothing: only whitespace (ASCII, ideographic U+3000,
    no-break), byte-order marks and zero-width characters (an "empty" file saved with a BOM).

    The first character that is not whitespace decides at once when it is visible (a report's
    first word): the whole text is translated only when it starts with an invisible one."""
    head = text.lstrip()
    if not head:
        return True
    if ord(head[0]) not in _INVISIBLE:
        return False
    return not head.translate(_INVISIBLE).strip()


def _decodes(data: bytes, encoding: str) -> bool:
    try:
        data.decode(encoding)
    except UnicodeDecodeError:
        return False
    return True


_TEXTLIKE = re.compile(r"[\u0009\u000a\u000d\u0020-\u007e\u00a0-\u00ff\u2000-\u206f\u3000-\u303f"
                       r"\u3400-\u4dbf\u4e00-\u9fff\uff00-\uffef]")


def _utf16_without_bom(data: bytes) -> tuple[str, str] | None:
    """UTF-16 LE or BE without a BOM, when one of them decodes to text (≥ 95% CJK, ASCII,
    punctuation); random GBK or UTF-8 bytes read as UTF-16 land all over the 65,536 code points
    (CJK is under a third of them), so the threshold separates them cleanly."""
    if len(data) < 4 or len(data) % 2:
        return None
    for encoding in ("utf-16-le", "utf-16-be"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        sample = text[:4000]
        if len(_TEXTLIKE.findall(sample)) >= 0.95 * len(sample) and not _mostly_ascii_pairs(data):
            return text, encoding
    return None


def _mostly_ascii_pairs(data: bytes) -> bool:
    """Plain ASCII read as UTF-16 gives CJK-looking pairs ("ab" → 扡): no null byte anywhere
    and every byte ASCII means the file is ASCII, not UTF-16."""
    return b"\x00" not in data[:4096] and all(b < 0x80 for b in data[:4096])


def _strict(data: bytes, encoding: str, path: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as err:
        raise ReportError(path, f"invalid {encoding} at byte {err.start}") from None


# -- glyphs that stand for other characters -----------------------------------------------------

# CJK Radicals Supplement (U+2E80–U+2EFF) has no NFKC mapping except ⺟ and ⻳: the ideographs
# these stand for, after the Unicode data file EquivalentUnifiedIdeograph.txt (PDF text layers
# of Chinese reports use them for 长 见 贝 车 门 页 …).
_RADICALS_SUPPLEMENT = {
    "⺁": "厂", "⺃": "乚", "⺄": "乙", "⺅": "亻", "⺆": "冂", "⺉": "刂", "⺊": "卜", "⺌": "小",
    "⺍": "小", "⺎": "兀", "⺏": "尣", "⺐": "尢", "⺒": "巳", "⺓": "幺", "⺔": "彑", "⺖": "忄",
    "⺗": "心", "⺘": "扌", "⺙": "攵", "⺛": "旡", "⺜": "日", "⺝": "月", "⺞": "歺", "⺟": "母",
    "⺠": "民", "⺡": "氵", "⺢": "氺", "⺣": "灬", "⺤": "爫", "⺥": "爫", "⺦": "丬", "⺧": "牛",
    "⺨": "犭", "⺩": "王", "⺪": "疋", "⺫": "目", "⺬": "示", "⺭": "礻", "⺮": "竹", "⺯": "糹",
    "⺰": "纟", "⺱": "罓", "⺲": "罒", "⺴": "网", "⺵": "网", "⺶": "羊", "⺷": "羊", "⺸": "羋",
    "⺹": "耂", "⺺": "肀", "⺻": "聿", "⺼": "肉", "⺽": "臼", "⺾": "艹", "⺿": "艹", "⻀": "艹",
    "⻁": "虎", "⻂": "衤", "⻃": "覀", "⻄": "西", "⻅": "见", "⻆": "角", "⻇": "角", "⻈": "讠",
    "⻉": "贝", "⻊": "足", "⻋": "车", "⻌": "辶", "⻍": "辶", "⻎": "辶", "⻏": "阝", "⻐": "钅",
    "⻑": "長", "⻒": "镸", "⻓": "长", "⻔": "门", "⻕": "阜", "⻖": "阝", "⻗": "雨", "⻘": "青",
    "⻙": "韦", "⻚": "页", "⻛": "风", "⻜": "飞", "⻝": "食", "⻟": "飠", "⻠": "饣", "⻢": "马",
    "⻣": "骨", "⻤": "鬼", "⻥": "鱼", "⻦": "鸟", "⻧": "卤", "⻨": "麦", "⻩": "黄", "⻪": "黾",
    "⻫": "斉", "⻬": "齐", "⻭": "歯", "⻮": "齿", "⻯": "竜", "⻰": "龙", "⻱": "龜", "⻲": "亀",
    "⻳": "龟",
}


def _glyph_table() -> dict[int, str]:
    table = {ord(k): v for k, v in _RADICALS_SUPPLEMENT.items()}
    # Kangxi radicals (U+2F00–U+2FDF) and CJK compatibility ideographs (U+F900–U+FAFF,
    # U+2F800–U+2FA1F): NFKC gives the unified ideograph, one character for one
    for lo, hi in ((0x2F00, 0x2FE0), (0xF900, 0xFB00), (0x2F800, 0x2FA20)):
        for cp in range(lo, hi):
            ch = chr(cp)
            mapped = unicodedata.normalize("NFKC", ch)
            if mapped != ch and len(mapped) == 1:
                table[cp] = mapped
    return table


_GLYPHS = _glyph_table()
_HAS_GLYPH = re.compile("[\u2e80-\u2eff\u2f00-\u2fdf\uf900-\ufaff\U0002f800-\U0002fa1f]")


def fold_glyphs(text: str) -> str:
    """Kangxi radicals, CJK radicals-supplement and compatibility glyphs → the ideographs they
    stand for (⼀ → 一, ⻓ → 长, 﨑 → 崎): one character for one, so offsets stay valid."""
    return text.translate(_GLYPHS) if _HAS_GLYPH.search(text) else text
