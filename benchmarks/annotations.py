"""Annotations: how often re-anchoring finds the right text after an edit, and how fast the store is.

    python benchmarks/annotations.py [--reports N] [--per-report K]
                                     [--save-sizes 100,6000] [--with-100k] [--no-accuracy]

1. Re-anchoring accuracy over realistic edits of N corpus reports (K random sentences each):
   the figures in the sentence changed, a paragraph inserted before, the sentence reworded
   (words added, three characters replaced), its middle third rewritten, the sentence deleted. "right" means the anchor
   now covers exactly the edited sentence (or, for a deletion, is orphaned); time is per
   placement.
2. The store with 100 and 6,000 annotations (--with-100k: 100,000 too): open (load, check,
   re-anchor), dumping every annotation once (the app does it in a thread after opening), the
   first save, then the time per save
   after one add (lock, re-read, dump only what changed, .bak, write, fsync, rename; median
   of three), and how long keys wait at most while a save runs in a thread as in the app.
"""

from __future__ import annotations

import argparse
import random
import re
import statistics
import sys
import tempfile
import threading
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from compare.annotations import AnnotationStore  # noqa: E402
from compare.annotations.anchoring import make_anchor, place  # noqa: E402
from compare.parsing.pipeline import parse_file, parse_text  # noqa: E402

INSERTED = "新增段落：全年完成各项目标任务，主要指标好于预期，取得显著成效。\n"


def edits(raw: str, doc, sentence, rng: random.Random):
    """(kind, edited raw text, the text the anchor should cover afterwards or None)."""
    text = sentence.text
    if re.search(r"\d", text):
        changed = re.sub(r"\d+", lambda m: str(int(m.group()) + 7), text)
        yield "figures changed", raw.replace(text, changed), changed
    first = doc.text.split("\n", 1)[0]
    if raw.count(first) == 1:
        yield "paragraph inserted before", raw.replace(first, first + "\n" + INSERTED.strip(), 1), text
    k = rng.randrange(2, len(text) - 6)
    reworded = "着力" + text[:k] + "进一步加强" + text[k + 3 :]
    yield "sentence reworded", raw.replace(text, reworded), reworded
    third = len(text) // 3
    rewritten = text[:third] + "按照新的部署要求统筹推进" + text[2 * third :]
    yield "middle third rewritten", raw.replace(text, rewritten), rewritten
    yield "sentence deleted", raw.replace(text, ""), None


def accuracy(reports: int, per_report: int) -> None:
    rng = random.Random(7)
    files = sorted((ROOT / "corpus").glob("*.txt"))
    rng.shuffle(files)
    right: dict[str, list[bool]] = defaultdict(list)
    seconds = 0.0
    placements = 0
    for path in files[:reports]:
        raw = path.read_text(encoding="utf-8")
        doc = parse_file(path)
        candidates = [s for s in doc.sentences() if len(s.text) >= 15 and raw.count(s.text) == 1]
        for sentence in rng.sample(candidates, min(per_report, len(candidates))):
            anchor = make_anchor(doc, sentence.start, sentence.end)
            for kind, edited, expected in edits(raw, doc, sentence, rng):
                new = parse_text(edited, path=str(path))
                started = time.perf_counter()
                placed = place(anchor, new)
                seconds += time.perf_counter() - started
                placements += 1
                if expected is None:
                    right[kind].append(placed.orphaned)
                else:
                    right[kind].append(new.text[placed.start : placed.end] == expected)
    print(f"re-anchoring over {reports} reports, {per_report} sentences each")
    for kind, results in right.items():
        print(f"  {kind:28s} {sum(results):4d} / {len(results):4d} right  ({sum(results) / len(results):.1%})")
    print(f"  {1000 * seconds / placements:.2f} ms per placement ({placements} placements)")


def _store_with(folder: str, size: int, comment: str) -> tuple[AnnotationStore, list[tuple[int, int]]]:
    """A saved file of `size` annotations on the 2016/2017 State Council reports, opened again
    as the app opens it (every annotation dumped once already, as after the first save)."""
    left = parse_file(ROOT / "corpus" / "state-council-2016.txt")
    right = parse_file(ROOT / "corpus" / "state-council-2017.txt")
    spans = [(s.start, s.end) for s in left.sentences()]
    path = Path(folder) / "bench.yaml"
    store = AnnotationStore.open(path, left, right, reviewer="bench", autosave=False)
    for n in range(size):
        store.add("left", *spans[n % len(spans)], label="label", comment=comment)
    store.save()
    return store, spans


def store_speed(sizes: list[int]) -> None:
    """Open, then time per save (one add, saved): synchronously (as the CLI saves), and in a
    background thread as the review app saves, with the longest the main thread waited for
    the store while the save ran (what a key press would wait: the store's lock)."""
    print("the store: open, and time per save (one add in a file of N annotations):")
    for size in sizes:
        with tempfile.TemporaryDirectory() as folder:
            store, spans = _store_with(folder, size, "评论" * 20)
            path = store.path
            started = time.perf_counter()
            store = AnnotationStore.open(path, store.documents["left"], store.documents["right"],
                                         reviewer="bench", autosave=False)
            opened = time.perf_counter() - started
            started = time.perf_counter()
            store.prepare_saves()  # the app does it in a thread once the file is open
            prepared = time.perf_counter() - started
            started = time.perf_counter()
            store.save()
            first = time.perf_counter() - started
            times = []
            for n in range(3):
                store.add("left", *spans[n], comment=f"one more {n}")
                started = time.perf_counter()
                store.save()
                times.append(time.perf_counter() - started)
            blocked = _keys_blocked(store, spans)
            print(f"  {size:>7,} annotations ({path.stat().st_size / 1e6:5.1f} MB): open "
                  f"{1000 * opened:6.0f} ms, dumping them once {1000 * prepared:6.0f} ms, first save "
                  f"{1000 * first:5.0f} ms, then "
                  f"{1000 * statistics.median(times):5.0f} ms per save; keys blocked at most "
                  f"{1000 * blocked:4.1f} ms while a save runs")


def _keys_blocked(store: AnnotationStore, spans: list[tuple[int, int]], keys: int = 20) -> float:
    """Save in a thread (as the app's worker does) while this thread makes `keys` annotations,
    one every 10 ms, and reads the list as the panel does: the longest one such step took, in
    seconds (what a key press waits). Each change asks for a save, as the app does."""
    threads = []
    longest = 0.0
    for n in range(keys):
        started = time.perf_counter()
        store.add("left", *spans[n % len(spans)], comment=f"typed during a save {n}")
        store.annotations  # noqa: B018 - what the panel reads
        if store.request_save():
            threads.append(threading.Thread(target=store.run_saves))
            threads[-1].start()
        longest = max(longest, time.perf_counter() - started)
        time.sleep(0.01)
    for thread in threads:
        thread.join()
    assert not store.unsaved
    return longest


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--reports", type=int, default=40)
    parser.add_argument("--per-report", type=int, default=10)
    parser.add_argument("--save-sizes", default="100,6000", help="file sizes of the save timing")
    parser.add_argument("--no-accuracy", action="store_true", help="time the store only")
    parser.add_argument("--with-100k", action="store_true", help="time saves with 100,000 annotations too")
    args = parser.parse_args()
    if not args.no_accuracy:
        accuracy(args.reports, args.per_report)
    sizes = [int(n) for n in args.save_sizes.split(",") if n]
    store_speed(sizes + ([100_000] if args.with_100k else []))


if __name__ == "__main__":
    main()
