"""The fictional 青禾区人民政府 法治政府建设情况报告 of user test s26 (2024 and 2025), and the
files the tests make of it: one body of text for every layout a user's copy of a report takes.

From 2024 to 2025 the figures change, the commitment （三）推进镇街综合行政执法改革 is dropped and
a section （三）开展“法治护企”专项行动 is added; each year has a 3-column statistics table whose
year columns move on by one year.
"""

from __future__ import annotations

from pathlib import Path

Chapter = tuple[str, list[tuple[str, list[str]]]]


def report(year: int) -> tuple[str, list[Chapter], list[list[str]]]:
    """(title, chapters, table) of one year: chapters are (heading, sections), sections are
    (heading, sentences), the table is rows of cells."""
    a = year == 2024
    title = f"青禾区人民政府关于{year}年度法治政府建设情况的报告"
    s1 = [("（一）深化“放管服”改革",
           [f"{year}年，区政府持续深化“放管服”改革，全年取消行政审批事项{12 if a else 15}项，下放{8 if a else 9}项。",
            f"政务服务事项网上可办率达到{96.5 if a else 98.2}%，“一网通办”事项{1200 if a else 1350}项。",
            "坚持以习近平新时代中国特色社会主义思想为指导，深入贯彻落实党中央、国务院关于法治政府建设的决策部署。"]),
          ("（二）推进严格规范公正文明执法",
           [f"全区办理行政处罚案件{3421 if a else 3987}件，罚没款{2.3 if a else 2.1}亿元。",
            "推行行政执法公示、执法全过程记录、重大执法决定法制审核制度。",
            f"组织执法人员培训{25 if a else 31}场次，培训{1800 if a else 2100}人次。"])]
    if not a:
        s1.append(("（三）开展“法治护企”专项行动",
                   ["2025年，区政府开展“法治护企”专项行动，走访企业620家，化解涉企纠纷143件。",
                    "建立涉企行政检查“白名单”制度，全年减少入企检查次数38%。"]))
    chapters: list[Chapter] = [(f"一、{year}年度法治政府建设主要成效", s1)]
    chapters.append(("二、存在的不足和原因", [
        ("（一）部分领域执法规范化水平有待提高", ["个别执法人员法治意识不强，执法程序不够规范。"]),
        ("（二）基层法治力量相对薄弱", ["镇街法治审核人员配备不足，专业化水平不高。"])]))
    s3 = [("（一）持续深化法治政府示范创建", [f"{year + 1}年，力争创建全省法治政府建设示范区。"]),
          ("（二）加强行政复议工作", ["推进行政复议体制改革，行政复议案件纠错率保持在合理区间。"])]
    if a:
        s3.append(("（三）推进镇街综合行政执法改革", ["年底前在全部8个镇街设立综合执法队。"]))
    chapters.append((f"三、{year + 1}年工作安排", s3))
    p = year - 1
    table = [["指标", f"{p}年", f"{year}年"],
             ["行政复议收案（件）", "210" if a else "236", "236" if a else "251"],
             ["行政诉讼应诉（件）", "88" if a else "97", "97" if a else "102"],
             ["负责人出庭率（%）", "92" if a else "95", "95" if a else "100"]]
    return title, chapters, table


def sentences(year: int) -> list[str]:
    """Every body sentence of one year, in order."""
    return [s for _, sections in report(year)[1] for _, body in sections for s in body]


def plain_text(year: int, *, table_sep: str = "\t") -> str:
    """The report as a plain-text file: title, headings and paragraphs on lines, the table as
    tab-separated rows after chapter 一, the signature and date."""
    title, chapters, table = report(year)
    lines = [title]
    for i, (heading, sections) in enumerate(chapters):
        lines.append(heading)
        for sub, body in sections:
            lines += [sub, "".join(body)]
        if i == 0:
            lines.append("主要统计数据如下：")
            lines += [table_sep.join(row) for row in table]
    lines += ["青禾区人民政府", f"{year + 1}年1月20日"]
    return "\n".join(lines) + "\n"


def crawled_unspaced(year: int) -> str:
    """The report as a crawled page run onto one line with no space at all: a site menu and a
    breadcrumb before the title, the signature, date and site footer after the last section."""
    title, chapters, _table = report(year)
    body = "".join(heading + "".join(sub + "".join(s) for sub, s in sections)
                   for heading, sections in chapters)
    return ("首页政务公开当前位置：首页>政府信息公开>法治政府建设" + title + body
            + f"青禾区人民政府{year + 1}年1月20日主办单位：青禾区人民政府办公室网站标识码：1234567890\n")


def write(path: Path, text: str, encoding: str = "utf-8") -> Path:
    path.write_text(text, encoding=encoding)
    return path
