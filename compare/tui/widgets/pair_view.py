"""The two reports side by side: one row per aligned sentence pair, in a single scroller.

A Line API widget: only the lines on screen are rendered, from rows laid out once per width
(a row's height is the taller side, wrapped; `compare.terminal.wrap` needs no styling to know it).
A section of 4,000 sentences lays out in a fraction of a second and scrolls without cost.

Everything shown is report text sliced from `Document.text` (or its simplified view) and
rendered through `rich.text.Text`, never markup; colours come from the component classes
below, so themes restyle them. The widget's own chrome uses ASCII only, so the columns stay
put on terminals that draw ambiguous-width characters narrow.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from typing import ClassVar, Iterable, Sequence, cast

from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.geometry import Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

from compare.comparison.results import SIDES, ChangeKind, SectionDiff
from compare.parsing.cleaning import strip_controls
from compare.parsing.document import Document, Sentence
from compare.parsing.normalise import Conversion, simplified_view
from compare.presentation.view import (
    KIND_GUTTER,
    PINNED_MARK,
    SINCE_MARK,
    SINCE_SHOWN,
    TABLE_MARK,
    PieceRole,
    converted_note,
    listed_figures,
    part_partner,
    side_runs,
)
from compare.tui.rows import HEADING, Row, heading_of
from compare.terminal.wrap import cell_width, line_breaks, list_breaks

FIGURES_HEAD = "figures: "  # the line under a row whose figures changed

ANNOTATION_MARK = "*"

# The component class that colours each highlighted run of `presentation.view.side_runs`.
ROLE_COMPONENTS: dict[PieceRole, str] = {
    "added": "added",
    "removed": "removed",
    "deleted": "word-removed",
    "inserted": "word-added",
    "figure_old": "figure-old",  # struck through, as the page strikes the old figure
    "figure_new": "figure",
}

# Columns: [kind][pin][left mark][ ] left text [ ][sep][ ] [since][right mark][ ] right text
# kind: the change kind's gutter mark; pin: paired by hand; mark: annotated; since: the later
# sentence against last year's report (carried over, new, changed). Marks are the view model's.
LEFT_TEXT_X = 4
SEPARATOR = 3  # cells between the left text and the right gutter
RIGHT_GUTTER = 3  # [since][right mark][ ]
FIXED_CELLS = LEFT_TEXT_X + SEPARATOR + RIGHT_GUTTER


def right_text_x(column: int) -> int:
    """Where the right text starts, for text columns `column` cells wide."""
    return LEFT_TEXT_X + column + SEPARATOR + RIGHT_GUTTER

TAB_SHOWN = "│"  # how a tab between table cells is drawn


@dataclass
class SideText:
    """One side of one row as displayed: the string, and the document offset of each char."""

    display: str
    offsets: Sequence[int]  # Document.text offset of each display character
    start: int = 0  # document span the side shows
    end: int = 0


@dataclass
class Layout:
    width: int
    column: int  # text cells per side
    starts: list[int]  # first line of each visible row
    height: int
    breaks: dict[int, tuple[list[int], list[int], list[int]]] = field(default_factory=dict)


class PairView(ScrollView, can_focus=True):
    """Aligned sentence pairs of one section pair, wrapped, with a row cursor."""

    ALLOW_SELECT = False  # our own selection: a span of one report, not of the screen

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "pair-view--heading",
        "pair-view--boilerplate",
        "pair-view--added",
        "pair-view--removed",
        "pair-view--rewritten",
        "pair-view--moved",
        "pair-view--word-added",
        "pair-view--word-removed",
        "pair-view--figure",
        "pair-view--figure-old",
        "pair-view--gap",
        "pair-view--separator",
        "pair-view--cursor",
        "pair-view--cursor-other",
        "pair-view--selection",
        "pair-view--annotated",
        "pair-view--match",
        "pair-view--mark",
        "pair-view--since",
        "pair-view--since-new",
    }

    DEFAULT_CSS = """
    PairView {
        overflow-x: hidden;
        scrollbar-gutter: stable;
        background: $surface;
        color: $foreground;
        & > .pair-view--heading { text-style: bold; color: $text-primary; }
        & > .pair-view--boilerplate { color: $text-muted; text-style: dim; }
        & > .pair-view--added { background: $success 18%; }
        & > .pair-view--removed { background: $error 18%; }
        & > .pair-view--rewritten { background: $primary 22%; }
        & > .pair-view--moved { background: $secondary 45%; text-style: italic; }
        & > .pair-view--word-added { background: $success 55%; color: $text; text-style: bold; }
        & > .pair-view--word-removed { background: $error 55%; color: $text; text-style: strike; }
        & > .pair-view--figure { background: $warning 60%; color: $text; text-style: bold; }
        & > .pair-view--figure-old { background: $warning 60%; color: $text; text-style: bold strike; }
        & > .pair-view--gap { background: $panel-darken-1; color: $text-disabled; }
        & > .pair-view--separator { background: $panel; }
        & > .pair-view--cursor { background: $foreground 12%; }
        & > .pair-view--cursor-other { background: $foreground 5%; }
        & > .pair-view--selection { background: $primary 70%; color: $text; }
        & > .pair-view--annotated { text-style: underline; color: $text-accent; }
        & > .pair-view--match { text-style: reverse bold; }
        & > .pair-view--mark { color: $text-accent; text-style: bold; }
        & > .pair-view--since { color: $text-muted; }
        & > .pair-view--since-new { color: $text-success; text-style: bold; }
    }
    PairView:focus { background-tint: $foreground 0%; }
    """

    BINDINGS: ClassVar[list[Binding]] = [
        Binding("down,j", "cursor(1)", "Move", key_display="j/k", id="pair.down",
                tooltip="Next sentence pair (k: previous; g/G: top/bottom)"),
        Binding("up,k", "cursor(-1)", "Up", show=False, id="pair.up",
                tooltip="Previous sentence pair"),
        Binding("pagedown,space", "page(1)", "Page down", show=False, id="pair.page-down",
                tooltip="One screen down"),
        Binding("pageup", "page(-1)", "Page up", show=False, id="pair.page-up",
                tooltip="One screen up"),
        Binding("home,g", "first", "Top", show=False, id="pair.top",
                tooltip="First row of the section"),
        Binding("end,G", "last", "Bottom", show=False, id="pair.bottom",
                tooltip="Last row of the section"),
        Binding("left,h", "side('left')", "Left side", show=False, id="pair.left",
                tooltip="Put the cursor on the left report"),
        Binding("right,l", "side('right')", "Right side", show=False, id="pair.right",
                tooltip="Put the cursor on the right report"),
        Binding("shift+down,J", "extend(1)", "Extend selection", show=False,
                id="pair.extend-down", tooltip="Select down to the next sentence"),
        Binding("shift+up,K", "extend(-1)", "Extend selection up", show=False,
                id="pair.extend-up", tooltip="Select up to the previous sentence"),
        Binding("escape", "clear_selection", "Clear selection", show=False,
                id="pair.clear-selection", tooltip="Forget the selected span"),
    ]

    class CursorMoved(Message):
        """The cursor is on another row or side (the screen updates its status line)."""

        def __init__(self, view: PairView) -> None:
            super().__init__()
            self.view = view

    class ColumnsChanged(Message):
        """The width of the text columns changed (the screen aligns its column titles)."""

        def __init__(self, view: PairView, column: int) -> None:
            super().__init__()
            self.view = view
            self.column = column

    class SelectionChanged(Message):
        def __init__(self, view: PairView) -> None:
            super().__init__()
            self.view = view

    class Painted(Message):
        """The view drew rows of a comparison for the first time. It is posted while Textual
        composes the frame, so the frame reaches the terminal before the message is handled:
        what waits for it never delays the first frame of the comparison."""

        def __init__(self, view: PairView) -> None:
            super().__init__()
            self.view = view

    def __init__(self, *, name: str | None = None, id: str | None = None,
                 classes: str | None = None) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self.docs: dict[str, Document | None] = {"left": None, "right": None}
        self.diff: SectionDiff | None = None
        self.rows: list[Row] = []  # every row of the section
        self.shown: list[int] = []  # indices into rows, in display order
        self.cursor = 0  # index into visible
        self.side = "left"
        self.wrap = True
        self.simplified = False
        self.marks: dict[str, list[tuple[int, int]]] = {"left": [], "right": []}
        self.hits: dict[str, list[tuple[int, int]]] = {"left": [], "right": []}
        self.selection: tuple[str, int, int] | None = None
        self._anchor: tuple[str, int] | None = None  # where a drag or extension started
        self._dragging = False
        self._layout: Layout | None = None
        self._texts: dict[tuple[int, str], SideText] = {}
        self._strips: dict[tuple[int, str | None], list[Strip]] = {}
        self._base_style: Style | None = None
        self._styles: dict[str, Style] = {}
        self._painted_cursor: int | None = None
        self.painted = False  # rows have been drawn (`Painted` was posted)

    # -- what to show ----------------------------------------------------------------------
    def on_mount(self) -> None:
        self.app.theme_changed_signal.subscribe(self, lambda _theme: self._theme_changed())

    def set_documents(self, left: Document, right: Document) -> None:
        self.docs = {"left": left, "right": right}
        self.diff = None
        self.rows, self.shown = [], []
        self._relayout()

    def show(self, diff: SectionDiff, rows: list[Row], visible: list[int],
             cursor_row: int | None = None) -> None:
        """Show one section pair; put the cursor on `cursor_row` (an index into `rows`)."""
        same = diff is self.diff
        if not same or rows is not self.rows:
            self._texts.clear()
        self.diff, self.rows, self.shown = diff, rows, visible
        self.selection = None if not same else self.selection
        self._relayout()
        if cursor_row is not None:
            self.cursor = self._nearest_visible(cursor_row)
        elif not same:
            self.cursor = 0
        self.cursor = max(0, min(self.cursor, len(self.shown) - 1))
        if not same:
            self.scroll_to(y=0, animate=False)
        self._scroll_to_cursor(center=cursor_row is not None)
        self.post_message(self.CursorMoved(self))

    def set_filter(self, visible: list[int]) -> None:
        """Show another subset of the same rows, keeping the cursor on (or near) its row."""
        row = self.cursor_row
        self.shown = visible
        self._relayout()
        if row is not None:
            self.cursor = self._nearest_visible(row)
        self._scroll_to_cursor(center=True)
        self.post_message(self.CursorMoved(self))

    def set_marks(self, marks: dict[str, list[tuple[int, int]]]) -> None:
        self.marks = marks
        self.restyle()

    def set_hits(self, hits: dict[str, list[tuple[int, int]]]) -> None:
        self.hits = hits
        self.restyle()

    def set_wrap(self, wrap: bool) -> None:
        self.wrap = wrap
        self._relayout()
        self._scroll_to_cursor(center=True)

    def set_simplified(self, simplified: bool) -> None:
        self.simplified = simplified
        self._texts.clear()
        self._relayout()
        self._scroll_to_cursor(center=True)

    def restyle(self) -> None:
        self._strips.clear()
        self.refresh()

    def _theme_changed(self) -> None:
        self._base_style = None
        self._styles = {}
        self.restyle()

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._base_style = None
        self._styles = {}
        self._strips.clear()

    @property
    def _base(self) -> Style:
        """The widget's own style (looked up once: `rich_style` walks the DOM each time)."""
        if self._base_style is None:
            self._base_style = self.rich_style
        return self._base_style

    @property
    def layout(self) -> Layout | None:
        return self._layout

    # -- cursor ----------------------------------------------------------------------------
    @property
    def cursor_row(self) -> int | None:
        """Index into `rows` of the row under the cursor."""
        if not self.shown:
            return None
        return self.shown[max(0, min(self.cursor, len(self.shown) - 1))]

    @property
    def current(self) -> Row | None:
        row = self.cursor_row
        return None if row is None else self.rows[row]

    def current_sentence(self) -> Sentence | None:
        row = self.current
        return None if row is None else row.sentence(self.side)

    def target(self) -> tuple[str, int, int] | None:
        """What `a` annotates: the selected span, else the sentence under the cursor."""
        if self.selection is not None:
            return self.selection
        sentence = self.current_sentence()
        if sentence is not None:
            return self.side, sentence.start, sentence.end
        return None

    def move_to(self, row: int, side: str | None = None, center: bool = True) -> None:
        self.cursor = self._nearest_visible(row)
        if side is not None:
            self.side = side
        self._cursor_changed(center=center)

    def _nearest_visible(self, row: int) -> int:
        if not self.shown:
            return 0
        i = bisect_right(self.shown, row) - 1
        return max(i, 0)

    def _cursor_changed(self, center: bool = False) -> None:
        """Repaint the rows the cursor left and reached (a scroll repaints everything)."""
        self._refresh_row(self._painted_cursor)
        self._refresh_row(self.cursor)
        self._painted_cursor = self.cursor
        self._scroll_to_cursor(center=center)
        self.post_message(self.CursorMoved(self))

    def _refresh_row(self, vi: int | None) -> None:
        layout = self._layout
        if layout is None or vi is None or not 0 <= vi < len(layout.starts):
            return
        top = layout.starts[vi]
        bottom = layout.starts[vi + 1] if vi + 1 < len(layout.starts) else layout.height
        self.refresh_lines(top, bottom - top)

    def action_cursor(self, delta: int) -> None:
        if not self.shown:
            return
        self.cursor = max(0, min(self.cursor + delta, len(self.shown) - 1))
        self._anchor = None
        self._cursor_changed()

    def action_page(self, direction: int) -> None:
        layout = self._layout
        if layout is None or not self.shown:
            return
        page = max(self.scrollable_content_region.height - 2, 1)
        target_y = layout.starts[self.cursor] + direction * page
        self.cursor = max(0, min(bisect_right(layout.starts, target_y) - 1, len(self.shown) - 1))
        self._cursor_changed()

    def action_first(self) -> None:
        if self.shown:
            self.cursor = 0
            self._cursor_changed()

    def action_last(self) -> None:
        if self.shown:
            self.cursor = len(self.shown) - 1
            self._cursor_changed()

    def action_side(self, side: str) -> None:
        if side != self.side:
            self.side = side
            self.selection = None
            self._anchor = None
            self._cursor_changed()

    def action_extend(self, delta: int) -> None:
        """Grow the selection one sentence at a time on the cursor's side (keyboard spans)."""
        if not self.shown:
            return
        if self._anchor is None or self._anchor[0] != self.side or self.selection is None:
            sentence = self.current_sentence()
            if sentence is None:
                return
            self._anchor = (self.side, self.cursor)
        self.cursor = max(0, min(self.cursor + delta, len(self.shown) - 1))
        first, last = sorted((self._anchor[1], self.cursor))
        sentences = [
            s for i in range(first, last + 1)
            if (s := self.rows[self.shown[i]].sentence(self.side)) is not None
        ]
        if sentences:
            self.selection = (self.side, sentences[0].start, sentences[-1].end)
            self.post_message(self.SelectionChanged(self))
        self._cursor_changed()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "clear_selection":  # escape falls through to the screen otherwise
            return self.selection is not None
        return True

    def action_clear_selection(self) -> None:
        if self.selection is not None:
            self.selection = None
            self._anchor = None
            self.restyle()
            self.post_message(self.SelectionChanged(self))

    def _scroll_to_cursor(self, center: bool = False) -> None:
        layout = self._layout
        if layout is None or not self.shown or self.scrollable_content_region.height == 0:
            return
        top = layout.starts[self.cursor]
        following = self.cursor + 1
        bottom = layout.starts[following] if following < len(layout.starts) else layout.height
        height = self.scrollable_content_region.height
        y = self.scroll_offset.y
        if center and not (y <= top and bottom <= y + height):
            self.scroll_to(y=max(0, top - height // 3), animate=False)
        elif top < y:
            self.scroll_to(y=top, animate=False)
        elif bottom > y + height:
            self.scroll_to(y=min(top, bottom - height), animate=False)

    # -- layout ----------------------------------------------------------------------------
    def on_resize(self, event: events.Resize) -> None:
        self._relayout()
        self._scroll_to_cursor()

    def _relayout(self) -> None:
        self._strips.clear()
        width = self.scrollable_content_region.width
        if width <= 0:
            self._layout = None
            self.virtual_size = Size(0, 0)
            self.refresh()
            return
        column = max((width - FIXED_CELLS) // 2, 4)
        starts: list[int] = []
        y = 0
        layout = Layout(width, column, starts, 0)
        for vi, ri in enumerate(self.shown):
            starts.append(y)
            y += self._row_height(layout, ri)
        layout.height = y
        if self._layout is None or self._layout.column != column:
            self.post_message(self.ColumnsChanged(self, column))
        self._layout = layout
        self.virtual_size = Size(width, y)
        self.refresh()

    def _row_height(self, layout: Layout, ri: int) -> int:
        if not self.wrap:
            return 1
        left = self.side_text(ri, "left")
        right = self.side_text(ri, "right")
        figures = self.figure_line(ri).plain
        lb = line_breaks(left.display, layout.column) if left.display else [0]
        rb = line_breaks(right.display, layout.column) if right.display else [0]
        # each old -> new whole; "figures: " may stand alone on its line
        fb = list_breaks(figures, layout.column, head=len(FIGURES_HEAD)) if figures else []
        layout.breaks[ri] = (lb, rb, fb)
        return max(len(lb), len(rb)) + len(fb) + 1  # one blank line between rows

    # -- text of a side --------------------------------------------------------------------
    def side_text(self, ri: int, side: str) -> SideText:
        key = (ri, side)
        cached = self._texts.get(key)
        if cached is None:
            cached = self._texts[key] = self._make_side_text(self.rows[ri], side)
        return cached

    def _make_side_text(self, row: Row, side: str) -> SideText:
        doc = self.docs[side]
        if doc is None:
            return SideText("", [])
        if row.kind == HEADING:
            diff = self.diff
            section_id = None if diff is None else diff.left_id if side == "left" else diff.right_id
            if section_id is None:
                return SideText("", [])
            title = heading_of(doc, section_id)
            if self.simplified:
                title = simplified_view(title, cast(Conversion, doc.conversion))[0]
            title = strip_controls(title)
            return SideText(title, [-1] * len(title))
        sentence = row.sentence(side)
        if sentence is None:
            return SideText("", [])
        change = row.change
        if change is not None and change.kind in (ChangeKind.MERGED, ChangeKind.SPLIT) and side == (
                "right" if change.kind == ChangeKind.MERGED else "left"):
            # the longer sentence a part was folded into (or split off) is shown in full on its
            # own row; here it is named, not repeated (a target split in four drew it four times)
            named = strip_controls(part_partner(change))
            return SideText(named, [-1] * len(named))
        return self._sentence_text(doc, sentence.start, sentence.end)

    def _sentence_text(self, doc: Document, start: int, end: int) -> SideText:
        """The span as shown: original script, or in simplified characters the matching view's
        own (`normalise.simplified_view` with the report's conversion, so hk2s/tw2s and variant
        folding as matching has them), without its NFKC widths: the reader's ，stays ，."""
        original = doc.text[start:end]
        mapping = None
        shown = original
        if self.simplified:
            shown, mapping = simplified_view(original, cast(Conversion, doc.conversion))
        # a table row's cells are tab-separated: a one-cell rule between them keeps the columns
        # of the pair view in step (a tab's width depends on the terminal)
        shown = shown.replace("\t", TAB_SHOWN)
        if mapping is None and "\n" not in shown and strip_controls(shown) == shown:
            return SideText(shown, range(start, end), start, end)  # one to one: the usual case
        if mapping is None:
            chars = list(enumerate(shown, start))
        else:  # the conversion changed the length: each shown character maps to its original
            chars = [(start + i, c) for i, c in zip(mapping, shown)]
        chars = [(i, TAB_SHOWN if c == "\t" else c) for i, c in chars]
        kept = [(i, c) for i, c in chars if strip_controls(c) and c not in "\r\n"]
        return SideText("".join(c for _, c in kept), [i for i, _ in kept], start, end)

    def figure_line(self, ri: int, base: Style | None = None) -> Text:
        """"figures: 6.9% -> 6.5%, …" under a row whose figures changed (old -> new)."""
        text = Text(end="", style=base or "")
        row = self.rows[ri]
        listed = listed_figures(row.change) if row.change is not None else []
        if not listed:  # (a table's rows pair figures by position here; `T` compares them by row and column)
            return text
        muted = self.span_style("boilerplate") if base is not None else Style()
        figure = self.span_style("figure") if base is not None else Style()
        text.append(FIGURES_HEAD, style=muted)
        for i, change in enumerate(listed):
            if i:
                text.append(", ", style=muted)
            text.append(strip_controls(change.old), style=figure)
            text.append(" -> ", style=muted)
            text.append(strip_controls(change.new), style=figure)
            text.append(strip_controls(converted_note(change)), style=muted)
        return text

    # -- styling ---------------------------------------------------------------------------
    def span_style(self, name: str) -> Style:
        """A component's own colours and text style, to lay over the row's background.

        The full component style would carry the widget's background into every span (and
        hide the cursor); the partial one has a background's colour without its alpha, so a
        background set by the component is taken blended, from the full style.
        """
        style = self._styles.get(name)
        if style is None:
            component = f"pair-view--{name}"
            own = self.get_component_rich_style(component, partial=True)
            blended = self.get_component_rich_style(component).bgcolor
            style = self._styles[name] = Style(
                color=own.color, bgcolor=blended if own.bgcolor is not None else None,
                bold=own.bold, dim=own.dim, italic=own.italic, underline=own.underline,
                strike=own.strike, reverse=own.reverse,
            )
        return style

    def _styled(self, ri: int, side: str, base: Style) -> Text:
        """The side's text with every highlight applied, as a rich Text (never markup)."""
        row = self.rows[ri]
        side_text = self.side_text(ri, side)
        text = Text(side_text.display, style=base, no_wrap=True, end="")
        if not side_text.display:
            return text
        offsets = side_text.offsets

        def stylize(style: Style, start: int, end: int) -> None:
            a = _index(offsets, start)
            b = _index(offsets, end)
            if b > a:
                text.stylize(style, a, b)

        whole = (0, len(side_text.display))
        if row.kind == HEADING:
            text.stylize(self.span_style("heading"), *whole)
            return text
        if row.boilerplate(side):
            text.stylize(self.span_style("boilerplate"), *whole)
        # the sentence's kind colours it whole; the words highlighted are the view model's,
        # as the HTML page and `diff` highlight them (word runs arrive from the review
        # screen's worker: computing them here would block the keys)
        kind_style = {ChangeKind.REWRITTEN: "rewritten", ChangeKind.MOVED: "moved"}.get(row.kind)
        if kind_style:
            text.stylize(self.span_style(kind_style), *whole)
        if row.change is not None:
            for start, end, role in side_runs(row.change, side, compute=False):
                component = ROLE_COMPONENTS.get(role)
                if component is not None:
                    stylize(self.span_style(component), start, end)
        for start, end in _overlapping(self.marks[side], side_text.start, side_text.end):
            stylize(self.span_style("annotated"), start, end)
        for start, end in _overlapping(self.hits[side], side_text.start, side_text.end):
            stylize(self.span_style("match"), start, end)
        if self.selection is not None and self.selection[0] == side:
            stylize(self.span_style("selection"), self.selection[1], self.selection[2])
        return text

    def _has_mark(self, ri: int, side: str) -> bool:
        side_text = self.side_text(ri, side)
        return bool(side_text.end > side_text.start
                    and _overlapping(self.marks[side], side_text.start, side_text.end))

    # -- rendering -------------------------------------------------------------------------
    def render_line(self, y: int) -> Strip:
        scroll_x, scroll_y = self.scroll_offset
        layout = self._layout
        base = self._base
        if layout is None or not self.shown:
            return Strip.blank(self.size.width, base)
        if not self.painted:
            self.painted = True
            self.post_message(self.Painted(self))
        width = layout.width  # (the scrollable region is slow to ask for on every line)
        line = scroll_y + y
        vi = bisect_right(layout.starts, line) - 1
        if vi < 0 or line >= layout.height:
            return Strip.blank(width, base)
        strips = self._row_strips(vi, layout)
        k = line - layout.starts[vi]
        if k >= len(strips):
            return Strip.blank(width, base)
        return strips[k].crop_extend(scroll_x, scroll_x + width, base)

    def _row_strips(self, vi: int, layout: Layout) -> list[Strip]:
        ri = self.shown[vi]
        on_cursor = vi == self.cursor
        key = (ri, self.side if on_cursor else None)
        cached = self._strips.get(key)
        if cached is not None:
            return cached
        strips = self._render_row(ri, layout, on_cursor)
        self._strips[key] = strips
        return strips

    def _render_row(self, ri: int, layout: Layout, on_cursor: bool) -> list[Strip]:
        console = self.app.console
        base = self._base
        column = layout.column
        row = self.rows[ri]
        focused_side = self.side if on_cursor else None
        cursor_style = base + self.span_style("cursor")
        other_style = base + self.span_style("cursor-other") if on_cursor else base
        gap = base + self.span_style("gap")
        side_base = {
            s: cursor_style if s == focused_side else other_style for s in SIDES
        }
        if self.wrap:
            lb, rb, fb = layout.breaks.get(ri) or (None, None, None)
            if lb is None:
                self._row_height(layout, ri)
                lb, rb, fb = layout.breaks[ri]
        else:
            lb, rb, fb = [0], [0], []

        fit = Segment.adjust_line_length  # crop or pad a list of segments to a cell length
        mark_style = base + self.span_style("mark")
        columns: dict[str, list[list[Segment]]] = {}
        for side, breaks in (("left", lb), ("right", rb)):
            side_text = self.side_text(ri, side)
            if not side_text.display:
                filler = "(no matching section)" if row.kind == HEADING else ""
                columns[side] = [fit([Segment(filler, gap)], column, gap)]
                continue
            text = self._styled(ri, side, side_base[side])
            pieces = text.divide(breaks[1:]) if self.wrap else [text]
            lines = []
            for piece in pieces:
                segments = list(piece.render(console))
                if piece.cell_len > column:  # not wrapped: cut, and say so
                    segments = fit(segments, column - 1) + [Segment(">", mark_style)]
                lines.append(fit(segments, column, side_base[side]))
            columns[side] = lines

        height = max(len(columns["left"]), len(columns["right"]))
        for side in SIDES:
            fill = gap if not self.side_text(ri, side).display else side_base[side]
            columns[side] += [[Segment(" " * column, fill)]] * (height - len(columns[side]))

        symbol = KIND_GUTTER.get(row.kind, " ")  # a heading has no mark
        if row.change is not None and row.change.table and row.kind != ChangeKind.UNCHANGED:
            symbol = TABLE_MARK.gutter  # a table row: `T` shows what changed, cell by cell
        kind_style = mark_style if symbol != " " else base
        separator = [Segment(" ", base), Segment(" ", base + self.span_style("separator")),
                     Segment(" ", base)]
        marks = {
            s: ANNOTATION_MARK if row.kind != HEADING and self._has_mark(ri, s) else " "
            for s in SIDES
        }
        pin = PINNED_MARK.gutter if row.change is not None and row.change.pinned else " "
        since = SINCE_MARK[row.right_since].gutter if row.right_since in SINCE_SHOWN else " "
        since_style = base + self.span_style("since-new" if row.right_since == "new" else "since")
        width = layout.width
        used = right_text_x(column) + column
        tail = [Segment(" " * (width - used), base)] if width > used else []
        out: list[Strip] = []
        for k in range(height):
            first = k == 0
            segments = [
                Segment(symbol if first else " ", kind_style),
                Segment(pin if first else " ", mark_style),
                Segment(marks["left"] if first else " ", mark_style),
                Segment(" ", base),
                *columns["left"][k],
                *separator,
                Segment(since if first else " ", since_style),
                Segment(marks["right"] if first else " ", mark_style),
                Segment(" ", base),
                *columns["right"][k],
                *tail,
            ]
            out.append(Strip(segments, max(width, used)))
        if self.wrap and fb:
            figures = self.figure_line(ri, base)
            indent = Segment(" " * right_text_x(column), base)
            for piece in figures.divide(fb[1:]):
                segments = fit(list(piece.render(console)), column, base)
                out.append(Strip([indent, *segments, *tail], max(width, used)))
        if self.wrap:
            out.append(Strip.blank(width, base))
        return out

    # -- mouse -----------------------------------------------------------------------------
    def _hit(self, x: int, y: int) -> tuple[int, str, int | None] | None:
        """(visible index, side, document offset or None) under widget coordinates x, y."""
        layout = self._layout
        if layout is None or not self.shown:
            return None
        line = y + self.scroll_offset.y
        x += self.scroll_offset.x
        if line >= layout.height:
            return None
        vi = bisect_right(layout.starts, line) - 1
        if vi < 0:
            return None
        right_x = right_text_x(layout.column)
        side = "left" if x < right_x - RIGHT_GUTTER else "right"
        column_x = x - (LEFT_TEXT_X if side == "left" else right_x)
        ri = self.shown[vi]
        side_text = self.side_text(ri, side)
        if not side_text.display or self.rows[ri].kind == HEADING:
            return vi, side, None
        k = line - layout.starts[vi]
        breaks = (layout.breaks.get(ri, ([0], [0], []))[0 if side == "left" else 1]
                  if self.wrap else [0])
        if k >= len(breaks):
            return vi, side, side_text.end
        start = breaks[k]
        end = breaks[k + 1] if k + 1 < len(breaks) else len(side_text.display)
        cells = 0
        index = start
        while index < end and cells + cell_width(side_text.display[index]) <= max(column_x, 0):
            cells += cell_width(side_text.display[index])
            index += 1
        if index >= len(side_text.offsets):
            return vi, side, side_text.end
        return vi, side, side_text.offsets[index]

    def on_mouse_down(self, event: events.MouseDown) -> None:
        hit = self._hit(event.x, event.y)
        if hit is None:
            return
        vi, side, offset = hit
        self.focus()
        self.cursor, self.side = vi, side
        if self.selection is not None:
            self.selection = None
            self.post_message(self.SelectionChanged(self))
        self._anchor = (side, offset) if offset is not None else None
        self._dragging = offset is not None
        if self._dragging:
            self.capture_mouse()
        self._cursor_changed()

    def on_mouse_move(self, event: events.MouseMove) -> None:
        if not self._dragging or self._anchor is None:
            return
        hit = self._hit(event.x, event.y)
        if hit is None or hit[1] != self._anchor[0] or hit[2] is None:
            return
        side, anchor = self._anchor
        offset = hit[2]
        start, end = min(anchor, offset), max(anchor, offset) + 1
        if self.selection != (side, start, end):
            self.selection = (side, start, end)
            self.restyle()
            self.post_message(self.SelectionChanged(self))

    def on_mouse_up(self, event: events.MouseUp) -> None:
        if self._dragging:
            self._dragging = False
            self.release_mouse()
            if self.selection is not None and self.selection[2] - self.selection[1] <= 1:
                self.selection = None  # a click selects the sentence, not one character
                self.restyle()
            self._anchor = None


def _index(offsets: Sequence[int], doc_offset: int) -> int:
    """Index of the first display character at or after `doc_offset`."""
    if isinstance(offsets, range):
        return min(max(doc_offset - offsets.start, 0), len(offsets))
    return bisect_left(offsets, doc_offset)


def _overlapping(spans: Iterable[tuple[int, int]], start: int, end: int) -> list[tuple[int, int]]:
    return [(a, b) for a, b in spans if a < end and b > start]
