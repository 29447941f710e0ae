"""The key footer, rebuilt once per burst of binding changes.

Textual's `Footer` rebuilds all its key widgets after every change of the screen's bindings
(focus moving, a reactive declared with `bindings=True`, `refresh_bindings()`), one rebuild
queued per change. Opening a review changes them six times before the comparison is painted,
and each rebuild mounts and styles a dozen widgets: ~15 ms of the UI thread each (measured
under load with `benchmarks/review_startup.py`'s frame hooks). Here a change queues a rebuild
only when none is queued yet; the queued one reads the bindings when it runs, so the footer
shows the same keys as after the last change.
"""

from __future__ import annotations

from textual.screen import Screen
from textual.widgets import Footer


class KeysFooter(Footer):
    """`Footer` that coalesces the rebuilds queued by several binding changes into one."""

    _rebuild_queued = False

    def bindings_changed(self, screen: Screen) -> None:
        self._bindings_ready = True
        if not screen.app.app_focus:
            return
        if self.is_attached and screen is self.screen and not self._rebuild_queued:
            self._rebuild_queued = True
            self.call_after_refresh(self._rebuild)

    async def _rebuild(self) -> None:
        self._rebuild_queued = False  # a change from now on queues another rebuild
        await self.recompose()
