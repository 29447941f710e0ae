"""What every part of the review screen shares: the session, the rows, the view state.

The state the status line shows (`section`, `hide`, `simplified`) is reactive (`var`: no
repaint of its own); its watchers bring the pair view, the section list and the status line
up to date.
"""

from __future__ import annotations

from typing import Callable

from rich.cells import cell_len
from rich.text import Text
from textual.reactive import var
from textual.screen import Screen

from compare.annotations import AnnotationStore
from compare.boilerplate import SentenceLabel
from compare.boilerplate.model import History
from compare.parsing.cleaning import strip_controls
from compare.parsing.document import Document, Sentence
from compare.tui.rows import Position, ReviewRows, relation_label
from compare.tui.search import Hit
from compare.tui.session import Session
from compare.tui.widgets.annotations_panel import AnnotationsPanel
from compare.tui.widgets.line import Line
from compare.tui.widgets.pair_view import LEFT_TEXT_X, PairView, right_text_x
from compare.tui.widgets.section_list import SectionList, fit

Labels = dict[str, dict[int, SentenceLabel]]  # side → sentence start → its boilerplate label


def document_label(doc: Document) -> str:
    """How the app names a report: agency, year, kind (or its title, or its file)."""
    parts = [doc.agency, str(doc.year) if doc.year else "", doc.kind]
    label = " ".join(p for p in parts if p) or doc.title or doc.stem
    return strip_controls(label)


class ReviewPart(Screen[None]):
    """The review screen's shared state; each part of the screen extends it."""

    section: var[int] = var(0, init=False)  # index of the section pair shown
    hide: var[bool] = var(False, init=False)  # boilerplate and unchanged sentences hidden
    simplified: var[bool] = var(False, init=False)  # both reports in simplified characters

    def __init__(self, left_path: str, right_path: str, annotations: str | None = None,
                 reviewer: str | None = None, at: tuple[str, int] | None = None) -> None:
        super().__init__()
        self.open_at = at  # (side, offset of a sentence) the review opens at, else its top
        self.left_path = left_path
        self.right_path = right_path
        self.annotations_path = annotations
        self.reviewer = reviewer
        self.session: Session | None = None
        self.rows: ReviewRows | None = None
        self.labels: Labels | None = None
        # the comparison's first frame is on screen: the work it does not show (word
        # highlights, boilerplate labels) starts only then (`Loading._comparison_painted`)
        self.comparison_painted = False
        self.search_query = ""
        self.hits: list[Hit] = []
        self.hit_positions: list[tuple[Position, Hit]] = []
        self.hit_index = -1
        # hiding (i) turned off by the search to show a match in hidden text: it comes back
        # when the search ends (escape) or the reviewer moves on (n, tab)
        self.hide_suspended = False

    @property
    def pair_view(self) -> PairView:
        return self.query_one(PairView)

    @property
    def section_list(self) -> SectionList:
        return self.query_one(SectionList)

    @property
    def panel(self) -> AnnotationsPanel:
        return self.query_one(AnnotationsPanel)

    def document(self, side: str) -> Document:
        assert self.session is not None
        return self.session.left if side == "left" else self.session.right

    def _is_boilerplate(self, side: str, sentence: Sentence) -> bool:
        if self.labels is None:
            return False
        label = self.labels[side].get(sentence.start)
        return bool(label is not None and label.is_boilerplate)

    def _since_last_year(self, sentence: Sentence) -> History | None:
        """The later report's sentence against last year's (None until labelled)."""
        if self.labels is None:
            return None
        label = self.labels["right"].get(sentence.start)
        return None if label is None else label.since_last_year

    # -- the status line and the column names ----------------------------------------------
    def watch_section(self) -> None:
        self._update_status()

    def watch_hide(self, hide: bool) -> None:
        if self.rows is not None:
            self.pair_view.set_filter(self.rows.visible(self.section, hide))
        self.section_list.update_state(hide_boilerplate=hide)
        self._update_status()

    def watch_simplified(self, simplified: bool) -> None:
        self.pair_view.set_simplified(simplified)
        self.section_list.update_state(simplified=simplified)
        self._update_status()

    def _update_columns(self) -> None:
        """The report names above each column of the pair view."""
        layout = self.pair_view.layout
        if self.session is None or layout is None:
            return
        column = layout.column
        line = Text(" " * LEFT_TEXT_X, end="")
        left = fit(document_label(self.session.left), column)
        line.append(left, style="bold")
        line.append(" " * (right_text_x(column) - LEFT_TEXT_X - cell_len(left)))
        line.append(fit(document_label(self.session.right), column), style="bold")
        self.query_one("#columns", Line).update(line)

    def _update_status(self) -> None:
        if self.rows is None or self.session is None:
            return
        diff = self.rows.diffs[self.section]
        text = Text(end="")
        text.append(f"section {self.section + 1}/{len(self.rows.diffs)}  ", style="bold")
        text.append(relation_label(diff.relation))
        if diff.left_id and diff.right_id:
            text.append(f" {diff.score:.2f}")
        if (diff.left_id, diff.right_id) in set(self.session.store.pins):
            text.append("  pinned", style="bold")
        total = len(self.rows.changes(self.hide))
        number = self.rows.change_number(Position(self.section, self.pair_view.cursor_row or 0),
                                         self.hide)
        text.append(" │ ")
        if number is not None:
            text.append(f"change {number}/{total}", style="bold")
        else:
            text.append(f"change -/{total}")
        modes = []  # what the reviewer just did first: a narrow status line cuts the end
        if self.search_query:
            at = f"{self.hit_index + 1}/" if self.hit_index >= 0 else ""
            modes.append(f"search {strip_controls(self.search_query)!r}: {at}{len(self.hits)}")
        if self.pair_view.selection is not None:
            side, start, end = self.pair_view.selection
            modes.append(f"selected {end - start} chars ({side})")
        if self.hide_suspended:
            modes.append("hiding off for the search (esc: back on)")
        elif self.hide:
            modes.append("substantive only (i)")  # fits 100 columns
        elif self.labels is None:
            modes.append("labelling boilerplate…")
        if self.simplified:
            modes.append("simplified")
        if not self.pair_view.wrap:
            modes.append("no wrap")
        if modes:
            text.append(" │ " + " · ".join(modes))
        self.query_one("#status", Line).update(text)

    # -- provided by the other parts of the screen -----------------------------------------
    def _current_ids(self) -> list[tuple[str, str]] | None:
        raise NotImplementedError  # navigation

    def _section_for(self, side: str, section_id: str | None) -> int | None:
        raise NotImplementedError  # navigation

    def _show_section(self, index: int, cursor_row: int | None = None) -> None:
        raise NotImplementedError  # navigation

    def _go(self, position: Position, side: str | None = None) -> None:
        raise NotImplementedError  # navigation

    def action_toggle_hide(self) -> None:
        raise NotImplementedError  # navigation

    def _run_search(self, query: str) -> None:
        raise NotImplementedError  # searching

    def _resume_hide(self) -> None:
        raise NotImplementedError  # searching

    def _refresh_annotations(self) -> None:
        raise NotImplementedError  # annotating

    def _store_call(self, method: Callable[..., object], *args: object, **kwargs: object) -> None:
        raise NotImplementedError  # annotating

    def _prepare_saves(self, store: AnnotationStore) -> object:
        raise NotImplementedError  # annotating

    def _busy(self, message: str) -> None:
        raise NotImplementedError  # loading

    def _fill_spans(self, index: int) -> object:
        raise NotImplementedError  # loading

    def _realign(self) -> object:
        raise NotImplementedError  # loading
