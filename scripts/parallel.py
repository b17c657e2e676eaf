"""Run independent jobs across the machine's cores, with the same result as one process.

Used for what a cold build makes many of: chart drawings and the download
files of each page. A `Pool` takes jobs and lets this process go on with
other work (rendering the pages) while the workers draw; `Pending.results`
then waits for them. Jobs are handed out one at a time, largest first (by
the `cost` the caller estimates): a few large jobs handed out together in
one batch would keep one worker busy long after the others are done.
Small batches stay in this process, since starting a pool costs more than they do.
"""

from __future__ import annotations

import multiprocessing
import threading
from collections.abc import Callable, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from types import TracebackType
from typing import Generic, TypeVar

POOL_MIN = 8  # fewer jobs than this are run in this process

J = TypeVar("J")
R = TypeVar("R")


class Pending(Generic[R]):
    """The results of jobs given to a `Pool`, in the order of the jobs."""

    def __init__(self, futures: list[Future[R]] | None = None, later: Callable[[], list[R]] | None = None) -> None:
        self._futures = futures or []
        self._later = later

    def results(self) -> list[R]:
        if self._later is not None:
            return self._later()
        return [f.result() for f in self._futures]


class Pool:
    """Worker processes for the jobs of one build; `with Pool(n) as pool: pool.submit(...)`."""

    def __init__(self, workers: int) -> None:
        self.workers = workers
        self._executor: ProcessPoolExecutor | None = None

    def submit(self, func: Callable[[J], R], jobs: Sequence[J], cost: Callable[[J], float] | None = None) -> Pending[R]:
        """Start `[func(j) for j in jobs]`: in the pool when there are cores and jobs enough, else when asked."""
        if self.workers < 2 or len(jobs) < POOL_MIN:
            return Pending(later=lambda: [func(j) for j in jobs])
        executor = self._start()
        order = sorted(range(len(jobs)), key=lambda i: -cost(jobs[i])) if cost else range(len(jobs))
        futures: dict[int, Future[R]] = {i: executor.submit(func, jobs[i]) for i in order}
        return Pending([futures[i] for i in range(len(jobs))])

    def _start(self) -> ProcessPoolExecutor:
        if self._executor is None:
            # Forking is cheapest, but not safe once other threads run (as under `mkdocs serve`).
            forkable = "fork" in multiprocessing.get_all_start_methods() and threading.active_count() == 1
            context = multiprocessing.get_context("fork" if forkable else "spawn")
            self._executor = ProcessPoolExecutor(max_workers=self.workers, mp_context=context)
        return self._executor

    def __enter__(self) -> Pool:
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None, tb: TracebackType | None) -> None:
        if self._executor is not None:
            self._executor.shutdown(wait=True, cancel_futures=error is not None)
            self._executor = None


def run(func: Callable[[J], R], jobs: Sequence[J], workers: int, cost: Callable[[J], float] | None = None) -> list[R]:
    """`[func(j) for j in jobs]`, in a process pool when there are cores and jobs enough."""
    with Pool(min(workers, len(jobs))) as pool:
        return pool.submit(func, jobs, cost).results()
