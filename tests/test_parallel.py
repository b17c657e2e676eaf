"""Jobs run in the pool give what they give in one process, in the order they were given."""

from __future__ import annotations

import functools
import os
import time
from collections.abc import Callable
from concurrent.futures import Future
from pathlib import Path
from typing import Any, ClassVar

import pytest

from scripts.assemble import parallel


def square(n: int) -> int:
    return n * n


def pid(_: int) -> int:
    return os.getpid()


class HandingOut:
    """In place of the process pool: runs each job as it is handed out, and remembers the order."""

    handed: ClassVar[list[int]] = []

    def __init__(self, max_workers: int, mp_context: Any) -> None:
        HandingOut.handed = []

    def submit(self, func: Callable[[int], int], job: int) -> Future[int]:
        HandingOut.handed.append(job)
        done: Future[int] = Future()
        done.set_result(func(job))
        return done

    def shutdown(self, wait: bool, cancel_futures: bool) -> None:
        pass


def test_jobs_are_handed_out_largest_first_and_come_back_in_the_order_given(monkeypatch: pytest.MonkeyPatch) -> None:
    jobs = [3, 11, 5, 8, 1, 13, 2, 21, 34, 0]
    monkeypatch.setattr(parallel, "ProcessPoolExecutor", HandingOut)
    assert parallel.run(square, jobs, workers=2, cost=lambda n: n) == [n * n for n in jobs]
    assert HandingOut.handed == sorted(jobs, reverse=True)


def test_jobs_run_in_worker_processes_come_back_in_the_order_given() -> None:
    jobs = [3, 11, 5, 8, 1, 13, 2, 21, 34, 0]
    assert parallel.run(square, jobs, workers=2, cost=lambda n: n) == [n * n for n in jobs]


def test_a_pool_works_while_this_process_goes_on() -> None:
    with parallel.Pool(2) as pool:
        first = pool.submit(square, list(range(20)))
        second = pool.submit(pid, list(range(20)), cost=float)
        assert first.results() == [n * n for n in range(20)]
        assert os.getpid() not in second.results()


def test_few_jobs_or_one_core_stay_in_this_process() -> None:
    assert parallel.run(pid, list(range(parallel.POOL_MIN - 1)), workers=2) == [os.getpid()] * (parallel.POOL_MIN - 1)
    assert parallel.run(pid, list(range(20)), workers=1) == [os.getpid()] * 20


def shared_twice() -> tuple[int, int]:
    return parallel.shared("n") * 2, os.getpid()


def test_a_task_reads_what_was_shared_before_the_pool_started() -> None:
    parallel.share(n=21)
    with parallel.Pool(2) as pool:
        [(doubled, worker)] = pool.call(shared_twice).results()
    assert doubled == 42
    assert (worker != os.getpid()) == parallel.forkable()  # in a fork when forking is safe, else here


def test_a_held_background_task_starts_only_when_set_going(tmp_path: Path) -> None:
    mark = tmp_path / "done"
    held = parallel.Background(functools.partial(mark.write_text, "kept"), workers=2, held=True)
    time.sleep(0.3)
    assert not mark.exists()  # forked, waiting
    held.go()
    assert held.wait() and mark.read_text() == "kept"


def test_a_held_background_task_cancelled_never_runs(tmp_path: Path) -> None:
    mark = tmp_path / "done"
    held = parallel.Background(functools.partial(mark.write_text, "kept"), workers=2, held=True)
    held.cancel()
    assert not held.wait() and not mark.exists()
