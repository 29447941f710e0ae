"""Both reports of a comparison labelled: the earlier one alone, the later one against it.

The pair a reviewer opens in `review`, `diff` or `diff --html` is one body's previous and
current report (earlier on the left), so the later report's sentences get what is new this
year as evidence and the carried-over mark (`BoilerplateModel.classify(previous=…)`).
"""

from __future__ import annotations

from dataclasses import dataclass

from compare.boilerplate.default import load_default_model
from compare.boilerplate.lexicon import Lexicon
from compare.boilerplate.model import BoilerplateModel, LastYear, SentenceLabel
from compare.parsing.document import Document, Sentence

SIDES = ("left", "right")


@dataclass(slots=True)
class PairLabels:
    """Labels of both sides of a comparison, keyed by each sentence's start in `Document.text`."""

    left: dict[int, SentenceLabel]
    right: dict[int, SentenceLabel]

    def get(self, side: str, sentence: Sentence | None) -> SentenceLabel | None:
        if sentence is None:
            return None
        return (self.left if side == "left" else self.right).get(sentence.start)

    def is_boilerplate(self, side: str, sentence: Sentence | None) -> bool:
        label = self.get(side, sentence)
        return bool(label is not None and label.is_boilerplate)


def label_pair(
    left: Document, right: Document, model: BoilerplateModel | None = None, lexicon: Lexicon | None = None,
    *, cached_only: bool = False,
) -> PairLabels:
    """Classify `left` on its own and `right` against `left` as last year's report.

    `model` defaults to the cached model of the bundled corpus (`load_default_model`, which
    raises `ReportError` when that corpus is missing, or with `cached_only` when the model is
    not built yet); `lexicon` to the shipped and user ones.
    """
    if model is None:
        model = load_default_model(cached_only=cached_only)
    earlier = model.classify(left, lexicon)
    later = model.classify(right, lexicon, previous=LastYear(left))
    return PairLabels({lab.start: lab for lab in earlier}, {lab.start: lab for lab in later})
