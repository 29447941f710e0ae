"""Parse throughput over the development corpus, and time to the first parsed report.

    python benchmarks/parse.py [DIR ...] [--sweep-mb 100]

Then a size sweep: parse time of reports of 1, 2, 4, 8 MB (with --sweep-mb 100: on to 16, 32,
64 and 100 MB) made of corpus reports one after another (many sections), and classify time of
one sentence of 25k to 200k characters (no 。), each with the exponent k fitted to
time ∝ size^k (1 is linear; the parser was 1.6 before sections counted their paragraphs once,
classify 1.9 before specificity tested span overlaps on a character cover).

Prints MB of text per second (load + clean + normalise + parse, one core), the time of a
fresh `import compare.parsing.pipeline` plus one parse (in a new process), the time of a 20 MB
report, and pages per second for the same reports as text, as PDF and as .docx (made from the
first corpus reports by tests/support/documents.py: reportlab and python-docx, the `test` extra).
"""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DIRS = [ROOT.parent / "shared" / "corpus-dev", ROOT / "corpus"]


def main() -> None:
    import argparse

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("dirs", nargs="*", type=Path)
    parser.add_argument("--sweep-mb", type=float, default=8, help="largest report of the size sweep (MB)")
    args = parser.parse_args()
    dirs = args.dirs or [d for d in DEFAULT_DIRS if d.is_dir()][:1]
    files = sorted(p for d in dirs for p in d.rglob("*.txt") if p.name != "README.md")
    from compare.parsing.pipeline import parse_file, parse_text

    total = sum(p.stat().st_size for p in files)
    parse_file(files[0])  # OpenCC and regexes warm
    t0 = time.perf_counter()
    for path in files:
        parse_file(path, use_manifest=False)
    elapsed = time.perf_counter() - t0
    print(f"corpus: {len(files)} reports, {total / 1e6:.2f} MB in {elapsed:.2f} s "
          f"= {total / 1e6 / elapsed:.1f} MB/s (load+clean+normalise+parse, one core)")

    first = files[0]
    code = (
        "import time; t=time.perf_counter(); from compare.parsing.pipeline import parse_file; "
        f"parse_file({str(first)!r}); print(time.perf_counter()-t)"
    )
    cold = float(subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                                check=True).stdout)
    print(f"import + first parse ({first.name}): {cold:.3f} s (aim < 0.3 s)")

    texts = [p.read_text(encoding="utf-8") for p in files]
    big = "\n".join(texts)
    while len(big.encode()) < 20e6:
        big += "\n" + big
    big = big.encode()[: 20_000_000].decode("utf-8", errors="ignore")
    t0 = time.perf_counter()
    parse_text(big, "big.txt")
    elapsed = time.perf_counter() - t0
    print(f"one 20 MB report: {elapsed:.2f} s = {20 / elapsed:.1f} MB/s")
    formats(files)
    sweep(texts, args.sweep_mb)
    long_sentence()


def exponent(sizes: list[float], seconds: list[float]) -> float:
    """k of the least-squares fit of log(seconds) = k·log(size) + c."""
    import math

    xs = [math.log(s) for s in sizes]
    ys = [math.log(max(t, 1e-6)) for t in seconds]
    mx, my = sum(xs) / len(xs), sum(ys) / len(ys)
    return sum((x - mx) * (y - my) for x, y in zip(xs, ys)) / sum((x - mx) ** 2 for x in xs)


def sweep(texts: list[str], largest_mb: float) -> None:
    """Parse time of reports of growing size, and the fitted exponent."""
    import resource

    from compare.parsing.pipeline import parse_text

    corpus = "\n".join(texts)
    sizes = [mb for mb in (1, 2, 4, 8, 16, 32, 64, 100) if mb <= largest_mb]
    seconds = []
    print("size sweep (parse_text, many sections):")
    for mb in sizes:
        text = corpus
        while len(text) * 3 < mb * 1e6:
            text += "\n" + text
        text = text.encode()[: int(mb * 1e6)].decode("utf-8", errors="ignore")
        t0 = time.perf_counter()
        doc = parse_text(text, f"{mb}mb.txt")
        seconds.append(time.perf_counter() - t0)
        sections = sum(1 for _ in doc.walk())
        print(f"  {mb:5.0f} MB  {seconds[-1]:7.2f} s  {mb / seconds[-1]:5.1f} MB/s  {sections:,} sections")
    if len(sizes) > 1:
        print(f"  fitted exponent: time ∝ size^{exponent(sizes, seconds):.2f} (1 = linear)")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"  peak memory of this process: {peak:,.0f} MB")


def long_sentence() -> None:
    """classify time of one sentence without 。 of growing length, and the fitted exponent."""
    from compare.boilerplate.default import load_default_model
    from compare.parsing.pipeline import parse_text

    case = ROOT / "tests" / "data" / "cases" / "rel-10-one-long-sentence-100k.txt"
    unit = case.read_bytes().decode("utf-8", errors="ignore")
    model = load_default_model()
    lengths = [25_000, 50_000, 100_000, 200_000]
    model.classify(parse_text(unit[:5_000], "warm.txt"))  # jieba's dictionary and the model warm
    seconds = []
    print("one long sentence (parse + classify):")
    for n in lengths:
        text = (unit * (n // len(unit) + 1))[:n]
        t0 = time.perf_counter()
        model.classify(parse_text(text, "long.txt"))
        seconds.append(time.perf_counter() - t0)
        print(f"  {n:8,} characters  {seconds[-1]:6.2f} s")
    print(f"  fitted exponent: time ∝ size^{exponent(lengths, seconds):.2f} (1 = linear)")


def formats(files: list[Path], count: int = 8) -> None:
    """Pages per second of the same reports as text, PDF and .docx (a page: the PDF's pages)."""
    import tempfile

    sys.path.insert(0, str(ROOT))
    from compare.parsing.pipeline import parse_file
    from tests.support.documents import docx_from_report, pdf_from_report

    chosen = files[:count]
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp)
        pdfs = [pdf_from_report(p, out) for p in chosen]
        docxs = [docx_from_report(p, out) for p in chosen]
        pages = sum(parse_file(pdf, use_manifest=False).pages for pdf in pdfs)  # warm
        timings = {}
        for name, group in (("text", chosen), (".docx", docxs), ("PDF", pdfs)):
            t0, c0 = time.perf_counter(), time.process_time()
            for path in group:
                parse_file(path, use_manifest=False)
            timings[name] = (time.perf_counter() - t0, time.process_time() - c0)
    print(f"formats: {len(chosen)} reports, {pages} PDF pages (the same pages in each format)")
    for name in ("text", ".docx", "PDF"):
        wall, cpu = timings[name]
        print(f"  {name:6} {wall:6.2f} s = {pages / wall:7.1f} pages/s "
              f"({cpu:.2f} s CPU = {pages / max(cpu, 1e-9):.1f} pages/s of CPU)")


if __name__ == "__main__":
    main()
