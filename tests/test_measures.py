"""The Lazy Prices similarities on real reports: bounds, identity, ordering, script."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from compare.comparison.measures import similarities
from compare.parsing.normalise import to_traditional
from compare.parsing.pipeline import parse_file, parse_text
from tests.support.synthetic import perturb

from .conftest import CORPUS


def doc(name: str):
    return parse_file(CORPUS / f"{name}.txt")


def values(m) -> list[float]:
    return [m.cosine, m.jaccard, m.edit, m.simple]


def test_a_report_is_identical_to_itself() -> None:
    report = doc("tianjin-tanggu-2024")
    assert values(similarities(report, report)) == [1.0, 1.0, 1.0, 1.0]


def test_a_change_of_script_is_no_change() -> None:
    path = CORPUS / "jurong-huangmei-2021.txt"
    simplified = parse_file(path)
    traditional = parse_text(to_traditional(path.read_text(encoding="utf-8")), "t.txt")
    assert values(similarities(simplified, traditional)) == [1.0, 1.0, 1.0, 1.0]


@pytest.mark.parametrize(
    "left, right",
    [
        ("state-council-2016", "state-council-2017"),
        ("state-council-1955", "state-council-2017"),
        ("guangzhou-tianhe-water-2022", "tianjin-tanggu-2024"),
        ("suzhou-wuzhong-water-2024", "beijing-2026"),
    ],
)
def test_every_measure_lies_in_the_unit_interval(left: str, right: str) -> None:
    for value in values(similarities(doc(left), doc(right))):
        assert 0.0 <= value <= 1.0


def test_next_year_is_closer_than_sixty_years_later() -> None:
    near = similarities(doc("state-council-2016"), doc("state-council-2017"))
    far = similarities(doc("state-council-1955"), doc("state-council-2017"))
    assert near.cosine > far.cosine
    assert near.jaccard > far.jaccard
    assert near.edit > far.edit


def test_light_edits_keep_most_sentences_and_words() -> None:
    raw = (CORPUS / "guangzhou-tianhe-water-2022.txt").read_text(encoding="utf-8")
    edited, truth = perturb(raw, 5, ops=("figures", "reword"))
    left, right = parse_text(raw), parse_text(edited)
    measures = similarities(left, right)
    changed = sum(t.kind != "unchanged" for t in truth.sentences)
    assert 0 < changed <= 6
    # a handful of changed sentences out of ~90: the line diff keeps the rest
    assert 0.85 < measures.simple < 1.0
    assert measures.edit > 0.97 and measures.cosine > 0.99


def test_the_simple_measure_counts_the_words_of_kept_sentences() -> None:
    # the second report is the first cut in half at a line: every sentence of the half is
    # kept, so simple = 2 × words of the half / (words of the whole + words of the half)
    from compare.comparison.measures import document_units
    from compare.text.tokens import words

    raw = (CORPUS / "tianjin-tanggu-2024.txt").read_text(encoding="utf-8")
    lines = raw.splitlines()
    half = "\n".join(lines[: len(lines) // 2]) + "\n"
    full, shorter = parse_text(raw), parse_text(half)
    count = lambda d: sum(len(words(u)) for u in document_units(d))  # noqa: E731
    expected = 2 * count(shorter) / (count(full) + count(shorter))
    m = similarities(full, shorter)
    assert m.simple == pytest.approx(expected, abs=0.01)
    assert m.jaccard < 1.0 and m.cosine < 1.0


def test_jieba_loads_without_pkg_resources_and_cuts_the_same_words() -> None:
    # jieba's own import goes through setuptools' pkg_resources (0.13–0.3 s) to open its model
    # files; ours opens the same files without it: the words of a whole report are the same
    code = (
        "import sys\n"
        "if sys.argv[1] == 'with': import pkg_resources\n"
        "from compare.text.tokens import cut\n"
        "text = open(sys.argv[2], encoding='utf-8').read()\n"
        "print('pkg_resources' in sys.modules, len(cut(text)), hash(tuple(cut(text))))\n"
    )
    report = str(CORPUS / "state-council-2017.txt")
    env = {**os.environ, "PYTHONHASHSEED": "0"}
    runs = [subprocess.run([sys.executable, "-c", code, how, report], capture_output=True, text=True,
                           timeout=300, env=env, check=True).stdout.split() for how in ("with", "without")]
    assert runs[0][0] == "True" and runs[1][0] == "False"
    assert runs[0][1:] == runs[1][1:] and int(runs[0][1]) > 5000


def test_words_are_jiebas_words_of_the_whole_sentence() -> None:
    # words() cuts a sentence's runs of hanzi, letters and digits one by one (each remembered):
    # jieba cuts each run alone, so the words are those of cutting the whole sentence
    from compare.text.tokens import _PUNCT, cut, words

    checked = 0
    for name in ("state-council-2017.txt", "tianjin-tanggu-2024.txt", "suzhou-wuzhong-water-2024.txt"):
        path = CORPUS / name
        if not path.exists():
            continue
        for sentence in parse_file(path).sentences():
            for text in (sentence.simplified, sentence.text):
                assert words(text) == tuple(t for t in cut(text) if not _PUNCT.match(t)), text
                checked += 1
    assert checked > 1000
