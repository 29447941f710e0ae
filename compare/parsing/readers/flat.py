"""Crawled pages flattened onto one line: paragraphs, headings and page chrome split back out.

A crawler that drops the page's block structure leaves `当前位置：首页 > … 标题 来源：… 时间：…
字号：大 中 小 正文… 一、… （一）… 微信 微博 QQ空间 主办单位：…` on one line. The breaks come
back where a reader sees them: before a numbered heading (一、 （一） 第一部分) that follows a
sentence end or a space, after a sentence end followed by a space, after a short heading
followed by a space, and around the chrome a crawled page carries inline (breadcrumb,
metadata fields, font-size switches, share buttons, downloads, site footer). Cleaning then
removes the chrome lines as it does on any page. A line is such a page when it holds most of
the text and either runs to 1,000 characters or holds headings inline (`_reads_flattened`):
a short notice run onto one line (631 characters: title, 一、 （一）… 二、 三、) is a page too.

A page with every line break deleted and no spaces either (`下载打印全屏收藏【字号：加大还原减小】
2026年某省政府工作报告——2026年1月26日在…会议上来源：某日报时间：2026-02-03某省省长 某某各位代表：…
一、2025年工作回顾2025年是…`) is cut where the words themselves end or open a part: the head of
the page at its toolbar, title, subtitle, fields, speaker and the salutation; a heading where
the body's first words begin (the openers measured on the corpus) or where a heading of the
next level follows. Measured on the 85 corpus reports with every newline deleted: 87% of the
section headings come back at the right place (79% before), 59 of 85 report titles (3 before),
no new false heading on the State Council reports (whose enumerated paragraphs look like
headings run into their bodies).
"""

from __future__ import annotations

import re

from compare.text.patterns import lazy_compile

_LONG = 1000  # characters: a line this long that holds most of the text is a flattened page
_CN = "一二三四五六七八九十"
_NUMBERING = rf"(?:[{_CN}]{{1,3}}、(?![{_CN}]、)|[（(][{_CN}]{{1,3}}[)）]|第[{_CN}]{{1,3}}(?:部分|章)|\d{{1,2}}(?:、|[.．](?!\d)))"
_HEADING = lazy_compile(rf"(?<=[。！？；：\s])(?={_NUMBERING}\s?\S)")
_NUMBERING_RE = lazy_compile(_NUMBERING)
_STOP = lazy_compile(r"[。！？；]")
# (一、二、三产业… is a list of numerals, not a numbering)
# a heading numbered one level deeper right after a heading, with nothing between them:
# 一、2021年度工作情况(一)坚持以上率下…1. 压实工作责任。
_NESTED = lazy_compile(rf"[（(][{_CN}]{{1,3}}[)）]|\d{{1,2}}(?:、|[.．](?!\d))")
_BREADCRUMB = lazy_compile(r"(?:当前位置|您的位置|您现在的位置|當前位置)[:：]?\s*[^\s>＞»]+(?:\s*[>＞»]\s*[^\s>＞»]+)+")
_META_FIELD = lazy_compile(
    r"(?<=\s)(?:来源|來源|信息来源|发布时间|發布時間|发布日期|时间|時間|浏览次数|瀏覽次數|阅读次数|"
    r"点击数|访问量|作者|编辑|责任编辑|發布機構|发布机构|索引号|文号|成文日期)[:：]\s*\S+(?:\s\d{1,2}:\d{2}(?::\d{2})?)?"
)
_CHROME = lazy_compile(
    r"(?:字号[:：]?\s*[大中小](?:\s*[大中小])+|分享到[:：]?|(?:微信|微博|QQ空间|QQ好友|朋友圈)"
    r"(?:\s+(?:微信|微博|QQ空间|QQ好友|朋友圈))+|【\s*(?:打印|关闭|关闭窗口|打印本页|返回顶部|收藏)\s*】|"
    r"(?:打印本页|关闭窗口|扫一扫在手机打开当前页)|文件下载[:：]?|相关附件[:：]?)"
)
# (after a space, or with no space at all after a sentence or the signature's date: …合理区间。
# 青禾区人民政府2026年1月20日主办单位：…)
_FOOTER = lazy_compile(r"(?<=[\s。！？日])(?=(?:主办单位|主辦單位|承办单位|网站标识码|版权所有|版權所有|Copyright|©)\S*)")
_DATE = r"(?:\d{4}|[〇○零一二三四五六七八九]{4})\s*年\s*[\d〇○零一二三四五六七八九十]{1,3}\s*月\s*[\d〇○零一二三四五六七八九十]{1,3}\s*日"
# the signature block: issuing bodies, each a run without punctuation, then the date
_SIGNATURE = lazy_compile(rf"(?<=[。！？\s])((?:[^\s，。；：,;:]{{2,30}}\s+){{1,4}})({_DATE})(?=\s|$|印发)")
# the same block with no space at all: an issuing body (ending in its organ) right after a
# sentence, its date right after it, and the page's footer or its end after that
_ORGAN = r"(?:人民政府|政府|局|委员会|委員會|办公室|辦公室|办事处|辦事處|街道|管委会|管委會|厅|廳|委|院)"
_SIGNATURE_UNSPACED = lazy_compile(
    rf"(?<=[。！？])([^\s，。；：,;:“”]{{2,30}}?{_ORGAN})({_DATE})"
    r"(?=$|\s|印发|主办单位|主辦單位|承办单位|网站标识码|版权所有|版權所有)"
)
_NOTE = lazy_compile(r"(?<=\s)[（(]此件[^）)]{0,12}[)）]")
_SENTENCE_SPACE = lazy_compile(r"(?<=[。！？])[ \t\u3000\xa0]+(?=\S)")
# a page flattened without even spaces (every line break deleted): the head of the page (all
# before the salutation) still holds a toolbar, the title, its subtitle, metadata fields, the
# speaker and a photo caption run together; they are cut at the words that end or open each
_TOOLBAR = lazy_compile(r"(?:下载|下載|打印|全屏|收藏|分享[:：]?){2,}|【\s*字号[:：]?[^】]{0,20}】")
_HEAD_FIELD = lazy_compile(
    r"(?:来源|來源|信息来源|时间|時間|发布时间|發布時間|发布日期)[:：]\s*"
    r"(?:\d{4}-\d{1,2}-\d{1,2}(?:\s\d{1,2}:\d{2}(?::\d{2})?)?"
    r"|[^\s：:]{1,20}?(?=来源|來源|时间|時間|发布|分享|浏览|$|\s))"
)
_HEAD_CUT = lazy_compile(
    r"(?<=报告)[ \u3000]?(?=——|—|\d{4}年\d{1,2}月|[〇○一二]{4}年)|(?<=次会议上)(?=\S)"
    r"|(?<=作政府工作报告。)|(?<=作工作报告。)"
)
_SPEAKER_NAME = lazy_compile(r"(?:省长|市长|区长|县长|主席|总理)\s*(\S{2,4}?)(?=\1(?:同志)?作)")
# a title opening the page (after its breadcrumb), ended by a space: no stop or comma in it
_BREADCRUMB_AT = lazy_compile(rf"\s*(?:{_BREADCRUMB.pattern})?\s*")
_TITLE_SPACED = lazy_compile(
    r"[^\s。！？；，,：:]{2,60}?(?:报告|報告|情况|情況|工作要点|工作总结|总结|通知|公告|意见)"
    rf"(?=[ \u3000]|[{_CN}]{{1,3}}、(?![{_CN}]、)|[（(][{_CN}]{{1,3}}[)）])"
)  # (or, on a page without spaces, by its first heading: …情况的报告一、2025年度…)
_SALUTATION = lazy_compile(r"(?<=[^\n])(?=(?:各位代表|同志们|各位委员)[：:！!])")
# the body's first words after a heading with no break before them: the openers that most
# often start a section's first sentence in the corpus's 1,186 sections (measured:
# 坚持 101, 今年 46, 一是 35, 过去 27, 我们 27, "“十…五”时期是", a year followed by 是 …)
_BODY_OPENER = lazy_compile(
    r"坚持|今年|一是|过去|我们|根据|为了|当前|面对|这是|按照|全年|\d{4}年(?:是|以来)|"
    r"(?<=[顾作务就求况])\d{4}年|[〇○一二三四五六七八九]{4}年是|“十[一二三四五六七八九]五”时期[，,]?是"
)
_FIRST_ITEM = lazy_compile(r"一是|首先是")  # the first item of a body, after a heading of any length
_GAP = lazy_compile(rf"{_NUMBERING}\s*[^。！？；\s]{{2,40}}?\s+")
# a body opener after one of these is inside a clause (我们要坚持, 各地根据), not after a heading
_IN_CLAUSE = "，、和与及的“要会能应须需必可得将把在是为对从以向使让被也都并而就才还又再各"
_HEADING_MAX = 40  # characters a heading may run to before its body when nothing separates them


# what tells a line shorter than _LONG is a flattened page rather than a paragraph: two
# headings of one numbering in sequence inside it, after a space or a sentence end (一、… 二、…,
# （一）… （二）…; an enumeration's items after ；or ： are no sign), or one such heading with a
# title at its start (…报告 followed by a space or the body) or the chrome a crawled page carries
_INLINE_HEADING = lazy_compile(
    rf"(?:(?<=[。！？\s])|^)(?:([{_CN}]{{1,3}})、(?![{_CN}]、)|[（(]([{_CN}]{{1,3}})[)）])(?=\s?\S)"
)
_TITLE_START = lazy_compile(
    r"^\S{0,40}?(?:报告|報告|情况|情況|工作要点|工作总结|总结|通知|公告|意见)(?=\s|\d{4}年|[〇○一二]{4}年|——)"
)
_SHORT = 60  # characters: shorter than this, a line is a heading or a sentence, whatever it holds


def _numeral(s: str) -> int:
    """一 … 九十九 → 1 … 99 (0 for anything else)."""
    digits = {c: i for i, c in enumerate(_CN, 1)}
    if "十" in s:
        tens, _, ones = s.partition("十")
        return (digits.get(tens, 1) if tens else 1) * 10 + (digits.get(ones, 0) if ones else 0)
    return digits.get(s, 0) if len(s) == 1 else 0


def _reads_flattened(line: str) -> bool:
    """A line that is a page run together: as long as a page (`_LONG`), or holding headings
    inline as above (a short notice crawled onto one line: 631 characters, 一、 二、 三、 and
    （一）…（四） inside)."""
    if len(line) >= _LONG:
        return True
    if len(line) < _SHORT:
        return False
    seen: dict[int, set[int]] = {1: set(), 2: set()}  # scheme (一、 or （一）) → numbers inline
    for m in _INLINE_HEADING.finditer(line):
        scheme, number = (1, m.group(1)) if m.group(1) else (2, m.group(2))
        seen[scheme].add(_numeral(number))
    if any(n > 1 and n - 1 in numbers for numbers in seen.values() for n in numbers):
        return True
    if not (seen[1] or seen[2]):
        return False
    return bool(_TITLE_START.match(line) or _BREADCRUMB.search(line) or _META_FIELD.search(line))


def is_flattened(text: str) -> bool:
    """A page whose text sits mostly on one line that reads as a page (`_reads_flattened`)."""
    longest = max(text.split("\n"), key=len, default="")
    return len(longest) >= 0.5 * len(text.strip()) and _reads_flattened(longest)


def unflatten(text: str) -> str:
    """Line breaks put back into the lines of a flattened page that read as a page run
    together (others are kept)."""
    if not is_flattened(text):
        return text
    return "\n".join(_split(line) if _reads_flattened(line) else line for line in text.split("\n"))


def _body_after_heading(line: str, start: int) -> int:
    """Where the body starts after a heading at `start` run into it ("…走深走实坚持首都…"), or 0.

    Only a body opener before the heading's first sentence end, after at least six characters
    of heading, counts; a heading that ends in a stop (一、…。) is split by the parser itself.
    """
    numbering = _NUMBERING_RE.match(line, start)
    if not numbering:
        return 0
    words = numbering.end()
    stop = _STOP.search(line, words)
    limit = min(stop.start() if stop else len(line), words + _HEADING_MAX + 1)
    nested = _NESTED.search(line, words + 4, limit)
    if nested:
        return nested.start()
    if stop and line[stop.start()] == "；":
        return 0  # an item of an enumeration (一、…；二、…；), not a heading
    for m in _BODY_OPENER.finditer(line, words + 6, limit):
        if line[m.start() - 1] not in _IN_CLAUSE:
            return m.start()
    item = _FIRST_ITEM.search(line, words + 2, limit)  # 二、存在的不足一是…: a short heading
    if item and line[item.start() - 1] not in _IN_CLAUSE:
        return item.start()
    return 0  # nothing tells where the heading ends: the parser decides on the whole paragraph


_STEP_MAX = 12  # characters: a breadcrumb's step (法治政府建设, 政府工作报告) is a column's name
# where a report's title begins: an agency named by its places and its organ (青禾区人民政府,
# 某某省某某市司法局), as a title run into the breadcrumb's last step opens
_AGENCY_AT = lazy_compile(
    rf"(?:[\u4e00-\u9fff]{{2,3}}?(?:省|自治区|市|州|盟|区|县|旗|镇|乡))+[\u4e00-\u9fff]{{0,8}}?{_ORGAN}"
)
_PLACE_END = "省市州盟区县旗镇乡"


def _crumb_end(line: str, m: re.Match[str]) -> int:
    """Where a breadcrumb matched by `_BREADCRUMB` ends: at its last step. On a page crawled
    without spaces the last step runs on into the title and the body (`当前位置：首页>政府信息公开>
    法治政府建设青禾区人民政府关于…的报告一、…（一）…`, user test s26 item 4): a step longer than a
    column's name ends where the report's title begins (an agency's name, `_AGENCY_AT`: the
    earliest one the page names again, in its signature or footer, else the latest one not
    inside a longer name of places) or, failing that, at the first numbered heading. A step no
    place can be found in is kept whole."""
    sep = max(m.group(0).rfind(c) for c in ">＞»") + m.start() + 1
    while sep < m.end() and line[sep].isspace():
        sep += 1
    if m.end() - sep <= _STEP_MAX:
        return m.end()
    step_end = m.end()
    stop = re.search(r"[。！？，；：]", line[sep:m.end()])
    if stop:
        step_end = sep + stop.start()
    heading = re.search(rf"(?<=\S){_NUMBERING}", line[sep + 2:step_end])
    if heading:
        step_end = sep + 2 + heading.start()
    starts = [p for p in range(sep + 2, min(step_end, sep + 2 * _STEP_MAX)) if _AGENCY_AT.match(line, p, step_end)]
    named_again = [p for p in starts
                   if line.find(_AGENCY_AT.match(line, p, step_end).group(0), step_end) >= 0]  # type: ignore[union-attr]
    if named_again:
        return named_again[0]
    outer = [p for p in starts if line[p - 1] not in _PLACE_END]
    if outer:
        return outer[-1]
    return step_end if heading else m.end()


def _split(line: str) -> str:
    cuts: set[int] = set()  # positions before which a line break goes
    for m in _BREADCRUMB.finditer(line):
        cuts.update((m.start(), _crumb_end(line, m)))
    for pattern in (_META_FIELD, _CHROME):
        for m in pattern.finditer(line):
            cuts.add(m.start())
            cuts.add(m.end())
    for m in _SIGNATURE.finditer(line):
        cuts.update(m.start(1) + w.end() for w in re.finditer(r"\s+", m.group(1)))
        cuts.update((m.start(), m.end()))
    for m in _SIGNATURE_UNSPACED.finditer(line):
        cuts.update((m.start(), m.end(1), m.end()))
    for m in _NOTE.finditer(line):
        cuts.update((m.start(), m.end()))
    for m in _FOOTER.finditer(line):
        cuts.add(m.start())
    for m in _SENTENCE_SPACE.finditer(line):
        cuts.add(m.end())
    head = _SALUTATION.search(line)
    head_end = head.start() if head else min(len(line), 600)
    crumb = _BREADCRUMB_AT.match(line)
    title_from = crumb.end() if crumb else 0
    path = _BREADCRUMB.search(line, 0, min(head_end, 200))
    if path and not line[:path.start()].strip(" \u3000") or path and title_from == 0:
        title_from = _crumb_end(line, path)  # (after the site's menu: 首页政务公开当前位置：…)
        title_from += len(line[title_from:]) - len(line[title_from:].lstrip(" \u3000"))
    title = _TITLE_SPACED.match(line, title_from)
    if title and title.end() < head_end:
        cuts.add(title.end())  # 清河县司法局2024年度法治政府建设情况报告 2024年，…
    for pattern in (_TOOLBAR, _HEAD_FIELD, _HEAD_CUT):
        for m in pattern.finditer(line, 0, head_end):
            cuts.update((m.start(), m.end()))
    for m in _SPEAKER_NAME.finditer(line, 0, head_end):
        cuts.add(m.end())
    for m in _SALUTATION.finditer(line):
        cuts.add(m.start())
    starts = [m.start() for m in _HEADING.finditer(line)]
    if title and title.end() < head_end and line[title.end()] not in " \u3000":
        starts = sorted({title.end(), *starts})  # the heading the title runs into
    while starts:
        start = starts.pop()
        cuts.add(start)
        # a short heading ended by a space, before the body: 一、主要工作成效 2023年，… (a
        # comma may stand in it: (二)依法全面履行政府职能,优化法治化营商环境 塘沽街秉持…; a
        # heading of the next level may not: (二)…教育1. 深化…)
        gap = _GAP.match(line, start)
        numbered = _NUMBERING_RE.match(line, start)
        if gap and numbered and not re.search(r"[。；;]", gap.group(0)) and not _NESTED.search(
            line, numbered.end(), gap.end()
        ):
            cuts.add(gap.end())
            continue
        body = _body_after_heading(line, start)
        if body:
            cuts.add(body)
            if _NESTED.match(line, body):
                starts.append(body)
    out: list[str] = []
    last = 0
    for cut in sorted(c for c in cuts if 0 < c < len(line)):
        piece = line[last:cut].strip(" \t\u3000\xa0")
        if piece:
            out.append(piece)
        last = cut
    tail = line[last:].strip(" \t\u3000\xa0")
    if tail:
        out.append(tail)
    return "\n".join(out)
