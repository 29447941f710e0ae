"""What changed inside a pair of sentences, as spans a reader can see highlighted.

The diff runs over jieba tokens of the matching view (a word changes as a whole), by longest
common subsequence (rapidfuzz `Indel.opcodes`; difflib's autojunk would throw away the most
common Chinese characters). Two repairs keep highlights readable:

- a single one-character token left equal between two changes (的, 了, 和, a comma) is folded
  into the change around it, so a highlight does not break into fragments;
- when an edit shifts jieba's word boundaries, whole words around it look changed; a changed
  run whose two sides still share a prefix or suffix of two or more characters is narrowed to
  the characters that differ.

Offsets come back in each Document's own text (original script), through
`Document.simplified_to_text` where the matching view differs in length.
"""

from __future__ import annotations

from bisect import bisect_left

from rapidfuzz.distance import Indel

from compare.comparison.diff.sentences import same_quotes
from compare.comparison.results import Span
from compare.parsing.document import Document, Sentence
from compare.text.tokens import cut

EQUAL, INSERT, DELETE, REPLACE = "equal", "insert", "delete", "replace"
# An equal run this short (in characters, one token) between two changes is folded into them.
COALESCE_MAX_CHARS = 1
# Shared characters at the edge of a changed run worth giving back to the equal text.
NARROW_MIN_CHARS = 2


class SentenceOffsets:
    """Offsets in a sentence's matching view → offsets in its Document's text."""

    __slots__ = ("doc", "sentence", "base")

    def __init__(self, doc: Document, sentence: Sentence) -> None:
        self.doc = doc
        self.sentence = sentence
        mapping = doc._simplified_map
        self.base = None if mapping is None else bisect_left(mapping, sentence.start)

    def start(self, k: int) -> int:
        """Where the character at view offset k starts in the text."""
        if self.base is None:
            return self.sentence.start + k
        if k >= len(self.sentence.simplified):
            return self.sentence.end
        return self.doc.simplified_to_text(self.base + k)

    def end(self, k: int) -> int:
        """Where a run of the view ending (exclusive) at k ends in the text."""
        if self.base is None:
            return self.sentence.start + k
        if k <= 0:
            return self.sentence.start
        if k >= len(self.sentence.simplified):
            return self.sentence.end
        return self.doc.simplified_to_text(self.base + k - 1) + 1


def _tokens(text: str) -> list[str]:
    """jieba tokens, with the pieces of a number joined (jieba cuts 1,314 into 1 , 314)."""

    out: list[str] = []
    joining = False
    for tok in cut(text):
        numeric = all(ch in _NUMBER_CHARS for ch in tok)
        if numeric and joining:
            out[-1] += tok
        else:
            out.append(tok)
        joining = numeric
    return out


def _token_ops(a: str, b: str) -> list[list]:
    """[tag, a_start, a_end, b_start, b_end] in characters of a and b, insert+delete merged
    into replace."""

    ta, tb = _tokens(a), _tokens(b)
    pa = [0]
    for tok in ta:
        pa.append(pa[-1] + len(tok))
    pb = [0]
    for tok in tb:
        pb.append(pb[-1] + len(tok))
    ops: list[list] = []
    for op in Indel.opcodes(ta, tb):
        tag = op.tag
        piece = [tag, pa[op.src_start], pa[op.src_end], pb[op.dest_start], pb[op.dest_end]]
        if ops and tag != EQUAL and ops[-1][0] != EQUAL:
            last = ops[-1]
            last[0] = REPLACE
            last[2], last[4] = piece[2], piece[4]
        else:
            ops.append(piece)
    return ops


def _coalesce(ops: list[list]) -> list[list]:
    """Fold a tiny equal run (one short token) between two changes into one change."""
    out: list[list] = []
    n = 0
    while n < len(ops):
        op = ops[n]
        if (
            op[0] == EQUAL
            and op[2] - op[1] <= COALESCE_MAX_CHARS
            and out
            and out[-1][0] != EQUAL
            and n + 1 < len(ops)
        ):
            nxt = ops[n + 1]  # never equal: equal runs are maximal
            out[-1] = [REPLACE, out[-1][1], nxt[2], out[-1][3], nxt[4]]
            n += 2
            continue
        out.append(op)
        n += 1
    return out


def _inside_number(text: str, cut_at: int) -> bool:
    """Would cutting text at this offset split a number?"""
    return 0 < cut_at < len(text) and text[cut_at - 1] in _NUMBER_CHARS and text[cut_at] in _NUMBER_CHARS


_NUMBER_CHARS = frozenset("0123456789.,")


def _narrow(a: str, b: str, ops: list[list]) -> list[list]:
    """Give a changed run's shared prefix/suffix (>= NARROW_MIN_CHARS) back to equal text."""
    out: list[list] = []
    for op in ops:
        if op[0] != REPLACE:
            out.append(op)
            continue
        _, a1, a2, b1, b2 = op
        pre = 0
        while a1 + pre < a2 and b1 + pre < b2 and a[a1 + pre] == b[b1 + pre]:
            pre += 1
        suf = 0
        while a2 - suf > a1 + pre and b2 - suf > b1 + pre and a[a2 - suf - 1] == b[b2 - suf - 1]:
            suf += 1
        while pre and (_inside_number(a, a1 + pre) or _inside_number(b, b1 + pre)):
            pre -= 1
        while suf and (_inside_number(a, a2 - suf) or _inside_number(b, b2 - suf)):
            suf -= 1
        pre = pre if pre >= NARROW_MIN_CHARS else 0
        suf = suf if suf >= NARROW_MIN_CHARS else 0
        if pre:
            out.append([EQUAL, a1, a1 + pre, b1, b1 + pre])
        mid = [REPLACE, a1 + pre, a2 - suf, b1 + pre, b2 - suf]
        if mid[1] == mid[2]:
            mid[0] = INSERT
        elif mid[3] == mid[4]:
            mid[0] = DELETE
        out.append(mid)
        if suf:
            out.append([EQUAL, a2 - suf, a2, b2 - suf, b2])
    return _join_equal(out)


def _join_equal(ops: list[list]) -> list[list]:
    out: list[list] = []
    for op in ops:
        if out and op[0] == EQUAL and out[-1][0] == EQUAL:
            out[-1][2], out[-1][4] = op[2], op[4]
        else:
            out.append(op)
    return out


def view_ops(a: str, b: str) -> list[list]:
    """The word diff of two strings: [tag, a_start, a_end, b_start, b_end] runs covering both."""
    if a == b:
        return [[EQUAL, 0, len(a), 0, len(b)]] if a else []
    return _narrow(a, b, _coalesce(_token_ops(a, b)))


def word_spans(left_doc: Document, left: Sentence, right_doc: Document, right: Sentence) -> list[Span]:
    """Spans covering both sentences, in document offsets: equal text and what changed."""
    lo = SentenceOffsets(left_doc, left)
    ro = SentenceOffsets(right_doc, right)
    spans = []
    for tag, a1, a2, b1, b2 in view_ops(same_quotes(left.simplified), same_quotes(right.simplified)):
        spans.append(Span(tag, lo.start(a1), lo.end(a2) if a2 > a1 else lo.start(a1),
                          ro.start(b1), ro.end(b2) if b2 > b1 else ro.start(b1)))
    return spans
