"""Moving through the comparison: section pairs, changes (`n`, `N`, `]c`, `[c`), the toggles.

Which rows a section shows and which of them are changes is decided by `compare.tui.rows`;
this part moves the pair view and the section list there, and flips the view state
(`hide`, `simplified`, wrap, the sidebar) whose watchers redraw what depends on it.
"""

from __future__ import annotations

from textual import on
from textual.timer import Timer

from compare.tui.rows import Position
from compare.tui.screens.review.base import ReviewPart
from compare.tui.widgets.pair_view import PairView
from compare.tui.widgets.section_list import SectionList

CHORD_SECONDS = 1.5


class Navigation(ReviewPart):
    _chord: str | None = None  # "]" or "[" typed, waiting for its "c"
    _chord_timer: Timer | None = None

    def _current_ids(self) -> list[tuple[str, str]] | None:
        if self.rows is None or not self.rows.diffs:
            return None
        diff = self.rows.diffs[min(self.section, len(self.rows.diffs) - 1)]
        return [(s, i) for s, i in (("left", diff.left_id), ("right", diff.right_id)) if i]

    def _section_for(self, side: str, section_id: str | None) -> int | None:
        """The section pair showing `section_id` of `side`, or the pair of its nearest parent."""
        assert self.rows is not None and self.session is not None
        doc = self.document(side)
        while section_id is not None:
            found = self.rows.section_of(side, section_id)
            if found is not None:
                return found
            try:
                section_id = doc.section(section_id).parent_id
            except KeyError:
                return None
        return None

    def _show_section(self, index: int, cursor_row: int | None = None) -> None:
        if self.rows is None or not self.rows.diffs:
            return
        index = max(0, min(index, len(self.rows.diffs) - 1))
        rows = self.rows.sections[index]
        self.pair_view.show(self.rows.diffs[index], rows, self.rows.visible(index, self.hide),
                            cursor_row)
        if self.comparison_painted:  # before, the comparison's first frame goes first
            self._fill_spans(index)
        if self.section_list.highlighted != index:
            self.section_list.highlighted = index
        if index != self.section:
            self.section = index  # its watcher redraws the status line
        else:
            self._update_status()

    @on(SectionList.OptionHighlighted, "#sections")
    def _section_highlighted(self, event: SectionList.OptionHighlighted) -> None:
        # only the reviewer's own moves in the list: the echo of `_show_section` setting the
        # highlight arrives late, and would pull the view back after quick keys (n n n)
        if not self.section_list.has_focus:
            return
        if event.option_index != self.section and self.rows is not None:
            self._show_section(event.option_index)

    @on(SectionList.OptionSelected, "#sections")
    def _section_selected(self, event: SectionList.OptionSelected) -> None:
        self._show_section(event.option_index)
        self.pair_view.focus()

    @on(PairView.CursorMoved)
    def _cursor_moved(self) -> None:
        self._update_status()

    @on(PairView.ColumnsChanged)
    def _columns_changed(self) -> None:
        self._update_columns()

    @on(PairView.SelectionChanged)
    def _selection_changed(self) -> None:
        self._update_status()

    def _still_loading(self) -> bool:
        if self.rows is None:
            self.notify("Still comparing the reports…", markup=False, timeout=2)
            return True
        return False

    def action_change(self, direction: int) -> None:
        if self._still_loading():
            return
        assert self.rows is not None
        self._resume_hide()  # moving on from the search's match
        changes = self.rows.changes(self.hide)
        if not changes:
            self.notify("No substantive changes.", markup=False)
            return
        here = (self.section, self.pair_view.cursor_row or 0)
        if direction > 0:
            after = [p for p in changes if (p.section, p.row) > here]
            target = after[0] if after else changes[0]
            wrapped = not after
        else:
            before = [p for p in changes if (p.section, p.row) < here]
            target = before[-1] if before else changes[-1]
            wrapped = not before
        if wrapped:
            self.notify("Wrapped around to the " + ("first" if direction > 0 else "last")
                        + " change.", markup=False, timeout=2)
        self._go(target)

    def _go(self, position: Position, side: str | None = None) -> None:
        if position.section != self.section:
            self._show_section(position.section, position.row)
        else:
            self.pair_view.move_to(position.row)
        if side is not None:
            self.pair_view.action_side(side)
        row = self.rows.sections[position.section][position.row] if self.rows else None
        if side is None and row is not None and row.sentence(self.pair_view.side) is None:
            self.pair_view.action_side("right" if self.pair_view.side == "left" else "left")
        self._update_status()

    def action_chord(self, prefix: str) -> None:
        self._chord = prefix
        if self._chord_timer is not None:
            self._chord_timer.stop()
        self._chord_timer = self.set_timer(CHORD_SECONDS, self._chord_expired)

    def _chord_expired(self) -> None:
        self._chord = None

    def action_chord_end(self) -> None:
        prefix, self._chord = self._chord, None
        if prefix == "]":
            self.action_change(1)
        elif prefix == "[":
            self.action_change(-1)

    def action_section(self, direction: int) -> None:
        if not self._still_loading() and self.rows is not None and self.rows.diffs:
            self._resume_hide()
            self._show_section((self.section + direction) % len(self.rows.diffs))
            self.pair_view.focus()

    def action_toggle_hide(self) -> None:
        if self.rows is None:
            return
        self.hide_suspended = False  # the reviewer's own choice from now on
        self.hide = not self.hide  # its watcher filters the rows and redraws the status line
        if self.hide and self.labels is None:
            self.notify("Boilerplate labels are still being computed: hiding unchanged "
                        "sentences for now.", markup=False, timeout=3)

    def action_toggle_script(self) -> None:
        self.simplified = not self.simplified  # its watcher redraws both reports

    def action_toggle_wrap(self) -> None:
        self.pair_view.set_wrap(not self.pair_view.wrap)
        self._update_status()

    def action_focus_sections(self) -> None:
        self.section_list.display = True
        self.section_list.focus()

    def action_toggle_sections(self) -> None:
        self.section_list.display = not self.section_list.display
        if not self.section_list.display:
            self.pair_view.focus()
