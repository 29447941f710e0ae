"""Pins: the reviewer pins a section to a section of the other report (`p`, `P`), and the
reports are aligned again around the pins (in the loading part's worker).

Pins are kept in the annotation file beside the annotations, one per left section.
"""

from __future__ import annotations

from compare.parsing.cleaning import strip_controls
from compare.tui.rows import heading_of
from compare.tui.screens.pin import PinScreen
from compare.tui.screens.review.base import ReviewPart
from compare.tui.widgets.section_list import fit


class Pinning(ReviewPart):
    def action_pin(self) -> None:
        if self.rows is None or self.session is None:
            return
        diff = self.rows.diffs[self.section]
        if diff.left_id is not None:
            left_id = diff.left_id
            title = heading_of(self.session.left, left_id)
            heading = f"Pin left {fit(strip_controls(title), 40)} to…"

            def done(right_id: str | None) -> None:
                if right_id is not None:
                    self._pin(left_id, right_id)

            self.app.push_screen(PinScreen(heading, self.session.right, diff.right_id), done)
        else:
            right_id = diff.right_id
            assert right_id is not None
            title = heading_of(self.session.right, right_id)
            heading = f"Pin right {fit(strip_controls(title), 40)} to the left section…"

            def done_left(left_id: str | None) -> None:
                if left_id is not None:
                    self._pin(left_id, right_id)

            self.app.push_screen(PinScreen(heading, self.session.left, None), done_left)

    def _pin(self, left_id: str, right_id: str) -> None:
        assert self.session is not None
        store = self.session.store
        for pinned_left, pinned_right in store.pins:  # one pin per left section
            if pinned_left == left_id and pinned_right != right_id:
                self._store_call(store.unpin, left_id, pinned_right)
        self._store_call(store.pin, left_id, right_id)
        self.notify(f"Pinned left {left_id} to right {right_id}; re-aligning…", markup=False,
                    timeout=3)
        self._busy("Re-aligning around the pins…")
        self._realign()

    def action_unpin(self) -> None:
        if self.rows is None or self.session is None:
            return
        diff = self.rows.diffs[self.section]
        pinned = set(self.session.store.pins)
        if diff.left_id is None or (diff.left_id, diff.right_id) not in pinned:
            self.notify("This section pair is not pinned.", markup=False)
            return
        self._store_call(self.session.store.unpin, diff.left_id, diff.right_id)
        self.notify("Unpinned; re-aligning…", markup=False, timeout=3)
        self._busy("Re-aligning around the pins…")
        self._realign()
