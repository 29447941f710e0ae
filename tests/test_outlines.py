"""Each seed report's outline exactly as a reader sees it (written by hand from the reports)."""

from __future__ import annotations

import pytest

from compare.parsing.pipeline import parse_file

from .conftest import CORPUS


def outline(name: str) -> list[str]:
    doc = parse_file(CORPUS / f"{name}.txt")
    return ["  " * (s.level - 1) + s.title for s in doc.walk()]


EXPECTED = {
    "suzhou-wuzhong-water-2024": """
（前言）
一、扎實推進法治政府建設第一責任人履職
二、堅持依法全面履行職責
  (一)持續深入政務服務改革,優化營商環境
  (二)加強事中事后監管
  (三)完善公職律師制度
  (四)加強合法性審查工作
三、健全完善依法行政制度體系
  (一)按時提交法規、規章征求意見、建議
  (二)加強規范性文件監督管理
四、堅持規范公正文明執法
  (一)強化行政執法監督
  (二)加強開展水行政執法
五、全面強化法治監督力度
  (一)大力推進政務公開
  (二)強化行政權力制約監督
六、依法化解爭議糾紛
  (一)加強行政復議和訴訟應訴能力建設
  (二)源頭化解矛盾糾紛
七、緊扣主題水日,加快推進普法進程
  (一)開展主題活動
  (二)開展科普宣傳
  (三)開展線上宣傳
八、查找問題補短板,規范法治建設
""",
    "guangzhou-tianhe-water-2022": """
（前言）
一、2022年度推进法治政府建设的主要举措和成效
  (一)加强思想政治建设
    1.深入学习贯彻习近平法治思想
    2.强化党对法治建设工作的领导
    3.党政主要负责人积极履行推进法治建设第一责任人职责
  (二)进一步提升法治思维和依法行政能力
    1.干部职工法律综合素养稳步提升
    2.水环境治理法治保障坚强有力
    3.防范抵御风险能力显著提高
    4.服务群众意识与化解矛盾能力全面强化
    5.法律顾问“参谋”作用充分发挥
  (三)健全权力制约和监督机制
    1.全面优化内部监督管理
    2.主动接受人大、政协监督
    3.扎实推进政务公开各项工作
  (四)持续深化“放管服”改革
    1.优化各类审批服务
    2.启动“政务云窗”工作
  (五)加快推进镇街综合行政执法
    1.深化业务培训
    2.优化工作指导
    3.强化监督考核
二、2022年度推进法治政府建设存在的不足
三、2023年度推进法治政府建设的主要安排
  (一)夯实执法理论基础,打造法治本领过硬的专业队伍
  (二)强化行业审批监管,推动构建水务服务治理长效机制
  (三)优化资源整合配置,探索建立法治建设的创新亮点
""",
    "jurong-huangmei-2021": """
（前言）
一、2021年度法治政府建设工作情况
  (一)坚持以上率下,扎实推进法治政府建设
    1.压实工作责任
    2.完善制度机制
    3.强化考核监督
  (二)树牢法治思维,深入开展普法宣传教育
    1.深化重点人员法治教育
    2.注重法治文化阵地建设
    3.加强基层民主法治建设
  (三)突出资源聚合,持续完善社会治理体系
    1.推进综合执法常态化
    2.推进政务服务便民化
    3.推进行政执法规范化
  (四)依法民主决策,有效提升决策质量水平
    1.规范重大行政决策行为
    2.加强行政规范性文件监管
  (五)规范行政监督,不断提高行政执法效能
    1.自觉接受监督
    2.强化内部监管
    3.推进政务公开
  (六)强化政务服务,全力打造优越营商环境
    1.推进政务公开
    2.做优服务保障
    3.加强内部监督
  (七)畅通维权渠道,依法化解社会矛盾纠纷
    1.健全行政调解机制
    2.依法规范信访秩序
    3.加强政府信息公开
二、2022年度法治政府建设工作重点
  (一)进一步强化“第一责任”意识
  (二)进一步提升“依法决策”能力
  (三)进一步做实“创新实践”工作
""",
    "tianjin-tanggu-2024": """
（前言）
一、主要举措和成效
  (一)学思践悟习近平法治思想,巩固法治思维
  (二)依法全面履行政府职能,优化法治化营商环境
  (三)深化依法行政,提高依法科学民主决策水平
  (四)严格规范公正文明执法有效落实
  (五)强化行政权力制约监督,促进权力规范透明运行
  (六)依法预防处置重大突发事件
  (七)依法多元化解社会矛盾纠纷
  (八)加大普法力度,推动普法责任落实
二、履行推进法治建设第一责任人职责情况
三、存在的不足和原因
四、2025年度主要工作安排
  (一)持续强化法治思维建设
  (二)持续深化法治宣传教育实效
  (三)持续提升行政执法水平
""",
    "wuzhi-urban-management-2024": """
（前言）
一、2024年度黨政主要負責人履行推進法治建設第一責任人職責、加強法治政府建設的有關情況
  (一)強化法治理論學習,不斷提升依法行政素養
  (二)加強組織領導,扛牢法治建設責任
  (三)嚴格落實制度規定,不斷提高法治建設質效
二、2024年推進法治政府建設的主要舉措和成效
  (一)創新工作方式方法,提升依法行政服務水平
  (二)狠抓宣傳教育培訓,強化執法隊伍建設
  (三)傾心回應群眾期盼,真切踐行以人民為中心的發展思想
三、2024年度推進法治政府建設存在的不足、原因和問題整改情況
四、2025年推進法治政府建設的初步安排
""",
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_outline_as_a_reader_sees_it(name: str) -> None:
    assert outline(name) == EXPECTED[name].strip("\n").splitlines()


def test_inline_heading_ends_at_first_full_stop() -> None:
    doc = parse_file(CORPUS / "suzhou-wuzhong-water-2024.txt")
    section = doc.section("2.2")
    assert section.heading == "加強事中事后監管"
    # the body after the inline heading belongs to the section, starting with its first item
    assert section.sentences[0].text.startswith("一是抓好排水行業監管")
    assert section.sentences[0].item == "一是"


def test_items_are_not_sections() -> None:
    doc = parse_file(CORPUS / "tianjin-tanggu-2024.txt")
    headings = [s.heading for s in doc.walk()]
    assert not any(h.startswith(("一是", "二是")) for h in headings)
    items = [s.item for s in doc.section("1.1").sentences if s.item]
    assert items[:3] == ["一是", "二是", "三是"]
