"""Fixtures for the boilerplate tests: the model of the bundled corpus, built once per test run
into a temporary cache (never the user's), and helpers to find sentences in real reports."""

from __future__ import annotations

import atexit
import os
import shutil
import tempfile
from pathlib import Path

import pytest

from .conftest import CORPUS


_HOME: Path | None = None


def _shared_home() -> Path:
    """One temporary cache folder per test process, removed at exit."""
    global _HOME
    if _HOME is None:
        _HOME = Path(tempfile.mkdtemp(prefix="compare-reports-cache-"))
        atexit.register(shutil.rmtree, _HOME, True)
    return _HOME


@pytest.fixture(scope="module")
def cache_home():
    """XDG_CACHE_HOME pointing at the shared temporary folder (CLI runs inherit it).

    Every module that imports these fixtures sees the same folder, so the model of the
    bundled corpus is built once per test run, not once per module.
    """
    home = _shared_home()
    old = os.environ.get("XDG_CACHE_HOME")
    os.environ["XDG_CACHE_HOME"] = str(home)
    yield home
    if old is None:
        os.environ.pop("XDG_CACHE_HOME", None)
    else:
        os.environ["XDG_CACHE_HOME"] = old


@pytest.fixture(scope="module")
def default_model(cache_home: Path):
    from compare.boilerplate import load_default_model

    return load_default_model(CORPUS)  # kept in memory by load_default_model after the first build


def labels_of(model, name: str):
    from compare.parsing.pipeline import parse_file

    doc = parse_file(CORPUS / f"{name}.txt")
    return doc, model.classify(doc)


def label_containing(labels, fragment: str):
    found = [lab for lab in labels if fragment in lab.text]
    assert found, f"no sentence contains {fragment!r}"
    return found[0]
