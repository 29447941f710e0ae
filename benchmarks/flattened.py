"""Crawled pages flattened onto one line: how much of each report's outline comes back.

    python benchmarks/flattened.py

Every corpus report is joined onto one line twice — with a space between its lines (as most
crawlers leave a page) and with nothing between them — and parsed; the headings and the title
of the lined report are the truth. Then the same for short pages: the first lines of each
report up to 900 characters (under the 1,000 characters that once alone made a line a page).

Prints, for each: headings found at their place (share of the lined report's headings),
headings the lined report does not have, and titles equal to the lined report's.
"""

from __future__ import annotations

from pathlib import Path

from compare.errors import ReportError
from compare.parsing.pipeline import parse_text

ROOT = Path(__file__).resolve().parent.parent
SHORT = 900  # characters of a short page


def _headings(doc) -> list[str]:
    return [s.title for s in doc.walk() if s.kind == "heading"]


def measure(pages: list[tuple[str, list[str]]], label: str) -> None:
    total = 0
    found = {" ": [0, 0, 0], "": [0, 0, 0]}  # joiner → found, extra, titles
    for name, lines in pages:
        lined = parse_text("\n".join(lines), name)
        heads = _headings(lined)
        total += len(heads)
        for joiner, counts in found.items():
            try:
                flat = parse_text(joiner.join(lines), name)
            except ReportError:
                continue
            got = _headings(flat)
            counts[0] += sum(1 for h in heads if h in got)
            counts[1] += sum(1 for h in got if h not in heads)
            counts[2] += bool(lined.title) and flat.title == lined.title
    for joiner, (hits, extra, titles) in found.items():
        how = "with spaces" if joiner else "no separator"
        print(f"{label}, {how}: {hits}/{total} headings ({hits / max(total, 1):.1%}), "
              f"{extra} headings the lined text has not, {titles}/{len(pages)} titles")


def main() -> None:
    whole, short = [], []
    for path in sorted((ROOT / "corpus").rglob("*.txt")):
        lines = [line.strip() for line in path.read_text(encoding="utf-8").split("\n") if line.strip()]
        whole.append((path.name, lines))
        head, size = [], 0
        for line in lines:
            if size + len(line) > SHORT:
                break
            head.append(line)
            size += len(line)
        if len(head) >= 4:
            short.append((path.name, head))
    measure(whole, f"{len(whole)} corpus reports")
    measure(short, f"{len(short)} short pages (first ≤ {SHORT} characters)")


if __name__ == "__main__":
    main()
