"""Fixtures for the boilerplate tests: the model of the bundled corpus, built once per session
into a temporary cache (never the user's), and helpers to find sentences in real reports."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from .conftest import CORPUS


@pytest.fixture(scope="session")
def cache_home(tmp_path_factory: pytest.TempPathFactory):
    """XDG_CACHE_HOME pointing at a temporary folder for the whole session (CLI runs inherit it)."""
    home = tmp_path_factory.mktemp("cache-home")
    old = os.environ.get("XDG_CACHE_HOME")
    os.environ["XDG_CACHE_HOME"] = str(home)
    yield home
    if old is None:
        os.environ.pop("XDG_CACHE_HOME", None)
    else:
        os.environ["XDG_CACHE_HOME"] = old


@pytest.fixture(scope="session")
def default_model(cache_home: Path):
    from compare.boilerplate import load_default_model

    return load_default_model(CORPUS)


def labels_of(model, name: str):
    from compare.parse import parse_file

    doc = parse_file(CORPUS / f"{name}.txt")
    return doc, model.classify(doc)


def label_containing(labels, fragment: str):
    found = [lab for lab in labels if fragment in lab.text]
    assert found, f"no sentence contains {fragment!r}"
    return found[0]
