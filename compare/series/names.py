"""Standard indicator names: the other wordings of one quantity written as its standard name.

The names and their variants are a hand-written lexicon shipped with the package,
`compare/data/indicator_names.yaml` (the main targets and results of the 政府工作报告: 广义货币M2
for 广义货币, 居民消费价格涨幅 for 居民消费价格总水平涨幅 and …上涨, 农村居民人均纯收入 for 农民人均纯收入,
单位国内生产总值能耗下降 for …降低 …); each variant carries the years and words of the bundled
reports where both wordings name the quantity. `standard_name` replaces each variant where it
stands in an indicator name, longest first, the standard names themselves matched too so that
广义货币M2 is not read as 广义货币 + M2 (one regular expression; an alternation tries the longer
first at each position).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from compare.errors import ReportError
from compare.files.yamlfiles import read_yaml

SHIPPED = Path(__file__).resolve().parent.parent / "data" / "indicator_names.yaml"


@dataclass(frozen=True, slots=True)
class NameLexicon:
    """Each wording (variants and standard names) → its standard name; `pattern` finds them."""

    standard: dict[str, str]
    pattern: re.Pattern[str]

    def standard_name(self, name: str) -> str:
        """`name` with each variant it holds written as its standard name."""
        return self.pattern.sub(lambda m: self.standard[m.group(0)], name)


def parse_names(data: object, path: Path) -> NameLexicon:
    """A `NameLexicon` from the YAML data of a name file (shape in its header).

    Raises `ReportError(path, message)` when the shape is wrong, a variant has no source or is
    shorter than two characters, or a wording stands for two standard names."""
    if not isinstance(data, dict) or data.get("version") != 1 or not isinstance(data.get("names"), list):
        raise ReportError(path, "an indicator name lexicon needs `version: 1` and a list `names`")
    standard: dict[str, str] = {}
    for entry in data["names"]:
        if not isinstance(entry, dict) or not isinstance(entry.get("name"), str) \
                or not isinstance(entry.get("variants"), list):
            raise ReportError(path, "each entry of `names` needs a `name` and a list of `variants`")
        name = entry["name"].strip()
        wordings = [(name, "")]
        for variant in entry["variants"]:
            if not isinstance(variant, dict) or not str(variant.get("source", "")).strip():
                raise ReportError(path, f"{name}: each variant needs `text` and the `source` it was read from")
            wordings.append((str(variant.get("text", "")).strip(), str(variant["source"])))
        for text, _ in wordings:
            if len(text) < 2:
                raise ReportError(path, f"{name}: the wording {text!r} is shorter than two characters")
            if standard.get(text, name) != name:
                raise ReportError(path, f"{text!r} stands for both {standard[text]!r} and {name!r}")
            standard[text] = name
    wordings_first = sorted(standard, key=lambda t: (-len(t), t))  # longest first at each position
    return NameLexicon(standard, re.compile("|".join(re.escape(t) for t in wordings_first)))


@cache
def shipped() -> NameLexicon:
    """The lexicon shipped with the package (read once per process)."""
    return parse_names(read_yaml(SHIPPED, "indicator name lexicon"), SHIPPED)


def standard_name(name: str) -> str:
    """`name` in the shipped lexicon's standard wording (广义货币增长 → 广义货币M2增长)."""
    return shipped().standard_name(name)
