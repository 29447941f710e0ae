"""Search in both reports (`/`), matches highlighted, `.` and `,` from match to match.

A match in text that `i` hides turns hiding off (the status line says so) until the search
ends: escape, or moving on to the next change or section, turns it back on.

What matches is decided by `compare.tui.search` (either script, across line breaks); this
part keeps the query and where its matches sit among the review rows.
"""

from __future__ import annotations

from textual import on
from textual.widgets import Input

from compare.tui.rows import Position
from compare.tui.screens.review.base import ReviewPart
from compare.tui.search import search


class Searching(ReviewPart):
    def action_search(self) -> None:
        bar = self.query_one("#search", Input)
        bar.display = True
        bar.value = self.search_query
        self.set_focus(bar)  # at once: `focus()` waits a turn, and typed keys would miss it

    @on(Input.Changed, "#search")
    def _search_typed(self, event: Input.Changed) -> None:
        self._run_search(event.value)

    @on(Input.Submitted, "#search")
    def _search_submitted(self, event: Input.Submitted) -> None:
        bar = self.query_one("#search", Input)
        bar.display = False
        self.pair_view.focus()
        if event.value != self.search_query:
            self._run_search(event.value)
        if self.hits:
            self.hit_index = -1
            self.action_match(1)
        elif self.search_query:
            self.notify(f"Not found in either report: {self.search_query}", markup=False)

    def _run_search(self, query: str) -> None:
        if self.session is None or self.rows is None:
            return
        self.search_query = query
        self.hits = search(self.session.left, self.session.right, query) if query.strip() else []
        positions = []
        for hit in self.hits:
            position = self.rows.locate(hit.side, hit.start)
            if position is None:  # in a heading: the heading row of its section
                section = self.document(hit.side).section_at(hit.start)
                found = self._section_for(hit.side, section.id) if section else None
                if found is None:
                    continue
                position = Position(found, 0)
            positions.append((position, hit))
        positions.sort(key=lambda ph: (ph[0].section, ph[0].row, ph[1].side != "left",
                                       ph[1].start))
        self.hit_positions = positions
        self.hit_index = -1
        self.pair_view.set_hits({
            side: [(h.start, h.end) for h in self.hits if h.side == side]
            for side in ("left", "right")
        })
        self.refresh_bindings()
        self._update_status()

    def _clear_search(self) -> None:
        self._resume_hide()
        self.search_query = ""
        self.hits = []
        self.hit_positions = []
        self.hit_index = -1
        self.pair_view.set_hits({"left": [], "right": []})
        self.refresh_bindings()
        self._update_status()

    def action_match(self, direction: int) -> None:
        if not self.hit_positions or self.rows is None:
            return
        n = len(self.hit_positions)
        here = (self.section, self.pair_view.cursor_row or 0)
        if 0 <= self.hit_index < n and (self.hit_positions[self.hit_index][0].section,
                                        self.hit_positions[self.hit_index][0].row) == here:
            index = (self.hit_index + direction) % n
        elif direction > 0:
            index = next((i for i, (p, _) in enumerate(self.hit_positions)
                          if (p.section, p.row) >= here), 0)
        else:
            index = next((i for i in range(n - 1, -1, -1)
                          if (self.hit_positions[i][0].section,
                              self.hit_positions[i][0].row) < here), n - 1)
        self.hit_index = index
        position, hit = self.hit_positions[index]
        if self.hide and position.row not in self.rows.visible(position.section, True):
            self.hide = False  # a match in hidden text: show everything while searching
            self.hide_suspended = True
            # also said in a notification: a narrow status line cuts its end
            self.notify("This match is in hidden text: hiding is off until the search ends "
                        "(escape, n or tab).", markup=False, timeout=4)
        self._go(position, hit.side)

    def _resume_hide(self) -> None:
        """Hide again what the search showed (when it was the search that showed it)."""
        if self.hide_suspended:
            self.hide_suspended = False
            self.hide = True  # its watcher filters the rows and redraws the status line
