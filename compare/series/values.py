"""Stated values in report sentences, normalised: the numbers an indicator follows.

Builds on `compare.text.figures.find_figures`, which reads every notation (Arabic, full-width,
Chinese numerals such as 百分之八点六, mixed such as 56.9万亿元, ranges such as 百分之五到六 or
7—8%) and gives each figure its value in a base unit (亿 and 万 multiplied out: 56.9万亿元 →
5.69e13 元, 1310万人 → 1.31e7 人); what a figure measures and whether two figures measure the
same thing is `compare.text.quantities`. This adds what a series needs to put values on one
axis: ranges written as two figures (5%—5.5%) joined, a measure word after a bare multiplier
(1310万斤) attached, and the units as a series names them (% and 个百分点).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from compare.text.figures import find_figures

# Multipliers written before a unit, and units that carry one (万亿元 = 1e12 元).
_SCALE = (("万亿", 1e12), ("亿", 1e8), ("千万", 1e7), ("百万", 1e6), ("万", 1e4), ("千", 1e3))
_PERCENT = {"%", "％"}
# A measure word after a bare multiplier (1310万人: find_figures stops at 万)
_AFTER_SCALE = re.compile(r"(?:美元|港元|欧元|人民币|人次|个百分点|平方公里|公里|千瓦时|千瓦|立方米|公顷|亩|吨|元|人|户|家|个|项|套|辆|台|所|件|座|名|千米|米|公斤|千克|斤|担)")
_LATIN_BEFORE = re.compile(r"[A-Za-z]")  # M2, PM2.5: part of a name, not a quantity
_RANGE_SEP = re.compile(r"^\s*(?:—+|－|-|~|～|到|至)\s*$")


@dataclass(frozen=True, slots=True)
class StatedValue:
    """One stated quantity: `start`/`end` are offsets in the text searched (characters).

    `low`/`high` are the normalised bounds (equal unless a range was written), in `unit`:
    "%" for percentages, "个百分点", or a base unit such as 元 or 人 with 亿/万 multiplied out.
    """

    start: int
    end: int
    written: str
    low: float
    high: float
    unit: str

    @property
    def value(self) -> float:
        """The midpoint of a range, else the value."""
        return (self.low + self.high) / 2


_MAGNITUDES = ((1e12, "万亿"), (1e8, "亿"), (1e4, "万"))


def magnitude(value: float) -> tuple[float, str]:
    """The Chinese magnitude to write `value` in: (1e12, "万亿") from a trillion up, (1e8,
    "亿"), (1e4, "万"), else (1.0, "")."""
    for factor, name in _MAGNITUDES:
        if abs(value) >= factor:
            return factor, name
    return 1.0, ""


def value_axis(series_years: list[int], stated: list[int]) -> list[int]:
    """The years a chart of one indicator spans: the series' report years and the years its
    values are of (a result is of the year before its 政府工作报告), ascending."""
    return sorted(set(series_years) | set(stated))


# a chart of values that all lie within this share of the largest one from it starts at zero
ZERO_BASELINE_SPREAD = 0.5


def value_range(lows: list[float], highs: list[float]) -> tuple[float, float]:
    """(bottom, top) of a chart's value axis for values (and ranges) `lows`..`highs`, in their
    unit. From zero when the values are all of one sign and lie within `ZERO_BASELINE_SPREAD`
    of the largest (a target moving 4.6% → 4.5% is drawn as the small move it is, not from the
    bottom of the chart to its top: Tufte's "lie factor", The Visual Display of Quantitative
    Information, 1983); else from the smallest to the largest. Never an empty range.
    Raises `ValueError` for no values."""
    lo, hi = min(lows), max(highs)
    if lo > 0 and hi - lo <= ZERO_BASELINE_SPREAD * hi:
        lo = 0.0
    elif hi < 0 and hi - lo <= ZERO_BASELINE_SPREAD * -lo:
        hi = 0.0
    if hi == lo:
        lo, hi = (lo - 1 if lo else -1.0), hi + 1
    return lo, hi


def runs(years: list[int], stated: list[int]) -> list[list[int]]:
    """The `stated` years (ascending, a subset of `years`) cut where a year of the series
    states no value, or where years are missing from the series itself (2006 and 2009 with no
    report of 2007–2008), so that a chart never draws a line across a gap: indices into `stated`."""
    where = {year: n for n, year in enumerate(years)}
    out: list[list[int]] = []
    for k, year in enumerate(stated):
        if out and where.get(year, -2) == where.get(stated[k - 1], -9) + 1 and year - stated[k - 1] == 1:
            out[-1].append(k)
        else:
            out.append([k])
    return out


def normalise_unit(number: float, unit: str) -> tuple[float, str]:
    """(value, base unit): 亿/万 multiplied out of the unit; % written either width as "%"."""
    if unit in _PERCENT:
        return number, "%"
    for prefix, factor in _SCALE:
        if unit.startswith(prefix) and len(unit) > len(prefix):
            return number * factor, unit[len(prefix):]
        if unit == prefix:
            return number * factor, ""
    return number, unit


def _series_unit(base_unit: str) -> str:
    return "个百分点" if base_unit == "百分点" else base_unit


def stated_values(text: str) -> list[StatedValue]:
    """Every non-date quantity in `text`, left to right, ranges joined into one.

    `text` should be the matching view (NFKC), so full-width digits read as digits.
    """
    out: list[StatedValue] = []
    figures = [
        f for f in find_figures(text)
        if not f.is_date and f.value is not None and not _LATIN_BEFORE.match(text[max(f.start - 1, 0):f.start])
    ]
    i = 0
    while i < len(figures):
        f = figures[i]
        low = float(f.value)  # type: ignore[arg-type]
        high = float(f.high) if f.high is not None else low
        unit, start, end = _series_unit(f.base_unit), f.start, f.end
        if i + 1 < len(figures):
            g = figures[i + 1]
            # 5%—5.5%, 7—8%: two figures with only a dash or 到 between them
            if (_RANGE_SEP.match(text[f.end : g.start]) and g.value is not None
                    and (not f.base_unit or f.base_unit == g.base_unit)):
                high, unit, end = float(g.high if g.high is not None else g.value), _series_unit(g.base_unit), g.end
                i += 1
        if not unit and f.unit.rstrip("余多") in ("万亿", "亿", "万", "千万", "百万", "千"):
            more = _AFTER_SCALE.match(text, end)
            if more:  # 1310万斤: the value is multiplied out already; the measure word names it
                unit, end = more.group(0), more.end()
        if not unit and re.match(r"[零〇一二两三四五六七八九十]", text[end : end + 1]):
            i += 1  # the digit part of a mixed figure such as 2千 is left to the units list
            continue
        out.append(StatedValue(start, end, text[start:end], min(low, high), max(low, high), unit))
        i += 1
    return out
