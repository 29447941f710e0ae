"""Drawing for the terminal with rich (never Textual): what the `diff` command and the review app
both print the same way, such as the tables of a comparison (`grids`).

Above the core and below the app and the commands: the core never imports rich.
"""
