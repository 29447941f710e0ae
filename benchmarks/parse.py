"""Parse throughput over the development corpus, and time to the first parsed report.

    python benchmarks/parse.py [DIR ...]

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
    dirs = [Path(a) for a in sys.argv[1:]] or [d for d in DEFAULT_DIRS if d.is_dir()][:1]
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
        pages = 0
        t0 = time.perf_counter()
        for pdf in pdfs:
            pages += parse_file(pdf, use_manifest=False).pages
        pdf_time = time.perf_counter() - t0
        timings = {"PDF": pdf_time}
        for name, group in (("text", chosen), (".docx", docxs)):
            t0 = time.perf_counter()
            for path in group:
                parse_file(path, use_manifest=False)
            timings[name] = time.perf_counter() - t0
    print(f"formats: {len(chosen)} reports, {pages} PDF pages")
    for name in ("text", ".docx", "PDF"):
        print(f"  {name:6} {timings[name]:6.2f} s = {pages / timings[name]:7.1f} pages/s")


if __name__ == "__main__":
    main()
