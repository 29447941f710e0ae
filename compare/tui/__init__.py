"""The review app: two reports side by side in the terminal (Textual).

`compare.tui.app.ReviewApp` is the one `App`; `screens/` holds the picker, the review screen
and its modal dialogs, `widgets/` the section list, the pair view and the annotations panel.
The pure parts — which rows show, which changes `n` visits, search, line breaks, the session
(parse, compare, annotation store) — live in `rows`, `search`, `wrap` and `session`, without
Textual, and are what the screens call from thread workers.
"""
