"""`compare-reports align --json` against difflib's `SequenceMatcher.ratio()`, whole processes.

    python benchmarks/align_speed.py [--runs N] [--base DIR] [--pair A B]

The speed line of benchmarks/align.py alone, without its 15k, 200k and quality sections, and
with more runs: the command on two State Council reports (2013 and 2014, ~18,000 characters
each) and its peer, difflib's `SequenceMatcher(None, a, b).ratio()` of the two files in a
fresh interpreter (`align.RATIO_PEER`), run one after the other N times (interleaved, so a
change in the machine's load falls on both), from cached bytecode (benchmarks/processes.py).
Prints the medians of wall and CPU seconds (user + system, as the kernel counts them: on a
loaded machine CPU grows less than wall) and their ratio to the peer's; the aim of issue 17 is
≤ 0.5×. With `--base DIR` a checkout of other code (a `git worktree add --detach DIR main`)
runs a third process in each round, on `PYTHONPATH=DIR`: before and after in one run. The
one-minute load average is printed before and after.
"""

from __future__ import annotations

import argparse
import statistics
import sys
from pathlib import Path

from processes import child_env, load, timed, warm

sys.path.insert(0, str(Path(__file__).resolve().parent))
from align import CORPUS, RATIO_PEER  # noqa: E402  (benchmarks/align.py)


def medians(runs: list[tuple[float, float]]) -> tuple[float, float]:
    """(median wall seconds, median CPU seconds) of (wall, CPU) runs."""
    return statistics.median(w for w, _ in runs), statistics.median(c for _, c in runs)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=11, help="interleaved rounds (default 11)")
    parser.add_argument("--base", type=Path, help="a checkout of the code to compare with, run on PYTHONPATH=DIR")
    parser.add_argument("--pair", nargs=2, metavar=("A", "B"),
                        default=[str(CORPUS / "state-council-2013.txt"), str(CORPUS / "state-council-2014.txt")])
    args = parser.parse_args()
    a, b = args.pair
    ours_cmd = [sys.executable, "-m", "compare", "align", "--json", a, b]
    peer_cmd = [sys.executable, "-c", RATIO_PEER, a, b]
    commands: dict[str, tuple[list[str], dict[str, str] | None]] = {
        "ours": (ours_cmd, None), "peer": (peer_cmd, None)}
    if args.base:
        env = child_env({"PYTHONPATH": str(args.base.resolve())})
        commands = {"base": (ours_cmd, env), **commands}
    for cmd, env in commands.values():
        warm(cmd, env)
    print(f"before: {load()}")
    runs: dict[str, list[tuple[float, float]]] = {name: [] for name in commands}
    for _ in range(args.runs):
        for name, (cmd, env) in commands.items():
            runs[name].append(timed(cmd, env))
    peer_wall, peer_cpu = medians(runs["peer"])
    print(f"peer (difflib ratio): wall {peer_wall:.3f} s, CPU {peer_cpu:.3f} s (medians of {args.runs})")
    for name in [n for n in commands if n != "peer"]:
        wall, cpu = medians(runs[name])
        print(f"{name} (align --json): wall {wall:.3f} s, CPU {cpu:.3f} s: "
              f"{wall / peer_wall:.2f}x wall, {cpu / peer_cpu:.2f}x CPU (aim ≤ 0.5x)")
    print(f"after: {load()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
