"""Long terminal output through a pager, as git does.

On a terminal, text goes to `$PAGER` (default `less`) with `LESS=FRX` unless the user set
`LESS` (quit if one screen, raw colour codes, keep the screen). Never when stdout is not a
terminal, when `PAGER` is empty or `cat`, or when the pager cannot be started.
"""

from __future__ import annotations

import os
import shlex
import subprocess
import sys


def pager_command() -> list[str] | None:
    """The pager to run, or None for no pager."""
    if not sys.stdout.isatty():
        return None
    value = os.environ.get("PAGER", "less")
    if not value.strip() or value.strip() == "cat":
        return None
    try:
        return shlex.split(value)
    except ValueError:
        return None


def page(text: str) -> None:
    """Show `text` through the pager on a terminal, else write it to stdout."""
    command = pager_command()
    if command is None:
        sys.stdout.write(text)
        sys.stdout.flush()
        return
    env = dict(os.environ)
    env.setdefault("LESS", "FRX")
    env.setdefault("LV", "-c")
    try:
        proc = subprocess.Popen(command, stdin=subprocess.PIPE, env=env)
    except OSError:
        sys.stdout.write(text)
        return
    assert proc.stdin is not None
    try:
        proc.stdin.write(text.encode("utf-8"))
        proc.stdin.close()
    except BrokenPipeError:
        pass  # the reader quit the pager early
    try:
        proc.wait()
    except KeyboardInterrupt:
        proc.wait()
