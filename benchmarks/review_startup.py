"""Review app: time to the first screen, to the comparison, and key latency on big reports.

    python benchmarks/review_startup.py [--left A --right B] [--big-only] [--skip-big]

1. Two corpus reports (default: state-council-2016 and -2017), in a fresh interpreter so that
   imports count: seconds from process start to the first painted screen (title, loading
   indicator, keys live), to the comparison on screen, and to the boilerplate labels in.
   Target: first screen under 1.5 s on a 2-core machine.
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
import subprocess  # noqa: E402
import sys  # noqa: E402
import tempfile  # noqa: E402
from pathlib import Path  # noqa: E402

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
    from compare.tui.app import ReviewApp
    from compare.tui.screens.review import ReviewScreen

    times: dict[str, object] = {"import": time.perf_counter() - STARTED}

    class TimedApp(ReviewApp):
        def _display(self, screen, renderable) -> None:  # each frame handed to the driver
            if isinstance(screen, ReviewScreen) and "first_screen" not in times:
                times["first_screen"] = time.perf_counter() - STARTED
            super()._display(screen, renderable)

    app = TimedApp(left, right, annotations=annotations)
    async with app.run_test(size=(200, 50)) as pilot:
        screen = app.screen
        assert isinstance(screen, ReviewScreen)
        while "first_screen" not in times:
            await asyncio.sleep(0.005)
        while screen.rows is None:
            await asyncio.sleep(0.01)
        await pilot.pause()
        times["comparison"] = time.perf_counter() - STARTED
        while screen.labels is None:
            await asyncio.sleep(0.01)
        await pilot.pause()
        times["labels"] = time.perf_counter() - STARTED
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
    print(json.dumps(result))


def run(left: Path, right: Path, keys: bool) -> dict[str, object]:
    env = dict(os.environ)
    out = subprocess.run(
        [sys.executable, __file__, "--child", str(left), str(right)] + (["--keys"] if keys else []),
        capture_output=True, text=True, env=env, check=True,
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def report(title: str, left: Path, right: Path, keys: bool) -> None:
    chars = [len(p.read_text(encoding="utf-8")) for p in (left, right)]
    sizes = f"{chars[0]:,} and {chars[1]:,} characters"
    print(f"{title} ({left.name}, {right.name}: {sizes})")
    times = run(left, right, keys)
    print(f"  imports done          {times['import']:.2f} s")
    print(f"  first screen          {times['first_screen']:.2f} s   (target < 1.5 s)")
    print(f"  comparison on screen  {times['comparison']:.2f} s")
    print(f"  boilerplate labels    {times['labels']:.2f} s")
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
    args = parser.parse_args()
    if args.child:
        child(*args.child, args.keys)
        return
    if not args.big_only:
        report("two corpus reports", Path(args.left), Path(args.right), keys=False)
        report("again (caches warm)", Path(args.left), Path(args.right), keys=True)
    if not args.skip_big:
        with tempfile.TemporaryDirectory() as tmp:
            left, right = big_reports(Path(tmp))
            report("two big reports", left, right, keys=True)
            left, right = big_reports(Path(tmp), headings=False)
            report("two big reports without headings", left, right, keys=True)


if __name__ == "__main__":
    main()
