"""The four Lazy Prices similarities (Cohen, Malloy & Nguyen 2020: cosine, Jaccard, edit,
simple; `compare.comparison.measures.similarities`) between consecutive reports of one body.

    python benchmarks/lazy_prices.py [--from 1978]

Every pair of State Council 政府工作报告 of consecutive years in corpus/ (the only body the
corpus holds year after year). Prints each pair's four measures, then each measure's minimum,
median and maximum: what the README says `diff` gives "between years of one body".
"""

from __future__ import annotations

import argparse
import statistics
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from compare.comparison.measures import similarities  # noqa: E402
from compare.parsing.pipeline import parse_file  # noqa: E402

CORPUS = Path(__file__).resolve().parent.parent / "corpus"
MEASURES = ("cosine", "jaccard", "edit", "simple")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--from", dest="first", type=int, default=1978, help="first year (default 1978)")
    args = parser.parse_args()
    years = sorted(int(p.stem.rsplit("-", 1)[1]) for p in CORPUS.glob("state-council-*.txt"))
    pairs = [(a, b) for a, b in zip(years, years[1:]) if b == a + 1 and a >= args.first]
    values: dict[str, list[float]] = {m: [] for m in MEASURES}
    for a, b in pairs:
        s = similarities(parse_file(CORPUS / f"state-council-{a}.txt"), parse_file(CORPUS / f"state-council-{b}.txt"))
        print(f"{a}→{b}  " + "  ".join(f"{m} {getattr(s, m):.2f}" for m in MEASURES))
        for m in MEASURES:
            values[m].append(getattr(s, m))
    print(f"\n{len(pairs)} consecutive pairs: minimum / median / maximum")
    for m in MEASURES:
        v = values[m]
        print(f"  {m:8} {min(v):.2f} / {statistics.median(v):.2f} / {max(v):.2f}")


if __name__ == "__main__":
    main()
