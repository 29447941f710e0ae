"""The boilerplate model: corpus phrase statistics, the formula lexicon and specificity, combined.

`BoilerplateModel.build` counts a reference corpus (reports grouped by kind, by agency, or all
together) and keeps, per reference set, the phrases in Lang & Stice-Lawrence's band, plus
the names and quoted terms many reports share. `classify` labels every sentence of a report
with a score and the evidence for it:

    z = BIAS + W_LEXICON·lexicon + W_PHRASES·coverage − W_SPECIFIC·min(specificity, CAP)
    boilerplate_score = 1 / (1 + e^−z);  label = boilerplate when the score ≥ 0.5

where `lexicon` is the noisy-or of the weights of the formulas found, `coverage` the share of
the sentence's words inside shared phrases, and `specificity` the summed weights of its
specific tokens. A sentence with no evidence either way leans boilerplate (it says nothing a
reader could check); one real fact outweighs one formula, as the labelling guideline asks.

Models are stored as gzip JSON (never pickle: a cache file is not trusted code).
"""

from __future__ import annotations

import gzip
import json
import math
import os
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterable, Sequence

from compare.boilerplate.lexicon import Lexicon, LexiconHit, load_lexicon
from compare.boilerplate.phrases import (
    MIN_REFERENCE,
    N,
    DocumentStats,
    PhraseTable,
    common_threshold,
    document_stats,
    in_band,
    phrase_key,
)
from compare.boilerplate.specificity import SpecificToken, find_specific
from compare.boilerplate.words import SentenceWords, sentence_words
from compare.parsing.document import Document, Sentence
from compare.errors import ReportError
from compare.files.reading import read_limited

FORMAT = "compare-reports boilerplate model"
VERSION = 1
GROUP_BY = ("kind", "agency", "none")

BIAS = 1.0
W_LEXICON = 2.0
W_PHRASES = 2.0
W_SPECIFIC = 2.0
SPECIFIC_CAP = 5.0

Progress = Callable[[int, int, str], None]  # (done, total, path)


@dataclass(frozen=True, slots=True)
class Evidence:
    """One reason for a sentence's score. Offsets are in the sentence's text (None if unknown)."""

    kind: str  # "lexicon" | "phrase" | "specific"
    text: str  # the stretch of the sentence, in its own script
    start: int | None
    end: int | None
    detail: str  # the lexicon kind, "in 3 of 31 reference reports", "percent" …
    weight: float

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind, "text": self.text, "start": self.start, "end": self.end,
            "detail": self.detail, "weight": round(self.weight, 3),
        }


@dataclass(slots=True)
class SentenceLabel:
    sentence_id: str
    section_id: str
    start: int  # offsets in Document.text
    end: int
    text: str
    label: str  # "boilerplate" | "substantive"
    boilerplate_score: float
    evidence: list[Evidence] = field(default_factory=list)

    @property
    def is_boilerplate(self) -> bool:
        return self.label == "boilerplate"

    def to_dict(self, evidence: bool = True) -> dict[str, Any]:
        out: dict[str, Any] = {
            "id": self.sentence_id,
            "section_id": self.section_id,
            "text": self.text,
            "label": self.label,
            "boilerplate_score": round(self.boilerplate_score, 4),
            "start": self.start,
            "end": self.end,
        }
        if evidence:
            out["evidence"] = [e.to_dict() for e in self.evidence]
        return out

    def explain(self) -> list[str]:
        """Why the sentence got its label, one line per reason, for "why is this dimmed?"."""
        lines = [f"{self.label} (boilerplate score {self.boilerplate_score:.2f})"]
        for e in self.evidence:
            if e.kind == "lexicon":
                lines.append(f"formula “{e.text}” ({e.detail})")
            elif e.kind == "phrase":
                lines.append(f"shared phrase “{e.text}” ({e.detail})")
            else:
                lines.append(f"specific: {e.text} ({e.detail})")
        if not any(e.kind == "specific" for e in self.evidence):
            lines.append("nothing specific: no figure, date, named place, organisation or document")
        return lines


@dataclass(frozen=True, slots=True)
class SentenceScore:
    """The parts of a score, before they are turned into evidence with offsets."""

    score: float
    lexicon: list[LexiconHit]
    phrases: list[tuple[int, int, int, int]]  # (start, end, max df, n-grams) in the simplified text
    specific: list[SpecificToken]
    coverage: float
    words: int


def _sigmoid(z: float) -> float:
    return 1.0 / (1.0 + math.exp(-z))


def _noisy_or(weights: Iterable[float]) -> float:
    p = 1.0
    for w in weights:
        p *= 1.0 - w
    return 1.0 - p


@dataclass(slots=True)
class _Accumulator:
    """Document frequencies and counts of one reference set while the corpus is read."""

    documents: int = 0
    df: Counter[str] = field(default_factory=Counter)
    total: Counter[str] = field(default_factory=Counter)

    def add(self, grams: Counter[str]) -> None:
        self.documents += 1
        self.df.update(grams.keys())
        self.total.update(grams)

    def table(self) -> PhraseTable:
        n = self.documents
        return PhraseTable(
            n, {k: (d, self.total[k]) for k, d in self.df.items() if in_band(d, self.total[k], n)}
        )


def group_key(doc: Document, group_by: str) -> str:
    if group_by == "kind":
        return doc.kind or ""
    if group_by == "agency":
        return doc.agency or ""
    return ""


class BoilerplateModel:
    """Reference-set phrase tables plus shared names; see the module docstring for the score."""

    def __init__(
        self,
        groups: dict[str, PhraseTable],
        *,
        group_by: str = "kind",
        names: dict[str, int] | None = None,
        quotes: dict[str, int] | None = None,
        documents: int = 0,
        sources: list[dict[str, Any]] | None = None,
        corpus_hash: str = "",
    ) -> None:
        if group_by not in GROUP_BY:
            raise ValueError(f"group_by must be one of {GROUP_BY}")
        self.groups = groups
        self.group_by = group_by
        self.names = names or {}
        self.quotes = quotes or {}
        self.documents = documents
        self.sources = sources or []
        self.corpus_hash = corpus_hash

    # -- building -----------------------------------------------------------------------------
    @classmethod
    def build(
        cls,
        docs: Iterable[Document | DocumentStats],
        *,
        group_by: str = "kind",
        sources: list[dict[str, Any]] | None = None,
        corpus_hash: str = "",
    ) -> BoilerplateModel:
        """Count parsed reports (or their precomputed stats) into a model."""
        if group_by not in GROUP_BY:
            raise ValueError(f"group_by must be one of {GROUP_BY}")
        acc: dict[str, _Accumulator] = {"": _Accumulator()}
        names: Counter[str] = Counter()
        quotes: Counter[str] = Counter()
        documents = 0
        made_sources = sources is None
        sources = [] if sources is None else sources
        for item in docs:
            if isinstance(item, Document):
                stats = document_stats(item, group_key(item, group_by))
                if made_sources:
                    sources.append(source_entry(item))
            else:
                stats = item
            documents += 1
            acc[""].add(stats.grams)
            if stats.group:
                acc.setdefault(stats.group, _Accumulator()).add(stats.grams)
            names.update(stats.names)
            quotes.update(stats.quotes)
        need = common_threshold(documents)
        return cls(
            {key: a.table() for key, a in acc.items()},
            group_by=group_by,
            names={k: n for k, n in names.items() if n >= need},
            quotes={k: n for k, n in quotes.items() if n >= need},
            documents=documents,
            sources=sources,
            corpus_hash=corpus_hash,
        )

    @classmethod
    def build_from_paths(
        cls,
        paths: Sequence[str | os.PathLike[str]],
        *,
        group_by: str = "kind",
        workers: int | None = None,
        progress: Progress | None = None,
        corpus_hash: str = "",
        keep_words: bool = False,
    ) -> BoilerplateModel:
        """Parse and count report files, in `workers` processes (default: one per core, ≤ 4).

        `keep_words` also keeps each report's words in the user cache (see `token_cache`).
        """
        from compare.boilerplate.building import stats_of_paths

        sources: list[dict[str, Any]] = []
        stats = stats_of_paths(
            paths, group_by, sources, workers=workers, progress=progress, keep_words=keep_words
        )
        return cls.build(stats, group_by=group_by, sources=sources, corpus_hash=corpus_hash)

    # -- storage ------------------------------------------------------------------------------
    def to_json(self) -> dict[str, Any]:
        return {
            "format": FORMAT,
            "version": VERSION,
            "corpus_hash": self.corpus_hash,
            "group_by": self.group_by,
            "documents": self.documents,
            "n": N,
            "groups": {
                key: {"documents": t.documents, "phrases": {k: list(v) for k, v in t.phrases.items()}}
                for key, t in self.groups.items()
            },
            "names": self.names,
            "quotes": self.quotes,
            "sources": self.sources,
        }

    def save(self, path: str | os.PathLike[str]) -> None:
        """Write the model as gzip JSON, atomically (a crash leaves the old file or the new one)."""
        from compare.files.atomic import atomic_write

        target = Path(path)
        target.parent.mkdir(parents=True, exist_ok=True)
        data = json.dumps(self.to_json(), ensure_ascii=False, separators=(",", ":")).encode("utf-8")
        atomic_write(target, gzip.compress(data, compresslevel=6, mtime=0))

    @classmethod
    def load(cls, path: str | os.PathLike[str]) -> BoilerplateModel:
        p = Path(path)
        raw = read_limited(p, "model file")
        try:
            data = json.loads(gzip.decompress(raw) if raw[:2] == b"\x1f\x8b" else raw)
        except (OSError, EOFError, ValueError):
            raise ReportError(p, "not a boilerplate model (expected gzip JSON)") from None
        return cls.from_json(data, p)

    @classmethod
    def from_json(cls, data: Any, where: str | os.PathLike[str] = "<model>") -> BoilerplateModel:
        if not isinstance(data, dict) or data.get("format") != FORMAT:
            raise ReportError(where, "not a boilerplate model")
        if data.get("version") != VERSION:
            raise ReportError(where, f"model version {data.get('version')} (this program reads {VERSION}): rebuild it")
        try:
            groups = {
                str(key): PhraseTable(
                    int(g["documents"]),
                    {str(k): (int(v[0]), int(v[1])) for k, v in g["phrases"].items()},
                )
                for key, g in data["groups"].items()
            }
            return cls(
                groups,
                group_by=str(data.get("group_by", "kind")),
                names={str(k): int(v) for k, v in data.get("names", {}).items()},
                quotes={str(k): int(v) for k, v in data.get("quotes", {}).items()},
                documents=int(data.get("documents", 0)),
                sources=list(data.get("sources", [])),
                corpus_hash=str(data.get("corpus_hash", "")),
            )
        except (KeyError, TypeError, ValueError, AttributeError, IndexError):
            raise ReportError(where, "broken boilerplate model: rebuild it") from None

    # -- shared names (the NameStatistics protocol of specificity) ------------------------------
    def is_common_name(self, word: str) -> bool:
        return word in self.names

    def is_common_quote(self, term: str) -> bool:
        return term in self.quotes

    # -- classification -----------------------------------------------------------------------
    def reference_for(self, doc: Document | None) -> tuple[str, PhraseTable]:
        """The reference set a report is judged against: its own group if big enough, else all."""
        if doc is not None:
            key = group_key(doc, self.group_by)
            table = self.groups.get(key) if key else None
            if table is not None and table.documents >= MIN_REFERENCE:
                return key, table
        table = self.groups.get("") or PhraseTable(0)
        return "", table

    def score_sentence(
        self,
        simplified: str,
        table: PhraseTable,
        lexicon: Lexicon,
        own: Sequence[str] = (),
    ) -> SentenceScore:
        sw = sentence_words(simplified)
        hits = _distinct(lexicon.find(simplified))
        phrases, coverage = _phrase_runs(sw, table)
        specific = find_specific(sw, formula_spans=[(h.start, h.end) for h in hits], names=self, own=own)
        lex = _noisy_or(h.entry.weight for h in hits)
        spec = min(sum(t.weight for t in specific), SPECIFIC_CAP)
        z = BIAS + W_LEXICON * lex + W_PHRASES * coverage - W_SPECIFIC * spec
        return SentenceScore(_sigmoid(z), hits, phrases, specific, coverage, len(sw.words))

    def classify(
        self, doc: Document, lexicon: Lexicon | None = None, *, keep_words: bool = True,
        scores: dict[tuple[str, tuple[str, ...], str], SentenceScore] | None = None,
    ) -> list[SentenceLabel]:
        """Every sentence of the report, in reading order, with label, score and evidence.

        With `keep_words`, the report's words are read from (or written to) the user cache,
        so that a report classified before is not cut by jieba again. `scores`, shared by the
        classifications of several reports with this model and lexicon (a series, say), keeps
        each sentence's score so that a sentence carried over from last year is scored once.
        """
        lexicon = lexicon if lexicon is not None else load_lexicon()
        if keep_words:
            from compare.boilerplate.token_cache import ensure_words

            ensure_words(doc)
        key, table = self.reference_for(doc)
        own = _own_names(doc)
        scores = scores if scores is not None else {}
        out = []
        for sentence in doc.sentences():
            seen = (key, own, sentence.simplified)  # everything a score depends on
            s = scores.get(seen)
            if s is None:
                s = scores[seen] = self.score_sentence(sentence.simplified, table, lexicon, own)
            out.append(_label(sentence, s, table))
        return out

    @property
    def warnings(self) -> list[str]:
        """What this model cannot see, in words a user understands."""
        out = []
        for key, table in sorted(self.groups.items()):
            name = key or "all reports"
            if table.documents < MIN_REFERENCE:
                out.append(
                    f"{name}: {table.documents} reference reports (fewer than {MIN_REFERENCE}): "
                    "no shared phrases, only the lexicon and specificity"
                    + ("" if key == "" else "; judged against all reports instead")
                )
        return out


def source_entry(doc: Document) -> dict[str, Any]:
    return {"path": doc.path, "agency": doc.agency, "year": doc.year, "kind": doc.kind, "text_hash": doc.text_hash}


_ADMIN_SUFFIX = re.compile(r"(?:维吾尔自治区|壮族自治区|回族自治区|自治区|特别行政区|省|市|区|县|旗|镇|乡|街道)")


def _own_names(doc: Document) -> tuple[str, ...]:
    """The agency's name and its place names: 苏州市吴中区水务局 → itself, 苏州, 吴中."""
    from compare.parsing.normalise import simplify

    agency = simplify(doc.agency or "")
    if not agency:
        return ()
    cores = {agency}
    for piece in _ADMIN_SUFFIX.split(agency)[:-1]:  # the pieces an admin unit follows
        piece = piece.strip("（）()")
        if len(piece) >= 2:
            cores.add(piece[:2])  # 吴中, 上海, 西藏: the place part of a piece
            cores.add(piece)
    return tuple(sorted(cores, key=len, reverse=True))


def _distinct(hits: list[LexiconHit]) -> list[LexiconHit]:
    """Drop hits contained in a longer hit (四个意识 inside the whole 四个意识…两个维护 entry)."""
    out: list[LexiconHit] = []
    for h in sorted(hits, key=lambda h: (h.start, -(h.end - h.start))):
        if any(o.start <= h.start and h.end <= o.end and o is not h for o in out):
            continue
        out.append(h)
    return out


def _phrase_runs(sw: SentenceWords, table: PhraseTable) -> tuple[list[tuple[int, int, int, int]], float]:
    """Runs of overlapping shared 4-grams: (start, end, highest df, how many), and word coverage."""
    if table.documents < MIN_REFERENCE or len(sw.words) < N:
        return [], 0.0
    covered = [False] * len(sw.words)
    runs: list[list[int]] = []  # [first word, last word, max df, count]
    for i in range(len(sw.words) - N + 1):
        hit = table.get(phrase_key(sw.words[i : i + N]))
        if hit is None:
            continue
        for j in range(i, i + N):
            covered[j] = True
        if runs and i <= runs[-1][1]:
            run = runs[-1]
            run[1] = i + N - 1
            run[2] = max(run[2], hit[0])
            run[3] += 1
        else:
            runs.append([i, i + N - 1, hit[0], 1])
    out = [(sw.spans[a][0], sw.spans[b][1], df, count) for a, b, df, count in runs]
    return out, sum(covered) / len(sw.words)


def _to_text_offsets(sentence: Sentence) -> Callable[[int], int | None]:
    """Map offsets in the sentence's simplified view to offsets in its original text."""
    if len(sentence.simplified) == len(sentence.text):
        return lambda i: i
    from compare.parsing.normalise import matching_view

    view, mapping = matching_view(sentence.text)
    if view != sentence.simplified or mapping is None:
        return lambda i: None
    n = len(sentence.text)
    return lambda i: mapping[i] if i < len(mapping) else n


_LEXICON_KIND_NAMES = {
    "political": "political formula",
    "template": "template of the report",
    "timing": "year placed in a plan",
    "procedure": "recited procedure",
    "shortcoming": "standard shortcoming",
    "stock": "stock phrasing",
}


def _label(sentence: Sentence, s: SentenceScore, table: PhraseTable) -> SentenceLabel:
    to_text = _to_text_offsets(sentence)
    simp = sentence.simplified

    def evidence(kind: str, start: int, end: int, detail: str, weight: float) -> Evidence:
        a, b = to_text(start), to_text(end)
        shown = sentence.text[a:b] if a is not None and b is not None else simp[start:end]
        return Evidence(kind, shown, a, b, detail, weight)

    found: list[Evidence] = []
    for h in s.lexicon:
        detail = _LEXICON_KIND_NAMES.get(h.entry.kind, h.entry.kind)
        if h.entry.note:
            detail += f": {h.entry.note}"
        found.append(evidence("lexicon", h.start, h.end, detail, h.entry.weight))
    for start, end, df, count in s.phrases:
        detail = f"{count} shared 4-gram{'s' if count > 1 else ''}, in up to {df} of {table.documents} reference reports"
        found.append(evidence("phrase", start, end, detail, s.coverage))
    for t in s.specific:
        found.append(evidence("specific", t.start, t.end, t.kind, t.weight))
    found.sort(key=lambda e: (e.start if e.start is not None else -1))
    return SentenceLabel(
        sentence_id=sentence.id,
        section_id=sentence.section_id,
        start=sentence.start,
        end=sentence.end,
        text=sentence.text,
        label="boilerplate" if s.score >= 0.5 else "substantive",
        boilerplate_score=s.score,
        evidence=found,
    )
