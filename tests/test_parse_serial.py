"""A parsed report stored as bytes (`compare.parsing.serial`) and read back is the same report:
every corpus report and every reader's output compares equal field by field, two restored
reports diff exactly as two fresh ones, and bytes that are not a stored report are refused
with `ValueError` (batch then parses again), never anything else."""

from __future__ import annotations

import json
import sqlite3
import zlib
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from compare.batch.cache import ParseCache
from compare.batch.documents import cached_document, document_of
from compare.commands.diff import comparison_json
from compare.comparison.diff import compare_documents
from compare.errors import ReportError
from compare.parsing.loading import load_file
from compare.parsing.pipeline import parse_file, parse_loaded, parse_text
from compare.parsing.serial import document_from_bytes, document_to_bytes
from tests.conftest import CORPUS
from tests.support.documents import docx_from_report, pdf_from_report
from tests.test_parse_properties import TEXTS

CASES = Path(__file__).parent / "data" / "cases"


def _fresh(path: Path):
    return parse_loaded(load_file(path), str(path))


def _round_trip(doc):
    return document_from_bytes(document_to_bytes(doc), doc.path)


@pytest.mark.parametrize("path", sorted(CORPUS.glob("*.txt")), ids=lambda p: p.name)
def test_every_corpus_report_comes_back_equal(path: Path) -> None:
    doc = _fresh(path)
    back = _round_trip(doc)
    assert back == doc
    # the offset maps answer as the fresh ones do, at every sentence
    for sentence in doc.sentences():
        assert back.to_raw(sentence.start) == doc.to_raw(sentence.start)
        assert back.simplify(sentence.start, sentence.end) == sentence.simplified


def test_every_reader_output_comes_back_equal(tmp_path: Path) -> None:
    """HTML with a table, Big5 Traditional, .docx numbering, a PDF: tables, removals,
    conversions and page counts survive."""
    paths = [CASES / "01-xxgk-table.html", CASES / "02-big5-hkscs.txt",
             CASES / "03-docx-autonumber.docx",
             CASES / "05-docx-tracked-move.docx",
             pdf_from_report(CORPUS / "state-council-2016.txt", tmp_path),
             docx_from_report(CORPUS / "beijing-2026.txt", tmp_path)]
    docs = [_fresh(p) for p in paths]
    assert any(d.tables for d in docs) and any(d.format == "pdf" and d.pages for d in docs)
    assert any(d.conversion for d in docs)
    for doc in docs:
        assert _round_trip(doc) == doc


@pytest.mark.parametrize("left,right", [
    ("state-council-2016.txt", "state-council-2017.txt"),
    ("anhui-2026.txt", "henan-2026.txt"),
])
def test_restored_reports_diff_exactly_as_fresh_ones(left: str, right: str) -> None:
    a, b = _fresh(CORPUS / left), _fresh(CORPUS / right)
    fresh = comparison_json(compare_documents(a, b))
    restored = comparison_json(compare_documents(_round_trip(a), _round_trip(b)))
    assert json.dumps(restored, ensure_ascii=False) == json.dumps(fresh, ensure_ascii=False)
    assert fresh["sections"]  # a comparison with something in it


def test_stored_report_is_smaller_than_its_text() -> None:
    doc = _fresh(CORPUS / "state-council-2017.txt")
    assert len(document_to_bytes(doc)) < len(doc.text.encode("utf-8"))


def _stored() -> bytes:
    return document_to_bytes(_fresh(CORPUS / "beijing-2026.txt"))


@pytest.mark.parametrize("damage", ["truncated", "flipped", "other version", "not a document"])
def test_damaged_bytes_are_refused_and_the_worker_parses_again(damage: str) -> None:
    data = _stored()
    if damage == "truncated":
        data = data[: len(data) // 2]
    elif damage == "flipped":
        data = data[:200] + bytes([data[200] ^ 0xFF]) + data[201:]
    elif damage == "other version":
        d = json.loads(zlib.decompress(data))
        d["version"] = "document-0"
        data = zlib.compress(json.dumps(d).encode())
    else:
        data = zlib.compress(json.dumps({"version": "document-1", "text": 5}).encode())
    with pytest.raises(ValueError):
        document_from_bytes(data, "x.txt")
    name = "beijing-2026.txt"
    raw = (CORPUS / name).read_bytes()
    assert document_of(name, data, raw) == parse_loaded(load_file(CORPUS / name), name)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=400) | st.builds(zlib.compress, st.binary(max_size=400)))
def test_any_bytes_are_a_document_or_a_value_error(data: bytes) -> None:
    try:
        document_from_bytes(data, "x.txt")
    except ValueError:
        pass


def test_cached_document_is_parse_file_through_the_cache(tmp_path: Path) -> None:
    """The report a batch parsed is read back (not parsed) with the manifest and file name
    applied as `parse_file` applies them; a damaged row is parsed again and rewritten."""
    path = CORPUS / "state-council-2015.txt"  # the corpus manifest names its agency and year
    expected = parse_file(path)
    with ParseCache(tmp_path / "cache") as cache:
        first = cached_document(path, cache)  # parsed and stored
        assert first == expected
        second = cached_document(path, cache)  # read back
        assert second == expected and second is not first
        # proof that the row is what is read: another report's stored document under this key
        db = sqlite3.connect(cache.path)
        other = document_to_bytes(_fresh(CORPUS / "state-council-2016.txt"))
        db.execute("UPDATE documents SET document = ?", (other,))
        db.commit()
        assert cached_document(path, cache).text == _fresh(CORPUS / "state-council-2016.txt").text
        db.execute("UPDATE documents SET document = ?", (b"damaged",))
        db.commit()
        assert cached_document(path, cache) == expected
        (rewritten,), = db.execute("SELECT document FROM documents").fetchall()
        db.close()
        assert document_from_bytes(rewritten, str(path)).text == expected.text


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TEXTS)
def test_any_parsed_text_comes_back_equal(raw: str) -> None:
    """Headings, items, NFKC (①, ㎡, full-width figures), removals and controls of generated
    reports survive the round trip."""
    try:
        doc = parse_text(raw, "generated.txt")
    except ReportError:
        return
    assert _round_trip(doc) == doc
