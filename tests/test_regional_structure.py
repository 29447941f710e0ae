"""Numbering beyond the mainland (壹、貳、參 above 一、) and site and licence footers as chrome."""

from __future__ import annotations

from compare.parsing.pipeline import parse_text

TAIWAN = """中華民國112年度施政計畫
壹、前言
政府為落實施政理念，特訂定本計畫，以推動各項施政工作。
貳、年度施政目標
一、強化社會安全網
持續推動社會安全網計畫，加強跨部門合作。
二、推動長期照顧
擴大長照服務量能，提升服務品質。
參、預算配置
本年度總預算為新臺幣二兆八千億元。
"""


def test_formal_numerals_are_the_top_level_above_一():
    doc = parse_text(TAIWAN)
    outline = [(s.id, s.number, s.heading) for s in doc.walk()]
    assert outline == [
        ("1", "壹、", "前言"), ("2", "貳、", "年度施政目標"), ("2.1", "一、", "強化社會安全網"),
        ("2.2", "二、", "推動長期照顧"), ("3", "參、", "預算配置"),
    ]
    assert "壹、前言" in doc.text  # a heading, not chrome
    assert doc.conversion == "tw2s" and doc.year == 2023


BODY = (
    "一、主要工作\n今年以来，我局深入推进法治政府建设，取得明显成效。\n"
    "（一）完善制度体系。全年制定修订规范性文件十二件，清理文件三十件，合法性审查全覆盖。\n"
    "（二）规范执法行为。全面推行行政执法公示、执法全过程记录和重大执法决定法制审核制度。\n"
    "（三）化解矛盾纠纷。办理行政复议案件十五件，行政诉讼案件八件，败诉率明显下降。\n"
    "二、存在问题\n执法队伍建设仍需加强，个别执法人员素质不高，基层执法力量相对薄弱。\n"
    "三、下一步打算\n我们将继续推进依法行政，加强执法队伍建设，提升执法水平和服务能力。\n"
)


def test_licence_and_site_notices_are_chrome():
    notices = [
        "本作品是中华人民共和国的法律、法规，国家机关的决议、决定、命令和其他具有立法、行政、司法性质的文件，"
        "及其官方正式译文。根据《中华人民共和国著作权法》第五条，不适用该法，在中国大陆和其他地区属于公有领域。",
        "Public domainPublic domainfalsefalse",
        "网站地图 | 联系我们",
        "主办：某某县人民政府办公室 政府网站标识码：1234000012 京ICP备05070218号",
        "版权所有：某某县人民政府",
    ]
    doc = parse_text("某某县2023年法治政府建设情况报告\n" + BODY + "\n".join(notices) + "\n")
    assert doc.text == BODY.strip()
    assert [r.text for r in doc.removed if r.kind == "footer"] == notices


def test_a_notice_between_body_paragraphs_goes_and_the_body_stays():
    notice = "本作品在全世界都属于公有领域，因为作者逝世已经超过100年。"
    doc = parse_text(BODY + notice + "\n四、其他\n继续推进依法行政，提升执法水平。\n")
    assert notice not in doc.text and "继续推进依法行政" in doc.text
