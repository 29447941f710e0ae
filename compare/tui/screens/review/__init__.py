"""The review screen: aligned sections on the left, the selected pair side by side.

The screen is one `Screen` built from parts, each in its own module, each a `ReviewPart`
(the shared state in `base`):

- `loading`: thread workers that parse, compare, compute word spans and label; they hand
  their results back as `Loading.*` messages;
- `navigation`: sections, changes (`n`, `]c`), the hide/script/wrap toggles;
- `searching`: `/`, matches in both reports, `.` and `,`;
- `annotating`: annotate, the annotations panel, jump, edit, delete, restore;
- `pinning`: pin and unpin section pairs, re-aligning around them;
- `screen`: the layout, the keys, help and legend: `ReviewScreen`.

State the status line shows (`section`, `hide`, `simplified`) is reactive: changing it
redraws the status line.
"""

from __future__ import annotations

from compare.tui.screens.review.base import document_label
from compare.tui.screens.review.screen import ReviewScreen

__all__ = ["ReviewScreen", "document_label"]
