"""A parsed `Document` as bytes and back, so that a report is parsed once and read many times.

`document_to_bytes(doc)` → zlib-compressed UTF-8 JSON; `document_from_bytes(data, path)` →
a `Document` equal (dataclass `==`, field by field, sections, sentences, tables, offsets and
the offset maps included) to the one serialised. Batch keeps these bytes in its parse cache
(`compare.batch.cache`), written by the parse stage and read by the workers that need the
whole report (word measures, side-by-side pages), which before parsed every report again.

The format is JSON and nothing else: a cache is untrusted, and nothing read back is ever
executed (no pickle). What the encoder can derive from the rest is left out and rebuilt:

- `path` is not stored (the same bytes may sit under several names): the reader gives it;
- a sentence's `text` is `text[start:end]` and its `simplified` is `doc.simplify(start, end)`,
  its id `<section id>/<n>` and its section the one holding it; each is stored only where it
  differs from that (never, for what `compare.parsing.structure` builds);
- a removal's `text` is stored only where it is not `raw[start:end]`;
- `raw` is stored as the pieces of `text` it holds (the cleaned → raw runs say where) and
  the literal text cleaning removed between them;
- `simplified`, when it is as long as `text` (no offset map), is stored as the stretches
  where it differs from `text` (NFKC widths, t2s characters); the simplified → text map as
  runs `[simplified offset, text offset]` inside which both advance together.

Bytes that are not such a document (damaged, truncated, another format version) raise
`ValueError`: a reader parses the report again, never fails on a bad row.
"""

from __future__ import annotations

import json
import zlib
from typing import Any, cast, get_args

import numpy as np

from compare.parsing.document import (
    Document,
    Removal,
    RemovalKind,
    Script,
    Section,
    SectionKind,
    Sentence,
    Source,
    Table,
)

FORMAT = "document-1"
# zlib level 1: level 6 made 15% smaller rows and took 3x as long (a third of a parse)
_COMPRESSION = 1

_META = ("encoding", "script", "title", "agency", "year", "covers", "date", "kind",
         "conversion", "format", "pages")


def document_to_bytes(doc: Document) -> bytes:
    """The document as compressed JSON (about a third of the size of its raw text)."""
    data: dict[str, Any] = {"version": FORMAT}
    data.update({name: getattr(doc, name) for name in _META})
    data["raw"] = _raw_pieces(doc)
    data["text"] = doc.text
    data["simplified"] = _simplified_out(doc)
    data["sources"] = doc.sources
    data["removed"] = [
        [r.kind, r.text if doc.raw[r.start : r.end] != r.text else None, r.start, r.end]
        for r in doc.removed
    ]
    data["sections"] = [_section_out(s, doc) for s in doc.sections]
    data["tables"] = [[t.id, t.rows, t.start, t.end, t.section_id] for t in doc.tables]
    data["warnings"] = doc.warnings
    data["raw_runs"] = [v for run in doc._raw_runs for v in run]
    data["map"] = _runs(doc._simplified_map)
    encoded = json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    return zlib.compress(encoded, _COMPRESSION)


def document_from_bytes(data: bytes, path: str) -> Document:
    """The `Document` that `document_to_bytes` stored, under `path`. Raises `ValueError` when
    `data` is not one (damaged, truncated or of another format version)."""
    try:
        d = json.loads(zlib.decompress(data).decode("utf-8"))
        if not isinstance(d, dict) or d.get("version") != FORMAT:
            raise ValueError("not a stored document of this version")
        text = _str(d["text"])
        raw = _raw_in(d["raw"], text)
        simplified = _simplified_in(d["simplified"], text)
        mapping = _unruns(d["map"], len(simplified))
        flat_runs = d["raw_runs"]
        doc = Document(
            path=path, raw=raw, text=text, simplified=simplified,
            encoding=_str(d["encoding"]), script=cast(Script, _kind(d["script"], Script)),
            sources={_str(k): cast(Source, _kind(v, Source)) for k, v in d["sources"].items()},
            removed=[Removal(cast(RemovalKind, _kind(kind, RemovalKind)), raw[a:b] if t is None else _str(t), _int(a), _int(b))
                     for kind, t, a, b in d["removed"]],
            tables=[Table(_str(i), [[_str(c) for c in row] for row in rows], _int(a), _int(b), _str(s))
                    for i, rows, a, b, s in d["tables"]],
            warnings=[_str(w) for w in d["warnings"]],
            _raw_runs=[(_int(flat_runs[k]), _int(flat_runs[k + 1])) for k in range(0, len(flat_runs), 2)],
            _simplified_map=mapping,
        )
        for name in _META[2:]:
            setattr(doc, name, d[name])
        for name in ("title", "agency", "date", "kind", "conversion", "format"):
            _str(getattr(doc, name))
        for name in ("year", "covers"):
            if getattr(doc, name) is not None:
                _int(getattr(doc, name))
        _int(doc.pages)
        doc.sections = [_section_in(s, doc, None) for s in d["sections"]]
        return doc
    except (zlib.error, UnicodeDecodeError, json.JSONDecodeError) as err:
        raise ValueError(f"not a stored document ({err})") from None
    except (KeyError, TypeError, IndexError, AttributeError) as err:
        raise ValueError(f"not a stored document ({type(err).__name__}: {err})") from None


# -- pieces ------------------------------------------------------------------------------------


def _section_out(s: Section, doc: Document) -> list[Any]:
    sentences = []
    for n, t in enumerate(s.sentences, 1):
        sentences.append([
            t.start, t.end, t.item, t.paragraph,
            None if t.text == doc.text[t.start : t.end] else t.text,
            None if t.simplified == doc.simplify(t.start, t.end) else t.simplified,
            None if t.id == f"{s.id}/{n}" else t.id,
            None if t.section_id == s.id else t.section_id,
        ])
    return [s.id, s.level, s.number, s.heading, s.heading_simplified, s.start, s.end, s.body_start,
            s.kind, s.parent_id, sentences, [_section_out(c, doc) for c in s.children]]


def _section_in(d: list[Any], doc: Document, parent: str | None) -> Section:
    sid, level, number, heading, heading_s, start, end, body, kind, parent_id, sentences, children = d
    section = Section(_str(sid), _int(level), _str(number), _str(heading), _str(heading_s), _int(start),
                      _int(end), _int(body), cast(SectionKind, _kind(kind, SectionKind)),
                      parent_id=None if parent_id is None else _str(parent_id))
    text = doc.text
    out = section.sentences
    for n, (a, b, item, paragraph, t, ts, tid, tsec) in enumerate(sentences, 1):
        a, b = _int(a), _int(b)
        out.append(Sentence(
            f"{section.id}/{n}" if tid is None else _str(tid),
            section.id if tsec is None else _str(tsec),
            a, b,
            text[a:b] if t is None else _str(t),
            doc.simplify(a, b) if ts is None else _str(ts),
            _str(item), _int(paragraph),
        ))
    section.children = [_section_in(c, doc, section.id) for c in children]
    return section


def _raw_pieces(doc: Document) -> list[Any]:
    """`raw` as [text start, text end] pieces and literal strings; a single string when the
    runs do not describe it (then it is stored whole)."""
    raw, text, runs = doc.raw, doc.text, doc._raw_runs
    if raw == text:
        return []
    pieces: list[Any] = []
    at = 0  # in raw
    for k, (ts, rs) in enumerate(runs):
        te = runs[k + 1][0] if k + 1 < len(runs) else len(text)
        if rs < at or te < ts or raw[rs : rs + te - ts] != text[ts:te]:
            return [raw]
        if rs > at:
            pieces.append(raw[at:rs])
        pieces.append([ts, te])
        at = rs + te - ts
    if at < len(raw):
        pieces.append(raw[at:])
    return pieces


def _raw_in(pieces: list[Any], text: str) -> str:
    if not pieces:
        return text
    return "".join(_str(p) if isinstance(p, str) else text[_int(p[0]) : _int(p[1])] for p in pieces)


def _simplified_out(doc: Document) -> Any:
    """[] when `simplified` is `text`; [[offset, replacement], …] for a view as long as the
    text; else the whole view as a string."""
    text, simplified = doc.text, doc.simplified
    if len(simplified) != len(text):
        return simplified
    a = np.frombuffer(text.encode("utf-32-le"), dtype="<u4")
    b = np.frombuffer(simplified.encode("utf-32-le"), dtype="<u4")
    differ = np.flatnonzero(a != b)
    if not len(differ):
        return []
    breaks = np.flatnonzero(np.diff(differ) != 1) + 1
    starts = differ[np.r_[0, breaks]]
    ends = differ[np.r_[breaks - 1, len(differ) - 1]] + 1
    return [[int(s), simplified[s:e]] for s, e in zip(starts.tolist(), ends.tolist())]


def _simplified_in(stored: Any, text: str) -> str:
    if isinstance(stored, str):
        return stored
    pieces: list[str] = []
    at = 0
    for start, replacement in stored:
        start = _int(start)
        if start < at:
            raise ValueError("stretches out of order")
        pieces += (text[at:start], _str(replacement))
        at = start + len(replacement)
    if at > len(text):
        raise ValueError("a stretch runs past the text")
    pieces.append(text[at:])
    return "".join(pieces)


def _runs(mapping: list[int] | None) -> list[int] | None:
    """[s0, t0, s1, t1, …]: from offset s_k of `simplified`, the map is t_k, t_k + 1, …"""
    if mapping is None:
        return None
    out: list[int] = []
    expected = None
    for s, t in enumerate(mapping):
        if t != expected:
            out += (s, t)
        expected = t + 1
    return out


def _unruns(runs: list[int] | None, length: int) -> list[int] | None:
    if runs is None:
        return None
    mapping: list[int] = []
    starts = runs[0::2] + [length]
    for k, t in enumerate(runs[1::2]):
        mapping.extend(range(_int(t), _int(t) + _int(starts[k + 1]) - _int(starts[k])))
    if len(mapping) != length:
        raise ValueError("the offset map does not fit the text")
    return mapping


def _str(value: Any) -> str:
    if not isinstance(value, str):
        raise TypeError(f"expected text, found {type(value).__name__}")
    return value


def _kind(value: Any, kind: Any) -> Any:
    """`value` when it is one of the values of the Literal type `kind` (a stored kind)."""
    if _str(value) not in get_args(kind):
        raise TypeError(f"expected one of {', '.join(get_args(kind))}, found {value!r}")
    return value


def _int(value: Any) -> int:
    if not isinstance(value, int) or isinstance(value, bool):
        raise TypeError(f"expected a whole number, found {type(value).__name__}")
    return value
