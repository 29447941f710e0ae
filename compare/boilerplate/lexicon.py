"""The formula lexicon: political formulas and template sentences every report repeats.

Corpus statistics find the phrases a reference set shares; they cannot know that
“以习近平新时代中国特色社会主义思想为指导” is boilerplate in a corpus of one, nor see a formula
whose words vary. The lexicon carries that knowledge: a shipped YAML file
(`compare/data/boilerplate_lexicon.yaml`, whose header documents the format) that users
extend with their own file, `--lexicon FILE` or `boilerplate_lexicon.yaml` in the user config
directory. Entries are matched on the simplified view of a sentence.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Iterable

from compare.errors import ReportError
from compare.files.folders import config_dir
from compare.files.yamlfiles import read_yaml
from compare.parsing.normalise import simplify

SHIPPED = Path(__file__).resolve().parent.parent / "data" / "boilerplate_lexicon.yaml"
USER_FILE_NAME = "boilerplate_lexicon.yaml"
DEFAULT_KIND_WEIGHTS = {
    "political": 1.0, "template": 1.0, "timing": 0.9,
    "procedure": 0.8, "shortcoming": 0.8, "stock": 0.6,
}

# Quotation marks and spaces are ignored between the characters of an entry.
_IGNORABLE = "“”\"‘’'「」『』〝〞 \u3000"
_GAP = f"[{re.escape(_IGNORABLE)}]*"
# "…" in an entry: up to 40 characters inside one clause.
_WILDCARD = r"[^。！？；!?;\n]{0,40}?"
_ELLIPSIS = re.compile(r"…+|\.\.\.+")


@dataclass(frozen=True, slots=True)
class LexiconEntry:
    key: str  # the entry as written: its text, or "re:" + its regex
    kind: str
    weight: float
    note: str
    pattern: re.Pattern[str]
    anchor: str  # a literal every match contains (quotes removed), for a cheap pre-check


@dataclass(frozen=True, slots=True)
class LexiconHit:
    entry: LexiconEntry
    start: int  # offsets in the simplified sentence
    end: int

    @property
    def text_key(self) -> str:
        return self.entry.key


_STRIP = str.maketrans("", "", _IGNORABLE)


def _strip_ignorable(text: str) -> str:
    return text.translate(_STRIP)


def _compile_text(text: str) -> tuple[re.Pattern[str], str]:
    parts = _ELLIPSIS.split(text)
    literal_parts = [_strip_ignorable(p) for p in parts]
    pieces = [_GAP.join(re.escape(ch) for ch in part) for part in literal_parts]
    pattern = re.compile(_WILDCARD.join(pieces))
    anchor = max(literal_parts, key=len)
    return pattern, anchor


class Lexicon:
    """Compiled entries, matched in one pass per sentence.

    Each text entry is indexed by the first two characters of its longest literal part, so a
    sentence only tries the entries whose anchor can occur in it.
    """

    def __init__(self, entries: Iterable[LexiconEntry], sources: Iterable[str] = ()) -> None:
        self.entries = [e for e in entries if e.weight > 0]
        self.sources = list(sources)
        self._always: list[LexiconEntry] = []
        self._by_bigram: dict[str, list[LexiconEntry]] = {}
        for entry in self.entries:
            if len(entry.anchor) >= 2:
                self._by_bigram.setdefault(entry.anchor[:2], []).append(entry)
            else:
                self._always.append(entry)

    def __len__(self) -> int:
        return len(self.entries)

    def find(self, simplified: str) -> list[LexiconHit]:
        """Every entry found in the sentence, at its first occurrence, left to right."""
        bare = _strip_ignorable(simplified)
        index = self._by_bigram
        candidates = list(self._always)
        seen: set[str] = set()
        for i in range(len(bare) - 1):
            bigram = bare[i : i + 2]
            if bigram in index and bigram not in seen:
                seen.add(bigram)
                candidates.extend(e for e in index[bigram] if e.anchor in bare)
        hits: list[LexiconHit] = []
        for entry in candidates:
            m = entry.pattern.search(simplified)
            if m:
                hits.append(LexiconHit(entry, m.start(), m.end()))
        hits.sort(key=lambda h: (h.start, -h.end))
        return hits


def _entries_from(data: object, path: Path) -> tuple[dict[str, LexiconEntry], dict[str, float]]:
    if not isinstance(data, dict) or not isinstance(data.get("entries"), list):
        raise ReportError(path, "a boilerplate lexicon is a mapping with an 'entries' list")
    weights = dict(DEFAULT_KIND_WEIGHTS)
    kinds = data.get("kinds") or {}
    if not isinstance(kinds, dict):
        raise ReportError(path, "'kinds' must map a kind to its weight")
    for kind, weight in kinds.items():
        weights[str(kind)] = _weight(weight, path, f"kind {kind!r}")
    out: dict[str, LexiconEntry] = {}
    for i, item in enumerate(data["entries"], start=1):
        where = f"entry #{i}"
        if not isinstance(item, dict):
            raise ReportError(path, f"{where} is not a mapping")
        text, regex = item.get("text"), item.get("regex")
        if (text is None) == (regex is None):
            raise ReportError(path, f"{where} needs exactly one of 'text' or 'regex'")
        for name, value in (("text", text), ("regex", regex), ("note", item.get("note"))):
            if value is not None and not isinstance(value, str):
                got = "a list" if isinstance(value, list) else "a mapping" if isinstance(value, dict) else "not text"
                raise ReportError(path, f"{where}: '{name}' must be text (got {got})")
        kind = str(item.get("kind", "stock"))
        if kind not in weights:
            raise ReportError(path, f"{where} has unknown kind {kind!r} (known: {', '.join(weights)})")
        weight = _weight(item.get("weight", weights[kind]), path, where)
        note = str(item.get("note", "") or "")
        if text is not None:
            text = str(text).strip()
            if not _strip_ignorable(_ELLIPSIS.sub("", text)):
                raise ReportError(path, f"{where} has empty text")
            text = simplify(text)
            pattern, anchor = _compile_text(text)
            key = text
        else:
            try:
                pattern = re.compile(str(regex))
            except re.error as err:
                raise ReportError(path, f"{where}: bad regex ({err})") from None
            anchor = ""  # regexes are few: no pre-check
            key = "re:" + str(regex)
        out[key] = LexiconEntry(key, kind, weight, note, pattern, anchor)
    return out, weights


def _weight(value: object, path: Path, where: str) -> float:
    try:
        weight = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        raise ReportError(path, f"{where}: weight must be a number, not {value!r}") from None
    if not 0.0 <= weight <= 1.0:
        raise ReportError(path, f"{where}: weight must be between 0 and 1, not {weight}")
    return weight


def user_lexicon_path() -> Path:
    """`$COMPARE_REPORTS_LEXICON`, else `boilerplate_lexicon.yaml` in the user config directory."""
    env = os.environ.get("COMPARE_REPORTS_LEXICON")
    if env:
        return Path(env)
    return config_dir() / USER_FILE_NAME


def load_lexicon(extra: Iterable[str | os.PathLike[str]] = (), *, user: bool = True) -> Lexicon:
    """The shipped lexicon, then the user's file (if any), then `extra` files; later entries win."""
    paths = [SHIPPED]
    if user:
        candidate = user_lexicon_path()
        if candidate.is_file():
            paths.append(candidate)
    paths.extend(Path(p) for p in extra)
    return _load(tuple(str(p) for p in paths), tuple(_mtime(p) for p in paths))


def _mtime(path: Path) -> float:
    try:
        return path.stat().st_mtime
    except OSError:
        return -1.0


@lru_cache(maxsize=8)
def _load(paths: tuple[str, ...], mtimes: tuple[float, ...]) -> Lexicon:
    merged: dict[str, LexiconEntry] = {}
    for name in paths:
        path = Path(name)
        entries, _ = _entries_from(read_yaml(path, "lexicon file"), path)
        merged.update(entries)
    return Lexicon(merged.values(), paths)
