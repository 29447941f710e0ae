"""The per-report work of a batch run on a Dask cluster gives the same results as one process."""

from __future__ import annotations

import shutil

import pytest

from tests.conftest import CORPUS

pytest.importorskip("dask.distributed")

NAMES = [f"state-council-{y}.txt" for y in range(2012, 2018)] + ["anhui-2026.txt", "henan-2026.txt"]


def test_local_dask_cluster_matches_the_single_machine_run(tmp_path):
    from compare.batch.pipeline import BatchOptions, run_batch

    corpus = tmp_path / "reports"
    corpus.mkdir()
    for name in NAMES:
        shutil.copy(CORPUS / name, corpus / name)
    shutil.copy(CORPUS / "manifest.yaml", corpus / "manifest.yaml")

    clustered = run_batch(corpus, BatchOptions(cache=tmp_path / "c1", jobs=2, cluster="local"))
    single = run_batch(corpus, BatchOptions(cache=tmp_path / "c2", jobs=1))

    assert clustered.corpus.parsed == len(NAMES)  # every report was parsed on the cluster
    assert [r.rel for r in clustered.corpus.reports] == [r.rel for r in single.corpus.reports]
    assert clustered.pair_similarity == pytest.approx(single.pair_similarity)
    assert clustered.words is not None and single.words is not None
    assert clustered.words.reports == single.words.reports
    assert clustered.words.steps == single.words.steps
    assert [p.chars for p in clustered.passages] == [p.chars for p in single.passages]
