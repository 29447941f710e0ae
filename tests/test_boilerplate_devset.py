"""The hand-labelled development set: well formed, still matching the parser, and the model's
agreement with it (benchmarks/boilerplate.py prints the full confusion matrix)."""

from __future__ import annotations

from collections import Counter
from functools import lru_cache
from pathlib import Path

import yaml

from compare.parsing.pipeline import parse_file

from .boilerplate_support import cache_home, default_model  # noqa: F401
from .conftest import ROOT

DEVSET = ROOT / "tests" / "data" / "boilerplate_devset.yaml"


@lru_cache(maxsize=1)
def devset() -> list[dict]:
    return yaml.safe_load(DEVSET.read_text(encoding="utf-8"))["sentences"]


def test_devset_is_large_enough_and_has_both_kinds_and_hard_cases() -> None:
    items = devset()
    labels = Counter(i["label"] for i in items)
    assert len(items) >= 150
    assert labels["boilerplate"] >= 50 and labels["substantive"] >= 50
    assert sum(1 for i in items if i.get("note")) >= 50
    assert (ROOT / "tests" / "data" / "boilerplate_guideline.md").is_file()


def test_every_devset_sentence_is_a_sentence_of_its_report() -> None:
    by_source: dict[str, set[str]] = {}
    for item in devset():
        src = item["source"]
        if src not in by_source:
            by_source[src] = {s.text for s in parse_file(ROOT / src).sentences()}
        assert item["text"] in by_source[src], (src, item["text"][:30])


def test_the_model_agrees_with_the_hand_labels(default_model) -> None:  # noqa: F811
    right = total = 0
    cache: dict[str, dict[str, str]] = {}
    for item in devset():
        src = item["source"]
        if src not in cache:
            cache[src] = {lab.text: lab.label for lab in default_model.classify(parse_file(Path(ROOT / src)))}
        total += 1
        right += cache[src][item["text"]] == item["label"]
    assert right / total >= 0.90
