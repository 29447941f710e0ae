"""Does a change to the parser leave every parse exactly as it was?

    python benchmarks/same_parse.py --write /tmp/before.json [--synthetic DIR]   # with the old code
    python benchmarks/same_parse.py --check /tmp/before.json [--synthetic DIR]   # with the new code

Parses every report of corpus/, of ../shared/corpus-dev, every input of tests/data/cases
(text, HTML, .docx, PDF, manifest folders) and, with --synthetic, every .txt under DIR (the
1,000 reports `benchmarks/batch.py` makes), then writes or compares each parse as a full dump:
every field of the `Document` (cleaned text, matching view, offset maps, removals, metadata
and its sources, tables, warnings) and of every section and sentence. An input the parser
refuses is recorded by its error message. `--check` prints each input whose dump differs, with
the first field that differs, and exits 1 if any does.

Run the old code by putting its checkout first on the path (the editable install's finder
comes after `PYTHONPATH`): `PYTHONPATH=/tmp/base .venv/bin/python benchmarks/same_parse.py
--write …`. The script prints which `compare` it imported.
"""

from __future__ import annotations

import argparse
import dataclasses
import hashlib
import json
import sys
from pathlib import Path
from typing import Any, Callable

ROOT = Path(__file__).resolve().parent.parent
SKIP_SUFFIXES = {".md", ".yaml", ".yml"}


def inputs(synthetic: Path | None) -> list[Path]:
    """Every report file the check parses, in a fixed order."""
    found: list[Path] = []
    for folder in (ROOT / "corpus", ROOT.parent.parent / "shared" / "corpus-dev",
                   Path("/work/shared/corpus-dev")):
        if folder.is_dir():
            found += sorted(p for p in folder.rglob("*") if p.is_file()
                            and p.suffix not in SKIP_SUFFIXES)
    cases = ROOT / "tests" / "data" / "cases"
    found += sorted(p for p in cases.rglob("*") if p.is_file() and p.suffix not in SKIP_SUFFIXES)
    if synthetic is not None:
        found += sorted(synthetic.rglob("*.txt"))
    return list(dict.fromkeys(found))


def dump(value: Any) -> Any:
    """Every field of a dataclass (private ones too), recursively, as JSON values."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: dump(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, dict):
        return {str(k): dump(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [dump(v) for v in value]
    return value


def parse(path: Path) -> Any:
    from compare.errors import ReportError
    from compare.parsing.pipeline import parse_file

    try:
        return dump(parse_file(path))
    except ReportError as error:
        return {"error": str(error)}


def first_difference(a: Any, b: Any, where: str = "") -> str:
    """Where two dumps first differ ("" when equal)."""
    if type(a) is not type(b):
        return f"{where}: {type(a).__name__} → {type(b).__name__}"
    if isinstance(a, dict):
        for key in list(dict.fromkeys([*a, *b])):
            if key not in a or key not in b:
                return f"{where}.{key}: only on one side"
            found = first_difference(a[key], b[key], f"{where}.{key}")
            if found:
                return found
        return ""
    if isinstance(a, list):
        for i, (x, y) in enumerate(zip(a, b)):
            found = first_difference(x, y, f"{where}[{i}]")
            if found:
                return found
        return f"{where}: {len(a)} → {len(b)} items" if len(a) != len(b) else ""
    return "" if a == b else f"{where}: {str(a)[:80]!r} → {str(b)[:80]!r}"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    mode = parser.add_mutually_exclusive_group(required=True)
    mode.add_argument("--write", type=Path, help="write every dump to this JSON file")
    mode.add_argument("--check", type=Path, help="compare every dump with this JSON file")
    parser.add_argument("--synthetic", type=Path, help="a folder of synthetic reports too")
    args = parser.parse_args()
    import compare

    print(f"compare from {Path(compare.__file__).parent}", file=sys.stderr)
    files = inputs(args.synthetic)
    dumps = {str(p): parse(p) for p in files}
    return write_or_check(args.write, args.check, dumps, "parses",
                          lambda old, now: f"differs at {first_difference(old, now) or '(order of keys)'}")


def write_or_check(write: Path | None, check: Path | None, dumps: dict[str, Any], noun: str,
                   explain: Callable[[Any, Any], str]) -> int:
    """Write `dumps` (name → JSON value) to `write`, or compare them with the file `check`:
    print each name whose value differs (with `explain(old, new)`) or is missing there, and
    a last line with the counts; 1 when any differs, else 0."""
    if write:
        write.write_text(json.dumps(dumps, ensure_ascii=False), encoding="utf-8")
        print(f"{len(dumps)} {noun} written to {write}")
        return 0
    assert check is not None
    before = json.loads(check.read_text(encoding="utf-8"))
    differ = 0
    for name, now in dumps.items():
        if name not in before:
            print(f"{name}: not in {check}")
            differ += 1
            continue
        old = before[name]
        if json.dumps(old, ensure_ascii=False) != json.dumps(now, ensure_ascii=False):
            differ += 1
            print(f"{name}: {explain(old, now)}")
    digest = hashlib.sha256(json.dumps(dumps, ensure_ascii=False).encode()).hexdigest()[:16]
    print(f"{len(dumps)} {noun}, {differ} differ (sha256 of all {digest})")
    return 1 if differ else 0


if __name__ == "__main__":
    sys.exit(main())
