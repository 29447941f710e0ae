"""The annotations of this pair of reports, listed: jump to one, edit it, delete it.

Each entry shows the side, section, label, comment and quote; an annotation whose text could
not be found again (`orphaned`) or was found in reworded text (`fuzzy`) says so, and one the
file does not have yet says "unsaved" (or "saving…" while a save writes it).
"""

from __future__ import annotations

from typing import Callable, ClassVar

from rich.style import Style
from rich.text import Text
from textual.binding import Binding
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from compare.annotations import Annotation
from compare.parsing.cleaning import strip_controls
from compare.tui.widgets.section_list import fit

SIDE_LETTERS = {"left": "L", "right": "R", "both": "L+R"}


class AnnotationsPanel(OptionList):
    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "annotations-panel--label",
        "annotations-panel--quote",
        "annotations-panel--problem",
        "annotations-panel--dim",
    }

    DEFAULT_CSS = """
    AnnotationsPanel {
        & > .annotations-panel--label { color: $text-accent; text-style: bold; }
        & > .annotations-panel--quote { color: $text-muted; }
        & > .annotations-panel--problem { color: $text-error; text-style: bold; }
        & > .annotations-panel--dim { color: $text-muted; }
    }
    """

    BINDINGS: ClassVar[list[Binding]] = [
        Binding("e", "edit", "Edit", id="annotations.edit", tooltip="Edit label and comment"),
        Binding("d,delete", "delete", "Delete", id="annotations.delete",
                tooltip="Delete the annotation (u brings it back)"),
        Binding("u", "restore", "Undo delete", id="annotations.restore",
                tooltip="Bring back the last deleted annotation"),
        Binding("c", "confirm", "Confirm", id="annotations.confirm",
                tooltip="Accept where an annotation was moved to reworded text"),
    ]

    class Chosen(Message):
        """The reviewer wants to do `what` (jump, edit, delete, restore) with an annotation."""

        def __init__(self, what: str, annotation_id: str | None) -> None:
            super().__init__()
            self.what = what
            self.annotation_id = annotation_id

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes, markup=False)
        self._annotations: list[Annotation] = []
        self._status: Callable[[str], str | None] = lambda _: None

    def on_resize(self) -> None:
        self.populate(self._annotations, self._status)  # prompts are cut to the width

    def populate(self, annotations: list[Annotation],
                 status: Callable[[str], str | None] | None = None) -> None:
        """List `annotations`; `status(id)` is 'unsaved', 'saving' or None (the file has it)."""
        highlighted = self.highlighted
        self._annotations = list(annotations)
        self._status = status or (lambda _: None)
        width = max(self.scrollable_content_region.width - 2, 20)
        if not annotations:
            self.set_options([Option(Text("No annotations yet: put the cursor on a sentence "
                                          "and press a.", style="italic"), disabled=True)])
            return
        self.set_options([Option(self._prompt(a, width), id=a.id) for a in annotations])
        self.highlighted = min(highlighted or 0, len(annotations) - 1)

    def _prompt(self, annotation: Annotation, width: int) -> Text:
        def style(name: str) -> Style:  # colour and text style only: the highlight shows
            return self.get_component_rich_style(name, partial=True)

        line = Text(end="")
        anchors = annotation.anchors
        first = anchors.get("left") or anchors.get("right")
        line.append(f"{SIDE_LETTERS.get(annotation.side, annotation.side)} ",
                    style=style("annotations-panel--dim"))
        if first is not None and first.section:
            line.append(f"{first.section} ", style=style("annotations-panel--dim"))
        line.append(strip_controls(annotation.label) or "(no label)",
                    style=style("annotations-panel--label"))
        saving = self._status(annotation.id)
        if saving == "unsaved":
            line.append("  unsaved", style=style("annotations-panel--problem"))
        elif saving == "saving":
            line.append("  saving…", style=style("annotations-panel--dim"))
        if annotation.orphaned:
            line.append("  orphaned: text not found", style=style("annotations-panel--problem"))
        elif annotation.fuzzy:
            line.append("  moved to reworded text", style=style("annotations-panel--problem"))
        if annotation.comment:
            line.append("  ")
            line.append(fit(strip_controls(annotation.comment.replace("\n", " ")), width // 2))
        text = Text(end="")
        text.append_text(line)
        if first is not None:
            text.append("\n")
            quote = strip_controls(first.exact.replace("\n", " "))
            text.append(fit(quote, width), style=style("annotations-panel--quote"))
        return text

    def _highlighted_id(self) -> str | None:
        if self.highlighted is None or not self._annotations:
            return None
        return self.get_option_at_index(self.highlighted).id

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id is not None:
            self.post_message(self.Chosen("jump", event.option.id))

    def action_edit(self) -> None:
        if (annotation_id := self._highlighted_id()) is not None:
            self.post_message(self.Chosen("edit", annotation_id))

    def action_delete(self) -> None:
        if (annotation_id := self._highlighted_id()) is not None:
            self.post_message(self.Chosen("delete", annotation_id))

    def action_confirm(self) -> None:
        if (annotation_id := self._highlighted_id()) is not None:
            self.post_message(self.Chosen("confirm", annotation_id))

    def action_restore(self) -> None:
        self.post_message(self.Chosen("restore", None))
