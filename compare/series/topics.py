"""Policy topics: which specific areas of government policy a sentence speaks of.

The topics and their terms are a hand-written lexicon shipped with the package,
`compare/data/policy_topics.yaml` (80 topics in 13 areas, about 1,440 terms: 能源通道 —
西气东输, 西电东送, 特高压 …; 节能减排 — 能耗, 二氧化硫, 脱硫 …; 中小企业 — 小型微利企业,
个体工商户 …). Its header says how it was made: from general knowledge of Chinese policy
vocabulary 1990–2025, written before any labelled commitment or benchmark miss was looked at
(issue 15, session 25). Only topics count, never areas: two sentences that share only an area
(能源, 财政金融) share nothing here.

A term is found as a substring of the matching view (simplified script, NFKC widths); at each
position the longest term starting there is taken (one regular expression of lookaheads, so
terms inside one another are all found when they start at different positions).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from compare.errors import ReportError
from compare.files.yamlfiles import read_yaml

SHIPPED = Path(__file__).resolve().parent.parent / "data" / "policy_topics.yaml"


@dataclass(frozen=True, slots=True)
class Lexicon:
    """Topics (name → area) and, for each term, the topics it belongs to; `pattern` finds the terms."""

    area: dict[str, str]
    topics_of_term: dict[str, tuple[str, ...]]
    pattern: re.Pattern[str]

    def found(self, text: str) -> dict[str, str]:
        """Topic → the first of its terms found in `text` (matching view), in the order they are found."""
        out: dict[str, str] = {}
        for m in self.pattern.finditer(text):
            term = m.group(1)
            for topic in self.topics_of_term[term]:
                out.setdefault(topic, term)
        return out


def parse_lexicon(data: object, path: Path) -> Lexicon:
    """A `Lexicon` from the YAML data of a topic file (shape in its header).

    Raises `ReportError(path, message)` when the shape is wrong or a term is one character long."""
    if not isinstance(data, dict) or data.get("version") != 1 or not isinstance(data.get("areas"), dict):
        raise ReportError(path, "a topic lexicon needs `version: 1` and a mapping `areas`")
    area: dict[str, str] = {}
    members: dict[str, list[str]] = {}
    for area_name, topics in data["areas"].items():
        if not isinstance(topics, dict):
            raise ReportError(path, f"area {area_name!r}: its topics must be a mapping of topic → terms")
        for topic, terms in topics.items():
            if not isinstance(terms, list) or not terms:
                raise ReportError(path, f"topic {topic!r}: its terms must be a non-empty list")
            area[str(topic)] = str(area_name)
            for term in terms:
                term = str(term).strip()
                if len(term) < 2:
                    raise ReportError(path, f"topic {topic!r}: the term {term!r} is shorter than two characters")
                members.setdefault(term, [])
                if str(topic) not in members[term]:
                    members[term].append(str(topic))
    terms = sorted(members, key=lambda t: (-len(t), t))  # longest first: the longest term at a position wins
    pattern = re.compile("(?=(" + "|".join(re.escape(t) for t in terms) + "))")
    return Lexicon(area, {t: tuple(ts) for t, ts in members.items()}, pattern)


@cache
def shipped() -> Lexicon:
    """The lexicon shipped with the package (read once per process)."""
    return parse_lexicon(read_yaml(SHIPPED, "topic lexicon"), SHIPPED)
