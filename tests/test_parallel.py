"""Jobs run in the pool give what they give in one process, in the order they were given."""

from __future__ import annotations

import os

from scripts.build import parallel


def square(n: int) -> int:
    return n * n


def pid(_: int) -> int:
    return os.getpid()


def test_jobs_handed_out_largest_first_come_back_in_the_order_given() -> None:
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
