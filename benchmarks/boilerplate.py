"""Boilerplate model: accuracy on the labelled sets, speed of building and classifying.

    python benchmarks/boilerplate.py [--errors] [--quality-only] [--dev-only] [--skip-build] [--reports N]

1. Accuracy, substantive recall and confusion matrix of the default model (bundled corpus)
   against tests/data/boilerplate_devset.yaml (labelled by the rule writer),
   tests/data/boilerplate_devset2.yaml (labelled by someone else from the guideline alone;
   developed on), tests/data/boilerplate_devset3.yaml (labelled in session 21 by a fresh labeller
   from the guideline alone; measured untouched first, then developed on),
   tests/data/boilerplate_devset4.yaml and _devset5.yaml (labelled in session 23 by two fresh
   labellers from the guideline alone; measured untouched first) — `--errors` lists the misses
   of the five — and tests/data/boilerplate_testset.yaml (held out: labelled by a third
   person from the guideline alone, never tuned on; its errors are not listed; `--dev-only` skips
   it, for development runs); all but the first also with each report judged against the same
   body's report of the year before; and the share of sentences the review app's `i` hides in real
   consecutive-year pairs (State Council 2016 → 2017 for the held-out labels, the five State
   Council reports of each of the second to the fifth development set against their previous years)
   beside the share the labels say it should hide.
2. Classification time of two ~200,000-character reports (after jieba is loaded): first run
   and again (tokens cached per sentence).
3. Model build time over a synthetic corpus of N (default 1,000) reports made by perturbing
   the real ones: every figure redrawn, sentences shuffled inside each section, one character
   of every sentence replaced, sentences borrowed from other reports, so that no two reports and
   (almost) no two sentences are the same and nothing is served from a cache.
"""

from __future__ import annotations

import argparse
import os
import random
import re
import resource
import sys
import tempfile
import time
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEVSET = ROOT / "tests" / "data" / "boilerplate_devset.yaml"
DEVSET2 = ROOT / "tests" / "data" / "boilerplate_devset2.yaml"
DEVSET3 = ROOT / "tests" / "data" / "boilerplate_devset3.yaml"
DEVSET4 = ROOT / "tests" / "data" / "boilerplate_devset4.yaml"
DEVSET5 = ROOT / "tests" / "data" / "boilerplate_devset5.yaml"
TESTSET = ROOT / "tests" / "data" / "boilerplate_testset.yaml"  # held out: measured, never tuned on


def _previous_reports() -> dict[str, Path]:
    """Each corpus report → the same body's report of the year before, when the corpus has it."""
    from compare.parsing.corpus import list_reports

    entries = list_reports(ROOT / "corpus")
    by_key = {(e.agency, e.kind, e.year): e.path for e in entries}
    out = {}
    for e in entries:
        if e.year is not None and (e.agency, e.kind, e.year - 1) in by_key:
            out[f"corpus/{e.path.name}"] = by_key[(e.agency, e.kind, e.year - 1)]
    return out


def evaluate(model, path: Path, name: str, show_errors: bool = False, with_previous: bool = False) -> None:
    """Accuracy, substantive recall and the confusion matrix of `model` on one labelled set."""
    import yaml

    from compare.boilerplate import load_lexicon
    from compare.parsing.pipeline import parse_file

    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    lexicon = load_lexicon(user=False)
    previous = _previous_reports() if with_previous else {}
    labels_by_source: dict[str, dict[str, object]] = {}
    kinds: dict[str, str] = {}
    confusion: Counter[tuple[str, str]] = Counter()
    per_kind: dict[str, Counter[bool]] = defaultdict(Counter)
    errors = []
    for item in data["sentences"]:
        src = item["source"]
        if src not in labels_by_source:
            doc = parse_file(ROOT / src)
            kinds[src] = doc.kind
            prev = parse_file(previous[src]) if src in previous else None
            labels_by_source[src] = {lab.text: lab for lab in model.classify(doc, lexicon, previous=prev)}
        lab = labels_by_source[src].get(item["text"])
        if lab is None:
            print(f"  not found in {src}: {item['text'][:40]}", file=sys.stderr)
            continue
        confusion[(item["label"], lab.label)] += 1
        right = item["label"] == lab.label
        per_kind[kinds[src]][right] += 1
        if not right:
            errors.append((item, lab))
    total = sum(confusion.values())
    correct = confusion[("boilerplate", "boilerplate")] + confusion[("substantive", "substantive")]
    tp = confusion[("boilerplate", "boilerplate")]
    sub = confusion[("substantive", "substantive")]
    sub_recall = sub / max(1, sub + confusion[("substantive", "boilerplate")])
    against = f", {len(set(previous) & set(labels_by_source))} reports judged with last year's" if with_previous else ""
    print(f"{name}: {total} hand-labelled sentences{against}: accuracy {correct / total:.3f}, "
          f"substantive recall {sub_recall:.3f}")
    print("                      predicted boilerplate  predicted substantive")
    for truth in ("boilerplate", "substantive"):
        print(f"  truly {truth:<12} {confusion[(truth, 'boilerplate')]:>16}  {confusion[(truth, 'substantive')]:>21}")
    for kind, c in sorted(per_kind.items()):
        n = c[True] + c[False]
        print(f"  {kind or '(no kind)'}: {c[True]}/{n} = {c[True] / n:.3f}")
    precision = tp / max(1, tp + confusion[("substantive", "boilerplate")])
    recall = tp / max(1, tp + confusion[("boilerplate", "substantive")])
    print(f"  boilerplate precision {precision:.3f}, recall {recall:.3f}")
    if show_errors:
        for item, lab in errors:
            ev = "; ".join(f"{e.kind}:{e.text}" for e in lab.evidence)
            print(f"\n[{item['label'][:4]}→{lab.label[:4]} {lab.boilerplate_score:.2f}] {item['text'][:90]}\n    {ev}")
            if item.get("note"):
                print(f"    note: {item['note']}")


def hidden_share(model, pairs: list[tuple[str, str]], labels_path: Path, name: str) -> None:
    """What `i` hides in real consecutive-year pairs, beside what the labels say it should hide.

    A sentence of the later report is hidden when every row it is in is unchanged or all
    boilerplate (`presentation.view.shown_when_hiding`, through `compare.tui.rows.Row.shown`;
    a sentence another one was folded into is in two rows); by the labels, a labelled
    sentence should be hidden when it is labelled boilerplate or unchanged.
    The report's sentences are counted one by one (by where they start), not by distinct text
    (state-council-1991.txt holds its report twice: 640 sentences, 321 distinct); a labelled
    sentence counts once, hidden when every copy of it is. One line per pair, then the pairs
    together.
    """
    import yaml

    from compare.boilerplate import load_lexicon
    from compare.boilerplate.pair import label_pair
    from compare.comparison.diff import compare_documents
    from compare.comparison.results import ChangeKind
    from compare.parsing.pipeline import parse_file
    from compare.tui.rows import ReviewRows

    data = yaml.safe_load(labels_path.read_text(encoding="utf-8"))
    totals = Counter()
    for left_name, right_name in pairs:
        left, right = parse_file(ROOT / "corpus" / left_name), parse_file(ROOT / "corpus" / right_name)
        comparison = compare_documents(left, right)
        labels = label_pair(left, right, model, load_lexicon(user=False))
        rows = ReviewRows(comparison, labels.is_boilerplate)
        hidden: dict[int, bool] = {}  # sentence start → hidden by `i`
        unchanged: dict[int, bool] = {}
        for section in rows.sections:
            for row in section:
                if row.right is not None:
                    start = row.right.start
                    hidden[start] = hidden.get(start, True) and not row.shown(True)
                    unchanged[start] = unchanged.get(start, False) or row.kind == ChangeKind.UNCHANGED
        starts: dict[str, list[int]] = defaultdict(list)
        for sentence in right.sentences():
            if sentence.start in hidden:
                starts[sentence.text].append(sentence.start)
        labelled = [(i, starts[i["text"]]) for i in data["sentences"]
                    if i["source"] == f"corpus/{right_name}" and i["text"] in starts]
        # a labelled sentence is one item however often the report repeats it: hidden when
        # every copy is, unchanged when every copy is
        gone = [(i, all(hidden[a] for a in at), all(unchanged[a] for a in at)) for i, at in labelled]
        c = Counter(
            sentences=len(hidden),
            hidden=sum(hidden.values()),
            labelled=len(gone),
            should=sum(1 for i, _, same in gone if i["label"] == "boilerplate" or same),
            does=sum(1 for _, hid, _ in gone if hid),
            wrongly=sum(1 for i, hid, same in gone if hid and i["label"] == "substantive" and not same),
        )
        totals.update(c)
        _print_hidden(f"{left_name} → {right_name}", c, name)
    if len(pairs) > 1:
        _print_hidden(f"the {len(pairs)} pairs together", totals, name)


def _print_hidden(what: str, c: Counter, name: str) -> None:
    labelled = max(1, c["labelled"])
    print(f"`i` on {what}: hides {c['hidden']} of {c['sentences']} sentences of the later report "
          f"({c['hidden'] / max(1, c['sentences']):.1%}); of its {c['labelled']} {name} labelled sentences it "
          f"hides {c['does'] / labelled:.1%}, the labels say {c['should'] / labelled:.1%} (boilerplate or "
          f"unchanged); new substantive sentences hidden: {c['wrongly']}")


def _big_report(texts: list[str], size: int, name: str):
    """A report of at least `size` cleaned characters, made of whole real reports."""
    from compare.parsing.pipeline import parse_text

    parts: list[str] = []
    while texts:
        parts.append(texts.pop(0))
        doc = parse_text("\n".join(parts), name)
        if len(doc.text) >= size:
            return doc
    return parse_text("\n".join(parts), name)


def classification_speed(model) -> None:
    """Two 200,000-character reports: cold (jieba cuts everything), from the disk cache of
    words (a report opened before, in a new process), and again in the same process."""
    from compare.boilerplate import load_lexicon
    from compare.boilerplate import words as words_module
    from compare.text.tokens import _words_cached, warm_up

    corpus = ROOT / "corpus"
    texts = [p.read_text(encoding="utf-8") for p in sorted(corpus.glob("*.txt"), reverse=True)]
    docs = [_big_report(texts, 200_000, "<report A>"), _big_report(texts, 200_000, "<report B>")]
    warm_up()
    lexicon = load_lexicon(user=False)
    lexicon.find("预热")
    words_module.sentence_words("预热")  # jieba's tag table loaded: "after jieba is loaded"
    with tempfile.TemporaryDirectory() as tmp:
        old = os.environ.get("XDG_CACHE_HOME")
        os.environ["XDG_CACHE_HOME"] = tmp
        try:
            for attempt in ("cold (jieba cuts every sentence)", "words from the disk cache", "again, in memory"):
                if attempt.startswith("words from"):
                    words_module._cache.clear()
                    _words_cached.cache_clear()
                t0, c0 = time.perf_counter(), time.process_time()
                n = sum(len(model.classify(doc, lexicon)) for doc in docs)
                elapsed, cpu = time.perf_counter() - t0, time.process_time() - c0
                print(f"classify two reports of {len(docs[0].text):,} and {len(docs[1].text):,} characters "
                      f"({n} sentences), {attempt}: {elapsed:.2f} s wall, {cpu:.2f} s CPU "
                      f"(load average {os.getloadavg()[0]:.1f})")
        finally:
            if old is None:
                os.environ.pop("XDG_CACHE_HOME", None)
            else:
                os.environ["XDG_CACHE_HOME"] = old


_FIGURE = re.compile(r"\d+(?:\.\d+)?")
_CJK = re.compile(r"[\u4e00-\u9fff]")


def synthetic_corpus(folder: Path, n: int, seed: int = 4) -> None:
    """n perturbed copies of the bundled reports, as plain text files."""
    from compare.parsing.corpus import list_reports

    rng = random.Random(seed)
    sources = [p.path.read_text(encoding="utf-8") for p in list_reports(ROOT / "corpus")]
    pool_chars = "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指几九区强放决西被干做必战先回则任取据处队南给色光门即保治北造百规热领七海口东导器压志世金增争济阶油思术极交受联什认六共权收证改清己美再采转更单风切打白教速花带安场身车例真务具万每目至达走积示议声报斗完类八离华名确才科张信马节话米整空元况今集温传土许步群广石记需段研界拉林律叫且究观越织装影算低持音众书布复容儿须际商非验连断深难近矿千周委素技备半办青省列习响约支般史感劳便团往酸历市克何除消构府称太准精值号率族维划选标写存候毛亲快效斯院查江型眼王按格养易置派层片始却专状育厂京识适属圆包火住调满县局照参红细引听该铁价严"
    for i in range(n):
        text = rng.choice(sources)
        lines = text.split("\n")
        out_lines = []
        for line in lines:
            sentences = re.split(r"(?<=[。；！？])", line)
            body = [s for s in sentences if s]
            if len(body) > 2 and rng.random() < 0.5:
                head, rest = body[0], body[1:]
                rng.shuffle(rest)
                body = [head] + rest
            if rng.random() < 0.1:
                other = rng.choice(sources).split("。")
                body.append(rng.choice(other) + "。")
            new = []
            for s in body:
                s = _FIGURE.sub(lambda m: str(rng.randint(1, 9999)), s)
                positions = [m.start() for m in _CJK.finditer(s)]
                if positions:
                    p = rng.choice(positions)
                    s = s[:p] + rng.choice(pool_chars) + s[p + 1:]
                new.append(s)
            out_lines.append("".join(new))
        (folder / f"report-{i:04d}.txt").write_text("\n".join(out_lines), encoding="utf-8")


def _cpu() -> float:
    """CPU seconds of this process and of its finished children (the build's workers)."""
    me = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime


def build_speed(n: int) -> None:
    from compare.boilerplate import BoilerplateModel

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        t0 = time.perf_counter()
        synthetic_corpus(folder, n)
        files = sorted(folder.glob("*.txt"))
        size = sum(p.stat().st_size for p in files)
        chars = sum(len(p.read_text(encoding="utf-8")) for p in files)
        print(f"synthetic corpus: {n} reports, {chars / 1e6:.1f} M characters ({size / 1e6:.0f} MB), "
              f"made in {time.perf_counter() - t0:.1f} s")
        cpu0 = _cpu()
        t0 = time.perf_counter()
        model = BoilerplateModel.build_from_paths(files, group_by="none")
        elapsed = time.perf_counter() - t0
        cpu = _cpu() - cpu0
        table = model.groups[""]
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        cores = os.cpu_count() or 1
        print(f"model build over {n} reports: {elapsed:.1f} s wall, {cpu:.1f} s CPU in all processes "
              f"(= {cpu / min(cores, 4):.1f} s on {min(cores, 4)} idle cores; load average now "
              f"{os.getloadavg()[0]:.1f}); {len(table.phrases):,} boilerplate phrases, "
              f"peak memory {peak:.0f} MB")
        out = folder / "model.json.gz"
        model.save(out)
        print(f"model file: {out.stat().st_size / 1e3:.0f} kB")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--errors", action="store_true", help="list the sentences the model gets wrong")
    ap.add_argument("--skip-build", action="store_true", help="skip the 1,000-report build")
    ap.add_argument("--reports", type=int, default=1000, help="size of the synthetic corpus")
    ap.add_argument("--quality-only", action="store_true", help="only accuracy and the share `i` hides")
    ap.add_argument("--dev-only", action="store_true", help="only the development sets (no held-out figures)")
    ap.add_argument("--build-only", action="store_true", help="only the synthetic-corpus build")
    args = ap.parse_args()
    if args.build_only:
        build_speed(args.reports)
        return

    from compare.boilerplate import BoilerplateModel
    from compare.boilerplate.default import corpus_files
    from compare.files.folders import cache_dir

    t0 = time.perf_counter()
    model = BoilerplateModel.build_from_paths(corpus_files(ROOT / "corpus"))
    print(f"default model from corpus/ ({model.documents} reports) built in {time.perf_counter() - t0:.1f} s "
          f"(cached in {cache_dir()} by `load_default_model`)")
    evaluate(model, DEVSET, "development set (rule writer)", args.errors)
    evaluate(model, DEVSET2, "second development set (another labeller)", args.errors)
    evaluate(model, DEVSET2, "second development set, with last year's report", args.errors, with_previous=True)
    evaluate(model, DEVSET3, "third development set (a fresh labeller, session 21)", args.errors)
    evaluate(model, DEVSET3, "third development set, with last year's report", args.errors, with_previous=True)
    evaluate(model, DEVSET4, "fourth development set (a fresh labeller, session 23)", args.errors)
    evaluate(model, DEVSET4, "fourth development set, with last year's report", args.errors, with_previous=True)
    evaluate(model, DEVSET5, "fifth development set (a fresh labeller, session 23)", args.errors)
    evaluate(model, DEVSET5, "fifth development set, with last year's report", args.errors, with_previous=True)
    if not args.dev_only:
        evaluate(model, TESTSET, "held-out test set (labelled by someone else; never tuned on)")
        evaluate(model, TESTSET, "held-out test set, with last year's report", with_previous=True)
        hidden_share(model, [("state-council-2016.txt", "state-council-2017.txt")], TESTSET, "held-out")
    # the State Council reports of each development set, against the year before
    for years, path, name in (
        ((1999, 2002, 2010, 2012, 2014), DEVSET2, "second-development-set"),
        ((1997, 2004, 2006, 2007, 2009), DEVSET3, "third-development-set"),
        ((1993, 1995, 1998, 2000, 2001), DEVSET4, "fourth-development-set"),
        ((1990, 1991, 1992, 1994, 1996), DEVSET5, "fifth-development-set"),
    ):
        hidden_share(model, [(f"state-council-{y - 1}.txt", f"state-council-{y}.txt") for y in years], path, name)
    if args.quality_only:
        return
    classification_speed(model)
    if not args.skip_build:
        build_speed(args.reports)


if __name__ == "__main__":
    main()
