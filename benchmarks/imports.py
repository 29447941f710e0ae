"""What each command imports, and what the imports cost, beside a peer doing the same job.

    python benchmarks/imports.py [--runs N]

For each command, on two corpus reports (state-council-2016 and -2017): the wall time of the
whole process (median of N fresh runs) and, from one `python -X importtime` run, the total
import time and the five most expensive imports (cumulative microseconds, as importtime
prints them). Beside `align --json`: the peer, difflib's `SequenceMatcher.ratio()` of the same
two files in a fresh process, and the ratio of the two (aim ≤ 0.5×). Runs are interleaved, so
that load on the machine hits both alike. Each time is given in wall seconds and in CPU seconds
of the child (user + system, `os.wait4`): on a shared machine wall time grows with the load and
CPU time much less; the load average is printed. Children run from cached bytecode, as an
installed package does (`processes.child_env`), after one untimed run of each. No test times
anything: this script prints figures.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
from pathlib import Path

from processes import child_env, timed, warm

ROOT = Path(__file__).resolve().parent.parent
LEFT = ROOT / "corpus" / "state-council-2016.txt"
RIGHT = ROOT / "corpus" / "state-council-2017.txt"

COMMANDS: dict[str, list[str]] = {
    "--help": ["--help"],
    "parse --json": ["parse", str(LEFT), "--json"],
    "align --json": ["align", str(LEFT), str(RIGHT), "--json"],
    "diff --only-changes": ["diff", str(LEFT), str(RIGHT), "--only-changes"],
    "classify --json": ["classify", str(RIGHT), "--json"],
}

PEER = """
import difflib, sys
a = open(sys.argv[1], encoding="utf-8").read()
b = open(sys.argv[2], encoding="utf-8").read()
difflib.SequenceMatcher(None, a, b).ratio()
"""


def import_profile(args: list[str]) -> tuple[float, list[tuple[int, str]]]:
    """(total seconds of imports, the five largest cumulative imports) of one run."""
    done = subprocess.run([sys.executable, "-X", "importtime", "-m", "compare", *args],
                          stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, check=False,
                          env=child_env())
    rows = []
    for line in done.stderr.splitlines():
        if not line.startswith("import time:") or "|" not in line:
            continue
        parts = line.split("|")
        try:
            cumulative = int(parts[1])
        except ValueError:
            continue
        name = parts[2].rstrip()[1:]  # after the separator's space, two spaces per level
        rows.append((cumulative, name))
    top_level = sum(c for c, name in rows if not name.startswith(" "))
    largest = sorted(rows, reverse=True)[:5]
    return top_level / 1e6, [(c, name.strip()) for c, name in largest]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    peer_cmd = [sys.executable, "-c", PEER, str(LEFT), str(RIGHT)]
    print("medians of fresh processes: wall seconds, CPU seconds (user + system of the child)")
    for label, cmd_args in COMMANDS.items():
        cmd = [sys.executable, "-m", "compare", *cmd_args]
        with_peer = label == "align --json"
        warm(cmd)
        if with_peer:
            warm(peer_cmd)
        ours, peers, loads = [], [], []
        for _ in range(args.runs):
            ours.append(timed(cmd))
            if with_peer:
                peers.append(timed(peer_cmd))
            loads.append(os.getloadavg()[0])
        imports, largest = import_profile(cmd_args)
        wall, cpu = (statistics.median(x[k] for x in ours) for k in (0, 1))
        line = f"{label:22} {wall:6.2f} s  CPU {cpu:5.2f} s   imports {imports:5.2f} s"
        if peers:
            peer_wall, peer_cpu = (statistics.median(x[k] for x in peers) for k in (0, 1))
            line += (f"   peer difflib ratio() {peer_wall:5.2f} s  CPU {peer_cpu:5.2f} s  → "
                     f"{wall / peer_wall:4.2f}x wall, {cpu / peer_cpu:4.2f}x CPU (aim ≤ 0.5x)")
        line += f"   [load average {min(loads):.1f}–{max(loads):.1f} on {os.cpu_count()} cores]"
        print(line)
        for cumulative, name in largest:
            print(f"    {cumulative / 1000:7.1f} ms  {name}")


if __name__ == "__main__":
    main()
