"""Section tree, sentences and items of an official document (after GB/T 9704).

Levels come from the numbering schemes in the order a document nests them and from their
continuity (二、 follows 一、; a 1. under （一） is one level deeper), not from a fixed table:
agencies nest 1. and （1） either way round.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Mapping, Sequence

from compare.parsing.document import Section, Sentence

_CN_VALUES = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6,
              "七": 7, "八": 8, "九": 9, "十": 10, "百": 100}
# the formal (大写) numerals Taiwan documents number their top level with: 壹、貳、參、肆 …
_FORMAL = "壹贰貳叁參叄参肆伍陆陸柒捌玖拾"
_FORMAL_VALUES = {"壹": "一", "贰": "二", "貳": "二", "叁": "三", "參": "三", "叄": "三", "参": "三",
                  "肆": "四", "伍": "五", "陆": "六", "陸": "六", "柒": "七", "捌": "八", "玖": "九",
                  "拾": "十"}


def cn_to_int(s: str) -> int:
    """一 → 1, 十二 → 12, 二十三 → 23, 壹 → 1, 拾貳 → 12; -1 for anything else."""
    s = "".join(_FORMAL_VALUES.get(ch, ch) for ch in s)
    if not s or any(ch not in _CN_VALUES for ch in s):
        return -1
    if "十" in s:
        left, _, right = s.partition("十")
        if len(left) > 1 or len(right) > 1:
            return -1
        return (_CN_VALUES[left] if left else 1) * 10 + (_CN_VALUES[right] if right else 0)
    return _CN_VALUES[s] if len(s) == 1 else -1


_CN = "一二三四五六七八九十"
_SCHEMES: list[tuple[str, re.Pattern[str]]] = [
    ("part", re.compile(rf"^第([{_CN}百零〇]+)(部分|章|篇|编|節|节)[、，,：:\s]?")),
    ("formal", re.compile(rf"^([{_FORMAL}]{{1,3}})\s*[、．.]")),
    ("cn", re.compile(rf"^([{_CN}]{{1,3}})\s*[、．.]")),
    ("cn_paren", re.compile(rf"^[（(]\s*([{_CN}]{{1,3}})\s*[)）]\s*[、．.]?")),
    ("num", re.compile(r"^(\d{1,2})\s*(?:[、．]|\.(?!\d))\s*")),
    ("num_paren", re.compile(r"^[（(]\s*(\d{1,2})\s*[)）]\s*[、．.]?")),
    ("circled", re.compile(r"^([①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳])")),
]


@dataclass(frozen=True, slots=True)
class Numbering:
    scheme: str
    value: int
    text: str  # as written, e.g. "（一）", "1. "


def match_numbering(line: str) -> Numbering | None:
    """The heading numbering at the start of a line, if any."""
    if not line:
        return None
    for scheme, pattern in _SCHEMES:
        m = pattern.match(line)
        if not m:
            continue
        rest = line[m.end():]
        if not rest.strip():
            return None
        raw = m.group(1)
        if scheme == "circled":
            value = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳".index(raw) + 1
        elif scheme in ("num", "num_paren"):
            value = int(raw)
        else:
            value = cn_to_int(raw)
        if value <= 0:
            return None
        if scheme == "cn" and rest[:1] in "是来則则":  # 一是 … is an item, not a heading
            return None
        return Numbering(scheme, value, m.group(0))
    return None


# -- sentences ----------------------------------------------------------------------------------

_OPEN = "“‘「『《（(【〔"
_CLOSE = "”’」』》）)】〕"
_ENDS = "。！？；!?;"
_ITEM_AT = re.compile(r"(其[一二三四五六七八九十]|[一二三四五六七八九十]{1,3}是|第[一二三四五六七八九十]{1,3}[，,、]|首先[，,]|其次[，,]|最后[，,])")
_ITEM = re.compile("^" + _ITEM_AT.pattern)


_MARKS = re.compile("[" + re.escape(_OPEN + _CLOSE + _ENDS + "\n：:") + "]")


def split_sentences(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Sentence spans in text[start:end]: split on 。！？； and line breaks, quotes kept whole.

    A quotation that ends with its own stop (。” ！”) ends the sentence; an item opener
    (一是, 二是 …) after a colon starts a sentence of its own.
    """
    end = len(text) if end is None else end
    spans: list[tuple[int, int]] = []
    depth = 0
    s = start
    for m in _MARKS.finditer(text, start, end):
        i = m.start()
        if i < s:
            continue
        ch = text[i]
        if ch == "\n":
            spans.append((s, i))
            s = i + 1
            depth = 0
        elif ch in _OPEN:
            depth += 1
        elif ch in _CLOSE:
            depth = max(0, depth - 1)
            if depth == 0 and i > s and text[i - 1] in "。！？!?":
                spans.append((s, i + 1))
                s = i + 1
        elif ch in _ENDS:
            if depth == 0:
                j = i + 1
                while j < end and text[j] in _ENDS:
                    j += 1
                spans.append((s, j))
                s = j
        elif depth == 0 and _ITEM_AT.match(text, i + 1, min(i + 6, end)):  # ：一是
            spans.append((s, i + 1))
            s = i + 1
    if s < end:
        spans.append((s, end))
    out = []
    for a, b in spans:
        while a < b and text[a] in " \t\u3000":
            a += 1
        while b > a and text[b - 1] in " \t\u3000":
            b -= 1
        if b > a:
            out.append((a, b))
    return out


def item_marker(sentence: str) -> str:
    m = _ITEM.match(sentence)
    return m.group(1).rstrip("，,、") if m else ""


# -- headings -----------------------------------------------------------------------------------

@dataclass(slots=True)
class _Heading:
    numbering: Numbering
    level: int
    start: int  # paragraph start in text
    heading_start: int
    heading_end: int
    body_start: int


def _inline_heading_end(text: str, start: int, end: int) -> tuple[int, int]:
    """(end of heading, start of body) for a numbered paragraph text[start:end]."""
    depth = 0
    for i in range(start, end):
        ch = text[i]
        if ch in _OPEN:
            depth += 1
        elif ch in _CLOSE:
            depth = max(0, depth - 1)
        elif ch in "。！？" and depth == 0:
            body = i + 1
            return i, body
    return end, end


# the numberings that enumerate sentences (1. （1） ①, typed or a Word list's): 一、 and （一） items
# of one sentence are headings, the plan items of a 法治政府建设 report say (（二）推进镇街综合行政执法
# 改革，年底前在全部8个镇街设立综合执法队。), which `series` follows as commitments
_SENTENCE_SCHEMES = frozenset({"num", "num_paren", "circled"})


def _sentence_item(
    text: str, h_end: int, body: int, end: int, numbering: Numbering,
    stack: Sequence[tuple[str, int]], tables: Sequence[tuple[int, int]], marked: Mapping[int, int],
) -> bool:
    """Whether a numbered paragraph is an item of an enumeration of sentences, body text rather
    than a heading: it is one full sentence and nothing more (its words end in 。！？ at `h_end`
    with nothing after them on the line: `6.组织执法人员培训25场次，培训1800人次。`) and it has no
    body of its own: the next line (tables are the section's, passed over) is the next item of
    its numbering, a heading of a level already open, or the end of the text. A Word list
    numbering every sentence of a section made each a section headed by its whole sentence
    (user test s26 item 5). A heading that ends in a stop has its body below it (`（一）继续推进
    农村改革。` over its paragraphs, 137 headings of the corpus) or beside it (`（一）深化改革。
    2024年，…`), and stays one, as does the item after a heading of its numbering (its sibling).
    Only the numberings of sentences count (`_SENTENCE_SCHEMES`); typed numbers and Word's list
    numbers are read alike. `marked`: line starts of the headings
    the document marks (a heading of a level open above the item)."""
    if numbering.scheme not in _SENTENCE_SCHEMES:
        return False
    if not (h_end < end and text[h_end] in "。！？" and not text[body:end].strip()):
        return False
    if any(scheme == numbering.scheme and last == numbering.value - 1 for scheme, last in stack):
        return False  # the next of items that are headings ((６)继续发展群众办学。… then (７)…。)
    found = _next_line(text, end, tables)
    if found is None:
        return True
    at, nxt = found
    if at in marked:
        return True
    following = match_numbering(nxt[:12] + ("x" if len(nxt) > 12 else ""))
    if following is None:
        return False
    return following.scheme == numbering.scheme or any(scheme == following.scheme for scheme, _ in stack)


def _next_line(text: str, end: int, tables: Sequence[tuple[int, int]]) -> tuple[int, str] | None:
    """(start, stripped text) of the next non-blank line after the line ending at `end`, lines
    of `tables` passed over; None at the end of the text."""
    pos = end + 1
    while pos < len(text):
        nl = text.find("\n", pos)
        line_end = len(text) if nl < 0 else nl
        inside = any(start <= pos < stop for start, stop in tables)
        line = text[pos:line_end].strip()
        if line and not inside:
            return pos, line
        pos = line_end + 1
    return None


def find_headings(
    text: str, tables: Sequence[tuple[int, int]] = (), marked: Sequence[tuple[int, int]] = (),
    listed: Mapping[int, str] | None = None,
) -> list[_Heading]:
    """Numbered paragraphs that are headings, with their levels.

    Lines inside `tables` (spans in `text`) are table rows: their row labels (一、本年新收… /
    （一）予以公开) are never headings. `marked` are (line start, outline level 0–8) of the
    lines the document itself marks as headings (Word heading styles: `_marked_levels`): each
    is a heading, numbered or not, at the rank of its outline level, and a numbered paragraph
    the document does not mark (a typed （一）, a Word list item 1.) can only be a heading
    under one it marks, a level deeper.

    `listed` maps the line start of each item of an automatic Word list to its list level
    (`ListItem.level`). An item's level is its list level's: once an item of a list level is a
    heading at some depth under a marked heading, every later item of that list level is one
    at the same depth, however Word counted on (1. 2. 3. under 一, then 4. under 二, as one
    Word list runs on across a heading), as it would be had the list restarted at 1.
    """
    listed = listed or {}
    marked = [*marked, *_list_above_marked(text, marked, listed)]
    list_depth: dict[str, int] = {}  # list level → depth (below `base`) its items are headings at
    headings: list[_Heading] = []
    spans = sorted(tables)
    spans_all = list(spans)
    stack: list[tuple[str, int]] = []  # (scheme, last value) for each open level
    levels = _marked_levels(text, marked)
    base = 0  # level of the last marked heading: unmarked numbered ones go below it
    styled = 0  # unnumbered marked headings so far
    pos = 0
    length = len(text)
    while pos < length:
        nl = text.find("\n", pos)
        end = length if nl < 0 else nl
        while spans and spans[0][1] < pos:
            spans.pop(0)
        if spans and spans[0][0] <= pos < spans[0][1]:
            pos = end + 1
            continue
        numbering = match_numbering(text[pos : min(end, pos + 12)] + ("x" if end > pos + 12 else ""))
        if pos in levels:
            base = levels[pos]
            stack = []
            if numbering is None:
                styled += 1
                numbering = Numbering("styled", styled, "")
            h_start = pos + len(numbering.text)
            while h_start < end and text[h_start] in " \t\u3000":
                h_start += 1
            headings.append(_Heading(numbering, base, pos, h_start, *_inline_heading_end(text, h_start, end)))
        elif numbering is not None:
            h_start = pos + len(numbering.text)
            while h_start < end and text[h_start] in " \t\u3000":
                h_start += 1
            h_end, body = _inline_heading_end(text, h_start, end)
            heading = text[h_start:h_end].rstrip()
            list_level = listed.get(pos)
            plausible = (len(heading) <= HEADING_MAX and not heading.endswith(("；", ";", "，", ","))
                         and not _sentence_item(text, h_end, body, end, numbering, stack, spans_all, levels))
            depth = list_depth.get(list_level or "", 0)
            if plausible and depth and depth <= len(stack) + 1:
                del stack[depth - 1 :]  # an item of a list level whose items are headings
                stack.append((numbering.scheme, numbering.value))
                level = depth
            else:
                level = _place(stack, numbering, len(heading)) if plausible else 0
                if level and list_level:
                    list_depth.setdefault(list_level, level)
            if level:
                headings.append(_Heading(numbering, base + level, pos, h_start, h_end, body))
        else:
            bare = _bare_numbering(text[pos:end])
            if bare is not None:
                words = _bare_heading(text, end)
                level = _place(stack, bare, words[1] - words[0])
                if level:
                    headings.append(_Heading(bare, base + level, pos, *words))
        pos = end + 1
    if not headings:
        headings = _unnumbered_headings(text, spans_all)
    return headings


def _list_above_marked(
    text: str, marked: Sequence[tuple[int, int]], listed: Mapping[int, str]
) -> list[tuple[int, int]]:
    """(line start, outline level) of the items of each Word list level that ranks above the
    headings the document marks: its first item comes before the first marked heading, marked
    headings stand between its items, and every item reads as a heading (short, no stop). A
    report numbering its chapters with Word's list (List Number: 1. 2. 3.) and styling its
    sections Heading 2 has its chapters ranked above the sections, one outline level over the
    highest marked, as a list level ranks the same wherever its items stand (user test s26
    item 11: chapters 2 and 3 became children of the （二） section before them)."""
    if not marked or not listed:
        return []
    first_marked = min(start for start, _ in marked)
    top = min(outline for _, outline in marked)
    by_level: dict[str, list[int]] = {}
    for start, level in sorted(listed.items()):
        by_level.setdefault(level, []).append(start)
    found: list[tuple[int, int]] = []
    for starts in by_level.values():
        if len(starts) < 2 or starts[0] > first_marked:
            continue
        if not any(starts[0] < m < starts[-1] for m, _ in marked):
            continue
        lines = [text[a: (text.find("\n", a) + 1 or len(text) + 1) - 1] for a in starts]
        if all(len(line) <= HEADING_MAX and not re.search(r"[。！？；]", line) for line in lines):
            found += [(a, top - 1) for a in starts]
    return found


def _marked_levels(text: str, marked: Sequence[tuple[int, int]]) -> dict[int, int]:
    """Line start → section level (1 = the highest outline level the document uses) of the
    lines it marks as headings. A marked line that is the document's first line and the only
    one at its outline level is its title (a title styled 标题 1 over chapters styled 标题 2, or
    over typed 一、 chapters), not a section."""
    if not marked:
        return {}
    marked = sorted(marked)
    first_line = len(text) - len(text.lstrip())
    if marked[0][0] == first_line and sum(o == marked[0][1] for _, o in marked) == 1:
        marked = marked[1:]
    ranks = {outline: n for n, outline in enumerate(sorted({o for _, o in marked}), 1)}
    return {start: ranks[outline] for start, outline in marked}


# a numbering alone on its line (a chapter "一" of the 1950s-60s reports; "一、" whose heading a
# crawl or a PDF put on the next line)
_BARE = re.compile(
    rf"^[ \t\u3000]*((?:第[{_CN}百零〇]+(?:部分|章|篇|编|節|节))|[（(][{_CN}]{{1,3}}[)）]|[{_CN}]{{1,3}}[、．.]?)"
    r"[ \t\u3000]*$"
)


def _bare_numbering(line: str) -> Numbering | None:
    """The numbering of a line that holds nothing else (`一`, `二、`, `（三）`, `第四部分`)."""
    m = _BARE.match(line)
    if not m:
        return None
    written = m.group(1).strip()
    numbering = match_numbering(written + ("、" if written[-1] in _CN else "") + "x")
    return Numbering(numbering.scheme, numbering.value, written) if numbering else None


def _bare_heading(text: str, end: int) -> tuple[int, int, int]:
    """(heading start, heading end, body start) after a bare numbering line ending at `end`.

    The next line is the heading when it reads as one (short, no sentence-ending mark inside);
    otherwise the section has no heading words and its body starts there.
    """
    start = end + 1
    if start >= len(text):
        return end, end, end
    nl = text.find("\n", start)
    line_end = len(text) if nl < 0 else nl
    line = text[start:line_end].strip()
    numbered = match_numbering(line[:12] + "x") is not None or _BARE.match(line) is not None
    if line and not numbered and len(line) <= _UNNUMBERED_MAX and not re.search(r"[。！？；;!?]", line):
        return start, line_end, min(line_end + 1, len(text))
    return end, end, start  # the next line is the body, or a heading of its own (一、 ⏎ （一）…)


# An unnumbered heading: a short line with no punctuation between prose paragraphs, in a report
# that numbers none of its headings (State Council 1964, 1978: "加快社会主义经济建设"). Only
# looked for when no numbered heading exists, so a numbered report never gains one.
_UNNUMBERED_MAX = 30
_NOT_HEADING = re.compile(r"^(各位代表|同志们|代表们|朋友们)|万岁$")


def _unnumbered_headings(text: str, tables: Sequence[tuple[int, int]]) -> list[_Heading]:
    """Level-1 headings of a report without numbering: at least two such lines, else none."""
    lines: list[tuple[int, int]] = []
    spans = sorted(tables)
    pos = 0
    k = 0  # the first table span not yet passed: one pass, linear in lines and tables
    while pos < len(text):
        nl = text.find("\n", pos)
        end = len(text) if nl < 0 else nl
        while k < len(spans) and spans[k][1] <= pos:
            k += 1
        in_table = k < len(spans) and spans[k][0] <= pos
        if text[pos:end].strip() and not in_table:
            lines.append((pos, end))
        pos = end + 1
    found: list[_Heading] = []
    for k, (start, end) in enumerate(lines[:-1]):
        line = text[start:end].strip()
        following = text[lines[k + 1][0] : lines[k + 1][1]].strip()
        if (
            4 <= len(line) <= _UNNUMBERED_MAX
            and not re.search(r"[。！？；;!?：:]", line)
            and not _NOT_HEADING.search(line)
            and len(following) > len(line)
            and (len(following) >= 40 or following[-1] in "。！？；：")
        ):
            numbering = Numbering("unnumbered", len(found) + 1, "")
            found.append(_Heading(numbering, 1, start, start, end, min(end + 1, len(text))))
    return found if len(found) >= 2 else []


HEADING_MAX = 60  # longer, and the numbered paragraph is an enumerated statement, not a heading
RESTART_HEADING_MAX = 30  # a list restarting at 一、 with long "headings" is an enumeration


def _place(stack: list[tuple[str, int]], numbering: Numbering, heading_length: int = 0) -> int:
    """The level of a numbered paragraph, updating the open levels; 0 when not a heading."""
    scheme, value = numbering.scheme, numbering.value
    for depth in range(len(stack) - 1, -1, -1):
        open_scheme, last = stack[depth]
        if open_scheme != scheme:
            continue
        restart = value == 1 and heading_length <= RESTART_HEADING_MAX
        if last < value <= last + 2 or restart:
            del stack[depth + 1 :]
            stack[depth] = (scheme, value)
            return depth + 1
        return 0  # out of sequence: a figure at the start of a sentence, not a heading
    if value == 1 or (not stack and value <= 3):
        stack.append((scheme, value))
        return len(stack)
    return 0


# -- the tree -----------------------------------------------------------------------------------

def build_sections(
    text: str, simplified_of, tables: Sequence[tuple[int, int]] = (),
    marked: Sequence[tuple[int, int]] = (), listed: Mapping[int, str] | None = None,
) -> list[Section]:
    """The section tree of `text`, with sentences; `simplified_of(start, end)` gives the view.

    `tables` are spans of table rows in `text`: they belong to the section they sit in.
    `marked` are (line start, outline level) of lines the document marks as headings, `listed`
    line start → list level of the items of automatic lists (`find_headings`).
    """
    headings = find_headings(text, tables, marked, listed)
    roots: list[Section] = []
    lines = _Paragraphs(text)
    if not headings:
        whole = Section("1", 1, "", "", "", 0, len(text), 0, kind="whole")
        _fill_sentences(whole, text, 0, len(text), simplified_of, lines)
        return [whole] if text.strip() else []
    first = headings[0].start
    if text[:first].strip():
        pre = Section("0", 1, "", "", "", 0, first, 0, kind="preamble")
        _fill_sentences(pre, text, 0, first, simplified_of, lines)
        roots.append(pre)
    open_sections: list[Section] = []
    top_count = 0
    for h in headings:
        while open_sections and open_sections[-1].level >= h.level:
            open_sections.pop()
        level = len(open_sections) + 1
        parent = open_sections[-1] if open_sections else None
        if parent is None:
            top_count += 1
            sid = str(top_count)
            siblings = roots
        else:
            sid = f"{parent.id}.{len(parent.children) + 1}"
            siblings = parent.children
        heading = text[h.heading_start : h.heading_end].strip()
        section = Section(
            id=sid,
            level=level,
            number=h.numbering.text.strip(),
            heading=heading,
            heading_simplified=simplified_of(h.heading_start, h.heading_end).strip(),
            start=h.start,
            end=len(text),
            body_start=h.body_start,
            parent_id=parent.id if parent else None,
        )
        siblings.append(section)
        open_sections.append(section)
    # spans: a section ends where the next heading at its level or above starts (one pass with
    # a stack of the sections still open: linear in the number of sections)
    flat = [s for root in roots for s in root.walk() if s.kind == "heading"]
    still_open: list[Section] = []
    for section in flat:
        while still_open and still_open[-1].level >= section.level:
            still_open.pop().end = section.start
        still_open.append(section)
    for section in still_open:
        section.end = len(text)
    # numbered paragraphs whose heading ends with a sentence mark and nothing after it
    statements = {h.start: h.heading_start for h in headings if h.body_start > h.heading_end}
    for section in flat:
        own_end = section.children[0].start if section.children else section.end
        _fill_sentences(section, text, section.body_start, own_end, simplified_of, lines)
        if not section.sentences and not section.children and section.start in statements:
            # a numbered statement with nothing under it (（一）推进…，2024年底前实现…。 in a plan
            # list): its words are its content, so they are its sentence as well as its heading
            # (else a postponed or dropped item would show no change at all)
            section.body_start = statements[section.start]
            _fill_sentences(section, text, section.body_start, own_end, simplified_of, lines)
        section.end = _rstrip_newline(text, section.start, section.end)
        # a bare numbering line followed at once by the next heading (一、 ⏎ 一、) has no body
        section.body_start = min(section.body_start, section.end)
    return roots


class _Paragraphs:
    """How many newlines come before an offset, for offsets asked in document order: each
    stretch of text is counted once (counting from the start for every section made parsing
    quadratic in the number of sections: 100 MB took 231 s)."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.offset = 0
        self.count = 0

    def before(self, offset: int) -> int:
        if offset < self.offset:
            self.offset, self.count = 0, 0
        self.count += self.text.count("\n", self.offset, offset)
        self.offset = offset
        return self.count


def _rstrip_newline(text: str, start: int, end: int) -> int:
    while end > start and text[end - 1] == "\n":
        end -= 1
    return end


def _fill_sentences(
    section: Section, text: str, start: int, end: int, simplified_of, lines: _Paragraphs
) -> None:
    paragraph = lines.before(start)
    last = start
    n = 0
    for a, b in split_sentences(text, start, end):
        paragraph += text.count("\n", last, a)
        last = a
        n += 1
        sentence_text = text[a:b]
        section.sentences.append(
            Sentence(
                id=f"{section.id}/{n}",
                section_id=section.id,
                start=a,
                end=b,
                text=sentence_text,
                simplified=simplified_of(a, b),
                item=item_marker(sentence_text),
                paragraph=paragraph,
            )
        )
