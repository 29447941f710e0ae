"""The default model: built from a corpus folder, cached, rebuilt when the corpus changes."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from compare.boilerplate import BoilerplateModel
from compare.boilerplate.default import cached_model_path, corpus_fingerprint, load_default_model
from compare.errors import ReportError

from .conftest import CORPUS, SEEDS


@pytest.fixture
def small_corpus(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "corpus"
    folder.mkdir()
    for name in SEEDS:
        shutil.copy(CORPUS / f"{name}.txt", folder)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    return folder


def test_built_once_then_read_from_the_cache(small_corpus: Path) -> None:
    first = load_default_model(small_corpus)
    assert first.documents == 5
    path = cached_model_path(first.corpus_hash)
    assert path.is_file() and str(path).startswith(str(small_corpus.parent / "cache"))
    # mark the cached file: a later run that reads it (rather than building again) shows it
    cached = BoilerplateModel.load(path)
    cached.sources.append({"path": "缓存标记"})
    cached.save(path)
    code = ("import sys; from compare.boilerplate import load_default_model; "
            "print(load_default_model(sys.argv[1]).sources[-1]['path'])")
    later = subprocess.run([sys.executable, "-c", code, str(small_corpus)], capture_output=True,
                           text=True, timeout=300)
    assert later.returncode == 0, later.stderr
    assert later.stdout.strip() == "缓存标记"
    # and the same process asks the disk only once
    assert load_default_model(small_corpus).sources[-1]["path"] != "缓存标记"


def test_a_changed_report_gives_a_new_model(small_corpus: Path) -> None:
    before = load_default_model(small_corpus)
    report = small_corpus / f"{SEEDS[0]}.txt"
    report.write_text(report.read_text(encoding="utf-8") + "\n本年度新建节水公园3座。\n", encoding="utf-8")
    after = load_default_model(small_corpus)
    assert after.corpus_hash != before.corpus_hash
    assert cached_model_path(after.corpus_hash).is_file()


def test_a_broken_cache_file_is_rebuilt_not_trusted(small_corpus: Path) -> None:
    fingerprint = corpus_fingerprint(small_corpus)
    path = cached_model_path(fingerprint)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"\x1f\x8bgarbage")
    model = load_default_model(small_corpus, rebuild=False)
    assert model.documents == 5
    assert path.read_bytes()[:2] == b"\x1f\x8b" and path.stat().st_size > 100


def test_the_corpus_can_come_from_the_environment(small_corpus: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COMPARE_REPORTS_CORPUS", str(small_corpus))
    assert load_default_model().documents == 5


def test_no_corpus_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(ReportError) as err:
        load_default_model(tmp_path / "missing")
    assert "no such corpus folder" in err.value.message
    empty = tmp_path / "empty"
    empty.mkdir()
    with pytest.raises(ReportError):
        load_default_model(empty)


def test_words_of_a_classified_report_are_kept_and_give_the_same_labels(small_corpus: Path) -> None:
    from compare.boilerplate import words
    from compare.boilerplate.token_cache import words_path
    from compare.parsing.pipeline import parse_file, parse_text
    from compare.text.tokens import _words_cached

    model = load_default_model(small_corpus)  # keeps the words of the corpus reports
    doc = parse_file(small_corpus / f"{SEEDS[3]}.txt")
    assert words_path(doc).is_file()
    new = parse_text("本年度新建节水公园3座。\n我们坚持依法行政。", "<new report>")
    assert not words_path(new).is_file()
    model.classify(new)
    assert words_path(new).is_file()  # a report classified once is kept too
    first = [(lab.label, round(lab.boilerplate_score, 6)) for lab in model.classify(doc)]
    tags = [words.sentence_words(s.simplified).tags for s in doc.sentences()]
    words._cache.clear()  # as in a new process: only the disk remembers
    _words_cached.cache_clear()
    again = [(lab.label, round(lab.boilerplate_score, 6)) for lab in model.classify(doc)]
    assert again == first
    assert _words_cached.cache_info().currsize == 0  # nothing was cut again
    assert [words.sentence_words(s.simplified).tags for s in doc.sentences()] == tags  # tags kept too
    words_path(doc).write_bytes(b"not a cache")  # a broken file is ignored and replaced
    words._cache.clear()
    assert [(lab.label, round(lab.boilerplate_score, 6)) for lab in model.classify(doc)] == first


def test_a_cache_is_keyed_by_the_code_that_computed_it(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # two checkouts sharing one user cache (or an upgrade) must not read each other's model:
    # the fingerprint follows every module of the packages named, and nothing else
    from compare.files.fingerprint import source_fingerprint

    (tmp_path / "boilerplate").mkdir()
    (tmp_path / "boilerplate" / "model.py").write_text("WEIGHT = 1.0\n", encoding="utf-8")
    (tmp_path / "other.py").write_text("X = 1\n", encoding="utf-8")
    before = source_fingerprint(("boilerplate",), "v1", tmp_path)
    (tmp_path / "other.py").write_text("X = 2\n", encoding="utf-8")
    source_fingerprint.cache_clear()
    assert source_fingerprint(("boilerplate",), "v1", tmp_path) == before
    source_fingerprint.cache_clear()
    (tmp_path / "boilerplate" / "model.py").write_text("WEIGHT = 0.5\n", encoding="utf-8")
    assert source_fingerprint(("boilerplate",), "v1", tmp_path) != before
    assert source_fingerprint(("boilerplate",), "v2", tmp_path) != source_fingerprint(("boilerplate",), "v1", tmp_path)
    # the default model's key names the code that builds it: other code, another model file
    import compare.boilerplate.default as default

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text("某局2024年法治政府建设情况报告\n一、工作\n依法行政。\n", encoding="utf-8")
    monkeypatch.setattr(default, "source_fingerprint", lambda parts, salt="": "code-one")
    one = corpus_fingerprint(corpus)
    monkeypatch.setattr(default, "source_fingerprint", lambda parts, salt="": "code-two")
    assert corpus_fingerprint(corpus) != one
