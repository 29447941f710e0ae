"""Review app: time to the first screen, to the comparison, and key latency on big reports.

    python benchmarks/review_startup.py [--left A --right B] [--big-only] [--skip-big] [--runs N]

1. Two corpus reports (default: state-council-2016 and -2017), each run a fresh process so
   that imports count, interleaved with the peer: difflib's `HtmlDiff.make_file` of the same two
   files in a fresh process (start → page made). Printed: seconds from process start to the
   first frame of the review screen (title, loading indicator, keys live), to the first frame
   that shows the comparison ("comparison painted"), the first that shows the word highlights
   of the section on screen, and the first that shows the boilerplate labels; medians of the
   runs, and "comparison painted" as a ratio to the peer (aim ≤ 0.6×). Each figure also in CPU
   seconds (the whole process, all threads, from its start; the peer's from `os.wait4`): on a
   shared machine wall time grows with the load, CPU time much less. Children run from cached
   bytecode, as an installed package does (`processes.child_env`), after one untimed run.
2. Two ~200,000-character reports (State Council reports joined into one file per side):
   the same times, then the latency of keys a reviewer presses (n, tab, j, G, i, search),
   each measured from the key press until the screen has refreshed.
3. The same two reports without their headings: one section pair of ~5,000 sentence rows,
   the worst case for laying out a section.

The app runs headless (`App.run_test`), with no terminal: "first screen" is when Textual hands
the review screen's first frame to the driver (a terminal then paints it in milliseconds).
Key latencies include the test harness's own cost per key (shown as the unbound key "x").
The annotation file goes to a temporary folder.
"""

from __future__ import annotations

import time

STARTED = time.perf_counter()

import argparse  # noqa: E402
import asyncio  # noqa: E402
import json  # noqa: E402
import os  # noqa: E402
import statistics  # noqa: E402
import subprocess  # noqa: E402
import sys  # noqa: E402
import tempfile  # noqa: E402
from pathlib import Path  # noqa: E402

from processes import child_env, timed  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
BIG = 200_000


def big_reports(folder: Path, headings: bool = True) -> tuple[Path, Path]:
    """Two ~200,000-character reports: consecutive State Council reports, joined per side
    (without their heading lines, when `headings` is false: one section of ~5,000 rows)."""
    from compare.parsing.structure import match_numbering

    corpus = ROOT / "corpus"
    older = [corpus / f"state-council-{y}.txt" for y in range(1978, 2000)]
    newer = [corpus / f"state-council-{y}.txt" for y in range(1996, 2018)]
    paths = []
    for name, files in (("big-left.txt", older), ("big-right.txt", newer)):
        text = ""
        for f in files:
            if f.is_file() and len(text) < BIG:
                text += f.read_text(encoding="utf-8") + "\n"
        text = text[:BIG]
        if not headings:
            text = "\n".join(line for line in text.splitlines()
                             if line.strip() and match_numbering(line.strip()) is None)
            name = "flat-" + name
        path = folder / name
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths[0], paths[1]


async def _measure(left: str, right: str, annotations: str, keys: bool) -> dict[str, object]:
    from compare.cli import limit_blas_threads

    limit_blas_threads()  # as `compare-reports review` does
    from compare.tui.app import ReviewApp
    from compare.tui.screens.review import ReviewScreen

    times: dict[str, object] = {"import": time.perf_counter() - STARTED, "import_cpu": time.process_time()}

    def shown_spans_ready(screen: ReviewScreen) -> bool:
        rows = screen.rows
        if rows is None or not rows.diffs:
            return False
        return all(c.spans_ready for c in rows.diffs[screen.section].changes)

    class TimedApp(ReviewApp):
        def _display(self, screen, renderable) -> None:  # each frame handed to the driver
            if isinstance(screen, ReviewScreen):
                now, cpu = time.perf_counter() - STARTED, time.process_time()
                seen = ["first_screen"]
                if screen.rows is not None:
                    seen.append("comparison")
                    if shown_spans_ready(screen):
                        seen.append("words")
                if screen.labels is not None:
                    seen.append("labels")
                for key in seen:
                    times.setdefault(key, now)
                    times.setdefault(f"{key}_cpu", cpu)  # CPU of the whole process (all threads)
            super()._display(screen, renderable)

    app = TimedApp(left, right, annotations=annotations)
    async with app.run_test(size=(200, 50)) as pilot:
        screen = app.screen
        assert isinstance(screen, ReviewScreen)
        while not {"first_screen", "comparison", "words", "labels"} <= times.keys():
            await asyncio.sleep(0.005)
        if keys:
            latencies: dict[str, list[float]] = {}
            plan = ["x"] * 10 + ["n"] * 20 + ["tab"] * 5 + ["j"] * 30
            plan += ["G", "g", "i", "n", "n", "i", "t", "t"]
            for key in plan:
                t0 = time.perf_counter()
                await pilot.press(key)
                await pilot.pause()
                latencies.setdefault(key, []).append(time.perf_counter() - t0)
            t0 = time.perf_counter()
            await pilot.press("slash", *"发展", "enter")
            await pilot.pause()
            latencies["search"] = [time.perf_counter() - t0]
            latencies["x (unbound: the harness's own cost)"] = latencies.pop("x")
            times["keys"] = {k: (max(v), sum(v) / len(v)) for k, v in latencies.items()}
            times["sections"] = len(screen.rows.diffs)
            times["largest_section"] = max(len(rows) for rows in screen.rows.sections)
    return times


def child(left: str, right: str, keys: bool) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        result = asyncio.run(_measure(left, right, str(Path(tmp) / "a.yaml"), keys))
    result["process_start"] = time.time() - time.perf_counter() + STARTED
    print(json.dumps(result))


PEER = """
import difflib, sys
a = open(sys.argv[1], encoding="utf-8").read().splitlines()
b = open(sys.argv[2], encoding="utf-8").read().splitlines()
difflib.HtmlDiff().make_file(a, b)
"""


def run(left: Path, right: Path, keys: bool) -> dict[str, object]:
    """One fresh process of the app; times from the moment the process was started."""
    env = child_env()
    started = time.time()
    out = subprocess.run(
        [sys.executable, __file__, "--child", str(left), str(right)] + (["--keys"] if keys else []),
        capture_output=True, text=True, env=env, check=True,
    )
    times = json.loads(out.stdout.strip().splitlines()[-1])
    # the child's clock starts when its script starts: add the interpreter's own start-up
    shift = times.pop("process_start") - started
    for key in ("import", "first_screen", "comparison", "words", "labels"):
        times[key] += shift
    return times


def run_peer(left: Path, right: Path) -> tuple[float, float]:
    """(wall, CPU) seconds for a fresh process to make difflib's side-by-side HTML of the two files."""
    return timed([sys.executable, "-c", PEER, str(left), str(right)])


def report(title: str, left: Path, right: Path, keys: bool, runs: int = 1) -> None:
    chars = [len(p.read_text(encoding="utf-8")) for p in (left, right)]
    sizes = f"{chars[0]:,} and {chars[1]:,} characters"
    print(f"{title} ({left.name}, {right.name}: {sizes})")
    samples, peers, loads = [], [], []
    if not keys:  # bytecode cached and files read once before anything is timed
        run(left, right, keys)
        run_peer(left, right)
    for _ in range(runs):  # interleaved, so that load on the machine hits both alike
        samples.append(run(left, right, keys))
        if not keys:
            peers.append(run_peer(left, right))
        loads.append(os.getloadavg()[0])
    times = samples[-1]
    for key in ("import", "first_screen", "comparison", "words", "labels"):
        times[key] = statistics.median(s[key] for s in samples)
        times[f"{key}_cpu"] = statistics.median(s[f"{key}_cpu"] for s in samples)
    print(f"  (wall seconds from process start, then CPU seconds of the process, all threads; "
          f"load average {min(loads):.1f}–{max(loads):.1f} on {os.cpu_count()} cores)")
    print(f"  imports done          {times['import']:.2f} s   CPU {times['import_cpu']:.2f} s")
    print(f"  first screen          {times['first_screen']:.2f} s   CPU {times['first_screen_cpu']:.2f} s"
          "   (target < 1.5 s)")
    print(f"  comparison painted    {times['comparison']:.2f} s   CPU {times['comparison_cpu']:.2f} s")
    print(f"  word highlights       {times['words']:.2f} s   CPU {times['words_cpu']:.2f} s   (section on screen)")
    print(f"  boilerplate labels    {times['labels']:.2f} s   CPU {times['labels_cpu']:.2f} s")
    if peers:
        peer = statistics.median(w for w, _ in peers)
        peer_cpu = statistics.median(c for _, c in peers)
        print(f"  peer: difflib HtmlDiff {peer:.2f} s   CPU {peer_cpu:.2f} s   comparison painted / peer = "
              f"{times['comparison'] / peer:.2f}x wall, {times['comparison_cpu'] / peer_cpu:.2f}x CPU   "
              f"(aim ≤ 0.6x; medians of {runs} interleaved runs)")
    if keys:
        print(f"  {times['sections']} section pairs, largest {times['largest_section']} rows")
        for key, (worst, mean) in times["keys"].items():
            print(f"  key {key!r:8} mean {mean * 1000:6.1f} ms   worst {worst * 1000:6.1f} ms")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--left", default=str(ROOT / "corpus" / "state-council-2016.txt"))
    parser.add_argument("--right", default=str(ROOT / "corpus" / "state-council-2017.txt"))
    parser.add_argument("--skip-big", action="store_true")
    parser.add_argument("--big-only", action="store_true")
    parser.add_argument("--child", nargs=2, help=argparse.SUPPRESS)
    parser.add_argument("--keys", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--runs", type=int, default=5, help="runs of each (medians)")
    args = parser.parse_args()
    if args.child:
        child(*args.child, args.keys)
        return
    if not args.big_only:
        report("two corpus reports", Path(args.left), Path(args.right), keys=False, runs=args.runs)
        report("again (caches warm)", Path(args.left), Path(args.right), keys=True)
    if not args.skip_big:
        with tempfile.TemporaryDirectory() as tmp:
            left, right = big_reports(Path(tmp))
            report("two big reports", left, right, keys=True)
            left, right = big_reports(Path(tmp), headings=False)
            report("two big reports without headings", left, right, keys=True)


if __name__ == "__main__":
    main()
