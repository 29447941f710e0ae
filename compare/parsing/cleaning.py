"""Raw report text → cleaned text, by deletion only.

Cleaning never rewrites a character: it only leaves things out (page chrome, metadata blocks,
footers, the title and signature block, inline pinyin debris, control characters, indents and
blank lines). So the cleaned text is a concatenation of slices of the raw text, and every
cleaned offset maps back to the raw character it came from.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field
from typing import Sequence
from functools import cached_property

from compare.parsing.document import Removal, RemovalKind
from compare.parsing.normalise import to_simplified
from compare.parsing.structure import match_numbering
from compare.text.terminal import SEQUENCE, inert
from compare.text.patterns import lazy_compile

# -- what lines are -----------------------------------------------------------------------------

_WS = " \t\u3000\xa0\u2002\u2003\u2009\u200a\u202f\u205f\ufeff\u200b\u200c\u200d\u2060"
_CONTROL = re.compile(
    SEQUENCE + "|[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff"
    "\ue000-\uf8ff\ufff9-\ufffb]"
)
_CJK = lazy_compile(r"[\u3400-\u9fff]")
_SENTENCE_PUNCT = re.compile(r"[，。；！？、：,;!?:]")

_NAV = re.compile(
    r"^(无障碍|無障礙|长者助手|長者助手|我的收藏|收藏|下载|下載|打印|全屏|分享|分享到.*|"
    r"【.*|】|[|│>＞×]+|大|中|小|加大|还原|減小|减小|还原|首页|首頁|您的位置.*|当前位置.*|"
    r"政府信息公开.*|规章库|信息公开|.*点击.*|扫一扫.*|关闭窗口|打印本页|字号.*|字体.*|"
    r"(微信|微博|QQ空间|QQ好友|朋友圈|今日头条)([\s、/|]*(微信|微博|QQ空间|QQ好友|朋友圈|今日头条))*)$"
)
# A breadcrumb (当前位置：首页 > 政府信息公开 > 法治政府建设; 首页 ＞ 政务公开 ＞ …) and the items of
# a site menu (首页 政务公开 政务服务 互动交流), as a page's header often sets them on one line
_CRUMB_MARK = re.compile(r"(?:当前位置|當前位置|您的位置|您现在的位置|您當前的位置|您当前的位置|当前的位置|所在位置)\s*[:：]?")
_CRUMB_HOME = re.compile(r"(?:网站首页|首页|首頁)\s*[>＞»›]")
_CRUMB_STEP = re.compile(r"\s*[>＞»›]\s*")
_MENU_SPLIT = re.compile(r"[\s|｜│·]+")
_PROSE_MARK = re.compile(r"[，。；！？、,;!?]")
_MENU_ITEM_MAX = 8  # characters: a menu item (政务公开, 互动交流, 12345热线) is a word or two
_CRUMB_STEP_MAX = 60  # characters: the last step of a breadcrumb may be a report's title
_CHROME_WORD = re.compile(r"^(?:首页|首頁|网站首页|打印|打印本页|关闭|关闭窗口|收藏|分享|无障碍|無障礙|长者助手|"
                          r"English|繁體|繁体|简体|登录|注册|搜索|【\s*(?:打印|关闭|收藏)\s*】)$")
_META = re.compile(
    r"^(索引号|索 引 号|发布机构|發布機構|成文日期|发布日期|發布日期|发表时间|发文日期|名称|名稱|"
    r"发布时间|发文时间|成文时间|更新时间|更新日期|信息时间|日期|"
    r"文号|文號|分类|分類|主题词|主題詞|主题分类|来源|來源|时间|時間|浏览次数|瀏覽次數|阅读量|"
    r"阅读次数|访问量|点击数|作者|编辑|責任編輯|责任编辑|信息来源|有效性)\s*[:：]"
)
_META_BARE = re.compile(r"^(来源|來源|时间|時間|发表时间|发布时间|发布日期|阅读量|浏览次数|编辑|责任编辑)[:：]?$")
_DATETIME = re.compile(
    r"^\d{4}[-/.年]\s*\d{1,2}[-/.月]\s*\d{1,2}日?(\s*\d{1,2}[:时]\d{1,2}(分|:\d{2})?)?$"
)
_REPORTER = re.compile(r"(记者|通讯员|编辑)\s*\S{1,8}\s*$")
# photo captions of news pages: "省长某某作政府工作报告。本报记者 某某 摄"
_CAPTION = re.compile(r"(记者.{0,16}摄\s*$|摄影[:：]|作政府工作报告。?\s*$|作政府工作报告。.{0,30}$)")
_SUBTITLE = re.compile(r"^[—－―\-─（(\s]*.{0,12}年.{1,12}在.{2,40}(会议|大会)(上)?[)）]?\s*\S?$")
_SPEAKER = re.compile(
    r"^.{0,20}(省长|市长|区长|县长|主席|总理|總理|主任|书记)\s*\S{1,2}\s?\S{0,8}$"
)
_TITLE_WORDS = re.compile(r"(报告|報告|汇报|匯報|总结|總結|工作要点|情况|情況|施政计划|施政计画|施政計畫|预算案)")
_SALUTATION = re.compile(r"^(各位代表|同志们|同志們|各位委员)[：:！!，,]")

_FOOTER = re.compile(
    r"^(主办单位|主辦單位|承办单位|承辦單位|协办单位|网站标识码|網站標識碼|.*ICP备|.*备案号|"
    r"備案|备案|公安部备案|技术支持|技術支持|版权所有|版權所有|Copyright|©|联系我们|网站地图|"
    r"相关报道|相關報道|相关文档|相关附件|相关链接|相关稿件|责任编辑|責任編輯|编辑[:：]|"
    r"扫一扫在手机打开当前页|打印本页|关闭窗口|【\s*打印|》》点击|[（(]来源[:：].*[)）]$)"
)

# Site and licence notices of the common sources, wherever they stand on a line: Wikisource's
# licence templates (本作品是中华人民共和国的法律、法规…属于公有领域; 本作品在全世界都属于公有领域),
# its page furniture (取自“https://…”, 本页面最后修订于, 分类：), and government sites' 政府网站
# 标识码, ICP/公网安备 numbers, 网站地图, 版权所有. Such a line is never report text.
_SITE_NOTICE = re.compile(
    r"本作品.{0,120}(?:公有领域|公有領域|著作权法|著作權法|知识共享|知識共享)|Public domain|"
    r"^取自[“\"「]?https?://|^本页面最后(?:修订|编辑|修訂|編輯)于|^(?:页面)?分类[:：]|"
    r"(?:政府网站标识码|網站標識碼|网站标识码)\s*[:：]?\s*[0-9A-Za-z]{6,}|"
    r"(?:ICP|icp)\s*备\s*\d|公网安备\s*\d|網安備\s*\d|"
    r"^(?:[|｜│\s]*(?:网站地图|網站地圖|联系我们|聯繫我們|版权所有|版權所有|隐私政策|免责声明|关于我们|使用帮助)[|｜│\s:：]*)+$|"
    r"(?:版权所有|版權所有)\s*[:：©(（]"
)
_NOTICE_MAX = 300  # characters: a longer line is text that quotes such words

# -- signature block ----------------------------------------------------------------------------

_CN_NUM = "〇○零一二三四五六七八九十"
_DATE_LINE = re.compile(
    rf"^(\d{{4}}|[{_CN_NUM}]{{4}})\s*年\s*(\d{{1,2}}|[{_CN_NUM}]{{1,3}})\s*月"
    rf"\s*(\d{{1,2}}|[{_CN_NUM}]{{1,3}})\s*日$"
)
_PUBLIC_NOTE = re.compile(r"^[（(]此件.{0,12}[)）]$")
_ISSUED_LINE = re.compile(r"印发$|印發$")
_ORG_LINE = lazy_compile(
    r"^[\u3400-\u9fff（）()·]{2,40}(局|委员会|委員會|办事处|辦事處|政府|街道|中心|办公室|辦公室|管委会|"
    r"管委會|委|厅|廳|部|署|院|会|會|所|站|队|隊|处|處|党组|黨組|镇|鎮|乡|鄉)$"
)

# -- inline pinyin ------------------------------------------------------------------------------

_TONED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜńňǹḿ"
_PINYIN = lazy_compile(
    rf"(?<=[\u3400-\u9fff])[(（]([a-zü{_TONED}]{{1,7}})[)）]",
)
# the same debris garbled further by a lossy conversion: "秩序?qū)m?xiàng)整治"
_TONED_ANY = lazy_compile(f"[{_TONED}]")  # no pinyin debris is cut from a text without these
_GARBLED_PINYIN = lazy_compile(rf"(?<=[\u3400-\u9fff])[?？](?:[a-zü{_TONED}?？]|\)(?=[a-zü{_TONED}?？]))+\)")


@dataclass
class Cleaned:
    text: str
    runs: list[tuple[int, int]]  # (text offset, raw offset) where a kept slice starts
    removed: list[Removal] = field(default_factory=list)
    title: str = ""
    subtitle: str = ""
    metadata: dict[str, str] = field(default_factory=dict)  # key → value from metadata lines
    signature: list[str] = field(default_factory=list)  # signature lines, in order
    warnings: list[str] = field(default_factory=list)  # passes that were undone, and why


@dataclass
class _Line:
    start: int  # raw offset of the first character
    end: int  # raw offset after the last character (newline excluded)
    newline: int  # raw offset of the newline character after it, or -1
    text: str

    @cached_property
    def stripped(self) -> str:
        return _CONTROL.sub("", self.text).strip(_WS)

    @cached_property
    def key(self) -> str:
        """The stripped line in simplified script: what the patterns below are written for.

        Only the head of a long line is converted: the patterns look at how lines begin.
        """
        s = self.stripped
        return to_simplified(s) if len(s) <= 120 else to_simplified(s[:120]) + s[120:]


def _split_lines(raw: str) -> list[_Line]:
    lines = []
    for m in re.finditer(r"([^\r\n\u2028\u2029]*)(\r\n|\r|\n|\u2028|\u2029|$)", raw):
        if m.start() == len(raw) and not m.group(1):
            break
        nl = m.start(2) if m.group(2) else -1
        if m.group(2) == "\r\n":
            nl = m.start(2) + 1
        lines.append(_Line(m.start(1), m.end(1), nl, m.group(1)))
    return lines


def _fill_keys(lines: list[_Line], controls: bool) -> None:
    """Every line's `stripped` and `key` at once, as the properties give them one by one.

    Without control characters in the text (`controls` False) no line has one, so stripping
    is `str.strip`. The heads of all lines go through OpenCC in one call, joined by line
    breaks: no OpenCC dictionary entry holds a line break, so no phrase spans two lines and
    the conversion is the lines' conversions joined (a call per line was 2 ms a report).
    """
    if not controls:
        for line in lines:
            line.__dict__["stripped"] = line.text.strip(_WS)
    heads = [line.stripped[:120] for line in lines]
    keys = to_simplified("\n".join(heads)).split("\n")
    if len(keys) != len(lines):
        return  # a conversion wrote a line break: the properties convert line by line
    for line, head, key in zip(lines, heads, keys):
        line.__dict__["key"] = key + line.stripped[120:]


def is_chrome_combination(s: str) -> bool:
    """Whether a line is several parts of a page's header or toolbar set on one line: menu items,
    a breadcrumb (当前位置：/您的位置： or 首页 > … with > ＞ » separators), 首页, 打印, 关闭
    (`首页 政务公开 政务服务 互动交流 当前位置：首页 > 政府信息公开 > 法治政府建设`). Each part on its
    own line is chrome already (`_NAV`); together their colon made the line read as prose and
    the report's body start at it (user test s25: title, agency and year lost).

    A line with a breadcrumb is chrome when every step of the path is free of sentence
    punctuation (and at most 60 characters: the last step may be the report's title) and
    whatever stands before it is menu items (words of at most 8 characters without
    punctuation) or toolbar words. A line without a breadcrumb is chrome only when it is two
    or more such items of which one is a toolbar word (首页, 打印, 关闭 …)."""
    s = s.strip()
    crumb = _CRUMB_MARK.search(s)
    start = crumb.start() if crumb else -1
    path_from = crumb.end() if crumb else 0
    if crumb is None and (home := _CRUMB_HOME.search(s)) is not None:
        start = path_from = home.start()
    if start >= 0:
        steps = [step for step in _CRUMB_STEP.split(s[path_from:].strip()) if step]
        if not steps or any(len(step) > _CRUMB_STEP_MAX or _PROSE_MARK.search(step) for step in steps):
            return False
        if len(steps) == 1 and crumb is None:
            return False
        head = s[:start]
    else:
        head = s
    items = [item for item in _MENU_SPLIT.split(head) if item]
    if any(len(item) > _MENU_ITEM_MAX or _PROSE_MARK.search(item) or item[-1] in ":：" for item in items):
        return False
    if start >= 0:
        return True
    return len(items) >= 2 and any(_CHROME_WORD.match(item) for item in items)


def _is_prose(s: str) -> bool:
    return len(_CJK.findall(s)) >= 8 and bool(_SENTENCE_PUNCT.search(s))


def _is_heading_like(s: str) -> bool:
    return match_numbering(s) is not None


# a sentence of a report (eight characters of text, then its end) or a heading numbered 一、 or
# （一） inside a line: what no page chrome holds (`当前位置：首页>…>法治政府建设青禾区人民政府关于…
# 的报告一、…（一）…。`, a crawled page run together without spaces: user test s26 item 4)
_REPORT_TEXT = lazy_compile(
    r"[\u3400-\u9fff][^。！？]{7,}?[。！？]|(?:^|[\s。！？：:])[一二三四五六七八九十]{1,3}、(?![一二三四五六七八九十]、)"
    r"|[（(][一二三四五六七八九十]{1,3}[)）][\u3400-\u9fff]"
)


def _holds_report_text(s: str) -> bool:
    """Whether a line holds a sentence of a report or a numbered heading (`_REPORT_TEXT`)."""
    return _REPORT_TEXT.search(s) is not None


def _top_kind(s: str) -> RemovalKind | None:
    """What a line above the body is, or None when it is body text."""
    if not s:
        return "blank"
    if _META.match(s) or _META_BARE.match(s) or _DATETIME.match(s):
        return "metadata"
    if (_NAV.match(s) and not _holds_report_text(s)) or is_chrome_combination(s):
        return "chrome"
    if _SALUTATION.match(s) or _is_heading_like(s):
        return None
    if _CAPTION.search(s) and len(s) < 160:
        return "caption"
    if _SUBTITLE.match(s) and len(s) < 70:
        return "title"
    if _REPORTER.search(s) and len(s) < 40:
        return "metadata"
    if _TITLE_WORDS.search(s) and len(s) <= 80 and not re.search(r"[，。；：！？,;:!?]", s):
        return "title"
    if _SPEAKER.match(s):
        return "metadata"
    if _is_prose(s) or (s[-1] in "。！？" and len(_CJK.findall(s)) >= 4):
        return None
    return "chrome"


# what sites put between a document's name and their own in a page's <title>, and what a
# PDF printer puts between its program's name and the file's (Microsoft Word - 报告.docx)
_TITLE_SEPARATOR = re.compile(r"\s+[-–—|｜]\s+|\s*[_｜|]\s*|\s*——\s*")
# a file's name given as its title: the extension is no part of the title
_FILE_EXTENSION = re.compile(r"\.(?:docx?|wps|pdf|txt|html?|rtf|ofd)$", re.IGNORECASE)


def title_from_name(named: str) -> str:
    """The report's title in a title the file gives apart from its text, "" when it names none.

    `named` is an HTML page's `<title>`, a .docx's Title-style paragraph or core properties
    title, or a PDF's document information Title. Sites set `<title>` as the document's name
    and their own, in either order, joined by ` - `, `_`, `|`, `｜` or `——`
    (`某某省人民政府2022年法治政府建设情况报告_某某省人民政府门户网站`), and PDF printers as their
    program's name and the file's (`Microsoft Word - 某某县2022年工作总结.docx`): the first part
    that, without a file extension, reads as a title line of a page does (names a report: 报告,
    情况, 总结 …; at most 80 characters; no sentence punctuation) is the title; a site's or a
    program's name, or a template's (文档1, 标题), alone is none. Used when cleaning finds no title
    line in the report's text (user test s25b item 10; session 26 for .docx and PDF)."""
    for part in _TITLE_SEPARATOR.split(named.strip()):
        part = _FILE_EXTENSION.sub("", part.strip()).strip()
        key = to_simplified(part)
        if _TITLE_WORDS.search(key) and len(key) <= 80 and not re.search(r"[，。；：！？,;:!?]", key):
            return part
    return ""


_TITLE_END = re.compile(r"(?:报告|汇报|总结|工作要点|情况|施政计划|预算案|规划|纲要)$")
_WRAP_MIN = 10  # characters: a title's first line that wraps is most of a line of its type size
_WRAP_TAIL_MAX = 20  # characters: the rest of the title on the next line


def _wraps_on(lines: list[_Line], drop: dict[int, RemovalKind], i: int, body_first: int) -> bool:
    """Whether line `i` above the body is the first line of a title that wraps onto line i + 1
    (a centred title in large type, as a PDF or a copied text keeps it: `青禾区人民政府关于2024年度
    法治政府建设情况的` ⏎ `报告`, user test s26 item 10): line i + 1 is a short title line that
    ends as titles do (报告, 情况, 总结 …), line i does not (so two whole titles or a title and
    its 政府工作报告 line are never joined), both are words without punctuation, and line i is
    long enough to have wrapped. Line i may read as chrome alone (`…关于2024年度法治政府建设` has
    no title word of its own)."""
    if i + 1 >= body_first or drop.get(i + 1) != "title":
        return False
    first, rest = lines[i].key, lines[i + 1].key
    if len(first) < _WRAP_MIN or len(rest) > _WRAP_TAIL_MAX or not _TITLE_END.search(rest):
        return False
    if _TITLE_END.search(first) or _SUBTITLE.match(rest) or _NAV.match(first) or is_chrome_combination(first):
        return False
    punct = re.compile(r"[，。；：！？,;:!?|｜>＞]")
    return not punct.search(first) and not punct.search(rest) and bool(_CJK.search(first))


def _is_headline(lines: list[_Line], i: int) -> bool:
    """A slogan title ("团结起来，为…而奋斗") is a line without a stop followed by a subtitle."""
    s = lines[i].key
    if len(s) > 60 or re.search(r"[。！？；：]", s):
        return False
    following = next((line.key for line in lines[i + 1 : i + 4] if line.stripped), "")
    return bool(_SUBTITLE.match(following))


def _is_section_heading(s: str) -> bool:
    """A line opening with a section heading's numbering: 一、 （一） 第一部分 (not 1. or （1）,
    which number the related links of a page's footer too)."""
    numbering = match_numbering(s)
    return numbering is not None and numbering.scheme in ("part", "formal", "cn", "cn_paren")


def _footer_start(lines: list[_Line], given: dict[int, RemovalKind], start: int) -> int:
    """The line index where a page's footer begins (`len(lines)` when there is none): the first
    footer marker (`_FOOTER`: 主办单位, 版权所有, 责任编辑 …) at or after `start` with no section
    heading below it. A footer never takes a numbered heading (user test s26 item 4: a crawled
    page's footer took the last section); a marker above one is left in the text."""
    marker = len(lines)
    for i in range(len(lines) - 1, start - 1, -1):
        if i in given:
            continue
        if _is_section_heading(lines[i].key):
            break
        if _FOOTER.match(lines[i].key):
            marker = i
    return marker


def _is_notice(s: str) -> bool:
    """A line that is a site or licence notice (`_SITE_NOTICE`) and holds no report text before
    it: a line `（二）…合理区间。…网站标识码：1234567890` is a section run into the page's footer,
    not a notice (user test s26 item 4)."""
    m = _SITE_NOTICE.search(s)
    return m is not None and not _is_section_heading(s) and not _holds_report_text(s[: m.start()])


def _is_footer_tail_junk(s: str) -> bool:
    return not s or bool(re.fullmatch(r"[\W_|│>＞×]+", s)) or bool(_NAV.match(s)) or is_chrome_combination(s)


KEEP_AT_LEAST = 0.4  # share of a report's characters the cleaning passes may never go below
# share of a report's characters that lines holding its sentences or numbered headings may make
# up among the lines removed as chrome or footer: at most 0.2% in the 193 parses of corpus/,
# corpus-dev and tests/data/cases (a related-links footer quoting the salutation); 33% on the
# crawled page without spaces of user test s26 item 4
CHROME_PROSE_MAX = 0.05


def clean(
    raw: str,
    *,
    furniture: Sequence[tuple[int, int, RemovalKind]] = (),
    keep: Sequence[tuple[int, int]] = (),
) -> Cleaned:
    """Cleaned text of `raw`, by deletion only.

    `furniture` are (start, end, kind) spans of raw lines a reader found to be page furniture
    (PDF page numbers, running headers): removed and listed. `keep` are raw spans (tables)
    whose lines no pass removes. When the passes together would leave less than
    `KEEP_AT_LEAST` of the report's characters (a crawled page read wrongly, say), they are
    wrong: the report is kept whole, less blank lines and furniture, with a warning.
    """
    lines = _split_lines(raw)
    controls = _CONTROL.search(raw) is not None
    _fill_keys(lines, controls)
    debris = controls or _TONED_ANY.search(raw) is not None
    drop: dict[int, RemovalKind] = {}  # line index → removal kind
    cleaned = Cleaned("", [])

    # top: everything above the first body line (lines a reader or the pipeline called
    # furniture, a metadata box say, are no body line: the title may follow them)
    body_first = len(lines)
    given = _furniture_lines(lines, furniture)
    for i, line in enumerate(lines):
        if i in given:
            drop[i] = given[i]
            continue
        kind = _top_kind(line.key)
        if kind is None and _is_headline(lines, i):
            kind = "title"
        if kind is None:
            body_first = i
            break
        drop[i] = kind
    # a table of contents under "目录": short numbered lines, before the body proper
    if any(re.fullmatch(r"目\s*录", lines[i].key) for i in range(body_first)):
        while body_first < len(lines) and (
            not lines[body_first].stripped
            or (_is_heading_like(lines[body_first].key) and len(lines[body_first].key) <= 40
                and not re.search(r"[。；]", lines[body_first].key))
        ):
            drop[body_first] = "contents" if lines[body_first].stripped else "blank"
            body_first += 1
        while body_first < len(lines) and _top_kind(lines[body_first].key) is not None:
            drop[body_first] = _top_kind(lines[body_first].key) or "chrome"
            body_first += 1
    if body_first == len(lines):
        # nothing looked like a body: keep every non-blank line rather than lose text
        drop = {i: "blank" for i, line in enumerate(lines) if not line.stripped}
        if any(line.stripped for line in lines):
            cleaned.warnings.append("no line looked like report text; kept every line")
        body_first = 0
    for i in range(body_first):
        s, key = lines[i].stripped, lines[i].key
        if not cleaned.title and drop.get(i) in ("title", "chrome") and _wraps_on(lines, drop, i, body_first):
            drop[i] = "title"  # the title's first line, wrapped: …情况的 ⏎ 报告 (user test s26 item 10)
            cleaned.title = s + lines[i + 1].stripped.rstrip(" |｜")
        elif drop.get(i) == "title":
            if _SUBTITLE.match(key):
                cleaned.subtitle = s
            elif not cleaned.title:
                cleaned.title = s.rstrip(" |｜")
        elif drop.get(i) == "metadata":
            # "发布机构: 某某 成文日期: 2023-01-06": every field of the line, keys in simplified
            pairs = re.findall(r"(\S+?)\s*[:：]\s*(\S[^:：]*?)(?=\s+\S+?\s*[:：]|\s*$)", key)
            for field_name, value in pairs:
                cleaned.metadata.setdefault(field_name, value.strip())
            if pairs:
                pass
            elif _DATETIME.match(key):
                cleaned.metadata.setdefault("时间", s)
            elif _SPEAKER.match(key):
                cleaned.metadata.setdefault("speaker", s)

    # bottom: from the first footer marker near the end, everything is page furniture
    body_last = _footer_start(lines, given, max(body_first + int((len(lines) - body_first) * 0.5), body_first + 1))
    # (lines a reader or the pipeline called furniture, a box in a table say, keep their kind)
    while body_last > body_first and (_is_footer_tail_junk(lines[body_last - 1].key) or body_last - 1 in given):
        body_last -= 1
    for i in range(body_last, len(lines)):
        drop[i] = given.get(i) or ("footer" if lines[i].stripped else "blank")
    # a metadata box written as lines (<div>s) below the body, or anywhere with a field only a
    # publishing site writes (索引号, 发布机构 …); above the body the top pass took it already
    for start, end, fields in _box_runs(lines, drop, given, body_first, body_last):
        for i in range(start, end):
            drop[i] = "metadata" if lines[i].stripped else "blank"
        for key, value in fields.items():
            cleaned.metadata.setdefault(key, value)
    while body_last > body_first and (not lines[body_last - 1].stripped or drop.get(body_last - 1) == "metadata"):
        body_last -= 1
    # site and licence notices inside the body (a licence box above a site footer, say)
    notices = [
        i for i in range(body_first, body_last)
        if i not in drop and len(lines[i].key) <= _NOTICE_MAX and _is_notice(lines[i].key)
    ]
    if len(notices) < sum(1 for i in range(body_first, body_last) if lines[i].stripped):
        for i in notices:  # never all of it: cleaning never empties a report
            drop[i] = "footer"
    while body_last > body_first and (
        _is_footer_tail_junk(lines[body_last - 1].key) or drop.get(body_last - 1) == "footer"
    ):
        body_last -= 1

    # signature block: issuing body, date, 此件公开发布, 印发 line
    j = body_last
    sig: list[int] = []
    saw_date = False
    while j > body_first + 1:
        s = lines[j - 1].key
        if drop.get(j - 1) == "page" or j - 1 in given:
            pass  # a page number between the issuing body and the date (a PDF's page break)
        elif not s:
            sig.append(j - 1)
        elif _DATE_LINE.match(s) or _PUBLIC_NOTE.match(s) or _ISSUED_LINE.search(s) and len(s) < 60:
            saw_date = saw_date or bool(_DATE_LINE.match(s) or _ISSUED_LINE.search(s))
            sig.append(j - 1)
        elif saw_date and _ORG_LINE.match(s) and len(sig) < 10:
            sig.append(j - 1)
        else:
            break
        j -= 1
    if saw_date:
        for i in sorted(sig):
            if lines[i].stripped:
                drop[i] = "signature"
                cleaned.signature.append(lines[i].stripped)

    _apply_reader_spans(lines, drop, given, keep)
    total = sum(len(line.stripped) for line in lines)
    # chrome and footers hold no sentences of a report: lines removed as such that do, past a
    # share no page needs, are the report read wrongly (user test s26 item 4); a licence or site
    # notice (本作品…属于公有领域。) is known by its words, not by where it stands
    prose = [i for i, kind in drop.items() if kind in ("chrome", "footer") and i not in given
             and _holds_report_text(lines[i].stripped) and not _is_notice(lines[i].key)]
    prose_share = sum(len(lines[i].stripped) for i in prose) / total if total else 0.0
    if prose_share > CHROME_PROSE_MAX:
        cleaned.warnings.append(
            f"cleaning would have removed {prose_share:.0%} of the report, sentences and headings, "
            "as page chrome or footer; kept them"
        )
        for i in prose:
            del drop[i]
    dropped = sum(len(lines[i].stripped) for i, kind in drop.items() if kind not in ("page", "blank"))
    if total >= 200 and total - dropped < KEEP_AT_LEAST * total:
        cleaned.warnings.append(
            f"cleaning would have removed {dropped / total:.0%} of the report as page chrome; "
            "kept it whole"
        )
        drop = {i: kind for i, kind in drop.items() if kind in ("page", "blank", "title")}
        cleaned.signature.clear()

    # assemble the kept text
    parts: list[str] = []
    runs: list[tuple[int, int]] = []
    pos = 0
    pending_newline = -1
    last_kept = ""
    for i, line in enumerate(lines):
        kind = drop.get(i)
        if kind is not None or not line.stripped:
            if kind not in (None, "blank") and line.text.strip(_WS):
                cleaned.removed.append(Removal(kind, line.text.strip(_WS), line.start, line.end))
            continue
        if parts and not _opens_only(last_kept):
            runs.append((pos, pending_newline if pending_newline >= 0 else line.start - 1))
            parts.append("\n")
            pos += 1
        last_kept = line.stripped
        for start, end in _kept_slices(line, cleaned.removed) if debris else _trimmed(line):
            runs.append((pos, start))
            parts.append(raw[start:end])
            pos += end - start
        pending_newline = line.newline
    cleaned.text = "".join(parts)
    cleaned.runs = runs
    cleaned.removed.sort(key=lambda r: r.start)
    return cleaned


# a line holding only opening brackets or quotes: a crawl broke the line inside "（三）…" or
# "“十五五”…"; the line break is deleted so the bracket rejoins what it opens
_OPENING = "（(【〔《“‘「『"


def _opens_only(line: str) -> bool:
    """True when `line` (stripped) is one or more opening brackets or quotes and nothing else."""
    return bool(line) and all(ch in _OPENING for ch in line)


def _apply_reader_spans(
    lines: list[_Line],
    drop: dict[int, RemovalKind],
    furniture: dict[int, RemovalKind],
    keep: Sequence[tuple[int, int]],
) -> None:
    """Furniture lines (`_furniture_lines`) dropped, table lines kept, whatever the other
    passes said."""
    if not furniture and not keep:
        return
    drop.update(furniture)
    starts = [line.start for line in lines]
    for start, end in keep:
        i = max(bisect_right(starts, start) - 1, 0)
        while i < len(lines) and lines[i].start < end:
            if lines[i].stripped:
                drop.pop(i, None)
            i += 1


def _furniture_lines(
    lines: list[_Line], furniture: Sequence[tuple[int, int, RemovalKind]]
) -> dict[int, RemovalKind]:
    """Line index → kind of the lines `furniture` spans start on."""
    if not furniture:
        return {}
    starts = [line.start for line in lines]
    found: dict[int, RemovalKind] = {}
    for start, _end, kind in furniture:
        i = bisect_right(starts, start) - 1
        if i >= 0:
            found[i] = kind
    return found


def _kept_slices(line: _Line, removed: list[Removal]) -> list[tuple[int, int]]:
    """Raw slices of one body line that survive: indents, controls and pinyin left out."""
    text = line.text
    cuts: list[tuple[int, int, RemovalKind]] = []
    for m in _CONTROL.finditer(text):
        cuts.append((m.start(), m.end(), "control"))
    toned = [m for m in _PINYIN.finditer(text) if any(c in _TONED for c in m.group(1))]
    if toned:
        # a line with toned debris: toneless syllables there are debris too (的(de))
        for m in _PINYIN.finditer(text):
            cuts.append((m.start(), m.end(), "pinyin"))
        for m in _GARBLED_PINYIN.finditer(text):
            if any(c in _TONED for c in m.group(0)):
                cuts.append((m.start(), m.end(), "pinyin"))
    cuts.sort()
    # leading / trailing whitespace
    lead = len(text) - len(text.lstrip(_WS))
    trail = len(text.rstrip(_WS))
    slices: list[tuple[int, int]] = []
    cursor = lead
    for start, end, kind in cuts:
        removed.append(Removal(kind, text[start:end], line.start + start, line.start + end))
        if start > cursor:
            slices.append((cursor, min(start, trail)))
        cursor = max(cursor, end)
    if cursor < trail:
        slices.append((cursor, trail))
    return [(line.start + a, line.start + b) for a, b in slices if b > a]


def _trimmed(line: _Line) -> list[tuple[int, int]]:
    """`_kept_slices` of a line of a text without controls or toned pinyin: the line less its
    leading and trailing whitespace."""
    text = line.text
    lead = len(text) - len(text.lstrip(_WS))
    trail = len(text.rstrip(_WS))
    return [(line.start + lead, line.start + trail)] if trail > lead else []


def strip_controls(text: str) -> str:
    """Text safe to print on a terminal: whole ESC/OSC sequences, control, bidi and private-use
    characters out (`compare.text.terminal.inert`, then icon-font private-use characters)."""
    return _CONTROL.sub("", inert(text))


# -- a page's metadata box held in a table ------------------------------------------------------

# the fields of the metadata box government sites put above a document (gov.cn: 索引号,
# 主题分类, 发文机关, 成文日期, 标题, 发文字号, 发布日期, 主题词; provincial sites add 有效性,
# 组配分类, 公开方式 …), in simplified script without spaces
_BOX_KEYS = frozenset(
    "索引号 发布机构 发文机关 发文单位 发布单位 成文日期 发布日期 发文日期 印发日期 生效日期 实施日期 "
    "废止日期 发文字号 文号 文件编号 统一编号 主题分类 信息分类 组配分类 体裁分类 主题词 关键词 标题 "
    "名称 信息名称 有效性 时效 效力状态 信息来源 来源 公开方式 公开范围 公开时限 服务对象 所属机构 "
    "内容概述 公文种类".split()
)
_BOX_FIELD = lazy_compile(r"^([^\s:：]{1,6}(?:\s+[^\s:：]{1,6}){0,3})\s*(?:[:：]\s*(.*)|$)", re.S)


def _box_field(cell: str) -> tuple[str, str] | None:
    """A cell of a metadata box (`索引号：…`, `索 引 号：`, `发布机构`) → (key, value), or None."""
    m = _BOX_FIELD.match(cell.strip(_WS))
    if not m:
        return None
    key = re.sub(r"\s+", "", to_simplified(m.group(1)))
    return (key, (m.group(2) or "").strip(_WS)) if key in _BOX_KEYS else None


# fields that only the page of a publishing site writes, never a report about its own work
_SITE_KEYS = frozenset("索引号 发布机构 发布单位 发布日期 主题分类 信息分类 组配分类 体裁分类 有效性 时效 "
                       "效力状态 公开方式 公开范围 公开时限".split())
# "发布机构：清河县司法局 成文日期：2025-01-20": a line holding two fields splits before the second key
_NEXT_FIELD = lazy_compile(r"[ \t\u3000]+(?=[^\s:：]{1,6}[ \t\u3000]*[:：])")


def _box_runs(
    lines: list[_Line], drop: dict[int, RemovalKind], given: dict[int, RemovalKind], first: int, last: int
) -> list[tuple[int, int, dict[str, str]]]:
    """The metadata boxes written as lines between `first` and `last` (line indexes, `last`
    exclusive): runs of lines each opening with a box field (`_box_field`: 索引号：…, 发布机构：…),
    at least two distinct fields (`metadata_box`), that either hold a field only a site writes
    (`_SITE_KEYS`) or stand at the bottom (nothing but page furniture, blanks and footer below
    them). A report's own lines (名称：… 文号：… in a list of documents, say) open no run of
    site fields and have report text below. Returns (start, end, fields) per box."""
    boxes: list[tuple[int, int, dict[str, str]]] = []
    i = first
    while i < last:
        if i in drop or not lines[i].stripped or _box_field(lines[i].stripped) is None:
            i += 1
            continue
        j = i
        while j < last and (not lines[j].stripped
                            or (j not in drop and _box_field(lines[j].stripped) is not None)):
            j += 1
        while not lines[j - 1].stripped:
            j -= 1
        rows = [_NEXT_FIELD.split(lines[k].stripped) for k in range(i, j) if lines[k].stripped]
        fields = metadata_box(rows)
        at_bottom = all(k in drop or k in given or not lines[k].stripped or k >= last
                        or _is_footer_tail_junk(lines[k].key) for k in range(j, len(lines)))
        if fields is not None and (at_bottom or _SITE_KEYS & set(fields)):
            boxes.append((i, j, fields))
        i = j
    return boxes


def metadata_box(rows: Sequence[Sequence[str]]) -> dict[str, str] | None:
    """The fields of a table that is a page's metadata box, or None for any other table.

    A box is at least two distinct metadata fields (`_BOX_KEYS`), and every row opens with one,
    however the page marks them up: `索引号：…` and `发布机构：…` side by side in cells, a label
    cell (`索 引 号：`, `发文机关`, a `<th>`) followed by its value cell, one field per row or
    two. A table of the report (指标 | 2023年 | 2024年, rows 行政复议案件 …) has rows that open
    with its own labels, so it is never a box. Returns key (simplified, no spaces) → value.
    """
    fields: dict[str, str] = {}
    for row in rows:
        cells = [c for c in row if c.strip(_WS)]
        cells = [c for i, c in enumerate(cells) if i == 0 or c != cells[i - 1]]  # spanned copies
        if not cells:
            continue
        if _box_field(cells[0]) is None:
            return None
        i = 0
        while i < len(cells):
            found = _box_field(cells[i])
            if found is None:
                i += 1
                continue
            key, value = found
            if not value and i + 1 < len(cells) and _box_field(cells[i + 1]) is None:
                value = cells[i + 1].strip(_WS)  # a label cell, then its value
                i += 1
            fields.setdefault(key, value)
            i += 1
    return fields if len(fields) >= 2 else None
