"""Figures in report text, in every notation, each with a normalised value and unit.

Used to tell "same sentence, new figures" from a real rewording (`comparison.diff.classify`),
for the old → new list, and to find the specific (countable, checkable) content of a sentence.

Notations read (`find_figures`):

| written | `value` | `base_unit` | `approx` |
|---|---|---|---|
| `5.2%`, `５．２％`, `百分之五点二` | 5.2 | `%` | |
| `0.3个百分点` | 0.3 | `百分点` | |
| `1,234.5亿元`, `3.5万亿元` | 1.2345e11, 3.5e12 | `元` | |
| `一万二千人`, `三千五百亿元` | 12000, 3.5e11 | `人`, `元` | |
| `12万余人`, `200多个`, `380多万户` | 120000, 200, 3800000 | `人`, `个`, `户` | `over` |
| `约1.2万`, `近3000`, `3000左右` | 12000, 3000 | `` | `about`, `nearly` |
| `1000万人以上`, `不低于90%`, `不少于`/`至少100家` | 1e7, 90, 100 | `人`, `%`, `家` | `at least` |
| `3%以内`/`之内`/`以下`, `不超过`/`不高于3%`, `不到`/`不足`/`最多3次` | 3 | `%`, `次` | `at most` |
| `3—5年`, `三至五年` | 3 (`high` 5) | `年` | |
| `6.5%－7%` | 6.5 (`high` 7) | `%` | |

Chinese numerals are read by cn2an (a maintained converter; ours only splits off what it does not
take: the multiplier of a mixed figure, 百分之, qualifiers). A Chinese numeral is a figure only
with a unit after it (一些, 统一, 十分 are words, not figures); ordinals (第一次) are not figures;
years and dates (2023年, 二〇二三年, 3月5日) are figures with `is_date` set, never "changed
figures" on their own. `find_figures` reads the matching view (NFKC: full-width digits are
plain) or original text alike; offsets are into the string given. Letters and digits written
together are names, not figures (广义货币M2, 5G, G20, C919); the values of PM2.5 (40微克) are
figures.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
import unicodedata
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from typing import Literal

Approx = Literal["", "about", "nearly", "over", "at least", "at most"]

# ○ (white circle) is the zero many printed reports use (一九八○年, 二百○八所)
_CN_DIGIT = "零〇○一二两三四五六七八九"
_CN_NUMERAL = _CN_DIGIT + "十百千万亿"
# multipliers written after a number; 千 not before 米, 瓦, 克 (千米 is a unit of its own)
_MULTIPLIERS = {"万亿": 1e12, "千亿": 1e11, "百亿": 1e10, "亿": 1e8, "千万": 1e7, "百万": 1e6,
                "万": 1e4, "千": 1e3}
_MUL = r"万亿|千亿|百亿|亿|千万|百万|万|千(?![米瓦克伏])"
# units as written → normalised unit
_UNIT_NAMES = {"％": "%", "个百分点": "百分点", "平方千米": "平方公里", "千米": "公里", "千克": "公斤"}
_UNITS = (
    "元|美元|"
    "个百分点|百分点|%|％|‰|倍|"
    "平方公里|平方千米|平方米|公里|千米|米|公顷|亩|吨|公斤|千克|斤|千瓦时|千瓦|兆瓦|立方米|方|"
    "人次|户次|件次|场次|批次|个工作日|工作日|个月|个小时|"
    "人|户|家|件|个|次|场|项|条|张|份|本|期|批|座|所|台|辆|套|处|篇|起|宗|名|支|班|"
    "天|日|小时|分钟|周|月|年|岁|分"
)
# after a Chinese numeral: units that do not make words (十分, 一方面, 一本正经, 一起 are words)
_CN_UNITS = "|".join(u for u in _UNITS.split("|") if u not in ("分", "方", "本", "起", "所", "支", "班", "份", "天", "日", "周", "月"))
# a full-width decimal point with a space either side is still one (8 ．8 ％, as a crawled text spaces it)
_ARABIC = r"\d+(?:[,，]\d{3})*(?:(?:[.．]|[ \u3000]?．[ \u3000]?)\d+)?"
_CN_NUM = rf"[{_CN_NUMERAL}]+(?:点[{_CN_DIGIT}]+)?"
# Letters and digits written together name a thing (广义货币M2, PM2.5, 5G, G20, C919, 4G): no
# figure starts right after a Latin letter or inside a number, nor ends right before a letter;
# nor right before 号, which numbers a thing (地铁7号线, 中央1号文件, 第5号令).
_NAME_EDGE_BEFORE = r"(?<![A-Za-zＡ-Ｚａ-ｚ\d.．])"
_NAME_EDGE_AFTER = r"(?![A-Za-zＡ-Ｚａ-ｚ\d.．号])"
# a qualifier before a figure: 不超过 at 不 is tried before 超过 at 超 (the scan goes left to
# right), so a ceiling (不超过3%) is never read as a floor (超过3%)
_PRE = r"(?P<pre>约|大约|近|将近|接近|逾|超过|不到|不足|不超过|不高于|不多于|不大于|最多|不低于|不少于|不小于|至少)?"
_POST = r"(?P<post>以上|以下|以内|之内|左右|上下)?"
_RANGE = r"\s*(?:[-—–~～－]|至|到)\s*"

FIGURE_RE = re.compile(
    rf"(?=[\d约大近将接逾超不最至百千{_CN_NUMERAL}])"  # every figure starts so: a fast first test
    + _PRE
    + "(?:"
    + rf"(?P<pct>百分之|千分之)(?P<pnum>{_ARABIC}|{_CN_NUM})(?:{_RANGE}(?:百分之|千分之)?(?P<pnum2>{_ARABIC}|{_CN_NUM}))?"
    + rf"|{_NAME_EDGE_BEFORE}(?P<num>{_ARABIC}){_NAME_EDGE_AFTER}(?:(?:[%％]\s*[-—–~～－]\s*|{_RANGE})(?P<num2>{_ARABIC}))?\s*(?:(?P<more0>余|多)(?={_MUL}))?(?P<mul>{_MUL})?(?P<more>余|多)?\s*(?P<unit>{_UNITS})?"
    + rf"|(?<!第)(?P<cn>{_CN_NUM})(?:{_RANGE}(?P<cn2>{_CN_NUM}))?(?P<cnmore>余|多)?(?P<cnunit>{_CN_UNITS})"
    + ")"
    + _POST
)
# Ordinals and dates are figures too, but never "changed figures" on their own.
_DATE_RE = re.compile(
    r"(?=[\d〇○零一二三四五六七八九])"
    r"(?:(?:19|20)\d{2}|[〇○零一二三四五六七八九]{4})\s*年(?:\s*\d{1,2}\s*月(?:\s*\d{1,2}\s*日)?)?"
    r"|\d{1,2}\s*月\s*\d{1,2}\s*日"
)
_APPROX: dict[str, Approx] = {
    "约": "about", "大约": "about", "左右": "about", "上下": "about",
    "近": "nearly", "将近": "nearly", "接近": "nearly", "不到": "at most", "不足": "at most",
    "逾": "over", "超过": "over", "余": "over", "多": "over",
    "不超过": "at most", "不高于": "at most", "不多于": "at most", "不大于": "at most", "最多": "at most",
    "不低于": "at least", "不少于": "at least", "不小于": "at least", "至少": "at least",
    "以上": "at least", "以下": "at most", "以内": "at most", "之内": "at most",
}


@dataclass(frozen=True, slots=True)
class Figure:
    """One figure: `text[start:end]` as written (the number and its unit; a qualifier such as
    约 or 左右 around it is read into `approx`, not spanned), and what it says.

    - `unit`: as written after the number, multiplier included (`万亿元`, `%`, `个百分点`, `人`,
      `""` for a bare number);
    - `value`: the number in `base_unit` (3.5万亿元 → 3.5e12; 百分之五点二 → 5.2), None when it
      cannot be read;
    - `base_unit`: the unit with multipliers taken out and spellings unified (`元`, `%`,
      `百分点`, `公里`, `""`);
    - `approx`: a qualifier (约 about, 近 nearly, 余/多/逾 over, 以上 at least, 以下 at most);
    - `high`: the upper end of a range (3—5年: value 3, high 5), else None;
    - `is_date`: a year or a date (2023年, 3月5日).

    `value` and `high` are read from the numerals as written (`number`, `number_high`, times
    `factor`, the multiplier after them) when first asked for: finding figures is on the path
    to every comparison, and most figures found there are only located (what quantity they
    measure, where they stand), never valued; a Chinese numeral's value needs cn2an, whose
    import compiles its numeral grammar (0.08–0.13 s of CPU, measured session 22). Asking
    gives the same number whenever it is asked.
    """

    start: int
    end: int
    text: str
    unit: str
    is_date: bool = False
    number: str | None = None
    base_unit: str = ""
    approx: Approx = ""
    number_high: str | None = None
    factor: float | None = None

    @property
    def value(self) -> float | None:
        return _scaled(self.number, self.factor)

    @property
    def high(self) -> float | None:
        return _scaled(self.number_high, self.factor)

    @property
    def normalised(self) -> str:
        """Value and unit in one canonical string ("12000人", "5.2%", "3.5e+12元"): two
        figures are the same figure when these agree, however each was written."""
        value = self.value
        if value is None:
            return self.text
        high = self.high
        value_text = _plain(value) + (f"-{_plain(high)}" if high is not None else "")
        return f"{value_text}{self.base_unit}"


def _scaled(number: str | None, factor: float | None) -> float | None:
    """The numeral read (`parse_number`), times the multiplier written after it if any."""
    value = parse_number(number) if number is not None else None
    return value * factor if value is not None and factor is not None else value


def _plain(value: float) -> str:
    """12000.0 → "12000", 1.2345e11 → "123450000000", 5.2 → "5.2": no exponent, no trailing 0."""
    text = format(Decimal(repr(value)), "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


_DIGITS = {"零": "0", "〇": "0", "○": "0", "一": "1", "二": "2", "两": "2", "三": "3", "四": "4",
           "五": "5", "六": "6", "七": "7", "八": "8", "九": "9"}


@lru_cache(maxsize=8192)
def parse_number(text: str) -> float | None:
    """An Arabic (half- or full-width, with thousands separators) or Chinese numeral
    (一万二千, 五点二; 二〇二三 digit by digit) as a number; None when it is not one."""
    s = unicodedata.normalize("NFKC", text or "").replace(",", "").replace("，", "").replace(" ", "")
    if not s:
        return None
    if s[0].isdigit():
        try:
            return float(s)
        except ValueError:
            return None
    if len(s) > 1 and all(ch in _DIGITS for ch in s):
        return float("".join(_DIGITS[ch] for ch in s))
    if s[0] in "百千万亿":
        s = "一" + s  # 千亿斤, 万亿元: a magnitude said alone is one of it
    s = s.replace("○", "〇")  # cn2an reads 〇 only (二百○八 is 208)
    import cn2an  # deferred: only text with Chinese numerals pays for its import (0.15 s)

    try:
        return float(cn2an.cn2an(s, "normal"))
    except (ValueError, KeyError, TypeError, IndexError):
        return None


def _figure(m: re.Match[str], is_date: bool) -> Figure:
    pre, post = m.group("pre") or "", m.group("post") or ""
    factor: float | None = None
    more = ""
    if m.group("pct") is not None:
        number, number_high = m.group("pnum"), m.group("pnum2")
        unit = m.group("pct")
        base = "%" if m.group("pct") == "百分之" else "‰"
    elif m.group("num") is not None:
        number, number_high = m.group("num"), m.group("num2")
        mul = m.group("mul") or ""
        written = m.group("unit") or ""
        more = m.group("more") or m.group("more0") or ""  # 12万余人, 380多万户
        unit = mul + (m.group("more") or "") + written
        factor = _MULTIPLIERS.get(mul, 1.0)
        base = _UNIT_NAMES.get(written, written)
    else:
        number, number_high = m.group("cn"), m.group("cn2")
        written = m.group("cnunit")
        more = m.group("cnmore") or ""
        unit = more + written
        base = _UNIT_NAMES.get(written, written)
    approx = _APPROX.get(pre) or _APPROX.get(more) or _APPROX.get(post) or ""
    # the span is the number and its unit; a qualifier before or after (约, 左右) is `approx`
    start = m.end("pre") if pre else m.start()
    end = m.start("post") if post else m.end()
    return Figure(start, end, m.string[start:end], unit, is_date, number, base, approx, number_high, factor)


_POST_WORDS = ("以上", "以下", "以内", "之内", "左右", "上下")
_PRE_WORDS = sorted(w for w in _APPROX if w not in ("余", "多", *_POST_WORDS))
_PRE_WORDS.sort(key=len, reverse=True)  # 大约 before 约, 不超过 before 超过
# 约 and 近 ending a word (节约3亿元, 最近3年) qualify nothing: the word is no part of the figure
_WORD_BEFORE_QUALIFIER = re.compile(r"[节制简契预公条婚违履]约|[最附邻亲靠贴逼]近")


def qualified_span(text: str, start: int, end: int) -> tuple[int, int]:
    """The span `text[start:end]` of a figure (characters) widened to the qualifier written
    around it (约3%, 超过1.9万公里, 6.5%左右, 1100万人以上, 4.5%以内, 不超过3%, 不低于90%): what
    a reader quotes, so a figure shown old → new keeps its 左右 (6.5%-7% → 6.5%左右, never →
    6.5%), a ceiling its 以内 and 不超过 (never → 超过3%, the opposite)."""
    for word in _PRE_WORDS:
        if text.endswith(word, 0, start):
            before = start - len(word)
            if before == 0 or not _WORD_BEFORE_QUALIFIER.match(text, before - 1):
                start = before
            break
    for word in _POST_WORDS:
        if text.startswith(word, end):
            end += len(word)
            break
    return start, end


# A bare decimal ending in .0 (no unit, no multiplier) is a version label (扩大开放2.0, 3.0版).
_VERSION = re.compile(r"\d+[.．]0")
# Years that name a school system, not a span of time: 九年义务教育, 九年制义务教育, 十二年免费教育,
# 9年一贯制学校, 三年制 (user test s25: `series` charted 基本普及九年义务教育 as an indicator
# "基本普 … 九年").
_SCHOOL_YEARS = re.compile(r"(?:制|一贯制|(?:免费)?(?:义务|基础|免费)教育)")


def find_figures(text: str) -> list[Figure]:
    """Every figure in `text`, left to right, dates marked as such (see the module's table)."""
    dates = [(m.start(), m.end()) for m in _DATE_RE.finditer(text)]
    starts = [d[0] for d in dates]
    out: list[Figure] = []
    for m in FIGURE_RE.finditer(text):
        if m.start() == m.end():
            continue
        if m.group("num") is None and m.group("cn") is None and m.group("pct") is None:
            continue
        if m.group("num") is not None and not m.group(0)[m.end("num") - m.start() :].strip() and _VERSION.fullmatch(m.group("num")):
            continue  # 服务业扩大开放2.0, 3.0版: a version label names a thing
        if ((m.group("unit") or m.group("cnunit")) == "年" and len(m.group("num") or m.group("cn") or "") <= 2
                and _SCHOOL_YEARS.match(text, m.end())):
            continue  # 九年义务教育: the name of a school system (a year, 2023年义务教育…, stays a date)
        i = bisect_right(starts, m.start()) - 1  # the last date starting at or before it
        is_date = i >= 0 and m.start() < dates[i][1]
        out.append(_figure(m, is_date))
    return out


# What makes a figure found in a text no measure of anything (`measures_quantity`):
# quotation marks or title marks around it (“四两拨千斤”, 《…“十二五”规划》), a month of the
# year (从8月份起, 8月底), or a span of years naming a period or a programme (二十年改革开放,
# 百年梦想, 学前教育三年行动计划, 三年任务两年基本完成, 十多年来) rather than a length the text
# measures (提前两年, 连续8年, 缩短到3年); a count naming a package (十项措施, 八项规定,
# 新10年…纲要) is a name too.
_QUOTED = re.compile(r"“[^”]{0,30}”|「[^」]{0,30}」|《[^》]{0,60}》|\"[^\"]{0,30}\"|‘[^’]{0,30}’")
_SPAN_MEASURED_BEFORE = re.compile(r"(?:提前|连续|缩短|延长|压缩|缩减|减少|延至|缩至|为期|期限|时限)[为到至了]?$")
_NAME_AFTER = re.compile(r"[^，。；、,;:：！!？?“”\"]{0,8}?(?:行动计划|计划|规划|纲要|工程|措施|规定|行动|战略|意见|梦想)")
_NAME_UNITS = ("年", "项", "月")


def measures_quantity(text: str, figure: Figure) -> bool:
    """Does `figure` (one of `find_figures(text)`) measure a quantity — an amount, a rate, a
    count — rather than name a date, a period or a programme? Not a date (`is_date`), not a
    numeral inside “…”, 「…」, "…" or 《…》, not a month of the year (8月份, 从8月起: unit 月; 3个月
    is a length), not a span of years unless the text measures it (提前两年, 连续8年, 缩短到3年:
    二十年改革开放, 百年梦想, 三年任务两年基本完成 and 十多年来 are periods), and not a count of
    years or items naming a plan or package (三年行动计划, 十项措施, 八项规定).
    User test s25b: `series` called items "reported with figures" on such numerals alone."""
    if figure.is_date or figure.value is None:
        return False
    if any(m.start() < figure.end and figure.start < m.end() for m in _QUOTED.finditer(text)):
        return False
    if figure.base_unit == "月":
        return False
    if figure.base_unit == "年" and not _SPAN_MEASURED_BEFORE.search(text, 0, figure.start):
        return False
    return not (figure.base_unit in _NAME_UNITS and _NAME_AFTER.match(text, figure.end))


FIGURE_MASK = "§"


def mask_figures(text: str) -> str:
    """The text with every Arabic-numeral figure replaced by one placeholder character."""
    return re.sub(r"\d+(?:[.,，]\d+)*(?:\.\d+)?", FIGURE_MASK, text)


# what follows 年 in a deadline: 2024年底前, 2025年前, 2026年以前
DEADLINE_AFTER = re.compile(r"\s*(?:底|末)?\s*(?:前|之前|以前)")
# A year written in digits or in Chinese numerals (2023年, 二〇二三年, 一九八○年), or a span of
# years (2022—2023年, 一九八六至一九九○年), before 年: the years `find_figures` reads as dates.
_A_YEAR = r"(?:19|20)\d\d|一九[〇○零一二三四五六七八九]{2}|二[〇○零][〇○零一二三四五六七八九]{2}"
_YEAR_WRITTEN = re.compile(rf"(?<![\d.．{_CN_NUMERAL}])({_A_YEAR})(?:{_RANGE}({_A_YEAR}))?(?=\s*年)")


# what follows the year that opens a sentence as its frame: 2026年，力争…
_FRAME_AFTER = re.compile(r"\s*[，,]")


def year_moves_on(year: float, own_year: int | None, after: str, leads: bool = False) -> bool:
    """Whether a year (or the first year of a span) written in a report of `own_year`, with
    `after` the text following its 年, moves on with the body's reports: next year's report
    writes it a year later and means the same (2023年，… → 2024年，…; 2022—2023年 → 2023—2024年).
    A deadline (2024年底前) and a year after the report's own (a plan for 2025: 力争2025年建成)
    do not: moved on, they are a postponement. Except the next year as the frame of a plan
    sentence (`leads`: the year opens the sentence, then a comma): a 法治政府建设情况报告 of 2024,
    written early in 2025, sets out its plan as 2025年，力争…, and the next report's 2026年，力争…
    is the same frame a year on, not a postponement (user test s26). The one rule of `diff`
    (`comparison.diff.classify.same_relative_year`) and of boilerplate's carried-over mark
    (`years_apart`, `moved_on_only`)."""
    if DEADLINE_AFTER.match(after):
        return False
    if own_year is None or year <= own_year:
        return True
    return leads and year == own_year + 1 and bool(_FRAME_AFTER.match(after))


@dataclass(frozen=True, slots=True)
class WrittenYear:
    """A year written before 年 in digits or Chinese numerals (2023年, 二〇二三年, 一九八○年), or
    a span of years (2022—2023年: `first` 2022, `last` 2023), and whether it moves on with the body's reports (`year_moves_on`)."""

    first: int
    last: int | None
    moves: bool


def _year(written: str) -> int:
    """A year as `_YEAR_WRITTEN` finds it (2023, ２０２３, 二〇二三, 一九八○), read as `find_figures`
    reads it (`parse_number`), so `diff` and boilerplate see the same year."""
    return int(parse_number(written) or 0)  # _A_YEAR matches numerals only: never 0


def years_apart(text: str, own_year: int | None) -> tuple[str, tuple[WrittenYear, ...]]:
    """`text` with each year or span of years written before 年 (in digits or Chinese numerals,
    the years `find_figures` reads as dates) replaced by 〈年〉,
    and those years in order (`WrittenYear`), read in a report of `own_year`. Two years'
    sentences with one frame are the same sentence when each year is equal or moved on by the
    reports' gap (`moved_on_only`)."""
    years: list[WrittenYear] = []

    def mark(m: re.Match[str]) -> str:
        first = _year(m.group(1))
        after = text.find("年", m.end()) + 1
        last = _year(m.group(2)) if m.group(2) is not None else None
        years.append(WrittenYear(first, last, year_moves_on(first, own_year, text[after:], m.start() == 0)))
        return "〈年〉"

    return _YEAR_WRITTEN.sub(mark, text), tuple(years)


def moved_on_only(old: Sequence[WrittenYear], new: Sequence[WrittenYear], gap: int | None) -> bool:
    """Whether the years of a sentence of a later report (`new`) are those of the same frame in
    a report `gap` years earlier (`old`), each equal or moved on by `gap` (2023年 → 2024年,
    2022—2023年 → 2023—2024年; `year_moves_on` says which may move): the rule `diff` applies
    figure by figure (`comparison.diff.classify.same_relative_year`)."""
    if len(old) != len(new):
        return False
    for a, b in zip(old, new):
        if (a.first, a.last) == (b.first, b.last):
            continue
        moved = gap is not None and gap > 0 and b.first - a.first == gap
        if not (moved and a.moves and b.moves and (a.last is None) == (b.last is None)):
            return False
        if a.last is not None and b.last is not None and b.last - a.last != gap:
            return False
    return True


# Units of one kind written differently, each in the smallest of its kind: 1公顷 = 15亩,
# 1平方公里 = 100公顷 (GB 3100 and the 市制 亩 of 666.67平方米); 1吨 = 1000公斤 = 2000斤; 1公里 = 1000米.
_IN_SMALLEST = {"亩": 1.0, "公顷": 15.0, "平方公里": 1500.0, "斤": 1.0, "公斤": 2.0, "吨": 2000.0,
                "米": 1.0, "公里": 1000.0}
_KIND_OF = {"亩": "area", "公顷": "area", "平方公里": "area", "斤": "weight", "公斤": "weight", "吨": "weight",
            "米": "length", "公里": "length"}


def in_unit_of(old: str, new: str) -> str:
    """The figure written `new` in the unit of the figure written `old`, when the two are
    of one kind in different units (亩 and 公顷, 斤 and 吨, 米 and 公里): 9200多万亩 against
    2953万公顷 gives "4.43亿亩", so a reader sees whether it rose; "" otherwise."""
    a, b = find_figures(old), find_figures(new)
    if not (a and b):
        return ""
    unit_a, unit_b = a[0].base_unit, b[0].base_unit
    value = b[0].value
    if value is None or unit_a == unit_b or _KIND_OF.get(unit_a) is None or _KIND_OF.get(unit_a) != _KIND_OF.get(unit_b):
        return ""
    converted = value * _IN_SMALLEST[unit_b] / _IN_SMALLEST[unit_a]
    for name, size in (("万亿", 1e12), ("亿", 1e8), ("万", 1e4), ("", 1.0)):
        if converted >= size or not name:
            number = converted / size
            text = f"{number:.0f}" if number >= 100 else f"{number:.2f}".rstrip("0").rstrip(".")
            return f"{text}{name}{unit_a}"
    return ""
