"""MinHash LSH candidates: on a corpus too large to compare pair by pair, copies still find each other."""

from __future__ import annotations

import random

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from compare.batch.candidates import ALL_PAIRS_UP_TO, find_candidates
from compare.batch.record import _clause_spans_by_sentence, record_from_document, unit_hash
from compare.batch.shingles import jaccard, shared, shingle_hashes, sketch
from compare.errors import ReportError
from compare.parsing.document import Document
from compare.parsing.pipeline import parse_file, parse_text
from compare.text.tokens import compact
from tests.conftest import CORPUS, ROOT

CASES = ROOT / "tests" / "data" / "cases"


def _family_corpus(families: int, copies: int) -> tuple[list[np.ndarray], list[int]]:
    """Real reports, each with near-copies (a few lines dropped): shingles and family per copy."""
    sources = sorted(CORPUS.glob("*.txt"))[:families]
    shingles, family = [], []
    for f, path in enumerate(sources):
        lines = path.read_text(encoding="utf-8").split("\n")
        for c in range(copies):
            rng = random.Random(f * 1000 + c)
            kept = [line for line in lines if rng.random() > 0.08]
            shingles.append(shingle_hashes("\n".join(kept)))
            family.append(f)
    return shingles, family


def test_lsh_candidates_contain_each_reports_copies():
    shingles, family = _family_corpus(30, 8)
    assert len(shingles) > ALL_PAIRS_UP_TO  # the LSH path, not every pair
    sketches = np.vstack([sketch(s) for s in shingles])
    found = find_candidates(sketches, wanted=3)
    assert found.passes["lsh"] == len(shingles)  # all served by the first LSH pass
    for i, candidates in enumerate(found.lists):
        assert i not in candidates
        assert sum(family[j] == family[i] for j in candidates) >= 3
        # the exact nearest among candidates is a copy of the same report
        best = max(candidates, key=lambda j: jaccard(shingles[i], shingles[j]))
        assert family[best] == family[i]


def test_a_report_unlike_all_others_still_gets_candidates():
    shingles, _ = _family_corpus(26, 8)
    loner = shingle_hashes("这是一份与其他报告毫无共同之处的短文本，用来检验兜底的候选。" * 3)
    sketches = np.vstack([sketch(s) for s in shingles + [loner]])
    found = find_candidates(sketches, wanted=2)
    assert len(found.lists[-1]) >= 2
    assert found.passes["all"] >= 1


@given(st.lists(st.integers(0, 2**32 - 1), max_size=300), st.lists(st.integers(0, 2**32 - 1), max_size=300))
@settings(max_examples=200, deadline=None)
def test_shared_shingles_are_the_sets_intersection(left, right):
    a = np.unique(np.array(left, dtype=np.uint32))
    b = np.unique(np.array(right, dtype=np.uint32))
    assert shared(a, b) == len(set(left) & set(right))


def test_exact_similarity_of_real_reports_matches_python_sets():
    shingles, _ = _family_corpus(3, 2)
    for a in shingles:
        for b in shingles:
            inter = len(set(a.tolist()) & set(b.tolist()))
            assert jaccard(a, b) == inter / (len(a) + len(b) - inter)


def _clauses_one_by_one(doc: Document) -> list[tuple[int, int, int, int, int]]:
    """(start, end, section, chars, hash) of each clause, sentence by sentence, view by view."""
    index = {s.id: i for i, s in enumerate(doc.walk())}
    sentences = list(doc.sentences())
    owner = np.array([index[s.section_id] for s in sentences], dtype=np.int64)
    out = []
    for start, end, section in _clause_spans_by_sentence(doc, sentences, owner).tolist():
        view = compact(doc.simplify(start, end))
        out.append((start, end, section, len(view), unit_hash(doc.simplify(start, end))))
    return out


def _same_record(doc: Document) -> None:
    record = record_from_document(doc)
    got = [(int(c["start"]), int(c["end"]), int(c["section"]), int(c["chars"]), int(c["hash"]))
           for c in record.clauses]
    assert got == _clauses_one_by_one(doc)
    assert np.array_equal(record.shingles, shingle_hashes(doc.simplified))


def test_clauses_and_shingles_of_real_reports_are_those_of_each_sentence():
    """The array-built clauses (a mark mask, a sentence label per character, a lookup table
    for what `compact` keeps) are each sentence cut at its marks, hashed by its own view."""
    for path in sorted(CORPUS.glob("*.txt"))[:25] + [CASES / "09-hk-variants-a.txt"]:
        _same_record(parse_file(path))


@given(st.lists(st.sampled_from(["一、总体要求\n", "（一）", "坚持稳中求进，", "主要是：", "Ⅲ", "①", "㎡",
                                 "；", "。", "\n", "“好”。", "𠀀", "_", " ", "，，", "发展"]),
                max_size=40).map("".join))
@settings(max_examples=150, deadline=None)
def test_clauses_of_any_text_are_those_of_each_sentence(text):
    try:
        doc = parse_text(text, "generated.txt")
    except ReportError:
        return
    _same_record(doc)
