"""Run independent jobs across the machine's cores, with the same result as one process.

Used for what a cold build makes many of: chart drawings and download workbooks.
Small batches stay in this process, since starting a pool costs more than they do.
"""

from __future__ import annotations

import multiprocessing
import threading
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from typing import TypeVar

POOL_MIN = 8  # fewer jobs than this are run in this process

J = TypeVar("J")
R = TypeVar("R")


def run(func: Callable[[J], R], jobs: Sequence[J], workers: int) -> list[R]:
    """`[func(j) for j in jobs]`, in a process pool when there are cores and jobs enough."""
    if workers < 2 or len(jobs) < POOL_MIN:
        return [func(j) for j in jobs]
    # Forking is cheapest, but not safe once other threads run (as under `mkdocs serve`).
    forkable = "fork" in multiprocessing.get_all_start_methods() and threading.active_count() == 1
    context = multiprocessing.get_context("fork" if forkable else "spawn")
    with ProcessPoolExecutor(max_workers=min(workers, len(jobs)), mp_context=context) as pool:
        return list(pool.map(func, jobs, chunksize=max(1, len(jobs) // (workers * 4))))
