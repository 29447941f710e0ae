"""Annotations out of the YAML file: CSV and JSON Lines for tools, a Markdown review memo for people.

Only live annotations are exported (tombstones stay in the YAML). The memo groups quotes and
comments by section in reading order, with annotations that lost their text at the end. Quotes
come from reports off the web, so in the memo they are escaped for Markdown and HTML; the
reviewer's comments keep their Markdown but not raw HTML.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
from collections import defaultdict

from compare.annotations.model import (
    ANNOTATION_SIDES,
    Annotation,
    AnnotationSet,
    pair_title,
)
from compare.annotations.w3c import to_w3c
from compare.annotations.yamlfile import annotation_data
from compare.comparison.results import SIDES
from compare.files.csvcells import safe_cell

FORMATS = ("csv", "jsonl", "markdown", "w3c")
SIDE_NAMES = {"left": "Left", "right": "Right", "both": "Both sides"}


def export(
    content: AnnotationSet,
    fmt: str,
    *,
    annotation_file: str | os.PathLike[str] | None = None,
    out: str | os.PathLike[str] | None = None,
) -> str:
    """`content` as `fmt` (one of FORMATS). `annotation_file` is where the content was read
    (its report paths are relative to it) and `out` where the export goes (standard output:
    None); W3C `source`s of reports with no URL are given relative to `out`'s folder."""
    if fmt == "csv":
        return to_csv(content)
    if fmt == "jsonl":
        return to_jsonl(content)
    if fmt == "markdown":
        return to_markdown(content)
    if fmt == "w3c":
        document = to_w3c(content, annotation_file=annotation_file, out=out)
        return json.dumps(document, ensure_ascii=False, indent=2) + "\n"
    raise ValueError(f"unknown format {fmt!r} (choose from {', '.join(FORMATS)})")


def _live(content: AnnotationSet) -> list[Annotation]:
    return sorted(content.live(), key=lambda a: a.id)


# -- tables --------------------------------------------------------------------------------

CSV_COLUMNS = ["id", "side", "label", "comment", "reviewer", "created", "updated"] + [
    f"{side}_{field}"
    for side in SIDES
    for field in ("state", "section", "heading", "start", "end", "quote", "was")
]


def to_csv(content: AnnotationSet) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS, lineterminator="\n")
    writer.writeheader()
    for a in _live(content):
        row = {k: v for k, v in annotation_data(a).items() if k in CSV_COLUMNS}
        for side, anchor in a.anchors.items():
            row.update(
                {
                    f"{side}_state": anchor.state,
                    f"{side}_section": anchor.section,
                    f"{side}_heading": anchor.heading,
                    f"{side}_start": anchor.start,
                    f"{side}_end": anchor.end,
                    f"{side}_quote": anchor.exact,
                    f"{side}_was": anchor.was,
                }
            )
        writer.writerow({k: safe_cell(v) for k, v in row.items()})  # no formulas (OWASP)
    return out.getvalue()


def to_jsonl(content: AnnotationSet) -> str:
    """One annotation per line, in the same shape as in the YAML file."""
    return "".join(
        json.dumps(annotation_data(a), ensure_ascii=False) + "\n" for a in _live(content)
    )


# -- the memo ------------------------------------------------------------------------------

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]#|~])")


# what Markdown reads as raw HTML (CommonMark 6.6, 4.6): a tag, closing tag, comment,
# declaration or processing instruction opened by `<`, and a character reference `&…;`. A bare
# `>` or `<` (GDP 6.9 -> 6.7, 增速 < 7%) is text and stays as typed.
_HTML_OPEN = re.compile(r"<(?=[A-Za-z/!?])")
_CHAR_REF = re.compile(r"&(?=#?[0-9A-Za-z]+;)")


def no_html(text: str) -> str:
    """Untrusted text for a Markdown file: every `<` that would open an HTML tag or comment
    (`<script>`, `</b>`, `<!--`) as `&lt;`, every `&` of a character reference as `&amp;`;
    anything else (`->`, `a > b`, `5 < 7`) unchanged."""
    return _HTML_OPEN.sub("&lt;", _CHAR_REF.sub("&amp;", text))


def _quoted(text: str) -> str:
    """Report text as a Markdown block quote: nothing in it can format, link or inject HTML
    (a `>` opening one of its lines would nest the quote: escaped)."""
    escaped = _MARKDOWN_SPECIAL.sub(r"\\\1", no_html(text))
    return "\n".join("> " + re.sub(r"^(\s*)>", r"\1\\>", line) if line else ">"
                     for line in escaped.split("\n"))


def _section_order(section_id: str) -> tuple[int, ...]:
    return tuple(int(part) if part.isdigit() else 0 for part in section_id.split("."))


def to_markdown(content: AnnotationSet) -> str:
    live = _live(content)
    lines = [f"# Review notes: {no_html(pair_title(content))}", ""]
    for side in SIDES:
        ref = content.document(side)
        if ref.path:
            name = no_html(ref.title or ref.label)
            where = f"<{ref.url}>" if ref.url else f"`{ref.path}`"
            lines.append(f"- {SIDE_NAMES[side]}: {name} ({where})")
    reviewers = sorted({a.reviewer for a in live if a.reviewer})
    orphans = [a for a in live if a.orphaned]
    lines.append(
        f"- {len(live)} annotation{'' if len(live) == 1 else 's'}"
        + (f" by {', '.join(no_html(r) for r in reviewers)}" if reviewers else "")
        + (f"; {len(orphans)} no longer found in the text" if orphans else "")
    )
    lines.append("")

    groups: dict[tuple[str, str, str], list[Annotation]] = defaultdict(list)
    for a in live:
        if a.orphaned:
            continue
        home = "left" if a.side == "both" else a.side
        anchor = a.anchors[home]
        groups[(a.side, anchor.section, anchor.heading)].append(a)
    for group_side in ANNOTATION_SIDES:
        keys = sorted((k for k in groups if k[0] == group_side), key=lambda k: _section_order(k[1]))
        for key in keys:
            heading = key[2] or (f"section {key[1]}" if key[1] else "outside any section")
            lines += [f"## {SIDE_NAMES[group_side]} · {no_html(heading)}", ""]
            for a in sorted(groups[key], key=lambda a: a.anchors["left" if a.side == "both" else a.side].start):
                lines += _memo_entry(a)
    if orphans:
        lines += ["## No longer found in the text", ""]
        for a in orphans:
            lines += _memo_entry(a)
    pins = content.live_pins()
    if pins:
        lines += ["## Sections pinned together", ""]
        for p in sorted(pins, key=lambda p: p.id):
            state = " (a section is gone)" if p.state == "orphaned" else ""
            lines.append(
                f"- {p.left} {no_html(p.left_heading)} ↔ {p.right} {no_html(p.right_heading)}{state}"
            )
        lines.append("")
    return "\n".join(lines).rstrip("\n") + "\n"


def _memo_entry(a: Annotation) -> list[str]:
    title = no_html(a.label) if a.label else "(no label)"
    byline = ", ".join(x for x in (no_html(a.reviewer), a.updated[:10]) if x)
    lines = [f"### {title} — {byline}", ""]
    for side, anchor in a.anchors.items():
        if a.side == "both":
            lines += [f"{SIDE_NAMES[side]}:", ""]
        if anchor.orphaned:
            where = f" in {anchor.heading}" if anchor.heading else ""
            lines += [f"*Text no longer found (was{no_html(where)}):*", ""]
        lines += [_quoted(anchor.exact), ""]
        if anchor.was:
            lines += ["*The report reworded this; the quote first annotated was:*", "", _quoted(anchor.was), ""]
    if a.comment:  # the reviewer's own Markdown, line breaks kept, raw HTML not
        comment = no_html(a.comment).replace("\n", "  \n")
        lines += [comment, ""]
    return lines
