"""Running batch work in this process, in `--jobs N` processes, or on a Dask cluster.

Tasks are submitted through a bounded window, so a corpus of 100,000 files is never read
into memory ahead of the workers. Results come back in completion order; every task
carries what its results need to be placed.
"""

from __future__ import annotations

import multiprocessing
import os
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
from typing import Any, Callable, Iterable, Iterator, Protocol, TypeVar

from compare.errors import ReportError

T = TypeVar("T")
R = TypeVar("R")


class Runner(Protocol):
    jobs: int

    def map(self, fn: Callable[[T], R], tasks: Iterable[T]) -> Iterator[R]: ...

    def close(self) -> None: ...


class SerialRunner:
    """Everything in this process: the default for one job, and for tests."""

    jobs = 1

    def map(self, fn: Callable[[T], R], tasks: Iterable[T]) -> Iterator[R]:
        for task in tasks:
            yield fn(task)

    def close(self) -> None:
        pass


def _mp_context() -> multiprocessing.context.BaseContext:
    methods = multiprocessing.get_all_start_methods()
    # forkserver: no fork of a process that may run threads (the progress bar), cheap starts
    return multiprocessing.get_context("forkserver" if "forkserver" in methods else "spawn")


class ProcessRunner:
    """`jobs` worker processes on this machine."""

    def __init__(self, jobs: int) -> None:
        self.jobs = jobs
        self._pool = ProcessPoolExecutor(max_workers=jobs, mp_context=_mp_context())

    def map(self, fn: Callable[[T], R], tasks: Iterable[T]) -> Iterator[R]:
        window = self.jobs * 3
        pending: set[Any] = set()
        source = iter(tasks)
        exhausted = False
        while True:
            while not exhausted and len(pending) < window:
                try:
                    pending.add(self._pool.submit(fn, next(source)))
                except StopIteration:
                    exhausted = True
            if not pending:
                return
            done, pending = wait(pending, return_when=FIRST_COMPLETED)
            for future in done:
                yield future.result()

    def close(self) -> None:
        self._pool.shutdown(cancel_futures=True)


class DaskRunner:
    """Tasks on a Dask cluster: `address` of a scheduler, or "local" for a LocalCluster."""

    def __init__(self, address: str, jobs: int) -> None:
        try:
            from dask.distributed import (  # optional extra, heavy: only with --cluster
                Client,
                LocalCluster,
            )
        except ImportError:
            raise ReportError(
                "--cluster", "needs Dask: pip install 'compare-reports[cluster]'"
            ) from None
        self._cluster = None
        if address == "local":
            self._cluster = LocalCluster(
                n_workers=jobs, threads_per_worker=1, processes=True, dashboard_address=None
            )
            self._client = Client(self._cluster)
        else:
            try:
                self._client = Client(address, timeout=30)
            except (OSError, TimeoutError, ValueError) as err:
                raise ReportError(address, f"cannot reach the Dask scheduler ({err})") from None
        workers = self._client.scheduler_info().get("workers", {})
        self.jobs = max(1, sum(w.get("nthreads", 1) for w in workers.values()))

    def map(self, fn: Callable[[T], R], tasks: Iterable[T]) -> Iterator[R]:
        # optional extra, heavy: only with --cluster
        from dask.distributed import as_completed

        window = self.jobs * 3
        source = iter(tasks)
        futures = []
        for task in source:
            futures.append(self._client.submit(fn, task, pure=False))
            if len(futures) >= window:
                break
        stream = as_completed(futures)
        for future in stream:
            yield future.result()
            future.release()
            following = next(source, None)
            if following is not None:
                stream.add(self._client.submit(fn, following, pure=False))

    def close(self) -> None:
        self._client.close()
        if self._cluster is not None:
            self._cluster.close()


def make_runner(jobs: int | None = None, cluster: str | None = None) -> Runner:
    """The runner the options ask for: serial for one job, processes, or a Dask cluster."""
    jobs = jobs if jobs and jobs > 0 else (os.cpu_count() or 1)
    if cluster:
        return DaskRunner(cluster, jobs)
    if jobs == 1:
        return SerialRunner()
    return ProcessRunner(jobs)


def chunked(items: Iterable[T], size: int) -> Iterator[list[T]]:
    batch: list[T] = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch
