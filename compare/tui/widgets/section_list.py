"""The aligned section pairs: both headings, score, relation badge, count of changes.

An `OptionList` (virtualised: only visible options render). Every prompt is built from
`rich.text.Text` with styles taken from the component classes, never from markup, so a
heading holding `[` `]` shows as written.
"""

from __future__ import annotations

from typing import ClassVar, cast

from rich.style import Style
from rich.text import Text
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from compare.comparison.results import Relation
from compare.parsing.cleaning import strip_controls
from compare.parsing.document import Document
from compare.parsing.normalise import Conversion, simplified_view
from compare.tui.rows import ReviewRows, relation_label
from compare.terminal.wrap import cell_width, wrapped

HEADING_LINES = 2  # lines a heading may take in the list; the highlighted pair's tooltip has it whole


def fit(text: str, width: int) -> str:
    """`text` cut to `width` cells, with ".." when it was longer (ASCII: no ambiguous width)."""
    cells = 0
    for i, char in enumerate(text):
        cells += cell_width(char)
        if cells > width:
            cut = text[:i]
            while cut and sum(cell_width(c) for c in cut) > width - 2:
                cut = cut[:-1]
            return cut + ".."
    return text


class SectionList(OptionList):
    """One option per section pair; the highlighted option is the pair on the right."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "section-list--same",
        "section-list--renamed",
        "section-list--moved",
        "section-list--split",
        "section-list--merged",
        "section-list--left_only",
        "section-list--right_only",
        "section-list--count",
        "section-list--none",
        "section-list--pinned",
        "section-list--dim",
    }

    DEFAULT_CSS = """
    SectionList {
        & > .section-list--same { color: $text-muted; }
        & > .section-list--renamed { color: $text-warning; text-style: bold; }
        & > .section-list--moved { color: $text-primary; text-style: bold; }
        & > .section-list--split { color: $text-secondary; text-style: bold; }
        & > .section-list--merged { color: $text-secondary; text-style: bold; }
        & > .section-list--left_only { color: $text-error; text-style: bold; }
        & > .section-list--right_only { color: $text-success; text-style: bold; }
        & > .section-list--count { color: $text-accent; text-style: bold; }
        & > .section-list--none { color: $text-disabled; }
        & > .section-list--pinned { color: $text-accent; text-style: bold reverse; }
        & > .section-list--dim { color: $text-muted; }
    }
    """

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes, markup=False)
        self._source: tuple[ReviewRows, Document, Document] | None = None
        self._state: dict[str, object] = {}
        self._titles: dict[int, dict[str, str]] = {}

    def on_mount(self) -> None:
        self.app.theme_changed_signal.subscribe(self, lambda _theme: self.rebuild())

    def on_resize(self) -> None:
        self.rebuild()

    def populate(self, rows: ReviewRows, left: Document, right: Document, *,
                 hide_boilerplate: bool = False, simplified: bool = False,
                 pins: set[tuple[str, str]] = frozenset()) -> None:
        self._source = (rows, left, right)
        self._titles = {id(doc): {s.id: s.title for s in doc.walk()} for doc in (left, right)}
        self._state = {"hide_boilerplate": hide_boilerplate, "simplified": simplified,
                       "pins": set(pins)}
        self.rebuild()

    def update_state(self, **state: object) -> None:
        self._state.update(state)
        self.rebuild()

    def rebuild(self) -> None:
        if self._source is None:
            return
        rows, left, right = self._source
        highlighted = self.highlighted
        width = max(self.scrollable_content_region.width - 2, 12)  # room for a scrollbar
        options = [
            Option(self._prompt(i, rows, left, right, width), id=f"pair-{i}")
            for i in range(len(rows.diffs))
        ]
        self.set_options(options)
        if options:
            self.highlighted = min(highlighted or 0, len(options) - 1)

    def _style(self, name: str) -> Style:
        """A component's colour and text style only (a background would hide the highlight)."""
        return self.get_component_rich_style(f"section-list--{name}", partial=True)

    def _title(self, doc: Document, section_id: str | None) -> str:
        if section_id is None:
            return ""
        title = self._titles[id(doc)].get(section_id, section_id)
        if self._state.get("simplified"):
            title = simplified_view(title, cast(Conversion, doc.conversion))[0]
        return strip_controls(title)

    def _heading(self, doc: Document, section_id: str | None, width: int, other: str) -> Text:
        """The heading wrapped to `width` cells, on up to `HEADING_LINES` lines (the lines
        after the first indented by 2 cells, under the heading's start); a longer one is cut at
        the end of its last line with `..`, never in its middle (`（一）深化..化建设` said nothing
        at 80 columns, user test s22); if what fits says no more than `other` (the heading it is
        paired with), its last line goes on from where they differ."""
        if section_id is None:
            return Text("-", style=self._style("none"), end="")
        return Text("\n  ".join(wrapped(self._title(doc, section_id), width, HEADING_LINES, other)), end="")

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        """The highlighted pair's headings whole, in the list's tooltip (the list may cut them)."""
        if self._source is None or event.option_index >= len(self._source[0].diffs):
            return
        rows, left, right = self._source
        diff = rows.diffs[event.option_index]
        self.tooltip = (f"L {self._title(left, diff.left_id) or '-'}\n"
                        f"R {self._title(right, diff.right_id) or '-'}")

    def _prompt(self, i: int, rows: ReviewRows, left: Document, right: Document,
                width: int) -> Text:
        diff = rows.diffs[i]
        relation = diff.relation
        badge = relation_label(relation)
        style = self._style(relation)
        count = rows.change_count(i, bool(self._state.get("hide_boilerplate")))
        pinned = (diff.left_id, diff.right_id) in self._state.get("pins", set())
        line = Text(end="")
        line.append(f"{badge:<10}" if width >= 30 else badge, style=style)
        if relation not in (Relation.LEFT_ONLY, Relation.RIGHT_ONLY):
            line.append(f" {diff.score:.2f}", style=self._style("dim"))
        if count:
            words = f"  {count} change{'s' if count != 1 else ''}"
            if line.cell_len + len(words) + (6 if pinned else 0) > width:
                words = f"  {count} chg"  # a narrow list: keep it on one line
            line.append(words, style=self._style("count"))
        if pinned:
            line.append("  ")
            line.append(" pin ", style=self._style("pinned"))
        prompt = Text(end="")
        prompt.append("L ", style=self._style("dim"))
        titles = (self._title(left, diff.left_id), self._title(right, diff.right_id))
        prompt.append_text(self._heading(left, diff.left_id, width - 2, titles[1]))
        prompt.append("\n")
        prompt.append("R ", style=self._style("dim"))
        prompt.append_text(self._heading(right, diff.right_id, width - 2, titles[0]))
        prompt.append("\n")
        prompt.append_text(line)
        return prompt
