"""Guarded patterns (`compare.text.patterns.guarded`): the same matches as the pattern as
written, found faster; and the first characters they are guarded by."""

from __future__ import annotations

import re

import pytest

from compare.boilerplate import specificity
from compare.parsing import metadata
from compare.parsing.readers import texttables
from compare.text.patterns import first_characters, guarded

from .conftest import CORPUS
from .test_cases_readers import CASES


def _lines() -> list[str]:
    texts = [p.read_text(encoding="utf-8") for p in sorted(CORPUS.glob("*.txt"))]
    texts += [p.read_bytes().decode("utf-8", "replace") for p in sorted(CASES.rglob("*.txt"))]
    return [line for text in texts for line in text.split("\n")]


def _chars(cls: str | None) -> set[str]:
    assert cls is not None
    return {chr(c) for c in range(0x10000) if re.fullmatch(cls, chr(c))}


def test_first_characters_are_those_a_match_can_begin_with() -> None:
    assert _chars(first_characters(r"(?:全国|全省)?首(?:家|个)")) == set("全首")
    assert _chars(first_characters(r"(?<![\d.])(1\d\d)(?=\s*年度)")) == {"1"}  # past the lookbehind
    assert _chars(first_characters(r"翻[一两]番|(?:减|下降)一半|[a-c]成")) == set("翻减下abc")
    assert _chars(first_characters(r"(?:年|)度")) == set("年度")  # an empty alternative: what follows


@pytest.mark.parametrize("pattern", [
    r"\S+年", r".年", r"[^年]年", r"\d+", r"年?", r"[\w]年", r"(?i)year",
])
def test_first_characters_not_told_leave_the_pattern_unguarded(pattern: str) -> None:
    assert first_characters(pattern) is None
    assert guarded(pattern).compiled.pattern == pattern


@pytest.mark.parametrize("pattern", [
    specificity._STATUS, specificity._FIRST, specificity._WORD_QUANTITY, specificity._DEADLINE_WORDS,
    metadata._ROC_FISCAL_YEAR,
])
def test_guarded_patterns_find_what_the_pattern_as_written_finds_in_every_corpus_line(pattern) -> None:
    plain = re.compile(pattern.pattern)
    assert pattern.compiled.pattern != plain.pattern  # guarded indeed
    found = 0
    for line in _lines() + ["民國112年度預算", "112年度", "1112年度", "2.112年度"]:
        expected = [(m.span(), m.groups()) for m in plain.finditer(line)]
        assert [(m.span(), m.groups()) for m in pattern.finditer(line)] == expected, line
        assert pattern.sub("#", line) == plain.sub("#", line)
        found += len(expected)
    assert found  # the corpus has matches of each


def test_any_separator_says_yes_to_the_same_texts_as_its_first_definition() -> None:
    first = re.compile(rf"\t|[{texttables._BARS}]|\S[ \xa0\u3000]{{2,}}\S|\S\u3000\S")
    lines = _lines() + ["a  b", "a\u3000b", "\u3000\u3000正文", "a \xa0 b", "末尾  ", "a\u3000\n", "｜表"]
    yes = 0
    for line in lines:
        assert bool(texttables._ANY_SEPARATOR.search(line)) == bool(first.search(line)), line
        yes += bool(first.search(line))
    assert 0 < yes < len(lines)
