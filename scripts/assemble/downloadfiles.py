"""The download files of a build: made in the pool, kept between builds.

What a download holds is `scripts.downloads`' business; this module decides
which files are made again and which are read back: a page's CSVs and
workbook under a hash of its tables, those of an indicator's page, its
appendix and a unit's page under the key of their page (`pagekeys`), the
data package and the report's Word document under the data folder's
fingerprint and the code.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from scripts.assemble import parallel
from scripts.cache import code
from scripts.cache.pagekeys import Reuse
from scripts.cache.store import Store
from scripts.data import editions
from scripts.data.model import Dataset, Indicator, Value
from scripts.downloads import tables as dl
from scripts.downloads import templates, word
from scripts.report.compute import Results

KIND = "downloads"
PACKAGE_LINES = "package lines"  # an indicator's lines of the data package's values.csv (kept as a page is)


@dataclass(frozen=True)
class Made:
    files: dict[str, bytes]  # every download file of the pages, by path
    pages: tuple[str, ...]  # the pages whose files were made rather than taken from the store


def make(
    tables: Sequence[dl.DataTable], stamp: dt.datetime, store: Store | None = None, workers: int = 1, notice: str = ""
) -> Made:
    """A CSV per table and a workbook per page; from `store` when the same tables were written before.

    `notice`: the internal edition's, in every workbook (`xlsx.workbook`).
    """
    store = Store(None) if store is None else store
    ready: dict[str, bytes] = {}
    jobs: list[tuple[dl.PageJob, str]] = []
    for page, sheets in dl.by_page(tables).items():
        key = workbook_key(sheets, stamp, notice)
        kept = store.load(KIND, key)
        if isinstance(kept, dict):
            ready.update(kept)
        else:
            jobs.append((dl.PageJob(page, tuple(sheets), stamp, notice), key))
    made = parallel.run(dl.page_files, [job for job, _ in jobs], workers, cost=job_cost)
    for (_, key), files in zip(jobs, made, strict=True):
        ready.update(files)
        store.dump(KIND, key, files)
    return Made(ready, tuple(sorted(job.page for job, _ in jobs)))


def job_cost(job: dl.PageJob) -> float:
    return job.cells


def workbook_key(sheets: Sequence[dl.DataTable], stamp: dt.datetime, notice: str = "") -> str:
    h = hashlib.sha256(code.digest())
    h.update(repr((stamp, notice, list(sheets))).encode())
    return h.hexdigest()[:24]


def make_reusing(ds: Dataset, r: Results, reuse: Reuse, store: Store, notice: str = "") -> Made:
    """`make(dl.tables(ds, r), ...)`, reading back the files of the pages whose data an earlier build had.

    The download files of an indicator's page, its appendix and a unit's page
    show the same data as the page (`scripts.cache.pagekeys`): they are kept under
    the same key, so their tables are not even made when it did not change.
    The other pages' files are kept by the contents of their tables.
    """
    stamp = dl.stamp_of(ds)
    made = make(dl.shared_tables(ds, r, reuse), stamp, store, notice=notice)
    out, remade = dict(made.files), list(made.pages)

    def files_of(sheets: list[dl.DataTable]) -> dict[str, bytes]:
        made_now: dict[str, bytes] = {}
        for page, its in dl.by_page(sheets).items():
            remade.append(page)
            made_now.update(dl.page_files(dl.PageJob(page, tuple(its), stamp, notice)))
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
    return Made(out, tuple(sorted(remade)))


def cached_package(ds: Dataset, store: Store, reuse: Reuse | None = None, notice: str = "") -> bytes:
    """`dl.package(ds, notice=notice)`, from `store` when this data set was packed before (the data, the code).

    With `reuse`, the lines of `values.csv` of an indicator whose values an
    earlier build packed are read back (`pagekeys`): an edit of one value
    writes the lines of one indicator again, not of every value.
    """
    if not ds.fingerprint:  # a data set not read from files has no fingerprint
        return dl.package(ds, notice=notice)
    h = hashlib.sha256(code.digest())
    h.update(f"{ds.fingerprint}\0{notice}".encode())
    key = f"package-{h.hexdigest()[:24]}"
    data = store.get(KIND, key)
    if data is None:
        lines = dl.values_part if reuse is None else functools.partial(_kept_lines, reuse)
        data = dl.package(ds, lines, notice)
        store.put(KIND, key, data)
    elif reuse is not None:  # the lines stay kept for the next edit
        for ind in ds.indicators:
            reuse.keep_indicator(ind.id, PACKAGE_LINES)
    return data


def _kept_lines(reuse: Reuse, indicator: Indicator, values: Sequence[Value]) -> dl.Part:
    make = functools.partial(dl.values_part, indicator, values)
    return reuse.indicator(indicator.id, PACKAGE_LINES, make, count=False)


def cached_report(ds: Dataset, r: Results, store: Store, edition: str = editions.INTERNAL) -> bytes:
    """`word.document(ds, r, edition)`, the report as a Word document, from `store` when it was written before."""
    if not ds.fingerprint:
        return word.document(ds, r, edition)
    h = hashlib.sha256(code.digest())
    h.update(f"{ds.fingerprint}|{edition}".encode())
    key = f"report-{h.hexdigest()[:24]}"
    data = store.get(KIND, key)
    if data is None:
        data = word.document(ds, r, edition)
        store.put(KIND, key, data)
    return data


def cached_templates(folder: Path, store: Store) -> dict[str, bytes]:
    """The data-entry templates of the tables in `folder` (`scripts.downloads.templates`), by path.

    Each is kept under a hash of the files it is made from (its table's and
    those its drop-down lists name) and the code: an edited value remakes
    only the template of the values.
    """
    source = templates.Source(folder)  # reads a table only when a template needs it
    out: dict[str, bytes] = {}
    for table in templates.TABLES.values():
        filled = templates.filled_on_site(folder, table.name)
        h = hashlib.sha256(code.digest())
        h.update(f"{table.name}\0{source.number_format}\0{filled}\0".encode())
        for name in templates.inputs(table.name):
            if name == table.name and not filled:
                continue  # its rows are not in it: an edited value changes nothing of it
            for suffix in (".csv", ".xlsx"):
                path = folder / f"{name}{suffix}"
                h.update(f"{path.name}\0".encode())
                if path.is_file():
                    h.update(hashlib.sha256(path.read_bytes()).digest())
        key = f"template-{table.name}-{h.hexdigest()[:24]}"
        data = store.get(KIND, key)
        if data is None:
            data = templates.workbook(table, source, with_rows=filled)
            store.put(KIND, key, data)
        out[templates.path(table.name)] = data
    return out
