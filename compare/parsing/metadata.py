"""Title, issuing agency, year reported on, date of issue and kind of a report.

A "2024年度法治政府建设情况报告" issued in January 2025 reports on 2024: the year comes from
what the report says it covers, and only then from when it was issued.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from compare.parsing.cleaning import Cleaned
from compare.parsing.normalise import simplify

KINDS = (
    ("法治政府建设", "法治政府建设情况报告"),
    ("政府工作报告", "政府工作报告"),
    ("信息公开", "政府信息公开年度报告"),
)

_CN_DIGITS = {"〇": "0", "○": "0", "零": "0", "一": "1", "二": "2", "三": "3", "四": "4",
              "五": "5", "六": "6", "七": "7", "八": "8", "九": "9"}


@dataclass(slots=True)
class Metadata:
    title: str = ""
    agency: str = ""
    year: int | None = None
    date: str = ""
    kind: str = ""


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


def _digit_years(s: str) -> str:
    """一九五八年 → 1958年, so that years written in Chinese numerals are found too."""
    return re.sub(
        r"[〇○零一二三四五六七八九]{4}(?=年)",
        lambda m: "".join(_CN_DIGITS[ch] for ch in m.group(0)),
        s,
    )


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


_AGENCY_SUFFIX = re.compile(
    r"(局|委员会|办事处|人民政府|政府|街道|中心|办公室|管委会|管理委员会|厅|部|署|院|委)$"
)


def extract_metadata(cleaned: Cleaned, text: str, preamble: str) -> Metadata:
    meta = Metadata()
    meta.title = cleaned.title or cleaned.metadata.get("名称", "") or cleaned.metadata.get("名稱", "")
    title_s = _digit_years(simplify(meta.title))
    head_s = simplify(preamble[:400])

    for needle, kind in KINDS:
        if needle in title_s or needle in head_s:
            meta.kind = kind
            break

    # agency: the signature block, else the title
    for line in cleaned.signature:
        if _AGENCY_SUFFIX.search(simplify(line)) and not parse_date(line):
            meta.agency = line
            break
    if not meta.agency and meta.title:
        m = re.match(r"^(.+?)关于", title_s)
        if m:
            meta.agency = meta.title[: len(m.group(1))]
        else:
            m = re.match(r"^(?:\d{4}年?)?([^\d年].*?)(?:\d{4}年度?)?(?:人民)?政府工作报告", title_s)
            if m and m.group(1) and not re.search(r"\d", m.group(1)):
                name = m.group(1)
                meta.agency = name if name.endswith(("政府", "国务院")) else name + "人民政府"
            else:
                m = re.match(r"^(.+?)\d{4}年", title_s)
                if m and m.group(1) != "关于":
                    meta.agency = meta.title[: len(m.group(1))]

    speaker = simplify(cleaned.metadata.get("speaker", ""))
    if not meta.agency and (
        speaker.startswith("国务院") or "全国人民代表大会" in simplify(cleaned.subtitle)
    ):
        meta.agency = "国务院"  # the government that reports to the National People's Congress

    # date of issue: signature date, else page metadata, else the subtitle's speech date
    for line in reversed(cleaned.signature):
        if parse_date(line):
            meta.date = parse_date(line)
            break
    if not meta.date:
        for key in ("成文日期", "發文日期", "发文日期"):
            if parse_date(cleaned.metadata.get(key, "")):
                meta.date = parse_date(cleaned.metadata[key])
                break
    if not meta.date and cleaned.subtitle:
        meta.date = parse_date(cleaned.subtitle)
    if not meta.date:
        for key in ("发布日期", "發布日期", "发表时间", "时间", "時間"):
            if parse_date(cleaned.metadata.get(key, "")):
                meta.date = parse_date(cleaned.metadata[key])
                break

    # the year reported on
    m = re.search(r"(\d{4})\s*年度", title_s) or re.search(r"(\d{4})\s*年度", head_s)
    if m:
        meta.year = int(m.group(1))
    elif meta.kind == "政府工作报告" and re.search(r"(\d{4})\s*年", title_s):
        meta.year = int(re.search(r"(\d{4})\s*年", title_s).group(1))  # type: ignore[union-attr]
    else:
        m = re.match(r"^\s*(\d{4})\s*年", head_s) or re.search(r"现将.{0,30}?(\d{4})\s*年", head_s)
        if m:
            meta.year = int(m.group(1))
        elif re.search(r"(\d{4})\s*年", title_s):
            meta.year = int(re.search(r"(\d{4})\s*年", title_s).group(1))  # type: ignore[union-attr]
        elif meta.date:
            year, month = int(meta.date[:4]), int(meta.date[5:7])
            meta.year = year - 1 if month <= 3 and meta.kind != "政府工作报告" else year
    return meta
