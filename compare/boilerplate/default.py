"""The default model: built from the bundled `corpus/`, cached, rebuilt when the corpus changes.

The cache file lives in the user cache directory (`platformdirs.user_cache_dir`), named after
a hash of the corpus files (names and contents, manifest included) and the model version, so
a changed, added or removed report gives a new name and a rebuild; only the newest few
cached models are kept.
`$COMPARE_REPORTS_CORPUS` (or an argument) points at another corpus.
"""

from __future__ import annotations

import hashlib
import threading
from pathlib import Path

from compare.boilerplate.model import VERSION, BoilerplateModel, ProgressCallback
from compare.boilerplate.token_cache import KEEP
from compare.errors import ReportError
from compare.files.folders import cache_dir
from compare.files.fingerprint import source_fingerprint
from compare.files.reading import read_limited
from compare.parsing.corpus import corpus_dir, list_reports

CACHE_PREFIX = "boilerplate-model-"
_lock = threading.Lock()
_loaded: dict[Path, BoilerplateModel] = {}


def corpus_files(folder: Path) -> list[Path]:
    return [entry.path for entry in list_reports(folder)]


def corpus_fingerprint(folder: Path, group_by: str = "kind") -> str:
    """sha256 over the model version, grouping, the code that builds the model (parsing, text,
    boilerplate: `source_fingerprint`) and every report file's name and bytes."""
    code = source_fingerprint(("parsing", "text", "boilerplate"))
    h = hashlib.sha256(f"v{VERSION}|{group_by}|{code}\n".encode())
    files = corpus_files(folder)
    manifest = folder / "manifest.yaml"
    for path in ([manifest] if manifest.is_file() else []) + files:
        h.update(path.name.encode("utf-8") + b"\0")
        h.update(hashlib.sha256(read_limited(path, "report file")).digest())
    return h.hexdigest()


def cached_model_path(fingerprint: str) -> Path:
    return cache_dir() / f"{CACHE_PREFIX}{fingerprint[:24]}.json.gz"


def load_default_model(
    corpus: str | Path | None = None,
    *,
    group_by: str = "kind",
    rebuild: bool = False,
    progress: ProgressCallback | None = None,
    workers: int | None = None,
    cached_only: bool = False,
) -> BoilerplateModel:
    """The model of `corpus` (default: the bundled corpus), from the cache or freshly built.

    Reports are grouped into reference sets by `group_by` ("kind": all agencies of a kind,
    "agency": one agency's own years, "none": the whole corpus). With `cached_only`, a model
    that is not built yet is not built (that takes half a minute over the bundled corpus):
    `ReportError` instead, for a presenter that only dims boilerplate when it can do so at once.
    """
    folder = Path(corpus) if corpus is not None else corpus_dir()
    if not folder.is_dir():
        raise ReportError(folder, "no such corpus folder (set COMPARE_REPORTS_CORPUS or pass one)")
    fingerprint = corpus_fingerprint(folder, group_by)
    target = cached_model_path(fingerprint)
    with _lock:
        if not rebuild and target in _loaded:
            return _loaded[target]
        model = None
        if not rebuild and target.is_file():
            try:
                model = BoilerplateModel.load(target)
            except ReportError:
                model = None  # a broken cache file is rebuilt, never trusted
            if model is not None and model.corpus_hash != fingerprint:
                model = None
        if model is None and cached_only:
            raise ReportError(folder, "no boilerplate model built yet (`compare-reports model build` makes it)")
        if model is None:
            files = corpus_files(folder)
            if not files:
                raise ReportError(folder, "no reports in the corpus folder")
            model = BoilerplateModel.build_from_paths(
                files,
                group_by=group_by,
                workers=workers,
                progress=progress,
                corpus_hash=fingerprint,
                keep_words=len(files) <= KEEP // 2,  # corpus reports are the ones users open
            )
            try:
                model.save(target)
                _remove_stale(target)
            except OSError:
                pass  # no writable cache: the model still works for this run
        _loaded[target] = model
        return model


def _remove_stale(keep: Path, kept: int = 3) -> None:
    """Keep the newest few cached models (a user may switch between corpora), drop the rest."""
    files = sorted(keep.parent.glob(f"{CACHE_PREFIX}*.json.gz"), key=_mtime, reverse=True)
    for old in [f for f in files if f != keep][kept - 1 :]:
        try:
            old.unlink()
        except OSError:
            pass


def _mtime(path: Path) -> float:
    try:
        return path.stat().st_mtime
    except OSError:
        return 0.0
