"""Figures in report text: numbers with their units, in Arabic or Chinese numerals.

Used to tell "same sentence, new figures" from a real rewording, and to find the specific
(countable, checkable) content of a sentence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_CN_DIGIT = "零〇一二两三四五六七八九十百千万亿"
_UNITS = (
    "万亿元|亿元|万元|千元|元|万亿|亿|万|千|百|"
    "个百分点|百分点|%|％|‰|倍|"
    "平方公里|平方千米|平方米|公里|千米|米|公顷|亩|吨|千瓦时|千瓦|兆瓦|立方米|方|"
    "人次|户次|件次|场次|批次|余人|余件|余个|余家|余次|余场|"
    "人|户|家|件|个|次|场|项|条|张|份|本|期|批|座|所|台|辆|套|处|篇|起|宗|名|支|座|班|"
    "天|日|小时|分钟|周|月|年|岁|分"
)
_NUM = r"\d+(?:[.,，]\d+)*(?:\.\d+)?"
FIGURE_RE = re.compile(
    rf"(?P<num>{_NUM})\s*(?P<unit>{_UNITS})?"
    rf"|(?P<cn>[{_CN_DIGIT}]{{2,}}|[一二两三四五六七八九十]+)(?P<cnunit>个百分点|万元|亿元|次|人次|项|件|个|家|场|条|批|年)"
)
# Ordinals and dates are figures too, but never "changed figures" on their own.
_DATE_RE = re.compile(r"(?:19|20)\d{2}\s*年(?:\s*\d{1,2}\s*月(?:\s*\d{1,2}\s*日)?)?|\d{1,2}\s*月\s*\d{1,2}\s*日")


@dataclass(frozen=True, slots=True)
class Figure:
    start: int
    end: int
    text: str
    unit: str
    is_date: bool = False

    @property
    def value(self) -> float | None:
        m = re.match(_NUM, self.text)
        if not m:
            return None
        try:
            return float(m.group(0).replace(",", "").replace("，", ""))
        except ValueError:
            return None


def find_figures(text: str) -> list[Figure]:
    """Every figure in `text`, left to right, dates marked as such."""
    dates = [(m.start(), m.end()) for m in _DATE_RE.finditer(text)]
    out: list[Figure] = []
    for m in FIGURE_RE.finditer(text):
        if m.group("num") is None and m.group("cn") is None:
            continue
        start, end = m.start(), m.end()
        unit = m.group("unit") or m.group("cnunit") or ""
        is_date = any(ds <= start < de for ds, de in dates)
        out.append(Figure(start, end, m.group(0), unit, is_date))
    return out


FIGURE_MASK = "§"


def mask_figures(text: str) -> str:
    """The text with every Arabic-numeral figure replaced by one placeholder character."""
    return re.sub(_NUM, FIGURE_MASK, text)
