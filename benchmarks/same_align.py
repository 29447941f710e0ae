"""Does a change to the aligner leave every alignment and comparison exactly as it was?

    python benchmarks/same_align.py --write /tmp/before.json [--no-diff]   # with the old code
    python benchmarks/same_align.py --check /tmp/before.json [--no-diff]   # with the new code

Runs, in this process, what `compare-reports align --json A B` and `diff --json A B` print
(stdout, stderr and exit code, through the commands' own `run`) on every consecutive pair of
State Council reports: the 49 of corpus/ (48 pairs) and the 49 of
../shared/corpus-dev/state_council_gwr_ropensci (48 pairs), 96 pairs; then `align_sections`
on the synthetic pairs of benchmarks/align.py's quality section (each seed and State Council
report of its list against `tests.support.synthetic.perturb` of itself, seeds 0–2, edits
once and three times) and on its two 200,000-character pairs. Each output is kept whole, so
`--check` can say what differs: the section pairs and relations, or only a printed score.
Exits 1 when anything differs.

Run the old code by putting its checkout first on the path (`PYTHONPATH=/tmp/base
.venv/bin/python benchmarks/same_align.py --write …`); the script prints which `compare` it
imported. `diff --json` builds the boilerplate model once if its cache is cold (a minute).
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import sys
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import align as bench  # noqa: E402  (benchmarks/align.py: its pairs and concatenations)
from same_parse import write_or_check  # noqa: E402

ROOT = HERE.parent
DEV = Path("/work/shared/corpus-dev/state_council_gwr_ropensci")


def state_council_pairs() -> list[tuple[Path, Path]]:
    """Consecutive State Council reports of corpus/ and of the development corpus, by year."""
    pairs: list[tuple[Path, Path]] = []
    for folder, pattern in ((ROOT / "corpus", "state-council-*.txt"), (DEV, "国务院_*.txt")):
        files = sorted(folder.glob(pattern))
        pairs += list(zip(files, files[1:]))
    return pairs


def command_output(command: str, left: Path, right: Path) -> str:
    """Exit code, stdout and stderr of `compare-reports COMMAND --json LEFT RIGHT`, run in-process."""
    from compare.errors import ReportError

    if command == "align":
        from compare.commands import align as module
        args = argparse.Namespace(left=str(left), right=str(right), json=True, pin=[])
    else:
        from compare.commands import diff as module
        args = argparse.Namespace(left=str(left), right=str(right), json=True, pin=[], html=None,
                                  only=None, only_changes=False, color="never", no_pager=True)
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = module.run(args)
        except ReportError as error:
            code, err = 2, io.StringIO(str(error))
    return f"{code}\n{out.getvalue()}\x00{err.getvalue()}"


def alignment_dump(alignment: Any) -> str:
    """Every pair of an `Alignment` as `align --json` prints it, and both lists of unpaired ids."""
    from compare.commands.align import alignment_json

    return json.dumps(alignment_json(alignment), ensure_ascii=False, indent=1)


def synthetic_outputs() -> dict[str, str]:
    from compare.comparison.align import align_sections
    from compare.parsing.pipeline import parse_text
    from tests.support.synthetic import perturb

    out: dict[str, str] = {}
    names = bench.SEEDS + [n for n in bench.OTHERS]
    for name in names:
        raw = bench._read(name)
        left = parse_text(raw, name)
        for intensity in (1, 3):
            for seed in range(3):
                edited, _ = perturb(raw, seed, intensity=intensity)
                right = parse_text(edited, f"{name}~{seed}")
                out[f"synthetic {name} seed {seed} ×{intensity}"] = alignment_dump(align_sections(left, right))
    for label, ya, yb in (("200k related", range(2006, 2016), range(2007, 2017)),
                          ("200k unrelated", [*range(2006, 2018, 2), *range(1980, 1990, 2)],
                           [*range(2007, 2018, 2), *range(1981, 1991, 2)])):
        left, right = parse_text(bench._concatenated(ya), "a"), parse_text(bench._concatenated(yb), "b")
        out[label] = alignment_dump(align_sections(left, right))
    return out


def what_differs(old: str, new: str) -> str:
    """'pairs' when the section pairs or relations differ, else 'scores only', else 'output'."""
    def pairs(text: str) -> Any:
        try:
            data = json.loads(text.split("\n", 1)[1].split("\x00")[0] if "\x00" in text else text)
        except (ValueError, IndexError):
            return None
        if isinstance(data, dict) and "pairs" in data:
            return [(p.get("left_id"), p.get("right_id"), p.get("relation")) for p in data["pairs"]]
        return None
    a, b = pairs(old), pairs(new)
    if a is not None and b is not None:
        return "pairs or relations" if a != b else "scores only"
    return "output"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    mode = parser.add_mutually_exclusive_group(required=True)
    mode.add_argument("--write", type=Path, help="write every output to this JSON file")
    mode.add_argument("--check", type=Path, help="compare every output with this JSON file")
    parser.add_argument("--no-diff", action="store_true", help="align only (diff --json takes minutes)")
    args = parser.parse_args()
    import compare

    print(f"compare from {Path(compare.__file__).parent}", file=sys.stderr)
    outputs: dict[str, str] = {}
    for left, right in state_council_pairs():
        for command in ("align",) if args.no_diff else ("align", "diff"):
            outputs[f"{command} {left.name} {right.name}"] = command_output(command, left, right)
    outputs.update(synthetic_outputs())
    return write_or_check(args.write, args.check, outputs,
                          f"outputs ({len(state_council_pairs())} State Council pairs)",
                          lambda old, now: f"{what_differs(old, now)} differ")


if __name__ == "__main__":
    sys.exit(main())
