"""Specific content of a sentence, after Hope, Hu & Lu (2016): what could be checked.

Figures with units, money, percentages, dates of events, document numbers, titles in 《》,
named places, organisations and projects, and named local initiatives in quotes make a
sentence substantive. Numbers that are labels of a political calendar or a slogan
(党的二十大, “十四五”, “四个意识”, 三项制度, a bare year, the national 12·4 or “4.15” days)
do not: they are excluded by position (inside quotes, inside a lexicon formula) and by form.
Names are judged against the corpus: a name many reports share (国务院, 江苏 in a formula,
words jieba mistags as places) or the report's own agency is no evidence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Protocol, Sequence

from compare.boilerplate.words import SentenceWords
from compare.text.figures import find_figures

# kind → weight: how strongly one token of the kind says "this is about this agency's year".
WEIGHTS = {
    "figure": 2.0,
    "money": 2.0,
    "percent": 2.0,
    "date": 1.5,
    "document-number": 2.0,
    "count": 1.6,
    "first": 1.0,
    "local-title": 2.0,
    "title": 0.6,
    "national-title": 0.1,
    "organisation": 1.2,
    "name": 1.0,
    "quoted-name": 0.8,
}

# Tags of words that may begin a named organisation or project (吴中 气象局, 川藏 铁路);
# "" is a word jieba's dictionary does not know (found by its HMM).
PROPER_TAGS = frozenset({"ns", "nr", "nrt", "nrfg", "nz", "nt"})
# Tags of words that are names on their own: places. jieba tags persons (nr) and "other proper
# nouns" (nz) too loosely (法律顾问/nr, 智慧/nr, 中国式/nz) to count them alone.
PLACE_TAGS = frozenset({"ns", "nrt"})
_QUOTE = re.compile(r"“([^“”]{1,30})”|\"([^\"]{1,30})\"|「([^「」]{1,30})」|‘([^‘’]{1,30})’")
_TITLE = re.compile(r"《([^《》]{1,80})》")
_DOC_NUMBER = re.compile(
    r"[\u4e00-\u9fff]{1,10}\s*[〔\[［【(（]\s*(?:19|20)\d{2}\s*[〕\]］】)）]\s*(?:第\s*)?\d{1,4}\s*号"
    r"|第\s*\d{1,4}\s*号令"
)
_NATIONAL_DAY = re.compile(r"^\d{1,2}\s*[.·．]\s*\d{1,2}$")
_LOCAL_MARK = re.compile(r"[省市区县镇乡村局]|街道|开发区|园区|管委会|\d")
_NATIONAL_ISSUER = re.compile(r"(?:中共中央|中央|国务院|全国人大|部|国家[\u4e00-\u9fff]{0,6})(?:办公厅)?[、和\s]*$")
_NATIONAL_TITLE = re.compile(r"^(?:中华人民共和国|中共中央|国务院|宪法$|民法典$)")
_ORG_SUFFIX = re.compile(
    r"(?:局|站|所|村|社区|公司|中心|学校|学院|大学|法院|检察院|医院|集团|公园|乐园|园区|大厦|剧场|"
    r"服务区|银行|协会|商会|街道|实验室|博物馆|机场|港区|铁路|高铁|公路|大桥|隧道|工程|项目|枢纽)$"
)
_CJK_ONLY = re.compile(r"^[\u4e00-\u9fff]+$")
# An unknown word is a name when it ends like a place: 长福路, 嘎拉村, 燕岭大厦.
_PLACE_SUFFIX = re.compile(r"[路街巷村镇湖山河江桥港湾岛园城寺塔庄屯坝渠]$|大厦$|广场$")
# What a quoted name names: “唠嗑说事”工作机制, “庭审进社区”活动, “雅江1号”智算中心.
_NAMED_THING = re.compile(
    r"^[^，。；、：,;:（）()“”等的]{0,6}?(?:机制|平台|活动|品牌|行动|工程|计划|模式|服务|论坛|"
    r"项目|大会|中心|指南|专项|示范区|基地|系统|小程序|公众号|APP|App|app)"
)
_NAMED_INNER = re.compile(r"(?:行动|计划|工程|品牌|论坛|平台)$")
_SLOGAN_NUMBER = re.compile(r"[一二两三四五六七八九十]个")
# A count right after these is an ordinal of a meeting (十二届市委八次全会, 人大三次会议).
_SESSION_AFTER = re.compile(r"^(?:会议|全会|全体会议|会)")
_COUNT_TAIL = re.compile(r"^(?:余|多)(?:条|个|件|家|次|场|项|人|份|名|处|起|宗|所|座|台|户|批)")
_FIRST = re.compile(r"(?:全国|全省|全市|全区|国内|世界)?首(?:家|个|批|单|票|例|座|台|条|届)")
_ORDINAL_EVENT = re.compile(r"第[一二三四五六七八九十百\d]{1,4}(?:届|期)")


class NameStatistics(Protocol):
    def is_common_name(self, word: str) -> bool: ...

    def is_common_quote(self, term: str) -> bool: ...


@dataclass(frozen=True, slots=True)
class SpecificToken:
    kind: str
    text: str
    start: int  # offsets in the simplified sentence
    end: int
    weight: float


def quote_spans(text: str) -> list[tuple[int, int, str]]:
    """(start, end, inner text) of every quoted stretch, quotes included in the span."""
    out = []
    for m in _QUOTE.finditer(text):
        inner = next(g for g in m.groups() if g is not None)
        out.append((m.start(), m.end(), inner))
    return out


def _overlaps(start: int, end: int, spans: Sequence[tuple[int, int]]) -> bool:
    return any(s < end and start < e for s, e in spans)


def find_specific(
    sw: SentenceWords,
    *,
    formula_spans: Sequence[tuple[int, int]] = (),
    names: NameStatistics | None = None,
    own: Sequence[str] = (),
) -> list[SpecificToken]:
    """Specific tokens of a simplified sentence, left to right.

    `formula_spans` are lexicon matches (nothing inside them is specific); `names` tells which
    names and quoted terms the reference corpus shares; `own` are the place names of the
    report's own agency (苏州, 吴中), which are no evidence.
    """
    text = sw.text
    quotes = quote_spans(text)
    quoted = [(s, e) for s, e, _ in quotes]
    out: list[SpecificToken] = []
    taken: list[tuple[int, int]] = []

    def add(kind: str, start: int, end: int) -> None:
        out.append(SpecificToken(kind, text[start:end], start, end, WEIGHTS[kind]))
        taken.append((start, end))

    for m in _DOC_NUMBER.finditer(text):
        add("document-number", m.start(), m.end())

    for m in _TITLE.finditer(text):
        if _overlaps(m.start(), m.end(), formula_spans):
            continue
        add(_title_kind(m.group(1), text[max(0, m.start() - 14) : m.start()]), m.start(), m.end())

    for fig in find_figures(text):
        if _overlaps(fig.start, fig.end, taken) or _overlaps(fig.start, fig.end, quoted):
            continue
        if _overlaps(fig.start, fig.end, formula_spans):
            continue
        kind, end = _figure_kind(fig.text, fig.unit, fig.is_date, text, fig.start, fig.end)
        if kind:
            add(kind, fig.start, end)

    for pattern, kind in ((_FIRST, "first"), (_ORDINAL_EVENT, "count")):
        for m in pattern.finditer(text):
            spans = (taken, quoted, formula_spans)
            if not any(_overlaps(m.start(), m.end(), sp) for sp in spans):
                add(kind, m.start(), m.end())

    for start, end, inner in quotes:
        if names is None or _overlaps(start, end, formula_spans) or _overlaps(start, end, taken):
            continue
        if _is_quoted_name(inner.strip(), text[end : end + 14], names):
            add("quoted-name", start, end)

    _find_names(sw, out, taken, quoted, formula_spans, names, own)
    out.sort(key=lambda t: t.start)
    return out


def _title_kind(title: str, before: str) -> str:
    if _NATIONAL_TITLE.match(title) or _NATIONAL_ISSUER.search(before):
        return "national-title"
    if title.endswith("法") and len(title) <= 10 and not _LOCAL_MARK.search(title):
        return "national-title"
    if _LOCAL_MARK.search(title):
        return "local-title"
    return "title"


def _is_quoted_name(term: str, after: str, names: NameStatistics) -> bool:
    """A quoted term names a local initiative when it is rare and names a thing, not a slogan."""
    if len(term) < 2 or _NATIONAL_DAY.match(term) or names.is_common_quote(term):
        return False
    if "、" in term or "，" in term or _SLOGAN_NUMBER.search(term):
        return False  # slogan lists (零上门、零审批 …) and numbered formulas (五个一)
    return bool(_NAMED_THING.match(after) or _NAMED_INNER.search(term))


def _figure_kind(
    text: str, unit: str, is_date: bool, sentence: str, start: int, end: int
) -> tuple[str, int]:
    """(kind, end) of a figure, kind "" when the figure is no evidence."""
    after = sentence[end : end + 4]
    if is_date:
        return ("date" if "月" in text or "日" in text else ""), end  # a bare year is no event
    if not unit:
        tail = _COUNT_TAIL.match(after)
        if tail:  # 200余条, 10多个: find_figures stops at 余/多
            return "figure", end + tail.end()
        return "", end  # 12345, 5G, 2号线: numbers without a unit are labels, not counts
    if text[:1] in "零〇一二两三四五六七八九十百千万亿":
        numeral = text[: len(text) - len(unit)]
        if numeral == "一" or unit == "年" or _SESSION_AFTER.match(after) or "届" in sentence[max(0, start - 3) : start]:
            return "", end  # 一次性, 一批; 过去五年; 人大三次会议, 市委八次全会: not counts
        return "count", end
    if (unit == "年" and after.startswith("来")) or (unit == "周" and after.startswith("年")):
        return "", end  # 60年来, 75周年: an anniversary, not a measure
    if unit in ("%", "％", "‰") or "百分点" in unit:
        return "percent", end
    if "元" in unit:
        return "money", end
    return "figure", end


def _find_names(
    sw: SentenceWords,
    out: list[SpecificToken],
    taken: list[tuple[int, int]],
    quoted: Sequence[tuple[int, int]],
    formula_spans: Sequence[tuple[int, int]],
    names: NameStatistics | None,
    own: Sequence[str],
) -> None:
    n = len(sw.words)
    tags = sw.tags
    i = 0
    while i < n:
        word = sw.words[i]
        tag = tags[i]
        if len(word) < 2 or not (tag in PROPER_TAGS or tag == "") or not _CJK_ONLY.match(word):
            i += 1
            continue
        start, end = sw.spans[i]
        mine = any(o in word or word in o for o in own)
        blocked = mine or _overlaps(start, end, taken) or _overlaps(start, end, quoted)
        blocked = blocked or _overlaps(start, end, formula_spans)
        if blocked:
            i += 1
            continue
        common = names.is_common_name(word) if names is not None else False
        if (
            (tag in PLACE_TAGS or not common)
            and i + 1 < n
            and sw.spans[i + 1][0] == end  # adjacent: no punctuation between
            and _ORG_SUFFIX.search(sw.words[i + 1])
        ):
            # a name and what it names: 太湖 服务区, 金庭 水利站, 川藏 铁路, 乐高 乐园
            s2, e2 = sw.spans[i + 1]
            if not _overlaps(s2, e2, taken):
                out.append(SpecificToken("organisation", sw.text[start:e2], start, e2, WEIGHTS["organisation"]))
                taken.append((start, e2))
                i += 2
                continue
        place = tag in PLACE_TAGS or (tag == "" and len(word) >= 3 and bool(_PLACE_SUFFIX.search(word)))
        if place and not common:
            out.append(SpecificToken("name", word, start, end, WEIGHTS["name"]))
            taken.append((start, end))
        i += 1
