"""Document measures: boilerplate share, specificity, redundancy, stickiness."""

from __future__ import annotations

from collections import Counter

from compare.boilerplate import boilerplate_measures, redundancy, stickiness
from compare.parsing.pipeline import parse_file, parse_text

from .boilerplate_support import cache_home, default_model  # noqa: F401
from .conftest import CORPUS


def test_measures_of_a_real_report_are_shares(default_model) -> None:  # noqa: F811
    doc = parse_file(CORPUS / "tianjin-tanggu-2024.txt")
    m = boilerplate_measures(doc, default_model)
    for value in (m.boilerplate_share, m.boilerplate_label_share, m.specificity, m.redundancy):
        assert 0.0 <= value <= 1.0
    assert m.reference == "法治政府建设情况报告" and m.reference_documents == 5
    assert 0 < m.boilerplate_sentences < m.sentences
    assert m.specific_tokens > 20
    assert set(m.to_dict()) >= {"boilerplate_share", "specificity", "redundancy", "words"}


def test_a_report_pasting_its_own_paragraphs_is_redundant() -> None:
    paragraph = "加强普法宣传和教育工作，实行执法人员普法考核和评估，提高执法人员对普法工作的重视程度。"
    once = parse_text("\n".join([paragraph, "本年度新建节水公园3座，开展宣传活动12场次。"]))
    twice = parse_text("\n".join([paragraph, "本年度新建节水公园3座。", paragraph]))
    assert redundancy(once) == 0.0
    assert redundancy(twice) > 0.5


def test_stickiness_measures_text_carried_over_from_another_report() -> None:
    this_year = parse_file(CORPUS / "state-council-2016.txt")
    last_year = parse_file(CORPUS / "state-council-2015.txt")
    far = parse_file(CORPUS / "state-council-1954.txt")
    assert stickiness(this_year, this_year) == 1.0
    assert stickiness(this_year, last_year) > stickiness(this_year, far)
    assert 0.0 <= stickiness(this_year, far) < 0.01


def _by_definition(doc, n: int) -> list[tuple[str, ...]]:
    """A report's word n-grams as the measures define them: sentence by sentence, never across."""
    from compare.boilerplate.words import sentence_words
    from compare.text.tokens import ngrams

    return [g for s in doc.sentences() for g in ngrams(sentence_words(s.simplified).words, n)]


def test_redundancy_and_stickiness_count_the_word_ngrams_of_each_sentence() -> None:
    # the counts are built by a faster route (zip): they must be the n-grams of the definition
    this_year = parse_file(CORPUS / "state-council-2016.txt")
    last_year = parse_file(CORPUS / "state-council-2015.txt")
    tens = _by_definition(this_year, 10)
    repeated = sum(c for c in Counter(tens).values() if c > 1)
    assert redundancy(this_year) == repeated / len(tens)
    eights, theirs = _by_definition(this_year, 8), set(_by_definition(last_year, 8))
    assert stickiness(this_year, last_year) == sum(g in theirs for g in eights) / len(eights)
    short = parse_text("推进改革。加强监督。")  # sentences shorter than the n-grams: none
    assert redundancy(short) == 0.0 and stickiness(short, this_year) == 0.0


def test_two_word_ngrams_sharing_a_key_are_told_apart_by_their_words() -> None:
    # n-grams are counted by 64-bit keys checked against their words; were two different
    # n-grams ever to share a key, the measures must still be those of the definition
    from compare.boilerplate.measures import WordGrams, _distinct, carried_share, word_ngrams

    this_year = parse_file(CORPUS / "state-council-2016.txt")
    last_year = parse_file(CORPUS / "state-council-2015.txt")
    mine, theirs = word_ngrams(this_year, 8), word_ngrams(last_year, 8)
    collided = WordGrams(theirs.rows, theirs.keys * 0, theirs.doc, theirs.n)  # every key one
    assert _distinct(collided) is None
    eights, their_set = _by_definition(this_year, 8), set(_by_definition(last_year, 8))
    expected = sum(g in their_set for g in eights) / len(eights)
    assert carried_share(mine, collided) == carried_share(mine, theirs) == expected > 0
