"""Title, issuing agency, year, years covered, date and kind of a report, with their sources.

One rule per kind of report, the same for every report of a series whatever its layout (with
or without a title line, a subtitle, a signature, a manifest):

- **year** is the year the report names itself by: a “2019年政府工作报告” is 2019, a
  “2024年度法治政府建设情况报告” (issued January 2025) is 2024, a Taiwan “112年度…” is 2023, a
  Hong Kong “2024-25年度…” is 2024.
- **covers** is the year whose work it reports: a 政府工作报告 reviews the year before the
  one it is delivered in (the 2019 report covers 2018); an annual (年度) report covers its own
  year; other kinds: unknown (None).

Where each comes from, first found wins (`Metadata.sources` names it: `text`, `title`,
`filename`; `manifest` when a manifest.yaml entry overrides it, see `parsing.pipeline`):

A 政府工作报告 is a report so titled, or one delivered by the head of a government to its
people's congress (——…在…人民代表大会…会议上 with 总理/省长/市长…, or 我代表…向大会报告工作).

| field | 政府工作报告 | annual reports (法治政府建设, 信息公开, 年度) | others |
|---|---|---|---|
| year | title's year; the delivery date (——2019年1月8日在…大会上); the review heading (2018年工作回顾 → 2019); the plan heading (2019年工作安排); the file name | the 年度 of the title or the opening (现将2024年度…); a year opening the text; the title's year; the date of issue (January–March: the year before); the file name | the title's year; the date's year; the file name |
| agency | the speaker formula (我代表海拉尔区人民政府向大会报告工作; 我代表国务院; a bare 省人民政府 named from the assembly 在X第十四届人民代表大会 or the speaker X省长); the title; the file name or folder | the signature block; the title (X关于…, X2024年度…); the page's 发布机构; the file name or folder | same |
| date | the delivery date | the signature date; 成文日期; the page date | same |

The page date is the page's metadata line, in any order and spelling (发布时间：2023-03-28
来源：… ; 来源：… 时间：… ; 发布日期, 发文日期, 更新时间), removed from the text by cleaning. The title
is the page's title line; failing it, an HTML page's `<title>` less the site's name.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Sequence

from compare.parsing.cleaning import Cleaned, title_from_name
from compare.parsing.document import Source
from compare.parsing.normalise import Conversion, simplify, simplify_as
from compare.text.patterns import guarded, lazy_compile

FIELDS = ("title", "agency", "year", "covers", "date", "kind")

GWR = "政府工作报告"
REPORT_KINDS = (  # a phrase of the title → the kind of report
    ("法治政府建设", "法治政府建设情况报告"),
    ("政府工作报告", GWR),
    ("信息公开", "政府信息公开年度报告"),
    ("施政报告", "施政报告"),
)
ANNUAL_KINDS = ("法治政府建设情况报告", "政府信息公开年度报告")

_CN_DIGITS = {"〇": "0", "○": "0", "零": "0", "一": "1", "二": "2", "三": "3", "四": "4",
              "五": "5", "六": "6", "七": "7", "八": "8", "九": "9"}


@dataclass(slots=True)
class Metadata:
    title: str = ""
    agency: str = ""
    year: int | None = None  # the year the report names itself by
    covers: int | None = None  # the year whose work it reports
    date: str = ""  # date of delivery or issue, YYYY-MM-DD
    kind: str = ""
    sources: dict[str, Source] = field(default_factory=dict)  # field → where it came from

    def put(self, name: str, value: object, source: Source) -> None:
        """Set a field that is still empty, recording its source."""
        if value in (None, "") or getattr(self, name) not in (None, ""):
            return
        setattr(self, name, value)
        self.sources[name] = source


def _cn_date_part(s: str) -> str:
    if s.isdigit():
        return s
    if "十" in s:
        left, _, right = s.partition("十")
        return str((int(_CN_DIGITS.get(left, "1")) if left else 1) * 10 + (int(_CN_DIGITS.get(right, "0")) if right else 0))
    return "".join(_CN_DIGITS.get(ch, "") for ch in s)


_DATE = re.compile(
    r"(\d{4}|[〇○零一二三四五六七八九]{4})\s*[年\-/.]\s*(\d{1,2}|[一二三四五六七八九十]{1,3})\s*[月\-/.]"
    r"\s*(\d{1,2}|[一二三四五六七八九十]{1,3})"
)


# an ROC fiscal year (112年度); guarded: the lookbehind it opens with kept `re` from scanning for
# its 1, and the whole pattern was tried at every character of a report with a 年度 (measured:
# 0.38 → 0.15 ms a synthetic report)
_ROC_FISCAL_YEAR = guarded(r"(?<![\d.])(1\d\d)(?=\s*年度)")


def normalise_years(s: str) -> str:
    """Years as four Arabic digits, whatever calendar or notation: 一九五八年 → 1958年,
    民國112年 / 112年度 → 2023年 / 2023年度 (ROC calendar: + 1911), 2024-25年度 → 2024年度
    (a Hong Kong fiscal year, named by the year it starts in)."""
    if "年" not in s:  # every rewrite below ends before a 年
        return s
    s = re.sub(
        r"[〇○零一二三四五六七八九]{4}(?=\s*年)",
        lambda m: "".join(_CN_DIGITS[ch] for ch in m.group(0)),
        s,
    )
    if "民国" in s or "民國" in s:
        s = re.sub(r"(?:中华|中華)?民[国國]\s*(\d{1,3})(?=\s*年)", lambda m: str(int(m.group(1)) + 1911), s)
    if "年度" in s:
        s = _ROC_FISCAL_YEAR.sub(lambda m: str(int(m.group(1)) + 1911), s)
        s = re.sub(r"((?:19|20)\d\d)\s*[-－—–/至]\s*\d{2}(?=\s*年度)", r"\1", s)
    return s


def parse_date(s: str) -> str:
    """The first date in `s` as YYYY-MM-DD, or ""."""
    m = _DATE.search(s)
    if not m:
        return ""
    y, mo, d = (_cn_date_part(g) for g in m.groups())
    try:
        if not (1 <= int(mo) <= 12 and 1 <= int(d) <= 31):
            return ""
        return f"{int(y):04d}-{int(mo):02d}-{int(d):02d}"
    except ValueError:
        return ""


_AGENCY_SUFFIX = lazy_compile(
    r"(局|委员会|办事处|人民政府|政府|街道|中心|办公室|管委会|管理委员会|厅|部|署|院|委)$"
)
# 我代表海拉尔区人民政府向大会报告工作; 我代表国务院，向大会作政府工作报告; 我受国务院的委托
_SPEAKER_FORMULA = re.compile(
    r"我(?:代表|受)(?P<org>[^，,。；、向的]{0,30}?(?:国务院|政府))(?:的)?(?:委托)?[，,]?\s*(?:现在)?[，,]?\s*向"
)
_GENERIC = lazy_compile(r"^(?:本届|本|省|市|区|县|自治区|自治州|州|盟|旗|镇|乡)?(?:人民)?政府$")
_PLACE = r"[\u4e00-\u9fff]{1,12}?(?:省|市|自治区|自治州|特别行政区|区|县|州|盟|旗|镇|乡)"
_ASSEMBLY = lazy_compile(rf"在(?P<place>{_PLACE})(?:第[一二三四五六七八九十百\d]+届)?人民代表大会")
_SPEAKER_TITLE = lazy_compile(rf"(?P<place>{_PLACE})(?:人民政府)?(?:代)?(?:省长|市长|区长|县长|州长|主席|盟长|旗长|镇长|乡长)")
_NATIONAL = lazy_compile(r"全国人民代表大会")


def _speaker_agency(text: str, front: str) -> str:
    """The government the speaker reports for, named in full, or ""."""
    m = _SPEAKER_FORMULA.search(text[:4000])
    if not m:
        return ""
    org = m.group("org")
    if org.endswith("国务院"):  # 国务院, 中华人民共和国国务院, 中共中央和国务院
        return "国务院"
    org = re.split(r"[和与及、]", org)[-1]
    if (org == "政府" and _NATIONAL.search(front)):
        return "国务院"
    if not _GENERIC.match(org):
        return org
    # 我代表省人民政府: the province is the one whose assembly hears the report
    for pattern in (_ASSEMBLY, _SPEAKER_TITLE):
        found = pattern.search(front)
        if found:
            return found.group("place") + "人民政府"
    return ""


# A report without a title that speaks of itself as 我局 (本局, 我委, 我办) names itself in full
# somewhere in its text: 《吴中区水务局2024年度工作计划》. The full name starts at a place
# (X区, X县, X市, X省) right after a clause boundary or an opening book-title mark.
_SELF = re.compile(r"(?:我|本)(局|委|办)(?![\u4e00-\u9fff]{0,1}(?:系统|领导))")
_LEVEL_PLACE = r"[\u4e00-\u9fff]{1,6}?(?:省|自治区|市|新区|区|县)"
_BOUNDARY = r"(?:(?<=^)|(?<=[\n《“，。、：；（(]))"
# The larger places a report names for itself: its city or province and its district, as the
# issuers of the rules it reports on (《天津市法治政府建设实施纲要》, 2024年滨海新区法治政府建设…).
_RULE_PLACE = lazy_compile(rf"(?<=[《年])({_LEVEL_PLACE})(?=法治|依法治|政府)")
_UPPER = ("省", "自治区", "市")
_BELOW_DISTRICT = lazy_compile(r"(街道|镇|乡|办事处)$")


def _original(text: str, simplified: str, found: str, start: int) -> str:
    """`found` (at `start` in `simplified`) in the script of `text`, when simplifying kept the
    length (it does, character for character, for these names)."""
    return text[start : start + len(found)] if len(text) == len(simplified) else found


def _self_named(text: str) -> str:
    """The agency a report that calls itself 我局/本局 (我委, 我办) names in full in its first
    4,000 characters: the first name of a place and a unit ending in 局 (委, 办) after a clause
    boundary; "" when the report does not speak so or never names itself."""
    head = text[:4000]
    head_s = simplify(head)
    said = _SELF.search(head_s)
    if not said:
        return ""
    unit = said.group(1)
    name = re.compile(rf"{_BOUNDARY}((?:{_LEVEL_PLACE})+[\u4e00-\u9fff]{{1,8}}?{unit})(?![\u4e00-\u9fff]{{0,1}}长)")
    m = name.search(head_s)
    return _original(head, head_s, m.group(1), m.start(1)) if m else ""


def _with_places(agency: str, text: str, front: str) -> str:
    """`agency` completed with the larger places the report names, when it starts below them:
    吴中区水务局 with the city that names 吴中区 (苏州市吴中区…) → 苏州市吴中区水务局; a 街道, 镇
    or 乡 named without a place with the city (or province) and the district the report names as
    issuers of its rules → 天津市滨海新区塘沽街道. Unchanged when the report does not say."""
    agency_s = simplify(agency)
    if agency_s.startswith(tuple(f"{p}" for p in ("国务院",))) or re.match(rf"^[\u4e00-\u9fff]{{1,6}}?(?:{'|'.join(_UPPER)})", agency_s):
        return agency  # it starts at a province or city: already in full
    body = front + "\n" + text[:4000]
    body_s = simplify(body)
    district = re.match(r"^([\u4e00-\u9fff]{1,4}?(?:新区|区|县))", agency_s)
    if district:
        m = re.search(rf"([\u4e00-\u9fff]{{2,3}}?(?:省|市)){re.escape(district.group(1))}", body_s)
        return _original(body, body_s, m.group(1), m.start(1)) + agency if m else agency
    if not _BELOW_DISTRICT.search(agency_s):
        return agency
    upper = lower = ""
    for m in _RULE_PLACE.finditer(body_s):
        place = _original(body, body_s, m.group(1), m.start(1))
        if m.group(1).endswith(_UPPER):
            upper = upper or place
        else:
            lower = lower or place
    return upper + lower + agency if (upper or lower) else agency


# The review and the plan of a 政府工作报告 name the year covered and the year delivered.
_REVIEW = re.compile(r"(?:^|\n)[^\n]{0,12}?((?:19|20)\d\d)年(?:和[^\n]{0,12})?工作回顾")
_PLAN = re.compile(r"(?:^|\n)[^\n]{0,12}?((?:19|20)\d\d)年(?:的)?(?:主要目标任务|目标任务|工作安排|重点工作|工作总体部署|总体要求)")


_DELIVERED = lazy_compile(r"在[^\n]{0,30}人民代表大会[^\n]{0,20}会议上")
_HEAD_OF_GOVERNMENT = lazy_compile(r"(?:总理|省长|市长|区长|县长|州长|旗长|盟长|主席)")


def _kind(title_s: str, head_s: str, front: str) -> str:
    for needle, kind in REPORT_KINDS:
        if needle in title_s or needle in head_s:
            return kind
    if _SPEAKER_FORMULA.search(head_s) and re.search(r"向[^，。]{0,20}大会[^，。]{0,4}(?:报告|作)[^，。]{0,4}工作", head_s):
        return GWR  # 我代表…人民政府，向大会报告工作
    if _DELIVERED.search(front) and _HEAD_OF_GOVERNMENT.search(front):
        return GWR  # delivered by the head of a government to its people's congress
    return ""


def covers_for(kind: str, year: int | None, annual: bool = False) -> int | None:
    """The year whose work a report of `kind` named `year` reports on (see the module)."""
    if year is None:
        return None
    if kind == GWR:
        return year - 1
    if annual or kind in ANNUAL_KINDS:
        return year
    return None


def extract_metadata(
    cleaned: Cleaned, text: str, preamble: str, conversion: Conversion | None = None,
    named_titles: Sequence[str] = (),
) -> Metadata:
    """Metadata from the cleaned report: what it says of itself (see the module's table).
    `conversion` is `choose_conversion(text)` when the caller has it (the whole text is then
    not judged a second time). `named_titles` are the titles the file gives apart from its
    text (an HTML page's `<title>`, a .docx's Title-style paragraph and core properties title,
    a PDF's document information Title: `LoadedText.named_titles`): the first that names a
    report (`cleaning.title_from_name`, a site's or a program's name left out) is the report's
    title when the text has no title line and no 名称/标题 field; agency, year and kind are then read from it as from a
    title line."""
    meta = Metadata()
    title = cleaned.title or next(
        (cleaned.metadata[k] for k in ("名称", "名稱", "标题", "標題") if cleaned.metadata.get(k)),
        next((t for named in named_titles if (t := title_from_name(named))), ""))
    meta.put("title", title, "title")
    title_s = normalise_years(simplify(meta.title))
    head_s = normalise_years(simplify(preamble[:400]))
    opening_s = normalise_years(simplify(text[:4000]))
    front = simplify(" ".join(
        [cleaned.subtitle, cleaned.metadata.get("speaker", "")]
        + [r.text for r in cleaned.removed if r.kind in ("title", "metadata", "chrome", "caption")][:40]
    ))
    kind = _kind(title_s, head_s, front)
    meta.put("kind", kind, "title" if kind and any(n in title_s for n, _ in REPORT_KINDS) else "text")

    # agency
    meta.put("agency", _speaker_agency(opening_s, front + " " + head_s), "text")
    for line in cleaned.signature:
        if _AGENCY_SUFFIX.search(simplify(line)) and not parse_date(line):
            meta.put("agency", line, "text")
            break
    if meta.title:
        meta.put("agency", _title_agency(meta.title, title_s), "title")
    for key in ("发布机构", "發布機構", "发文机关", "發文機關"):
        meta.put("agency", cleaned.metadata.get(key, ""), "text")
    if not meta.agency and _NATIONAL.search(front):
        meta.put("agency", "国务院", "text")  # the government reporting to the National People's Congress
    meta.put("agency", _self_named(text), "text")
    if meta.agency:
        meta.agency = _with_places(meta.agency, text, " ".join(r.text for r in cleaned.removed[:40]))

    # date of delivery or issue: signature, page metadata, the subtitle's speech date, the page date
    for line in reversed(cleaned.signature):
        meta.put("date", parse_date(line), "text")
    for key in ("成文日期", "發文日期", "发文日期"):
        meta.put("date", parse_date(cleaned.metadata.get(key, "")), "text")
    meta.put("date", parse_date(cleaned.subtitle), "text")
    delivered = re.search(r"[—－―\-─]{1,2}\s*((?:19|20)\d\d|[〇○零一二三四五六七八九]{4})\s*年[^\n]{0,12}在[^\n]{0,40}(?:会议|大会|人民代表大会)", front + "\n" + head_s)
    if delivered:
        meta.put("date", parse_date(delivered.group(0)), "text")
    for key in ("发布日期", "發布日期", "发布时间", "发文时间", "发表时间", "时间", "時間", "日期",
                "更新时间", "更新日期"):
        meta.put("date", parse_date(cleaned.metadata.get(key, "")), "text")

    # year, by the kind's rule
    year_of_title = _first_year(r"((?:19|20)\d\d)\s*年", title_s)
    annual = _first_year(r"((?:19|20)\d\d)\s*年度", title_s)
    if meta.kind == GWR:
        meta.put("year", year_of_title, "title")
        if delivered:
            meta.put("year", _first_year(r"((?:19|20)\d\d)", normalise_years(delivered.group(0))), "text")
        review = _REVIEW.search(opening_s)
        if review:
            meta.put("year", int(review.group(1)) + 1, "text")
        whole = simplify(text) if conversion is None else simplify_as(text, conversion)
        plan = _PLAN.search(normalise_years(whole))
        if plan:
            meta.put("year", int(plan.group(1)), "text")
    else:
        opening_annual = _first_year(r"((?:19|20)\d\d)\s*年度", head_s)
        opening = re.match(r"^\s*((?:19|20)\d\d)\s*年", head_s) or re.search(
            r"现将.{0,30}?((?:19|20)\d\d)\s*年", head_s
        )
        meta.put("year", annual, "title")
        meta.put("year", opening_annual, "text")
        if meta.kind in ANNUAL_KINDS and opening:
            meta.put("year", int(opening.group(1)), "text")
        meta.put("year", year_of_title, "title")
        if opening:
            meta.put("year", int(opening.group(1)), "text")
        annual = annual or opening_annual
    if meta.year is None and meta.date:
        year, month = int(meta.date[:4]), int(meta.date[5:7])
        early = month <= 3 and (meta.kind in ANNUAL_KINDS or annual is not None)
        meta.put("year", year - 1 if early else year, "text")
    if meta.year is not None:
        meta.put("covers", covers_for(meta.kind, meta.year, annual is not None), meta.sources["year"])
    return meta


def _first_year(pattern: str, s: str) -> int | None:
    m = re.search(pattern, s)
    return int(m.group(1)) if m else None


def _title_agency(title: str, title_s: str) -> str:
    """The agency a title names: X关于…, 2026年X政府工作报告, X2024年度…; "" when none."""
    m = re.match(r"^(.+?)关于", title_s)
    if m:
        return title[: len(m.group(1))]
    m = re.match(r"^(?:\d{4}年?)?([^\d年].*?)(?:\d{4}年度?)?(?:人民)?政府工作报告", title_s)
    if m and m.group(1) and not re.search(r"\d", m.group(1)):
        name = m.group(1)
        return name if name.endswith(("政府", "国务院")) else name + "人民政府"
    m = re.match(r"^(.+?)\d{4}年", title_s)
    if m and m.group(1) != "关于":
        return title[: len(m.group(1))]
    return ""


# -- file names and folders ---------------------------------------------------------------------

_NAME_YEAR = re.compile(r"(?<!\d)((?:19|20)\d\d)(?!\d)")
_CJK = re.compile(r"[\u4e00-\u9fff]")


def metadata_from_path(path: str | Path) -> dict[str, object]:
    """Agency, year and kind that a report's file name and folder give, for folders without
    a manifest: `海拉尔区人民政府_2019.txt`, `<body>/2019.txt`, `2019年政府工作报告.txt`,
    `国务院_1954.txt`. Only Chinese names count as agencies (`anhui-2026.txt` gives a year)."""
    p = Path(path)
    stem = normalise_years(simplify(p.stem))
    out: dict[str, object] = {}
    m = _NAME_YEAR.search(stem)
    if m:
        out["year"] = int(m.group(1))
    for needle, kind in REPORT_KINDS:
        if needle in stem:
            out["kind"] = kind
            break
    rest = _NAME_YEAR.sub(" ", stem)
    for needle, kind in REPORT_KINDS:
        rest = rest.replace(kind, " ").replace(needle, " ")
    rest = re.sub(r"年度|年|[_\-\s.·—]+", " ", rest).strip()
    name = max(rest.split(), key=len, default="")
    if not _CJK.search(name) or len(name) < 2:
        folder = simplify(p.parent.name)
        name = folder if _CJK.search(folder) and not _NAME_YEAR.search(folder) else ""
    if name and _AGENCY_SUFFIX.search(name) or name in ("国务院",):
        out["agency"] = name
    elif name and re.search(r"(省|市|区|县|自治区|州|盟|旗|镇|乡)$", name):
        out["agency"] = name + "人民政府"
    return out


def complete_from_path(meta: Metadata, path: str | Path) -> None:
    """Fill what the text left unsaid from the file name and folder (source `filename`)."""
    given = metadata_from_path(path)
    meta.put("kind", given.get("kind"), "filename")
    meta.put("agency", given.get("agency"), "filename")
    if meta.year is None and given.get("year") is not None:
        meta.put("year", given["year"], "filename")
        meta.put("covers", covers_for(meta.kind, meta.year), "filename")
