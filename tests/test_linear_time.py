"""The pieces that made long inputs quadratic, checked against the plain definitions they
replace (their speed is measured by benchmarks/parse.py, not here)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from compare.boilerplate.specificity import SpanCover, _outermost
from compare.parsing.pipeline import parse_file, parse_text

from .conftest import ROOT

CASES = ROOT / "tests" / "data" / "cases"

spans = st.lists(st.tuples(st.integers(0, 60), st.integers(0, 60)).map(sorted).map(tuple), max_size=30)


@settings(max_examples=300, deadline=None)
@given(spans, st.integers(0, 60), st.integers(0, 60))
def test_span_cover_is_the_overlap_test(given_spans, a, b) -> None:
    start, end = min(a, b), max(a, b)
    cover = SpanCover(60, given_spans)
    plain = any(s < end and start < e and s < e for s, e in given_spans) and end > start
    assert cover.overlaps(start, end) == plain


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 30), st.integers(1, 8), st.sampled_from(["place", "programme"])), max_size=25))
def test_outermost_keeps_the_longest_readings(raw) -> None:
    found = [(s, s + n, kind) for s, n, kind in raw]
    plain = [t for t in found if not any(o != t and o[0] <= t[0] and t[1] <= o[1] for o in found)]
    assert _outermost(found) == plain


def test_one_long_sentence_cut_inside_a_character_is_read() -> None:
    # the shared case is a 100,000-byte cut of a UTF-8 file: its last character is incomplete
    doc = parse_file(CASES / "rel-10-one-long-sentence-100k.txt", use_manifest=False)
    assert doc.encoding == "utf-8"
    assert len(doc.text) > 30_000 and len(list(doc.sentences())) == 1


def test_many_sections_keep_their_paragraphs_and_ends() -> None:
    body = "\n".join(f"{i}.第{i}项工作\n完成任务{i}个。\n另有说明。" for i in range(1, 400))
    doc = parse_text("一、总体情况\n" + body + "\n二、下一步打算\n继续推进。", "many.txt")
    top = [s for s in doc.walk() if s.level == 1]
    assert [s.title for s in top][-1].startswith("二、")
    last_child = [s for s in doc.walk() if s.level == 2][-1]
    assert last_child.end <= top[-1].start
    paragraphs = [s.paragraph for s in doc.sentences()]
    assert paragraphs == sorted(paragraphs)
    assert paragraphs[-1] == doc.text.count("\n", 0, list(doc.sentences())[-1].start)
