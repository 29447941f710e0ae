"""Crawled pages flattened onto one line: paragraphs, headings and page chrome split back out.

A crawler that drops the page's block structure leaves `当前位置：首页 > … 标题 来源：… 时间：…
字号：大 中 小 正文… 一、… （一）… 微信 微博 QQ空间 主办单位：…` on one line. The breaks come
back where a reader sees them: before a numbered heading (一、 （一） 第一部分) that follows a
sentence end or a space, after a sentence end followed by a space, after a short heading
followed by a space, and around the chrome a crawled page carries inline (breadcrumb,
metadata fields, font-size switches, share buttons, downloads, site footer). Cleaning then
removes the chrome lines as it does on any page.
"""

from __future__ import annotations

import re

_LONG = 1000  # characters: a line this long that holds most of the text is a flattened page
_CN = "一二三四五六七八九十"
_HEADING = re.compile(
    rf"(?<=[。！？；：\s])(?=(?:[{_CN}]{{1,3}}、|[（(][{_CN}]{{1,3}}[)）]|第[{_CN}]{{1,3}}(?:部分|章))\S)"
)
_BREADCRUMB = re.compile(r"(?:当前位置|您的位置|您现在的位置|當前位置)[:：]?\s*[^\s>＞»]+(?:\s*[>＞»]\s*[^\s>＞»]+)+")
_META_FIELD = re.compile(
    r"(?<=\s)(?:来源|來源|信息来源|发布时间|發布時間|发布日期|时间|時間|浏览次数|瀏覽次數|阅读次数|"
    r"点击数|访问量|作者|编辑|责任编辑|發布機構|发布机构|索引号|文号|成文日期)[:：]\s*\S+(?:\s\d{1,2}:\d{2}(?::\d{2})?)?"
)
_CHROME = re.compile(
    r"(?:字号[:：]?\s*[大中小](?:\s*[大中小])+|分享到[:：]?|(?:微信|微博|QQ空间|QQ好友|朋友圈)"
    r"(?:\s+(?:微信|微博|QQ空间|QQ好友|朋友圈))+|【\s*(?:打印|关闭|关闭窗口|打印本页|返回顶部|收藏)\s*】|"
    r"(?:打印本页|关闭窗口|扫一扫在手机打开当前页)|文件下载[:：]?|相关附件[:：]?)"
)
_FOOTER = re.compile(r"(?<=\s)(?=(?:主办单位|主辦單位|承办单位|网站标识码|版权所有|版權所有|Copyright|©)\S*)")
_DATE = r"(?:\d{4}|[〇○零一二三四五六七八九]{4})\s*年\s*[\d〇○零一二三四五六七八九十]{1,3}\s*月\s*[\d〇○零一二三四五六七八九十]{1,3}\s*日"
# the signature block: issuing bodies, each a run without punctuation, then the date
_SIGNATURE = re.compile(rf"(?<=[。！？\s])((?:[^\s，。；：,;:]{{2,30}}\s+){{1,4}})({_DATE})(?=\s|$|印发)")
_NOTE = re.compile(r"(?<=\s)[（(]此件[^）)]{0,12}[)）]")
_SENTENCE_SPACE = re.compile(r"(?<=[。！？])[ \t\u3000\xa0]+(?=\S)")


def is_flattened(text: str) -> bool:
    """A page whose text sits mostly on one long line."""
    longest = max(text.split("\n"), key=len, default="")
    return len(longest) >= _LONG and len(longest) >= 0.5 * len(text.strip())


def unflatten(text: str) -> str:
    """Line breaks put back into the long lines of a flattened page (others are kept)."""
    if not is_flattened(text):
        return text
    return "\n".join(_split(line) if len(line) >= _LONG else line for line in text.split("\n"))


def _split(line: str) -> str:
    cuts: set[int] = set()  # positions before which a line break goes
    for pattern in (_BREADCRUMB, _META_FIELD, _CHROME):
        for m in pattern.finditer(line):
            cuts.add(m.start())
            cuts.add(m.end())
    for m in _SIGNATURE.finditer(line):
        cuts.update(m.start(1) + w.end() for w in re.finditer(r"\s+", m.group(1)))
        cuts.update((m.start(), m.end()))
    for m in _NOTE.finditer(line):
        cuts.update((m.start(), m.end()))
    for m in _FOOTER.finditer(line):
        cuts.add(m.start())
    for m in _SENTENCE_SPACE.finditer(line):
        cuts.add(m.end())
    for m in _HEADING.finditer(line):
        cuts.add(m.start())
        # a short heading ended by a space, before the body: 一、主要工作成效 2023年，…
        gap = re.compile(r"[^。！？；\s]{1,40}?\s+").match(line, m.start())
        if gap and not re.search(r"[，。；]", gap.group(0)):
            cuts.add(gap.end())
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
