"""The annotation dialog: narrow the quote, pick or type a label, write a comment.

The quote sits in a read-only `TextArea`, all selected: shift+arrows or the mouse narrow it
to the span that matters. Labels come from a configurable list (any label may be typed);
the comment is free text. Saving hands back what the store needs; the screen that opened
the dialog calls the store, which writes the file at once.

Focus order (tab): quote, label, comment, the both-sides box, the buttons. The label list is
not a tab stop: down-arrow from the label box enters it, and while it has focus its border is
lit and says that typing there types a new label (those keys go to the label box). So text
typed after one tab from the label lands in the comment, as the field headers say, and so do
characters typed on the both-sides box or a button (they would go nowhere). The
both-sides box shows X only when it is on, and says on or off. An annotation needs a label or
a comment: saving with both empty is refused with a notice in the dialog. The fields scroll
inside the dialog and the buttons stay at its bottom, so Save and Cancel are on screen at
80×24.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.suggester import SuggestFromList
from textual.widget import Widget
from textual.widgets import Button, Checkbox, Input, Label, OptionList, TextArea
from textual.widgets.option_list import Option
from rich.text import Text


@dataclass(frozen=True)
class AnnotationEdit:
    """What the reviewer decided: a new or changed annotation, or its deletion."""

    label: str
    comment: str
    start: int  # document offsets of the (possibly narrowed) quote
    end: int
    delete: bool = False
    both: bool = False  # also annotate the other report's sentence (one annotation, side "both")


EMPTY_NOTICE = "Type a label or a comment first: an empty annotation is not saved."


LIST_TITLE = "↑↓ enter: choose · typing here: a new label"


class LabelChoices(OptionList):
    """The offered labels (reached with down-arrow from the label box, not with tab). A
    printable key typed here goes to the label box (`#label`), as the list's border says
    while it has focus, so nothing typed is lost."""

    def on_focus(self) -> None:
        self.border_title = LIST_TITLE

    def on_blur(self) -> None:
        self.border_title = ""

    def on_key(self, event: events.Key) -> None:
        if not event.is_printable or event.character is None:
            return
        event.stop()
        event.prevent_default()
        box = self.screen.query_one("#label", Input)
        box.focus()
        box.insert_text_at_cursor(event.character)


class BothSides(Checkbox):
    """The both-sides box: X only when on (Textual's box always draws its X, only dimmer
    when off), and its label says on or off."""

    def __init__(self, other: str, **kwargs: object) -> None:
        self.other = other
        super().__init__(self._text(False), **kwargs)  # type: ignore[arg-type]
        self.BUTTON_INNER = " "

    @staticmethod
    def _shown(other: str, on: bool) -> str:
        return f"Both sides {'ON' if on else 'off'}: also「{other}」(ctrl+b)"

    def _text(self, on: bool) -> str:
        return self._shown(self.other, on)

    def watch_value(self) -> None:
        self.BUTTON_INNER = "X" if self.value else " "
        self.label = self._text(self.value)
        super().watch_value()


class AnnotateScreen(ModalScreen[AnnotationEdit | None]):
    BINDINGS: ClassVar[list[Binding]] = [
        Binding("ctrl+s", "save", "Save", id="annotate.save", tooltip="Save the annotation"),
        Binding("escape", "cancel", "Cancel", id="annotate.cancel",
                tooltip="Close without saving"),
        # priority: the field changes as the app reads the tab, so keys typed right after it
        # (a burst from a fast typist or a paste) land in the next field, not this one
        Binding("tab", "field(1)", "Next field", show=False, priority=True, id="annotate.next"),
        Binding("shift+tab", "field(-1)", "Previous field", show=False, priority=True,
                id="annotate.previous"),
        Binding("ctrl+b", "both", "Both sides", id="annotate.both", priority=True,
                tooltip="Annotate the other report's sentence too (one annotation on both sides)"),
    ]

    DEFAULT_CSS = """
    AnnotateScreen { align: center middle; }
    AnnotateScreen > Vertical {
        width: 90; max-width: 95%; height: auto; max-height: 100%;
        border: round $accent; background: $panel; padding: 0 1;
    }
    /* the fields scroll; the buttons (docked) stay visible however small the terminal */
    AnnotateScreen #fields { height: auto; max-height: 100%; scrollbar-size-vertical: 1; }
    AnnotateScreen Label { color: $text-muted; margin-top: 1; }
    AnnotateScreen #notice { color: $text-error; margin-top: 0; display: none; }
    AnnotateScreen #notice.shown { display: block; }
    AnnotateScreen #quote { height: 6; }
    AnnotateScreen #labels { height: 6; border: none; }
    AnnotateScreen #labels:focus { border: round $accent; height: 8; }
    AnnotateScreen #comment { height: 5; }
    AnnotateScreen #both { margin-top: 1; width: 100%; height: 1; border: none; padding: 0; }
    AnnotateScreen #buttons {
        dock: bottom; height: auto; margin-top: 1; align-horizontal: right;
    }
    AnnotateScreen Button { margin-left: 1; }
    """

    def __init__(
        self,
        *,
        heading: str,
        quote: str,
        start: int,
        labels: list[str],
        label: str = "",
        comment: str = "",
        editing: bool = False,
        other: str | None = None,
    ) -> None:
        super().__init__()
        self.heading = heading
        self.quote = quote
        self.start = start
        self.labels = labels
        self.initial_label = label
        self.initial_comment = comment
        self.editing = editing
        self.other = other  # the other report's sentence in this row, when it has one

    def compose(self) -> ComposeResult:
        box = Vertical()
        box.border_title = self.heading
        box.border_subtitle = "tab next field · ctrl+s save · escape cancel"
        with box:
            with VerticalScroll(id="fields", can_focus=False):
                yield from self._fields()
            with Horizontal(id="buttons"):  # docked at the bottom: always on screen
                if self.editing:
                    yield Button("Delete", id="delete", variant="error")
                yield Button("Cancel", id="cancel")
                yield Button("Save", id="save", variant="primary")

    def _fields(self) -> ComposeResult:
        yield Label(
            "Quote (the annotated span is what is selected: shift+arrows or the mouse "
            "narrow it)" if not self.editing else "Quote"
        )
        yield TextArea(self.quote, id="quote", read_only=True, soft_wrap=True)
        yield Label("Label (type your own, or ↓ to choose from the list below)")
        yield Input(
            self.initial_label,
            placeholder="label",
            id="label",
            select_on_focus=False,  # keeps a key typed in the list (LabelChoices)
            suggester=SuggestFromList(self.labels, case_sensitive=False),
        )
        yield Label(EMPTY_NOTICE, id="notice", markup=False)
        yield LabelChoices(*[Option(Text(x), id=None) for x in self.labels], id="labels",
                           markup=False)
        yield Label("Comment (enter or tab from the label)")
        yield TextArea(self.initial_comment, id="comment", soft_wrap=True)
        if self.other is not None:
            yield BothSides(self.other, id="both")

    def on_mount(self) -> None:
        quote = self.query_one("#quote", TextArea)
        quote.select_all()
        if self.editing:
            self.query_one("#comment", TextArea).focus()
        else:
            self.query_one("#label", Input).focus()

    @on(OptionList.OptionSelected, "#labels")
    def _pick(self, event: OptionList.OptionSelected) -> None:
        self.query_one("#label", Input).value = str(event.option.prompt)
        self.query_one("#comment", TextArea).focus()

    @on(Input.Submitted, "#label")
    def _label_done(self) -> None:
        if self._empty():
            self._refuse()
            return
        self.query_one("#comment", TextArea).focus()

    def action_field(self, direction: int) -> None:
        if direction > 0:
            self.focus_next()
        else:
            self.focus_previous()

    def focus_next(self, selector: str | type[Widget] = "*") -> Widget | None:
        """Tab from the label box (or the label list) goes to the comment: the label list
        is not a tab stop."""
        if self.focused in (self.query_one("#label", Input), self.query_one("#labels", OptionList)):
            self.set_focus(self.query_one("#comment", TextArea))
            return self.focused
        return super().focus_next(selector)

    def focus_previous(self, selector: str | type[Widget] = "*") -> Widget | None:
        """Shift+tab from the comment goes back to the label box."""
        if self.focused is self.query_one("#comment", TextArea):
            self.set_focus(self.query_one("#label", Input))
            return self.focused
        return super().focus_previous(selector)

    def on_key(self, event: events.Key) -> None:
        """A character typed while a button or the both-sides box has focus goes to the end
        of the comment (a user pressed tab once more after choosing a label, and what they
        typed went nowhere); space keeps pressing the button or ticking the box."""
        if (
            isinstance(self.focused, (Button, Checkbox))
            and event.is_printable and event.character and event.character != " "
        ):
            event.stop()
            comment = self.query_one("#comment", TextArea)
            comment.focus()
            comment.move_cursor(comment.document.end)
            comment.insert(event.character)

    def key_down(self, event: events.Key) -> None:
        """Down-arrow in the label box enters the list of labels."""
        if self.focused is self.query_one("#label", Input):
            event.stop()
            self.query_one("#labels", OptionList).focus()

    @on(Input.Changed, "#label")
    @on(TextArea.Changed, "#comment")
    def _typed(self) -> None:
        self.query_one("#notice", Label).remove_class("shown")

    def _empty(self) -> bool:
        return not (self.query_one("#label", Input).value.strip()
                    or self.query_one("#comment", TextArea).text.strip())

    def _refuse(self) -> None:
        """Say in the dialog that an empty annotation is not saved; focus the label box."""
        notice = self.query_one("#notice", Label)
        notice.add_class("shown")
        label = self.query_one("#label", Input)
        label.focus()
        label.scroll_visible()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "both":
            return self.other is not None
        return True

    def action_both(self) -> None:
        box = self.query_one("#both", Checkbox)
        box.value = not box.value

    @on(Button.Pressed, "#save")
    def action_save(self) -> None:
        if self._empty():
            self._refuse()
            return
        quote = self.query_one("#quote", TextArea)
        a, b = sorted((quote.selection.start, quote.selection.end))
        lo = quote.document.get_index_from_location(a)
        hi = quote.document.get_index_from_location(b)
        if hi <= lo:  # nothing selected: the whole quote
            lo, hi = 0, len(self.quote)
        self.dismiss(
            AnnotationEdit(
                label=self.query_one("#label", Input).value.strip(),
                comment=self.query_one("#comment", TextArea).text.strip(),
                start=self.start + lo,
                end=self.start + hi,
                both=self.other is not None and self.query_one("#both", Checkbox).value,
            )
        )

    @on(Button.Pressed, "#delete")
    def _delete(self) -> None:
        self.dismiss(AnnotationEdit("", "", self.start, self.start + len(self.quote), delete=True))

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)
