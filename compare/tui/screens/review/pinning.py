"""Pins: the reviewer pins a section to a section of the other report (`p`, `P`), or pairs
two sentences by hand (`m` on one report's sentence, then on the other's; `M` unpairs), and
the reports are aligned again around the pins (in the loading part's worker).

Pins are kept in the annotation file beside the annotations, one per left section; sentence
pins under `sentence_pins`, one per sentence.
"""

from __future__ import annotations

from compare.parsing.cleaning import strip_controls
from compare.parsing.document import Sentence
from compare.tui.rows import heading_of
from compare.tui.screens.pin import PinScreen
from compare.tui.screens.review.base import ReviewPart
from compare.tui.widgets.section_list import fit


class Pinning(ReviewPart):
    _pairing: tuple[str, str] | None = None  # (side, sentence id) waiting for its partner

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

    # -- sentence pins -------------------------------------------------------------------------
    def action_pair_sentence(self) -> None:
        """First press: remember the sentence under the cursor; second press, on a sentence
        of the other report: pin the two together (saved beside the section pins), re-align."""
        sentence = self._sentence_here()
        if sentence is None or self.session is None:
            return
        side = self.pair_view.side
        if self._pairing is None or self._pairing[0] == side:
            self._pairing = (side, sentence.id)
            other = "right" if side == "left" else "left"
            self.notify(f"Pairing {side} {sentence.id}: now press m on a sentence of the {other} report.",
                        markup=False, timeout=5)
            return
        first_side, first_id = self._pairing
        self._pairing = None
        left_id, right_id = (first_id, sentence.id) if first_side == "left" else (sentence.id, first_id)
        store = self.session.store
        self._store_call(store.unpin_sentences, left_id, None)  # one pairing per sentence
        self._store_call(store.unpin_sentences, None, right_id)
        self._store_call(store.pin_sentences, left_id, right_id)
        self.notify(f"Paired left {left_id} with right {right_id}; re-aligning…", markup=False, timeout=3)
        self._busy("Re-aligning around the pins…")
        self._realign()

    def _sentence_here(self) -> Sentence | None:
        """The sentence under the cursor, or None (and a word to the reviewer)."""
        if self.session is None:
            return None
        sentence = self.pair_view.current_sentence()
        if sentence is None:
            self.notify("Put the cursor on a sentence first.", markup=False)
        return sentence

    def action_unpair_sentence(self) -> None:
        sentence = self._sentence_here()
        if sentence is None or self.session is None:
            return
        side = self.pair_view.side
        pinned = {p[0] if side == "left" else p[1] for p in self.session.store.sentence_pins}
        if sentence.id not in pinned:
            self.notify("This sentence is not paired by hand.", markup=False)
            return
        ids = (sentence.id, None) if side == "left" else (None, sentence.id)
        self._store_call(self.session.store.unpin_sentences, *ids)
        self.notify("Unpaired; re-aligning…", markup=False, timeout=3)
        self._busy("Re-aligning around the pins…")
        self._realign()
