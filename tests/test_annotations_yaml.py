"""Reading and writing the annotation file: hand edits are caught with their line, text survives."""

from __future__ import annotations

from dataclasses import replace
from datetime import timezone
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from compare.annotations import AnnotationFileError, AnnotationStore, read_file
from compare.annotations.model import Anchor, Annotation, AnnotationSet, DocumentRef, Pin, format_time
from compare.annotations.yamlfile import DumpCache, _yaml, annotation_data, dump, load
from compare.parsing.pipeline import parse_file

from .conftest import CORPUS



@pytest.fixture(scope="module")
def saved(tmp_path_factory) -> Path:
    """A real file written by the store: one annotation, one pin."""
    left = parse_file(CORPUS / "jiangsu-2026.txt")
    right = parse_file(CORPUS / "zhejiang-2026.txt")
    path = tmp_path_factory.mktemp("yaml") / "pair.yaml"
    store = AnnotationStore.open(path, left, right, reviewer="li")
    s = next(iter(left.sentences()))
    store.add("left", s.start, s.end, label="copied", comment="same as last year")
    store.pin("1", "1")
    return path


def hand_edit(saved: Path, tmp_path: Path, old: str, new: str) -> Path:
    text = saved.read_text(encoding="utf-8")
    assert old in text, old
    edited = tmp_path / "edited.yaml"
    edited.write_text(text.replace(old, new, 1), encoding="utf-8")
    return edited


def line_of(path: Path, needle: str) -> int:
    return next(n for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if needle in line)


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ("label: copied", "label: yes", "field 'label' must be text (got a boolean — quote it: 'yes')"),
        ("label: copied", "label: on", "field 'label' must be text (got a boolean — quote it: 'on')"),
        ("label: copied", "label: 2024-05-01", "field 'label' must be text (got a date — quote it: '2024-05-01')"),
        ("comment: same as last year", "comment: 12", "field 'comment' must be text (got a number — quote it: '12')"),
        ("comment: same as last year", "comment:", "field 'comment' must be text (got nothing (write '' for empty text))"),
        ("side: left", "side: middle", "field 'side' must be one of left, right, both (got 'middle')"),
        ("label: copied", "lable: copied", "unknown field 'lable' in an annotation: did you mean 'label'?"),
        ("end: ", "end: -", "field 'end' must be a whole number ≥ 0 (got -"),
    ],
)
def test_hand_edits_that_change_a_type_are_reported_with_their_line(saved, tmp_path, old, new, message):
    edited = hand_edit(saved, tmp_path, old, new)
    with pytest.raises(AnnotationFileError) as caught:
        read_file(edited)
    assert caught.value.problems[0].message.startswith(message)
    assert caught.value.line == line_of(edited, new)
    assert str(caught.value.path) == f"{edited}:{caught.value.line}"


def test_unquoted_timestamp_is_caught(saved, tmp_path):
    text = saved.read_text(encoding="utf-8")
    stamp = next(line for line in text.splitlines() if line.strip().startswith("updated:")).split(": ", 1)[1]
    edited = hand_edit(saved, tmp_path, f"updated: {stamp}", f"updated: {stamp.strip(chr(39))}")
    with pytest.raises(AnnotationFileError, match="field 'updated' must be text \\(got a date"):
        read_file(edited)


def test_section_id_that_became_a_number_is_caught(saved, tmp_path):
    edited = hand_edit(saved, tmp_path, "id: '1'", "id: 1.1")
    with pytest.raises(AnnotationFileError, match="field 'id' must be text \\(got a number — quote it: '1.1'\\)"):
        read_file(edited)


def test_duplicate_key_and_duplicate_id(saved, tmp_path):
    edited = hand_edit(saved, tmp_path, "  label: copied\n", "  label: copied\n  label: again\n")
    with pytest.raises(AnnotationFileError, match="field 'label' appears twice"):
        read_file(edited)
    content = read_file(saved)
    twice = AnnotationSet(annotations=content.annotations * 2)
    copy = tmp_path / "twice.yaml"
    copy.write_text(dump(twice).replace("annotations:\n", "annotations:\n", 1), encoding="utf-8")
    # dump sorts by id, so the second copy comes right after the first
    with pytest.raises(AnnotationFileError, match="is used twice \\(first at line"):
        read_file(copy)


def test_git_conflict_markers_say_how_to_merge(saved, tmp_path):
    edited = hand_edit(saved, tmp_path, "  label: copied\n", "<<<<<<< HEAD\n  label: copied\n=======\n  label: other\n>>>>>>> theirs\n")
    with pytest.raises(AnnotationFileError, match="annotations merge") as caught:
        read_file(edited)
    assert caught.value.line == line_of(edited, "<<<<<<<")


def test_not_yaml_not_utf8_and_wrong_schema(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("schema: 1\nannotations: [\n", encoding="utf-8")
    with pytest.raises(AnnotationFileError, match="not valid YAML"):
        read_file(bad)
    bad.write_bytes("schema: 1\nleft: {path: 报告}\n".encode("gb18030"))
    with pytest.raises(AnnotationFileError, match="not UTF-8"):
        read_file(bad)
    bad.write_text("schema: 2\n", encoding="utf-8")
    with pytest.raises(AnnotationFileError, match="schema 2 is not one this version"):
        read_file(bad)
    bad.write_text("- just\n- a list\n", encoding="utf-8")
    with pytest.raises(AnnotationFileError, match="the file must be a mapping"):
        read_file(bad)
    bad.write_text("annotations: []\n", encoding="utf-8")
    with pytest.raises(AnnotationFileError, match="has no 'schema' field"):
        read_file(bad)


def test_every_problem_is_listed_not_only_the_first(saved, tmp_path):
    edited = hand_edit(saved, tmp_path, "label: copied", "label: yes")
    text = edited.read_text(encoding="utf-8").replace("  state: anchored\n", "  state: maybe\n", 1)
    edited.write_text(text, encoding="utf-8")  # the pin's state, before the annotations
    with pytest.raises(AnnotationFileError) as caught:
        read_file(edited)
    lines = caught.value.lines()
    assert len(lines) == 2
    assert lines[0] == f"{edited}:{line_of(edited, 'state: maybe')}: field 'state' must be one of anchored, orphaned (got 'maybe')"
    assert lines[1].startswith(f"{edited}:{line_of(edited, 'label: yes')}: field 'label' must be text")
    assert caught.value.message.endswith("(and 1 more problems)")


def test_file_is_block_style_sorted_and_readable(saved):
    text = saved.read_text(encoding="utf-8")
    assert text.startswith("# compare-reports annotations")
    assert "{" not in text.split("annotations:")[1]  # no flow style
    keys = [line.split(":")[0].strip() for line in text.splitlines() if line.startswith("  ") and not line.startswith("   ")]
    assert keys[:7] == ["path", "title", "agency", "year", "kind", "text_hash", "path"]
    annotation_keys = text.split("annotations:\n")[1]
    order = ["id:", "side:", "label:", "comment:", "reviewer:", "created:", "updated:", "left:"]
    positions = [annotation_keys.index(k) for k in order]
    assert positions == sorted(positions)


# -- round trips ------------------------------------------------------------------------------

texts = st.text(st.characters(blacklist_categories=("Cs",)), max_size=60)
stamps = st.datetimes(timezones=st.just(timezone.utc)).map(format_time)


@st.composite
def anchors(draw):
    start = draw(st.integers(0, 10**6))
    return Anchor(
        exact=draw(texts.filter(bool)),
        prefix=draw(texts),
        suffix=draw(texts),
        start=start,
        end=start + draw(st.integers(0, 500)),
        section=draw(st.sampled_from(["", "0", "1", "2.1", "3.10", "yes"])),
        heading=draw(texts),
        text_hash=draw(st.sampled_from(["", "sha256:" + "ab" * 32])),
        state=draw(st.sampled_from(["anchored", "fuzzy", "orphaned"])),
        was=draw(texts),
    )


@st.composite
def annotations(draw):
    side = draw(st.sampled_from(["left", "right", "both"]))
    sides = ["left", "right"] if side == "both" else [side]
    created = draw(stamps)
    return Annotation(
        id=draw(st.from_regex(r"[0-9A-HJKMNP-TV-Z]{26}", fullmatch=True)),
        side=side,
        label=draw(texts),
        comment=draw(st.text(st.characters(blacklist_categories=("Cs",)), max_size=300)),
        reviewer=draw(texts),
        created=created,
        updated=max(created, draw(stamps)),
        anchors={s: draw(anchors()) for s in sides},
        deleted=draw(st.booleans()),
    )


@st.composite
def contents(draw):
    items = draw(st.lists(annotations(), max_size=4, unique_by=lambda a: a.id))
    pins = [
        Pin(id=f"P{n:025d}", left=draw(st.sampled_from(["1", "2.1"])), right="3", left_heading=draw(texts),
            right_heading=draw(texts), reviewer=draw(texts), created=stamp, updated=stamp,
            deleted=draw(st.booleans()))
        for n, stamp in enumerate(draw(st.lists(stamps, max_size=2)))
    ]
    return AnnotationSet(
        left=DocumentRef(path=draw(texts), title=draw(texts)),
        right=DocumentRef(path=draw(texts), title=draw(texts)),
        annotations=sorted(items, key=lambda a: a.id),
        pins=pins,
    )


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(contents(), contents())
def test_dump_with_the_cache_writes_the_same_bytes(content, later):
    """Annotations dumped one by one (and kept between saves) give the file byte for byte as
    one dump of the whole file would, '...' end marker included."""
    whole = _yaml_whole(content)
    cache = DumpCache()
    assert dump(content, cache) == whole
    assert dump(content, cache) == whole  # from the cache
    mixed = replace(content, annotations=content.annotations[:2] + later.annotations)
    ids = [a.id for a in mixed.annotations]
    if len(ids) == len(set(ids)):
        assert dump(mixed, cache) == _yaml_whole(mixed)


def _yaml_whole(content: AnnotationSet) -> str:
    """The old one-document dump: every part of the file represented and emitted at once."""
    from compare.annotations import yamlfile

    data = {
        "schema": 1,
        "left": yamlfile._document_data(content.left),
        "right": yamlfile._document_data(content.right),
        "pins": [yamlfile._pin_data(p) for p in sorted(content.pins, key=lambda p: p.id) if p.kind == "section"],
    }
    sentence = [yamlfile._pin_data(p) for p in sorted(content.pins, key=lambda p: p.id) if p.kind == "sentence"]
    if sentence:
        data["sentence_pins"] = sentence
    data["annotations"] = [annotation_data(a) for a in sorted(content.annotations, key=lambda a: a.id)]
    return yamlfile.HEADER + _yaml(data)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(contents())
def test_dump_then_load_gives_back_every_character(content):
    text = dump(content)
    assert load(text.encode("utf-8"), "x.yaml") == content
    assert dump(load(text, "x.yaml")) == text  # and writing again changes nothing


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(comment=st.text(st.characters(blacklist_categories=("Cs",)), max_size=200), label=texts)
def test_store_round_trip_of_arbitrary_comments(tmp_path, comment, label):
    left = _jiangsu()
    path = tmp_path / "prop.yaml"
    path.unlink(missing_ok=True)
    store = AnnotationStore.open(path, left, None, reviewer="p")
    s = next(iter(left.sentences()))
    a = store.add("left", s.start, s.end, label=label, comment=comment)
    again = AnnotationStore.open(path, left, None)
    assert again.get(a.id).comment == comment and again.get(a.id).label == label


_cache: dict[str, object] = {}


def _jiangsu():
    if "doc" not in _cache:
        _cache["doc"] = parse_file(CORPUS / "jiangsu-2026.txt")
    return _cache["doc"]
