"""The key footer: rebuilt once per burst of binding changes, and fitted to its width.

Textual's `Footer` rebuilds all its key widgets after every change of the screen's bindings
(focus moving, a reactive declared with `bindings=True`, `refresh_bindings()`), one rebuild
queued per change. Opening a review changes them six times before the comparison is painted,
and each rebuild mounts and styles a dozen widgets: ~15 ms of the UI thread each (measured
under load with `benchmarks/review_startup.py`'s frame hooks). Here a change queues a rebuild
only when none is queued yet; the queued one reads the bindings when it runs, so the footer
shows the same keys as after the last change.

Textual's footer lays its keys out in one row and cuts what does not fit (at 80 columns the
review's footer ended in `w W`, its `q Quit` off screen). Here, when the keys with their
descriptions are wider than the footer, they take their short labels (`short`, by action:
`n Next`, `/ Find`), then keys leave the row, those named in `spare` first, then from its
right end, never an `essential` one (`?` for every key, escape back, quit): what the row
shows is never cut inside a label, and every key stays a `?` away (the help lists them all,
as Textual apps' key panel does). A change of width rebuilds the row.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from rich.cells import cell_len
from textual import events
from textual.app import ComposeResult
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Footer


def _is_key(item: Widget) -> bool:
    """A key of the footer (Textual's `FooterKey`, which the package does not export)."""
    return hasattr(item, "key_display") and hasattr(item, "action")


def row_width(items: Iterable[Widget]) -> int:
    """Columns a compact footer row takes: each key, a space and its description, then the
    one column of margin after each key (Textual's compact footer CSS)."""
    width = 0
    for item in items:
        if _is_key(item):
            description = getattr(item, "description", "")
            width += cell_len(getattr(item, "key_display", "")) + 1
            width += cell_len(description) + 1 if description else 0
        else:  # a group's label, which the footer lays out as wide as its text
            width += cell_len(str(getattr(item, "content", ""))) + 1
    return width


class KeysFooter(Footer):
    """`Footer` that coalesces the rebuilds queued by several binding changes into one, and
    fits its row to its width (see the module). `short`: action → short label; `spare`:
    actions left out first when the row is too wide; `essential`: actions never left out."""

    _rebuild_queued = False

    def __init__(self, *, compact: bool = False, short: Mapping[str, str] | None = None,
                 spare: tuple[str, ...] = (), essential: frozenset[str] = frozenset()) -> None:
        super().__init__(compact=compact)
        self.short = dict(short or {})
        self.spare = spare
        self.essential = essential
        self._built_for = 0  # the width the row was fitted to (0: not built yet)

    def compose(self) -> ComposeResult:
        items = list(super().compose())
        width = self.size.width or self.screen.size.width or self.app.size.width
        self._built_for = width if items else 0
        if row_width(items) > width:
            keys = [item for item in items if _is_key(item)]
            for key in keys:
                if getattr(key, "description", ""):
                    key.description = self.short.get(key.action, key.description)  # type: ignore[attr-defined]
            spare = {action: n for n, action in enumerate(self.spare)}
            order = sorted(
                (key for key in keys if getattr(key, "action", "") not in self.essential),
                key=lambda key: (spare.get(getattr(key, "action", ""), len(spare)), -items.index(key)))
            for item in order:
                if row_width(items) <= width:
                    break
                items.remove(item)
        yield from items

    def bindings_changed(self, screen: Screen) -> None:
        self._bindings_ready = True
        if not screen.app.app_focus:
            return
        self._queue_rebuild(screen)

    def on_resize(self, event: events.Resize) -> None:
        if self._built_for and event.size.width != self._built_for:
            self._queue_rebuild(self.screen)

    def _queue_rebuild(self, screen: Screen) -> None:
        if self.is_attached and screen is self.screen and not self._rebuild_queued:
            self._rebuild_queued = True
            self.call_after_refresh(self._rebuild)

    async def _rebuild(self) -> None:
        self._rebuild_queued = False  # a change from now on queues another rebuild
        await self.recompose()
