"""Fingerprints of the code that computed a cached result.

Every cache of compare-reports (parsed records, pair summaries, series observations, word
measures, side-by-side pages, the default boilerplate model) is keyed by the modules that
computed it, so a result is never read back by other code: after an upgrade, or from another
checkout sharing the user cache (two worktrees of one repository on one machine rebuilt the
default model in turn and read each other's).
"""

from __future__ import annotations

import hashlib
from functools import lru_cache
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent  # the `compare` package


@lru_cache(maxsize=64)
def source_fingerprint(parts: tuple[str, ...], salt: str = "", root: Path = PACKAGE) -> str:
    """16 hex characters of sha256 over `salt`, then, for each of `parts` (paths relative to
    `root`: a module, "parsing/cleaning.py", or a package folder, "boilerplate", whose modules
    are read recursively), each module's relative path and bytes; a module that is missing
    hashes as absent. Read once per process (the code does not change under a running one)."""
    h = hashlib.sha256(salt.encode("utf-8"))
    for part in parts:
        path = root / part
        modules = sorted(path.rglob("*.py")) if path.is_dir() else [path]
        for module in modules:
            h.update(module.relative_to(root).as_posix().encode("utf-8") + b"\0")
            h.update(module.read_bytes() if module.is_file() else b"-")
    return h.hexdigest()[:16]
