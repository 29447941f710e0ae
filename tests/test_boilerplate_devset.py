"""The hand-labelled sets: well formed, still matching the parser, and the model's agreement
with the two development sets (benchmarks/boilerplate.py prints the full confusion matrices).

boilerplate_devset.yaml was labelled by the rule writer, boilerplate_devset2.yaml and
boilerplate_devset3.yaml by two other people from the guideline alone (all three developed on;
the third was measured untouched first, session 21), boilerplate_devset4.yaml and
boilerplate_devset5.yaml by two more fresh labellers in session 23 (measured untouched first); boilerplate_testset.yaml is held out: only
its well-formedness is tested here, the model's figures on it are measured, never tuned to."""

from __future__ import annotations

from collections import Counter
from functools import lru_cache
from pathlib import Path

import pytest
import yaml

from compare.parsing.pipeline import parse_file

from .boilerplate_support import cache_home, default_model  # noqa: F401
from .conftest import ROOT

DATA = ROOT / "tests" / "data"
DEVSET = DATA / "boilerplate_devset.yaml"
DEVSET2 = DATA / "boilerplate_devset2.yaml"
DEVSET3 = DATA / "boilerplate_devset3.yaml"
DEVSET4 = DATA / "boilerplate_devset4.yaml"
DEVSET5 = DATA / "boilerplate_devset5.yaml"
TESTSET = DATA / "boilerplate_testset.yaml"


@lru_cache(maxsize=4)
def labelled(path: Path = DEVSET) -> list[dict]:
    return yaml.safe_load(path.read_text(encoding="utf-8"))["sentences"]


def devset() -> list[dict]:
    return labelled(DEVSET)


def test_devset_is_large_enough_and_has_both_kinds_and_hard_cases() -> None:
    items = devset()
    labels = Counter(i["label"] for i in items)
    assert len(items) >= 150
    assert labels["boilerplate"] >= 50 and labels["substantive"] >= 50
    assert sum(1 for i in items if i.get("note")) >= 50
    assert (ROOT / "tests" / "data" / "boilerplate_guideline.md").is_file()


@pytest.mark.parametrize("path", [DEVSET, DEVSET2, DEVSET3, DEVSET4, DEVSET5, TESTSET], ids=lambda p: p.stem)
def test_every_labelled_sentence_is_a_sentence_of_its_report(path: Path) -> None:
    """The sets are kept as their labellers wrote them; a better parser may make a labelled line
    a heading (yunnan-2026's 三）改革开放持续深化、互促共进。 — headings are not labelled), which
    the benchmark and the agreement test skip. More than 1% of a set lost is a parser fault."""
    items = labelled(path)
    assert len(items) >= 150 and {i["label"] for i in items} == {"boilerplate", "substantive"}
    by_source: dict[str, set[str]] = {}
    missing = []
    for item in items:
        src = item["source"]
        if src not in by_source:
            by_source[src] = {s.text for s in parse_file(ROOT / src).sentences()}
        if item["text"] not in by_source[src]:
            missing.append((src, item["text"][:30]))
    assert len(missing) <= len(items) // 100, missing


# Floors a little under the measured figures (0.94 and 0.88 when the first two were set; 0.86 on
# the third, measured untouched when it arrived; 0.882 and 0.840 on the fourth and fifth, measured
# untouched when they arrived in session 23), so that a change that loses several sentences on
# any development set fails here.
@pytest.mark.parametrize(
    ("path", "floor"),
    [(DEVSET, 0.93), (DEVSET2, 0.86), (DEVSET3, 0.84), (DEVSET4, 0.86), (DEVSET5, 0.82)],
    ids=["devset", "devset2", "devset3", "devset4", "devset5"],
)
def test_the_model_agrees_with_the_hand_labels(default_model, path: Path, floor: float) -> None:  # noqa: F811
    right = total = 0
    cache: dict[str, dict[str, str]] = {}
    for item in labelled(path):
        src = item["source"]
        if src not in cache:
            cache[src] = {lab.text: lab.label for lab in default_model.classify(parse_file(Path(ROOT / src)))}
        if item["text"] not in cache[src]:
            continue  # no longer a sentence (see above)
        total += 1
        right += cache[src][item["text"]] == item["label"]
    assert right / total >= floor
