"""Re-anchoring over realistic edits of corpus reports: the annotation follows its text."""

from __future__ import annotations

from pathlib import Path

import pytest

from compare.annotations import AnnotationStore
from compare.annotations.anchoring import make_anchor, place
from compare.parsing.pipeline import parse_file, parse_text

from .conftest import CORPUS

HENAN = CORPUS / "henan-2026.txt"
SUZHOU = CORPUS / "suzhou-wuzhong-water-2024.txt"  # Traditional script, seed report

FACTORIES = "全球“灯塔工厂”3家，国家卓越级智能工厂16家，专精特新“小巨人”450家，制造业单项冠军59家，国家高新技术企业1.28万家、科技型中小企业3万家。"
FINANCE = "持续推进中小金融机构改革化险，高风险机构数量大幅压降。"


def edited(path: Path, old: str, new: str) -> str:
    raw = path.read_text(encoding="utf-8")
    assert raw.count(old) == 1, f"edit target {old[:20]!r} not unique in {path.name}"
    return raw.replace(old, new)


def span_of(doc, quote: str) -> tuple[int, int]:
    start = doc.text.index(quote)
    assert doc.text.count(quote) == 1
    return start, start + len(quote)


@pytest.fixture(scope="module")
def henan():
    return parse_file(HENAN)


def test_unchanged_report_keeps_the_anchor_as_it_is(henan):
    anchor = make_anchor(henan, *span_of(henan, FACTORIES))
    assert place(anchor, henan) is anchor
    assert anchor.section == "1" and anchor.heading.startswith("一、")
    assert anchor.prefix == henan.text[anchor.start - 32 : anchor.start]
    assert anchor.suffix == henan.text[anchor.end : anchor.end + 32]


def test_paragraph_inserted_before_moves_the_anchor_by_its_length(henan):
    anchor = make_anchor(henan, *span_of(henan, FINANCE))
    paragraph = "新增的一段：全年新增城镇就业110万人，城镇调查失业率保持在5.5%以内，居民收入稳步增长。\n"
    new = parse_text(edited(HENAN, "各位代表：\n", "各位代表：\n" + paragraph), path=str(HENAN))
    placed = place(anchor, new)
    assert placed.state == "anchored" and not placed.was
    assert new.text[placed.start : placed.end] == FINANCE
    assert placed.start == anchor.start + len(paragraph)
    assert placed.section == "1.3" and placed.text_hash == new.text_hash


def test_changed_figures_are_followed_and_the_old_quote_kept(henan):
    anchor = make_anchor(henan, *span_of(henan, FACTORIES))
    changed = FACTORIES.replace("3家", "4家", 1).replace("16家", "21家").replace("450家", "512家")
    new = parse_text(edited(HENAN, FACTORIES, changed), path=str(HENAN))
    placed = place(anchor, new)
    assert placed.state == "fuzzy"
    assert new.text[placed.start : placed.end] == changed
    assert placed.exact == changed and placed.was == FACTORIES


def test_reworded_sentence_is_found_between_its_context(henan):
    anchor = make_anchor(henan, *span_of(henan, FINANCE))
    reworded = "稳妥推进地方中小金融机构改革化险工作，高风险机构数量和风险水平持续下降。"
    new = parse_text(edited(HENAN, FINANCE, reworded), path=str(HENAN))
    placed = place(anchor, new)
    assert placed.state == "fuzzy" and placed.was == FINANCE
    assert new.text[placed.start : placed.end] == reworded
    assert placed.section == "1.3"


def test_deleted_section_orphans_the_annotation_but_keeps_its_selectors(henan):
    anchor = make_anchor(henan, *span_of(henan, FINANCE))
    section = henan.section("1.3")
    block = henan.text[section.start : section.end]
    new = parse_text(edited(HENAN, block, ""), path=str(HENAN))
    assert FINANCE not in new.text
    placed = place(anchor, new)
    assert placed.orphaned
    assert (placed.exact, placed.prefix, placed.suffix) == (anchor.exact, anchor.prefix, anchor.suffix)
    assert (placed.start, placed.end) == (anchor.start, anchor.end)
    # the text comes back (an edit undone): the orphan is placed again
    back = place(placed, henan)
    assert back.state == "anchored" and henan.text[back.start : back.end] == FINANCE


def test_a_short_set_phrase_does_not_jump_to_another_place_that_repeats_it(henan):
    # Set phrases recur all through a report: cut the annotated paragraph, and the phrase
    # must not land on another occurrence with unrelated context.
    phrase = "习近平新时代中国特色社会主义思想"
    start = henan.text.index(phrase)
    anchor = make_anchor(henan, start, start + len(phrase))
    paragraph = henan.text[henan.text.rindex("\n", 0, start) + 1 : henan.text.index("\n", start) + 1]
    new = parse_text(edited(HENAN, paragraph, ""), path=str(HENAN))
    assert new.text.count(phrase) == 2  # the phrase is still elsewhere …
    assert place(anchor, new).orphaned  # … but not with this context


def test_traditional_report_edits_are_followed_too():
    doc = parse_file(SUZHOU)
    quote = next(s.text for s in doc.sentences() if "12次" in s.text)
    anchor = make_anchor(doc, *span_of(doc, quote))
    new = parse_text(
        edited(SUZHOU, "集中學習12次", "集中學習15次"), path=str(SUZHOU)
    )
    placed = place(anchor, new)
    assert placed.state == "fuzzy" and "15次" in placed.exact and placed.was == quote


def test_store_reanchors_on_open_and_orphans_survive_a_save(tmp_path, henan):
    right = parse_file(CORPUS / "hebei-2026.txt")
    path = tmp_path / "pair.yaml"
    store = AnnotationStore.open(path, henan, right, reviewer="alice")
    kept = store.add("left", *span_of(henan, FACTORIES), label="figures", comment="比去年多")
    gone = store.add("left", *span_of(henan, FINANCE), label="risk", comment="这一节删了？")
    store.pin("1.3", "1")

    section = henan.section("1.3")
    changed = parse_text(
        edited(HENAN, henan.text[section.start : section.end], "").replace("3家", "5家", 1),
        path=str(HENAN),
    )
    reopened = AnnotationStore.open(path, changed, right, reviewer="alice")
    assert {a.id for a in reopened.annotations} == {kept.id, gone.id}
    assert reopened.get(gone.id).orphaned and reopened.orphaned == [reopened.get(gone.id)]
    assert reopened.get(kept.id).anchors["left"].state == "fuzzy"
    assert reopened.pins == []  # the pinned section is gone …
    assert reopened.pin_records[0].state == "orphaned"  # … but the pin is kept
    assert [a.id for a in reopened.on("left")] == [kept.id]

    reopened.update(kept.id, comment="比去年多了两家")  # saves
    text = path.read_text(encoding="utf-8")
    assert "state: orphaned" in text and FINANCE in text
    final = AnnotationStore.open(path, changed, right)
    assert final.get(gone.id).comment == "这一节删了？" and final.get(gone.id).orphaned
