"""Run independent jobs across the machine's cores, with the same result as one process.

Used for what a cold build makes many of: chart drawings and the download
files of each page. A `Pool` takes jobs and lets this process go on with
other work (rendering the pages) while the workers draw; `Pending.results`
then waits for them. Jobs are handed out one at a time, largest first (by
the `cost` the caller estimates): a few large jobs handed out together in
one batch would keep one worker busy long after the others are done.
`Pool.call` runs a whole task on what was `share`d (the dataset), which
forked workers already hold: a rebuild that draws nothing still uses both cores.
Small batches stay in this process, since starting a pool costs more than they do.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import threading
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from multiprocessing.connection import Connection
from types import TracebackType
from typing import Any, Generic, TypeVar

POOL_MIN = 8  # fewer jobs than this are run in this process

# What the workers of a pool started by forking this process see as they were at the fork: large
# inputs (the dataset) that would cost more to send to a worker than to compute with. Emptied after
# each use (`sharing`), so nothing of one build outlives it in a process that builds again (`mkdocs serve`).
_SHARED: dict[str, Any] = {}


def share(**values: Any) -> None:
    """Make `values` readable by `shared` here and in the workers of pools started after this call."""
    _SHARED.update(values)


@contextlib.contextmanager
def sharing(**values: Any) -> Iterator[None]:
    """`share(**values)` for the length of the block only."""
    share(**values)
    try:
        yield
    finally:
        for name in values:
            _SHARED.pop(name, None)


def shared(name: str) -> Any:
    return _SHARED[name]


def forkable() -> bool:
    """Whether workers can be forks of this process: not safe once other threads run (as under `mkdocs serve`)."""
    return "fork" in multiprocessing.get_all_start_methods() and threading.active_count() == 1


J = TypeVar("J")
R = TypeVar("R")


class Pending(Generic[R]):
    """The results of jobs given to a `Pool`, in the order of the jobs (`call`: a list of one)."""

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
        self._forked = False

    def submit(self, func: Callable[[J], R], jobs: Sequence[J], cost: Callable[[J], float] | None = None) -> Pending[R]:
        """Start `[func(j) for j in jobs]`: in the pool when there are cores and jobs enough (or the pool runs
        already), else when asked."""
        if self.workers < 2 or not jobs or (len(jobs) < POOL_MIN and self._executor is None):
            return Pending(later=lambda: [func(j) for j in jobs])
        executor = self._start()
        order = sorted(range(len(jobs)), key=lambda i: -cost(jobs[i])) if cost else range(len(jobs))
        futures: dict[int, Future[R]] = {i: executor.submit(func, jobs[i]) for i in order}
        return Pending([futures[i] for i in range(len(jobs))])

    def call(self, func: Callable[[], R]) -> Pending[R]:
        """Start `func()`, which reads what was `share`d: in a worker forked from this process, else when asked."""
        if self.workers < 2 or not (self._forked or (self._executor is None and forkable())):
            return Pending(later=lambda: [func()])
        return Pending([self._start().submit(func)])

    def _start(self) -> ProcessPoolExecutor:
        if self._executor is None:
            self._forked = forkable()  # forking is cheapest, when safe
            context = multiprocessing.get_context("fork" if self._forked else "spawn")
            self._executor = ProcessPoolExecutor(max_workers=self.workers, mp_context=context)
        return self._executor

    def __enter__(self) -> Pool:
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None, tb: TracebackType | None) -> None:
        if self._executor is not None:
            self._executor.shutdown(wait=True, cancel_futures=error is not None)
            self._executor = None


class Background:
    """A task whose result no file of the build waits for (keeping the dataset for the next build).

    It runs in a process forked now, beside everything the build does after,
    and `wait` waits for it at the build's end. With `held`, the process is
    forked now but starts the task only at `go`: a forked process holds from
    the start all the memory its parent held then, so it is forked while the
    build is small and set going when a core is free. With one worker asked
    for, or when forking is not safe (`forkable`), it runs when waited for.
    `wait` tells whether it succeeded: a task that failed leaves the build
    whole; `cancel` ends a held task that was never set going.
    """

    def __init__(self, task: Callable[[], object], workers: int, held: bool = False) -> None:
        self._task: Callable[[], object] | None = task
        self._process: multiprocessing.process.BaseProcess | None = None
        self._go: Connection | None = None
        self.ok: bool | None = None
        if workers >= 2 and forkable():
            context = multiprocessing.get_context("fork")
            wait_for = None
            if held:
                wait_for, self._go = context.Pipe(duplex=False)
            self._process = context.Process(target=_quietly, args=(task, wait_for, self._go))
            self._process.start()
            if wait_for is not None:
                wait_for.close()  # the process's end: it sees the pipe closed if this process ends first
            self._task = None

    def go(self) -> None:
        """Set a held task going."""
        if self._go is not None:
            self._go.send(True)
            self._go.close()
            self._go = None

    def cancel(self) -> None:
        """End a held task that was never set going, and wait for its process."""
        if self._go is not None:
            self._go.send(False)
            self._go.close()
            self._go = None
        if self._process is not None:
            self._process.join()
        self._task = self._process = None
        self.ok = False

    def wait(self) -> bool:
        if self.ok is None:
            self.go()
            if self._process is not None:
                self._process.join()
                self.ok = self._process.exitcode == 0
            else:
                self.ok = _succeeds(self._task) if self._task else True
            self._task = self._process = None
        return self.ok


def _quietly(task: Callable[[], object], wait_for: Connection | None = None, go: Connection | None = None) -> None:
    if go is not None:
        go.close()  # the parent's end: with it closed here, the pipe closes when the parent ends
    if wait_for is not None:
        try:
            going = wait_for.recv()
        except EOFError:  # the build ended without setting it going
            going = False
        wait_for.close()
        if not going:
            raise SystemExit(1)
    raise SystemExit(0 if _succeeds(task) else 1)


def _succeeds(task: Callable[[], object]) -> bool:
    try:
        task()
    except Exception:  # what it keeps is made again by the next build
        return False
    return True


def run(func: Callable[[J], R], jobs: Sequence[J], workers: int, cost: Callable[[J], float] | None = None) -> list[R]:
    """`[func(j) for j in jobs]`, in a process pool when there are cores and jobs enough."""
    with Pool(min(workers, len(jobs))) as pool:
        return pool.submit(func, jobs, cost).results()
