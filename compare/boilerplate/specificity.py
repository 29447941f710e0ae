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
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from functools import lru_cache
from typing import Protocol, Sequence

from compare.boilerplate.words import SentenceWords
from compare.text.figures import find_figures
from compare.text.patterns import guarded

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
    "place": 1.6,
    "programme": 1.6,
    "event": 1.6,
    "measure": 1.0,
    "status": 1.0,
}

# Kinds whose text names a thing of the body's own work: what "new this year" is looked for in.
NAMED_KINDS = frozenset({"organisation", "name", "quoted-name", "local-title", "title", "place", "programme", "event"})

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
# the years a plan covers, which national plans carry too (《法治政府建设实施纲要（2021－2025年）》):
# no local mark, unlike a document's own number
_YEARS_IN_TITLE = re.compile(r"(?:19|20)\d\d(?:\s*[－—–~～-]\s*(?:19|20)\d\d)?\s*年?")
_NATIONAL_ISSUER = re.compile(r"(?:中共中央|中央|国务院|全国人大|部|国家[\u4e00-\u9fff]{0,6})(?:办公厅)?[、和\s]*$")
_NATIONAL_TITLE = re.compile(r"^(?:中华人民共和国|中共中央|国务院|宪法$|民法典$)")
_ORG_SUFFIX = re.compile(
    r"(?:局|站|所|村|社区|公司|中心|学校|学院|大学|法院|检察院|医院|集团|公园|乐园|园区|大厦|剧场|"
    r"服务区|银行|协会|商会|街道|实验室|博物馆|机场|港区|铁路|高铁|公路|大桥|隧道|工程|项目|枢纽|水库|"
    r"基地|试验区|产业城|都市圈|通道|联盟|工坊)$"
)
_CJK_ONLY = re.compile(r"^[\u4e00-\u9fff]+$")
# An unknown word is a name when it ends like a place: 长福路, 嘎拉村, 燕岭大厦.
_PLACE_SUFFIX = re.compile(r"[路街巷村镇湖山河江桥港湾岛园城寺塔庄屯坝渠]$|大厦$|广场$")
# What a quoted name names: “唠嗑说事”工作机制, “庭审进社区”活动, “雅江1号”智算中心, with up to nine
# characters of what it is before the head (“1+9”国家级开放创新平台, “五型”国家物流枢纽提升行动;
# development sets 1–5, session 25: 9 rather than 6 is +2 −0).
_NAMED_THING = re.compile(
    r"^等?[^，。；、：,;:（）()“”等的]{0,9}?(?:机制|平台|活动|品牌|行动|工程|计划|模式|服务|论坛|"
    r"项目|大会|中心|指南|专项|示范区|基地|系统|小程序|公众号|APP|App|app)"
)
_NAMED_INNER = re.compile(r"(?:行动|计划|工程|品牌|论坛|平台)$")
_SLOGAN_NUMBER = re.compile(r"[一二两三四五六七八九十]个")
_NUMERALS = frozenset("一二两三四五六七八九十百千")  # “三极一带一区”: a numbered slogan, not a place
# A count right after these is an ordinal of a meeting (十二届市委八次全会, 人大三次会议).
_SESSION_AFTER = re.compile(r"^(?:会议|全会|全体会议|会)")
_COUNT_TAIL = re.compile(r"^(?:余|多)?位|^(?:余|多)(?:条|个|件|家|次|场|项|人|份|名|处|起|宗|所|座|台|户|批)")
# Digits counting kinds (7大领域101类问题, 10大类55项民生实事, 8类大病, 4大机器人产业基地): 类 and 大
# are the classifier find_figures does not read as a unit; not 大卡 (a unit of heat) or C919大型客机.
# Session 26, from development set 3 (全面开展7大领域101类问题排查和治理 dimmed); 20 in the corpus.
_KINDS_COUNTED = re.compile(r"^(?:类|大(?=[\u4e00-\u9fff])(?!卡|型|飞机))")
_LATIN_BEFORE = re.compile(r"[A-Za-z]$")  # C919: a model's name, not a count
# A first: 首家 首批 首届, and a first time (首次开展…, 首次突破…), not 首次贷款 or 首次购房 (terms
# of a housing policy).
_FIRST = guarded(r"(?:全国|全省|全市|全区|国内|世界)?首(?:家|个|批|单|票|例|座|台|条|届|次(?!贷款|购|置业|就业|创业))")
_ORDINAL_EVENT = re.compile(r"第[一二三四五六七八九十百\d]{1,4}(?:届|期)")
# A measure dated from this or next year (从今年起逐步降低农业税税率, 从今年开始国家财政实行复式预算制):
# the start of a decision, checkable like a date; not the announcement of a list (从今年开始，重点
# 抓好以下五项工作). Development sets 3 and 5: 3 of 3 such sentences substantive.
_FROM_THIS_YEAR = re.compile(r"(?:从|自)(?:今年|明年)(?:起|开始)(?![^。；：:]*以下)")
# A deadline in words, followed by what is due (年内建成投入使用, 年底前实现全覆盖, 上半年完成编制):
# a commitment checkable next year like a dated one (a user test, session 24: a new plan item of
# a 法治政府建设 report was dimmed as "nothing specific").
_DEADLINE_WORDS = guarded(
    r"(?:今年|明年)?(?:年内|年底前|年末前|上半年|下半年)(?=建成|完成|实现|投入使用|投用|开工|竣工|出台|上线|通车)"
)
# A change measured in words, not digits (外贸进出口总值翻一番, 人员编制原则上减一半, 比上年增长一倍):
# as checkable as the figure it stands for.
# Tenths after a verb of change or share (高峰运力提升四成, 占比超过六成) are figures too.
_WORD_QUANTITY = guarded(
    r"翻[一两三四]番|翻番|翻倍|(?:减|减少|压缩|下降)一半|(?:增加|增长|提高)一倍"
    r"|(?<=提升|提高|增长|增加|下降|降低|减少|超过|达到|占比)[一二两三四五六七八九]成(?![为果效绩立功本员熟都就型交长])"
)
# A small count of kinds of thing is the label of a list, not a count of work (the guideline's
# 三项制度, “四个意识”): 十个方面, 两个目标, 五项原则, 五项重点工作, 两个积极性, 三个现实需求.
_LIST_LABEL = re.compile(
    r"^(?:方面|目标|积极性|原则|重点工作|现实需求|需求|任务|意识|自信|维护|确立|领域|环节|关系|作用|坚持|"
    r"必须|优先|统筹|理念|战略|体系|机制|制度|文明|转变|结合|统一|不变)"
)
_RHETORICAL_NUMBER = re.compile(r"^(?:亿万|万千|千千万万)")  # 亿万家庭, 万千群众: no count
# A numeral inside an ordinal (第十四次代表大会: find_figures starts at 四, after 第十) is no count.
_ORDINAL_BEFORE = re.compile(r"第[一二两三四五六七八九十百零〇]+$")
# Digits counting laws or regulations (地方性法规草案8部); 部 not as in 部门, 部署, 部分, 部长.
_LAWS_COUNTED = re.compile(r"部(?![门署分长队委省级位])")


class NameStatistics(Protocol):
    def is_common_name(self, word: str) -> bool: ...

    def is_common_quote(self, term: str) -> bool: ...

    def is_common_thing(self, term: str) -> bool: ...


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


class SpanCover:
    """The characters of a text that spans cover: `add` and `overlaps` cost the span's length
    (one bytearray, searched in C), so a sentence of n characters with n spans costs O(n), not
    the O(n²) of testing every span (measured: one 400,000-character sentence 43 s → under 1 s,
    `benchmarks/parse.py`)."""

    __slots__ = ("_covered",)

    def __init__(self, length: int, spans: Sequence[tuple[int, int]] = ()) -> None:
        self._covered = bytearray(length)
        for start, end in spans:
            self.add(start, end)

    def add(self, start: int, end: int) -> None:
        """Cover characters `start` to `end` (end excluded)."""
        start, end = max(start, 0), min(end, len(self._covered))
        if end > start:
            self._covered[start:end] = b"\x01" * (end - start)

    def overlaps(self, start: int, end: int) -> bool:
        """Whether any character from `start` to `end` (excluded) is covered."""
        return end > start and self._covered.find(1, max(start, 0), end) >= 0


def _outermost(found: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """`found` without any span that another span contains (the longest reading wins), in order.

    One sort and a sweep: a span is contained when a span starting earlier (or at the same place
    and ending later) reaches as far, or when another reading has exactly the same extent."""
    order = sorted(range(len(found)), key=lambda i: (found[i][0], -found[i][1]))
    dropped: set[int] = set()
    reach = -1  # the furthest end of the spans before the current group
    k = 0
    while k < len(order):
        start, end = found[order[k]][0], found[order[k]][1]
        group = [order[k]]
        while k + len(group) < len(order) and found[order[k + len(group)]][:2] == (start, end):
            group.append(order[k + len(group)])
        distinct = {found[i] for i in group}
        for i in group:
            if reach >= end or len(distinct) > 1:
                dropped.add(i)
        reach = max(reach, end)
        k += len(group)
    return [t for i, t in enumerate(found) if i not in dropped]


# Named things of a body's own work (the issue's "places, projects, programmes and campaigns"):
# a name of one to three words followed by what it names. The words that end a name: places
# (奋斗 镇, 东山 组团, 团结村; 海峡西岸 经济区), programmes or campaigns (提振消费 专项行动, 强基 工程,
# 揭榜挂帅 试点) and recurring events (国际 孔子 文化节, 海南岛 国际 电影节, 尼山 世界 文明 论坛).
PLACE_WORDS = frozenset({"镇", "乡", "村", "社区", "街道", "组团", "片区", "园区", "新区", "开发区",
                         "高新区", "产业园", "工业园", "产业园区", "工业园区", "港区", "自贸区", "综合体",
                         "经济区", "经济带", "经济圈", "都市圈", "城市群"})
PROGRAMME_WORDS = frozenset({"行动", "工程", "计划", "试点", "示范区", "行动计划", "攻坚战", "三年行动"})
EVENT_WORDS = frozenset({"文化节", "艺术节", "旅游节", "电影节", "音乐节", "戏剧节", "博览会", "交易会", "展览会",
                         "洽谈会", "运动会", "论坛", "峰会"})
_PLACE_END = re.compile(r"(?:镇|乡|村|社区|街道|组团|片区|园区|新区|开发区)$")
# Words that end a name going backwards: verbs and adverbs of effort, and function words.
_NAME_STOP = frozenset(
    "现将 实施 推进 开展 启动 加快 加速 深化 推动 组织 落实 继续 完成 建设 加强 打造 创建 争创 获批 入选 列入 "
    "深入 持续 扎实 全面 大力 积极 着力 抓好 做好 推广 扩大 支持 鼓励 引导 谋划 部署 开工 建成 实现 "
    "启用 投用 举办 举行 办好 主办 出席 承办 参与 参加 围绕 依托 通过 按照 结合 重点 主要 进一步 新 新建 改造 提升 完善 "
    "各类 各项 多个 一批 若干 有关 相关 专项 国家 国家级 省级 市级 全国 全省 全市 各地 我们 我国 "
    "美丽 特色 中心 重点 贫困 行政 示范 城乡 农村 基层 城市 智慧 未来 完整 老旧 现代 重大 民生".split()
)
_JOINING = frozenset("在和与及的对向从为将把由同至到赴于共")  # one-character words a name may follow
_PROPER_LIKE = frozenset({"ns", "nr", "nrt", "nz", "nt", "", "j"})
_PLAIN_PROGRAMME = frozenset({"计划", "工程", "试点"})
_ITEM = re.compile(r"^[一二三四五六七八九十]是")
_STOP_TAGS = frozenset({"p", "c", "u", "uj", "ul", "uz", "d", "r", "m", "q", "f", "x", "y", "e"})


# Content words (jieba dictionary tags; "" is a word the dictionary does not know).
CONTENT_TAGS = frozenset({"n", "nz", "vn", "nt", "ns", "nr", "nrt", "l", "j", "an", ""})
_CJK_WORD = re.compile(r"^[\u4e00-\u9fff]{2,}$")


def is_content_word(word: str, tag: str) -> bool:
    """A noun-like word of two or more Chinese characters: what a sentence is about."""
    return tag in CONTENT_TAGS and bool(_CJK_WORD.match(word))


def named_things(sw: SentenceWords) -> list[tuple[int, int, str]]:
    """(start, end, kind) of named places, programmes and events in a sentence: offsets in
    `sw.text`, kind "place", "programme" or "event". Whether a candidate is anybody's (特色小镇, 民生工程) is
    left to the caller, which asks the corpus (`NameStatistics.is_common_thing`)."""
    out: list[tuple[int, int, str]] = []
    words, spans, tags = sw.words, sw.spans, sw.tags

    def part_of_name(j: int, kind: str, suffix: str, head: int) -> bool:
        w = words[j]
        if not _CJK_ONLY.match(w) or w in _NAME_STOP or tags[j] in _STOP_TAGS or _ITEM.match(w):
            return False
        if spans[j][1] != spans[j + 1][0]:
            return False  # no punctuation or space inside a name
        if kind == "place":
            # 东山 组团, 科学城 园区: a proper name; 奋斗 镇, 团结 村: any word before 镇 乡 村
            return tags[j] in _PROPER_LIKE or (suffix in ("镇", "乡", "村") and j == head - 1 and len(w) >= 2)
        if kind == "event":
            return True  # 国际 孔子 文化节: a proper name among the words is asked for below
        # 星火 计划, 强基 工程: what a generic plan or project does is no name (宣传计划, 护航工程)
        return not (suffix in _PLAIN_PROGRAMME and j == head - 1 and tags[j] in ("v", "vn"))

    for i, word in enumerate(words):
        kind = (
            "place" if word in PLACE_WORDS else "programme" if word in PROGRAMME_WORDS
            else "event" if word in EVENT_WORDS else ""
        )
        if not kind:
            if (
                len(word) >= 3 and _PLACE_END.search(word) and _CJK_ONLY.match(word)
                and tags[i] in ("", "n", "ns", "nz", "nt", "nr") and word[:-1] not in _NAME_STOP
            ):
                out.append((spans[i][0], spans[i][1], "place"))  # 团结村, 马家镇: one word
            continue
        if kind == "programme" and word == "计划" and i > 0 and words[i - 1] == "行动":
            continue  # found with 行动
        end = spans[i + 1][1] if word == "行动" and i + 1 < len(words) and words[i + 1] == "计划" else spans[i][1]
        head = i - 1 if kind == "programme" and i > 0 and words[i - 1] in ("专项", "攻坚", "三年") else i
        first = None
        j = head - 1
        while j >= 0 and head - j <= 3 and part_of_name(j, kind, word, head):
            first = j
            j -= 1
        if kind == "event":  # a name, not a kind of event (大型 博览会, 高端 论坛): a proper word in it
            if first is not None and not any(tags[k] in _PROPER_LIKE for k in range(first, head)):
                first = None
        if first is not None and spans[head][0] - spans[first][0] >= 2:
            out.append((spans[first][0], end, kind))
    # the longest reading wins: 奋斗镇田园综合体 over 奋斗镇
    return _outermost(out)


# Concrete measures in plain words: the guideline's "plan with an object" and "checkable fact"
# without a digit or a name — a policy instrument changed, an institution or programme set up,
# a named event held. A verb that decides or does something checkable (not a verb of effort or
# direction: 加强 推进 深化 完善 坚持 …, which stay boilerplate with generic objects) followed,
# in the same clause, by what it acts on, when that is a policy instrument (a tax or fee, a bond, a fund,
# a wage or pension, a subsidy, a price or rate, an insurance, a staffing quota, a regulation or
# its detailed rules, a quota or licence) or an event with a proper name (办好 亚太经合组织…会议).
# Rhetoric keeps its generic objects: 提高执法水平, 扩大消费需求, 完善补贴标准 (完善: effort).
# Checked on the two development sets (tests/data/boilerplate_devset*.yaml; benchmarks/boilerplate.py).
MEASURE_VERBS = frozenset(
    "征收 减半 减免 免除 免征 免收 减征 退还 返还 发行 增发 设立 成立 组建 新建 撤并 撤销 合并 精简 裁减 "
    "废止 修订 修改 颁布 出台 制定 放开 取消 延长 降低 下调 上调 提高 挂牌 投运 开园 建成 开通 竣工 开工 "
    "启用 派出 推行 实行 试行 施行 举办 办好 召开 签署 签订 加入 批准 削减 压减 核减 关闭 淘汰 停止 禁止 "
    "收购 开放 建立 设置 实施 率先 扩大".split()
)
_INSTRUMENT = re.compile(
    r"(?:(?<![消免经])费|(?<!人)税|国债|债券|基金|工资|退休金|养老金|津贴|补贴|补助|限价|收购价|保护价|价格|利率|"
    r"汇率|准备金率|保险|医保|编制|特派员|条例|细则|配额|许可证|限额|低保)$"
)
_EVENT = re.compile(r"(?:峰会|博览会|运动会|奥运会|亚运会|世博会|会议|论坛|大会)$")
# A document decided, with what it is about between the verb and it (出台民营经济促进法实施办法,
# 制定出台合理控制能源消费总量工作方案, 提出银行业监督管理法草案, 编制实施中新互联互通项目五年规划,
# 实行定期还本、免除利息的办法):
# a deliverable that can be looked up later, unlike 制定实施方案, 制定防范措施 or 提出意见建议.
DOCUMENT_VERBS = frozenset("出台 制定 颁布 印发 编制 提出 发布 修订 修改 实行".split())
_DOCUMENT = re.compile(r"(?:办法|规定|意见|方案|规划|措施|草案|纲要)$")
_GENERIC_BEFORE_DOCUMENT = frozenset("政策 配套 具体 相关 有关 防范 应急 整改 有效".split())
_JOINED_TO = frozenset("和 及 与 、 或 以及".split())
# A project reported done: the project (its name before it) then a verb of completion — a
# checkable status (…输电工程建成投运, …交易服务平台全部挂牌运营), unlike 加快建设 or 有序推进.
_PROJECT = re.compile(
    r"(?:工程|项目|平台|铁路|高铁|机场|电站|大桥|隧道|管道|枢纽|启动区|合作区|园区|基地|中心|研究院|实验室|公园|号线)$"
)
# Done or begun, both checkable: …建成投运, …基地启动建设, 南水北调工程…开工建设, 大熊猫国家公园成立运行.
COMPLETION_VERBS = frozenset(
    "建成 投运 投产 竣工 开通 通车 挂牌 开园 开业 落户 落地 获批 通过 启用 建成投运 建成投产 启动 开工 成立".split()
)
# The same verbs before the project they finish or start (建成兰州轨道交通二号线,
# 建成投用综合枢纽数字金融服务平台, 启动西安交通大学国际化区域创新中心建设), with at least two
# words of its name between them (建成一批项目 names nothing).
BUILD_VERBS = frozenset("建成 建成投用 建成投运 投用 启用 开通 启动 开工 创建 组建 落成".split())
_NOT_A_NAME = frozenset("一批 一些 若干 一系列 多个 各类 一大批 一流 全国 全省 国家级 省级 区域性".split())
_BEFORE_COMPLETION = frozenset("全部 全面 正式 顺利 如期 按期 提前 先后 相继 均".split())
_CLAUSE_END = re.compile(r"[，；。：！？,;:!?]")
# A checkable status or rank without a digit (the guideline's 政府债务风险保持绿色等级,
# 银行业不良贷款率保持全国最低; not 位居全国前列): a rank with a place in it, a record, all of
# something done, N times in a row, a direction against the month or year before.
_STATUS = guarded(
    r"(?:全国|全省|全市|全区|世界|全球|历史|同期|西部|中部|东部|东北|中西部|大陆)"
    r"(?:最低|最高|第一|首位|唯一|新高|前[二三四五六七八九十])|再创(?:历史)?新高|创历史新高"
    r"|(?:全国|国内|全省)率先"
    r"|全部(?:达到|完成|实现|挂牌|建成|投运|通过)|绿色等级|[一二两三四五六七八九十]连(?:优|冠|胜)|大满贯"
    # a standard met throughout or a plan over-fulfilled (水源水质全部达标, 堤防全线达标, 产量都超额完成
    # 了计划): checkable against the standard or the plan (session 23, dev sets 4 and 5); a call to
    # over-fulfil (争取超额完成, 必须超额完成) is an exhortation, not a result
    r"|(?:全部|全线|全面|均已?|都已?)达标"
    r"|(?<!争取)(?<!力争)(?<!必须)(?<!努力)(?<!保证)(?<!可以)(?<!要)(?<!能)超额完成"
    r"|(?:环比|同比)(?:下降|上升|增长|回落)"
    # an honour, a listing or an approval given by someone else (荆门高新区入选首批国家级零碳园区建设
    # 名单, 案卷被评为优秀等次, 仙女山获评…目的地, 合肥获批国家服务业扩大开放综合试点城市): checkable
    # against the list or decision that names it
    r"|(?:被评为|被评定为|被授予|获评|荣获|荣膺|入选|获批)[^，。；、：,;:！？!?]{0,24}"
    # an acceptance or certification passed (…先行启动区通过国家级验收, 重点实验室…通过了国家验收)
    r"|通过了?[^，。；、：,;:！？!?]{0,6}?(?:验收|认证)"
    # a pilot or reform run over a whole province, city or county at once (“新双高”试点整省开展,
    # …再延长三十年整省试点): the scope is the checkable fact
    r"|整(?:省|市|县)(?:区)?(?:试点|推进|开展|纳入|覆盖|实施)"
)

# A measured quantity reported moved, in words (离退休人员实际收入有所下降, 全年财政收支差额比计划有所
# 扩大, 人口出生率有所降低, 物价总水平有所上升): the guideline's checkable status, as checkable
# against the year's statistics as the figure it stands for. The subject must be a quantity
# (…率, 比重, 产量, 收入, 差额, 赤字, 总水平 …), not a quality (依法行政的水平有所提高, 经济效益有所
# 提高: results in general words); a forecast or an aim in the clause (将, 会, 要, 应当, 可能, 使,
# 继续, 逐年: 农民平均每人的纯收入将继续有所增长) makes it no status. Session 26, from development
# set 5 (two dimmed sentences); in the corpus 15 sentences, all the year's observed movements.
_MEASURED_CHANGE = re.compile(
    r"(?:率|比重|产量|消费量|指数|差额|赤字|债务|收入|工资|物价|价格|总水平|生活水平|消耗水平|余额|"
    r"人数|总量|增幅|涨幅|增速)(?:也|又|都|均|还|已经|已)?(?:比[^，。；：！？,;:\d]{1,6}?)?"
    r"有所(?:下降|上升|扩大|缩小|增加|减少|回落|回升|降低|提高|增长|放慢|加快)"
)
_NOT_OBSERVED = re.compile(r"将|会|要|应当?|可能|争取|力争|保证|使|继续|逐年|确保|努力")


def measured_changes(text: str) -> list[tuple[int, int]]:
    """(start, end) of each measured quantity reported moved in words (`_MEASURED_CHANGE`), from
    the start of its clause, unless the clause before it forecasts or aims (`_NOT_OBSERVED`)."""
    out = []
    for m in _MEASURED_CHANGE.finditer(text):
        clause = max((c.end() for c in _CLAUSE_END.finditer(text, 0, m.start())), default=0)
        if not _NOT_OBSERVED.search(text, clause, m.start()):
            out.append((clause, m.end()))
    return out


# A named reform or conversion reported done, or planned done this year: a clause that ends with
# its completion after the reform (省级政府机构改革基本完成, 公务员工资制度改革…顺利进行), or that
# opens with the completion and ends with the reform (今年要基本完成高等学校招生、缴费制度改革,
# 基本完成水泥、焦化行业超低排放改造). The guideline's checkable status and plan with an object:
# the reform is named by at least two words of what it changes, unlike 如期完成重点改革任务 or
# 保证改革的顺利进行 or 改造没有基本完成 (a condition or a negation, not a result).
_REFORM = re.compile(r"改(?:革|造)$")
_REFORM_DONE = re.compile(r"(?:已经?)?(?:基本完成|全面完成|顺利完成|如期完成|顺利进行)$")
_DONE_FIRST = re.compile(r"^(?:今年|明年|年内)?(?:要|将|力争)?(?:基本|全面|如期)完成了?")
_REFORM_GENERIC = frozenset("重点 领域 重点领域 各项 有关 相关 一些 全面 深化 各种 这次 此次 这项 整个".split())
_NOT_A_RESULT = re.compile(r"保证|促进|确保|能否|难以|以便|有利于|关键|阻碍|没有|尚未|未能|的顺利")


def completed_reforms(sw: SentenceWords) -> list[tuple[int, int]]:
    """(start, end) in `sw.text` of each clause that reports a named reform done or plans it
    done (see `_REFORM`): the whole clause."""
    out: list[tuple[int, int]] = []
    text = sw.text
    bounds = [0] + [m.end() for m in _CLAUSE_END.finditer(text)] + [len(text)]
    content = [
        (w, wa, wb) for w, (wa, wb), tag in zip(sw.words, sw.spans, sw.tags)
        if tag not in _STOP_TAGS and _CJK_ONLY.match(w)
    ]
    begins, finishes = [c[1] for c in content], [c[2] for c in content]
    # words are in text order (`spans_of`), so those inside a clause are one stretch
    in_order = all(x <= y for x, y in zip(begins, begins[1:])) and all(x <= y for x, y in zip(finishes, finishes[1:]))
    for a, b in zip(bounds, bounds[1:]):
        clause = text[a:b].rstrip("，；。：！？,;:!?")
        end = a + len(clause)
        if len(clause) < 6 or _NOT_A_RESULT.search(clause):
            continue
        if in_order:
            words = content[bisect_left(begins, a) : bisect_right(finishes, end)]
        else:
            words = [c for c in content if a <= c[1] and c[2] <= end]
        reforms = [i for i, (w, _, _) in enumerate(words) if _REFORM.search(w)]
        if not reforms:
            continue
        first = _DONE_FIRST.match(clause)
        if first and words[-1][2] == end and _REFORM.search(words[-1][0]):
            named = [w for w, wa, _ in words[:-1] if wa >= a + first.end() and w not in _REFORM_GENERIC]
        elif _REFORM_DONE.search(clause):
            i = reforms[0]
            named = [w for w, _, _ in words[:i] if w not in _REFORM_GENERIC]
        else:
            continue
        if len(named) >= 2:
            out.append((a, end))
    return out


def concrete_measures(sw: SentenceWords) -> list[tuple[int, int]]:
    """(start, end) in `sw.text` of each clause's concrete measure: from the measure verb to the
    instrument or event it acts on (减半征收小排量汽车购置税, 发行长期国债, 推行城乡居民大病保险,
    办好亚太经合组织领导人非正式会议). An event counts only with a proper name between the verb
    and it (召开会议 alone is any body's routine)."""
    out: list[tuple[int, int]] = []
    verb: int | None = None
    proper = False
    last_end = 0
    clause = 0  # start of the clause in sw.text
    named = 0  # words of a name seen in the clause so far (not stop words)
    about = 0  # such words since a verb that decides a document
    document_verb = build_verb = False
    for i, (w, (a, b), tag) in enumerate(zip(sw.words, sw.spans, sw.tags)):
        if _CLAUSE_END.search(sw.text[last_end:a]) or _CLAUSE_END.match(w):
            verb, proper, clause, named, document_verb, build_verb = None, False, a, 0, False, False  # a new clause
        last_end = b
        if _PROJECT.search(w) and named >= 2 and verb is None:
            j = i + 1
            while j < len(sw.words) and sw.words[j] in _BEFORE_COMPLETION:
                j += 1
            if j < len(sw.words) and sw.words[j] in COMPLETION_VERBS and not _CLAUSE_END.search(sw.text[b:sw.spans[j][0]]):
                out.append((clause, sw.spans[j][1]))
                continue
        content = bool(_CJK_ONLY.match(w)) and w not in _NAME_STOP and tag not in _STOP_TAGS
        if verb is None:
            if w in MEASURE_VERBS or w in DOCUMENT_VERBS or w in BUILD_VERBS:
                verb, about, document_verb, build_verb = a, 0, w in DOCUMENT_VERBS, w in BUILD_VERBS
            named += content
            continue
        if len(w) < 2:
            continue
        proper = proper or tag in PROPER_TAGS or (tag == "" and len(w) >= 2)
        document = (
            document_verb and _DOCUMENT.search(w) is not None and about >= 2
            and sw.words[i - 1] not in _GENERIC_BEFORE_DOCUMENT and w[:-2] not in _GENERIC_BEFORE_DOCUMENT
            and sw.words[i - 1] not in _JOINED_TO  # 规划和措施, 建议、意见: the name is another word's
            and not (i + 1 < len(sw.words) and sw.words[i + 1] == "建议")
        )
        if w in _NOT_A_NAME:
            build_verb = False  # 建成一批…国家重点工程: kinds of project, not one named
        project = build_verb and proper and about >= 2 and _PROJECT.search(w) is not None
        named += content
        about += content
        if _INSTRUMENT.search(w) or (proper and _EVENT.search(w)) or document or project:
            out.append((verb, b))
            verb, proper = None, False
    return out


# What a sentence's words alone decide, remembered by sentence (execution only: the same
# functions, called once per distinct sentence). Batch scores a sentence again for every body
# and year that says it (the score depends on the year's reference set and the body's own
# names); these parts depend on neither (a third of scoring; 4.4 scorings a distinct sentence
# on the synthetic corpus). Tuples, so that no caller can change what is remembered.
_SENTENCE_PARTS = 32768


@lru_cache(maxsize=_SENTENCE_PARTS)
def _quotes_of(text: str) -> tuple[tuple[int, int, str], ...]:
    return tuple(quote_spans(text))


@lru_cache(maxsize=_SENTENCE_PARTS)
def _things_of(sw: SentenceWords) -> tuple[tuple[int, int, str], ...]:
    return tuple(named_things(sw))


@lru_cache(maxsize=_SENTENCE_PARTS)
def _figures_of(text: str) -> tuple:
    return tuple(find_figures(text))


@lru_cache(maxsize=_SENTENCE_PARTS)
def _measures_of(sw: SentenceWords) -> tuple[tuple[int, int], ...]:
    return tuple(concrete_measures(sw))


@lru_cache(maxsize=_SENTENCE_PARTS)
def _reforms_of(sw: SentenceWords) -> tuple[tuple[int, int], ...]:
    return tuple(completed_reforms(sw))


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
    quotes = _quotes_of(text)
    quoted = SpanCover(len(text), [(s, e) for s, e, _ in quotes])
    formulas = SpanCover(len(text), formula_spans)
    out: list[SpecificToken] = []
    taken = SpanCover(len(text))

    def add(kind: str, start: int, end: int) -> None:
        out.append(SpecificToken(kind, text[start:end], start, end, WEIGHTS[kind]))
        taken.add(start, end)

    for m in _DOC_NUMBER.finditer(text) if "号" in text else ():  # both its forms end in 号
        add("document-number", m.start(), m.end())

    # named things are never swallowed by a formula: a formula's wildcard may run over them
    if names is not None:
        for start, end, kind in _things_of(sw):
            thing = text[start:end]
            if taken.overlaps(start, end) or quoted.overlaps(start, end):
                continue
            if names.is_common_thing(thing) or any(thing in o or thing[:-2] in o for o in own if len(thing) > 2):
                continue  # anybody's (特色小镇), or the body itself (黄梅街道 in 句容经济开发区（黄梅街道）)
            add(kind, start, end)

    for m in _TITLE.finditer(text):
        if formulas.overlaps(m.start(), m.end()):
            continue
        add(_title_kind(m.group(1), text[max(0, m.start() - 14) : m.start()]), m.start(), m.end())

    for fig in _figures_of(text):
        if taken.overlaps(fig.start, fig.end) or quoted.overlaps(fig.start, fig.end):
            continue
        if formulas.overlaps(fig.start, fig.end):
            continue
        kind, end = _figure_kind(fig.text, fig.base_unit or fig.unit, fig.is_date, text, fig.start, fig.end)
        if kind:
            add(kind, fig.start, end)

    for pattern, kind in ((_FIRST, "first"), (_ORDINAL_EVENT, "count"), (_WORD_QUANTITY, "figure"),
                          (_FROM_THIS_YEAR, "date"), (_DEADLINE_WORDS, "date")):
        for m in pattern.finditer(text):
            spans = (taken, quoted, formulas)
            if not any(sp.overlaps(m.start(), m.end()) for sp in spans):
                add(kind, m.start(), m.end())

    for start, end, inner in quotes:
        if names is None or formulas.overlaps(start, end) or taken.overlaps(start, end):
            continue
        if (_is_quoted_name(inner.strip(), text[end : end + 14], names) or _is_place_brand(sw, start, end, names, own)
                or _is_province_brand(inner.strip(), names)):
            add("quoted-name", start, end)

    _find_names(sw, out, taken, quoted, formulas, names, own)

    if names is not None:
        for m in _STATUS.finditer(text):
            if not formulas.overlaps(m.start(), m.end()) and not taken.overlaps(m.start(), m.end()):
                add("status", m.start(), m.end())
        for start, end in measured_changes(text):
            if not formulas.overlaps(start, end) and not taken.overlaps(start, end):
                add("status", start, end)
        for start, end in _reforms_of(sw):
            if not formulas.overlaps(start, end) and not taken.overlaps(start, end):
                add("status", start, end)
        for start, end in _measures_of(sw):
            if not formulas.overlaps(end - 1, end) and not quoted.overlaps(end - 1, end):
                add("measure", start, end)  # the instrument is in no formula and no quoted slogan
    out.sort(key=lambda t: t.start)
    return out


def _title_kind(title: str, before: str) -> str:
    if _NATIONAL_TITLE.match(title) or _NATIONAL_ISSUER.search(before):
        return "national-title"
    if title.endswith("法") and len(title) <= 10 and not _LOCAL_MARK.search(title):
        return "national-title"
    if _LOCAL_MARK.search(_YEARS_IN_TITLE.sub("", title)):
        return "local-title"
    return "title"


def _is_place_brand(sw: SentenceWords, start: int, end: int, names: NameStatistics, own: Sequence[str]) -> bool:
    """A quoted term that opens with a place other than the body's own names something of that
    place (“长汀经验”, “漳州110”, “拉萨不夜城”), unless many reports quote it; “浙江制造” in
    Zhejiang's report is its slogan."""
    inner = sw.text[start + 1 : end - 1].strip()
    if len(inner) < 3 or names.is_common_quote(inner) or any(c in inner for c in "、，,：") or inner[0] in _NUMERALS:
        return False
    for w, (a, b), tag in zip(sw.words, sw.spans, sw.tags):
        if a >= start + 1:
            return (
                a == start + 1 and b < end - 1 and tag in PLACE_TAGS and len(w) >= 2
                and not names.is_common_name(w) and not any(o in w or w in o for o in own)
            )
    return False


# A quoted brand opening with a province's one-character name (“粤政易”, “湘易办”, “渝超联赛”,
# “苏品苏货”) or aiding one (“数据援青”) names that province's own initiative. A full name (浙江,
# 苏州) is `_is_place_brand`'s to read; a province's product label (“桂字号”, like “浙江制造”) is
# its slogan. Measured on development sets 1–5 (session 25): +2 (粤政易, 数据援青), −0 with the
# label excluded (−1 without: 桂字号); a quoted code of digits (“1+9”, “2440”) was +1 −2, not kept.
_PROVINCE_ONE = "沪渝冀豫皖湘鄂赣闽黔滇陇琼陕浙鲁辽津粤苏桂川"
_PROVINCE_BRAND = re.compile(rf"^[{_PROVINCE_ONE}](?![江州宁林肃海南北])|援[{_PROVINCE_ONE}青藏疆]")
_PRODUCT_LABEL = re.compile(r"(?:字号|制造)$")


def _is_province_brand(term: str, names: NameStatistics) -> bool:
    """A rare quoted brand of a province (above); a term many reports quote is anybody's, and
    a list (“川渝、鄂湘”) is a slogan."""
    if len(term) < 2 or len(term) > 8 or names.is_common_quote(term) or any(c in term for c in "、，,："):
        return False
    return bool(_PROVINCE_BRAND.search(term)) and not _PRODUCT_LABEL.search(term)


def _is_quoted_name(term: str, after: str, names: NameStatistics) -> bool:
    """A quoted term names a local initiative when it is rare and names a thing, not a slogan."""
    if len(term) < 2 or _NATIONAL_DAY.match(term) or names.is_common_quote(term):
        return False
    if "、" in term or "，" in term or _SLOGAN_NUMBER.search(term):
        return False  # slogan lists (零上门、零审批 …) and numbered formulas (五个一)
    return bool(_NAMED_THING.match(after) or _NAMED_INNER.search(term))


# what follows a year and makes it a deadline: 2026年上半年, 2024年底前, 2025年第三季度, 2027年前
_YEAR_DEADLINE = re.compile(r"(?:[上下]半年|第?[一二三四]季度|年?[底末])(?:之?前|以前)?|之?前|以前")


def _figure_kind(
    text: str, unit: str, is_date: bool, sentence: str, start: int, end: int
) -> tuple[str, int]:
    """(kind, end) of a figure, kind "" when the figure is no evidence."""
    after = sentence[end : end + 4]
    if is_date:
        if "月" in text or "日" in text:
            return "date", end
        deadline = _YEAR_DEADLINE.match(sentence, end)
        if deadline:  # 2026年上半年完成编制, 2024年底前实现: a deadline the report sets itself
            return "date", deadline.end()
        return "", end  # a bare year is no event
    if _ORDINAL_BEFORE.search(sentence[max(0, start - 6) : start]):
        return "", end  # 第十四次代表大会: the 四次 of an ordinal
    if not unit:
        if _LAWS_COUNTED.match(after):  # 审议地方性法规草案8部: a count of laws or regulations
            return "count", end + 1
        if _KINDS_COUNTED.match(after) and not _LATIN_BEFORE.search(sentence, 0, start):
            return "count", end + 1
        tail = _COUNT_TAIL.match(after)
        if tail:  # 200余条, 10多个: find_figures stops at 余/多
            return "figure", end + tail.end()
        return "", end  # 12345, 5G, 2号线: numbers without a unit are labels, not counts
    if text[:1] in "零〇一二两三四五六七八九十百千万亿" and not text.startswith(("百分之", "千分之")):
        numeral = text[: len(text) - len(unit)]
        if numeral == "一" or unit == "年" or _SESSION_AFTER.match(after) or "届" in sentence[max(0, start - 3) : start]:
            return "", end  # 一次性, 一批; 过去五年; 人大三次会议, 市委八次全会: not counts
        if _RHETORICAL_NUMBER.match(text) or (unit in ("个", "项", "大", "条") and _LIST_LABEL.match(sentence[end:end + 5])):
            return "", end
        return "count", end
    if (unit == "年" and after.startswith(("来", "代"))) or (unit == "周" and after.startswith("年")):
        return "", end  # 60年来, 75周年: an anniversary; ９０年代: a decade; not a measure
    if unit in ("%", "％", "‰") or "百分点" in unit:
        return "percent", end
    if "元" in unit:
        return "money", end
    return "figure", end


def _find_names(
    sw: SentenceWords,
    out: list[SpecificToken],
    taken: SpanCover,
    quoted: SpanCover,
    formulas: SpanCover,
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
        blocked = taken.overlaps(start, end) or quoted.overlaps(start, end) or formulas.overlaps(start, end)
        if blocked:
            i += 1
            continue
        common = names.is_common_name(word) if names is not None else False
        # a fragment of a longer term jieba split (渗 | 滤液 项目) names nothing
        fragment = i > 0 and len(sw.words[i - 1]) == 1 and sw.spans[i - 1][1] == start and bool(
            _CJK_ONLY.match(sw.words[i - 1])) and sw.words[i - 1] not in _JOINING
        head = _named_head(sw, i) if (tag in PLACE_TAGS or not common) and not fragment else None
        if mine and (head is None or head == i + 1):
            i += 1  # the body's own place alone, or its own bureau (吴中 区), is no evidence;
            continue  # a named facility of its own place is (贵州 航空 产业城)
        if head is not None and head > i + 1 and word in _NAME_STOP:
            head = None  # 城市 管理 进社区: a common word jieba tags as a place begins no longer name
        if head is not None:
            # a name and what it names: 太湖 服务区, 金庭 水利站, 川藏 铁路, 乐高 乐园, with up
            # to two words of what it is between (燕赵 系列 实验室, 贵州 航空 产业城, 海南 清洁
            # 能源 基地)
            e2 = sw.spans[head][1]
            start = _listed_before(sw, i, taken, quoted, formulas)
            if not taken.overlaps(end, e2):
                out.append(SpecificToken("organisation", sw.text[start:e2], start, e2, WEIGHTS["organisation"]))
                taken.add(start, e2)
                i = head + 1
                continue
        place = tag in PLACE_TAGS or (tag == "" and len(word) >= 3 and bool(_PLACE_SUFFIX.search(word)))
        if place and not common and not fragment:  # 以 | 德治国: no place
            out.append(SpecificToken("name", word, start, end, WEIGHTS["name"]))
            taken.add(start, end)
        i += 1


# Words that may stand between a name and what it names (燕赵 系列 实验室, 海南 清洁 能源 基地):
# nouns, adjectives (清洁), unknown words, abbreviations; not verbs, which make it a clause
# (苏州 推进 …中心). Adjectives measured on development sets 1–5 (session 25): +1, −0.
_NAME_INNER_TAGS = frozenset({"n", "nz", "vn", "nt", "ns", "nr", "j", "l", "b", "q", "a", ""})
NAME_INNER_WORDS = 3
_RANK_WORDS = frozenset("重要 最大 主要 重大 最佳 优秀 良好 知名 著名".split())


def _listed_before(sw: SentenceWords, i: int, taken: SpanCover, quoted: SpanCover, formulas: SpanCover) -> int:
    """Where the names listed before the name at `i` start, when one head names them all
    (格尔木东、海南清洁能源基地: two bases): up to three proper or unknown words joined without
    punctuation, right before a 、 before the name, in no other evidence; else the name's own
    start (offsets in the simplified sentence)."""
    start = sw.spans[i][0]
    if i == 0 or start == 0 or sw.text[start - 1] != "、":
        return start
    j, first = i - 1, start
    while j >= 0 and i - j <= 3 and sw.spans[j][1] == (start - 1 if j == i - 1 else sw.spans[j + 1][0]):
        if not (sw.tags[j] in PROPER_TAGS or sw.tags[j] == "") or not _CJK_ONLY.match(sw.words[j]):
            break
        first = sw.spans[j][0]
        j -= 1
    if first == start or any(c.overlaps(first, start - 1) for c in (taken, quoted, formulas)):
        return start
    opens = first == 0 or not _CJK_ONLY.match(sw.text[first - 1]) or (
        sw.words[j] in _JOINING or sw.tags[j] in ("v", "vn", "p", "c"))  # 推进 | 格尔木 东、
    if not opens:
        return start  # the run is the tail of a longer word jieba split
    return first


def _named_head(sw: SentenceWords, i: int) -> int | None:
    """The index of the word that says what the proper name at `i` names (太湖 服务区, 燕赵
    系列 实验室), at most `NAME_INNER_WORDS` words after it, all joined without punctuation;
    None when there is none."""
    words, spans, tags = sw.words, sw.spans, sw.tags
    for j in range(i + 1, min(i + 2 + NAME_INNER_WORDS, len(words))):
        if spans[j][0] != spans[j - 1][1] or not _CJK_ONLY.match(words[j]):
            return None
        suffix = _ORG_SUFFIX.search(words[j])
        if suffix and (j == i + 1 or len(suffix.group()) >= 2 or words[j] == suffix.group()):
            return j  # further on, a word that only ends in 局 or 所 names nothing (网点 布局)
        # a head jieba cut in two (国家 公园, 产业 城, 都市 圈)
        if j + 1 < len(words) and spans[j + 1][0] == spans[j][1]:
            pair = words[j] + words[j + 1]
            if pair == "国家公园" or (len(words[j + 1]) == 1 and _ORG_SUFFIX.search(pair)):
                return j + 1
        if words[j] in _NAME_STOP or tags[j] not in _NAME_INNER_TAGS:
            return None
        if tags[j] == "a" and (len(words[j]) < 2 or words[j] in _RANK_WORDS):
            return None  # 西南 重要 国际物流枢纽, 亚洲 最大 …机场: a rank claimed, no name
    return None


# A named system, mechanism, list, reform, pilot or campaign a report brings in (the issue's
# "programme ... the previous year did not have"): a head word of policy instruments
# (`SYSTEM_HEADS`) after a modifier of one to `SYSTEM_MODIFIER_WORDS` words joined without
# punctuation (quotes may sit inside: 行政执法“首违不罚”清单制度), at least `SYSTEM_MIN_CHARS`
# characters with the head, of which one word is rare in the reference reports (not one of the
# year's common content words) or quoted — 行政 裁量权 基准 制度, not 考核 评价 机制 or 长效 机制 —
# in a clause whose verb brings it in (`SYSTEM_VERBS`: 建立, 推行, 实行, 实施, 开展 …), not one of
# effort on what exists (`EFFORT_VERBS`: 推进, 深化, 健全, 完善, 理顺 — 推进职工医疗保障制度改革
# in a list of tasks is the year's wording). Looked for only against last year's report
# (`model.what_is_new`). Development sets 2–5 with last year's report (session 25): +2 −0
# (银行帐户制度, 会计委派制度); without the verb test +3 −5. 抓好 takes a system in hand like
# 开展 (要抓好小城镇户籍管理制度改革的试点: session 26, development set 2 +1 −0; in the State
# Council reports against their year before it adds 2 sentences, a reform's pilots new that
# year each). The verbs that decide a document (`DOCUMENT_VERBS`: 出台, 制定, 提出) were tried
# too: 0 on the development sets, and 2 of their 3 further corpus hits wrong (提出…候选人名单,
# 抓紧制定经济体制改革…), so they are not added. Named programmes with their own words
# (…专项行动, …工程, …试点) are `named_things`' and are not counted twice.
SYSTEM_HEADS = frozenset("制度 机制 清单 名单 改革 试点 行动 体系 模式".split())
SYSTEM_MODIFIER_WORDS = 5
SYSTEM_MIN_CHARS = 5
SYSTEM_VERBS = MEASURE_VERBS | frozenset("开展 启动 引入 引进 探索 开始 抓好".split())
EFFORT_VERBS = frozenset(
    "推进 深化 加强 完善 健全 理顺 改进 强化 规范 改善 优化 构建 巩固 加大 坚持 发展 促进 保障 提高 增强 "
    "落实 做好 抓好 搞好 加快 推动 继续 稳步 逐步 积极 着力 深入 持续 进一步 发挥 用好 坚决".split()
) - SYSTEM_VERBS
_SYSTEM_MODIFIER_TAGS = frozenset({"n", "nz", "vn", "nt", "ns", "nr", "nrt", "j", "l", "b", "a", "v", ""})
# Where a modifier stops, going back from the head: a verb (推行, 建立, 深化, and 全面推行, one
# jieba word) or a word of `_NAME_STOP` that is not a noun; the generic nouns there (行政, 专项,
# 重点) may be part of a system's name (a rare word is asked for anyway).
_MODIFIER_STOP = MEASURE_VERBS | DOCUMENT_VERBS | BUILD_VERBS | SYSTEM_VERBS | EFFORT_VERBS
_NOUN_TAGS = frozenset({"n", "nz", "ns", "nt", "j", "b"})
_LEADING_NOT_NAME = frozenset({"ad", "d", "vd"})  # an adverb is no part of a name
_DEICTIC = re.compile(r"^[这那该此各每本其两一二三四五六七八九十几]")  # 这两项 改革 names nothing
_QUOTES_ONLY = re.compile(r"^[“”\"‘’「」『』]*$")
_OPENING_QUOTES = "“\"‘「『"


def named_systems(sw: SentenceWords, common_words: frozenset[str]) -> list[tuple[int, int, int]]:
    """(start, end, name_start) in `sw.text` of each named system a sentence brings in (above):
    `start` where its modifier begins, `name_start` at its first rare or quoted word (what last
    year's report is searched for: 裁量权基准制度 of 行政裁量权基准制度). `common_words` are the
    content words many reference reports use (`BoilerplateModel.common_terms("words", year)`)."""
    words, spans, tags, text = sw.words, sw.spans, sw.tags, sw.text
    quoted = SpanCover(len(text), [(s, e) for s, e, _ in _quotes_of(text)])
    out: list[tuple[int, int, int]] = []
    for i, word in enumerate(words):
        if word not in SYSTEM_HEADS or (i + 1 < len(words) and words[i + 1] in SYSTEM_HEADS
                                        and spans[i + 1][0] == spans[i][1]):
            continue  # 清单 制度: the name ends at the last head
        j = i - 1
        while j >= 0 and i - j <= SYSTEM_MODIFIER_WORDS and _modifies(sw, j):
            j -= 1
        first = j + 1
        while first < i and tags[first] in _LEADING_NOT_NAME:
            first += 1
        rare = next((k for k in range(first, i) if quoted.overlaps(*spans[k]) or (
            is_content_word(words[k], tags[k]) and words[k] not in common_words)), None)
        if rare is None or spans[i][1] - spans[first][0] < SYSTEM_MIN_CHARS or not _introduced(sw, first):
            continue
        start, name_start = spans[first][0], spans[rare][0]
        if start > 0 and text[start - 1] in _OPENING_QUOTES:
            start -= 1  # the quote opens the name: “证照分离”改革试点
        if name_start > 0 and text[name_start - 1] in _OPENING_QUOTES:
            name_start -= 1
        out.append((start, spans[i][1], name_start))
    return out


def _modifies(sw: SentenceWords, j: int) -> bool:
    """Whether word `j` may be part of the modifier of a system named after it: joined to the
    next word without punctuation (quotes aside), nominal or verbal, no verb that decides or
    does, no deictic or count."""
    w, tag = sw.words[j], sw.tags[j]
    if not _QUOTES_ONLY.match(sw.text[sw.spans[j][1] : sw.spans[j + 1][0]]) or not _CJK_ONLY.match(w):
        return False
    if tag not in _SYSTEM_MODIFIER_TAGS or _DEICTIC.match(w) or _ITEM.match(w):
        return False
    return not _verb_of(w, _MODIFIER_STOP) and not (w in _NAME_STOP and tag not in _NOUN_TAGS)


def _verb_of(word: str, verbs: frozenset[str]) -> bool:
    """`word` is one of `verbs`, or ends with one after an adverb jieba joined to it (全面推行)."""
    return word in verbs or (len(word) > 2 and word[-2:] in verbs)


def _introduced(sw: SentenceWords, first: int) -> bool:
    """Whether the nearest verb before word `first` in its clause, across a list joined by 、
    和 及 (推行政府采购制度、会计委派制度), brings a system in (`SYSTEM_VERBS`) rather than
    being one of effort (`EFFORT_VERBS`); no such verb: False."""
    words, spans, text = sw.words, sw.spans, sw.text
    k = first - 1
    while k >= 0 and not _CLAUSE_END.search(text[spans[k][1] : spans[k + 1][0]]):
        if _verb_of(words[k], SYSTEM_VERBS):
            return True
        if _verb_of(words[k], EFFORT_VERBS):
            return False
        k -= 1
    return False
