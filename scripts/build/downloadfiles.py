"""The download files of a build: made in the pool, kept between builds.

What a download holds is `scripts.downloads`' business; this module decides
which files are made again and which are read back: a page's CSVs and
workbook under a hash of its tables, those of an indicator's page, its
appendix and a unit's page under the key of their page (`pagekeys`), the
data package under the data folder's fingerprint and the code.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import pickle
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from scripts.build import code, output, parallel
from scripts.build.pagekeys import Reuse
from scripts.data.model import Dataset, Indicator
from scripts.downloads import tables as dl
from scripts.report.compute import Results


@dataclass(frozen=True)
class Plan:
    ready: dict[str, bytes]  # the files of the pages whose tables were made before, by path
    jobs: list[dl.PageJob]  # the pages left to make
    entries: tuple[Path, ...]  # the cache entries this build uses


def plan(tables: Sequence[dl.DataTable], stamp: dt.datetime, cache: Path | None) -> Plan:
    """The files of the pages whose tables were made before (from `cache`), and the jobs of the others."""
    ready: dict[str, bytes] = {}
    jobs: list[dl.PageJob] = []
    entries: list[Path] = []
    for page, sheets in dl.by_page(tables).items():
        path = None if cache is None else cache / "downloads" / f"{workbook_key(sheets, stamp)}.pickle"
        kept = _read(path)
        if kept is not None:
            ready.update(kept)
        else:
            jobs.append(dl.PageJob(page, tuple(sheets), stamp, path))
        if path is not None:
            entries.append(path)
    return Plan(ready, jobs, tuple(entries))


def keep(jobs: Sequence[dl.PageJob], made: Sequence[dict[str, bytes]]) -> dict[str, bytes]:
    """Store what the jobs made in the cache; all of it by path."""
    out: dict[str, bytes] = {}
    for job, files_ in zip(jobs, made, strict=True):
        out.update(files_)
        if job.path is not None:
            output.write_atomic(job.path, pickle.dumps(files_, protocol=pickle.HIGHEST_PROTOCOL))
    return out


def _read(path: Path | None) -> dict[str, bytes] | None:
    if path is None:
        return None
    try:
        kept = pickle.loads(path.read_bytes())
    except (OSError, pickle.UnpicklingError, EOFError, ValueError):
        return None
    return kept if isinstance(kept, dict) else None


@dataclass(frozen=True)
class Made:
    files: dict[str, bytes]  # every download file of the pages, by path
    pages: tuple[str, ...]  # the pages whose files were made rather than taken from the cache
    entries: tuple[Path, ...]  # the cache entries used


def make(tables: Sequence[dl.DataTable], stamp: dt.datetime, cache: Path | None = None, workers: int = 1) -> Made:
    """A CSV per table and a workbook per page; from `cache` when the same tables were written before."""
    todo = plan(tables, stamp, cache)
    made = keep(todo.jobs, parallel.run(dl.page_files, todo.jobs, workers, cost=job_cost))
    return Made({**todo.ready, **made}, tuple(sorted(job.page for job in todo.jobs)), todo.entries)


def files(
    tables: Sequence[dl.DataTable], stamp: dt.datetime, cache: Path | None = None, workers: int = 1
) -> dict[str, bytes]:
    return make(tables, stamp, cache, workers).files


def job_cost(job: dl.PageJob) -> float:
    return job.cells


def workbook_key(sheets: Sequence[dl.DataTable], stamp: dt.datetime) -> str:
    h = hashlib.sha256(code.digest())
    h.update(repr((stamp, list(sheets))).encode())
    return h.hexdigest()[:24]


def make_reusing(ds: Dataset, r: Results, reuse: Reuse, cache: Path | None) -> Made:
    """`make(dl.tables(ds, r), ...)`, reading back the files of the pages whose data an earlier build had.

    The download files of an indicator's page, its appendix and a unit's page
    show the same data as the page (`scripts.build.pagekeys`): they are kept under
    the same key, so their tables are not even made when it did not change.
    The other pages' files are kept by the contents of their tables.
    """
    stamp = dl.stamp_of(ds)
    made = make(dl.shared_tables(ds, r), stamp, cache)
    out, remade = dict(made.files), list(made.pages)

    def files_of(sheets: list[dl.DataTable]) -> dict[str, bytes]:
        made_now: dict[str, bytes] = {}
        for page, its in dl.by_page(sheets).items():
            remade.append(page)
            made_now.update(dl.page_files(dl.PageJob(page, tuple(its), stamp, None)))
        return made_now

    def of_indicator(ind: Indicator) -> dict[str, bytes]:
        return files_of(dl.indicator_tables(ds, r, ind))

    def of_appendix(ind: Indicator) -> dict[str, bytes]:
        return files_of([dl.pivot_table(ds, r, ind)])

    def of_unit(code: str) -> dict[str, bytes]:
        return files_of(dl.unit_tables(ds, r, code))

    for ind in ds.indicators:
        out.update(reuse.indicator(ind.id, "downloads", functools.partial(of_indicator, ind)))
        out.update(reuse.indicator(ind.id, "appendix downloads", functools.partial(of_appendix, ind)))
    for unit, _ in r.tree:
        out.update(reuse.unit(unit.code, "downloads", functools.partial(of_unit, unit.code)))
    return Made(out, tuple(sorted(remade)), made.entries + tuple(sorted(reuse.used)))


def package_entry(ds: Dataset, cache: Path | None) -> Path | None:
    """Where the cache keeps the data package of `ds` (keyed by the data and the code)."""
    if cache is None or not ds.fingerprint:  # a data set not read from files has no fingerprint
        return None
    h = hashlib.sha256(code.digest())
    h.update(ds.fingerprint.encode())
    return cache / "downloads" / f"package-{h.hexdigest()[:24]}.zip"


def cached_package(ds: Dataset, cache: Path | None) -> bytes:
    """`dl.package(ds)`, from the cache when this data set was packed before."""
    path = package_entry(ds, cache)
    if path is not None and path.is_file():
        return path.read_bytes()
    data = dl.package(ds)
    if path is not None:
        output.write_atomic(path, data)
    return data


def generate(ds: Dataset, r: Results, cache: Path | None = None, workers: int = 1) -> dict[str, bytes]:
    """Every download file, keyed by its path under the docs root."""
    out = files(dl.tables(ds, r), dl.stamp_of(ds), cache, workers)
    out[dl.PACKAGE] = dl.package(ds)
    return out
