"""Shared test fixtures: the bundled corpus and the seed reports beside the project."""

from __future__ import annotations

import atexit
import os
import shutil
import tempfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
SHARED = ROOT.parent / "shared"
SEEDS = [
    "suzhou-wuzhong-water-2024",
    "guangzhou-tianhe-water-2022",
    "jurong-huangmei-2021",
    "tianjin-tanggu-2024",
    "wuzhi-urban-management-2024",
]
PROVINCES = sorted(p.stem for p in CORPUS.glob("*-2026.txt"))

# Caches (parse cache, manifests, jieba's dictionary, the boilerplate model) go to a folder of
# the test run, never the user's: a run left 65 manifest files in ~/.cache/compare-reports.
# Set at import, before any test, so CLI runs in subprocesses inherit it.
_CACHE = Path(tempfile.mkdtemp(prefix="compare-reports-test-cache-"))
atexit.register(shutil.rmtree, _CACHE, True)
os.environ["XDG_CACHE_HOME"] = str(_CACHE)



@pytest.fixture(autouse=True)
def _own_config_dir(tmp_path_factory, monkeypatch):
    """Recent folders and other user settings go to a folder of the test run, not the user's."""
    monkeypatch.setenv("COMPARE_REPORTS_CONFIG", str(tmp_path_factory.mktemp("config")))
