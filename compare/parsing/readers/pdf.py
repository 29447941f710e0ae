"""Text PDFs → paragraphs, tables and the page furniture around them (pdfplumber).

pdfplumber (on pdfminer.six) gives every character with its position and finds ruled tables,
which a statistics table of a 政府信息公开工作年度报告 always is; pypdfium2 reads text faster
but finds no tables. Per page: tables are cut out and kept as tables, the remaining characters
are grouped into lines, lines at the top or bottom of a page that are page numbers
(`- 3 -`, `第 4 页 共 12 页`, `3/12`) or repeat on most pages (running headers and footers) are
furniture, and a line is joined to the one before when that one was full and this one is not
indented (a line wrapped mid-sentence, so `2.3亿元` is never split; after a full line ending a
sentence only where the document indents its paragraphs, `_indents_paragraphs`). A line is full when the first
unbreakable piece of the next line (a character with the punctuation that may not start a line,
or a Latin word or number) would not have fitted before the right margin: how a word processor
decides to wrap (UAX #14 line breaking; 避头 rules of GB/T 15834). The right margin is the 90th
percentile of where long lines end, not the furthest one, since a ragged right edge
(reportlab's CJK wrap, unjustified Word text) and punctuation hanging past the margin would
otherwise leave full lines a character short of it, each kept as a paragraph of its own.
A text cut every N characters (a text-to-PDF converter) is found by its line lengths
(`_fixed_count`): there a line of N characters is full whatever its width, so `同比增长12.3` ⏎
`%。` is one sentence and one figure. The document information's Title is kept apart
(`LoadedText.named_titles`): the report's title when the text has no title line.
"""

from __future__ import annotations

import io
import re
from collections import Counter
from dataclasses import dataclass, replace

from compare.errors import ReportError
from compare.parsing.readers.loaded import LoadedText, SpanCopy, TextBuilder
from compare.parsing.structure import match_numbering
from compare.text.patterns import lazy_compile

_PAGE_NUMBER = lazy_compile(
    r"^([-—–－﹣]\s*\d{1,4}\s*[-—–－﹣]|第\s*\d{1,4}\s*页(\s*[,，/]?\s*共\s*\d{1,4}\s*页)?|"
    r"\d{1,4}\s*/\s*\d{1,4}|共\s*\d{1,4}\s*页\s*第\s*\d{1,4}\s*页|\d{1,4}|[Pp]age\s*\d+(\s*of\s*\d+)?)$"
)
_EDGE = 0.09  # top and bottom share of the page height where headers and footers sit
_ENDS = "。！？；：!?;:"
# may not start a line (GB/T 15834 避头): kept with the character before it when wrapping
_NO_LINE_START = "，。、；：？！）》」』】〕”’…—,.;:?!)]}%·"
_CLOSING = "，。、；：？！）》」』】〕”’,;:?!)]}"
_OPENING = "“‘《（(「『【〔[{"
_WORD = lazy_compile(r"[A-Za-z0-9.%'+/-]")
_PUNCTUATION = lazy_compile(r"[，。、；：？！,;:?!]")
_SENTENCE_END = lazy_compile("[。！？；]")


@dataclass(slots=True)
class _Line:
    page: int
    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float  # median character size, points
    edge: bool  # in the top or bottom band of the page
    lead: float = 0.0  # width of the line's first unbreakable piece, points (inf: a closing mark)
    table: list[list[str]] | None = None  # this "line" is a table


def _furniture_key(text: str) -> str:
    return re.sub(r"\d+", "#", re.sub(r"\s+", "", text))


def read_pdf(data: bytes, path: str) -> LoadedText:
    """Paragraphs and tables of a text PDF; `ReportError` for a damaged, locked or scanned one."""
    import pdfplumber  # deferred: pdfminer is heavy and only PDFs need it
    from pdfminer.pdfdocument import (  # with pdfplumber
        PDFEncryptionError,
        PDFPasswordIncorrect,
    )

    lines: list[_Line] = []
    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            named = _info_title(pdf.metadata)
            pages = len(pdf.pages)
            chars = 0
            for number, page in enumerate(pdf.pages):
                chars += len(page.chars)
                lines.extend(_page_lines(page, number))
    except (PDFPasswordIncorrect, PDFEncryptionError):
        raise ReportError(path, "is a password-protected PDF (save an unprotected copy)") from None
    except ReportError:
        raise
    except Exception as err:  # pdfminer raises many kinds (PSEOF, PDFSyntaxError, …)
        raise ReportError(path, f"damaged PDF ({type(err).__name__}: {err})") from None
    if chars == 0 or not any(line.text.strip() or line.table for line in lines):
        raise ReportError(
            path, f"is a scanned PDF with no text layer ({pages} pages of images): "
            "run OCR on it or find the text version"
        )
    loaded = _assemble(lines, pages)
    return replace(loaded, named_titles=(named,)) if named else loaded


def _info_title(info: dict) -> str:
    """The Title of the document information dictionary (PDF 32000-1 §14.3.3), whitespace
    squashed; "" when it is absent or not text. Word and WPS write the document's title or
    file name there (`Microsoft Word - 报告.docx`); `cleaning.title_from_name` reads it."""
    value = (info or {}).get("Title")
    if isinstance(value, bytes):  # pdfminer leaves bytes it could not decode
        value = value.decode("utf-16") if value[:2] in (b"\xfe\xff", b"\xff\xfe") else ""
    return " ".join(value.split()) if isinstance(value, str) else ""


def _page_lines(page, number: int) -> list[_Line]:
    height = float(page.height) or 1.0
    tables = page.find_tables()
    boxes = [t.bbox for t in tables]

    def outside(obj) -> bool:
        cx = (obj["x0"] + obj["x1"]) / 2
        cy = (obj["top"] + obj["bottom"]) / 2
        return not any(x0 <= cx <= x1 and top <= cy <= bottom for x0, top, x1, bottom in boxes)

    text_page = page.filter(outside) if boxes else page
    out: list[_Line] = []
    # a gap under half a character is no space: justified Chinese lines (两端对齐) spread their
    # characters apart; real spaces between Latin words are characters of their own and kept
    for item in text_page.extract_text_lines(return_chars=True, strip=True, x_tolerance_ratio=0.5,
                                             keep_blank_chars=True):
        chars = item.get("chars") or []
        sizes = sorted(c.get("size", 0) for c in chars) or [0.0]
        top, bottom = float(item["top"]), float(item["bottom"])
        out.append(_Line(
            number, _tracked_text(chars) or item["text"], float(item["x0"]), float(item["x1"]),
            top, bottom,
            float(sizes[len(sizes) // 2]),
            edge=bottom < height * _EDGE * 1.6 or top > height * (1 - _EDGE),
            lead=_lead_width(chars),
        ))
    for table in tables:
        x0, top, x1, bottom = table.bbox
        out.append(_Line(number, "", x0, x1, top, bottom, 0.0, False, table=_table_grid(table)))
    out.sort(key=lambda line: (line.top, line.x0))
    return out


_SPACE_GAP = 0.5  # of the character's size: a wider gap than the line's tracking is a space
_TRACKED_SHARE = 0.6  # share of a line's gaps that must equal its tracking
_TRACKING_SLACK = 0.1  # of the character's size: how far a gap may be from the tracking


def _tracked_text(chars: list[dict]) -> str:
    """The text of a letter-spaced line (character spacing, `Tc`, as justified or spread-out
    PDFs set: every gap between characters the same width, reportlab's `setCharSpace`, Word's
    expanded spacing), read as its words; "" when the line is not letter-spaced.

    pdfplumber writes a space wherever a gap is wider than `x_tolerance_ratio` × the
    character's size, so a tracking of half a character or more splits `12344公里` into
    `123 44公里`, by the rounding of each gap. Here the tracking is the median gap between the
    line's characters (their x0/x1 positions, points) when at least `_TRACKED_SHARE` of the
    gaps are within `_TRACKING_SLACK` × size of it, and a space is written only where a gap
    exceeds the tracking by `_SPACE_GAP` × size (the same rule as on an untracked line); space
    characters of the PDF's own are kept."""
    inked = [c for c in chars if c.get("text", "").strip()]
    gaps = [float(b["x0"]) - float(a["x1"]) for a, b in zip(inked, inked[1:])]
    if len(gaps) < 3:
        return ""
    tracking = sorted(gaps)[len(gaps) // 2]
    size = sorted(float(c.get("size") or 0) for c in inked)[len(inked) // 2]
    if size <= 0 or tracking < _TRACKING_SLACK * size:
        return ""
    if sum(abs(g - tracking) <= _TRACKING_SLACK * size for g in gaps) < _TRACKED_SHARE * len(gaps):
        return ""
    out: list[str] = []
    previous: dict | None = None
    for c in chars:
        text = c.get("text", "")
        if not text.strip():
            out.append(text)
            previous = None
            continue
        if previous is not None and float(c["x0"]) - float(previous["x1"]) > tracking + _SPACE_GAP * float(
            previous.get("size") or size
        ):
            out.append(" ")
        out.append(text)
        previous = c
    return "".join(out).strip()


def _lead_width(chars: list[dict]) -> float:
    """Width in points of a line's first unbreakable piece: its first character, or its first
    Latin word or number, with the opening marks before it and the punctuation that may not
    start a line after it."""
    chars = [c for c in chars if c.get("text", "").strip()]
    if not chars:
        return 0.0
    if chars[0]["text"] in _CLOSING:  # no paragraph starts with a closing mark: a wrapped line
        return float("inf")
    start = 0  # marks that may not end a line (避尾) go down with what follows them
    while start < len(chars) - 1 and chars[start]["text"] in _OPENING:
        start += 1
    end = start + 1
    if _WORD.match(chars[start]["text"]):
        while end < len(chars) and _WORD.match(chars[end]["text"]):
            end += 1
    while end < len(chars) and chars[end]["text"] in _NO_LINE_START:
        end += 1
    return float(chars[end - 1]["x1"]) - float(chars[0]["x0"])


def _table_grid(table) -> list[list[str]]:
    """Cell texts on the table's grid, a merged cell repeated into every position it covers."""
    cells = [c for c in table.cells]
    texts = table.extract(x_tolerance_ratio=0.5)
    flat: dict[tuple, str] = {}
    for row, values in zip(table.rows, texts):
        for bbox, value in zip(row.cells, values):
            if bbox is not None:
                flat[tuple(bbox)] = "".join((value or "").split())
    xs = sorted({round(c[0], 1) for c in cells} | {round(c[2], 1) for c in cells})
    ys = sorted({round(c[1], 1) for c in cells} | {round(c[3], 1) for c in cells})
    grid = [["" for _ in xs[:-1]] for _ in ys[:-1]]
    for cell in cells:
        text = flat.get(tuple(cell), "")
        for r in range(len(ys) - 1):
            if ys[r] >= round(cell[1], 1) and ys[r + 1] <= round(cell[3], 1):
                first = True
                for c in range(len(xs) - 1):
                    if xs[c] >= round(cell[0], 1) and xs[c + 1] <= round(cell[2], 1):
                        grid[r][c] = text if first else SpanCopy(text)
                        first = False
    return [row for row in grid if any(row)]


def _assemble(lines: list[_Line], pages: int) -> LoadedText:
    # running headers and footers: the same edge line (digits aside) on most pages
    edge_pages: dict[str, set[int]] = {}
    for line in lines:
        if line.edge and line.table is None:
            edge_pages.setdefault(_furniture_key(line.text), set()).add(line.page)
    repeated = {key for key, on in edge_pages.items() if len(on) >= max(2, pages * 0.5)}

    def is_furniture(line: _Line) -> bool:
        if line.table is not None or not line.edge:
            return False
        compact = re.sub(r"\s+", "", line.text)
        return bool(_PAGE_NUMBER.match(compact)) or _furniture_key(line.text) in repeated

    body = [line for line in lines if line.table is None and not is_furniture(line)]
    left = _left_margin(body)
    right = _right_margin(body, left)
    size = _mode([round(line.size) for line in body]) if body else 10
    count = _fixed_count(body, right, size)
    headings = _heading_lines(body, count) if count else set()
    indents = _indents_paragraphs(body, left, right, size, count)

    def full(previous: _Line, line: _Line) -> bool:
        """The previous line was filled and `line` goes on with it: by width; in a fixed-count
        layout by characters alone, unless the full line is a heading: a numbered line without
        a punctuation mark that happens to have the count, of a numbering its document uses for
        headings (（六）着力全面深化改革扩大高水平对外开放), goes on only into its own short rest."""
        if count:  # a line of fewer characters ended its paragraph, whatever its width
            if len(previous.text) < count:
                return False
            if id(previous) in headings and line.lead != float("inf"):
                # a heading's own rest is short and has no sentence end: （三）…现代化产业 ⏎ 体系
                return len(line.text) < count and not _SENTENCE_END.search(line.text) \
                    and not match_numbering(line.text)
            return True  # even before a numbering: 第 ⏎ 一、二、三产业 (unless after a sentence end)
        return previous.x1 + max(line.lead, 0.5 * size) > right - 0.5 * max(size, 1)

    out = TextBuilder()
    paragraph: list[str] = []
    previous: _Line | None = None

    pending: list[list[str]] = []  # a table, held in case it goes on after a page break

    def flush() -> None:
        if paragraph:
            out.line(_join(paragraph))
            paragraph.clear()
        if pending:
            out.table(list(pending))
            pending.clear()

    for line in lines:
        if line.table is not None:
            # a table that goes on on the next page, same columns, nothing but furniture between
            continues = bool(pending) and not paragraph and bool(line.table) and \
                len(line.table[0]) == len(pending[0])
            if not continues:
                flush()
            pending.extend(line.table)
            previous = None
            continue
        if is_furniture(line):
            out.furniture_line(line.text)
            continue
        wrapped = (
            previous is not None
            and full(previous, line)
            and line.x0 <= left + 0.5 * max(size, 1)
            # a full line ending a sentence ends its paragraph, unless paragraphs are indented
            # and this line is not: 审核制度。⏎ 全年组织… (the sentence ended at the margin)
            and (previous.text[-1:] not in "。！？" or indents)
            and not (previous is not None and _opens_heading(previous, line, paragraph))
            and (line.page != previous.page or line.top - previous.bottom < 1.5 * max(size, 1))
            # a wrapped line keeps its type size: a title over the first paragraph is no wrap
            and abs(line.size - previous.size) < 0.15 * max(size, 1)
        )
        if not wrapped:
            flush()
        elif count and paragraph:  # a cut at a count, not at a space: Essential Science In ⏎ dicators
            paragraph[-1] += line.text
            previous = line
            continue
        paragraph.append(line.text)
        previous = line
    flush()
    return LoadedText(out.text, "pdf", "pdf", tables=out.tables, furniture=out.furniture,
                      pages=pages)


# a numeral at a line start that belongs to the line before: 第 ⏎ 一、二、三产业, 一、 ⏎ 二、三产业
_ORDINAL_BEFORE = "第、"
# numerals listed, not a numbering: 一、二、三产业, 1、2月份, （一）至（三）项
_ENUMERATION = lazy_compile(r"[一二三四五六七八九十]{1,3}[、，,和及至]|\d{1,2}(?:[、，,和及至]|月)|[至和及、]")
# what no title or heading holds: a paragraph with it is prose, wrapped anywhere (统 ⏎ 一、…)
_PROSE_MARK = lazy_compile(r"[，。、；：！？,;:!?]")
# a sentence closed by an aside in brackets: …枉费心机。（长时间地热烈鼓掌）
_ENDED_ASIDE = lazy_compile(r"[。！？][（(][^（()）]{1,20}[)）]$")


def _opens_heading(previous: _Line, line: _Line, paragraph: list[str]) -> bool:
    """Whether `line` opens a numbered heading or item (一、…, （一）…, 第一章…, 1.…) and so starts
    a paragraph of its own, though the line before (`previous`, the last of `paragraph`) was
    full: after a sentence end (also one closed by a bracketed aside), and after a paragraph
    with no punctuation at all, which is a title or a heading that filled its line, in the
    body's size at the left margin (某某市人民政府2022年法治政府建设情况报告 ⏎ 一、主要工作;
    （一）…filling its line ⏎ 1.…). In prose a numeral may start a wrapped line anywhere (和平统 ⏎
    一、一国两制; 增长 ⏎ １８．６％), so there it goes on; and so do numerals that go on with the
    line before: after 第 or 、 (第 ⏎ 一、二、三产业), listed (一、二、三产业, 1、2月份), or a
    decimal (１８．６％ is no item １８．)."""
    numbering = match_numbering(line.text)
    if numbering is None:
        return False
    rest = line.text[len(numbering.text):].lstrip()
    if numbering.scheme in ("num", "num_paren") and rest[:1].isdigit():
        return False
    if previous.text[-1:] in _ENDS:
        return True
    if not _ENDED_ASIDE.search(previous.text) and _PROSE_MARK.search("".join(paragraph)):
        return False
    if previous.text[-1:] in _ORDINAL_BEFORE:
        return False
    return not _ENUMERATION.match(rest)


def _indents_paragraphs(body: list[_Line], left: float, right: float, size: float,
                        count: int) -> bool:
    """Whether the document starts its paragraphs indented (首行缩进两字, GB/T 9704): of the
    lines that follow a short line (a paragraph's or a heading's end) and are no numbered
    heading, at least three and `_INDENTED_SHARE` start more than half a character right of
    the left margin. Then a line at the margin goes on with the full line before it even when
    that one ends a sentence (user test s25b item 11: a paragraph whose first sentence filled
    its line exactly was read as two paragraphs)."""
    starts = [
        line.x0 > left + 0.5 * max(size, 1)
        for before, line in zip(body, body[1:])
        if match_numbering(line.text) is None and line.page == before.page
        and (len(before.text) < count if count else before.x1 < right - 1.5 * max(size, 1))
    ]
    return len(starts) >= 3 and sum(starts) >= _INDENTED_SHARE * len(starts)


_INDENTED_SHARE = 0.8


def _left_margin(body: list[_Line]) -> float:
    """Where lines start when they are not indented, points: the leftmost start shared by at
    least a fifth as many lines as the most common start (and by two). The most common start
    alone is the first-line indent (缩进两字) of a report whose paragraphs are mostly one or two
    lines, and then a paragraph after a full line would be read as its wrapped continuation."""
    if not body:
        return 0.0
    starts = Counter(round(line.x0) for line in body)
    most = starts.most_common(1)[0][1]
    return float(min(x for x, n in starts.items() if n >= max(2, 0.2 * most) or n == most))


def _right_margin(body: list[_Line], left: float) -> float:
    """Where full lines end, points: the 90th percentile of the ends of the lines reaching past
    the middle of the text block (measured on reportlab CJK-wrapped pages, whose full lines end
    up to a character short of the margin and a few hang punctuation past it)."""
    furthest = max((line.x1 for line in body), default=0.0)
    long = sorted(line.x1 for line in body if line.x1 > (left + furthest) / 2)
    return long[int(len(long) * 0.9)] if long else furthest


def _fixed_count(body: list[_Line], right: float, size: float) -> int:
    """Characters a line holds when the text was wrapped at a fixed count (a text-to-PDF
    converter cutting every line after N characters, half-width digits and letters counted as
    one, so a full line holding figures ends short of the margin); 0 when it was not.

    Such a layout has a common line length no line exceeds: at least three lines and a fifth of
    the lines hold exactly N characters (10 or more), and at most one line in twenty of those
    (a title drawn apart) holds more; and some of those lines (two, and a tenth) end more than
    a character and a half short of the right margin, where width alone would end paragraphs.
    Text wrapped by width has lines of figures longer in characters than its lines of Chinese,
    and where it has no figures (a 1950s report) its full lines all reach the margin, so it
    never passes (measured on the 85 corpus reports printed as 255 PDFs by
    `tests/support/documents.py`: every one reads as before)."""
    lengths = Counter(len(line.text) for line in body if line.text.strip())
    if not lengths:
        return 0
    n, at = lengths.most_common(1)[0]
    longer = sum(k for length, k in lengths.items() if length > n)
    if n < 10 or at < max(3, 0.2 * sum(lengths.values())) or longer > at / 20:
        return 0
    short = sum(1 for line in body if len(line.text) == n and line.x1 < right - 1.5 * max(size, 1))
    return n if short >= max(2, 0.1 * at) else 0


def _heading_lines(body: list[_Line], count: int) -> set[int]:
    """`id`s of the lines of a fixed-count layout that are headings although they have the
    count: numbered, without a punctuation mark (（六）着力全面深化改革扩大高水平对外开放), and
    numbered as their nearest sibling (the closest line of the same numbering, the one before,
    else the one after) that is plainly a heading: short of the count with no sentence end
    (（五）着力…), not the first line of a numbered paragraph holding one (（四）用心用情办好
    群众关心事操心事。把…, whose next sibling's first line may fill the count before its first
    punctuation mark)."""
    numbered = [(k, n.scheme) for k, line in enumerate(body)
                if (n := match_numbering(line.text)) is not None]
    plain: dict[int, bool] = {}  # body index → heading (True) or paragraph (False)
    ambiguous: list[tuple[int, str]] = []
    for k, scheme in numbered:
        text = body[k].text
        if _SENTENCE_END.search(text):
            plain[k] = False
        elif len(text) < count:
            plain[k] = True
        elif not _PUNCTUATION.search(text):
            ambiguous.append((k, scheme))
    out: set[int] = set()
    for k, scheme in ambiguous:
        before = [j for j, s in numbered if s == scheme and j < k and j in plain]
        after = [j for j, s in numbered if s == scheme and j > k and j in plain]
        sibling = before[-1] if before else after[0] if after else None
        if sibling is not None and plain[sibling]:
            out.add(id(body[k]))
    return out


def _mode(values: list[int]) -> int:
    return Counter(values).most_common(1)[0][0]


_LATIN_TAIL = lazy_compile(r"(^|\s)[A-Za-z0-9'-]+$")


def _join(parts: list[str]) -> str:
    """Wrapped lines joined: nothing between Chinese characters, nor inside a Latin word wrapped
    after a Chinese character (村BA); a space between words of Latin text (… Positioning System)."""
    text = parts[0]
    for part in parts[1:]:
        if part[:1].isascii() and part[:1].isalpha() and _LATIN_TAIL.search(text[-40:]) \
                and " " in text[-40:]:
            text += " " + part
        else:
            text += part
    return text
