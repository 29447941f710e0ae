"""Batch at scale: time and peak memory of `compare-reports batch` on synthetic corpora.

    python benchmarks/batch.py                      # 1,000 and 10,000 reports
    python benchmarks/batch.py --sizes 1000,10000,100000 --work /tmp/batch-bench
    python benchmarks/batch.py --sizes 10000,100000 --words-up-to 100000 --words-only \
        --no-peer --no-rerun            # the 100,000-report run with word measures (~1.5 h)

A corpus of N reports is N/5 synthetic bodies with 5 yearly reports each: year one is the
realistic-edit generator (`tests.support.synthetic.perturb`, all edit kinds; conversion to
traditional script for one body in ten) applied to one of the bundled reports, each later year a lighter perturbation of the year before (figures, rewording,
rewrites, paragraphs in and out, a renamed section). Agency and year are in one
`manifest.yaml` per folder of 500 reports. Above 10,000 reports, generating with the
generator alone would take most of an hour, so the 100,000 corpus is the 10,000 corpus ten
times over, each copy of a file with one line dropped and some figures changed (cheap,
deterministic edits): ten times as many bodies, the same series structure.

Each run is a fresh process with a fresh parse cache (cold: everything parsed), timed from
start to exit; peak memory is the largest sum of the resident memory of the batch process
and its workers, sampled every 0.2 s (psutil; without it, the largest single process).
Beside it, in the same run and printed as a ratio: the peer, a plain scikit-learn TF-IDF
cosine (character 1–2-grams, all pairs, nearest neighbour) over the same reports in a fresh
process (`pip install -e '.[bench]'` brings scikit-learn and psutil), and the nearest-neighbour quality on the real State
Council series (corpus/state-council-*.txt): the share of reports whose nearest neighbour is
an adjacent year of the series.

Each run also prints the CPU seconds of its whole process tree (psutil) and the seconds each
stage took (`batch --timings`), so every stage can be measured. Every line ends with the load average of the machine (1 minute) when the run ended: on a
shared machine absolute seconds mean little, the ratio to the peer measured just before is
the figure to compare. After the sizes, the growth exponent k of each run kind between
consecutive sizes (time ∝ n^k) and, for sizes not measured up to `--estimate` (default
100,000), the time that exponent predicts: an estimate, printed as one.
"""

from __future__ import annotations

import argparse
import math
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from multiprocessing import Pool
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
YEARS = 5
PER_FOLDER = 500
LIGHT_OPS = ("rename", "insert_paragraph", "delete_paragraph", "figures", "reword", "rewrite",
             "move_sentence")


def _body_series(task: tuple[int, str]) -> list[str]:
    """The YEARS yearly texts of one synthetic body."""
    from tests.support.synthetic import perturb

    from tests.support.synthetic import OPS

    body, base = task
    raw = Path(base).read_text(encoding="utf-8")
    texts = []
    # one body in ten writes in traditional script, as some sources do; the rest simplified
    ops = OPS if body % 10 == 0 else tuple(op for op in OPS if op != "script")
    text, _ = perturb(raw, body * 101 + 1, ops=ops)
    texts.append(text)
    for year in range(1, YEARS):
        text, _ = perturb(text, body * 101 + 1 + year, ops=LIGHT_OPS)
        texts.append(text)
    return texts


def _write_folder(folder: Path, entries: list[tuple[str, str, str, int]]) -> None:
    """Files and their manifest: (file name, text, agency, year)."""
    folder.mkdir(parents=True, exist_ok=True)
    lines = ["schema: 1", "reports:"]
    for name, text, agency, year in entries:
        (folder / name).write_text(text, encoding="utf-8")
        lines += [f"- file: {name}", f"  agency: {agency}", f"  year: {year}", "  kind: 合成报告"]
    (folder / "manifest.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")


def build_generated(target: Path, size: int, jobs: int) -> None:
    bases = sorted(str(p) for p in CORPUS.glob("*.txt"))
    bodies = size // YEARS
    entries: list[tuple[str, str, str, int]] = []
    folder_no = 0
    with Pool(jobs) as pool:
        tasks = [(b, bases[b % len(bases)]) for b in range(bodies)]
        for b, texts in enumerate(pool.imap(_body_series, tasks, chunksize=4)):
            for year, text in enumerate(texts):
                entries.append((f"body{b:06d}-{2020 + year}.txt", text, f"合成机关{b:06d}", 2020 + year))
            if len(entries) >= PER_FOLDER:
                _write_folder(target / f"{folder_no:04d}", entries)
                entries, folder_no = [], folder_no + 1
            if b % 200 == 0:
                print(f"  generated {b * YEARS}/{size}", file=sys.stderr, flush=True)
    if entries:
        _write_folder(target / f"{folder_no:04d}", entries)


_FIGURE = re.compile(r"\d+(?:\.\d+)?")


def _cheap_variant(text: str, rng: random.Random) -> str:
    lines = text.split("\n")
    long_lines = [i for i, line in enumerate(lines) if len(line) > 40]
    if long_lines:
        del lines[rng.choice(long_lines)]
    out = "\n".join(lines)
    return _FIGURE.sub(lambda m: str(int(float(m.group()) * 1.07) + 1) if rng.random() < 0.2 else m.group(), out)


def build_copies(source: Path, target: Path, copies: int) -> None:
    """`copies` cheap variants of every report of `source`, each copy a new set of bodies."""
    import yaml

    folder_no = 0
    for copy in range(copies):
        for folder in sorted(p for p in source.iterdir() if p.is_dir()):
            manifest = yaml.load((folder / "manifest.yaml").read_text(encoding="utf-8"),
                                 Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
            entries = []
            for item in manifest["reports"]:
                rng = random.Random(f"{copy}/{item['file']}")
                text = (folder / item["file"]).read_text(encoding="utf-8")
                entries.append((f"c{copy}-{item['file']}", _cheap_variant(text, rng),
                                f"{item['agency']}-{copy}", item["year"]))
            _write_folder(target / f"{folder_no:05d}", entries)
            folder_no += 1
        print(f"  copy {copy + 1}/{copies}", file=sys.stderr, flush=True)


def corpus_for(size: int, work: Path, jobs: int) -> Path:
    target = work / f"corpus-{size}"
    done = target / ".complete"
    if done.is_file():
        return target
    shutil.rmtree(target, ignore_errors=True)
    started = time.perf_counter()
    if size > 10_000 and size % 10_000 == 0:
        build_copies(corpus_for(10_000, work, jobs), target, size // 10_000)
    else:
        build_generated(target, size, jobs)
    done.write_text("ok\n")
    print(f"  built corpus-{size} in {time.perf_counter() - started:.0f} s", file=sys.stderr)
    return target


def _tree_sample(proc, cpu: dict[int, float]) -> int:
    """Resident memory of the process and its workers now (bytes); records each one's CPU
    seconds so far (user + system) in `cpu` by pid."""
    total = 0
    for p in [proc, *proc.children(recursive=True)]:
        try:
            total += p.memory_info().rss
            times = p.cpu_times()
            cpu[p.pid] = times.user + times.system
        except Exception:
            pass
    return total


@dataclass
class Timed:
    """One `compare-reports batch` process: wall and CPU seconds of the whole process tree
    (CPU: the last sample of each process, so up to 0.2 s of each is missed; 0 without
    psutil), its peak memory, the first line it printed and its seconds per stage."""

    seconds: float
    cpu: float
    peak: float  # GB
    line: str
    stages: str = ""


def timed_batch(corpus: Path, out: Path, cache: Path, extra: list[str], limit: float | None) -> Timed:
    cmd = [sys.executable, "-m", "compare", "batch", str(corpus), "--out", str(out),
           "--cache", str(cache), "--quiet", "--timings", *extra]
    started = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    peak = 0
    cpu: dict[int, float] = {}
    try:
        import psutil

        ps = psutil.Process(proc.pid)
        while proc.poll() is None:
            peak = max(peak, _tree_sample(ps, cpu))
            if limit and time.perf_counter() - started > limit:
                proc.kill()
                break
            time.sleep(0.2)
    except ImportError:
        pass
    stdout, stderr = proc.communicate()
    seconds = time.perf_counter() - started
    if not peak:
        import resource

        peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * 1024
    if proc.returncode != 0:
        return Timed(seconds, sum(cpu.values()), peak / 1e9,
                     f"FAILED ({proc.returncode}): {stderr.strip()[-300:]}")
    lines = stdout.strip().splitlines()
    stages = next((line for line in lines if line.startswith("seconds per stage: ")), "")
    return Timed(seconds, sum(cpu.values()), peak / 1e9, lines[0], stages.removeprefix("seconds per stage: "))


SKLEARN_PEER = """
import sys, pathlib
import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.metrics.pairwise import cosine_similarity
texts = [p.read_text(encoding="utf-8") for p in sorted(pathlib.Path(sys.argv[1]).rglob("*.txt"))]
sims = cosine_similarity(TfidfVectorizer(analyzer="char", ngram_range=(1, 2)).fit_transform(texts))
np.fill_diagonal(sims, -1)
sims.argmax(axis=1)
"""


def sklearn_baseline(corpus: Path) -> tuple[float, float] | None:
    """(wall, CPU) seconds for a fresh process (imports included, as for ours) to find every
    report's nearest neighbour by scikit-learn TF-IDF cosine (character 1–2-grams); None
    without sklearn."""
    import resource

    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", SKLEARN_PEER, str(corpus)], capture_output=True, text=True)
    if done.returncode != 0:
        return None
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
    return time.perf_counter() - started, cpu


def state_council_quality(work: Path) -> str:
    from compare.batch.pipeline import BatchOptions, run_batch

    folder = work / "state-council"
    folder.mkdir(parents=True, exist_ok=True)
    for path in CORPUS.glob("state-council-*.txt"):
        shutil.copy(path, folder / path.name)
    shutil.copy(CORPUS / "manifest.yaml", folder / "manifest.yaml")
    result = run_batch(folder, BatchOptions(cache=work / "cache-quality", words=False))
    hits, total = result.adjacency
    return f"{hits}/{total} = {hits / total:.0%}"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default="1000,10000")
    parser.add_argument("--work", type=Path, default=Path(tempfile.gettempdir()) / "batch-bench")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--limit", type=float, default=None, help="seconds before a run is stopped")
    parser.add_argument("--words-up-to", type=int, default=1000,
                        help="also time the full run (word measures, 20 pages) up to this size")
    parser.add_argument("--estimate", type=int, default=100_000,
                        help="size whose time the growth exponent predicts, when not measured")
    parser.add_argument("--no-rerun", action="store_true", help="cold runs only")
    parser.add_argument("--words-only", action="store_true",
                        help="skip the --no-words run where the full run is timed (sizes whose "
                             "full run alone fills a session)")
    parser.add_argument("--no-peer", action="store_true",
                        help="do not time the peer (its all-pairs matrix at 10,000 reports and more)")
    parser.add_argument("--peer-after", action="store_true",
                        help="time the peer again after the runs of each size (loaded machines)")
    args = parser.parse_args()
    args.work.mkdir(parents=True, exist_ok=True)
    sizes = [int(s) for s in args.sizes.split(",")]
    print(f"batch benchmark: {args.jobs} jobs, work folder {args.work}")
    print(f"quality: State Council nearest neighbour is an adjacent year: "
          f"{state_council_quality(args.work)}")
    measured: dict[str, dict[int, float]] = {}
    for size in sizes:
        corpus = corpus_for(size, args.work, args.jobs)
        timed_peer = sklearn_baseline(corpus) if size <= 10_000 and not args.no_peer else None
        peer = timed_peer[0] if timed_peer else None
        if timed_peer is not None:
            print(f"{size:>7} reports, peer: scikit-learn TF-IDF cosine, fresh process: {timed_peer[0]:7.1f} s, "
                  f"CPU {timed_peer[1]:.0f} s{_load()}", flush=True)

        def ratio(seconds: float) -> str:
            return f"  = {seconds / peer:.2f}x the peer" if peer else ""

        timed: list[tuple[str, float]] = []
        runs = [("similarity, series, reuse (--no-words)", ["--no-words", "--pages", "0"])]
        if size <= args.words_up_to:
            runs.append(("full (word measures, 20 pages)", ["--pages", "20"]))
            if args.words_only:
                runs = runs[1:]
        for label, extra in runs:
            cache = args.work / f"cache-{size}"
            shutil.rmtree(cache, ignore_errors=True)
            out = args.work / f"out-{size}"
            shutil.rmtree(out, ignore_errors=True)
            run = timed_batch(corpus, out, cache, ["--jobs", str(args.jobs), *extra], args.limit)
            print(f"{size:>7} reports, {label}: {run.seconds:7.1f} s{ratio(run.seconds)}, CPU {run.cpu:.0f} s, "
                  f"peak of the process tree {run.peak:5.2f} GB  [{run.line}]{_load()}", flush=True)
            if run.stages:
                print(f"{size:>7} reports,   seconds per stage: {run.stages}", flush=True)
            if not run.line.startswith("FAILED"):
                measured.setdefault(label, {})[size] = run.seconds
                timed.append((label, run.seconds))
            if size <= 10_000 and not args.no_rerun:
                run = timed_batch(corpus, out, cache, ["--jobs", str(args.jobs), *extra], args.limit)
                print(f"{size:>7} reports, {label}, rerun from the cache: {run.seconds:7.1f} s"
                      f"{ratio(run.seconds)}, CPU {run.cpu:.0f} s, peak {run.peak:5.2f} GB{_load()}", flush=True)
                if run.stages:
                    print(f"{size:>7} reports,   seconds per stage: {run.stages}", flush=True)
                timed.append((f"{label}, rerun", run.seconds))
        if peer is not None and args.peer_after:
            # the load of a shared machine drifts over a long run: the peer once more, and every
            # figure against the mean of the peer before and after it
            timed_again = sklearn_baseline(corpus)
            if timed_again is not None:
                again = timed_again[0]
                mean = (peer + again) / 2
                print(f"{size:>7} reports, peer again after the runs: {again:7.1f} s, CPU {timed_again[1]:.0f} s"
                      f"{_load()}; against the mean peer ({mean:.1f} s):", flush=True)
                for label, seconds in timed:
                    print(f"{size:>7} reports,   {label}: {seconds / mean:.2f}x the peer", flush=True)
    for label, times in measured.items():
        for line in growth(times, args.estimate):
            print(f"{label}: {line}", flush=True)
    return 0


def _load() -> str:
    return f"  (load average {os.getloadavg()[0]:.1f})" if hasattr(os, "getloadavg") else ""


def growth(times: dict[int, float], target: int) -> list[str]:
    """The exponent k of time ∝ size^k between consecutive measured sizes, and the time the
    last exponent predicts for `target` reports when it was not measured."""
    sizes = sorted(times)
    lines = []
    k = None
    for a, b in zip(sizes, sizes[1:]):
        k = math.log(times[b] / times[a]) / math.log(b / a)
        lines.append(f"growth {a:,} → {b:,} reports: time ∝ n^{k:.2f}")
    if k is not None and target not in times:
        last = sizes[-1]
        guess = times[last] * (target / last) ** k
        lines.append(f"ESTIMATE (not measured) for {target:,} reports: {guess / 60:.0f} min "
                     f"(from {last:,} reports at n^{k:.2f})")
    return lines


if __name__ == "__main__":
    raise SystemExit(main())
