"""Indicators: each quantity a report states, named by the words before it, followed across years.

A quantity (`values.stated_values`) is named by its clause up to the figure, cleared of
the words that say when or how it was measured (今年, 比上年, 年均, 达到 …): 国内生产总值增长,
城镇新增就业, 社会消费品零售总额. A clause that only says 比上年增长7.7% takes its subject from the
clause before (国内生产总值达到56.9万亿元，比上年增长7.7%). Each value is a `target` (预期目标, 拟安排,
左右, 以上, 力争 … in its clause) or a `result` (完成, 实现, 达到, 比上年 … in its clause); when its
clause says neither, `compare.text.quantities.is_target` decides from the sentence and the part
of the report (the plan states targets, the review results). Rows of statistics tables (the
tables of 政府信息公开工作年度报告) give `table` values named "row / column".

A figure stated over several years (年均, 五年累计, 过去五年, “十三五”时期, 2011—2015年 …, in its
clause, else earlier in its sentence, else in the latest sentence before it in its paragraph that
names a period, else its headings, unless a
nearer word names one year: 2012年, 去年) is not a yearly value: its name gets the suffix
（多年）, so it forms an indicator of its own and the yearly indicator shows the year's figure.
A name made only of verbs, adverbs and measure words (解决, 再解决, 公斤提高) names nothing
measured; such values are dropped.

Growth of the whole economy stated without its measure (经济增长速度的调控目标, 今年经济增长预期
为7%左右: the State Council reports 1995–2004, some provinces' reports) is named as growth of
the output measure the report itself states its growth by (国内生产总值增长, 地区生产总值增长 …),
so it joins the years that name the measure. A clause holding only a verb before its figure
(…调控目标，定为百分之八至九) is named by the clause before it.

Older wordings (the State Council reports before 1994): the base of a comparison (比１９８０年,
比一九五八年的…) is no part of a name; a change from one figure to another (由今年预计的３％提高
到４％, 从3.16万亿元增加到8.31万亿元) gives the figure it moves to, named by the words before
由/从, and the base figure is no value; 增长速度, 增长率, 递增 are 增长; a year in Chinese numerals
is one year; a change from a base two or more years back (比1952年) is over several years; a
figure whose time is a year before the report's (2005年与2000年相比，…) is a result. Of the
values over several years the yearly average (年均, 平均每年, 递增) is shown before a total.

Each figure its own object (session 26): figures stated one by one for a list go to its items
in order (城镇居民人均可支配收入9422元，农村居民人均纯收入2936元，…分别实际增长7.7%和6.8%: 7.7% is the
urban growth; `_respective_names`, `_listed_names`), counts followed by what they count are named by
it (786所县医院; `_counted_after`); a name that says only who pays (中央财政支出, 投入国债资金) is named
by what the sum is for, or not followed; a target a review says was missed is the reviewed year's;
a level reached in a review of several years (国内生产总值达到39.8万亿元) is its last year's. Names
are written in the standard wording of `compare.series.names` (广义货币增长 → 广义货币M2增长).

Values of the same name key (the name with 全省/全国 … and spaces removed), kind and unit are
one indicator; an indicator is kept when at least `min_years` years state it.
"""

from __future__ import annotations

import json
import re
from dataclasses import asdict, dataclass, field
from enum import StrEnum

from compare.parsing.document import Document, Section
from compare.text.quantities import MET_TARGET, is_target
from compare.series.names import standard_name
from compare.series.parts import Part, look_back_sentences, section_parts
from compare.series.values import StatedValue, normalise_unit, stated_values


class IndicatorKind(StrEnum):
    TARGET = "target"
    RESULT = "result"
    TABLE = "table"


@dataclass(slots=True)
class Observation:
    """One value of an indicator in one report. `text` is the whole sentence as written."""

    year: int
    name: str
    kind: IndicatorKind
    unit: str
    low: float
    high: float
    written: str  # the figure as written (matching view): "7.5%", "百分之八点六", "5%—5.5%"
    text: str
    sentence_id: str
    path: str = ""
    part: Part = Part.OTHER  # where in the report: the plan, the review or elsewhere
    multi_year: bool = False  # a value over several years (年均, 五年, “十四五”时期 …)
    average: bool = False  # a yearly average over them (年均增长7.5%), not their total (五年增长44%)
    # the year the value is of (`value_years`): a result, the year the report reviews (the 2017
    # 政府工作报告's 增长6.7% is 2016's); a target or a table cell, the report's year
    about: int = 0
    # the words of the name before the cut to `_MAX_NAME` characters took its head off
    # (化学需氧量、二氧化硫排放量下降 named 学需氧量、二氧化硫排放量下降), else ""
    whole_name: str = ""
    # a target the review measures the year's result against (低于13％左右的预期目标): a target
    # of the year reviewed, not of the year planned
    reviewed: bool = False

    @property
    def value(self) -> float:
        return (self.low + self.high) / 2

    @property
    def of_year(self) -> int:
        """The year the value is of (`about`, else the report's year)."""
        return self.about or self.year


def value_years(observations: list[Observation], covers: int | None) -> list[Observation]:
    """Set `about` on each of one report's observations: a result is of the year the report
    reviews (`Document.covers`, from parsing.metadata: a 政府工作报告 of 2017 reviews 2016; an
    annual 法治政府建设情况报告 of 2023 reviews 2023); a target is of the year its plan is for,
    the year after the one reviewed (`parts.plan_year`: 2017 for the 政府工作报告 of 2017, 2024
    for the 法治政府建设情况报告 of 2023, whose last chapter plans 2024); anything else, and a
    table cell (its column names its year), is of the report's year. Returns `observations`."""
    for o in observations:
        if o.about:  # a table's year column says its year (table_observations)
            continue
        if covers is None:
            o.about = o.year
        elif o.kind == IndicatorKind.RESULT:
            o.about = covers if covers < o.year else o.year
        elif o.kind == IndicatorKind.TARGET:
            o.about = covers if o.reviewed and covers < o.year else covers + 1
        else:
            o.about = o.year
    return observations


@dataclass(slots=True)
class Indicator:
    name: str
    kind: IndicatorKind
    unit: str
    values: list[Observation] = field(default_factory=list)  # one per year, by year

    @property
    def years(self) -> list[int]:
        return [v.of_year for v in self.values]


_CLAUSE_END = re.compile(r"[，,；;。！？!?：:]")
# A year as written: 1996年, １９９６年 (the matching view has ASCII digits), 一九五九年
_YEAR = r"(?:\d{4}|[一二][九〇○零][〇○零一二三四五六七八九]{2})年"
_PAREN = re.compile(r"[（(][^（()）]*[)）]")
_ANYWHERE = re.compile(
    r"[将要](?=比|增长|提高|下降|降低|减少|增加|达到|分别|控制)|计划|预期(?!寿命)|预计|力争|争取|拟|(?:比上年|比去年|比上一年|比前一年)(?:预算)?|同比|年均|平均每年|每年平均|实际(?!使用)|分别|初步核算|按可比价格计算|左右|大约|(?<![签节制简契预公条婚违履集])约|"
    # the base of a comparison (比１９８０年, 比一九五八年的, 同1952年相比) and a condition
    # (在明显提高质量和效益的基础上, 在不断提高经济效益的前提下) are no part of what is measured
    rf"(?:比|较|同|与){_YEAR}(?:相比|比较)?的?|在[^，,；;。]*?(?:基础上|前提下)"
)
_LEADING = re.compile(
    rf"^(?:包括|提出|要求|安排|今年|全年|明年|去年|上年|{_YEAR}(?:度)?|经济社会发展的?|国民经济(?!增长|增速)|主要预期目标是?|预期目标是?|主要目标是?|"
    r"拟安排|拟|的|其中|全省|全市|全区|全县|全国|我国|要|将|力争|争取|确保|实现|完成|是|使(?!用)|把|预计|初步预计)"
)
_TRAILING = re.compile(
    r"(?:达到|达|为|实现|完成|控制在|保持在|稳定在|突破|不超过|超过|不低于|不高于|低于|高于|不少于|不多于|少于|多于|"
    r"以上|在|到|了|至|是|共|累计|按|(?<=投入|支出|资金)安排|(?<!人)均)$"  # 赤字率拟按3%安排; A和B预期增长均为12%左右
)
# A level changed to a figure (网上可办率提高到98%, 审批时限压缩至5个工作日): the figure is the level
# the thing reaches, so the thing is named without the verb, as its results are (网上可办率达到96.5%)
_TO_LEVEL = re.compile(r"(?:提高|提升|降低|下降|回落|回升|压缩|缩短|缩减|减少|增加|扩大)(?:到|至)$")
_VERB = re.compile(r"(?:增长|下降|上涨|提高|增加|减少|降低|回落|上升|增速|涨幅)$")
# Growth written otherwise: 工农业总产值的增长速度, 平均每年递增百分之四 → …增长
_AVERAGE = re.compile(r"年均|平均每年|每年平均|递增")  # a yearly average over several years
_GROWTH_WORDS = re.compile(r"的?增长(?:速度|率)$|递增$")
_CONNECTOR = re.compile(r"^[和、与及或]?$")
_TITLE_OPEN = re.compile(r"《[^》]*$")  # inside a title: searched in the text before a figure
# A figure that sets a size class inside a name (亿元以上项目, 500万元以上企业, 亿元以上重大项目):
# no quantity of its own; the count after it is named with it
_SIZE_CLASS = re.compile(r"(?:以上|以下)(?:重大|产业|工业|服务业|商贸)?(?:项目|企业|工业|商贸|服务业)")
_TARGET_AFTER = re.compile(r"^\s*(?:左右|以上|以内|以下|上下)")
_TARGET_CUES = re.compile(r"将(?:比|增长|提高|达到)|预期目标|拟安排|目标是|目标为|力争|争取|计划|要求|确保")
_RESULT_CUES = re.compile(r"完成|实现了|达到了|达到|增长了|比上年|比去年|同比|过去|去年|上年|超额")
# A figure over several years: 年均, 五年, 过去五年, 累计, “十二五”期间, 五年来, 2011—2015年 …
_MULTI_YEAR = re.compile(
    r"年均|平均每年|每年平均|[两三四五六七八九十]年(?:来|中|间|内|累计)?|累计|\d+年(?:来|以来)|"
    r"[十一二三四五六七八九]+五[”\"]?(?:时期|期间|计划|规划|以来)|\d{4}年?[—\-－~～到至]\d{4}年"
)
# ... and over one year, which a period named further away (the paragraph's opening, the
# heading) does not override: 2012年，…国内生产总值增长7.8% in the 2013 review of 过去五年.
_ONE_YEAR = re.compile(
    rf"(?<![比从由较自—\-－~～到至\d一二九〇○零]){_YEAR}(?![—\-－~～到至\d]|来|以来)|去年|今年|全年|上年|明年|过去一年|一年来"
)
# A year before the report's named as the time of a figure (2005年与2000年相比，国内生产总值增长
# 57.3%, 年均增长9.5% in the 2006 plan's 说明 of the five-year plan): not the base of a
# comparison (比1980年, 与2000年相比), a price base (按2010年价格) or a year a period starts from.
_TIME_YEAR = re.compile(rf"(?<![比从由较自与同按—\-－~～到至\d一二九〇○零])({_YEAR})(?![—\-－~～到至\d]|来|以来|价格|相比|比较)")
_BASE_YEAR = re.compile(r"(?:比|较|同|与)(\d{4})年")  # the base of a change, in ASCII digits
_CN_DIGITS = str.maketrans("〇○零一二三四五六七八九", "00012345678" + "9")
# Words that name no measured thing: a name made only of them is no indicator name
# (解决2.15亿农村人口…: the thing measured comes after the figure).
_NOT_A_NOUN = re.compile(
    r"基本|进一步|累计|连续|今后|未来|平均|公斤|解决|提高|增加|减少|新增|实施|引导|开工|建成|完成|达到|"
    r"增长|下降|降低|上涨|扩大|改造|安排|新建|改建|帮助|培训|制定|修订|下放|取消|再|又|还|新|共|已|有|每|斤|吨|亩"
)
# where a long name may be cut: after 的, 在 … as words of their own, not inside 使用, 对外, 存在
_CUT = re.compile(r"的|了(?!解)|(?<![存现实所内正])在|把|使(?!用)|让|对(?!外|象|于)|将(?!近)")
_MAX_NAME = 14  # characters: longer prefixes keep their tail, the words nearest the figure
MULTI_YEAR_SUFFIX = "（多年）"  # the name of a value over several years: 国内生产总值增长（多年）


def clean_name(prefix: str, most: int | None = _MAX_NAME) -> str:
    """The indicator name in the words before a figure (see the module docstring), cut to its
    last `most` characters (None: whole)."""
    name = _ANYWHERE.sub("", _PAREN.sub("", prefix)).strip(" 　\"'《》、和与及")
    name = _unquoted(name.lstrip("“") if "”" not in name.lstrip("“") else name)
    for _ in range(6):
        before = name
        name = _LEADING.sub("", name)
        name = _TO_LEVEL.sub("", name)
        name = _TRAILING.sub("", name)
        name = _GROWTH_WORDS.sub("增长", name)
        name = re.sub(r"(目标)(?:是|为)(?:增长|提高)$", r"\1", name)  # 经济增长预期目标是年均增长7%
        name = re.sub(r"(?<!经济)(增长)目标(?:拟定|确定|定)?$", r"\1", name)  # 广义货币M2预期增长目标拟定为13%左右
        if name == before:
            break
    if most is not None and len(name) > most:
        cuts = [m.end() for m in _CUT.finditer(name) if len(name) - m.end() >= 4]
        if cuts:
            name = name[cuts[-1]:]
        name = name[-most:]
    return _unquoted(name)


def _unquoted(name: str) -> str:
    """`name` less its quotation marks that do not pair (a cut or an edge took the other:
    “一网通办”事项 stays whole, 一网通办”事项 loses its ”)."""
    name = name.rstrip("“").lstrip("”")
    if name.endswith("”") and "“" not in name:
        name = name[:-1]
    out: list[str] = []
    open_at = -1
    for c in name:
        if c == "“":
            open_at = len(out)
        elif c == "”":
            if open_at < 0:
                continue  # a closing mark whose opening one was cut off
            open_at = -1
        out.append(c)
    if open_at >= 0:
        del out[open_at]  # an opening mark never closed
    return "".join(out)


def shown_name(indicator: Indicator) -> str:
    """The indicator's name as a reader should see it: with `…` before it when the cut to
    `_MAX_NAME` characters took its head off (the name keeps its tail, which may start inside
    a word: 学需氧量、二氧化硫排放量下降 of 化学需氧量…), so that nobody quotes a cut name as
    whole; `whole_name` has the words before the cut."""
    return "…" + indicator.name if whole_name(indicator) else indicator.name


def whole_name(indicator: Indicator) -> str:
    """The name of the indicator's latest value before the cut took its head off, or ""."""
    return next((v.whole_name for v in reversed(indicator.values) if v.whole_name), "")


def name_key(name: str) -> str:
    """What two years' names must share to be one indicator."""
    return re.sub(r"^(?:全省|全市|全区|全县|全国|我国)|\s", "", name)


def _earlier_year(before: str, year: int) -> bool:
    """Whether the last year named in `before` (the sentence up to a figure) as the figure's
    time is before the report's `year` (2005年与2000年相比，… in the 2006 report), with no
    今年/明年 after it."""
    times = [m for m in _TIME_YEAR.finditer(before)]
    if not times or re.search(r"今年|明年|本年", before[times[-1].end():]):
        return False
    return int(times[-1].group(1)[:4].translate(_CN_DIGITS)) < year


# The base of a comparison or a change (比上年增加1500亿元, 赤字率从去年的2.1%提高到2.3%): a cue of a
# result only when the sentence does not plan the figure (今年拟安排财政赤字13500亿元，比上年增加…)
# A target a figure is measured against: …增长11.3%，低于13％左右的预期目标 / 完成了7.5%的预期目标
# A review saying a target was missed or set at the start of the year reviewed
_MISSED = re.compile(r"(?:没有|未能?|尚未)(?:能)?(?:实现|完成|达到)[^。；;]*目标|年初(?:确定|提出|预期)的")
_MEASURED_AGAINST = re.compile(r"(?:低于|高于|超过|超出|好于|完成了?|实现了?|达到了?)")
_TARGET_NAMED = re.compile(r"\s*(?:左右|以上|以内|上下)?的?(?:年度|全年)?(?:预期|调控|计划)?目标")
_COMPARED = re.compile(r"(?:比|较|同|从|由)(?:上年|去年|上一年|前一年)的?|同比")
_PLANNED = re.compile(r"拟|预期|计划|力争|争取")


def _kind(clause: str, after: str, sentence: str, part: Part, earlier: bool = False,
          before: str = "") -> IndicatorKind:
    """Target or result of a figure: its `clause`, the words `after` it in the clause, the
    whole `sentence`, the sentence `before` its clause, its part of the report, and whether
    an earlier year is named as its time."""
    if _TARGET_AFTER.match(after) or _TARGET_CUES.search(clause):
        return IndicatorKind.TARGET
    if (_COMPARED.search(clause) and not _RESULT_CUES.search(_COMPARED.sub("", clause))
            and _PLANNED.search(before) and not _RESULT_CUES.search(_COMPARED.sub("", before))):
        return IndicatorKind.TARGET
    if _RESULT_CUES.search(clause) or earlier:
        return IndicatorKind.RESULT
    if part != Part.PLAN and MET_TARGET.search(sentence):
        return IndicatorKind.RESULT
    # the clause says nothing: the sentence's words, else its place (compare.text.quantities)
    return IndicatorKind.TARGET if is_target(sentence, in_plan=part == Part.PLAN) else IndicatorKind.RESULT


def names_a_thing(name: str) -> bool:
    """Whether an indicator name names what is measured: not only verbs, adverbs and measure
    words (解决, 再解决, 公斤提高 are not names)."""
    return bool(re.search(r"[\u4e00-\u9fff]", _NOT_A_NOUN.sub("", name)))


def _multi_year(before: str, clause: str, context: str, year: int | None = None) -> bool:
    """Whether a figure is stated over several years: its clause says so (年均, 五年累计 …, or a
    change from a base two or more years before the report's `year`: 比2020年增长58.1% in a 2026
    report, 一九五四年…比一九五二年增长 in 1955), else the sentence before it, unless the clause or
    that names one year (今年, 2012年, 去年); else its `context` (the opening of its paragraph,
    then the headings above it: 过去五年工作回顾, “十三五”时期主要目标).
    A year written in Chinese numerals (一九五九年) is read as one year, not as 九年."""
    before, clause, context = (re.sub(_YEAR, lambda m: m.group(0).translate(_CN_DIGITS), t)
                               for t in (before, clause, context))
    def from_years_back(text: str) -> bool:
        return year is not None and any(int(b) < year - 1 for b in _BASE_YEAR.findall(text))

    if _MULTI_YEAR.search(clause) or from_years_back(clause):
        return True
    if _ONE_YEAR.search(clause):
        return False
    if from_years_back(before):  # 工业总产值一九七四年比一九六四年增长一点九倍，钢增长一点二倍
        return True
    if _ONE_YEAR.search(before):
        return False
    if _MULTI_YEAR.search(before):
        return True
    return bool(_MULTI_YEAR.search(context))


# A name made only of who pays and a verb of paying (中央财政安排200亿元用于技改贴息, 中央财政投入…):
# it names many unrelated sums, so the sum is named by what it pays for, else not followed.
_PAYER = re.compile(
    r"(?:中央|地方|各级)?(?:财政|预算内|政府)(?:资金)?(?:还|再|为此)?将?(?:安排|投入|拨付|下达|下拨|拿出|支出)?"
    r"(?:国债资金|专项资金|资金)?|将?投入(?:国债资金|专项资金|资金)|国债资金"
)
# what a sum is for, said in the clause before (为继续落实“两个确保”…，2003年中央财政支出700亿元;
# 继续实施第二期农村中小学危房改造，中央财政将投入60亿元), less its verbs
_FOR_BEFORE = re.compile(r"^(?:为了?)?(?:继续|进一步|大幅度|大力|切实)?(?:落实|实施|推进|加快|增加|加大|支持|开展)?")
_PAID_FOR = re.compile(
    r"(?:以上|左右|多)?(?:的)?(?:国债资金|专项资金|资金)?(?:专项用于|用于|支持|补助|奖励)?([\u4e00-\u9fff、“”]{2,12})"
)


def _paid_for(after: str, payer: str) -> str:
    """`payer`'s sum named by what it pays for, in the words after the figure (`用于…`,
    `…资金支持…`, a fund named: `专项奖补资金`): "技改贴息（中央财政安排）"; "" when they say nothing."""
    m = _PAID_FOR.match(after)
    if m is None:
        return ""
    purpose = m.group(1).strip("、“”")
    if len(purpose) < 2 or purpose in ("专项用于", "用于", "支持", "补助", "奖励"):
        return ""  # 支持116户…: what it pays for is a count of its own
    return f"{purpose}（{payer}）"


# The base a change starts from: 由今年预计的３％提高到４％, 由原定平均每年百分之六调高到百分之八至九,
# 从3.16万亿元增加到8.31万亿元 (a figure after 由/从, followed by a verb of change and 到) and
# 比一九五八年的二千零五十亿元增长百分之四十 (a figure after 比 + a year): the base is another year's
# figure or a replaced target, never this year's value; its words name the figure after it.
_FROM = re.compile(r"[由从]([^由从，,；;。：:]{0,8})$")
_TO = re.compile(r"^(?:提高|调高|上调|降低|调低|下调|下降|上升|增加|减少|增长|回落|扩大|缩小|调整|变)?(?:到|至|为)")
_BASE = re.compile(rf"将?(?:比|较){_YEAR}的$")
_CHANGE_TO = re.compile(r"^(?:提高|调高|上调|降低|调低|下调|下降|上升|增加|减少|增长|回落|扩大|缩小|调整|变)?(?:到|至|为)$")


def _base_of_change(prefix: str, after: str) -> int | None:
    """Where the words naming a base of change (see `_FROM`) start in `prefix` (the clause up to
    the figure), or None when the figure is no such base."""
    m = _FROM.search(prefix)
    if m and _TO.match(after):
        return m.start()
    m = _BASE.search(prefix)
    return m.start() if m else None


_SHARED = re.compile(r"(.{2,}?)(?:和|与|及)(.{2,}?)(增长|下降|提高|降低|增加|减少|上涨)")


def _shared_predicate(prefix: str, whole: str) -> list[str]:
    """Two things given one figure (今年广义货币M2和社会融资规模余额预期增长均为12%左右): each
    named with the verb they share, ["广义货币M2增长", "社会融资规模余额增长"]; [] otherwise."""
    m = _SHARED.fullmatch(whole)
    if m is None or not re.search(r"均(?:为|是)?\s*$", prefix):
        return []
    return [clean_name(m[1] + m[3]), clean_name(m[2] + m[3])]


# Figures stated one by one for the items of a list (分别…A和B, A、B和C): joined by list words only
_FIGURE_JOINT = re.compile(r"\s*[、和及与]\s*")
# where a list of names is split: 、 和 及 与, not inside 参与, 给与, 以及 (the joint itself), 普及, 涉及
_LIST_WORD = re.compile(r"、|(?<![参给赋])与|(?<![普涉危顾波])及|(?<!以)和(?!平|谐)")


# The nouns a list's items share, written once after the last item (小麦、稻谷最低收购价,
# 城镇职工基本养老保险、基本医疗保险参保人数, 化学需氧量、二氧化硫排放总量)
_LIST_HEAD = re.compile(
    r"(?:参保人数|人数|排放总量|排放量|总量|人均公用经费|公用经费|经费|最低收购价|补助标准|筹资标准|产量|"
    r"收入|支出|投资|营业额|总额|面积)"
)


# A period of several years that lies ahead, in the words before a figure or its context: 今后五年,
# a plan chapter (“十二五”时期的主要目标和任务; a review says 完成“十一五”规划的主要目标), or a year
# to come (到2020年 in a 2016 report; 从1997年…增加到2002年 in 2003's is the past): a five-year
# plan's level (森林覆盖率达到21.66% in 2011's plan chapter, 23.04% in 2016's) is its plan's,
# never a level reached in the year reviewed (the rule below)
_AHEAD = re.compile(r"今后|未来|展望|时期的?主要目标")
_BY_YEAR = re.compile(r"到((?:19|20)\d\d)年")


def _ahead(text: str, year: int | None) -> bool:
    """Whether `text` sets a period ahead of the report of `year` (`_AHEAD`, or 到 a year not
    before it)."""
    return bool(_AHEAD.search(text)) or (
        year is not None and any(int(y) >= year for y in _BY_YEAR.findall(text)))
# A level reached (达到, 突破, 增加到 …), said right before its figure
_REACHED = re.compile(r"(?:达到|达|突破|(?:增加|提高|上升|扩大|跃升)(?:到|至)|增至|升至)了?\s*$")
# ... of a name that counts what was done over the period, or its change: a total, not a level
_FLOW = re.compile(r"新增|累计|建成|新建|改建|完成|解决|转移|淘汰|关停|培训|资助|减轻|减少|增加|增长|下降|降低|提高|"
                   r"上涨|涨幅|回落|投入|支出")


def _listed_names(words: str, count: int, verb: str = "") -> list[str]:
    """The names a list in `words` gives `count` figures, item by item: 科技、教育、卫生和文化事业的支出
    → 科技支出, 教育支出, 卫生支出, 文化事业的支出 (the last item's words after 的 are the list's);
    城镇居民人均可支配收入和农村居民人均纯收入 with the clause's `verb` 增长 → …收入增长 each; [] when
    the list does not have `count` items that each name a thing."""
    whole = clean_name(words, None)
    own = _VERB.search(whole)
    if own:
        verb, whole = own.group(0), whole[:own.start()]
    items = [i.strip() for i in _LIST_WORD.split(whole) if i.strip()]
    if len(items) != count:
        return []
    head = items[-1].rsplit("的", 1)[1] if "的" in items[-1] else ""
    shared = _LIST_HEAD.search(items[-1])
    if shared and not head:
        # 化学需氧量、二氧化硫排放总量近年来首次出现双下降: what follows the head is said of the list
        items[-1] = items[-1][:shared.end()]
        head = "" if all(_LIST_HEAD.search(i) for i in items[:-1]) else shared.group(0)
    names = [clean_name(i + ("" if head and i.endswith(head) else head) + verb) for i in items[:-1]] \
        + [clean_name(items[-1] + verb)]
    if any(len(re.findall(r"[\u4e00-\u9fff]", n)) < 2 or not names_a_thing(n) for n in names):
        return []
    return names


def _figure_lists(text: str, values: list[StatedValue], bounds: list[int]) -> dict[int, list[StatedValue]]:
    """Clause start → its figures, for the clauses that state two or more figures joined by list
    words only (实际增长9.8%和8.5%; 774亿元、536亿元、138亿元和123亿元)."""
    clauses: dict[int, list[StatedValue]] = {}
    for q in values:
        clauses.setdefault(max(b for b in bounds if b <= q.start), []).append(q)
    return {start: qs for start, qs in clauses.items() if len(qs) >= 2
            and all(_FIGURE_JOINT.fullmatch(text[a.end:b.start]) for a, b in zip(qs, qs[1:]))}


# Counts each followed by what they count (改造和新建1.88万所乡镇卫生院、786所县医院、285所县中医院和534所
# 县妇幼保健院): the words after a figure up to a list word name it, not the words before it
_COUNTED_GAP = re.compile(r"([\u4e00-\u9fff“”]{2,16})[、和及与]")
_COUNTED_LAST = re.compile(r"([\u4e00-\u9fff“”]{2,16})[，,；;。：:！？!?]?")
_COUNT_UNITS = frozenset({"个", "所", "家", "座", "处", "批", "项", "件", "户", "套"})
_DONE_TO = re.compile(r"(?:[\u4e00-\u9fff]{2}和)?(?:新建|改建|改造|建成|建设|培训|资助|新增|扶持|支持|帮助|救助|转移|安置)$")


def _counted_after(text: str, lists: dict[int, list[StatedValue]], values: list[StatedValue],
                   bounds: list[int]) -> dict[int, str]:
    """Figure start → its name, for the clauses whose two or more figures are each followed by
    what they count and a list word (see `_COUNTED_GAP`): the counted words, after what is done
    to them when the clause says it before its first figure (改造和新建乡镇卫生院, 县医院 …)."""
    clauses: dict[int, list[StatedValue]] = {}
    for q in values:
        clauses.setdefault(max(b for b in bounds if b <= q.start), []).append(q)
    out: dict[int, str] = {}
    for start, qs in clauses.items():
        if start in lists or len(qs) < 2 and not (
                qs[0].unit in _COUNT_UNITS and len(clean_name(text[start:qs[0].start])) <= 2):
            continue  # one count is named so only when the words before it are a verb at most (建立了2400所…)
        end = min((b for b in bounds if b > qs[-1].start), default=len(text))
        gaps = [_COUNTED_GAP.fullmatch(text, a.end, b.start) for a, b in zip(qs, qs[1:])]
        last = _COUNTED_LAST.fullmatch(text, qs[-1].end, end)
        if not all(gaps) or last is None:
            continue
        done = _DONE_TO.search(text, start, qs[0].start)
        verb = done.group(0) if done else clean_name(text[start:qs[0].start]) if len(qs) == 1 else ""
        out.update((q.start, clean_name(verb + m.group(1))) for q, m in zip(qs, [*gaps, last]) if m)
    return out


# A change of direction: 单位国内生产总值能耗由前三年分别上升4.9%、5.5%、0.2%，转为下降1.2%; 化学需氧量、
# 二氧化硫排放量由上年分别增长5.6%和13.1%，减为增长1.2%和1.8%
_TURNED = re.compile(
    r"([^，,；;。：:]{2,}?)由(?!于)([^；;。]*?)[，,]?(?:转为|减为|变为|降为|升为|增为)([^，,；;。：:\d]{0,4})([^，,；;。]*)"
)


def _turned(text: str, values: list[StatedValue], names: dict[int, str]) -> set[int]:
    """The starts of the figures a change of direction moves from (see `_TURNED`: earlier years'
    values, no value of the sentence); the figures it moves to are named in `names` by the
    thing before 由 and the verb after 转为 (单位国内生产总值能耗下降), a list's items one each
    (化学需氧量排放量增长, 二氧化硫排放量增长)."""
    bases: set[int] = set()
    for m in _TURNED.finditer(text):
        moved_to = [q for q in values if m.start(4) <= q.start < m.end(4)]
        if not moved_to:
            continue
        bases.update(q.start for q in values if m.start(2) <= q.start < m.end(2))
        thing, verb = m.group(1), clean_name(m.group(3)) or ""
        listed = _listed_names(thing, len(moved_to), verb) if len(moved_to) > 1 else []
        one = clean_name(thing + verb)
        for n, q in enumerate(moved_to):
            names[q.start] = listed[n] if listed else one
    return bases


def _respective_names(text: str, bounds: list[int], clause_start: int, prefix: str,
                      lists: dict[int, list[StatedValue]], named: list[tuple[int, str]]) -> list[str]:
    """The names of the figures of the list clause at `clause_start` (see `_figure_lists`), one
    each, in order: the list before them in the clause (科技、教育、卫生和文化事业的支出分别为774亿元、
    536亿元…); when the clause names nothing but a verb (分别实际增长7.7%和6.8%, 比上年增长29.2%、39.4%):
    the list in the clause before, when it states no figure (城镇居民人均可支配收入和农村居民人均纯收入，
    分别实际增长58.3%和29.2%), else the names of as many figures stated just before, one per clause
    (城镇居民人均可支配收入9422元，农村居民人均纯收入2936元，…分别实际增长7.7%和6.8%) or all in the
    list clause before; [] when none fits (the figures then share the clause's name, as before)."""
    count = len(lists[clause_start])
    names = _listed_names(prefix, count)
    own = clean_name(prefix, None)
    if names or not (own == "" or _VERB.fullmatch(own)):
        return names
    start = max((b for b in bounds if b < clause_start), default=0)
    if start < clause_start and not any(start <= q.start < clause_start for qs in lists.values() for q in qs) \
            and not any(c == start for c, _ in named):
        names = _listed_names(_CLAUSE_END.sub("", text[start:clause_start]), count, own)
        if names:
            return names
    if not named:
        return []
    recent = named[-count:]
    last = [n for c, n in named if c == named[-1][0]]
    if len(last) == count and named[-1][0] in lists:
        recent = named[-count:]  # the list clause before (…分别为774亿元、536亿元…，比上年增长29.2%、39.4%…)
    elif len(recent) != count or len({c for c, _ in recent}) != count \
            or any(sum(1 for c2, _ in named if c2 == c) != 1 for c, _ in recent):
        return []
    bases = [n for _, n in recent]
    if len(set(bases)) != count or any(_VERB.search(n) for n in bases):
        return []
    return [clean_name(n + own) for n in bases]


def sentence_observations(text: str, year: int, part: Part = Part.OTHER, *, shown: str = "",
                          sentence_id: str = "", path: str = "", context: str = "") -> list[Observation]:
    """The named quantities of one sentence (`text`: the matching view; `shown`: as written).

    `context` is text that sets the period of the sentence's figures when the sentence does not
    (its paragraph's opening sentence, its headings); a figure over several years is named with
    `MULTI_YEAR_SUFFIX`, apart from the yearly indicator of the same words.
    """
    out: list[Observation] = []
    notes = [(m.start(), m.end()) for m in _PAREN.finditer(text)]  # （注：…）: no clause ends inside
    bounds = [0, *(m.end() for m in _CLAUSE_END.finditer(text) if not any(a < m.start() < b for a, b in notes)),
              len(text)]
    subject = ""
    previous: tuple[int, str, int] | None = None  # (clause start, name, end of its figure)
    values = stated_values(text)
    lists = _figure_lists(text, values, bounds)
    respective = _counted_after(text, lists, values, bounds)  # figure start → its name as an item of a list
    bases = _turned(text, values, respective)
    named: list[tuple[int, str]] = []  # (clause start, name) of each value so far
    for q in values:
        if any(a < q.start < b for a, b in notes):
            continue  # 广义货币M2（注：M2为M右下角加2）预期增长12%左右: a note's figure is no value
        if _SIZE_CLASS.match(text, q.end):
            continue  # 新引进亿元以上项目36个: a size class in the name of what is counted
        if q.unit == "年" and 1900 <= q.low <= 2100 and _TITLE_OPEN.search(text, 0, q.start):
            continue  # 《…纲要（2021－2025年）》: a document's years, never a quantity
        clause_start = max(b for b in bounds if b <= q.start)
        clause_end = min((b for b in bounds if b > q.start), default=len(text))
        begin = clause_start
        if previous and previous[0] == clause_start:
            begin = previous[2]
        prefix = text[begin:q.start]
        if q.start in bases:
            continue  # 由前三年分别上升4.9%、5.5%、0.2%，转为下降1.2%: the years before, no value of this one
        base = _base_of_change(prefix, text[q.end:clause_end])
        if base is not None:
            name = clean_name(prefix[:base]) or (previous[1] if previous and previous[0] == clause_start else subject)
            name = _GROWTH_WORDS.sub("增长", name)
            subject = _VERB.sub("", name) or subject
            previous = (clause_start, name, q.end)
            continue
        if clause_start in lists and q is lists[clause_start][0]:
            respective.update(zip((f.start for f in lists[clause_start]),
                                  _respective_names(text, bounds, clause_start, prefix, lists, named)))
        if q.start in respective:
            name = respective[q.start]
        elif previous and previous[0] == clause_start and (
                _CONNECTOR.match(_ANYWHERE.sub("", prefix).strip()) or _CHANGE_TO.match(prefix.strip())):
            name = previous[1]
        else:
            name = clean_name(prefix)
            if (not name or _VERB.fullmatch(name) or name in ("增长", "下降")) and subject:
                name = subject + name
            elif (len(re.findall(r"[\u4e00-\u9fff]", name)) < 2 or _VERB.fullmatch(name)) and clause_start > 0 \
                    and previous is None:
                # 今年经济增长速度的宏观调控目标，定为百分之八至九 (the name is the clause before);
                # 工农业总产值，比１９８０年预计增长５．５％ (the clause before names what grows)
                before = text[max((b for b in bounds if b < clause_start), default=0):clause_start]
                verb = name if _VERB.fullmatch(name) else ""
                name = clean_name(_CLAUSE_END.sub("", before)) + verb
        if _PAYER.fullmatch(name):  # who pays is no quantity's name: what it pays for is
            after = text[q.end:clause_end]
            if not _CLAUSE_END.sub("", after).strip() and re.match(r"(?:主要|专项)?用于", text[clause_end:]):
                # 去年投入国债资金152亿元，主要用于淮河、太湖等重点流域污染防治…
                after = text[clause_end:min((b for b in bounds if b > clause_end), default=len(text))]
                after = after.removeprefix("主要")
            before = text[max((b for b in bounds if b < clause_start), default=0):clause_start].rstrip("，,；; ")
            name = _paid_for(after, name) or (
                _paid_for(_FOR_BEFORE.sub("", before), name)
                if before and clause_start > 0 and not any(v.end <= clause_start and v.start >= clause_start - len(before) - 1
                                                           for v in values) else "")
            if not name:
                subject = ""  # 比上年增长19.9% after it is growth of that sum: no name either
        if len(re.findall(r"[\u4e00-\u9fff]", name)) < 2 or not names_a_thing(name):
            previous = (clause_start, name, q.end)
            continue
        subject = _VERB.sub("", name) or subject
        previous = (clause_start, name, q.end)
        clause = text[clause_start:clause_end]
        kind = _kind(clause, text[q.end:clause_end], text, part, _earlier_year(text[:q.start], year),
                     text[:clause_start])
        reviewed = False
        if out and _MEASURED_AGAINST.fullmatch(prefix.strip()) and _TARGET_NAMED.match(text, q.end):
            # 广义货币M2增长11.3%，低于13％左右的预期目标: the target the figure before it was
            # measured against, a target of the year the report reviews; that figure is its result
            name, kind, reviewed = out[-1].name, IndicatorKind.TARGET, True
            out[-1].kind = IndicatorKind.RESULT
        multi = _multi_year(text[:clause_start], text[clause_start:q.start], context, year)
        if multi and _REACHED.search(prefix) and not _FLOW.search(name) \
                and not _multi_year("", text[clause_start:q.start], "", year) \
                and not _ahead(text[:q.start] + context, year):
            # 国内生产总值达到39.8万亿元 / 从26.6万亿元增加到51.9万亿元 in a review of five years: the
            # level the period ends at is the value of its last year, the year reviewed
            multi = False
        average = multi and bool(_AVERAGE.search(text[clause_start:q.start]))
        whole = clean_name(prefix, None)
        cut = len(name) == _MAX_NAME and len(whole) > len(name) and whole.endswith(name)
        if reviewed:
            multi, average, cut = out[-1].multi_year, out[-1].average, False
        if kind == IndicatorKind.TARGET and not reviewed and _MISSED.search(text):
            # 全国没有实现年初确定的单位国内生产总值能耗降低4%左右…的目标 (2007): the target of the
            # year reviewed, said to be missed; no target of the year planned
            reviewed = True
        names = ([] if q.start in respective else _shared_predicate(prefix, whole)) or [name]
        if len(names) == 1:
            named.append((clause_start, name))
        for one in names:
            out.append(Observation(year, one + MULTI_YEAR_SUFFIX if multi and not reviewed else one, kind, q.unit,
                                   q.low, q.high, q.written, shown or text,
                                   sentence_id, path, part, multi, average,
                                   whole_name=whole if cut and len(names) == 1 else "", reviewed=reviewed))
    return out


# A table row: a label, then two or more cells of which one at least is a number.
_CELL_SPLIT = re.compile(r"\t+|\s*[|｜]\s*|\s{2,}")
_NUMBER_CELL = re.compile(r"^-?\d+(?:\.\d+)?\s*(?:%|％)?$")


_LABEL_UNIT = re.compile(r"[（(]\s*(%|％|[万亿千百]?(?:元|件|个|人次|人|户|家|项|次|所|套|份|条|起|篇|场|场次|吨|公里|亩|平方米|千瓦))\s*[)）]\s*$")
_YEAR_COLUMN = re.compile(r"((?:19|20)\d{2})\s*(?:年度?)?")


def table_observations(doc: Document, year: int) -> list[Observation]:
    """Values of the statistics tables in `doc`, row by row and column by column.

    A table is a run of lines split into cells by tabs, "|" or two spaces; its first line with
    no number is the header. Each numeric cell becomes the value "<row label> / <column>"; under
    a column that names a year (2023年, 2023年度, 2023) it is the row's value of that year: the
    indicator "<row label>", `about` that year (a report's table of 2023年 | 2024年 continues
    last year's of 2022年 | 2023年).
    """
    out: list[Observation] = []
    header: list[str] = []
    offset = 0
    lines = doc.simplified.split("\n")
    for line in lines:
        cells = [c.strip() for c in _CELL_SPLIT.split(line.strip()) if c.strip()]
        numeric = [bool(_NUMBER_CELL.match(c)) for c in cells]
        if len(cells) < 2:
            header = []
        elif not any(numeric[1:]):
            header = cells
        else:
            label = clean_name(cells[0]) or cells[0]
            # the unit the row label states (行政复议收案（件）, 负责人出庭率（%）, 罚没款（万元）)
            said = _LABEL_UNIT.search(cells[0])
            columns = header[-(len(cells) - 1):] if len(header) >= len(cells) - 1 else []
            for n, cell in enumerate(cells[1:]):
                if not numeric[n + 1]:
                    continue
                unit = "%" if cell.endswith(("%", "％")) else said.group(1) if said else ""
                number = float(cell.rstrip("%％").strip())
                value, unit = normalise_unit(number, unit)
                column = columns[n] if columns else str(n + 1)
                shown = doc.text[doc.simplified_to_text(offset):doc.simplified_to_text(offset + len(line))]
                of_year = _YEAR_COLUMN.fullmatch(column)
                out.append(Observation(year, label if of_year else f"{label} / {column}", IndicatorKind.TABLE,
                                       unit, value, value, cell, shown.strip(), "", doc.path,
                                       about=int(of_year[1]) if of_year else 0))
        offset += len(line) + 1
    return out


def _headings(doc: Document) -> dict[str, str]:
    """Section id → its heading and those above it, nearest first (the nearest decides when
    it names a period of one year or several)."""
    out: dict[str, str] = {}

    def visit(section: Section, above: str) -> None:
        own = section.heading_simplified
        out[section.id] = own if _ONE_YEAR.search(own) or _MULTI_YEAR.search(own) else above
        for child in section.children:
            visit(child, out[section.id])

    for top in doc.sections:
        visit(top, "")
    return out


# Growth of the whole economy named without its measure: 经济增长, 经济增长速度的调控目标, 今年经济
# 增长预期目标 (State Council reports 1995–2004, some provinces' 2026 reports): the growth of the
# aggregate the report itself measures output by (`_aggregate`).
_ECONOMIC_GROWTH = re.compile(
    r"(?:国民)?经济(?:增长|增速)(?:速度|率)?(?:的?(?:宏观)?调控目标定?|的?预期目标|的?预期|的?目标)?$"
)
_AGGREGATE = re.compile(r"(?:国内|国民|地区)?生产总值")


def _aggregate(observations: list[Observation], text: str, multi_year: bool = False) -> str | None:
    """The measure of output a report states its growth by (国内生产总值, 国民生产总值, 地区生产
    总值 or plain 生产总值): the one its yearly growth figures are named by, else those over
    several years, else the one its text names most; None when it names none. For growth over
    several years (`multi_year`) the figures over several years are asked first: the 1996
    report states the year's growth in 国内生产总值 and the 九五 plan's in 国民生产总值."""
    for multi in ((True, False) if multi_year else (False, True)):
        named = [m.group(0) for o in observations if o.multi_year == multi
                 for m in [_AGGREGATE.match(o.name)] if m and o.name.startswith(m.group(0) + "增长")]
        if named:
            return max(dict.fromkeys(named), key=named.count)
    found = _AGGREGATE.findall(text)
    return max(dict.fromkeys(found), key=found.count) if found else None


def _name_growth(observations: list[Observation], text: str) -> None:
    """Rename growth of the whole economy (`_ECONOMIC_GROWTH`) to "<aggregate>增长", so that
    1999's 经济增长预期为7%左右 and 1994's 国内生产总值增长百分之九 are one indicator."""
    aggregates: dict[bool, str | None] = {}
    for o in observations:
        plain = o.name.removesuffix(MULTI_YEAR_SUFFIX)
        if not _ECONOMIC_GROWTH.search(plain):
            continue
        if o.multi_year not in aggregates:
            aggregates[o.multi_year] = _aggregate(observations, text, o.multi_year)
        aggregate = aggregates[o.multi_year]
        if aggregate is not None:
            o.name = aggregate + "增长" + (MULTI_YEAR_SUFFIX if o.multi_year else "")


def document_observations(doc: Document, year: int) -> list[Observation]:
    """Every named quantity of one report: sentences in reading order, then table cells."""
    parts = section_parts(doc)
    back = look_back_sentences(doc)  # the plan's sentences on the year before are the review's
    headings = _headings(doc)
    # paragraph → its latest sentence so far that names a period (2015年是“十二五”收官之年。过去五年，
    # …: the figures after 过去五年 are the five years', not 2015's)
    periods: dict[int, str] = {}
    out: list[Observation] = []
    rows = doc.table_rows()  # a table's rows are read cell by cell (table_observations)
    for sentence in doc.sentences():
        earlier = periods.get(sentence.paragraph, "")
        if _ONE_YEAR.search(sentence.simplified) or _MULTI_YEAR.search(sentence.simplified):
            periods[sentence.paragraph] = sentence.simplified
        if not re.search(r"\d|百分之", sentence.simplified) or sentence.id in rows or "\t" in sentence.text:
            continue
        context = earlier or headings.get(sentence.section_id, "")
        out.extend(sentence_observations(
            sentence.simplified, year, Part.REVIEW if sentence.id in back else parts.get(sentence.section_id, Part.OTHER),
            shown=sentence.text, sentence_id=sentence.id, path=doc.path, context=context,
        ))
    _name_growth(out, doc.simplified)
    for o in out:  # 广义货币增长 → 广义货币M2增长 … (the lexicon of standard names, `names`)
        o.name = standard_name(o.name)
    out.extend(table_observations(doc, year))
    return out


def _rank(o: Observation) -> tuple[int, int, int]:
    """Which value of a year an indicator shows: a target from the plan, a result from the
    review, the year's own value before a value over several years, and of those a yearly
    average before a total (1986: 国民生产总值平均每年增长百分之七点五, not 五年内…增长百分之四十四,
    so that the five-year indicator is one measure across the years); then reading order."""
    home = Part.PLAN if o.kind == IndicatorKind.TARGET else Part.REVIEW
    if o.kind == IndicatorKind.TABLE:  # a year's cell from its own year's report, before a restatement
        return (0 if o.of_year == o.year else 1, 0, 0)
    return (0 if o.part == home else 1, 1 if o.multi_year else 0, 1 if o.multi_year and not o.average else 0)


def follow(observations: list[Observation], min_years: int = 2) -> list[Indicator]:
    """Observations grouped into indicators (name key, kind, unit; a count without its unit
    takes the one its name has in other years, set on the observation); per year the best by
    `_rank`, the first in reading order among equals. Kept when stated in at least
    `min_years` years; most years first."""
    groups: dict[tuple[str, str, str], Indicator] = {}
    chosen: dict[tuple[str, str, str], dict[int, Observation]] = {}
    units: dict[tuple[str, str], set[str]] = {}
    for o in observations:
        units.setdefault((name_key(o.name), str(o.kind)), set()).add(o.unit)
    for o in observations:
        # a count written without its unit (农村贫困人口减少1240万) has the unit the same name
        # has in other years (减少1232万人), when it has one only, and it is not a share
        named = units[(name_key(o.name), str(o.kind))] - {""}
        if not o.unit and len(named) == 1 and "%" not in named:
            o.unit = next(iter(named))  # the observation takes it
        unit = o.unit
        key = (name_key(o.name), str(o.kind), unit)
        groups.setdefault(key, Indicator(o.name, o.kind, unit))
        per_year = chosen.setdefault(key, {})
        if o.of_year not in per_year or _rank(o) < _rank(per_year[o.of_year]):
            per_year[o.of_year] = o
    out = []
    for group, ind in groups.items():
        ind.values = [chosen[group][y] for y in sorted(chosen[group])]
        if len(ind.values) >= min_years:
            out.append(ind)
    out.sort(key=lambda i: (-len(i.values), i.name, i.kind))
    return out


def observations_json(observations: list[Observation]) -> str:
    """Observations as JSON (what the parse cache keeps; `observations_from_json` reads it)."""
    return json.dumps([asdict(o) for o in observations], ensure_ascii=False)


def observations_from_json(text: str) -> list[Observation]:
    out = []
    for d in json.loads(text):
        d["kind"], d["part"] = IndicatorKind(d["kind"]), Part(d["part"])
        out.append(Observation(**d))
    return out
