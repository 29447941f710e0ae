"""Boilerplate or substantive: every sentence labelled, scored and explained.

Public API (the review app, the diff and the batch command call these)::

    from compare.boilerplate import load_default_model, boilerplate_measures, stickiness

    model = load_default_model()              # built from corpus/, cached, rebuilt on change
    labels = model.classify(doc)              # list[SentenceLabel], reading order
    lab.label, lab.boilerplate_score          # "boilerplate" | "substantive", 0..1
    lab.evidence                              # [Evidence(kind, text, start, end, detail, weight)]
    lab.explain()                             # lines for "why is this dimmed?"
    boilerplate_measures(doc, model, labels)  # boilerplate share, specificity, redundancy
    stickiness(new_doc, old_doc)              # share of word 8-grams carried over

    model = BoilerplateModel.build(docs, group_by="kind")   # or build_from_paths(paths)
    model.save(path); BoilerplateModel.load(path)            # gzip JSON, never pickle
    load_lexicon(["my_formulas.yaml"])                       # shipped + user + extra entries

Modules: `phrases` (corpus phrase statistics), `lexicon` (formulas), `specificity` (what can
be checked), `model` (the score), `building` (reading a corpus), `default` (the cached default
model), `measures` (document measures).
"""

from __future__ import annotations

from compare.boilerplate.default import load_default_model
from compare.boilerplate.lexicon import Lexicon, load_lexicon
from compare.boilerplate.measures import (
    BoilerplateMeasures,
    boilerplate_measures,
    redundancy,
    stickiness,
)
from compare.boilerplate.model import BoilerplateModel, Evidence, Label, SentenceLabel

__all__ = [
    "BoilerplateModel",
    "BoilerplateMeasures",
    "Evidence",
    "Label",
    "Lexicon",
    "SentenceLabel",
    "boilerplate_measures",
    "load_default_model",
    "load_lexicon",
    "redundancy",
    "stickiness",
]
