"""What a figure measures: the quantity named by the words around it, and its unit.

`城镇新增就业1310万人` and `全年城镇新增就业1266万人以上` state the same quantity (城镇新增就业,
people); `拟安排地方政府专项债券4.4万亿元` and `拟发行超长期特别国债1.3万亿元` state two different
ones although both are 万亿元 and both are planned. A figure's *indicator* is the text of its
clause before it (back to the previous figure or clause mark), as character bigrams of its
last INDICATOR_WINDOW characters once the verbs and fillers that surround any figure (增长,
达到, 比上年, 控制在, 用于, 的 …) are cut out; the words after a figure followed by 的 name it
too (8%左右的国内生产总值增长目标); a figure with no words of its own before it (`分别增长
8.8%、9.9%`, `比上年增长7.7%`) takes the indicator of the figure before it in the sentence; one
named only by generic words (拟投入433亿元: 投入, 资金; a pilot and its scope: 试点范围扩大到23%的县)
takes a context from the words after it and the clause before (用于促进就业, 就业政策; 扎实推进新型
农村社会养老保险试点). A percentage in a clause about a share (占, 比重)
is a share, not a rate. Names State Council reports give one indicator are written one way
first (SYNONYMS: 对外贸易 → 进出口, 医疗保险 → 医保 …), and qualifiers keep alike names apart
(对全球经济增长的贡献率 is not 消费对经济增长的贡献率; 城镇 is not 农村; 出口 is not 进口). What a
price is stated per (每50公斤, 每斤) is no quantity and no part of a name; a figure a change
starts from (从3.16万亿元增加到8.31万亿元) is left for the level reached; a figure taken as
something (2300元…作为新的国家扶贫标准) is named by it; a count by a measure word (165项, 20项)
is named by what it counts, the words after it; the items of a list followed by as many
figures (科技、教育、卫生和文化事业的支出分别为774亿元、536亿元…) name one figure each, and so do those
of a list standing in the clause before figures with no words of their own (化学需氧量、二氧化硫
排放总量近年来首次出现双下降，比上年分别下降3.14%和4.66%); increases said once for a list
(参保人数分别增加1753万和2028万) are changes by an amount, as 比去年增加 is; a run of figures from last
year whose next clause says what they became (由上年分别增长5.6%和13.1%，减为增长1.2%和1.8%) is
left for the levels reached; quotation
marks (“三农”) and a duration (五年累计) inside a name leave it whole; a number with no unit
followed by the people it counts (惠及12.67亿城乡居民, 有4.1亿农民参加) is a count of people named
by them and, apart, by what they do (农民 and 参加: 参合农民, written 参加新农合农民, holds
both); a Chinese magnitude with a unit of measure is a quantity without a digit (千亿斤,
万亿元; not 亿万). Two figures measure the same quantity
when their units are of one kind (percent, money, people …, or unknown) and their indicators
share at least SAME_QUANTITY of the smaller one's bigrams (with their contexts, when an
indicator is that thin).

The role of each figure (`quantity_roles`) follows the labelling guideline of
tests/data/figure_pairs_guideline.md: a target for the coming year (拟, 预期, 左右, 力争, 今年 …),
a result of the year reviewed (去年, 过去一年, 比上年, a year named: 2000年底达1656亿美元), or a
figure over several years (年均, 累计, 五年, “十一五”时期, 比1995年底 …: a review of the period, or
a plan for one when its sentence also announces a target; 将超过, 将达到 … announce one too).
The figure's clause decides, else its sentence, else the role its sentence takes from where it
stands (`Role` given by the caller: the sentence before it in its paragraph that names one —
过去一年，我们的各项工作取得了很大成绩。国内生产总值增长10.3% … —, else its chapter). A figure
with no counterpart in its own role may pair, in a second round, with the same quantity in a
review of several years (`matched_quantities(loose=True)`); a figure list never sets a year's
figure against a total of the period (`_period_total`: 五年累计…, 五年新增…).
Thresholds are set on consecutive State Council reports 2008–2012, the fillers and contexts on
the development sets tests/data/figure_pairs_dev.yaml (2009→2010, 2011→2012, 2001→2002,
1999→2000) and figure_pairs_dev2.yaml (2003→2004, 2007→2008); never on the gold years.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum
from functools import lru_cache

from compare.text.figures import Figure, find_figures

INDICATOR_WINDOW = 10
SAME_QUANTITY = 0.5

_CLAUSE = re.compile(r"[，,；;：:。！？、（）()]")
_SENTENCE_CLAUSE = re.compile(r"[，,；;：:。！？]")  # clauses, an enumeration (、) kept whole
_NOT_WORD = re.compile(r"[\W\d_a-zA-Z％%．.的和]+")
# Words that surround figures whatever they measure: verbs of change and level, comparison
# with last year, hedges, time words, who pays (中央财政 funds many quantities). Cut out
# before the bigrams are taken.
_FILLER_WORDS = (
    "增长 增加 提高 提升 下降 降低 减少 达到 超过 突破 控制在 保持在 稳定在 分别 比上年 同比 上年 年均 "
    "用于 扩大到 扩大 每人每年 每人 每年 平均每年 每年平均 年底 年末 累计 实际 全年 今年 去年 左右 以上 以下 以内 拟按 预期 目标 完成 实现 约为 新增加 回落到 上涨 涨幅 "
    "占比 比重 共计 合计 其中 同期 五年 一年 过去 我们 全国 力争 安排 拟 回落 创历史 新高 历史 "
    "提高到 增长到 增加到 下降到 减少到 达到了 总共 中央财政 各级财政 中央政府 各级政府 地方各级 "
    "约 近 超 达 为 至 到 了 由 从 比 较"
)
_FILLER = re.compile("|".join(sorted(_FILLER_WORDS.split(), key=len, reverse=True)))
# Bigrams of the generic nouns many quantities end with: shared alone, they name none. A
# pilot and its scope (试点范围扩大到23%的县) are named by what is piloted, in the clause before
# (扎实推进新型农村社会养老保险试点: 2009→2010, development set).
_GENERIC = frozenset({"投入", "资金", "收入", "支出", "投资", "总额", "项目", "人口", "人数", "金额", "资产", "规模", "经费", "试点", "范围"})

# Synonym names of one indicator in State Council usage, each written as its shorter name
# before the bigrams are taken (a longer one would push words out of INDICATOR_WINDOW):
# (variant, canonical, where the two name one quantity).
SYNONYMS = (
    ("对外贸易", "进出口", "2011 去年对外贸易总额达到2.97万亿美元 ↔ 2012 全年货物进出口总额3.64万亿美元"),
    ("外商直接投资", "利用外资", "2001 五年累计实际利用外资2894亿美元 ↔ 2002 外商直接投资468亿美元 (1996: "
     "实际利用外资…其中外商直接投资占70%: the larger total, but each report states only one of them)"),
    ("保障性安居工程", "保障性住房", "2010 继续大规模实施保障性安居工程。中央财政拟安排保障性住房专项补助资金632亿元 "
     "(one paragraph) ↔ 2009 拟安排保障性安居工程资金493亿元"),
    ("农村居民", "农民", "2001 农村居民人均纯收入和城镇居民人均可支配收入…平均每年实际增长4.7%和5.7% ↔ 2002 "
     "农民人均纯收入实际增长4.2% ↔ 2003 农村居民家庭人均纯收入…平均每年实际增长3.8%"),
    ("医疗保险", "医保", "2013 新农合和城镇居民基本医疗保险财政补助标准 ↔ 2010 城镇居民基本医保和新农合的财政补助标准"),
    ("新型农村合作医疗", "新农合", "2008 新型农村合作医疗…筹资标准 ↔ 2009 城镇居民医保和新农合筹资标准"),
    # (the one longer than its variant: 参合 is short for taking part in 新农合)
    ("参合", "参加新农合", "2007 新型农村合作医疗…有4.1亿农民参加 ↔ 2008 参合农民达到7.3亿人 ↔ 2009 "
     "参加新型农村合作医疗的人口８．１４亿"),
)
_SYNONYM = re.compile("|".join(sorted((v for v, _, _ in SYNONYMS), key=len, reverse=True)))
_CANONICAL = {variant: canonical for variant, canonical, _ in SYNONYMS}


def canonical_names(text: str) -> str:
    """`text` with each indicator name of SYNONYMS written as its canonical name (对外贸易总额 →
    进出口总额, 医疗保险 → 医保 …); not offset-preserving."""
    return _SYNONYM.sub(lambda m: _CANONICAL[m.group()], text)


# Qualifiers that make two alike names two quantities (消费对经济增长的贡献率 is not 对全球
# 经济增长的贡献率; 城镇居民人均可支配收入 is not 农村居民人均纯收入; 出口 is not 进口). A
# scope (全球, 世界) stated on one side only differs; the other kinds differ when both sides
# state one and they differ. `对…的` names what contributes (消费对经济增长的贡献率,
# 科技进步对经济增长的贡献率): two different contributors are two quantities.
_WORLD = re.compile(r"全球|世界")


class Opposed(StrEnum):
    """Qualifiers of which two different ones make two quantities, whatever the rest of the
    name shares (see OPPOSED)."""

    URBAN = "urban"
    RURAL = "rural"
    NATIONAL = "national"  # the whole country's residents (全国居民人均可支配收入)
    EXPORT = "export"
    IMPORT = "import"
    REVENUE = "revenue"  # money coming in (财政收入, 居民收入)
    SPENDING = "spending"  # money going out (财政支出, 消费支出)
    SHARE = "share"  # a part of a whole (占国内生产总值比重, 比例)
    PER_UNIT = "per unit"  # for each unit of output (单位国内生产总值能耗, 单位增加值用水量)


# Sets of opposed qualifiers: two names each stating one of a set, and not the same one, name
# two quantities (城镇居民人均可支配收入 is not 农村居民人均纯收入 nor 全国居民人均可支配收入, as
# 2014's 7% is not 2015's 8%; 出口 is not 进口; 国家财政收入 is not 国家财政…增加支出, 2000→2001).
# 全国 alone is a filler (全国城镇新增就业 is 城镇新增就业); 全国居民 is a place. A share of a
# whole (占…比重) is not an amount per unit of it (单位国内生产总值能耗).
OPPOSED: tuple[tuple[tuple[Opposed, re.Pattern[str]], ...], ...] = (
    ((Opposed.URBAN, re.compile(r"城镇|城市")), (Opposed.RURAL, re.compile(r"农村|乡村|农民|新农")),
     (Opposed.NATIONAL, re.compile(r"全国居民"))),
    ((Opposed.EXPORT, re.compile(r"(?<!进)出口")), (Opposed.IMPORT, re.compile(r"进口"))),
    ((Opposed.REVENUE, re.compile(r"收入")), (Opposed.SPENDING, re.compile(r"支出"))),
    # 研发经费占国内生产总值比重1.49% is not 单位国内生产总值能耗下降10.08% (2008→2009): both
    # name GDP, one as the whole a share is of, the other as what energy is used per unit of
    ((Opposed.SHARE, re.compile(r"占|比重|比例")), (Opposed.PER_UNIT, re.compile(r"单位(?:国内|地区)?(?:生产总值|GDP|增加值|产值)"))),
)
_CONTRIBUTOR = re.compile(r"([\u4e00-\u9fff]+)对(?!外)[^，,；;。的]{1,12}的")
_TARGET = re.compile(r"拟|预期|左右|力争|预计|计划|目标是|要控制|以内|今年")
_RESULT = re.compile(r"去年|过去一年|上一年|过去五年|五年来|一年来")
# A sentence's role: 去年 in a comparison (比去年增加520亿元) is no result of last year; a target
# compares with last year too (中央财政安排用于“三农”的资金3917亿元，比去年增加520亿元).
_RESULT_ROLE = re.compile(r"(?<!比)去年|过去一年|上一年|过去五年|五年来|一年来")


class Role(StrEnum):
    """What a figure reports: the guideline's roles, with periods of several years apart."""

    TARGET = "target"  # for the coming year
    RESULT = "result"  # of the year reviewed
    REVIEW = "review"  # over several years reviewed (年均, 累计, 五年来 …)
    PLAN = "plan"  # over several years ahead (“十二五”时期 … 年均增长7%)


# Words of a clause or sentence that set its figures' role. Several years: averages and
# totals over a period, a period named (五年来, “十一五”时期, 1996—2000年, 比1995年底 …).
# One year: 去年, 比上年, a year named alone (2000年底达1656亿美元).
_SEVERAL_YEARS = re.compile(
    r"年均|平均每年|每年平均|累计|[两三四五六七八九十]年(?:来|间|中|内|累计)|\d+年来|这五年|过去五年|五年来|"
    r"[十一二三四五六七八九]+五[”\"]?(?:时期|期间|以来)|\d{4}年?[—\-－~～到至]\d{4}年|比\d{4}年(?:底|末)?(?:增|减|提|下|翻)"
)
_ONE_YEAR = re.compile(r"去年|过去一年|上一年|一年来|比上年|比去年|同比|上年末|(?<![到至比从由—\-－~～\d])\d{4}年(?![—\-－~～到至\d])")
_SENTENCE_SEVERAL_YEARS = re.compile(r"过去五年|五年来|这五年|[两三四五六七八九十]年累计|[十一二三四五六七八九]+五[”\"]?(?:时期|期间)")


# Targets for the role of a figure: is_target's words but 计划 (a result's 投资计划) and 预计
# (全年预计增长7.7%: an estimate of the year reviewed).
_TARGET_ROLE = re.compile(r"拟|预期|左右|力争|目标是|要控制|以内|今年|将(?:超过|达到|增长|提高|增加|下降|减少|突破)")


# A sentence saying the year's targets were met (超过全年预期目标, 实现了年初确定的目标) or
# expectations beaten (就业增长超出预期, 好于预期) reports results, though it names a target.
MET_TARGET = re.compile(
    r"(?:实现|完成|超过|超出|超额完成|达到)了?[^，,；;。]{0,12}目标|(?:超出|超过|好于|高于|低于|快于|慢于|符合)(?:市场)?预期"
)


def stated_role(text: str) -> Role | None:
    """The role a sentence's own words give its figures, None when they give none: a target
    (拟, 预期, 今年 …), over several years (过去五年, “十一五”时期 …: reviewed, or ahead when
    also a target), or a result of the year reviewed (去年, 过去一年 …)."""
    target = _TARGET_ROLE.search(text) is not None and not MET_TARGET.search(text)
    if _SENTENCE_SEVERAL_YEARS.search(text):
        return Role.PLAN if target else Role.REVIEW
    if target:
        return Role.TARGET
    if _RESULT_ROLE.search(text):
        return Role.RESULT
    return None


def _clause_role(clause: str, sentence_role: Role) -> Role | None:
    said_target = _TARGET_ROLE.search(clause) is not None and not MET_TARGET.search(clause)
    ahead = sentence_role in (Role.TARGET, Role.PLAN) or said_target
    if _SEVERAL_YEARS.search(clause):
        return Role.PLAN if ahead else Role.REVIEW
    if said_target:
        return Role.TARGET
    if _ONE_YEAR.search(clause):
        return Role.TARGET if ahead and sentence_role is Role.TARGET else Role.RESULT
    return None


@lru_cache(maxsize=65536)
def quantity_roles(text: str, default: Role = Role.RESULT) -> tuple[Role, ...]:
    """The role of each of `quantities(text)`, in order: its clause's words (年均, 拟, 比上年,
    2000年底 …), else its sentence's (`stated_role`), else `default` (where the sentence
    stands: the paragraph's last sentence naming a role, else the chapter)."""
    sentence_role = stated_role(text) or default
    marks = [0, *(m.end() for m in _CLAUSE.finditer(text)), len(text)]
    out = []
    for q in quantities(text):
        begin = max(b for b in marks if b <= q.start)
        end = min((b for b in marks if b > q.start), default=len(text))
        out.append(_clause_role(text[begin:end], sentence_role) or sentence_role)
    return tuple(out)

# Unit kinds: a figure's unit with the characters just after it (`1310万人`: 万 + 人).
_UNIT_KINDS = (
    ("percent", re.compile(r"%|％|‰|百分点|成")),
    ("money", re.compile(r"元|美元")),
    ("people", re.compile(r"人|户|名")),
    ("area", re.compile(r"公顷|亩|平方")),
    ("length", re.compile(r"公里|千米")),
    ("weight", re.compile(r"吨|斤|千克")),
    ("energy", re.compile(r"千瓦|瓦时")),
)


@dataclass(frozen=True, slots=True)
class Quantity:
    """One figure of a sentence with what it measures: `start`, `end` (characters, in the
    text given), `text` (the figure as written), `unit_kind` ("percent", "money", "people",
    …, else the measure word as written, "" when there is none), `indicator` (character
    bigrams naming the quantity) and `context` (bigrams of the words after the figure and
    of the clause before, when the indicator has fewer than two that name something: 中央财政
    拟投入433亿元用于促进就业) and `qualifiers` (what sets the quantity apart from one alike:
    "world" for 全球/世界, "urban"/"rural", "export"/"import", "by:" + the contributor of
    `X对…的`, "difference" for a change by an amount: 比去年多100万人, "added" for an amount
    added in the year (投产, 新建, 改建: 高速铁路投产里程1900公里), "payer:central" or "payer:all"
    for who pays (中央财政, 全国财政 …: two budgets), "deficit:central",
    "deficit:local" or "deficit:total" for the level of government of a 赤字, "counts:" + the
    words after a bare measure word: 1000个县 → "counts:县")."""

    start: int
    end: int
    text: str
    unit_kind: str
    indicator: frozenset[str]
    context: frozenset[str] = frozenset()
    qualifiers: frozenset[str] = frozenset()


# A number whose unit is said once, after the next number (4.2和0.7个百分点, 3、5和10元).
_UNIT_SAID_AFTER = re.compile(r"[和、及至到][\d.．]+([^\d，,；;。、和及]{1,4})")


def _unit_kind(text: str, unit: str, after: str) -> str:
    shared = _UNIT_SAID_AFTER.match(after) if not unit else None
    tail = text + (shared.group(1) if shared else after[:3])
    for kind, pattern in _UNIT_KINDS:
        if pattern.search(tail):
            return kind
    return unit.lstrip("万亿千百余")


# Not quantities: durations and ages (连续7年, 两年, 74.5岁), years (2011-2020), counts in
# Chinese numerals without a digit (一批, 五年, 一项).
_TIME_UNITS = frozenset({"年", "月", "日", "天", "周", "小时", "分钟", "岁"})
_YEAR = re.compile(r"(?:19|20)\d\d$")
_DIGIT = re.compile(r"\d")


# A Chinese numeral with a magnitude (万, 亿) and a unit of measure is a quantity, without a
# digit (新增千亿斤粮食生产能力, 连续5年超万亿斤, 三千五百亿元); 亿万 is a word (亿万人民).
_CN_MAGNITUDE = re.compile(r"[一二两三四五六七八九十百千]*[万亿]+")
_MEASURES = frozenset({"元", "美元", "斤", "公斤", "吨", "公顷", "亩", "平方公里", "公里", "千瓦", "千瓦时", "立方米"})


def _is_quantity(figure: Figure) -> bool:
    if figure.is_date or figure.unit in _TIME_UNITS:
        return False
    if not _DIGIT.search(figure.text):
        numeral = figure.text[: len(figure.text) - len(figure.unit)]
        return (figure.base_unit in _MEASURES and numeral != "亿万"
                and _CN_MAGNITUDE.fullmatch(numeral) is not None)
    return not (_YEAR.match(figure.text) and not figure.unit)


# A figure after 每 is the unit a price or rate is stated per (每50公斤, 每斤, 每万元): no
# quantity, and no part of the name (每50公斤提高3元 and 平均每斤提高0.11元 are one price).
_PER = re.compile(r"每(?:\d[\d.,．]*)(?:公斤|千克|斤|吨|万元|元|人|户|亩|平方米|公里)?|每(?:公斤|千克|斤|吨|亩|平方米|公里)")


def _bigrams(text: str, last: bool = True) -> frozenset[str]:
    """Bigrams of the words of `text` once fillers are cut out, within INDICATOR_WINDOW
    characters of its end (`last`) or of its start."""
    words = _NOT_WORD.sub(" ", _FILLER.sub(" ", _PER.sub(" ", canonical_names(text))))
    words = words[-INDICATOR_WINDOW:] if last else words[:INDICATOR_WINDOW]
    out: set[str] = set()
    for part in words.split():
        out.update(part[k : k + 2] for k in range(len(part) - 1))
    return frozenset(out)


# A figure followed by 的 and the words naming it (8%左右的国内生产总值增长目标).
_NAMED_AFTER = re.compile(r"(?:左右|以上|以内|以下)?的([^，,；;。：:、（）()]+)")
# A figure a change starts from (从3.16万亿元增加到8.31万亿元, 由每人每年120元提高到200元,
# 从2006年的18亿元增加到…, 赤字率从去年的2.1%提高到2.3%, 由去年的1076亿元增加到1562亿元): the
# level reached is the quantity the sentence states.
_FROM = re.compile(r"[从由](?:\d{4}年(?:底|末)?的?|[上去]年的?|每人每年|每人|每年)?$")
# … or the run of figures of a clause starting from last year (由上年分别增长5.6%和13.1%), the clause
# after it saying what they became (，减为增长1.2%和1.8%)
_FROM_RUN = re.compile(r"[从由][上去]年的?(?:分别)?(?:增长|下降|增加|减少|上涨)?$")
_TO_NEXT = re.compile(r"[^，,；;。]*[，,；;]\s*(?:[减降增升变]为|(?:下降|减少|提高|增加|上升|回落|降低)到)")
# A figure taken as something (2300元（2010年不变价）作为新的国家扶贫标准) or a sum that sets
# something up (安排500亿元设立中央预算稳定调节基金): that names it, not the words before it.
_TAKEN_AS = re.compile(r"(?:[（(][^）)]*[）)])?(?:作为|设立)([^，,；;。：:、]+)")
# A percentage that is a share of something (占比, 比重, 占…的): not its growth rate.
_SHARE = re.compile(r"占|比重|比例")


def _last_words(text: str) -> frozenset[str]:
    """Bigrams of the last run of words of `text` (就业政策 in 实施更加积极的就业政策)."""
    runs = _NOT_WORD.sub(" ", _FILLER.sub(" ", canonical_names(text))).split()
    return _bigrams(runs[-1]) if runs else frozenset()


# An editor's note in brackets (广义货币M2（注：M2为M右下角加2）预期增长12%左右): no part of
# the report's text, so neither a figure nor a name.
_NOTE = re.compile(r"[（(]注[：:][^）)]*[）)]")


@lru_cache(maxsize=65536)
def quantities(text: str) -> tuple[Quantity, ...]:
    """The quantities a sentence states (dates left out), left to right. `text` is the
    matching view (simplified) of one sentence; an editor's note in brackets (（注：…）) is
    left out."""
    text = _NOTE.sub(lambda m: " " * len(m.group()), text)  # offsets kept
    out: list[Quantity] = []
    previous_end = 0
    previous: frozenset[str] = frozenset()
    previous_qualifiers: frozenset[str] = frozenset()
    run_words = ""  # the words of its clause before the run of figures a figure is in
    figures = find_figures(text)
    respective = _respective_names(text, [f for f in figures if _is_quantity(f)])
    for figure in figures:
        if figure.start and text[figure.start - 1] == "每":
            continue  # 每50公斤: what a price is stated per, part of its clause
        if not _is_quantity(figure):
            # a date or a duration inside a clause (国内生产总值2000年达…, 就业补助资金五年累计666亿元)
            # names nothing: the words before it name the figure after it
            if not (figure.is_date or figure.unit in _TIME_UNITS):
                previous_end = figure.end
            continue
        before = text[previous_end : figure.start]
        clause, scope = respective.get(figure.start, (_CLAUSE.split(before)[-1], ""))
        indicator = own = _bigrams(clause)
        named_by = clause
        after = text[figure.end :]
        counted_words = _counted_words(figure, after)
        # a number with no unit, then the people it counts (有4.1亿农民参加, 解决6398万农村人口的饮水安全)
        # (or counted in 人, with words after it: 再解决6000万人安全饮水问题)
        people = bool(_PEOPLE_AFTER.match(after)) if not figure.base_unit else (
            figure.base_unit == "人" and _CLAUSE.split(after)[0][:1] not in ("", "以", "左", "次"))
        counted_grams = _bigrams(counted_words)
        if not indicator and not counted_grams and len(_CLAUSE.split(before)) > 1:
            # the clause has no words of its own: the previous clause names it (城乡居民收入
            # 分别增长8.8%、9.9%), or, failing that, the figure before it
            for part in reversed(_CLAUSE.split(before)[:-1]):
                indicator = _bigrams(part)
                if indicator:
                    named_by = part
                    break
        if counted_grams:
            # 取消165项国务院部门…审批事项, 220项职业资格许可认定事项: what is counted names the count
            indicator = counted_grams if len(counted_grams) >= 2 else own | counted_grams
            named_by = clause + counted_words
        context: frozenset[str] = frozenset()
        taken_as = _TAKEN_AS.match(after)
        named_after = _NAMED_AFTER.match(after)
        if taken_as:  # 农民人均纯收入2300元作为新的国家扶贫标准: the figure is the 扶贫标准
            indicator = _bigrams(taken_as.group(1), last=False)
            named_by = taken_as.group(1)
        elif named_after:  # 8%左右的国内生产总值增长目标: the words after it name it
            indicator = indicator | _bigrams(named_after.group(1), last=False)
            named_by += named_after.group(1)
        elif people:  # 惠及12.67亿城乡居民, 13亿城乡居民参保: the people counted, and what they do
            counted_people = _CLAUSE.split(after)[0]
            people_words = _people_words(counted_people)
            if own:
                indicator = own | people_words
            elif indicator:  # named by the clause before (…最低生活保障制度，3451.9万农村居民…); the people are its context
                context = people_words
            else:  # no words before it since the figure before (占全国总数的50.7％，有4.1亿农民参加): the people name it
                indicator = people_words
            named_by = clause + counted_people
        if indicator and len(indicator - _GENERIC) < 2:
            # 拟投入433亿元用于促进就业, 就业政策，中央财政拟投入420亿元资金, 基本养老金，人均每年
            # 增长10%: what is funded or raised is named after the figure or in the clause before
            rest = _CLAUSE.split(after)[0]
            parts = _SENTENCE_CLAUSE.split(before)  # 最低收购价，早籼稻、中晚籼稻、粳稻每50公斤提高3元
            context |= _bigrams(rest, last=False) | (_last_words(parts[-2]) if len(parts) > 1 else frozenset())
            context |= _bigrams(scope)  # 小麦、稻谷最低收购价…分别提高0.11元和0.13元: the list's last words
        if indicator:
            # who pays: said in the figure's own clause (各级政府要…增加社会保障投入，中央财政拟安排3185亿元),
            # else where its name comes from
            payer = _payer(_CLAUSE.split(before)[-1]) or _payer(named_by) or _payer(scope)
            qualifiers = frozenset(q for q in _qualifiers(named_by) if not q.startswith("payer:")) | payer
        else:
            qualifiers = previous_qualifiers
        if not indicator:
            indicator = previous
        kind = "people" if people else _unit_kind(figure.text, figure.unit, after)
        if kind == "percent" and _SHARE.search(clause):
            kind = "share"  # 在国内生产总值中占比提高2.5个百分点 is no growth rate of it
            whose = _share_of(clause)
            if whose:  # 教育经费支出占国内生产总值的4% is not 财政赤字占国内生产总值的2.8%
                indicator = whose
        if not _LIST_JOINT.fullmatch(before):  # (3、5和10元: the run of a list goes on)
            run_words = _SENTENCE_CLAUSE.split(before)[-1]
        if kind not in ("percent", "share") and (
            _DIFFERENCE.search(clause) or (figure.start in respective and _RESPECTIVE_DIFFERENCE.search(run_words))
        ):
            qualifiers = qualifiers | {"difference"}  # 比去年多100万人 is no level of 城镇新增就业
        elif kind not in ("percent", "share") and _ADDED.search(named_by):
            qualifiers = qualifiers | {"added"}  # 高速铁路投产里程1900公里 is no length of the network
        counted = _COUNTED.match(after) if figure.unit in _MEASURE_WORDS else None
        if counted:  # 1000个县 and 100个地级以上城市 count two things
            qualifiers = qualifiers | {"counts:" + counted.group(1)}
        starting = bool(_FROM.search(before)) and "到" in _CLAUSE.split(after)[0]
        # 化学需氧量、二氧化硫排放量由上年分别增长5.6%和13.1%，减为增长1.2%和1.8%: the level reached is
        # said in the next clause
        starting = starting or bool(_FROM_RUN.search(run_words) and _TO_NEXT.match(after))
        if not starting:
            out.append(Quantity(figure.start, figure.end, figure.text, kind, indicator, context, qualifiers))
        # (else 财政收入从3.16万亿元增加到8.31万亿元: where it started; the level reached, named alike, is stated)
        previous, previous_end, previous_qualifiers = indicator, figure.end, qualifiers
    return tuple(q for q in out if q.indicator)


# A list of names, then as many figures (科技、教育、卫生和文化事业的支出分别为774亿元、536亿元、138亿元
# 和123亿元，比上年增长29.2%、39.4%、65.4%和23.9%; 城镇居民人均可支配收入和农村居民人均纯收入实际增长
# 8.4%和11.4%): each figure is named by its item of the list, with the list's last words after 的
# (支出); the clauses that follow with as many figures again name theirs the same way. A list
# standing in a clause of its own, before a clause whose figures have no words of their own
# (化学需氧量、二氧化硫排放总量近年来首次出现双下降，比上年分别下降3.14%和4.66%), names them the
# same way; its last item runs on into what is said of the list, so only its first
# INDICATOR_WINDOW characters name (二氧化硫排放总量近年).
_LIST_ITEM = re.compile(r"[、和及与]")
_LIST_JOINT = re.compile(r"\s*[、和及与]\s*")  # between the figures of a list
_RUN_END = re.compile(r"[，,；;：:。！？]")


def _respective_names(text: str, figures: list[Figure]) -> dict[int, tuple[str, str]]:
    """{figure start: (the words naming it, the whole list)} for figures that name the items
    of a list one by one: a clause whose words before its first figure list names (、, 和, 及,
    与) and that states as many figures (with or without 分别), and the clauses after it
    stating as many."""
    out: dict[int, tuple[str, str]] = {}
    clause_start = 0
    names: list[str] = []
    listed = ""
    words_before = ""  # the clause before, when it states no figure
    while clause_start < len(text):
        end_mark = _RUN_END.search(text, clause_start)
        clause_end = end_mark.start() if end_mark else len(text)
        inside = [f for f in figures if clause_start <= f.start < clause_end]
        stated = bool(inside)
        if not all(_LIST_JOINT.fullmatch(text[a.end : b.start]) for a, b in zip(inside, inside[1:])):
            inside, names = [], []  # 74个重点城市…年均浓度下降9.1%: figures with their own words
        if inside:
            items = [i for i in _LIST_ITEM.split(text[clause_start : inside[0].start]) if i.strip()]
            earlier = [i for i in _LIST_ITEM.split(words_before) if i.strip()]
            if len(items) >= 2 and len(items) == len(inside):
                head = items[-1].rsplit("的", 1)[1] if "的" in items[-1] else ""
                names = [item + head for item in items[:-1]] + [items[-1]]
                listed = text[clause_start : inside[0].start]
            elif len(inside) >= 2 and len(earlier) == len(inside) and not any(_bigrams(i) for i in items):
                # 化学需氧量、二氧化硫排放总量近年来首次出现双下降，比上年分别下降3.14%和4.66%
                names = [*earlier[:-1], earlier[-1][:INDICATOR_WINDOW]]
                listed = words_before
            if len(names) == len(inside):
                out.update((f.start, (name, listed)) for f, name in zip(inside, names))
            else:
                names = []
        words_before = "" if stated else text[clause_start:clause_end]
        clause_start = clause_end + 1
    return out


# People counted by a number with no unit of its own, named right after it (13亿城乡居民参保,
# 有4.1亿农民参加, 6398万农村人口): a count of people, named by them and what they do.
_PEOPLE_AFTER = re.compile(r"(?:多|余)?(?:城乡居民|城镇居民|农村居民|居民|农民工|农民|农村人口|贫困人口|人口|群众|职工|学生|儿童|老人|妇女|党员|干部)")


def _people_words(counted: str) -> frozenset[str]:
    """Bigrams of the people a figure counts and, apart, of what they do (4.1亿农民参加: 农民 and
    参加, no 民参; so 参合农民 (参加新农合的农民) holds them whatever their order)."""
    words = _bigrams(counted, last=False)
    found = _PEOPLE_AFTER.match(counted)
    return words - {counted[found.end() - 1 : found.end() + 1]} if found else words


# What a share is a share of: the words before 占 (研发支出占国内生产总值比重), or between the
# clause's start and 在…中的比重 (服务业在国内生产总值中的比重); the denominator (国内生产总值)
# names no quantity of its own.
_SHARE_OF = re.compile(r"占|在[^，,；;。]{1,12}中的?(?:比重|比例)")
# A change by an amount (比去年增加5600亿元, 比去年多100万人, 增加1700亿元): a difference
# between two years, not the level of the quantity named before it. Rates (比上年增长7.7%) are
# left as they are: a growth rate is the quantity itself.
_DIFFERENCE = re.compile(r"(?:^|比[^，,；;。]{0,6})(?:增加|减少|多|少)了?$")
# The same for the figures of a list, said once before them (城镇职工基本养老保险、基本医疗保险
# 参保人数分别增加1753万和2028万: two increases, not 2008's level 参保人数突破2亿人).
_RESPECTIVE_DIFFERENCE = re.compile(r"分别(?:增加|减少|多|少)了?$")


# An amount added in the year (高速铁路投产里程超过1900公里, 新建改建高速公路6700多公里, 新增…):
# what was added, not the level reached (铁路营业里程…其中高速铁路超过1.9万公里).
_ADDED = re.compile(r"投产|新建|改建")
# What a bare measure word counts: the words right after it (1000个县, 100个地级以上城市).
_MEASURE_WORDS = frozenset({"个", "家", "所", "座", "处", "批"})
# Counts by a measure word whose words after it, to the end of the clause, name what is counted
# (取消165项国务院部门及其指定地方实施的审批事项; 再开工20项重大水利工程).
_COUNT_WORDS = _MEASURE_WORDS | {"项", "件", "部"}


def _counted_words(figure: Figure, after: str) -> str:
    """The words after a count by a measure word up to the end of its clause (项, 件, 个 …, or
    部 which the figures do not read as a unit: 5部法律议案), "" for other figures."""
    if figure.unit in _COUNT_WORDS:
        return _CLAUSE.split(after)[0]
    if not figure.unit and after[:1] in _COUNT_WORDS:
        return _CLAUSE.split(after[1:])[0]
    return ""
_COUNTED = re.compile(r"([\u4e00-\u9fff]{1,4})")
# The level of government a deficit is of (中央财政赤字, 地方财政赤字); a deficit named
# without one is the whole (今年拟安排财政赤字13500亿元).
_DEFICIT_LEVEL = re.compile(r"(中央|地方)(?:财政|政府)?赤字")


def _share_of(clause: str) -> frozenset[str]:
    """Bigrams of the words naming what a share is of (see _SHARE_OF); empty when the clause
    names none before its 占."""
    found = _SHARE_OF.search(clause)
    return _bigrams(clause[: found.start()]) if found else frozenset()


# Who pays, when a name says it (中央财政用于科技的支出 is not 全国财政用于教育支出): the central
# government's budget, or the whole country's (全国, 各级财政).
_PAYER = (("payer:central", re.compile(r"中央(?:财政|预算|政府)")), ("payer:all", re.compile(r"全国财政|各级财政|各级政府")))


def _payer(text: str) -> frozenset[str]:
    return frozenset(name for name, pattern in _PAYER if pattern.search(text))


def _qualifiers(text: str) -> frozenset[str]:
    """The qualifiers (see Quantity) of the words naming a figure."""
    out = set(_payer(text))  # (quantities() prefers the payer of the figure's own clause)
    if _WORLD.search(text):
        out.add("world")
    for group in OPPOSED:
        out.update(str(name) for name, pattern in group if pattern.search(text))
    if "赤字" in text:  # 财政赤字 (the whole), 中央财政赤字, 地方财政赤字: three quantities
        level = _DEFICIT_LEVEL.search(text)
        out.add("deficit:" + (level.group(1) if level else "total"))
    contributor = _CONTRIBUTOR.search(text)
    if contributor:
        out.add("by:" + contributor.group(1))
    return frozenset(out)


def listed_apart(a: Quantity, b: Quantity) -> bool:
    """Two figures of one quantity that a figure list must not show old → new: a change by
    an amount against a level (5000万人以上 → 比去年多100万人; 13500亿元 → 增加1700亿元), an
    amount added in the year against a level (高速铁路超过1.9万公里 → 高速铁路投产里程1900公里),
    deficits of two levels of government (财政赤字13500亿元 → 地方财政赤字5000亿元), or counts of
    two things by one measure word (1000个县 → 100个地级以上城市: no character in common). Sentences
    are still paired by them: on the development set, 2010's 财政赤字10500亿元，其中中央财政
    赤字8500亿元 keeps its counterpart 2009's 中央财政赤字7500亿元，比上年增加5700亿元 by them."""
    if any((q in a.qualifiers) != (q in b.qualifiers) for q in ("difference", "added")):
        return True
    deficit_a = {q for q in a.qualifiers if q.startswith("deficit:")}
    deficit_b = {q for q in b.qualifiers if q.startswith("deficit:")}
    if deficit_a and deficit_b and deficit_a != deficit_b:
        return True
    counts_a = "".join(q[7:] for q in a.qualifiers if q.startswith("counts:"))
    counts_b = "".join(q[7:] for q in b.qualifiers if q.startswith("counts:"))
    return bool(counts_a and counts_b and not set(counts_a) & set(counts_b))


def _qualified_apart(a: frozenset[str], b: frozenset[str]) -> bool:
    """Do two sets of qualifiers make two quantities (消费 against 全球; two different ones of
    a set of OPPOSED: 城镇 against 农村, 收入 against 支出)?"""
    if ("world" in a) != ("world" in b):
        return True
    for group in OPPOSED:  # 城镇 against 农村 or 全国居民, 收入 against 支出
        names = {str(name) for name, _ in group}
        if a & names and b & names and not a & b & names:
            return True
    payer_a = {q for q in a if q.startswith("payer:")}
    payer_b = {q for q in b if q.startswith("payer:")}
    if payer_a and payer_b and not payer_a & payer_b:
        return True
    by_a = [q[3:] for q in a if q.startswith("by:")]
    by_b = [q[3:] for q in b if q.startswith("by:")]
    if by_a and by_b:  # 最终消费 and 消费 are one contributor, 科技进步 another
        return not _word_grams(by_a) & _word_grams(by_b)
    return False


def _word_grams(words: list[str]) -> set[str]:
    return {w[k : k + 2] for w in words for k in range(len(w) - 1)} | {w for w in words if len(w) == 1}


def same_quantity(a: Quantity, b: Quantity) -> bool:
    """Do two figures measure the same quantity? Units of one kind (or unknown), no
    qualifier setting them apart (`Quantity.qualifiers`: 全球, 城镇/农村, 出口/进口, what
    contributes) and
    indicators sharing at least SAME_QUANTITY of the smaller one's bigrams and half that
    share of the larger one's (人均 alone does not name 农民人均纯收入); failing that, when an
    indicator is too thin to name a quantity (`Quantity.context`), the indicators with
    their context sharing SAME_QUANTITY of the smaller one's bigrams."""
    if a.unit_kind and b.unit_kind and a.unit_kind != b.unit_kind:
        return False
    if _qualified_apart(a.qualifiers, b.qualifiers):
        return False
    if _named_alike(a.indicator, b.indicator, a.unit_kind == b.unit_kind != "", SAME_QUANTITY / 2):
        return True
    if not (a.context or b.context):
        return False
    return _named_alike(a.indicator | a.context, b.indicator | b.context, a.unit_kind == b.unit_kind != "", 0.0)


def _named_alike(a: frozenset[str], b: frozenset[str], same_unit: bool, large_share: float) -> bool:
    shared = len(a & b)
    small, large = sorted((len(a), len(b)))
    if not (a & b) - _GENERIC:
        return False  # 投入, 资金, 收入 alone: what is funded or earned is not named
    if shared < 2 and not same_unit:
        return False  # one word in common (解决, 人均) names no quantity without a unit
    return shared >= SAME_QUANTITY * small and shared >= large_share * large


def is_target(text: str, in_plan: bool = False) -> bool:
    """Does the sentence announce a target or plan rather than report a result? Its own
    words decide (拟, 预期, 左右, 力争, 今年 …: a target; 去年, 过去一年 …: a result), else
    where it stands (`in_plan`: in a chapter about the coming year)."""
    if _TARGET.search(text):
        return True
    if _RESULT.search(text):
        return False
    return in_plan


# Roles that a second round pairs when a figure has no counterpart in its own role: a result of
# the year reviewed and the same quantity in a review of several years (2012 城镇居民人均可支配
# 收入实际增长8.4% ↔ 2011 年均分别实际增长9.7%, in its review of 2006–2010).
_LOOSE_ROLE = {Role.REVIEW: Role.RESULT}


def matched_quantities(
    left: str, right: str, roles: tuple[Role, Role] | None = None, loose: bool = False, listing: bool = False
) -> list[tuple[Quantity, Quantity]]:
    """(left quantity, right quantity) pairs measuring the same thing, each quantity used
    once, in the right sentence's order; `left` and `right` are matching views. With
    `roles` (each sentence's default role, see `quantity_roles`), only quantities in the
    same role pair (`loose`: a review of several years counts as a result when one name
    holds the other whole, generic nouns aside: `_held_whole`). Where a figure could pair with
    several, the closest names pair first (`_closeness`): 2016 化学需氧量、氨氮排放量要分别下降2%，二氧化硫、氮氧化物排放量分别
    下降3% against 2017 二氧化硫、氮氧化物排放量要分别下降3% pairs 3% with 3%, not 2% with 3%.
    `listing` (a figure list old → new): two figures `listed_apart` are no candidates, so each
    finds the one it is listed against (2016 取消123项职业资格许可和认定事项 → 2017's 220项职业资格
    许可认定事项, not its 165项 of 审批事项)."""
    lq, rq = quantities(left), quantities(right)
    if roles is not None:
        left_roles, right_roles = quantity_roles(left, roles[0]), quantity_roles(right, roles[1])
    left_after = [_words_after(left, q) for q in lq]
    right_after = [_words_after(right, q) for q in rq]
    options = []
    for m, b in enumerate(rq):
        for n, a in enumerate(lq):
            if roles is not None and left_roles[n] != right_roles[m]:
                across = _LOOSE_ROLE.get(left_roles[n], left_roles[n]) == _LOOSE_ROLE.get(right_roles[m], right_roles[m])
                # across roles, one name must hold the other whole: 财政支出 is not 财政教育支出
                if not (loose and across and _held_whole(a.indicator, b.indicator)):
                    continue
                # a list never sets a year's figure against a total over the period reviewed
                if listing and (_period_total(left, a) if left_roles[n] is Role.REVIEW else _period_total(right, b)):
                    continue
            if same_quantity(a, b) and not (listing and listed_apart(a, b)):
                options.append((_closeness(a, b) + _dice(left_after[n], right_after[m]), m, n))
    options.sort(key=lambda o: (-o[0], o[1], o[2]))
    used_left: set[int] = set()
    chosen: dict[int, int] = {}  # right index → left index
    for _, m, n in options:
        if m in chosen or n in used_left:
            continue
        chosen[m] = n
        used_left.add(n)
    return [(lq[chosen[m]], rq[m]) for m in sorted(chosen)]


# A figure of a review of several years that is a total over the period: summed (五年累计完成造林
# 2953万公顷, 比2002年增长65.5%) or a flow of the period (五年全国新增城镇就业5100万人, 解决了3亿多
# 农村人口的饮水安全, 共淘汰落后炼铁产能1.17亿吨); not a rate (年均增长10.6%) nor a level (财政收入从
# 3.16万亿元增加到8.31万亿元, 其中高速铁路超过1.9万公里). No year's figure is listed old → new
# against it (user test s22, the term-end reports 2008 and 2013).
_PERIOD_SUM = re.compile(r"累计|共计|合计|总计|比\d{4}年")
_SUMMED = re.compile(r"累计|共计|合计|总计")  # (said before a figure's clause, it holds for the clauses after)
_PERIOD_FLOW = re.compile(r"新增|新建|改建|新开工|建成|解决|淘汰|完成|改造|培训|转移|资助|提供|帮助|安排|投入|支出|取消|下放|利用|使用|引进|发放")


def _period_total(text: str, q: Quantity) -> bool:
    """Is `q` (a figure of `text` in a review of several years) a total over the period? Not
    when its sentence names one year and no period (2007年…，3451.9万农村居民纳入保障范围)."""
    if not _SEVERAL_YEARS.search(text) and _ONE_YEAR.search(text):
        return False
    begin = max((m.end() for m in _SENTENCE_CLAUSE.finditer(text, 0, q.start)), default=0)
    found = _SENTENCE_CLAUSE.search(text, q.end)
    clause = text[begin : found.start() if found else len(text)]
    if _PERIOD_SUM.search(clause):
        return True
    if not _SEVERAL_YEARS.search(clause) and _SUMMED.search(text[:begin]):
        return True  # 近三年累计，单位国内生产总值能耗下降10.08%: summed, though said in the clause before
    return q.unit_kind not in ("percent", "share") and _PERIOD_FLOW.search(clause) is not None


# Two names of one quantity across roles when neither holds the other whole: Dice share of
# their bigrams at least this (城镇居民家庭人均可支配收入 and 城镇居民人均可支配收入 0.71; 全国财政
# 支出 and 财政教育支出 0.4; development sets, State Council 2003→2004 and 2007→2008).
ACROSS_ROLES_DICE = 0.6


def _held_whole(a: frozenset[str], b: frozenset[str]) -> bool:
    """Does one name hold the other whole, generic nouns aside (五年中央财政用于科技的投入 holds
    科技…的支出: 科技; 全国财政支出 does not hold 财政教育支出), or are the two nearly one name
    (ACROSS_ROLES_DICE: 城镇居民家庭人均可支配收入, 城镇居民人均可支配收入)?"""
    a_own, b_own = a - _GENERIC, b - _GENERIC
    return bool(a_own and b_own) and (a_own <= b or b_own <= a or _dice(a, b) >= ACROSS_ROLES_DICE)


def _closeness(a: Quantity, b: Quantity) -> float:
    """How alike two figures' names are (Dice share of their indicator bigrams, 0–1), plus
    1 when the unit kind agrees: between two candidates of one figure, the closer names."""
    return _dice(a.indicator, b.indicator) + (a.unit_kind == b.unit_kind)


def _dice(a: frozenset[str], b: frozenset[str]) -> float:
    return 2 * len(a & b) / (len(a) + len(b)) if a or b else 0.0


def _words_after(text: str, q: Quantity) -> frozenset[str]:
    """Bigrams of the words after a figure up to the end of its clause (取消311项 *行政审批
    事项*): between two candidates alike by name, the one naming the same thing after."""
    return _bigrams(_CLAUSE.split(text[q.end :])[0], last=False)


def shared_quantities(left: str, right: str, roles: tuple[Role, Role] | None = None) -> int:
    """How many quantities of `right` are also stated in `left` (each used once; in the
    same role when `roles`, the sentences' default roles, are given)."""
    return len(matched_quantities(left, right, roles))
