"""Word .docx → text as Word shows it, with its tables.

The package is opened with zipfile and lxml (python-docx, which tests use to write .docx,
rejects packages Word and WPS open — missing content types, odd part names — and renders
neither numbering nor tracked changes, so reading goes through the XML directly), and the
body is read as Word renders it:

- automatic numbering from `numbering.xml` (ECMA-376 Part 1 §17.9): `lvlText` patterns such
  as `%1、` and `（%2）`, number formats (chineseCounting, decimal, letters, roman, circled,
  甲乙丙 …), counters shared by the list instances of one abstract numbering, `startOverride`
  restarts, deeper levels restarting under a higher one, numbering given by a paragraph style;
- tracked changes accepted: `w:ins` and `w:moveTo` in, `w:del` and `w:moveFrom` out;
- `mc:AlternateContent` read once (its `mc:Choice`, else its `mc:Fallback`), so a text box
  drawn both ways appears once, after the paragraph that anchors it;
- headings as the document marks them: a paragraph with an outline level (its own
  `w:outlineLvl`, its style's, or a built-in Heading 1–9 / 标题 1–9 style) is a
  `MarkedHeading`, numbered or not;
- tables as tables (`w:gridSpan` and `w:vMerge` expanded); headers, footers, footnotes and
  comments are other parts and never reach the body;
- the titles the document names apart from its lines (`LoadedText.named_titles`): its first
  paragraph in Word's Title style (标题) and the title of its core properties
  (`docProps/core.xml`, Dublin Core `dc:title`, ECMA-376 Part 2 §11), which metadata uses
  only when the text has no title line.
"""

from __future__ import annotations

import io
import posixpath
import re
import zlib
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from compare.errors import ReportError
from compare.files.reading import size_limit, too_large
from compare.parsing.readers.loaded import LoadedText, SpanCopy, TextBuilder

if TYPE_CHECKING:
    import zipfile

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_STRICT_W = b"http://purl.oclc.org/ooxml/wordprocessingml/main"
_MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
_SKIP_RUN = frozenset(
    _W + t for t in ("del", "moveFrom", "instrText", "delText", "delInstrText", "footnoteReference",
                     "endnoteReference", "commentReference", "pPr", "rPr", "sectPr", "fldData")
)
_TEXT_BOX = frozenset({_W + "txbxContent"})


# -- number formats -----------------------------------------------------------------------------

_CN_DIGITS = "零一二三四五六七八九"
_CN_LEGAL = "零壹贰叁肆伍陆柒捌玖"


def chinese_counting(n: int, digits: str = _CN_DIGITS, units: str = "十百千") -> str:
    """1 → 一, 10 → 十, 11 → 十一, 21 → 二十一, 105 → 一百零五 (as Word's chineseCounting)."""
    if n <= 0:
        return str(n)
    if n >= 10000:
        return str(n)
    out = []
    parts = [(n // 1000, units[2]), (n // 100 % 10, units[1]), (n // 10 % 10, units[0]), (n % 10, "")]
    zero = False
    started = False
    for value, unit in parts:
        if value == 0:
            zero = started
            continue
        if zero:
            out.append(digits[0])
            zero = False
        out.append(digits[value] + unit)
        started = True
    text = "".join(out)
    if 10 <= n < 20 and digits is _CN_DIGITS:
        text = text[1:]  # 十一, not 一十一
    return text


def _letters(n: int) -> str:
    # Word repeats the letter: 27 → aa
    return chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1) if n > 0 else str(n)


def _roman(n: int) -> str:
    if not 0 < n < 4000:
        return str(n)
    out = []
    for value, sym in ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"),
                       (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")):
        while n >= value:
            out.append(sym)
            n -= value
    return "".join(out)


_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
_HEAVENLY = "甲乙丙丁戊己庚辛壬癸"
_ZODIAC = "子丑寅卯辰巳午未申酉戌亥"


def format_number(n: int, fmt: str) -> str:
    """A counter value in one of Word's `w:numFmt` formats; "" for bullets and none."""
    if fmt in ("bullet", "none"):
        return ""
    if fmt in ("chineseCounting", "chineseCountingThousand", "japaneseCounting",
               "taiwaneseCounting", "taiwaneseCountingThousand", "ideographDigital"):
        return chinese_counting(n)
    if fmt in ("chineseLegalSimplified", "ideographLegalTraditional"):
        return chinese_counting(n, _CN_LEGAL, "拾佰仟")
    if fmt == "lowerLetter":
        return _letters(n)
    if fmt == "upperLetter":
        return _letters(n).upper()
    if fmt == "lowerRoman":
        return _roman(n)
    if fmt == "upperRoman":
        return _roman(n).upper()
    if fmt in ("decimalEnclosedCircle", "decimalEnclosedCircleChinese") and 0 < n <= 20:
        return _CIRCLED[n - 1]
    if fmt == "ideographTraditional" and 0 < n <= 10:
        return _HEAVENLY[n - 1]
    if fmt == "ideographZodiac" and 0 < n <= 12:
        return _ZODIAC[n - 1]
    if fmt == "decimalFullWidth":
        return str(n).translate({ord(d): 0xFF10 + int(d) for d in "0123456789"})
    if fmt == "decimalZero":
        return f"{n:02d}"
    return str(n)


# -- numbering.xml ------------------------------------------------------------------------------

@dataclass(slots=True)
class _Level:
    start: int = 1
    fmt: str = "decimal"
    text: str = ""
    restart: int | None = None  # w:lvlRestart: restart after this level (1-based); 0 never
    legal: bool = False  # w:isLgl: every number shown in decimal
    suffix: str = "tab"


@dataclass(slots=True)
class _Numbering:
    abstract: dict[str, dict[int, _Level]] = field(default_factory=dict)
    nums: dict[str, str] = field(default_factory=dict)  # numId → abstractNumId
    overrides: dict[str, dict[int, int]] = field(default_factory=dict)  # numId → ilvl → start
    style_links: dict[str, str] = field(default_factory=dict)  # abstractNumId → numStyleLink
    counters: dict[str, dict[int, int]] = field(default_factory=dict)  # abstractNumId → values
    started: set[str] = field(default_factory=set)  # numIds already used

    def level_key(self, num_id: str, ilvl: int) -> str:
        """The list level a paragraph of list `num_id` at `ilvl` counts in: its abstract
        numbering (whose counters its list instances share) and the level (`"3:0"`)."""
        return f"{self.nums.get(num_id, '')}:{ilvl}"

    def label(self, num_id: str, ilvl: int) -> str:
        """The number Word shows for the next paragraph of list `num_id` at level `ilvl`."""
        abstract_id = self.nums.get(num_id)
        levels = self.abstract.get(abstract_id or "")
        if not levels or ilvl not in levels:
            return ""
        assert abstract_id is not None
        counters = self.counters.setdefault(abstract_id, {})
        if num_id not in self.started:
            self.started.add(num_id)
            for restarted, first in self.overrides.get(num_id, {}).items():
                counters[restarted] = first - 1  # restart: the next paragraph shows `first`
                for deeper in [k for k in counters if k > restarted]:
                    del counters[deeper]
        level = levels[ilvl]
        counters[ilvl] = counters.get(ilvl, level.start - 1) + 1
        for deeper in [k for k in counters if k > ilvl]:
            restart = levels[deeper].restart if deeper in levels else None
            if restart is None or (restart and restart - 1 >= ilvl):
                del counters[deeper]
        if level.fmt == "bullet":
            return ""

        def value(m: re.Match[str]) -> str:
            k = int(m.group(1)) - 1
            lv = levels.get(k, _Level())
            n = counters.get(k, lv.start)
            return str(n) if level.legal and k < ilvl else format_number(n, lv.fmt)

        text = re.sub(r"%([1-9])", value, level.text)
        if not text:
            return ""
        if level.suffix == "space" or (level.suffix == "tab" and text[-1].isascii()):
            return text + " "
        return text


def _val(el, name: str) -> str | None:
    child = el.find(_W + name) if el is not None else None
    return child.get(_W + "val") if child is not None else None


def _read_numbering(root) -> _Numbering:
    numbering = _Numbering()
    if root is None:
        return numbering
    for abstract in root.iter(_W + "abstractNum"):
        levels: dict[int, _Level] = {}
        for lvl in abstract.iter(_W + "lvl"):
            try:
                ilvl = int(lvl.get(_W + "ilvl") or 0)
                start = int(_val(lvl, "start") or 1)
                restart = _val(lvl, "lvlRestart")
                levels[ilvl] = _Level(
                    start=start,
                    fmt=_val(lvl, "numFmt") or "decimal",
                    text=_val(lvl, "lvlText") or "",
                    restart=int(restart) if restart is not None else None,
                    legal=lvl.find(_W + "isLgl") is not None,
                    suffix=_val(lvl, "suff") or "tab",
                )
            except ValueError:
                continue
        abstract_id = abstract.get(_W + "abstractNumId") or ""
        numbering.abstract[abstract_id] = levels
        link = _val(abstract, "numStyleLink")
        if link:
            numbering.style_links[abstract_id] = link
    for num in root.iter(_W + "num"):
        num_id = num.get(_W + "numId") or ""
        numbering.nums[num_id] = _val(num, "abstractNumId") or ""
        for override in num.iter(_W + "lvlOverride"):
            first = _val(override, "startOverride")
            if first is not None and first.lstrip("-").isdigit():
                ilvl = int(override.get(_W + "ilvl") or 0)
                numbering.overrides.setdefault(num_id, {})[ilvl] = int(first)
    return numbering


def _style_numbering(styles_root) -> dict[str, tuple[str | None, int | None, str | None]]:
    """styleId → (numId, ilvl, basedOn) for paragraph styles."""
    out: dict[str, tuple[str | None, int | None, str | None]] = {}
    if styles_root is None:
        return out
    for style in styles_root.iter(_W + "style"):
        num_pr = style.find(f"{_W}pPr/{_W}numPr")
        ilvl = _val(num_pr, "ilvl")
        out[style.get(_W + "styleId") or ""] = (
            _val(num_pr, "numId"),
            int(ilvl) if ilvl and ilvl.isdigit() else None,
            _val(style, "basedOn"),
        )
    return out


# Word's built-in heading styles by name, in English and as Chinese Word and WPS name them; a
# style of this name that states no outline level has the one Word gives it (Heading 1 → 0)
_HEADING_NAME = re.compile(r"^(?:heading|标题)\s*([1-9])$", re.IGNORECASE)


# Word's built-in Title style (shown as 标题 in Chinese Word; WPS may name it so)
_TITLE_NAME = re.compile(r"^(?:title|标题)$", re.IGNORECASE)
_DC_TITLE = "{http://purl.org/dc/elements/1.1/}title"


def _title_styles(styles_root) -> frozenset[str]:
    """styleIds of the paragraph styles that are Word's Title style (by name or id)."""
    if styles_root is None:
        return frozenset()
    return frozenset(
        style.get(_W + "styleId") or "" for style in styles_root.iter(_W + "style")
        if style.get(_W + "type") in (None, "paragraph")
        and (_TITLE_NAME.match((_val(style, "name") or "").strip())
             or (style.get(_W + "styleId") or "").lower() == "title")
    )


def _core_title(core_root) -> str:
    """The `dc:title` of the core properties part, whitespace squashed ("" when none)."""
    if core_root is None:
        return ""
    found = core_root.find(_DC_TITLE)
    return " ".join((found.text or "").split()) if found is not None else ""


def _style_outlines(styles_root) -> dict[str, int]:
    """styleId → outline level (0 = Heading 1 … 8 = Heading 9) of the paragraph styles that
    make a heading: `w:outlineLvl` of the style or of a style it is based on, else the level of
    a built-in heading style's name (`heading 2`, `标题 2`). Level 9 is body text (ECMA-376
    Part 1 §17.3.1.20): left out, as is every style without a level."""
    own: dict[str, int | None] = {}
    based: dict[str, str | None] = {}
    if styles_root is None:
        return {}
    for style in styles_root.iter(_W + "style"):
        if style.get(_W + "type") not in (None, "paragraph"):
            continue
        style_id = style.get(_W + "styleId") or ""
        written = _val(style.find(_W + "pPr"), "outlineLvl")
        named = _HEADING_NAME.match((_val(style, "name") or "").strip())
        if written is not None and written.isdigit():
            own[style_id] = int(written)
        elif named:
            own[style_id] = int(named.group(1)) - 1
        else:
            own[style_id] = None
        based[style_id] = _val(style, "basedOn")
    out: dict[str, int] = {}
    for style_id in own:
        seen: set[str] = set()
        current: str | None = style_id
        while current is not None and current not in seen and own.get(current) is None:
            seen.add(current)
            current = based.get(current)
        found = own.get(current) if current is not None else None
        if found is not None and 0 <= found <= 8:
            out[style_id] = found
    return out


# -- the body -----------------------------------------------------------------------------------

def _follow_style_links(numbering: _Numbering, styles: dict) -> None:
    """A list whose abstract numbering only names a numbering style (`w:numStyleLink`) uses the
    levels, and the counters, of the numbering that style points to."""
    for num_id, abstract_id in list(numbering.nums.items()):
        seen = set()
        while abstract_id in numbering.style_links and abstract_id not in seen:
            seen.add(abstract_id)
            target_num = styles.get(numbering.style_links[abstract_id], (None, None, None))[0]
            target = numbering.nums.get(target_num or "")
            if target is None:
                break
            abstract_id = target
        numbering.nums[num_id] = abstract_id


class _Reader:
    def __init__(self, numbering: _Numbering, styles: dict, outlines: dict[str, int],
                 title_styles: frozenset[str] = frozenset()) -> None:
        _follow_style_links(numbering, styles)
        self.numbering = numbering
        self.styles = styles
        self.outlines = outlines
        self.title_styles = title_styles
        self.title = ""  # the text of the first paragraph in the Title style
        self.out = TextBuilder()

    def block(self, el) -> None:
        for child in el:
            tag = child.tag
            if tag == _W + "p":
                self.paragraph(child)
            elif tag == _W + "tbl":
                self.out.table(self.table(child))
            elif tag in (_W + "sdt", _W + "customXml", _W + "ins", _W + "moveTo"):
                content = child.find(_W + "sdtContent")
                self.block(content if content is not None else child)
            elif tag == _MC + "AlternateContent":
                chosen = _alternate(child)
                if chosen is not None:
                    self.block(chosen)

    def number_of(self, p) -> tuple[str, str]:
        """(the number Word shows before the paragraph, its list level `_Numbering.level_key`);
        ("", "") for a paragraph Word does not number."""
        num_pr = p.find(f"{_W}pPr/{_W}numPr")
        num_id = _val(num_pr, "numId")
        ilvl_text = _val(num_pr, "ilvl")
        ilvl = int(ilvl_text) if ilvl_text and ilvl_text.isdigit() else None
        style = _val(p.find(_W + "pPr"), "pStyle")
        seen = set()
        while (num_id is None or ilvl is None) and style and style not in seen:
            seen.add(style)
            s_num, s_ilvl, based = self.styles.get(style, (None, None, None))
            num_id = num_id if num_id is not None else s_num
            ilvl = ilvl if ilvl is not None else s_ilvl
            style = based
        if not num_id or num_id == "0":
            return "", ""
        label = self.numbering.label(num_id, ilvl or 0)
        return label, self.numbering.level_key(num_id, ilvl or 0) if label else ""

    def outline_of(self, p) -> int | None:
        """The paragraph's outline level (0–8) when it is a heading: its own `w:outlineLvl`,
        else its style's (`_style_outlines`); None for body text."""
        p_pr = p.find(_W + "pPr")
        own = _val(p_pr, "outlineLvl")
        if own is not None and own.isdigit():
            return int(own) if int(own) <= 8 else None
        return self.outlines.get(_val(p_pr, "pStyle") or "")

    def paragraph(self, p) -> None:
        chunks: list[str] = []
        boxes: list = []
        _runs(p, chunks, boxes)
        text = "".join(chunks)
        lines = [line for line in text.split("\n")]
        outline = None
        level = ""
        if "".join(lines).strip():
            label, level = self.number_of(p)
            lines[0] = label + lines[0].lstrip()
            outline = self.outline_of(p)
            if not self.title and (_val(p.find(_W + "pPr"), "pStyle") or "") in self.title_styles:
                self.title = " ".join("".join(lines).split())
        for line in lines:
            if outline is not None and line.strip():
                self.out.heading_line(line, outline)  # its first line: a heading's words
                outline = None
                level = ""
            elif level and line.strip():
                self.out.list_line(line, level)  # its first line: the numbered item
                level = ""
            else:
                self.out.line(line)
        for box in boxes:
            self.block(box)

    def table(self, tbl) -> list[list[str]]:
        grid: list[list[str]] = []
        for tr in tbl.iter(_W + "tr"):
            if _nearest_table(tr) is not tbl:
                continue
            if tr.find(f"{_W}trPr/{_W}del") is not None:
                continue  # a deleted row
            row: list[str] = []
            for tc in tr:
                if tc.tag == _W + "sdt":
                    tc = tc.find(f"{_W}sdtContent/{_W}tc")
                    if tc is None:
                        continue
                if tc.tag != _W + "tc":
                    continue
                tc_pr = tc.find(_W + "tcPr")
                span = _val(tc_pr, "gridSpan")
                colspan = int(span) if span and span.isdigit() else 1
                merge = tc_pr.find(_W + "vMerge") if tc_pr is not None else None
                if merge is not None and merge.get(_W + "val") != "restart" and grid:
                    above = grid[-1]
                    col = len(row)
                    text = above[col] if col < len(above) else ""
                else:
                    text = self.cell_text(tc)
                row.extend([text, *[SpanCopy(text)] * (max(1, min(colspan, 100)) - 1)])
            grid.append(row)
        return grid

    def cell_text(self, tc) -> str:
        parts = []
        for p in tc.iter(_W + "p"):
            chunks: list[str] = []
            boxes: list = []
            _runs(p, chunks, boxes)
            text = "".join(chunks).replace("\n", " ").strip()
            if text:
                parts.append(self.number_of(p)[0] + text)
        return " ".join(parts)


def _nearest_table(el):
    parent = el.getparent()
    while parent is not None and parent.tag != _W + "tbl":
        parent = parent.getparent()
    return parent


def _alternate(el):
    """The one branch of an mc:AlternateContent to read: its first mc:Choice, else mc:Fallback."""
    choice = el.find(_MC + "Choice")
    return choice if choice is not None else el.find(_MC + "Fallback")


def _runs(el, chunks: list[str], boxes: list) -> None:
    """Text of a paragraph's runs, tracked changes accepted; text boxes collected apart."""
    for child in el:
        tag = child.tag
        if not isinstance(tag, str) or tag in _SKIP_RUN:
            continue
        if tag == _W + "t":
            chunks.append(child.text or "")
        elif tag == _W + "tab":
            chunks.append("\t")
        elif tag in (_W + "br", _W + "cr"):
            if child.get(_W + "type") not in ("page", "column"):
                chunks.append("\n")
        elif tag == _W + "noBreakHyphen":
            chunks.append("-")
        elif tag == _MC + "AlternateContent":
            chosen = _alternate(child)
            if chosen is not None:
                _runs(chosen, chunks, boxes)
        elif tag in _TEXT_BOX:
            boxes.append(child)
        elif tag == _W + "p":  # a paragraph inside a shape: read it as a block of its own
            boxes.append(child.getparent())
            return
        else:
            _runs(child, chunks, boxes)


_RELS = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_REL_BASE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"


def _targets(read, rels_path: str, base: str, parse) -> dict[str, str]:
    """Relationship type (last word: officeDocument, numbering, styles) → part name."""
    try:
        root = parse(read(rels_path))
    except KeyError:
        return {}
    out: dict[str, str] = {}
    for rel in root.iter(_RELS + "Relationship"):
        kind = (rel.get("Type") or "").rsplit("/", 1)[-1]
        target = rel.get("Target") or ""
        if rel.get("TargetMode") == "External" or not target:
            continue
        name = target.lstrip("/") if target.startswith("/") else posixpath.normpath(
            posixpath.join(base, target))
        out.setdefault(kind, name)
    return out


def _member(archive: zipfile.ZipFile, path: str, name: str, limit: int) -> bytes:
    """One member of the archive, its inflated size capped by the file size limit; KeyError
    when absent. An encrypted member is `ReportError` (damaged .docx)."""
    info = archive.getinfo(name)
    if info.flag_bits & 0x1:
        raise ReportError(path, "damaged .docx: it is encrypted (password-protected)")
    if info.file_size > limit:
        raise too_large(path, info.file_size, f".docx member {name}", limit)
    with archive.open(info) as member:
        content = member.read(limit + 1)
    if len(content) > limit:
        raise too_large(path, len(content), f".docx member {name}", limit)
    return content


def read_docx(data: bytes, path: str) -> LoadedText:
    """Text of a .docx as Word shows it; `ReportError` for a damaged or foreign package.

    The package is read with zipfile and lxml (entities never resolved, no network): the main
    document found through `_rels/.rels` (else `word/document.xml`), its numbering and styles
    parts through its own relationships (else their usual names). Every member's inflated size
    is capped by the file size limit (`compare.files.reading.size_limit`).
    """
    import zipfile  # deferred: a plain-text report never opens a package (3 ms of start-up)

    from lxml import etree  # deferred: lxml loads only when a .docx is read

    parser = etree.XMLParser(resolve_entities=False, no_network=True, remove_comments=True,
                             remove_pis=True)
    limit = size_limit()

    def parse(xml: bytes):
        # Strict OOXML (ISO/IEC 29500 strict, "Save as Strict Open XML") names the same
        # elements in another namespace
        return etree.fromstring(xml.replace(_STRICT_W, _W[1:-1].encode()), parser)

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            def read(name: str) -> bytes:
                return _member(archive, path, name, limit)

            package = _targets(read, "_rels/.rels", "", parse)
            main = package.get("officeDocument", "word/document.xml")
            folder = posixpath.dirname(main)
            rels = _targets(read, f"{folder}/_rels/{posixpath.basename(main)}.rels", folder, parse)
            try:
                document = parse(read(main))
            except KeyError:
                raise ReportError(path, "is a ZIP archive but not a .docx document") from None
            parts = {}
            for kind, default in (("numbering", "numbering.xml"), ("styles", "styles.xml")):
                name = rels.get(kind, f"{folder}/{default}")
                parts[kind] = parse(read(name)) if name in archive.namelist() else None
            core = package.get("core-properties", "docProps/core.xml")
            try:  # properties only: a broken part loses the title, never the report
                parts["core"] = parse(read(core)) if core in archive.namelist() else None
            except etree.XMLSyntaxError:
                parts["core"] = None
    except ReportError:
        raise
    except zipfile.BadZipFile as err:
        if b"word/" in data[:4096]:
            raise ReportError(
                path, f"damaged .docx: not a complete archive (a truncated download?): {err}"
            ) from None
        # BadZipFile: no readable archive at all (no central directory: a file cut short, or
        # bytes that only begin like a ZIP), so not "a ZIP archive" of something else
        raise ReportError(path, f"damaged .docx: not a readable ZIP archive ({err})") from None
    except NotImplementedError:
        raise ReportError(path, "damaged .docx: it uses a compression method that cannot be read") from None
    except (zlib.error, EOFError):
        raise ReportError(
            path, "damaged .docx: a compressed part is corrupt or cut short (a truncated download?)"
        ) from None
    except etree.XMLSyntaxError as err:
        raise ReportError(path, f"damaged .docx: broken XML ({err})") from None
    except (RuntimeError, ValueError, OSError) as err:
        raise ReportError(path, f"damaged .docx ({err})") from None
    body = document.find(_W + "body")
    if body is None:
        raise ReportError(path, "is a ZIP archive but not a .docx document (no w:body)")
    reader = _Reader(_read_numbering(parts["numbering"]), _style_numbering(parts["styles"]),
                     _style_outlines(parts["styles"]), _title_styles(parts["styles"]))
    reader.block(body)
    if not reader.out.text.strip():
        raise ReportError(path, "the .docx document has no text")
    named = tuple(t for t in (reader.title, _core_title(parts["core"])) if t)
    return LoadedText(reader.out.text, "docx", "docx", tables=reader.out.tables,
                      headings=reader.out.headings, lists=reader.out.lists, named_titles=named)
