"""Which part of a report a section belongs to: the review of the past year or the plan.

A 政府工作报告 (and most annual work reports) first reviews the year before and then sets out
this year's work. A top-level section is `review` when its heading speaks of the past (回顾,
过去, 去年, 成效, 成就), `plan` when it speaks of this year's or the next step's work (今年/明年/
下一步, 重点工作, 工作任务, 总体部署, 工作安排, 主要任务); a heading naming a year is the plan when
its year is after the report's year, or is the report's year after a review chapter, the review
otherwise; a chapter with neither after the review is the plan (the chapters after 一、…回顾 set
out this year's work); 主要工作, …情况 and the like without a year are the review. A chapter of
shortcomings (存在的不足, 问题, 差距, 短板) that names neither is `other`. Subsections inherit their
top-level section's part. The preamble and what comes before any review are `other`.

"This year" is the year the plan is for (`plan_year`): the report's own year for a 政府工作报告
(2015's plans 2015's work, reviewing 2014), the year after the one reported on for a report on a
year's work (a 法治政府建设情况报告 of 2023 sets out its 2024年工作计划).
"""

from __future__ import annotations

import re
from enum import StrEnum

from compare.parsing.document import Document, Section, Sentence


class Part(StrEnum):
    REVIEW = "review"
    PLAN = "plan"
    OTHER = "other"


_PLAN_RE = re.compile(
    r"今年|明年|下一步|下一年|重点工作|工作任务|主要任务|总体部署|总体要求|工作安排|工作打算|工作思路|工作计划|改进措施|改进情况|目标任务"
)
_REVIEW_RE = re.compile(r"回顾|过去|去年|上年|成效|取得的|成就")
# weaker: 2026年主要工作 is a plan, 2025年主要工作 a review; the years decide first. A heading
# ending in 情况 reports what was done (工作情况, 进展情况, …履行…第一责任人职责情况)
_REVIEW_WEAK_RE = re.compile(r"主要工作|主要举措|情况$|主要做法")
# the shortcomings a report owns up to (存在的不足, 存在的问题, 不足之处, 问题和不足; not the 问题
# of 应当注意的几个问题, nor a plan's 补齐民生短板 or 缩小城乡差距): neither the review nor the plan
# (一是…有待提高 is no commitment), unless the heading also sets out the remedy (存在的问题和改进
# 措施: `_PLAN_RE`)
_SHORTCOMINGS_RE = re.compile(r"存在的?(?:不足|问题|差距|短板)|不足之处|(?:问题|差距|短板)和不足|不足和(?:问题|差距|短板)")
_YEAR_RE = re.compile(r"((?:19|20)\d{2}|[一二][九〇○零][〇○零一二三四五六七八九]{2})(?=年)")
_CN_DIGITS = str.maketrans("〇○零一二三四五六七八九", "00012345678" + "9")


def _years(heading: str) -> list[int]:
    return [int(y.translate(_CN_DIGITS)) for y in _YEAR_RE.findall(heading)]


def section_parts(doc: Document) -> dict[str, Part]:
    """Section id → its part, for every section of `doc` (see the module docstring)."""
    out: dict[str, Part] = {}
    seen_review = False  # a review chapter, or a chapter naming an earlier year, came before
    for top in doc.sections:
        heading = top.heading_simplified
        years = _years(heading)
        part = Part.OTHER
        if top.kind == "heading":
            if _REVIEW_RE.search(heading):
                part = Part.REVIEW
            elif _PLAN_RE.search(heading):
                part = Part.PLAN
            elif _SHORTCOMINGS_RE.search(heading):
                part = Part.OTHER
            elif years and doc.year is not None:
                if max(years) > doc.year or (max(years) == doc.year and seen_review):
                    part = Part.PLAN
                else:
                    part = Part.REVIEW
            elif _REVIEW_WEAK_RE.search(heading):
                part = Part.REVIEW
            elif seen_review:
                part = Part.PLAN  # the chapters after the review set out this year's work
        seen_review = seen_review or part == Part.REVIEW
        for section in top.walk():
            out[section.id] = part
    return out


# A heading about this year's work: 今年, 本年, 2016年重点工作, 努力做好１９９６年的工作
_THIS_YEAR_RE = re.compile(r"今年|本年")


def plan_year(doc: Document) -> int | None:
    """The year `doc`'s plan is for: the year after the one it reports on (`Document.covers`),
    else its own year."""
    return doc.covers + 1 if doc.covers is not None else doc.year


def _names_this_year(text: str, year: int | None) -> bool:
    return bool(_THIS_YEAR_RE.search(text)) or (year is not None and year in _years(text))


# A plan chapter looking back on the year before: 过去一年，我们的各项工作取得了很大成绩。国内生产总值
# 增长10.3%…。这为做好今年的工作打下了良好基础。(2011); 过去的一年，两岸关系… (2010, 2012)
_LOOK_BACK_RE = re.compile(r"^(?:过去的?一年|去年|上年)")
_LOOK_AHEAD_RE = re.compile(r"今年|本年|新的一年|明年")
# A plan sentence setting this year's target or task ends a look back even without naming the
# year: 去年居民消费价格涨幅回落到2.6%…。去年价格上涨的翘尾影响约有1个百分点。把居民消费价格涨幅
# 控制在3.5%左右，是充分考虑各方面因素后作出的选择。要切实保障重要商品供给… (2013): the 3.5% is
# 2013's own target, no result of 2012 (user test s25b: it was the evidence that 2012's 4%左右
# target was "reported with figures", score 1.00).
# 控制在3.3% alone is a result (过去一年…居民消费价格涨幅控制在3.3%, 2011); 控制在3.5%左右 a target.
_SETS_TARGET_RE = re.compile(r"控制在[^,，。;；]{0,12}(?:左右|以内|之内)|预期目标|目标(?:定为|定在|是|为)|拟安排|(?<![重主需纲首])要(?!素|求)|必须|务必")


def look_back_sentences(doc: Document) -> set[str]:
    """Ids of the plan's sentences that report on the year before: from a sentence opening with
    过去一年 / 去年 (or the year before by number and a comma: 2015年，…) to the next sentence naming this year,
    setting a target or a task (`_SETS_TARGET_RE`: 控制在…, 要…), or the end of its paragraph. They are the review's, not the plan's (`year_plan_sentences`,
    `commitments.review_sentences`, the part of an indicator's value)."""
    parts = section_parts(doc)
    year = plan_year(doc)
    last = None if year is None else (f"{year - 1}年，", f"{year - 1}年,")  # not 2009年到期的…
    out: set[str] = set()
    paragraph = None
    looking_back = False
    for s in doc.sentences():
        if s.paragraph != paragraph:
            paragraph, looking_back = s.paragraph, False
        if parts.get(s.section_id) != Part.PLAN:
            continue
        text = s.simplified
        if _LOOK_BACK_RE.match(text) or (last is not None and text.startswith(last)):
            looking_back = True
        elif _LOOK_AHEAD_RE.search(text) or _names_this_year(text, year) or _SETS_TARGET_RE.search(text):
            looking_back = False
        if looking_back:
            out.add(s.id)
    return out


# A chapter setting out several years: “十一五”时期…, 今后十五年…, 关于《…规划纲要》的说明
_SEVERAL_YEARS_RE = re.compile(r"五年|十[一二三四五六七八九十]*五|规划|纲要|今后|时期|说明")


def _this_years_chapters(plan: list[Section], year: int | None) -> list[Section]:
    """The plan chapters about this year: those whose heading names it (二、2015年工作总体部署,
    二、今年主要任务) and the chapters after the first of them that name no other year and no
    period of several years (三、把改革开放扎实推向纵深 … 六、切实加强政府自身建设 in 2015, as in
    2005 and 2007 after …年工作总体部署; 三、加强政府自身建设 in 2004) — not 三、关于《…第十一个五年
    规划纲要》的说明 (2006). Chapters before the first are left out: a five-year plan set out
    before this year's work (2011, 2016) or the years up to it (1996)."""
    out: list[Section] = []
    for top in plan:
        heading = top.heading_simplified
        if _names_this_year(heading, year):
            out.append(top)
        elif out and not _SEVERAL_YEARS_RE.search(heading) and not (set(_years(heading)) - {year}):
            out.append(top)
    return out


def year_plan_sentences(doc: Document) -> list[Sentence]:
    """The sentences that set out this year's work: the commitments a year later's review is
    asked about (tests/data/commitments_guideline.md), in reading order.

    The plan chapters (`section_parts`) whose heading names this year (今年, 本年, the report's
    year) and those after them that go on with it (`_this_years_chapters`) when there are any —
    a five-year plan's chapters beside them (“十二五”时期的主要目标和
    任务, 关于《…五年规划纲要》的说明) set out several years and are left out. Without such a
    chapter, the paragraphs of the plan chapters that open with this year (2001年是…“十五”计划的
    第一年。…: the 2001 report sets out the five-year plan, then the year's work in one
    paragraph); without those either, every plan chapter. Sentences looking back on the year
    before (`look_back_sentences`) are left out.
    """
    parts = section_parts(doc)
    plan = [top for top in doc.sections if parts.get(top.id) == Part.PLAN]
    year = plan_year(doc)
    this_year = _this_years_chapters(plan, year)
    back = look_back_sentences(doc)
    sentences = [s for top in (this_year or plan) for s in top.all_sentences() if s.id not in back]
    if this_year:
        return sentences
    opening: dict[int, str] = {}
    for s in sentences:
        opening.setdefault(s.paragraph, s.simplified)
    paragraphs = {p for p, first in opening.items() if _names_this_year(first[:8], year)}
    return [s for s in sentences if s.paragraph in paragraphs] if paragraphs else sentences
