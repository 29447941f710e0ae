"""The annotation store on disk: round trips, deletions, merges, crashes and concurrent saves."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
import yaml

from compare.annotations import AnnotationStore, default_path, read_file
from compare.errors import ReportError
from compare.parsing.pipeline import parse_file, parse_text

from .conftest import CORPUS

LEFT = CORPUS / "state-council-2016.txt"
RIGHT = CORPUS / "state-council-2017.txt"


@pytest.fixture(scope="module")
def docs():
    return parse_file(LEFT), parse_file(RIGHT)


def sentence(doc, n: int) -> tuple[int, int]:
    s = list(doc.sentences())[n]
    return s.start, s.end


def test_default_path_names_the_pair():
    assert default_path("corpus/a-2016.txt", "x/b-2017.html") == Path("annotations/a-2016__b-2017.yaml")
    assert default_path("a.txt", "b.txt", folder="/tmp/n") == Path("/tmp/n/a__b.yaml")


def test_round_trip_of_every_kind_of_annotation(tmp_path, docs):
    left, right = docs
    path = tmp_path / "notes" / "pair.yaml"  # the folder is created on the first save
    store = AnnotationStore.open(path, left, right, reviewer="张三")
    one = store.add("left", *sentence(left, 3), label="照搬", comment="与上年相同\n一字未改")
    two = store.add("right", *sentence(right, 5), label="yes", comment="on")
    both = store.add("both", *sentence(left, 7), comment="2016 ↔ 2017", right_span=sentence(right, 8))
    store.pin("2", "2")

    again = AnnotationStore.open(path, left, right)
    assert again.annotations == store.annotations == [one, two, both]
    assert again.get(two.id).label == "yes" and again.get(two.id).comment == "on"
    assert again.get(one.id).comment == "与上年相同\n一字未改"
    assert again.get(both.id).anchors["right"].exact == right.text[slice(*sentence(right, 8))]
    assert again.pins == [("2", "2")]
    assert not again.read_only and again.problem is None
    text = path.read_text(encoding="utf-8")
    assert "与上年相同" in text and "\\u" not in text  # UTF-8 unescaped
    assert "label: 'yes'" in text and "comment: 'on'" in text  # quoted, so they stay text
    assert yaml.safe_load(text)["schema"] == 1


def test_ids_sort_by_creation(tmp_path, docs):
    left, right = docs
    store = AnnotationStore.open(tmp_path / "p.yaml", left, right)
    made = [store.add("left", *sentence(left, n)).id for n in range(5)]
    assert made == sorted(made) and len(set(made)) == 5


def test_update_bumps_updated_and_keeps_created(tmp_path, docs):
    left, right = docs
    store = AnnotationStore.open(tmp_path / "p.yaml", left, right)
    a = store.add("left", *sentence(left, 1), label="旧")
    b = store.update(a.id, label="新", comment="改了")
    assert (b.label, b.comment, b.created) == ("新", "改了", a.created)
    assert b.updated > a.updated
    assert AnnotationStore.open(tmp_path / "p.yaml", left, right).get(a.id).label == "新"


def test_deleted_annotation_stays_deleted_and_can_be_restored(tmp_path, docs):
    left, right = docs
    path = tmp_path / "p.yaml"
    store = AnnotationStore.open(path, left, right)
    a = store.add("left", *sentence(left, 2), comment="删掉我")
    other = AnnotationStore.open(path, left, right)  # a second window, opened before the delete
    store.delete(a.id)
    assert store.annotations == [] and store.deleted[0].comment == "删掉我"

    other.add("right", *sentence(right, 2), comment="别的")  # its save merges with the file
    assert [x.comment for x in other.annotations] == ["别的"]  # the deletion was not undone
    assert [x.comment for x in AnnotationStore.open(path, left, right).annotations] == ["别的"]

    store.restore(a.id)
    assert {x.comment for x in AnnotationStore.open(path, left, right).annotations} == {"删掉我", "别的"}


def test_two_windows_editing_different_annotations_keep_both_edits(tmp_path, docs):
    left, right = docs
    path = tmp_path / "p.yaml"
    first = AnnotationStore.open(path, left, right)
    a = first.add("left", *sentence(left, 1))
    b = first.add("left", *sentence(left, 2))
    second = AnnotationStore.open(path, left, right)
    first.update(a.id, comment="first window")
    second.update(b.id, comment="second window")
    second.update(a.id, label="second window's label")  # newer than first's edit of a
    final = AnnotationStore.open(path, left, right)
    assert final.get(a.id).label == "second window's label"
    assert final.get(b.id).comment == "second window"


def test_a_hand_edit_made_while_the_app_is_open_survives_its_next_save(tmp_path, docs):
    left, right = docs
    path = tmp_path / "p.yaml"
    app = AnnotationStore.open(path, left, right)
    a = app.add("left", *sentence(left, 1), comment="typed in the app")
    path.write_text(
        path.read_text(encoding="utf-8").replace("typed in the app", "fixed by hand in an editor"),
        encoding="utf-8",
    )  # `updated` left as it was, as people do
    app.add("left", *sentence(left, 2), comment="another")
    assert AnnotationStore.open(path, left, right).get(a.id).comment == "fixed by hand in an editor"
    assert app.get(a.id).comment == "fixed by hand in an editor"  # the app sees it too


def test_pinning_a_section_that_does_not_exist_is_refused(tmp_path, docs):
    store = AnnotationStore.open(tmp_path / "p.yaml", *docs)
    with pytest.raises(ValueError, match="the left report has no section 9.9"):
        store.pin("9.9", "1")
    assert not (tmp_path / "p.yaml").exists()


def test_each_save_keeps_the_previous_version_as_bak(tmp_path, docs):
    left, right = docs
    path = tmp_path / "p.yaml"
    store = AnnotationStore.open(path, left, right)
    a = store.add("left", *sentence(left, 1), comment="v1")
    before = path.read_bytes()
    store.update(a.id, comment="v2")
    assert (tmp_path / "p.yaml.bak").read_bytes() == before
    assert read_file(tmp_path / "p.yaml.bak").live()[0].comment == "v1"


def test_broken_file_opens_read_only_and_is_never_overwritten(tmp_path, docs):
    left, right = docs
    path = tmp_path / "p.yaml"
    store = AnnotationStore.open(path, left, right)
    store.add("left", *sentence(left, 1), label="x")
    broken = path.read_text(encoding="utf-8").replace("label: x", "label: yes")
    path.write_text(broken, encoding="utf-8")

    again = AnnotationStore.open(path, left, right)
    assert again.read_only
    assert "must be text (got a boolean" in again.problem and str(path) in again.problem
    with pytest.raises(ReportError, match="read-only"):
        again.add("left", *sentence(left, 2))
    assert path.read_text(encoding="utf-8") == broken

    # broken by hand while a window has it open: that window's save refuses too
    store.content.annotations.clear()
    with pytest.raises(ReportError):
        store.add("left", *sentence(left, 3))
    assert store.read_only and path.read_text(encoding="utf-8") == broken


def test_unreadable_folder_path_is_reported_not_raised(tmp_path, docs):
    left, right = docs
    (tmp_path / "dir.yaml").mkdir()
    store = AnnotationStore.open(tmp_path / "dir.yaml", left, right)
    assert store.read_only and "directory" in store.problem


def test_pins_follow_renumbered_sections_and_unpin_is_kept(tmp_path, docs):
    left, right = docs
    path = tmp_path / "p.yaml"
    store = AnnotationStore.open(path, left, right)
    store.pin("1", "2")
    store.pin("1", "2")  # pinning twice is one pin
    store.pin("3", "3")
    assert store.pins == [("1", "2"), ("3", "3")]
    assert store.unpin("1") == 1
    assert AnnotationStore.open(path, left, right).pins == [("3", "3")]

    # section 二 cut and 三 renumbered 二: the pin follows its heading to the new id
    raw = LEFT.read_text(encoding="utf-8")
    cut = raw[: raw.index('二、"十三五"时期')] + raw[raw.index("三、2016年重点工作") :].replace(
        "三、2016年重点工作", "二、2016年重点工作", 1
    )
    renumbered = parse_text(cut, path=str(LEFT))
    assert renumbered.section("2").heading == left.section("3").heading
    assert AnnotationStore.open(path, renumbered, right).pins == [("2", "3")]


def test_sentence_pins_are_saved_beside_section_pins_and_follow_their_text(tmp_path, docs):
    left, right = docs
    path = tmp_path / "p.yaml"
    store = AnnotationStore.open(path, left, right)
    store.pin("3", "3")
    old = next(s for s in left.sentences() if s.section_id == "3.1")
    new = next(s for s in right.sentences() if s.section_id == "3.2")
    store.pin_sentences(old.id, new.id)
    store.pin_sentences(old.id, new.id)  # pinning twice is one pin
    with pytest.raises(ValueError):
        store.pin_sentences("3.1/999", new.id)
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert [p["left"]["id"] for p in data["pins"]] == ["3"]
    (saved,) = data["sentence_pins"]
    assert saved["left"] == {"id": old.id, "text": old.text}
    assert saved["right"] == {"id": new.id, "text": new.text}
    reopened = AnnotationStore.open(path, left, right)
    assert reopened.pins == [("3", "3")] and reopened.sentence_pins == [(old.id, new.id)]

    # a sentence inserted before the pinned one shifts its id: the pin follows its text
    raw = LEFT.read_text(encoding="utf-8")
    edited = parse_text(raw.replace(old.text, "今年新增的一句话在这里。" + old.text, 1), path=str(LEFT))
    moved = next(s for s in edited.sentences() if s.text == old.text)
    assert moved.id != old.id
    assert AnnotationStore.open(path, edited, right).sentence_pins == [(moved.id, new.id)]
    # the sentence gone: the pin is kept, orphaned, and not applied
    gone = parse_text(raw.replace(old.text, "", 1), path=str(LEFT))
    orphaned = AnnotationStore.open(path, gone, right)
    assert orphaned.sentence_pins == [] and orphaned.sentence_pin_records[0].state == "orphaned"
    assert store.unpin_sentences(old.id) == 1
    assert AnnotationStore.open(path, left, right).sentence_pins == []


# -- crashes and concurrency ------------------------------------------------------------------

WRITER = textwrap.dedent(
    """
    import sys
    from compare.annotations import AnnotationStore
    from compare.parsing.pipeline import parse_file
    left, right = parse_file(sys.argv[2]), parse_file(sys.argv[3])
    store = AnnotationStore.open(sys.argv[1], left, right, reviewer=sys.argv[4])
    spans = [(s.start, s.end) for s in left.sentences()]
    count = int(sys.argv[5])
    print("ready", flush=True)
    for n in range(count if count else 10**9):
        store.add("left", *spans[n % len(spans)], label=sys.argv[4], comment="长评论" * 2000 + str(n))
    """
)


def writer(path: Path, reviewer: str, count: int) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-c", WRITER, str(path), str(LEFT), str(RIGHT), reviewer, str(count)],
        stdout=subprocess.PIPE,
        text=True,
    )


def kill_during_save(proc: subprocess.Popen, folder: Path, name: str, nth: int) -> bool:
    """SIGKILL the writer while its `nth` save (from 1) or a later one is half written.

    The writer is frozen (SIGSTOP) when a temporary file shows up; it is killed only if the
    file is still there while it is frozen, so the kill lands in the middle of a save for sure.
    """
    seen: set[str] = set()
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and proc.poll() is None:
        temporaries = [
            t.name for t in folder.glob(f".{name}.*.tmp") if not t.name.startswith(f".{name}.bak.")
        ]
        seen.update(temporaries)
        if temporaries and len(seen) >= nth:
            os.kill(proc.pid, signal.SIGSTOP)
            os.waitpid(proc.pid, os.WUNTRACED)
            if any((folder / t).exists() for t in temporaries):
                os.kill(proc.pid, signal.SIGKILL)
                proc.wait()
                return True
            os.kill(proc.pid, signal.SIGCONT)
    proc.kill()
    proc.wait()
    return False


def test_writer_killed_in_the_middle_of_a_save_leaves_a_whole_file(tmp_path, docs):
    left, right = docs
    path = tmp_path / "p.yaml"
    store = AnnotationStore.open(path, left, right)
    store.add("left", *sentence(left, 0), comment="before the crash")
    kept = {a.id for a in read_file(path).live()}
    for nth in (1, 3, 6):
        proc = writer(path, "crasher", 0)  # saves in a loop until killed
        assert proc.stdout.readline().strip() == "ready"
        assert kill_during_save(proc, tmp_path, path.name, nth)
        left_behind = list(tmp_path.glob(".p.yaml.*.tmp"))
        assert left_behind  # it died with a save half written …
        now = {a.id for a in read_file(path).live()}  # … and the file loads, whole
        assert kept <= now and len(now) >= len(kept) + nth - 1  # nothing lost, earlier saves in
        kept = now
        for temporary in left_behind:
            temporary.unlink()
    # the next save clears what a killed writer leaves behind, and keeps everything
    (tmp_path / ".p.yaml.abc123.tmp").write_text("half a file")
    store.add("left", *sentence(left, 1), comment="after")
    assert not list(tmp_path.glob(".p.yaml.*.tmp"))
    assert len(read_file(path).live()) == len(kept) + 1


def test_concurrent_saves_lose_nothing(tmp_path, docs):
    path = tmp_path / "p.yaml"
    procs = [writer(path, name, 12) for name in ("alice", "bob", "carol")]
    for proc in procs:
        assert proc.wait(timeout=120) == 0
    content = read_file(path)
    by = {}
    for a in content.live():
        by.setdefault(a.label, []).append(a.comment)
    assert {name: len(comments) for name, comments in by.items()} == {"alice": 12, "bob": 12, "carol": 12}
    # the lock file goes with the last save (user test s26: a team committing annotations/
    # committed p.yaml.lock); the previous version stays as .bak, as documented
    assert sorted(f.name for f in tmp_path.iterdir()) == ["p.yaml", "p.yaml.bak"]


def test_a_background_save_keeps_what_is_added_while_it_runs(tmp_path, docs):
    """The app saves in a thread while the reviewer goes on annotating: the save writes what
    was there when it started, later annotations stay marked unsaved and the next save
    (at most one waits) writes them; nothing is lost."""
    import threading

    from compare.files.atomic import locked

    left, right = docs
    path = tmp_path / "pair.yaml"
    store = AnnotationStore.open(path, left, right, reviewer="alice", autosave=False)
    first = store.add("left", *sentence(left, 1), comment="first")
    assert store.status(first.id) == "unsaved" and store.unsaved
    errors: list[BaseException] = []

    def saver() -> None:
        try:
            store.run_saves()
        except BaseException as err:  # noqa: BLE001 - reported by the test
            errors.append(err)

    with locked(path):  # another process is saving: the save waits for the file's lock
        assert store.request_save()
        thread = threading.Thread(target=saver)
        thread.start()
        deadline = time.monotonic() + 5
        while store.status(first.id) != "saving" and time.monotonic() < deadline:
            time.sleep(0.01)
        assert store.status(first.id) == "saving"
        second = store.add("right", *sentence(right, 2), comment="second")  # not blocked
        third = store.add("right", *sentence(right, 3), comment="third")
        assert store.status(second.id) == store.status(third.id) == "unsaved"
        assert not store.request_save() and not store.request_save()  # one pending, coalesced
    thread.join(10)
    assert not thread.is_alive() and not errors
    assert not store.unsaved and store.status(third.id) is None
    assert {a.comment for a in read_file(path).live()} == {"first", "second", "third"}
    assert {a.comment for a in store.annotations} == {"first", "second", "third"}
    assert store.request_save()  # the saver finished: a new change starts a new one
    store.run_saves()


def test_a_failed_save_leaves_everything_unsaved(tmp_path, docs):
    left, right = docs
    folder = tmp_path / "notes"
    folder.mkdir()
    store = AnnotationStore.open(folder / "pair.yaml", left, right, reviewer="alice", autosave=False)
    kept = store.add("left", *sentence(left, 1), comment="kept")
    folder.chmod(0o555)
    try:
        assert store.request_save()
        with pytest.raises(ReportError, match="read-only"):
            store.run_saves()
    finally:
        folder.chmod(0o755)
    assert store.status(kept.id) == "unsaved" and store.unsaved
    assert store.request_save()  # the failed saver is no longer running
    store.run_saves()
    assert store.status(kept.id) is None and [a.comment for a in read_file(folder / "pair.yaml").live()] == ["kept"]


def test_the_same_texts_in_another_format_share_the_notes_and_keep_their_sources(tmp_path):
    """Annotations made on a .docx pair, then the same reports opened as .txt (a user test,
    session 24): the notes are shared (same texts), the review says so, and saving keeps the
    file naming the .docx files it was made on (it silently switched them to the .txt)."""
    import docx

    from compare.tui.session import open_session

    lines = {2024: ["某区2024年法治政府建设情况报告", "一、主要工作", "全年办理行政复议案件86件，调解成功率达到45%。"],
             2025: ["某区2025年法治政府建设情况报告", "一、主要工作", "全年办理行政复议案件104件，调解成功率达到52%。"]}
    for year, paragraphs in lines.items():
        (tmp_path / f"r{year}.txt").write_text("\n".join(paragraphs) + "\n", encoding="utf-8")
        document = docx.Document()
        for p in paragraphs:
            document.add_paragraph(p)
        document.save(tmp_path / f"r{year}.docx")
    notes = tmp_path / "annotations" / "r2024__r2025.yaml"
    made = open_session(tmp_path / "r2024.docx", tmp_path / "r2025.docx", notes)
    assert made.redirected is None
    s = list(made.left.sentences())[-1]
    made.store.add("left", s.start, s.end, label="new")
    path = made.store.path
    again = open_session(tmp_path / "r2024.txt", tmp_path / "r2025.txt", notes)
    assert again.store.path == path and len(again.store.annotations) == 1
    assert "r2024.docx and ../r2025.docx" in (again.redirected or "")
    s = list(again.right.sentences())[-1]
    again.store.add("right", s.start, s.end, label="changed")
    saved = read_file(path)
    assert (saved.left.path, saved.right.path) == ("../r2024.docx", "../r2025.docx")
    assert len(saved.live()) == 2
