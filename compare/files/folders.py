"""Where compare-reports keeps its own files: the user cache and config folders (platformdirs).

Every cache (the default boilerplate model, the words of classified reports, the batch parse
cache) lives below `cache_dir()`; the user's lexicon below `config_dir()`.
"""

from __future__ import annotations

from pathlib import Path

import platformdirs

APP_NAME = "compare-reports"


def cache_dir() -> Path:
    """The user cache folder of compare-reports (it need not exist yet)."""
    return Path(platformdirs.user_cache_dir(APP_NAME))


def config_dir() -> Path:
    """The user config folder of compare-reports (it need not exist yet)."""
    return Path(platformdirs.user_config_dir(APP_NAME))
